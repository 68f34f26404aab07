//! Stage: `ledger::table`, a ledger report exported as a table: CSV (read with the
//! `csv` crate), a workbook (read with the grid reader, every sheet), or what
//! reporting systems save as `.xls` without being one: a web page (`html`, its
//! tables as sheets) or an Excel 2003 XML workbook (`xml2003`). Returns the file's
//! [`Actuals`]; one row per period × account × project.
//!
//! The header is found by its text on any row and sheet (`Period`, `Konto`,
//! `Projekt`, `Belopp` or `Utfall`; optional `Budget`, `Ansvar`, `Verksamhet`,
//! `Text`), columns in any order. A CSV's delimiter (`;`, tab or `,`) is taken from
//! its header line; its characters are UTF-8 (with or without BOM) when the whole file
//! is valid UTF-8, else Windows-1252, as Swedish Excel writes. A field is read in
//! `fields`: amounts by the template's rules (`3,900` is refused) and the forms
//! ledger exports write (`1 234,50-`, `1 234 kr`), months as numbers, dates or names.
//! Rows stream by and are summed per key; CSV rows are never copied into strings.
//!
//! A total row (`Summa;;;;1500,00`, `Delsumma konto 5410`, Excel's `5410 Summa`,
//! `Total`) is recognised in one place, [`Sums::total_row`], for CSV and workbook
//! alike: it is not summed but named in an `actuals-total-row` finding with the sums
//! of the data rows above it, so that no krona is counted twice.

use super::{Actuals, Entry, Form, Key, Place, ReadOptions, Unit};
use crate::amount::{self, Reading};
use crate::finding::{
    ActualsExpected, FileKind, Finding, Kind, NotAmount, SheetLeftOut, UnreadableActuals,
};
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
/// The columns of a sheet, as in Excel (A to XFD): a web page's or an Excel 2003
/// XML file's cells beyond them are not read.
const EXCEL_COLUMNS: u32 = 16_384;

mod delimited;
mod fields;
mod html;
mod xml2003;
pub(crate) use xml2003::is_xml2003;
mod sums;
mod totals;
use fields::{
    account_number, decode, is_account_number, order_free, parse_amount_text, parse_period,
    period_of, plain_units, project_code, trim,
};
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
    /// `År`: the year of a period written as its month alone (`4`, `april`).
    year: Option<usize>,
    /// `Debet` and `Kredit`: the amount is their difference when there is no `Belopp`.
    debit: Option<usize>,
    credit: Option<usize>,
    /// The header's number of fields (a CSV row with a non-empty field past them
    /// is named).
    width: usize,
    /// Two columns that both name what a row's money is read from (`Belopp` and
    /// `Utfall`, two `Budget`): which one counts cannot be told, so the table is
    /// not read ([`Columns::ambiguous`]).
    doubled: Option<Doubled>,
    /// Header cells that name a month (`Jan`, `april`, `2023-01`, `jan-23`): a report
    /// with a column per month, which has no period column to read.
    months: usize,
}

/// Two header cells that claim one column a row's money is read from.
#[derive(Debug, Clone, Copy)]
struct Doubled {
    /// The column's name (`Belopp`, `Budget`, `Debet`, `Kredit`).
    role: &'static str,
    /// The two cells' column numbers, in order.
    at: [usize; 2],
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
const YEAR: &str = "År";

impl Columns {
    /// Which column a header cell names, if any: by its first word (`Belopp kr`,
    /// `Utfall (SEK)`), unless a later word makes it another figure — the previous
    /// year's, an accumulated or full-year one, a forecast or a deviation (`Utfall
    /// fg år`, `Utfall ack`, `Budget helår`), which would be summed as the wrong
    /// thing.
    fn classify(text: &str) -> Option<&'static str> {
        Columns::classify_spelling(text).map(|(role, _)| role)
    }

    /// [`Columns::classify`], and whether the header names an account's or
    /// project's code explicitly (`Kontonr`, `Projektnummer`, `Project ID`): such a
    /// column is read before a plain `Projekt` beside it, which may hold names. A
    /// name column (`Account name`, `Projekt (namn)`, `Konto benämning`) names none.
    fn classify_spelling(text: &str) -> Option<(&'static str, bool)> {
        let norm = crate::labels::normalize(text);
        let norm = norm.trim_end_matches([' ', '.', ':']);
        let mut words = norm
            .split([' ', '(', ')', '/', '-', ','])
            .filter(|w| !w.is_empty())
            .peekable();
        let mut word = words.next().unwrap_or("");
        if is_qualifier(word) && words.peek().is_some() {
            word = words.next().unwrap_or("");
        }
        let rest: Vec<&str> = words.map(|w| w.trim_end_matches('.')).collect();
        if rest.iter().any(|w| is_other_figure(w)) {
            return None;
        }
        let role = role_of_word(word)?;
        // An amount in a currency other than the ledger's own (`Belopp i
        // dokumentvaluta`, `Belopp EUR`, `Amount in doc. curr.`) is not the cost:
        // the local one beside it is (`Belopp i lokal valuta`, `Belopp SEK`).
        if matches!(role, AMOUNT | BUDGET | DEBIT | CREDIT)
            && rest.iter().any(|w| is_foreign_currency(w))
            && !rest.iter().any(|w| is_local_currency(w))
        {
            return None;
        }
        if !matches!(role, ACCOUNT | PROJECT) {
            return Some((role, false));
        }
        if rest.iter().any(|w| is_name_word(w)) {
            return None;
        }
        let code = is_code_spelling(word) || rest.iter().any(|w| is_code_word(w));
        Some((role, code))
    }

    fn from_header<'a>(cells: impl Iterator<Item = (usize, &'a str)>) -> Columns {
        let mut c = Columns::default();
        let mut date = None;
        // The first cell claimed twice, of each column that holds money.
        let mut twice: Vec<Doubled> = Vec::new();
        // The account and project columns taken are named as codes.
        let mut coded = [false; 2];
        for (i, text) in cells {
            c.width = c.width.max(i + 1);
            let t = text.trim();
            if fields::month_of_name(t).is_some()
                || fields::named_month(t).is_some()
                || parse_period(t).is_some()
            {
                c.months += 1;
            }
            let spelling = Columns::classify_spelling(text);
            let role = spelling.map(|(role, _)| role);
            let code = spelling.is_some_and(|(_, code)| code);
            // A column named as the code is read before a plain one beside it.
            let taken = match role {
                Some(ACCOUNT) => Some((&mut c.account, &mut coded[0])),
                Some(PROJECT) => Some((&mut c.project, &mut coded[1])),
                _ => None,
            };
            if let Some((slot, coded)) = taken
                && (slot.is_none() || (code && !*coded))
            {
                *slot = Some(i);
                *coded = code;
                continue;
            }
            let slot = match role {
                Some(DATE) => &mut date,
                Some(PERIOD) => &mut c.period,
                Some(ACCOUNT) => &mut c.account,
                Some(PROJECT) => &mut c.project,
                Some(AMOUNT) => &mut c.amount,
                Some(BUDGET) => &mut c.budget,
                Some(YEAR) => &mut c.year,
                Some(DEBIT) => &mut c.debit,
                Some(CREDIT) => &mut c.credit,
                _ => continue,
            };
            match (*slot, role) {
                (Some(first), Some(role @ (AMOUNT | BUDGET | DEBIT | CREDIT)))
                    if !twice.iter().any(|d| d.role == role) =>
                {
                    twice.push(Doubled {
                        role,
                        at: [first, i],
                    })
                }
                _ => {}
            }
            slot.get_or_insert(i);
        }
        // A booking date gives the month when the report has no period of its own.
        c.period = c.period.or(date);
        // `Debet` and `Kredit` are read only when there is no `Belopp`.
        let read = |role: &str| match role {
            DEBIT | CREDIT => c.amount.is_none(),
            _ => true,
        };
        c.doubled = twice.into_iter().find(|d| read(d.role));
        c
    }

    /// The two header cells that claim one money column, with their texts as
    /// `text` gives them by column, as an `unreadable-actuals` reason.
    fn ambiguous(&self, text: impl Fn(usize) -> String) -> Option<UnreadableActuals> {
        let d = self.doubled?;
        Some(UnreadableActuals::AmbiguousColumns {
            role: d.role.to_string(),
            columns: (d.at.iter())
                .map(|&i| (crate::location::column_letters(i as u32), text(i)))
                .collect(),
        })
    }

    /// A money column whose header names another unit than the one the actuals
    /// are read in (`Belopp (tkr)` while they are read in kronor, `Belopp, mnkr`),
    /// with its text as `text` gives it: its column, and the `unreadable-actuals`
    /// reason — read as it stands, every amount would be 1 000 times off.
    fn wrong_unit(
        &self,
        text: impl Fn(usize) -> String,
        unit: Unit,
    ) -> Option<(usize, UnreadableActuals)> {
        use crate::labels::Unit as Named;
        let money = match self.amount {
            Some(amount) => [Some(amount), None, self.budget],
            None => [self.debit, self.credit, self.budget],
        };
        money.into_iter().flatten().find_map(|col| {
            let header = text(col);
            let key = crate::labels::normalize(&header);
            let named = crate::labels::split_unit(&key).1?;
            let agrees = matches!(
                (named, unit),
                (Named::Kronor, Unit::Kronor) | (Named::Thousands, Unit::Tkr)
            );
            let why = UnreadableActuals::UnitMismatch {
                header,
                named,
                tkr: unit == Unit::Tkr,
            };
            (!agrees).then_some((col, why))
        })
    }

    /// Why a file whose best header candidate is this one was not read: a report
    /// with a column per month, or the columns it lacks.
    fn not_found(&self) -> UnreadableActuals {
        match self.months {
            2.. => UnreadableActuals::MonthColumns {
                months: self.months,
            },
            _ => UnreadableActuals::MissingColumns {
                missing: self.missing(),
            },
        }
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
            self.year,
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

/// A qualifier before the word that names the column: `Fiscal period`, `Posting
/// date`, `Transaction date`, `Bokf. datum`, `Ver. datum`.
fn is_qualifier(word: &str) -> bool {
    matches!(
        word.trim_end_matches('.'),
        "fiscal" | "posting" | "accounting" | "financial" | "transaction" | "bokf" | "ver"
    )
}

/// A later word that makes a header another figure than the period's own: the
/// previous year's, an accumulated or full-year one, a forecast or a deviation.
fn is_other_figure(word: &str) -> bool {
    matches!(
        word.trim_end_matches('.'),
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
}

/// The column a header's first word names, if any.
fn role_of_word(word: &str) -> Option<&'static str> {
    match word {
        "period" | "månad" | "period:" | "bokföringsperiod" | "redovisningsperiod"
        | "bokföringsmånad" | "month" => Some(PERIOD),
        "datum" | "bokföringsdatum" | "bokf.datum" | "bokfdatum" | "verifikationsdatum"
        | "ver.datum" | "verdatum" | "transaktionsdatum" | "date" => Some(DATE),
        "konto" | "kontonr" | "kontonummer" | "account" => Some(ACCOUNT),
        "projekt" | "projektnummer" | "projektkod" | "projektnr" | "project" => Some(PROJECT),
        "belopp" | "utfall" | "amount" | "actual" | "actuals" => Some(AMOUNT),
        "budget" => Some(BUDGET),
        "år" | "räkenskapsår" | "bokföringsår" | "redovisningsår" | "year" => Some(YEAR),
        "debet" | "debit" => Some(DEBIT),
        "kredit" | "credit" => Some(CREDIT),
        _ => None,
    }
}

/// A word that names the ledger's own currency (`lokal valuta`, `SEK`, `kr`).
fn is_local_currency(word: &str) -> bool {
    matches!(
        word,
        "lokal" | "local" | "sek" | "kr" | "kronor" | "redovisningsvaluta" | "bokföringsvaluta"
    )
}

/// A word that names another currency than the ledger's own (`dokumentvaluta`,
/// `EUR`, `doc. curr.`).
fn is_foreign_currency(word: &str) -> bool {
    matches!(
        word,
        "valuta"
            | "dokumentvaluta"
            | "transaktionsvaluta"
            | "originalvaluta"
            | "utländsk"
            | "currency"
            | "curr"
            | "cur"
            | "doc"
            | "document"
            | "eur"
            | "usd"
            | "nok"
            | "dkk"
            | "gbp"
    )
}

/// A word that makes an account or project column one of names, not codes.
fn is_name_word(word: &str) -> bool {
    matches!(
        word,
        "namn" | "name" | "benämning" | "beskrivning" | "description" | "text"
    )
}

/// A first word that names an account's or project's code by itself (`Kontonr`).
fn is_code_spelling(word: &str) -> bool {
    matches!(
        word,
        "kontonr" | "kontonummer" | "projektnummer" | "projektkod" | "projektnr"
    )
}

/// A later word that names a code (`Projekt nr`, `Project ID`).
fn is_code_word(word: &str) -> bool {
    matches!(
        word,
        "nr" | "nummer" | "kod" | "code" | "id" | "no" | "number"
    )
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

/// A row's period from its cells: the period cell, and the year cell when the
/// table has one (a month written alone, `4` or `april`, is of that year).
fn cell_period(period: &Value, year: Option<&Value>) -> Result<(i32, u8), String> {
    let text = cell_text(period);
    let year = year.map(cell_text);
    period_of(&text, year.as_deref()).ok_or_else(|| text.trim().to_string())
}

/// Reads a ledger report saved as a workbook: every sheet that has the header (a
/// report split by month, one sheet each), as one table whose findings name their
/// sheet. A hidden sheet is read only when no visible one has the header; a sheet
/// with the same rows (month, account, project) as another sheet in a month both
/// hold is left out as an overlapping export is
/// ([`settle_overlaps`](crate::ledger::settle_overlaps)), while sheets of other
/// rows for the same months (one per cost centre) are read. Each sheet left out is
/// named, with its rows.
pub fn read_sheet(bytes: &[u8], file: &str, opts: &ReadOptions) -> Actuals {
    let sheets = match grid::read_all_sheets(bytes) {
        Ok(sheets) => sheets,
        Err(ReadError::Unreadable(u)) => {
            return Actuals::unreadable(file, Some(Form::Sheet), UnreadableActuals::Workbook(u));
        }
        Err(ReadError::TooLarge(what)) => {
            let why = UnreadableActuals::WorkbookTooLarge(what);
            return Actuals::unreadable(file, Some(Form::Sheet), why);
        }
    };
    read_grids(&sheets, file, opts, Form::Sheet)
}

/// Reads a ledger report saved as an Excel 2003 XML workbook ("XML Spreadsheet
/// 2003"): its worksheets are read as a workbook's sheets are.
pub fn read_xml2003(bytes: &[u8], file: &str, opts: &ReadOptions) -> Actuals {
    match xml2003::sheets(bytes) {
        Ok(sheets) => read_grids(&sheets, file, opts, Form::Sheet),
        Err(why) => Actuals::unreadable(
            file,
            Some(Form::Sheet),
            UnreadableActuals::Workbook(crate::finding::Unreadable::Corrupt(why)),
        ),
    }
}

/// A web page larger than this is `unreadable-actuals` (too large): its cells take
/// several times its size in memory, and a ledger this large is exported as CSV.
pub const MAX_HTML_BYTES: u64 = 64 * 1024 * 1024;

/// Reads a ledger report saved as a web page (an "Excel export" that is HTML): its
/// tables are read as a workbook's sheets are. A page without a table that names a
/// column of the ledger table is no export (an error page saved at download).
pub fn read_html(bytes: &[u8], file: &str, opts: &ReadOptions) -> Actuals {
    read_grids(&html::tables(bytes), file, opts, Form::Html)
}

/// The grids a web page's tables become (for the readers' tests).
#[cfg(test)]
pub(crate) fn html_tables_for_tests(bytes: &[u8]) -> Vec<Grid> {
    html::tables(bytes)
}

/// Why no sheet (or table of a page) has the header: a page none of whose tables
/// names a ledger column is no export; a plan template or a forecast workbook is
/// named as one; else the header's missing columns, of the sheet closest to it.
fn no_table(sheets: &[Grid], form: Form, best: &Columns) -> UnreadableActuals {
    let names: Vec<String> = sheets.iter().map(|g| g.name.clone()).collect();
    match (form, best.found(), FileKind::of_sheets(&names)) {
        (Form::Html, 0, _) => UnreadableActuals::Html,
        (Form::Sheet, _, Some(found)) => UnreadableActuals::OtherInput { found },
        _ => best.not_found(),
    }
}

/// Reads the sheets of a workbook (or the tables of a page) that have the header.
fn read_grids(sheets: &[Grid], file: &str, opts: &ReadOptions, form: Form) -> Actuals {
    let mut best = Columns::default();
    let mut tables: Vec<SheetTable<'_>> = Vec::new();
    for grid in sheets {
        match header(grid) {
            (Some(row), cols) => tables.push(SheetTable { grid, row, cols }),
            (None, found) if found.found() > best.found() => best = found,
            (None, _) => {}
        }
    }
    if tables.is_empty() {
        return Actuals::unreadable(file, Some(form), no_table(sheets, form, &best));
    }
    let hidden: Vec<SheetTable<'_>> = match tables.iter().any(|t| !t.grid.hidden) {
        true => tables.extract_if(.., |t| t.grid.hidden).collect(),
        false => Vec::new(),
    };
    // A table whose money column is claimed twice is not read: which one counts
    // cannot be told.
    for t in &tables {
        let text = |col: usize| cell_text(t.grid.value(CellRef::new(t.row, col as u32)));
        if let (Some(why), Some(d)) = (t.cols.ambiguous(text), t.cols.doubled) {
            let place = CellRef::new(t.row, d.at[1] as u32);
            return Actuals::unreadable(file, Some(form), why)
                .located(|f| f.at(&t.grid.name, Some(place)));
        }
        if let Some((col, why)) = t.cols.wrong_unit(text, opts.table_unit) {
            let place = CellRef::new(t.row, col as u32);
            return Actuals::unreadable(file, Some(form), why)
                .located(|f| f.at(&t.grid.name, Some(place)));
        }
    }
    // Sheets with the same months overlap when they hold the same rows (a copied
    // sheet, `Mars (2)`); sheets of other rows for those months (one per cost
    // centre) are parts of one table, read as the sheets of a report by month are.
    let keys: Vec<_> = tables.iter().map(SheetTable::keys).collect();
    let months: Vec<std::collections::BTreeSet<(i32, u8)>> = (keys.iter())
        .map(|k| k.iter().map(|(y, m, ..)| (*y, *m)).collect())
        .collect();
    let same_rows = |i: usize, j: usize| !keys[i].is_disjoint(&keys[j]);
    let (counted, overlaps) = crate::ledger::settle_overlaps(&months, same_rows);
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
    sums.finish(form, true)
        .unwrap_or_else(|| sums::overflowed(&file, form))
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

    /// The (month, account, project) keys of the rows whose period is one and whose
    /// amount is filled, account and project as the follow-up reads them.
    fn keys(&self) -> std::collections::BTreeSet<SheetKey> {
        let cols = self.cols;
        let at = |row: u32, col: Option<usize>| col.map(|c| CellRef::new(row, c as u32));
        self.data_rows()
            .filter_map(|(row, _)| {
                let value = |col| at(row, col).map_or(&Value::Empty, |r| self.grid.value(r));
                let filled = [cols.amount, cols.debit, cols.credit]
                    .into_iter()
                    .any(|col| !value(col).is_empty());
                let period = cell_period(value(cols.period), cols.year.map(|_| value(cols.year)));
                let (year, month) = period.ok().filter(|_| filled)?;
                let account = account_number(&cell_text(value(cols.account)));
                let project = project_code(&cell_text(value(cols.project)));
                Some((year, month, account, project))
            })
            .collect()
    }
}

/// A sheet row's month, account and project, for telling a copied sheet (the same
/// rows) from a sheet of another part of the ledger (other rows, the same months).
type SheetKey = (i32, u8, String, String);

/// The sheet's header row and its columns; `None` and the most columns any row
/// named when no row has the header.
fn header(sheet: &Grid) -> (Option<u32>, Columns) {
    let mut best = Columns::default();
    for (row, cells) in sheet.rows().take(HEADER_SEARCH_ROWS) {
        let texts: Vec<(usize, String)> = cells
            .iter()
            .map(|c| (c.at.col as usize, cell_text(&c.value)))
            .collect();
        let found = Columns::from_header(texts.iter().map(|(i, t)| (*i, t.as_str())));
        if found.missing().is_empty() {
            return (Some(row), found);
        }
        if found.found() > best.found() {
            best = found;
        }
    }
    (None, best)
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
            period: cell_period(value(cols.period), cols.year.map(|_| value(cols.year))),
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
