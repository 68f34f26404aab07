//! Sheet `Källor` of the follow-up: the plan's files as in the plan workbook, then
//! every actuals file (SHA-256, rows read, cost rows and the nothing-lost equation
//! `cost_total = to_initiatives + to_areas + unmapped`, the last column a live check)
//! and every forecast file.

use super::follow_up::{FuStyles, Sheet, print_setup};
use super::{cell, formula};
use crate::follow_up::FollowUp;
use crate::labels;
use crate::load::Loaded;
use rust_xlsxwriter::{Format, Worksheet, XlsxError};

pub(super) fn write(ws: &mut Worksheet, sheet: Sheet<'_>) -> Result<(), XlsxError> {
    let Sheet { c, s, title } = sheet;
    ws.set_name(labels::OUT_SOURCES)?;
    // The checksum stands apart from the amounts before it.
    let sha = &s.indent;
    let row = plan_files(ws, c.files, s, sha)?;
    let row = actuals_files(ws, c.follow_up, row + 2, s, sha)?;
    forecast_files(ws, c.follow_up, row + 2, s, sha)?;
    ws.set_column_width(0, 34)?;
    ws.set_column_width(1, 16)?;
    for col in 2u16..=10 {
        ws.set_column_width(col, 13)?;
    }
    ws.set_column_width(11, 66)?;
    print_setup(ws, 0, title)?;
    Ok(())
}

/// A block's title at `row` and its headers below it, each at its column.
fn block_head(
    ws: &mut Worksheet,
    row: u32,
    title: &str,
    headers: &[(u16, &str)],
    s: &FuStyles,
    header: &Format,
) -> Result<(), XlsxError> {
    ws.write_string_with_format(row, 0, title, &s.base.title)?;
    for &(col, h) in headers {
        ws.write_string_with_format(row + 1, col, h, header)?;
    }
    Ok(())
}

/// The plan's files from row 0, as in the plan workbook; returns the last row.
fn plan_files(
    ws: &mut Worksheet,
    files: &[Loaded],
    s: &FuStyles,
    sha: &Format,
) -> Result<u32, XlsxError> {
    let headers = [
        (0u16, labels::SOURCES_FILE),
        (1, labels::META_AREA),
        (2, labels::META_VERSION),
        (3, labels::SOURCES_ROWS),
        (4, labels::SOURCES_STATUS),
        (11, labels::SOURCES_SHA256),
    ];
    block_head(ws, 0, labels::SOURCES_PLAN, &headers, s, &s.base.header)?;
    let mut row = 1;
    for f in files {
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
        // Indented, apart from the number of rows before it.
        ws.write_string_with_format(row, 4, super::sources::status_text(f), &s.indent)?;
        ws.write_string_with_format(row, 11, f.sha256.clone().unwrap_or_default(), sha)?;
    }
    Ok(row)
}

/// The actuals files from `top`, with the nothing-lost equation as a live check;
/// returns the last row.
fn actuals_files(
    ws: &mut Worksheet,
    fu: &FollowUp,
    top: u32,
    s: &FuStyles,
    sha: &Format,
) -> Result<u32, XlsxError> {
    let b = &s.base;
    let headers: Vec<(u16, &str)> = (0u16..).zip(labels::SOURCES_ACTUALS_HEADERS).collect();
    block_head(
        ws,
        top,
        labels::SOURCES_ACTUALS,
        &headers,
        s,
        &s.header_wrap,
    )?;
    let mut row = top + 1;
    ws.set_row_height(row, 32)?;
    for src in &fu.sources {
        row += 1;
        let form = match src.form {
            Some(crate::ledger::Form::Sie { sie_type }) => labels::form_sie(sie_type),
            Some(crate::ledger::Form::Csv) => labels::FORM_CSV.into(),
            Some(crate::ledger::Form::Sheet) => labels::FORM_SHEET.into(),
            Some(crate::ledger::Form::Html) => labels::FORM_HTML.into(),
            None => labels::FORM_UNREADABLE.into(),
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
        ws.write_string_with_format(row, 11, &src.sha256, sha)?;
    }
    Ok(row)
}

/// The forecast files from `top`.
fn forecast_files(
    ws: &mut Worksheet,
    fu: &FollowUp,
    top: u32,
    s: &FuStyles,
    sha: &Format,
) -> Result<(), XlsxError> {
    let headers = [
        (0u16, labels::SOURCES_FILE),
        (2, labels::SOURCES_ROWS),
        (4, labels::SOURCES_FORECAST_TOTAL),
        (11, labels::SOURCES_SHA256),
    ];
    block_head(
        ws,
        top,
        labels::SOURCES_FORECASTS,
        &headers,
        s,
        &s.base.header,
    )?;
    let mut row = top + 1;
    for f in &fu.forecast_sources {
        row += 1;
        ws.write_string(row, 0, &f.file)?;
        ws.write_number(row, 2, u32::try_from(f.rows).unwrap_or(u32::MAX))?;
        ws.write_with_format(row, 4, f.total, &s.base.amount)?;
        ws.write_string_with_format(row, 11, &f.sha256, sha)?;
    }
    Ok(())
}
