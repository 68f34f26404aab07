//! One test per finding code: a template holding exactly that defect, and the
//! code, severity, sheet and cell the report must name. `every_code_has_a_test`
//! keeps this file complete.

use crate::harness::{
    Cell, Found, Initiative, Run, Sheet, Template, f, findings, make_error_values, n, t,
};
use budget_consolidator::finding::Code;

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
fn missing_header() {
    let run = Run::new().add(
        "HR.xlsx",
        &Template::new("HR").set(Sheet::Budget, "D9", t("Kronor")),
    );
    let f = expect_one(&run, &[], "missing-header", "error", HR, B, None);
    assert!(f.message.contains("Belopp tkr"), "{}", f.message);
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

#[test]
fn invalid_metadata() {
    let run = Run::new().add(
        "HR.xlsx",
        &Template::new("HR").set(Sheet::Budget, "B5", t("tjugotjugotre")),
    );
    expect_one(&run, &[], "invalid-metadata", "error", HR, B, Some("B5"));
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
    assert!(found[2].message.contains("#DIV/0!"), "{}", found[2].message);
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
        "Belopp 5 100 ≠ Nyutveckling 800 + Utveckling inom befintlig tjänst 4 200 = 5 000"
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
fn formula_without_value_in_an_input_cell_is_an_error() {
    // An empty cached string: the value was never calculated, and a plan amount
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
fn ambiguous_column() {
    let run = Run::new().add(
        "HR.xlsx",
        &Template::new("HR").set(Sheet::Plan, "I3", t("Vidmakthållande 2023")),
    );
    let f = expect_one(&run, &[], "ambiguous-column", "error", HR, P, Some("I3"));
    assert!(f.message.contains("E3 och I3"), "{}", f.message);
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
fn every_code_has_a_test() {
    let source = include_str!("codes.rs");
    for code in Code::ALL {
        let quoted = format!("\"{}\"", code.as_str());
        assert!(
            source.contains(&quoted),
            "no test in this file asserts {quoted}"
        );
    }
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
