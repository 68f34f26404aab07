//! Sheet `Kontroller` of the follow-up: every finding of the plan and of the
//! follow-up — severity, code, what the code means, file, sheet, cell or line,
//! message — laid out as the plan workbook's `Kontroller`.

use super::checks::{RowFormats, fit_row};
use super::follow_up::{Sheet, list_end, list_header};
use crate::labels;
use rust_xlsxwriter::{Worksheet, XlsxError};

pub(super) fn write(ws: &mut Worksheet, sheet: Sheet<'_>) -> Result<(), XlsxError> {
    let Sheet { c, s, title } = sheet;
    let b = &s.base;
    ws.set_name(labels::OUT_CHECKS)?;
    list_header(ws, &labels::FOLLOW_UP_CHECKS_HEADERS, |_| false, b)?;
    // The rows look as in the plan's `Kontroller`.
    let formats = RowFormats::new(b);
    let mut row = 0;
    for f in c.findings {
        row += 1;
        let format = formats.severity(f.severity);
        ws.write_string_with_format(row, 0, f.severity.label(c.lang), format)?;
        let place = match (f.cell, f.line) {
            (Some(cell), _) => cell.to_string(),
            (None, Some(line)) => format!("{} {line}", labels::line_word(c.lang)),
            _ => String::new(),
        };
        let cells = [
            f.code().as_str().to_string(),
            f.code().description().to_string(),
            f.file.clone().unwrap_or_default(),
            f.sheet.clone().unwrap_or_default(),
            place,
            f.message(c.lang),
        ];
        for (col, text) in (1u16..).zip(&cells) {
            if col == MESSAGE {
                ws.write_string_with_format(row, col, text, &formats.wrap)?;
                fit_row(ws, row, text, MESSAGE_WIDTH)?;
            } else {
                ws.write_string_with_format(row, col, text, &formats.top)?;
            }
        }
    }
    let widths = [
        (0u16, 12.0),
        (1, 24.0),
        (2, 40.0),
        (3, 28.0),
        (4, 18.0),
        (5, 10.0),
        (MESSAGE, MESSAGE_WIDTH as f64),
    ];
    list_end(ws, (row, MESSAGE), &widths, title)
}

/// The message column, and its width in characters.
const MESSAGE: u16 = 6;
const MESSAGE_WIDTH: usize = 70;
