//! A real spreadsheet program as the oracle: LibreOffice opens the written
//! workbook with forced recalculation, and every number it computes equals the
//! value we stored. Needs `soffice` (Debian: libreoffice-calc-nogui).

use crate::harness::{Cell, Run, Sheet, Template, findings, read_sheet};
use rust_xlsxwriter::{Formula, Workbook};
use std::path::{Path, PathBuf};
use std::process::Command;

const RECALC_PROFILE: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"#;

/// A LibreOffice user profile in `work` that recalculates every formula on load.
fn recalc_profile(work: &Path) -> PathBuf {
    let profile = work.join("lo-profile");
    std::fs::create_dir_all(profile.join("user")).expect("profile");
    std::fs::write(
        profile.join("user/registrymodifications.xcu"),
        RECALC_PROFILE,
    )
    .expect("xcu");
    profile
}

/// LibreOffice opens `file`, recalculates every formula and saves it as xlsx in
/// `work/resaved/`, as a user saving in LibreOffice would; returns the new path.
pub fn recalculate_and_save(file: &Path, work: &Path) -> PathBuf {
    recalculate_and_save_as(file, work, "xlsx:Calc MS Excel 2007 XML", "xlsx")
}

/// As [`recalculate_and_save`], in the format of LibreOffice's `filter`, giving a
/// file with extension `ext`.
fn recalculate_and_save_as(file: &Path, work: &Path, filter: &str, ext: &str) -> PathBuf {
    let profile = recalc_profile(work);
    let out = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", filter, "--outdir"])
        .arg(work.join("resaved"))
        .arg(file)
        .output()
        .expect("soffice must be installed (apt-get install -y libreoffice-calc-nogui)");
    let resaved = work
        .join("resaved")
        .join(file.file_name().expect("name"))
        .with_extension(ext);
    assert!(
        resaved.is_file(),
        "LibreOffice did not save: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    resaved
}

/// Exports every sheet of `book` to CSV with LibreOffice, recalculating on load.
/// Returns sheet name → rows of fields.
pub fn recalculated_csv(book: &Path, work: &Path) -> Vec<(String, Vec<Vec<String>>)> {
    let profile = recalc_profile(work);
    let out_dir = work.join("csv");
    let status = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
            "--outdir",
        ])
        .arg(&out_dir)
        .arg(book)
        .output()
        .expect("soffice must be installed (apt-get install -y libreoffice-calc-nogui)");
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let stem = book
        .file_stem()
        .expect("stem")
        .to_string_lossy()
        .into_owned();
    let mut sheets: Vec<(String, Vec<Vec<String>>)> = std::fs::read_dir(&out_dir)
        .expect("csv dir")
        .map(|e| e.expect("entry").path())
        .filter_map(|p: PathBuf| {
            let name = p
                .file_stem()?
                .to_string_lossy()
                .strip_prefix(&format!("{stem}-"))?
                .to_string();
            Some((name, parse_csv(&std::fs::read_to_string(&p).ok()?)))
        })
        .collect();
    sheets.sort();
    assert!(
        !sheets.is_empty(),
        "LibreOffice wrote no CSV (it exits 0 even when it fails)"
    );
    sheets
}

fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for line in text.lines() {
        let (mut fields, mut field, mut quoted) = (Vec::new(), String::new(), false);
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            match (c, quoted) {
                ('"', true) if chars.peek() == Some(&'"') => {
                    field.push('"');
                    chars.next();
                }
                ('"', _) => quoted = !quoted,
                (',', false) => fields.push(std::mem::take(&mut field)),
                _ => field.push(c),
            }
        }
        fields.push(field);
        rows.push(fields);
    }
    rows
}

fn number(text: &str) -> Option<rust_decimal::Decimal> {
    text.parse().ok()
}

#[test]
fn libreoffice_recalculation_really_recalculates() {
    // Guard for the oracle itself: a wrong cached value must come back corrected.
    let dir = tempfile::tempdir().expect("tmp");
    let book = dir.path().join("guard.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Blad").expect("name");
    ws.write_number(0, 0, 40).expect("n");
    ws.write_formula(0, 1, Formula::new("=A1+2").set_result("5"))
        .expect("f");
    wb.save(&book).expect("save");
    let sheets = recalculated_csv(&book, dir.path());
    assert_eq!(sheets[0].1[0], vec!["40", "42"]);
}

#[test]
fn recalculated_workbook_equals_our_stored_values() {
    let run = Run::new()
        .add("HR.xlsx", &Template::new("HR"))
        .add("Ekonomi.xlsx", &Template::new("Ekonomi"))
        .config("budget_year = 2023\ntotal_frame = 30000\n\n[[area]]\nname = \"HR\"\nframe = 13500\n\n[[area]]\nname = \"Ekonomi\"\nframe = 13000\n");
    let out = run.consolidate(&[]);
    assert_eq!(out.status, 0, "{}", out.stdout);
    let book = run.workbook();
    let sheets = recalculated_csv(&book, run.dir.path());
    let names: Vec<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
    for expected in [
        "Sammanställning",
        "Utveckling per år",
        "Vidmakthållande",
        "Initiativ",
    ] {
        assert!(names.contains(&expected), "{names:?}");
    }
    let mut compared = 0;
    for (name, rows) in &sheets {
        if ![
            "Sammanställning",
            "Utveckling per år",
            "Vidmakthållande",
            "Initiativ",
        ]
        .contains(&name.as_str())
        {
            continue;
        }
        let stored = read_sheet(&book, name);
        for (r, row) in rows.iter().enumerate() {
            for (c, field) in row.iter().enumerate() {
                let Some(recalculated) = number(field) else {
                    continue;
                };
                let ours = stored.get(&(r as u32, c as u32)).and_then(|v| number(v));
                assert_eq!(
                    ours,
                    Some(recalculated),
                    "{name} row {} col {}: stored {ours:?}, LibreOffice {field}",
                    r + 1,
                    c + 1
                );
                compared += 1;
            }
        }
    }
    assert!(compared > 40, "compared {compared} numbers");
    // And the summary's grand total is the one we expect.
    let summary = &sheets
        .iter()
        .find(|(n, _)| n == "Sammanställning")
        .expect("summary")
        .1;
    let total = summary
        .iter()
        .find(|r| r.first().map(String::as_str) == Some("Summa"))
        .expect("Summa row");
    assert_eq!(total[4], "26000");
    assert_eq!(total[6], "500", "Avvikelse = Ram − Summa over the areas");
}

#[test]
fn an_empty_text_result_saved_by_libreoffice_is_an_empty_cell() {
    // LibreOffice stores a calculated `=IF(B5>0;"";100)` as `t="str"` with an empty
    // `<v></v>` in xlsx, and in ods as a formula with no value type and an empty
    // paragraph. Both read as an empty cell, not as a formula never calculated.
    let empty = Cell::Formula("=IF(B5>0,\"\",100)".into(), Some("100".into()));
    let run = Run::new();
    let made = run.dir.path().join("HR.xlsx");
    Template::new("HR")
        .set(Sheet::Plan, "E5", empty)
        .write(&made);
    for (filter, ext) in [("xlsx:Calc MS Excel 2007 XML", "xlsx"), ("ods", "ods")] {
        let saved = recalculate_and_save_as(&made, run.dir.path(), filter, ext);
        let out = run.exec(&["check", saved.to_str().expect("path"), "--json", "r.json"]);
        let report: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(run.dir.path().join("r.json")).expect("json"),
        )
        .expect("parse");
        let codes: Vec<String> = findings(&report)
            .into_iter()
            .map(|f| format!("{} {:?} {}", f.code, f.cell, f.message))
            .collect();
        assert!(codes.is_empty(), "{ext}: {codes:#?}");
        assert_eq!(out.status, 0, "{ext}: {}", out.stdout);
        assert_eq!(report["areas"][0]["total"], "13000", "{ext}");
    }
}
