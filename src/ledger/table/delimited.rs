//! The CSV form of a ledger table: the delimiter sniffed, the records read with the
//! `csv` crate into the table reader's [`Sums`], and a large file read on two threads.
//!
//! The two-thread read finds the header in the file's head, cuts the rest at a line
//! start past its middle and reads both parts with the plain reader (`plain`), which
//! cuts lines and fields itself. A line start is a record start only when no field is
//! quoted (a quoted field may hold a line break), so when either part has a `"` (or a
//! lone `\r`, which the `csv` crate takes as a line end) the file is read again on one
//! thread with the `csv` crate. The second part's sums, names, line numbers and
//! findings are joined into the first part's, so that the result is exactly the
//! one-thread read's (tests in `ledger::tests::split`).

use super::*;
use crate::csv_lines::{Lines, line_breaks};
use std::io::{Seek, SeekFrom};
use std::path::Path;

mod plain;
use plain::Plain;

/// The delimiter of a CSV: the one of `;`, tab and `,` with which a line of its head
/// names the most of the table's columns (a title above the header, `Urval: period
/// 202301-202304, konto 4000-7999`, names fewer than the header does); when none
/// tells, the one that occurs most often in its header line (the first line naming
/// `Konto`), else in its first non-empty line.
fn sniff_delimiter(head: &[u8]) -> u8 {
    let lines = || head.split(|b| *b == b'\n').filter(|l| !trim(l).is_empty());
    let candidates = [b';', b'\t', b','];
    let named = |d: u8| {
        (lines().take(HEADER_SEARCH_ROWS))
            .map(|line| {
                let fields = line.split(|b| *b == d).map(|f| {
                    let f = trim(f);
                    let f = f.strip_prefix(b"\"").unwrap_or(f);
                    text_of(f.strip_suffix(b"\"").unwrap_or(f)).into_owned()
                });
                let fields: Vec<String> = fields.collect();
                Columns::from_header(fields.iter().enumerate().map(|(i, t)| (i, t.as_str())))
                    .found()
            })
            .max()
            .unwrap_or(0)
    };
    let found = candidates.map(named);
    let most = found.iter().copied().max().unwrap_or(0);
    if most >= 2 && found.iter().filter(|f| **f == most).count() == 1 {
        let at = found.iter().position(|f| *f == most).unwrap_or(0);
        return candidates[at];
    }
    let header = lines()
        .take(HEADER_SEARCH_ROWS)
        .find(|l| l.to_ascii_lowercase().windows(5).any(|w| w == b"konto"))
        .or_else(|| lines().next())
        .unwrap_or(b"");
    let count = |d: u8| header.iter().filter(|b| **b == d).count();
    [b';', b'\t', b',']
        .into_iter()
        .max_by_key(|d| (count(*d), matches!(d, b';')))
        .filter(|d| count(*d) > 0)
        .unwrap_or(b';')
}

fn field(record: &csv::ByteRecord, at: Option<usize>) -> &[u8] {
    at.and_then(|i| record.get(i)).unwrap_or(b"")
}

fn text_of(raw: &[u8]) -> std::borrow::Cow<'_, str> {
    match std::str::from_utf8(raw) {
        Ok(t) => std::borrow::Cow::Borrowed(t),
        Err(_) => encoding_rs::WINDOWS_1252.decode_without_bom_handling(raw).0,
    }
}

fn csv_amount(raw: &[u8]) -> Result<Decimal, (String, NotAmount)> {
    let text = text_of(raw);
    let t = text.trim();
    if t.is_empty() {
        return Ok(Decimal::ZERO);
    }
    parse_amount_text(t).map_err(|why| (t.to_string(), why))
}

/// Reads a CSV ledger report.
pub fn read_csv(input: impl Read, file: &str, opts: &ReadOptions) -> Actuals {
    let mut part = Part::new(file, opts, None, None);
    match part.feed(input) {
        Ok(_) => part.finish(),
        Err(unreadable) => unreadable,
    }
}

/// Reads the CSV file at `path`, on two threads when it is large and has no quoted
/// field; the result equals [`read_csv`]'s on the same bytes.
pub fn read_csv_split(path: &Path, file: &str, opts: &ReadOptions) -> Actuals {
    let io = |e: std::io::Error| {
        Actuals::unreadable(file, Some(Form::Csv), UnreadableActuals::Io(e.to_string()))
    };
    let whole = || match std::fs::File::open(path) {
        Ok(f) => read_csv(f.take(super::super::MAX_TEXT_BYTES), file, opts),
        Err(e) => io(e),
    };
    let plan = match split_plan(path, file, opts) {
        Ok(Some(plan)) if plan.at > plan.start => plan,
        Ok(_) => return whole(),
        Err(e) => return io(e),
    };
    // Both parts read with the delimiter and the columns of the file's header; the
    // first starts after the header, with the characters seen up to it.
    let part = |from: u64, len: u64, first_line: u64, utf8: bool| {
        let mut part = Part::new(file, opts, Some(plan.delimiter), Some(plan.columns));
        part.utf8 = utf8;
        let read = std::fs::File::open(path)
            .and_then(|mut f| f.seek(SeekFrom::Start(from)).map(|_| f))
            .map_err(|e| part.io(e.to_string()))
            .and_then(|f| part.feed_plain(f.take(len), plan.columns, first_line));
        part.sums.order_by_names(part.utf8);
        read.map(|read| (part, read))
    };
    let (first, second) = rayon::join(
        || part(plan.start, plan.at - plan.start, plan.start_line, plan.utf8),
        || {
            let rest = super::super::MAX_TEXT_BYTES.saturating_sub(plan.at);
            part(plan.at, rest, 1, true)
        },
    );
    match (first, second) {
        (Ok((mut first, Plain::Read { next_line })), Ok((second, Plain::Read { .. })))
            if !first.sums.order_matters && !second.sums.order_matters =>
        {
            match first.absorb(second, next_line - 1) {
                true => first.finish_joined().unwrap_or_else(whole),
                false => whole(),
            }
        }
        (Err(e), _) | (_, Err(e)) => e,
        _ => whole(),
    }
}

/// Where a CSV file is cut, and what its head says.
struct SplitPlan {
    /// The first part's start: the line after the header.
    start: u64,
    /// The number of that line.
    start_line: u64,
    /// Whether the lines up to the header are UTF-8.
    utf8: bool,
    /// The second part's start: the first line start after the middle.
    at: u64,
    columns: Columns,
    delimiter: u8,
}

/// The cut of a large CSV file: the first line start after its middle, when its
/// header is found in its head and the head has no `"`; else `None` (one thread).
/// Quotes further on are seen by the parts themselves.
fn split_plan(path: &Path, file: &str, opts: &ReadOptions) -> std::io::Result<Option<SplitPlan>> {
    let mut f = std::fs::File::open(path)?;
    let size = f.metadata()?.len();
    let mut head = Vec::new();
    (&mut f).take(SNIFF_BYTES).read_to_end(&mut head)?;
    if memchr::memchr(b'"', &head).is_some() {
        return Ok(None);
    }
    let mut probe = Part::new(file, opts, None, None);
    probe.header_only = true;
    if probe.feed(&head[..]).is_err() {
        return Ok(None);
    }
    let (Some(columns), Some(delimiter), Some(end)) =
        (probe.columns, probe.delimiter, probe.header_end)
    else {
        return Ok(None);
    };
    // The plain reader keys rows by period, account and project as written: a
    // month whose year stands in a column of its own is read on one thread.
    // So is a report with a column per month.
    if columns.year.is_some() || columns.by_month() {
        return Ok(None);
    }
    // The header record ends at `end`: after its `\n`, or between the `\r` and the
    // `\n` of a CR LF. Any other end (a lone `\r`) is left to the one-thread read.
    let end = end as usize;
    let start = match (head.get(end.wrapping_sub(1)), head.get(end)) {
        (Some(b'\n'), _) => end,
        (Some(b'\r'), Some(b'\n')) => end + 1,
        _ => return Ok(None),
    };
    let mid = size / 2;
    f.seek(SeekFrom::Start(mid))?;
    let mut window = Vec::new();
    (&mut f).take(SNIFF_BYTES).read_to_end(&mut window)?;
    Ok(memchr::memchr(b'\n', &window).map(|nl| SplitPlan {
        start: start as u64,
        // Line breaks as the one-thread read counts them (a lone `\r` in a title
        // line above the header is one).
        start_line: line_breaks(&head[..start]).count() as u64 + 1,
        utf8: probe.utf8,
        at: mid + nl as u64 + 1,
        columns,
        delimiter,
    }))
}

/// The reading of one CSV stream (a whole file, or a part of one).
struct Part<'o> {
    file: &'o str,
    sums: Sums,
    /// The header's columns, once found (given for the second part of a file).
    columns: Option<Columns>,
    /// The best header candidate so far, for the missing-columns finding.
    best: Columns,
    utf8: bool,
    /// Records looked at for the header.
    seen: usize,
    /// The record before this one while the header is looked for (its line and
    /// fields' texts): the upper row of a header of two rows.
    above: Option<(u64, Heads)>,
    /// The first record is still to come (its BOM, if any, is dropped).
    first: bool,
    /// Stop at the header (the look at a file's head before cutting it).
    header_only: bool,
    /// The delimiter, when given (both parts of a file take the one of its head).
    delimiter: Option<u8>,
    /// Where the header record ends in the stream (after its line break).
    header_end: Option<u64>,
    /// The header names one money column twice: the reason and the header's line.
    refused: Option<(UnreadableActuals, u64)>,
    /// The bound on distinct keys ([`ReadOptions::too_many_keys`]).
    opts: ReadOptions,
}

impl<'o> Part<'o> {
    fn new(
        file: &'o str,
        opts: &ReadOptions,
        delimiter: Option<u8>,
        columns: Option<Columns>,
    ) -> Self {
        let mut sums = Sums::new(file, opts);
        sums.columns = columns.unwrap_or_default();
        Part {
            file,
            sums,
            columns,
            best: Columns::default(),
            utf8: true,
            seen: 0,
            above: None,
            first: columns.is_none(),
            header_only: false,
            delimiter,
            header_end: None,
            refused: None,
            opts: *opts,
        }
    }

    /// `unreadable-actuals` when the part holds more distinct keys and names (and
    /// `more`, the plain reader's spellings) than a ledger has: checked now and
    /// then, so that a file of endless distinct keys stops before it fills memory.
    fn check_keys(&self, more: usize) -> Result<(), Actuals> {
        let s = &self.sums;
        let held = s.slots.len() + s.accounts.names.len() + s.projects.names.len() + more;
        match self.opts.too_many_keys(held) {
            Some(why) => Err(Actuals::unreadable(self.file, Some(Form::Csv), why)),
            None => Ok(()),
        }
    }

    /// Reads `input` to its end (or, without a header, to the end of the header
    /// search); returns the number of the line after the last one read (a part that
    /// ends with a line break: its line breaks + 1). `Err` is the file's
    /// `unreadable-actuals` (an I/O error).
    fn feed(&mut self, mut input: impl Read) -> Result<u64, Actuals> {
        let mut head = Vec::new();
        if let Err(e) = (&mut input).take(SNIFF_BYTES).read_to_end(&mut head) {
            return Err(self.io(e.to_string()));
        }
        let delimiter = *self.delimiter.get_or_insert_with(|| sniff_delimiter(&head));
        // A BOM is dropped from the first field only when the file starts with one.
        self.first &= head.starts_with(b"\xEF\xBB\xBF");
        let stream = Lines::new(std::io::Cursor::new(head).chain(input));
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .buffer_capacity(1 << 20)
            .from_reader(stream);
        let mut record = csv::ByteRecord::new();
        let mut records = 0u32;
        loop {
            records = records.wrapping_add(1);
            if records.is_multiple_of(16_384) {
                self.check_keys(0)?;
            }
            let read = reader.read_byte_record(&mut record);
            let end = reader.position().byte();
            let line = reader.get_mut().line_of(end, record.as_slice());
            match read {
                Ok(true) => {}
                Ok(false) => {
                    self.check_keys(0)?;
                    return Ok(self.done(reader.get_ref()));
                }
                Err(e) => {
                    if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                        return Err(self.io(e.to_string()));
                    }
                    self.sums.rows_read += 1;
                    self.sums.invalid(
                        Place::Line(line),
                        PERIOD,
                        e.to_string(),
                        ActualsExpected::Period,
                    );
                    continue;
                }
            }
            let had_header = self.columns.is_some();
            let go_on = self.record(&mut record, line);
            if !had_header && self.columns.is_some() {
                self.header_end = Some(end);
            }
            if !go_on {
                return Ok(self.done(reader.get_ref()));
            }
        }
    }

    /// The end of a feed: the number of the line after the last one read.
    fn done<R: Read>(&mut self, lines: &Lines<R>) -> u64 {
        lines.lines_seen() + 1
    }

    fn io(&self, why: String) -> Actuals {
        Actuals::unreadable(self.file, Some(Form::Csv), UnreadableActuals::Io(why))
    }

    /// One record; `false` when the reading stops (no header in the first rows, or
    /// the header found by a look at the head only).
    fn record(&mut self, record: &mut csv::ByteRecord, line: u64) -> bool {
        if self.first {
            self.first = false;
            if let Some(f0) = record.get(0)
                && f0.starts_with(b"\xEF\xBB\xBF")
            {
                let fields: Vec<Vec<u8>> = record
                    .iter()
                    .enumerate()
                    .map(|(i, f)| if i == 0 { f[3..].to_vec() } else { f.to_vec() })
                    .collect();
                let pos = record.position().cloned();
                *record = csv::ByteRecord::from(fields);
                record.set_position(pos);
            }
        }
        let all = record.as_slice();
        if self.utf8 && !all.is_ascii() && std::str::from_utf8(all).is_err() {
            self.utf8 = false;
        }
        let Some(cols) = &self.columns else {
            self.seen += 1;
            let own: Heads = (record.iter().enumerate())
                .map(|(i, f)| (i, text_of(f).into_owned()))
                .collect();
            // A header of two rows (the row above joined with this one) before
            // this row alone, whose months are named twice.
            let joined = (self.above.take())
                .filter(|(at, _)| at + 1 == line)
                .and_then(|(_, above)| two_row_header(&above, &own));
            for texts in [joined.as_ref(), Some(&own)].into_iter().flatten() {
                let found = Columns::from_header(texts.iter().map(|(i, t)| (*i, t.as_str())));
                if found.missing().is_empty() {
                    let text = |i: usize| headings::head_text(texts, i);
                    if let Some(why) = found
                        .ambiguous(text)
                        .or_else(|| found.wrong_unit(text, self.sums.unit).map(|(_, why)| why))
                    {
                        self.refused = Some((why, line));
                        return false;
                    }
                    self.columns = Some(found);
                    self.sums.set_header(found, text);
                    return !self.header_only;
                } else if found.found() > self.best.found() {
                    self.best = found;
                }
            }
            self.above = Some((line, own));
            return self.seen < HEADER_SEARCH_ROWS;
        };
        if record.iter().all(|f| trim(f).is_empty()) {
            return true;
        }
        Self::data_row(
            &mut self.sums,
            |at| field(record, at),
            || record.iter(),
            cols,
            line,
        );
        true
    }

    /// One data row (not blank), its fields given by column; `all` gives every
    /// field, for a total row's label.
    fn data_row<'r, I: IntoIterator<Item = &'r [u8]>>(
        sums: &mut Sums,
        field: impl Fn(Option<usize>) -> &'r [u8],
        all: impl Fn() -> I,
        cols: &Columns,
        line: u64,
    ) {
        // A field past the header's: an amount cut at its decimal comma in a
        // comma-delimited file, most likely; the row is not summed as it stands.
        if let Some(extra) = all()
            .into_iter()
            .skip(cols.width)
            .find(|f| !trim(f).is_empty())
        {
            let found = text_of(extra).trim().to_string();
            return sums.extra_fields(line, found, cols.width);
        }
        let fields = || {
            all()
                .into_iter()
                .enumerate()
                .map(|(i, f)| (i, text_of(f).into_owned()))
                .collect()
        };
        if cols.by_month() {
            let year = cols.year.map(|_| text_of(field(cols.year)));
            return sums.by_month_row(
                |_| Place::Line(line),
                year.as_deref().unwrap_or_default(),
                field(cols.account),
                field(cols.project),
                |col| !trim(field(Some(col))).is_empty(),
                |col| csv_amount(field(Some(col))),
                fields,
            );
        }
        let period_text = text_of(field(cols.period));
        let year = cols.year.map(|_| text_of(field(cols.year)));
        let period =
            period_of(&period_text, year.as_deref()).ok_or_else(|| period_text.trim().to_string());
        let (amount, amount_column) = cols.amount(|col| csv_amount(field(col)));
        let row = Row {
            place: Place::Line(line),
            period,
            account: field(cols.account),
            project: field(cols.project),
            amount,
            amount_column,
            budget: cols
                .budget
                .filter(|_| !trim(field(cols.budget)).is_empty())
                .map(|_| csv_amount(field(cols.budget))),
        };
        sums.row(row, fields);
    }

    /// The one-thread read's actuals.
    fn finish(self) -> Actuals {
        let file = self.file;
        self.finish_joined()
            .unwrap_or_else(|| sums::overflowed(file, Form::Csv))
    }

    /// The actuals; `None` when the joined parts' sums of one key together leave
    /// the range of exact amounts (see [`Sums::finish`]).
    fn finish_joined(self) -> Option<Actuals> {
        if let Some((why, line)) = self.refused {
            let refused = Actuals::unreadable(self.file, Some(Form::Csv), why);
            return Some(refused.located(|f| f.at_line(line)));
        }
        if self.columns.is_none() {
            return Some(Actuals::unreadable(
                self.file,
                Some(Form::Csv),
                self.best.not_found(),
            ));
        }
        self.sums.finish(Form::Csv, self.utf8)
    }

    /// Joins into this part (the first of a file, `lines` line breaks long) the part
    /// that follows it: names re-numbered, sums added, line numbers moved on.
    fn absorb(&mut self, other: Part<'_>, lines: u64) -> bool {
        self.utf8 &= other.utf8;
        self.sums.absorb(other.sums, lines)
    }
}

impl Sums {
    /// Appends the part that follows (`lines` line breaks after this one's start):
    /// its names re-numbered, its slots after this part's, line numbers moved on. A
    /// key read in both parts stands in two slots until [`Sums::finish`] merges
    /// them in reading order; no look-up per slot here. `false` when a total row's
    /// sums leave the range of exact amounts (the file is then read on one thread).
    fn absorb(&mut self, other: Sums, lines: u64) -> bool {
        let moved = |p: Place| match p {
            Place::Line(n) => Place::Line(n + lines),
            cell => cell,
        };
        let accounts = self.accounts.ids_of(&other.accounts);
        let projects = self.projects.ids_of(&other.projects);
        self.joined = true;
        self.slots.extend(
            other
                .slots
                .into_iter()
                .map(|((period, account, project), mut e)| {
                    e.first = e.first.map(moved);
                    let project = match project {
                        NO_PROJECT => NO_PROJECT,
                        p => projects[p as usize],
                    };
                    ((period, accounts[account as usize], project), e)
                }),
        );
        self.rows_read += other.rows_read;
        self.invalid_rows += other.invalid_rows;
        for mut f in other.findings {
            f.line = f.line.map(|n| n + lines);
            let place = Place::Line(f.line.unwrap_or(0));
            if self.findings.len() < NAMED_ROWS && self.more_rows.is_none() {
                self.findings.push(f);
            } else {
                self.more_rows.get_or_insert(place);
            }
        }
        if let Some(p) = other.more_rows {
            self.more_rows.get_or_insert(moved(p));
        }
        for (kind, noted) in other.not_data.into_iter().enumerate() {
            if let Some(n) = noted {
                self.note_not_data(kind, moved(n.place), n.text, n.rows);
            }
        }
        // A total row past the cut compares with the rows above it on both sides.
        self.totals.absorb(other.totals, moved)
    }
}
