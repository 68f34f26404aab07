//! The follow-up workbook `uppfoljning-<år>-<MM>.xlsx`: six sheets, one file per
//! sheet (`follow_up_*.rs`), written from a [`FollowUp`] only — the join knows no
//! spreadsheet, this knows no ledger. Totals are live formulas with their `Decimal`
//! values stored as cached results; saved atomically with a fixed document date,
//! so identical inputs give identical bytes.

use super::{Styles, save_atomically_with};
use crate::finding::Finding;
use crate::follow_up::FollowUp;
use crate::lang::Lang;
use crate::load::Loaded;
use rust_xlsxwriter::{Format, Worksheet, XlsxError};

/// Sheet names.
pub const SHEET_SUMMARY: &str = "Uppföljning";
pub const SHEET_INITIATIVES: &str = "Per initiativ";
pub const SHEET_MONTHS: &str = "Per månad";
pub const SHEET_UNMAPPED: &str = "Ej kopplat utfall";

/// Swedish month names, for titles and `Per månad`.
pub const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
];

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
    let last = MONTHS[usize::from(fu.period.clamp(1, 12)) - 1];
    if fu.period == 1 {
        format!(
            "Uppföljning utvecklingskostnader januari {}",
            fu.budget_year
        )
    } else {
        format!(
            "Uppföljning utvecklingskostnader januari–{last} {}",
            fu.budget_year
        )
    }
}

/// Formats shared by the follow-up's sheets.
pub(super) struct FuStyles {
    pub base: Styles,
    pub red: Format,
    /// Long text (messages, comments): wrapped, top-aligned.
    pub wrap: Format,
    /// Headers that wrap onto several lines.
    pub header_wrap: Format,
}

/// What every sheet writer gets: the contents, the formats and the report's title.
#[derive(Clone, Copy)]
pub(super) struct Sheet<'a> {
    pub c: &'a Contents<'a>,
    pub s: &'a FuStyles,
    pub title: &'a str,
}

/// A4 landscape, one page wide, header row repeated, the report named in the
/// page header and page numbers in the footer.
pub(super) fn print_setup(
    ws: &mut Worksheet,
    header_row: u32,
    title: &str,
) -> Result<(), XlsxError> {
    super::page_setup(ws, header_row)?;
    ws.set_header(format!("&L{}&R&A", title.replace('&', "&&")));
    ws.set_footer("&CSida &P av &N");
    Ok(())
}

/// Builds the workbook in memory.
pub fn build(c: &Contents<'_>) -> Result<rust_xlsxwriter::Workbook, XlsxError> {
    let fu = c.follow_up;
    let title = title(fu);
    let mut wb = super::workbook(&title)?;
    let s = FuStyles {
        base: Styles::new(),
        red: Format::new().set_font_color(rust_xlsxwriter::Color::RGB(0xC00000)),
        wrap: Format::new()
            .set_text_wrap()
            .set_align(rust_xlsxwriter::FormatAlign::Top),
        header_wrap: Styles::new()
            .header
            .set_text_wrap()
            .set_align(rust_xlsxwriter::FormatAlign::Top),
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
        super::submissions::write(wb.add_worksheet(), round, &s.base, c.lang)?;
    }
    Ok(wb)
}

/// Builds and saves the workbook atomically at `dest`.
pub fn write(c: &Contents<'_>, dest: &std::path::Path) -> Result<(), String> {
    let mut wb = build(c).map_err(|e| e.to_string())?;
    save_atomically_with(dest, |tmp| wb.save(tmp).map_err(|e| e.to_string()))
}
