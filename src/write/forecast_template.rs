//! The forecast workbook an area lead fills in every month (`budget-consolidator
//! follow-up template`): sheet `Prognos` with the area's initiatives, their budget
//! and the actual booked so far (given, locked and shaded), the previous forecast
//! when there is one, and the two input columns `Prognos helår` and `Kommentar`;
//! sheet `Instruktioner` in Swedish.
//!
//! Written with the labels the forecast reader matches (`forecast::labels`) and
//! the plan template's styles and helpers (`write::template`), so a blank one
//! reads back as a forecast equal to the prefilled figures, with no error.
//! Formulas carry their computed results; document dates are fixed, so identical
//! inputs give identical bytes.

use super::template::{self as plan, Styles};
use crate::forecast::labels as l;
use crate::labels;
use rust_decimal::Decimal;
use rust_xlsxwriter::{
    Color, ConditionalFormatFormula, DataValidation, DataValidationRule, ExcelDateTime, Format,
    Workbook, Worksheet, XlsxError,
};

/// 0-based positions of the `Prognos` sheet.
pub mod layout {
    /// Metadata labels in column A from this row, values in B.
    pub const META_FIRST_ROW: u32 = 3;
    pub const HEADER_ROW: u32 = 10;
    /// Columns of the table.
    pub const INITIATIVE: u16 = 0;
    pub const PROJECT: u16 = 1;
    pub const BUDGET: u16 = 2;
    pub const BUDGET_TO_DATE: u16 = 3;
    pub const ACTUAL: u16 = 4;
    pub const PREVIOUS: u16 = 5;
    pub const FORECAST: u16 = 6;
    pub const DEVIATION: u16 = 7;
    pub const COMMENT: u16 = 8;
}

/// One initiative's row (tkr).
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub name: String,
    pub projects: Vec<String>,
    pub budget: Decimal,
    pub budget_to_date: Decimal,
    pub actual: Decimal,
    /// The forecast the area gave last time, when it gave one.
    pub previous: Option<Decimal>,
    /// What `Prognos helår` holds: the previous forecast, else the budget (or, for a
    /// filled workbook, the lead's figure).
    pub forecast: Decimal,
    pub comment: Option<String>,
}

/// One area's forecast workbook.
#[derive(Debug, Clone, PartialEq)]
pub struct Spec {
    pub area: String,
    pub budget_year: i32,
    /// 1..=12.
    pub period: u8,
    /// Percent: a forecast further from the budget than this needs a comment.
    pub threshold: Decimal,
    pub lines: Vec<Line>,
    /// Filled in by the lead (empty in a blank workbook).
    pub version: String,
    pub lead: Option<String>,
    /// (year, month, day).
    pub date: Option<(u16, u8, u8)>,
}

impl Spec {
    /// `2023-04`.
    pub fn period_text(&self) -> String {
        format!("{}-{:02}", self.budget_year, self.period)
    }
}

/// `<area>-prognos-<år>-<MM>.xlsx`, Windows-safe as the plan templates' names.
pub fn file_name(area: &str, budget_year: i32, period: u8) -> String {
    let safe = plan::file_name(area);
    let stem = safe.strip_suffix(".xlsx").unwrap_or(&safe);
    labels::forecast_file_name(stem, budget_year, period)
}

/// Builds the workbook in memory.
pub fn build(spec: &Spec) -> Result<Vec<u8>, XlsxError> {
    let mut wb: Workbook = super::workbook(&labels::forecast_document_title(
        &spec.area,
        &spec.period_text(),
    ))?;
    let s = plan::styles();
    forecast_sheet(wb.add_worksheet(), spec, &s)?;
    instructions(wb.add_worksheet(), spec, &s)?;
    wb.save_to_buffer()
}

/// The rows of the table, 0-based: the first, and how many lines.
#[derive(Clone, Copy)]
struct Rows {
    first: u32,
    n: u32,
}

impl Rows {
    /// The last line's row (the first's when there are no lines).
    fn last(self) -> u32 {
        self.first + self.n.max(1) - 1
    }
}

fn forecast_sheet(ws: &mut Worksheet, spec: &Spec, s: &Styles) -> Result<(), XlsxError> {
    ws.set_name(l::SHEET)?;
    let title = labels::forecast_title(&spec.area, spec.budget_year, month(spec.period));
    ws.write_string_with_format(0, 0, title, &s.title)?;
    ws.write_string_with_format(1, 0, labels::FORECAST_NOTE, &s.note)?;
    metadata(ws, spec, s)?;
    table_header(ws, s)?;
    let n = u32::try_from(spec.lines.len()).unwrap_or(u32::MAX);
    let first = layout::HEADER_ROW + 1;
    let rows = Rows { first, n };
    for (row, line) in (first..).zip(&spec.lines) {
        line_row(ws, row, line, s)?;
    }
    if n > 0 {
        input_rules(ws, &rows, spec.threshold.normalize())?;
        highlights(ws, &rows)?;
    }
    total_row(ws, spec, &rows, s)?;
    columns_and_print(ws, spec)
}

/// The metadata above the table: area and period given, version, lead and date to
/// fill in, and the comment threshold.
fn metadata(ws: &mut Worksheet, spec: &Spec, s: &Styles) -> Result<(), XlsxError> {
    let r = layout::META_FIRST_ROW;
    ws.write_string_with_format(r, 0, l::META_AREA, &s.label)?;
    ws.write_string_with_format(r, 1, &spec.area, &s.fixed)?;
    ws.write_string_with_format(r + 1, 0, l::META_PERIOD, &s.label)?;
    ws.write_string_with_format(r + 1, 1, spec.period_text(), &s.fixed)?;
    ws.write_string_with_format(r + 2, 0, l::META_VERSION, &s.label)?;
    ws.write_string_with_format(r + 2, 1, &spec.version, &s.input)?;
    ws.write_string_with_format(r + 3, 0, l::META_LEAD, &s.label)?;
    match &spec.lead {
        Some(lead) => ws.write_string_with_format(r + 3, 1, lead, &s.input)?,
        None => ws.write_blank(r + 3, 1, &s.input)?,
    };
    ws.write_string_with_format(r + 4, 0, l::META_DATE, &s.label)?;
    match spec.date {
        Some((y, m, d)) => ws.write_datetime_with_format(
            r + 4,
            1,
            ExcelDateTime::from_ymd(y, m, d)?,
            &s.input_date,
        )?,
        None => ws.write_blank(r + 4, 1, &s.input_date)?,
    };
    ws.write_string_with_format(r + 5, 0, l::META_THRESHOLD, &s.label)?;
    ws.write_with_format(r + 5, 1, spec.threshold.normalize(), &s.fixed)?;
    let date = plan::date_validation(labels::FORECAST_DATE_MESSAGE, labels::FORECAST_DATE_ERROR)?;
    ws.add_data_validation(r + 4, 1, r + 4, 1, &date)?;
    let version = plan::explained(
        labels::FORECAST_VERSION_TITLE,
        labels::FORECAST_VERSION_MESSAGE,
    )?;
    ws.add_data_validation(r + 2, 1, r + 2, 1, &version)?;
    Ok(())
}

/// The table's header row, the amounts' headers aligned right.
fn table_header(ws: &mut Worksheet, s: &Styles) -> Result<(), XlsxError> {
    use layout::*;
    let amount_header = s
        .header
        .clone()
        .set_align(rust_xlsxwriter::FormatAlign::Right);
    for (c, label) in [
        (INITIATIVE, l::COL_INITIATIVE),
        (PROJECT, l::COL_PROJECT),
        (BUDGET, l::COL_BUDGET),
        (BUDGET_TO_DATE, l::COL_BUDGET_TO_DATE),
        (ACTUAL, l::COL_ACTUAL),
        (PREVIOUS, l::COL_PREVIOUS),
        (FORECAST, l::COL_FORECAST),
        (DEVIATION, l::COL_DEVIATION),
        (COMMENT, l::COL_COMMENT),
    ] {
        let f = if (BUDGET..=DEVIATION).contains(&c) {
            &amount_header
        } else {
            &s.header
        };
        ws.write_string_with_format(HEADER_ROW, c, label, f)?;
    }
    ws.set_row_height(HEADER_ROW, 32)?;
    Ok(())
}

/// One initiative's row: the given figures, the forecast to fill in, the
/// deviation as a formula and the comment.
fn line_row(ws: &mut Worksheet, row: u32, line: &Line, s: &Styles) -> Result<(), XlsxError> {
    use layout::*;
    let excel = row + 1;
    ws.write_string_with_format(row, INITIATIVE, &line.name, &s.fixed)?;
    ws.write_string_with_format(row, PROJECT, line.projects.join(", "), &s.fixed)?;
    ws.write_with_format(row, BUDGET, line.budget.normalize(), &s.formula)?;
    ws.write_with_format(
        row,
        BUDGET_TO_DATE,
        line.budget_to_date.normalize(),
        &s.formula,
    )?;
    ws.write_with_format(row, ACTUAL, line.actual.normalize(), &s.formula)?;
    match line.previous {
        Some(p) => ws.write_with_format(row, PREVIOUS, p.normalize(), &s.formula)?,
        None => ws.write_blank(row, PREVIOUS, &s.formula)?,
    };
    ws.write_with_format(row, FORECAST, line.forecast.normalize(), &s.input_amount)?;
    let (b, f) = (plan::col(BUDGET), plan::col(FORECAST));
    ws.write_formula_with_format(
        row,
        DEVIATION,
        super::formula(
            &format!("={b}{excel}-{f}{excel}"),
            line.budget.saturating_sub(line.forecast),
        ),
        &s.formula,
    )?;
    // Wrapped: a comment may run over several lines.
    let text_input = s.input.clone().set_text_wrap();
    match &line.comment {
        Some(c) => ws.write_string_with_format(row, COMMENT, c, &text_input)?,
        None => ws.write_blank(row, COMMENT, &text_input)?,
    };
    Ok(())
}

/// The data validation of the two input columns.
fn input_rules(ws: &mut Worksheet, rows: &Rows, threshold: Decimal) -> Result<(), XlsxError> {
    use layout::*;
    let (first, last) = (rows.first, rows.last());
    let forecast = DataValidation::new()
        .allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0))
        .set_input_title(labels::FORECAST_INPUT_TITLE)?
        .set_input_message(labels::FORECAST_INPUT_MESSAGE)?
        .set_error_title(labels::FORECAST_ERROR_TITLE)?
        .set_error_message(labels::FORECAST_ERROR)?;
    ws.add_data_validation(first, FORECAST, last, FORECAST, &forecast)?;
    let comment = DataValidation::new()
        .allow_any_value()
        .set_input_title(l::COL_COMMENT)?
        .set_input_message(labels::forecast_comment_message(&threshold.to_string()))?;
    ws.add_data_validation(first, COMMENT, last, COMMENT, &comment)?;
    Ok(())
}

/// What the check would say, shown as the lead types: a missing comment, a
/// forecast below the actual, an overspend.
fn highlights(ws: &mut Worksheet, rows: &Rows) -> Result<(), XlsxError> {
    use layout::*;
    let (first, last) = (rows.first, rows.last());
    // A comment is needed: the deviation beyond the threshold and no comment.
    // The threshold's cell, absolute: `$B$9`.
    let t = format!("${}${}", plan::col(1), META_FIRST_ROW + 5 + 1);
    let (b, d, c) = (plan::col(BUDGET), plan::col(DEVIATION), plan::col(COMMENT));
    let e = first + 1;
    let needs = ConditionalFormatFormula::new()
        .set_rule(format!("=AND(ABS(${d}{e})>{t}/100*ABS(${b}{e}),LEN(TRIM(${c}{e}))=0)").as_str())
        .set_format(
            Format::new()
                .set_background_color(Color::RGB(0xF4B183))
                .set_font_color(Color::RGB(0x833C0B)),
        );
    ws.add_conditional_format(first, COMMENT, last, COMMENT, &needs)?;
    ws.add_conditional_format(first, DEVIATION, last, DEVIATION, &needs)?;
    // A forecast below what is already booked (the check warns about it too).
    let (g, a) = (plan::col(FORECAST), plan::col(ACTUAL));
    let below = ConditionalFormatFormula::new()
        .set_rule(format!("=${g}{e}<${a}{e}").as_str())
        .set_format(
            Format::new()
                .set_background_color(Color::RGB(0xFFEB9C))
                .set_font_color(Color::RGB(0x9C5700))
                .set_bold(),
        );
    ws.add_conditional_format(first, FORECAST, last, FORECAST, &below)?;
    // An overspend (forecast above budget) in red, as in the follow-up workbook.
    let over = rust_xlsxwriter::ConditionalFormatCell::new()
        .set_rule(rust_xlsxwriter::ConditionalFormatCellRule::LessThan(0))
        .set_format(Format::new().set_font_color(Color::RGB(0xC00000)));
    ws.add_conditional_format(first, DEVIATION, last, DEVIATION, &over)?;
    Ok(())
}

/// The `Summa` row: a live sum of each figure, its value stored.
fn total_row(ws: &mut Worksheet, spec: &Spec, rows: &Rows, s: &Styles) -> Result<(), XlsxError> {
    use layout::*;
    let Rows { first, n } = *rows;
    let last = rows.last();
    let total = first + n;
    ws.write_string_with_format(total, INITIATIVE, crate::labels::TOTAL_ROW, &s.total_label)?;
    ws.write_blank(total, PROJECT, &s.total_label)?;
    let sums: [(u16, Decimal); 6] = [
        (BUDGET, sum(spec.lines.iter().map(|x| x.budget))),
        (
            BUDGET_TO_DATE,
            sum(spec.lines.iter().map(|x| x.budget_to_date)),
        ),
        (ACTUAL, sum(spec.lines.iter().map(|x| x.actual))),
        (PREVIOUS, sum(spec.lines.iter().filter_map(|x| x.previous))),
        (FORECAST, sum(spec.lines.iter().map(|x| x.forecast))),
        (
            DEVIATION,
            sum(spec
                .lines
                .iter()
                .map(|x| x.budget.saturating_sub(x.forecast))),
        ),
    ];
    for (c, value) in sums {
        let text = if n == 0 {
            "=0".to_string()
        } else {
            format!("=SUM({})", super::range(c, first, last))
        };
        ws.write_formula_with_format(total, c, super::formula(&text, value), &s.total)?;
    }
    ws.write_blank(total, COMMENT, &s.total_label)?;
    Ok(())
}

/// Column widths, the frozen header, the print set-up and the protection.
fn columns_and_print(ws: &mut Worksheet, spec: &Spec) -> Result<(), XlsxError> {
    use layout::*;
    ws.set_column_width(INITIATIVE, 44)?;
    ws.set_column_width(PROJECT, 12)?;
    for c in BUDGET..=DEVIATION {
        ws.set_column_width(c, 13)?;
    }
    ws.set_column_width(COMMENT, 48)?;
    ws.set_freeze_panes(HEADER_ROW + 1, 1)?;
    super::page_setup(ws, HEADER_ROW)?;
    let title = labels::forecast_document_title(&spec.area, &spec.period_text());
    ws.set_header(format!("&L&\"-,Bold\"{title}"));
    ws.set_footer(format!("&C{}", labels::PAGE_NUMBER));
    plan::protect(ws);
    Ok(())
}

fn month(m: u8) -> &'static str {
    labels::month_name(m)
}

fn sum(values: impl Iterator<Item = Decimal>) -> Decimal {
    crate::amount::total(values)
}

fn instructions(ws: &mut Worksheet, spec: &Spec, s: &Styles) -> Result<(), XlsxError> {
    let file = file_name(&spec.area, spec.budget_year, spec.period);
    let items = labels::forecast_instructions(
        spec.budget_year,
        month(spec.period),
        &spec.threshold.normalize().to_string(),
        &file,
    );
    let refs: Vec<(&str, &str)> = items
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let title = labels::forecast_instructions_title(&spec.area, &spec.period_text());
    plan::instructions_sheet(ws, &title, &refs, s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_follow_the_plan_templates() {
        assert_eq!(
            file_name("Ledning och styrning", 2023, 4),
            "Ledning och styrning-prognos-2023-04.xlsx"
        );
        assert_eq!(
            file_name("IT/Digitalt", 2023, 11),
            "IT-Digitalt-prognos-2023-11.xlsx"
        );
        assert_eq!(file_name("CON", 2023, 1), "CON_-prognos-2023-01.xlsx");
    }
}
