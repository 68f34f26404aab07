//! Sheet `Ej kopplat utfall`: every project code (or "utan projekt") whose cost
//! belongs to no initiative or area — file, year, accounts, months, amount. This
//! cost is in no report group and not in the totals.

use super::follow_up::{Sheet, list_end, list_header};
use crate::labels;
use rust_xlsxwriter::{Worksheet, XlsxError};

pub(super) fn write(ws: &mut Worksheet, sheet: Sheet<'_>) -> Result<(), XlsxError> {
    let Sheet { c, s, title } = sheet;
    let b = &s.base;
    ws.set_name(labels::FOLLOW_UP_UNMAPPED)?;
    list_header(ws, &labels::UNMAPPED_HEADERS, |col| col == 4, b)?;
    let mut row = 0;
    for u in &c.follow_up.unmapped {
        row += 1;
        ws.write_string(row, 0, &u.file)?;
        ws.write_string(
            row,
            1,
            u.project.as_deref().unwrap_or(labels::UNMAPPED_NO_PROJECT),
        )?;
        ws.write_string(row, 2, u.accounts.join(", "))?;
        ws.write_string(row, 3, u.months())?;
        ws.write_with_format(row, 4, u.amount, &b.amount)?;
    }
    if row == 0 {
        ws.write_string_with_format(1, 0, labels::UNMAPPED_NONE, &b.subtitle)?;
    }
    let widths = [(0u16, 36.0), (1, 16.0), (2, 20.0), (3, 20.0), (4, 13.0)];
    list_end(ws, (row, 4), &widths, title)
}
