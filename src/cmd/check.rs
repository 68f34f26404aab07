//! `budget-consolidator check FILE…`: the per-file checks on single workbooks, for
//! an area lead before sending. Writes no consolidation: only the optional JSON
//! report and, with `--feedback`, the annotated copies.

use super::Outcome;
use crate::consolidate::consolidate;
use crate::discover;
use crate::error::Error;
use crate::finding::{Finding, Kind, Severity};
use crate::labels::terminal;
use crate::lang::Lang;
use crate::load::{Loaded, Status};
use crate::report::{self, Counts};
use crate::settings::{CheckSettings, Config};
use crate::validate;

pub fn run(s: &CheckSettings, lang: Lang, quiet: bool) -> Result<Outcome, Error> {
    let (files, skipped) = load_checked(s, quiet);
    let budget_year = files
        .iter()
        .find_map(|f| f.plan.as_ref().map(|p| p.meta.budget_year));
    let years = files
        .iter()
        .find_map(|f| f.plan.as_ref().map(|p| p.plan.years.clone()))
        .unwrap_or_default();
    let cons = consolidate(&files, budget_year, &years, None);
    let findings = super::ordered_findings(&files, &skipped, &[]);
    let errors = findings.iter().any(|f| f.severity == Severity::Error);
    if let Some(path) = &s.json {
        let status = super::consolidate::json_status(errors, false);
        super::write_json(path, &report::json::report(&cons, &findings, status, lang))?;
    }
    let counts = Counts::of(&files, &cons, &findings);
    let feedback = match &s.feedback {
        Some(dir) => super::write_feedback(dir, &files, &findings, lang, false)?,
        None => Vec::new(),
    };
    let one = s.files.len() == 1;
    let mut out = report::terminal::findings(if quiet { &[] } else { &findings }, lang);
    if !out.is_empty() {
        out.push('\n');
    }
    out.push_str(&terminal::check_summary(
        (counts.errors, counts.warnings, counts.infos),
        one,
        lang,
    ));
    let unfilled = list_left_to_fill(&mut out, &files, &findings, one, lang);
    super::list_feedback(&mut out, &feedback, lang);
    if files.is_empty() {
        let renames: Vec<String> = skipped
            .iter()
            .filter_map(|f| match &f.kind {
                Kind::NotAWorkbook {
                    rename_to: Some(to),
                    ..
                } => Some(to.clone()),
                _ => None,
            })
            .collect();
        out.push_str(&terminal::nothing_to_send(one, &renames, lang));
    } else {
        out.push_str(super::send_verdict(&findings, unfilled, one, lang));
    }
    out.push('\n');
    super::print_text(&out, s.json.as_deref());
    Ok(Outcome { errors })
}

/// Loads the workbooks given, each with the area rule of the `budget.toml` beside
/// it, and decides their status; a file without a workbook's extension is not
/// read but skipped with its finding, as `consolidate` skips it.
fn load_checked(s: &CheckSettings, quiet: bool) -> (Vec<Loaded>, Vec<Finding>) {
    let mut inputs: Vec<(std::path::PathBuf, String)> = Vec::new();
    let mut configs: Vec<Option<&Config>> = Vec::new();
    let mut skipped: Vec<Finding> = Vec::new();
    for (path, config) in s.files.iter().zip(&s.configs) {
        let name = path.display().to_string();
        match discover::not_read(path, &name) {
            Some(finding) => skipped.push(finding),
            None => {
                inputs.push((path.clone(), name));
                configs.push(config.as_deref());
            }
        }
    }
    let mut files: Vec<Loaded> = super::load_all(&inputs, s.feedback.is_some(), quiet);
    for (f, config) in files.iter_mut().zip(configs) {
        if let Some(config) = config {
            validate::name_area(f, config);
        }
        f.status = if f.plan.is_some() && !f.has_errors() {
            Status::Included
        } else {
            Status::Errors
        };
    }
    (files, skipped)
}

/// Appends, per file, what is left to fill in; true when anything is.
fn list_left_to_fill(
    out: &mut String,
    files: &[Loaded],
    findings: &[Finding],
    one: bool,
    lang: Lang,
) -> bool {
    let mut unfilled = false;
    for f in files {
        let mine: Vec<&Finding> = findings
            .iter()
            .filter(|x| x.file.as_deref() == Some(f.file.as_str()))
            .collect();
        let left = left_to_fill(&mine, lang);
        if left.is_empty() {
            continue;
        }
        unfilled = true;
        if one {
            out.push_str(&terminal::left_to_fill(None, lang));
        } else {
            out.push_str(&terminal::left_to_fill(Some(&f.file), lang));
        }
        out.push_str(&left.join(", "));
        out.push_str(".\n");
    }
    unfilled
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
