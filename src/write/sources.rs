//! Sheet `Källor`: every input file — name, area, version, the file's Datum and
//! Ansvarig, the data rows read in both sheets, whether it was included or why
//! not, the last row of its version table, and last, narrow, its SHA-256. Below
//! the table, the `Körning` block: what repeating the run needs
//! ([`crate::provenance::RunRecord`]), which `verify` reads back.

use super::{Contents, Styles, Widths};
use crate::labels;
use crate::load::{Loaded, Status};
use rust_xlsxwriter::{Worksheet, XlsxError};

/// `Inkluderad`, or why not, naming the error codes.
pub(crate) fn status_text(f: &Loaded) -> String {
    match f.status {
        Status::Included => labels::STATUS_INCLUDED.into(),
        Status::Superseded => labels::STATUS_SUPERSEDED.into(),
        Status::Errors => labels::status_errors(&f.error_codes()),
    }
}

pub(super) fn write(ws: &mut Worksheet, c: &Contents<'_>, s: &Styles) -> Result<(), XlsxError> {
    ws.set_name(labels::OUT_SOURCES)?;
    let headers = labels::SOURCES_HEADERS;
    let mut widths = Widths::new(&[10, 14, 8, 10, 12, 14, 12, 20]);
    for (col, h) in (0u16..).zip(headers) {
        ws.write_string_with_format(0, col, h, &s.header)?;
    }
    let mut row = 0;
    for f in c.files {
        row += 1;
        let meta = f.plan.as_ref().map(|p| &p.meta);
        let text = |pick: fn(&crate::model::Metadata) -> Option<String>| {
            meta.and_then(pick).unwrap_or_default()
        };
        let texts = [
            (0u16, f.file.clone()),
            (1, f.area.clone().unwrap_or_default()),
            (2, text(|m| Some(m.version.clone()))),
            (3, text(|m| m.date.clone())),
            (4, text(|m| m.lead.clone())),
            (6, status_text(f)),
        ];
        for (col, text) in &texts {
            let format = if *col == 2 { &s.centred } else { &s.text };
            ws.write_string_with_format(row, *col, text, format)?;
            widths.see(*col, text);
        }
        ws.write_number_with_format(
            row,
            5,
            u32::try_from(f.rows_read).unwrap_or(u32::MAX),
            &s.centred,
        )?;
        if let Some(last) = f.versions.last() {
            let text = last.summary();
            ws.write_string(row, 7, &text)?;
            widths.see(7, &text);
        }
        // Last and narrow: a checksum for the record, not for reading.
        ws.write_string_with_format(row, HASH, f.sha256.clone().unwrap_or_default(), &s.note)?;
    }
    ws.autofilter(0, 0, row, HASH)?;
    row += 2;
    ws.write_string_with_format(row, 0, labels::RUN_TITLE, &s.title)?;
    for (label, value) in c.run.rows() {
        row += 1;
        ws.write_string_with_format(row, 0, label, &s.label)?;
        widths.see(0, label);
        // The configuration is kept whole (a cell holds 32 767 characters), its
        // lines shown as lines.
        let lines = u32::try_from(value.lines().count()).unwrap_or(1);
        if lines > 1 {
            // Over the table's width, so that its lines need not wrap.
            ws.merge_range(row, 1, row, 6, &value, &s.lines)?;
            ws.set_row_height(row, 15 * lines.min(400))?;
        } else {
            ws.write_string(row, 1, &value)?;
        }
    }
    ws.set_freeze_panes(1, 0)?;
    super::page_setup(ws, 0)?;
    widths.apply(ws, 80)?;
    ws.set_column_width(HASH, 14)?;
    ws.set_row_height(0, 30)?;
    Ok(())
}

/// The column of the SHA-256 (last), which `verify` reads back.
pub(crate) const HASH: u16 = 8;
