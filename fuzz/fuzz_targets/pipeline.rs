//! Arbitrary bytes through the whole per-file pipeline:
//! sniff → open → grid → locate → parse → validate.
//!
//! `load_bytes` has no `catch_unwind` of its own (`load::load` adds it), so a panic
//! in our code, an abort (a huge allocation), a hang or an input that needs more
//! than `-rss_limit_mb` is a finding.
//!
//! One exception: `grid::read_book` wraps calamine in `catch_unwind` and reports a
//! panic there as a damaged file (`unreadable-file`). libfuzzer-sys aborts on every
//! panic before it can unwind, so the hook below lets a panic raised in calamine's
//! own source unwind to that guard; any other panic still aborts. Should a calamine
//! panic ever escape the guard, libfuzzer-sys's own `catch_unwind` aborts on it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(
    init: {
        let abort = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let in_calamine = info
                .location()
                .is_some_and(|at| at.file().contains("/calamine-"));
            if !in_calamine {
                abort(info);
            }
        }));
    },
    |data: &[u8]| {
        let loaded = budget_consolidator::load::load_bytes(
            data,
            "fuzz.xlsx",
            Path::new("fuzz.xlsx"),
            false,
        );
        // A file that yields no area plan must say why.
        assert!(loaded.plan.is_some() || !loaded.findings.is_empty());
    }
);
