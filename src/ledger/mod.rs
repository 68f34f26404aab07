//! Stage: `ledger`, the follow-up's reading of the actuals (utfall). Takes one ledger
//! export — an SIE file (`sie`) or a table exported as CSV or a workbook (`table`) — and
//! returns its rows as [`Actuals`]: amounts in kronor per (year, month, account,
//! project), each with the place of its first source row, plus the findings about rows
//! that could not be used.
//!
//! Every form yields the same thing, so `follow_up` never knows a file format. A reader
//! aggregates while it streams (memory grows with the number of distinct keys, not
//! with the file), resolves its own format's traps (SIE type 3 writes both an account's
//! total and its object rows; `#RTRANS` is followed by the same `#TRANS`) so that the
//! sum of all entries is the file's movement with no krona counted twice (a table's
//! total rows are named, not summed), and never drops a row silently: a row is
//! either in an entry or named in a finding.
//!
//! It must never filter by account or period: which accounts are cost and which months
//! count is the follow-up's decision, made in one place.

use crate::finding::{ActualsExpected, Finding, Kind, UnreadableActuals};
use rust_decimal::Decimal;
use std::collections::BTreeSet;
use std::io::Read;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
mod entries;
pub mod sie;
pub mod table;
pub use entries::Entries;

/// What a ledger row is booked on. `project` is the trimmed project code as written
/// (compared case-insensitively by the follow-up); `None` is "utan projekt".
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Key {
    /// Calendar year of the row's month.
    pub year: i32,
    /// 1..=12.
    pub month: u8,
    /// The account number as written (`"4010"`).
    pub account: String,
    pub project: Option<String>,
}

/// Where a ledger row stands in its file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Place {
    /// 1-based line of a text file (SIE, CSV).
    Line(u64),
    /// A cell of a workbook's sheet: the sheet's number in [`Actuals::sheets`].
    Cell(u16, crate::location::CellRef),
}

/// The rows of one key, summed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Entry {
    /// The actual (utfall) in kronor: the period's movement, negative for credit.
    pub actual: Decimal,
    /// The periodised budget in kronor (`#PBUDGET`, a `Budget` column), when the file
    /// gives one for this key.
    pub budget: Option<Decimal>,
    /// How many source rows were summed into this entry.
    pub rows: u32,
    /// The first source row, for findings that name a place.
    pub first: Option<Place>,
}

impl Entry {
    /// Adds the rows of the same key read elsewhere (another part of the file, or
    /// another spelling of the key); `false`, and nothing changed, when a sum would
    /// leave the range of exact amounts.
    pub(crate) fn merge(&mut self, other: &Entry) -> bool {
        let budget = match (self.budget, other.budget) {
            (Some(a), Some(b)) => match a.checked_add(b) {
                Some(sum) => Some(sum),
                None => return false,
            },
            (a, b) => a.or(b),
        };
        let Some(actual) = self.actual.checked_add(other.actual) else {
            return false;
        };
        self.actual = actual;
        self.budget = budget;
        self.rows = self.rows.saturating_add(other.rows);
        self.first = match (self.first, other.first) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        true
    }
}

/// Which form a file was read as, for `Källor`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// SIE of the given type (`#SIETYP`: 1, 2, 3 or 4).
    Sie {
        sie_type: u8,
    },
    Csv,
    Sheet,
    /// A web page's tables (an "Excel export" that is HTML).
    Html,
}

/// One actuals file, read.
#[derive(Debug, Clone, PartialEq)]
pub struct Actuals {
    /// The file as the user named it (relative to the input folder where it is inside).
    pub file: String,
    pub form: Option<Form>,
    /// For a workbook: the sheets the table was read from (a [`Place::Cell`]
    /// names one by its number); empty for a text file.
    pub sheets: Vec<String>,
    /// Data rows read (ledger records or table rows, not headers, blank or
    /// unknown-label lines): each one is in `entries` or named in `findings`
    /// ([`Actuals::rows_in_entries`] + [`Actuals::rows_in_findings`]). In SIE these
    /// are the records the actuals come from (`#PSALDO` or `#TRANS`, see
    /// [`sie`]), the `#PBUDGET` rows and every invalid row; the records of the
    /// other kind are not read as actuals and not counted.
    pub rows_read: u64,
    pub entries: Entries,
    /// Problems in the file, each with its line or cell. An `unreadable-actuals`
    /// finding means `entries` is empty and the file must not be used.
    pub findings: Vec<Finding>,
}

/// Two exports (files, or sheets of one workbook) with actuals for the same months,
/// as [`settle_overlaps`] settles it.
#[derive(Debug, Clone, PartialEq)]
pub struct Overlap {
    /// The earlier and the later export, by their numbers.
    pub first: usize,
    pub second: usize,
    /// The months both hold, `2023-01`.
    pub months: Vec<String>,
    /// The one of the two that is not counted.
    pub left_out: usize,
}

/// Which of several exports, given in order by the months they hold, are counted,
/// so that no row is counted twice: two with months in common overlap when
/// `same_rows(earlier, later)` says they hold the same rows in those months (exports
/// of different parts of a ledger for the same months are both counted); of two
/// that overlap, the one whose months the other holds all of is left out (the older,
/// shorter export); else the later one.
pub fn settle_overlaps(
    months: &[BTreeSet<(i32, u8)>],
    same_rows: impl Fn(usize, usize) -> bool,
) -> (Vec<bool>, Vec<Overlap>) {
    let mut counted = vec![true; months.len()];
    let mut overlaps = Vec::new();
    for j in 0..months.len() {
        let earlier: Vec<usize> = (0..j)
            .filter(|&i| counted[i] && !months[i].is_disjoint(&months[j]) && same_rows(i, j))
            .collect();
        // The new export holds every month of each earlier one it meets: it
        // replaces them. Otherwise it is the one left out.
        let replaces = earlier.iter().all(|&i| months[i].is_subset(&months[j]));
        for &i in &earlier {
            let left_out = if replaces { i } else { j };
            counted[left_out] = false;
            overlaps.push(Overlap {
                first: i,
                second: j,
                months: (months[i].intersection(&months[j]))
                    .map(|(y, m)| format!("{y}-{m:02}"))
                    .collect(),
                left_out,
            });
        }
    }
    (counted, overlaps)
}

/// What a reader needs to know beyond the bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadOptions {
    /// The SIE dimension number that holds the project (default 6, "Projekt").
    pub project_dimension: u32,
    /// The unit a table's amounts are written in; SIE is always kronor.
    pub table_unit: Unit,
    /// The most distinct keys a text export may hold ([`MAX_KEYS`]; smaller in
    /// tests).
    pub max_keys: usize,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            project_dimension: 6,
            table_unit: Unit::Kronor,
            max_keys: MAX_KEYS,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Kronor,
    /// Thousands of kronor: a table amount is multiplied by 1 000, exactly.
    Tkr,
}

/// A text export (SIE, CSV) larger than this is `unreadable-actuals`. They are
/// streamed, so the bound is about time, not memory; workbooks are bounded by
/// [`crate::grid::MAX_PART_BYTES`] as templates are.
pub const MAX_TEXT_BYTES: u64 = 4 << 30;

/// The most distinct keys (and names of accounts and projects) a text export may
/// hold: the readers' memory grows with them, not with the rows, and past this a
/// file is `unreadable-actuals` (`TooManyKeys`) instead of filling the machine's
/// memory. A city's year is about 100 000 (month, account, project) keys; this is
/// 20 times that, some 400 MB of sums.
pub const MAX_KEYS: usize = 2_000_000;

impl ReadOptions {
    /// Why a reader holding `held` distinct keys and names stops: more than
    /// [`ReadOptions::max_keys`]. The one rule of the SIE and the CSV readers.
    pub(crate) fn too_many_keys(&self, held: usize) -> Option<UnreadableActuals> {
        (held > self.max_keys).then_some(UnreadableActuals::TooManyKeys {
            limit: self.max_keys,
        })
    }
}

impl Actuals {
    /// A file that could not be used at all: no entries, one finding.
    pub fn unreadable(file: &str, form: Option<Form>, why: UnreadableActuals) -> Actuals {
        Actuals {
            file: file.to_string(),
            form,
            sheets: Vec::new(),
            rows_read: 0,
            entries: Entries::default(),
            findings: vec![Finding::new(Kind::UnreadableActuals(why)).in_file(file)],
        }
    }

    /// The file's refusal with its place: the finding of [`Actuals::unreadable`]
    /// given a sheet and cell or a line by `place`.
    pub(crate) fn located(mut self, place: impl Fn(Finding) -> Finding) -> Actuals {
        self.findings = self.findings.into_iter().map(place).collect();
        self
    }

    /// The source rows summed into the entries.
    pub fn rows_in_entries(&self) -> u64 {
        self.entries.values().map(|e| u64::from(e.rows)).sum()
    }

    /// The rows named in findings (an `invalid-actuals-row` or `actuals-total-row`
    /// names one row, or says how many more there are).
    pub fn rows_in_findings(&self) -> u64 {
        self.findings
            .iter()
            .map(|f| match &f.kind {
                Kind::InvalidActualsRow {
                    expected: ActualsExpected::MoreRows { rows },
                    ..
                } => *rows,
                Kind::InvalidActualsRow { .. } | Kind::ActualsTotalRow { .. } => 1,
                Kind::MoreActualsTotalRows { rows, .. }
                | Kind::ActualsSheetLeftOut { rows, .. }
                | Kind::ActualsRepeatedHeader { rows }
                | Kind::ActualsTextRow { rows, .. } => *rows,
                _ => 0,
            })
            .sum()
    }

    /// Whether the file must not be used (`unreadable-actuals`).
    pub fn is_unreadable(&self) -> bool {
        self.findings
            .iter()
            .any(|f| matches!(f.kind, Kind::UnreadableActuals(_)))
    }
}

/// Which reader a file goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Route {
    Sie,
    Csv,
    Sheet,
    Html,
    /// An Excel 2003 XML workbook ("XML Spreadsheet 2003").
    Xml2003,
    Unknown,
}

/// The extension, lower case, with its dot (`.se`), or empty.
fn extension(file: &str) -> String {
    Path::new(file)
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy().to_lowercase()))
        .unwrap_or_default()
}

/// Decides the reader from the first bytes, then the extension: content that is SIE
/// (`#FLAGGA`), Excel 2003 XML or HTML wins over any name; a zip or compound file is
/// a workbook.
fn route(head: &[u8], ext: &str) -> Route {
    let body = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = body
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(body.len());
    let body = &body[start..];
    let starts =
        |want: &[u8]| body.len() >= want.len() && body[..want.len()].eq_ignore_ascii_case(want);
    if starts(b"#FLAGGA") {
        return Route::Sie;
    }
    if starts(b"<") && table::is_xml2003(body) {
        return Route::Xml2003;
    }
    if starts(b"<") {
        let lower = body.to_ascii_lowercase();
        let has = |tag: &[u8]| memchr::memmem::find(&lower, tag).is_some();
        // `<table>` or `<table border=1>`, not the `<table:table` of a flat ODS file.
        let table = memchr::memmem::find_iter(&lower, b"<table").any(|at| {
            matches!(
                lower.get(at + 6),
                Some(b'>' | b' ' | b'\t' | b'\r' | b'\n' | b'/')
            )
        });
        if has(b"<html") || has(b"<!doctype html") || table {
            return Route::Html;
        }
    }
    if head.starts_with(b"PK\x03\x04")
        || head.starts_with(b"PK\x05\x06")
        || head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
    {
        return Route::Sheet;
    }
    match ext {
        ".se" | ".si" | ".sie" => Route::Sie,
        ".csv" | ".txt" => Route::Csv,
        // Text named as a workbook: many systems write a tab- or semicolon-delimited
        // export as `.xls` so that Excel opens it. A real workbook is a zip or a
        // compound file (above).
        ".xlsx" | ".xlsm" | ".xlsb" | ".xls" | ".ods" if is_text(head) => Route::Csv,
        ".xlsx" | ".xlsm" | ".xlsb" | ".xls" | ".ods" => Route::Sheet,
        // An SIE label is `#` and a word (`#FLAGGA`); `# Rubrik` is Markdown.
        _ if starts(b"#") && body.get(1).is_some_and(u8::is_ascii_alphabetic) => Route::Sie,
        _ => Route::Unknown,
    }
}

/// Whether a file is an SIE export, told as the reader tells it: its first bytes
/// (`#FLAGGA`), else its extension (`.se`, `.si`, `.sie`). `head` is the file's
/// start, a few kilobytes are enough.
pub fn is_sie(head: &[u8], file: &str) -> bool {
    route(head, &extension(file)) == Route::Sie
}

/// Reads one actuals file. `file` is the name findings carry. Never panics: a panic
/// inside a reader becomes `unreadable-actuals` for this file only.
pub fn read(path: &Path, file: &str, opts: &ReadOptions) -> Actuals {
    match catch_unwind(AssertUnwindSafe(|| read_unguarded(path, file, opts))) {
        Ok(actuals) => actuals,
        Err(panic) => {
            let detail = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "panic".to_string());
            Actuals::unreadable(file, None, UnreadableActuals::Internal(detail))
        }
    }
}

fn read_unguarded(path: &Path, file: &str, opts: &ReadOptions) -> Actuals {
    let fail = |why| Actuals::unreadable(file, None, why);
    let io = |e: std::io::Error| fail(UnreadableActuals::Io(e.to_string()));
    // Checked before opening: opening a pipe would wait for a writer.
    match std::fs::metadata(path) {
        Ok(meta) if !meta.is_file() => return fail(UnreadableActuals::NotAFile),
        Ok(_) => {}
        Err(e) => return io(e),
    }
    let mut handle = match std::fs::File::open(path) {
        Ok(handle) => handle,
        Err(e) => return io(e),
    };
    let size = match handle.metadata() {
        Ok(meta) if !meta.is_file() => return fail(UnreadableActuals::NotAFile),
        Ok(meta) => meta.len(),
        Err(e) => return io(e),
    };
    if size == 0 {
        return fail(UnreadableActuals::Empty);
    }
    let mut head = Vec::with_capacity(512);
    if let Err(e) = (&mut handle).take(512).read_to_end(&mut head) {
        return io(e);
    }
    let ext = extension(file);
    let rest = std::io::Cursor::new(head.clone()).chain(handle);
    let route = route(&head, &ext);
    match route {
        Route::Sie | Route::Csv if size > MAX_TEXT_BYTES => {
            fail(UnreadableActuals::TooLarge { bytes: size })
        }
        Route::Sie if size >= sie::SPLIT_BYTES => named(sie::read_split(path, file, opts), &ext),
        Route::Sie => named(sie::read(rest.take(MAX_TEXT_BYTES), file, opts), &ext),
        Route::Csv if is_utf16(&head) => {
            table::read_csv(from_utf16(rest.take(MAX_TEXT_BYTES)), file, opts)
        }
        Route::Csv if size >= sie::SPLIT_BYTES => table::read_csv_split(path, file, opts),
        Route::Csv => table::read_csv(rest.take(MAX_TEXT_BYTES), file, opts),
        Route::Html if size > table::MAX_HTML_BYTES => {
            fail(UnreadableActuals::TooLarge { bytes: size })
        }
        Route::Sheet | Route::Html | Route::Xml2003 => {
            if size > crate::grid::MAX_PART_BYTES {
                return fail(UnreadableActuals::TooLarge { bytes: size });
            }
            let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
            if let Err(e) = rest
                .take(crate::grid::MAX_PART_BYTES + 1)
                .read_to_end(&mut bytes)
            {
                return io(e);
            }
            match route {
                Route::Html => table::read_html(&bytes, file, opts),
                Route::Xml2003 => table::read_xml2003(&bytes, file, opts),
                _ => table::read_sheet(&bytes, file, opts),
            }
        }
        Route::Unknown => fail(UnreadableActuals::NotLedger { extension: ext }),
    }
}

/// The same as [`read`] on bytes already in memory (the fuzz target and tests), with
/// no panic guard so that a panic is found.
pub fn read_bytes(bytes: &[u8], file: &str, opts: &ReadOptions) -> Actuals {
    let fail = |why| Actuals::unreadable(file, None, why);
    if bytes.is_empty() {
        return fail(UnreadableActuals::Empty);
    }
    let ext = extension(file);
    match route(&bytes[..bytes.len().min(512)], &ext) {
        Route::Sie => named(sie::read(bytes, file, opts), &ext),
        Route::Csv if is_utf16(bytes) => table::read_csv(from_utf16(bytes), file, opts),
        Route::Csv => table::read_csv(bytes, file, opts),
        Route::Sheet => table::read_sheet(bytes, file, opts),
        Route::Html if bytes.len() as u64 > table::MAX_HTML_BYTES => {
            fail(UnreadableActuals::TooLarge {
                bytes: bytes.len() as u64,
            })
        }
        Route::Html => table::read_html(bytes, file, opts),
        Route::Xml2003 => table::read_xml2003(bytes, file, opts),
        Route::Unknown => fail(UnreadableActuals::NotLedger { extension: ext }),
    }
}

/// Whether the head of a file is text: UTF-16 with its byte order mark, or bytes
/// with no control character but tab, line ends and form feed (UTF-8 and
/// Windows-1252 alike).
fn is_text(head: &[u8]) -> bool {
    is_utf16(head)
        || (!head.is_empty()
            && head
                .iter()
                .all(|b| *b >= 0x20 || matches!(b, b'\t' | b'\n' | b'\r' | 0x0C)))
}

/// Whether a text file starts with a UTF-16 byte order mark, as Excel's "Unicode
/// text" (tab-delimited UTF-16) does.
fn is_utf16(head: &[u8]) -> bool {
    head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF])
}

/// A UTF-16 text as UTF-8, streamed (its lines and their numbers unchanged), for
/// the table reader, which reads UTF-8 or Windows-1252.
fn from_utf16(input: impl Read) -> impl Read {
    encoding_rs_io::DecodeReaderBytesBuilder::new()
        .bom_sniffing(true)
        .strip_bom(true)
        .build(input)
}

/// A file the SIE reader found not to be SIE names its extension.
fn named(mut actuals: Actuals, ext: &str) -> Actuals {
    for f in &mut actuals.findings {
        if let Kind::UnreadableActuals(UnreadableActuals::NotLedger { extension }) = &mut f.kind {
            *extension = ext.to_string();
        }
    }
    actuals
}

#[cfg(test)]
mod tests;
