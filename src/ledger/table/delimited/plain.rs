//! The reading of a part of a CSV file whose fields are never quoted, as the
//! two-thread read takes it: lines cut at `\n` and fields at the delimiter with
//! `memchr`, nothing copied. A row whose amount and budget are in their plain forms
//! (`1234,50`, `-12.5`, `1000`) is summed here, its key found by the bytes of its
//! period, account and project as written (one look-up for a key seen before, and the
//! key's rules applied once per spelling); every other row goes through
//! [`Part::data_row`], the `csv` crate's path, so both paths read a row alike.
//!
//! A `"`, a `\r` that is not the first half of a CR LF, or a line longer than a
//! block ends the reading with [`Plain::NeedsCsv`]: the `csv` crate's rules for those
//! are not a plain cut, so the caller reads the file with it instead.

use super::*;

/// Bytes read at a time.
const BLOCK: usize = 1 << 20;
/// The longest key (period, account and project as written, joined by the
/// delimiter) looked up by its bytes; a row with a longer one takes the `csv` path.
const KEY_BYTES: usize = 31;
/// A key spelling whose period or account is not valid: its rows take the `csv`
/// path, which names them.
const INVALID: u32 = u32::MAX;

/// How a plain reading ended.
pub(super) enum Plain {
    /// Read to its end; the number of the line after the last one read.
    Read { next_line: u64 },
    /// The part has a quote, a lone `\r` or an overlong line: read it with `csv`.
    NeedsCsv,
}

/// Key spellings seen, by their packed bytes, and the slot each one sums into.
type Spellings = super::super::super::sie::FxMap<[u64; 4], Tally>;

impl Part<'_> {
    /// Reads the data rows of `input` (no header in it) with the header's columns;
    /// `first_line` is the number of its first line in the file.
    pub(super) fn feed_plain(
        &mut self,
        mut input: impl Read,
        cols: Columns,
        first_line: u64,
    ) -> Result<Plain, Actuals> {
        let delimiter = self.delimiter.unwrap_or(b';');
        let mut scan = Scan {
            cols,
            delimiter,
            last: [
                cols.period,
                cols.account,
                cols.project,
                cols.amount,
                cols.budget,
            ]
            .into_iter()
            .flatten()
            .max()
            .unwrap_or(0),
            spellings: Spellings::default(),
            ends: Vec::new(),
            written: 0,
        };
        let mut buf = vec![0u8; BLOCK];
        let mut filled = 0;
        let mut line = first_line;
        loop {
            let n = loop {
                match input.read(&mut buf[filled..]) {
                    Ok(n) => break n,
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                    Err(e) => return Err(self.io(e.to_string())),
                }
            };
            filled += n;
            let at_end = n == 0;
            let upto = match memchr::memrchr(b'\n', &buf[..filled]) {
                _ if at_end => filled,
                Some(nl) => nl + 1,
                None if filled == buf.len() => return Ok(Plain::NeedsCsv),
                None => continue,
            };
            let block = &buf[..upto];
            if memchr::memchr(b'"', block).is_some() {
                return Ok(Plain::NeedsCsv);
            }
            if self.utf8 && simdutf8::basic::from_utf8(block).is_err() {
                self.utf8 = block_is_utf8(block, delimiter);
            }
            let mut crlf = 0;
            let mut start = 0;
            for nl in memchr::memchr_iter(b'\n', block)
                .chain((at_end && upto > 0 && block[upto - 1] != b'\n').then_some(upto))
            {
                let mut text = &block[start..nl];
                if let [rest @ .., b'\r'] = text
                    && nl < upto
                {
                    text = rest;
                    crlf += 1;
                }
                self.plain_row(text, line, &mut scan);
                start = nl + 1;
                line += u64::from(nl < upto);
            }
            if memchr::memchr_iter(b'\r', block).count() != crlf {
                return Ok(Plain::NeedsCsv);
            }
            if at_end {
                self.flush(&mut scan.written);
                self.fold(scan.spellings);
                return Ok(Plain::Read { next_line: line });
            }
            buf.copy_within(upto..filled, 0);
            filled -= upto;
        }
    }

    /// One line (without its line break) of a plain part.
    fn plain_row(&mut self, text: &[u8], line: u64, scan: &mut Scan) {
        let Scan {
            cols, delimiter, ..
        } = *scan;
        // A row of blanks and delimiters only is skipped, as the `csv` path does.
        if text
            .iter()
            .all(|b| *b == delimiter || matches!(b, b' ' | b'\t' | b'\r' | 0xA0))
        {
            return;
        }
        // The ends of the fields up to the last column read; no further.
        let ends = &mut scan.ends;
        ends.clear();
        ends.extend(memchr::memchr_iter(delimiter, text).take(scan.last + 1));
        if ends.len() <= scan.last {
            ends.push(text.len());
        }
        let ends = &scan.ends;
        let field = |at: Option<usize>| -> &[u8] {
            let Some(i) = at.filter(|i| *i < ends.len()) else {
                return b"";
            };
            let from = if i == 0 { 0 } else { ends[i - 1] + 1 };
            &text[from..ends[i]]
        };
        let Some((tally, amount, budget, written)) =
            self.plain_sums(&field, cols, delimiter, &mut scan.spellings)
        else {
            // The rows so far are in the running sum a total row is compared with.
            self.flush(&mut scan.written);
            let all = || text.split(move |b| *b == delimiter);
            return self.data_row(field, all, cols, line);
        };
        self.sums.rows_read += 1;
        scan.written += written;
        match budget {
            // A budget goes straight to the key's slot, with its amount.
            Some(_) => {
                self.sums
                    .add(tally.slot as usize, Place::Line(line), amount, budget);
            }
            None => match tally.actual.checked_add(amount) {
                Some(sum) if tally.rows < u32::MAX => {
                    tally.actual = sum;
                    tally.rows += 1;
                    tally.first = tally.first.min(line);
                }
                // Cannot happen below `ORDER_FREE`; the file is read in one piece.
                _ => self.sums.order_matters = true,
            },
        }
    }

    /// Adds the plain rows' amounts summed since the last flush to the running sum
    /// total rows are compared with.
    fn flush(&mut self, written: &mut i128) {
        if *written == 0 {
            return;
        }
        match Decimal::try_from_i128_with_scale(*written, 2) {
            Ok(sum) => self.sums.totals.count(sum),
            // Cannot happen below `ORDER_FREE`; the file is read in one piece.
            Err(_) => self.sums.order_matters = true,
        }
        *written = 0;
    }

    /// The tally, amount and budget of a row whose amounts are plain and whose key
    /// spelling is known valid (or is new and valid); `None` sends the row to the
    /// `csv` path.
    fn plain_sums<'s, 'r>(
        &mut self,
        field: &impl Fn(Option<usize>) -> &'r [u8],
        cols: Columns,
        delimiter: u8,
        spellings: &'s mut Spellings,
    ) -> Option<(&'s mut Tally, Decimal, Option<Decimal>, i128)> {
        let written = plain_amount(field(cols.amount))?;
        let amount = self.sums.scale(written)?;
        let budget = match cols.budget.map(|_| field(cols.budget)) {
            Some(raw) if !trim(raw).is_empty() => Some(self.sums.scale(plain_amount(raw)?)?),
            _ => None,
        };
        if !order_free(amount) || budget.is_some_and(|b| !order_free(b)) {
            return None;
        }
        let (period, account, project) =
            (field(cols.period), field(cols.account), field(cols.project));
        let packed = pack([period, account, project], delimiter)?;
        let tally = spellings.entry(packed).or_insert_with(|| {
            // A total row (`5410 Summa` as the account) takes the `csv` path, which
            // names it.
            let account_ok = !trim(account).is_empty() && !names_total(account);
            let valid = parse_period(&text_of(period)).filter(|_| account_ok);
            let slot = match valid {
                Some(p) => {
                    let key = self.sums.key(p, trim(account), project);
                    self.sums.slot(key) as u32
                }
                None => INVALID,
            };
            Tally {
                slot,
                rows: 0,
                first: u64::MAX,
                actual: Decimal::ZERO,
            }
        });
        // Plain amounts have at most two decimals: the amount in öre.
        let ore = written.mantissa() * 10i128.pow(2u32.saturating_sub(written.scale()));
        (tally.slot != INVALID).then_some((tally, amount, budget, ore))
    }

    /// Adds each spelling's tally to its key's slot, at the end of the part.
    fn fold(&mut self, spellings: Spellings) {
        for tally in spellings.into_values().filter(|t| t.rows > 0) {
            let rows = Entry {
                actual: tally.actual,
                budget: None,
                rows: tally.rows,
                first: Some(Place::Line(tally.first)),
            };
            let slot = &mut self.sums.slots[tally.slot as usize].1;
            let fresh = slot.rows == 0;
            if fresh {
                *slot = rows;
            } else if !slot.merge(&rows) {
                self.sums.order_matters = true;
            }
        }
    }
}

/// The state of a plain part's reading.
struct Scan {
    cols: Columns,
    delimiter: u8,
    /// The last column read.
    last: usize,
    spellings: Spellings,
    /// The ends of the current line's fields.
    ends: Vec<usize>,
    /// The plain rows' amounts as written, in öre, since the last row that took the
    /// `csv` path: added to the running sum of total rows before such a row.
    written: i128,
}

/// The rows of one key spelling summed as the part is read, beside the key: a row
/// adds to it without a second look-up. Folded into the key's slot at the part's end.
pub(super) struct Tally {
    /// The key's slot, or [`INVALID`].
    slot: u32,
    rows: u32,
    first: u64,
    actual: Decimal,
}

/// The fields joined by the delimiter (which no field of a plain part holds), zero
/// padded, the length in the last byte; `None` when longer than [`KEY_BYTES`].
fn pack(fields: [&[u8]; 3], delimiter: u8) -> Option<[u64; 4]> {
    let len = fields.iter().map(|f| f.len()).sum::<usize>() + 2;
    if len > KEY_BYTES {
        return None;
    }
    let mut bytes = [0u8; 32];
    let mut at = 0;
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            bytes[at] = delimiter;
            at += 1;
        }
        bytes[at..at + f.len()].copy_from_slice(f);
        at += f.len();
    }
    bytes[31] = len as u8;
    let word = |i: usize| {
        let mut w = [0u8; 8];
        w.copy_from_slice(&bytes[i * 8..i * 8 + 8]);
        u64::from_le_bytes(w)
    };
    Some([word(0), word(1), word(2), word(3)])
}

/// Whether every record of a block is UTF-8 by the `csv` path's rule: a record's
/// fields, delimiters left out, are UTF-8.
fn block_is_utf8(block: &[u8], delimiter: u8) -> bool {
    let mut fields = Vec::new();
    block.split(|b| *b == b'\n').all(|line| {
        fields.clear();
        fields.extend(line.iter().filter(|b| **b != delimiter && **b != b'\r'));
        fields.is_ascii() || std::str::from_utf8(&fields).is_ok()
    })
}
