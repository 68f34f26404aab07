//! `Utvecklingsinitiativ`'s rows: one development and one maintenance cell per
//! plan year, and a `Påverkan` category. The budget year's development may be a
//! formula taking the budget row's `Belopp`; an error value there follows from the
//! budget row's text cell and is reported as its consequence.

use super::Sink;
use super::cells::{
    AmountCell, ColSum, Column, Linked, blame, cell_text, check_total, in_row, report_cells,
    sum_too_large, uncalculated_error,
};
use super::rows::{self, Table};
use crate::amount::{self, Reading};
use crate::finding::{Consequence, Kind, NotAmount, Shows};
use crate::grid::{Cell, Grid};
use crate::labels::{self, initiative_key};
use crate::locate::PlanLayout;
use crate::location::CellRef;
use crate::model::{PlanRow, PlanTable};
use rust_decimal::Decimal;

pub(super) fn parse(
    grid: &Grid,
    l: &PlanLayout,
    sink: &mut Sink<'_>,
    rows_read: &mut usize,
    linked: &Linked<'_>,
) -> PlanTable {
    let sheet = grid.name.as_str();
    let years = l.years.len();
    let mut plan = Plan {
        l,
        sheet,
        linked,
        linked_col: linked
            .budget_year
            .and_then(|y| l.years.iter().position(|v| *v == y)),
        table: PlanTable {
            years: l.years.clone(),
            development_cols: l.development.clone(),
            sum_development: vec![Decimal::ZERO; years],
            sum_maintenance: vec![Decimal::ZERO; years],
            complete: true,
            sheet: sheet.to_string(),
            ..PlanTable::default()
        },
        all: Vec::with_capacity(2 * years),
        cols: vec![ColSum::default(); 2 * years],
        impact_cell: None,
        impact_text: String::new(),
        impact: None,
    };
    rows::read(grid, &mut plan, sink, rows_read);
    let t = &mut plan.table;
    for sum in t.sum_development.iter_mut().chain(&mut t.sum_maintenance) {
        *sum = amount::at_excel_digits(*sum);
    }
    plan.table
}

struct Plan<'g> {
    l: &'g PlanLayout,
    sheet: &'g str,
    linked: &'g Linked<'g>,
    /// The budget year's development column, as an index of `all`.
    linked_col: Option<usize>,
    table: PlanTable,
    /// One row's development cells, then its maintenance cells; reused row to row.
    all: Vec<AmountCell>,
    /// The development columns, then the maintenance columns, as in `all`.
    cols: Vec<ColSum>,
    /// The row's `Påverkan`: its cell, its text, and the category it names.
    impact_cell: Option<CellRef>,
    impact_text: String,
    impact: Option<&'static str>,
}

/// A plan row's development amounts, then its maintenance amounts, by year.
type Amounts = (Vec<Decimal>, Vec<Decimal>);

impl Plan<'_> {
    /// The budget year's development taken by formula from a budget row whose
    /// Belopp shows an error because of a text cell: that cell's consequence,
    /// read as the Belopp it stands for.
    fn follow_link(&mut self, name: &str, sink: &mut Sink<'_>) {
        // Nearly always no budget row is broken: then no key is made for the row.
        if self.linked.broken.is_empty() {
            return;
        }
        if let (Some(k), Some((budget_sheet, root, error, right))) = (
            self.linked_col,
            self.linked.broken.get(&initiative_key(name)),
        ) && let Some(cell) = self.all.get_mut(k)
            && cell.formula
            && matches!(&cell.reading, Reading::Invalid(NotAmount::ErrorValue(e)) if e == error)
        {
            let consequence = Consequence {
                sheet: Some(self.sheet.to_string()),
                cell: cell.at,
                shows: Shows::Error(error.clone()),
            };
            blame(sink, budget_sheet, *root, consequence);
            cell.reading = match right {
                Some(value) => Reading::Number {
                    value: *value,
                    formula: true,
                },
                None => Reading::Empty,
            };
            // Its column's Summa passes the error on: a consequence too.
            if let Some(sums) = self.cols.get_mut(k) {
                sums.error = true;
                sums.error_root.get_or_insert(*root);
                sums.error_root_sheet
                    .get_or_insert_with(|| budget_sheet.clone());
            }
        }
    }
}

impl Table for Plan<'_> {
    type Values = Amounts;
    const SHEET: &'static str = labels::SHEET_PLAN;

    fn header(&self) -> (u32, u32) {
        (self.l.header_row, self.l.initiative)
    }

    fn load(&mut self, row: u32, cells: &[Cell], name: &str, sink: &mut Sink<'_>) -> bool {
        let l = self.l;
        self.all.clear();
        for (cols, group) in [
            (&l.development, labels::PLAN_DEVELOPMENT),
            (&l.maintenance, labels::PLAN_MAINTENANCE),
        ] {
            self.all
                .extend(cols.iter().zip(&l.years).map(|(col, year)| {
                    AmountCell::in_row(cells, row, *col, Column::Year(group, *year))
                }));
        }
        self.follow_link(name, sink);
        self.impact_cell = l.impact.map(|col| CellRef::new(row, col));
        self.impact_text = l
            .impact
            .and_then(|col| in_row(cells, col))
            .map(|c| cell_text(Some(c)))
            .unwrap_or_default();
        !name.is_empty()
            || !self.impact_text.is_empty()
            || !self.all.iter().all(AmountCell::is_blank)
    }

    fn other_value(&self) -> Option<(&'static str, String, CellRef)> {
        let at = self.impact_cell.filter(|_| !self.impact_text.is_empty())?;
        Some((labels::PLAN_IMPACT, self.impact_text.clone(), at))
    }

    fn values(&mut self, _: &str, sink: &mut Sink<'_>) -> Option<Amounts> {
        let (sheet, table) = (self.sheet, &mut self.table);
        for (sums, cell) in self.cols.iter_mut().zip(&self.all) {
            sums.see(cell);
        }
        let mut readable = report_cells(&self.all, sheet, sink);
        for cell in &self.all {
            if matches!(cell.reading, Reading::Uncalculated) {
                uncalculated_error(cell, sheet, sink);
                readable = false;
            }
        }
        if !readable {
            return None;
        }
        let (dev, maint) = self.all.split_at(self.l.years.len());
        let values = |cells: &[AmountCell]| -> Vec<Decimal> {
            cells
                .iter()
                .map(|c| c.reading.value().unwrap_or_default())
                .collect()
        };
        let (d, m) = (values(dev), values(maint));
        // Column sums stay within 10^12 tkr (`amount::MAX_AMOUNT`), or the row is
        // reported at the cell that takes its column beyond it.
        let mut sums = (table.sum_development.clone(), table.sum_maintenance.clone());
        let mut too_large = None;
        for (cells, values, sums) in [(dev, &d, &mut sums.0), (maint, &m, &mut sums.1)] {
            for ((cell, v), sum) in cells.iter().zip(values).zip(sums.iter_mut()) {
                match amount::add(*sum, *v) {
                    Some(s) => *sum = s,
                    None if too_large.is_none() => too_large = Some((cell, sum.saturating_add(*v))),
                    None => {}
                }
            }
        }
        if let Some((cell, sum)) = too_large {
            sum_too_large(cell, sum, sheet, sink, &mut table.sum_too_large);
            return None;
        }
        (table.sum_development, table.sum_maintenance) = sums;
        Some((d, m))
    }

    fn amounts((d, m): &Amounts) -> impl Iterator<Item = Decimal> + '_ {
        d.iter().chain(m).copied()
    }

    fn signed<'a>(
        &'a self,
        (d, _): &'a Amounts,
    ) -> impl Iterator<Item = (&'a AmountCell, Decimal)> + 'a {
        self.all.iter().zip(d.iter().copied())
    }

    fn check(&mut self, _: &Amounts, sink: &mut Sink<'_>) {
        self.impact = if self.impact_text.is_empty() {
            None
        } else {
            let found = labels::impact(&self.impact_text);
            if found.is_none() {
                sink.push(
                    self.sheet,
                    self.impact_cell,
                    Kind::InvalidCategory {
                        found: self.impact_text.clone(),
                    },
                );
            }
            found
        };
    }

    fn keep(&mut self, key: String, name: String, at: CellRef, (d, m): Amounts, _: &[Cell]) {
        self.table.rows.push(PlanRow {
            key,
            name,
            name_cell: at,
            development: d,
            maintenance: m,
            impact: self.impact,
        });
    }

    fn unread(&mut self, key: String) {
        self.table.unread.push(key);
        self.table.complete = false;
    }

    fn total(&mut self, grid: &Grid, row: u32, sink: &mut Sink<'_>) {
        let l = self.l;
        let mut cells = Vec::with_capacity(self.cols.len());
        for (cols, group) in [
            (&l.development, labels::PLAN_DEVELOPMENT),
            (&l.maintenance, labels::PLAN_MAINTENANCE),
        ] {
            cells.extend(cols.iter().zip(&l.years).map(|(col, year)| {
                AmountCell::new(grid, CellRef::new(row, *col), Column::Year(group, *year))
            }));
        }
        for (cell, sums) in cells.iter().zip(&self.cols) {
            if !self.table.sum_too_large {
                check_total(cell, sums, self.sheet, sink);
            }
        }
    }
}
