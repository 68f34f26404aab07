//! The reading of a part of a CSV file whose fields are never quoted, as the
//! two-thread read takes it: lines cut at `\n` with `memchr` and fields at the
//! delimiter eight bytes at a time ([`positions_of`]), nothing copied. A row whose amount and budget are in their plain forms
//! (`1234,50`, `-12.5`, `1000`) is summed here, its key found by the bytes of its
//! period, account and project as written (one look-up for a key seen before, and the
//! key's rules applied once per spelling); every other row goes through
//! [`Part::data_row`], the `csv` crate's path, so both paths read a row alike.
//!
//! A `"`, a `\r` that is not the first half of a CR LF, or a line longer than a
//! block ends the reading with [`Plain::NeedsCsv`]: the `csv` crate's rules for those
//! are not a plain cut, so the caller reads the file with it instead.

use super::*;

/// The buffer: the longest line the plain reader reads.
const BLOCK: usize = 1 << 20;
/// Bytes read at a time, and so the most that each pass over a block (quotes and
/// `\r`, UTF-8, lines, fields) runs over: small enough that the block is still in
/// the core's cache for the next pass, beside the key spellings' table. (With
/// whole 1 MiB blocks, each pass read the block from the shared cache again.)
const READ: usize = 64 << 10;
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

/// Key spellings seen, by their packed bytes, each with its tally.
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
        let mut key_cols = [
            cols.period.unwrap_or(0),
            cols.account.unwrap_or(0),
            cols.project.unwrap_or(0),
        ];
        key_cols.sort_unstable();
        let mut scan = Scan {
            cols,
            delimiter,
            key_cols,
            tkr: matches!(self.sums.unit, Unit::Tkr),
            last: cols.read().max().unwrap_or(0),
            ends: Vec::new(),
            written: 0,
        };
        let mut spellings = Spellings::default();
        let mut buf = vec![0u8; BLOCK];
        let mut filled = 0;
        let mut line = first_line;
        loop {
            let n = loop {
                let to = (filled + READ).min(buf.len());
                match input.read(&mut buf[filled..to]) {
                    Ok(n) => break n,
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                    Err(e) => return Err(self.io(e.to_string())),
                }
            };
            filled += n;
            let at_end = n == 0;
            self.check_keys(spellings.len())?;
            let upto = match memchr::memrchr(b'\n', &buf[..filled]) {
                _ if at_end => filled,
                Some(nl) => nl + 1,
                None if filled == buf.len() => return Ok(Plain::NeedsCsv),
                None => continue,
            };
            let block = &buf[..upto];
            // Each `\r` must be a CR LF's (counted below).
            let Some(returns) = returns_unless_quoted(block) else {
                return Ok(Plain::NeedsCsv);
            };
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
                self.plain_row(text, &buf[start..], line, &mut scan, &mut spellings);
                start = nl + 1;
                line += u64::from(nl < upto);
            }
            if returns != crlf {
                return Ok(Plain::NeedsCsv);
            }
            if at_end {
                self.check_keys(spellings.len())?;
                self.flush(&mut scan.written);
                self.fold(spellings);
                return Ok(Plain::Read { next_line: line });
            }
            buf.copy_within(upto..filled, 0);
            filled -= upto;
        }
    }

    /// One line (without its line break) of a plain part; `window` is the buffer
    /// from the line's start on (the key is read from it a whole word at a time).
    fn plain_row(
        &mut self,
        text: &[u8],
        window: &[u8],
        line: u64,
        scan: &mut Scan,
        spellings: &mut Spellings,
    ) {
        let delimiter = scan.delimiter;
        // A row of blanks and delimiters only is skipped, as the `csv` path does.
        if text
            .iter()
            .all(|b| *b == delimiter || matches!(b, b' ' | b'\t' | b'\r' | 0xA0))
        {
            return;
        }
        let ends = &mut scan.ends;
        ends.clear();
        // The ends of the fields up to the header's last, so that a field past
        // the header is seen: the `csv` path decides whether one is filled.
        let cut = scan.cols.width.max(scan.last + 1);
        positions_of(delimiter, text, window, cut, ends);
        let past = ends.len() >= scan.cols.width;
        if ends.len() <= scan.last {
            ends.push(text.len());
        }
        let fast = match past {
            true => None,
            false => self.plain_sums(text, window, scan, spellings),
        };
        let ends = &scan.ends;
        let field = |at: Option<usize>| -> &[u8] { field_of(text, ends, at) };
        let Some((tally, amount)) = fast else {
            // The rows so far are in the running sum a total row is compared with.
            self.flush(&mut scan.written);
            let all = || text.split(move |b| *b == delimiter);
            return Part::data_row(&mut self.sums, field, all, &scan.cols, line);
        };
        self.sums.rows_read += 1;
        // A row's amount joins the running sum of total rows once it is summed, as on
        // the `csv` path.
        let written = i128::from(amount.written);
        if let Some(budget) = amount.budget {
            // A budget goes straight to the key's slot, with its amount.
            let actual = Decimal::try_from_i128_with_scale(amount.mantissa, amount.scale);
            match actual {
                Ok(actual) => {
                    let place = Place::Line(line);
                    if (self.sums).add(tally.slot as usize, place, actual, Some(budget)) {
                        scan.written += written;
                    }
                }
                Err(_) => self.sums.order_matters = true,
            }
            return;
        }
        match tally.ore.checked_add(amount.ore) {
            Some(sum) if tally.rows < u32::MAX => {
                scan.written += written;
                tally.ore = sum;
                tally.scale = tally.scale.max(amount.scale as u8);
                tally.rows += 1;
                tally.first = tally.first.min(line);
            }
            // Beyond 92 rows of 10¹⁵ kr each in one key: the file is read in one piece.
            _ => self.sums.order_matters = true,
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
            // Cannot happen below `ORDER_FREE_ORE`; the file is read in one piece.
            Err(_) => self.sums.order_matters = true,
        }
        *written = 0;
    }

    /// The tally and amounts of a row whose amounts are short plain forms and whose
    /// key spelling is known valid (or is new and valid); `None` sends the row to the
    /// `csv` path.
    fn plain_sums<'s>(
        &mut self,
        text: &[u8],
        window: &[u8],
        scan: &Scan,
        spellings: &'s mut Spellings,
    ) -> Option<(&'s mut Tally, RowAmount)> {
        let cols = &scan.cols;
        let field = |at: Option<usize>| field_of(text, &scan.ends, at);
        let (written, scale) = match cols.amount {
            Some(_) => plain_units(field(cols.amount))?,
            None => debit_less_credit(field(cols.debit), field(cols.credit))?,
        };
        let unit: i128 = if scan.tkr { 1000 } else { 1 };
        let mantissa = i128::from(written) * unit;
        let ore = mantissa * 10i128.pow(2 - scale);
        if ore.unsigned_abs() >= ORDER_FREE_ORE {
            return None;
        }
        let budget = match cols.budget.map(|_| field(cols.budget)) {
            Some(raw) if !trim(raw).is_empty() => {
                let (m, s) = plain_units(raw)?;
                let b = Decimal::try_from_i128_with_scale(i128::from(m) * unit, s).ok()?;
                Some(Some(b).filter(|b| order_free(*b))?)
            }
            _ => None,
        };
        let packed = scan.packed(text, window)?;
        let tally = spellings.entry(packed).or_insert_with(|| {
            let (period, account, project) =
                (field(cols.period), field(cols.account), field(cols.project));
            // Only a spelling `Sums::row` would sum without a finding takes this
            // path: a valid month and an account number that names no total (a
            // `5410 Summa` account takes the `csv` path, which decides on it).
            let account_ok = !trim(account).is_empty()
                && !names_total(account)
                && is_account_number(trim(account));
            let valid = parse_period(&text_of(period)).filter(|_| account_ok);
            let slot = match valid {
                Some(p) => {
                    let key = self.sums.key(p, trim(account), project);
                    self.sums.new_slot(key) as u32
                }
                None => INVALID,
            };
            Tally {
                slot,
                rows: 0,
                first: u64::MAX,
                ore: 0,
                scale: 0,
            }
        });
        let amount = RowAmount {
            written: written * 10i64.pow(2 - scale),
            ore: ore as i64,
            mantissa,
            scale,
            budget,
        };
        (tally.slot != INVALID).then_some((tally, amount))
    }

    /// Adds each spelling's tally to its key's slot, at the end of the part.
    fn fold(&mut self, spellings: Spellings) {
        for tally in spellings.into_values().filter(|t| t.rows > 0) {
            let step = 10i128.pow(2 - u32::from(tally.scale));
            let sum = i128::from(tally.ore) / step;
            let Ok(actual) = Decimal::try_from_i128_with_scale(sum, u32::from(tally.scale)) else {
                self.sums.order_matters = true;
                continue;
            };
            let rows = Entry {
                actual,
                budget: None,
                rows: tally.rows,
                first: Some(Place::Line(tally.first)),
            };
            let slot = &mut self.sums.slots[tally.slot as usize].1;
            if slot.rows == 0 {
                *slot = rows;
            } else if !slot.merge(&rows) {
                self.sums.order_matters = true;
            }
        }
    }
}

/// `Debet` − `Kredit` of a plain row, as a mantissa and number of decimals (the
/// larger of the two, as `Decimal` subtracts): each a short plain amount or an
/// empty field (0, as on the `csv` path); `None` for anything else, blanks
/// included, which the `csv` path reads.
fn debit_less_credit(debit: &[u8], credit: &[u8]) -> Option<(i64, u32)> {
    let units = |raw: &[u8]| match raw {
        [] => Some((0, 0)),
        raw => plain_units(raw),
    };
    let ((d, ds), (c, cs)) = (units(debit)?, units(credit)?);
    let scale = ds.max(cs);
    // Both below 10¹⁵ at two decimals at most: the difference fits.
    Some((d * 10i64.pow(scale - ds) - c * 10i64.pow(scale - cs), scale))
}

/// Amounts of 10¹⁵ kr or more, in öre, are left to the `csv` path (see
/// [`order_free`]).
const ORDER_FREE_ORE: u128 = 100_000_000_000_000_000;

/// The field of column `at` of a line whose field ends are `ends`.
fn field_of<'t>(text: &'t [u8], ends: &[usize], at: Option<usize>) -> &'t [u8] {
    let Some(i) = at.filter(|i| *i < ends.len()) else {
        return b"";
    };
    let from = if i == 0 { 0 } else { ends[i - 1] + 1 };
    &text[from..ends[i]]
}

/// A plain row's amount: as written and in kronor, in öre, and as a mantissa and
/// number of decimals in kronor.
struct RowAmount {
    written: i64,
    ore: i64,
    mantissa: i128,
    scale: u32,
    budget: Option<Decimal>,
}

/// The state of a plain part's reading.
struct Scan {
    cols: Columns,
    delimiter: u8,
    /// The period's, account's and project's columns, in the order they stand.
    key_cols: [usize; 3],
    /// Amounts are in tkr.
    tkr: bool,
    /// The last column read.
    last: usize,
    /// The ends of the current line's fields.
    ends: Vec<usize>,
    /// The plain rows' amounts as written, in öre, since the last row that took the
    /// `csv` path: added to the running sum of total rows before such a row.
    written: i128,
}

impl Scan {
    /// The key spelling of the current line: its period, account and project fields
    /// as they stand, in column order with the delimiters between them. When the
    /// three columns stand side by side that is one stretch of the line, read from
    /// `window` a word at a time; else the fields are copied one by one.
    // Inlined into the row loop: as a call it cost the loop 12 % (measured when the
    // columns struct grew and the compiler stopped inlining it).
    #[inline]
    fn packed(&self, text: &[u8], window: &[u8]) -> Option<[u64; 4]> {
        let [a, b, c] = self.key_cols;
        let field = |i: usize| field_of(text, &self.ends, Some(i));
        if c == a + 2 && c < self.ends.len() {
            let from = if a == 0 { 0 } else { self.ends[a - 1] + 1 };
            let len = self.ends[c] - from;
            if len > KEY_BYTES {
                return None;
            }
            if let Some(bytes) = window.get(from..from + 32) {
                let word = |i: usize| {
                    let mut w = [0u8; 8];
                    w.copy_from_slice(&bytes[i * 8..i * 8 + 8]);
                    u64::from_le_bytes(w) & KEEP[len][i]
                };
                let last = word(3) | (len as u64) << 56;
                return Some([word(0), word(1), word(2), last]);
            }
        }
        pack([field(a), field(b), field(c)], self.delimiter)
    }
}

/// For a key spelling of `len` bytes, the bits of each of its four words that hold
/// the spelling (the bytes past it are zeroed).
const KEEP: [[u64; 4]; KEY_BYTES + 1] = {
    let mut keep = [[0u64; 4]; KEY_BYTES + 1];
    let mut len = 0;
    while len <= KEY_BYTES {
        let mut i = 0;
        while i < 4 {
            let bytes = len.saturating_sub(i * 8);
            keep[len][i] = if bytes >= 8 {
                u64::MAX
            } else {
                (1u64 << (bytes * 8)) - 1
            };
            i += 1;
        }
        len += 1;
    }
    keep
};

/// The rows of one key spelling summed as the part is read, in öre: a row adds to
/// it without a look-up by name. Folded into the key's slot at the part's end.
pub(super) struct Tally {
    /// The key's slot, or [`INVALID`].
    slot: u32,
    rows: u32,
    first: u64,
    ore: i64,
    /// The most decimals of its rows: the sum's, as adding them as `Decimal`s gives.
    scale: u8,
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

/// Appends to `out` the positions of `byte` in `text`, the first `max` of them;
/// `window` is the buffer from the text's start on, read past the text's end a
/// word at a time (what stands there is masked off).
///
/// Eight bytes at a time, in plain integer arithmetic: a line's fields are a few
/// bytes each, and `memchr` per field spends more on starting each search than on
/// searching (a fifth of the reader's instructions, before).
fn positions_of(byte: u8, text: &[u8], window: &[u8], max: usize, out: &mut Vec<usize>) {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let pattern = u64::from(byte) * 0x0101_0101_0101_0101;
    let mut found = 0;
    let mut at = 0;
    while at < text.len() {
        let mut bytes = [0u8; 8];
        match window.get(at..at + 8) {
            Some(word) => bytes.copy_from_slice(word),
            None => bytes[..text.len() - at].copy_from_slice(&text[at..]),
        }
        let x = u64::from_le_bytes(bytes) ^ pattern;
        // The top bit of each byte of `x` that is zero, and of no other: the low
        // seven bits plus 0x7f carry into the top bit unless they are all zero, and
        // never into the next byte.
        let mut zero = !(((x & LOW7).wrapping_add(LOW7)) | x | LOW7);
        let left = text.len() - at;
        if left < 8 {
            zero &= (1u64 << (left * 8)) - 1;
        }
        while zero != 0 {
            if found == max {
                return;
            }
            out.push(at + (zero.trailing_zeros() / 8) as usize);
            found += 1;
            zero &= zero - 1;
        }
        at += 8;
    }
}

/// The number of `\r`s in `block`, or `None` when it has a `"`: both found in one
/// pass.
fn returns_unless_quoted(block: &[u8]) -> Option<usize> {
    let mut returns = 0;
    for at in memchr::memchr2_iter(b'"', b'\r', block) {
        if block[at] == b'"' {
            return None;
        }
        returns += 1;
    }
    Some(returns)
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Every text of up to 40 bytes drawn from the delimiter, a no-break space, a
    /// byte whose top bit is set and plain letters, each with more bytes after it
    /// in the window: the positions are exactly the naive search's, cut at `max`.
    #[test]
    fn positions_of_finds_what_a_byte_by_byte_search_finds() {
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        let alphabet = [b';', b';', b'a', b'0', 0xA0, 0xBB, 0x3A, 0x3C, 0x00, 0xFF];
        for round in 0..5000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let len = (seed % 41) as usize;
            let window: Vec<u8> = (0..len + 16)
                .map(|i| alphabet[((seed >> (i % 60)) as usize + i * 7) % alphabet.len()])
                .collect();
            let text = &window[..len];
            let max = [usize::MAX, 0, 1, 3][round % 4];
            let naive: Vec<usize> = (0..len).filter(|i| text[*i] == b';').take(max).collect();
            let mut found = Vec::new();
            positions_of(b';', text, &window, max, &mut found);
            assert_eq!(found, naive, "{text:?} max {max}");
            // The window ending with the text reads the same.
            found.clear();
            positions_of(b';', text, text, max, &mut found);
            assert_eq!(found, naive, "{text:?} alone, max {max}");
        }
    }

    #[test]
    fn keep_masks_zero_the_bytes_past_the_spelling() {
        assert_eq!(KEEP[0], [0, 0, 0, 0]);
        assert_eq!(KEEP[1], [0xFF, 0, 0, 0]);
        assert_eq!(KEEP[8], [u64::MAX, 0, 0, 0]);
        assert_eq!(KEEP[17], [u64::MAX, u64::MAX, 0xFF, 0]);
        assert_eq!(KEEP[31], [u64::MAX, u64::MAX, u64::MAX, u64::MAX >> 8]);
    }
}
