//! Sheets `Utveckling per år` and `Vidmakthållande`: included area × plan year,
//! with a `Summa` column per area and a `Summa` row per year. Beside the
//! development table, a line chart: one line per area over the plan years.

use super::{Contents, Styles, Widths, cell, formula, range};
use crate::labels;
use rust_xlsxwriter::{Chart, ChartFont, ChartLegendPosition, ChartType, Worksheet, XlsxError};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Which {
    Development,
    Maintenance,
}

pub(super) fn write(
    ws: &mut Worksheet,
    c: &Contents<'_>,
    s: &Styles,
    which: Which,
) -> Result<(), XlsxError> {
    let cons = c.consolidation;
    let (name, title) = match which {
        Which::Development => (labels::OUT_DEVELOPMENT, labels::DEVELOPMENT_TITLE),
        Which::Maintenance => (labels::OUT_MAINTENANCE, labels::MAINTENANCE_TITLE),
    };
    ws.set_name(name)?;
    ws.write_string_with_format(0, 0, title, &s.title)?;
    let header_row = 2;
    let years = &cons.years;
    let n = u16::try_from(years.len()).unwrap_or(0);
    let sum_col = n + 1;
    let mut widths = Widths::new(&[14]);
    ws.write_string_with_format(header_row, 0, labels::META_AREA, &s.header)?;
    for (i, y) in (1u16..).zip(years) {
        ws.write_number_with_format(header_row, i, *y, &s.header_amount)?;
    }
    ws.write_string_with_format(header_row, sum_col, labels::TOTAL_ROW, &s.header_amount)?;
    let mut row = header_row;
    for a in cons.included() {
        row += 1;
        let values = match which {
            Which::Development => &a.figures.development,
            Which::Maintenance => &a.figures.maintenance,
        };
        ws.write_string_with_format(row, 0, &a.area, &s.text)?;
        widths.see(0, &a.area);
        for (i, v) in (1u16..).zip(values) {
            ws.write_with_format(row, i, v.normalize(), &s.amount)?;
            widths.see_amount(i, *v);
        }
        let total = crate::amount::total(values.iter().copied());
        let text = if n > 0 {
            format!("=SUM({}:{})", cell(row, 1), cell(row, n))
        } else {
            "=0".into()
        };
        ws.write_formula_with_format(row, sum_col, formula(&text, total), &s.amount)?;
        widths.see_amount(sum_col, total);
    }
    let (first, last) = (header_row + 1, row);
    row += 1;
    ws.write_string_with_format(row, 0, labels::TOTAL_ROW, &s.total_label)?;
    let totals = match which {
        Which::Development => &cons.totals.development,
        Which::Maintenance => &cons.totals.maintenance,
    };
    let grand = crate::amount::total(totals.iter().copied());
    for (col, v) in (1u16..).zip(totals.iter().chain(std::iter::once(&grand))) {
        let text = if last >= first {
            format!("=SUM({})", range(col, first, last))
        } else {
            "=0".into()
        };
        ws.write_formula_with_format(row, col, formula(&text, *v), &s.total_amount)?;
        widths.see_amount(col, *v);
    }
    if which == Which::Development && last >= first && last - first < super::CHART_AREAS && n > 0 {
        chart(ws, name, header_row, first, last, n)?;
    }
    ws.set_freeze_panes(header_row + 1, 1)?;
    super::page_setup(ws, header_row)?;
    widths.apply(ws, 40)?;
    Ok(())
}

/// One line per area over the plan years, placed beside the table.
fn chart(
    ws: &mut Worksheet,
    sheet: &str,
    header_row: u32,
    first: u32,
    last: u32,
    years: u16,
) -> Result<(), XlsxError> {
    let mut chart = Chart::new(ChartType::Line);
    for row in first..=last {
        chart
            .add_series()
            .set_name((sheet, row, 0))
            .set_categories((sheet, header_row, 1, header_row, years))
            .set_values((sheet, row, 1, row, years));
    }
    chart
        .title()
        .set_name(labels::YEARS_CHART_TITLE)
        .set_font(ChartFont::new().set_size(11).set_bold());
    chart.y_axis().set_num_format("#,##0");
    chart.legend().set_position(ChartLegendPosition::Right);
    chart.set_width(620).set_height(340);
    ws.insert_chart(header_row, years + 3, &chart)?;
    Ok(())
}
