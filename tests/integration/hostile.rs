//! Hostile and broken input (`tests/fixtures/bad/`, made by `make_bad.py`; the
//! expectations in `bad/expected.json` come from the rules the README documents,
//! not from what the program happens to do). Each file runs
//! under an address-space limit of 1 GiB, so anything that tries to allocate a
//! bounding box or a declared-size buffer aborts the test, and under a timeout, so
//! a hang fails instead of stalling.

use crate::harness::{BIN, findings};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

const MEMORY_LIMIT: &str = "--as=1073741824";

fn bad() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad")
}

/// Runs the binary bounded in memory and time; returns exit status and report.
fn bounded(args: &[&std::ffi::OsStr], json: &Path) -> (i32, Option<serde_json::Value>) {
    let out = Command::new("timeout")
        .args(["60", "prlimit", MEMORY_LIMIT, "--"])
        .arg(BIN)
        .args(args)
        .arg("--json")
        .arg(json)
        .output()
        .expect("timeout and prlimit (coreutils, util-linux)");
    let status = out.status.code().unwrap_or(-1);
    assert_ne!(status, 124, "{args:?} did not finish in 60 s");
    let report = std::fs::read_to_string(json)
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok());
    (status, report)
}

#[test]
fn every_bad_input_gives_its_expected_status_and_findings() {
    let text = std::fs::read_to_string(bad().join("expected.json")).expect("expected.json");
    let expected: BTreeMap<String, serde_json::Value> = serde_json::from_str(&text).expect("json");
    assert!(expected.len() >= 20, "the corpus lists its files");
    let dir = tempfile::tempdir().expect("tmp");
    let mut failures = Vec::new();
    for (name, want) in &expected {
        let json = dir.path().join("r.json");
        let _ = std::fs::remove_file(&json);
        let path = bad().join(name.trim_end_matches('/'));
        let (status, report) = if want["command"] == "consolidate" {
            let out = dir.path().join("out");
            bounded(
                &[
                    "consolidate".as_ref(),
                    path.as_os_str(),
                    "--out".as_ref(),
                    out.as_os_str(),
                ],
                &json,
            )
        } else {
            bounded(&["check".as_ref(), path.as_os_str()], &json)
        };
        let want_status = want["exit"].as_i64().expect("exit") as i32;
        if status != want_status {
            failures.push(format!("{name}: exit {status}, expected {want_status}"));
            continue;
        }
        let Some(report) = report else {
            if want_status != 2 {
                failures.push(format!("{name}: no report"));
            }
            continue;
        };
        let found = findings(&report);
        let codes: BTreeSet<String> = found.iter().map(|f| f.code.clone()).collect();
        let want_codes: BTreeSet<String> = want["codes"]
            .as_array()
            .expect("codes")
            .iter()
            .filter_map(|c| c.as_str().map(String::from))
            .collect();
        if codes != want_codes {
            failures.push(format!("{name}: codes {codes:?}, expected {want_codes:?}"));
        }
        if let Some(cells) = want["cells"].as_object() {
            for (code, want_cells) in cells {
                let got: BTreeSet<String> = found
                    .iter()
                    .filter(|f| &f.code == code)
                    .filter_map(|f| f.cell.clone())
                    .collect();
                let want_cells: BTreeSet<String> = want_cells
                    .as_array()
                    .expect("cells")
                    .iter()
                    .filter_map(|c| c.as_str().map(String::from))
                    .collect();
                if got != want_cells {
                    failures.push(format!(
                        "{name}: {code} at {got:?}, expected {want_cells:?}"
                    ));
                }
            }
        }
        if name == "encrypted.xlsx" && !found.iter().any(|f| f.message.contains("lösenordsskyddad"))
        {
            failures.push(format!(
                "{name}: the message must say the file is password-protected"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn password_protected_files_of_every_format_say_so() {
    let fixtures = bad().parent().expect("fixtures").to_path_buf();
    let dir = tempfile::tempdir().expect("tmp");
    for name in [
        "excel-password.xlsb",
        "lo-password.xlsx",
        "lo-password.xls",
        "lo-password.ods",
    ] {
        let json = dir.path().join("r.json");
        let (status, report) = bounded(&["check".as_ref(), fixtures.join(name).as_os_str()], &json);
        assert_eq!(status, 1, "{name}");
        let found = findings(&report.expect("report"));
        assert_eq!(found.len(), 1, "{name}: {found:?}");
        assert_eq!(found[0].code, "unreadable-file", "{name}");
        assert!(
            found[0].message.contains("lösenordsskyddad"),
            "{name}: {}",
            found[0].message
        );
    }
}

#[test]
fn excel_written_xlsb_is_read() {
    // Excel's own xlsb (not a template): the reader opens it and lists its sheets.
    let fixtures = bad().parent().expect("fixtures").to_path_buf();
    let dir = tempfile::tempdir().expect("tmp");
    let (status, report) = bounded(
        &[
            "check".as_ref(),
            fixtures.join("excel-base.xlsb").as_os_str(),
        ],
        &dir.path().join("r.json"),
    );
    assert_eq!(status, 1);
    let found = findings(&report.expect("report"));
    assert!(found.iter().all(|f| f.code == "missing-sheet"), "{found:?}");
    assert!(found[0].message.contains("Sheet1"), "{}", found[0].message);
}

#[test]
fn xlsb_template_consolidates_to_its_figures() {
    let fixtures = bad().parent().expect("fixtures").to_path_buf();
    let expected: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(fixtures.join("expected-xlsb.json")).expect("json"),
    )
    .expect("parse");
    let want = &expected["template.xlsb"];
    let dir = tempfile::tempdir().expect("tmp");
    let (status, report) = bounded(
        &["check".as_ref(), fixtures.join("template.xlsb").as_os_str()],
        &dir.path().join("r.json"),
    );
    assert_eq!(status, 0);
    let report = report.expect("report");
    assert!(findings(&report).is_empty(), "{:?}", findings(&report));
    let area = &report["areas"][0];
    for key in [
        "area",
        "version",
        "new_development",
        "existing_development",
        "total",
        "development_by_year",
        "maintenance_by_year",
    ] {
        assert_eq!(area[key], want[key], "{key}");
    }
}

#[test]
fn file_names_are_reported_as_they_are_on_disk() {
    let run = crate::harness::Run::new();
    let mut names = Vec::new();
    for entry in std::fs::read_dir(bad()).expect("dir") {
        let entry = entry.expect("entry");
        let name = entry.file_name().to_string_lossy().into_owned();
        if ["Ekonomi – å ä ö.xlsx", "HR budget #2.xlsx"].contains(&name.as_str())
            || name.contains('\u{308}')
        {
            std::fs::copy(entry.path(), run.input().join(&name)).expect("copy");
            names.push(name);
        }
    }
    assert_eq!(names.len(), 3, "{names:?}");
    let out = run.consolidate(&[]);
    assert_eq!(out.status, 0, "{}", out.stdout);
    let report = run.report();
    let mut files: Vec<String> = report["areas"]
        .as_array()
        .expect("areas")
        .iter()
        .map(|a| a["file"].as_str().unwrap_or("").to_string())
        .collect();
    files.sort();
    names.sort();
    assert_eq!(
        files, names,
        "the NFD name stays NFD, so it names the file on disk"
    );
}

#[test]
fn fuzz_regressions_are_ordinary_findings() {
    // Inputs the fuzz target (`fuzz/`, README "Fuzzing") once crashed on, minimized;
    // tests/fixtures/README.md says what each one is. Each must now give exactly one
    // ordinary finding: no panic (`internal-error`), no abort, no hang.
    let expected = [
        ("cfb-directory-past-end.xls", "unreadable-file"),
        ("cfb-one-byte-sector.xls", "unreadable-file"),
        ("ods-repeated-row.ods", "too-large"),
        ("sst-bomb-renamed.xlsx", "too-large"),
        ("xls-huge-dimensions.xls", "too-large"),
    ];
    let fuzz = bad().parent().expect("fixtures").join("fuzz");
    let mut present: Vec<String> = std::fs::read_dir(&fuzz)
        .expect("tests/fixtures/fuzz")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    present.sort();
    let listed: Vec<&str> = expected.iter().map(|(name, _)| *name).collect();
    assert_eq!(present, listed, "every fuzz fixture is listed here");
    let dir = tempfile::tempdir().expect("tmp");
    for (name, code) in expected {
        let json = dir.path().join("r.json");
        let _ = std::fs::remove_file(&json);
        let (status, report) = bounded(&["check".as_ref(), fuzz.join(name).as_os_str()], &json);
        assert_eq!(status, 1, "{name}");
        let found = findings(&report.expect("report"));
        let codes: Vec<&str> = found.iter().map(|f| f.code.as_str()).collect();
        assert_eq!(codes, [code], "{name}: {found:?}");
    }
}
