//! Terminal text: findings grouped by file (errors first within a file), each on
//! one line with its full place, then a one-line summary.

use super::Counts;
use crate::finding::{Finding, LONGEST_CODE};
use crate::labels::report as text;
use crate::lang::Lang;
use std::fmt::Write as _;

/// The most lines one code gets per file: past them, the rest are counted in one
/// line (a ledger with 20 000 projects outside the plan is 20 000 findings, all in
/// the JSON report and the workbook, not on the screen).
pub const SHOWN_PER_CODE: usize = 20;

pub fn findings(findings: &[Finding], lang: Lang) -> String {
    let mut out = String::new();
    let mut current: Option<Option<&str>> = None;
    // The file's codes with how many of their findings were seen, in order.
    let mut seen: Vec<(&'static str, usize)> = Vec::new();
    for f in findings {
        let file = f.file.as_deref();
        if current != Some(file) {
            if current.is_some() {
                more_lines(&mut out, &seen, lang);
                out.push('\n');
            }
            seen.clear();
            let heading = file.unwrap_or(text::whole_run(lang));
            let _ = writeln!(out, "{heading}");
            current = Some(file);
        }
        let code = f.code().as_str();
        let n = match seen.iter_mut().find(|(c, _)| *c == code) {
            Some((_, n)) => n,
            None => {
                seen.push((code, 0));
                &mut seen.last_mut().expect("just pushed").1
            }
        };
        *n += 1;
        if *n > SHOWN_PER_CODE {
            continue;
        }
        let place = f.place(lang);
        let _ = writeln!(
            out,
            "  {:<8} {:<LONGEST_CODE$} {}{}{}",
            f.severity.label(lang),
            code,
            place,
            if place.is_empty() { "" } else { ": " },
            f.message(lang)
        );
    }
    more_lines(&mut out, &seen, lang);
    out
}

/// The line of each code of a file with more findings than are shown.
fn more_lines(out: &mut String, seen: &[(&'static str, usize)], lang: Lang) {
    for (code, n) in seen.iter().filter(|(_, n)| *n > SHOWN_PER_CODE) {
        let _ = writeln!(
            out,
            "  {}",
            text::more_of_code(n - SHOWN_PER_CODE, code, lang)
        );
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Kind;

    #[test]
    fn past_the_shown_lines_a_code_of_a_file_is_counted_in_one_line() {
        let mut found: Vec<Finding> = (0..25)
            .map(|i| {
                Finding::new(Kind::ActualsRepeatedHeader { rows: 1 })
                    .in_file("a.csv")
                    .at_line(i + 2)
            })
            .collect();
        found.extend((0..3).map(|_| {
            Finding::new(Kind::ActualsTextRow {
                text: "x".into(),
                rows: 1,
            })
            .in_file("a.csv")
        }));
        found.push(Finding::new(Kind::ActualsRepeatedHeader { rows: 1 }).in_file("b.csv"));
        let out = findings(&found, Lang::Sv);
        let lines: Vec<&str> = out.lines().collect();
        let of = |code: &str| lines.iter().filter(|l| l.contains(code)).count();
        // 20 shown and one line counting the other 5 in a.csv; 1 in b.csv.
        assert_eq!(of("repeated-header-row"), 20 + 1 + 1, "{out}");
        assert_eq!(of("text-row"), 3, "{out}");
        let more: Vec<&&str> = lines
            .iter()
            .filter(|l| l.contains("till med koden"))
            .collect();
        assert_eq!(more.len(), 1, "{out}");
        assert!(more[0].contains(" 5 "), "{out}");
        // The counting line stands in its file's group, before the next file.
        let at = |needle: &str| {
            lines
                .iter()
                .position(|l| l.contains(needle))
                .unwrap_or(usize::MAX)
        };
        assert!(at("till med koden") < at("b.csv"), "{out}");
    }
}
