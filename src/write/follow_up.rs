//! The follow-up workbook `uppfoljning-<år>-<MM>.xlsx`: six sheets, one file per
//! sheet (`follow_up_*.rs`), written from a [`FollowUp`] only — the join knows no
//! spreadsheet, this knows no ledger. Totals are live formulas with their `Decimal`
//! values stored as cached results; saved atomically with a fixed document date,
//! so identical inputs give identical bytes.

use super::{Styles, save_atomically_with};
use crate::finding::Finding;
use crate::follow_up::FollowUp;
use crate::labels;
use crate::lang::Lang;
use crate::load::Loaded;
use rust_xlsxwriter::{Format, Worksheet, XlsxError};

/// What the workbook shows.
#[derive(Debug)]
pub struct Contents<'a> {
    pub follow_up: &'a FollowUp,
    /// The plan's files, for `Källor`.
    pub files: &'a [Loaded],
    /// Every finding of the plan and of the follow-up, in report order.
    pub findings: &'a [Finding],
    /// Written with errors (`--partial`): the title says so.
    pub partial: bool,
    pub lang: Lang,
    /// Who has sent a forecast, for the `Inlämningar` sheet.
    pub round: Option<&'a crate::rounds::Round>,
}

/// "Uppföljning utvecklingskostnader januari–april 2023".
pub fn title(fu: &FollowUp) -> String {
    labels::follow_up_title(fu.budget_year, fu.period)
}

/// Formats shared by the follow-up's sheets.
pub(super) struct FuStyles {
    pub base: Styles,
    pub red: Format,
    /// Headers that wrap onto several lines.
    pub header_wrap: Format,
    /// Text in a column right after a number, set apart from it.
    pub indent: Format,
}

/// What every sheet writer gets: the contents, the formats and the report's title.
#[derive(Clone, Copy)]
pub(super) struct Sheet<'a> {
    pub c: &'a Contents<'a>,
    pub s: &'a FuStyles,
    pub title: &'a str,
}

/// A4 landscape, one page wide, header row repeated, the city and the report in
/// the page header, the printing date, the sheet and page numbers in the footer
/// (as in the plan workbook).
pub(super) fn print_setup(
    ws: &mut Worksheet,
    header_row: u32,
    title: &str,
) -> Result<(), XlsxError> {
    super::page_setup(ws, header_row)?;
    super::print_header_footer_titled(ws, title);
    Ok(())
}

/// A list sheet's header row, from A1: `amount` says which columns hold amounts
/// (their headers aligned right).
pub(super) fn list_header(
    ws: &mut Worksheet,
    headers: &[&str],
    amount: impl Fn(u16) -> bool,
    b: &Styles,
) -> Result<(), XlsxError> {
    for (col, h) in (0u16..).zip(headers) {
        let f = if amount(col) {
            &b.header_amount
        } else {
            &b.header
        };
        ws.write_string_with_format(0, col, *h, f)?;
    }
    Ok(())
}

/// A list sheet's end: a filter over the rows written (at least one), the column
/// widths, the header row frozen and the print set-up.
pub(super) fn list_end(
    ws: &mut Worksheet,
    last: (u32, u16),
    widths: &[(u16, f64)],
    title: &str,
) -> Result<(), XlsxError> {
    let (row, col) = last;
    ws.autofilter(0, 0, row.max(1), col)?;
    for &(col, width) in widths {
        ws.set_column_width(col, width)?;
    }
    ws.set_freeze_panes(1, 0)?;
    print_setup(ws, 0, title)
}

/// Builds the workbook in memory.
pub fn build(c: &Contents<'_>) -> Result<rust_xlsxwriter::Workbook, XlsxError> {
    let fu = c.follow_up;
    let title = title(fu);
    let mut wb = super::workbook(&title)?;
    let s = FuStyles {
        base: Styles::new(),
        red: Format::new().set_font_color(rust_xlsxwriter::Color::RGB(0xC00000)),
        header_wrap: Styles::new()
            .header
            .set_text_wrap()
            .set_align(rust_xlsxwriter::FormatAlign::Top),
        indent: Format::new().set_indent(1),
    };
    let sheet = Sheet {
        c,
        s: &s,
        title: &title,
    };
    super::follow_up_summary::write(wb.add_worksheet(), sheet)?;
    super::follow_up_initiatives::write(wb.add_worksheet(), sheet)?;
    super::follow_up_months::write(wb.add_worksheet(), sheet)?;
    super::follow_up_unmapped::write(wb.add_worksheet(), sheet)?;
    super::follow_up_checks::write(wb.add_worksheet(), sheet)?;
    super::follow_up_sources::write(wb.add_worksheet(), sheet)?;
    if let Some(round) = c.round {
        let ws = wb.add_worksheet();
        super::submissions::write(ws, round, &s.base, c.lang)?;
        super::print_header_footer_titled(ws, &title);
    }
    Ok(wb)
}

/// Builds and saves the workbook atomically at `dest`.
pub fn write(c: &Contents<'_>, dest: &std::path::Path) -> Result<(), String> {
    let mut wb = build(c).map_err(|e| e.to_string())?;
    save_atomically_with(dest, |tmp| wb.save(tmp).map_err(|e| e.to_string()))
}
