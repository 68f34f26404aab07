//! The actuals benchmark (`cargo bench --bench ledger`): a synthetic SIE 4E ledger of
//! 2 000 000 `#TRANS` rows in `#VER` blocks, each with `{1 "ansvar" 6 "projekt"}`,
//! plus 50 000 `#PSALDO` rows without project objects (so the actuals come from the
//! transactions), at 1× and 4× that size, and the same transactions as a semicolon
//! CSV. It measures, median of `--runs N` (default 3):
//! - the real `follow-up` command over the SIE file (the sample plan in `input/`, the
//!   file as its only ledger export) against `wc -l` on the same file, as wall time,
//!   and beside it the reader alone (`ledger::read`, which the command calls);
//! - the peak RSS of both at 1× and 4× (GNU time, `%M`);
//! - the CSV read against `benches/ledger_pandas.py` (pandas `read_csv` + `groupby`
//!   doing the same sums).
//!
//! The reader runs as this binary re-executed with `--read FILE`, which prints the
//! number of entries and the sum of the actuals; both are checked against the
//! generator's before anything is timed. Files go to `target/bench-corpus/`.

// Timings and ratios are seconds, not money.
#![allow(clippy::float_arithmetic)]

use budget_consolidator::ledger::{self, ReadOptions};
use rust_decimal::Decimal;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const TRANS: u64 = 2_000_000;
const PSALDO: u64 = 50_000;
const PER_VER: u64 = 4;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--read") {
        let path = Path::new(&args[1]);
        let a = ledger::read(path, &args[1], &ReadOptions::default());
        let total: Decimal = a.entries.values().map(|e| e.actual).sum();
        println!("{} {} {}", a.entries.len(), total, a.findings.len());
        return;
    }
    if args.first().map(String::as_str) == Some("--sha256") {
        println!(
            "{}",
            budget_consolidator::provenance::sha256_of_file(Path::new(&args[1]))
        );
        return;
    }
    let runs: usize = args
        .iter()
        .position(|a| a == "--runs")
        .and_then(|i| args.get(i + 1))
        .and_then(|r| r.parse().ok())
        .unwrap_or(3);
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-corpus/ledger");
    std::fs::create_dir_all(&root).expect("corpus folder");
    let mut rows = Vec::new();
    for scale in [1u64, 4] {
        let sie = root.join(format!("ledger-{scale}x.se"));
        let expected = generate_sie(&sie, scale);
        let got = read_output(&sie);
        assert_eq!(got, expected, "the reader's sums are the generator's");
        // Interleaved, so that a busy moment of the machine hits both alike.
        let mut wc = Vec::new();
        let mut read = Vec::new();
        let mut command = Vec::new();
        let mut hash = Vec::new();
        for _ in 0..runs {
            wc.push(time(Command::new("wc").arg("-l").arg(&sie)));
            hash.push(time(Command::new(me()).arg("--sha256").arg(&sie)));
            read.push(time(Command::new(me()).arg("--read").arg(&sie)));
            command.push(time(&mut follow_up(&sie, &root)));
        }
        let mut wc = wc.into_iter();
        let mut read = read.into_iter();
        let mut command = command.into_iter();
        let mut hash = hash.into_iter();
        let wc = median_sample(runs, || wc.next().unwrap_or_default());
        let read = median_sample(runs, || read.next().unwrap_or_default());
        let command = median_sample(runs, || command.next().unwrap_or_default());
        let hash = median_sample(runs, || hash.next().unwrap_or_default());
        let bytes = std::fs::metadata(&sie).expect("size").len();
        rows.push((scale, bytes, wc, read, command, hash));
    }
    let csv = root.join("ledger-1x.csv");
    let expected = generate_csv(&csv, false);
    assert_eq!(
        read_output(&csv),
        expected,
        "the CSV reader's sums are the generator's"
    );
    // The same rows as a general-ledger export writes them: Debet and Kredit.
    let csv_dk = root.join("ledger-1x-debet-kredit.csv");
    let expected_dk = generate_csv(&csv_dk, true);
    assert_eq!(
        read_output(&csv_dk),
        expected_dk,
        "the Debet/Kredit CSV's sums are the generator's"
    );
    let peer = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/ledger_pandas.py");
    let pandas_out = Command::new("python3")
        .arg(&peer)
        .arg(&csv)
        .output()
        .expect("pandas");
    assert!(pandas_out.status.success(), "pandas peer");
    let mut ours = Vec::new();
    let mut theirs = Vec::new();
    let mut ours_dk = Vec::new();
    for _ in 0..runs {
        ours.push(time(Command::new(me()).arg("--read").arg(&csv)));
        theirs.push(time(Command::new("python3").arg(&peer).arg(&csv)));
        ours_dk.push(time(Command::new(me()).arg("--read").arg(&csv_dk)));
    }
    let mut ours = ours.into_iter();
    let mut theirs = theirs.into_iter();
    let mut ours_dk = ours_dk.into_iter();
    let csv_read = median_sample(runs, || ours.next().unwrap_or_default());
    let pandas = median_sample(runs, || theirs.next().unwrap_or_default());
    let csv_dk_read = median_sample(runs, || ours_dk.next().unwrap_or_default());

    println!("\nwall time (CPU time user + system), median of {runs}; peak RSS the largest\n");
    println!(
        "| file | size | wc -l | `follow-up` | follow-up / wc -l speed, wall | peak RSS | reader alone | reader / wc -l, wall (CPU) | reader peak RSS |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (scale, bytes, wc, read, command, _) in &rows {
        println!(
            "| SIE {scale}× ({} #TRANS) | {} MB | {:.3} s ({:.2} s) | {:.3} s ({:.2} s) | {:.0} % | {:.1} MiB | {:.3} s ({:.2} s) | {:.0} % ({:.0} %) | {:.1} MiB |",
            TRANS * scale,
            bytes / 1_000_000,
            wc.0,
            wc.1,
            command.0,
            command.1,
            100.0 * wc.0 / command.0,
            command.2 as f64 / 1024.0,
            read.0,
            read.1,
            100.0 * wc.0 / read.0,
            100.0 * wc.1 / read.1.max(1e-9),
            read.2 as f64 / 1024.0
        );
    }
    println!(
        "\nCSV ({TRANS} rows, {} MB): reader {:.3} s ({:.2} s CPU, {:.1} MiB); pandas read_csv + groupby {:.3} s ({:.2} s CPU, {:.1} MiB): {:.1} × faster (CPU {:.1} ×)",
        std::fs::metadata(&csv).expect("size").len() / 1_000_000,
        csv_read.0,
        csv_read.1,
        csv_read.2 as f64 / 1024.0,
        pandas.0,
        pandas.1,
        pandas.2 as f64 / 1024.0,
        pandas.0 / csv_read.0,
        pandas.1 / csv_read.1.max(1e-9)
    );
    println!(
        "The same rows with `Debet` and `Kredit` columns instead of `Belopp` ({} MB): reader {:.3} s ({:.2} s CPU, {:.1} MiB)",
        std::fs::metadata(&csv_dk).expect("size").len() / 1_000_000,
        csv_dk_read.0,
        csv_dk_read.1,
        csv_dk_read.2 as f64 / 1024.0
    );
    println!(
        "\nSHA-256 of the file alone (the command records it in Källor; same crate, 1 MiB blocks):"
    );
    for (scale, _, wc, _, _, hash) in &rows {
        println!(
            "- SIE {scale}×: {:.3} s ({:.2} s CPU): no command that hashes the file is faster than {:.0} % of wc -l",
            hash.0,
            hash.1,
            100.0 * wc.0 / hash.0
        );
    }
    let (_, _, wc1, r1, c1, _) = rows[0];
    let (_, _, _, r4, c4, _) = rows[1];
    println!("\nTargets:");
    println!(
        "- follow-up over the SIE file ≥ 25 % of wc -l's speed: {:.0} % ({}); the reader alone {:.0} % ({})",
        100.0 * wc1.0 / c1.0,
        met(wc1.0 / c1.0 >= 0.25),
        100.0 * wc1.0 / r1.0,
        met(wc1.0 / r1.0 >= 0.25)
    );
    println!(
        "- peak RSS ≤ 64 MiB at 1× and 4×: follow-up {:.1} / {:.1} MiB, reader {:.1} / {:.1} MiB ({})",
        c1.2 as f64 / 1024.0,
        c4.2 as f64 / 1024.0,
        r1.2 as f64 / 1024.0,
        r4.2 as f64 / 1024.0,
        met(r1.2.max(r4.2).max(c1.2).max(c4.2) <= 64 * 1024)
    );
    println!(
        "- CSV ≥ 10 × pandas: {:.1} × ({})",
        pandas.0 / csv_read.0,
        met(pandas.0 / csv_read.0 >= 10.0)
    );
}

fn met(ok: bool) -> &'static str {
    if ok { "met" } else { "NOT met" }
}

fn me() -> PathBuf {
    std::env::current_exe().expect("current exe")
}

/// The real command over the sample plan (`input/`) with `actuals` as its only
/// ledger export; output to a folder of its own in the corpus folder.
fn follow_up(actuals: &Path, root: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_budget-consolidator"));
    cmd.arg("follow-up")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("input"))
        .arg("--actuals")
        .arg(actuals)
        .arg("--period")
        .arg("2023-04")
        .arg("--out")
        .arg(root.join("follow-up-out"))
        .arg("--partial")
        .arg("--quiet")
        .arg("--lang")
        .arg("en");
    cmd
}

fn read_output(path: &Path) -> String {
    let out = Command::new(me())
        .arg("--read")
        .arg(path)
        .output()
        .expect("reader");
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// Wall time of a command (output discarded), its CPU time (user + system) and its
/// peak RSS in KiB, the last two from GNU time.
fn time(cmd: &mut Command) -> (f64, f64, u64) {
    let program = cmd.get_program().to_owned();
    let args: Vec<_> = cmd.get_args().map(|a| a.to_owned()).collect();
    let rss_file = std::env::temp_dir().join(format!("ledger-bench-rss-{}", std::process::id()));
    let start = Instant::now();
    let status = Command::new("/usr/bin/time")
        .arg("-f")
        .arg("%U %S %M")
        .arg("-o")
        .arg(&rss_file)
        .arg(program)
        .args(args)
        .stdout(std::process::Stdio::null())
        .status()
        .expect("/usr/bin/time (Debian package: time)");
    let secs = start.elapsed().as_secs_f64();
    // `follow-up` exits 1 when it has findings (the synthetic projects are not in the
    // plan); 2 is a failure.
    assert!(status.code().is_some_and(|c| c < 2), "{status}");
    let text = std::fs::read_to_string(&rss_file).unwrap_or_default();
    let fields: Vec<&str> = text
        .trim()
        .lines()
        .last()
        .unwrap_or("")
        .split_whitespace()
        .collect();
    let num = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    let rss = fields.get(2).and_then(|f| f.parse().ok()).unwrap_or(0);
    (secs, num(0) + num(1), rss)
}

/// Medians of wall and CPU time over `runs`, and the largest peak RSS.
fn median_sample(runs: usize, mut f: impl FnMut() -> (f64, f64, u64)) -> (f64, f64, u64) {
    let v: Vec<(f64, f64, u64)> = (0..runs).map(|_| f()).collect();
    let mid = |mut x: Vec<f64>| {
        x.sort_by(f64::total_cmp);
        x[x.len() / 2]
    };
    let rss = v.iter().map(|s| s.2).max().unwrap_or(0);
    (
        mid(v.iter().map(|s| s.0).collect()),
        mid(v.iter().map(|s| s.1).collect()),
        rss,
    )
}

/// The i-th transaction: account, ansvar, project, month, amount in öre.
fn transaction(i: u64) -> (u32, u32, u32, u32, i64) {
    let h = i.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 20;
    let account = 4000 + (h % 40) as u32 * 10;
    let ansvar = 100 + ((h >> 8) % 100) as u32;
    let project = 2300 + ((h >> 16) % 200) as u32;
    let month = 1 + ((i * 12) / TRANS.max(1)) as u32 % 12;
    let ore = ((h >> 24) % 2_000_000) as i64 - 200_000;
    (account, ansvar, project, month, ore)
}

fn kr(ore: i64) -> String {
    let sign = if ore < 0 { "-" } else { "" };
    format!("{sign}{}.{:02}", ore.abs() / 100, ore.abs() % 100)
}

/// Writes the SIE file (once) and returns the expected reader output.
fn generate_sie(path: &Path, scale: u64) -> String {
    let n = TRANS * scale;
    let mut entries = std::collections::BTreeSet::new();
    let mut total: i64 = 0;
    for i in 0..n {
        let (account, _, project, month, ore) = transaction(i % TRANS);
        entries.insert((month, account, project));
        total += ore;
    }
    let expected = format!("{} {} 0", entries.len(), Decimal::new(total, 2));
    if path.is_file() {
        return expected;
    }
    eprintln!("generating {} …", path.display());
    let mut w = BufWriter::with_capacity(1 << 20, std::fs::File::create(path).expect("create"));
    writeln!(w, "#FLAGGA 0\n#PROGRAM \"Syntetisk huvudbok\" 1.0\n#FORMAT PC8\n#GEN 20230501\n#SIETYP 4\n#FNAMN \"Göteborgs Stad\"\n#RAR 0 20230101 20231231\n#DIM 1 \"Ansvar\"\n#DIM 6 \"Projekt\"").expect("write");
    for i in 0..PSALDO {
        let (account, ..) = transaction(i);
        writeln!(
            w,
            "#PSALDO 0 2023{:02} {account} {{}} {}",
            1 + i % 12,
            kr(i as i64 * 7)
        )
        .expect("write");
    }
    let mut i = 0;
    while i < n {
        let (_, _, _, month, _) = transaction(i % TRANS);
        writeln!(
            w,
            "#VER A {} 2023{month:02}15 \"Leverantörsfaktura\" 20230501\n{{",
            i / PER_VER + 1
        )
        .expect("write");
        for j in i..(i + PER_VER).min(n) {
            let (account, ansvar, project, month, ore) = transaction(j % TRANS);
            writeln!(
                w,
                "   #TRANS {account} {{1 \"{ansvar}\" 6 \"P{project}\"}} {} 2023{month:02}15 \"Inköp av tjänst\"",
                kr(ore)
            )
            .expect("write");
        }
        writeln!(w, "}}").expect("write");
        i += PER_VER;
    }
    w.flush().expect("flush");
    expected
}

/// The bench CSV: `Belopp`, or with `debit_credit` a `Debet` and a `Kredit` column
/// (a cost in the first, a credit in the second, the other empty).
fn generate_csv(path: &Path, debit_credit: bool) -> String {
    let mut entries = std::collections::BTreeSet::new();
    let mut total: i64 = 0;
    for i in 0..TRANS {
        let (account, _, project, month, ore) = transaction(i);
        entries.insert((month, account, project));
        total += ore;
    }
    let expected = format!("{} {} 0", entries.len(), Decimal::new(total, 2));
    if path.is_file() {
        return expected;
    }
    eprintln!("generating {} …", path.display());
    let mut w = BufWriter::with_capacity(1 << 20, std::fs::File::create(path).expect("create"));
    match debit_credit {
        false => writeln!(w, "Period;Konto;Projekt;Belopp;Ansvar"),
        true => writeln!(w, "Period;Konto;Projekt;Debet;Kredit;Ansvar"),
    }
    .expect("write");
    for i in 0..TRANS {
        let (account, ansvar, project, month, ore) = transaction(i);
        let amount = match (debit_credit, ore < 0) {
            (false, _) => kr(ore),
            (true, false) => format!("{};", kr(ore)),
            (true, true) => format!(";{}", kr(-ore)),
        };
        writeln!(
            w,
            "2023{month:02};{account};P{project};{};{ansvar}",
            amount.replace('.', ",")
        )
        .expect("write");
    }
    w.flush().expect("flush");
    expected
}
