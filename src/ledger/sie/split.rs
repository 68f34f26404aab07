//! A large SIE file read on two threads: cut at a `#VER` line near its middle, each
//! half streamed by its own reader state, the second half's sums, names and line
//! numbers then joined into the first's, so that the result is exactly the one-thread
//! read's.
//!
//! The cut is safe at a `#VER` line: what a record depends on from the lines before it
//! (the voucher's date, the `#RTRANS` that a `#TRANS` repeats) never reaches past a
//! `#VER`, and a `#VER` line is a line start in any reading, as SIE never continues a
//! record on the next line. A file with `#KSUMMA` is read on one thread, as its
//! checksum runs over every record in order.

use super::*;
use std::collections::hash_map::Entry as Slot;
use std::io::{Seek, SeekFrom};
use std::path::Path;

/// Files at least this large are read on two threads ([`read_split`]); smaller ones
/// take less time than a thread costs to start.
pub const SPLIT_BYTES: u64 = 16 << 20;

/// Reads the SIE file at `path` on two threads, when it has a `#VER` line past its
/// middle and no `#KSUMMA`; else on one. The result equals [`read`]'s on the same bytes.
pub fn read_split(path: &Path, file: &str, opts: &ReadOptions) -> Actuals {
    let io =
        |e: std::io::Error| Actuals::unreadable(file, None, UnreadableActuals::Io(e.to_string()));
    let whole = || match std::fs::File::open(path) {
        Ok(f) => read(f.take(super::super::MAX_TEXT_BYTES), file, opts),
        Err(e) => io(e),
    };
    let at = match split_point(path) {
        Ok(Some(at)) => at,
        Ok(None) => return whole(),
        Err(e) => return io(e),
    };
    fn part<'o>(path: &Path, from: u64, len: u64, state: State<'o>) -> Result<State<'o>, Actuals> {
        let io = |e: std::io::Error| state.unreadable(UnreadableActuals::Io(e.to_string()));
        let mut f = std::fs::File::open(path).map_err(io)?;
        f.seek(SeekFrom::Start(from)).map_err(io)?;
        feed(state, f.take(len))
    }
    let (first, second) = rayon::join(
        || part(path, 0, at, State::new(file, opts)),
        || {
            let mut state = State::new(file, opts);
            state.first_record = false;
            // An opening `#KSUMMA` counts only as the first records of a file.
            state.records = 2;
            part(
                path,
                at,
                super::super::MAX_TEXT_BYTES.saturating_sub(at),
                state,
            )
        },
    );
    let (mut first, second) = match (first, second) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(e), _) | (_, Err(e)) => return e,
    };
    if first.not_sie {
        // The first record is no SIE record: the file is refused as a whole, and
        // nothing of its second half counts (not even a `#SIETYP` there).
        return first.finish();
    }
    if !matches!(first.checksum, Checksum::Off) {
        // A `#KSUMMA` the look at the head missed: its check needs every record in order.
        return whole();
    }
    first.absorb(second);
    first.finish()
}

/// The start of the first `#VER` line after the middle of the file, unless the file's
/// head holds a `#KSUMMA` (or there is no such line within a block).
fn split_point(path: &Path) -> std::io::Result<Option<u64>> {
    let mut f = std::fs::File::open(path)?;
    let size = f.metadata()?.len();
    let mut head = Vec::new();
    (&mut f).take(LINE_LIMIT as u64).read_to_end(&mut head)?;
    head.make_ascii_lowercase();
    if memchr::memmem::find(&head, b"#ksumma").is_some() {
        return Ok(None);
    }
    let mid = size / 2;
    f.seek(SeekFrom::Start(mid))?;
    let mut window = Vec::new();
    (&mut f).take(BLOCK as u64).read_to_end(&mut window)?;
    let mut i = 0;
    // A line starts after any line end: `\n`, CR LF or a `\r` alone.
    while let Some(nl) = memchr::memchr2(b'\n', b'\r', &window[i..]) {
        let start = i + nl + 1;
        let rest = trim(&window[start..]);
        if rest.len() > 4
            && rest[..4].eq_ignore_ascii_case(b"#VER")
            && matches!(rest[4], b' ' | b'\t')
        {
            return Ok(Some(mid + start as u64));
        }
        i = start;
    }
    Ok(None)
}

impl State<'_> {
    /// Joins into this state (the first part of a file) the state of the part that
    /// follows it: names re-numbered, sums added, line numbers moved on.
    fn absorb(&mut self, other: State<'_>) {
        let offset = self.line_no - 1;
        let accounts = self.accounts.ids_of(&other.accounts);
        let projects = self.projects.ids_of(&other.projects);
        let project = |p: u32| match p {
            NO_PROJECT => NO_PROJECT,
            p => projects[p as usize],
        };
        self.add_counts(&other);
        self.absorb_trans(other.trans, offset, &accounts, &project);
        for (budget, groups) in [(false, other.psaldo), (true, other.pbudget)] {
            self.absorb_groups(budget, groups, offset, &accounts, &project);
        }
        self.absorb_findings(other.findings, other.found, offset);
        if let Some(line) = other.more_rows_line {
            self.more_rows_line.get_or_insert(line + offset);
        }
        self.line_no = other.line_no + offset;
    }

    /// The later part's flags and counts of rows and records, added to this part's.
    fn add_counts(&mut self, other: &State<'_>) {
        self.utf8 &= other.utf8;
        if other.sie_type.is_some() {
            self.sie_type = other.sie_type;
        }
        self.records += other.records;
        self.psaldo_has_project |= other.psaldo_has_project;
        self.trans_seen |= other.trans_seen;
        self.invalid_rows += other.invalid_rows;
        self.psaldo_rows += other.psaldo_rows;
        self.pbudget_rows += other.pbudget_rows;
        self.trans_rows += other.trans_rows;
        self.overflow |= other.overflow;
    }

    /// The later part's `#TRANS` sums, under this part's numbers for its accounts
    /// and projects and with its lines moved on by `offset`.
    fn absorb_trans(
        &mut self,
        trans: FxMap<TransKey, TransAcc>,
        offset: u64,
        accounts: &[u32],
        project: &impl Fn(u32) -> u32,
    ) {
        for (k, mut a) in trans {
            a.first += offset;
            let key = TransKey {
                period: k.period,
                account: accounts[k.account as usize],
                project: project(k.project),
            };
            match self.trans.entry(key) {
                Slot::Occupied(mut e) => {
                    let e = e.get_mut();
                    match e.units.checked_add(a.units) {
                        Some(sum) => e.units = sum,
                        None => self.overflow = true,
                    }
                    e.scale = e.scale.max(a.scale);
                    e.rows = e.rows.saturating_add(a.rows);
                    e.first = e.first.min(a.first);
                }
                Slot::Vacant(e) => {
                    e.insert(a);
                }
            }
        }
    }

    /// The later part's `#PSALDO` groups (or, for `budget`, its `#PBUDGET` ones),
    /// each joined into this part's group of the same (year, month, account).
    fn absorb_groups(
        &mut self,
        budget: bool,
        groups: FxMap<GroupKey, Group>,
        offset: u64,
        accounts: &[u32],
        project: &impl Fn(u32) -> u32,
    ) {
        for (k, g) in groups {
            let key = GroupKey {
                account: accounts[k.account as usize],
                ..k
            };
            let into = match budget {
                false => self.psaldo.entry(key).or_default(),
                true => self.pbudget.entry(key).or_default(),
            };
            self.overflow |= !into.absorb(g, offset, project);
        }
    }

    /// The later part's findings, their lines moved on by `offset`, and the raw
    /// text of the rows they name (`found`, by finding): named while fewer than
    /// [`NAMED_ROWS`] are, else counted from the first line left unnamed.
    fn absorb_findings(
        &mut self,
        findings: Vec<Finding>,
        found: Vec<(usize, Vec<u8>, bool)>,
        offset: u64,
    ) {
        let mut found = found.into_iter().peekable();
        for (i, mut f) in findings.into_iter().enumerate() {
            let line = f.line.map(|l| l + offset);
            f.line = line;
            if let Kind::InvalidActualsRow {
                expected: ActualsExpected::VoucherDate { line, .. },
                ..
            } = &mut f.kind
            {
                *line += offset;
            }
            let raw = found.next_if(|(at, ..)| *at == i);
            if self.findings.len() < NAMED_ROWS {
                if let Some((_, raw, cut)) = raw {
                    self.found.push((self.findings.len(), raw, cut));
                }
                self.findings.push(f);
            } else {
                self.more_rows_line.get_or_insert(line.unwrap_or(0));
            }
        }
    }
}

impl Group {
    /// Adds another part's rows of the same (year, month, account), its line numbers
    /// moved on by `offset` and its projects re-numbered; `false` on an overflow.
    fn absorb(&mut self, other: Group, offset: u64, project: &impl Fn(u32) -> u32) -> bool {
        let moved = |mut a: Acc| {
            a.first += offset;
            a
        };
        let mut ok = true;
        for (mine, theirs) in [
            (&mut self.empty, other.empty),
            (&mut self.other, other.other),
        ] {
            if let Some(theirs) = theirs.map(moved) {
                match mine {
                    Some(mine) => ok &= mine.merge(&theirs),
                    None => *mine = Some(theirs),
                }
            }
        }
        for (mine, theirs) in [
            (&mut self.single, other.single),
            (&mut self.combined, other.combined),
        ] {
            for (p, acc) in theirs {
                let acc = moved(acc);
                ok &= group::slot(mine, project(p), acc.first).merge(&acc);
            }
        }
        for (dim, sum) in other.other_by_dim {
            let s = self.other_by_dim.get_or_insert_with(dim, || Decimal::ZERO);
            match s.checked_add(sum) {
                Some(v) => *s = v,
                None => ok = false,
            }
        }
        ok
    }
}
