//! Nothing damaged: the output is written to a temporary file and renamed, so a
//! run killed while writing leaves the previous workbook intact, and the next run
//! removes what the killed one left. Unwritable or read-only outputs stop the run
//! with exit 2, naming the path and the reason.

use crate::harness::{BIN, Run, Template};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn leftovers(dir: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect()
}

#[test]
fn killed_while_writing_leaves_the_previous_output_intact() {
    let run = Run::new().add("HR.xlsx", &Template::new("HR"));
    assert_eq!(run.consolidate(&[]).status, 0);
    let before = std::fs::read(run.workbook()).expect("first output");
    let run = run.add("Ekonomi.xlsx", &Template::new("Ekonomi"));
    // The debug build pauses with the new workbook fully in its temporary file.
    let mut child = Command::new(BIN)
        .args(["consolidate", "input", "--out", "output"])
        .env("BUDGET_CONSOLIDATOR_FAILPOINT", "pause-before-rename")
        .current_dir(run.dir.path())
        .stdout(Stdio::null())
        .spawn()
        .expect("spawn");
    let start = Instant::now();
    while leftovers(&run.output())
        .iter()
        .all(|n| !n.ends_with(".tmp"))
    {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "no temporary file appeared"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    std::thread::sleep(Duration::from_millis(200));
    child.kill().expect("SIGKILL");
    let _ = child.wait();
    assert_eq!(
        std::fs::read(run.workbook()).expect("still there"),
        before,
        "the previous output is untouched"
    );
    assert_eq!(
        leftovers(&run.output()).len(),
        1,
        "the killed run left its temporary file"
    );

    let out = run.consolidate(&[]);
    assert_eq!(out.status, 0, "{}", out.stdout);
    assert!(
        leftovers(&run.output()).is_empty(),
        "the next run cleans up: {:?}",
        leftovers(&run.output())
    );
    assert_eq!(run.report()["totals"]["total"], "26000");
}

#[test]
fn read_only_output_file_exits_2() {
    let run = Run::new().add("HR.xlsx", &Template::new("HR"));
    assert_eq!(run.consolidate(&[]).status, 0);
    let path = run.workbook();
    let mut perms = std::fs::metadata(&path).expect("meta").permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&path, perms).expect("chmod");
    let before = std::fs::read(&path).expect("read");
    let out = run.consolidate(&[]);
    assert_eq!(out.status, 2);
    assert!(
        out.stderr.contains("konsoliderad-budget-2023.xlsx")
            && out.stderr.contains("filen är skrivskyddad"),
        "{}",
        out.stderr
    );
    let out = run.consolidate(&["--lang", "en"]);
    assert!(out.stderr.contains("read-only"), "{}", out.stderr);
    assert_eq!(std::fs::read(&path).expect("read"), before);
}

#[test]
fn unwritable_output_folder_exits_2_with_path_and_reason() {
    let run = Run::new().add("HR.xlsx", &Template::new("HR"));
    let out = run.exec(&["consolidate", "input", "--out", "/proc/budget-out"]);
    assert_eq!(out.status, 2);
    assert!(
        out.stderr
            .starts_with("Kan inte skriva /proc/budget-out/konsoliderad-budget-2023.xlsx: "),
        "{}",
        out.stderr
    );
}
