//! Arbitrary bytes through the follow-up's actuals readers, the SIE reader and the
//! CSV reader (`ledger::read_bytes`, which has no `catch_unwind`), each input read
//! as both. A panic, an abort (a huge allocation), a hang or an input needing more
//! than `-rss_limit_mb` is a finding; so is a reading that loses a row (the
//! nothing-lost equation) or an unreadable file that still yields entries.
#![no_main]

use budget_consolidator::ledger::{self, ReadOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let opts = ReadOptions::default();
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
