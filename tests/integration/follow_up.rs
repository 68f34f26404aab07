//! The monthly follow-up on the shipped sample: the board's April 2023 row
//! (42 333 / 29 107 / 30 486 / 71 510 / 91 510 tkr) from the JSON report, from the
//! workbook read back, and after LibreOffice recalculation; the nothing-lost
//! equation per file; the same ledger figures as CSV and as xlsx give the same
//! result; `consolidate` on the sample is unchanged and skips the follow-up folders.

use crate::harness::{BIN, read_sheet};
use budget_consolidator::ledger::{self, ReadOptions};
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::str::FromStr;

const ROW: [&str; 5] = ["42333", "29107", "30486", "71510", "91510"];

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("input")
}

/// Runs `follow-up` on the sample with `extra` arguments; returns the JSON report.
fn run(dir: &Path, extra: &[&str]) -> serde_json::Value {
    let json = dir.join("r.json");
    let out = Command::new(BIN)
        .arg("follow-up")
        .arg(sample())
        .arg("--out")
        .arg(dir.join("output"))
        .arg("--json")
        .arg(&json)
        .args(extra)
        .output()
        .expect("run");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_str(&std::fs::read_to_string(json).expect("json")).expect("parse")
}

fn totals(r: &serde_json::Value) -> [String; 5] {
    let t = &r["totals"];
    [
        "previous_year_actual_to_date",
        "actual_to_date",
        "budget_to_date",
        "forecast",
        "budget",
    ]
    .map(|k| t[k].as_str().expect(k).to_string())
}

fn d(v: &serde_json::Value) -> Decimal {
    Decimal::from_str(v.as_str().expect("decimal string")).expect("decimal")
}

#[test]
fn the_sample_reproduces_the_board_report() {
    let dir = tempfile::tempdir().expect("tmp");
    let r = run(dir.path(), &[]);
    assert_eq!(r["period"], "2023-04");
    assert_eq!(totals(&r), ROW.map(String::from));
    let groups: Vec<&str> = r["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .map(|g| g["name"].as_str().expect("name"))
        .collect();
    assert_eq!(
        groups,
        [
            "Ekonomi",
            "HR",
            "Kommunikation, ledning/styrning",
            "Digital infrastruktur"
        ]
    );
    // Nothing lost, per file.
    let sources = r["sources"].as_array().expect("sources");
    assert_eq!(sources.len(), 2);
    for s in sources {
        assert_eq!(
            d(&s["cost_total"]),
            d(&s["to_initiatives"]) + d(&s["to_areas"]) + d(&s["unmapped"]),
            "{s}"
        );
    }
    let sie = sources
        .iter()
        .find(|s| s["file"] == "utfall/huvudbok-2023-01-04.se")
        .expect("sie");
    assert_eq!(d(&sie["to_areas"]), Decimal::from(386));
    assert_eq!(d(&sie["unmapped"]), Decimal::from_str("57.34").expect("d"));
    let csv = sources
        .iter()
        .find(|s| s["file"] == "utfall/gamla-systemet-2022.csv")
        .expect("csv");
    assert_eq!(d(&csv["previous_year"]), Decimal::from(42_333));
    assert!(d(&csv["outside_period"]) > Decimal::ZERO);

    // The workbook read back: the Summa row of Uppföljning.
    let book = dir.path().join("output/uppfoljning-2023-04.xlsx");
    let cells = read_sheet(&book, "Uppföljning");
    assert_eq!(
        cells.get(&(0, 0)).map(String::as_str),
        Some("Uppföljning utvecklingskostnader januari–april 2023")
    );
    let summa = cells
        .iter()
        .find(|(_, v)| v.as_str() == "Summa")
        .map(|((r, _), _)| *r)
        .expect("Summa row");
    let read: Vec<String> = [1u32, 2, 3, 5, 6]
        .iter()
        .map(|c| cells.get(&(summa, *c)).cloned().unwrap_or_default())
        .collect();
    assert_eq!(read, ROW);

    // Källor's checksums are the files' SHA-256.
    let sha = |p: &str| -> String {
        use sha2::{Digest, Sha256};
        let bytes = std::fs::read(sample().join(p)).expect("read");
        Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    };
    assert_eq!(
        sie["sha256"].as_str(),
        Some(sha("utfall/huvudbok-2023-01-04.se").as_str())
    );
    // The five areas' forecast workbooks, in file order.
    let forecast_files: Vec<&str> = r["forecast_sources"]
        .as_array()
        .expect("forecast sources")
        .iter()
        .map(|f| f["file"].as_str().expect("file"))
        .collect();
    assert_eq!(forecast_files.len(), 5, "{forecast_files:?}");
    assert_eq!(
        r["forecast_sources"][1]["sha256"].as_str(),
        Some(sha("prognos/HR-prognos-2023-04.xlsx").as_str())
    );

    // Per initiativ adds up to the Summa row: initiatives plus IT's area-wide code.
    assert_eq!(r["areas"][0]["actual_to_date"], "386");
    let per = read_sheet(&book, "Per initiativ");
    let actual: Decimal = per
        .iter()
        .filter(|((row, col), _)| *row > 0 && *col == 4)
        .map(|(_, v)| Decimal::from_str(v).expect("amount"))
        .sum();
    assert_eq!(actual, Decimal::from(29_107));

    // Identical inputs, identical bytes.
    let first = std::fs::read(&book).expect("book");
    run(dir.path(), &[]);
    assert_eq!(first, std::fs::read(&book).expect("book"));
}

/// (code, file, cell) of every finding of a report.
fn placed(r: &serde_json::Value) -> Vec<(String, String, String)> {
    crate::harness::findings(r)
        .into_iter()
        .map(|f| {
            (
                f.code,
                f.file.unwrap_or_default(),
                f.cell.unwrap_or_default(),
            )
        })
        .collect()
}

#[test]
fn the_sample_s_forecasts_are_for_its_month_and_dated_by_the_last_one() {
    // Every forecast workbook is for 2023-04 and dated 2023-05-06 at the latest: from
    // that day on, the sample gives its figures and no finding on months or dates.
    let dir = tempfile::tempdir().expect("tmp");
    let r = run(dir.path(), &["--today", "2023-05-06"]);
    assert_eq!(totals(&r), ROW.map(String::from));
    let found = placed(&r);
    let codes: Vec<&str> = found.iter().map(|(c, _, _)| c.as_str()).collect();
    assert_eq!(
        codes,
        [
            "unmatched-initiative",
            "unmatched-initiative",
            "heading-row",
            "not-a-workbook",
            "unmapped-actual"
        ]
    );
    // A day earlier, Ledning och styrning's Datum lies in the future: one warning
    // more, at its cell, and the same figures.
    let r = run(dir.path(), &["--today", "2023-05-05"]);
    assert_eq!(totals(&r), ROW.map(String::from));
    let mut before = found;
    before.push((
        "future-date".into(),
        "prognos/Ledning och styrning-prognos-2023-04.xlsx".into(),
        "B8".into(),
    ));
    before.sort();
    let mut now = placed(&r);
    now.sort();
    assert_eq!(now, before);
}

#[test]
fn libreoffice_recalculates_the_summa_row_to_the_report() {
    let dir = tempfile::tempdir().expect("tmp");
    run(dir.path(), &[]);
    let book = dir.path().join("output/uppfoljning-2023-04.xlsx");
    let sheets = crate::libreoffice::recalculated_csv(&book, dir.path());
    let (_, rows) = sheets
        .iter()
        .find(|(name, _)| name == "Uppföljning")
        .expect("Uppföljning exported");
    let summa = rows
        .iter()
        .find(|r| r.first().map(String::as_str) == Some("Summa"))
        .expect("Summa row");
    let digits = |t: &str| -> String {
        t.chars()
            .filter(|c| c.is_ascii_digit() || *c == '-')
            .collect()
    };
    let got: Vec<String> = [1usize, 2, 3, 5, 6]
        .iter()
        .map(|i| digits(&summa[*i]))
        .collect();
    assert_eq!(got, ROW);
    // The deviations are formulas too: 30 486 − 29 107 and 91 510 − 71 510.
    assert_eq!(digits(&summa[4]), "1379");
    assert_eq!(digits(&summa[7]), "20000");
}

/// The 2023 ledger as a table export: Period;Konto;Projekt;Belopp;Budget rows
/// from what the SIE file reads as.
fn as_table(dir: &Path) -> Vec<(String, String, String, String, String)> {
    let sie = sample().join("utfall/huvudbok-2023-01-04.se");
    let read = ledger::read(&sie, "huvudbok.se", &ReadOptions::default());
    assert!(read.findings.is_empty(), "{:?}", read.findings);
    let _ = dir;
    read.entries
        .iter()
        .map(|(k, e)| {
            (
                format!("{}-{:02}", k.year, k.month),
                k.account.clone(),
                k.project.clone().unwrap_or_default(),
                e.actual.to_string(),
                e.budget.map(|b| b.to_string()).unwrap_or_default(),
            )
        })
        .collect()
}

#[test]
fn the_same_figures_as_csv_and_xlsx_give_the_same_result() {
    let dir = tempfile::tempdir().expect("tmp");
    let rows = as_table(dir.path());
    let csv_path = dir.path().join("huvudbok-2023.csv");
    let mut csv = String::from("Period;Konto;Projekt;Belopp;Budget\n");
    for (p, a, pr, amount, budget) in &rows {
        csv.push_str(&format!(
            "{p};{a};{pr};{};{}\n",
            amount.replace('.', ","),
            budget.replace('.', ",")
        ));
    }
    std::fs::write(&csv_path, csv).expect("csv");
    let xlsx_path = dir.path().join("huvudbok-2023.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    // The header a few rows down, as ledger reports put a title above it.
    ws.write_string(0, 0, "Huvudbok 2023, kr").expect("w");
    for (c, h) in (0u16..).zip(["Period", "Konto", "Projekt", "Belopp", "Budget"]) {
        ws.write_string(3, c, h).expect("w");
    }
    for (i, (p, a, pr, amount, budget)) in rows.iter().enumerate() {
        let r = 4 + u32::try_from(i).expect("row");
        ws.write_string(r, 0, p).expect("w");
        ws.write_string(r, 1, a).expect("w");
        ws.write_string(r, 2, pr).expect("w");
        ws.write(r, 3, Decimal::from_str(amount).expect("d"))
            .expect("w");
        if !budget.is_empty() {
            ws.write(r, 4, Decimal::from_str(budget).expect("d"))
                .expect("w");
        }
    }
    wb.save(&xlsx_path).expect("xlsx");
    let previous = sample().join("utfall/gamla-systemet-2022.csv");
    let sie = run(dir.path(), &[]);
    for form in [&csv_path, &xlsx_path] {
        let r = run(
            dir.path(),
            &[
                "--actuals",
                form.to_str().expect("path"),
                "--actuals",
                previous.to_str().expect("path"),
            ],
        );
        assert_eq!(totals(&r), ROW.map(String::from), "{}", form.display());
        assert_eq!(r["groups"], sie["groups"], "{}", form.display());
        assert_eq!(r["initiatives"], sie["initiatives"], "{}", form.display());
    }
}

#[test]
fn consolidate_on_the_sample_is_unchanged_and_skips_the_follow_up_folders() {
    let dir = tempfile::tempdir().expect("tmp");
    let json = dir.path().join("c.json");
    let out = Command::new(BIN)
        .arg("consolidate")
        .arg(sample())
        .arg("--out")
        .arg(dir.path().join("output"))
        .arg("--json")
        .arg(&json)
        .output()
        .expect("run");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let r: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(json).expect("json")).expect("parse");
    assert_eq!(r["totals"]["total"], "91510");
    let files: Vec<String> = r["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["file"].as_str().map(String::from))
        .collect();
    assert!(
        !files
            .iter()
            .any(|f| f.starts_with("utfall") || f.starts_with("prognos")),
        "{files:?}"
    );
}

use crate::harness::{Run, Sheet, Template, findings, n, t};

fn follow_up(run: &Run, extra: &[&str]) -> crate::harness::Outcome {
    let mut args = vec![
        "follow-up",
        "input",
        "--out",
        "output",
        "--json",
        "report.json",
    ];
    args.extend_from_slice(extra);
    run.exec(&args)
}

#[test]
fn project_codes_are_text_kept_as_written_and_compared_case_insensitively() {
    let template = Template::new("HR")
        .set(Sheet::Budget, "E9", t("Projektnummer"))
        .set(Sheet::Budget, "E10", n(1234.0))
        .set(Sheet::Budget, "E11", t(" 0012; P7 "));
    let run = Run::new().add("HR.xlsx", &template);
    std::fs::write(
        run.dir.path().join("utfall.csv"),
        "Period;Konto;Projekt;Belopp\n2023-01;6550;1234;1000\n2023-01;6550;p7;2000\n2023-01;6550;12;4000\n",
    )
    .expect("csv");
    let out = follow_up(&run, &["--actuals", "utfall.csv"]);
    assert_eq!(out.status, 0, "{}{}", out.stdout, out.stderr);
    let r = run.report();
    let projects: Vec<serde_json::Value> = r["initiatives"]
        .as_array()
        .expect("initiatives")
        .iter()
        .map(|i| i["projects"].clone())
        .collect();
    assert_eq!(
        projects,
        [
            serde_json::json!(["1234"]),
            serde_json::json!(["0012", "P7"])
        ]
    );
    let actual: Vec<&str> = r["initiatives"]
        .as_array()
        .expect("initiatives")
        .iter()
        .map(|i| i["actual_to_date"].as_str().expect("actual"))
        .collect();
    assert_eq!(actual, ["1", "2"]);
    // "12" is not "0012": unmapped, named, and not in the totals.
    assert_eq!(r["unmapped"][0]["project"], "12");
    assert_eq!(r["totals"]["actual_to_date"], "3");
    assert_eq!(r["sources"][0]["cost_total"], "7");
}

#[test]
fn forecasts_from_a_windows_1252_csv_with_a_title_above_the_header() {
    let run = Run::new().add(
        "HR.xlsx",
        &Template::new("HR")
            .set(Sheet::Budget, "E9", t("Projekt"))
            .set(Sheet::Budget, "E10", t("P1"))
            .set(Sheet::Budget, "E11", t("P2")),
    );
    std::fs::write(
        run.dir.path().join("utfall.csv"),
        "Period;Konto;Projekt;Belopp\n2023-01;6550;P1;1000\n",
    )
    .expect("csv");
    let text = "Prognoser från områdena\n\nTjänsteområde;Initiativ;Prognos helår;Kommentar\nHR;Digitalisering inom HR;4 800;\nHR;Översyn IT-stöd inom lön och HR;3,900;försenad\n";
    let bytes: Vec<u8> = text
        .chars()
        .map(|c| u8::try_from(u32::from(c)).expect("latin-1"))
        .collect();
    std::fs::write(run.dir.path().join("prognos.csv"), bytes).expect("csv");
    let out = follow_up(
        &run,
        &["--actuals", "utfall.csv", "--forecasts", "prognos.csv"],
    );
    // An unreadable forecast is an error: exit 1, as for any file's errors.
    assert_eq!(out.status, 1, "{}{}", out.stdout, out.stderr);
    let r = run.report();
    let invalid: Vec<_> = findings(&r)
        .into_iter()
        .filter(|f| f.code == "invalid-amount")
        .collect();
    assert_eq!(invalid.len(), 1, "{invalid:#?}");
    assert_eq!(invalid[0].file.as_deref(), Some("prognos.csv"));
    assert!(
        invalid[0].message.contains("3,900"),
        "{}",
        invalid[0].message
    );
    let line = r["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["code"] == "invalid-amount")
        .map(|f| f["line"].clone());
    assert_eq!(line, Some(serde_json::json!(5)));
    // The readable row counts (4 800); the other initiative keeps its budget (8 000).
    assert_eq!(r["totals"]["forecast"], "12800");
    assert_eq!(r["forecast_sources"][0]["rows"], 2);
}

#[test]
fn a_configuration_mistake_stops_with_exit_2_naming_group_and_area() {
    let run = Run::new().add("HR.xlsx", &Template::new("HR")).config(
        "[[area]]\nname = \"HR\"\n\n[[report_group]]\nname = \"Personal\"\nareas = [\"HR\", \"Inköp\"]\n",
    );
    let out = follow_up(&run, &[]);
    assert_eq!(out.status, 2, "{}", out.stdout);
    assert!(
        out.stderr.contains("Personal") && out.stderr.contains("Inköp"),
        "{}",
        out.stderr
    );
    let en = run.exec(&["follow-up", "input", "--lang", "en"]);
    assert_eq!(en.status, 2);
    assert!(en.stderr.contains("report group"), "{}", en.stderr);
}

#[test]
fn a_plan_with_errors_stops_the_follow_up_unless_partial() {
    let bad = Template::new("Ekonomi").set(Sheet::Budget, "B10", t("ca 800"));
    let run = Run::new()
        .add("HR.xlsx", &Template::new("HR"))
        .add("Ekonomi.xlsx", &bad);
    std::fs::write(
        run.dir.path().join("utfall.csv"),
        "Period;Konto;Projekt;Belopp\n2023-01;6550;P1;1000\n",
    )
    .expect("csv");
    let book = run.output().join("uppfoljning-2023-01.xlsx");
    let out = follow_up(&run, &["--actuals", "utfall.csv"]);
    assert_eq!(out.status, 1, "{}", out.stdout);
    assert!(!book.exists());
    assert_eq!(run.report()["status"], "errors");
    let partial = follow_up(&run, &["--actuals", "utfall.csv", "--partial"]);
    assert_eq!(partial.status, 1, "{}", partial.stdout);
    assert!(book.exists());
    let r = run.report();
    assert_eq!(r["status"], "partial");
    // Only HR is followed up: its 13 000 tkr.
    assert_eq!(r["totals"]["budget"], "13000");
}

fn hr_with_codes() -> Template {
    Template::new("HR")
        .set(Sheet::Budget, "E9", t("Projekt"))
        .set(Sheet::Budget, "E10", t("P1"))
        .set(Sheet::Budget, "E11", t("P2"))
}

#[test]
fn nothing_is_lost_on_a_messy_export() {
    let config = "[[area]]\nname = \"HR\"\n\n[[project]]\ncode = \"HR-ALL\"\narea = \"HR\"\n";
    let run = Run::new().add("HR.xlsx", &hr_with_codes()).config(config);
    // kr: P1 1 000 + 500 (two accounts), HR-ALL 250, P9 (nobody's) 40, no project 10,
    // income 9 999 (not cost), a bad amount (named, not summed), May (after the
    // period), 2022-02 (previous year), 2022-06 and 2021 (outside the period).
    let csv = "Period;Konto;Projekt;Belopp\n\
               2023-01;6550;P1;1000\n\
               2023-02;5420;p1;500\n\
               2023-02;6550;HR-ALL;250\n\
               2023-03;6550;P9;40\n\
               2023-03;6550;;10\n\
               2023-03;3010;P1;9999\n\
               2023-03;6550;P2;3,900\n\
               2023-05;6550;P2;700\n\
               2022-02;6550;P2;2000\n\
               2022-06;6550;P2;300\n\
               2021-01;6550;P1;5\n";
    std::fs::write(run.dir.path().join("utfall.csv"), csv).expect("csv");
    let out = follow_up(
        &run,
        &[
            "--actuals",
            "utfall.csv",
            "--period",
            "2023-04",
            "--partial",
        ],
    );
    assert_eq!(out.status, 1, "the bad amount is an error: {}", out.stdout);
    let r = run.report();
    let s = &r["sources"][0];
    let dec = |v: &serde_json::Value| Decimal::from_str(v.as_str().expect("s")).expect("d");
    assert_eq!(dec(&s["cost_total"]), Decimal::from_str("1.8").expect("d"));
    assert_eq!(
        dec(&s["to_initiatives"]),
        Decimal::from_str("1.5").expect("d")
    );
    assert_eq!(dec(&s["to_areas"]), Decimal::from_str("0.25").expect("d"));
    assert_eq!(dec(&s["unmapped"]), Decimal::from_str("0.05").expect("d"));
    assert_eq!(
        dec(&s["cost_total"]),
        dec(&s["to_initiatives"]) + dec(&s["to_areas"]) + dec(&s["unmapped"])
    );
    assert_eq!(dec(&s["previous_year"]), Decimal::from(2));
    assert_eq!(
        dec(&s["outside_period"]),
        Decimal::from_str("1.005").expect("d")
    );
    // Every cost row read is in exactly one of the three, or named (the bad one).
    let codes: Vec<String> = findings(&r).into_iter().map(|f| f.code).collect();
    assert_eq!(
        codes.iter().filter(|c| *c == "invalid-actuals-row").count(),
        1,
        "{codes:?}"
    );
    assert_eq!(
        codes.iter().filter(|c| *c == "unmapped-actual").count(),
        2,
        "{codes:?}"
    );
    // The area-wide code counts for HR's group, the unmapped cost for none.
    assert_eq!(r["totals"]["actual_to_date"], "1.75");
    assert_eq!(r["groups"][0]["previous_year_actual_to_date"], "2");
}

#[test]
fn total_rows_in_the_export_do_not_stop_the_follow_up() {
    // An ERP report with a subtotal per account and a grand total, as CSV: the
    // follow-up runs (exit 0), counts each krona once and names the total rows.
    let run = Run::new().add("HR.xlsx", &hr_with_codes());
    let csv = "Huvudbok 2023;;;;\n\
               Period;Konto;Projekt;Text;Belopp\n\
               2023-01;5420;P1;Dator;1 000,00\n\
               2023-02;5420;P2;Skärm;500,00\n\
               Summa konto 5420;;;;1 500,00\n\
               2023-02;6550;P1;Konsult;2 500,00\n\
               ;Summa;;;2 500,00\n\
               Totalt;;;;4 000,00\n";
    std::fs::write(run.dir.path().join("utfall.csv"), csv).expect("csv");
    let out = follow_up(&run, &["--actuals", "utfall.csv"]);
    assert_eq!(out.status, 0, "{}{}", out.stdout, out.stderr);
    assert!(run.output().join("uppfoljning-2023-02.xlsx").exists());
    let r = run.report();
    assert_eq!(r["status"], "ok");
    assert_eq!(r["totals"]["actual_to_date"], "4");
    let totals: Vec<_> = findings(&r)
        .into_iter()
        .filter(|f| f.code == "actuals-total-row")
        .collect();
    assert_eq!(totals.len(), 3, "{totals:#?}");
    assert!(totals.iter().all(|f| f.severity == "info"), "{totals:#?}");
    assert!(
        totals.iter().any(|f| f.message.contains("delsumma")),
        "{totals:#?}"
    );
    // `Källor`: every row read is summed or named.
    let s = &r["sources"][0];
    assert_eq!(s["rows"], 6, "{s}");
}

#[test]
fn the_periodisation_key_is_exact_and_an_area_may_have_its_own() {
    let weights = "[8, 8, 9, 8.3, 8, 8, 6, 7, 9, 9, 10, 11.7]";
    let config = format!(
        "[[area]]\nname = \"HR\"\nperiodisation = [3, 3, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0]\n\n[[area]]\nname = \"Ekonomi\"\n\n[follow_up]\nperiodisation = {weights}\n"
    );
    let ekonomi = Template::new("Ekonomi")
        .set(Sheet::Budget, "E9", t("Projekt"))
        .set(Sheet::Budget, "E10", t("E1"))
        .set(Sheet::Budget, "E11", t("E2"));
    let run = Run::new()
        .add("HR.xlsx", &hr_with_codes())
        .add("Ekonomi.xlsx", &ekonomi)
        .config(&config);
    std::fs::write(
        run.dir.path().join("utfall.csv"),
        "Period;Konto;Projekt;Belopp\n2023-01;6550;P1;1000\n2023-02;6550;E1;1000\n2023-03;6550;P2;1000\n2023-04;6550;E2;1000\n",
    )
    .expect("csv");
    let out = follow_up(&run, &["--actuals", "utfall.csv"]);
    assert_eq!(out.status, 0, "{}", out.stdout);
    let r = run.report();
    let group = |name: &str| {
        r["groups"]
            .as_array()
            .expect("groups")
            .iter()
            .find(|g| g["name"] == name)
            .map(|g| g["budget_to_date"].as_str().expect("s").to_string())
    };
    // HR's own key puts its whole year in January–April.
    assert_eq!(group("HR").as_deref(), Some("13000"));
    // Ekonomi's first initiative: 5 000 × 33.3 / 102, one exact division (to
    // Decimal's 28 digits); the group is the sum of its initiatives.
    let first = r["initiatives"]
        .as_array()
        .expect("initiatives")
        .iter()
        .find(|i| i["area"] == "Ekonomi")
        .map(|i| i["budget_to_date"].as_str().expect("s").to_string())
        .expect("Ekonomi's initiative");
    let expected =
        Decimal::from(5_000) * Decimal::from_str("33.3").expect("d") / Decimal::from(102);
    assert_eq!(Decimal::from_str(&first).expect("d"), expected.normalize());
    let got = Decimal::from_str(&group("Ekonomi").expect("Ekonomi")).expect("d");
    assert_eq!(got.round_dp(2), Decimal::from_str("4244.12").expect("d"));
    assert!(!findings(&r).iter().any(|f| f.code == "even-periodisation"));
}

#[test]
fn the_template_has_the_projekt_column() {
    let run = Run::new();
    let path = run.dir.path().join("mall.xlsx");
    let out = run.exec(&[
        "template",
        "--area",
        "HR",
        "--budget-year",
        "2023",
        "--years",
        "2023-2025",
        "--out",
        path.to_str().expect("path"),
    ]);
    assert_eq!(out.status, 0, "{}", out.stderr);
    let cells = read_sheet(&path, "Budgetfördelning");
    let header_row = cells
        .iter()
        .find(|(_, v)| v.as_str() == "Belopp tkr")
        .map(|((r, _), _)| *r)
        .expect("header");
    assert_eq!(
        cells.get(&(header_row, 4)).map(String::as_str),
        Some("Projekt")
    );
}

#[test]
fn forecasts_saved_by_openpyxl_and_by_libreoffice_as_ods_read_alike() {
    let run = Run::new().add("HR.xlsx", &hr_with_codes());
    std::fs::write(
        run.dir.path().join("utfall.csv"),
        "Period;Konto;Projekt;Belopp\n2023-01;6550;P1;1000\n",
    )
    .expect("csv");
    let xlsx = run.dir.path().join("prognos.xlsx");
    let script = format!(
        r#"
import openpyxl
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Prognoser april"
ws["A1"] = "Prognos per projekt, tkr"
ws.append([])
ws.append(["Projekt", "Prognos helår", "Kommentar"])
ws.append(["P1", 4500.5, None])
ws.append(["P2", 6000, "Etapp två skjuts till 2024"])
wb.save(r"{}")
"#,
        xlsx.display()
    );
    let status = Command::new("python3")
        .args(["-c", &script])
        .status()
        .expect("python3 with openpyxl");
    assert!(status.success());
    let ods_dir = run.dir.path().join("ods");
    // A profile of its own, so that parallel tests never share LibreOffice's lock.
    let profile = run.dir.path().join("lo-profile");
    let converted = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "ods", "--outdir"])
        .arg(&ods_dir)
        .arg(&xlsx)
        .output()
        .expect("soffice");
    assert!(converted.status.success());
    let ods = ods_dir.join("prognos.ods");
    assert!(ods.exists(), "LibreOffice wrote no .ods");
    for form in [&xlsx, &ods] {
        let out = follow_up(
            &run,
            &[
                "--actuals",
                "utfall.csv",
                "--forecasts",
                form.to_str().expect("path"),
            ],
        );
        assert_eq!(out.status, 0, "{}{}", out.stdout, out.stderr);
        let r = run.report();
        assert_eq!(r["totals"]["forecast"], "10500.5", "{}", form.display());
        assert_eq!(
            r["initiatives"][1]["comment"],
            "Etapp två skjuts till 2024",
            "{}",
            form.display()
        );
        assert!(
            !findings(&r)
                .iter()
                .any(|f| f.code == "missing-comment" || f.code == "no-forecast"),
            "{}",
            form.display()
        );
    }
}

#[test]
fn english_text_and_a_period_outside_the_budget_year() {
    let run = Run::new().add("HR.xlsx", &hr_with_codes());
    std::fs::write(
        run.dir.path().join("utfall.csv"),
        "Period;Konto;Projekt;Belopp\n2023-02;6550;P9;1000\n",
    )
    .expect("csv");
    let out = follow_up(&run, &["--actuals", "utfall.csv", "--lang", "en"]);
    assert_eq!(out.status, 0, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stdout
            .contains("Follow-up 2023-02 (tkr): actual to date 0"),
        "{}",
        out.stdout
    );
    let unmapped = findings(&run.report())
        .into_iter()
        .find(|f| f.code == "unmapped-actual")
        .expect("unmapped");
    assert!(
        unmapped.message.starts_with("Actuals of 1 tkr on project"),
        "{}",
        unmapped.message
    );
    let wrong = follow_up(&run, &["--actuals", "utfall.csv", "--period", "2022-12"]);
    assert_eq!(wrong.status, 2);
    assert!(
        wrong.stderr.contains("2022-12") && wrong.stderr.contains("2023"),
        "{}",
        wrong.stderr
    );
    let bad = follow_up(&run, &["--actuals", "utfall.csv", "--period", "april"]);
    assert_eq!(bad.status, 2);
    assert!(bad.stderr.contains("ÅÅÅÅ-MM"), "{}", bad.stderr);
}

#[test]
fn the_follow_up_does_not_repeat_check_s_reminders_about_empty_metadata() {
    // The sample's templates leave Datum and Ansvarig empty: `check` reminds the
    // lead; the coordinator's `follow-up`, like `consolidate`, does not.
    let dir = tempfile::tempdir().expect("tmp");
    let report = run(dir.path(), &[]);
    let codes: Vec<&str> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["code"].as_str())
        .collect();
    assert!(!codes.contains(&"missing-metadata"), "{codes:?}");
    let check = Command::new(BIN)
        .arg("check")
        .arg(sample().join("HR.xlsx"))
        .output()
        .expect("check");
    assert!(
        String::from_utf8_lossy(&check.stdout).contains("missing-metadata"),
        "check still reminds the lead"
    );
}

#[test]
fn kontroller_is_laid_out_as_the_plan_workbooks_and_wrapped_rows_are_tall_enough() {
    let dir = tempfile::tempdir().expect("temp dir");
    run(
        dir.path(),
        &["--period", "2023-04", "--today", "2023-05-05"],
    );
    let book = dir.path().join("output/uppfoljning-2023-04.xlsx");
    // Read by another program: the header, and each row's message with its height.
    let script = r#"
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])['Kontroller']
print('|'.join(c.value for c in ws[1]))
for r in range(2, ws.max_row + 1):
    print(len(ws.cell(r, 7).value or ''), ws.row_dimensions[r].height)
"#;
    let text = crate::harness::openpyxl(script, &book);
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("Allvarlighet|Kod|Beskrivning|Fil|Blad|Cell/rad|Meddelande")
    );
    let rows: Vec<(usize, Option<f64>)> = lines
        .map(|l| {
            let (len, height) = l.split_once(' ').expect("two fields");
            (len.parse().expect("length"), height.parse().ok())
        })
        .collect();
    assert!(
        rows.iter().any(|(len, _)| *len > 84),
        "a message that wraps"
    );
    for (len, height) in rows {
        // 70 characters wide: a message of more than 84 characters takes two lines.
        if len > 84 {
            assert!(
                height.is_some_and(|h| h >= 30.0),
                "{len} characters, height {height:?}"
            );
        }
    }
}

#[test]
fn every_follow_up_sheet_prints_with_the_plan_workbooks_header_and_footer() {
    let dir = tempfile::tempdir().expect("temp dir");
    // `[rounds]` in the sample's budget.toml: the workbook has `Inlämningar` too.
    run(
        dir.path(),
        &["--period", "2023-04", "--today", "2023-05-06"],
    );
    let book = dir.path().join("output/uppfoljning-2023-04.xlsx");
    let script = r#"
import sys, openpyxl
for ws in openpyxl.load_workbook(sys.argv[1]).worksheets:
    print(ws.title, '|', ws.oddHeader.center.text, '|', ws.oddFooter.left.text, '|', ws.oddFooter.center.text, '|', ws.oddFooter.right.text)
"#;
    let text = crate::harness::openpyxl(script, &book);
    let sheets: Vec<&str> = text.lines().collect();
    assert!(
        sheets.iter().any(|l| l.starts_with("Inlämningar |")),
        "{text}"
    );
    for line in sheets {
        let (sheet, rest) = line.split_once(" | ").expect("sheet");
        assert_eq!(
            rest,
            "Göteborgs Stad · Uppföljning utvecklingskostnader januari–april 2023 | Utskrivet &D | &A | Sida &P av &N",
            "{sheet}"
        );
    }
}

#[test]
fn json_dash_gives_the_same_report_on_standard_output() {
    let dir = tempfile::tempdir().expect("tmp");
    let from_file = run(dir.path(), &["--today", "2023-05-05"]);
    let out = Command::new(BIN)
        .arg("follow-up")
        .arg(sample())
        .arg("--out")
        .arg(dir.path().join("output"))
        .args(["--json", "-", "--today", "2023-05-05"])
        .current_dir(dir.path())
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0));
    let piped: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    assert_eq!(piped, from_file);
    assert_eq!(totals(&piped), ROW.map(String::from));
    // The terminal text went to standard error, and no file named `-` was written.
    assert!(String::from_utf8_lossy(&out.stderr).contains("uppfoljning-2023-04.xlsx"));
    assert!(!dir.path().join("-").exists());
}

/// Notes left beside the exports (`LÄSMIG.md` starting with a Markdown heading,
/// which an SIE reader would take for a label; a `.docx`, which is a zip like a
/// workbook) are skipped with an info, as in the plan's folder: the board's row is
/// unchanged and nothing is an error.
#[test]
fn documents_beside_the_exports_are_skipped_with_a_note() {
    let dir = tempfile::tempdir().expect("tempdir");
    for sub in ["utfall", "prognos"] {
        let to = dir.path().join(sub);
        std::fs::create_dir_all(&to).expect("mkdir");
        for f in std::fs::read_dir(sample().join(sub)).expect("sample") {
            let f = f.expect("entry").path();
            std::fs::copy(&f, to.join(f.file_name().expect("name"))).expect("copy");
        }
    }
    std::fs::write(
        dir.path().join("utfall/LÄSMIG.md"),
        "# Läs mig\nExporten görs…\n",
    )
    .expect("md");
    std::fs::write(
        dir.path().join("prognos/Anvisning.docx"),
        b"PK\x03\x04 no workbook",
    )
    .expect("docx");
    let (actuals, forecasts) = (dir.path().join("utfall"), dir.path().join("prognos"));
    let r = run(
        dir.path(),
        &[
            "--actuals",
            actuals.to_str().expect("utf-8"),
            "--forecasts",
            forecasts.to_str().expect("utf-8"),
        ],
    );
    assert_eq!(totals(&r), ROW.map(String::from));
    let notes: Vec<(&str, &str, &str)> = (r["findings"].as_array().expect("findings").iter())
        .filter(|f| f["code"] == "not-a-workbook")
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap_or("");
            (s("file"), s("severity"), s("code"))
        })
        .filter(|(file, ..)| file.ends_with("LÄSMIG.md") || file.ends_with("Anvisning.docx"))
        .collect();
    assert_eq!(notes.len(), 2, "{notes:?}");
    // Outside the plan folder a file is named by its path, with one leading `/`.
    assert!(
        notes
            .iter()
            .all(|(file, ..)| file.starts_with('/') && !file.starts_with("//")),
        "{notes:?}"
    );
    assert!(
        notes.iter().all(|(_, severity, _)| *severity == "info"),
        "{notes:?}"
    );
    assert!(
        r["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .all(|f| f["severity"] != "error")
    );
}

#[test]
fn a_missing_forecasts_or_actuals_path_says_where_it_came_from_and_what_to_do() {
    let dir = tempfile::tempdir().expect("tmp");
    let plan = dir.path().join("plan");
    std::fs::create_dir(&plan).expect("plan");
    for entry in std::fs::read_dir(sample()).expect("sample") {
        let path = entry.expect("entry").path();
        if path.is_file() {
            std::fs::copy(&path, plan.join(path.file_name().expect("name"))).expect("copy");
        }
    }
    let follow_up = |extra: &[&str]| {
        let out = Command::new(BIN)
            .arg("follow-up")
            .arg(&plan)
            .arg("--out")
            .arg(dir.path().join("output"))
            .args(extra)
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(2));
        String::from_utf8_lossy(&out.stderr).trim().to_string()
    };
    // budget.toml names `utfall` and `prognos`, which this copy of the plan lacks.
    let text = follow_up(&[]);
    assert!(text.starts_with("Utfallet finns inte: "), "{text}");
    assert!(
        text.contains("[follow_up] actuals i konfigurationen") && text.contains("--actuals"),
        "{text}"
    );
    std::fs::create_dir(plan.join("utfall")).expect("utfall");
    let text = follow_up(&[]);
    assert!(text.starts_with("Prognoserna finns inte: "), "{text}");
    assert!(
        text.contains("[follow_up] forecasts i konfigurationen")
            && text.contains("follow-up template"),
        "{text}"
    );
    let text = follow_up(&["--forecasts", "prognoser-saknas", "--lang", "en"]);
    assert_eq!(
        text,
        "The forecasts do not exist: prognoser-saknas, given with --forecasts, is neither a file nor a folder. Check the spelling."
    );
    assert!(!dir.path().join("output").exists(), "nothing written");
}

#[test]
fn an_export_named_twice_is_read_once_and_a_forecast_folder_s_other_files_are_skipped() {
    // The same SIE file named on its own and again through its folder: one file,
    // read once, so no overlap with itself and the board's row as before.
    let dir = tempfile::tempdir().expect("tmp");
    let utfall = sample().join("utfall");
    let sie = utfall.join("huvudbok-2023-01-04.se");
    let (sie, utfall) = (
        sie.to_str().expect("utf-8"),
        utfall.to_str().expect("utf-8"),
    );
    let r = run(
        dir.path(),
        &[
            "--period",
            "2023-04",
            "--actuals",
            sie,
            "--actuals",
            utfall,
            "--actuals",
            sie,
        ],
    );
    assert_eq!(totals(&r), ROW.map(String::from));
    let codes: Vec<String> = crate::harness::findings(&r)
        .into_iter()
        .map(|f| f.code)
        .collect();
    assert!(
        !codes.contains(&"overlapping-actuals".to_string()),
        "{codes:?}"
    );
    assert_eq!(
        r["sources"]
            .as_array()
            .expect("sources")
            .iter()
            .filter(|s| s["file"].as_str().is_some_and(|f| f.ends_with(".se")))
            .count(),
        1
    );
    // A forecast folder holding the plan's configuration and a PDF: the
    // configuration is no data, the PDF a skipped non-workbook, not an unreadable
    // workbook.
    let prognos = dir.path().join("prognos");
    std::fs::create_dir(&prognos).expect("mkdir");
    for entry in std::fs::read_dir(sample().join("prognos")).expect("prognos") {
        let path = entry.expect("entry").path();
        std::fs::copy(&path, prognos.join(path.file_name().expect("name"))).expect("copy");
    }
    std::fs::copy(sample().join("budget.toml"), prognos.join("budget.toml")).expect("copy");
    std::fs::write(prognos.join("protokoll.pdf"), b"%PDF-1.4\n").expect("write");
    let r = run(
        dir.path(),
        &[
            "--period",
            "2023-04",
            "--forecasts",
            prognos.to_str().expect("utf-8"),
        ],
    );
    assert_eq!(totals(&r), ROW.map(String::from));
    let about: Vec<(String, String)> = crate::harness::findings(&r)
        .into_iter()
        .filter(|f| {
            f.file
                .as_deref()
                .is_some_and(|n| n.ends_with(".pdf") || n.ends_with(".toml"))
        })
        .map(|f| (f.file.unwrap_or_default(), f.code))
        .collect();
    assert_eq!(about.len(), 1, "{about:?}");
    assert!(
        about[0].0.ends_with("protokoll.pdf") && about[0].1 == "not-a-workbook",
        "{about:?}"
    );
}
