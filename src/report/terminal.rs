//! Terminal text: findings grouped by file (errors first within a file), each on
//! one line with its full place, then a one-line summary.

use super::Counts;
use crate::finding::{Finding, LONGEST_CODE};
use crate::labels::report as text;
use crate::lang::Lang;
use std::fmt::Write as _;

pub fn findings(findings: &[Finding], lang: Lang) -> String {
    let mut out = String::new();
    let mut current: Option<Option<&str>> = None;
    for f in findings {
        let file = f.file.as_deref();
        if current != Some(file) {
            if current.is_some() {
                out.push('\n');
            }
            let heading = file.unwrap_or(text::whole_run(lang));
            let _ = writeln!(out, "{heading}");
            current = Some(file);
        }
        let place = f.place(lang);
        let _ = writeln!(
            out,
            "  {:<8} {:<LONGEST_CODE$} {}{}{}",
            f.severity.label(lang),
            f.code().as_str(),
            place,
            if place.is_empty() { "" } else { ": " },
            f.message(lang)
        );
    }
    out
}

/// The findings, a blank line, and the one-line summary.
pub fn render(found: &[Finding], counts: &Counts, lang: Lang) -> String {
    let mut out = findings(found, lang);
    if !out.is_empty() {
        out.push('\n');
    }
    out.push_str(&summary(counts, lang));
    out.push('\n');
    out
}

/// `Läste 3 filer med 3 tjänsteområden, …`: the counts of the run.
pub fn summary(c: &Counts, lang: Lang) -> String {
    text::summary(
        (c.files, c.areas, c.included),
        (c.errors, c.warnings, c.infos),
        lang,
    )
}
