//! Same input, same bytes: across runs and across thread counts.

use crate::harness::{Run, Template};

#[test]
fn two_runs_and_one_thread_give_identical_workbooks() {
    let run = Run::new()
        .add("HR.xlsx", &Template::new("HR"))
        .add("Ekonomi.xlsx", &Template::new("Ekonomi"))
        .add("IT.xlsx", &Template::new("IT-tjänster"))
        .add("Kommunikation.xlsx", &Template::new("Kommunikation"));
    let mut outputs = Vec::new();
    for (out, threads) in [("out1", "2"), ("out2", "2"), ("out3", "1")] {
        let result = run.exec_env(
            &["consolidate", "input", "--out", out],
            &[("RAYON_NUM_THREADS", threads)],
        );
        assert_eq!(result.status, 0, "{}", result.stdout);
        let bytes = std::fs::read(
            run.dir
                .path()
                .join(out)
                .join("konsoliderad-budget-2023.xlsx"),
        )
        .expect("workbook");
        outputs.push((result.stdout.replace(out, "OUT"), bytes));
    }
    assert_eq!(outputs[0], outputs[1]);
    assert_eq!(outputs[0], outputs[2]);
}

#[test]
fn order_of_files_on_disk_does_not_change_the_output() {
    let names = [
        "Ekonomi.xlsx",
        "HR.xlsx",
        "IT.xlsx",
        "Kommunikation.xlsx",
        "Ledning.xlsx",
    ];
    let templates: Vec<Template> = [
        "Ekonomi",
        "HR",
        "IT-tjänster",
        "Kommunikation",
        "Ledning och styrning",
    ]
    .iter()
    .map(|a| Template::new(a))
    .collect();
    let forward = names
        .iter()
        .zip(&templates)
        .fold(Run::new(), |run, (n, t)| run.add(n, t));
    let backward = names
        .iter()
        .zip(&templates)
        .rev()
        .fold(Run::new(), |run, (n, t)| run.add(n, t));
    let mut outputs = Vec::new();
    for run in [&forward, &backward] {
        assert_eq!(run.consolidate(&[]).status, 0);
        outputs.push(std::fs::read(run.workbook()).expect("workbook"));
    }
    assert_eq!(outputs[0], outputs[1]);
}
