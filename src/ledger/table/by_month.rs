//! The rows of a report with a column per month ([`Columns::by_month`]): each
//! filled month cell (with its budget cell, when the report has one) summed as a
//! row of its own, and each row's total column compared with its months.

use super::columns::MonthColumn;
use super::sums::{Row, Sums};
use super::*;

impl Sums {
    /// A row of a report with a column per month ([`Columns::by_month`]), for CSV
    /// and workbook alike: each filled month cell is a row of its own, its period
    /// the month column's (the year from its header or from `year`, the row's year
    /// cell), and a total row's month cell is compared with the data rows of that
    /// column. A row with no month cell filled is read once: a row of text or a
    /// total's label when it has no account number, else a row of 0 in the first
    /// month.
    /// `place`, `filled` and `amount` are by column; `fields` as for [`Sums::row`].
    #[allow(clippy::too_many_arguments)]
    pub(super) fn by_month_row(
        &mut self,
        place: impl Fn(usize) -> Place,
        year: &str,
        account: &[u8],
        project: &[u8],
        filled: impl Fn(usize) -> bool,
        amount: impl Fn(usize) -> Result<Decimal, (String, NotAmount)>,
        fields: impl Fn() -> Vec<(usize, String)>,
    ) {
        let cols = self.columns;
        let actual = |m: &MonthColumn| m.actual && filled(m.col);
        let budget = |m: &MonthColumn| m.budget.filter(|&b| filled(b));
        let filled_months =
            (cols.month_columns().enumerate()).filter(|(_, m)| actual(m) || budget(m).is_some());
        // A month whose actuals cell is empty (or that has none) beside a filled
        // budget cell has actuals of 0.
        let mut cells: Vec<(usize, MonthColumn, _, _)> = filled_months
            .map(|(k, m)| {
                let actuals = match actual(&m) {
                    true => amount(m.col),
                    false => Ok(Decimal::ZERO),
                };
                (k, m, actuals, budget(&m).map(|b| (b, amount(b))))
            })
            .collect();
        // A total row (`Summa` for an account, or a row without one that names a
        // total): its budget cells are not compared, so they are not read (an
        // uncalculated formula there is no error), nor is a month of it whose
        // actuals cell is empty.
        if names_total(trim(account))
            || (trim(account).is_empty()
                && fields()
                    .iter()
                    .any(|(_, t)| names_total(t.trim().as_bytes())))
        {
            cells.retain(|(_, m, ..)| actual(m));
            cells.iter_mut().for_each(|(.., budget)| *budget = None);
        }
        // With no month filled and no account number, the row is text or a total's
        // label, read as a row without month and account is.
        let none_filled = cells.is_empty();
        let label = none_filled && !is_account_number(trim(account));
        if let Some(m) = cols.month_columns().next().filter(|_| none_filled) {
            cells.push((0, m, amount(m.col), None));
        }
        if is_account_number(trim(account)) {
            let totals = [(cols.row_total, false), (cols.budget_row_total, true)];
            for (col, of_budget) in totals {
                let Some(col) = col.filter(|c| filled(*c)) else {
                    continue;
                };
                let months = cells.iter().map(|(_, _, v, b)| match of_budget {
                    false => v.as_ref().ok().copied(),
                    true => b
                        .as_ref()
                        .map_or(Some(Decimal::ZERO), |(_, b)| b.as_ref().ok().copied()),
                });
                let which = usize::from(of_budget);
                self.compare_row_total(place(col), amount(col), months, which);
            }
        }
        for (k, m, amount, budget) in cells {
            // A budget cell that holds no amount: the month's row is named by it.
            if let Some((col, Err((found, why)))) = budget {
                self.rows_read += 1;
                let column = format!("{BUDGET} {}", crate::labels::month_name(m.month));
                let expected = ActualsExpected::TableAmount(why);
                self.invalid(place(col), &column, found, expected);
                continue;
            }
            let period = match label {
                true => Err(String::new()),
                false => cols.month_period(m, year),
            };
            let row = Row {
                place: place(m.col),
                period,
                account: if label { b"" } else { account },
                project,
                amount,
                amount_column: crate::labels::month_name(m.month),
                budget: budget.map(|(_, b)| b),
            };
            self.month_column = Some((m.col, row.period.clone().ok()));
            match k.checked_sub(1) {
                None => self.row(row, &fields),
                Some(other) => {
                    if self.month_totals.len() <= other {
                        self.month_totals.resize_with(other + 1, Totals::default);
                    }
                    std::mem::swap(&mut self.totals, &mut self.month_totals[other]);
                    self.row(row, &fields);
                    std::mem::swap(&mut self.totals, &mut self.month_totals[other]);
                }
            }
        }
        self.month_column = None;
    }

    /// A row's total column (`total`, at `place`) against its month cells'
    /// amounts as written (`None`: one is no amount, already named, so nothing is
    /// compared); a difference is counted, the first one kept for its note.
    fn compare_row_total(
        &mut self,
        place: Place,
        total: Result<Decimal, (String, NotAmount)>,
        months: impl Iterator<Item = Option<Decimal>>,
        which: usize,
    ) {
        let mut sum = Some(Decimal::ZERO);
        for v in months {
            sum = sum.zip(v).and_then(|(s, v)| s.checked_add(v));
        }
        if let (Some(sum), Ok(total)) = (sum, total)
            && sum != total
        {
            self.row_totals
                .get_or_insert((place, total, sum, which, 0))
                .4 += 1;
        }
    }
}
