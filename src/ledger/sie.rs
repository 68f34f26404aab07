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

use super::{Actuals, Entry, Form, Key, Place, ReadOptions};
use crate::finding::{ActualsExpected, Finding, Kind, ObjectReading, UnreadableActuals};
use rust_decimal::Decimal;
use std::collections::{BTreeMap, HashMap};
use std::io::Read;

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
pub fn read(mut input: impl Read, file: &str, opts: &ReadOptions) -> Actuals {
    let mut state = State::new(file, opts);
    let mut buf = vec![0u8; BLOCK];
    // `start..end` is the unprocessed part of `buf`.
    let (mut start, mut end) = (0usize, 0usize);
    // Inside a line longer than the limit: skip to its end.
    let mut skipping = false;
    let mut first_block = true;
    loop {
        if start > 0 {
            buf.copy_within(start..end, 0);
            end -= start;
            start = 0;
        }
        let n = match read_some(&mut input, &mut buf[end..]) {
            Ok(n) => n,
            Err(e) => return state.unreadable(UnreadableActuals::Io(e.to_string())),
        };
        if first_block {
            first_block = false;
            if n >= 3 && buf[..3] == [0xEF, 0xBB, 0xBF] {
                start = 3;
            }
        }
        end += n;
        let eof = n == 0;
        loop {
            let rest = &buf[start..end];
            match memchr::memchr(b'\n', rest) {
                Some(i) => {
                    if skipping {
                        skipping = false;
                    } else {
                        state.line(&buf[start..start + i]);
                    }
                    state.line_no += 1;
                    start += i + 1;
                }
                None => {
                    if eof {
                        if !rest.is_empty() && !skipping {
                            state.line(&buf[start..end]);
                        }
                        return state.finish();
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

fn read_some(input: &mut impl Read, out: &mut [u8]) -> std::io::Result<usize> {
    loop {
        match input.read(out) {
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            other => return other,
        }
    }
}

/// A token of a record: a field's raw content (quotes removed, `\"` kept as written),
/// or a brace of an object list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tok<'a> {
    Word { raw: &'a [u8], quoted: bool },
    Open,
    Close,
}

struct Tokens<'a> {
    s: &'a [u8],
    i: usize,
}

impl<'a> Tokens<'a> {
    fn new(s: &'a [u8]) -> Self {
        Tokens { s, i: 0 }
    }
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Tok<'a>;

    fn next(&mut self) -> Option<Tok<'a>> {
        let s = self.s;
        while self.i < s.len() && matches!(s[self.i], b' ' | b'\t' | b'\r') {
            self.i += 1;
        }
        let c = *s.get(self.i)?;
        match c {
            b'{' => {
                self.i += 1;
                Some(Tok::Open)
            }
            b'}' => {
                self.i += 1;
                Some(Tok::Close)
            }
            b'"' => {
                let from = self.i + 1;
                let mut j = from;
                while j < s.len() {
                    match s[j] {
                        b'\\' if s.get(j + 1) == Some(&b'"') => j += 2,
                        b'"' => break,
                        _ => j += 1,
                    }
                }
                let raw = &s[from..j.min(s.len())];
                self.i = (j + 1).min(s.len());
                Some(Tok::Word { raw, quoted: true })
            }
            _ => {
                let from = self.i;
                let mut j = from;
                while j < s.len() && !matches!(s[j], b' ' | b'\t' | b'\r' | b'{' | b'}' | b'"') {
                    j += 1;
                }
                self.i = j;
                Some(Tok::Word {
                    raw: &s[from..j],
                    quoted: false,
                })
            }
        }
    }
}

/// A field's content with `\"` read as `"`, fed to `out` in pieces (no allocation).
fn unescaped(raw: &[u8], mut out: impl FnMut(&[u8])) {
    let mut from = 0;
    let mut i = 0;
    while i + 1 < raw.len() {
        if raw[i] == b'\\' && raw[i + 1] == b'"' {
            out(&raw[from..i]);
            from = i + 1;
            i += 2;
        } else {
            i += 1;
        }
    }
    out(&raw[from..]);
}

fn trim(mut s: &[u8]) -> &[u8] {
    while let [b' ' | b'\t', rest @ ..] = s {
        s = rest;
    }
    while let [rest @ .., b' ' | b'\t'] = s {
        s = rest;
    }
    s
}

/// An SIE amount: `-`? digits (`.` digits)?. Anything else (`12,50`, `1 250.00`) is
/// not one.
pub(crate) fn parse_amount(raw: &[u8]) -> Option<Decimal> {
    let (negative, body) = match raw {
        [b'-', rest @ ..] => (true, rest),
        [b'+', rest @ ..] => (false, rest),
        _ => (false, raw),
    };
    let (int, frac) = match memchr::memchr(b'.', body) {
        Some(dot) => (&body[..dot], &body[dot + 1..]),
        None => (body, &body[body.len()..]),
    };
    let has_dot = int.len() < body.len();
    if int.is_empty()
        || int.len() > MAX_INT_DIGITS
        || (has_dot && frac.is_empty())
        || frac.len() > MAX_DECIMALS as usize
        || !int.iter().chain(frac).all(u8::is_ascii_digit)
    {
        return None;
    }
    let mut mantissa: i128 = 0;
    for d in int.iter().chain(frac) {
        mantissa = mantissa * 10 + i128::from(d - b'0');
    }
    if negative {
        mantissa = -mantissa;
    }
    // At most 19 digits: always within range.
    Decimal::try_from_i128_with_scale(mantissa, frac.len() as u32).ok()
}

fn digits<const N: usize>(raw: &[u8]) -> Option<[u32; N]> {
    if raw.len() != N {
        return None;
    }
    let mut out = [0u32; N];
    for (slot, b) in out.iter_mut().zip(raw) {
        if !b.is_ascii_digit() {
            return None;
        }
        *slot = u32::from(b - b'0');
    }
    Some(out)
}

/// `ÅÅÅÅMM` → (year, month).
pub(crate) fn parse_period(raw: &[u8]) -> Option<(i32, u8)> {
    let d = digits::<6>(raw)?;
    let year = (d[0] * 1000 + d[1] * 100 + d[2] * 10 + d[3]) as i32;
    let month = (d[4] * 10 + d[5]) as u8;
    ((1..=12).contains(&month) && year >= 1000).then_some((year, month))
}

/// `ÅÅÅÅMMDD` → (year, month).
fn parse_date(raw: &[u8]) -> Option<(i32, u8)> {
    let d = digits::<8>(raw)?;
    let (year, month) = parse_period(&raw[..6])?;
    let day = d[6] * 10 + d[7];
    (1..=31).contains(&day).then_some((year, month))
}

fn parse_int(raw: &[u8]) -> Option<i64> {
    let (negative, body) = match raw {
        [b'-', rest @ ..] => (true, rest),
        [b'+', rest @ ..] => (false, rest),
        _ => (false, raw),
    };
    if body.is_empty() || body.len() > 9 || !body.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let v = body
        .iter()
        .fold(0i64, |acc, d| acc * 10 + i64::from(d - b'0'));
    Some(if negative { -v } else { v })
}

/// A fast hash for the reader's small fixed-size keys (the multiply-rotate hash
/// rustc uses). Not resistant to crafted collisions, which cannot cost more than
/// time here: the keys are the file's own accounts and projects.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Fx(u64);

impl std::hash::Hasher for Fx {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(word));
        }
    }

    fn write_u64(&mut self, i: u64) {
        self.0 = (self.0.rotate_left(5) ^ i).wrapping_mul(0x517c_c1b7_2722_0a95);
    }

    fn write_u32(&mut self, i: u32) {
        self.write_u64(u64::from(i));
    }

    fn write_u8(&mut self, i: u8) {
        self.write_u64(u64::from(i));
    }

    fn write_i32(&mut self, i: i32) {
        self.write_u64(i as u64);
    }

    fn write_u128(&mut self, i: u128) {
        self.write_u64(i as u64);
        self.write_u64((i >> 64) as u64);
    }

    fn write_usize(&mut self, i: usize) {
        self.write_u64(i as u64);
    }
}

pub(crate) type FxMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<Fx>>;

/// Byte strings (accounts, project codes) given small numbers, so the per-row maps
/// have fixed-size keys and a known code costs no allocation. A string of at most
/// 15 bytes is looked up as one integer (its bytes and length).
#[derive(Default)]
pub(crate) struct Interner {
    short: FxMap<u128, u32>,
    long: FxMap<Box<[u8]>, u32>,
    pub(crate) names: Vec<Box<[u8]>>,
}

impl Interner {
    pub(crate) fn id(&mut self, raw: &[u8]) -> u32 {
        if raw.len() <= 15 {
            let mut word = [0u8; 16];
            word[..raw.len()].copy_from_slice(raw);
            word[15] = raw.len() as u8 + 1;
            let packed = u128::from_le_bytes(word);
            if let Some(id) = self.short.get(&packed) {
                return *id;
            }
            let id = self.names.len() as u32;
            self.names.push(raw.into());
            self.short.insert(packed, id);
            return id;
        }
        if let Some(id) = self.long.get(raw) {
            return *id;
        }
        let id = self.names.len() as u32;
        self.names.push(raw.into());
        self.long.insert(raw.into(), id);
        id
    }
}

/// Rows of one key, summed.
#[derive(Debug, Clone, Copy)]
struct Acc {
    sum: Decimal,
    rows: u32,
    first: u64,
}

impl Acc {
    fn new(line: u64) -> Self {
        Acc {
            sum: Decimal::ZERO,
            rows: 0,
            first: line,
        }
    }

    /// Adds one row; `false` when the sum would overflow (the row is then not added).
    fn add(&mut self, amount: Decimal, line: u64) -> bool {
        match self.sum.checked_add(amount) {
            Some(sum) => {
                self.sum = sum;
                self.rows = self.rows.saturating_add(1);
                self.first = self.first.min(line);
                true
            }
            None => false,
        }
    }

    /// Counts a row that is part of another row's amount (a breakdown, a repeat).
    fn fold(&mut self, line: u64) {
        self.rows = self.rows.saturating_add(1);
        self.first = self.first.min(line);
    }

    fn merge(&mut self, other: &Acc) -> bool {
        match self.sum.checked_add(other.sum) {
            Some(sum) => {
                self.sum = sum;
                self.rows = self.rows.saturating_add(other.rows);
                self.first = self.first.min(other.first);
                true
            }
            None => false,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct GroupKey {
    year: i32,
    month: u8,
    account: u32,
}

/// The key of a transaction row as it streams by: its month and its account and
/// project as [`name_code`]s, so that a row costs one map lookup.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct TransKey {
    period: u32,
    account: u128,
    project: u128,
}

/// A name of at most 15 bytes as one integer (its bytes, and its length + 1 in the
/// top byte); a longer one as its interned number with the top byte 0xFF. Never 0.
pub(crate) fn name_code(long: &mut Interner, raw: &[u8]) -> u128 {
    if raw.len() <= 15 {
        let mut word = [0u8; 16];
        word[..raw.len()].copy_from_slice(raw);
        word[15] = raw.len() as u8 + 1;
        u128::from_le_bytes(word)
    } else {
        0xFF << 120 | u128::from(long.id(raw))
    }
}

pub(crate) fn unpack(long: &Interner, code: u128) -> Vec<u8> {
    let word = code.to_le_bytes();
    match word[15] {
        0xFF => long.names[(code as u32) as usize].to_vec(),
        len => word[..usize::from(len.saturating_sub(1)).min(15)].to_vec(),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct HotKey {
    group: GroupKey,
    project: u32,
}

/// The `#PSALDO` (or `#PBUDGET`) rows of one (year, month, account).
#[derive(Debug, Default)]
struct Group {
    /// The `{}` rows.
    empty: Option<Acc>,
    /// `{6 "P"}`: the project alone.
    single: Vec<(u32, Acc)>,
    /// The project with other objects (`{1 "100" 6 "P"}`).
    combined: Vec<(u32, Acc)>,
    /// Rows with objects but no project, summed.
    other: Option<Acc>,
    /// The single-dimension rows without a project, summed per dimension: in the
    /// standard's form each dimension's rows are parts of the `{}` total.
    other_by_dim: Vec<(i64, Decimal)>,
}

/// One resolved (project, amount) of a group; `NO_PROJECT` is "utan projekt".
type Resolved = Vec<(u32, Acc)>;

fn slot(list: &mut Vec<(u32, Acc)>, id: u32, line: u64) -> &mut Acc {
    let at = match list.iter().position(|(p, _)| *p == id) {
        Some(at) => at,
        None => {
            list.push((id, Acc::new(line)));
            list.len() - 1
        }
    };
    &mut list[at].1
}

impl Group {
    /// Reads the group's rows into project amounts and "utan projekt", never
    /// counting a krona twice:
    ///
    /// - **standard form** (`{}` is the account's total, object rows are its parts):
    ///   a project's amount is its single-dimension row `{6 "P"}` when there is one
    ///   (combined rows are then parts of it: counted as rows, not as amounts), else
    ///   the sum of its combined rows; "utan projekt" is the total less the projects.
    ///   Rows with other dimensions only (`{1 "100"}`) are parts of the total too;
    /// - **`{}` as what was booked without objects** (some exporters, e.g. Avendo,
    ///   write one row per exact combination of objects): taken when the projects'
    ///   amounts, or one other dimension's rows, exceed the `{}` row, or when there is
    ///   no `{}` row beside object rows. Then every row is its own part: a project is
    ///   the sum of all its rows, and "utan projekt" is `{}` plus the rows without a
    ///   project.
    ///
    /// Returns the amounts and, when the rows were not in the standard's form, how
    /// they were read. `None` for the amounts: a sum overflowed (cannot happen within
    /// the amount bounds; kept total by refusing the group).
    fn resolve(&self) -> (Option<Resolved>, Option<ObjectReading>) {
        let has_objects =
            !self.single.is_empty() || !self.combined.is_empty() || self.other.is_some();
        let mut standard = Decimal::ZERO;
        let mut single_and_combined = false;
        for (p, acc) in &self.combined {
            if !self.single.iter().any(|(q, _)| q == p) {
                standard += acc.sum;
            } else {
                single_and_combined = true;
            }
        }
        for (_, acc) in &self.single {
            standard += acc.sum;
        }
        let exceeds = |part: Decimal, total: Decimal| part.abs() > total.abs();
        let unobjected = match &self.empty {
            None => has_objects,
            Some(total) => {
                exceeds(standard, total.sum)
                    || self
                        .other_by_dim
                        .iter()
                        .any(|(_, s)| exceeds(*s, total.sum))
            }
        };
        let mut out: Resolved = Vec::new();
        let mut none = self.empty.unwrap_or_else(|| {
            let first = [&self.other]
                .into_iter()
                .flatten()
                .chain(self.single.iter().map(|(_, a)| a))
                .chain(self.combined.iter().map(|(_, a)| a))
                .map(|a| a.first)
                .min()
                .unwrap_or(0);
            Acc::new(first)
        });
        let mut ok = true;
        if unobjected {
            let mut projects: Vec<(u32, Acc)> = self.single.clone();
            for (p, acc) in &self.combined {
                let at = slot(&mut projects, *p, acc.first);
                ok &= at.merge(acc);
            }
            if let Some(other) = &self.other {
                ok &= none.merge(other);
            }
            out.extend(projects);
        } else {
            let mut projects: Vec<(u32, Acc)> = self.single.clone();
            for (p, acc) in &self.combined {
                let at = slot(&mut projects, *p, acc.first);
                if self.single.iter().any(|(q, _)| q == p) {
                    at.rows = at.rows.saturating_add(acc.rows);
                    at.first = at.first.min(acc.first);
                } else {
                    ok &= at.merge(acc);
                }
            }
            match none.sum.checked_sub(standard) {
                Some(rest) => none.sum = rest,
                None => ok = false,
            }
            if let Some(other) = &self.other {
                none.rows = none.rows.saturating_add(other.rows);
                none.first = none.first.min(other.first);
            }
            out.extend(projects);
        }
        if none.rows > 0 {
            out.push((NO_PROJECT, none));
        }
        let reading = if unobjected {
            Some(ObjectReading::EmptyAsUnobjected)
        } else if single_and_combined {
            Some(ObjectReading::SingleRowUsed)
        } else {
            None
        };
        (ok.then_some(out), reading)
    }
}

#[derive(Debug)]
enum Checksum {
    /// No opening `#KSUMMA`.
    Off,
    Open(crc32fast::Hasher),
    Closed,
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
    sie_type: u8,
    records: u64,
    checksum: Checksum,
    accounts: Interner,
    projects: Interner,
    trans: FxMap<TransKey, Acc>,
    psaldo: FxMap<GroupKey, Group>,
    pbudget: FxMap<GroupKey, Group>,
    psaldo_has_project: bool,
    trans_seen: bool,
    ver_date: Option<(i32, u8)>,
    /// The fingerprint of the `#RTRANS` just read: the next `#TRANS`, when it is the
    /// same row, is its repeat.
    rtrans: Option<(u64, TransKey)>,
    findings: Vec<Finding>,
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
}

impl<'o> State<'o> {
    fn new(file: &str, opts: &'o ReadOptions) -> Self {
        State {
            file: file.to_string(),
            opts,
            line_no: 1,
            utf8: true,
            sie_type: 0,
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
            rtrans: None,
            findings: Vec::new(),
            invalid_rows: 0,
            psaldo_rows: 0,
            pbudget_rows: 0,
            trans_rows: 0,
            more_rows_line: None,
            first_record: true,
            not_sie: false,
            checksum_failure: None,
            checksum_line: 0,
        }
    }

    fn unreadable(&self, why: UnreadableActuals) -> Actuals {
        Actuals {
            file: self.file.clone(),
            form: Some(Form::Sie {
                sie_type: self.sie_type,
            }),
            sheet: None,
            rows_read: 0,
            entries: BTreeMap::new(),
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
        let mut text = decode_lossy(&found[..found.len().min(60)], self.utf8);
        if found.len() > 60 {
            text.push('…');
        }
        self.findings.push(
            Finding::new(Kind::InvalidActualsRow {
                column: None,
                found: text,
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

    /// One line, without its `\n`.
    fn line(&mut self, line: &[u8]) {
        let line = match line {
            [rest @ .., b'\r'] => rest,
            _ => line,
        };
        let body = trim(line);
        if body.is_empty() {
            return;
        }
        if self.utf8 && !body.is_ascii() && std::str::from_utf8(body).is_err() {
            self.utf8 = false;
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
            self.sie_type = raw
                .first()
                .filter(|b| b.is_ascii_digit())
                .map_or(0, |b| b - b'0');
        }
        // Every other label (#RAR, #KONTO, #DIM, #OBJEKT, #IB, #UB, #RES…) carries no
        // movement and is not needed: the period fields give the calendar month.
    }

    fn ksumma(&mut self, mut toks: Tokens<'_>) {
        let stated = match toks.next() {
            Some(Tok::Word { raw, .. }) if !raw.is_empty() => Some(raw),
            _ => None,
        };
        match (&mut self.checksum, stated) {
            (Checksum::Off, None) if self.records <= 1 => {
                self.checksum = Checksum::Open(crc32fast::Hasher::new())
            }
            (Checksum::Open(h), Some(stated)) => {
                let computed = h.clone().finalize();
                let matches = std::str::from_utf8(stated)
                    .ok()
                    .and_then(|t| t.parse::<i64>().ok())
                    .is_some_and(|v| v == i64::from(computed) || v == i64::from(computed as i32));
                self.checksum = Checksum::Closed;
                if !matches {
                    let stated = decode_lossy(&stated[..stated.len().min(20)], true);
                    self.checksum_failure =
                        Some(UnreadableActuals::ChecksumMismatch { stated, computed });
                    self.checksum_line = self.line_no;
                }
            }
            _ => {}
        }
        self.records += 1;
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Trans {
    Normal,
    /// `#RTRANS`: a row added afterwards; the standard repeats it as `#TRANS`.
    Added,
}

fn is_data_label(label: &[u8]) -> bool {
    [&b"#TRANS"[..], b"#RTRANS", b"#PSALDO", b"#PBUDGET"]
        .iter()
        .any(|l| label.eq_ignore_ascii_case(l))
}

/// A record's fields after the label, with its raw text for findings.
fn word<'a>(tok: Option<Tok<'a>>) -> Option<&'a [u8]> {
    match tok {
        Some(Tok::Word { raw, .. }) => Some(trim(raw)),
        _ => None,
    }
}

/// FNV-1a over the tokens of a record: the same row written twice has the same
/// fingerprint.
fn fingerprint(toks: Tokens<'_>) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for tok in toks {
        let bytes: &[u8] = match tok {
            Tok::Word { raw, .. } => raw,
            Tok::Open => b"{",
            Tok::Close => b"}",
        };
        for b in bytes.iter().chain(b"\x00") {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

impl State<'_> {
    /// Reads an object list whose `{` was just taken; `toks` is left after its `}`.
    fn objects<'a>(&self, toks: &mut Tokens<'a>) -> Result<Objects<'a>, ObjectsError<'a>> {
        let mut project = None;
        let mut pairs = 0usize;
        let mut single_dim = None;
        let from = toks.i;
        loop {
            let dim = match toks.next() {
                Some(Tok::Close) => break,
                Some(Tok::Word { raw, .. }) => raw,
                None | Some(Tok::Open) => return Err(ObjectsError::Unclosed),
            };
            let object = match toks.next() {
                Some(Tok::Word { raw, .. }) => raw,
                Some(Tok::Close) => return Err(ObjectsError::Odd(&toks.s[from..toks.i])),
                None | Some(Tok::Open) => return Err(ObjectsError::Unclosed),
            };
            let Some(dim) = parse_int(trim(dim)) else {
                return Err(ObjectsError::Odd(&toks.s[from..toks.i]));
            };
            pairs += 1;
            single_dim = if pairs == 1 { Some(dim) } else { None };
            let object = trim(object);
            if dim == i64::from(self.opts.project_dimension)
                && project.is_none()
                && !object.is_empty()
            {
                project = Some(object);
            }
        }
        Ok(Objects {
            project,
            pairs,
            single_dim,
        })
    }

    /// The optional object list of a record: `Ok(None)` when the next field is no `{`
    /// (BL writes `#PBUDGET` without one). Returns the next word after the list.
    fn optional_objects<'a>(
        &mut self,
        toks: &mut Tokens<'a>,
        line: &'a [u8],
    ) -> Result<(Objects<'a>, Option<Tok<'a>>), ()> {
        let empty = Objects {
            project: None,
            pairs: 0,
            single_dim: None,
        };
        match toks.next() {
            Some(Tok::Open) => match self.objects(toks) {
                Ok(o) => Ok((o, toks.next())),
                Err(ObjectsError::Unclosed) => {
                    let at = memchr::memchr(b'{', line).unwrap_or(0);
                    self.invalid(&line[at..], ActualsExpected::ClosedObjectList);
                    Err(())
                }
                Err(ObjectsError::Odd(inner)) => {
                    let mut found = Vec::with_capacity(inner.len() + 2);
                    found.push(b'{');
                    found.extend_from_slice(trim(inner));
                    self.invalid(&found, ActualsExpected::ObjectPairs);
                    Err(())
                }
            },
            other => Ok((empty, other)),
        }
    }

    fn project_id(&mut self, objects: &Objects<'_>) -> u32 {
        match objects.project {
            Some(code) if !code.contains(&b'\\') => self.projects.id(code),
            Some(code) => {
                let mut plain = Vec::with_capacity(code.len());
                unescaped(code, |p| plain.extend_from_slice(p));
                self.projects.id(&plain)
            }
            None => NO_PROJECT,
        }
    }

    /// An account as written, when it is one (else the row is named).
    fn account_text<'a>(&mut self, raw: Option<&'a [u8]>) -> Option<&'a [u8]> {
        match raw {
            Some(a)
                if !a.is_empty() && a.len() <= 20 && a.iter().all(u8::is_ascii_alphanumeric) =>
            {
                Some(a)
            }
            other => {
                self.invalid(other.unwrap_or(b""), ActualsExpected::Account);
                None
            }
        }
    }

    fn account(&mut self, raw: Option<&[u8]>) -> Option<u32> {
        match raw {
            Some(a)
                if !a.is_empty() && a.len() <= 20 && a.iter().all(u8::is_ascii_alphanumeric) =>
            {
                Some(self.accounts.id(a))
            }
            other => {
                self.invalid(other.unwrap_or(b""), ActualsExpected::Account);
                None
            }
        }
    }

    fn ver(&mut self, mut toks: Tokens<'_>) {
        let _series = toks.next();
        let _number = toks.next();
        self.ver_date = word(toks.next()).and_then(parse_date);
    }

    fn trans(&mut self, toks: Tokens<'_>, kind: Trans, pending: Option<(u64, TransKey)>) {
        let line = toks.s;
        // Only an #RTRANS, or the row after one, needs its fingerprint.
        let print = if kind == Trans::Added || pending.is_some() {
            fingerprint(Tokens {
                s: toks.s,
                i: toks.i,
            })
        } else {
            0
        };
        let mut toks = toks;
        let Some(account) = self.account_text(word(toks.next())) else {
            return;
        };
        let Ok((objects, next)) = self.optional_objects(&mut toks, line) else {
            return;
        };
        let Some(raw_amount) = word(next) else {
            self.invalid(line, ActualsExpected::SieAmount);
            return;
        };
        let Some(amount) = parse_amount(raw_amount) else {
            self.invalid(raw_amount, ActualsExpected::SieAmount);
            return;
        };
        let month = match word(toks.next()) {
            Some(date) if !date.is_empty() => match parse_date(date) {
                Some(m) => Some(m),
                None => {
                    self.invalid(date, ActualsExpected::Date);
                    return;
                }
            },
            _ => self.ver_date,
        };
        let Some((year, month)) = month else {
            self.invalid(b"", ActualsExpected::Date);
            return;
        };
        let account = name_code(&mut self.accounts, account);
        let project = match objects.project {
            Some(code) if !code.contains(&b'\\') => name_code(&mut self.projects, code),
            Some(code) => {
                let mut plain = Vec::with_capacity(code.len());
                unescaped(code, |p| plain.extend_from_slice(p));
                name_code(&mut self.projects, &plain)
            }
            None => 0,
        };
        let key = TransKey {
            period: (year as u32) << 4 | u32::from(month),
            account,
            project,
        };
        self.trans_seen = true;
        self.trans_rows += 1;
        let line_no = self.line_no;
        let acc = self.trans.entry(key).or_insert_with(|| Acc::new(line_no));
        if kind == Trans::Normal && pending.is_some_and(|(p, k)| p == print && k == key) {
            // The `#TRANS` that repeats the `#RTRANS` before it: one row, counted once.
            acc.fold(line_no);
            return;
        }
        if !acc.add(amount, line_no) {
            self.trans_rows -= 1;
            self.invalid(raw_amount, ActualsExpected::SieAmount);
            return;
        }
        if kind == Trans::Added {
            self.rtrans = Some((print, key));
        }
    }

    fn saldo(&mut self, mut toks: Tokens<'_>, budget: bool) {
        let line = toks.s;
        let year_index = word(toks.next());
        if year_index.and_then(parse_int).is_none() {
            self.invalid(year_index.unwrap_or(b""), ActualsExpected::YearIndex);
            return;
        }
        let raw_period = word(toks.next()).unwrap_or(b"");
        let Some((year, month)) = parse_period(raw_period) else {
            self.invalid(raw_period, ActualsExpected::Period);
            return;
        };
        let Some(account) = self.account(word(toks.next())) else {
            return;
        };
        let Ok((objects, next)) = self.optional_objects(&mut toks, line) else {
            return;
        };
        let Some(raw_amount) = word(next) else {
            self.invalid(line, ActualsExpected::SieAmount);
            return;
        };
        let Some(amount) = parse_amount(raw_amount) else {
            self.invalid(raw_amount, ActualsExpected::SieAmount);
            return;
        };
        let project = self.project_id(&objects);
        let key = GroupKey {
            year,
            month,
            account,
        };
        let line_no = self.line_no;
        let groups = if budget {
            &mut self.pbudget
        } else {
            &mut self.psaldo
        };
        let group = groups.entry(key).or_default();
        let added = if objects.pairs == 0 {
            group
                .empty
                .get_or_insert_with(|| Acc::new(line_no))
                .add(amount, line_no)
        } else if project != NO_PROJECT {
            let list = if objects.pairs == 1 {
                &mut group.single
            } else {
                &mut group.combined
            };
            slot(list, project, line_no).add(amount, line_no)
        } else {
            if let Some(dim) = objects.single_dim {
                match group.other_by_dim.iter_mut().find(|(d, _)| *d == dim) {
                    Some((_, s)) => *s = s.checked_add(amount).unwrap_or(*s),
                    None => group.other_by_dim.push((dim, amount)),
                }
            }
            group
                .other
                .get_or_insert_with(|| Acc::new(line_no))
                .add(amount, line_no)
        };
        if !added {
            self.invalid(raw_amount, ActualsExpected::SieAmount);
            return;
        }
        if budget {
            self.pbudget_rows += 1;
        } else {
            self.psaldo_rows += 1;
            self.psaldo_has_project |= project != NO_PROJECT;
        }
    }

    fn finish(mut self) -> Actuals {
        if self.not_sie {
            self.line_no = 1;
            return self.unreadable(UnreadableActuals::NotLedger {
                extension: String::new(),
            });
        }
        if let Some(why) = self.checksum_failure.take() {
            self.line_no = self.checksum_line;
            return self.unreadable(why);
        }
        if matches!(self.checksum, Checksum::Open(_)) {
            return self.unreadable(UnreadableActuals::ChecksumMissing);
        }
        if self.psaldo_rows + self.pbudget_rows + self.trans_rows + self.invalid_rows == 0 {
            self.line_no = 1;
            return self.unreadable(UnreadableActuals::NoPeriodRows {
                sie_type: self.sie_type,
            });
        }
        let from_psaldo = self.psaldo_has_project || !self.trans_seen;
        let mut rows_read = self.invalid_rows + self.pbudget_rows;
        let mut actual: Vec<(HotKey, Acc)> = Vec::new();
        let mut mixed: Option<(u64, GroupKey, ObjectReading)> = None;
        let mut overflow = false;
        let mut resolve =
            |groups: &FxMap<GroupKey, Group>,
             out: &mut Vec<(HotKey, Acc)>,
             mixed: &mut Option<(u64, GroupKey, ObjectReading)>| {
                for (key, group) in groups {
                    let (resolved, reading) = group.resolve();
                    let Some(resolved) = resolved else {
                        overflow = true;
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
            };
        if from_psaldo {
            rows_read += self.psaldo_rows;
            resolve(&self.psaldo, &mut actual, &mut mixed);
        } else {
            rows_read += self.trans_rows;
            let trans = std::mem::take(&mut self.trans);
            for (k, a) in trans {
                let account = self.accounts.id(&unpack(&self.accounts, k.account));
                let project = match k.project {
                    0 => NO_PROJECT,
                    code => self.projects.id(&unpack(&self.projects, code)),
                };
                let group = GroupKey {
                    year: (k.period >> 4) as i32,
                    month: (k.period & 15) as u8,
                    account,
                };
                actual.push((HotKey { group, project }, a));
            }
        }
        let mut budget: Vec<(HotKey, Acc)> = Vec::new();
        resolve(&self.pbudget, &mut budget, &mut mixed);
        let mut entries: BTreeMap<Key, Entry> = BTreeMap::new();
        let utf8 = self.utf8;
        let names = |interner: &Interner, id: u32| -> Option<String> {
            (id != NO_PROJECT).then(|| decode(&interner.names[id as usize], utf8))
        };
        for (is_budget, list) in [(false, &actual), (true, &budget)] {
            for (hot, acc) in list {
                let key = Key {
                    year: hot.group.year,
                    month: hot.group.month,
                    account: names(&self.accounts, hot.group.account).unwrap_or_default(),
                    project: names(&self.projects, hot.project)
                        .map(|p| p.trim().to_string())
                        .filter(|p| !p.is_empty()),
                };
                let entry = entries.entry(key).or_default();
                let place = Place::Line(acc.first);
                entry.first = Some(entry.first.map_or(place, |p| p.min(place)));
                entry.rows = entry.rows.saturating_add(acc.rows);
                if is_budget {
                    match entry.budget.unwrap_or_default().checked_add(acc.sum) {
                        Some(b) => entry.budget = Some(b),
                        None => overflow = true,
                    }
                } else {
                    match entry.actual.checked_add(acc.sum) {
                        Some(a) => entry.actual = a,
                        None => overflow = true,
                    }
                }
            }
        }
        if overflow {
            // Only reachable beyond the amount bounds; refuse the file rather than
            // report a sum that is not the file's.
            return self.unreadable(UnreadableActuals::Internal(
                "a sum exceeds the range of exact amounts".to_string(),
            ));
        }
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
                    account: decode(&self.accounts.names[key.account as usize], utf8),
                    year: key.year,
                    month: key.month,
                    reading,
                })
                .in_file(&self.file)
                .at_line(line),
            );
        }
        Actuals {
            file: self.file,
            form: Some(Form::Sie {
                sie_type: self.sie_type,
            }),
            sheet: None,
            rows_read,
            entries,
            findings: self.findings,
        }
    }
}

/// Names as text: UTF-8 when the whole file is valid UTF-8, else CP437.
fn decode(raw: &[u8], utf8: bool) -> String {
    let mut plain = Vec::with_capacity(raw.len());
    unescaped(raw, |p| plain.extend_from_slice(p));
    decode_lossy(&plain, utf8)
}

fn decode_lossy(raw: &[u8], utf8: bool) -> String {
    use codepage_437::{CP437_CONTROL, FromCp437};
    if utf8 && let Ok(text) = std::str::from_utf8(raw) {
        return text.to_string();
    }
    String::from_cp437(raw.to_vec(), &CP437_CONTROL)
}
