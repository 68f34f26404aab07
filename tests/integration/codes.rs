//! One test per finding code: a template holding exactly that defect, and the
//! code, severity, sheet and cell the report must name. `every_code_has_a_test`
//! keeps this file complete.

use crate::harness::{
    Cell, Found, Initiative, Run, Sheet, Template, f, findings, make_error_values, n, t,
};
use budget_consolidator::finding::Code;
use budget_consolidator::rounds::Date;

const HR_CONFIG: &str =
    "budget_year = 2023\nyears = [2023, 2024, 2025]\n\n[[area]]\nname = \"HR\"\n";

/// Runs `consolidate` and returns the findings with `code`.
fn run_for(run: &Run, extra: &[&str], code: &str) -> Vec<Found> {
    let out = run.consolidate(extra);
    assert!(
        out.status == 0 || out.status == 1,
        "status {} {}",
        out.status,
        out.stderr
    );
    findings(&run.report())
        .into_iter()
        .filter(|f| f.code == code)
        .collect()
}

/// Asserts exactly one finding with `code`, at that place, with that severity.
fn expect_one(
    run: &Run,
    extra: &[&str],
    code: &str,
    severity: &str,
    file: Option<&str>,
    sheet: Option<&str>,
    cell: Option<&str>,
) -> Found {
    let found = run_for(run, extra, code);
    assert_eq!(found.len(), 1, "{code}: {found:#?}");
    let f = found.into_iter().next().expect("one");
    assert_eq!(f.severity, severity, "{code}");
    assert_eq!(f.file.as_deref(), file, "{code}");
    assert_eq!(f.sheet.as_deref(), sheet, "{code}");
    assert_eq!(f.cell.as_deref(), cell, "{code}");
    assert!(!f.message.is_empty());
    f
}

const B: Option<&str> = Some("Budgetfördelning");
const P: Option<&str> = Some("Utvecklingsinitiativ");
const HR: Option<&str> = Some("HR.xlsx");

#[test]
fn unreadable_file_corrupt() {
    let run = Run::new()
        .add("HR.xlsx", &Template::new("HR"))
        .add_bytes("Trasig.xlsx", b"PK\x03\x04 truncated download");
    let f = expect_one(
        &run,
        &[],
        "unreadable-file",
        "error",
        Some("Trasig.xlsx"),
        None,
        None,
    );
    assert!(f.message.contains("skadad"), "{}", f.message);
}

#[test]
fn unreadable_file_encrypted_says_password_protected() {
    // A compound file holding an EncryptedPackage stream: how Office stores an
    // encrypted xlsx. Named in upper case, to show the extension is not trusted.
    let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    bytes.extend(std::iter::repeat_n(0u8, 504));
    bytes.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    let run = Run::new()
        .add("HR.xlsx", &Template::new("HR"))
        .add_bytes("LÅST.XLSX", &bytes);
    let f = expect_one(
        &run,
        &[],
        "unreadable-file",
        "error",
        Some("LÅST.XLSX"),
        None,
        None,
    );
    assert!(f.message.contains("lösenordsskyddad"), "{}", f.message);
}

#[test]
fn unreadable_file_text_renamed() {
    let run = Run::new()
        .add("HR.xlsx", &Template::new("HR"))
        .add_bytes("Budget.xlsx", b"Text;Belopp\nA;1\n");
    let f = expect_one(
        &run,
        &[],
        "unreadable-file",
        "error",
        Some("Budget.xlsx"),
        None,
        None,
    );
    assert!(f.message.contains("ingen arbetsbok"), "{}", f.message);
}

#[test]
fn not_a_workbook() {
    let run = Run::new()
        .add("HR.xlsx", &Template::new("HR"))
        .add_bytes("anteckningar.txt", b"hej");
    expect_one(
        &run,
        &[],
        "not-a-workbook",
        "warning",
        Some("anteckningar.txt"),
        None,
        None,
    );
    assert_eq!(
        run.consolidate(&[]).status,
        0,
        "a warning alone does not fail the run"
    );
}

#[test]
fn too_large_shared_strings_bomb() {
    let run = Run::new().add("HR.xlsx", &Template::new("HR"));
    let path = run.input().join("HR.xlsx");
    crate::harness::rewrite_parts(&path, |name, xml| {
        (name == "xl/sharedStrings.xml").then(|| {
            let start = xml.find("uniqueCount=\"").expect("uniqueCount") + "uniqueCount=\"".len();
            let end = start + xml[start..].find('"').expect("quote");
            format!("{}4000000000{}", &xml[..start], &xml[end..])
        })
    });
    expect_one(&run, &[], "too-large", "error", HR, None, None);
}

#[test]
fn too_large_declared_part_size() {
    // A zip bomb, built small: the central directory declares 4 GiB for the sheet.
    let run = Run::new().add("HR.xlsx", &Template::new("HR"));
    let path = run.input().join("HR.xlsx");
    let mut bytes = std::fs::read(&path).expect("read");
    let name = b"xl/worksheets/sheet1.xml";
    let mut patched = false;
    for i in 0..bytes.len().saturating_sub(46) {
        let name_len = usize::from(u16::from_le_bytes([bytes[i + 28], bytes[i + 29]]));
        if bytes[i..i + 4] == *b"PK\x01\x02"
            && bytes.get(i + 46..i + 46 + name_len) == Some(&name[..])
        {
            bytes[i + 24..i + 28].copy_from_slice(&0xFFFF_FFF0u32.to_le_bytes());
            patched = true;
        }
    }
    assert!(patched, "central directory entry found");
    std::fs::write(&path, bytes).expect("write");
    let f = expect_one(&run, &[], "too-large", "error", HR, None, None);
    assert!(
        f.message.contains("xl/worksheets/sheet1.xml"),
        "{}",
        f.message
    );
}

#[test]
fn missing_sheet() {
    let mut template = Template::new("HR");
    template.without_plan_sheet = true;
    let run = Run::new().add("HR.xlsx", &template);
    let f = expect_one(&run, &[], "missing-sheet", "error", HR, P, None);
    assert!(
        f.message.contains("Budgetfördelning"),
        "lists the sheets found: {}",
        f.message
    );
}

#[test]
fn a_sheet_renamed_by_a_space_or_a_year_is_named_with_the_fix() {
    // A lead renames the sheet in another program (here openpyxl): the message says
    // which sheet to rename back, not only which ones there are — a name within two
    // letters of it, or the only one named as it and more.
    for renamed in ["Budget fördelning", "Budgetfördelning 2023"] {
        let run = Run::new().add("HR.xlsx", &Template::new("HR"));
        crate::harness::openpyxl(
            &format!(
                "import openpyxl, sys\nwb = openpyxl.load_workbook(sys.argv[1])\nwb['Budgetfördelning'].title = '{renamed}'\nwb.save(sys.argv[1])"
            ),
            &run.input().join("HR.xlsx"),
        );
        let found = run_for(&run, &[], "missing-sheet");
        assert_eq!(found.len(), 1, "{found:?}");
        let fix = format!("Byt namn på bladet ”{renamed}” till ”Budgetfördelning”.");
        assert!(found[0].message.ends_with(&fix), "{}", found[0].message);
    }
}

#[test]
fn missing_header() {
    let run = Run::new().add(
        "HR.xlsx",
        &Template::new("HR").set(Sheet::Budget, "D9", t("Kronor")),
    );
    let f = expect_one(&run, &[], "missing-header", "error", HR, B, None);
    assert!(f.message.contains("Belopp tkr"), "{}", f.message);
}

#[test]
fn missing_header_in_the_plan_names_only_the_group_that_is_missing() {
    // The development headers written `Utv. 2023` …: the maintenance ones are there.
    let mut template = Template::new("HR");
    for (at, year) in [("B3", 2023), ("C3", 2024), ("D3", 2025)] {
        template = template.set(Sheet::Plan, at, t(&format!("Utv. {year}")));
    }
    let run = Run::new().add("HR.xlsx", &template);
    let f = expect_one(&run, &[], "missing-header", "error", HR, P, None);
    assert!(
        f.message
            .contains("(saknas: Utveckling 2023, Utveckling 2024, Utveckling 2025)"),
        "{}",
        f.message
    );
    assert!(!f.message.contains("Vidmakthållande"), "{}", f.message);
}

#[test]
fn missing_metadata() {
    let run = Run::new().add(
        "HR.xlsx",
        &Template::new("HR").set(Sheet::Budget, "B4", Cell::Blank),
    );
    let f = expect_one(&run, &[], "missing-metadata", "error", HR, B, Some("A4"));
    assert!(f.message.contains("Version"), "{}", f.message);
}

/// A template's Datum after today (the system's date: a file cannot be dated later
/// than the day it is read) is most likely a wrong year: `check` warns at the cell,
/// for a date cell and for ISO text. `consolidate` does not repeat it: it depends on
/// the day the file is read, which `verify` could not repeat.
#[test]
fn plan_datum_in_the_future() {
    let run = Run::new()
        .add(
            "HR.xlsx",
            &Template::new("HR").set(Sheet::Budget, "B6", Cell::Date(2099, 3, 1)),
        )
        .add(
            "Ekonomi.xlsx",
            &Template::new("Ekonomi").set(Sheet::Budget, "B6", t("2099-10-14")),
        );
    let input = run.input();
    let files = ["HR.xlsx", "Ekonomi.xlsx"].map(|f| input.join(f));
    let json = input.join("check.json");
    let out = run.exec(&[
        "check",
        files[0].to_str().expect("path"),
        files[1].to_str().expect("path"),
        "--json",
        json.to_str().expect("path"),
    ]);
    assert_eq!(out.status, 0, "warnings only: {}", out.stdout);
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).expect("json")).expect("json");
    let found: Vec<_> = findings(&report)
        .into_iter()
        .filter(|f| f.code == "future-date")
        .collect();
    let places: Vec<_> = (found.iter())
        .map(|f| (f.sheet.as_deref(), f.cell.as_deref(), f.severity.as_str()))
        .collect();
    assert_eq!(
        places,
        [
            (Some("Budgetfördelning"), Some("B6"), "warning"),
            (Some("Budgetfördelning"), Some("B6"), "warning"),
        ]
    );
    assert!(
        (found.iter()).any(|f| f
            .message
            .starts_with("Datum 2099-03-01 ligger efter dagens datum ")),
        "{:?}",
        found
    );
    assert!(
        run_for(&run, &[], "future-date").is_empty(),
        "not in consolidate"
    );
    // Today's date itself is not in the future.
    let today = Date::today().to_string();
    let run = Run::new().add(
        "HR.xlsx",
        &Template::new("HR").set(Sheet::Budget, "B6", t(&today)),
    );
    let hr = run.input().join("HR.xlsx");
    let out = run.exec(&["check", hr.to_str().expect("path")]);
    assert!(!out.stdout.contains("future-date"), "{}", out.stdout);
}

#[test]
fn invalid_metadata() {
    let run = Run::new().add(
        "HR.xlsx",
        &Template::new("HR").set(Sheet::Budget, "B5", t("tjugotjugotre")),
    );
    expect_one(&run, &[], "invalid-metadata", "error", HR, B, Some("B5"));
}

#[test]
fn a_datum_the_calendar_does_not_have_is_an_invalid_metadata_warning() {
    // Typed as text in ISO form, but no such day: refused as any bad Datum is (a
    // warning, Datum being optional), not kept as the file's date.
    for date in ["2023-02-30", "2023-13-01", "2023-04-31"] {
        let run = Run::new().add(
            "HR.xlsx",
            &Template::new("HR").set(Sheet::Budget, "B6", t(date)),
        );
        let f = expect_one(&run, &[], "invalid-metadata", "warning", HR, B, Some("B6"));
        assert!(f.message.contains(date), "{}", f.message);
    }
}

#[test]
fn unknown_area() {
    let run = Run::new()
        .config(HR_CONFIG)
        .add("HR.xlsx", &Template::new("HR"))
        .add("Ekonomiservice.xlsx", &Template::new("Ekonomiservice"));
    let f = expect_one(
        &run,
        &[],
        "unknown-area",
        "error",
        Some("Ekonomiservice.xlsx"),
        B,
        Some("B3"),
    );
    assert!(
        f.message.contains("HR"),
        "names the known areas: {}",
        f.message
    );
}

#[test]
fn missing_area() {
    let config = format!("{HR_CONFIG}\n[[area]]\nname = \"Ekonomi\"\n");
    let run = Run::new()
        .config(&config)
        .add("HR.xlsx", &Template::new("HR"));
    let f = expect_one(&run, &[], "missing-area", "error", None, None, None);
    assert!(f.message.contains("Ekonomi"), "{}", f.message);
}

/// The areas of the sample's `budget.toml`, with `HR` among them.
const FIVE_AREAS: &str = "budget_year = 2023\nyears = [2023, 2024, 2025]\n\n\
    [[area]]\nname = \"Ekonomi\"\n[[area]]\nname = \"HR\"\n[[area]]\nname = \"IT-tjänster\"\n";

#[test]
fn an_area_whose_table_cannot_be_read_is_not_also_missing() {
    // HR's budget table has lost its Nyutveckling header: the file is HR's, with
    // an error, not a file of no area beside a missing HR.
    let run = Run::new().config(HR_CONFIG).add(
        "HR.xlsx",
        &Template::new("HR").set(Sheet::Budget, "B9", t("Nyutv")),
    );
    let out = run.consolidate(&[]);
    assert_eq!(out.status, 1, "{}", out.stdout);
    let codes: Vec<String> = findings(&run.report())
        .into_iter()
        .map(|f| f.code)
        .collect();
    assert_eq!(codes, ["missing-header"]);
    assert!(
        out.stdout.contains("Läste 1 fil med 1 tjänsteområde,")
            && out.stdout.contains("Inte med (har fel): HR (HR.xlsx)"),
        "{}",
        out.stdout
    );
    // With --partial, Källor names the file's area.
    let out = run.consolidate(&["--partial"]);
    assert_eq!(out.status, 1, "{}", out.stdout);
    let sources = crate::harness::read_sheet(&run.workbook(), "Källor");
    assert!(
        sources.iter().any(|((_, c), v)| *c == 1 && v == "HR"),
        "{sources:?}"
    );
}

/// `check FILE` run from the folder holding the file, as a lead runs it.
fn check_in_input(run: &Run, args: &[&str]) -> crate::harness::Outcome {
    let out = std::process::Command::new(crate::harness::BIN)
        .arg("check")
        .args(args)
        .current_dir(run.input())
        .output()
        .expect("run");
    crate::harness::Outcome {
        status: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[test]
fn check_applies_the_area_rule_of_the_budget_toml_beside_the_file() {
    let run = Run::new()
        .config(FIVE_AREAS)
        .add("HR.xlsx", &Template::new("Personal"));
    let out = check_in_input(&run, &["HR.xlsx", "--json", "../check.json"]);
    assert_eq!(out.status, 1, "{}{}", out.stdout, out.stderr);
    let report: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(run.dir.path().join("check.json")).expect("json"),
    )
    .expect("parse");
    let unknown: Vec<Found> = findings(&report)
        .into_iter()
        .filter(|f| f.code == "unknown-area")
        .collect();
    assert_eq!(unknown.len(), 1, "{unknown:#?}");
    assert_eq!(
        (
            unknown[0].file.as_deref(),
            unknown[0].sheet.as_deref(),
            unknown[0].cell.as_deref()
        ),
        (HR, B, Some("B3"))
    );
    // The same rule, so the same message as `consolidate` gives.
    let consolidated = expect_one(&run, &[], "unknown-area", "error", HR, B, Some("B3"));
    assert_eq!(unknown[0].message, consolidated.message);
    assert!(out.stdout.contains(&unknown[0].message), "{}", out.stdout);
    assert!(
        out.stdout
            .ends_with("Rätta felen innan du skickar filen.\n")
    );

    // Without a `budget.toml` beside it, any area name is the file's own.
    let elsewhere = Run::new().add("HR.xlsx", &Template::new("Personal"));
    let out = check_in_input(&elsewhere, &["HR.xlsx"]);
    assert_eq!(out.status, 0, "{}{}", out.stdout, out.stderr);
    assert!(!out.stdout.contains("unknown-area"), "{}", out.stdout);

    // `--config` names the configuration when it is not beside the file.
    let config = run.input().join("budget.toml");
    let out = check_in_input(
        &elsewhere,
        &["HR.xlsx", "--config", &config.to_string_lossy()],
    );
    assert_eq!(out.status, 1, "{}{}", out.stdout, out.stderr);
    assert!(out.stdout.contains(&unknown[0].message), "{}", out.stdout);
}

#[test]
fn missing_area_names_the_file_named_after_it() {
    let run = Run::new()
        .config(FIVE_AREAS)
        .add("Ekonomi.xlsx", &Template::new("Ekonomi"))
        .add("HR.xlsx", &Template::new("Personal"))
        .add("IT-tjänster.xlsx", &Template::new("IT-tjänster"));
    let f = expect_one(&run, &[], "missing-area", "error", None, None, None);
    assert_eq!(
        f.message,
        "Ingen fil anger tjänsteområdet ”HR”: HR.xlsx anger tjänsteområdet ”Personal”. \
         Rätta namnet i filen eller lägg till det som alias för ”HR” i budget.toml."
    );
    // An area without a file of its name keeps the plain message.
    let run = Run::new()
        .config(FIVE_AREAS)
        .add("Ekonomi.xlsx", &Template::new("Ekonomi"))
        .add("IT-tjänster.xlsx", &Template::new("IT-tjänster"));
    let f = expect_one(&run, &[], "missing-area", "error", None, None, None);
    assert_eq!(
        f.message,
        "Ingen fil för tjänsteområdet ”HR” hittades i mappen."
    );
}

#[test]
fn check_skips_a_file_without_a_workbook_extension_as_consolidate_does() {
    let run = Run::new().add("HR.xlsx", &Template::new("HR")).add_bytes(
        "README.md",
        b"# Budget 2023\n\nMallarna ligger i den h\xc3\xa4r mappen.\n",
    );
    let consolidated = expect_one(
        &run,
        &[],
        "not-a-workbook",
        "info",
        Some("README.md"),
        None,
        None,
    );
    let out = run.exec(&["check", "input/README.md", "--json", "check.json"]);
    assert_eq!(out.status, 0, "{}{}", out.stdout, out.stderr);
    let report: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(run.dir.path().join("check.json")).expect("json"),
    )
    .expect("parse");
    let checked: Vec<_> = findings(&report)
        .into_iter()
        .map(|f| (f.severity, f.code, f.file, f.message))
        .collect();
    assert_eq!(
        checked,
        [(
            "info".to_string(),
            "not-a-workbook".to_string(),
            Some("input/README.md".to_string()),
            consolidated.message.clone()
        )]
    );
    assert_eq!(
        out.stdout,
        format!(
            "input/README.md\n  info     not-a-workbook          input/README.md: {}\n\n\
             Filen har 0 fel och 0 varningar, 1 info.\n\
             Filen är ingen arbetsbok, så det finns inget att skicka.\n",
            consolidated.message
        )
    );
}

#[test]
fn not_a_workbook_without_an_extension_says_so_and_names_the_workbook_it_is() {
    // A workbook whose extension was lost (`HR`), an `.xls` likewise, and a text
    // file without one: each is skipped, and the message says what to rename.
    let xls = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lo-sheet.xls");
    let run = Run::new()
        .add("Ekonomi.xlsx", &Template::new("Ekonomi"))
        .add("HR", &Template::new("HR"))
        .add_bytes("IT", &std::fs::read(xls).expect("fixture"))
        .add_bytes("anteckningar", b"hej");
    let found: Vec<(String, String)> = run_for(&run, &[], "not-a-workbook")
        .into_iter()
        .map(|f| (f.file.unwrap_or_default(), f.message))
        .collect();
    assert_eq!(
        found,
        [
            (
                "HR".to_string(),
                "Filnamnet har ingen ändelse, men filen ser ut som en Excel-arbetsbok: byt namn på den till ”HR.xlsx”. Filen hoppas över.".to_string()
            ),
            (
                "IT".to_string(),
                "Filnamnet har ingen ändelse, men filen ser ut som en Excel-arbetsbok: byt namn på den till ”IT.xls”. Filen hoppas över.".to_string()
            ),
            (
                "anteckningar".to_string(),
                "Filnamnet har ingen ändelse, så filen läses inte som en arbetsbok; den hoppas över.".to_string()
            ),
        ]
    );
    assert_eq!(run.consolidate(&[]).status, 0);
    let out = run.exec(&["check", "input/HR"]);
    assert_eq!(out.status, 0, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stdout.ends_with(
            "Filen läses först när den har en arbetsboks ändelse: byt namn på den till ”HR.xlsx” och kör check igen.\n"
        ),
        "{}",
        out.stdout
    );
}

#[test]
fn a_folder_of_workbooks_without_extensions_names_the_names_to_give_them() {
    // Nothing the run can read, so it stops (exit 2); but what to rename is said.
    let run = Run::new()
        .add("HR", &Template::new("HR"))
        .add_bytes("anteckningar", b"hej");
    let out = run.consolidate(&[]);
    assert_eq!(out.status, 2, "{}{}", out.stdout, out.stderr);
    assert_eq!(
        out.stderr,
        "Mappen input innehåller inga arbetsböcker (.xlsx, .xlsm, .xlsb, .xls, .ods). Filen ”HR” saknar ändelse men är en Excel-arbetsbok: byt namn på den till ”HR.xlsx” och kör igen.\n"
    );
    let run = run.add("IT", &Template::new("IT"));
    let out = run.exec(&["--lang", "en", "consolidate", "input", "--out", "output"]);
    assert_eq!(out.status, 2, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stderr
            .contains("rename “HR” to “HR.xlsx”, “IT” to “IT.xlsx” and run again."),
        "{}",
        out.stderr
    );
}

#[test]
fn duplicate_area() {
    let run = Run::new()
        .add("HR.xlsx", &Template::new("HR"))
        .add("HR-kopia.xlsx", &Template::new("hr"));
    let found = run_for(&run, &[], "duplicate-area");
    let files: Vec<_> = found
        .iter()
        .map(|f| (f.file.as_deref(), f.cell.as_deref(), f.severity.as_str()))
        .collect();
    assert_eq!(
        files,
        vec![
            (Some("HR-kopia.xlsx"), Some("B3"), "error"),
            (Some("HR.xlsx"), Some("B3"), "error")
        ]
    );
}

#[test]
fn superseded_version() {
    let newer = Template::new("HR").set(Sheet::Budget, "B4", n(2.1));
    let run = Run::new()
        .add("HR.xlsx", &Template::new("HR"))
        .add("HR-v2.xlsx", &newer);
    let f = expect_one(
        &run,
        &["--latest-version"],
        "superseded-version",
        "info",
        HR,
        B,
        None,
    );
    assert!(
        f.message.contains("2.1") && f.message.contains("HR-v2.xlsx"),
        "{}",
        f.message
    );
    let report = run.report();
    assert_eq!(report["status"], "ok");
    assert_eq!(report["areas"].as_array().map(Vec::len), Some(1));
    assert_eq!(report["areas"][0]["version"], "2.1");
    // HR.xlsx was streamed into the workbook first; the kept file is the newer one,
    // so the Initiativ sheet was rebuilt from it.
    let rows = crate::harness::sheet_rows(&run.workbook(), "Initiativ", 16);
    let sources: Vec<(&str, &str)> = rows[1..]
        .iter()
        .map(|r| (r[1].as_str(), r[13].as_str()))
        .collect();
    assert_eq!(sources, vec![("2.1", "HR-v2.xlsx"); 2]);
}

#[test]
fn invalid_amount_text() {
    let run = Run::new().add(
        "HR.xlsx",
        &Template::new("HR").set(Sheet::Budget, "B10", t("ca 800")),
    );
    let f = expect_one(&run, &[], "invalid-amount", "error", HR, B, Some("B10"));
    assert!(f.message.contains("ca 800"), "{}", f.message);
}

#[test]
fn invalid_amount_ambiguous_thousands() {
    let run = Run::new().add(
        "HR.xlsx",
        &Template::new("HR").set(Sheet::Budget, "C11", t("8,000")),
    );
    let f = expect_one(&run, &[], "invalid-amount", "error", HR, B, Some("C11"));
    assert!(f.message.contains("tvetydigt"), "{}", f.message);
}

#[test]
fn invalid_amount_date_bool_and_error_value() {
    let run = Run::new().add(
        "HR.xlsx",
        &Template::new("HR")
            .set(Sheet::Plan, "C4", Cell::Date(2024, 1, 1))
            .set(Sheet::Plan, "D4", Cell::Bool(true))
            .set(Sheet::Plan, "E4", f("=1/0", "#DIV/0!")),
    );
    let found = run_for(&run, &[], "invalid-amount");
    let cells: Vec<_> = found
        .iter()
        .map(|f| f.cell.as_deref().unwrap_or(""))
        .collect();
    assert_eq!(cells, vec!["C4", "D4", "E4"]);
    assert!(
        found[0].message.contains("2024-01-01"),
        "{}",
        found[0].message
    );
    assert_eq!(
        found[2].message,
        "Vidmakthållande 2023: cellen innehåller felvärdet #DIVISION/0!. Rätta formeln."
    );
}

#[test]
fn negative_amount() {
    let template = Template::new("HR")
        .set(Sheet::Budget, "B10", n(-800.0))
        .set(Sheet::Budget, "C10", n(5800.0))
        .set(Sheet::Budget, "B12", f("=SUM(B10:B11)", "-800"))
        .set(Sheet::Budget, "C12", f("=SUM(C10:C11)", "13800"));
    let run = Run::new().add("HR.xlsx", &template);
    expect_one(&run, &[], "negative-amount", "error", HR, B, Some("B10"));
    let all = findings(&run.report());
    assert_eq!(
        all.iter().filter(|f| f.severity == "error").count(),
        1,
        "{all:#?}"
    );
}

#[test]
fn negative_maintenance_is_allowed() {
    let run = Run::new().add("HR.xlsx", &Template::new("HR"));
    assert_eq!(run.consolidate(&[]).status, 0);
    assert_eq!(run.report()["totals"]["maintenance_by_year"]["2025"], "250");
}

#[test]
fn number_as_text() {
    let run = Run::new().add(
        "HR.xlsx",
        &Template::new("HR").set(Sheet::Budget, "C11", t("8\u{a0}000")),
    );
    let f = expect_one(&run, &[], "number-as-text", "warning", HR, B, Some("C11"));
    assert!(f.message.contains("8 000"), "{}", f.message);
    assert_eq!(run.report()["totals"]["total"], "13000");
}

#[test]
fn row_sum_mismatch() {
    let run = Run::new().add(
        "HR.xlsx",
        &Template::new("HR").set(Sheet::Budget, "D10", n(5100.0)),
    );
    let f = expect_one(&run, &[], "row-sum-mismatch", "error", HR, B, Some("D10"));
    assert_eq!(
        f.message,
        "Belopp 5 100 ≠ Nyutveckling 800 + Utveckling inom befintlig tjänst 4 200 = 5 000. \
         Rätta Belopp eller delbeloppen så att Belopp är deras summa."
    );
}

#[test]
fn total_mismatch() {
    let run = Run::new().add(
        "HR.xlsx",
        &Template::new("HR").set(Sheet::Budget, "D12", n(13100.0)),
    );
    let f = expect_one(&run, &[], "total-mismatch", "error", HR, B, Some("D12"));
    assert!(
        f.message.contains("13 100") && f.message.contains("13 000"),
        "{}",
        f.message
    );
}

#[test]
fn total_cell_left_empty_is_not_checked() {
    let run = Run::new().add(
        "HR.xlsx",
        &Template::new("HR")
            .set(Sheet::Budget, "B12", Cell::Blank)
            .set(Sheet::Budget, "C12", Cell::Blank),
    );
    assert_eq!(run.consolidate(&[]).status, 0);
}

#[test]
fn missing_total_row() {
    let run = Run::new().add(
        "HR.xlsx",
        &Template::new("HR").set(Sheet::Plan, "A6", Cell::Blank),
    );
    let found = run_for(&run, &[], "missing-total-row");
    assert_eq!(found.len(), 1);
    assert_eq!(
        (
            found[0].sheet.as_deref(),
            found[0].cell.as_deref(),
            found[0].severity.as_str()
        ),
        (P, None, "error")
    );
}

#[test]
fn rows_below_total_are_named_not_counted() {
    // An initiative added under Summa (row 13 of Budgetfördelning, Summa at 12), a
    // note without amounts, a second Summa, and an amount typed as text in the
    // multi-year sheet: one warning per sheet, the totals those of the table.
    let template = Template::new("HR")
        .set(Sheet::Budget, "A13", t("Ny lönemodul"))
        .set(Sheet::Budget, "B13", n(700.0))
        .set(Sheet::Budget, "A14", t("Kommentar: se bilaga"))
        .set(Sheet::Budget, "A15", t("Summa"))
        .set(Sheet::Budget, "B15", n(13700.0))
        .set(Sheet::Budget, "A16", t("Extra"))
        .set(Sheet::Budget, "C16", n(50.0))
        .set(Sheet::Plan, "A8", t("Ny lönemodul"))
        .set(Sheet::Plan, "B8", t("700"));
    let run = Run::new().add("HR.xlsx", &template);
    let found = run_for(&run, &[], "rows-below-total");
    assert_eq!(found.len(), 2, "{found:#?}");
    let budget = found
        .iter()
        .find(|f| f.sheet.as_deref() == B)
        .expect("Budgetfördelning");
    assert_eq!(
        (budget.severity.as_str(), budget.cell.as_deref()),
        ("warning", Some("A13"))
    );
    assert_eq!(
        budget.message,
        "Under Summa-raden (rad 12) står 2 rader med belopp (den första ”Ny lönemodul”); de räknas inte, för tabellen slutar vid Summa. Flytta in dem ovanför Summa (infoga rader i tabellen)."
    );
    let plan = found
        .iter()
        .find(|f| f.sheet.as_deref() == P)
        .expect("plan");
    assert_eq!(plan.cell.as_deref(), Some("A8"));
    assert!(
        plan.message.contains("en rad med belopp (”Ny lönemodul”)"),
        "{}",
        plan.message
    );
    assert_eq!(run.report()["totals"]["total"], "13000");
}

#[test]
fn uncategorized_amount() {
    let template = Template::new("HR")
        .set(Sheet::Budget, "B10", Cell::Blank)
        .set(Sheet::Budget, "C10", Cell::Blank)
        .set(Sheet::Budget, "D10", n(5000.0));
    let run = Run::new().add("HR.xlsx", &template);
    expect_one(
        &run,
        &[],
        "uncategorized-amount",
        "error",
        HR,
        B,
        Some("D10"),
    );
}

#[test]
fn missing_initiative_name() {
    let run = Run::new().add(
        "HR.xlsx",
        &Template::new("HR").set(Sheet::Budget, "A10", Cell::Blank),
    );
    expect_one(
        &run,
        &[],
        "missing-initiative-name",
        "error",
        HR,
        B,
        Some("A10"),
    );
}

#[test]
fn duplicate_initiative() {
    let run = Run::new().add(
        "HR.xlsx",
        &Template::new("HR").set(Sheet::Budget, "A11", t(" digitalisering  inom hr ")),
    );
    let f = expect_one(
        &run,
        &[],
        "duplicate-initiative",
        "error",
        HR,
        B,
        Some("A11"),
    );
    assert!(f.message.contains("rad 10"), "{}", f.message);
}

#[test]
fn cross_sheet_mismatch() {
    let template = Template::new("HR").set(Sheet::Plan, "B4", n(5500.0)).set(
        Sheet::Plan,
        "B6",
        f("=SUM(B4:B5)", "13500"),
    );
    let run = Run::new().add("HR.xlsx", &template);
    let found = run_for(&run, &[], "cross-sheet-mismatch");
    let places: Vec<_> = found
        .iter()
        .map(|f| (f.sheet.as_deref(), f.cell.as_deref(), f.severity.as_str()))
        .collect();
    assert_eq!(
        places,
        vec![(B, Some("D12"), "error"), (P, Some("B4"), "error")]
    );
}

#[test]
fn unmatched_initiative() {
    let run = Run::new().add(
        "HR.xlsx",
        &Template::new("HR").set(Sheet::Plan, "A5", t("Översyn av IT-stöd")),
    );
    let found = run_for(&run, &[], "unmatched-initiative");
    let places: Vec<_> = found
        .iter()
        .map(|f| (f.sheet.as_deref(), f.cell.as_deref(), f.severity.as_str()))
        .collect();
    assert_eq!(
        places,
        vec![(B, Some("A11"), "warning"), (P, Some("A5"), "warning")]
    );
}

#[test]
fn numbered_plan_names_match_budget_names() {
    let run = Run::new().add(
        "HR.xlsx",
        &Template::new("HR").set(Sheet::Plan, "A4", t("1.Digitalisering inom HR")),
    );
    assert!(run_for(&run, &[], "unmatched-initiative").is_empty());
}

/// HR's template with a third initiative `Ny e-tjänst` of no amounts, assessed
/// `Liten`, with the Projekt code P3 (budget row 12, plan row 6, Påverkan in H).
fn with_an_initiative_of_no_amounts() -> Template {
    let mut template = Template::new("HR");
    template.initiatives.push(Initiative {
        name: "Ny e-tjänst".into(),
        new: 0.0,
        existing: 0.0,
        development: vec![0.0; 3],
        maintenance: vec![0.0; 3],
        impact: Some("Liten".into()),
    });
    template
        .set(Sheet::Budget, "E9", t("Projekt"))
        .set(Sheet::Budget, "E12", t("P3"))
}

#[test]
fn a_heading_row_with_a_paverkan_or_a_project_code_names_the_value_left_out() {
    let run = Run::new().add("HR.xlsx", &with_an_initiative_of_no_amounts());
    let found = run_for(&run, &[], "heading-row");
    let places: Vec<_> = found
        .iter()
        .map(|f| (f.sheet.as_deref(), f.cell.as_deref(), f.severity.as_str()))
        .collect();
    assert_eq!(
        places,
        [(B, Some("A12"), "warning"), (P, Some("A6"), "warning")]
    );
    assert!(
        found[0].message.contains("Projekt ”P3”") && found[1].message.contains("Påverkan ”Liten”"),
        "{found:#?}"
    );
    assert_eq!(run.report()["status"], "ok");
    assert_eq!(run.report()["totals"]["total"], "13000");
}

#[test]
fn a_row_with_only_a_paverkan_or_a_project_code_is_named_at_that_cell() {
    let template = with_an_initiative_of_no_amounts()
        .set(Sheet::Budget, "A12", Cell::Blank)
        .set(Sheet::Plan, "A6", Cell::Blank);
    let run = Run::new().add("HR.xlsx", &template);
    let found = run_for(&run, &[], "missing-initiative-name");
    let places: Vec<_> = found
        .iter()
        .map(|f| (f.sheet.as_deref(), f.cell.as_deref(), f.severity.as_str()))
        .collect();
    assert_eq!(
        places,
        [(B, Some("E12"), "warning"), (P, Some("H6"), "warning")]
    );
    for f in &found {
        assert!(
            f.message.contains("men inget initiativ och inga belopp") && !f.message.contains("(0)"),
            "{}",
            f.message
        );
    }
    assert!(
        found[1].message.contains("Påverkan ”Liten”"),
        "{}",
        found[1].message
    );
    assert_eq!(run.report()["status"], "ok");
}

#[test]
fn heading_row() {
    let mut template = Template::new("HR");
    template.initiatives.insert(
        0,
        Initiative {
            name: "Kommande utveckling".into(),
            new: 0.0,
            existing: 0.0,
            development: vec![0.0; 3],
            maintenance: vec![0.0; 3],
            impact: None,
        },
    );
    let run = Run::new().add("HR.xlsx", &template);
    let found = run_for(&run, &[], "heading-row");
    let places: Vec<_> = found
        .iter()
        .map(|f| (f.sheet.as_deref(), f.cell.as_deref(), f.severity.as_str()))
        .collect();
    assert_eq!(
        places,
        vec![(B, Some("A10"), "info"), (P, Some("A4"), "info")]
    );
    assert_eq!(run.report()["status"], "ok");
}

#[test]
fn year_mismatch_against_configuration() {
    let template = Template::new("HR").set(Sheet::Budget, "B5", n(2024.0));
    let run = Run::new().config(HR_CONFIG).add("HR.xlsx", &template);
    let f = expect_one(&run, &[], "year-mismatch", "error", HR, B, Some("B5"));
    assert!(
        f.message.contains("2024") && f.message.contains("2023"),
        "{}",
        f.message
    );
}

#[test]
fn a_wrong_budget_year_is_one_error_not_a_mismatch_per_initiative() {
    // Budgetår 2024 where the run consolidates 2023: the sheets are compared for
    // 2023, so a file whose 2023 figures agree has the one year error only ...
    let template = Template::new("HR").set(Sheet::Budget, "B5", n(2024.0));
    let run = Run::new().config(HR_CONFIG).add("HR.xlsx", &template);
    assert_eq!(run_for(&run, &[], "year-mismatch").len(), 1);
    let found = run_for(&run, &[], "cross-sheet-mismatch");
    assert!(found.is_empty(), "{found:#?}");
    // ... and a 2023 figure that disagrees is named for 2023.
    let mut odd = Template::new("HR");
    odd.initiatives[0].development[0] = 5100.0;
    let odd = odd.set(Sheet::Budget, "B5", n(2024.0));
    let run = Run::new().config(HR_CONFIG).add("HR.xlsx", &odd);
    let found = run_for(&run, &[], "cross-sheet-mismatch");
    assert!(!found.is_empty());
    assert!(
        found
            .iter()
            .all(|f| f.message.contains("2023") && !f.message.contains("2024")),
        "{found:#?}"
    );
}

#[test]
fn year_mismatch_against_most_areas() {
    let mut odd = Template::new("Ekonomi");
    odd.years = vec![2024, 2025, 2026];
    let odd = odd.set(Sheet::Budget, "B5", t("2024"));
    let run = Run::new()
        .add("HR.xlsx", &Template::new("HR"))
        .add("IT.xlsx", &Template::new("IT"))
        .add("Ekonomi.xlsx", &odd);
    let found = run_for(&run, &[], "year-mismatch");
    let places: Vec<_> = found
        .iter()
        .map(|f| (f.file.as_deref(), f.sheet.as_deref(), f.cell.as_deref()))
        .collect();
    assert_eq!(
        places,
        vec![
            (Some("Ekonomi.xlsx"), B, Some("B5")),
            (Some("Ekonomi.xlsx"), P, None)
        ]
    );
}

#[test]
fn invalid_category() {
    let run = Run::new().add(
        "HR.xlsx",
        &Template::new("HR").set(Sheet::Plan, "H4", t("Medel")),
    );
    let f = expect_one(&run, &[], "invalid-category", "error", HR, P, Some("H4"));
    assert!(f.message.contains("Medel"), "{}", f.message);
}

#[test]
fn formula_without_value_recomputed_is_a_warning() {
    // rust_xlsxwriter without a result stores 0 as the cached value: a placeholder.
    let run = Run::new().add(
        "HR.xlsx",
        &Template::new("HR").set(Sheet::Budget, "D10", Cell::Formula("=B10+C10".into(), None)),
    );
    let f = expect_one(
        &run,
        &[],
        "formula-without-value",
        "warning",
        HR,
        B,
        Some("D10"),
    );
    assert!(f.message.contains("5 000"), "{}", f.message);
    assert_eq!(run.report()["totals"]["total"], "13000");
}

#[test]
fn formula_without_value_in_a_name_cell_is_not_an_initiative_named_0() {
    // A name formula saved with the placeholder 0 (an .xls from a program that did
    // not calculate): the row is named once, at its name cell, not read as `0`.
    let name = Cell::Formula("='Budgetfördelning'!A10&\"\"".into(), None);
    let run = Run::new().add("HR.xlsx", &Template::new("HR").set(Sheet::Plan, "A4", name));
    let f = expect_one(
        &run,
        &[],
        "formula-without-value",
        "error",
        HR,
        P,
        Some("A4"),
    );
    assert!(
        f.message
            .starts_with("Initiativ: formeln har inget beräknat värde."),
        "{}",
        f.message
    );
    assert!(run_for(&run, &[], "duplicate-initiative").is_empty());
    // The row could be any of the budget's initiatives: none is called unmatched.
    assert!(run_for(&run, &[], "unmatched-initiative").is_empty());
}

#[test]
fn formula_without_value_in_an_input_cell_is_an_error() {
    // No cached value at all: the value was never calculated, and a plan amount
    // cannot be recomputed from anything.
    let mut template =
        Template::new("HR").set(Sheet::Plan, "C5", Cell::Formula("=3000*2".into(), None));
    template.uncalculated_formulas = true;
    let run = Run::new().add("HR.xlsx", &template);
    let f = expect_one(
        &run,
        &[],
        "formula-without-value",
        "error",
        HR,
        P,
        Some("C5"),
    );
    assert!(f.message.contains("spara"), "{}", f.message);
}

#[test]
fn a_formula_whose_result_is_empty_text_is_an_empty_cell() {
    // `=IF(B5>0;"";100)` calculated: Excel and LibreOffice store the empty text
    // as `t="str"` with an empty `<v></v>`, as rust_xlsxwriter writes it here. The
    // cell reads as empty (0), not as a formula never calculated.
    let empty = Cell::Formula("=IF(B5>0,\"\",100)".into(), Some(String::new()));
    let run = Run::new().add(
        "HR.xlsx",
        &Template::new("HR").set(Sheet::Plan, "E5", empty),
    );
    let out = run.consolidate(&[]);
    let found = findings(&run.report());
    assert!(found.is_empty(), "{found:#?}");
    assert_eq!(out.status, 0, "{}", out.stdout);
    assert_eq!(run.report()["totals"]["total"], "13000");
}

#[test]
fn frame_exceeded() {
    let config = "budget_year = 2023\n\n[[area]]\nname = \"HR\"\nframe = 12000\n";
    let run = Run::new()
        .config(config)
        .add("HR.xlsx", &Template::new("HR"));
    let f = expect_one(&run, &[], "frame-exceeded", "error", HR, B, Some("D12"));
    assert!(f.message.contains("1 000"), "{}", f.message);
}

#[test]
fn frame_deviation() {
    let config =
        "budget_year = 2023\ntotal_frame = 13000\n\n[[area]]\nname = \"HR\"\nframe = 14000\n";
    let run = Run::new()
        .config(config)
        .add("HR.xlsx", &Template::new("HR"));
    expect_one(&run, &[], "frame-deviation", "warning", HR, B, Some("D12"));
}

#[test]
fn total_frame_exceeded() {
    let config = "budget_year = 2023\ntotal_frame = 12500\n\n[[area]]\nname = \"HR\"\n";
    let run = Run::new()
        .config(config)
        .add("HR.xlsx", &Template::new("HR"));
    let f = expect_one(&run, &[], "frame-exceeded", "error", None, None, None);
    assert!(f.message.contains("totalramen"), "{}", f.message);
}

#[test]
fn internal_error_in_one_file_leaves_the_others() {
    let run = Run::new()
        .add("HR.xlsx", &Template::new("HR"))
        .add("Ekonomi.xlsx", &Template::new("Ekonomi"));
    let out = run.consolidate_env(
        &["--partial"],
        &[("BUDGET_CONSOLIDATOR_FAILPOINT", "panic:Ekonomi.xlsx")],
    );
    assert_eq!(out.status, 1);
    let report = run.report();
    let f: Vec<_> = findings(&report)
        .into_iter()
        .filter(|f| f.code == "internal-error")
        .collect();
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].file.as_deref(), Some("Ekonomi.xlsx"));
    assert_eq!(
        report["totals"]["total"], "13000",
        "HR is still consolidated"
    );
}

#[test]
fn cached_spill_inside_the_table_is_an_invalid_amount() {
    let run = Run::new().add(
        "HR.xlsx",
        &Template::new("HR").set(Sheet::Budget, "C11", f("=SEQUENCE(2)", "#SPILL!")),
    );
    make_error_values(&run.input().join("HR.xlsx"), "#SPILL!");
    let f = expect_one(&run, &[], "invalid-amount", "error", HR, B, Some("C11"));
    assert!(f.message.contains("#SPILL!"), "{}", f.message);
}

#[test]
fn ambiguous_sheet() {
    // A hidden old `Budgetfördelning` and the visible `Budgetfördelning ` (written by
    // openpyxl; tests/fixtures/README.md): the visible one is read, with a warning.
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/ambiguous/hidden-first.xlsx");
    let run = Run::new().add_bytes("HR.xlsx", &std::fs::read(fixture).expect("fixture"));
    let f = expect_one(
        &run,
        &[],
        "ambiguous-sheet",
        "warning",
        HR,
        Some("Budgetfördelning "),
        None,
    );
    assert!(f.message.contains("dolda bladet"), "{}", f.message);
    assert_eq!(run.report()["totals"]["total"], "13000");
}

#[test]
fn ambiguous_sheet_names_a_copy_made_by_excel() {
    // Excel's "Move or Copy → Create a copy" names the copy `Budgetfördelning (2)`;
    // a lead who edits the copy must hear that the original was read.
    let mut template = Template::new("HR");
    template
        .sheet_copies
        .push((Sheet::Budget, "Budgetfördelning (2)".into()));
    let run = Run::new().add("HR.xlsx", &template);
    let f = expect_one(&run, &[], "ambiguous-sheet", "warning", HR, B, None);
    assert!(
        f.message.starts_with(
            "Bladet ”Budgetfördelning” lästes. Bladet ”Budgetfördelning (2)” är en kopia"
        ),
        "{}",
        f.message
    );
    assert!(f.message.contains("Ta bort kopian"), "{}", f.message);
    assert_eq!(run.report()["totals"]["total"], "13000");
}

#[test]
fn ambiguous_column() {
    let run = Run::new().add(
        "HR.xlsx",
        &Template::new("HR").set(Sheet::Plan, "I3", t("Vidmakthållande 2023")),
    );
    let f = expect_one(&run, &[], "ambiguous-column", "error", HR, P, Some("I3"));
    assert!(f.message.contains("E3 och I3"), "{}", f.message);
}

#[test]
fn unit_not_tkr_names_a_header_in_kronor_even_one_matched_by_its_beginning() {
    // `Utveckling inom befintlig …` is matched by its beginning, so `(kr)` after it
    // was read as tkr: every amount in the column 1 000 times too large.
    let run = Run::new().add(
        "HR.xlsx",
        &Template::new("HR")
            .set(
                Sheet::Budget,
                "C9",
                t("Utveckling inom befintlig tjänst (kr)"),
            )
            .set(Sheet::Plan, "C3", t("Utveckling 2024, mnkr")),
    );
    let found = run_for(&run, &[], "unit-not-tkr");
    let at: Vec<_> = found
        .iter()
        .map(|f| (f.severity.as_str(), f.sheet.as_deref(), f.cell.as_deref()))
        .collect();
    assert_eq!(at, [("error", B, Some("C9")), ("error", P, Some("C3"))]);
    assert!(
        found[0]
            .message
            .contains("”Utveckling inom befintlig tjänst (kr)”")
            && found[0].message.contains("kronor")
            && found[0].message.contains("tkr"),
        "{}",
        found[0].message
    );
    assert!(
        found[1].message.contains("miljoner kronor"),
        "{}",
        found[1].message
    );
    // The area has errors: not consolidated, no workbook.
    assert_eq!(run.report()["status"], "errors");
    assert!(!run.workbook().exists());
}

#[test]
fn headers_with_tkr_after_the_label_are_the_template_s_headers() {
    let run = Run::new().add(
        "HR.xlsx",
        &Template::new("HR")
            .set(Sheet::Budget, "B9", t("Nyutveckling (tkr)"))
            .set(
                Sheet::Budget,
                "C9",
                t("Utveckling inom befintlig tjänst, tkr"),
            )
            .set(Sheet::Budget, "D9", t("Belopp (Tkr)"))
            .set(Sheet::Plan, "B3", t("Utveckling 2023 (tkr)"))
            .set(Sheet::Plan, "E3", t("Vidmakthållande 2023 (tusen kronor)"))
            .set(Sheet::Plan, "F3", t("Vidmakthållande 2024 kkr")),
    );
    let out = run.consolidate(&[]);
    assert_eq!(out.status, 0, "{}{}", out.stdout, out.stderr);
    let report = run.report();
    assert_eq!(findings(&report), []);
    assert_eq!(report["totals"]["total"], "13000");
    assert_eq!(report["totals"]["maintenance_by_year"]["2024"], "500");
}

#[test]
fn text_too_long() {
    // A note of 36 000 characters beside the table: more than an Excel cell holds
    // (patched into the shared strings; rust_xlsxwriter refuses to write it).
    let run = Run::new().add(
        "HR.xlsx",
        &Template::new("HR").set(Sheet::Budget, "F2", t("LÅNG-ANTECKNING")),
    );
    crate::harness::rewrite_parts(&run.input().join("HR.xlsx"), |name, xml| {
        (name == "xl/sharedStrings.xml")
            .then(|| xml.replace("LÅNG-ANTECKNING", &"x".repeat(36_000)))
    });
    let f = expect_one(&run, &[], "text-too-long", "warning", HR, B, Some("F2"));
    assert!(f.message.contains("36 000"), "{}", f.message);
}

#[test]
fn version_table_behind_the_version_field_is_a_warning() {
    let run = Run::new().add("HR.xlsx", &Template::new("HR"));
    // The version table on a sheet of its own, added by another program; its
    // last row says 1.0 while the Version field says 2.0.
    let status = std::process::Command::new("python3")
        .arg("-c")
        .arg(
            r#"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
v = wb.create_sheet("Versioner")
v.append(["Versionshantering"])
v.append([])
v.append([])
v.append(["Datum", "Version", "Beskrivning", "Ändrat av"])
v.append(["2022-11-01", "1.0", "Första versionen", "Anna Andersson"])
wb.save(sys.argv[1])
"#,
        )
        .arg(run.input().join("HR.xlsx"))
        .status()
        .expect("python3 with openpyxl");
    assert!(status.success());
    let f = expect_one(
        &run,
        &[],
        "version-mismatch",
        "warning",
        HR,
        Some("Versioner"),
        Some("B5"),
    );
    assert!(
        f.message.contains("”1.0”") && f.message.contains("”2.0”"),
        "{}",
        f.message
    );
    // The feedback copy shows the version table too, with the cell marked.
    let out = run.exec(&["check", "input/HR.xlsx", "--feedback", "kontroll"]);
    assert_eq!(out.status, 0, "{}", out.stdout);
    let copy = run.dir.path().join("kontroll/HR-kontroll.xlsx");
    let cells = crate::harness::read_sheet(&copy, "Versioner");
    assert_eq!(cells.get(&(4, 1)).map(String::as_str), Some("1.0"));
}

#[test]
fn empty_template() {
    // A template sent without a single initiative is consolidated as 0, with a warning.
    let run = Run::new().add("HR.xlsx", &Template::new("HR").with_initiatives(Vec::new()));
    let f = expect_one(&run, &[], "empty-template", "warning", HR, B, Some("A10"));
    assert_eq!(
        f.message,
        "Mallen har inga initiativ: både Budgetfördelning och Utvecklingsinitiativ är tomma. Fyll i ett initiativ per rad innan du skickar filen."
    );
}

#[test]
fn every_code_has_a_test() {
    // This file, and the one for files given where another kind is read.
    let sources = [include_str!("codes.rs"), include_str!("wrong_kind.rs")];
    for code in Code::ALL {
        let quoted = format!("\"{}\"", code.as_str());
        assert!(
            sources.iter().any(|s| s.contains(&quoted)),
            "no test in codes.rs or wrong_kind.rs asserts {quoted}"
        );
    }
}

// ---- The monthly follow-up's codes: an HR plan with project codes P1 and P2, a
// CSV ledger export, and exactly one defect each.

/// HR's template with the Projekt column: P1 for its first initiative (budget
/// 5 000 tkr), `second` for its second (8 000 tkr) when given.
fn fu_template(second: Option<&str>) -> Template {
    let t0 = Template::new("HR")
        .set(Sheet::Budget, "E9", t("Projekt"))
        .set(Sheet::Budget, "E10", t("P1"));
    match second {
        Some(code) => t0.set(Sheet::Budget, "E11", t(code)),
        None => t0,
    }
}

/// The ledger export: header plus `rows`, as a semicolon CSV.
fn ledger_csv(rows: &[&str]) -> String {
    let mut text = String::from("Period;Konto;Projekt;Belopp\n");
    for r in rows {
        text.push_str(r);
        text.push('\n');
    }
    text
}

const FU_ROWS: [&str; 2] = ["2023-01;6550;P1;100000", "2023-01;6550;P2;200000"];

/// Runs `follow-up` with `utfall.csv` (and the other files given, written beside
/// `input/`) and returns the findings with `code`.
fn follow_up_for(run: &Run, files: &[(&str, &str)], extra: &[&str], code: &str) -> Vec<Found> {
    let mut args = vec![
        "follow-up",
        "input",
        "--out",
        "output",
        "--json",
        "report.json",
    ];
    for (name, text) in files {
        std::fs::write(run.dir.path().join(name), text).expect("write");
    }
    for (name, _) in files {
        args.push(if name.starts_with("prognos") {
            "--forecasts"
        } else {
            "--actuals"
        });
        args.push(name);
    }
    args.extend_from_slice(extra);
    let out = run.exec(&args);
    assert!(
        out.status == 0 || out.status == 1,
        "status {} {}",
        out.status,
        out.stderr
    );
    findings(&run.report())
        .into_iter()
        .filter(|f| f.code == code)
        .collect()
}

fn one(found: Vec<Found>, code: &str, severity: &str, file: Option<&str>) -> Found {
    assert_eq!(found.len(), 1, "{code}: {found:#?}");
    let f = found.into_iter().next().expect("one");
    assert_eq!(f.severity, severity, "{code}");
    assert_eq!(f.file.as_deref(), file, "{code}");
    assert!(!f.message.is_empty());
    f
}

#[test]
fn unmapped_actual_names_the_code_and_amount() {
    let run = Run::new().add("HR.xlsx", &fu_template(Some("P2")));
    let csv = ledger_csv(&[FU_ROWS[0], FU_ROWS[1], "2023-01;6550;P9;5000"]);
    let f = one(
        follow_up_for(&run, &[("utfall.csv", &csv)], &[], "unmapped-actual"),
        "unmapped-actual",
        "warning",
        Some("utfall.csv"),
    );
    assert!(
        f.message.contains("P9") && f.message.contains("5 tkr"),
        "{}",
        f.message
    );
}

#[test]
fn unmapped_actual_of_the_previous_year_is_named_for_its_column() {
    // Last year's cost on a code no template has would leave the comparison column
    // short unsaid: it is named, for that column, and not for this year's figures.
    let run = Run::new().add("HR.xlsx", &fu_template(Some("P2")));
    let csv = ledger_csv(&[
        FU_ROWS[0],
        FU_ROWS[1],
        "2022-01;6550;P2;7000",
        "2022-01;6550;P8;3000",
    ]);
    let f = one(
        follow_up_for(&run, &[("utfall.csv", &csv)], &[], "unmapped-actual"),
        "unmapped-actual",
        "warning",
        Some("utfall.csv"),
    );
    assert!(
        f.message.contains("P8")
            && f.message.contains("3 tkr")
            && f.message.contains("2022-01")
            && f.message.contains("föregående år"),
        "{}",
        f.message
    );
    assert_eq!(run.report()["totals"]["previous_year_actual_to_date"], "7");
}

#[test]
fn project_codes_written_as_floats_are_their_numbers() {
    // pandas writes a column of numbers it read as floats as `2301.0`: such a code
    // is its digits, and maps as the template's `2301` does.
    let run = Run::new().add("HR.xlsx", &fu_template(Some("2302")));
    let csv = "Period,Konto,Projekt,Belopp\n\
               2023-01,6550.0,2302.0,200000.0\n\
               2022-01,6550.0,2302.0,7000.0\n";
    let found = follow_up_for(&run, &[("utfall.csv", csv)], &[], "unmapped-actual");
    assert!(found.is_empty(), "{found:#?}");
    let report = run.report();
    assert_eq!(report["totals"]["actual_to_date"], "200");
    assert_eq!(report["totals"]["previous_year_actual_to_date"], "7");
}

#[test]
fn a_report_by_month_is_followed_up_and_a_row_total_that_differs_is_named() {
    // The ledger's report with a column per month: its month cells are the
    // actuals; a row whose `Totalt` has more than its months is named once, and
    // the months (not the total) are what the follow-up counts.
    let run = Run::new().add("HR.xlsx", &fu_template(Some("P2")));
    let csv = "Konto;Projekt;jan 2023;feb 2023;Totalt\n\
               6550;P1;100000;;100000\n\
               6550;P2;150000;50000;250000\n";
    let f = one(
        follow_up_for(&run, &[("utfall.csv", csv)], &[], "row-total-mismatch"),
        "row-total-mismatch",
        "warning",
        Some("utfall.csv"),
    );
    assert!(
        f.message.contains("250 000") && f.message.contains("200 000"),
        "{}",
        f.message
    );
    let report = run.report();
    assert_eq!(report["totals"]["actual_to_date"], "300");
    // Each filled month cell is a row read.
    assert_eq!(report["sources"][0]["rows"], 3);
}

#[test]
fn repeated_header_row_is_a_note_and_the_rows_below_it_count() {
    // Two exports joined with `cat`: the second one's header is named once, the
    // rows of both are summed.
    let run = Run::new().add("HR.xlsx", &fu_template(Some("P2")));
    let mut csv = ledger_csv(&[FU_ROWS[0]]);
    csv.push_str(&ledger_csv(&["2023-02;6550;P2;200000"]));
    let f = one(
        follow_up_for(&run, &[("utfall.csv", &csv)], &[], "repeated-header-row"),
        "repeated-header-row",
        "info",
        Some("utfall.csv"),
    );
    assert!(f.message.contains("tabellhuvudet"), "{}", f.message);
    let report = run.report();
    let named = report["findings"]
        .as_array()
        .and_then(|all| all.iter().find(|f| f["code"] == "repeated-header-row"))
        .expect("the note");
    assert_eq!(named["line"], 3, "{named}");
    assert_eq!(report["totals"]["actual_to_date"], "300");
    assert_eq!(report["sources"][0]["rows"], 3);
}

#[test]
fn text_row_is_a_note_and_a_row_with_money_is_not_one() {
    // A page footer and a heading carry no money: one note quoting the first; a
    // text with an amount is an invalid row.
    let run = Run::new().add("HR.xlsx", &fu_template(Some("P2")));
    let csv = ledger_csv(&[
        "Projekt P1 Signering;;;",
        FU_ROWS[0],
        FU_ROWS[1],
        "Sida 1 av 1;;;",
        "Ingående saldo;;;5000",
    ]);
    let f = one(
        follow_up_for(&run, &[("utfall.csv", &csv)], &[], "text-row"),
        "text-row",
        "info",
        Some("utfall.csv"),
    );
    assert!(
        f.message.starts_with("2 rader") && f.message.contains("”Projekt P1 Signering”"),
        "{}",
        f.message
    );
    let report = run.report();
    let invalid: Vec<&serde_json::Value> = (report["findings"].as_array().expect("findings"))
        .iter()
        .filter(|f| f["code"] == "invalid-actuals-row")
        .collect();
    assert_eq!(invalid.len(), 1, "{invalid:?}");
    assert_eq!(invalid[0]["line"], 6);
    assert_eq!(report["sources"][0]["rows"], 5);
}

#[test]
fn actuals_total_row_is_a_note_or_a_warning_and_never_summed() {
    // A grand total that matches: a note; one that does not: a warning naming both
    // sums. Neither is an error, and neither is counted.
    let run = Run::new().add("HR.xlsx", &fu_template(Some("P2")));
    let csv = ledger_csv(&[FU_ROWS[0], FU_ROWS[1], "Summa;;;300000", ";;Totalt;300001"]);
    let found = follow_up_for(&run, &[("utfall.csv", &csv)], &[], "actuals-total-row");
    let severities: Vec<&str> = found.iter().map(|f| f.severity.as_str()).collect();
    assert_eq!(severities, ["info", "warning"], "{found:#?}");
    let warning = &found[1];
    assert_eq!(warning.file.as_deref(), Some("utfall.csv"));
    assert!(
        warning.message.contains("300 001")
            && warning.message.contains("(0)")
            && warning.message.contains("(300 000)"),
        "{}",
        warning.message
    );
    assert_eq!(run.report()["totals"]["actual_to_date"], "300");
}

#[test]
fn actuals_sheet_left_out_names_a_hidden_sheet_and_a_copied_month() {
    // A ledger workbook: January and February on visible sheets, an old export on a
    // hidden sheet, and a copy of January. Both months count once.
    let run = Run::new().add("HR.xlsx", &fu_template(Some("P2")));
    let mut wb = rust_xlsxwriter::Workbook::new();
    for (name, hidden, rows) in [
        ("Jan", false, &[("2023-01", "P1", 100_000.0)][..]),
        ("Feb", false, &[("2023-02", "P2", 200_000.0)][..]),
        ("Gammal", true, &[("2023-03", "P1", 5_000.0)][..]),
        ("Jan (2)", false, &[("2023-01", "P1", 100_000.0)][..]),
    ] {
        let ws = wb.add_worksheet();
        ws.set_name(name).expect("name");
        ws.set_hidden(hidden);
        for (c, h) in ["Period", "Konto", "Projekt", "Belopp"].iter().enumerate() {
            ws.write_string(0, c as u16, *h).expect("write");
        }
        for (r, (period, project, amount)) in rows.iter().enumerate() {
            let r = r as u32 + 1;
            ws.write_string(r, 0, *period).expect("write");
            ws.write_number(r, 1, 6550).expect("write");
            ws.write_string(r, 2, *project).expect("write");
            ws.write_number(r, 3, *amount).expect("write");
        }
    }
    wb.save(run.dir.path().join("utfall.xlsx")).expect("xlsx");
    let extra = ["--actuals", "utfall.xlsx", "--partial"];
    let found = follow_up_for(&run, &[], &extra, "actuals-sheet-left-out");
    let got: Vec<(&str, Option<&str>)> = (found.iter())
        .map(|f| (f.severity.as_str(), f.sheet.as_deref()))
        .collect();
    assert_eq!(
        got,
        [("warning", Some("Gammal")), ("error", Some("Jan"))],
        "{found:#?}"
    );
    assert!(
        found
            .iter()
            .all(|f| f.file.as_deref() == Some("utfall.xlsx"))
    );
    assert!(found[1].message.contains("2023-01"), "{}", found[1].message);
    assert_eq!(run.report()["totals"]["actual_to_date"], "300");
}

#[test]
fn missing_project_code_names_the_initiative_cell() {
    let run = Run::new().add("HR.xlsx", &fu_template(None));
    let csv = ledger_csv(&[FU_ROWS[0]]);
    let f = one(
        follow_up_for(&run, &[("utfall.csv", &csv)], &[], "missing-project-code"),
        "missing-project-code",
        "warning",
        HR,
    );
    assert_eq!(f.cell.as_deref(), Some("A11"));
    assert!(f.message.contains("Översyn IT-stöd"), "{}", f.message);
}

#[test]
fn duplicate_project_code_is_an_error() {
    let run = Run::new().add("HR.xlsx", &fu_template(Some("p1 ")));
    let csv = ledger_csv(&[FU_ROWS[0]]);
    let f = one(
        follow_up_for(&run, &[("utfall.csv", &csv)], &[], "duplicate-project-code"),
        "duplicate-project-code",
        "error",
        HR,
    );
    assert!(
        f.message.contains("Digitalisering inom HR"),
        "{}",
        f.message
    );
}

#[test]
fn unknown_initiative_in_a_project_suggests_the_closest_name() {
    let config = format!(
        "{HR_CONFIG}\n[[project]]\ncode = \"P3\"\narea = \"HR\"\ninitiative = \"Digitalisering HR\"\n"
    );
    let run = Run::new()
        .add("HR.xlsx", &fu_template(Some("P2")))
        .config(&config);
    let csv = ledger_csv(&FU_ROWS);
    let f = one(
        follow_up_for(&run, &[("utfall.csv", &csv)], &[], "unknown-initiative"),
        "unknown-initiative",
        "error",
        Some("budget.toml"),
    );
    assert!(
        f.message.contains("Digitalisering inom HR"),
        "{}",
        f.message
    );
}

#[test]
fn budget_mismatch_gives_both_figures() {
    let run = Run::new().add("HR.xlsx", &fu_template(Some("P2")));
    // P1's periodised budget in the ledger: 12 × 400 000 kr = 4 800 tkr, not 5 000.
    let mut csv = String::from("Period;Konto;Projekt;Belopp;Budget\n");
    for m in 1..=12 {
        let actual = if m == 1 { "100000" } else { "0" };
        csv.push_str(&format!("2023-{m:02};6550;P1;{actual};400000\n"));
    }
    csv.push_str("2023-01;6550;P2;200000;\n");
    let f = one(
        follow_up_for(
            &run,
            &[("utfall.csv", &csv)],
            &["--period", "2023-01"],
            "budget-mismatch",
        ),
        "budget-mismatch",
        "warning",
        HR,
    );
    assert!(
        f.message.contains("4 800") && f.message.contains("5 000"),
        "{}",
        f.message
    );
}

#[test]
fn even_periodisation_is_said_once() {
    let run = Run::new().add("HR.xlsx", &fu_template(Some("P2")));
    let csv = ledger_csv(&FU_ROWS);
    let f = one(
        follow_up_for(&run, &[("utfall.csv", &csv)], &[], "even-periodisation"),
        "even-periodisation",
        "info",
        None,
    );
    assert!(f.message.contains("HR"), "{}", f.message);
    let report = run.report();
    // 13 000 tkr spread evenly: January holds a twelfth.
    let budget = report["totals"]["budget_to_date"].as_str().expect("budget");
    assert!(budget.starts_with("1083.33"), "{budget}");
}

#[test]
fn no_forecast_uses_the_budget_once_per_area() {
    let run = Run::new().add("HR.xlsx", &fu_template(Some("P2")));
    let csv = ledger_csv(&FU_ROWS);
    let f = one(
        follow_up_for(&run, &[("utfall.csv", &csv)], &[], "no-forecast"),
        "no-forecast",
        "info",
        HR,
    );
    assert!(
        f.message.contains("Digitalisering inom HR"),
        "{}",
        f.message
    );
    assert_eq!(run.report()["totals"]["forecast"], "13000");
}

#[test]
fn missing_comment_on_a_large_deviation() {
    let run = Run::new().add("HR.xlsx", &fu_template(Some("P2")));
    let csv = ledger_csv(&FU_ROWS);
    let forecasts = "Initiativ;Prognos helår;Kommentar\nDigitalisering inom HR;3000;\nÖversyn IT-stöd inom lön och HR;7000;Senare start\n";
    let f = one(
        follow_up_for(
            &run,
            &[("utfall.csv", &csv), ("prognos.csv", forecasts)],
            &[],
            "missing-comment",
        ),
        "missing-comment",
        "warning",
        Some("prognos.csv"),
    );
    assert!(f.message.contains("3 000"), "{}", f.message);
    assert_eq!(run.report()["totals"]["forecast"], "10000");
}

#[test]
fn forecast_year_leaves_out_a_forecast_headed_for_another_year() {
    let run = Run::new().add("HR.xlsx", &fu_template(Some("P2")));
    let csv = ledger_csv(&FU_ROWS);
    let rows = "Digitalisering inom HR;3000;\nÖversyn IT-stöd inom lön och HR;7000;Senare start\n";
    // The board report's own heading, for the follow-up's year, is the forecast's.
    for heading in [
        "Prognos helår 2023",
        "Helårsprognos 2023 (tkr)",
        "Prognos 2023",
    ] {
        let forecasts = format!("Initiativ;{heading};Kommentar\n{rows}");
        let files = [
            ("utfall.csv", csv.as_str()),
            ("prognos.csv", forecasts.as_str()),
        ];
        assert_eq!(
            follow_up_for(&run, &files, &[], "forecast-year"),
            [],
            "{heading}"
        );
        assert_eq!(run.report()["totals"]["forecast"], "10000", "{heading}");
    }
    // Another year's: an error at the header, and none of the file's forecasts used
    // (the initiatives' forecasts fall back to their budgets, 13 000).
    let forecasts = format!("Initiativ;Prognos helår 2024;Kommentar\n{rows}");
    let files = [
        ("utfall.csv", csv.as_str()),
        ("prognos.csv", forecasts.as_str()),
    ];
    let f = one(
        follow_up_for(&run, &files, &["--partial"], "forecast-year"),
        "forecast-year",
        "error",
        Some("prognos.csv"),
    );
    assert_eq!(
        f.message,
        "Prognoskolumnen ”Prognos helår 2024” gäller 2024, men uppföljningen gäller 2023; filens prognoser räknas inte. Fyll i prognosen för 2023 (rubriken Prognos helår 2023) eller lägg rätt års prognosfil i prognosmappen."
    );
    let report = run.report();
    let found = (report["findings"].as_array().expect("findings").iter())
        .find(|f| f["code"] == "forecast-year")
        .expect("forecast-year");
    assert_eq!(found["line"], 1, "the header's line");
    assert_eq!(report["totals"]["forecast"], "13000");
    assert_eq!(report["status"], "partial");
}

#[test]
fn duplicate_forecast_counts_the_initiative_once() {
    // The same forecast in two CSV files (a copy left beside it): the second file's
    // row is named and not counted, with --partial the forecast is the first's.
    let run = Run::new().add("HR.xlsx", &fu_template(Some("P2")));
    let csv = ledger_csv(&FU_ROWS);
    let forecasts = "Initiativ;Prognos helår;Kommentar\nDigitalisering inom HR;5000;\nÖversyn IT-stöd inom lön och HR;7000;Senare start\n";
    let f = one(
        follow_up_for(
            &run,
            &[
                ("utfall.csv", &csv),
                ("prognos.csv", forecasts),
                ("prognos-kopia.csv", forecasts),
            ],
            &["--partial"],
            "duplicate-forecast",
        )
        .into_iter()
        .filter(|f| f.message.contains("Digitalisering"))
        .collect(),
        "duplicate-forecast",
        "error",
        Some("prognos-kopia.csv"),
    );
    assert!(
        f.message.contains("har redan en prognos i prognos.csv"),
        "{}",
        f.message
    );
    assert_eq!(run.report()["totals"]["forecast"], "12000");
}

#[test]
fn actual_exceeds_budget_names_both() {
    let run = Run::new().add("HR.xlsx", &fu_template(Some("P2")));
    let csv = ledger_csv(&["2023-01;6550;P1;6000000", FU_ROWS[1]]);
    let f = one(
        follow_up_for(&run, &[("utfall.csv", &csv)], &[], "actual-exceeds-budget"),
        "actual-exceeds-budget",
        "warning",
        HR,
    );
    assert!(
        f.message.contains("6 000") && f.message.contains("5 000"),
        "{}",
        f.message
    );
}

#[test]
fn period_gap_names_the_missing_month() {
    let run = Run::new().add("HR.xlsx", &fu_template(Some("P2")));
    let csv = ledger_csv(&[FU_ROWS[0], "2023-03;6550;P2;200000"]);
    let f = one(
        follow_up_for(&run, &[("utfall.csv", &csv)], &[], "period-gap"),
        "period-gap",
        "warning",
        None,
    );
    assert!(
        f.message.contains("2023-02") && !f.message.contains("2023-01"),
        "{}",
        f.message
    );
    assert_eq!(run.report()["period"], "2023-03");
}

#[test]
fn overlapping_actuals_names_both_files() {
    let run = Run::new().add("HR.xlsx", &fu_template(Some("P2")));
    let jan_feb = ledger_csv(&[FU_ROWS[0], "2023-02;6550;P1;1000"]);
    let jan_mar = ledger_csv(&[FU_ROWS[0], "2023-03;6550;P2;1000"]);
    let f = one(
        follow_up_for(
            &run,
            &[("utfall-a.csv", &jan_feb), ("utfall-b.csv", &jan_mar)],
            &[],
            "overlapping-actuals",
        ),
        "overlapping-actuals",
        "error",
        Some("utfall-b.csv"),
    );
    assert!(
        f.message.contains("utfall-a.csv")
            && f.message.contains("2023-01")
            && !f.message.contains("2023-02"),
        "{}",
        f.message
    );
}

#[test]
fn overlapping_actuals_are_never_counted_twice_even_with_partial() {
    // January–February beside January–March (which holds all of the other's
    // months): the shorter export is left out, also with --partial, so January is
    // counted once; the message says which file is not counted.
    let run = Run::new().add("HR.xlsx", &fu_template(Some("P2")));
    let jan_feb = ledger_csv(&[FU_ROWS[0], "2023-02;6550;P1;1000"]);
    let jan_mar = ledger_csv(&[FU_ROWS[0], "2023-02;6550;P1;1000", "2023-03;6550;P2;2000"]);
    let f = one(
        follow_up_for(
            &run,
            &[("utfall-a.csv", &jan_feb), ("utfall-b.csv", &jan_mar)],
            &["--partial"],
            "overlapping-actuals",
        ),
        "overlapping-actuals",
        "error",
        Some("utfall-b.csv"),
    );
    assert!(
        f.message.contains("2023-01, 2023-02")
            && f.message.contains("; utfall-a.csv räknas därför inte."),
        "{}",
        f.message
    );
    // 100 000 + 1 000 + 2 000 kr, once: 103 tkr.
    assert_eq!(run.report()["totals"]["actual_to_date"], "103");
    // Partly overlapping: the later file is the one left out.
    let run = Run::new().add("HR.xlsx", &fu_template(Some("P2")));
    let jan_mar = ledger_csv(&[FU_ROWS[0], "2023-03;6550;P2;2000"]);
    let feb_mar = ledger_csv(&["2023-02;6550;P1;1000", "2023-03;6550;P2;5000"]);
    let f = one(
        follow_up_for(
            &run,
            &[("utfall-b.csv", &jan_mar), ("utfall-c.csv", &feb_mar)],
            &["--partial"],
            "overlapping-actuals",
        ),
        "overlapping-actuals",
        "error",
        Some("utfall-c.csv"),
    );
    assert!(
        f.message.contains("utfall-c.csv räknas därför inte"),
        "{}",
        f.message
    );
    assert_eq!(run.report()["totals"]["actual_to_date"], "102");
}

#[test]
fn actuals_in_parts_are_both_counted_and_named() {
    // One export per cost centre for the same months, with no month, account and
    // project in common: not the same rows twice, so both count (300 tkr), named.
    let run = Run::new().add("HR.xlsx", &fu_template(Some("P2")));
    let ansvar_100 = ledger_csv(&[FU_ROWS[0], "2023-02;6550;P1;1000"]);
    let ansvar_200 = ledger_csv(&[FU_ROWS[1], "2023-02;5410;P1;2000"]);
    let f = one(
        follow_up_for(
            &run,
            &[
                ("utfall-100.csv", &ansvar_100),
                ("utfall-200.csv", &ansvar_200),
            ],
            &[],
            "actuals-in-parts",
        ),
        "actuals-in-parts",
        "warning",
        Some("utfall-200.csv"),
    );
    assert!(
        f.message
            .contains("utfall-100.csv och utfall-200.csv har båda utfall för 2023-01, 2023-02")
            && f.message.contains("båda räknas"),
        "{}",
        f.message
    );
    let report = run.report();
    assert!(
        findings(&report)
            .iter()
            .all(|f| f.code != "overlapping-actuals"),
        "{report:#}"
    );
    // 100 000 + 1 000 + 200 000 + 2 000 kr.
    assert_eq!(report["totals"]["actual_to_date"], "303");
}

#[test]
fn overlapping_actuals_with_the_same_keys_say_how_to_tell_cost_centres_apart() {
    // Two cost centres booking on the same account and project in January: the rows
    // cannot tell them from one export given twice, so one file is left out, and the
    // message counts the rows in both and says what to do.
    let run = Run::new().add("HR.xlsx", &fu_template(Some("P2")));
    let ansvar_100 = ledger_csv(&[FU_ROWS[0], FU_ROWS[1]]);
    let ansvar_200 = ledger_csv(&["2023-01;6550;P1;7000", "2023-01;6550;P2;200000"]);
    let f = one(
        follow_up_for(
            &run,
            &[
                ("utfall-100.csv", &ansvar_100),
                ("utfall-200.csv", &ansvar_200),
            ],
            &["--partial"],
            "overlapping-actuals",
        ),
        "overlapping-actuals",
        "error",
        Some("utfall-200.csv"),
    );
    assert!(
        f.message.contains(
            "2 kombinationer av månad, konto och projekt finns i båda filerna (1 med samma belopp)"
        ) && f.message.contains("utfall-100.csv räknas därför inte")
            && f.message.contains("exportera alla ansvar i en fil"),
        "{}",
        f.message
    );
    // The same months: the later file counts, 7 000 + 200 000 kr.
    assert_eq!(run.report()["totals"]["actual_to_date"], "207");
}

// The follow-up's actuals readers (`ledger::read`), on files written to disk here:
// one file holding exactly the defect, and the code, severity, file and line named.

/// Reads one actuals file written with `bytes`; returns the findings with `code`.
fn actuals_findings(
    name: &str,
    bytes: &[u8],
    code: &str,
) -> Vec<budget_consolidator::finding::Finding> {
    use budget_consolidator::ledger::{self, ReadOptions};
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).expect("write");
    let read = ledger::read(&path, name, &ReadOptions::default());
    assert_eq!(
        read.rows_read,
        read.rows_in_entries() + read.rows_in_findings(),
        "nothing lost: {read:#?}"
    );
    read.findings
        .into_iter()
        .filter(|f| f.code().as_str() == code)
        .collect()
}

#[test]
fn unreadable_actuals_truncated_sie() {
    // Opening #KSUMMA, and the file ends before the closing one.
    let sie = "#FLAGGA 0\n#KSUMMA\n#SIETYP 3\n#PSALDO 0 202304 4010 {6 \"P1\"} 100.00\n";
    let found = actuals_findings("utfall.se", sie.as_bytes(), "unreadable-actuals");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].severity.as_str(), "error");
    assert_eq!(found[0].file.as_deref(), Some("utfall.se"));
    assert!(found[0].line.is_some());
    let message = found[0].message(budget_consolidator::lang::Lang::Sv);
    assert!(message.contains("avkortad"), "{message}");
}

#[test]
fn invalid_actuals_row_decimal_comma_in_sie() {
    let sie = "#FLAGGA 0\n#SIETYP 3\n#PSALDO 0 202304 4010 {6 \"P1\"} 100.00\n#PSALDO 0 202304 4010 {6 \"P2\"} 12,50\n";
    let found = actuals_findings("utfall.se", sie.as_bytes(), "invalid-actuals-row");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].severity.as_str(), "error");
    assert_eq!(found[0].file.as_deref(), Some("utfall.se"));
    assert_eq!(found[0].line, Some(4));
    let message = found[0].message(budget_consolidator::lang::Lang::Sv);
    assert!(
        message.contains("12,50") && message.contains("-1250.50"),
        "{message}"
    );
}

#[test]
fn mixed_object_rows_empty_list_below_the_projects() {
    // {} is smaller than the project's row: {} is what was booked without objects.
    let sie = "#FLAGGA 0\n#SIETYP 3\n#PSALDO 0 202304 4010 {} 10.00\n#PSALDO 0 202304 4010 {6 \"P1\"} 100.00\n";
    let found = actuals_findings("utfall.se", sie.as_bytes(), "mixed-object-rows");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].severity.as_str(), "info");
    assert_eq!(found[0].line, Some(3));
    let message = found[0].message(budget_consolidator::lang::Lang::En);
    assert!(message.contains("4010 2023-04"), "{message}");
}

// ---- The forecast workbook's own codes (`follow-up check`), on a workbook
// written in code by the library's forecast template writer.

pub(crate) fn forecast_book(dir: &std::path::Path, forecast: i64) -> std::path::PathBuf {
    forecast_book_with(dir, forecast, rust_decimal::Decimal::from(10), None)
}

fn forecast_book_with(
    dir: &std::path::Path,
    forecast: i64,
    threshold: rust_decimal::Decimal,
    date: Option<(u16, u8, u8)>,
) -> std::path::PathBuf {
    use budget_consolidator::write::forecast_template::{Line, Spec, build};
    let spec = Spec {
        area: "HR".into(),
        budget_year: 2023,
        period: 4,
        threshold,
        lines: vec![Line {
            name: "Digitalisering inom HR".into(),
            projects: vec!["P1".into()],
            budget: rust_decimal::Decimal::from(1200),
            budget_to_date: rust_decimal::Decimal::from(400),
            actual: rust_decimal::Decimal::from(1150),
            previous: None,
            forecast: rust_decimal::Decimal::from(forecast),
            comment: Some("Klart i förtid.".into()),
        }],
        version: "1.0".into(),
        lead: None,
        date,
    };
    let path = dir.join("HR-prognos-2023-04.xlsx");
    std::fs::write(&path, build(&spec).expect("build")).expect("write");
    path
}

#[test]
fn a_threshold_cell_that_is_no_percent_is_not_used() {
    // A lead types a huge number (or a negative one) into the threshold cell: the
    // check neither overflows nor stops asking for comments; the configured 10 % holds.
    let dir = tempfile::tempdir().expect("tmp");
    let huge = rust_decimal::Decimal::from_i128_with_scale(99_999_999_999_999_999_999_999_999, 0);
    let path = forecast_book_with(dir.path(), 2000, huge, None);
    let (code, out) = forecast_check(&path, "2023-04");
    assert!(code.is_some_and(|c| c < 2), "no crash: {out}");
    assert_eq!(codes_of(&out), Vec::<(&str, &str)>::new(), "{out}");
}

#[test]
fn a_forecast_dated_after_today_is_named_by_follow_up_check_too() {
    // What the coordinator's follow-up would say, the area lead sees before sending.
    let dir = tempfile::tempdir().expect("tmp");
    let path = forecast_book_with(
        dir.path(),
        1200,
        rust_decimal::Decimal::from(10),
        Some((2023, 5, 9)),
    );
    let (code, out) = forecast_check_on(&path, "2023-04", &["--today", "2023-05-05"]);
    assert_eq!(code, Some(0), "a warning only: {out}");
    assert_eq!(codes_of(&out), [("varning", "future-date")], "{out}");
    assert!(out.contains("2023-05-09"), "{out}");
    let (_, later) = forecast_check_on(&path, "2023-04", &["--today", "2023-05-09"]);
    assert_eq!(codes_of(&later), Vec::<(&str, &str)>::new(), "{later}");
    let (bad, said) = forecast_check_on(&path, "2023-04", &["--today", "5 maj"]);
    assert_eq!(bad, Some(2), "{said}");
}

fn forecast_check(path: &std::path::Path, period: &str) -> (Option<i32>, String) {
    forecast_check_on(path, period, &[])
}

fn forecast_check_on(
    path: &std::path::Path,
    period: &str,
    extra: &[&str],
) -> (Option<i32>, String) {
    let out = std::process::Command::new(crate::harness::BIN)
        .args(["follow-up", "check"])
        .arg(path)
        .args(["--period", period])
        .args(extra)
        .output()
        .expect("run");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).replace(&format!("{} › ", path.display()), ""),
    )
}

/// (severity, code) of every finding line of the terminal output.
fn codes_of(out: &str) -> Vec<(&str, &str)> {
    out.lines()
        .filter(|l| l.starts_with("  "))
        .filter_map(|l| {
            let mut w = l.split_whitespace();
            Some((w.next()?, w.next()?))
        })
        .collect()
}

#[test]
fn extra_forecast_sheet() {
    // LibreOffice's copy of the sheet (`Prognos_2`), moved before the original and
    // filled with another forecast: the sheet named `Prognos` is read, the copy is
    // named with its row, and its forecast (below the actual) is not counted.
    let dir = tempfile::tempdir().expect("tmp");
    let path = forecast_book(dir.path(), 1200);
    crate::harness::openpyxl(
        "import openpyxl, sys\nwb = openpyxl.load_workbook(sys.argv[1])\nc = wb.copy_worksheet(wb['Prognos'])\nc.title = 'Prognos_2'\nc['G12'] = 1100\nwb.move_sheet(c, offset=-2)\nwb.save(sys.argv[1])",
        &path,
    );
    let (code, out) = forecast_check(&path, "2023-04");
    assert_eq!(code, Some(0), "a warning only: {out}");
    assert_eq!(
        codes_of(&out),
        [("varning", "extra-forecast-sheet")],
        "{out}"
    );
    assert!(out.contains("Prognos_2: Bladet ”Prognos” lästes. Bladet ”Prognos_2” har också en prognostabell (1 rad) och lästes inte."), "{out}");
}

#[test]
fn forecast_below_actual() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = forecast_book(dir.path(), 1100);
    let (code, out) = forecast_check(&path, "2023-04");
    assert_eq!(code, Some(0), "a warning only: {out}");
    assert_eq!(
        codes_of(&out),
        [("varning", "forecast-below-actual")],
        "{out}"
    );
    assert!(out.contains("Prognos › G12: ”Digitalisering inom HR”: prognosen är lägre än redan bokfört utfall – prognosen för helåret är 1 100 tkr men utfallet hittills är 1 150 tkr."), "{out}");
    let (_, ok) = forecast_check(&forecast_book(dir.path(), 1150), "2023-04");
    assert!(
        !ok.contains("forecast-below-actual"),
        "equal is not below: {ok}"
    );
}

#[test]
fn period_mismatch() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = forecast_book(dir.path(), 1200);
    let (code, out) = forecast_check(&path, "2023-05");
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("fel      period-mismatch         Prognos › B5: Prognosfilen gäller perioden ”2023-04” men uppföljningen gäller ”2023-05”."), "{out}");
    let (code, ok) = forecast_check(&path, "2023-04");
    assert_eq!(code, Some(0), "{ok}");
    assert_eq!(codes_of(&out), [("fel", "period-mismatch")], "{out}");
}

#[test]
fn forecast_year_in_follow_up_check() {
    // A plain table (no Period above it): `--period` gives the year it is held to.
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("prognos.csv");
    std::fs::write(&path, "Projekt;Prognos helår 2024\nP1;1200\n").expect("write");
    let (code, out) = forecast_check(&path, "2023-04");
    assert_eq!(code, Some(1), "{out}");
    // (A plain table without the workbook's metadata has other errors in `check`.)
    let year = |out: &str| codes_of(out).contains(&("fel", "forecast-year"));
    assert!(year(&out), "{out}");
    assert!(
        out.contains("rad 1: Prognoskolumnen ”Prognos helår 2024” gäller 2024"),
        "{out}"
    );
    let (_, ok) = forecast_check(&path, "2024-04");
    assert!(!year(&ok), "{ok}");
}

// ---- The forecasts' months and dates in `follow-up`: HR's forecast workbook as
// the template writer makes it and a lead fills it in.

/// Writes `prognos-HR.xlsx` into the run's folder: made for 2023-`period`, dated
/// `date`, forecasting 4 000 + 8 000 tkr against a budget of 5 000 + 8 000.
fn fu_forecast_book(run: &Run, period: u8, date: (u16, u8, u8)) {
    use budget_consolidator::write::forecast_template::{Line, Spec, build};
    let line = |name: &str, project: &str, budget: i64, forecast: i64| Line {
        name: name.into(),
        projects: vec![project.into()],
        budget: rust_decimal::Decimal::from(budget),
        budget_to_date: rust_decimal::Decimal::ZERO,
        actual: rust_decimal::Decimal::ZERO,
        previous: None,
        forecast: rust_decimal::Decimal::from(forecast),
        comment: (forecast != budget).then(|| "Upphandlingen försenad.".into()),
    };
    let spec = Spec {
        area: "HR".into(),
        budget_year: 2023,
        period,
        threshold: rust_decimal::Decimal::from(10),
        lines: vec![
            line("Digitalisering inom HR", "P1", 5000, 4000),
            line("Översyn IT-stöd inom lön och HR", "P2", 8000, 8000),
        ],
        version: "1.0".into(),
        lead: Some("Anna Andersson".into()),
        date: Some(date),
    };
    let path = run.dir.path().join("prognos-HR.xlsx");
    std::fs::write(path, build(&spec).expect("build")).expect("write");
}

/// `follow-up` for 2023-04 as of 2023-05-05 with `prognos-HR.xlsx`: every finding
/// about the forecast file.
fn forecast_file_findings(run: &Run) -> Vec<Found> {
    let csv = ledger_csv(&FU_ROWS);
    let extra = [
        "--forecasts",
        "prognos-HR.xlsx",
        "--period",
        "2023-04",
        "--today",
        "2023-05-05",
    ];
    follow_up_for(run, &[("utfall.csv", &csv)], &extra, "");
    findings(&run.report())
        .into_iter()
        .filter(|f| f.file.as_deref() == Some("prognos-HR.xlsx"))
        .collect()
}

#[test]
fn stale_forecast_is_used_and_names_both_months() {
    let run = Run::new().add("HR.xlsx", &fu_template(Some("P2")));
    fu_forecast_book(&run, 3, (2023, 4, 5));
    let f = one(
        forecast_file_findings(&run),
        "stale-forecast",
        "warning",
        Some("prognos-HR.xlsx"),
    );
    assert_eq!(f.code, "stale-forecast");
    assert_eq!(
        (f.sheet.as_deref(), f.cell.as_deref()),
        (Some("Prognos"), Some("B5"))
    );
    assert_eq!(
        f.message,
        "Prognosen för HR gäller 2023-03, men uppföljningen gäller 2023-04. Den används eftersom den är tjänsteområdets senaste prognos, men den räknas inte som inlämnad för 2023-04. Be HR skicka prognosen för 2023-04."
    );
    // Still the forecast of the follow-up (not the budget's 13 000).
    assert_eq!(run.report()["totals"]["forecast"], "12000");
    // The month asked for gives nothing.
    fu_forecast_book(&run, 4, (2023, 5, 5));
    assert_eq!(forecast_file_findings(&run), []);
}

#[test]
fn later_forecast_is_used_with_a_warning() {
    let run = Run::new().add("HR.xlsx", &fu_template(Some("P2")));
    fu_forecast_book(&run, 6, (2023, 5, 5));
    let f = one(
        forecast_file_findings(&run),
        "later-forecast",
        "warning",
        Some("prognos-HR.xlsx"),
    );
    assert_eq!(f.code, "later-forecast");
    assert_eq!(f.cell.as_deref(), Some("B5"));
    assert!(
        f.message.starts_with(
            "Prognosen för HR gäller 2023-06, en senare månad än uppföljningens 2023-04."
        ),
        "{}",
        f.message
    );
    assert_eq!(run.report()["totals"]["forecast"], "12000");
}

#[test]
fn future_date_names_the_datum_cell() {
    let run = Run::new().add("HR.xlsx", &fu_template(Some("P2")));
    fu_forecast_book(&run, 4, (2023, 5, 6));
    let f = one(
        forecast_file_findings(&run),
        "future-date",
        "warning",
        Some("prognos-HR.xlsx"),
    );
    assert_eq!(f.code, "future-date");
    assert_eq!(
        (f.sheet.as_deref(), f.cell.as_deref()),
        (Some("Prognos"), Some("B8"))
    );
    assert_eq!(
        f.message,
        "Datum 2023-05-06 ligger efter dagens datum 2023-05-05 och är troligen felskrivet. Rätta Datum i filen; inlämningen bedöms efter datumet som det står."
    );
}

#[test]
fn similar_area_on_both_files() {
    let run = Run::new()
        .add("IT.xlsx", &Template::new("IT-tjänster"))
        .add("IT2.xlsx", &Template::new("Tjänsteområde IT"));
    let found = run_for(&run, &[], "similar-area");
    let places: Vec<_> = found
        .iter()
        .map(|f| (f.severity.as_str(), f.file.as_deref(), f.cell.as_deref()))
        .collect();
    assert_eq!(
        places,
        [
            ("error", Some("IT.xlsx"), Some("B3")),
            ("error", Some("IT2.xlsx"), Some("B3"))
        ]
    );
}
