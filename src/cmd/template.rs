//! `budget-consolidator template …`: writes blank templates, one per area.

use super::Outcome;
use crate::error::Error;
use crate::labels::terminal;
use crate::lang::Lang;
use crate::settings::TemplateSettings;
use crate::write;

pub fn run(s: &TemplateSettings, lang: Lang) -> Result<Outcome, Error> {
    for (spec, path) in &s.templates {
        let bytes = write::template::build(spec).map_err(|e| Error::Output {
            path: path.clone(),
            reason: e.to_string().into(),
        })?;
        write::save_atomically(&bytes, path).map_err(|e| Error::Output {
            path: path.clone(),
            reason: e.into(),
        })?;
        println!(
            "{}",
            terminal::template_written(
                path,
                &spec.area,
                spec.budget_year,
                &years(&spec.years),
                lang
            )
        );
    }
    Ok(Outcome { errors: false })
}

fn years(years: &[i32]) -> String {
    crate::validate::area::years_text(years)
}
