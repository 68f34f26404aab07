//! Files and folders as shared folders hold them: FIFOs, sockets and devices named
//! like workbooks, folder links and link loops, many big files at once, a reader
//! that panics, outputs that would land on an input, two inputs with one stem, and
//! another run's temporary file. Every run here is bounded by a timeout, so a hang
//! fails the test instead of stalling it.

use crate::harness::{Run, Sheet, Template, findings, n};
use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::Command;

const CONSOLIDATE: [&str; 6] = [
    "consolidate",
    "input",
    "--out",
    "output",
    "--json",
    "report.json",
];

fn areas(report: &serde_json::Value) -> Vec<(String, String)> {
    report["areas"]
        .as_array()
        .expect("areas")
        .iter()
        .map(|a| {
            (
                a["area"].as_str().unwrap_or_default().to_string(),
                a["file"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

#[test]
fn fifos_sockets_and_devices_are_reported_without_being_opened() {
    let run = Run::new().add("HR.xlsx", &Template::new("HR"));
    let fifo = run.input().join("Rör.xlsx");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo (coreutils)")
            .success()
    );
    let _socket =
        std::os::unix::net::UnixListener::bind(run.input().join("Uttag.xlsx")).expect("socket");
    symlink("/dev/zero", run.input().join("Noll.xlsx")).expect("link to a device");
    symlink("saknas.xlsx", run.input().join("Borta.xlsx")).expect("link to nothing");
    let out = run.exec_bounded(60, &[], &CONSOLIDATE, &[]);
    assert_eq!(out.status, 1, "{}{}", out.stdout, out.stderr);
    let report = run.report();
    assert_eq!(areas(&report), [("HR".into(), "HR.xlsx".into())]);
    let found = findings(&report);
    for name in ["Borta.xlsx", "Noll.xlsx", "Rör.xlsx", "Uttag.xlsx"] {
        let f = found
            .iter()
            .find(|f| f.file.as_deref() == Some(name))
            .unwrap_or_else(|| panic!("no finding for {name}: {found:?}"));
        assert_eq!(
            (f.code.as_str(), f.severity.as_str()),
            ("unreadable-file", "error")
        );
        assert!(f.message.contains("inte en vanlig fil"), "{}", f.message);
    }

    // `check` on the FIFO itself: a finding, not a hang and not "no such file".
    let out = run.exec_bounded(
        60,
        &[],
        &[
            "--lang",
            "en",
            "check",
            "input/Rör.xlsx",
            "--json",
            "check.json",
        ],
        &[],
    );
    assert_eq!(out.status, 1, "{}{}", out.stdout, out.stderr);
    assert!(out.stdout.contains("not a regular file"), "{}", out.stdout);
}

#[test]
fn folder_links_are_followed_each_file_is_read_once_and_a_loop_is_a_warning() {
    let run = Run::new().add("HR.xlsx", &Template::new("HR"));
    std::fs::create_dir(run.input().join("ekonomi")).expect("dir");
    Template::new("Ekonomi").write(&run.input().join("ekonomi/Ekonomi.xlsx"));
    let outside = run.dir.path().join("delad");
    std::fs::create_dir(&outside).expect("dir");
    Template::new("IT-tjänster").write(&outside.join("IT.xlsx"));
    symlink(".", run.input().join("loop")).expect("link");
    symlink("..", run.input().join("ekonomi/upp")).expect("link");
    symlink("ekonomi", run.input().join("alias")).expect("link");
    symlink("HR.xlsx", run.input().join("HR-länk.xlsx")).expect("link");
    symlink(&outside, run.input().join("delad")).expect("link");

    let out = run.exec_bounded(60, &[], &CONSOLIDATE, &[]);
    assert_eq!(out.status, 0, "{}{}", out.stdout, out.stderr);
    let report = run.report();
    let mut got = areas(&report);
    got.sort();
    assert_eq!(
        got,
        [
            ("Ekonomi".into(), "ekonomi/Ekonomi.xlsx".into()),
            ("HR".into(), "HR.xlsx".into()),
            ("IT-tjänster".into(), "delad/IT.xlsx".into()),
        ]
    );
    // Each loop link once, under its path without a link (`ekonomi/upp`, not
    // `alias/upp`), named in its message.
    let found = findings(&report);
    let loops: Vec<_> = found.iter().filter_map(|f| f.file.as_deref()).collect();
    assert_eq!(loops, ["ekonomi/upp", "loop"], "{found:?}");
    for f in &found {
        assert_eq!(
            (f.severity.as_str(), f.code.as_str()),
            ("warning", "not-a-workbook")
        );
        let link = f.file.as_deref().unwrap_or_default();
        assert!(f.message.contains(&format!("”{link}”")), "{}", f.message);
    }
}

#[test]
fn documents_beside_the_templates_are_an_info_what_may_be_a_template_a_warning() {
    let mut run = Run::new().add("HR.xlsx", &Template::new("HR"));
    let documents = [
        "README.md",
        "Anvisningar.docx",
        "Protokoll.doc",
        "Minnesanteckningar.odt",
        "Brev.rtf",
        "Noter.markdown",
    ];
    // Excel saves a sheet as .csv, .txt and .pdf; .numbers and a backup .xlsx~
    // are a template in another program or under another name.
    let maybe_templates = ["HR.csv", "HR.txt", "HR.pdf", "HR.numbers", "HR.xlsx~"];
    for name in documents.iter().chain(&maybe_templates) {
        run = run.add_bytes(name, b"text");
    }
    let out = run.exec_bounded(60, &[], &CONSOLIDATE, &[]);
    assert_eq!(out.status, 0, "{}{}", out.stdout, out.stderr);
    let mut got: Vec<(String, String, String)> = findings(&run.report())
        .into_iter()
        .map(|f| (f.file.unwrap_or_default(), f.severity, f.code))
        .collect();
    got.sort();
    let mut expected: Vec<(String, String, String)> = documents
        .iter()
        .map(|n| (n.to_string(), "info".into(), "not-a-workbook".into()))
        .chain(
            maybe_templates
                .iter()
                .map(|n| (n.to_string(), "warning".into(), "not-a-workbook".into())),
        )
        .collect();
    expected.sort();
    assert_eq!(got, expected, "every file named, none lost");
}

#[test]
fn eight_big_files_on_eight_threads_stay_under_512_mib() {
    // The address-space limit stands for the memory bound: a normal run on eight
    // threads reserves under 80 MiB, so 512 MiB leave room for one file of the size
    // guard, not for eight. glibc's malloc (used by C code beside mimalloc) would
    // reserve 64 MiB of address space per thread without using it;
    // MALLOC_ARENA_MAX=1 keeps that reservation out of the measurement.
    let run = Run::new();
    for i in 0..8 {
        use std::io::Write;
        let mut f = std::fs::File::create(run.input().join(format!("Stor{i}.xlsx"))).expect("file");
        f.write_all(b"PK\x03\x04").expect("write");
        // Sparse: no disk is used, but the reader reads every byte.
        f.set_len(250 << 20).expect("grow");
    }
    let out = run.exec_bounded(
        600,
        &["prlimit", "--as=536870912", "--"],
        &CONSOLIDATE,
        &[("RAYON_NUM_THREADS", "8"), ("MALLOC_ARENA_MAX", "1")],
    );
    assert_eq!(out.status, 1, "{}{}", out.stdout, out.stderr);
    let found = findings(&run.report());
    assert_eq!(found.len(), 8, "{found:?}");
    assert!(
        found.iter().all(|f| f.code == "unreadable-file"),
        "{found:?}"
    );
}

#[test]
fn a_caught_panic_shows_only_the_finding() {
    let run = Run::new()
        .add("HR.xlsx", &Template::new("HR"))
        .add("Ekonomi.xlsx", &Template::new("Ekonomi"));
    for quiet in [true, false] {
        let mut args = vec![];
        if quiet {
            args.push("-q");
        }
        args.extend(CONSOLIDATE);
        let out = run.exec_bounded(
            60,
            &[],
            &args,
            &[
                ("BUDGET_CONSOLIDATOR_FAILPOINT", "panic:HR.xlsx"),
                ("RUST_BACKTRACE", "1"),
            ],
        );
        assert_eq!(out.status, 1, "{}", out.stdout);
        assert_eq!(out.stderr, "", "only the finding, no panic text");
        let found = findings(&run.report());
        assert!(
            found
                .iter()
                .any(|f| f.code == "internal-error" && f.file.as_deref() == Some("HR.xlsx")),
            "{found:?}"
        );
        assert!(!quiet || out.stdout.lines().count() <= 2, "{}", out.stdout);
    }
}

#[test]
fn a_panic_outside_the_guarded_load_still_says_where() {
    let run = Run::new().add("HR.xlsx", &Template::new("HR"));
    let out = run.exec_bounded(
        60,
        &[],
        &CONSOLIDATE,
        &[("BUDGET_CONSOLIDATOR_FAILPOINT", "panic-after-load")],
    );
    assert_eq!(out.status, 101, "{}", out.stderr);
    assert!(
        out.stderr.contains("panicked at") && out.stderr.contains(".rs:"),
        "{}",
        out.stderr
    );
}

#[test]
fn outputs_through_a_missing_folder_or_a_link_into_the_input_are_refused() {
    let run = Run::new().add("HR.xlsx", &Template::new("HR"));
    symlink("input", run.dir.path().join("länk")).expect("link");
    for (flag, target) in [
        ("--out", "nosuch/../input/ny"),
        ("--out", "länk/ny"),
        ("--feedback", "nosuch/../input/fb"),
        ("--feedback", "länk/fb"),
    ] {
        let mut args = vec!["consolidate", "input"];
        if flag == "--feedback" {
            args.extend(["--out", "output"]);
        }
        args.extend([flag, target]);
        let out = run.exec_bounded(60, &[], &args, &[]);
        assert_eq!(out.status, 2, "{flag} {target}: {}", out.stdout);
        assert!(out.stderr.contains(target), "{}", out.stderr);
        assert!(!run.dir.path().join("nosuch").exists(), "{flag} {target}");
    }
    let mut left: Vec<_> = std::fs::read_dir(run.input())
        .expect("input")
        .map(|e| e.expect("entry").file_name())
        .collect();
    left.sort();
    assert_eq!(left, ["HR.xlsx"], "nothing was written into the input");
}

#[test]
fn json_report_may_not_overwrite_an_input_or_the_workbook() {
    let run = Run::new().add("HR.xlsx", &Template::new("HR"));
    assert_eq!(run.exec(&CONSOLIDATE).status, 0);
    let input = std::fs::read(run.input().join("HR.xlsx")).expect("input");
    let workbook = std::fs::read(run.workbook()).expect("workbook");
    for (lang, args, word) in [
        (
            "sv",
            vec![
                "consolidate",
                "input",
                "--out",
                "output",
                "--json",
                "input/HR.xlsx",
            ],
            "JSON-rapporten",
        ),
        (
            "en",
            vec![
                "consolidate",
                "input",
                "--out",
                "output",
                "--json",
                "output/konsoliderad-budget-2023.xlsx",
            ],
            "JSON report",
        ),
        (
            "sv",
            vec!["check", "input/HR.xlsx", "--json", "input/HR.xlsx"],
            "JSON-rapporten",
        ),
    ] {
        let mut all = vec!["--lang", lang];
        all.extend(&args);
        let out = run.exec_bounded(60, &[], &all, &[]);
        assert_eq!(out.status, 2, "{args:?}: {}", out.stdout);
        let target = args[args.len() - 1];
        assert!(
            out.stderr.contains(target) && out.stderr.contains(word),
            "{}",
            out.stderr
        );
    }
    assert_eq!(
        std::fs::read(run.input().join("HR.xlsx")).expect("input"),
        input
    );
    assert_eq!(std::fs::read(run.workbook()).expect("workbook"), workbook);
}

#[test]
fn json_report_folder_is_created_like_the_outputs() {
    let run = Run::new().add("HR.xlsx", &Template::new("HR"));
    let out = run.exec_bounded(
        60,
        &[],
        &[
            "consolidate",
            "input",
            "--out",
            "output",
            "--json",
            "rapporter/2023/r.json",
        ],
        &[],
    );
    assert_eq!(out.status, 0, "{}", out.stderr);
    assert!(run.dir.path().join("rapporter/2023/r.json").is_file());
    let out = run.exec_bounded(
        60,
        &[],
        &["check", "input/HR.xlsx", "--json", "nya/check.json"],
        &[],
    );
    assert_eq!(out.status, 0, "{}", out.stderr);
    assert!(run.dir.path().join("nya/check.json").is_file());
}

#[test]
fn two_inputs_with_one_stem_get_two_feedback_copies() {
    let run = Run::new()
        .add(
            "HR.xlsx",
            &Template::new("HR").set(Sheet::Budget, "D10", n(1.0)),
        )
        .add_bytes("HR.ods", b"PK\x03\x04 broken")
        .add_bytes("Trasig.xlsx", b"PK\x03\x04 broken");
    let out = run.exec_bounded(
        60,
        &[],
        &[
            "consolidate",
            "input",
            "--out",
            "output",
            "--feedback",
            "fb",
        ],
        &[],
    );
    assert_eq!(out.status, 1, "{}", out.stderr);
    let fb = run.dir.path().join("fb");
    let mut names: Vec<String> = std::fs::read_dir(&fb)
        .expect("fb")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "HR-ods-kontroll.xlsx",
            "HR-xlsx-kontroll.xlsx",
            "Trasig-kontroll.xlsx"
        ]
    );
    for (name, code) in [
        ("HR-ods-kontroll.xlsx", "unreadable-file"),
        ("HR-xlsx-kontroll.xlsx", "row-sum-mismatch"),
    ] {
        let cells = crate::harness::read_sheet(&fb.join(name), "Kontroller");
        assert!(cells.values().any(|v| v == code), "{name}: {cells:?}");
    }
    for name in &names {
        assert!(
            out.stdout.contains(&format!("fb/{name}")),
            "{name}: {}",
            out.stdout
        );
    }
}

/// A temporary file as another run writing the same workbook holds it: locked.
fn held_temporary(dir: &Path, name: &str) -> std::fs::File {
    std::fs::create_dir_all(dir).expect("dir");
    let file = std::fs::File::create(dir.join(name)).expect("tmp");
    file.try_lock().expect("lock");
    file
}

#[test]
fn another_runs_temporary_file_is_left_alone_and_a_dead_runs_is_removed() {
    let run = Run::new().add("HR.xlsx", &Template::new("HR"));
    let name = ".konsoliderad-budget-2023.xlsx.Ab3xYz.tmp";
    let held = held_temporary(&run.output(), name);
    let out = run.exec_bounded(60, &[], &CONSOLIDATE, &[]);
    assert_eq!(out.status, 0, "{}", out.stderr);
    assert!(run.workbook().is_file());
    assert!(
        run.output().join(name).exists(),
        "the other run's temporary file was deleted"
    );
    drop(held);
    let out = run.exec_bounded(60, &[], &CONSOLIDATE, &[]);
    assert_eq!(out.status, 0, "{}", out.stderr);
    assert!(
        !run.output().join(name).exists(),
        "a temporary file no process holds is left over from a killed run"
    );
}
