//! The end of an SIE read: the file refused as a whole, or the rows that count (the
//! balances or the transactions, with the budget) made entries by name, and the
//! findings that close the read (the invalid rows not named, mixed object rows).

use super::*;

/// Summed rows of one (month, account, project), before the names are decoded.
type Rows = Vec<(HotKey, Acc)>;

/// The first (year, month, account) whose balances were read in a way that needs
/// saying (`mixed-object-rows`), with the line of its first row.
type Mixed = Option<(u64, GroupKey, ObjectReading)>;

impl State<'_> {
    pub(super) fn finish(mut self) -> Actuals {
        self.decode_found();
        if let Some(refused) = self.refusal() {
            return refused;
        }
        let mut overflow = self.overflow;
        let mut mixed: Mixed = None;
        let (actual, rows_from_actual) = self.actual_rows(&mut mixed, &mut overflow);
        let mut budget = Rows::new();
        overflow |= !resolve(&self.pbudget, &mut budget, &mut mixed);
        let rows_read = self.invalid_rows + self.pbudget_rows + rows_from_actual;
        let entries = self.entries(actual, budget, &mut overflow);
        if overflow {
            // Only reachable beyond the amount bounds; refuse the file rather than
            // report a sum that is not the file's.
            return self.unreadable(UnreadableActuals::Internal(
                "a sum exceeds the range of exact amounts".to_string(),
            ));
        }
        self.closing_findings(mixed);
        Actuals {
            file: self.file,
            form: Some(Form::Sie {
                sie_type: self.sie_type.unwrap_or(0),
            }),
            sheets: Vec::new(),
            rows_read,
            entries,
            findings: self.findings,
        }
    }

    /// The file as a whole refused: not SIE, a failed or missing checksum, no rows.
    fn refusal(&mut self) -> Option<Actuals> {
        if self.not_sie {
            self.line_no = 1;
            return Some(self.unreadable(UnreadableActuals::NotLedger {
                extension: String::new(),
            }));
        }
        if let Some(why) = self.checksum_failure.take() {
            self.line_no = self.checksum_line;
            return Some(self.unreadable(why));
        }
        if matches!(self.checksum, Checksum::Open(_)) {
            return Some(self.unreadable(UnreadableActuals::ChecksumMissing));
        }
        if self.psaldo_rows + self.pbudget_rows + self.trans_rows + self.invalid_rows == 0 {
            self.line_no = 1;
            return Some(self.unreadable(UnreadableActuals::NoPeriodRows {
                sie_type: self.sie_type.unwrap_or(0),
            }));
        }
        None
    }

    /// The actuals' rows: the balances (`#PSALDO`) when any holds the project
    /// dimension or there are no transactions, else the transactions; and how many
    /// source rows they are.
    fn actual_rows(&mut self, mixed: &mut Mixed, overflow: &mut bool) -> (Rows, u64) {
        if self.psaldo_has_project || !self.trans_seen {
            let mut actual = Rows::new();
            *overflow |= !resolve(&self.psaldo, &mut actual, mixed);
            return (actual, self.psaldo_rows);
        }
        // Exactly as many rows as keys: a grown vector's last doubling would hold up
        // to twice that at the read's peak of memory.
        let mut actual = Rows::with_capacity(self.trans.len());
        for (k, a) in std::mem::take(&mut self.trans) {
            let group = GroupKey {
                year: (k.period >> 4) as i32,
                month: (k.period & 15) as u8,
                account: k.account,
            };
            let Some(a) = a.acc() else {
                *overflow = true;
                continue;
            };
            actual.push((
                HotKey {
                    group,
                    project: k.project,
                },
                a,
            ));
        }
        (actual, self.trans_rows)
    }

    /// The entries by name: each account and project decoded once, then summed per
    /// (year, month, account, project) as named (two codes can decode alike). Built
    /// as one vector, each list of rows freed once it is in, sorted in place and
    /// merged in place, so that no second container holds them: the read's peak of
    /// memory is here, and a stable sort's scratch space would add half the vector
    /// again. Equal names are ordered the actuals before the budget, then by their
    /// first line (a line is one row, so one code), so the order is total and the
    /// merge the same on every run.
    fn entries(&self, actual: Rows, budget: Rows, overflow: &mut bool) -> Entries {
        let utf8 = self.utf8;
        let accounts: Vec<String> = self
            .accounts
            .names
            .iter()
            .map(|n| decode(n, utf8))
            .collect();
        let projects: Vec<Option<String>> = self
            .projects
            .names
            .iter()
            .map(|n| Some(decode(n, utf8).trim().to_string()).filter(|p| !p.is_empty()))
            .collect();
        let mut entries: Vec<(Key, Entry)> = Vec::with_capacity(actual.len() + budget.len());
        for (is_budget, list) in [(false, actual), (true, budget)] {
            for (hot, acc) in list {
                let key = Key {
                    year: hot.group.year,
                    month: hot.group.month,
                    account: accounts[hot.group.account as usize].clone(),
                    project: match hot.project {
                        NO_PROJECT => None,
                        p => projects[p as usize].clone(),
                    },
                };
                let entry = Entry {
                    actual: if is_budget { Decimal::ZERO } else { acc.sum },
                    budget: is_budget.then_some(acc.sum),
                    rows: acc.rows,
                    first: Some(Place::Line(acc.first)),
                };
                entries.push((key, entry));
            }
        }
        entries.sort_unstable_by(|a, b| {
            let tie = |e: &Entry| (e.budget.is_some(), e.first);
            a.0.cmp(&b.0).then_with(|| tie(&a.1).cmp(&tie(&b.1)))
        });
        entries.dedup_by(|later, kept| {
            let same = later.0 == kept.0;
            if same && !kept.1.merge(&later.1) {
                *overflow = true;
            }
            same
        });
        Entries::from_sorted(entries)
    }

    /// The invalid rows beyond those named, counted in one finding; the first
    /// `mixed-object-rows`.
    fn closing_findings(&mut self, mixed: Mixed) {
        if let Some(line) = self.more_rows_line {
            let rows = self.invalid_rows - self.findings.len() as u64;
            self.findings.push(
                Finding::new(Kind::InvalidActualsRow {
                    column: None,
                    found: String::new(),
                    expected: ActualsExpected::MoreRows { rows },
                })
                .in_file(&self.file)
                .at_line(line),
            );
        }
        if let Some((line, key, reading)) = mixed {
            self.findings.push(
                Finding::new(Kind::MixedObjectRows {
                    account: decode(&self.accounts.names[key.account as usize], self.utf8),
                    year: key.year,
                    month: key.month,
                    reading,
                })
                .in_file(&self.file)
                .at_line(line),
            );
        }
    }
}

/// The rows of every (year, month, account) of `groups` as [`Group::resolve`] reads
/// them, appended to `out`; the first group read in a way that needs saying is kept
/// in `mixed`. `false` when a sum overflowed.
fn resolve(groups: &FxMap<GroupKey, Group>, out: &mut Rows, mixed: &mut Mixed) -> bool {
    let mut ok = true;
    for (key, group) in groups {
        let (resolved, reading) = group.resolve();
        let Some(resolved) = resolved else {
            ok = false;
            continue;
        };
        if let Some(reading) = reading {
            let line = resolved.iter().map(|(_, a)| a.first).min().unwrap_or(0);
            if mixed.is_none_or(|(l, _, _)| line < l) {
                *mixed = Some((line, *key, reading));
            }
        }
        out.extend(resolved.into_iter().map(|(project, acc)| {
            (
                HotKey {
                    group: *key,
                    project,
                },
                acc,
            )
        }));
    }
    ok
}
