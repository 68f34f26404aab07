//! Sheet `Per månad`: month × report group — the actual and the periodised budget
//! of each month, and both accumulated.

use super::follow_up::{Sheet, list_end, list_header};
use crate::labels;
use rust_decimal::Decimal;
use rust_xlsxwriter::{Worksheet, XlsxError};

pub(super) fn write(ws: &mut Worksheet, sheet: Sheet<'_>) -> Result<(), XlsxError> {
    let Sheet { c, s, title } = sheet;
    let fu = c.follow_up;
    let b = &s.base;
    ws.set_name(labels::FOLLOW_UP_MONTHS)?;
    list_header(ws, &labels::FOLLOW_UP_MONTHS_HEADERS, |col| col >= 2, b)?;
    let mut row = 0;
    for g in &fu.groups {
        let (mut actual, mut budget) = (Decimal::ZERO, Decimal::ZERO);
        for (m, month) in g.months.iter().enumerate() {
            row += 1;
            actual = actual.saturating_add(month.actual);
            budget = budget.saturating_add(month.budget);
            ws.write_string(row, 0, &g.name)?;
            ws.write_string(
                row,
                1,
                format!("{}-{:02} {}", fu.budget_year, m + 1, labels::MONTHS[m]),
            )?;
            if m < usize::from(fu.period) {
                ws.write_with_format(row, 2, month.actual, &b.amount)?;
                ws.write_with_format(row, 4, actual, &b.amount)?;
            }
            ws.write_with_format(row, 3, month.budget, &b.amount)?;
            ws.write_with_format(row, 5, budget, &b.amount)?;
        }
    }
    let widths = [
        (0u16, 32.0),
        (1, 18.0),
        (2, 13.0),
        (3, 13.0),
        (4, 13.0),
        (5, 13.0),
    ];
    list_end(ws, (row, 5), &widths, title)
}
