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
        let place = f.place(lang);
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

/// `1 fil`, `2 filer`: the count with the right form of the noun.
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub fn summary(c: &Counts, lang: Lang) -> String {
    match lang {
        Lang::Sv => format!(
            "Läste {} med {}, varav {} med i sammanställningen · {} fel, {}, {} info",
            count(c.files, "fil", "filer"),
            count(c.areas, "tjänsteområde", "tjänsteområden"),
            c.included,
            c.errors,
            count(c.warnings, "varning", "varningar"),
            c.infos
        ),
        Lang::En => format!(
            "Read {} with {}, {} of them included · {}, {}, {} info",
            count(c.files, "file", "files"),
            count(c.areas, "service area", "service areas"),
            c.included,
            count(c.errors, "error", "errors"),
            count(c.warnings, "warning", "warnings"),
            c.infos
        ),
    }
}
