//! The scale corpus of the benchmark (`benches/corpus.rs`), small: it consolidates
//! to exactly the totals the generator computed, with every initiative in the
//! table, in one thread or two.

#[path = "../../benches/corpus.rs"]
pub(crate) mod corpus;

use crate::harness::{BIN, sheet_rows};
use std::process::Command;

#[test]
fn generated_corpus_consolidates_to_its_expected_totals() {
    let dir = tempfile::tempdir().expect("tmp");
    let input = dir.path().join("corpus");
    let expected = corpus::write_corpus(40, 12, &input).expect("corpus");
    let mut books = Vec::new();
    for threads in ["2", "1"] {
        let out = dir.path().join(format!("out{threads}"));
        let json = dir.path().join(format!("r{threads}.json"));
        let status = Command::new(BIN)
            .arg("consolidate")
            .arg(&input)
            .arg("--out")
            .arg(&out)
            .arg("--json")
            .arg(&json)
            .env("RAYON_NUM_THREADS", threads)
            .output()
            .expect("run");
        assert_eq!(
            status.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&status.stdout)
        );
        let report: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&json).expect("json")).expect("parse");
        corpus::assert_totals(&report, &expected, "small corpus");
        let book = out.join("konsoliderad-budget-2023.xlsx");
        assert_eq!(sheet_rows(&book, "Initiativ", 1).len(), 1 + 40 * 12);
        books.push(std::fs::read(&book).expect("book"));
    }
    assert_eq!(books[0], books[1], "1 and 2 threads give the same bytes");
}
