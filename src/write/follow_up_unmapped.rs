//! Sheet `Ej kopplat utfall`: every project code (or "utan projekt") whose cost
//! belongs to no initiative or area — file, year, accounts, months, amount. This
//! cost is in no report group and not in the totals.

use super::follow_up::{SHEET_UNMAPPED, Sheet, print_setup};
use rust_xlsxwriter::{Worksheet, XlsxError};

pub(super) fn write(ws: &mut Worksheet, sheet: Sheet<'_>) -> Result<(), XlsxError> {
    let Sheet { c, s, title } = sheet;
    let b = &s.base;
    ws.set_name(SHEET_UNMAPPED)?;
    let headers = ["Fil", "Projekt", "Konton", "Månader", "Belopp tkr"];
    for (col, h) in (0u16..).zip(headers) {
        let f = if col == 4 {
            &b.header_amount
        } else {
            &b.header
        };
        ws.write_string_with_format(0, col, h, f)?;
    }
    let mut row = 0;
    for u in &c.follow_up.unmapped {
        row += 1;
        ws.write_string(row, 0, &u.file)?;
        ws.write_string(row, 1, u.project.as_deref().unwrap_or("utan projekt"))?;
        ws.write_string(row, 2, u.accounts.join(", "))?;
        ws.write_string(row, 3, u.months())?;
        ws.write_with_format(row, 4, u.amount, &b.amount)?;
    }
    if row == 0 {
        ws.write_string_with_format(
            1,
            0,
            "Allt utfall på kostnadskonton är kopplat till ett initiativ eller tjänsteområde.",
            &b.subtitle,
        )?;
    }
    ws.autofilter(0, 0, row.max(1), 4)?;
    for (col, w) in [(0u16, 36.0), (1, 16.0), (2, 20.0), (3, 20.0), (4, 13.0)] {
        ws.set_column_width(col, w)?;
    }
    ws.set_freeze_panes(1, 0)?;
    print_setup(ws, 0, title)?;
    Ok(())
}
