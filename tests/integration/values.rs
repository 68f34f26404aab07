//! Reading values as Excel means them: floating-point noise in cached formula
//! results, sheets and columns that two candidates claim, versions written with a
//! comma, 1904 dates, and amounts far beyond any budget.

use crate::harness::{Initiative, Run, Sheet, Template, f, findings, n, rewrite_parts, t};

/// Replaces the element of cell `at` in a sheet's XML with `<c r=at s=..{attrs}>{inner}</c>`,
/// keeping its style, as Excel writes a cell.
pub fn set_cell_xml(xml: &str, at: &str, attrs: &str, inner: &str) -> String {
    let start_tag = format!("<c r=\"{at}\"");
    let start = xml.find(&start_tag).unwrap_or_else(|| panic!("cell {at}"));
    let head_end = start + xml[start..].find('>').expect("tag end");
    let self_closed = xml[..head_end].ends_with('/');
    let end = if self_closed {
        head_end + 1
    } else {
        head_end + xml[head_end..].find("</c>").expect("</c>") + 4
    };
    let head = &xml[start..head_end];
    let style = head
        .split_whitespace()
        .find(|a| a.starts_with("s=\""))
        .map(|s| format!(" {}", s.trim_end_matches('/')))
        .unwrap_or_default();
    format!(
        "{}<c r=\"{at}\"{style}{attrs}>{inner}</c>{}",
        &xml[..start],
        &xml[end..]
    )
}

/// Two initiatives whose Belopp formulas Excel stores with binary noise:
/// `=4000.7+1200.6` → 5201.2999999999993 and `=0.1+0.2` → 0.30000000000000004.
fn noisy_initiatives() -> Vec<Initiative> {
    vec![
        Initiative {
            name: "Alfa".into(),
            new: 4000.7,
            existing: 1200.6,
            development: vec![5201.3, 0.0, 0.0],
            maintenance: vec![0.0; 3],
            impact: None,
        },
        Initiative {
            name: "Beta".into(),
            new: 0.1,
            existing: 0.2,
            development: vec![0.3, 0.0, 0.0],
            maintenance: vec![0.0; 3],
            impact: None,
        },
    ]
}

fn assert_clean_total(run: &Run, args: &[&str]) {
    let out = run.exec(args);
    let report: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(run.dir.path().join("r.json")).expect("json"),
    )
    .expect("parse");
    let found = findings(&report);
    assert!(
        found
            .iter()
            .all(|f| f.code != "row-sum-mismatch" && f.code != "total-mismatch"),
        "{found:#?}"
    );
    assert!(found.is_empty(), "{found:#?}");
    assert_eq!(out.status, 0, "{}{}", out.stdout, out.stderr);
    let area = &report["areas"][0];
    assert_eq!(area["new_development"], "4000.8");
    assert_eq!(area["existing_development"], "1200.8");
    assert_eq!(area["total"], "5201.6");
}

#[test]
fn excel_binary_noise_in_cached_formulas_reads_as_fifteen_digits() {
    // The cached values exactly as Excel writes them: 17 significant digits.
    let template = Template::new("HR")
        .with_initiatives(noisy_initiatives())
        .set(Sheet::Budget, "D10", f("=B10+C10", "5201.2999999999993"))
        .set(Sheet::Budget, "D11", f("=B11+C11", "0.30000000000000004"))
        .set(
            Sheet::Budget,
            "B12",
            f("=SUM(B10:B11)", "4000.7999999999997"),
        )
        .set(Sheet::Budget, "C12", f("=SUM(C10:C11)", "1200.8"))
        .set(
            Sheet::Budget,
            "D12",
            f("=SUM(D10:D11)", "5201.5999999999995"),
        )
        .set(Sheet::Plan, "B6", f("=SUM(B4:B5)", "5201.6000000000004"));
    let run = Run::new().add("HR.xlsx", &template);
    assert_clean_total(&run, &["check", "input/HR.xlsx", "--json", "r.json"]);
}

#[test]
fn our_template_filled_and_saved_by_excel_reads_without_noise() {
    let run = Run::new();
    let out = run.exec(&[
        "template",
        "--area",
        "HR",
        "--budget-year",
        "2023",
        "--years",
        "2023-2025",
        "--out",
        "input/HR.xlsx",
    ]);
    assert_eq!(out.status, 0, "{}", out.stderr);
    // What Excel writes after a lead types the amounts: input values, and each
    // formula's cached result at full binary precision.
    let text = |v: &str| format!("<is><t>{v}</t></is>");
    let budget: &[(&str, &str, String)] = &[
        ("B7", " t=\"inlineStr\"", text("2023-03-01")),
        ("B8", " t=\"inlineStr\"", text("Anna Andersson")),
        ("A11", " t=\"inlineStr\"", text("Alfa")),
        ("B11", "", "<v>4000.7</v>".into()),
        ("C11", "", "<v>1200.6</v>".into()),
        ("D11", "", "<f>B11+C11</f><v>5201.2999999999993</v>".into()),
        ("A12", " t=\"inlineStr\"", text("Beta")),
        ("B12", "", "<v>0.1</v>".into()),
        ("C12", "", "<v>0.2</v>".into()),
        ("D12", "", "<f>B12+C12</f><v>0.30000000000000004</v>".into()),
        (
            "B41",
            "",
            "<f>SUM(B11:B40)</f><v>4000.7999999999997</v>".into(),
        ),
        ("C41", "", "<f>SUM(C11:C40)</f><v>1200.8</v>".into()),
        (
            "D41",
            "",
            "<f>SUM(D11:D40)</f><v>5201.5999999999995</v>".into(),
        ),
    ];
    let plan: &[(&str, &str, String)] = &[
        ("A5", " t=\"inlineStr\"", text("Alfa")),
        ("B5", "", "<v>5201.3</v>".into()),
        ("A6", " t=\"inlineStr\"", text("Beta")),
        ("B6", "", "<v>0.3</v>".into()),
        (
            "B35",
            "",
            "<f>SUM(B5:B34)</f><v>5201.6000000000004</v>".into(),
        ),
    ];
    rewrite_parts(&run.input().join("HR.xlsx"), |name, xml| {
        let cells = match name {
            "xl/worksheets/sheet2.xml" => budget,
            "xl/worksheets/sheet3.xml" => plan,
            _ => return None,
        };
        let mut xml = xml.to_string();
        for (at, attrs, inner) in cells {
            xml = set_cell_xml(&xml, at, attrs, inner);
        }
        Some(xml)
    });
    assert_clean_total(&run, &["check", "input/HR.xlsx", "--json", "r.json"]);
}

#[test]
fn dates_in_a_1904_workbook_are_read_in_its_date_system() {
    // A date typed into an amount cell of a workbook that counts days from 1904
    // (Excel for Mac's old default): serial 43465 is 2023-01-01 there.
    let template =
        Template::new("HR").set(Sheet::Budget, "B10", crate::harness::Cell::Date(2023, 1, 1));
    let run = Run::new().add("HR.xlsx", &template);
    rewrite_parts(&run.input().join("HR.xlsx"), |name, xml| match name {
        "xl/workbook.xml" => Some(xml.replacen("<workbookPr", "<workbookPr date1904=\"1\"", 1)),
        "xl/worksheets/sheet1.xml" => Some(set_cell_xml(xml, "B10", "", "<v>43465</v>")),
        _ => None,
    });
    let out = run.exec(&["check", "input/HR.xlsx", "--json", "r.json"]);
    assert_eq!(out.status, 1, "{}", out.stderr);
    let report: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(run.dir.path().join("r.json")).expect("json"),
    )
    .expect("parse");
    let found: Vec<_> = findings(&report)
        .into_iter()
        .filter(|f| f.code == "invalid-amount")
        .collect();
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].cell.as_deref(), Some("B10"));
    assert!(
        found[0].message.contains("2023-01-01"),
        "{}",
        found[0].message
    );
}

#[test]
fn versions_written_with_a_comma_compare_as_numbers() {
    // As a Swedish Excel user types them, as text: `2,0` and `10,0`.
    let old = Template::new("HR").set(Sheet::Budget, "B4", crate::harness::t("2,0"));
    let new = Template::new("HR").set(Sheet::Budget, "B4", crate::harness::t("10,0"));
    let run = Run::new().add("HR-a.xlsx", &new).add("HR-b.xlsx", &old);
    let out = run.consolidate(&["--latest-version"]);
    assert_eq!(out.status, 0, "{}{}", out.stdout, out.stderr);
    let report = run.report();
    assert_eq!(report["areas"].as_array().map(Vec::len), Some(1));
    assert_eq!(report["areas"][0]["version"], "10,0");
    assert_eq!(report["areas"][0]["file"], "HR-a.xlsx");
    let superseded: Vec<_> = findings(&report)
        .into_iter()
        .filter(|f| f.code == "superseded-version")
        .collect();
    assert_eq!(superseded.len(), 1, "{superseded:#?}");
    assert_eq!(superseded[0].file.as_deref(), Some("HR-b.xlsx"));
}

/// `check` on a committed fixture: exit status and report.
fn check_fixture(name: &str) -> (i32, serde_json::Value) {
    let run = Run::new();
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/ambiguous")
        .join(name);
    let out = run.exec(&["check", path.to_str().expect("path"), "--json", "r.json"]);
    let report = serde_json::from_str(
        &std::fs::read_to_string(run.dir.path().join("r.json")).expect("json"),
    )
    .expect("parse");
    (out.status, report)
}

#[test]
fn of_two_sheets_with_one_name_the_only_visible_one_is_read() {
    // A hidden old `Budgetfördelning` (Nyutveckling 500, total 11 700) and the
    // visible current `Budgetfördelning ` (800, 13 000), in either order, as
    // openpyxl and LibreOffice store them (tests/fixtures/README.md).
    for name in [
        "hidden-first.xlsx",
        "hidden-last.xlsx",
        "hidden-first.xls",
        "hidden-last.xls",
        "hidden-first.ods",
        "hidden-last.ods",
    ] {
        let (status, report) = check_fixture(name);
        let found = findings(&report);
        assert_eq!(found.len(), 1, "{name}: {found:#?}");
        let f = &found[0];
        assert_eq!(
            (f.code.as_str(), f.severity.as_str()),
            ("ambiguous-sheet", "warning"),
            "{name}"
        );
        assert_eq!(f.sheet.as_deref(), Some("Budgetfördelning "), "{name}");
        assert!(
            f.message.contains("”Budgetfördelning ” lästes")
                && f.message
                    .contains("dolda bladet ”Budgetfördelning” lästes inte"),
            "{name}: {}",
            f.message
        );
        assert_eq!(status, 0, "{name}");
        assert_eq!(report["areas"][0]["version"], "2.0", "{name}");
        assert_eq!(report["areas"][0]["new_development"], "800", "{name}");
        assert_eq!(report["areas"][0]["total"], "13000", "{name}");
    }
}

#[test]
fn two_visible_sheets_with_one_name_are_an_error_and_the_area_is_left_out() {
    let (status, report) = check_fixture("both-visible.xlsx");
    assert_eq!(status, 1);
    let found = findings(&report);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].code, "ambiguous-sheet");
    assert_eq!(found[0].severity, "error");
    assert!(
        found[0]
            .message
            .contains("”Budgetfördelning”, ”Budgetfördelning ”"),
        "{}",
        found[0].message
    );
    assert_eq!(report["areas"].as_array().map(Vec::len), Some(0));
}

#[test]
fn a_header_in_two_columns_is_an_error_naming_both_cells() {
    let t = crate::harness::t;
    for (sheet, at, header, first) in [
        (Sheet::Plan, "I3", "Utveckling 2024", "C3"),
        (Sheet::Budget, "F9", "Nyutveckling", "B9"),
    ] {
        let run = Run::new().add("HR.xlsx", &Template::new("HR").set(sheet, at, t(header)));
        let out = run.consolidate(&[]);
        assert_eq!(out.status, 1, "{}", out.stderr);
        let report = run.report();
        let found: Vec<_> = findings(&report)
            .into_iter()
            .filter(|f| f.code == "ambiguous-column")
            .collect();
        assert_eq!(found.len(), 1, "{header}: {:#?}", findings(&report));
        assert_eq!(found[0].severity, "error");
        assert_eq!(found[0].sheet.as_deref(), Some(sheet.name()));
        assert_eq!(found[0].cell.as_deref(), Some(at));
        assert!(
            found[0].message.contains(&format!("({first} och {at})")),
            "{}",
            found[0].message
        );
        assert_eq!(
            report["areas"].as_array().map(Vec::len),
            Some(0),
            "not consolidated"
        );
    }
}

#[test]
fn amounts_far_beyond_any_budget_are_invalid_never_a_crash() {
    // Two areas of 5 × 10^28 tkr each: their sum is beyond what a Decimal holds.
    let huge = |area: &str| {
        Template::new(area).with_initiatives(vec![Initiative {
            name: "Allt".into(),
            new: 5e28,
            existing: 0.0,
            development: vec![5e28, 0.0, 0.0],
            maintenance: vec![0.0; 3],
            impact: None,
        }])
    };
    let run = Run::new()
        .add("HR.xlsx", &huge("HR"))
        .add("IT.xlsx", &huge("IT"));
    let out = run.consolidate(&["--partial"]);
    assert_eq!(out.status, 1, "{}{}", out.stdout, out.stderr);
    let report = run.report();
    let invalid: Vec<_> = findings(&report)
        .into_iter()
        .filter(|f| f.code == "invalid-amount" && f.sheet.as_deref() == Some("Budgetfördelning"))
        .map(|f| (f.file, f.cell))
        .collect();
    let place = |file: &str, cell: &str| (Some(file.to_string()), Some(cell.to_string()));
    assert!(invalid.contains(&place("HR.xlsx", "B10")), "{invalid:?}");
    assert!(invalid.contains(&place("IT.xlsx", "B10")), "{invalid:?}");
    let areas = report["areas"].as_array().expect("areas");
    assert!(areas.iter().all(|a| a["included"] == false), "{areas:?}");
    assert_eq!(report["totals"]["total"], "0");
}

#[test]
fn a_column_summing_beyond_any_budget_is_invalid_at_the_cell_that_does_it() {
    // Two rows of 6 × 10^11 tkr: each is a (huge) amount, their sum is not.
    let row = |name: &str| Initiative {
        name: name.into(),
        new: 6e11,
        existing: 0.0,
        development: vec![6e11, 0.0, 0.0],
        maintenance: vec![0.0; 3],
        impact: None,
    };
    let template = Template::new("HR").with_initiatives(vec![row("Alfa"), row("Beta")]);
    let run = Run::new().add("HR.xlsx", &template);
    let out = run.consolidate(&[]);
    assert_eq!(out.status, 1, "{}{}", out.stdout, out.stderr);
    let report = run.report();
    let invalid: Vec<_> = findings(&report)
        .into_iter()
        .filter(|f| f.code == "invalid-amount")
        .collect();
    let places: Vec<_> = invalid
        .iter()
        .map(|f| (f.sheet.as_deref(), f.cell.as_deref()))
        .collect();
    assert_eq!(
        places,
        vec![
            (Some("Budgetfördelning"), Some("B11")),
            (Some("Utvecklingsinitiativ"), Some("B5"))
        ],
        "{invalid:#?}"
    );
    assert!(
        invalid[0].message.contains("1 200 000 000 000"),
        "{}",
        invalid[0].message
    );
}

#[test]
fn a_frame_beyond_any_budget_is_an_invalid_configuration() {
    // Frames TOML can hold and a Decimal too, but whose sum or difference a
    // Decimal cannot: two area frames of 5 × 10^28, a total frame near its limit.
    for (config, named) in [
        (
            "budget_year = 2023\n\n[[area]]\nname = \"HR\"\nframe = 5e28\n\n[[area]]\nname = \"IT\"\nframe = 5e28\n",
            "the frame of area \"HR\" is 50000000000000000000000000000 tkr",
        ),
        (
            "budget_year = 2023\ntotal_frame = -7.9e28\n\n[[area]]\nname = \"HR\"\n\n[[area]]\nname = \"IT\"\n",
            "total_frame is -79000000000000000000000000000 tkr",
        ),
    ] {
        let run = Run::new()
            .add("HR.xlsx", &Template::new("HR"))
            .add("IT.xlsx", &Template::new("IT"))
            .config(config);
        // The configuration's reasons in the English words listed above.
        let out = run.consolidate(&["--lang", "en"]);
        assert_eq!(out.status, 2, "{}{}", out.stdout, out.stderr);
        assert!(
            out.stderr.contains("budget.toml") && out.stderr.contains(named),
            "{}",
            out.stderr
        );
        assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
        let out = run.consolidate(&[]);
        assert!(
            out.stderr
                .contains("tkr; en ram är ett belopp i tkr från 0 till 1000000000000 (10^12)"),
            "{}",
            out.stderr
        );
    }
}

#[test]
fn text_longer_than_excel_holds_is_a_finding_and_written_shortened() {
    // 40 000 characters (an initiative name pasted with its whole description, and
    // a note beside the table), more than the 32 767 an Excel cell holds. Only
    // another program writes that (rust_xlsxwriter refuses), so the shared strings
    // are patched after writing.
    let long_name = format!("Digitalisering {}", "å".repeat(40_000 - 15));
    let mut initiatives = Template::new("HR").initiatives;
    initiatives[0].name = "LÅNGT-NAMN".into();
    let template = Template::new("HR").with_initiatives(initiatives).set(
        Sheet::Budget,
        "F2",
        crate::harness::t("LÅNG-ANTECKNING"),
    );
    let run = Run::new().add("HR.xlsx", &template);
    rewrite_parts(&run.input().join("HR.xlsx"), |name, xml| {
        (name == "xl/sharedStrings.xml").then(|| {
            xml.replace("LÅNGT-NAMN", &long_name)
                .replace("LÅNG-ANTECKNING", &"Anteckning. ".repeat(3_500))
        })
    });
    let out = run.consolidate(&["--feedback", "kontroll"]);
    assert_eq!(out.status, 0, "{}{}", out.stdout, out.stderr);
    let report = run.report();
    let long: Vec<_> = findings(&report)
        .into_iter()
        .filter(|f| f.code == "text-too-long")
        .map(|f| (f.severity, f.sheet, f.cell))
        .collect();
    let at = |sheet: &str, cell: &str| {
        (
            "warning".to_string(),
            Some(sheet.to_string()),
            Some(cell.to_string()),
        )
    };
    assert_eq!(
        long,
        vec![
            at("Budgetfördelning", "F2"),
            at("Budgetfördelning", "A10"),
            at("Utvecklingsinitiativ", "A4")
        ]
    );
    assert_eq!(report["totals"]["total"], "13000");
    // The consolidated workbook holds the name shortened to 32 767 characters.
    let rows = crate::harness::sheet_rows(&run.workbook(), "Initiativ", 3);
    let written = rows
        .iter()
        .find(|r| r[2].starts_with("Digitalisering"))
        .expect("row");
    assert_eq!(written[2].encode_utf16().count(), 32_767);
    assert!(long_name.starts_with(&written[2]));
    assert!(run.dir.path().join("kontroll/HR-kontroll.xlsx").is_file());
    // check reads it the same way, and writes its report too.
    let out = run.exec(&[
        "check",
        "input/HR.xlsx",
        "--json",
        "r.json",
        "--feedback",
        "fb",
    ]);
    assert_eq!(out.status, 0, "{}{}", out.stdout, out.stderr);
    assert!(run.dir.path().join("r.json").is_file());
}

/// Amounts split in thirds (`=20000/3`): each cell holds a binary fraction, which
/// is read at 15 digits (6666.66666666667), and the sums of such cells are compared
/// as Excel shows them, at 15 significant digits once at the sum's end — not as
/// 20 000,00000000001, a figure no one wrote. Both as Excel stores the values (17
/// digits: the harness's `f64`s and their `f64` sums) and as LibreOffice does (15
/// digits: `Vidmakthållande` in thirds adds up exactly to 5 499,999999999996, which
/// LibreOffice stores and shows as 5 500; rounding every partial sum would give
/// 5 499,99999999999).
#[test]
fn amounts_split_in_thirds_sum_as_excel_shows_them() {
    let third = 20000.0 / 3.0;
    let (a, b, c) = (333.333333333333, 666.666666666667, 1333.33333333333);
    let maintenance = [1000.0, 500.0, a, a, a, a, b, b, c];
    let initiatives = (maintenance.iter().enumerate())
        .map(|(i, m)| Initiative {
            name: format!("Initiativ {}", i + 1),
            new: if i < 3 { third } else { 0.0 },
            existing: if i < 3 { 0.0 } else { 1000.0 },
            development: vec![if i < 3 { third } else { 1000.0 }, 0.0, 0.0],
            maintenance: vec![*m, 0.0, 0.0],
            impact: None,
        })
        .collect();
    let template = Template::new("HR").with_initiatives(initiatives);
    let plan_total = template.plan_total_row();
    let template = template.set(
        Sheet::Plan,
        &format!("E{plan_total}"),
        f(&format!("=SUM(E4:E{})", plan_total - 1), "5500"),
    );
    let run = Run::new().add("HR.xlsx", &template).config(
        "budget_year = 2023\nyears = [2023, 2024, 2025]\n[[area]]\nname = \"HR\"\nframe = 26000\n",
    );
    let out = run.consolidate(&[]);
    let report = run.report();
    let found = findings(&report);
    assert!(found.is_empty(), "{found:#?}");
    assert_eq!(out.status, 0, "{}{}", out.stdout, out.stderr);
    let area = &report["areas"][0];
    assert_eq!(area["new_development"], "20000");
    assert_eq!(area["total"], "26000");
}

#[test]
fn group_labels_typed_over_the_middle_of_their_years_name_all_of_them() {
    // A two-row header made by hand: `Utveckling` and `Vidmakthållande` typed over
    // the middle year of their three (centred by eye, no merged cell), the years as
    // numbers below. Read as the merged form is, the figures are the one-row form's.
    let mut hand = Template::new("HR")
        .set(Sheet::Plan, "C2", t("Utveckling"))
        .set(Sheet::Plan, "F2", t("Vidmakthållande"));
    for (i, y) in [2023.0, 2024.0, 2025.0, 2023.0, 2024.0, 2025.0]
        .iter()
        .enumerate()
    {
        let col = char::from(b'B' + i as u8);
        hand = hand.set(Sheet::Plan, &format!("{col}3"), n(*y));
    }
    reads_as_the_template(&Run::new().add("HR.xlsx", &hand));
}

/// HR's template in a scratch input folder, then changed by `script` with openpyxl
/// (another program's writer), as a lead edits it.
fn hr_edited_by_openpyxl(script: &str) -> Run {
    let run = Run::new().add("HR.xlsx", &Template::new("HR"));
    crate::harness::openpyxl(script, &run.input().join("HR.xlsx"));
    run
}

/// Consolidates `run` (HR's template, changed in form only): no error, and the
/// area's figures are those of the template as it was written.
fn reads_as_the_template(run: &Run) {
    let out = run.consolidate(&[]);
    assert_eq!(out.status, 0, "{}{}", out.stdout, out.stderr);
    let report = run.report();
    let errors: Vec<_> = findings(&report)
        .into_iter()
        .filter(|f| f.severity == "error")
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    let one_row = Run::new().add("HR.xlsx", &Template::new("HR"));
    assert_eq!(one_row.consolidate(&[]).status, 0);
    assert_eq!(report["areas"], one_row.report()["areas"]);
}

/// openpyxl inserts a column before the names in both sheets (a lead's `Nr`
/// column) and, with `SUMMA_LEFT` replaced by `True`, moves each table's `Summa`
/// label into it.
const ADD_NR_COLUMN: &str = r#"
import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1])
summa_left = SUMMA_LEFT
for ws in (wb["Budgetfördelning"], wb["Utvecklingsinitiativ"]):
    ws.insert_cols(1)
    for r in range(1, ws.max_row + 1):
        name = ws.cell(row=r, column=2)
        if name.value in ("Initiativ", "Text"):
            ws.cell(row=r, column=1).value = "Nr"
        elif name.value == "Summa" and summa_left:
            ws.cell(row=r, column=1).value = "Summa"
            name.value = None
wb.save(sys.argv[1])
"#;

#[test]
fn a_summa_label_in_a_column_added_before_the_names_ends_the_table() {
    for summa_left in ["False", "True"] {
        let run = hr_edited_by_openpyxl(&ADD_NR_COLUMN.replace("SUMMA_LEFT", summa_left));
        reads_as_the_template(&run);
    }
}

#[test]
fn a_summa_label_left_of_a_named_row_does_not_end_the_table() {
    // The row has its own initiative name: it is data, whatever stands left of it,
    // and the table still lacks its Summa row.
    let run = hr_edited_by_openpyxl(
        "import openpyxl, sys\nwb = openpyxl.load_workbook(sys.argv[1])\nws = wb['Budgetfördelning']\nws.insert_cols(1)\nfor r in range(1, ws.max_row + 1):\n    if ws.cell(row=r, column=2).value == 'Summa':\n        ws.cell(row=r, column=2).value = 'Extra konsult'\n        ws.cell(row=r, column=1).value = 'Summa'\nwb.save(sys.argv[1])",
    );
    let out = run.consolidate(&[]);
    assert_eq!(out.status, 1, "{}{}", out.stdout, out.stderr);
    let codes: Vec<String> = findings(&run.report())
        .into_iter()
        .filter(|f| f.severity == "error")
        .map(|f| f.code)
        .collect();
    assert!(
        codes.contains(&"missing-total-row".to_string()),
        "{codes:?}"
    );
}

#[test]
fn years_written_as_dates_shown_as_years_are_plan_years() {
    // openpyxl writes the two-row header's years as dates (1 January) with the
    // number format `yyyy`: Excel shows 2023, and so the year row is read.
    let run = hr_edited_by_openpyxl(
        "import openpyxl, sys, datetime\nwb = openpyxl.load_workbook(sys.argv[1])\nws = wb['Utvecklingsinitiativ']\nws['B2'] = 'Utveckling'\nws['E2'] = 'Vidmakthållande'\nfor i, y in enumerate([2023, 2024, 2025] * 2):\n    c = ws.cell(row=3, column=2 + i)\n    c.value = datetime.date(y, 1, 1)\n    c.number_format = 'yyyy'\nwb.save(sys.argv[1])",
    );
    reads_as_the_template(&run);
}

#[test]
fn a_sheet_named_as_the_budget_sheet_and_more_is_named_not_read() {
    // The lead copies Budgetfördelning, renames the copy `Budgetfördelning 2023` and
    // types new figures there: only `Budgetfördelning` is read, and the warning says
    // the other sheet was not, so the figures meant are not lost unsaid.
    let run = hr_edited_by_openpyxl(
        "import openpyxl, sys\nwb = openpyxl.load_workbook(sys.argv[1])\nc = wb.copy_worksheet(wb['Budgetfördelning'])\nc.title = 'Budgetfördelning 2023'\nc['B10'] = 999\nwb.save(sys.argv[1])",
    );
    let out = run.consolidate(&[]);
    assert_eq!(
        out.status, 0,
        "a warning only: {}{}",
        out.stdout, out.stderr
    );
    let report = run.report();
    let warned: Vec<_> = findings(&report)
        .into_iter()
        .filter(|f| f.code == "ambiguous-sheet")
        .collect();
    assert_eq!(warned.len(), 1, "{warned:?}");
    assert_eq!(warned[0].severity, "warning");
    assert!(
        warned[0].message.contains("Bladet ”Budgetfördelning 2023” har ett namn som börjar som ”Budgetfördelning” och lästes inte"),
        "{}",
        warned[0].message
    );
    assert_eq!(report["totals"]["total"], "13000");
}
