//! Sheet `Per månad`: month × report group — the actual and the periodised budget
//! of each month, and both accumulated.

use super::follow_up::{MONTHS, SHEET_MONTHS, Sheet, print_setup};
use rust_decimal::Decimal;
use rust_xlsxwriter::{Worksheet, XlsxError};

pub(super) fn write(ws: &mut Worksheet, sheet: Sheet<'_>) -> Result<(), XlsxError> {
    let Sheet { c, s, title } = sheet;
    let fu = c.follow_up;
    let b = &s.base;
    ws.set_name(SHEET_MONTHS)?;
    let headers = [
        "Rapportgrupp",
        "Månad",
        "Utfall",
        "Budget",
        "Utfall ack",
        "Budget ack",
    ];
    for (col, h) in (0u16..).zip(headers) {
        let f = if col < 2 { &b.header } else { &b.header_amount };
        ws.write_string_with_format(0, col, h, f)?;
    }
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
                format!("{}-{:02} {}", fu.budget_year, m + 1, MONTHS[m]),
            )?;
            if m < usize::from(fu.period) {
                ws.write_with_format(row, 2, month.actual, &b.amount)?;
                ws.write_with_format(row, 4, actual, &b.amount)?;
            }
            ws.write_with_format(row, 3, month.budget, &b.amount)?;
            ws.write_with_format(row, 5, budget, &b.amount)?;
        }
    }
    ws.autofilter(0, 0, row.max(1), 5)?;
    ws.set_column_width(0, 32)?;
    ws.set_column_width(1, 18)?;
    for col in 2..=5 {
        ws.set_column_width(col, 13)?;
    }
    ws.set_freeze_panes(1, 0)?;
    print_setup(ws, 0, title)?;
    Ok(())
}
