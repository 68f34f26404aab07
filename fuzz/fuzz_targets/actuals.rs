//! Arbitrary bytes through the follow-up's actuals readers, the SIE reader and the
//! CSV reader (`ledger::read_bytes`, which has no `catch_unwind`), each input read
//! as both. A panic, an abort (a huge allocation), a hang or an input needing more
//! than `-rss_limit_mb` is a finding; so is a reading that loses a row (the
//! nothing-lost equation) or an unreadable file that still yields entries, or a
//! two-thread read of the same bytes (the file cut past its middle) that differs
//! from the one-thread read.
#![no_main]

use budget_consolidator::ledger::{self, ReadOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let opts = ReadOptions::default();
    // The two-thread readers read a file; one per process, rewritten per input.
    let path = std::env::temp_dir().join(format!("fuzz-actuals-{}", std::process::id()));
    if std::fs::write(&path, data).is_ok() {
        assert_eq!(
            ledger::sie::read_split(&path, "fuzz.se", &opts),
            ledger::sie::read(data, "fuzz.se", &opts),
            "SIE on two threads"
        );
        assert_eq!(
            ledger::table::read_csv_split(&path, "fuzz.csv", &opts),
            ledger::table::read_csv(data, "fuzz.csv", &opts),
            "CSV on two threads"
        );
    }
    for name in ["fuzz.se", "fuzz.csv"] {
        let read = ledger::read_bytes(data, name, &opts);
        assert_eq!(
            read.rows_read,
            read.rows_in_entries() + read.rows_in_findings(),
            "nothing lost"
        );
        assert!(!read.is_unreadable() || read.entries.is_empty());
    }
});
