//! Sheet `Kontroller` of the follow-up: every finding of the plan and of the
//! follow-up — severity, code, file, sheet, cell or line, message.

use super::follow_up::{Sheet, list_end, list_header};
use crate::finding::Severity;
use crate::labels;
use rust_xlsxwriter::{Worksheet, XlsxError};

pub(super) fn write(ws: &mut Worksheet, sheet: Sheet<'_>) -> Result<(), XlsxError> {
    let Sheet { c, s, title } = sheet;
    let b = &s.base;
    ws.set_name(labels::OUT_CHECKS)?;
    list_header(ws, &labels::FOLLOW_UP_CHECKS_HEADERS, |_| false, b)?;
    let mut row = 0;
    for f in c.findings {
        row += 1;
        let format = match f.severity {
            Severity::Error => &b.error,
            Severity::Warning => &b.warning,
            Severity::Info => &b.text,
        };
        ws.write_string_with_format(row, 0, f.severity.label(c.lang), format)?;
        let place = match (f.cell, f.line) {
            (Some(cell), _) => cell.to_string(),
            (None, Some(line)) => format!("{} {line}", labels::line_word(c.lang)),
            _ => String::new(),
        };
        let cells = [
            f.code().as_str().to_string(),
            f.file.clone().unwrap_or_default(),
            f.sheet.clone().unwrap_or_default(),
            place,
            f.message(c.lang),
        ];
        for (col, text) in (1u16..).zip(&cells) {
            if col == 5 {
                ws.write_string_with_format(row, col, text, &s.wrap)?;
            } else {
                ws.write_string(row, col, text)?;
            }
        }
    }
    let widths = [
        (0u16, 12.0),
        (1, 24.0),
        (2, 28.0),
        (3, 16.0),
        (4, 10.0),
        (5, 80.0),
    ];
    list_end(ws, (row, 5), &widths, title)
}
