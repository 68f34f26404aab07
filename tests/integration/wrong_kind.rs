//! A file of one of the tool's inputs given where another is read — a forecast
//! workbook to `check`, a plan template or an SIE export to `follow-up check`, a
//! template as the ledger's export — is named for what it is and where it is read,
//! not for the sheets or columns it lacks. The files are made by other programs
//! (openpyxl) as well as by our own writers.

use crate::harness::{Run, Template, findings};

/// A forecast workbook as another program writes one: a `prognos` sheet (the name
/// in another case) with the table's header, no plan sheets.
const FORECAST_BY_OPENPYXL: &str = r#"
import openpyxl, sys
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "prognos"
ws["A1"] = "Tjänsteområde"; ws["B1"] = "HR"
ws.append([])
ws.append(["Initiativ", "Budget helår", "Prognos helår", "Kommentar"])
ws.append(["Digitalisering inom HR", 1200, 1100, ""])
wb.create_sheet("Instruktioner")
wb.save(sys.argv[1])
"#;

/// The last line when the only errors are a file of another kind.
const VERDICT: &str = "Filen är av en annan sort än kommandot kontrollerar: kontrollera den med kommandot som meddelandet ovan nämner.";

fn forecast_by_openpyxl(run: &Run, name: &str) -> std::path::PathBuf {
    let path = run.dir.path().join(name);
    crate::harness::openpyxl(FORECAST_BY_OPENPYXL, &path);
    path
}

#[test]
fn a_forecast_workbook_given_to_check_is_named_as_one() {
    let run = Run::new();
    let ours = crate::codes::forecast_book(run.dir.path(), 1200);
    let theirs = forecast_by_openpyxl(&run, "HR prognos april.xlsx");
    for book in [&ours, &theirs] {
        let path = book.to_str().expect("utf-8");
        let out = run.exec(&["check", path, "--json", "report.json"]);
        assert_eq!(out.status, 1, "an error: {}{}", out.stdout, out.stderr);
        let found = findings(&run.report());
        let codes: Vec<&str> = found.iter().map(|f| f.code.as_str()).collect();
        assert_eq!(codes, ["wrong-kind-of-file"], "{path}: {found:?}");
        assert_eq!(found[0].severity, "error");
        assert_eq!(
            found[0].message,
            "Filen är en prognosarbetsbok (den har bladet ”Prognos”), ingen budgetmall. Prognosarbetsböcker kontrolleras med budget-consolidator follow-up check och läses av månadsuppföljningen från prognosmappen (--forecasts).",
        );
        assert!(out.stdout.contains("wrong-kind-of-file"), "{}", out.stdout);
        assert_eq!(
            out.stdout.trim_end().lines().last(),
            Some(VERDICT),
            "{}",
            out.stdout
        );
    }
}

#[test]
fn a_forecast_workbook_among_the_templates_is_one_error_and_the_others_are_read() {
    let run = Run::new().add("HR.xlsx", &Template::new("HR"));
    let stray = forecast_by_openpyxl(&run, "input/HR-prognos.xlsx");
    assert!(stray.is_file());
    let out = run.consolidate(&["--partial"]);
    assert_eq!(
        out.status, 1,
        "an error, written with --partial: {}{}",
        out.stdout, out.stderr
    );
    let found = findings(&run.report());
    let stray: Vec<_> = found
        .iter()
        .filter(|f| f.file.as_deref() == Some("HR-prognos.xlsx"))
        .collect();
    assert_eq!(stray.len(), 1, "{found:?}");
    assert_eq!(stray[0].code, "wrong-kind-of-file");
    assert!(found.iter().all(|f| f.code != "missing-sheet"), "{found:?}");
    assert_eq!(run.report()["totals"]["total"], "13000", "HR is read");
}

#[test]
fn a_workbook_lacking_the_plan_sheets_without_a_prognos_sheet_is_still_missing_sheet() {
    // Only the `Prognos` sheet makes a forecast workbook: any other workbook that
    // lacks the plan's sheets is told which sheets it lacks, as before.
    let run = Run::new();
    let path = run.dir.path().join("annat.xlsx");
    crate::harness::openpyxl(
        "import openpyxl, sys\nwb = openpyxl.Workbook()\nwb.active.title = 'Prognoser 2024'\nwb.save(sys.argv[1])",
        &path,
    );
    let out = run.exec(&["check", "annat.xlsx", "--json", "report.json"]);
    assert_eq!(out.status, 1, "{}", out.stdout);
    let codes: Vec<String> = findings(&run.report())
        .into_iter()
        .map(|f| f.code)
        .collect();
    assert_eq!(codes, ["missing-sheet", "missing-sheet"]);
}

#[test]
fn a_plan_template_given_to_follow_up_check_is_named_as_one() {
    let run = Run::new().add("HR.xlsx", &Template::new("HR"));
    // The template as another program saved it, sheet names in other cases (by
    // way of other names: openpyxl numbers a title that differs only in case).
    let resaved = run.dir.path().join("HR sparad.xlsx");
    crate::harness::openpyxl(
        "import openpyxl, os, sys\nwb = openpyxl.load_workbook(sys.argv[1])\nb, p = wb['Budgetfördelning'], wb['Utvecklingsinitiativ']\nb.title, p.title = 'x', 'y'\nb.title, p.title = 'BUDGETFÖRDELNING', 'utvecklingsinitiativ'\nwb.save(os.path.join(os.path.dirname(os.path.dirname(sys.argv[1])), 'HR sparad.xlsx'))",
        &run.input().join("HR.xlsx"),
    );
    for file in ["input/HR.xlsx", "HR sparad.xlsx"] {
        assert!(run.dir.path().join(file).is_file(), "{}", resaved.display());
        let out = run.exec(&["follow-up", "check", file, "--json", "report.json"]);
        assert_eq!(out.status, 1, "{}{}", out.stdout, out.stderr);
        let found = findings(&run.report());
        let codes: Vec<&str> = found.iter().map(|f| f.code.as_str()).collect();
        assert_eq!(codes, ["wrong-kind-of-file"], "{file}: {found:?}");
        assert!(
            found[0].message.starts_with("Filen är en budgetmall (den har bladen ”Budgetfördelning” och ”Utvecklingsinitiativ”), ingen prognosarbetsbok. Budgetmallar kontrolleras med budget-consolidator check"),
            "{}",
            found[0].message
        );
        assert_eq!(
            out.stdout.trim_end().lines().last(),
            Some(VERDICT),
            "{}",
            out.stdout
        );
    }
    // Beside a file with an error of its own, the usual verdict.
    std::fs::write(run.dir.path().join("tom.xlsx"), b"").expect("write");
    let both = run.exec(&["follow-up", "check", "input/HR.xlsx", "tom.xlsx"]);
    assert_eq!(
        both.stdout.trim_end().lines().last(),
        Some("Rätta felen innan du skickar filerna."),
        "{}",
        both.stdout
    );
}

#[test]
fn an_sie_export_given_to_follow_up_check_is_named_by_its_content_or_its_name() {
    let run = Run::new();
    let sie = "#FLAGGA 0\r\n#SIETYP 4\r\n#RAR 0 20230101 20231231\r\n";
    std::fs::write(run.dir.path().join("huvudbok.se"), sie).expect("write");
    // The content decides, whatever the name: an export saved as `.txt`.
    std::fs::write(run.dir.path().join("export.txt"), sie).expect("write");
    // The name decides when the content is no SIE file's start.
    std::fs::write(run.dir.path().join("trasig.SIE"), "nonsens\n").expect("write");
    for file in ["huvudbok.se", "export.txt", "trasig.SIE"] {
        let out = run.exec(&["follow-up", "check", file, "--json", "report.json"]);
        assert_eq!(out.status, 1, "{}{}", out.stdout, out.stderr);
        let found = findings(&run.report());
        assert_eq!(found.len(), 1, "{file}: {found:?}");
        assert_eq!(found[0].code, "wrong-kind-of-file", "{file}");
        assert_eq!(
            found[0].message,
            "Filen är en SIE-fil från ekonomisystemet, ingen prognosarbetsbok. Utfallet läses av månadsuppföljningen från utfallsmappen (--actuals).",
        );
    }
    // A forecast CSV is still read as a forecast table.
    std::fs::write(
        run.dir.path().join("prognos.csv"),
        "Initiativ;Prognos helår\nDigitalisering inom HR;1100\n",
    )
    .expect("write");
    let out = run.exec(&["follow-up", "check", "prognos.csv", "--json", "report.json"]);
    let codes: Vec<String> = findings(&run.report())
        .into_iter()
        .map(|f| f.code)
        .collect();
    assert!(
        codes.contains(&"missing-metadata".to_string())
            && !codes.contains(&"wrong-kind-of-file".to_string()),
        "read as a forecast table (no area above it): {}",
        out.stdout
    );
}

#[test]
fn an_sie_or_csv_file_given_to_check_is_told_where_the_follow_up_reads_it() {
    let run = Run::new();
    std::fs::write(run.dir.path().join("huvudbok.SE"), "#FLAGGA 0\n").expect("write");
    std::fs::write(run.dir.path().join("utfall.csv"), "Period;Konto\n").expect("write");
    for (file, words) in [
        (
            "huvudbok.SE",
            "En SIE-fil från ekonomisystemet, ingen budgetmall",
        ),
        ("utfall.csv", "En CSV-fil, ingen budgetmall"),
    ] {
        let out = run.exec(&["check", file, "--json", "report.json"]);
        assert_eq!(out.status, 0, "skipped, a warning: {}", out.stdout);
        let found = findings(&run.report());
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].code, "not-a-workbook");
        assert!(found[0].message.starts_with(words), "{}", found[0].message);
        assert!(
            found[0].message.contains("--actuals"),
            "{}",
            found[0].message
        );
    }
}

#[test]
fn a_template_or_forecast_workbook_given_as_the_ledger_export_is_named_as_one() {
    let run = Run::new().add("HR.xlsx", &Template::new("HR"));
    std::fs::copy(
        run.input().join("HR.xlsx"),
        run.dir.path().join("utfall.xlsx"),
    )
    .expect("copy");
    forecast_by_openpyxl(&run, "utfall-prognos.xlsx");
    let out = run.exec(&[
        "follow-up",
        "input",
        "--actuals",
        "utfall.xlsx",
        "--actuals",
        "utfall-prognos.xlsx",
        "--period",
        "2023-04",
        "--partial",
        "--out",
        "output",
        "--json",
        "report.json",
    ]);
    assert!(out.status <= 1, "{}{}", out.stdout, out.stderr);
    let found = findings(&run.report());
    let of = |file: &str| -> Vec<_> {
        found
            .iter()
            .filter(|f| f.file.as_deref().is_some_and(|n| n.ends_with(file)))
            .collect()
    };
    let plan = of("utfall.xlsx");
    assert_eq!(plan.len(), 1, "{found:?}");
    assert_eq!(plan[0].code, "unreadable-actuals");
    assert!(
        plan[0].message.starts_with("Filen är en budgetmall (den har bladen ”Budgetfördelning” och ”Utvecklingsinitiativ”), ingen export av utfallet från ekonomisystemet."),
        "{}",
        plan[0].message
    );
    let forecast = of("utfall-prognos.xlsx");
    assert_eq!(forecast.len(), 1, "{found:?}");
    assert_eq!(forecast[0].code, "unreadable-actuals");
    assert!(
        forecast[0].message.starts_with("Filen är en prognosarbetsbok (den har bladet ”Prognos”), ingen export av utfallet från ekonomisystemet."),
        "{}",
        forecast[0].message
    );
}
