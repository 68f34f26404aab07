//! The row loop both tables share. Below the header, row by row until the `Summa`
//! row: a blank row is no data; a row whose amounts cannot be read is counted as
//! unread; a row with amounts but no name, a heading row (a name, every amount
//! zero), a row holding only a `Påverkan` or a `Projekt` code, a negative amount and
//! a name used twice are reported; every other row is kept. What differs between the sheets — which cells hold amounts, the sheet's
//! own checks, the `Summa` row — comes from a [`Table`].

use super::Sink;
use super::cells::{AmountCell, cell_text, in_row, is_total_row_in, total_named};
use crate::finding::Kind;
use crate::grid::{Cell, Grid, Value};
use crate::labels::initiative_key;
use crate::location::CellRef;
use rust_decimal::Decimal;
use std::collections::HashMap;

/// What one table's sheet adds to the shared row loop.
pub(super) trait Table {
    /// The amounts of a row whose cells could be read.
    type Values;
    /// The sheet's name in the template, for `missing-total-row`.
    const SHEET: &'static str;
    /// The header's row and the column of initiative names.
    fn header(&self) -> (u32, u32);
    /// Reads a row's cells; false when the row is blank (no data).
    fn load(&mut self, row: u32, cells: &[Cell], name: &str, sink: &mut Sink<'_>) -> bool;
    /// The row's value in a column that holds no amount (`Påverkan`, `Projekt`),
    /// with that column's name and the cell, when there is one: named when the row
    /// is not read as an initiative, so that it is not dropped silently.
    fn other_value(&self) -> Option<(&'static str, String, CellRef)>;
    /// The row's amounts, or `None` when the row cannot be used (reported).
    fn values(&mut self, name: &str, sink: &mut Sink<'_>) -> Option<Self::Values>;
    /// The row's amounts, in the order a finding shows the first non-zero one.
    fn amounts(values: &Self::Values) -> impl Iterator<Item = Decimal> + '_;
    /// The cells whose amount must not be negative, with their amounts.
    fn signed<'a>(
        &'a self,
        values: &'a Self::Values,
    ) -> impl Iterator<Item = (&'a AmountCell, Decimal)> + 'a;
    /// The sheet's own checks of a named row with amounts.
    fn check(&mut self, values: &Self::Values, sink: &mut Sink<'_>);
    /// Keeps a checked row, whose name is the first of its key in the sheet.
    fn keep(
        &mut self,
        key: String,
        name: String,
        at: CellRef,
        values: Self::Values,
        cells: &[Cell],
    );
    /// A data row that is read but cannot be used.
    fn unread(&mut self, key: String);
    /// Checks the `Summa` row.
    fn total(&mut self, grid: &Grid, row: u32, sink: &mut Sink<'_>);
}

/// Reads the table's rows into `table`, counting the data rows in `rows_read`.
pub(super) fn read<T: Table>(
    grid: &Grid,
    table: &mut T,
    sink: &mut Sink<'_>,
    rows_read: &mut usize,
) {
    let sheet = grid.name.as_str();
    let (header_row, name_col) = table.header();
    let mut names = Names::new();
    let mut total_row = None;
    for (row, cells) in grid.rows().filter(|(r, _)| *r > header_row) {
        let name_at = CellRef::new(row, name_col);
        let name = cell_text(in_row(cells, name_col));
        if total_named(&name, cells, name_col) {
            total_row = Some(row);
            break;
        }
        if !table.load(row, cells, &name, sink) {
            continue; // a blank row, not data
        }
        *rows_read += 1;
        let Some(values) = table.values(&name, sink) else {
            table.unread(initiative_key(&name));
            continue;
        };
        if name_without_value(in_row(cells, name_col)) {
            // `='Budgetfördelning'!A11&""` saved without its text (no value, or
            // the placeholder 0 a program writes that does not calculate): the
            // name is unknown, so the row cannot be matched; not an initiative `0`.
            // Its amounts are in the columns' sums (`values`), as the Summa's are.
            let kind = Kind::FormulaWithoutValue {
                column: crate::labels::COL_INITIATIVE.to_string(),
                recomputed: None,
            };
            sink.push(sheet, Some(name_at), kind);
            table.unread(String::new());
            continue;
        }
        let shown = T::amounts(&values).find(|v| !v.is_zero());
        if no_initiative(&*table, &name, name_at, shown, sheet, sink) {
            continue;
        }
        for (cell, v) in table.signed(&values) {
            if v.is_sign_negative() && !v.is_zero() {
                sink.push(
                    sheet,
                    Some(cell.at),
                    Kind::NegativeAmount {
                        column: cell.column.to_string(),
                        value: v,
                    },
                );
            }
        }
        table.check(&values, sink);
        let key = initiative_key(&name);
        if !names.insert(&key, &name, name_at, sheet, sink) {
            continue;
        }
        table.keep(key, name, name_at, values, cells);
    }
    match total_row {
        Some(row) => {
            table.total(grid, row, sink);
            below_total(grid, row, name_col, sink);
        }
        None => sink.push(sheet, None, Kind::MissingTotalRow { sheet: T::SHEET }),
    }
}

/// Reports a row that is no initiative — one without a name, or a heading (a name,
/// no amounts) — and says whether it is one. `shown` is the row's first non-zero
/// amount. A value such a row holds in another column (a `Påverkan`, a `Projekt`
/// code) is named, never dropped silently.
fn no_initiative<T: Table>(
    table: &T,
    name: &str,
    name_at: CellRef,
    shown: Option<Decimal>,
    sheet: &str,
    sink: &mut Sink<'_>,
) -> bool {
    let (at, kind) = match (name.is_empty(), shown, table.other_value()) {
        // No amounts either: the row holds only a Påverkan or a Projekt code,
        // named at its cell.
        (true, None, Some((column, value, at))) => {
            (at, Kind::ValueWithoutInitiative { column, value })
        }
        (true, shown, _) => {
            let amount = shown.unwrap_or_default();
            (name_at, Kind::MissingInitiativeName { amount })
        }
        (false, None, Some((column, value, _))) => {
            let text = name.to_string();
            (
                name_at,
                Kind::HeadingRowWithValue {
                    text,
                    column,
                    value,
                },
            )
        }
        (false, None, None) => {
            let text = name.to_string();
            (name_at, Kind::HeadingRow { text })
        }
        (false, Some(_), _) => return false,
    };
    sink.push(sheet, Some(at), kind);
    true
}

/// A name cell that is a formula without its text: no stored value, or a stored
/// number 0 (a name formula joins text, so 0 is a placeholder, not a result).
fn name_without_value(cell: Option<&Cell>) -> bool {
    cell.is_some_and(|c| {
        c.formula
            && match &c.value {
                Value::Empty => true,
                Value::Number(v) => v.is_zero(),
                _ => false,
            }
    })
}

/// The `Summa` row ends the table, so nothing below it is read; but a row there
/// with an amount (a number, or a number written as text) is most likely an
/// initiative added after the total: named in one `rows-below-total` warning, at
/// the first such row. Another total row below is no such row.
fn below_total(grid: &Grid, total_row: u32, name_col: u32, sink: &mut Sink<'_>) {
    let has_amount = |c: &Cell| match &c.value {
        Value::Number(v) => !v.is_zero(),
        Value::Text(t) => crate::amount::text_amount(t).is_ok_and(|v| !v.is_zero()),
        _ => false,
    };
    let mut found = grid
        .rows()
        .filter(|(r, _)| *r > total_row)
        .filter(|(_, cells)| !is_total_row_in(cells, name_col))
        .filter(|(_, cells)| cells.iter().any(has_amount));
    let Some((first_row, cells)) = found.next() else {
        return;
    };
    let first = cell_text(in_row(cells, name_col));
    let kind = Kind::RowsBelowTotal {
        rows: 1 + found.count(),
        first,
        total_row: total_row + 1,
    };
    sink.push(&grid.name, Some(CellRef::new(first_row, name_col)), kind);
}

/// Tracks initiative names within one sheet.
struct Names(HashMap<String, u32>);

impl Names {
    /// Room for a filled template's names without regrowing.
    fn new() -> Self {
        Names(HashMap::with_capacity(64))
    }

    /// True when the name is new; otherwise reports `duplicate-initiative`.
    fn insert(
        &mut self,
        key: &str,
        name: &str,
        at: CellRef,
        sheet: &str,
        sink: &mut Sink<'_>,
    ) -> bool {
        if let Some(first_row) = self.0.get(key) {
            sink.push(
                sheet,
                Some(at),
                Kind::DuplicateInitiative {
                    name: name.to_string(),
                    first_row: *first_row,
                },
            );
            return false;
        }
        self.0.insert(key.to_string(), at.row_number());
        true
    }
}
