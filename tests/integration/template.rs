//! `template`: what the blank template holds, that it reads back clean, and that
//! filled in by other programs (openpyxl writing values, LibreOffice recalculating
//! and saving) it consolidates to exactly the figures written in.

use crate::harness::{BIN, Run, findings, read_sheet};
use std::io::Read;
use std::path::Path;
use std::process::Command;

fn template(run: &Run, area: &str, file: &str) {
    let out = run.exec(&[
        "template",
        "--area",
        area,
        "--budget-year",
        "2023",
        "--years",
        "2023-2025",
        "--out",
        file,
    ]);
    assert_eq!(out.status, 0, "{}{}", out.stdout, out.stderr);
}

fn part(path: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).expect("open")).expect("zip");
    let mut text = String::new();
    zip.by_name(name)
        .expect("part")
        .read_to_string(&mut text)
        .expect("read");
    text
}

fn check_json(run: &Run, file: &str) -> (i32, serde_json::Value) {
    let out = run.exec(&["check", file, "--json", "check.json"]);
    let text = std::fs::read_to_string(run.dir.path().join("check.json")).expect("json");
    (out.status, serde_json::from_str(&text).expect("parse"))
}

#[test]
fn blank_template_reads_back_with_no_error_only_what_is_left_to_fill_in() {
    let run = Run::new();
    template(&run, "HR", "HR.xlsx");
    let (status, report) = check_json(&run, "HR.xlsx");
    assert_eq!(status, 0);
    // No error: a blank template reads back, but it is not ready to send.
    let found: Vec<_> = findings(&report)
        .into_iter()
        .map(|f| (f.severity, f.code, f.cell))
        .collect();
    let w = |code: &str, cell: &str| {
        (
            "warning".to_string(),
            code.to_string(),
            Some(cell.to_string()),
        )
    };
    assert_eq!(
        found,
        vec![
            w("missing-metadata", "B7"),
            w("missing-metadata", "B8"),
            w("empty-template", "A11"),
        ]
    );
    assert_eq!(report["areas"][0]["area"], "HR");
    assert_eq!(report["areas"][0]["version"], "1.0");
    assert_eq!(report["years"], serde_json::json!([2023, 2024, 2025]));
}

#[test]
fn template_cells_are_the_documented_labels() {
    let run = Run::new();
    template(&run, "Ledning och styrning", "L.xlsx");
    let book = run.dir.path().join("L.xlsx");
    let b = read_sheet(&book, "Budgetfördelning");
    let cell = |r: u32, c: u32| b.get(&(r, c)).cloned().unwrap_or_default();
    assert_eq!(
        (cell(3, 0), cell(3, 1)),
        ("Tjänsteområde".into(), "Ledning och styrning".into())
    );
    assert_eq!((cell(4, 0), cell(4, 1)), ("Version".into(), "1.0".into()));
    assert_eq!((cell(5, 0), cell(5, 1)), ("Budgetår".into(), "2023".into()));
    assert_eq!((cell(6, 0), cell(6, 1)), ("Datum".into(), String::new()));
    assert_eq!((cell(7, 0), cell(7, 1)), ("Ansvarig".into(), String::new()));
    let header: Vec<String> = (0..4).map(|c| cell(9, c)).collect();
    assert_eq!(
        header,
        [
            "Text",
            "Nyutveckling",
            "Utveckling inom befintlig tjänst/tjänsteerbjudande",
            "Belopp tkr"
        ]
    );
    assert_eq!(cell(40, 0), "Summa", "room for 30 initiatives, rows 11–40");
    let sheet = part(&book, "xl/worksheets/sheet2.xml");
    assert!(
        sheet.contains("<f>B11+C11</f><v>0</v>"),
        "Belopp formulas with stored results"
    );
    assert!(sheet.contains("<f>SUM(D11:D40)</f><v>0</v>"));
    let p = read_sheet(&book, "Utvecklingsinitiativ");
    let header: Vec<String> = (0..8)
        .map(|c| p.get(&(3, c)).cloned().unwrap_or_default())
        .collect();
    assert_eq!(
        header,
        [
            "Initiativ",
            "Utveckling 2023",
            "Utveckling 2024",
            "Utveckling 2025",
            "Vidmakthållande 2023",
            "Vidmakthållande 2024",
            "Vidmakthållande 2025",
            "Påverkan"
        ]
    );
    assert_eq!(p.get(&(34, 0)).map(String::as_str), Some("Summa"));
    let instructions: String = read_sheet(&book, "Instruktioner")
        .into_values()
        .collect::<Vec<_>>()
        .join("\n");
    for needle in [
        "Nyutveckling",
        "Utveckling inom befintlig tjänst/tjänsteerbjudande",
        "vidmakthålla",
        "Liten, Mellan eller Stor",
        "tkr",
        "budget-consolidator check",
    ] {
        assert!(
            instructions.contains(needle),
            "Instruktioner lacks {needle}"
        );
    }
}

#[test]
fn template_guards_input_with_validation_and_protection() {
    let run = Run::new();
    template(&run, "HR", "HR.xlsx");
    let book = run.dir.path().join("HR.xlsx");
    let budget = part(&book, "xl/worksheets/sheet2.xml");
    let plan = part(&book, "xl/worksheets/sheet3.xml");
    for sheet in [&budget, &plan] {
        assert!(sheet.contains("<sheetProtection"), "protected");
        assert!(!sheet.contains("password="), "without a password");
    }
    assert!(
        budget.contains(r#"type="decimal" operator="greaterThanOrEqual""#)
            && budget.contains(r#"sqref="B11:C40""#),
        "development ≥ 0"
    );
    assert!(
        budget.contains(r#"promptTitle="Belopp i tkr""#)
            && budget.contains(r#"errorTitle="Ogiltigt belopp""#)
    );
    assert!(
        plan.contains(r#"sqref="B5:D34""#),
        "development per year ≥ 0"
    );
    assert!(
        plan.contains(r#"sqref="E5:G34"><formula1>-1000000000000</formula1><formula2>1000000000000</formula2>"#),
        "maintenance: any decimal, negative allowed"
    );
    assert!(
        plan.contains(r#"type="list""#)
            && plan.contains("<formula1>\"Liten,Mellan,Stor\"</formula1>")
            && plan.contains(r#"sqref="H5:H34""#)
    );
    assert!(plan.contains(r#"errorTitle="Ogiltig påverkan""#));
    let styles = part(&book, "xl/styles.xml");
    assert!(
        styles.contains(r#"<protection locked="0"/>"#),
        "input cells unlocked"
    );
    assert!(styles.contains("FFFFF2CC"), "input cells shaded");
    // Budgetfördelning's four columns print upright, so that its 30 rows and Summa
    // fit one page; the wider Utvecklingsinitiativ prints landscape.
    assert!(
        budget.contains("<pane ")
            && budget.contains(r#"orientation="portrait""#)
            && budget.contains(r#"fitToHeight="0""#)
    );
    assert!(plan.contains(r#"orientation="landscape""#));
}

#[test]
fn template_all_writes_one_file_per_configured_area() {
    let run = Run::new().config(
        "budget_year = 2024\nyears = [2024, 2025]\n\n[[area]]\nname = \"Ekonomi – å ä ö\"\n\n[[area]]\nname = \"IT/Digitalt\"\naliases = [\"IT\"]\n",
    );
    let out = run.exec(&[
        "template",
        "--all",
        "--config",
        "input/budget.toml",
        "--out",
        "mallar",
    ]);
    assert_eq!(out.status, 0, "{}", out.stderr);
    let mut names: Vec<String> = std::fs::read_dir(run.dir.path().join("mallar"))
        .expect("dir")
        .map(|e| e.expect("e").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["Ekonomi – å ä ö.xlsx", "IT-Digitalt.xlsx"]);
    let (status, report) = check_json(&run, "mallar/IT-Digitalt.xlsx");
    assert_eq!(status, 0);
    assert_eq!(report["areas"][0]["area"], "IT/Digitalt");
    assert_eq!(report["budget_year"], 2024);
}

#[test]
fn template_area_takes_the_years_and_the_name_from_the_configuration() {
    let run = Run::new().config(
        "budget_year = 2024\nyears = [2024, 2025]\n\n[[area]]\nname = \"IT/Digitalt\"\naliases = [\"IT\"]\n",
    );
    // An alias, in another case: the template is the area's, by its name.
    let args = ["template", "--area", "it", "--config", "input/budget.toml"];
    let out = run.exec(&[&args[..], &["--out", "IT.xlsx"]].concat());
    assert_eq!(out.status, 0, "{}{}", out.stdout, out.stderr);
    let (status, report) = check_json(&run, "IT.xlsx");
    assert_eq!(status, 0);
    assert_eq!(report["areas"][0]["area"], "IT/Digitalt");
    assert_eq!(report["budget_year"], 2024);
    // A flag still wins over the configuration.
    let out = run.exec(&[&args[..], &["--years", "2024-2026", "--out", "IT3.xlsx"]].concat());
    assert_eq!(out.status, 0, "{}", out.stderr);
    assert!(out.stdout.contains("2024–2026"), "{}", out.stdout);
    // An area the configuration does not list is refused before anything is written.
    let out = run.exec(&[
        "template",
        "--area",
        "HR",
        "--config",
        "input/budget.toml",
        "--out",
        "HR.xlsx",
    ]);
    assert_eq!(out.status, 2);
    assert_eq!(
        out.stderr.trim_end(),
        "fel: --area HR: input/budget.toml har inget sådant tjänsteområde (kända: IT/Digitalt)"
    );
    assert!(!run.dir.path().join("HR.xlsx").exists());
}

#[test]
fn template_usage_errors_exit_2() {
    let run = Run::new();
    let out = run.exec(&["template", "--area", "HR", "--out", "x.xlsx"]);
    assert_eq!(out.status, 2);
    assert!(out.stderr.contains("--budget-year"), "{}", out.stderr);
    let out = run.exec(&[
        "template",
        "--area",
        "HR",
        "--budget-year",
        "2026",
        "--years",
        "2023-2025",
        "--out",
        "x.xlsx",
    ]);
    assert_eq!(out.status, 2);
    assert!(out.stderr.contains("2026"), "{}", out.stderr);
    assert_eq!(
        run.exec(&["template", "--out", "x.xlsx"]).status,
        2,
        "--area or --all is required"
    );
    assert!(!run.dir.path().join("x.xlsx").exists());
}

/// Fills a template with openpyxl (as a script or another tool would), then lets
/// LibreOffice open it, recalculate and save it as xlsx.
fn fill_and_resave(run: &Run, template_file: &str, impact: &str) -> String {
    let script = r#"
import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1])
b = wb["Budgetfördelning"]
b["B5"] = "2.1"
b["B7"] = "2023-03-01"
b["B8"] = "Anna Andersson"
rows = [("Digitalisering inom HR", 800, 4200.5), ("Översyn IT-stöd inom lön och HR", None, 8000)]
for i, (name, new, existing) in enumerate(rows):
    r = 11 + i
    b[f"A{r}"] = name
    b[f"B{r}"] = new
    b[f"C{r}"] = existing
p = wb["Utvecklingsinitiativ"]
plan = [("Digitalisering inom HR", [5000.5, 4000, 1000], [100, 200, -50], sys.argv[3]), ("Översyn IT-stöd inom lön och HR", [8000, 2000, None], [0, 300, 300], "Stor")]
for i, (name, dev, maint, impact) in enumerate(plan):
    r = 5 + i
    p[f"A{r}"] = name
    for k, v in enumerate(dev + maint):
        p.cell(row=r, column=2 + k, value=v)
    p[f"H{r}"] = impact
import datetime
v = wb["Versioner"]
v["A6"] = datetime.date(2023, 3, 1)
v["B6"] = "2.1"
v["C6"] = "Budgeten ifylld"
v["D6"] = "Anna Andersson"
wb.save(sys.argv[2])
"#;
    let dir = run.dir.path();
    let status = Command::new("python3")
        .args(["-c", script])
        .arg(dir.join(template_file))
        .arg(dir.join("filled.xlsx"))
        .arg(impact)
        .status()
        .expect("python3 with openpyxl (pip install openpyxl)");
    assert!(status.success(), "openpyxl fill failed");
    crate::libreoffice::recalculate_and_save(&dir.join("filled.xlsx"), dir);
    "resaved/filled.xlsx".to_string()
}

#[test]
fn template_filled_by_other_programs_consolidates_exactly() {
    let run = Run::new();
    template(&run, "HR", "HR.xlsx");
    let file = fill_and_resave(&run, "HR.xlsx", "Liten");
    let (status, report) = check_json(&run, &file);
    assert_eq!(status, 0, "{:?}", findings(&report));
    assert!(
        findings(&report).is_empty(),
        "LibreOffice stored every formula's value: {:?}",
        findings(&report)
    );
    let a = &report["areas"][0];
    assert_eq!(a["version"], "2.1");
    assert_eq!(a["new_development"], "800");
    assert_eq!(a["existing_development"], "12200.5");
    assert_eq!(a["total"], "13000.5");
    assert_eq!(
        a["development_by_year"],
        serde_json::json!({"2023": "13000.5", "2024": "6000", "2025": "1000"})
    );
    assert_eq!(
        a["maintenance_by_year"],
        serde_json::json!({"2023": "100", "2024": "500", "2025": "250"})
    );
}

#[test]
fn template_filled_with_one_defect_gives_that_code() {
    let run = Run::new();
    template(&run, "HR", "HR.xlsx");
    let file = fill_and_resave(&run, "HR.xlsx", "Medel");
    let (status, report) = check_json(&run, &file);
    assert_eq!(status, 1);
    let found: Vec<_> = findings(&report)
        .into_iter()
        .map(|f| (f.code, f.sheet, f.cell))
        .collect();
    assert_eq!(
        found,
        vec![(
            "invalid-category".to_string(),
            Some("Utvecklingsinitiativ".to_string()),
            Some("H5".to_string())
        )]
    );
    let _ = BIN;
}
