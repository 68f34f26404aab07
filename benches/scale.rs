//! The scale benchmark (`cargo bench --bench scale`): on corpora of 5 × 20,
//! 1 000 × 30 and 5 000 × 30 templates it measures `consolidate` (wall time and
//! peak RSS, with 2 threads and with `RAYON_NUM_THREADS=1`) against the *floor*:
//! a program that only opens every workbook with calamine and reads both sheets'
//! cells in parallel, plus one that only writes an output of the same row count
//! with rust_xlsxwriter. Prints medians, the ratios and the targets of issue 4.
//!
//! `cargo bench --bench scale -- --runs 5` sets the repetitions (default 5, 15 for
//! the small corpus). The corpora are generated once into `target/bench-corpus/`.
//! The floor programs are this same binary, re-executed with `--floor-read DIR` or
//! `--floor-write ROWS FILE`. Peak RSS comes from GNU time (`/usr/bin/time`).

// Timings and ratios are seconds, not money.
#![allow(clippy::float_arithmetic)]

#[path = "corpus.rs"]
mod corpus;

use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

const BIN: &str = env!("CARGO_BIN_EXE_budget-consolidator");

/// The floor programs use the tool's allocator, like for like (it makes no
/// measurable difference to them: they allocate little).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("--floor-read") => return floor_read(Path::new(&args[1])),
        Some("--floor-write") => {
            return floor_write(args[1].parse().expect("rows"), Path::new(&args[2]));
        }
        _ => {}
    }
    let runs: usize = args
        .iter()
        .position(|a| a == "--runs")
        .and_then(|i| args.get(i + 1))
        .and_then(|r| r.parse().ok())
        .unwrap_or(5);
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-corpus");
    let mut results = Vec::new();
    for (n, r) in [(5usize, 20usize), (1000, 30), (5000, 30)] {
        let dir = root.join(format!("{n}x{r}"));
        if !dir
            .with_file_name(format!("{n}x{r}.expected.json"))
            .is_file()
        {
            eprintln!("generating {n} × {r} …");
            let _ = std::fs::remove_dir_all(&dir);
            corpus::write_corpus(n, r, &dir).expect("corpus");
        }
        let runs = if n <= 5 { runs * 3 } else { runs };
        results.push(measure(&dir, n, r, runs));
    }
    report(&results);
}

#[derive(Debug, Clone, Copy, Default)]
struct Sample {
    seconds: f64,
    rss_kib: u64,
}

#[derive(Debug)]
struct Result {
    n: usize,
    r: usize,
    two: Sample,
    one: Sample,
    read: Sample,
    write: Sample,
}

/// Runs a command under GNU time; wall time from our own clock, peak RSS from time.
fn timed(cmd: Command) -> Sample {
    let rss_file = tempfile::NamedTempFile::new().expect("tmp");
    let mut wrapped = Command::new("/usr/bin/time");
    wrapped
        .args(["-f", "%M", "-o"])
        .arg(rss_file.path())
        .arg(cmd.get_program())
        .args(cmd.get_args());
    for (k, v) in cmd.get_envs() {
        match v {
            Some(v) => wrapped.env(k, v),
            None => wrapped.env_remove(k),
        };
    }
    wrapped.stdout(std::process::Stdio::null());
    let start = Instant::now();
    let status = wrapped
        .status()
        .expect("/usr/bin/time (Debian package: time)");
    let seconds = start.elapsed().as_secs_f64();
    assert!(
        status.success() || status.code() == Some(1),
        "{cmd:?} failed: {status}"
    );
    let rss_kib = std::fs::read_to_string(rss_file.path())
        .ok()
        .and_then(|t| t.trim().lines().last()?.parse().ok())
        .unwrap_or(0);
    Sample { seconds, rss_kib }
}

fn median(mut samples: Vec<Sample>) -> Sample {
    samples.sort_by(|a, b| a.seconds.total_cmp(&b.seconds));
    let mut rss: Vec<u64> = samples.iter().map(|s| s.rss_kib).collect();
    rss.sort_unstable();
    Sample {
        seconds: samples[samples.len() / 2].seconds,
        rss_kib: rss[rss.len() / 2],
    }
}

fn measure(dir: &Path, n: usize, r: usize, runs: usize) -> Result {
    let out = std::env::temp_dir().join(format!("bench-out-{n}"));
    let consolidate = |threads: &str| {
        let mut c = Command::new(BIN);
        c.arg("consolidate")
            .arg(dir)
            .arg("--out")
            .arg(&out)
            .arg("--quiet")
            .env("RAYON_NUM_THREADS", threads);
        timed(c)
    };
    // Correctness first (untimed): the totals must be the generator's.
    let json = out.join("report.json");
    let status = Command::new(BIN)
        .arg("consolidate")
        .arg(dir)
        .arg("--out")
        .arg(&out)
        .arg("--json")
        .arg(&json)
        .arg("--quiet")
        .status()
        .expect("run");
    assert!(status.success(), "consolidate failed on {n} × {r}");
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).expect("json")).expect("parse");
    let expected: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.with_file_name(format!("{n}x{r}.expected.json")))
            .expect("expected"),
    )
    .expect("parse");
    corpus::assert_totals(&report, &expected, &format!("{n} × {r}"));
    let rows = n * r;
    let me = std::env::current_exe().expect("exe");
    let floor_file = out.join("floor.xlsx");
    let (mut two, mut one, mut read, mut write) = (vec![], vec![], vec![], vec![]);
    for _ in 0..runs {
        two.push(consolidate("2"));
        one.push(consolidate("1"));
        let mut c = Command::new(&me);
        c.arg("--floor-read").arg(dir).env("RAYON_NUM_THREADS", "2");
        read.push(timed(c));
        let mut c = Command::new(&me);
        c.arg("--floor-write")
            .arg(rows.to_string())
            .arg(&floor_file);
        write.push(timed(c));
    }
    let result = Result {
        n,
        r,
        two: median(two),
        one: median(one),
        read: median(read),
        write: median(write),
    };
    eprintln!("{n} × {r}: done");
    result
}

fn report(results: &[Result]) {
    println!(
        "| corpus | consolidate 2 threads | consolidate 1 thread | floor read | floor write | consolidate / floor | 1 → 2 threads | peak RSS (2 threads) |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|");
    for x in results {
        let floor = x.read.seconds + x.write.seconds;
        println!(
            "| {} × {} | {:.3} s | {:.3} s | {:.3} s ({} MiB) | {:.3} s ({} MiB) | {:.2} | {:.2} × | {:.1} MiB |",
            x.n,
            x.r,
            x.two.seconds,
            x.one.seconds,
            x.read.seconds,
            x.read.rss_kib / 1024,
            x.write.seconds,
            x.write.rss_kib / 1024,
            x.two.seconds / floor,
            x.one.seconds / x.two.seconds,
            x.two.rss_kib as f64 / 1024.0
        );
    }
    let find = |n: usize| results.iter().find(|x| x.n == n);
    let (Some(small), Some(mid), Some(big)) = (find(5), find(1000), find(5000)) else {
        return;
    };
    let ratio = big.two.seconds / (big.read.seconds + big.write.seconds);
    let speedup = big.one.seconds / big.two.seconds;
    let rss_mib = big.two.rss_kib as f64 / 1024.0;
    let growth = (big.two.rss_kib as f64 - mid.two.rss_kib as f64) / 4000.0;
    let verdict = |ok: bool| if ok { "met" } else { "NOT met" };
    println!();
    println!(
        "- 5 000 × 30: consolidate / (floor read + floor write) = {ratio:.2} (target ≤ 1.25): {}",
        verdict(ratio <= 1.25)
    );
    println!(
        "- 5 000 × 30: 1 → 2 threads = {speedup:.2} × (target ≥ 1.7): {}",
        verdict(speedup >= 1.7)
    );
    println!(
        "- 5 000 × 30: peak RSS = {rss_mib:.1} MiB (target ≤ 100): {}",
        verdict(rss_mib <= 100.0)
    );
    println!(
        "- RSS growth 1 000 → 5 000 files = {growth:.1} KiB per file (target ≤ 20): {}",
        verdict(growth <= 20.0)
    );
    println!(
        "- 5 × 20: whole process = {:.1} ms (target ≤ 30): {}",
        small.two.seconds * 1000.0,
        verdict(small.two.seconds <= 0.030)
    );
}

/// The floor for reading: open every workbook with calamine and read both sheets'
/// cells, in parallel, doing nothing else.
fn floor_read(dir: &Path) {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("dir")
        .map(|e| e.expect("e").path())
        .collect();
    files.sort();
    let cells: usize = files
        .par_iter()
        .map(|path| {
            let bytes = std::fs::read(path).expect("read");
            let mut wb: calamine::Xlsx<_> =
                calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).expect("open");
            let mut count = 0;
            for sheet in ["Budgetfördelning", "Utvecklingsinitiativ"] {
                let mut reader = wb.worksheet_cells_reader(sheet).expect("sheet");
                while let Ok(Some(_)) = reader.next_cell() {
                    count += 1;
                }
            }
            count
        })
        .sum();
    println!("{cells}");
}

/// The floor for writing: an output of `rows` rows shaped like the `Initiativ`
/// sheet (3 text, 9 amounts, 2 text, 2 numbers), streamed with rust_xlsxwriter at
/// the consolidated workbook's deflate level.
fn floor_write(rows: usize, path: &Path) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    // The same deflate level as the consolidated workbook: like for like.
    wb.set_zip_compression_level(budget_consolidator::write::COMPRESSION_LEVEL);
    let ws = wb.add_worksheet_with_constant_memory().expect("sheet");
    for row in 1..=u32::try_from(rows).expect("rows") {
        ws.write_string(row, 0, "Område 00001").expect("w");
        ws.write_string(row, 1, "1.0").expect("w");
        ws.write_string(row, 2, "Initiativ 01 i område 00001")
            .expect("w");
        for col in 3..12u16 {
            ws.write_number(row, col, f64::from(row % 1000) * 100.0 + f64::from(col))
                .expect("w");
        }
        ws.write_string(row, 12, "Mellan").expect("w");
        ws.write_string(row, 13, "Område-00001.xlsx").expect("w");
        ws.write_number(row, 14, 11).expect("w");
        ws.write_number(row, 15, 5).expect("w");
    }
    wb.save(path).expect("save");
}
