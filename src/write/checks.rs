//! Sheet `Kontroller`: every finding of the run — severity, code, what the code
//! means (in Swedish), file, sheet, cell, message — in the same order and words
//! as the terminal and JSON report. A finding's cell (or, without one, its file)
//! links to that place in the input file, relative to the workbook's folder.

use super::{Contents, Styles, Widths};
use crate::finding::Severity;
use crate::labels;
use rust_xlsxwriter::{Format, Url, Worksheet, XlsxError};

pub(super) fn write(ws: &mut Worksheet, c: &Contents<'_>, s: &Styles) -> Result<(), XlsxError> {
    ws.set_name(labels::OUT_CHECKS)?;
    let headers = labels::CHECKS_HEADERS;
    let mut widths = Widths::new(&[12, 10, 24, 10, 10, 6, 40]);
    for (col, h) in (0u16..).zip(headers) {
        ws.write_string_with_format(0, col, h, &s.header)?;
    }
    let formats = RowFormats::new(s);
    let RowFormats {
        top, wrap, link, ..
    } = &formats;
    let mut row = 0;
    let mut links = 0;
    for f in c.findings {
        row += 1;
        let severity = f.severity.label(c.lang);
        let format = formats.severity(f.severity);
        let cells = [
            f.code().as_str().to_string(),
            f.code().description().to_string(),
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
            if col == MESSAGE {
                ws.write_string_with_format(row, col, text, wrap)?;
                fit_row(ws, row, text, MESSAGE_WIDTH)?;
            } else {
                ws.write_string_with_format(row, col, text, top)?;
            }
            widths.see(col, text);
        }
        // The finding's place in its file: the cell, or else the file itself.
        // Within Excel's limits (number of links, length of a target); beyond
        // them the cell keeps its text.
        if let Some(file) = f.file.as_ref().filter(|_| links < super::MAX_LINKS) {
            let target = super::source_target(&c.run.input, file, f.sheet.as_deref(), f.cell);
            let (col, text) = match f.cell {
                Some(cell) if f.sheet.is_some() => (CELL, cell.to_string()),
                _ => (FILE, file.clone()),
            };
            if target.encode_utf16().count() <= super::MAX_LINK_TARGET {
                let url = Url::new(format!("file:///{target}")).set_text(&text);
                ws.write_url_with_format(row, col, url, link)?;
                links += 1;
            }
        }
    }
    ws.autofilter(0, 0, row, MESSAGE)?;
    ws.set_freeze_panes(1, 0)?;
    super::page_setup(ws, 0)?;
    widths.apply(ws, MESSAGE_WIDTH)?;
    Ok(())
}

/// The formats of a `Kontroller` row, in every workbook that has the sheet: each
/// cell at its top (a wrapped message makes the row tall), errors and warnings in
/// their colours, the message wrapped in a column of readable width (so the sheet
/// prints legibly), links shown as links.
pub(super) struct RowFormats {
    pub(super) top: Format,
    pub(super) wrap: Format,
    pub(super) link: Format,
    error: Format,
    warning: Format,
}

impl RowFormats {
    pub(super) fn new(s: &Styles) -> Self {
        use rust_xlsxwriter::FormatAlign::Top;
        let top = Format::new().set_align(Top);
        RowFormats {
            wrap: top.clone().set_text_wrap(),
            link: top.clone().set_hyperlink(),
            error: s.error.clone().set_align(Top),
            warning: s.warning.clone().set_align(Top),
            top,
        }
    }

    /// The format of a finding's severity cell.
    pub(super) fn severity(&self, severity: Severity) -> &Format {
        match severity {
            Severity::Error => &self.error,
            Severity::Warning => &self.warning,
            Severity::Info => &self.top,
        }
    }
}

/// The columns of the file and the cell, which link to the finding's place.
const FILE: u16 = 3;
const CELL: u16 = 5;
/// The message column, and the most characters it is wide.
const MESSAGE: u16 = 6;
const MESSAGE_WIDTH: usize = 70;

/// Programs do not all fit a row to wrapped text: the height of a row whose message
/// wraps in a column `width` characters wide is set from the lines it takes (both
/// workbooks' `Kontroller`).
pub(super) fn fit_row(
    ws: &mut Worksheet,
    row: u32,
    text: &str,
    width: usize,
) -> Result<(), XlsxError> {
    let lines = text.chars().count().div_ceil(width * 6 / 5).max(1);
    let lines = u32::try_from(lines).unwrap_or(1).min(20);
    if lines > 1 {
        ws.set_row_height(row, 15 * lines)?;
    }
    Ok(())
}
