//! `Inlämningar`, who has sent what, read back from the plan workbook and the
//! follow-up workbook for a folder with a late, a missing and a superseded area;
//! `väntas` before the deadline and `saknas` after it by `--today`; the findings
//! are the same either way. A forecast made for an earlier or a later month than the
//! follow-up's is used, with a warning, but not shown as this month's submission.

use crate::harness::{BIN, Run, Sheet, Template, read_sheet, sheet_rows, t};
use std::path::{Path, PathBuf};
use std::process::Command;

const PLAN_CONFIG: &str = r#"budget_year = 2023
years = [2023, 2024, 2025]

[[area]]
name = "HR"
lead = "Anna Andersson"

[[area]]
name = "Ekonomi"
lead = "Eva Ekström"

[[area]]
name = "Kommunikation"
lead = "Kalle Mårtensson"

[[area]]
name = "IT-tjänster"

[rounds]
plan_deadline = 2023-02-15
"#;

fn plan_run() -> Run {
    let ekonomi = |version: &str| {
        Template::new("Ekonomi")
            .set(Sheet::Budget, "B4", t(version))
            .set(Sheet::Budget, "B6", crate::harness::Cell::Date(2023, 2, 1))
            .set(Sheet::Budget, "B7", t("Erik Ek"))
    };
    Run::new()
        .config(PLAN_CONFIG)
        // Datum 2023-03-01: after the deadline.
        .add("HR.xlsx", &Template::new("HR"))
        .add("Ekonomi-1.xlsx", &ekonomi("1.0"))
        .add("Ekonomi-2.xlsx", &ekonomi("2.0"))
        // Damaged: its area known only by its name.
        .add_bytes("IT-tjänster.xlsx", b"PK\x03\x04 not a zip")
}

fn rows_of(book: &Path) -> Vec<Vec<String>> {
    sheet_rows(book, "Inlämningar", 7)
        .into_iter()
        .skip(3)
        .collect()
}

fn codes(run: &Run) -> Vec<String> {
    crate::harness::findings(&run.report())
        .into_iter()
        .map(|f| f.code)
        .collect()
}

#[test]
fn the_plan_workbook_shows_a_late_a_missing_and_a_superseded_area() {
    let run = plan_run();
    let out = run.consolidate(&["--partial", "--latest-version", "--today", "2023-03-10"]);
    assert_eq!(out.status, 1, "{}{}", out.stdout, out.stderr);
    let after = codes(&run);
    let rows = rows_of(&run.workbook());
    let row = |cells: [&str; 7]| cells.map(String::from).to_vec();
    assert_eq!(
        rows,
        [
            row([
                "Tjänsteområde",
                "Fil",
                "Version",
                "Ansvarig",
                "Datum",
                "Ansvarig enligt budget.toml",
                "Status"
            ]),
            row([
                "HR",
                "HR.xlsx",
                "2.0",
                "Anna Andersson",
                "2023-03-01",
                "",
                "inkommen efter sista dag"
            ]),
            row([
                "Ekonomi",
                "Ekonomi-2.xlsx",
                "2.0",
                "Erik Ek",
                "2023-02-01",
                "Eva Ekström",
                "inkommen"
            ]),
            row([
                "Ekonomi",
                "Ekonomi-1.xlsx",
                "1.0",
                "Erik Ek",
                "2023-02-01",
                "Eva Ekström",
                "ersatt av nyare version"
            ]),
            row([
                "Kommunikation",
                "",
                "",
                "",
                "",
                "Kalle Mårtensson",
                "saknas"
            ]),
            row(["IT-tjänster", "IT-tjänster.xlsx", "", "", "", "", "har fel"]),
        ]
    );
    let cells = read_sheet(&run.workbook(), "Inlämningar");
    assert!(cells[&(1, 0)].starts_with("Sista dag: 2023-02-15. Läget den 2023-03-10"));
    assert!(
        out.stdout
            .contains("Inlämningar: saknas Kommunikation; inkommen efter sista dag HR.\n"),
        "{}",
        out.stdout
    );
    // Before the deadline the missing area is expected; the findings are the same.
    let out = run.consolidate(&["--partial", "--latest-version", "--today", "2023-02-15"]);
    assert_eq!(out.status, 1);
    assert_eq!(rows_of(&run.workbook())[4][6], "väntas");
    assert_eq!(rows_of(&run.workbook())[5][6], "har fel");
    assert!(
        out.stdout
            .contains("Inlämningar: väntas Kommunikation; inkommen efter sista dag HR.\n"),
        "{}",
        out.stdout
    );
    assert_eq!(codes(&run), after);
    assert!(after.iter().any(|c| c == "missing-area"), "{after:?}");
    // In English.
    let out = run.exec(&[
        "--lang",
        "en",
        "consolidate",
        "input",
        "--out",
        "output",
        "--partial",
        "--latest-version",
        "--today",
        "2023-03-10",
    ]);
    assert!(
        out.stdout
            .contains("Submissions: missing Kommunikation; received after the deadline HR.\n"),
        "{}",
        out.stdout
    );
    // Identical inputs and date, identical bytes.
    let first = std::fs::read(run.workbook()).expect("book");
    run.exec(&[
        "--lang",
        "en",
        "consolidate",
        "input",
        "--out",
        "output",
        "--partial",
        "--latest-version",
        "--today",
        "2023-03-10",
    ]);
    assert_eq!(first, std::fs::read(run.workbook()).expect("book"));
}

#[test]
fn a_deadline_that_is_not_a_date_is_refused() {
    let run = Run::new()
        .config("[rounds]\nplan_deadline = \"14 oktober\"\n")
        .add("HR.xlsx", &Template::new("HR"));
    let out = run.consolidate(&[]);
    assert_eq!(out.status, 2, "{}", out.stderr);
    let run = Run::new()
        .config("[rounds]\nforecast_deadline_day = 40\n")
        .add("HR.xlsx", &Template::new("HR"));
    let out = run.consolidate(&[]);
    assert_eq!(out.status, 2);
    assert!(
        out.stderr.contains(
            "[rounds] forecast_deadline_day = 40 är ingen dag i månaden; skriv 1–31, t.ex. 5"
        ),
        "{}",
        out.stderr
    );
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("dir");
    for e in std::fs::read_dir(from).expect("read") {
        let e = e.expect("entry");
        let p = e.path();
        if p.is_dir() {
            copy_dir(&p, &to.join(e.file_name()));
        } else {
            std::fs::copy(&p, to.join(e.file_name())).expect("copy");
        }
    }
}

#[test]
fn the_follow_up_workbook_shows_who_has_sent_a_forecast() {
    let dir = tempfile::tempdir().expect("tmp");
    let input = dir.path().join("input");
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("input"), &input);
    let config = std::fs::read_to_string(input.join("budget.toml")).expect("config");
    let config = config
        .replacen(
            "name = \"HR\"\n",
            "name = \"HR\"\nlead = \"Karin Sverke Westerberg\"\n",
            1,
        )
        .replacen(
            "name = \"Ledning och styrning\"\n",
            "name = \"Ledning och styrning\"\nlead = \"Lars Ledare\"\n",
            1,
        )
        + "\n[rounds]\nforecast_deadline_day = 5\n";
    std::fs::write(input.join("budget.toml"), config).expect("write");
    let prognos = input.join("prognos");
    // Kommunikation has sent nothing; Ekonomi sent a corrected version 1.1.
    std::fs::remove_file(prognos.join("Kommunikation-prognos-2023-04.xlsx")).expect("rm");
    let status = Command::new("python3")
        .args([
            "-c",
            "import openpyxl, sys\nwb = openpyxl.load_workbook(sys.argv[1])\nwb['Prognos']['B6'] = '1.1'\nwb.save(sys.argv[2])\n",
        ])
        .arg(prognos.join("Ekonomi-prognos-2023-04.xlsx"))
        .arg(prognos.join("Ekonomi-prognos-2023-04 v1.1.xlsx"))
        .status()
        .expect("python3 with openpyxl");
    assert!(status.success());
    let out = Command::new(BIN)
        .arg("follow-up")
        .arg(&input)
        .arg("--out")
        .arg(dir.path().join("out"))
        .args(["--today", "2023-05-10", "--json"])
        .arg(dir.path().join("r.json"))
        .output()
        .expect("run");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains(
            "Inlämningar: saknas Kommunikation; inkommen efter sista dag Ledning och styrning.\n"
        ),
        "{stdout}"
    );
    let book = dir.path().join("out/uppfoljning-2023-04.xlsx");
    let rows = rows_of(&book);
    let row = |cells: [&str; 7]| cells.map(String::from).to_vec();
    assert_eq!(rows[0][6], "Status");
    assert_eq!(
        rows[1..],
        [
            row([
                "Ekonomi",
                "prognos/Ekonomi-prognos-2023-04 v1.1.xlsx",
                "1.1",
                "Eva Ekström",
                "2023-05-02",
                "",
                "inkommen"
            ]),
            row([
                "Ekonomi",
                "prognos/Ekonomi-prognos-2023-04.xlsx",
                "1.0",
                "Eva Ekström",
                "2023-05-02",
                "",
                "ersatt av nyare version"
            ]),
            row([
                "HR",
                "prognos/HR-prognos-2023-04.xlsx",
                "1.0",
                "Karin Sverke Westerberg",
                "2023-05-03",
                "",
                "inkommen"
            ]),
            row([
                "IT-tjänster",
                "prognos/IT-tjänster-prognos-2023-04.xlsx",
                "1.0",
                "Ingrid Tholén",
                "2023-05-04",
                "",
                "inkommen"
            ]),
            row(["Kommunikation", "", "", "", "", "", "saknas"]),
            row([
                "Ledning och styrning",
                "prognos/Ledning och styrning-prognos-2023-04.xlsx",
                "1.0",
                "Lena Sundberg",
                "2023-05-06",
                "Lars Ledare",
                "inkommen efter sista dag"
            ]),
        ]
    );
    // The replaced version is left out of the follow-up, with a note.
    let r: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("r.json")).expect("json"))
            .expect("parse");
    let notes: Vec<&serde_json::Value> = r["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["code"] == "superseded-version")
        .collect();
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert_eq!(notes[0]["file"], "prognos/Ekonomi-prognos-2023-04.xlsx");
    // Counted once: the replaced file adds nothing, the newer one all of Ekonomi's.
    let sources = r["forecast_sources"].as_array().expect("forecast sources");
    let total = |file: &str| {
        sources
            .iter()
            .find(|s| s["file"] == file)
            .map(|s| s["total"].as_str().expect("total").to_string())
            .expect("source")
    };
    assert_eq!(total("prognos/Ekonomi-prognos-2023-04.xlsx"), "0");
    let ekonomi: Vec<&serde_json::Value> = r["initiatives"]
        .as_array()
        .expect("initiatives")
        .iter()
        .filter(|i| i["area"] == "Ekonomi")
        .collect();
    assert_eq!(ekonomi.len(), 1);
    assert_eq!(
        ekonomi[0]["forecast"].as_str().expect("forecast"),
        total("prognos/Ekonomi-prognos-2023-04 v1.1.xlsx")
    );
}

/// A copy of the sample in `dir/input` with HR's forecast workbook saved as `to`
/// with `cells` of its `Prognos` sheet changed (the original removed unless `keep`).
fn sample_with_hr_forecast(dir: &Path, to: &str, cells: &[(&str, &str)], keep: bool) -> PathBuf {
    let input = dir.join("input");
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("input"), &input);
    let prognos = input.join("prognos");
    let from = prognos.join("HR-prognos-2023-04.xlsx");
    let sets: String = cells
        .iter()
        .map(|(at, v)| format!("wb['Prognos']['{at}'] = '{v}'\n"))
        .collect();
    let status = Command::new("python3")
        .arg("-c")
        .arg(format!(
            "import openpyxl, sys\nwb = openpyxl.load_workbook(sys.argv[1])\n{sets}wb.save(sys.argv[2])\n"
        ))
        .arg(&from)
        .arg(prognos.join(to))
        .status()
        .expect("python3 with openpyxl");
    assert!(status.success());
    if !keep {
        std::fs::remove_file(from).expect("rm");
    }
    input
}

/// `follow-up` for the latest month with costs (2023-04) as of 2023-05-05: the
/// terminal text, the JSON report and the rows of `Inlämningar`.
fn follow_up_as_of_may_5(
    dir: &Path,
    input: &Path,
) -> (String, serde_json::Value, Vec<Vec<String>>) {
    let (status, stdout, r) = follow_up_on(dir, input, &[]);
    assert_eq!(status, Some(0), "{stdout}");
    (
        stdout,
        r,
        rows_of(&dir.join("out/uppfoljning-2023-04.xlsx")),
    )
}

/// `follow-up` of `input` as of 2023-05-05 with `extra` arguments: the exit status,
/// the terminal text and the JSON report.
fn follow_up_on(
    dir: &Path,
    input: &Path,
    extra: &[&str],
) -> (Option<i32>, String, serde_json::Value) {
    let out = Command::new(BIN)
        .arg("follow-up")
        .arg(input)
        .arg("--out")
        .arg(dir.join("out"))
        .args(["--today", "2023-05-05", "--json"])
        .arg(dir.join("r.json"))
        .args(extra)
        .output()
        .expect("run");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let r = serde_json::from_str(&std::fs::read_to_string(dir.join("r.json")).expect("json"))
        .expect("parse");
    (out.status.code(), stdout, r)
}

/// (code, file, cell) of the report's findings with one of `codes`.
fn placed(r: &serde_json::Value, codes: &[&str]) -> Vec<(String, String, String)> {
    crate::harness::findings(r)
        .into_iter()
        .filter(|f| codes.contains(&f.code.as_str()))
        .map(|f| {
            (
                f.code,
                f.file.unwrap_or_default(),
                f.cell.unwrap_or_default(),
            )
        })
        .collect()
}

fn status_of<'a>(rows: &'a [Vec<String>], file: &str) -> &'a str {
    rows.iter()
        .find(|r| r[1] == file)
        .map(|r| r[6].as_str())
        .expect("a row for the file")
}

#[test]
fn a_forecast_for_an_earlier_month_is_used_but_not_counted_as_this_months() {
    // The user's test: HR's forecast renamed to March and its Period set to 2023-03.
    let dir = tempfile::tempdir().expect("tmp");
    let input = sample_with_hr_forecast(
        dir.path(),
        "HR-prognos-2023-03.xlsx",
        &[("B5", "2023-03")],
        false,
    );
    let (stdout, r, rows) = follow_up_as_of_may_5(dir.path(), &input);
    assert!(
        // The sample's own README.md is an info, not a warning.
        stdout.contains(" · 0 fel, 5 varningar, 2 info\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("Inlämningar: äldre prognos HR.\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("varning  stale-forecast          prognos/HR-prognos-2023-03.xlsx › Prognos › B5: Prognosen för HR gäller 2023-03, men uppföljningen gäller 2023-04."),
        "{stdout}"
    );
    assert_eq!(
        placed(&r, &["stale-forecast", "later-forecast", "future-date"]),
        [
            (
                "stale-forecast".to_string(),
                "prognos/HR-prognos-2023-03.xlsx".to_string(),
                "B5".to_string()
            ),
            // The sample's own: Ledning och styrning dated 2023-05-06.
            (
                "future-date".to_string(),
                "prognos/Ledning och styrning-prognos-2023-04.xlsx".to_string(),
                "B8".to_string()
            ),
        ]
    );
    // The March forecast is still HR's latest: the figures are the sample's.
    assert_eq!(r["totals"]["forecast"], "71510");
    assert_eq!(
        status_of(&rows, "prognos/HR-prognos-2023-03.xlsx"),
        "äldre prognos (2023-03)"
    );
    let others: Vec<&str> = rows[1..]
        .iter()
        .filter(|r| r[0] != "HR")
        .map(|r| r[6].as_str())
        .collect();
    assert_eq!(others, ["inkommen"; 4]);
}

#[test]
fn a_forecast_for_a_later_month_is_said_too() {
    let dir = tempfile::tempdir().expect("tmp");
    let input = sample_with_hr_forecast(
        dir.path(),
        "HR-prognos-2023-06.xlsx",
        &[("B5", "2023-06")],
        false,
    );
    let (stdout, r, rows) = follow_up_as_of_may_5(dir.path(), &input);
    assert!(
        stdout.contains("Inlämningar: prognos för senare månad HR.\n"),
        "{stdout}"
    );
    assert_eq!(
        placed(&r, &["stale-forecast", "later-forecast"]),
        [(
            "later-forecast".to_string(),
            "prognos/HR-prognos-2023-06.xlsx".to_string(),
            "B5".to_string()
        )]
    );
    assert_eq!(r["totals"]["forecast"], "71510");
    assert_eq!(
        status_of(&rows, "prognos/HR-prognos-2023-06.xlsx"),
        "prognos för senare månad (2023-06)"
    );
}

#[test]
fn the_version_rule_comes_before_the_month() {
    // HR sent April's forecast as 1.0, then a 1.1 made for March: 1.1 is used, with
    // the warning; 1.0 is replaced and gets no month finding.
    let dir = tempfile::tempdir().expect("tmp");
    let cells = [("B5", "2023-03"), ("B6", "1.1")];
    let input = sample_with_hr_forecast(dir.path(), "HR-prognos-2023-03.xlsx", &cells, true);
    let (_, r, rows) = follow_up_as_of_may_5(dir.path(), &input);
    assert_eq!(
        placed(
            &r,
            &["stale-forecast", "later-forecast", "superseded-version"]
        ),
        [
            (
                "stale-forecast".to_string(),
                "prognos/HR-prognos-2023-03.xlsx".to_string(),
                "B5".to_string()
            ),
            (
                "superseded-version".to_string(),
                "prognos/HR-prognos-2023-04.xlsx".to_string(),
                String::new()
            ),
        ]
    );
    assert_eq!(
        status_of(&rows, "prognos/HR-prognos-2023-03.xlsx"),
        "äldre prognos (2023-03)"
    );
    assert_eq!(
        status_of(&rows, "prognos/HR-prognos-2023-04.xlsx"),
        "ersatt av nyare version"
    );
}

#[test]
fn a_forecast_version_that_is_no_number_replaces_nothing() {
    // HR's 1.0 and a copy marked `Utkast`: neither is ranked over the other, so the
    // draft does not silently replace the numbered forecast.
    let dir = tempfile::tempdir().expect("tmp");
    let cells = [("B6", "Utkast")];
    let input = sample_with_hr_forecast(dir.path(), "HR-prognos-utkast.xlsx", &cells, true);
    let (status, stdout, r) = follow_up_on(dir.path(), &input, &[]);
    let codes: Vec<&str> = r["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["code"].as_str())
        .collect();
    assert!(!codes.contains(&"superseded-version"), "{stdout}");
    // Both count nowhere twice: each of HR's initiatives is forecast once, and the
    // other file's rows are named.
    assert_eq!(status, Some(1), "two forecasts for HR: {stdout}");
    let duplicates: Vec<&serde_json::Value> = r["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["code"] == "duplicate-forecast")
        .collect();
    assert_eq!(duplicates.len(), 2, "{stdout}");
    assert!(
        duplicates
            .iter()
            .all(|f| f["file"] == "prognos/HR-prognos-utkast.xlsx" && f["severity"] == "error"),
        "{duplicates:?}"
    );
    assert!(
        stdout.contains("prognos helår 71 510"),
        "the sample's forecast, not HR's twice: {stdout}"
    );
}

#[test]
fn a_copy_of_a_forecast_counts_once_and_is_named() {
    // The same workbook twice (same version): the first in the folder's order is
    // counted, the copy's rows are `duplicate-forecast`; with --partial the
    // follow-up is written with the forecast counted once.
    let dir = tempfile::tempdir().expect("tmp");
    let input = sample_with_hr_forecast(dir.path(), "HR-prognos-kopia.xlsx", &[], true);
    let (status, stdout, _) = follow_up_on(dir.path(), &input, &["--partial"]);
    assert_eq!(status, Some(1), "{stdout}");
    let named: Vec<&str> = stdout
        .lines()
        .filter(|l| l.contains("duplicate-forecast"))
        .collect();
    assert_eq!(named.len(), 2, "{stdout}");
    assert!(
        named[0].contains("prognos/HR-prognos-kopia.xlsx › Prognos › G12")
            && named[0].contains("har redan en prognos i prognos/HR-prognos-2023-04.xlsx"),
        "{named:?}"
    );
    assert!(stdout.contains("prognos helår 71 510"), "{stdout}");
    assert!(dir.path().join("out/uppfoljning-2023-04.xlsx").is_file());
}
