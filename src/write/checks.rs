//! Sheet `Kontroller`: every finding of the run — severity, code, file, sheet,
//! cell, message — in the same order and words as the terminal and JSON report.

use super::{Contents, Styles, Widths};
use crate::finding::Severity;
use crate::labels;
use rust_xlsxwriter::{Worksheet, XlsxError};

pub(super) fn write(ws: &mut Worksheet, c: &Contents<'_>, s: &Styles) -> Result<(), XlsxError> {
    ws.set_name(labels::OUT_CHECKS)?;
    let headers = ["Allvarlighet", "Kod", "Fil", "Blad", "Cell", "Meddelande"];
    let mut widths = Widths::new(&[12, 10, 10, 10, 6, 40]);
    for (col, h) in (0u16..).zip(headers) {
        ws.write_string_with_format(0, col, h, &s.header)?;
    }
    let mut row = 0;
    for f in c.findings {
        row += 1;
        let severity = f.severity.label(c.lang);
        let format = match f.severity {
            Severity::Error => &s.error,
            Severity::Warning => &s.warning,
            Severity::Info => &s.text,
        };
        let cells = [
            f.code().as_str().to_string(),
            f.file.clone().unwrap_or_default(),
            f.sheet.clone().unwrap_or_default(),
            f.cell.map(|c| c.to_string()).unwrap_or_default(),
            f.message(c.lang),
        ];
        ws.write_string_with_format(row, 0, severity, format)?;
        widths.see(0, severity);
        for (col, text) in (1u16..).zip(&cells) {
            // A message quoting a very long text is cut to what a cell holds.
            let text = crate::grid::excel_text(text);
            ws.write_string(row, col, text)?;
            widths.see(col, text);
        }
    }
    ws.autofilter(0, 0, row, 5)?;
    ws.set_freeze_panes(1, 0)?;
    super::page_setup(ws, 0)?;
    widths.apply(ws, 120)?;
    Ok(())
}
