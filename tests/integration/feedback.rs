//! `--feedback DIR`: an annotated copy for every workbook with findings, whose
//! highlighted cells are exactly the findings' cells and whose notes hold the
//! messages. Files without findings get none; the input is never modified.

use crate::harness::{Cell, Run, Sheet, Template, findings, n, t};
use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::Path;

fn parts(path: &Path) -> BTreeMap<String, String> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).expect("open")).expect("zip");
    let mut out = BTreeMap::new();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).expect("entry");
        let name = entry.name().expect("name").to_string();
        let mut text = String::new();
        if entry.read_to_string(&mut text).is_ok() {
            out.insert(name, text);
        }
    }
    out
}

/// An attribute of an XML start tag's text (the text after `<name `).
fn attr(tag: &str, name: &str) -> Option<String> {
    let tag = format!(" {tag}");
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    Some(tag[start..start + tag[start..].find('"')?].to_string())
}

/// Sheet name → the XML part, following workbook.xml and its rels.
fn sheet_parts(p: &BTreeMap<String, String>) -> BTreeMap<String, String> {
    let rels = &p["xl/_rels/workbook.xml.rels"];
    p["xl/workbook.xml"]
        .split("<sheet ")
        .skip(1)
        .filter_map(|tag| {
            let (name, id) = (attr(tag, "name")?, attr(tag, "r:id")?);
            let rel = rels
                .split("<Relationship ")
                .find(|r| attr(r, "Id").as_deref() == Some(id.as_str()))?;
            Some((name, format!("xl/{}", attr(rel, "Target")?)))
        })
        .collect()
}

/// Cells of a sheet whose fill is one of the feedback colours: cell → colour.
fn highlighted(p: &BTreeMap<String, String>, sheet_part: &str) -> BTreeMap<String, String> {
    let styles = &p["xl/styles.xml"];
    let fills: Vec<Option<String>> = styles
        .split("<fills")
        .nth(1)
        .and_then(|s| s.split("</fills>").next())
        .unwrap_or("")
        .split("<fill>")
        .skip(1)
        .map(|f| f.split("<fgColor ").nth(1).and_then(|c| attr(c, "rgb")))
        .collect();
    let xfs: Vec<usize> = styles
        .split("<cellXfs")
        .nth(1)
        .and_then(|s| s.split("</cellXfs>").next())
        .unwrap_or("")
        .split("<xf ")
        .skip(1)
        .map(|x| attr(x, "fillId").and_then(|v| v.parse().ok()).unwrap_or(0))
        .collect();
    let mut out = BTreeMap::new();
    for c in p[sheet_part].split("<c ").skip(1) {
        let head = &c[..c.find('>').unwrap_or(0)];
        let (Some(r), Some(s)) = (attr(head, "r"), attr(head, "s")) else {
            continue;
        };
        let fill = xfs
            .get(s.parse::<usize>().unwrap_or(0))
            .and_then(|f| fills.get(*f))
            .cloned()
            .flatten();
        if let Some(color @ ("FFFFC7CE" | "FFF8CBAD" | "FFE4DFEC")) = fill.as_deref() {
            out.insert(r, color.to_string());
        }
    }
    out
}

/// Cell notes of a sheet: cell → text.
fn notes(p: &BTreeMap<String, String>, sheet_part: &str) -> BTreeMap<String, String> {
    let rels_name = sheet_part.replace("worksheets/", "worksheets/_rels/") + ".rels";
    let Some(rels) = p.get(&rels_name) else {
        return BTreeMap::new();
    };
    let Some(target) = rels
        .split("<Relationship ")
        .filter_map(|r| attr(r, "Target"))
        .find(|t| t.contains("comments"))
    else {
        return BTreeMap::new();
    };
    let comments = &p[&format!("xl/{}", target.trim_start_matches("../"))];
    comments
        .split("<comment ")
        .skip(1)
        .filter_map(|c| {
            let r = attr(c, "ref")?;
            let text: String = c
                .split("<t")
                .skip(1)
                .filter_map(|t| {
                    t.split_once('>')
                        .map(|(_, rest)| rest.split("</t>").next().unwrap_or(""))
                })
                .collect();
            Some((r, text))
        })
        .collect()
}

#[test]
fn feedback_copy_marks_exactly_the_findings_cells() {
    let broken = Template::new("Ekonomi")
        .set(Sheet::Budget, "D10", n(5100.0))
        .set(Sheet::Budget, "C11", t("8 000"))
        .set(Sheet::Plan, "H4", t("Medel"))
        .set(Sheet::Plan, "A5", Cell::Blank);
    let run = Run::new()
        .add("Ekonomi.xlsx", &broken)
        .add("HR.xlsx", &Template::new("HR"));
    let original = std::fs::read(run.input().join("Ekonomi.xlsx")).expect("read");
    let out = run.consolidate(&["--feedback", "kontroll"]);
    assert_eq!(out.status, 1);
    assert!(
        out.stdout
            .contains("Skrev kontrollkopia kontroll/Ekonomi-kontroll.xlsx"),
        "{}",
        out.stdout
    );
    let dir = run.dir.path().join("kontroll");
    let made: Vec<String> = std::fs::read_dir(&dir)
        .expect("dir")
        .map(|e| e.expect("e").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        made,
        ["Ekonomi-kontroll.xlsx"],
        "HR has no findings, so no copy"
    );
    assert_eq!(
        std::fs::read(run.input().join("Ekonomi.xlsx")).expect("read"),
        original,
        "input untouched"
    );

    let report_findings = findings(&run.report());
    let p = parts(&dir.join("Ekonomi-kontroll.xlsx"));
    let sheets = sheet_parts(&p);
    assert_eq!(
        sheets.keys().cloned().collect::<Vec<_>>(),
        ["Budgetfördelning", "Kontroller", "Utvecklingsinitiativ"]
    );
    assert!(
        p["xl/workbook.xml"].find("Kontroller") < p["xl/workbook.xml"].find("Budgetfördelning"),
        "Kontroller is the first sheet"
    );
    for sheet in ["Budgetfördelning", "Utvecklingsinitiativ"] {
        let expected: BTreeSet<String> = report_findings
            .iter()
            .filter(|f| {
                f.file.as_deref() == Some("Ekonomi.xlsx") && f.sheet.as_deref() == Some(sheet)
            })
            .filter_map(|f| f.cell.clone())
            .collect();
        let marked = highlighted(&p, &sheets[sheet]);
        assert_eq!(
            marked.keys().cloned().collect::<BTreeSet<_>>(),
            expected,
            "{sheet}"
        );
        let noted = notes(&p, &sheets[sheet]);
        assert_eq!(
            noted.keys().cloned().collect::<BTreeSet<_>>(),
            expected,
            "{sheet}: a note on every marked cell"
        );
        for f in report_findings
            .iter()
            .filter(|f| f.sheet.as_deref() == Some(sheet))
        {
            let cell = f.cell.clone().expect("cell");
            assert!(
                noted[&cell].contains(&f.message),
                "{sheet} {cell}: note holds the message"
            );
        }
    }
    let budget = highlighted(&p, &sheets["Budgetfördelning"]);
    assert_eq!(budget["D10"], "FFFFC7CE", "error: red");
    assert_eq!(
        budget["C11"], "FFF8CBAD",
        "warning: orange, not the template's input yellow"
    );
    // The copy keeps the values.
    assert!(p[&sheets["Budgetfördelning"]].contains("<v>5100</v>"));
    // Kontroller links to each cell.
    let checks = &p[&sheets["Kontroller"]];
    for location in [
        "'Budgetfördelning'!D10",
        "'Budgetfördelning'!C11",
        "'Utvecklingsinitiativ'!H4",
        "'Utvecklingsinitiativ'!A5",
    ] {
        assert!(
            checks.contains(&format!("location=\"{location}\"")),
            "link to {location}"
        );
    }
}

#[test]
fn check_writes_feedback_for_a_bad_file_and_none_for_a_good_one() {
    let run = Run::new()
        .add(
            "Fel.xlsx",
            &Template::new("HR").set(Sheet::Budget, "B10", Cell::Bool(true)),
        )
        .add("Bra.xlsx", &Template::new("Ekonomi"));
    let out = run.exec(&[
        "check",
        "input/Fel.xlsx",
        "input/Bra.xlsx",
        "--feedback",
        "fb",
    ]);
    assert_eq!(out.status, 1);
    assert!(run.dir.path().join("fb/Fel-kontroll.xlsx").is_file());
    assert!(!run.dir.path().join("fb/Bra-kontroll.xlsx").exists());
    let p = parts(&run.dir.path().join("fb/Fel-kontroll.xlsx"));
    let sheets = sheet_parts(&p);
    let marked = highlighted(&p, &sheets["Budgetfördelning"]);
    assert_eq!(marked.keys().collect::<Vec<_>>(), ["B10"]);
}

#[test]
fn unreadable_file_gets_a_copy_with_only_the_checks() {
    let run = Run::new()
        .add_bytes("Trasig.xlsx", b"PK\x03\x04 broken")
        .add("HR.xlsx", &Template::new("HR"));
    assert_eq!(run.consolidate(&["--feedback", "fb"]).status, 1);
    let p = parts(&run.dir.path().join("fb/Trasig-kontroll.xlsx"));
    assert_eq!(sheet_parts(&p).keys().collect::<Vec<_>>(), ["Kontroller"]);
    assert!(p.values().any(|x| x.contains("unreadable-file")));
}

#[test]
fn feedback_folder_inside_the_input_is_refused() {
    let run = Run::new().add("HR.xlsx", &Template::new("HR"));
    let out = run.consolidate(&["--feedback", "input/kontroll"]);
    assert_eq!(out.status, 2);
    assert!(!run.input().join("kontroll").exists());
}
