//! Stage: `ledger::sie`, the SIE reader (SIE filformat 4B: types 2, 3, 4E and 4I).
//! Takes a file's bytes as a stream and returns its [`Actuals`]; nothing else in the
//! program knows the format.
//!
//! Our own reader, because no crate reads what real exporters write (`#PSALDO` and
//! `#PBUDGET` with object lists, unknown labels, tabs, BL's `#PBUDGET` without `{}`).
//! It works on bytes: the input is read in 1 MiB blocks, records are cut out of the
//! block in place and taken apart without copying, and amounts are summed per key
//! as the file streams by. Memory grows with the number of distinct (month, account,
//! project) keys, never with the file; a line longer than [`LINE_LIMIT`] is refused.
//!
//! The rules it implements (the README's "Ledger export" section says them for users):
//! - characters: valid UTF-8 is read as UTF-8, anything else as CP437 (`#FORMAT PC8`),
//!   whatever the file declares; decided over the whole file, applied to the names at
//!   the end;
//! - which records the actuals come from: `#PSALDO` when any of them holds the project
//!   dimension, or when the file has no `#TRANS`; otherwise `#TRANS` (inside `#VER`,
//!   month of the transaction date, else of the voucher date). `#RTRANS` followed by
//!   the same `#TRANS` counts once; `#BTRANS` (a removed row) never counts;
//! - `#PSALDO`/`#PBUDGET` per (year, month, account): see `Group::resolve` for the
//!   type-3 double count and the two meanings of `{}`;
//! - `#KSUMMA` right after `#FLAGGA` makes the closing `#KSUMMA crc` mandatory.

use super::{Actuals, Entries, Entry, Form, Key, Place, ReadOptions};
use crate::finding::{ActualsExpected, Finding, Kind, ObjectReading, UnreadableActuals};
use rust_decimal::Decimal;
pub use split::{SPLIT_BYTES, read_split};
use std::collections::HashMap;
use std::io::Read;

mod checksum;
mod finish;
mod group;
mod keyed;
mod keys;
mod lex;
mod records;
mod split;
use checksum::Checksum;
use group::{Group, HotKey, slot};
use keys::{Acc, GroupKey, TransAcc, TransKey};
pub(crate) use keys::{FxMap, Interner};
use lex::{Tok, Tokens, fingerprint, is_data_label, parse_int, parse_units, trim, unescaped, word};
pub(crate) use lex::{date_fields, parse_amount, parse_date, parse_period};

/// The longest line read as a record; longer lines are named in a finding.
pub const LINE_LIMIT: usize = 64 * 1024;
const BLOCK: usize = 1 << 20;
/// Invalid rows named one by one; the rest are counted in one finding.
const NAMED_ROWS: usize = 200;
/// Amounts with more integer digits are refused: no ledger row holds 10^15 kr, and
/// the bound keeps every sum exact (far below `Decimal`'s 28 digits).
const MAX_INT_DIGITS: usize = 15;
const MAX_DECIMALS: u32 = 4;
const NO_PROJECT: u32 = u32::MAX;

/// Reads one SIE file from `input`. Never panics on any bytes (the fuzz target holds
/// it to that); I/O errors become `unreadable-actuals`.
pub fn read(input: impl Read, file: &str, opts: &ReadOptions) -> Actuals {
    match feed(State::new(file, opts), input) {
        Ok(state) => state.finish(),
        Err(unreadable) => unreadable,
    }
}

/// Streams `input` through `state` to its end; `Err` is the file's `unreadable-actuals`.
///
/// A line ends at `\n`, at CR LF, or at a `\r` alone (old Mac exports end every
/// line so): each is one line end, so a file of any of them, or of a mix, is read
/// line by line and its lines are numbered as a text editor shows them. One search
/// for either byte per line (`memchr2`): on an LF file 0.4 % more instructions than
/// the search for `\n` alone (cachegrind, 8 MB of `#TRANS`), and no allocation.
fn feed<'o>(mut state: State<'o>, mut input: impl Read) -> Result<State<'o>, Actuals> {
    let mut buf = vec![0u8; BLOCK];
    // `start..end` is the unprocessed part of `buf`.
    let (mut start, mut end) = (0usize, 0usize);
    // Inside a line longer than the limit: skip to its end.
    let mut skipping = false;
    let mut first_block = true;
    // The last line ended at a `\r` that was the last byte read: a `\n` right after
    // it is the rest of that line end (CR LF), not a line of its own.
    let mut after_cr = false;
    loop {
        if start > 0 {
            buf.copy_within(start..end, 0);
            end -= start;
            start = 0;
        }
        let n = match read_some(&mut input, &mut buf[end..]) {
            Ok(n) => n,
            Err(e) => return Err(state.unreadable(UnreadableActuals::Io(e.to_string()))),
        };
        if first_block && state.first_record {
            first_block = false;
            if n >= 3 && buf[..3] == [0xEF, 0xBB, 0xBF] {
                start = 3;
            }
        }
        end += n;
        let eof = n == 0;
        state = state.within_keys()?;
        if after_cr && start < end {
            after_cr = false;
            if buf[start] == b'\n' {
                start += 1;
            }
        }
        if state.utf8 && !complete_lines_are_utf8(&buf[start..end], skipping, eof) {
            state.utf8 = false;
        }
        loop {
            let rest = &buf[start..end];
            match memchr::memchr2(b'\n', b'\r', rest) {
                Some(i) => {
                    if skipping {
                        skipping = false;
                    } else {
                        state.line(&buf[start..start + i]);
                    }
                    state.line_no += 1;
                    start += i + 1;
                    if rest[i] == b'\r' {
                        match rest.get(i + 1) {
                            Some(b'\n') => start += 1,
                            Some(_) => {}
                            None => after_cr = true,
                        }
                    }
                }
                None => {
                    if eof {
                        if !rest.is_empty() && !skipping {
                            state.line(&buf[start..end]);
                        }
                        return state.within_keys();
                    }
                    if rest.len() >= LINE_LIMIT {
                        if !skipping {
                            state.too_long(&buf[start..start + 40.min(rest.len())]);
                            skipping = true;
                        }
                        start = end;
                    }
                    break;
                }
            }
        }
    }
}

/// Whether the complete lines of a block are UTF-8: the characters are checked once
/// per block over its complete lines (a line ends at `\n` or `\r`, never inside a
/// UTF-8 sequence), not line by line; the rest of a line too long to read
/// (`skipping`) is not checked, as it is not read, and at the end (`eof`) the last
/// line counts as complete.
fn complete_lines_are_utf8(block: &[u8], skipping: bool, eof: bool) -> bool {
    let from = match skipping {
        true => memchr::memchr2(b'\n', b'\r', block).map_or(block.len(), |i| i + 1),
        false => 0,
    };
    let to = match eof {
        true => block.len(),
        false => memchr::memrchr2(b'\n', b'\r', &block[from..]).map_or(from, |i| from + i + 1),
    };
    simdutf8::basic::from_utf8(&block[from..to]).is_ok()
}

fn read_some(input: &mut impl Read, out: &mut [u8]) -> std::io::Result<usize> {
    loop {
        match input.read(out) {
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            other => return other,
        }
    }
}

/// What an object list held, as far as the reader needs it.
#[derive(Debug, Clone, Copy)]
struct Objects<'a> {
    /// The project code (raw, trimmed); `None` when no pair has the project dimension.
    project: Option<&'a [u8]>,
    pairs: usize,
    /// The dimension of the only pair, when there is exactly one.
    single_dim: Option<i64>,
}

enum ObjectsError<'a> {
    Unclosed,
    Odd(&'a [u8]),
}

struct State<'o> {
    file: String,
    opts: &'o ReadOptions,
    line_no: u64,
    utf8: bool,
    /// The last `#SIETYP` read (0 for one that is no number), `None` before any.
    sie_type: Option<u8>,
    records: u64,
    checksum: Checksum,
    accounts: Interner,
    projects: Interner,
    trans: FxMap<TransKey, TransAcc>,
    psaldo: FxMap<GroupKey, Group>,
    pbudget: FxMap<GroupKey, Group>,
    psaldo_has_project: bool,
    trans_seen: bool,
    ver_date: Option<(i32, u8)>,
    /// The line and text of the current voucher's `#VER` date when it is no date.
    bad_ver_date: Option<(u64, Vec<u8>)>,
    /// The fingerprint of the `#RTRANS` just read: the next `#TRANS`, when it is the
    /// same row, is its repeat.
    rtrans: Option<(u64, TransKey)>,
    findings: Vec<Finding>,
    /// The raw text of each named row, by its finding's number: decoded when the
    /// reading ends, with the file's one decision between UTF-8 and CP437 (a row
    /// named before the first byte that is no UTF-8 is decoded as the rest is).
    /// (`true`: cut at 60 bytes.)
    found: Vec<(usize, Vec<u8>, bool)>,
    invalid_rows: u64,
    /// Rows read from `#PSALDO`, `#PBUDGET` and `#TRANS` (each source counted apart,
    /// as only the chosen one is in the entries).
    psaldo_rows: u64,
    pbudget_rows: u64,
    trans_rows: u64,
    more_rows_line: Option<u64>,
    first_record: bool,
    not_sie: bool,
    checksum_failure: Option<UnreadableActuals>,
    checksum_line: u64,
    /// A sum overflowed when the two halves of a file read apart were joined.
    overflow: bool,
}

impl<'o> State<'o> {
    fn new(file: &str, opts: &'o ReadOptions) -> Self {
        State {
            file: file.to_string(),
            opts,
            line_no: 1,
            utf8: true,
            sie_type: None,
            records: 0,
            checksum: Checksum::Off,
            accounts: Interner::default(),
            projects: Interner::default(),
            trans: FxMap::default(),
            psaldo: FxMap::default(),
            pbudget: FxMap::default(),
            psaldo_has_project: false,
            trans_seen: false,
            ver_date: None,
            bad_ver_date: None,
            rtrans: None,
            findings: Vec::new(),
            found: Vec::new(),
            invalid_rows: 0,
            psaldo_rows: 0,
            pbudget_rows: 0,
            trans_rows: 0,
            more_rows_line: None,
            first_record: true,
            not_sie: false,
            checksum_failure: None,
            checksum_line: 0,
            overflow: false,
        }
    }

    /// The state, or `unreadable-actuals` when it holds more distinct keys and
    /// names than a ledger has ([`ReadOptions::max_keys`]): checked at every block
    /// read and at the end, so that a file of endless distinct keys stops before it
    /// fills memory.
    fn within_keys(self) -> Result<Self, Actuals> {
        let names = self.accounts.names.len() + self.projects.names.len();
        let held = names + self.trans.len() + self.psaldo.len() + self.pbudget.len();
        match self.opts.too_many_keys(held) {
            Some(why) => Err(self.unreadable(why)),
            None => Ok(self),
        }
    }

    fn unreadable(&self, why: UnreadableActuals) -> Actuals {
        Actuals {
            file: self.file.clone(),
            form: Some(Form::Sie {
                sie_type: self.sie_type.unwrap_or(0),
            }),
            sheets: Vec::new(),
            rows_read: 0,
            entries: Entries::default(),
            findings: vec![
                Finding::new(Kind::UnreadableActuals(why))
                    .in_file(&self.file)
                    .at_line(self.line_no),
            ],
        }
    }

    fn invalid(&mut self, found: &[u8], expected: ActualsExpected) {
        self.invalid_rows += 1;
        if self.findings.len() >= NAMED_ROWS {
            self.more_rows_line.get_or_insert(self.line_no);
            return;
        }
        let raw = found[..found.len().min(60)].to_vec();
        self.found
            .push((self.findings.len(), raw, found.len() > 60));
        self.findings.push(
            Finding::new(Kind::InvalidActualsRow {
                column: None,
                found: String::new(),
                expected,
            })
            .in_file(&self.file)
            .at_line(self.line_no),
        );
    }

    fn too_long(&mut self, head: &[u8]) {
        if self.first_record && !head.starts_with(b"#") {
            self.not_sie = true;
        }
        self.first_record = false;
        if let Checksum::Open(h) = &mut self.checksum {
            // The record cannot be checked: make the sum fail.
            h.update(b"\xff line too long");
        }
        let label = head
            .split(|b| matches!(b, b' ' | b'\t'))
            .next()
            .unwrap_or(b"");
        if is_data_label(label) {
            self.invalid(head, ActualsExpected::ShortLine { limit: LINE_LIMIT });
        }
    }

    /// One line, without its line end.
    fn line(&mut self, line: &[u8]) {
        let body = trim(line);
        if body.is_empty() {
            return;
        }
        if self.first_record {
            self.first_record = false;
            if !body.starts_with(b"#") {
                self.not_sie = true;
            }
        }
        if self.not_sie {
            return;
        }
        let mut toks = Tokens::new(body);
        let Some(Tok::Word { raw: label, .. }) = toks.next() else {
            // `{` and `}` around a voucher's rows; they carry nothing to check.
            return;
        };
        if label.eq_ignore_ascii_case(b"#KSUMMA") {
            self.ksumma(toks);
            return;
        }
        if let Checksum::Open(h) = &mut self.checksum {
            for tok in Tokens::new(body) {
                if let Tok::Word { raw, .. } = tok {
                    unescaped(raw, |piece| h.update(piece));
                }
            }
        }
        self.records += 1;
        let upper = |l: &[u8], want: &[u8]| l.eq_ignore_ascii_case(want);
        let pending = self.rtrans.take();
        if upper(label, b"#TRANS") {
            self.trans(toks, Trans::Normal, pending);
        } else if upper(label, b"#RTRANS") {
            self.trans(toks, Trans::Added, None);
        } else if upper(label, b"#BTRANS") {
            // A removed row: not a movement.
        } else if upper(label, b"#PSALDO") {
            self.saldo(toks, false);
        } else if upper(label, b"#PBUDGET") {
            self.saldo(toks, true);
        } else if upper(label, b"#VER") {
            self.ver(toks);
        } else if upper(label, b"#SIETYP")
            && let Some(Tok::Word { raw, .. }) = toks.next()
        {
            self.sie_type = Some(
                raw.first()
                    .filter(|b| b.is_ascii_digit())
                    .map_or(0, |b| b - b'0'),
            );
        }
        // Every other label (#RAR, #KONTO, #DIM, #OBJEKT, #IB, #UB, #RES…) carries no
        // movement and is not needed: the period fields give the calendar month.
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Trans {
    Normal,
    /// `#RTRANS`: a row added afterwards; the standard repeats it as `#TRANS`.
    Added,
}

/// Names as text: UTF-8 when the whole file is valid UTF-8, else CP437.
fn decode(raw: &[u8], utf8: bool) -> String {
    let mut plain = Vec::with_capacity(raw.len());
    unescaped(raw, |p| plain.extend_from_slice(p));
    decode_lossy(&plain, utf8)
}

impl State<'_> {
    /// Writes the named rows' texts into their findings, decoded as the file is.
    fn decode_found(&mut self) {
        for (at, raw, cut) in std::mem::take(&mut self.found) {
            if let Some(Finding {
                kind: Kind::InvalidActualsRow { found, .. },
                ..
            }) = self.findings.get_mut(at)
            {
                *found = decode_lossy(&raw, self.utf8);
                if cut {
                    found.push('…');
                }
            }
        }
    }
}

fn decode_lossy(raw: &[u8], utf8: bool) -> String {
    use codepage_437::{CP437_CONTROL, FromCp437};
    if utf8 && let Ok(text) = std::str::from_utf8(raw) {
        return text.to_string();
    }
    String::from_cp437(raw.to_vec(), &CP437_CONTROL)
}
