//! The golden file `tests/golden/messages.txt`: every code's rendered message in both
//! languages for the fixed examples of `examples.rs`, compared exactly, so a change of
//! wording is a visible diff in review. `UPDATE_GOLDEN=1 cargo test golden` rewrites it.

use super::examples::examples;
use super::*;
use std::fmt::Write as _;

const PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden/messages.txt");

fn render() -> String {
    let kinds = examples();
    let mut out = String::from(
        "Every finding code's message, in Swedish (sv) and English (en), for the fixed\n\
         examples of src/finding/examples.rs. Compared exactly by the test\n\
         finding::golden; regenerate with `UPDATE_GOLDEN=1 cargo test golden`.\n",
    );
    for code in Code::ALL {
        let _ = write!(out, "\n== {} — {}\n", code.as_str(), code.description());
        for lang in [Lang::Sv, Lang::En] {
            if let Some(help) = code.help(lang) {
                let _ = writeln!(out, "help {}: {help}", lang_tag(lang));
            }
        }
        for kind in kinds.iter().filter(|k| code_of(k) == *code) {
            let f = Finding::new(kind.clone());
            let _ = writeln!(out, "[{}]", f.severity.as_str());
            for lang in [Lang::Sv, Lang::En] {
                let _ = writeln!(out, "{}: {}", lang_tag(lang), f.message(lang));
            }
            if let Some(detail) = f.detail() {
                let _ = writeln!(out, "detail: {detail}");
            }
        }
    }
    out
}

fn lang_tag(lang: Lang) -> &'static str {
    lang.pick("sv", "en")
}

#[test]
fn every_message_matches_the_golden_file() {
    let now = render();
    if std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1") {
        std::fs::write(PATH, &now).expect("write the golden file");
        return;
    }
    let before = std::fs::read_to_string(PATH).unwrap_or_default();
    if before != now {
        let first = before
            .lines()
            .zip(now.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(before.lines().count().min(now.lines().count()));
        panic!(
            "tests/golden/messages.txt differs from the messages (first at line {}):\n  file: {}\n  now:  {}\n\
             If the change is meant, run `UPDATE_GOLDEN=1 cargo test golden` and review the diff.",
            first + 1,
            before.lines().nth(first).unwrap_or("<end>"),
            now.lines().nth(first).unwrap_or("<end>"),
        );
    }
}

/// Every code in the README's code tables (`## Finding codes` and the follow-up's),
/// with the severity written there.
fn readme_codes() -> Vec<(String, String)> {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let mut out = Vec::new();
    let mut in_table = false;
    for line in readme.lines() {
        if line.starts_with("| code | severity |") {
            in_table = true;
        } else if !line.starts_with('|') {
            in_table = false;
        }
        if !in_table || !line.starts_with("| `") {
            continue;
        }
        let cells: Vec<&str> = line.split(" | ").collect();
        let (Some(codes), Some(severities)) = (cells.first(), cells.get(1)) else {
            continue;
        };
        let codes: Vec<&str> = codes.split('`').skip(1).step_by(2).collect();
        let severities: Vec<&str> = severities.split(", ").collect();
        for (i, code) in codes.iter().enumerate() {
            let severity = severities
                .get(i)
                .or(severities.last())
                .copied()
                .unwrap_or("");
            out.push((code.to_string(), severity.to_string()));
        }
    }
    out
}

#[test]
fn the_readme_lists_every_code_with_its_severity() {
    let listed = readme_codes();
    for code in Code::ALL {
        let Some((_, severity)) = listed.iter().find(|(c, _)| c == code.as_str()) else {
            panic!("README's code table lacks `{}`", code.as_str());
        };
        let right = match code.severity_rule() {
            SeverityRule::Error => severity == "error",
            SeverityRule::Warning => severity == "warning",
            SeverityRule::Info => severity == "info",
            SeverityRule::ByKind => severity.contains(" or "),
        };
        assert!(
            right,
            "README gives `{}` severity {severity:?}",
            code.as_str()
        );
    }
    for (code, _) in &listed {
        assert!(
            Code::ALL.iter().any(|c| c.as_str() == code),
            "README lists `{code}`, which is no finding code"
        );
    }
}
