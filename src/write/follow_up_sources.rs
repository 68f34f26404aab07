//! Sheet `Källor` of the follow-up: the plan's files as in the plan workbook, then
//! every actuals file (SHA-256, rows read, cost rows and the nothing-lost equation
//! `cost_total = to_initiatives + to_areas + unmapped`, the last column a live check)
//! and every forecast file.

use super::follow_up::{Contents, FuStyles, print_setup};
use super::{cell, formula};
use crate::labels;
use rust_decimal::Decimal;
use rust_xlsxwriter::{Worksheet, XlsxError};

pub(super) fn write(
    ws: &mut Worksheet,
    c: &Contents<'_>,
    s: &FuStyles,
    title: &str,
) -> Result<(), XlsxError> {
    let b = &s.base;
    let fu = c.follow_up;
    ws.set_name(labels::OUT_SOURCES)?;
    let mut row = 0;
    ws.write_string_with_format(row, 0, "Plan", &b.title)?;
    row += 1;
    for (col, h) in (0u16..).zip([
        "Fil",
        labels::META_AREA,
        labels::META_VERSION,
        "SHA-256",
        "Rader lästa",
        "Status",
    ]) {
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
        ws.write_string(row, 3, f.sha256.clone().unwrap_or_default())?;
        ws.write_number(row, 4, u32::try_from(f.rows_read).unwrap_or(u32::MAX))?;
        ws.write_string(row, 5, super::sources::status_text(f))?;
    }
    row += 2;
    ws.write_string_with_format(row, 0, "Utfall (tkr)", &b.title)?;
    row += 1;
    let headers = [
        "Fil",
        "Format",
        "Rader lästa",
        "SHA-256",
        "Kostnadsrader",
        "Kostnad ack (cost_total)",
        "Till initiativ",
        "Till tjänsteområden",
        "Ej kopplat",
        "Differens (ska vara 0)",
        "Föregående år ack",
        "Utanför perioden",
    ];
    for (col, h) in (0u16..).zip(headers) {
        ws.write_string_with_format(row, col, h, &b.header)?;
    }
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
        ws.write_string(row, 3, &src.sha256)?;
        ws.write_number(row, 4, u32::try_from(src.cost_rows).unwrap_or(u32::MAX))?;
        for (col, v) in [
            (5u16, src.cost_total),
            (6, src.to_initiatives),
            (7, src.to_areas),
            (8, src.unmapped),
            (10, src.previous_year),
            (11, src.outside_period),
        ] {
            ws.write_with_format(row, col, v, &b.amount)?;
        }
        let diff = src.cost_total - src.to_initiatives - src.to_areas - src.unmapped;
        let text = format!(
            "={}-{}-{}-{}",
            cell(row, 5),
            cell(row, 6),
            cell(row, 7),
            cell(row, 8)
        );
        ws.write_formula_with_format(row, 9, formula(&text, diff), &b.amount)?;
    }
    row += 2;
    ws.write_string_with_format(row, 0, "Prognoser (tkr)", &b.title)?;
    row += 1;
    for (col, h) in (0u16..).zip(["Fil", "SHA-256", "Rader lästa", "Summa prognos"]) {
        ws.write_string_with_format(row, col, h, &b.header)?;
    }
    for f in &fu.forecast_sources {
        row += 1;
        ws.write_string(row, 0, &f.file)?;
        ws.write_string(row, 1, &f.sha256)?;
        ws.write_number(row, 2, u32::try_from(f.rows).unwrap_or(u32::MAX))?;
        ws.write_with_format(row, 3, f.total.max(Decimal::MIN), &b.amount)?;
    }
    ws.set_column_width(0, 36)?;
    ws.set_column_width(1, 16)?;
    ws.set_column_width(3, 66)?;
    for col in [2u16, 4, 5, 6, 7, 8, 9, 10, 11] {
        ws.set_column_width(col, 14)?;
    }
    print_setup(ws, 0, title)?;
    Ok(())
}
