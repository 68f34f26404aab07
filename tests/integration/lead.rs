//! The area lead's day with `check`: the root cause named rather than the formula
//! it breaks, every independent mistake in one round, what is left to fill in, and
//! a feedback copy that looks like the template. The failing files are made as a
//! lead makes them: our template filled by openpyxl, recalculated and saved by
//! LibreOffice.

use crate::harness::{Run, Sheet, Template, findings, n};
use std::path::Path;
use std::process::Command;

fn template(run: &Run, file: &str) {
    let out = run.exec(&[
        "template",
        "--area",
        "HR",
        "--budget-year",
        "2023",
        "--years",
        "2023-2025",
        "--out",
        file,
    ]);
    assert_eq!(out.status, 0, "{}{}", out.stdout, out.stderr);
}

/// Runs `script` with openpyxl on `args` (paths in the scratch folder).
fn openpyxl(run: &Run, script: &str, args: &[&str]) -> String {
    let out = Command::new("python3")
        .args(["-c", script])
        .args(args.iter().map(|a| run.dir.path().join(a)))
        .output()
        .expect("python3 with openpyxl (pip install openpyxl)");
    assert!(
        out.status.success(),
        "openpyxl: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// LibreOffice opens `file`, recalculates every formula and saves it as xlsx in
/// `resaved/`; returns the new file's path relative to the scratch folder.
fn recalculate_and_save(run: &Run, file: &str) -> String {
    let dir = run.dir.path();
    let resaved = crate::libreoffice::recalculate_and_save(&dir.join(file), dir);
    let name = resaved.file_name().expect("name");
    format!("resaved/{}", name.to_string_lossy())
}

/// The template filled in with "4 200" typed as text in C11, the way a lead
/// pasting from another document gets it.
const FILL_WITH_TEXT: &str = r#"
import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1])
b = wb["Budgetfördelning"]
b["B7"] = "2023-03-01"
b["B8"] = "Anna Andersson"
rows = [("Digitalisering inom HR", 800, "4 200"), ("Översyn IT-stöd inom lön och HR", None, 8000)]
for i, (name, new, existing) in enumerate(rows):
    b[f"A{11 + i}"] = name
    b[f"B{11 + i}"] = new
    b[f"C{11 + i}"] = existing
p = wb["Utvecklingsinitiativ"]
plan = [("Digitalisering inom HR", [5000, 4000, 1000]), ("Översyn IT-stöd inom lön och HR", [8000, 2000, None])]
for i, (name, dev) in enumerate(plan):
    p[f"A{5 + i}"] = name
    for k, v in enumerate(dev):
        p.cell(row=5 + i, column=2 + k, value=v)
wb.save(sys.argv[2])
"#;

#[test]
fn text_in_an_input_cell_is_the_error_and_the_broken_formulas_its_consequence() {
    let run = Run::new();
    template(&run, "HR.xlsx");
    openpyxl(&run, FILL_WITH_TEXT, &["HR.xlsx", "HR-ifylld.xlsx"]);
    let file = recalculate_and_save(&run, "HR-ifylld.xlsx");
    // LibreOffice's recalculation really shows the error the lead sees.
    let cached = openpyxl(
        &run,
        "import openpyxl, sys\nb = openpyxl.load_workbook(sys.argv[1], data_only=True)['Budgetfördelning']\nprint(b['D11'].value, b['C41'].value, b['D41'].value)",
        &[&file],
    );
    assert_eq!(cached.trim(), "#VALUE! 8000 #VALUE!");

    let sv = run.exec(&["check", &file]);
    assert_eq!(sv.status, 1, "{}", sv.stdout);
    assert_eq!(
        sv.stdout,
        "resaved/HR-ifylld.xlsx\n  \
         fel      number-as-text          resaved/HR-ifylld.xlsx › Budgetfördelning › C11: \
         Utveckling inom befintlig tjänst: ”4 200” är text — skriv talet utan mellanslag eller som tal. \
         Därför: D11 visar #VÄRDEFEL!, C41 visar 8 000 i stället för 12 200, D41 visar #VÄRDEFEL!.\n\
         \n\
         Filen har 1 fel och 0 varningar.\n\
         Rätta felen innan du skickar filen.\n"
    );
    let en = run.exec(&["check", &file, "--lang", "en", "--json", "en.json"]);
    assert_eq!(en.status, 1);
    let report: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(run.dir.path().join("en.json")).expect("json"),
    )
    .expect("parse");
    let found: Vec<_> = findings(&report)
        .into_iter()
        .map(|f| (f.severity, f.code, f.sheet, f.cell, f.message))
        .collect();
    assert_eq!(
        found,
        vec![(
            "error".to_string(),
            "number-as-text".to_string(),
            Some("Budgetfördelning".to_string()),
            Some("C11".to_string()),
            "Utveckling inom befintlig tjänst: “4 200” is text — write the number without spaces or as a number. \
             As a result: D11 shows #VALUE!, C41 shows 8,000 instead of 12,200, D41 shows #VALUE!."
                .to_string()
        )]
    );
    assert!(
        en.stdout.ends_with(
            "The file has 1 error and 0 warnings.\nCorrect the errors before sending the file.\n"
        ),
        "{}",
        en.stdout
    );
}

#[test]
fn every_independent_mistake_is_reported_in_one_round_and_highlighted() {
    // A hand-typed Belopp that is not its parts' sum, and two hand-typed Summa cells
    // that are wrong whatever is done about that row. The Belopp Summa (a formula
    // agreeing with the parts) follows from the row and is not repeated.
    let template = Template::new("HR")
        .set(Sheet::Budget, "D10", n(5100.0))
        .set(Sheet::Budget, "C12", n(12000.0))
        .set(Sheet::Plan, "F6", n(400.0));
    let run = Run::new().add("HR.xlsx", &template);
    let out = run.exec(&["check", "input/HR.xlsx", "--feedback", "kontroll"]);
    assert_eq!(out.status, 1);
    assert_eq!(
        out.stdout,
        "input/HR.xlsx\n  \
         fel      row-sum-mismatch        input/HR.xlsx › Budgetfördelning › D10: Belopp 5 100 ≠ Nyutveckling 800 + Utveckling inom befintlig tjänst 4 200 = 5 000. \
         Rätta Belopp eller delbeloppen så att Belopp är deras summa.\n  \
         fel      total-mismatch          input/HR.xlsx › Budgetfördelning › C12: Summa Utveckling inom befintlig tjänst 12 000 ≠ summan av raderna 12 200. \
         Rätta raderna eller Summa-raden (låt den vara en SUMMA-formel över kolumnen).\n  \
         fel      total-mismatch          input/HR.xlsx › Utvecklingsinitiativ › F6: Summa Vidmakthållande 2024 400 ≠ summan av raderna 500. \
         Rätta raderna eller Summa-raden (låt den vara en SUMMA-formel över kolumnen).\n\
         \n\
         Filen har 3 fel och 0 varningar.\n\
         Skrev kontrollkopia kontroll/HR-kontroll.xlsx\n\
         Rätta felen innan du skickar filen.\n"
    );
    let fills = openpyxl(
        &run,
        "import openpyxl, sys\nwb = openpyxl.load_workbook(sys.argv[1])\nfor s, c in [('Budgetfördelning', 'D10'), ('Budgetfördelning', 'C12'), ('Budgetfördelning', 'D12'), ('Utvecklingsinitiativ', 'F6'), ('Utvecklingsinitiativ', 'E6')]:\n    print(s, c, wb[s][c].fill.fgColor.rgb if wb[s][c].fill.fill_type else None)",
        &["kontroll/HR-kontroll.xlsx"],
    );
    assert_eq!(
        fills,
        "Budgetfördelning D10 FFFFC7CE\n\
         Budgetfördelning C12 FFFFC7CE\n\
         Budgetfördelning D12 None\n\
         Utvecklingsinitiativ F6 FFFFC7CE\n\
         Utvecklingsinitiativ E6 None\n"
    );
}

#[test]
fn a_blank_template_is_not_ready_to_send_and_check_says_what_is_left() {
    let run = Run::new();
    template(&run, "HR.xlsx");
    let sv = run.exec(&["check", "HR.xlsx"]);
    assert_eq!(sv.status, 0, "warnings only: {}", sv.stdout);
    assert_eq!(
        sv.stdout,
        "HR.xlsx\n  \
         varning  missing-metadata        HR.xlsx › Budgetfördelning › B7: ”Datum” är inte ifyllt. Fyll i cellen till höger om etiketten innan du skickar filen.\n  \
         varning  missing-metadata        HR.xlsx › Budgetfördelning › B8: ”Ansvarig” är inte ifyllt. Fyll i cellen till höger om etiketten innan du skickar filen.\n  \
         varning  empty-template          HR.xlsx › Budgetfördelning › A11: Mallen har inga initiativ: både Budgetfördelning och Utvecklingsinitiativ är tomma. Fyll i ett initiativ per rad innan du skickar filen.\n\
         \n\
         Filen har 0 fel och 3 varningar.\n\
         Kvar att fylla i: Datum, Ansvarig, initiativen.\n\
         Fyll i det som saknas innan du skickar filen.\n"
    );
    let en = run.exec(&["check", "HR.xlsx", "--lang", "en", "-q"]);
    assert_eq!(
        en.stdout,
        "The file has 0 errors and 3 warnings.\n\
         Left to fill in: Datum, Ansvarig, the initiatives.\n\
         Fill in what is missing before sending the file.\n"
    );
    // The consolidation does not repeat the optional fields, only the blank template.
    let run = run.add("HR.xlsx", &Template::new("HR").with_initiatives(Vec::new()));
    let _ = run.consolidate(&[]);
    let codes: Vec<String> = findings(&run.report())
        .into_iter()
        .map(|f| f.code)
        .collect();
    assert_eq!(codes, ["empty-template"]);
}

#[test]
fn a_half_filled_template_names_only_what_is_missing() {
    let run = Run::new();
    template(&run, "HR.xlsx");
    openpyxl(
        &run,
        "import openpyxl, sys\nwb = openpyxl.load_workbook(sys.argv[1])\nb = wb['Budgetfördelning']\nb['B7'] = '2023-03-01'\nb['A11'] = 'Digitalisering inom HR'\nb['B11'] = 800\nb['C11'] = 4200\np = wb['Utvecklingsinitiativ']\np['A5'] = 'Digitalisering inom HR'\np['B5'] = 5000\nwb.save(sys.argv[2])",
        &["HR.xlsx", "halv.xlsx"],
    );
    let file = recalculate_and_save(&run, "halv.xlsx");
    let out = run.exec(&["check", &file, "-q"]);
    assert_eq!(out.status, 0);
    assert_eq!(
        out.stdout,
        "Filen har 0 fel och 1 varning.\n\
         Kvar att fylla i: Ansvarig.\n\
         Fyll i det som saknas innan du skickar filen.\n"
    );
    let good =
        run.add("HR.xlsx", &Template::new("HR"))
            .exec(&["check", "input/HR.xlsx", "input/HR.xlsx"]);
    assert!(
        good.stdout
            .ends_with("Filerna har 0 fel och 0 varningar.\nFilerna kan skickas.\n"),
        "{}",
        good.stdout
    );
}

#[test]
fn check_creates_the_folders_of_json_and_feedback() {
    let run = Run::new().add(
        "HR.xlsx",
        &Template::new("HR").set(Sheet::Budget, "D10", n(5100.0)),
    );
    let out = run.exec(&[
        "check",
        "input/HR.xlsx",
        "--json",
        "ny/mapp/x.json",
        "--feedback",
        "annan/ny/kontroll",
    ]);
    assert_eq!(out.status, 1, "{}{}", out.stdout, out.stderr);
    assert!(out.stderr.is_empty(), "{}", out.stderr);
    let report: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(run.dir.path().join("ny/mapp/x.json")).expect("json"),
    )
    .expect("parse");
    assert_eq!(report["findings"][0]["code"], "row-sum-mismatch");
    assert!(
        run.dir
            .path()
            .join("annan/ny/kontroll/HR-kontroll.xlsx")
            .is_file()
    );
}

#[test]
fn the_feedback_copy_looks_like_the_template_with_its_own_palette() {
    let run = Run::new();
    template(&run, "HR.xlsx");
    openpyxl(
        &run,
        "import openpyxl, sys\nwb = openpyxl.load_workbook(sys.argv[1])\nb = wb['Budgetfördelning']\nb['B7'] = '2023-03-01'\nb['A11'] = 'Digitalisering inom HR'\nb['B11'] = 800\nb['C11'] = 4200\np = wb['Utvecklingsinitiativ']\np['A5'] = 'Digitalisering inom HR'\np['B5'] = 5000\np['H5'] = 'Liten'\nwb.save(sys.argv[2])",
        &["HR.xlsx", "halv.xlsx"],
    );
    let file = recalculate_and_save(&run, "halv.xlsx");
    let out = run.exec(&["check", &file, "--feedback", "kontroll", "-q"]);
    assert_eq!(out.status, 0, "{}", out.stdout);
    let read = r#"
import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1])
def show(ws, c):
    x = ws[c]
    fill = x.fill.fgColor.rgb if x.fill.fill_type else None
    print(ws.title, c, repr(x.value), x.number_format, bool(x.alignment.wrap_text), bool(x.font.b), fill, x.alignment.horizontal)
b = wb['Budgetfördelning']
for c in ['A10', 'C10', 'B11', 'C11', 'D11', 'D12', 'A41', 'D41', 'B8']:
    show(b, c)
print('widths', [int(b.column_dimensions[c].width) for c in 'ABCD'], 'header height', b.row_dimensions[10].height)
print('rows', b.page_setup.orientation, b.print_title_rows)
p = wb['Utvecklingsinitiativ']
for c in ['A4', 'B5', 'H5']:
    show(p, c)
k = wb['Kontroller']
print(k['B2'].value if k['B2'].value else k['A2'].value)
for c in ['A3', 'B3', 'C3']:
    x = k[c]
    print(c, x.value, x.fill.fgColor.rgb, x.font.color.rgb)
"#;
    let shown = openpyxl(&run, read, &["kontroll/halv-kontroll.xlsx"]);
    assert_eq!(
        shown,
        "Budgetfördelning A10 'Text' General True True FFDDE6F0 None\n\
         Budgetfördelning C10 'Utveckling inom befintlig tjänst/tjänsteerbjudande' General True True FFDDE6F0 right\n\
         Budgetfördelning B11 800 #,##0 False False None None\n\
         Budgetfördelning C11 4200 #,##0 False False None None\n\
         Budgetfördelning D11 5000 #,##0 False False None None\n\
         Budgetfördelning D12 None General False False None None\n\
         Budgetfördelning A41 'Summa' General False True None None\n\
         Budgetfördelning D41 5000 #,##0 False True None None\n\
         Budgetfördelning B8 None General False True FFF8CBAD None\n\
         widths [50, 14, 22, 14] header height 45.0\n\
         rows portrait $10:$10\n\
         Utvecklingsinitiativ A4 'Initiativ' General True True FFDDE6F0 None\n\
         Utvecklingsinitiativ B5 5000 #,##0 False False None None\n\
         Utvecklingsinitiativ H5 'Liten' General False False None center\n\
         0 fel, 1 varning, 0 info. Markerade celler: röd = fel, orange = varning, lila = info (ljusgult är mallens färg för celler att fylla i). Håll muspekaren över en cell för att läsa förklaringen.\n\
         A3 fel FFFFC7CE FF9C0006\n\
         B3 varning FFF8CBAD FF843C0C\n\
         C3 info FFE4DFEC FF3F3151\n"
    );
}

/// A lead fills in only Budgetfördelning and the later plan years; C11 is `existing`
/// (a Python literal: a number, or a text in quotes).
fn fill_budget_only(existing: &str) -> String {
    format!(
        r#"
import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1])
b = wb["Budgetfördelning"]
b["B7"] = "2023-03-01"
b["B8"] = "Anna Andersson"
rows = [("Digitalisering inom HR", 800, {existing}), ("Översyn IT-stöd inom lön och HR", None, 8000)]
for i, (name, new, existing) in enumerate(rows):
    b[f"A{{11 + i}}"] = name
    b[f"B{{11 + i}}"] = new
    b[f"C{{11 + i}}"] = existing
p = wb["Utvecklingsinitiativ"]
for i, (later, maintenance) in enumerate([([4000, 1000], 100), ([2000, None], 300)]):
    p[f"C{{5 + i}}"] = later[0]
    p[f"D{{5 + i}}"] = later[1]
    p[f"F{{5 + i}}"] = maintenance
wb.save(sys.argv[2])
"#
    )
}

#[test]
fn the_plan_takes_names_and_the_budget_year_from_budgetfordelning() {
    let run = Run::new();
    template(&run, "HR.xlsx");
    let formulas = openpyxl(
        &run,
        "import openpyxl, sys\np = openpyxl.load_workbook(sys.argv[1])['Utvecklingsinitiativ']\nfor c in ['A5', 'B5', 'C5', 'A34', 'B34']:\n    print(c, p[c].value, p[c].protection.locked)",
        &["HR.xlsx"],
    );
    assert_eq!(
        formulas,
        "A5 ='Budgetfördelning'!A11&\"\" False\n\
         B5 ='Budgetfördelning'!D11 False\n\
         C5 None False\n\
         A34 ='Budgetfördelning'!A40&\"\" False\n\
         B34 ='Budgetfördelning'!D40 False\n"
    );
    openpyxl(&run, &fill_budget_only("4200"), &["HR.xlsx", "ifylld.xlsx"]);
    let file = recalculate_and_save(&run, "ifylld.xlsx");
    let out = run.exec(&["check", &file, "--json", "r.json"]);
    assert_eq!(
        out.stdout, "Filen har 0 fel och 0 varningar.\nFilen kan skickas.\n",
        "the two sheets agree by construction"
    );
    let report: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(run.dir.path().join("r.json")).expect("json"),
    )
    .expect("parse");
    let area = &report["areas"][0];
    assert_eq!(area["total"], "13000");
    assert_eq!(
        area["development_by_year"],
        serde_json::json!({"2023": "13000", "2024": "6000", "2025": "1000"})
    );
    assert_eq!(
        area["maintenance_by_year"],
        serde_json::json!({"2023": "0", "2024": "400", "2025": "0"})
    );
}

#[test]
fn text_breaking_the_budget_breaks_the_linked_plan_cells_in_the_same_finding() {
    let run = Run::new();
    template(&run, "HR.xlsx");
    openpyxl(
        &run,
        &fill_budget_only("\"4 200\""),
        &["HR.xlsx", "text.xlsx"],
    );
    let file = recalculate_and_save(&run, "text.xlsx");
    let out = run.exec(&["check", &file, "-q", "--json", "r.json"]);
    assert_eq!(out.status, 1);
    let report: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(run.dir.path().join("r.json")).expect("json"),
    )
    .expect("parse");
    let found: Vec<_> = findings(&report)
        .into_iter()
        .map(|f| (f.code, f.cell, f.message))
        .collect();
    assert_eq!(
        found,
        vec![(
            "number-as-text".to_string(),
            Some("C11".to_string()),
            "Utveckling inom befintlig tjänst: ”4 200” är text — skriv talet utan mellanslag eller som tal. \
             Därför: D11 visar #VÄRDEFEL!, C41 visar 8 000 i stället för 12 200, D41 visar #VÄRDEFEL!, \
             Utvecklingsinitiativ › B5 visar #VÄRDEFEL!, Utvecklingsinitiativ › B35 visar #VÄRDEFEL!."
                .to_string()
        )]
    );
    // The feedback copy colours only the cell to fix; the cells that follow from it
    // show the error as Swedish Excel does and carry a note naming that cell.
    let out = run.exec(&["check", &file, "-q", "--feedback", "kontroll"]);
    assert_eq!(out.status, 1);
    let shown = openpyxl(
        &run,
        r#"
import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1])
for s, c in [('Budgetfördelning', 'C11'), ('Budgetfördelning', 'D11'), ('Budgetfördelning', 'C41'), ('Utvecklingsinitiativ', 'B5')]:
    x = wb[s][c]
    fill = x.fill.fgColor.rgb if x.fill.fill_type else None
    print(s, c, x.value, fill, x.comment.text.split(':')[0] if x.comment else None)
"#,
        &["kontroll/text-kontroll.xlsx"],
    );
    assert_eq!(
        shown,
        "Budgetfördelning C11 4 200 FFFFC7CE fel (number-as-text)\n\
         Budgetfördelning D11 #VÄRDEFEL! None Följd av felet i C11\n\
         Budgetfördelning C41 8000 None Följd av felet i C11\n\
         Utvecklingsinitiativ B5 #VÄRDEFEL! None Följd av felet i Budgetfördelning › C11\n"
    );
}

#[test]
fn text_that_is_no_number_is_the_error_and_the_formulas_its_consequence() {
    let run = Run::new();
    template(&run, "HR.xlsx");
    openpyxl(
        &run,
        &fill_budget_only("\"ca 4200\""),
        &["HR.xlsx", "ca.xlsx"],
    );
    let file = recalculate_and_save(&run, "ca.xlsx");
    for (lang, message) in [
        (
            "sv",
            "Utveckling inom befintlig tjänst: texten ”ca 4200” är inget belopp. Skriv ett tal i tkr. \
             Därför: D11 visar #VÄRDEFEL!, D41 visar #VÄRDEFEL!, Utvecklingsinitiativ › B5 visar #VÄRDEFEL!, \
             Utvecklingsinitiativ › B35 visar #VÄRDEFEL!.",
        ),
        (
            "en",
            "Utveckling inom befintlig tjänst: the text “ca 4200” is not an amount. Write a number in tkr. \
             As a result: D11 shows #VALUE!, D41 shows #VALUE!, Utvecklingsinitiativ › B5 shows #VALUE!, \
             Utvecklingsinitiativ › B35 shows #VALUE!.",
        ),
    ] {
        let out = run.exec(&["check", &file, "-q", "--lang", lang, "--json", "r.json"]);
        assert_eq!(out.status, 1);
        let report: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(run.dir.path().join("r.json")).expect("json"),
        )
        .expect("parse");
        let found: Vec<_> = findings(&report)
            .into_iter()
            .map(|f| (f.severity, f.code, f.cell, f.message))
            .collect();
        assert_eq!(
            found,
            vec![(
                "error".to_string(),
                "invalid-amount".to_string(),
                Some("C11".to_string()),
                message.to_string()
            )],
            "{lang}"
        );
    }
}

#[test]
fn the_note_on_a_consequence_sends_the_lead_to_their_own_file() {
    // The sample's HR template with "12 kr" typed in C11 (no amount in tkr; "12 tkr"
    // would be read as 12, a number typed as text): D11 and the Summa D13
    // show #VÄRDEFEL!. The copy holds values, so its D11 stays #VÄRDEFEL! whatever
    // is typed in its C11; the note must say where the correction works.
    let run = Run::new();
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("input/HR.xlsx");
    std::fs::copy(sample, run.dir.path().join("HR.xlsx")).expect("copy");
    openpyxl(
        &run,
        r#"
import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1])
wb["Budgetfördelning"]["C11"] = "12 kr"
wb.save(sys.argv[2])
"#,
        &["HR.xlsx", "tkr.xlsx"],
    );
    let file = recalculate_and_save(&run, "tkr.xlsx");
    let out = run.exec(&["check", &file, "-q", "--feedback", "kontroll"]);
    assert_eq!(out.status, 1, "{}{}", out.stdout, out.stderr);
    let shown = openpyxl(
        &run,
        r#"
import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1])
for c in ['D11', 'D13']:
    x = wb['Budgetfördelning'][c]
    print(c, x.value, x.comment.text if x.comment else None)
"#,
        &["kontroll/tkr-kontroll.xlsx"],
    );
    let note = "Följd av felet i C11: rätta C11 i din egen fil, så blir den här cellen rätt där. \
                I den här kopian är formlerna ersatta av sina värden, så en ändring här rättar inget.";
    assert_eq!(
        shown,
        format!("D11 #VÄRDEFEL! {note}\nD13 #VÄRDEFEL! {note}\n")
    );
}

#[test]
fn a_formula_that_left_the_text_out_is_the_text_cells_consequence() {
    // A program that counts text as 0 stores Belopp = 800 for 800 + "4 200", and
    // the Summa formulas follow; the lead is sent to C10, not to D10.
    let template = Template::new("HR")
        .set(Sheet::Budget, "C10", crate::harness::t("4 200"))
        .set(Sheet::Budget, "D10", crate::harness::f("=B10+C10", "800"))
        .set(
            Sheet::Budget,
            "C12",
            crate::harness::f("=SUM(C10:C11)", "8000"),
        )
        .set(
            Sheet::Budget,
            "D12",
            crate::harness::f("=SUM(D10:D11)", "8800"),
        );
    let run = Run::new().add("HR.xlsx", &template);
    let out = run.exec(&["check", "input/HR.xlsx", "-q", "--json", "r.json"]);
    assert_eq!(out.status, 1);
    let report: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(run.dir.path().join("r.json")).expect("json"),
    )
    .expect("parse");
    let found: Vec<_> = findings(&report)
        .into_iter()
        .map(|f| (f.code, f.cell, f.message))
        .collect();
    assert_eq!(
        found,
        vec![(
            "number-as-text".to_string(),
            Some("C10".to_string()),
            "Utveckling inom befintlig tjänst: ”4 200” är text — skriv talet utan mellanslag eller som tal. \
             Därför: D10 visar 800 i stället för 5 000, C12 visar 8 000 i stället för 12 200, D12 visar 8 800 i stället för 13 000."
                .to_string()
        )]
    );
}

/// A lead who retypes the metadata block writes label and value in one cell:
/// `Tjänsteområde: HR`, `Budgetår: 2023`. The values are read from there, and the
/// file checks clean.
#[test]
fn label_and_value_in_one_cell_are_read() {
    let run = Run::new();
    template(&run, "HR.xlsx");
    let script = r#"
import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1])
b = wb["Budgetfördelning"]
for row in range(1, 10):
    label = b.cell(row=row, column=1).value
    if label in ("Tjänsteområde", "Budgetår", "Datum", "Ansvarig"):
        value = {"Tjänsteområde": "HR", "Budgetår": "2023", "Datum": "2023-03-01", "Ansvarig": "Anna Andersson"}[label]
        b.cell(row=row, column=1, value=f"{label}: {value}")
        b.cell(row=row, column=2, value=None)
b["A11"], b["B11"], b["C11"] = "Digitalisering inom HR", 800, 4200
p = wb["Utvecklingsinitiativ"]
p["A5"], p["B5"] = "Digitalisering inom HR", 5000
wb.save(sys.argv[2])
"#;
    openpyxl(&run, script, &["HR.xlsx", "HR-ifylld.xlsx"]);
    let out = run.exec(&["check", "HR-ifylld.xlsx", "--json", "r.json"]);
    let report: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(run.dir.path().join("r.json")).expect("json"),
    )
    .expect("parse");
    let found: Vec<String> = findings(&report)
        .into_iter()
        .filter(|f| f.code != "formula-without-value")
        .map(|f| format!("{} {}", f.code, f.message))
        .collect();
    assert!(found.is_empty(), "{found:#?}\n{}", out.stdout);
    assert_eq!(out.status, 0, "{}", out.stdout);
}
