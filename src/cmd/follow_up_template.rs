//! `budget-consolidator follow-up template [DIR] --out DIR2 …`: the follow-up
//! computed exactly as `follow-up` computes it (plan, actuals, previous forecasts),
//! then one forecast workbook per included area of the plan,
//! `DIR2/<area>-prognos-<år>-<MM>.xlsx`. An area whose plan has errors gets none
//! (its findings are listed); the exit status is as `follow-up`'s.

use super::Outcome;
use crate::error::Error;
use crate::finding::Severity;
use crate::labels::terminal;
use crate::lang::Lang;
use crate::report;
use crate::settings::FollowUpTemplateSettings;
use crate::write::forecast_template::{self, Line, Spec};
use std::path::{Path, PathBuf};

pub fn run(s: &FollowUpTemplateSettings, lang: Lang, quiet: bool) -> Result<Outcome, Error> {
    let computed = super::follow_up::compute(&s.follow_up, quiet)?;
    let fu = &computed.fu;
    let out_dir = &s.follow_up.plan.out_dir;
    let threshold = s.follow_up.options.comment_threshold;
    let mut written = Vec::new();
    for area in &computed.areas {
        let spec = spec_for(area, fu, threshold);
        let path = write_template(out_dir, &spec)?;
        written.push((path, spec.lines.len()));
    }
    let errors = computed
        .findings
        .iter()
        .any(|f| f.severity == Severity::Error);
    let shown: Vec<_> = if quiet {
        Vec::new()
    } else {
        computed
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .cloned()
            .collect()
    };
    let mut out = report::terminal::findings(&shown, lang);
    if !out.is_empty() {
        out.push('\n');
    }
    for (path, n) in &written {
        out.push_str(&terminal::forecast_template_written(
            path,
            *n,
            fu.budget_year,
            fu.period,
            lang,
        ));
    }
    if errors {
        out.push_str(terminal::no_forecast_template(lang));
    }
    print!("{out}");
    Ok(Outcome { errors })
}

/// One area's forecast workbook: its initiatives with the plan's budget, the
/// ledger's actuals and the last forecast (the budget where there is none).
fn spec_for(
    area: &crate::follow_up::PlanArea,
    fu: &crate::follow_up::FollowUp,
    threshold: rust_decimal::Decimal,
) -> Spec {
    let lines: Vec<Line> = fu
        .initiatives
        .iter()
        .filter(|i| i.area == area.area)
        .map(|i| {
            let previous = i.has_forecast.then_some(i.figures.forecast);
            Line {
                name: i.initiative.clone(),
                projects: i.projects.clone(),
                budget: i.figures.budget,
                budget_to_date: i.figures.budget_to_date,
                actual: i.figures.actual,
                previous,
                forecast: previous.unwrap_or(i.figures.budget),
                comment: i.comment.clone(),
            }
        })
        .collect();
    Spec {
        area: area.area.clone(),
        budget_year: fu.budget_year,
        period: fu.period,
        threshold,
        lines,
        version: "1.0".into(),
        lead: None,
        date: None,
    }
}

/// The forecast workbook of `spec`, written into `out_dir`; its path.
fn write_template(out_dir: &Path, spec: &Spec) -> Result<PathBuf, Error> {
    let path = out_dir.join(forecast_template::file_name(
        &spec.area,
        spec.budget_year,
        spec.period,
    ));
    let bytes = forecast_template::build(spec).map_err(|e| Error::Output {
        path: path.clone(),
        reason: e.to_string().into(),
    })?;
    crate::write::save_atomically(&bytes, &path).map_err(|e| Error::Output {
        path: path.clone(),
        reason: e.into(),
    })?;
    Ok(path)
}
