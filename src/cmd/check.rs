//! `budget-consolidator check FILE…`: the per-file checks on single workbooks, for
//! an area lead before sending. Writes nothing but the optional JSON report.

use super::Outcome;
use crate::consolidate::consolidate;
use crate::error::Error;
use crate::finding::Severity;
use crate::lang::Lang;
use crate::load::{Loaded, Status};
use crate::report::{self, Counts};
use crate::settings::CheckSettings;

pub fn run(s: &CheckSettings, lang: Lang, quiet: bool) -> Result<Outcome, Error> {
    let inputs: Vec<(std::path::PathBuf, String)> = s
        .files
        .iter()
        .map(|p| (p.clone(), p.display().to_string()))
        .collect();
    let mut files: Vec<Loaded> = super::load_all(&inputs, s.feedback.is_some(), quiet);
    for f in &mut files {
        f.status = if f.plan.is_some() && !f.has_errors() {
            Status::Included
        } else {
            Status::Errors
        };
    }
    let budget_year = files
        .iter()
        .find_map(|f| f.plan.as_ref().map(|p| p.meta.budget_year));
    let years = files
        .iter()
        .find_map(|f| f.plan.as_ref().map(|p| p.plan.years.clone()))
        .unwrap_or_default();
    let cons = consolidate(&files, budget_year, &years, None);
    let findings = super::ordered_findings(&files, &[], &[]);
    let errors = findings.iter().any(|f| f.severity == Severity::Error);
    if let Some(path) = &s.json {
        let status = if errors { "errors" } else { "ok" };
        let json = report::json::to_string(&report::json::report(&cons, &findings, status, lang));
        crate::write::save_atomically((json + "\n").as_bytes(), path).map_err(|e| Error::Json {
            path: path.clone(),
            reason: e.to_string(),
        })?;
    }
    let counts = Counts::of(files.len(), &cons, &findings);
    let feedback = match &s.feedback {
        Some(dir) => super::write_feedback(dir, &files, &findings, lang, false)?,
        None => Vec::new(),
    };
    let mut out = report::terminal::render(if quiet { &[] } else { &findings }, &counts, lang);
    super::list_feedback(&mut out, &feedback, lang);
    let one = files.len() == 1;
    out.push_str(match (errors, one) {
        (true, true) => lang.pick(
            "Rätta felen innan du skickar filen.\n",
            "Correct the errors before sending the file.\n",
        ),
        (true, false) => lang.pick(
            "Rätta felen innan du skickar filerna.\n",
            "Correct the errors before sending the files.\n",
        ),
        (false, true) => lang.pick("Filen kan skickas.\n", "The file is ready to send.\n"),
        (false, false) => lang.pick("Filerna kan skickas.\n", "The files are ready to send.\n"),
    });
    print!("{out}");
    Ok(Outcome { errors })
}
