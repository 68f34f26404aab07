//! Terminal text: findings grouped by file (errors first within a file), each on
//! one line with its full place, then a one-line summary.

use super::Counts;
use crate::finding::Finding;
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
            let heading =
                file.unwrap_or(lang.pick("Hela sammanställningen", "The whole consolidation"));
            let _ = writeln!(out, "{heading}");
            current = Some(file);
        }
        let place = f.place();
        let _ = writeln!(
            out,
            "  {:<8} {:<22} {}{}{}",
            f.severity.label(lang),
            f.code().as_str(),
            place,
            if place.is_empty() { "" } else { ": " },
            f.message(lang)
        );
    }
    out
}

pub fn summary(c: &Counts, lang: Lang) -> String {
    match lang {
        Lang::Sv => format!(
            "{} filer lästa, {} tjänsteområden, {} inkluderade · {} fel, {} varningar, {} info",
            c.files, c.areas, c.included, c.errors, c.warnings, c.infos
        ),
        Lang::En => format!(
            "{} files read, {} service areas, {} included · {} errors, {} warnings, {} info",
            c.files, c.areas, c.included, c.errors, c.warnings, c.infos
        ),
    }
}
