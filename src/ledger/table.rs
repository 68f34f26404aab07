//! Stage: `ledger::table`, a ledger report exported as a table: CSV (read with the
//! `csv` crate) or a workbook (read with the grid reader, every sheet). Returns the
//! file's [`Actuals`]; one row per period × account × project.
//!
//! The header is found by its text on any row and sheet (`Period`, `Konto`,
//! `Projekt`, `Belopp` or `Utfall`; optional `Budget`, `Ansvar`, `Verksamhet`,
//! `Text`), columns in any order. A CSV's delimiter (`;`, tab or `,`) is taken from
//! its header line; its characters are UTF-8 (with or without BOM) when the whole file
//! is valid UTF-8, else Windows-1252, as Swedish Excel writes. Amounts are read by
//! [`crate::amount::parse_text`], the template's rules (`3,900` is refused).
//! Rows stream by and are summed per key; CSV rows are never copied into strings.
//!
//! A total row (`Summa;;;;1500,00`, `Delsumma konto 5410`, Excel's `5410 Summa`,
//! `Total`) is recognised in one place, [`Sums::total_row`], for CSV and workbook
//! alike: it is not summed but named in an `actuals-total-row` finding with the sums
//! of the data rows above it, so that no krona is counted twice.

use super::{Actuals, Entry, Form, Key, Place, ReadOptions, Unit};
use crate::amount::{self, Reading};
use crate::finding::{ActualsExpected, Finding, Kind, NotAmount, SheetLeftOut, UnreadableActuals};
use crate::grid::{self, Grid, ReadError, Value};
use crate::location::CellRef;
use rust_decimal::Decimal;
use std::io::Read;

/// Header rows looked for among the first rows of a file or sheet.
const HEADER_SEARCH_ROWS: usize = 100;
/// Invalid rows named one by one; the rest are counted in one finding.
const NAMED_ROWS: usize = 200;
/// The bytes looked at to find a CSV's delimiter and header.
const SNIFF_BYTES: u64 = 64 * 1024;
const NO_PROJECT: u32 = u32::MAX;

mod delimited;
mod sums;
mod totals;
use sums::{Row, Sums};
use totals::{Totals, names_total};
#[cfg(test)]
mod tests;
pub use delimited::{read_csv, read_csv_split};

/// The columns of a ledger table, as found in its header.
#[derive(Debug, Clone, Copy, Default)]
struct Columns {
    period: Option<usize>,
    account: Option<usize>,
    project: Option<usize>,
    amount: Option<usize>,
    budget: Option<usize>,
    /// `Debet` and `Kredit`: the amount is their difference when there is no `Belopp`.
    debit: Option<usize>,
    credit: Option<usize>,
    /// The header's number of fields (a CSV row with a non-empty field past them
    /// is named).
    width: usize,
}

const PERIOD: &str = "Period";
const ACCOUNT: &str = "Konto";
const PROJECT: &str = "Projekt";
const AMOUNT: &str = "Belopp";
const BUDGET: &str = "Budget";
const DEBIT: &str = "Debet";
const CREDIT: &str = "Kredit";
/// A date column (`Datum`, `Bokföringsdatum`): the period when there is no `Period`.
const DATE: &str = "Datum";

impl Columns {
    /// Which column a header cell names, if any: by its first word (`Belopp kr`,
    /// `Utfall (SEK)`), unless a later word makes it another figure — the previous
    /// year's, an accumulated or full-year one, a forecast or a deviation (`Utfall
    /// fg år`, `Utfall ack`, `Budget helår`), which would be summed as the wrong
    /// thing.
    fn classify(text: &str) -> Option<&'static str> {
        let norm = crate::labels::normalize(text);
        let norm = norm.trim_end_matches([' ', '.', ':']);
        let mut words = norm
            .split([' ', '(', ')', '/', '-', ','])
            .filter(|w| !w.is_empty());
        let word = words.next().unwrap_or("");
        let other_figure = |w: &str| {
            matches!(
                w.trim_end_matches('.'),
                "fg" | "föreg"
                    | "föregående"
                    | "fj"
                    | "fjol"
                    | "ifjol"
                    | "ack"
                    | "ackum"
                    | "ackumulerat"
                    | "ackumulerad"
                    | "helår"
                    | "år"
                    | "årsbudget"
                    | "total"
                    | "totalt"
                    | "prognos"
                    | "avvikelse"
                    | "avv"
                    | "diff"
                    | "differens"
                    | "%"
            )
        };
        if words.any(other_figure) {
            return None;
        }
        match word {
            "period" | "månad" | "period:" | "bokföringsperiod" | "redovisningsperiod"
            | "bokföringsmånad" => Some(PERIOD),
            "datum" | "bokföringsdatum" | "bokf.datum" | "bokfdatum" | "verifikationsdatum"
            | "ver.datum" | "verdatum" | "transaktionsdatum" | "date" => Some(DATE),
            "konto" | "kontonr" | "kontonummer" => Some(ACCOUNT),
            "projekt" | "projektnummer" | "projektkod" | "projektnr" => Some(PROJECT),
            "belopp" | "utfall" => Some(AMOUNT),
            "budget" => Some(BUDGET),
            "debet" | "debit" => Some(DEBIT),
            "kredit" | "credit" => Some(CREDIT),
            _ => None,
        }
    }

    fn from_header<'a>(cells: impl Iterator<Item = (usize, &'a str)>) -> Columns {
        let mut c = Columns::default();
        let mut date = None;
        for (i, text) in cells {
            c.width = c.width.max(i + 1);
            let slot = match Columns::classify(text) {
                Some(DATE) => &mut date,
                Some(PERIOD) => &mut c.period,
                Some(ACCOUNT) => &mut c.account,
                Some(PROJECT) => &mut c.project,
                Some(AMOUNT) => &mut c.amount,
                Some(BUDGET) => &mut c.budget,
                Some(DEBIT) => &mut c.debit,
                Some(CREDIT) => &mut c.credit,
                _ => continue,
            };
            slot.get_or_insert(i);
        }
        // A booking date gives the month when the report has no period of its own.
        c.period = c.period.or(date);
        c
    }

    fn missing(&self) -> Vec<String> {
        [
            (self.period, PERIOD),
            (self.account, ACCOUNT),
            (self.project, PROJECT),
            (self.amount.or(self.debit.and(self.credit)), AMOUNT),
        ]
        .into_iter()
        .filter(|(at, _)| at.is_none())
        .map(|(_, name)| name.to_string())
        .collect()
    }

    fn found(&self) -> usize {
        4 - self.missing().len()
    }

    /// The column a row's amount is read from (for `Debet` and `Kredit`, the first).
    fn amount_at(&self) -> Option<usize> {
        self.amount.or(self.debit)
    }

    /// Every column read, by its number.
    fn read(&self) -> impl Iterator<Item = usize> {
        [
            self.period,
            self.account,
            self.project,
            self.amount,
            self.budget,
            self.debit,
            self.credit,
        ]
        .into_iter()
        .flatten()
    }

    /// A row's amount and the column it is named by: `Belopp`, or `Debet` − `Kredit`
    /// when the table has those instead (an empty one is 0); `read` reads a column.
    fn amount(
        &self,
        read: impl Fn(Option<usize>) -> Result<Decimal, (String, NotAmount)>,
    ) -> (Result<Decimal, (String, NotAmount)>, &'static str) {
        if self.amount.is_some() {
            return (read(self.amount), AMOUNT);
        }
        let debit = match read(self.debit) {
            Ok(v) => v,
            Err(e) => return (Err(e), DEBIT),
        };
        let credit = match read(self.credit) {
            Ok(v) => v,
            Err(e) => return (Err(e), CREDIT),
        };
        let out_of_range = || (String::new(), NotAmount::OutOfRange(String::new()));
        (debit.checked_sub(credit).ok_or_else(out_of_range), AMOUNT)
    }
}

/// A period cell as text: `202304`, `2023-04`, `2023-04-01` (a date as text or
/// cell), `20230401` (a date as SIE and many exports write it).
fn parse_period(text: &str) -> Option<(i32, u8)> {
    let t = text.trim().as_bytes();
    if t.len() == 6 {
        return super::sie::parse_period(t);
    }
    if t.len() == 8 && t.iter().all(u8::is_ascii_digit) {
        let day = (t[6] - b'0') * 10 + (t[7] - b'0');
        return super::sie::parse_period(&t[..6]).filter(|_| (1..=31).contains(&day));
    }
    if t.len() >= 7 && matches!(t[4], b'-' | b'/') {
        let joined = [t[0], t[1], t[2], t[3], t[5], t[6]];
        let rest_ok = match t.len() {
            7 => true,
            _ => matches!(t[7], b'-' | b'/' | b'T' | b' '),
        };
        if rest_ok {
            return super::sie::parse_period(&joined);
        }
    }
    None
}

/// The amount of a table cell written as text, by the template's rules: the plain
/// forms by [`plain_amount`], every other text by [`amount::parse_text`]. Besides
/// those, the forms a ledger report saved as text takes: a negative with the minus
/// after the number (SAP's `1 234,50-`) or in parentheses (`(1 234,50)`), the unit
/// written out (`1 234,50 kr`, `SEK 1 234,50`, `1 234:-`, as a currency format
/// shows it), and the accounting format's zero, a lone `-`.
fn parse_amount_text(text: &str) -> Result<Decimal, NotAmount> {
    if let Some(v) = plain_amount(text.as_bytes()) {
        return Ok(v);
    }
    let written = text.trim();
    let number = without_unit(written);
    if number == "-" {
        return Ok(Decimal::ZERO);
    }
    let read = match negative_body(number) {
        None => amount::parse_text(number),
        Some(body) => amount::parse_text(body).map(|v| if v.is_zero() { v } else { -v }),
    };
    // A refusal names the text as written.
    read.map_err(|why| match why {
        NotAmount::Text(_) => NotAmount::Text(written.to_string()),
        NotAmount::Ambiguous(_) => NotAmount::Ambiguous(written.to_string()),
        other => other,
    })
}

/// The number of an amount written with its unit: `1 234,50 kr`, `1 234 SEK`,
/// `SEK 1 234`, `1 234:-`, `-   kr` (the accounting zero); any other text as it is.
fn without_unit(t: &str) -> &str {
    for unit in ["kr.", "kr", "sek", ":-"] {
        let Some(at) = t.len().checked_sub(unit.len()) else {
            continue;
        };
        if t.is_char_boundary(at) && t[at..].eq_ignore_ascii_case(unit) {
            let number = t[..at].trim_end();
            // `1234kr` and `1234 kr` alike, but not a word ending in the letters.
            if number.ends_with(|c: char| c.is_ascii_digit() || c == '-' || c == ')') {
                return number.trim_start();
            }
        }
    }
    match t.get(..3) {
        Some(unit) if unit.eq_ignore_ascii_case("sek") => t[3..].trim_start(),
        _ => t,
    }
}

/// The number of a negative amount written with a trailing minus or in
/// parentheses; `None` for any other text (a sign inside as well is no amount).
fn negative_body(text: &str) -> Option<&str> {
    let t = text.trim();
    let body = match t.strip_suffix('-') {
        Some(body) => body,
        None => t.strip_prefix('(')?.strip_suffix(')')?,
    };
    let body = body.trim();
    let signed = body.starts_with(['-', '+', '\u{2212}', '(']) || body.ends_with(['-', ')']);
    (!body.is_empty() && !signed).then_some(body)
}

/// An amount in a plain form (`-1234.50`, `1234,50`, `1234`: no blanks, no grouping,
/// one or two decimals, where the template's rules and SIE's agree), read without
/// allocation; `None` for any other text.
fn plain_amount(b: &[u8]) -> Option<Decimal> {
    let body = b.strip_prefix(b"-").unwrap_or(b);
    // Up to 15 characters (SIE's reader's most integer digits, and within a `u64`):
    // the common case, read here; the rest as SIE's reader reads them.
    if body.len() <= SHORT_AMOUNT {
        let (mantissa, scale) = plain_units(b)?;
        return Decimal::try_from_i128_with_scale(i128::from(mantissa), scale).ok();
    }
    let sep = body.iter().position(|c| matches!(c, b'.' | b','));
    let plain = match sep {
        None => body.iter().all(u8::is_ascii_digit),
        Some(at) => {
            let (int, frac) = (&body[..at], &body[at + 1..]);
            !int.is_empty()
                && (1..=2).contains(&frac.len())
                && int.iter().chain(frac).all(u8::is_ascii_digit)
        }
    };
    if !plain || b.len() > 32 {
        return None;
    }
    let mut canonical = [0u8; 32];
    canonical[..b.len()].copy_from_slice(b);
    if let Some(c) = canonical[..b.len()].iter_mut().find(|c| **c == b',') {
        *c = b'.';
    }
    super::sie::parse_amount(&canonical[..b.len()])
}

/// The longest plain amount (without its sign) [`plain_units`] reads.
const SHORT_AMOUNT: usize = 15;

/// A short plain amount (at most [`SHORT_AMOUNT`] characters after its sign) as its
/// mantissa and number of decimals, `-0` as zero, as SIE's reader gives them; `None`
/// for any other text.
fn plain_units(b: &[u8]) -> Option<(i64, u32)> {
    let (negative, body) = match b {
        [b'-', rest @ ..] => (true, rest),
        _ => (false, b),
    };
    if body.len() > SHORT_AMOUNT {
        return None;
    }
    let mut mantissa = 0i64;
    let mut scale = None;
    for (i, c) in body.iter().enumerate() {
        match c {
            b'0'..=b'9' => mantissa = mantissa * 10 + i64::from(c - b'0'),
            b'.' | b',' if scale.is_none() && i > 0 => scale = Some(body.len() - i - 1),
            _ => return None,
        }
    }
    let scale = match scale {
        None if !body.is_empty() => 0,
        Some(s @ 1..=2) => s as u32,
        _ => return None,
    };
    Some((if negative { -mantissa } else { mantissa }, scale))
}

/// Amounts whose sums never round nor overflow in any order: below 10¹⁵ kr with at
/// most four decimals, of which even 2³² rows sum to less than `Decimal`'s 2⁹⁶ at four
/// decimals.
pub(super) fn order_free(v: Decimal) -> bool {
    const LIMIT: [u128; 5] = [
        10u128.pow(15),
        10u128.pow(16),
        10u128.pow(17),
        10u128.pow(18),
        10u128.pow(19),
    ];
    LIMIT
        .get(v.scale() as usize)
        .is_some_and(|limit| v.mantissa().unsigned_abs() < *limit)
}

/// A field without the blanks around it (and the `\r` a CSV's CR LF leaves on a
/// line's last field).
fn trim(mut s: &[u8]) -> &[u8] {
    while let [b' ' | b'\t' | b'\r' | 0xA0, rest @ ..] = s {
        s = rest;
    }
    while let [rest @ .., b' ' | b'\t' | b'\r' | 0xA0] = s {
        s = rest;
    }
    s
}

/// An account as the follow-up classifies it: the account number that leads
/// `6550 Konsultarvoden`, `6550 - Konsult` or `6550: Konsult` (reports written for
/// reading), and that a float-written `6550.0` (pandas) stands for; other text as
/// it stands.
fn account_number(text: &str) -> String {
    let t = text.trim();
    let digits = leading_digits(t);
    let named = t[digits..].starts_with([' ', '\t', '\u{a0}', '-', ':', '\u{2013}']);
    match digits > 0 && (float_written(t, digits) || named) {
        true => t[..digits].to_string(),
        false => t.to_string(),
    }
}

/// A project code as the follow-up maps it: the code as written, except that a
/// number code written as a float (`23101.0`, as pandas writes a column of
/// numbers it read as floats) is its digits.
fn project_code(text: &str) -> String {
    let t = text.trim();
    let digits = leading_digits(t);
    match digits > 0 && float_written(t, digits) {
        true => t[..digits].to_string(),
        false => t.to_string(),
    }
}

fn leading_digits(t: &str) -> usize {
    t.bytes().take_while(u8::is_ascii_digit).count()
}

/// Whether the text after the first `digits` digits is a decimal separator and
/// zeros only (`.0`, `,00`): a whole number written as a float.
fn float_written(t: &str, digits: usize) -> bool {
    let rest = &t[digits..];
    rest.len() > 1 && rest.starts_with(['.', ',']) && rest[1..].bytes().all(|b| b == b'0')
}

/// Whether a (trimmed) account field is an account number, as [`account_number`]
/// reads it: a row on anything else could be no cost or any cost, so it is named
/// (`invalid-actuals-row`), not left out of the costs unsaid.
fn is_account_number(raw: &[u8]) -> bool {
    // Most accounts are plain digits: no decoding for them (this runs per row).
    if !raw.is_empty() && raw.iter().all(u8::is_ascii_digit) {
        return true;
    }
    let number = account_number(&decode(raw, true));
    !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit())
}

/// Text of a CSV field: UTF-8 when it is, else Windows-1252.
fn decode(raw: &[u8], utf8: bool) -> String {
    if utf8 && let Ok(t) = std::str::from_utf8(raw) {
        return t.to_string();
    }
    if let Ok(t) = std::str::from_utf8(raw)
        && raw.is_ascii()
    {
        return t.to_string();
    }
    encoding_rs::WINDOWS_1252
        .decode_without_bom_handling(raw)
        .0
        .into_owned()
}

fn cell_text(v: &Value) -> String {
    match v {
        Value::Number(d) => d.normalize().to_string(),
        other => other.display(),
    }
}

fn cell_amount(cell: Option<&grid::Cell>) -> Result<Decimal, (String, NotAmount)> {
    let found = || cell.map(|c| c.value.display()).unwrap_or_default();
    match amount::read(cell) {
        Reading::Empty => Ok(Decimal::ZERO),
        Reading::Number { value, .. } => Ok(value),
        Reading::Text { text, .. } => parse_amount_text(&text).map_err(|why| (text, why)),
        Reading::Uncalculated => Err((found(), NotAmount::Uncalculated)),
        // A text the template's rules refuse may be a ledger's form (`250,50-`,
        // `1 200 kr`, the accounting zero `-`).
        Reading::Invalid(why @ (NotAmount::Text(_) | NotAmount::Ambiguous(_))) => {
            match cell.map(|c| &c.value) {
                Some(Value::Text(t)) => {
                    parse_amount_text(t).map_err(|why| (t.trim().to_string(), why))
                }
                _ => Err((found(), why)),
            }
        }
        Reading::Invalid(why) => Err((found(), why)),
    }
}

fn cell_period(v: &Value) -> Result<(i32, u8), String> {
    let text = cell_text(v);
    parse_period(&text).ok_or_else(|| text.trim().to_string())
}

/// Reads a ledger report saved as a workbook: every sheet that has the header (a
/// report split by month, one sheet each), as one table whose findings name their
/// sheet. A hidden sheet is read only when no visible one has the header; a sheet
/// with actuals for a month another sheet holds is left out as an overlapping
/// export is ([`settle_overlaps`](crate::ledger::settle_overlaps)). Each sheet
/// left out is named, with its rows.
pub fn read_sheet(bytes: &[u8], file: &str, opts: &ReadOptions) -> Actuals {
    let sheets = match grid::read_all_sheets(bytes) {
        Ok(sheets) => sheets,
        Err(ReadError::Unreadable(u)) => {
            return Actuals::unreadable(file, Some(Form::Sheet), UnreadableActuals::Workbook(u));
        }
        Err(ReadError::TooLarge(_)) => {
            return Actuals::unreadable(
                file,
                Some(Form::Sheet),
                UnreadableActuals::TooLarge {
                    bytes: bytes.len() as u64,
                },
            );
        }
    };
    let mut best = Columns::default();
    let mut tables: Vec<SheetTable<'_>> = Vec::new();
    for grid in &sheets {
        match header(grid) {
            Ok((row, cols)) => tables.push(SheetTable { grid, row, cols }),
            Err(found) if found.found() > best.found() => best = found,
            Err(_) => {}
        }
    }
    if tables.is_empty() {
        return Actuals::unreadable(
            file,
            Some(Form::Sheet),
            UnreadableActuals::MissingColumns {
                missing: best.missing(),
            },
        );
    }
    let hidden: Vec<SheetTable<'_>> = match tables.iter().any(|t| !t.grid.hidden) {
        true => tables.extract_if(.., |t| t.grid.hidden).collect(),
        false => Vec::new(),
    };
    let months: Vec<_> = tables.iter().map(SheetTable::months).collect();
    let (counted, overlaps) = crate::ledger::settle_overlaps(&months);
    let read: Vec<String> = (tables.iter().zip(&counted))
        .filter(|(_, c)| **c)
        .map(|(t, _)| t.grid.name.clone())
        .collect();
    let mut left_out: Vec<_> = (hidden.iter())
        .map(|t| {
            let why = SheetLeftOut::Hidden { read: read.clone() };
            (t.grid.name.clone(), t.rows(), why)
        })
        .collect();
    for o in overlaps {
        let (sheet, other) = match o.left_out == o.first {
            true => (&tables[o.first], &tables[o.second]),
            false => (&tables[o.second], &tables[o.first]),
        };
        let why = SheetLeftOut::SameMonths {
            other: other.grid.name.clone(),
            months: o.months,
        };
        left_out.push((sheet.grid.name.clone(), sheet.rows(), why));
    }
    let mut sums = Sums::new(file, opts);
    for (table, _) in tables.iter().zip(&counted).filter(|(_, c)| **c) {
        read_grid(&mut sums, table);
    }
    for (sheet, rows, why) in left_out {
        sums.rows_read += rows;
        let kind = Kind::ActualsSheetLeftOut {
            sheet: sheet.clone(),
            rows,
            why,
        };
        sums.findings
            .push(Finding::new(kind).in_file(file).at(&sheet, None));
    }
    let file = sums.file.clone();
    sums.finish(Form::Sheet, true)
        .unwrap_or_else(|| sums::overflowed(&file, Form::Sheet))
}

/// A sheet with the ledger table's header on `row`.
struct SheetTable<'g> {
    grid: &'g Grid,
    row: u32,
    cols: Columns,
}

impl SheetTable<'_> {
    /// The rows below the header that hold anything (as [`read_grid`] reads them).
    fn data_rows(&self) -> impl Iterator<Item = (u32, &[grid::Cell])> {
        (self.grid.rows()).filter(|(row, cells)| {
            *row > self.row && cells.iter().any(|c| !c.value.is_empty() || c.formula)
        })
    }

    fn rows(&self) -> u64 {
        self.data_rows().count() as u64
    }

    /// The months of the rows whose period is one and whose amount is filled.
    fn months(&self) -> std::collections::BTreeSet<(i32, u8)> {
        let cols = self.cols;
        let at = |row: u32, col: Option<usize>| col.map(|c| CellRef::new(row, c as u32));
        self.data_rows()
            .filter_map(|(row, _)| {
                let value = |col| at(row, col).map_or(&Value::Empty, |r| self.grid.value(r));
                let filled = [cols.amount, cols.debit, cols.credit]
                    .into_iter()
                    .any(|col| !value(col).is_empty());
                filled
                    .then(|| cell_period(value(cols.period)).ok())
                    .flatten()
            })
            .collect()
    }
}

fn header(sheet: &Grid) -> Result<(u32, Columns), Columns> {
    let mut best = Columns::default();
    for (row, cells) in sheet.rows().take(HEADER_SEARCH_ROWS) {
        let texts: Vec<(usize, String)> = cells
            .iter()
            .map(|c| (c.at.col as usize, cell_text(&c.value)))
            .collect();
        let found = Columns::from_header(texts.iter().map(|(i, t)| (*i, t.as_str())));
        if found.missing().is_empty() {
            return Ok((row, found));
        }
        if found.found() > best.found() {
            best = found;
        }
    }
    Err(best)
}

/// Reads one sheet's rows into `sums`, whose findings then name the sheet.
fn read_grid(sums: &mut Sums, table: &SheetTable<'_>) {
    let (sheet, cols) = (table.grid, table.cols);
    let index = sums.sheets.len() as u16;
    sums.sheets.push(sheet.name.clone());
    sums.columns = cols;
    sums.totals.new_sheet();
    let at = |row: u32, col: Option<usize>| col.map(|c| CellRef::new(row, c as u32));
    for (row, cells) in table.data_rows() {
        let get = |col: Option<usize>| at(row, col).and_then(|r| sheet.cell(r));
        let value = |col: Option<usize>| get(col).map_or(&Value::Empty, |c| &c.value);
        let account = cell_text(value(cols.account));
        let project = cell_text(value(cols.project));
        let budget_cell = get(cols.budget).filter(|c| !c.value.is_empty() || c.formula);
        let (amount, amount_column) = cols.amount(|col| cell_amount(get(col)));
        let place = CellRef::new(row, cols.amount_at().unwrap_or(0) as u32);
        let row_in = Row {
            place: Place::Cell(index, place),
            period: cell_period(value(cols.period)),
            account: account.as_bytes(),
            project: project.as_bytes(),
            amount,
            amount_column,
            budget: budget_cell.map(|c| cell_amount(Some(c))),
        };
        sums.row(row_in, || {
            cells
                .iter()
                .map(|c| (c.at.col as usize, cell_text(&c.value)))
                .collect()
        });
    }
}
