//! Golden test: the shipped sample in `input/` consolidates to exactly the city's
//! published summary, in the JSON report and in the written workbook.

use crate::harness::{BIN, findings, sheet_rows};
use std::path::Path;
use std::process::Command;

/// Tjänsteområde, Version, Nyutveckling, Utveckling inom befintlig tjänst, Summa.
const SEED: [(&str, &str, &str, &str, &str); 5] = [
    ("Ekonomi", "2.0", "0", "2000", "2000"),
    ("HR", "2.0", "800", "12200", "13000"),
    ("IT-tjänster", "2.0", "20280", "27630", "47910"),
    ("Kommunikation", "4.0", "7150", "750", "7900"),
    ("Ledning och styrning", "3.5", "20700", "0", "20700"),
];

pub fn run_sample(out: &Path) -> serde_json::Value {
    let input = Path::new(env!("CARGO_MANIFEST_DIR")).join("input");
    let json = out.join("report.json");
    let result = Command::new(BIN)
        .args(["consolidate"])
        .arg(&input)
        .arg("--out")
        .arg(out)
        .arg("--json")
        .arg(&json)
        .output()
        .expect("run");
    assert_eq!(
        result.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&result.stdout)
    );
    serde_json::from_str(&std::fs::read_to_string(json).expect("json")).expect("parse")
}

#[test]
fn sample_json_report_matches_the_published_summary() {
    let dir = tempfile::tempdir().expect("tmp");
    let r = run_sample(dir.path());
    assert_eq!(r["status"], "ok");
    assert_eq!(r["budget_year"], 2023);
    assert_eq!(r["years"], serde_json::json!([2023, 2024, 2025]));
    let areas = r["areas"].as_array().expect("areas");
    assert_eq!(areas.len(), 5);
    for (a, (area, version, new, existing, total)) in areas.iter().zip(SEED) {
        assert_eq!(a["area"], area);
        assert_eq!(a["version"], version);
        assert_eq!(a["new_development"], new, "{area}");
        assert_eq!(a["existing_development"], existing, "{area}");
        assert_eq!(a["total"], total, "{area}");
        assert_eq!(a["included"], true);
        // The budget year's development equals the budget table's total.
        assert_eq!(a["development_by_year"]["2023"], total, "{area}");
    }
    assert_eq!(r["totals"]["new_development"], "48930");
    assert_eq!(r["totals"]["existing_development"], "42580");
    assert_eq!(r["totals"]["total"], "91510");
    // Ekonomi's multi-year table is the published one.
    assert_eq!(
        areas[0]["maintenance_by_year"],
        serde_json::json!({"2023": "4300", "2024": "4300", "2025": "4300"})
    );
    assert_eq!(
        areas[0]["development_by_year"],
        serde_json::json!({"2023": "2000", "2024": "2000", "2025": "2000"})
    );

    // What the sample is expected to say, and nothing else.
    let got: Vec<(String, String, Option<String>, Option<String>)> = findings(&r)
        .into_iter()
        .map(|f| (f.severity, f.code, f.file, f.cell))
        .collect();
    let s = |x: &str| Some(x.to_string());
    assert_eq!(
        got,
        vec![
            (
                "warning".into(),
                "unmatched-initiative".into(),
                s("Ekonomi.xlsx"),
                s("A12")
            ),
            (
                "warning".into(),
                "unmatched-initiative".into(),
                s("Ekonomi.xlsx"),
                s("A7")
            ),
            (
                "info".into(),
                "heading-row".into(),
                s("Ekonomi.xlsx"),
                s("A11")
            ),
            // The sample's own README is a document: an info, no warning.
            ("info".into(), "not-a-workbook".into(), s("README.md"), None),
        ]
    );
}

#[test]
fn sample_workbook_reads_back_as_the_published_summary() {
    let dir = tempfile::tempdir().expect("tmp");
    run_sample(dir.path());
    let book = dir.path().join("konsoliderad-budget-2023.xlsx");
    let rows = sheet_rows(&book, "Sammanställning", 5);
    assert_eq!(rows[0][0], "Ekonomisk sammanställning utvecklingskostnader");
    let header = rows
        .iter()
        .position(|r| r[0] == "Tjänsteområde")
        .expect("header row");
    assert_eq!(
        rows[header],
        [
            "Tjänsteområde",
            "Version",
            "Nyutveckling",
            "Utveckling inom befintlig tjänst",
            "Summa"
        ]
    );
    for (row, (area, version, new, existing, total)) in rows[header + 1..].iter().zip(SEED) {
        assert_eq!(row, &[area, version, new, existing, total]);
    }
    assert_eq!(rows[header + 6], ["Summa", "", "48930", "42580", "91510"]);

    // The other sheets hold the same figures.
    let years = sheet_rows(&book, "Utveckling per år", 5);
    let total_row = years.iter().find(|r| r[0] == "Summa").expect("Summa");
    assert_eq!(total_row[1], "91510");
    let initiatives = sheet_rows(&book, "Initiativ", 6);
    assert_eq!(initiatives[0][5], "Belopp tkr");
    // 28 budget initiatives, plus Ekonomi's two multi-year rows that have no budget row.
    let data = &initiatives[1..];
    assert_eq!(data.len(), 28 + 2);
    let sum = |col: usize| -> rust_decimal::Decimal {
        data.iter()
            .filter_map(|r| r[col].parse::<rust_decimal::Decimal>().ok())
            .sum()
    };
    assert_eq!(
        (sum(3), sum(4), sum(5)),
        (48930.into(), 42580.into(), 91510.into()),
        "the table's rows add up to the summary"
    );
    // The rows are one Excel table whose column names are the header cells.
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&book).expect("open")).expect("zip");
    let mut table = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("xl/tables/table1.xml").expect("table part"),
        &mut table,
    )
    .expect("read");
    assert!(
        table.contains(r#"name="Initiativtabell""#) && table.contains(r#"ref="A1:Q31""#),
        "{table}"
    );
    // The last column, Källa, links each row to its source cell.
    let header_cells = &sheet_rows(&book, "Initiativ", 17)[0];
    assert_eq!(header_cells[16], "Källa");
    let columns: Vec<&str> = table
        .split("<tableColumn ")
        .skip(1)
        .filter_map(|c| c.split('"').nth(3))
        .collect();
    assert_eq!(
        columns,
        header_cells.iter().map(String::as_str).collect::<Vec<_>>()
    );
}
