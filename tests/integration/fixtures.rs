//! Workbooks written by other programs (LibreOffice, openpyxl, Python XlsxWriter;
//! see `tests/fixtures/README.md`) consolidate to the figures they were made with.

use crate::harness::{BIN, Run, findings};
use std::path::{Path, PathBuf};
use std::process::Command;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn expected() -> serde_json::Value {
    let text = std::fs::read_to_string(fixtures().join("expected.json")).expect("expected.json");
    serde_json::from_str(&text).expect("json")
}

const FIGURES: [&str; 5] = [
    "new_development",
    "existing_development",
    "total",
    "development_by_year",
    "maintenance_by_year",
];

/// `check` on one fixture: its figures, and the codes of its findings.
fn check(file: &str) -> (serde_json::Value, Vec<(String, String, Option<String>)>) {
    let dir = tempfile::tempdir().expect("tmp");
    let json = dir.path().join("r.json");
    let out = Command::new(BIN)
        .arg("check")
        .arg(fixtures().join(file))
        .arg("--json")
        .arg(&json)
        .output()
        .expect("run");
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).expect("report")).expect("json");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{file}: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    let found = findings(&report)
        .into_iter()
        .map(|f| (f.severity, f.code, f.cell))
        .collect();
    (report["areas"][0].clone(), found)
}

fn assert_figures(file: &str, area: &serde_json::Value) {
    let want = &expected()[file];
    assert_eq!(area["area"], want["area"], "{file}");
    assert_eq!(area["version"], want["version"], "{file}");
    for key in FIGURES {
        assert_eq!(area[key], want[key], "{file}: {key}");
    }
}

#[test]
fn libreoffice_files_read_clean_and_exact() {
    for file in [
        "lo-formulas.xlsx",
        "lo-two-row-header.xlsx",
        "lo-sheet.ods",
        "lo-sheet.xls",
    ] {
        let (area, found) = check(file);
        assert_figures(file, &area);
        assert!(found.is_empty(), "{file}: {found:?}");
    }
}

#[test]
fn openpyxl_formulas_without_values_are_recomputed_with_warnings() {
    let file = "openpyxl-no-values.xlsx";
    let (area, found) = check(file);
    assert_figures(file, &area);
    assert!(!found.is_empty());
    for (severity, code, _) in &found {
        assert_eq!(
            (severity.as_str(), code.as_str()),
            ("warning", "formula-without-value"),
            "{found:?}"
        );
    }
    // Each row's Belopp, the three Summa cells of the budget table, and the six of
    // the multi-year table (maintenance 2023 is empty throughout: its sum is 0).
    let cells: Vec<&str> = found.iter().filter_map(|(_, _, c)| c.as_deref()).collect();
    let rows = expected()[file]["budget_rows"].as_u64().expect("rows") as usize;
    assert_eq!(cells.len(), rows + 3 + 6, "{cells:?}");
}

#[test]
fn xlsxwriter_zero_placeholders_are_recomputed_but_a_true_zero_is_not_flagged() {
    let file = "xlsxwriter-zero-placeholder.xlsx";
    let (area, found) = check(file);
    assert_figures(file, &area);
    assert!(
        found
            .iter()
            .all(|(s, c, _)| s == "warning" && c == "formula-without-value"),
        "{found:?}"
    );
    // The multi-year Summa of maintenance 2023 is truly 0 (60 − 60): not reported.
    let plan_sum_row = 4 + expected()[file]["plan_rows"].as_u64().expect("rows");
    assert!(
        !found
            .iter()
            .any(|(_, _, c)| c.as_deref() == Some(&format!("E{plan_sum_row}"))),
        "{found:?}"
    );
}

#[test]
fn all_fixtures_consolidate_together() {
    let run = Run::new();
    let want = expected();
    for file in want.as_object().expect("object").keys() {
        std::fs::copy(fixtures().join(file), run.input().join(file)).expect("copy");
    }
    let out = run.consolidate(&[]);
    assert_eq!(out.status, 0, "{}", out.stdout);
    let report = run.report();
    assert_eq!(report["totals"]["total"], "54882");
    assert_eq!(report["totals"]["new_development"], "32881.75");
    assert_eq!(report["totals"]["existing_development"], "22000.25");
    assert_eq!(report["areas"].as_array().map(Vec::len), Some(6));
}
