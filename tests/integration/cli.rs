//! The command line end to end: exit statuses, what is written and what is not,
//! `--partial`, `check`, and files that must not break a run.

use crate::harness::{
    BIN, Cell, Run, Sheet, Template, f, findings, make_error_values, n, sheet_rows, t,
};
use std::process::Command;

#[test]
fn good_folder_exits_0_and_writes_the_workbook() {
    let run = Run::new().add("HR.xlsx", &Template::new("HR"));
    let out = run.consolidate(&[]);
    assert_eq!(out.status, 0, "{}", out.stdout);
    assert!(run.workbook().is_file());
    assert!(
        out.stdout.contains(
            "Läste 1 fil med 1 tjänsteområde, varav 1 med i sammanställningen · 0 fel, 0 varningar, 0 info"
        ),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("Skrev output"), "{}", out.stdout);
}

#[test]
fn no_arguments_means_input_to_output() {
    let run = Run::new().add("HR.xlsx", &Template::new("HR"));
    let out = run.exec(&[]);
    assert_eq!(out.status, 0, "{}", out.stdout);
    assert!(run.workbook().is_file());
}

#[test]
fn errors_exit_1_write_nothing_and_leave_the_old_workbook() {
    let run = Run::new().add("HR.xlsx", &Template::new("HR"));
    assert_eq!(run.consolidate(&[]).status, 0);
    let before = std::fs::read(run.workbook()).expect("first workbook");
    let broken = Template::new("Ekonomi").set(Sheet::Budget, "D10", n(5100.0));
    let run = run.add("Ekonomi.xlsx", &broken);
    let out = run.consolidate(&[]);
    assert_eq!(out.status, 1);
    assert!(
        out.stdout.contains("Ingen arbetsbok skrevs"),
        "{}",
        out.stdout
    );
    assert_eq!(
        std::fs::read(run.workbook()).expect("still there"),
        before,
        "left byte-identical"
    );
    assert_eq!(run.report()["status"], "errors");
    let leftovers: Vec<_> = std::fs::read_dir(run.output())
        .expect("out")
        .map(|e| e.expect("e").file_name())
        .collect();
    assert_eq!(leftovers.len(), 1, "no temporary files: {leftovers:?}");
}

#[test]
fn errors_with_partial_write_the_workbook_with_a_banner() {
    let broken = Template::new("Ekonomi").set(Sheet::Budget, "D10", n(5100.0));
    let run = Run::new()
        .add("HR.xlsx", &Template::new("HR"))
        .add("Ekonomi.xlsx", &broken);
    let out = run.consolidate(&["--partial"]);
    assert_eq!(out.status, 1, "errors still give exit 1");
    let report = run.report();
    assert_eq!(report["status"], "partial");
    assert_eq!(report["totals"]["total"], "13000");
    let included: Vec<_> = report["areas"]
        .as_array()
        .expect("areas")
        .iter()
        .map(|a| (a["area"].clone(), a["included"].clone()))
        .collect();
    assert_eq!(
        included,
        vec![("Ekonomi".into(), false.into()), ("HR".into(), true.into())]
    );
    let rows = sheet_rows(&run.workbook(), "Sammanställning", 5);
    let banner = rows
        .iter()
        .map(|r| r[0].clone())
        .find(|c| c.starts_with("OBS!"))
        .expect("banner");
    assert!(
        banner.contains("Ekonomi (Ekonomi.xlsx): 1 fel – row-sum-mismatch"),
        "{banner}"
    );
    assert!(banner.contains("row-sum-mismatch"), "{banner}");
    let areas: Vec<_> = rows
        .iter()
        .map(|r| r[0].as_str())
        .filter(|a| *a == "HR" || *a == "Ekonomi")
        .collect();
    assert_eq!(areas, vec!["HR"]);
}

#[test]
fn usage_errors_exit_2() {
    let run = Run::new().add("HR.xlsx", &Template::new("HR"));
    let out = run.exec(&["consolidate", "--no-such-flag"]);
    assert_eq!(out.status, 2);
    let out = run.exec(&["consolidate", "saknas"]);
    assert_eq!(out.status, 2);
    assert!(out.stderr.contains("saknas"), "{}", out.stderr);
    let out = run.exec(&["check", "finns-inte.xlsx"]);
    assert_eq!(out.status, 2);
    assert_eq!(out.stderr.trim(), "Filen finns-inte.xlsx finns inte.");
}

#[test]
fn argument_errors_are_in_the_chosen_language_and_begin_as_clap_s_do() {
    let run = Run::new().add("HR.xlsx", &Template::new("HR"));
    let cases: [(&[&str], &str, &str); 5] = [
        (
            &["follow-up", "input", "--period", "2023-13"],
            "fel: --period 2023-13: skriv månaden som ÅÅÅÅ-MM, t.ex. 2023-04",
            "error: --period 2023-13: write the month as YYYY-MM, e.g. 2023-04",
        ),
        (
            &["follow-up", "input", "--period", "2022-04"],
            "fel: --period 2022-04 ligger inte i budgetåret 2023; ange en månad i 2023",
            "error: --period 2022-04 is not in the budget year 2023; give a month of 2023",
        ),
        (
            &["consolidate", "input", "--today", "2023-02-30"],
            "fel: --today 2023-02-30: skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2022-10-14",
            "error: --today 2023-02-30: write the date as YYYY-MM-DD, e.g. 2022-10-14",
        ),
        (
            &[
                "template", "--area", "HR", "--out", "HR.xlsx", "--years", "2023/25",
            ],
            "fel: --years 2023/25: skriv planåren som ett intervall, t.ex. 2023-2025",
            "error: --years 2023/25: write the plan years as a range, e.g. 2023-2025",
        ),
        (
            &["diff", "input", "input/HR.xlsx"],
            "fel: diff jämför två arbetsböcker eller två mappar, inte input med input/HR.xlsx",
            "error: diff compares two workbooks or two folders, not input with input/HR.xlsx",
        ),
    ];
    for (args, sv, en) in cases {
        let out = run.exec(args);
        assert_eq!((out.status, out.stderr.trim()), (2, sv));
        let out = run.exec(&[&["--lang", "en"], args].concat());
        assert_eq!((out.status, out.stderr.trim()), (2, en));
    }
    let out = run.exec(&[
        "template",
        "--area",
        "HR",
        "--out",
        "HR.xlsx",
        "--budget-year",
        "tjugotjugotre",
    ]);
    assert_eq!(out.status, 2);
    assert!(
        out.stderr
            .starts_with("fel: ogiltigt värde ”tjugotjugotre” för ”--budget-year <ÅR>”"),
        "{}",
        out.stderr
    );
}

#[test]
fn check_on_a_folder_says_it_is_a_folder() {
    let run = Run::new().add("HR.xlsx", &Template::new("HR"));
    let out = run.exec(&["check", "input"]);
    assert_eq!(out.status, 2);
    assert_eq!(
        out.stderr.trim(),
        "input är en mapp, och check kontrollerar arbetsböcker. Ange filerna (till exempel input/*.xlsx), eller sammanställ mappen med: budget-consolidator consolidate input"
    );
    let out = run.exec(&["check", "input", "--lang", "en"]);
    assert_eq!(out.status, 2);
    assert!(
        out.stderr
            .starts_with("input is a folder, and check checks workbooks"),
        "{}",
        out.stderr
    );
}

#[test]
fn folder_without_workbooks_exits_2() {
    let run = Run::new()
        .add_bytes("README.txt", b"hej")
        .config("budget_year = 2023\n");
    let out = run.consolidate(&[]);
    assert_eq!(out.status, 2);
    assert!(
        out.stderr.contains("innehåller inga arbetsböcker"),
        "{}",
        out.stderr
    );
}

#[test]
fn only_lock_files_exits_2() {
    let run = Run::new()
        .add_bytes("~$HR.xlsx", b"lock")
        .add_bytes(".DS_Store", b"x");
    assert_eq!(run.consolidate(&[]).status, 2);
}

#[test]
fn unwritable_output_exits_2_naming_the_path() {
    let run = Run::new().add("HR.xlsx", &Template::new("HR"));
    std::fs::write(run.dir.path().join("output"), b"a file, not a folder").expect("file");
    let out = run.consolidate(&[]);
    assert_eq!(out.status, 2);
    assert!(out.stderr.contains("output"), "{}", out.stderr);
}

#[test]
fn bad_config_exits_2_with_line_and_key() {
    let run = Run::new()
        .add("HR.xlsx", &Template::new("HR"))
        .config("budget_year = 2023\nbudget_frame = 5\n");
    let out = run.consolidate(&[]);
    assert_eq!(out.status, 2);
    // The reader's reason in Swedish words (the line, the key and what is allowed).
    assert!(
        out.stderr.contains("rad 2")
            && out.stderr.contains("okänd nyckel ”budget_frame”; tillåtna nycklar: budget_year, years, total_frame, area"),
        "{}",
        out.stderr
    );
    let out = run.consolidate(&["--lang", "en"]);
    assert!(
        out.stderr.contains("line 2") && out.stderr.contains("budget_frame"),
        "{}",
        out.stderr
    );
}

#[test]
fn output_inside_input_is_refused() {
    let run = Run::new().add("HR.xlsx", &Template::new("HR"));
    let out = run.exec(&["consolidate", "input", "--out", "input/ut"]);
    assert_eq!(out.status, 2);
    assert!(out.stderr.contains("input/ut"), "{}", out.stderr);
}

#[test]
fn check_good_and_bad_files() {
    let run = Run::new().add("HR.xlsx", &Template::new("HR")).add(
        "Fel.xlsx",
        &Template::new("Ekonomi").set(Sheet::Budget, "D12", n(1.0)),
    );
    let good = run.exec(&["check", "input/HR.xlsx"]);
    assert_eq!(good.status, 0, "{}", good.stdout);
    assert!(
        good.stdout.ends_with("Filen kan skickas.\n"),
        "{}",
        good.stdout
    );
    let bad = run.exec(&["check", "input/Fel.xlsx", "--json", "check.json"]);
    assert_eq!(bad.status, 1);
    assert!(
        bad.stdout.contains(
            "input/Fel.xlsx › Budgetfördelning › D12: Summa Belopp 1 ≠ summan av raderna 13 000"
        ),
        "{}",
        bad.stdout
    );
    let report: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(run.dir.path().join("check.json")).expect("json"),
    )
    .expect("parse");
    assert_eq!(report["status"], "errors");
    assert_eq!(report["findings"][0]["code"], "total-mismatch");
    assert!(!run.output().exists(), "check writes no workbook");
}

#[test]
fn english_messages_with_lang_en() {
    let run = Run::new().add(
        "HR.xlsx",
        &Template::new("HR").set(Sheet::Budget, "D10", n(5100.0)),
    );
    let out = run.exec(&["--lang", "en", "check", "input/HR.xlsx"]);
    assert_eq!(out.status, 1);
    assert!(
        out.stdout.contains("error    row-sum-mismatch"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("Correct the errors before sending the file."),
        "{}",
        out.stdout
    );
}

#[test]
fn stray_cell_at_xfd1048576_does_not_break_a_file() {
    let run = Run::new().add(
        "HR.xlsx",
        &Template::new("HR").set(Sheet::Budget, "XFD1048576", t(" x")),
    );
    let out = run.consolidate(&[]);
    assert_eq!(out.status, 0, "{}", out.stdout);
    assert_eq!(run.report()["totals"]["total"], "13000");
}

#[test]
fn cached_spill_outside_the_table_does_not_break_a_file() {
    let run = Run::new().add(
        "HR.xlsx",
        &Template::new("HR").set(Sheet::Budget, "F2", f("=SEQUENCE(3)", "#SPILL!")),
    );
    make_error_values(&run.input().join("HR.xlsx"), "#SPILL!");
    let xml_has_error = {
        let bytes = std::fs::read(run.input().join("HR.xlsx")).expect("read");
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
        let mut sheet = String::new();
        std::io::Read::read_to_string(
            &mut zip.by_name("xl/worksheets/sheet1.xml").expect("sheet1"),
            &mut sheet,
        )
        .expect("xml");
        sheet.contains("t=\"e\"") && sheet.contains("#SPILL!")
    };
    assert!(
        xml_has_error,
        "the fixture really holds a cached #SPILL! error"
    );
    let out = run.consolidate(&[]);
    assert_eq!(out.status, 0, "{}", out.stdout);
    assert_eq!(run.report()["totals"]["total"], "13000");
}

#[test]
fn findings_from_one_broken_file_do_not_stop_the_others() {
    let run = Run::new()
        .add_bytes("A-trasig.xlsx", b"not a zip")
        .add("HR.xlsx", &Template::new("HR"))
        .add(
            "Ekonomi.xlsx",
            &Template::new("Ekonomi").set(Sheet::Budget, "B10", Cell::Bool(false)),
        );
    let out = run.consolidate(&[]);
    assert_eq!(out.status, 1);
    let codes: Vec<_> = findings(&run.report())
        .into_iter()
        .map(|f| (f.file.unwrap_or_default(), f.code))
        .collect();
    assert!(
        codes.contains(&("A-trasig.xlsx".into(), "unreadable-file".into())),
        "{codes:?}"
    );
    assert!(
        codes.contains(&("Ekonomi.xlsx".into(), "invalid-amount".into())),
        "{codes:?}"
    );
    // Terminal output is grouped by file, in file order, with the summary last.
    let a = out.stdout.find("A-trasig.xlsx\n").expect("group A");
    let e = out.stdout.find("Ekonomi.xlsx\n").expect("group E");
    assert!(a < e);
    assert!(
        out.stdout.contains(
            "Läste 3 filer med 2 tjänsteområden, varav 1 med i sammanställningen · 2 fel"
        ),
        "{}",
        out.stdout
    );
}

#[test]
fn upper_case_extension_is_read_by_its_content() {
    let run = Run::new().add("HR.XLSX", &Template::new("HR"));
    assert_eq!(run.consolidate(&[]).status, 0);
    assert_eq!(run.report()["areas"][0]["file"], "HR.XLSX");
}

#[test]
fn version_number_cell_is_shown_with_a_decimal() {
    let run = Run::new().add(
        "HR.xlsx",
        &Template::new("HR").set(Sheet::Budget, "B4", n(2.0)),
    );
    assert_eq!(run.consolidate(&[]).status, 0);
    assert_eq!(run.report()["areas"][0]["version"], "2.0");
}

#[test]
fn help_exits_0() {
    let out = Command::new(BIN).arg("--help").output().expect("run");
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("consolidate"));
}

#[test]
fn json_dash_writes_the_report_to_standard_output_and_the_text_to_standard_error() {
    let run = Run::new().add("HR.xlsx", &Template::new("HR"));
    let parse = |out: &crate::harness::Outcome| -> serde_json::Value {
        serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", out.stdout))
    };
    let check = run.exec(&["check", "input/HR.xlsx", "--json", "-"]);
    assert_eq!(check.status, 0, "{}", check.stderr);
    assert_eq!(parse(&check)["status"], "ok");
    assert!(
        check.stderr.contains("Filen kan skickas."),
        "{}",
        check.stderr
    );
    let cons = run.exec(&["consolidate", "input", "--out", "output", "--json", "-"]);
    assert_eq!(cons.status, 0, "{}", cons.stderr);
    assert_eq!(parse(&cons)["areas"][0]["area"], "HR");
    assert!(cons.stderr.contains("Skrev output"), "{}", cons.stderr);
    assert!(run.workbook().is_file());
    // `-` is no file: nothing of that name is written, here or in the input folder,
    // and `-` in the input folder's place is not taken for a path inside it.
    assert!(!run.dir.path().join("-").exists());
    let inside = Command::new(BIN)
        .args(["consolidate", ".", "--out", "../elsewhere", "--json", "-"])
        .current_dir(run.input())
        .output()
        .expect("run");
    assert_eq!(inside.status.code(), Some(0));
    assert!(!run.input().join("-").exists());
}
