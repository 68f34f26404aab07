//! `Budgetfördelning`'s rows: `Nyutveckling` and `Utveckling inom befintlig
//! tjänst` must sum to `Belopp`; a number written as text that breaks the row's
//! own `Belopp` formula is the root cause, reported once at the text cell.

use super::Sink;
use super::cells::{
    AmountCell, Broken, ColSum, Column, blame, broken_by_invalid, broken_by_text, cell_text,
    check_total, in_row, recomputable, report_cells, sum_too_large, uncalculated_error,
};
use super::rows::{self, Table};
use crate::amount::{self, Reading};
use crate::finding::{Consequence, Kind, NotAmount, Shows};
use crate::grid::{Cell, Grid, Value};
use crate::labels::{self, initiative_key};
use crate::locate::BudgetLayout;
use crate::location::CellRef;
use crate::model::{BudgetRow, BudgetTable};
use rust_decimal::Decimal;

pub(super) fn parse(
    grid: &Grid,
    layout: &BudgetLayout,
    sink: &mut Sink<'_>,
    rows_read: &mut usize,
    broken_rows: &mut Broken,
) -> BudgetTable {
    let sheet = grid.name.as_str();
    let blank = |col| AmountCell::in_row(&[], 0, col, Column::Label(""));
    let mut budget = Budget {
        l: layout,
        sheet,
        table: BudgetTable {
            complete: true,
            sheet: sheet.to_string(),
            ..BudgetTable::default()
        },
        cols: Default::default(),
        broken_rows,
        row: [blank(0), blank(0), blank(0)],
        project_text: String::new(),
    };
    rows::read(grid, &mut budget, sink, rows_read);
    let t = &mut budget.table;
    for sum in [&mut t.sum_new, &mut t.sum_existing, &mut t.sum_amount] {
        *sum = amount::at_excel_digits(*sum);
    }
    budget.table
}

struct Budget<'g> {
    l: &'g BudgetLayout,
    sheet: &'g str,
    table: BudgetTable,
    /// Nyutveckling, Utveckling inom befintlig tjänst, Belopp.
    cols: [ColSum; 3],
    broken_rows: &'g mut Broken,
    /// The row's Nyutveckling, Utveckling inom befintlig tjänst and Belopp.
    row: [AmountCell; 3],
    /// The row's `Projekt` cell as text (empty without the column).
    project_text: String,
}

/// A budget row's amounts: Nyutveckling, Utveckling inom befintlig tjänst,
/// Belopp, and the sum of the first two.
struct Amounts {
    new: Decimal,
    existing: Decimal,
    amount: Decimal,
    parts: Decimal,
}

impl Budget<'_> {
    /// Reports the row's unreadable cells and a text cell that breaks `Belopp`:
    /// what `Belopp` shows because of it, and whether every cell could be read.
    fn report(&mut self, name: &str, sink: &mut Sink<'_>) -> (Option<Shows>, bool) {
        let (sheet, cols) = (self.sheet, &mut self.cols);
        let [new, existing, amount] = &self.row;
        let right = match (&new.reading, &existing.reading) {
            (Reading::Uncalculated | Reading::Invalid(_), _)
            | (_, Reading::Uncalculated | Reading::Invalid(_)) => None,
            _ => amount::add(
                new.reading.value().unwrap_or_default(),
                existing.reading.value().unwrap_or_default(),
            ),
        };
        let broken = match right {
            Some(r) => broken_by_text(amount, [new, existing], r),
            None => broken_by_invalid(amount, [new, existing]),
        };
        let mut readable = if broken.is_some() {
            report_cells([new, existing], sheet, sink)
        } else {
            report_cells([new, existing, amount], sheet, sink)
        };
        if let (Some(shows), Some(root)) = (
            broken.clone(),
            [new, existing].into_iter().find(|p| {
                matches!(
                    p.reading,
                    Reading::Text { .. }
                        | Reading::Invalid(NotAmount::Text(_) | NotAmount::Ambiguous(_))
                )
            }),
        ) {
            match &shows {
                Shows::Error(e) => {
                    cols[2].error = true;
                    cols[2].error_root.get_or_insert(root.at);
                    self.broken_rows.insert(
                        initiative_key(name),
                        (sheet.to_string(), root.at, e.clone(), right),
                    );
                }
                Shows::Value { .. } => {
                    cols[2].root.get_or_insert(root.at);
                }
            }
            let consequence = Consequence {
                sheet: None,
                cell: amount.at,
                shows,
            };
            blame(sink, sheet, root.at, consequence);
        }
        for part in [new, existing] {
            if matches!(part.reading, Reading::Uncalculated) {
                uncalculated_error(part, sheet, sink);
                readable = false;
            }
        }
        (broken, readable)
    }

    /// Adds a readable row to the column sums; `None` when a sum goes beyond any
    /// budget (reported) or `Belopp` cannot be read.
    fn add(
        &mut self,
        n: Decimal,
        e: Decimal,
        broken: Option<&Shows>,
        sink: &mut Sink<'_>,
    ) -> Option<Amounts> {
        let (sheet, cols, table) = (self.sheet, &mut self.cols, &mut self.table);
        let [new, existing, amount] = &self.row;
        // Every amount is at most 10^12 tkr (`amount::MAX_AMOUNT`); a row or a
        // column summing beyond that is reported once, at the cell where it does.
        let sums = amount::add(n, e)
            .map(|parts| (amount::at_excel_digits(parts), None))
            .unwrap_or_else(|| (Decimal::ZERO, Some((amount, n.saturating_add(e)))));
        let (parts, mut too_large) = sums;
        let a = match (too_large, broken) {
            (Some(_), _) => None,
            (None, Some(_)) => Some(parts),
            (None, None) => recomputable(amount, parts, sheet, sink),
        };
        match (a, broken) {
            (Some(a), Some(shows)) => {
                cols[2].sum = cols[2].sum.saturating_add(a);
                if let Shows::Value { shown, .. } = shows {
                    cols[2].shown = cols[2].shown.saturating_add(*shown);
                }
            }
            (Some(a), None) => {
                cols[2].sum = cols[2].sum.saturating_add(a);
                cols[2].shown = cols[2].shown.saturating_add(a);
            }
            (None, _) => cols[2].unreadable = true,
        }
        if let Some(a) = a {
            // `sum` already counts this row's `a`; before the first row whose
            // Belopp differs from its parts, the parts' sum is `sum` itself.
            let before = cols[2].from_parts.unwrap_or(cols[2].sum.saturating_sub(a));
            if a != parts || cols[2].from_parts.is_some() {
                cols[2].from_parts = Some(before.saturating_add(parts));
            }
            match (
                amount::add(table.sum_new, n),
                amount::add(table.sum_existing, e),
                amount::add(table.sum_amount, a),
            ) {
                (Some(sn), Some(se), Some(sa)) => {
                    (table.sum_new, table.sum_existing, table.sum_amount) = (sn, se, sa);
                }
                (None, ..) => too_large = Some((new, table.sum_new.saturating_add(n))),
                (_, None, _) => too_large = Some((existing, table.sum_existing.saturating_add(e))),
                (.., None) => too_large = Some((amount, table.sum_amount.saturating_add(a))),
            }
        }
        if let Some((cell, sum)) = too_large {
            sum_too_large(cell, sum, sheet, sink, &mut table.sum_too_large);
        }
        let (Some(a), None) = (a, too_large) else {
            return None;
        };
        Some(Amounts {
            new: n,
            existing: e,
            amount: a,
            parts,
        })
    }
}

impl Table for Budget<'_> {
    type Values = Amounts;
    const SHEET: &'static str = labels::SHEET_BUDGET;

    fn header(&self) -> (u32, u32) {
        (self.l.header_row, self.l.text)
    }

    fn load(&mut self, row: u32, cells: &[Cell], name: &str, _: &mut Sink<'_>) -> bool {
        let l = self.l;
        self.row = [
            AmountCell::in_row(cells, row, l.new, Column::Label(labels::COL_NEW)),
            AmountCell::in_row(
                cells,
                row,
                l.existing,
                Column::Label(labels::COL_EXISTING_SHORT),
            ),
            AmountCell::in_row(
                cells,
                row,
                l.amount,
                Column::Label(labels::COL_AMOUNT_SHORT),
            ),
        ];
        self.project_text = l
            .project
            .map(|col| cell_text(in_row(cells, col)))
            .unwrap_or_default();
        !name.is_empty()
            || !self.row.iter().all(AmountCell::is_blank)
            || !self.project_text.is_empty()
    }

    fn other_value(&self) -> Option<(&'static str, String, CellRef)> {
        let col = self.l.project.filter(|_| !self.project_text.is_empty())?;
        let at = CellRef::new(self.row[0].at.row, col);
        Some((labels::COL_PROJECT, self.project_text.clone(), at))
    }

    fn values(&mut self, name: &str, sink: &mut Sink<'_>) -> Option<Amounts> {
        self.cols[0].see(&self.row[0]);
        self.cols[1].see(&self.row[1]);
        let (broken, readable) = self.report(name, sink);
        let [new, existing, amount] = &self.row;
        let (Some(n), Some(e), true) = (new.reading.value(), existing.reading.value(), readable)
        else {
            self.cols[2].see(amount);
            return None;
        };
        self.add(n, e, broken.as_ref(), sink)
    }

    fn amounts(v: &Amounts) -> impl Iterator<Item = Decimal> + '_ {
        [v.amount, v.new, v.existing].into_iter()
    }

    fn signed<'a>(
        &'a self,
        v: &'a Amounts,
    ) -> impl Iterator<Item = (&'a AmountCell, Decimal)> + 'a {
        [(&self.row[0], v.new), (&self.row[1], v.existing)].into_iter()
    }

    fn check(&mut self, v: &Amounts, sink: &mut Sink<'_>) {
        let at = Some(self.row[2].at);
        let sum_ok = v.amount == v.parts;
        if v.new.is_zero() && v.existing.is_zero() {
            sink.push(
                self.sheet,
                at,
                Kind::UncategorizedAmount { amount: v.amount },
            );
        } else if !sum_ok {
            sink.push(
                self.sheet,
                at,
                Kind::RowSumMismatch {
                    stated: v.amount,
                    new: v.new,
                    existing: v.existing,
                },
            );
        }
        if !sum_ok {
            // Which of the three cells is wrong is the lead's call; totals and the
            // cross-sheet comparison would only repeat this one error.
            self.table.complete = false;
        }
    }

    fn keep(&mut self, key: String, name: String, at: CellRef, v: Amounts, cells: &[Cell]) {
        let projects = self
            .l
            .project
            .and_then(|col| in_row(cells, col))
            .map(|c| project_codes_of(&c.value))
            .unwrap_or_default();
        self.table.rows.push(BudgetRow {
            projects,
            key,
            name,
            name_cell: at,
            amount_cell: self.row[2].at,
            new: v.new,
            existing: v.existing,
            amount: v.amount,
            sum_ok: v.amount == v.parts,
        });
    }

    fn unread(&mut self, key: String) {
        self.table.unread.push(key);
        self.table.complete = false;
    }

    fn total(&mut self, grid: &Grid, row: u32, sink: &mut Sink<'_>) {
        let l = self.l;
        // A sum beyond any budget is already reported; its Summa cells would
        // only repeat it.
        let checked = if self.table.sum_too_large {
            &[][..]
        } else {
            &[
                (l.new, labels::COL_NEW, &self.cols[0]),
                (l.existing, labels::COL_EXISTING_SHORT, &self.cols[1]),
                (l.amount, labels::COL_AMOUNT_SHORT, &self.cols[2]),
            ][..]
        };
        for &(col, label, sums) in checked {
            let cell = AmountCell::new(grid, CellRef::new(row, col), Column::Label(label));
            check_total(&cell, sums, self.sheet, sink);
        }
        self.table.total_cell = Some(CellRef::new(row, l.amount));
    }
}

/// The project codes of a `Projekt` cell. A number cell `1234` is the code `1234`;
/// codes with leading zeros survive only as text, as the user wrote them.
fn project_codes_of(value: &Value) -> Vec<String> {
    match value {
        Value::Number(d) => vec![d.normalize().to_string()],
        Value::Empty => Vec::new(),
        other => labels::project_codes(&other.display()),
    }
}
