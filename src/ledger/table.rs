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

mod by_month;
mod columns;
mod delimited;
mod fields;
mod headings;
mod html;
mod xml2003;
pub(crate) use xml2003::is_xml2003;
mod sums;
mod totals;
use columns::{ACCOUNT, AMOUNT, BUDGET, CREDIT, Columns, DATE, DEBIT, PERIOD};
use fields::{
    account_number, decode, is_account_number, order_free, parse_amount_text, parse_period,
    period_of, plain_units, project_code, trim,
};
use headings::{Heads, two_row_header};
use sums::{Row, Sums};
use totals::{Totals, names_total};
#[cfg(test)]
mod tests;
pub use delimited::{read_csv, read_csv_split};

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

/// The most month columns a report with a column per month is read with: two
/// years and a third, more than a rolling report shows.
pub const MONTH_COLUMNS: usize = 32;

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
            (Some((row, heads)), cols) => tables.push(SheetTable {
                grid,
                row,
                cols,
                heads,
            }),
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
        let text = |col: usize| t.head(col);
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
    /// The header's texts by column (of two rows joined, when it has two).
    heads: Heads,
}

impl SheetTable<'_> {
    /// The header's text of a column, as a finding names it.
    fn head(&self, col: usize) -> String {
        headings::head_text(&self.heads, col)
    }

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
        if cols.by_month() {
            return self.month_keys();
        }
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

impl SheetTable<'_> {
    /// [`SheetTable::keys`] of a report with a column per month: a key for each
    /// filled month cell whose period is one.
    fn month_keys(&self) -> std::collections::BTreeSet<SheetKey> {
        let cols = self.cols;
        let value = |row: u32, col: usize| self.grid.value(CellRef::new(row, col as u32));
        let mut keys = std::collections::BTreeSet::new();
        for (row, _) in self.data_rows() {
            let year = cols
                .year
                .map(|c| cell_text(value(row, c)))
                .unwrap_or_default();
            let text = |col: Option<usize>| col.map(|c| cell_text(value(row, c)));
            let account = account_number(&text(cols.account).unwrap_or_default());
            let project = project_code(&text(cols.project).unwrap_or_default());
            for m in cols
                .month_columns()
                .filter(|m| m.actual && !value(row, m.col).is_empty())
            {
                if let Ok((year, month)) = cols.month_period(m, &year) {
                    keys.insert((year, month, account.clone(), project.clone()));
                }
            }
        }
        keys
    }
}

/// A sheet row's month, account and project, for telling a copied sheet (the same
/// rows) from a sheet of another part of the ledger (other rows, the same months).
type SheetKey = (i32, u8, String, String);

/// The sheet's header row, its texts and its columns; `None` and the most columns
/// any row named when no row has the header. A header may be of two rows (the
/// figure over the months: [`columns::two_row_header`]); its row is the lower one.
fn header(sheet: &Grid) -> (Option<(u32, Heads)>, Columns) {
    let mut best = Columns::default();
    let mut above: Option<(u32, Heads)> = None;
    for (row, cells) in sheet.rows().take(HEADER_SEARCH_ROWS) {
        let texts: Heads = cells
            .iter()
            .map(|c| (c.at.col as usize, cell_text(&c.value)))
            .collect();
        // A header of two rows (the row above joined with this one) before this
        // row alone, whose months are named twice.
        let joined = (above.take())
            .filter(|(r, _)| r + 1 == row)
            .and_then(|(_, a)| two_row_header(&a, &texts));
        for texts in [joined, Some(texts.clone())].into_iter().flatten() {
            let found = Columns::from_header(texts.iter().map(|(i, t)| (*i, t.as_str())));
            if found.missing().is_empty() {
                return (Some((row, texts)), found);
            }
            if found.found() > best.found() {
                best = found;
            }
        }
        above = Some((row, texts));
    }
    (None, best)
}

/// Reads one sheet's rows into `sums`, whose findings then name the sheet.
fn read_grid(sums: &mut Sums, table: &SheetTable<'_>) {
    let (sheet, cols) = (table.grid, table.cols);
    let index = sums.sheets.len() as u16;
    sums.sheets.push(sheet.name.clone());
    sums.set_header(cols, |col| table.head(col));
    sums.new_sheet();
    let at = |row: u32, col: Option<usize>| col.map(|c| CellRef::new(row, c as u32));
    for (row, cells) in table.data_rows() {
        let get = |col: Option<usize>| at(row, col).and_then(|r| sheet.cell(r));
        let value = |col: Option<usize>| get(col).map_or(&Value::Empty, |c| &c.value);
        let account = cell_text(value(cols.account));
        let project = cell_text(value(cols.project));
        let fields = || {
            (cells.iter())
                .map(|c| (c.at.col as usize, cell_text(&c.value)))
                .collect()
        };
        if cols.by_month() {
            let filled = |col| get(Some(col)).is_some_and(|c| !c.value.is_empty() || c.formula);
            sums.by_month_row(
                |col| Place::Cell(index, CellRef::new(row, col as u32)),
                &cols
                    .year
                    .map(|_| cell_text(value(cols.year)))
                    .unwrap_or_default(),
                account.as_bytes(),
                project.as_bytes(),
                filled,
                |col| cell_amount(get(Some(col))),
                fields,
            );
            continue;
        }
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
        sums.row(row_in, fields);
    }
}
