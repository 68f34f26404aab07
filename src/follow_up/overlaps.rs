//! Two actuals files with cost in the same months: the same rows twice, or parts of
//! one ledger. Takes the files as read and returns which are counted, with the
//! findings: `overlapping-actuals` when the files share a (month, account, project)
//! in those months — what an older export beside a newer one does — and one of them
//! is left out, so that no krona is counted twice, even with `--partial`;
//! `actuals-in-parts` when they share none — what one export per cost centre
//! (ansvar) for the same months does — and both are counted.
//!
//! Why keys and not amounts: the same bookings exported twice always share their
//! keys, so files that share none cannot be the same rows of one ledger. Files that
//! share keys may still be cost centres booking on the same account and project;
//! the ledger rows carry no cost centre to tell them apart, so the safe reading
//! (one left out) stands, and the message says how to tell and what to do.

use super::{ActualsFile, Join, has_actual};
use crate::finding::{Finding, Kind};
use crate::ledger::Key;
use std::collections::BTreeSet;

/// The cost rows of one file: its (year, month, account, project) keys with an
/// actual, and the months they are in.
struct CostKeys<'a> {
    file: &'a ActualsFile,
    keys: BTreeSet<&'a Key>,
    months: BTreeSet<(i32, u8)>,
}

impl Join<'_> {
    /// The cost keys of a file: cost accounts, months 1–12, an actual.
    fn cost_keys<'f>(&self, file: &'f ActualsFile) -> CostKeys<'f> {
        let cost = &self.input.options.cost_accounts;
        let keys: BTreeSet<&Key> = (file.actuals.entries.iter())
            .filter(|(k, e)| {
                cost.contains(&k.account) && (1..=12).contains(&k.month) && has_actual(e)
            })
            .map(|(k, _)| k)
            .collect();
        let months = keys.iter().map(|k| (k.year, k.month)).collect();
        CostKeys { file, keys, months }
    }

    /// Which files are counted (one flag per actuals file): of two that hold the
    /// same rows in a month, the one whose months the other holds all of is left
    /// out (the older, shorter export); else the later one. Files with the same
    /// months but no row in common are both counted, and said to be.
    pub(super) fn overlaps(&mut self) -> Vec<bool> {
        let files = self.input.actuals;
        let cost: Vec<CostKeys<'_>> = files.iter().map(|f| self.cost_keys(f)).collect();
        let months: Vec<BTreeSet<(i32, u8)>> = cost.iter().map(|c| c.months.clone()).collect();
        let same_rows = |i: usize, j: usize| shared(&cost[i], &cost[j]).0 > 0;
        let (counted, overlaps) = crate::ledger::settle_overlaps(&months, same_rows);
        for o in overlaps {
            let (a, b) = (&cost[o.first], &cost[o.second]);
            let (shared_rows, same_amounts) = shared(a, b);
            let finding = Finding::new(Kind::OverlappingActuals {
                first: a.file.actuals.file.clone(),
                second: b.file.actuals.file.clone(),
                months: o.months,
                left_out: files[o.left_out].actuals.file.clone(),
                shared_rows,
                same_amounts,
            });
            self.findings
                .push(finding.in_file(b.file.actuals.file.clone()));
        }
        // Counted files with the same months and no row in common: parts of one
        // ledger, both counted.
        for j in 0..cost.len() {
            for i in (0..j).filter(|&i| counted[i] && counted[j]) {
                let both: Vec<String> = (cost[i].months.intersection(&cost[j].months))
                    .map(|(y, m)| format!("{y}-{m:02}"))
                    .collect();
                if both.is_empty() {
                    continue;
                }
                let second = cost[j].file.actuals.file.clone();
                let finding = Finding::new(Kind::ActualsInParts {
                    first: cost[i].file.actuals.file.clone(),
                    second: second.clone(),
                    months: both,
                });
                self.findings.push(finding.in_file(second));
            }
        }
        counted
    }
}

/// The keys two files both hold in the months they share, and how many of them
/// have the same actual in both.
fn shared(a: &CostKeys<'_>, b: &CostKeys<'_>) -> (usize, usize) {
    let (mut rows, mut same) = (0, 0);
    for key in a
        .keys
        .iter()
        .filter(|k| b.months.contains(&(k.year, k.month)))
    {
        if b.keys.contains(key) {
            rows += 1;
            let amount = |c: &CostKeys<'_>| c.file.actuals.entries.get(key).map(|e| e.actual);
            same += usize::from(amount(a) == amount(b));
        }
    }
    (rows, same)
}
