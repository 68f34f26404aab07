//! Sheet `Källor` of the follow-up: the plan's files as in the plan workbook, then
//! every actuals file (SHA-256, rows read, cost rows and the nothing-lost equation
//! `cost_total = to_initiatives + to_areas + unmapped`, the last column a live check)
//! and every forecast file.

use super::follow_up::{Sheet, print_setup};
use super::{cell, formula};
use crate::labels;
use rust_xlsxwriter::{Worksheet, XlsxError};

pub(super) fn write(ws: &mut Worksheet, sheet: Sheet<'_>) -> Result<(), XlsxError> {
    let Sheet { c, s, title } = sheet;
    let b = &s.base;
    let fu = c.follow_up;
    ws.set_name(labels::OUT_SOURCES)?;
    // The checksum stands apart from the amounts before it.
    let sha = rust_xlsxwriter::Format::new().set_indent(1);
    let mut row = 0;
    ws.write_string_with_format(row, 0, "Plan", &b.title)?;
    row += 1;
    for (col, h) in [
        (0u16, "Fil"),
        (1, labels::META_AREA),
        (2, labels::META_VERSION),
        (3, "Rader lästa"),
        (4, "Status"),
        (11, "SHA-256"),
    ] {
        ws.write_string_with_format(row, col, h, &b.header)?;
    }
    for f in c.files {
        row += 1;
        let version = f
            .plan
            .as_ref()
            .map(|p| p.meta.version.clone())
            .unwrap_or_default();
        ws.write_string(row, 0, &f.file)?;
        ws.write_string(row, 1, f.area.clone().unwrap_or_default())?;
        ws.write_string(row, 2, version)?;
        ws.write_number(row, 3, u32::try_from(f.rows_read).unwrap_or(u32::MAX))?;
        ws.write_string(row, 4, super::sources::status_text(f))?;
        ws.write_string_with_format(row, 11, f.sha256.clone().unwrap_or_default(), &sha)?;
    }
    row += 2;
    ws.write_string_with_format(row, 0, "Utfall (tkr)", &b.title)?;
    row += 1;
    let headers = [
        "Fil",
        "Format",
        "Rader lästa",
        "Kostnadsrader",
        "Kostnad ack",
        "Till initiativ",
        "Till tjänsteområden",
        "Ej kopplat",
        "Differens (ska vara 0)",
        "Föregående år ack",
        "Utanför perioden",
        "SHA-256",
    ];
    for (col, h) in (0u16..).zip(headers) {
        ws.write_string_with_format(row, col, h, &s.header_wrap)?;
    }
    ws.set_row_height(row, 32)?;
    for src in &fu.sources {
        row += 1;
        let form = match src.form {
            Some(crate::ledger::Form::Sie { sie_type }) => format!("SIE {sie_type}"),
            Some(crate::ledger::Form::Csv) => "CSV".into(),
            Some(crate::ledger::Form::Sheet) => "Arbetsbok".into(),
            None => "oläsbar".into(),
        };
        ws.write_string(row, 0, &src.file)?;
        ws.write_string(row, 1, form)?;
        ws.write_number(row, 2, u32::try_from(src.rows).unwrap_or(u32::MAX))?;
        ws.write_number(row, 3, u32::try_from(src.cost_rows).unwrap_or(u32::MAX))?;
        for (col, v) in [
            (4u16, src.cost_total),
            (5, src.to_initiatives),
            (6, src.to_areas),
            (7, src.unmapped),
            (9, src.previous_year),
            (10, src.outside_period),
        ] {
            ws.write_with_format(row, col, v, &b.amount)?;
        }
        // The equation as a live check: cost − to initiatives − to areas − unmapped.
        let diff = src.cost_total - src.to_initiatives - src.to_areas - src.unmapped;
        let text = format!(
            "={}-{}-{}-{}",
            cell(row, 4),
            cell(row, 5),
            cell(row, 6),
            cell(row, 7)
        );
        ws.write_formula_with_format(row, 8, formula(&text, diff), &b.amount)?;
        ws.write_string_with_format(row, 11, &src.sha256, &sha)?;
    }
    row += 2;
    ws.write_string_with_format(row, 0, "Prognoser (tkr)", &b.title)?;
    row += 1;
    for (col, h) in [
        (0u16, "Fil"),
        (2, "Rader lästa"),
        (4, "Summa prognos"),
        (11, "SHA-256"),
    ] {
        ws.write_string_with_format(row, col, h, &b.header)?;
    }
    for f in &fu.forecast_sources {
        row += 1;
        ws.write_string(row, 0, &f.file)?;
        ws.write_number(row, 2, u32::try_from(f.rows).unwrap_or(u32::MAX))?;
        ws.write_with_format(row, 4, f.total, &b.amount)?;
        ws.write_string_with_format(row, 11, &f.sha256, &sha)?;
    }
    ws.set_column_width(0, 34)?;
    ws.set_column_width(1, 16)?;
    for col in 2u16..=10 {
        ws.set_column_width(col, 13)?;
    }
    ws.set_column_width(11, 66)?;
    print_setup(ws, 0, title)?;
    Ok(())
}
