//! Nothing lost, nothing invented: every data row read is consolidated (it is in
//! the `Initiativ` sheet) or named in a finding.

use crate::harness::{Cell, Initiative, Run, Sheet, Template, findings, n, sheet_rows, t};
use std::collections::BTreeMap;
use std::path::Path;

/// Checks the invariant on a written workbook and its JSON report; returns the
/// number of rows read, per file.
pub(crate) fn check_accounting(
    workbook: &Path,
    report: &serde_json::Value,
) -> BTreeMap<String, u64> {
    let sources = sheet_rows(workbook, "Källor", 8);
    let initiatives = sheet_rows(workbook, "Initiativ", 16);
    let found = findings(report);
    let mut rows_read = BTreeMap::new();
    // The file table ends at the first empty row; the `Körning` block follows.
    for row in sources.iter().skip(1).take_while(|r| !r[0].is_empty()) {
        let (file, read, status) = (&row[0], row[5].parse::<u64>().expect("rows read"), &row[6]);
        rows_read.insert(file.clone(), read);
        if status == "Inkluderad" {
            let mine: Vec<_> = initiatives.iter().filter(|r| &r[13] == file).collect();
            let consolidated = mine.iter().filter(|r| !r[14].is_empty()).count()
                + mine.iter().filter(|r| !r[15].is_empty()).count();
            let named = found
                .iter()
                .filter(|f| f.file.as_ref() == Some(file) && f.code == "heading-row")
                .count();
            assert_eq!(
                read,
                (consolidated + named) as u64,
                "{file}: rows read = consolidated {consolidated} + named {named}"
            );
        } else {
            assert!(status.starts_with("Ej med"), "{file}: {status}");
            assert!(
                found
                    .iter()
                    .any(|f| f.file.as_ref() == Some(file) && f.severity == "error"),
                "{file} is left out, so it must be named by an error"
            );
        }
    }
    rows_read
}

#[test]
fn sample_rows_are_all_accounted_for() {
    let dir = tempfile::tempdir().expect("tmp");
    let report = crate::seed::run_sample(dir.path());
    let read = check_accounting(&dir.path().join("konsoliderad-budget-2023.xlsx"), &report);
    // Ekonomi: heading + 1 initiative in the budget table, 2 rows in the plan.
    assert_eq!(read["Ekonomi.xlsx"], 4);
    // IT: 18 + 18; the empty row with amount 0 is not data.
    assert_eq!(read["IT-tjänster.xlsx"], 36);
    assert_eq!(read.values().sum::<u64>(), 4 + 4 + 36 + 8 + 6);
}

#[test]
fn messy_folder_rows_are_all_accounted_for() {
    let mut with_heading = Template::new("HR");
    with_heading.initiatives.insert(
        1,
        Initiative {
            name: "Övrigt".into(),
            new: 0.0,
            existing: 0.0,
            development: vec![0.0; 3],
            maintenance: vec![0.0; 3],
            impact: None,
        },
    );
    let messy = with_heading
        .set(Sheet::Budget, "C10", t("4 200"))
        .set(Sheet::Budget, "D12", Cell::Formula("=B12+C12".into(), None))
        .set(
            Sheet::Budget,
            "A15",
            t("Anteckning under summaraden ignoreras"),
        );
    let broken = Template::new("Ekonomi")
        .set(Sheet::Budget, "B10", t("åttahundra"))
        .set(Sheet::Plan, "H5", t("Jättestor"));
    let run = Run::new()
        .add("HR.xlsx", &messy)
        .add("Ekonomi.xlsx", &broken)
        .add(
            "IT.xlsx",
            &Template::new("IT").set(Sheet::Plan, "B4", n(5000.0)),
        );
    assert_eq!(run.consolidate(&["--partial"]).status, 1);
    let report = run.report();
    let read = check_accounting(&run.workbook(), &report);
    assert_eq!(
        read["HR.xlsx"], 6,
        "3 budget rows (one a heading) + 3 plan rows"
    );
    assert_eq!(read["Ekonomi.xlsx"], 4);
    // The independent total: HR and IT consolidated, Ekonomi left out.
    assert_eq!(report["totals"]["total"], "26000");
}
