//! The auditor's commands: `verify` on a fresh consolidation, on one edited by
//! another program (openpyxl), on one whose inputs changed; the links to the
//! source cells; `diff` between versions; `consolidate --previous`.

use crate::harness::{Run, Template, read_sheet};
use std::path::{Path, PathBuf};
use std::process::Command;

/// A scratch folder holding a copy of the shipped sample as `input/`.
fn sample_run() -> Run {
    let run = Run::new();
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("input");
    for entry in std::fs::read_dir(&sample).expect("input/") {
        let path = entry.expect("entry").path();
        std::fs::copy(&path, run.input().join(path.file_name().expect("name"))).expect("copy");
    }
    run
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
    let out = run.exec(&["verify", "input/HR.xlsx"]);
    assert_eq!(out.status, 2);
    assert_eq!(
        out.stderr,
        "input/HR.xlsx är ingen sammanställning från budget-consolidator (bladet Källor saknas); verify kontrollerar arbetsböcker som consolidate har skrivit.\n"
    );
}
