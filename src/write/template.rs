//! The blank template an area lead fills in (`budget-consolidator template`).
//! Built from the same labels the reader matches (`labels.rs`), so the two cannot
//! drift apart: a generated template reads back with no finding.
//!
//! Input cells are unlocked and shaded; headers and formulas are locked and the
//! sheets protected without a password, so a lead can still unprotect deliberately.
//! Data validation guards amounts and `Påverkan`, with Swedish messages. (Pasting
//! bypasses validation; the checks in `check` do not.)

use crate::labels;
use crate::model::{Filled, TemplateSpec};
use rust_decimal::Decimal;
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationRule, ExcelDateTime, Format, FormatAlign, FormatBorder,
    Formula, ProtectionOptions, Worksheet, XlsxError,
};

/// Room for this many initiatives in each table.
pub const ROWS: u32 = 30;

/// 0-based positions of the template's layout.
pub mod layout {
    /// `Budgetfördelning`: metadata labels in column A from this row, values in B.
    pub const META_FIRST_ROW: u32 = 3;
    pub const BUDGET_HEADER_ROW: u32 = 9;
    pub const PLAN_HEADER_ROW: u32 = 3;
}

pub(crate) struct Styles {
    pub(crate) title: Format,
    pub(crate) note: Format,
    pub(crate) label: Format,
    pub(crate) header: Format,
    pub(crate) input: Format,
    pub(crate) input_amount: Format,
    pub(crate) input_date: Format,
    /// An input cell holding a formula that takes its value from Budgetfördelning.
    pub(crate) linked: Format,
    pub(crate) linked_amount: Format,
    pub(crate) fixed: Format,
    pub(crate) formula: Format,
    pub(crate) total_label: Format,
    pub(crate) total: Format,
    pub(crate) text: Format,
    pub(crate) heading: Format,
}

pub(crate) const INPUT_FILL: u32 = 0xFFF2CC;

/// Thousands grouped as the template's amounts are, with a zero shown as nothing.
pub(crate) const ROW_TKR: &str = "#,##0;-#,##0;;@";

pub(crate) fn styles() -> Styles {
    let input = Format::new()
        .set_unlocked()
        .set_background_color(Color::RGB(INPUT_FILL))
        .set_border(FormatBorder::Thin)
        .set_border_color(Color::RGB(0xBFBFBF));
    // Titles, notes and totals look as in the consolidated workbook.
    let shared = super::Styles::new();
    Styles {
        title: shared.title,
        note: shared.subtitle,
        label: Format::new().set_bold(),
        header: Format::new()
            .set_bold()
            .set_text_wrap()
            .set_align(FormatAlign::Top)
            .set_background_color(Color::RGB(0xDDE6F0))
            .set_border(FormatBorder::Thin),
        input_amount: input.clone().set_num_format(super::TKR),
        input_date: input.clone().set_num_format("yyyy-mm-dd"),
        linked: input.clone().set_font_color(Color::RGB(0x404040)),
        linked_amount: input
            .clone()
            .set_num_format(ROW_TKR)
            .set_font_color(Color::RGB(0x404040)),
        input,
        fixed: Format::new().set_background_color(Color::RGB(0xF2F2F2)),
        // A row's Belopp shows nothing while the row is empty, not a column of zeros.
        formula: Format::new()
            .set_num_format(ROW_TKR)
            .set_background_color(Color::RGB(0xF2F2F2)),
        total_label: shared.total_label,
        total: shared.total_amount,
        text: Format::new().set_text_wrap().set_align(FormatAlign::Top),
        heading: Format::new().set_bold().set_font_size(12),
    }
}

/// Builds the blank template workbook in memory.
pub fn build(spec: &TemplateSpec) -> Result<Vec<u8>, XlsxError> {
    build_filled(
        spec,
        &Filled {
            version: "1.0".into(),
            ..Filled::default()
        },
    )
}

/// Builds the template with a lead's entries written in, formulas carrying their
/// computed results, as a spreadsheet program would save it.
pub fn build_filled(spec: &TemplateSpec, filled: &Filled) -> Result<Vec<u8>, XlsxError> {
    let mut wb = super::workbook(&labels::template_document_title(
        &spec.area,
        spec.budget_year,
    ))?;
    let s = styles();
    instructions(wb.add_worksheet(), spec, &s)?;
    budget(wb.add_worksheet(), spec, filled, &s)?;
    plan(wb.add_worksheet(), spec, filled, &s)?;
    versions(wb.add_worksheet(), filled, &s)?;
    wb.save_to_buffer()
}

/// Room for the entries, at least [`ROWS`].
fn rows(filled: &Filled) -> u32 {
    u32::try_from(filled.initiatives.len())
        .unwrap_or(u32::MAX)
        .max(ROWS)
}

/// An input amount cell: the amount, or blank when it is zero.
pub(crate) fn amount_cell(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    value: Option<&Decimal>,
    format: &Format,
) -> Result<(), XlsxError> {
    match value.filter(|v| !v.is_zero()) {
        Some(v) => ws
            .write_with_format(row, col, v.normalize(), format)
            .map(|_| ()),
        None => ws.write_blank(row, col, format).map(|_| ()),
    }
}

pub(crate) fn sum_result(values: impl Iterator<Item = Decimal>) -> String {
    crate::amount::total(values).normalize().to_string()
}

pub(crate) fn col(c: u16) -> String {
    crate::location::column_letters(u32::from(c))
}

pub(crate) fn protect(ws: &mut Worksheet) {
    ws.protect_with_options(&ProtectionOptions {
        select_locked_cells: true,
        select_unlocked_cells: true,
        format_columns: true,
        format_rows: true,
        ..ProtectionOptions::default()
    });
}

fn amount_validation(min_zero: bool) -> Result<DataValidation, XlsxError> {
    let (rule, message, error) = if min_zero {
        (
            DataValidationRule::GreaterThanOrEqualTo(0.0),
            labels::TEMPLATE_DEVELOPMENT_MESSAGE,
            labels::TEMPLATE_DEVELOPMENT_ERROR,
        )
    } else {
        (
            DataValidationRule::Between(-1.0e12, 1.0e12),
            labels::TEMPLATE_MAINTENANCE_MESSAGE,
            labels::TEMPLATE_MAINTENANCE_ERROR,
        )
    };
    DataValidation::new()
        .allow_decimal_number(rule)
        .set_input_title(labels::TEMPLATE_AMOUNT_TITLE)?
        .set_input_message(message)?
        .set_error_title(labels::TEMPLATE_AMOUNT_ERROR_TITLE)?
        .set_error_message(error)
}

/// A date cell's validation: a date this century, with its input and error message.
pub(crate) fn date_validation(message: &str, error: &str) -> Result<DataValidation, XlsxError> {
    DataValidation::new()
        .allow_date(DataValidationRule::Between(
            ExcelDateTime::from_ymd(2000, 1, 1)?,
            ExcelDateTime::from_ymd(2100, 12, 31)?,
        ))
        .set_input_title(labels::TEMPLATE_DATE_TITLE)?
        .set_input_message(message)?
        .set_error_title(labels::TEMPLATE_DATE_ERROR_TITLE)?
        .set_error_message(error)
}

/// A column's validation that accepts anything and only explains the column.
pub(super) fn explained(title: &str, message: &str) -> Result<DataValidation, XlsxError> {
    DataValidation::new()
        .allow_any_value()
        .set_input_title(title)?
        .set_input_message(message)
}

/// The first and the last row of a table's entries, 0-based.
#[derive(Clone, Copy)]
struct Entries {
    first: u32,
    last: u32,
}

impl Entries {
    /// The rows below the header row `h`, room for the entries.
    fn below(h: u32, filled: &Filled) -> Self {
        Entries {
            first: h + 1,
            last: h + rows(filled),
        }
    }
}

/// The `Summa` row's formula over one column of the entries, with its result.
fn sum_formula(c: u16, rows: Entries, result: String) -> Formula {
    let l = col(c);
    Formula::new(format!("=SUM({l}{}:{l}{})", rows.first + 1, rows.last + 1)).set_result(result)
}

fn budget(
    ws: &mut Worksheet,
    spec: &TemplateSpec,
    filled: &Filled,
    s: &Styles,
) -> Result<(), XlsxError> {
    ws.set_name(labels::SHEET_BUDGET)?;
    let title = labels::template_budget_title(spec.budget_year);
    ws.write_string_with_format(0, 0, title, &s.title)?;
    ws.write_string_with_format(1, 0, labels::TEMPLATE_BUDGET_NOTE, &s.note)?;
    budget_metadata(ws, spec, filled, s)?;
    let h = layout::BUDGET_HEADER_ROW;
    for (c, label) in (0u16..).zip([
        labels::COL_TEXT,
        labels::COL_NEW,
        labels::COL_EXISTING,
        labels::COL_AMOUNT,
        labels::COL_PROJECT,
    ]) {
        ws.write_string_with_format(h, c, label, &s.header)?;
    }
    ws.set_row_height(h, 45)?;
    let table = Entries::below(h, filled);
    budget_rows(ws, filled, table, s)?;
    let total = table.last + 1;
    ws.write_string_with_format(total, 0, labels::TOTAL_ROW, &s.total_label)?;
    let entries = &filled.initiatives;
    let sums = [
        sum_result(entries.iter().map(|e| e.new)),
        sum_result(entries.iter().map(|e| e.existing)),
        sum_result(entries.iter().map(|e| e.new.saturating_add(e.existing))),
    ];
    for (c, result) in (1u16..=3).zip(sums) {
        ws.write_formula_with_format(total, c, sum_formula(c, table, result), &s.total)?;
    }
    for (c, width) in [(0u16, 50), (1, 14), (2, 22), (3, 14), (4, 16)] {
        ws.set_column_width(c, width)?;
    }
    ws.set_freeze_panes(h + 1, 0)?;
    super::page_setup(ws, h)?;
    // Four columns: upright, the whole table fits one page.
    ws.set_portrait();
    protect(ws);
    Ok(())
}

/// `Budgetfördelning`'s metadata: the area and budget year given, version, date
/// and lead to fill in.
fn budget_metadata(
    ws: &mut Worksheet,
    spec: &TemplateSpec,
    filled: &Filled,
    s: &Styles,
) -> Result<(), XlsxError> {
    let r = layout::META_FIRST_ROW;
    ws.write_string_with_format(r, 0, labels::META_AREA, &s.label)?;
    ws.write_string_with_format(r, 1, &spec.area, &s.fixed)?;
    ws.write_string_with_format(r + 1, 0, labels::META_VERSION, &s.label)?;
    ws.write_string_with_format(r + 1, 1, &filled.version, &s.input)?;
    ws.write_string_with_format(r + 2, 0, labels::META_BUDGET_YEAR, &s.label)?;
    ws.write_number_with_format(r + 2, 1, spec.budget_year, &s.fixed)?;
    ws.write_string_with_format(r + 3, 0, labels::META_DATE, &s.label)?;
    ws.write_blank(r + 3, 1, &s.input_date)?;
    ws.write_string_with_format(r + 4, 0, labels::META_LEAD, &s.label)?;
    match &filled.lead {
        Some(lead) => ws.write_string_with_format(r + 4, 1, lead, &s.input)?,
        None => ws.write_blank(r + 4, 1, &s.input)?,
    };
    let version = explained(
        labels::TEMPLATE_VERSION_TITLE,
        labels::TEMPLATE_VERSION_MESSAGE,
    )?;
    ws.add_data_validation(r + 1, 1, r + 1, 1, &version)?;
    let date = date_validation(labels::TEMPLATE_DATE_MESSAGE, labels::TEMPLATE_DATE_ERROR)?;
    ws.add_data_validation(r + 3, 1, r + 3, 1, &date)?;
    Ok(())
}

/// `Budgetfördelning`'s entry rows, the lead's entries written in, and their
/// validation.
fn budget_rows(
    ws: &mut Worksheet,
    filled: &Filled,
    rows: Entries,
    s: &Styles,
) -> Result<(), XlsxError> {
    let Entries { first, last } = rows;
    // Project codes are text: a code with leading zeros keeps them.
    let project_input = s.input.clone().set_num_format("@");
    let entries = &filled.initiatives;
    for row in first..=last {
        let n = row + 1;
        let entry = entries.get(usize::try_from(row - first).unwrap_or(usize::MAX));
        match entry {
            Some(e) => ws.write_string_with_format(row, 0, &e.name, &s.input)?,
            None => ws.write_blank(row, 0, &s.input)?,
        };
        amount_cell(ws, row, 1, entry.map(|e| &e.new), &s.input_amount)?;
        amount_cell(ws, row, 2, entry.map(|e| &e.existing), &s.input_amount)?;
        let result = entry
            .map_or(Decimal::ZERO, |e| e.new.saturating_add(e.existing))
            .normalize()
            .to_string();
        ws.write_formula_with_format(
            row,
            3,
            Formula::new(format!("=B{n}+C{n}")).set_result(result),
            &s.formula,
        )?;
        match entry.filter(|e| !e.projects.is_empty()) {
            Some(e) => {
                ws.write_string_with_format(row, 4, e.projects.join(", "), &project_input)?
            }
            None => ws.write_blank(row, 4, &project_input)?,
        };
    }
    ws.add_data_validation(first, 1, last, 2, &amount_validation(true)?)?;
    let project = explained(labels::COL_PROJECT, labels::TEMPLATE_PROJECT_MESSAGE)?;
    ws.add_data_validation(first, 4, last, 4, &project)?;
    let name = explained(labels::COL_INITIATIVE, labels::TEMPLATE_INITIATIVE_MESSAGE)?;
    ws.add_data_validation(first, 0, last, 0, &name)?;
    Ok(())
}

fn plan(
    ws: &mut Worksheet,
    spec: &TemplateSpec,
    filled: &Filled,
    s: &Styles,
) -> Result<(), XlsxError> {
    ws.set_name(labels::SHEET_PLAN)?;
    let years = &spec.years;
    let span = match (years.first(), years.last()) {
        (Some(a), Some(b)) if a != b => format!("{a}–{b}"),
        (Some(a), _) => a.to_string(),
        _ => String::new(),
    };
    ws.write_string_with_format(0, 0, labels::template_plan_title(&span), &s.title)?;
    ws.write_string_with_format(1, 0, labels::TEMPLATE_PLAN_NOTE, &s.note)?;
    let h = layout::PLAN_HEADER_ROW;
    let n = u16::try_from(years.len()).unwrap_or(0);
    plan_header(ws, years, s)?;
    let impact_col = impact_col(n);
    let table = Entries::below(h, filled);
    // The budget year's column takes its development from Budgetfördelning.
    let linked_year = years.iter().position(|y| *y == spec.budget_year);
    for row in table.first..=table.last {
        let index = usize::try_from(row - table.first).unwrap_or(usize::MAX);
        let entry = filled.initiatives.get(index);
        // The same initiative's row in Budgetfördelning (1-based), in the same order.
        let b = layout::BUDGET_HEADER_ROW + 2 + (row - table.first);
        plan_row(ws, row, b, entry, n, linked_year, s)?;
    }
    plan_rules(ws, table, n)?;
    plan_total(ws, filled, table, n, s)?;
    ws.set_column_width(0, 50)?;
    for c in 1..impact_col {
        ws.set_column_width(c, 17)?;
    }
    ws.set_column_width(impact_col, 11)?;
    ws.set_freeze_panes(h + 1, 1)?;
    super::page_setup(ws, h)?;
    protect(ws);
    Ok(())
}

/// `Utvecklingsinitiativ`'s header: the initiative, development and maintenance
/// per year, and `Påverkan`.
fn plan_header(ws: &mut Worksheet, years: &[i32], s: &Styles) -> Result<(), XlsxError> {
    let h = layout::PLAN_HEADER_ROW;
    let n = u16::try_from(years.len()).unwrap_or(0);
    ws.write_string_with_format(h, 0, labels::COL_INITIATIVE, &s.header)?;
    for (i, y) in (0u16..).zip(years) {
        ws.write_string_with_format(
            h,
            1 + i,
            format!("{} {y}", labels::PLAN_DEVELOPMENT),
            &s.header,
        )?;
        ws.write_string_with_format(
            h,
            1 + n + i,
            format!("{} {y}", labels::PLAN_MAINTENANCE),
            &s.header,
        )?;
    }
    ws.write_string_with_format(h, impact_col(n), labels::PLAN_IMPACT, &s.header)?;
    ws.set_row_height(h, 32)?;
    Ok(())
}

/// One entry row of `Utvecklingsinitiativ`: the name linked to its row `b`
/// (1-based) in Budgetfördelning, the amounts per year (the budget year's
/// development linked too, unless the lead typed another figure), `Påverkan`.
fn plan_row(
    ws: &mut Worksheet,
    row: u32,
    b: u32,
    entry: Option<&crate::model::FilledInitiative>,
    n: u16,
    linked_year: Option<usize>,
    s: &Styles,
) -> Result<(), XlsxError> {
    let budget = format!("'{}'!", labels::SHEET_BUDGET);
    // Initiative names are taken from Budgetfördelning, so the two sheets agree
    // by construction; a lead can still type another name over the formula.
    // An empty result is stored as rust_xlsxwriter's default 0, which reads back
    // as a name "0"; a space is what a blank name's text is once trimmed.
    let name = entry.map(|e| e.name.as_str()).unwrap_or(" ");
    ws.write_formula_with_format(
        row,
        0,
        Formula::new(format!("={budget}A{b}&\"\"")).set_result(name),
        &s.linked,
    )?;
    for i in 0..n {
        let k = usize::from(i);
        let development = entry.and_then(|e| e.development.get(k));
        let belopp = entry.map_or(Decimal::ZERO, |e| e.new.saturating_add(e.existing));
        // A lead's own figure differing from Belopp is written as typed.
        let linked = Some(k) == linked_year && development.copied().unwrap_or_default() == belopp;
        if linked {
            ws.write_formula_with_format(
                row,
                1 + i,
                Formula::new(format!("={budget}D{b}")).set_result(belopp.normalize().to_string()),
                &s.linked_amount,
            )?;
            continue;
        }
        amount_cell(ws, row, 1 + i, development, &s.input_amount)?;
    }
    for i in 0..n {
        let k = usize::from(i);
        amount_cell(
            ws,
            row,
            1 + n + i,
            entry.and_then(|e| e.maintenance.get(k)),
            &s.input_amount,
        )?;
    }
    let impact_col = impact_col(n);
    match entry.and_then(|e| e.impact) {
        Some(impact) => ws.write_string_with_format(row, impact_col, impact, &s.input)?,
        None => ws.write_blank(row, impact_col, &s.input)?,
    };
    Ok(())
}

/// `Påverkan`'s column in `Utvecklingsinitiativ` with `n` plan years: after the
/// initiative (A), the years' development columns and their maintenance columns.
const fn impact_col(n: u16) -> u16 {
    1 + 2 * n
}

/// The validation of `Utvecklingsinitiativ`'s amounts and `Påverkan`.
fn plan_rules(ws: &mut Worksheet, rows: Entries, n: u16) -> Result<(), XlsxError> {
    let Entries { first, last } = rows;
    if n > 0 {
        ws.add_data_validation(first, 1, last, n, &amount_validation(true)?)?;
        ws.add_data_validation(first, 1 + n, last, 2 * n, &amount_validation(false)?)?;
    }
    let impact_col = impact_col(n);
    let impact = DataValidation::new()
        .allow_list_strings(&labels::IMPACT_VALUES)?
        .set_input_title(labels::PLAN_IMPACT)?
        .set_input_message(labels::TEMPLATE_IMPACT_MESSAGE)?
        .set_error_title(labels::TEMPLATE_IMPACT_ERROR_TITLE)?
        .set_error_message(labels::TEMPLATE_IMPACT_ERROR)?;
    ws.add_data_validation(first, impact_col, last, impact_col, &impact)?;
    Ok(())
}

/// `Utvecklingsinitiativ`'s `Summa` row: a live sum per year, its value stored.
fn plan_total(
    ws: &mut Worksheet,
    filled: &Filled,
    rows: Entries,
    n: u16,
    s: &Styles,
) -> Result<(), XlsxError> {
    let entries = &filled.initiatives;
    let impact_col = impact_col(n);
    let total = rows.last + 1;
    ws.write_string_with_format(total, 0, labels::TOTAL_ROW, &s.total_label)?;
    for c in 1..impact_col {
        let k = usize::from((c - 1) % n.max(1));
        let result = if c <= n {
            sum_result(entries.iter().filter_map(|e| e.development.get(k).copied()))
        } else {
            sum_result(entries.iter().filter_map(|e| e.maintenance.get(k).copied()))
        };
        ws.write_formula_with_format(total, c, sum_formula(c, rows, result), &s.total)?;
    }
    ws.write_blank(total, impact_col, &s.total_label)?;
    Ok(())
}

/// The template's `Instruktioner` sheet: what to fill in and how it is checked.
fn instructions(ws: &mut Worksheet, spec: &TemplateSpec, s: &Styles) -> Result<(), XlsxError> {
    let title = labels::template_instructions_title(&spec.area, spec.budget_year);
    instructions_sheet(ws, &title, labels::TEMPLATE_INSTRUCTIONS, s)
}

/// An `Instruktioner` sheet: a title, then a heading and a paragraph per item.
pub(crate) fn instructions_sheet(
    ws: &mut Worksheet,
    title: &str,
    items: &[(&str, &str)],
    s: &Styles,
) -> Result<(), XlsxError> {
    ws.set_name(labels::TEMPLATE_SHEET_INSTRUCTIONS)?;
    ws.write_string_with_format(0, 0, title, &s.title)?;
    let mut row = 2;
    for (heading, text) in items {
        ws.write_string_with_format(row, 0, *heading, &s.heading)?;
        ws.write_string_with_format(row + 1, 0, *text, &s.text)?;
        let lines = u32::try_from(text.chars().count() / 95 + 1).unwrap_or(1);
        ws.set_row_height(row + 1, 15 * lines + 3)?;
        row += 3;
    }
    ws.set_column_width(0, 110)?;
    super::landscape_one_page_wide(ws);
    protect(ws);
    Ok(())
}

/// Room for this many rows in the version table (more can be written below).
pub const VERSION_ROWS: u32 = 10;

/// Sheet `Versioner`: the version table (Datum, Version, Beskrivning, Ändrat av),
/// one row per version. Its first row holds the template's version; the reader
/// checks that the last row's version is the `Version` field's.
fn versions(ws: &mut Worksheet, filled: &Filled, s: &Styles) -> Result<(), XlsxError> {
    ws.set_name(labels::SHEET_VERSIONS)?;
    ws.write_string_with_format(0, 0, labels::TEMPLATE_VERSIONS_TITLE, &s.title)?;
    ws.write_string_with_format(1, 0, labels::TEMPLATE_VERSIONS_NOTE, &s.note)?;
    let header_row = 3;
    for (col, label) in (0u16..).zip([
        labels::VERSIONS_DATE,
        labels::VERSIONS_VERSION,
        labels::VERSIONS_DESCRIPTION,
        labels::VERSIONS_AUTHOR,
    ]) {
        ws.write_string_with_format(header_row, col, label, &s.header)?;
    }
    for row in header_row + 1..=header_row + VERSION_ROWS {
        ws.write_blank(row, 0, &s.input_date)?;
        if row == header_row + 1 {
            ws.write_string_with_format(row, 1, &filled.version, &s.input)?;
        } else {
            ws.write_blank(row, 1, &s.input)?;
        }
        ws.write_blank(row, 2, &s.input)?;
        ws.write_blank(row, 3, &s.input)?;
    }
    for (col, width) in [(0u16, 12), (1, 10), (2, 60), (3, 24)] {
        ws.set_column_width(col, width)?;
    }
    ws.set_freeze_panes(header_row + 1, 0)?;
    super::landscape_one_page_wide(ws);
    protect(ws);
    Ok(())
}

/// The template's file name for an area (kept here under its old name).
pub use crate::model::template_file_name as file_name;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_windows_safe_and_keep_swedish_letters() {
        assert_eq!(
            file_name("Ledning och styrning"),
            "Ledning och styrning.xlsx"
        );
        assert_eq!(file_name("Ekonomi – å ä ö"), "Ekonomi – å ä ö.xlsx");
        assert_eq!(
            file_name("IT/Digitalt: *nytt*?"),
            "IT-Digitalt- -nytt--.xlsx"
        );
        assert_eq!(file_name("con"), "con_.xlsx");
        assert_eq!(file_name("COM1"), "COM1_.xlsx");
        assert_eq!(file_name("Område. "), "Område.xlsx");
        assert_eq!(file_name("con.txt"), "con_.txt.xlsx");
        assert_eq!(file_name("Lpt9.old"), "Lpt9_.old.xlsx");
        assert_eq!(file_name("Tab\there"), "Tab-here.xlsx");
        let windows = sanitize_filename::OptionsForCheck {
            windows: true,
            truncate: true,
        };
        for long in [
            "a".repeat(300),
            "ö".repeat(300),
            format!("{}.", "å".repeat(200)),
        ] {
            let name = file_name(&long);
            assert!(name.len() <= 255, "{} bytes", name.len());
            assert!(
                name.ends_with(".xlsx") && name.starts_with(&long[..8]),
                "{name}"
            );
            assert!(
                sanitize_filename::is_sanitized_with_options(&name, windows.clone()),
                "{name}"
            );
        }
    }
}
