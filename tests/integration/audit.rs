//! The auditor's commands: `verify` on a fresh consolidation, on one edited by
//! another program (openpyxl), on one whose inputs changed; the links to the
//! source cells; `diff` between versions; `consolidate --previous`.

use crate::harness::{Run, Template, read_sheet};
use std::path::{Path, PathBuf};
use std::process::Command;

/// A scratch folder holding a copy of the shipped sample (with its follow-up
/// folders) as `input/`.
fn sample_run() -> Run {
    let run = Run::new();
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("input"),
        &run.input(),
    );
    run
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("folder");
    for entry in std::fs::read_dir(from).expect("folder to copy") {
        let path = entry.expect("entry").path();
        let dest = to.join(path.file_name().expect("name"));
        if path.is_dir() {
            copy_tree(&path, &dest);
        } else {
            std::fs::copy(&path, dest).expect("copy");
        }
    }
}

fn verify(run: &Run, extra: &[&str]) -> crate::harness::Outcome {
    let mut args = vec!["verify", "output/konsoliderad-budget-2023.xlsx"];
    args.extend_from_slice(extra);
    run.exec(&args)
}

/// Runs a python3 script with openpyxl on `args`.
fn python(script: &str, args: &[&Path]) {
    let status = Command::new("python3")
        .arg("-c")
        .arg(script)
        .args(args)
        .status()
        .expect("python3 with openpyxl (pip install openpyxl)");
    assert!(status.success(), "python script failed");
}

/// The 1-based row of `Initiativ` whose `Initiativ` column is `name`.
fn initiative_row(workbook: &Path, name: &str) -> u32 {
    let cells = read_sheet(workbook, "Initiativ");
    cells
        .iter()
        .find(|((_, c), v)| *c == 2 && v.as_str() == name)
        .map(|((r, _), _)| r + 1)
        .expect("initiative in Initiativ")
}

#[test]
fn a_fresh_consolidation_of_the_sample_verifies() {
    let run = sample_run();
    assert_eq!(run.consolidate(&[]).status, 0);
    let out = verify(&run, &[]);
    assert_eq!(out.status, 0, "{}{}", out.stdout, out.stderr);
    // The amounts counted are the numbers of the four sheets of figures, read
    // back here independently: Sammanställning, the two per-year sheets (without
    // their year headings) and Initiativ's amount columns.
    let wb = run.workbook();
    let numbers = |sheet: &str, keep: &dyn Fn(u32, u32) -> bool| {
        use calamine::{Data, Reader};
        let mut book = calamine::open_workbook_auto(&wb).expect("open");
        let range = book.worksheet_range(sheet).expect("sheet");
        let (r0, c0) = range.start().unwrap_or((0, 0));
        range
            .used_cells()
            .filter(|(r, c, v)| {
                matches!(v, Data::Float(_) | Data::Int(_)) && keep(r0 + *r as u32, c0 + *c as u32)
            })
            .count()
    };
    let headers = read_sheet(&wb, "Initiativ");
    let row_columns: Vec<u32> = headers
        .iter()
        .filter(|((r, _), v)| *r == 0 && v.starts_with("Rad i"))
        .map(|((_, c), _)| *c)
        .collect();
    let expected = numbers("Sammanställning", &|_, _| true)
        + numbers("Utveckling per år", &|r, _| r != 2)
        + numbers("Vidmakthållande", &|r, _| r != 2)
        + numbers("Initiativ", &|r, c| r > 0 && !row_columns.contains(&c));
    assert!(expected > 100, "{expected}");
    assert_eq!(
        out.stdout,
        format!("Verifierad: 5 filer oförändrade, {expected} belopp stämmer\n")
    );
    let en = run.exec(&[
        "verify",
        "output/konsoliderad-budget-2023.xlsx",
        "--lang",
        "en",
    ]);
    assert_eq!(
        en.stdout,
        format!("Verified: 5 files unchanged, {expected} amounts agree\n")
    );
}

#[test]
fn a_figure_edited_with_openpyxl_is_caught_by_sheet_and_cell() {
    let run = sample_run();
    assert_eq!(run.consolidate(&[]).status, 0);
    let wb = run.workbook();
    let row = initiative_row(&wb, "Införande av City Information Platform / IoT");
    // Nyutveckling (column D) of that initiative, and HR's Nyutveckling in the summary.
    python(
        r#"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
wb["Initiativ"]["D" + sys.argv[2]] = 6400
s = wb["Sammanställning"]
hr = [r for r in range(1, 20) if s.cell(row=r, column=1).value == "HR"][0]
s.cell(row=hr, column=3).value = 900
wb.save(sys.argv[1])
"#,
        &[&wb, Path::new(&row.to_string())],
    );
    let out = verify(&run, &[]);
    assert_eq!(out.status, 1, "{}{}", out.stdout, out.stderr);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert!(
        lines.contains(&"Sammanställning › C6: i arbetsboken 900, från indata 800"),
        "{}",
        out.stdout
    );
    let initiative = format!("Initiativ › D{row}: i arbetsboken 6400, från indata 6300");
    assert!(lines.contains(&initiative.as_str()), "{}", out.stdout);
    // openpyxl keeps formulas but not their results: those are not differences.
    let cell_lines = lines
        .iter()
        .filter(|l| l.contains(": i arbetsboken "))
        .count();
    assert_eq!(cell_lines, 2, "{}", out.stdout);
    assert!(
        lines.last().is_some_and(|l| l.starts_with(
            "Inte verifierad: 2 skillnader – 5 av 5 filer oförändrade, 2 celler skiljer"
        )),
        "{}",
        out.stdout
    );
}

#[test]
fn an_input_changed_or_removed_after_the_run_is_caught() {
    let hr = Template::new("HR");
    let run = Run::new()
        .add("HR.xlsx", &hr)
        .add("Ekonomi.xlsx", &Template::new("Ekonomi"));
    assert_eq!(run.consolidate(&[]).status, 0);
    assert_eq!(verify(&run, &[]).status, 0);

    // HR's first initiative: 800 → 900 new development (and the budget year's
    // development with it).
    let mut changed = Template::new("HR");
    changed.initiatives[0].new = 900.0;
    changed.initiatives[0].development[0] = 5100.0;
    changed.write(&run.input().join("HR.xlsx"));
    std::fs::remove_file(run.input().join("Ekonomi.xlsx")).expect("remove");
    let out = verify(&run, &[]);
    assert_eq!(out.status, 1, "{}{}", out.stdout, out.stderr);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert!(
        lines.contains(
            &"HR.xlsx: filen har ändrats sedan sammanställningen (SHA-256 stämmer inte med Källor)"
        ),
        "{}",
        out.stdout
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("Ekonomi.xlsx: filen saknas")),
        "{}",
        out.stdout
    );
    // The figure that follows from the changed file, named by sheet and cell.
    assert!(
        lines.iter().any(|l| l.starts_with("Sammanställning › C")
            && l.ends_with("i arbetsboken 800, från indata 900")),
        "{}",
        out.stdout
    );
}

#[test]
fn an_input_that_no_longer_consolidates_says_no_cells_were_compared() {
    let run = Run::new().add("HR.xlsx", &Template::new("HR"));
    assert_eq!(run.consolidate(&[]).status, 0);
    // HR's new development no longer sums to its development: an error, so a new
    // consolidation writes no workbook and there is nothing to compare cells with.
    let mut broken = Template::new("HR");
    broken.initiatives[0].new = 900.0;
    broken.write(&run.input().join("HR.xlsx"));
    let out = verify(&run, &[]);
    assert_eq!(out.status, 1, "{}{}", out.stdout, out.stderr);
    let last = out.stdout.lines().last().unwrap_or_default();
    assert!(
        last.starts_with("Inte verifierad: ")
            && last.ends_with(
                "0 av 1 fil oförändrad; inga celler jämfördes, eftersom ingen ny sammanställning kunde göras"
            ),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains("belopp stämmer"), "{}", out.stdout);
}

#[test]
fn a_moved_pair_of_folders_verifies_and_a_moved_input_needs_input() {
    let run = Run::new().add("HR.xlsx", &Template::new("HR"));
    assert_eq!(run.consolidate(&[]).status, 0);
    let moved = run.dir.path().join("flyttad");
    std::fs::create_dir(&moved).expect("dir");
    for d in ["input", "output"] {
        std::fs::rename(run.dir.path().join(d), moved.join(d)).expect("move");
    }
    let out = run.exec(&["verify", "flyttad/output/konsoliderad-budget-2023.xlsx"]);
    assert_eq!(out.status, 0, "{}{}", out.stdout, out.stderr);

    let elsewhere: PathBuf = run.dir.path().join("arkiv");
    std::fs::rename(moved.join("input"), &elsewhere).expect("move input");
    let out = run.exec(&["verify", "flyttad/output/konsoliderad-budget-2023.xlsx"]);
    assert_eq!(out.status, 1);
    assert!(
        out.stdout.contains("HR.xlsx: filen saknas"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("ange den med --input"),
        "{}",
        out.stdout
    );
    let out = run.exec(&[
        "verify",
        "flyttad/output/konsoliderad-budget-2023.xlsx",
        "--input",
        "arkiv",
    ]);
    assert_eq!(out.status, 0, "{}{}", out.stdout, out.stderr);
}

#[test]
fn a_workbook_not_of_ours_is_exit_2() {
    let run = Run::new().add("HR.xlsx", &Template::new("HR"));
    crate::harness::openpyxl(
        "import openpyxl, sys\nwb = openpyxl.Workbook()\nwb.active.title = 'Budget'\nwb.save(sys.argv[1])",
        &run.dir.path().join("annan.xlsx"),
    );
    let out = run.exec(&["verify", "annan.xlsx"]);
    assert_eq!(out.status, 2);
    assert_eq!(
        out.stderr,
        "annan.xlsx är ingen sammanställning från budget-consolidator (bladet Källor saknas); verify kontrollerar arbetsböcker som consolidate har skrivit.\n"
    );
    // The tool's other files are said to be what they are, with what to do.
    let out = run.exec(&["verify", "input/HR.xlsx"]);
    assert_eq!(out.status, 2);
    assert_eq!(
        out.stderr,
        "input/HR.xlsx är ingen sammanställning från budget-consolidator (det är en budgetmall: kontrollera den med check, eller verifiera sammanställningen som consolidate skrev); verify kontrollerar arbetsböcker som consolidate har skrivit.\n"
    );
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("input");
    let fu = run.exec(&[
        "follow-up",
        sample.to_str().expect("utf-8"),
        "--period",
        "2023-04",
        "--out",
        "uppf",
        "-q",
    ]);
    assert_eq!(fu.status, 0, "{}{}", fu.stdout, fu.stderr);
    let out = run.exec(&["verify", "uppf/uppfoljning-2023-04.xlsx"]);
    assert_eq!(out.status, 2);
    assert!(
        out.stderr.contains("(det är en månadsuppföljning, som verify inte gör om: kör follow-up igen på samma indata)"),
        "{}",
        out.stderr
    );
}

#[test]
fn diff_reproduces_the_it_plans_four_revisions() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = Command::new(crate::harness::BIN)
        .current_dir(root)
        .args([
            "diff",
            "tests/fixtures/IT-tjänster-1.0.xlsx",
            "input/IT-tjänster.xlsx",
        ])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "IT-tjänster: version 1.0 → 2.0\n\
         Införande av City Information Platform / IoT: 4 800 → 6 300 tkr (Nyutveckling)\n\
         Utveckling och förstärkning av integrationsverktyg: 3 776 → 2 250 tkr (Utveckling inom befintlig tjänst)\n\
         Utveckling inom O365: 3 000 → 2 000 tkr (Utveckling inom befintlig tjänst)\n\
         Flexibel OU-struktur - ökad automatisering: 3 000 → 2 500 tkr (Utveckling inom befintlig tjänst)\n\
         4 ändringar\n"
    );
}

#[test]
fn diff_of_two_folders_names_areas_initiatives_and_likely_renames() {
    let run = Run::new()
        .add("HR.xlsx", &Template::new("HR"))
        .add("Ekonomi.xlsx", &Template::new("Ekonomi"));
    let newer = run.dir.path().join("ny");
    std::fs::create_dir(&newer).expect("dir");
    let mut hr = Template::new("HR");
    hr.version = crate::harness::t("2.1");
    hr.initiatives[1].name = "Översyn av IT-stöd inom lön och HR".into();
    hr.initiatives[0].maintenance[2] = 75.0;
    hr.write(&newer.join("HR.xlsx"));
    Template::new("Kommunikation").write(&newer.join("Kommunikation.xlsx"));
    let out = run.exec(&["diff", "input", "ny"]);
    assert_eq!(out.status, 0, "{}{}", out.stdout, out.stderr);
    assert_eq!(
        out.stdout,
        "HR: version 2.0 → 2.1\n\
         Digitalisering inom HR: -50 → 75 tkr (Vidmakthållande 2025)\n\
         Borttaget initiativ: Översyn IT-stöd inom lön och HR (var 8 000 tkr)\n\
         Nytt initiativ: Översyn av IT-stöd inom lön och HR (8 000 tkr)\n\
         Trolig namnändring (83 % lika): Översyn IT-stöd inom lön och HR → Översyn av IT-stöd inom lön och HR; samma initiativ? Räknas nu som borttaget och nytt – ge det samma namn eller samma projektkod i båda versionerna\n\
         Kommunikation: nytt tjänsteområde (version 2.0)\n\
         Nytt initiativ: Digitalisering inom HR (5 000 tkr)\n\
         Nytt initiativ: Översyn IT-stöd inom lön och HR (8 000 tkr)\n\
         Ekonomi: tjänsteområdet saknas (var version 2.0)\n\
         Borttaget initiativ: Digitalisering inom HR (var 5 000 tkr)\n\
         Borttaget initiativ: Översyn IT-stöd inom lön och HR (var 8 000 tkr)\n\
         7 ändringar\n"
    );
}

/// Reads every link of `Initiativ`, `Sammanställning` and `Kontroller` with
/// openpyxl, opens each target file (relative to the workbook's folder) and reads
/// the linked cell. Prints JSON.
const READ_LINKS: &str = r##"
import json, os, re, sys
import openpyxl
path = sys.argv[1]
base = os.path.dirname(path)
wb = openpyxl.load_workbook(path)
books = {}
def resolve(target, location):
    full = os.path.normpath(os.path.join(base, target))
    if not os.path.exists(full):
        return {"exists": False}
    if location is None:
        return {"exists": True}
    m = re.fullmatch(r"'((?:[^']|'')*)'!([A-Z]+[0-9]+)", location)
    sheet, cell = m.group(1).replace("''", "'"), m.group(2)
    if full not in books:
        books[full] = openpyxl.load_workbook(full, data_only=True)
    value = books[full][sheet][cell].value
    return {"exists": True, "sheet": sheet, "cell": cell, "value": None if value is None else str(value)}
out = {"initiatives": [], "summary": [], "checks": []}
ws = wb["Initiativ"]
header = [c.value for c in ws[1]]
source = header.index("Källa")
belopp = header.index("Belopp tkr")
for row in ws.iter_rows(min_row=2):
    formula = row[source].value
    m = re.fullmatch(r'=HYPERLINK\("([^"#]*)#([^"]*)","([^"]*)"\)', formula)
    out["initiatives"].append({
        "area": row[0].value, "name": row[2].value,
        "amount": None if row[belopp].value is None else str(row[belopp].value),
        "text": m.group(3), **resolve(m.group(1), m.group(2))})
ws = wb["Sammanställning"]
for row in ws.iter_rows():
    link = row[0].hyperlink
    if link is None:
        continue
    m = re.fullmatch(r"'Initiativ'!A([0-9]+):[A-Z]+([0-9]+)", link.location)
    first, last = int(m.group(1)), int(m.group(2))
    rows = [wb["Initiativ"].cell(row=r, column=1).value for r in range(first, last + 1)]
    out["summary"].append({"area": row[0].value, "rows": rows})
ws = wb["Kontroller"]
for row in ws.iter_rows(min_row=2):
    for col in (3, 5):
        link = row[col].hyperlink
        if link is not None:
            out["checks"].append({"file": row[3].value, "finding_sheet": row[4].value, "finding_cell": row[5].value,
                                  "target": link.target, **resolve(link.target, link.location)})
print(json.dumps(out))
"##;

#[test]
fn every_link_leads_to_its_source_cell() {
    let run = sample_run();
    assert_eq!(run.consolidate(&[]).status, 0);
    let out = crate::harness::openpyxl(READ_LINKS, &run.workbook());
    let links: serde_json::Value = serde_json::from_str(&out).expect("json");
    let s = |v: &serde_json::Value| v.as_str().map(str::to_string);

    // Initiativ: each line's Källa opens its file at its Belopp (or, for a
    // multi-year row without a budget row, at its name).
    let initiatives = links["initiatives"].as_array().expect("initiatives");
    assert_eq!(initiatives.len(), 30);
    for line in initiatives {
        assert_eq!(line["exists"], true, "{line}");
        let expected = match s(&line["amount"]) {
            Some(amount) => {
                assert_eq!(line["sheet"], "Budgetfördelning", "{line}");
                amount
            }
            None => {
                assert_eq!(line["sheet"], "Utvecklingsinitiativ", "{line}");
                s(&line["name"]).expect("name")
            }
        };
        assert_eq!(s(&line["value"]), Some(expected), "{line}");
        assert!(
            s(&line["text"]).is_some_and(|t| t.ends_with(line["cell"].as_str().unwrap_or("?"))),
            "{line}"
        );
    }
    let it = initiatives
        .iter()
        .find(|l| l["name"] == "Införande av City Information Platform / IoT")
        .expect("IoT");
    assert_eq!(it["text"], "D11");
    assert_eq!(it["value"], "6300");

    // Sammanställning: each area's name leads to exactly its rows in Initiativ.
    let summary = links["summary"].as_array().expect("summary");
    assert_eq!(summary.len(), 5);
    for area in summary {
        let rows = area["rows"].as_array().expect("rows");
        let of_area = initiatives
            .iter()
            .filter(|l| l["area"] == area["area"])
            .count();
        assert_eq!(rows.len(), of_area, "{area}");
        assert!(rows.iter().all(|r| *r == area["area"]), "{area}");
    }

    // Kontroller: each finding in a file leads to that file, at its cell.
    let checks = links["checks"].as_array().expect("checks");
    assert!(!checks.is_empty());
    for c in checks {
        assert_eq!(c["exists"], true, "{c}");
        assert_eq!(
            c["target"],
            format!("../input/{}", s(&c["file"]).unwrap_or_default())
        );
        if c["finding_cell"].as_str().is_some_and(|x| !x.is_empty()) {
            assert_eq!(c["sheet"], c["finding_sheet"], "{c}");
            assert_eq!(c["cell"], c["finding_cell"], "{c}");
        }
    }
    assert!(
        checks.iter().any(|c| c["value"].is_string()),
        "some finding names a cell: {checks:?}"
    );
}

#[test]
fn previous_adds_the_changes_sheet_and_prints_its_summary() {
    // The earlier consolidation: the sample with IT at version 1.0 (and IT's
    // frame raised to fit its larger 1.0 total).
    let run = sample_run();
    let earlier = run.dir.path().join("tidigare");
    copy_tree(&run.input(), &earlier);
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/IT-tjänster-1.0.xlsx");
    std::fs::copy(fixture, earlier.join("IT-tjänster.xlsx")).expect("copy");
    let config = std::fs::read_to_string(earlier.join("budget.toml")).expect("config");
    std::fs::write(
        earlier.join("budget.toml"),
        config
            .replace("frame = 47910", "frame = 49436")
            .replace("total_frame = 91510", "total_frame = 93036"),
    )
    .expect("config");
    let first = run.exec(&["consolidate", "tidigare", "--out", "förra", "-q"]);
    assert_eq!(first.status, 0, "{}", first.stdout);

    let out = run.consolidate(&["-q", "--previous", "förra/konsoliderad-budget-2023.xlsx"]);
    assert_eq!(out.status, 0, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stdout.contains(
            "Ändringar sedan förra/konsoliderad-budget-2023.xlsx: 4 ändringar (bladet Ändringar)\n  IT-tjänster: version 1.0 → 2.0 – 4 ändringar\n"
        ),
        "{}",
        out.stdout
    );
    let rows = crate::harness::sheet_rows(&run.workbook(), "Ändringar", 8);
    assert_eq!(
        rows[0],
        [
            "Tjänsteområde",
            "Version",
            "Initiativ",
            "Ändring",
            "Kolumn",
            "Före",
            "Efter",
            "Beskrivning"
        ]
    );
    let got: Vec<(&str, &str, &str, &str)> = rows[1..]
        .iter()
        .map(|r| (r[2].as_str(), r[4].as_str(), r[5].as_str(), r[6].as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (
                "Införande av City Information Platform / IoT",
                "Nyutveckling",
                "4800",
                "6300"
            ),
            (
                "Utveckling och förstärkning av integrationsverktyg",
                "Utveckling inom befintlig tjänst",
                "3776",
                "2250"
            ),
            (
                "Utveckling inom O365",
                "Utveckling inom befintlig tjänst",
                "3000",
                "2000"
            ),
            (
                "Flexibel OU-struktur - ökad automatisering",
                "Utveckling inom befintlig tjänst",
                "3000",
                "2500"
            ),
        ]
    );
    assert!(
        rows[1..]
            .iter()
            .all(|r| r[0] == "IT-tjänster" && r[1] == "1.0 → 2.0")
    );
    assert_eq!(
        rows[1][7],
        "Införande av City Information Platform / IoT: 4 800 → 6 300 tkr (Nyutveckling)"
    );
    // diff says the same of the two consolidations.
    let diffed = run.exec(&[
        "diff",
        "förra/konsoliderad-budget-2023.xlsx",
        "output/konsoliderad-budget-2023.xlsx",
    ]);
    assert_eq!(diffed.status, 0, "{}", diffed.stderr);
    let sentences: Vec<&str> = diffed.stdout.lines().collect();
    assert_eq!(sentences.len(), 6, "{}", diffed.stdout);
    assert_eq!(sentences[1], rows[1][7]);
    assert_eq!(sentences[5], "4 ändringar");
    // The sheet compares with the earlier workbook; verify checks the rest.
    let verified = verify(&run, &[]);
    assert_eq!(verified.status, 0, "{}", verified.stdout);

    // A file that is not a consolidation is refused before anything is written.
    let bad = run.consolidate(&["--previous", "input/HR.xlsx"]);
    assert_eq!(bad.status, 2);
    assert!(
        bad.stderr.contains("bladet Initiativ saknas"),
        "{}",
        bad.stderr
    );
}

#[test]
fn sources_show_each_areas_last_version_row() {
    let run = Run::new()
        .add("HR.xlsx", &Template::new("HR"))
        .add("Ekonomi.xlsx", &Template::new("Ekonomi"));
    python(
        r#"
import sys, datetime, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
v = wb.create_sheet("Versioner")
v.append(["Datum", "Version", "Beskrivning", "Ändrat av"])
v.append([datetime.date(2022, 11, 1), "1.0", "Första versionen", "Anna Andersson"])
v.append([datetime.date(2023, 2, 15), 2, "Reviderad budget", "Bo Berg"])
wb.save(sys.argv[1])
"#,
        &[&run.input().join("HR.xlsx")],
    );
    let out = run.consolidate(&[]);
    assert_eq!(out.status, 0, "{}", out.stdout);
    let rows = crate::harness::sheet_rows(&run.workbook(), "Källor", 8);
    assert_eq!(rows[0][7], "Senaste versionsrad");
    let by_file = |file: &str| rows.iter().find(|r| r[0] == file).expect("file")[7].clone();
    // Version 2 (a number) is version 2.0: no finding.
    assert_eq!(
        by_file("HR.xlsx"),
        "2023-02-15 · 2 · Reviderad budget · Bo Berg"
    );
    assert_eq!(by_file("Ekonomi.xlsx"), "", "no version table, no entry");
    assert!(
        crate::harness::findings(&run.report())
            .iter()
            .all(|f| f.code != "version-mismatch")
    );
}

#[test]
fn a_workbook_saved_again_by_libreoffice_still_verifies() {
    let run = sample_run();
    assert_eq!(run.consolidate(&[]).status, 0);
    // LibreOffice recalculates, writes its own XML and shared strings: the
    // figures are what count.
    let profile = run.dir.path().join("lo-profile");
    let out = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--convert-to",
            "xlsx:Calc MS Excel 2007 XML",
            "--outdir",
        ])
        .arg(run.dir.path().join("lo"))
        .arg(run.workbook())
        .output()
        .expect("soffice");
    let saved = run.dir.path().join("lo/konsoliderad-budget-2023.xlsx");
    assert!(saved.is_file(), "{}", String::from_utf8_lossy(&out.stderr));
    // Beside the original, so the recorded input folder is found the same way.
    std::fs::copy(&saved, run.output().join("sparad-i-libreoffice.xlsx")).expect("copy");
    let out = run.exec(&["verify", "output/sparad-i-libreoffice.xlsx"]);
    assert_eq!(out.status, 0, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stdout.starts_with("Verifierad: 5 filer oförändrade, "),
        "{}",
        out.stdout
    );
}

#[test]
fn links_name_the_sheet_as_the_file_spells_it() {
    let run = Run::new().add("HR.xlsx", &Template::new("HR"));
    python(
        r#"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
# Through another name: openpyxl takes the old name, in any case, as taken.
wb["Budgetfördelning"].title = "tmp"
wb["tmp"].title = "BUDGETFÖRDELNING"
wb.save(sys.argv[1])
"#,
        &[&run.input().join("HR.xlsx")],
    );
    assert_eq!(run.consolidate(&[]).status, 0);
    let out = crate::harness::openpyxl(READ_LINKS, &run.workbook());
    let links: serde_json::Value = serde_json::from_str(&out).expect("json");
    let lines = links["initiatives"].as_array().expect("initiatives");
    assert_eq!(lines.len(), 2);
    // openpyxl found the sheet by that name (it would have stopped otherwise) and
    // the Belopp cell; it saved the formulas without results, so no value is read.
    for line in lines {
        assert_eq!(line["sheet"], "BUDGETFÖRDELNING", "{line}");
        assert!(
            line["cell"].as_str().is_some_and(|c| c.starts_with('D')),
            "{line}"
        );
    }
}

#[test]
fn a_path_too_long_for_excels_links_keeps_its_text() {
    // 11 folders of 200 characters: a target longer than any Excel link.
    let run = Run::new();
    let mut dir = run.input();
    for c in 'a'..='k' {
        dir = dir.join(c.to_string().repeat(200));
    }
    std::fs::create_dir_all(&dir).expect("deep folders");
    // A finding in the file (a number written as text), so Kontroller names it.
    Template::new("HR")
        .set(
            crate::harness::Sheet::Budget,
            "B10",
            crate::harness::t("800"),
        )
        .write(&dir.join("HR.xlsx"));
    let out = run.consolidate(&[]);
    assert_eq!(out.status, 0, "{}{}", out.stdout, out.stderr);
    let wb = run.workbook();
    let checks = crate::harness::sheet_rows(&wb, "Kontroller", 7);
    assert!(
        checks
            .iter()
            .any(|r| r[1] == "number-as-text" && r[5] == "B10"),
        "{checks:?}"
    );
    // The Källa cells show their address as text (no formula result needed).
    let initiatives = read_sheet(&wb, "Initiativ");
    let header = initiatives
        .iter()
        .find(|((r, _), v)| *r == 0 && v.as_str() == "Källa")
        .map(|((_, c), _)| *c)
        .expect("Källa");
    assert_eq!(
        initiatives.get(&(1, header)).map(String::as_str),
        Some("D10")
    );
    let verified = verify(&run, &[]);
    assert_eq!(verified.status, 0, "{}", verified.stdout);
}

#[test]
fn a_consolidation_with_a_deadline_verifies_as_of_its_own_day() {
    // With `[rounds]`, `Inlämningar` depends on the reference date: an area
    // without a file is `väntas` before the deadline and `saknas` after it. The
    // run records its `--today`, and verify repeats the run as of that day.
    let run = sample_run();
    let config = run.input().join("budget.toml");
    let text = std::fs::read_to_string(&config).expect("config");
    let text = text.replacen(
        "[[area]]",
        "[[area]]\nname = \"Upphandling\"\n\n[[area]]",
        1,
    ) + "\n[rounds]\nplan_deadline = 2022-10-14\n";
    std::fs::write(&config, text).expect("write config");
    let out = run.consolidate(&["--partial", "--today", "2022-10-01"]);
    assert_eq!(out.status, 1, "{}{}", out.stdout, out.stderr);
    let rows = crate::harness::sheet_rows(&run.workbook(), "Inlämningar", 8);
    assert!(
        rows.iter()
            .any(|r| r[0] == "Upphandling" && r.iter().any(|c| c == "väntas")),
        "{rows:?}"
    );
    let sources = crate::harness::sheet_rows(&run.workbook(), "Källor", 2);
    assert!(
        sources.iter().any(|r| r[1].ends_with("--today 2022-10-01")),
        "{sources:?}"
    );
    // Today (long after the deadline) the area would be `saknas`; verify uses
    // the recorded day and finds every figure as written.
    let verified = verify(&run, &[]);
    assert_eq!(verified.status, 0, "{}{}", verified.stdout, verified.stderr);
}
