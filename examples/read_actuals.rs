//! Reads ledger exports (SIE, CSV, workbook) with the follow-up's actuals reader and
//! prints, per file, what was read: form, rows, entries, the nothing-lost check and
//! the findings. The benchmark measures the readers through this program.
//!
//! `cargo run --release --example read_actuals -- FILE...`

use budget_consolidator::lang::Lang;
use budget_consolidator::ledger::{self, ReadOptions};
use rust_decimal::Decimal;
use std::path::Path;

fn main() {
    let opts = ReadOptions::default();
    let mut failed = false;
    for arg in std::env::args().skip(1) {
        let path = Path::new(&arg);
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| arg.clone());
        let a = ledger::read(path, &name, &opts);
        let actual: Decimal = a.entries.values().map(|e| e.actual).sum();
        let budget: Decimal = a.entries.values().filter_map(|e| e.budget).sum();
        let balanced = a.rows_read == a.rows_in_entries() + a.rows_in_findings();
        failed |= !balanced;
        println!(
            "{name}\tform={:?}\trows={}\tentries={}\tin_entries={}\tin_findings={}\tbalanced={balanced}\tactual={actual}\tbudget={budget}",
            a.form,
            a.rows_read,
            a.entries.len(),
            a.rows_in_entries(),
            a.rows_in_findings(),
        );
        for f in &a.findings {
            println!(
                "  {} {} {}: {}",
                f.severity.as_str(),
                f.code().as_str(),
                f.place(Lang::En),
                f.message(Lang::En)
            );
        }
    }
    if failed {
        std::process::exit(1);
    }
}
