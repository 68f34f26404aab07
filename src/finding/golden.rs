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
