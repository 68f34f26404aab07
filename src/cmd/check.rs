//! `budget-consolidator check FILE…`: the per-file checks on single workbooks, for
//! an area lead before sending. Writes nothing but the optional JSON report.

use super::Outcome;
use crate::consolidate::consolidate;
use crate::error::Error;
use crate::finding::{Finding, Kind, Severity};
use crate::labels::terminal;
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
            reason: e.into(),
        })?;
    }
    let counts = Counts::of(files.len(), &cons, &findings);
    let feedback = match &s.feedback {
        Some(dir) => super::write_feedback(dir, &files, &findings, lang, false)?,
        None => Vec::new(),
    };
    let mut out = report::terminal::findings(if quiet { &[] } else { &findings }, lang);
    if !out.is_empty() {
        out.push('\n');
    }
    out.push_str(&terminal::check_summary(
        (counts.errors, counts.warnings, counts.infos),
        files.len() == 1,
        lang,
    ));
    let mut unfilled = false;
    for f in &files {
        let mine: Vec<&Finding> = findings
            .iter()
            .filter(|x| x.file.as_deref() == Some(f.file.as_str()))
            .collect();
        let left = left_to_fill(&mine, lang);
        if left.is_empty() {
            continue;
        }
        unfilled = true;
        if files.len() == 1 {
            out.push_str(&terminal::left_to_fill(None, lang));
        } else {
            out.push_str(&terminal::left_to_fill(Some(&f.file), lang));
        }
        out.push_str(&left.join(", "));
        out.push_str(".\n");
    }
    super::list_feedback(&mut out, &feedback, lang);
    out.push_str(terminal::send_verdict(
        errors,
        unfilled,
        files.len() == 1,
        lang,
    ));
    out.push('\n');
    print!("{out}");
    Ok(Outcome { errors })
}

/// What is left to fill in: an empty Datum or Ansvarig, a template without initiatives.
fn left_to_fill(findings: &[&Finding], lang: Lang) -> Vec<&'static str> {
    let mut left: Vec<&'static str> = Vec::new();
    for f in findings {
        let item = match &f.kind {
            Kind::EmptyMetadata { label } => *label,
            Kind::EmptyTemplate => terminal::the_initiatives(lang),
            _ => continue,
        };
        if !left.contains(&item) {
            left.push(item);
        }
    }
    left
}
