//! Stage 7: `write`. The only module that touches rust_xlsxwriter: the consolidated
//! workbook, one file per output sheet. Totals are live formulas with their
//! computed `Decimal` values stored as cached results, so a viewer that never
//! recalculates shows the right numbers.
//!
//! The file is written to a temporary file in the output folder and renamed into
//! place; document dates are fixed, so identical inputs give identical bytes.

mod checks;
pub mod feedback;
mod initiatives;
mod sources;
mod summary;
pub mod template;
mod years;

use crate::consolidate::Consolidation;
use crate::finding::Finding;
use crate::lang::Lang;
use crate::load::Loaded;
use crate::location::column_letters;
use rust_decimal::Decimal;
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatBorder, Formula, Workbook, Worksheet,
    XlsxError,
};
use std::path::{Path, PathBuf};

/// What the workbook shows, besides the consolidation itself.
#[derive(Debug)]
pub struct Contents<'a> {
    pub consolidation: &'a Consolidation<'a>,
    pub files: &'a [Loaded],
    /// Every finding of the run, in report order.
    pub findings: &'a [Finding],
    /// `--partial` with errors: the banner's lines (which areas are missing and why).
    pub banner: Vec<String>,
    pub lang: Lang,
}

/// `<out>/konsoliderad-budget-<budgetår>.xlsx`.
pub fn output_path(out_dir: &Path, budget_year: Option<i32>) -> PathBuf {
    match budget_year {
        Some(y) => out_dir.join(format!("konsoliderad-budget-{y}.xlsx")),
        None => out_dir.join("konsoliderad-budget.xlsx"),
    }
}

/// Builds the workbook in memory.
pub fn build(contents: &Contents<'_>) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_ymd(2023, 1, 1)?;
    wb.set_properties(
        &DocProperties::new()
            .set_title(crate::labels::OUT_SUMMARY_TITLE)
            .set_author("budget-consolidator")
            .set_creation_datetime(&created),
    );
    let styles = Styles::new();
    summary::write(wb.add_worksheet(), contents, &styles)?;
    years::write(
        wb.add_worksheet(),
        contents,
        &styles,
        years::Which::Development,
    )?;
    years::write(
        wb.add_worksheet(),
        contents,
        &styles,
        years::Which::Maintenance,
    )?;
    initiatives::write(wb.add_worksheet(), contents, &styles)?;
    checks::write(wb.add_worksheet(), contents, &styles)?;
    sources::write(wb.add_worksheet(), contents, &styles)?;
    wb.save_to_buffer()
}

/// Writes the bytes atomically: a temporary file beside the target, then a rename.
pub fn save_atomically(bytes: &[u8], dest: &Path) -> std::io::Result<()> {
    let dir = dest
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let file_name = dest
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{file_name}.{}.tmp", std::process::id()));
    let result = std::fs::write(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, dest));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// The formats every sheet shares.
pub(crate) struct Styles {
    pub title: Format,
    pub subtitle: Format,
    pub header: Format,
    pub header_amount: Format,
    pub text: Format,
    pub amount: Format,
    pub total_label: Format,
    pub total_amount: Format,
    pub banner: Format,
    pub error: Format,
    pub warning: Format,
}

pub(crate) const TKR: &str = "#,##0";

impl Styles {
    pub(crate) fn new() -> Self {
        let header = Format::new()
            .set_bold()
            .set_background_color(Color::RGB(0xDDE6F0))
            .set_border_bottom(FormatBorder::Thin)
            .set_text_wrap();
        let total = Format::new()
            .set_bold()
            .set_border_top(FormatBorder::Thin)
            .set_border_bottom(FormatBorder::Double);
        Styles {
            title: Format::new().set_bold().set_font_size(14),
            subtitle: Format::new()
                .set_italic()
                .set_font_color(Color::RGB(0x595959)),
            header_amount: header
                .clone()
                .set_align(rust_xlsxwriter::FormatAlign::Right),
            header,
            text: Format::new(),
            amount: Format::new().set_num_format(TKR),
            total_label: total.clone(),
            total_amount: total.set_num_format(TKR),
            banner: Format::new()
                .set_bold()
                .set_font_color(Color::White)
                .set_background_color(Color::RGB(0xC00000))
                .set_text_wrap(),
            error: Format::new()
                .set_font_color(Color::RGB(0xC00000))
                .set_bold(),
            warning: Format::new().set_font_color(Color::RGB(0x9C5700)),
        }
    }
}

/// A formula with its computed value stored as the cached result.
pub(crate) fn formula(text: &str, value: Decimal) -> Formula {
    Formula::new(text).set_result(value.normalize().to_string())
}

/// `C5:C9`, 0-based inputs.
pub(crate) fn range(col: u16, first_row: u32, last_row: u32) -> String {
    let letters = column_letters(u32::from(col));
    format!("{letters}{}:{letters}{}", first_row + 1, last_row + 1)
}

/// `C5`, 0-based input.
pub(crate) fn cell(row: u32, col: u16) -> String {
    format!("{}{}", column_letters(u32::from(col)), row + 1)
}

/// Print setup shared by every sheet: landscape, one page wide, header repeated.
pub(crate) fn page_setup(ws: &mut Worksheet, header_row: u32) -> Result<(), XlsxError> {
    ws.set_landscape();
    ws.set_paper_size(9); // A4
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(header_row, header_row)?;
    Ok(())
}

/// Column widths from the text written, so columns fit their content.
pub(crate) struct Widths(Vec<usize>);

impl Widths {
    pub fn new(minimum: &[usize]) -> Self {
        Widths(minimum.to_vec())
    }

    pub fn see(&mut self, col: u16, text: &str) {
        let col = usize::from(col);
        if self.0.len() <= col {
            self.0.resize(col + 1, 8);
        }
        let len = text.lines().map(|l| l.chars().count()).max().unwrap_or(0);
        self.0[col] = self.0[col].max(len);
    }

    /// An amount as `#,##0` shows it: digits plus a separator per thousand.
    pub fn see_amount(&mut self, col: u16, value: Decimal) {
        let digits = value.trunc().abs().to_string().len();
        self.see(col, &"0".repeat(digits + digits.saturating_sub(1) / 3 + 1));
    }

    pub fn apply(&self, ws: &mut Worksheet, max: usize) -> Result<(), XlsxError> {
        for (col, width) in self.0.iter().enumerate() {
            let width = u32::try_from((*width).min(max) + 2).unwrap_or(10);
            ws.set_column_width(u16::try_from(col).unwrap_or(u16::MAX), width)?;
        }
        Ok(())
    }
}
