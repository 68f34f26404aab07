//! Sheet `Uppföljning`: the board's table — one row per report group with the
//! seven columns, a `Summa` row of live formulas (values stored), overspend in red
//! by conditional formatting, and a chart of accumulated actual against
//! accumulated budget per month, with the full-year forecast.

use super::follow_up::{FuStyles, Sheet, print_setup};
use super::{cell, formula, range};
use crate::follow_up::{Figures, FollowUp};
use crate::labels;
use rust_decimal::Decimal;
use rust_xlsxwriter::{
    Chart, ChartFormat, ChartLegendPosition, ChartLine, ChartLineDashType, ChartMarker,
    ChartMarkerType, ChartSolidFill, ChartType, Color, ConditionalFormatCell,
    ConditionalFormatCellRule, Worksheet, XlsxError,
};

/// The seven figures of a row, in column order.
pub fn columns(f: &Figures) -> [Decimal; 7] {
    [
        f.previous_year,
        f.actual,
        f.budget_to_date,
        f.deviation_to_date(),
        f.forecast,
        f.budget,
        f.deviation_year(),
    ]
}

const HEADER_ROW: u32 = 3;

pub(super) fn write(ws: &mut Worksheet, sheet: Sheet<'_>) -> Result<(), XlsxError> {
    let Sheet { c, s, title } = sheet;
    let fu = c.follow_up;
    let b = &s.base;
    ws.set_name(labels::FOLLOW_UP_SUMMARY)?;
    ws.write_string_with_format(0, 0, title, &b.title)?;
    ws.write_string_with_format(1, 0, labels::follow_up_note(c.partial), &b.subtitle)?;
    let total = table(ws, fu, s)?;
    // The chart's data: accumulated per month, beside the table.
    let data_row = total + 3;
    chart_data(ws, fu, s, data_row)?;
    ws.insert_chart(data_row, 5, &chart(fu, data_row))?;
    print_setup(ws, HEADER_ROW, title)?;
    Ok(())
}

/// The board's table: a row per report group, then `Summa`; returns the `Summa`
/// row.
fn table(ws: &mut Worksheet, fu: &FollowUp, s: &FuStyles) -> Result<u32, XlsxError> {
    let b = &s.base;
    for (col, h) in (0u16..).zip(labels::FOLLOW_UP_HEADERS) {
        let f = if col == 0 {
            &b.header
        } else {
            &b.header_amount
        };
        ws.write_string_with_format(HEADER_ROW, col, h, f)?;
    }
    ws.set_row_height(HEADER_ROW, 32)?;
    let first = HEADER_ROW + 1;
    let mut row = HEADER_ROW;
    for g in &fu.groups {
        row += 1;
        group_row(ws, row, &g.name, &g.figures, fu.previous_year_known, s)?;
    }
    let last = row.max(first);
    let total = row + 1;
    ws.write_string_with_format(total, 0, labels::TOTAL_ROW, &b.total_label)?;
    for (col, value) in (1u16..).zip(columns(&fu.totals)) {
        if col == 1 && !fu.previous_year_known {
            // Not known without the previous year's actuals: left empty, not 0.
            ws.write_blank(total, col, &b.total_amount)?;
            continue;
        }
        let text = if fu.groups.is_empty() {
            "=0".to_string()
        } else {
            format!("=SUM({})", range(col, first, last))
        };
        ws.write_formula_with_format(total, col, formula(&text, value), &b.total_amount)?;
    }
    // Overspend stands out: a negative deviation (over budget) in red.
    let red = ConditionalFormatCell::new()
        .set_rule(ConditionalFormatCellRule::LessThan(0))
        .set_format(&s.red);
    for col in [4u16, 7] {
        ws.add_conditional_format(first, col, total, col, &red)?;
    }
    ws.set_column_width(0, 34)?;
    for col in 1..=7 {
        ws.set_column_width(col, 14)?;
    }
    ws.set_freeze_panes(HEADER_ROW + 1, 1)?;
    Ok(total)
}

/// One report group's row; the deviations are formulas over the row.
fn group_row(
    ws: &mut Worksheet,
    row: u32,
    name: &str,
    figures: &Figures,
    previous_year_known: bool,
    s: &FuStyles,
) -> Result<(), XlsxError> {
    let b = &s.base;
    ws.write_string(row, 0, name)?;
    for (col, value) in (1u16..).zip(columns(figures)) {
        match col {
            // The deviations are formulas over the row, so an edited figure follows.
            4 => ws.write_formula_with_format(
                row,
                col,
                formula(&format!("={}-{}", cell(row, 3), cell(row, 2)), value),
                &b.amount,
            )?,
            7 => ws.write_formula_with_format(
                row,
                col,
                formula(&format!("={}-{}", cell(row, 6), cell(row, 5)), value),
                &b.amount,
            )?,
            1 if !previous_year_known => ws.write_blank(row, col, &b.amount)?,
            _ => ws.write_with_format(row, col, value, &b.amount)?,
        };
    }
    Ok(())
}

/// The chart's data from `data_row`: per month, the actual and the budget
/// accumulated, and the full-year forecast.
fn chart_data(
    ws: &mut Worksheet,
    fu: &FollowUp,
    s: &FuStyles,
    data_row: u32,
) -> Result<(), XlsxError> {
    let b = &s.base;
    ws.write_string_with_format(data_row - 1, 0, labels::FOLLOW_UP_CHART_DATA, &b.subtitle)?;
    ws.write_string_with_format(data_row, 0, labels::FIGURE_MONTH, &b.header)?;
    for (col, h) in (1u16..).zip(SERIES) {
        ws.write_string_with_format(data_row, col, h, &b.header_amount)?;
    }
    let (mut actual, mut budget) = (Decimal::ZERO, Decimal::ZERO);
    for (m, month) in fu.months.iter().enumerate() {
        let r = data_row + 1 + u32::try_from(m).unwrap_or(0);
        budget = budget.saturating_add(month.budget);
        ws.write_string(r, 0, labels::MONTHS[m])?;
        if m < usize::from(fu.period) {
            actual = actual.saturating_add(month.actual);
            ws.write_with_format(r, 1, actual, &b.amount)?;
        }
        ws.write_with_format(r, 2, budget, &b.amount)?;
        ws.write_with_format(r, 3, fu.totals.forecast, &b.amount)?;
    }
    Ok(())
}

/// The chart's three series, in the columns of its data.
const SERIES: [&str; 3] = [
    labels::FIGURE_ACTUAL,
    labels::FIGURE_BUDGET_TO_DATE,
    labels::FIGURE_FORECAST,
];

/// The line chart of the data at `data_row`.
fn chart(fu: &FollowUp, data_row: u32) -> Chart {
    let (d0, d1) = (data_row + 1, data_row + 12);
    let mut chart = Chart::new(ChartType::Line);
    // Actual: solid dark blue with markers; budget: dashed grey; forecast: green dots.
    let lines = [
        (0x1F4E79, 2.75, ChartLineDashType::Solid, true),
        (0x7F7F7F, 2.0, ChartLineDashType::Dash, false),
        (0x548235, 1.5, ChartLineDashType::RoundDot, false),
    ];
    for ((col, name), (color, width, dash, marker)) in (1u16..).zip(SERIES).zip(lines) {
        let sheet = labels::FOLLOW_UP_SUMMARY;
        let series = chart
            .add_series()
            .set_name(name)
            .set_categories((sheet, d0, 0, d1, 0))
            .set_values((sheet, d0, col, d1, col))
            .set_format(
                ChartFormat::new().set_line(
                    ChartLine::new()
                        .set_color(Color::RGB(color))
                        .set_width(width)
                        .set_dash_type(dash),
                ),
            );
        if marker {
            series.set_marker(
                ChartMarker::new()
                    .set_type(ChartMarkerType::Circle)
                    .set_size(6)
                    .set_format(
                        ChartFormat::new()
                            .set_solid_fill(ChartSolidFill::new().set_color(Color::RGB(color))),
                    ),
            );
        }
    }
    chart.y_axis().set_num_format("#,##0");
    chart.legend().set_position(ChartLegendPosition::Bottom);
    chart
        .title()
        .set_name(&labels::follow_up_chart_title(fu.budget_year));
    chart.set_width(720).set_height(300);
    chart
}
