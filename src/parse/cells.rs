//! One amount cell and one amount column as both tables read them: the cell's
//! reading, the findings about a cell that cannot be read, a column's `Summa`, and
//! the root cause behind a formula an unreadable cell breaks.

use super::Sink;
use crate::amount::{self, Reading};
use crate::finding::{Consequence, Kind, NotAmount, Severity, Shows};
use crate::grid::{Cell, Grid, Value};
use crate::labels;
use crate::location::CellRef;
use rust_decimal::Decimal;
use std::collections::HashMap;
/// The cell in `col` of a row's cells (sorted left to right).
pub(super) fn in_row(cells: &[Cell], col: u32) -> Option<&Cell> {
    cells
        .binary_search_by_key(&col, |c| c.at.col)
        .ok()
        .map(|i| &cells[i])
}

/// A text cell's text, trimmed (a number there is read as its text): the
/// initiative's name, or its `Påverkan`.
pub(super) fn cell_text(cell: Option<&Cell>) -> String {
    match cell.map(|c| &c.value) {
        None => String::new(),
        Some(Value::Text(t)) => t.trim().to_string(),
        Some(other) => other.display().trim().to_string(),
    }
}

/// Whether a row is the table's `Summa` row, from its cells: see [`total_named`].
pub(crate) fn is_total_row_in(cells: &[Cell], name_col: u32) -> bool {
    total_named(&cell_text(in_row(cells, name_col)), cells, name_col)
}

/// Whether the row whose initiative cell reads `name` is the table's `Summa` row:
/// that cell says so, or it is empty and a cell left of it does — a column added
/// before the names (`Nr`), with `Summa` typed in it on the total row.
pub(super) fn total_named(name: &str, cells: &[Cell], name_col: u32) -> bool {
    is_total_row(name)
        || (name.is_empty()
            && cells
                .iter()
                .take_while(|c| c.at.col < name_col)
                .any(|c| matches!(&c.value, Value::Text(t) if is_total_row(t.trim()))))
}

pub(super) fn is_total_row(text: &str) -> bool {
    // Cheap length check first: this runs on every row's initiative cell.
    let text = text.trim_start();
    text.len() < 16 && text.starts_with(['S', 's']) && labels::is_key(text, labels::key::TOTAL_ROW)
}

/// The name of an amount column, as messages show it; built only when a finding
/// needs it (this runs for every amount cell).
#[derive(Debug, Clone, Copy)]
pub(super) enum Column {
    Label(&'static str),
    /// `Utveckling 2024`.
    Year(&'static str, i32),
}

impl std::fmt::Display for Column {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Column::Label(label) => f.write_str(label),
            Column::Year(group, year) => write!(f, "{group} {year}"),
        }
    }
}

/// One amount cell of a data row: its reading and where it is.
pub(super) struct AmountCell {
    pub(super) at: CellRef,
    pub(super) column: Column,
    pub(super) reading: Reading,
    /// The cell holds a formula (whatever its value).
    pub(super) formula: bool,
}

impl AmountCell {
    pub(super) fn new(grid: &Grid, at: CellRef, column: Column) -> Self {
        let cell = grid.cell(at);
        AmountCell {
            at,
            column,
            reading: amount::read(cell),
            formula: cell.is_some_and(|c| c.formula),
        }
    }

    /// The cell in `col` of row `row`, whose cells are `cells`.
    pub(super) fn in_row(cells: &[Cell], row: u32, col: u32, column: Column) -> Self {
        let cell = in_row(cells, col);
        AmountCell {
            at: CellRef::new(row, col),
            column,
            reading: amount::read(cell),
            formula: cell.is_some_and(|c| c.formula),
        }
    }

    /// Blank for the purpose of skipping a row: nothing, or a zero, or a formula
    /// that was never calculated (an empty template row's `Belopp`).
    pub(super) fn is_blank(&self) -> bool {
        match &self.reading {
            Reading::Empty | Reading::Uncalculated => true,
            Reading::Number { value, .. } => value.is_zero(),
            Reading::Text { .. } | Reading::Invalid(_) => false,
        }
    }
}

/// Reports `number-as-text` and `invalid-amount` for a row's cells; true when every
/// cell could be read (formulas without values are left to the caller).
pub(super) fn report_cells<'c>(
    cells: impl IntoIterator<Item = &'c AmountCell>,
    sheet: &str,
    sink: &mut Sink<'_>,
) -> bool {
    let mut ok = true;
    for cell in cells {
        match &cell.reading {
            Reading::Text { value, text } => sink.push(
                sheet,
                Some(cell.at),
                Kind::NumberAsText {
                    column: cell.column.to_string(),
                    text: text.clone(),
                    value: *value,
                },
            ),
            Reading::Invalid(found) => {
                ok = false;
                sink.push(
                    sheet,
                    Some(cell.at),
                    Kind::InvalidAmount {
                        column: cell.column.to_string(),
                        found: found.clone(),
                    },
                );
            }
            _ => {}
        }
    }
    ok
}

pub(super) fn uncalculated_error(cell: &AmountCell, sheet: &str, sink: &mut Sink<'_>) {
    sink.push(
        sheet,
        Some(cell.at),
        Kind::FormulaWithoutValue {
            column: cell.column.to_string(),
            recomputed: None,
        },
    );
}

/// Resolves a cell that can be recomputed (a row's `Belopp`, a `Summa` cell):
/// a formula without a value, or a formula storing a placeholder 0 where the
/// recomputed value is not 0, takes the recomputed value with a warning.
pub(super) fn recomputable(
    cell: &AmountCell,
    recomputed: Decimal,
    sheet: &str,
    sink: &mut Sink<'_>,
) -> Option<Decimal> {
    let placeholder = cell.reading.is_formula_zero() && !recomputed.is_zero();
    if matches!(cell.reading, Reading::Uncalculated) || placeholder {
        sink.push(
            sheet,
            Some(cell.at),
            Kind::FormulaWithoutValue {
                column: cell.column.to_string(),
                recomputed: Some(recomputed),
            },
        );
        return Some(recomputed);
    }
    cell.reading.value()
}

/// Budget rows whose `Belopp` shows an error value because of a number written as
/// text: initiative key → (the sheet, the text cell, the error value, the right
/// `Belopp`).
/// `None` when the right `Belopp` is not known (the text is no number at all).
pub(super) type Broken = HashMap<String, (String, CellRef, String, Option<Decimal>)>;

/// What `Utvecklingsinitiativ` needs from `Budgetfördelning`: the template's budget
/// year development is a formula taking the row's `Belopp`, so an error value there
/// follows from the budget row's text cell.
pub(super) struct Linked<'a> {
    pub(super) broken: &'a Broken,
    pub(super) budget_year: Option<i32>,
}

/// One column of a table as its `Summa` cell sees it.
#[derive(Debug, Clone, Default)]
pub(super) struct ColSum {
    /// The column's sum as the tool reads it (numbers written as text included).
    pub(super) sum: Decimal,
    /// Every cell of the column could be read, so `sum` is the column's sum.
    pub(super) unreadable: bool,
    /// What a `SUM` formula over the column shows: stored numbers only, so text
    /// is left out and a formula counts with its stored (maybe wrong) value.
    pub(super) shown: Decimal,
    /// A cell of the column shows an error value, which a `SUM` passes on.
    pub(super) error: bool,
    /// The number-as-text cell that makes this column's `SUM` differ from `sum`.
    pub(super) root: Option<CellRef>,
    /// The number-as-text cell behind an error value in this column.
    pub(super) error_root: Option<CellRef>,
    /// `error_root`'s sheet when it is another sheet (a formula taking its value
    /// from `Budgetfördelning`).
    pub(super) error_root_sheet: Option<String>,
    /// `Belopp` only, when a row's `Belopp` differs from its parts: the column's sum
    /// from the parts. A `Summa` equal to it agrees with the other columns, so its
    /// difference is the row errors' (already reported), not a mistake of its own.
    pub(super) from_parts: Option<Decimal>,
}

impl ColSum {
    /// An input cell of the column.
    pub(super) fn see(&mut self, cell: &AmountCell) {
        match &cell.reading {
            Reading::Empty => {}
            Reading::Number { value, .. } => {
                self.sum = self.sum.saturating_add(*value);
                self.shown = self.shown.saturating_add(*value);
            }
            Reading::Text { value, .. } => {
                self.sum = self.sum.saturating_add(*value);
                self.root.get_or_insert(cell.at);
            }
            Reading::Invalid(found) => {
                self.unreadable = true;
                self.error |= matches!(found, NotAmount::ErrorValue(_));
            }
            Reading::Uncalculated => self.unreadable = true,
        }
    }
}

/// Makes the number-as-text finding at `root` the root cause of `consequence`: one
/// error that names the text cell and the formula cells that go wrong because of it.
pub(super) fn blame(sink: &mut Sink<'_>, sheet: &str, root: CellRef, consequence: Consequence) {
    let Some(f) = sink.findings.iter_mut().rev().find(|f| {
        f.sheet.as_deref() == Some(sheet)
            && f.cell == Some(root)
            && matches!(
                f.kind,
                Kind::NumberAsText { .. }
                    | Kind::TextBreaksFormula { .. }
                    | Kind::InvalidAmount { .. }
                    | Kind::InvalidBreaksFormula { .. }
            )
    }) else {
        return;
    };
    f.severity = Severity::Error;
    f.kind = match std::mem::replace(&mut f.kind, Kind::EmptyTemplate) {
        Kind::NumberAsText {
            column,
            text,
            value,
        } => Kind::TextBreaksFormula {
            column,
            text,
            value,
            shows: vec![consequence],
        },
        Kind::TextBreaksFormula {
            column,
            text,
            value,
            mut shows,
        } => {
            shows.push(consequence);
            Kind::TextBreaksFormula {
                column,
                text,
                value,
                shows,
            }
        }
        Kind::InvalidAmount { column, found } => Kind::InvalidBreaksFormula {
            column,
            found,
            shows: vec![consequence],
        },
        Kind::InvalidBreaksFormula {
            column,
            found,
            mut shows,
        } => {
            shows.push(consequence);
            Kind::InvalidBreaksFormula {
                column,
                found,
                shows,
            }
        }
        other => other,
    };
}

/// What a row's `Belopp` formula shows because one of the row's own input cells
/// holds a number as text: `#VALUE!`, or the sum without the text (a program that
/// counts text as 0). `None` when the formula is right or wrong for another reason.
pub(super) fn broken_by_text(
    amount: &AmountCell,
    parts: [&AmountCell; 2],
    right: Decimal,
) -> Option<Shows> {
    if !amount.formula
        || !parts
            .iter()
            .any(|p| matches!(p.reading, Reading::Text { .. }))
    {
        return None;
    }
    let numbers = amount::total(parts.iter().filter_map(|p| match p.reading {
        Reading::Number { value, .. } => Some(value),
        _ => None,
    }));
    match &amount.reading {
        Reading::Invalid(NotAmount::ErrorValue(e)) => Some(Shows::Error(e.clone())),
        Reading::Number { value, .. } if *value != right && *value == numbers => {
            Some(Shows::Value {
                shown: *value,
                right,
            })
        }
        _ => None,
    }
}

/// The `#VALUE!` a row's `Belopp` formula shows because one of the row's own input
/// cells holds text that is no number at all (`ca 800`).
pub(super) fn broken_by_invalid(amount: &AmountCell, parts: [&AmountCell; 2]) -> Option<Shows> {
    let text = |p: &&AmountCell| {
        matches!(
            p.reading,
            Reading::Invalid(NotAmount::Text(_) | NotAmount::Ambiguous(_))
        )
    };
    match &amount.reading {
        Reading::Invalid(NotAmount::ErrorValue(e))
            if amount.formula && parts.iter().any(text) && excel_error_is_value(e) =>
        {
            Some(Shows::Error(e.clone()))
        }
        _ => None,
    }
}

/// `#VALUE!` as any program stores it (Swedish Excel's `#VÄRDEFEL!` too).
pub(super) fn excel_error_is_value(e: &str) -> bool {
    crate::finding::excel_error(e, crate::lang::Lang::En) == "#VALUE!"
}

/// Checks a stated total cell against its column. The column's other errors do not
/// hide it: it is checked whenever every cell of its column could be read. A `Summa`
/// formula that is wrong only because of another finding (an error value passed on,
/// a `SUM` leaving out a number written as text) is that finding's consequence, not
/// a finding of its own.
pub(super) fn check_total(cell: &AmountCell, col: &ColSum, sheet: &str, sink: &mut Sink<'_>) {
    if !cell.reading.is_filled() {
        return; // an empty total cell is simply not stated
    }
    if let Reading::Invalid(NotAmount::ErrorValue(e)) = &cell.reading
        && cell.formula
        && col.error
    {
        if let Some(root) = col.error_root {
            let shows = Shows::Error(e.clone());
            let (root_sheet, here) = match &col.error_root_sheet {
                Some(other) => (other.as_str(), Some(sheet.to_string())),
                None => (sheet, None),
            };
            let consequence = Consequence {
                sheet: here,
                cell: cell.at,
                shows,
            };
            blame(sink, root_sheet, root, consequence);
        }
        return;
    }
    if !report_cells([cell], sheet, sink) || col.unreadable {
        return;
    }
    // A column's sums as Excel shows them (see `amount::at_excel_digits`).
    let computed = amount::at_excel_digits(col.sum);
    let from_parts = col.from_parts.map(amount::at_excel_digits);
    if let Some(stated) = recomputable(cell, computed, sheet, sink)
        && stated != computed
        && from_parts != Some(stated)
    {
        match col.root {
            Some(root) if cell.formula && stated == amount::at_excel_digits(col.shown) => {
                let shows = Shows::Value {
                    shown: stated,
                    right: computed,
                };
                blame(
                    sink,
                    sheet,
                    root,
                    Consequence {
                        sheet: None,
                        cell: cell.at,
                        shows,
                    },
                );
            }
            _ => sink.push(
                sheet,
                Some(cell.at),
                Kind::TotalMismatch {
                    column: cell.column.to_string(),
                    stated,
                    computed,
                },
            ),
        }
    }
}

/// Reports the first cell of a table where a sum goes beyond any plausible budget.
pub(super) fn sum_too_large(
    cell: &AmountCell,
    sum: Decimal,
    sheet: &str,
    sink: &mut Sink<'_>,
    reported: &mut bool,
) {
    if std::mem::replace(reported, true) {
        return;
    }
    sink.push(
        sheet,
        Some(cell.at),
        Kind::InvalidAmount {
            column: cell.column.to_string(),
            found: crate::finding::NotAmount::SumTooLarge(sum),
        },
    );
}
