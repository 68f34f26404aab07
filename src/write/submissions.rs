//! The `Inlämningar` sheet of the plan workbook and the follow-up workbook: one
//! row per configured area (and per replaced older version) with the file, its
//! version, Ansvarig and Datum as the file gives them, the configured lead when
//! the file names another, and the status. One row per area, written once at the
//! end: nothing here is on the per-row path.

use super::Styles;
use crate::labels;
use crate::lang::Lang;
use crate::rounds::{Round, Status};
use rust_xlsxwriter::{Color, Format, Worksheet, XlsxError};

pub const SHEET: &str = labels::SHEET_SUBMISSIONS;

pub(crate) fn write(
    ws: &mut Worksheet,
    round: &Round,
    s: &Styles,
    lang: Lang,
) -> Result<(), XlsxError> {
    ws.set_name(SHEET)?;
    let title = labels::submissions_title(&round.name);
    ws.write_string_with_format(0, 0, title, &s.title)?;
    let note = match round.deadline {
        Some(d) => labels::submissions_deadline_note(d, round.today),
        None => labels::SUBMISSIONS_NO_DEADLINE.to_string(),
    };
    ws.write_string_with_format(1, 0, &note, &s.subtitle)?;
    let header_row = 3;
    let headers = labels::SUBMISSIONS_HEADERS;
    let mut widths = super::Widths::new(&[14, 10, 8, 10, 10, 14, 10]);
    for (c, h) in (0u16..).zip(headers) {
        ws.write_string_with_format(header_row, c, h, &s.header)?;
        widths.see(c, h);
    }
    let colour = |status: Status| match status {
        Status::Received => Color::RGB(0xC6EFCE),
        Status::Late | Status::Expected | Status::OlderForecast | Status::LaterForecast => {
            Color::RGB(0xFFEB9C)
        }
        Status::Missing | Status::HasErrors => Color::RGB(0xFFC7CE),
        Status::Superseded => Color::RGB(0xEDEDED),
    };
    for (row, sub) in (header_row + 1..).zip(&round.submissions) {
        let cells = [
            Some(sub.area.as_str()),
            sub.file.as_deref(),
            sub.version.as_deref(),
            sub.lead.as_deref(),
            sub.date.as_deref(),
            sub.configured_lead.as_deref(),
        ];
        for (c, text) in (0u16..).zip(cells) {
            if let Some(t) = text {
                ws.write_string(row, c, t)?;
                widths.see(c, t);
            }
        }
        let label = sub.status_text(lang);
        ws.write_string_with_format(
            row,
            6,
            &label,
            &Format::new().set_background_color(colour(sub.status)),
        )?;
        widths.see(6, &label);
    }
    ws.set_freeze_panes(header_row + 1, 0)?;
    super::page_setup(ws, header_row)?;
    widths.apply(ws, 60)?;
    Ok(())
}
