//! Sheet `Källor`: every input file — name, area, version, the file's Datum and
//! Ansvarig, the data rows read in both sheets, whether it was included or why
//! not, and last, narrow, its SHA-256.

use super::{Contents, Styles, Widths};
use crate::labels;
use crate::load::{Loaded, Status};
use rust_xlsxwriter::{Worksheet, XlsxError};

/// `Inkluderad`, or why not, naming the error codes.
pub(crate) fn status_text(f: &Loaded) -> String {
    match f.status {
        Status::Included => "Inkluderad".into(),
        Status::Superseded => "Ej med: ersatt av en nyare version".into(),
        Status::Errors => {
            format!("Ej med: fel ({})", f.error_codes().join(", "))
        }
    }
}

pub(super) fn write(ws: &mut Worksheet, c: &Contents<'_>, s: &Styles) -> Result<(), XlsxError> {
    ws.set_name(labels::OUT_SOURCES)?;
    let headers = [
        "Fil",
        labels::META_AREA,
        labels::META_VERSION,
        labels::META_DATE,
        labels::META_LEAD,
        "Rader i filen (båda bladen)",
        "Status",
        "SHA-256",
    ];
    let mut widths = Widths::new(&[10, 14, 8, 10, 12, 14, 12]);
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
        // Last and narrow: a checksum for the record, not for reading.
        ws.write_string_with_format(row, HASH, f.sha256.clone().unwrap_or_default(), &s.note)?;
    }
    ws.autofilter(0, 0, row, HASH)?;
    ws.set_freeze_panes(1, 0)?;
    super::page_setup(ws, 0)?;
    widths.apply(ws, 80)?;
    ws.set_column_width(HASH, 14)?;
    ws.set_row_height(0, 30)?;
    Ok(())
}

/// The column of the SHA-256.
const HASH: u16 = 7;
