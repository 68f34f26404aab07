//! `budget-consolidator consolidate [DIR] …`: discover → load (in parallel) →
//! cross-area checks → consolidate → write the workbook (unless errors without
//! `--partial`) → report.

use super::Outcome;
use crate::consolidate::consolidate;
use crate::discover::discover;
use crate::error::Error;
use crate::finding::{Finding, Severity};
use crate::lang::Lang;
use crate::load::{Loaded, Status};
use crate::report::{self, Counts};
use crate::settings::ConsolidateSettings;
use crate::validate;
use crate::write;
use std::path::{Path, PathBuf};

pub fn run(s: &ConsolidateSettings, lang: Lang, quiet: bool) -> Result<Outcome, Error> {
    refuse_output_in_input(&s.input, &s.out_dir)?;
    if let Some(dir) = &s.feedback {
        refuse_output_in_input(&s.input, dir)?;
    }
    let found = discover(&s.input, None)?;
    let inputs: Vec<(PathBuf, String)> = found
        .workbooks
        .iter()
        .map(|i| (i.path.clone(), i.name.clone()))
        .collect();
    let mut files: Vec<Loaded> = super::load_all(&inputs, s.feedback.is_some(), quiet);
    let run = validate::run::check(&mut files, s.config.as_ref(), s.latest_version);
    let cons = consolidate(&files, run.budget_year, &run.years, s.config.as_ref());
    let findings = super::ordered_findings(&files, &found.skipped, &run.findings);
    let errors = findings.iter().any(|f| f.severity == Severity::Error);
    let status = match (errors, s.partial) {
        (false, _) => "ok",
        (true, true) => "partial",
        (true, false) => "errors",
    };

    let mut written = None;
    if !errors || s.partial {
        let banner = if errors {
            banner(&files, &run.findings)
        } else {
            Vec::new()
        };
        let contents = write::Contents {
            consolidation: &cons,
            files: &files,
            findings: &findings,
            banner,
            lang,
        };
        let dest = write::output_path(&s.out_dir, cons.budget_year);
        let bytes = write::build(&contents).map_err(|e| Error::Output {
            path: dest.clone(),
            reason: e.to_string(),
        })?;
        write::save_atomically(&bytes, &dest).map_err(|e| Error::Output {
            path: dest.clone(),
            reason: e.to_string(),
        })?;
        written = Some(dest);
    }
    if let Some(path) = &s.json {
        let json = report::json::to_string(&report::json::report(&cons, &findings, status, lang));
        std::fs::write(path, json + "\n").map_err(|e| Error::Json {
            path: path.clone(),
            reason: e.to_string(),
        })?;
    }
    let feedback = match &s.feedback {
        Some(dir) => super::write_feedback(dir, &files, &findings, lang, true)?,
        None => Vec::new(),
    };

    let counts = Counts {
        files: files.len(),
        areas: cons.areas.len(),
        included: cons.included().count(),
        ..Counts::default()
    }
    .count_findings(&findings);
    let mut out = report::terminal::render(if quiet { &[] } else { &findings }, &counts, lang);
    super::list_feedback(&mut out, &feedback, lang);
    match &written {
        Some(path) => out.push_str(&format!("{} {}\n", lang.pick("Skrev", "Wrote"), path.display())),
        None => out.push_str(lang.pick(
            "Ingen arbetsbok skrevs: rätta felen ovan, eller kör med --partial för att sammanställa utan de tjänsteområden som har fel.\n",
            "No workbook was written: correct the errors above, or run with --partial to consolidate without the areas that have errors.\n",
        )),
    }
    print!("{out}");
    Ok(Outcome { errors })
}

/// The `--partial` banner: which areas are missing from the workbook, and why.
fn banner(files: &[Loaded], global: &[Finding]) -> Vec<String> {
    let mut lines = vec!["OBS! Ofullständig sammanställning – följande saknas:".to_string()];
    for f in files.iter().filter(|f| f.status == Status::Errors) {
        let mut codes: Vec<&str> = f
            .findings
            .iter()
            .filter(|x| x.severity == Severity::Error)
            .map(|x| x.code().as_str())
            .collect();
        codes.sort_unstable();
        codes.dedup();
        let errors = f
            .findings
            .iter()
            .filter(|x| x.severity == Severity::Error)
            .count();
        let area = f
            .area
            .clone()
            .unwrap_or_else(|| "okänt tjänsteområde".into());
        lines.push(format!(
            "• {area} ({}): {errors} fel – {}",
            f.file,
            codes.join(", ")
        ));
    }
    for g in global.iter().filter(|g| g.severity == Severity::Error) {
        lines.push(format!("• {}", g.message(Lang::Sv)));
    }
    lines.push("Se bladet Kontroller.".into());
    lines
}

/// An output folder inside the input folder would be read as input next time.
fn refuse_output_in_input(input: &Path, out_dir: &Path) -> Result<(), Error> {
    let absolute = |p: &Path| -> PathBuf {
        p.canonicalize()
            .unwrap_or_else(|_| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf()))
    };
    let (input, out) = (absolute(input), absolute(out_dir));
    if out.starts_with(&input) {
        return Err(Error::OutputInInput {
            path: out_dir.to_path_buf(),
        });
    }
    Ok(())
}
