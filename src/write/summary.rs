//! Sheet `Sammanställning`: "Ekonomisk sammanställning utvecklingskostnader", one
//! row per included area, then `Summa`; `Ram` and `Avvikelse` (= Ram − Summa,
//! positive when under the frame) when frames are configured. With `--partial`
//! a red banner above the table says which areas are missing and why. Below the
//! table, the total frame and its deviation stand as their own labelled block,
//! with the sign explained; beside it, a chart: one bar per area, split into
//! Nyutveckling and Utveckling inom befintlig tjänst.

use super::{Contents, Styles, Widths, cell, formula, range};
use crate::consolidate::{AreaSummary, Consolidation};
use crate::labels;
use rust_decimal::Decimal;
use rust_xlsxwriter::{
    Chart, ChartFont, ChartLegendPosition, ChartType, Url, Worksheet, XlsxError,
};
use std::collections::HashMap;

/// `rows`: per file, the range of its rows in `Initiativ` (`A5:Q9`), which the
/// area's name links to.
pub(super) fn write(
    ws: &mut Worksheet,
    c: &Contents<'_>,
    s: &Styles,
    rows: &HashMap<String, String>,
) -> Result<(), XlsxError> {
    ws.set_name(labels::OUT_SUMMARY)?;
    let cons = c.consolidation;
    let frames = cons.has_frames;
    let last_col: u16 = if frames { 6 } else { 4 };
    let header_row = title(ws, c, s, last_col)?;
    let mut widths = Widths::new(&[14, 8, 12, 14, 10, 10, 10]);
    header(ws, s, header_row, frames)?;
    let first = header_row + 1;
    let mut row = header_row;
    for a in cons.included() {
        row += 1;
        let link = rows
            .get(&a.file)
            .filter(|_| usize::try_from(row).unwrap_or(usize::MAX) < super::MAX_LINKS);
        area_row(ws, s, row, a, link, frames, &mut widths)?;
    }
    let last = row;
    let sum_row = last + 1;
    total_row(ws, s, cons, sum_row, (first, last), &mut widths)?;
    if frames {
        ws.write_string_with_format(sum_row + 1, 0, labels::SUMMARY_DEVIATION_NOTE, &s.note)?;
        if let Some(frame) = cons.totals.frame {
            frame_block(ws, s, sum_row + 3, sum_row, frame, cons.totals.total)?;
        }
    }
    if last >= first && last - first < super::CHART_AREAS {
        chart(ws, header_row, first, last, last_col + 2)?;
    }
    ws.set_freeze_panes(header_row + 1, 0)?;
    widths.apply(ws, 60)?;
    super::page_setup(ws, header_row)?;
    Ok(())
}

/// The title, the subtitle and, with `--partial`, the banner over the table's
/// width (`last_col`); returns the table's header row.
fn title(
    ws: &mut Worksheet,
    c: &Contents<'_>,
    s: &Styles,
    last_col: u16,
) -> Result<u32, XlsxError> {
    ws.write_string_with_format(0, 0, labels::OUT_SUMMARY_TITLE, &s.title)?;
    let subtitle = labels::summary_subtitle(c.consolidation.budget_year);
    ws.write_string_with_format(1, 0, &subtitle, &s.subtitle)?;
    let mut row = 3;
    if !c.banner.is_empty() {
        let text = c.banner.join("\n");
        ws.merge_range(row, 0, row, last_col, &text, &s.banner)?;
        let lines = u32::try_from(c.banner.len()).unwrap_or(1);
        ws.set_row_height(row, 16 * lines + 4)?;
        row += 2;
    }
    Ok(row)
}

/// The table's header: area, version, the three sums, and with frames `Ram` and
/// `Avvikelse`.
fn header(ws: &mut Worksheet, s: &Styles, row: u32, frames: bool) -> Result<(), XlsxError> {
    let mut headers = vec![
        labels::META_AREA,
        labels::META_VERSION,
        labels::COL_NEW,
        labels::COL_EXISTING_SHORT,
        labels::TOTAL_ROW,
    ];
    if frames {
        headers.extend([labels::SUMMARY_FRAME, labels::SUMMARY_DEVIATION]);
    }
    let header_centred = s
        .header
        .clone()
        .set_align(rust_xlsxwriter::FormatAlign::Center);
    for (col, h) in (0u16..).zip(&headers) {
        let format = match col {
            0 => &s.header,
            1 => &header_centred,
            _ => &s.header_amount,
        };
        ws.write_string_with_format(row, col, *h, format)?;
    }
    ws.set_row_height(row, 30)?;
    Ok(())
}

/// One included area's row: its name (linked to its rows in `Initiativ` when
/// `link` gives their range), version, sums with `Summa` as a formula, and with
/// frames its `Ram` and `Avvikelse` (blank without a frame).
fn area_row(
    ws: &mut Worksheet,
    s: &Styles,
    row: u32,
    a: &AreaSummary<'_>,
    link: Option<&String>,
    frames: bool,
    widths: &mut Widths,
) -> Result<(), XlsxError> {
    match link {
        Some(range) => {
            let target = format!(
                "internal:{}",
                crate::location::on_sheet(labels::OUT_INITIATIVES, range)
            );
            ws.write_url_with_text(row, 0, Url::new(target), &a.area)?;
        }
        None => {
            ws.write_string_with_format(row, 0, &a.area, &s.text)?;
        }
    }
    ws.write_string_with_format(row, 1, &a.version, &s.centred)?;
    ws.write_with_format(row, 2, a.figures.new.normalize(), &s.amount)?;
    ws.write_with_format(row, 3, a.figures.existing.normalize(), &s.amount)?;
    ws.write_formula_with_format(
        row,
        4,
        formula(
            &format!("={}+{}", cell(row, 2), cell(row, 3)),
            a.figures.total,
        ),
        &s.amount,
    )?;
    widths.see(0, &a.area);
    widths.see(1, &a.version);
    for (col, v) in [
        (2, a.figures.new),
        (3, a.figures.existing),
        (4, a.figures.total),
    ] {
        widths.see_amount(col, v);
    }
    if !frames {
        return Ok(());
    }
    match a.figures.frame {
        Some(frame) => {
            ws.write_with_format(row, 5, frame.normalize(), &s.amount)?;
            ws.write_formula_with_format(
                row,
                6,
                formula(
                    &format!("={}-{}", cell(row, 5), cell(row, 4)),
                    frame.saturating_sub(a.figures.total),
                ),
                &s.amount,
            )?;
        }
        None => {
            ws.write_blank(row, 5, &s.amount)?;
            ws.write_blank(row, 6, &s.amount)?;
        }
    }
    Ok(())
}

/// The `Summa` row under the areas' rows `first..=last`: each sum column's `SUM`
/// (`=0` without areas) with the city's total stored as its result.
fn total_row(
    ws: &mut Worksheet,
    s: &Styles,
    cons: &Consolidation<'_>,
    row: u32,
    (first, last): (u32, u32),
    widths: &mut Widths,
) -> Result<(), XlsxError> {
    let t = &cons.totals;
    ws.write_string_with_format(row, 0, labels::TOTAL_ROW, &s.total_label)?;
    ws.write_blank(row, 1, &s.total_label)?;
    // Frames and totals are at most 10^12 tkr each (`amount::MAX_AMOUNT`);
    // saturating, so not even an impossible input can panic here.
    let frame_sum = crate::amount::total(cons.included().filter_map(|a| a.figures.frame));
    let deviation = crate::amount::total(
        cons.included()
            .filter_map(|a| a.figures.frame.map(|f| f.saturating_sub(a.figures.total))),
    );
    let mut sums = vec![(2u16, t.new), (3, t.existing), (4, t.total)];
    if cons.has_frames {
        sums.extend([(5, frame_sum), (6, deviation)]);
    }
    for (col, value) in sums {
        let text = if last >= first {
            format!("=SUM({})", range(col, first, last))
        } else {
            "=0".to_string()
        };
        ws.write_formula_with_format(row, col, formula(&text, value), &s.total_amount)?;
        widths.see_amount(col, value);
    }
    Ok(())
}

/// The block below the table, from `row`: the total frame, the areas' total
/// (taken from the `Summa` row, `sum_row`), the deviation between them, and
/// what its sign means.
fn frame_block(
    ws: &mut Worksheet,
    s: &Styles,
    row: u32,
    sum_row: u32,
    frame: Decimal,
    total: Decimal,
) -> Result<(), XlsxError> {
    ws.write_string_with_format(row, 0, labels::SUMMARY_TOTAL_FRAME_TITLE, &s.block_title)?;
    for col in 1..=4 {
        ws.write_blank(row, col, &s.block_title)?;
    }
    let frame_row = row + 1;
    ws.write_string_with_format(frame_row, 0, labels::SUMMARY_TOTAL_FRAME, &s.text)?;
    ws.write_with_format(frame_row, 4, frame.normalize(), &s.amount)?;
    let total_row = frame_row + 1;
    ws.write_string_with_format(total_row, 0, labels::SUMMARY_AREAS_TOTAL, &s.text)?;
    ws.write_formula_with_format(
        total_row,
        4,
        formula(&format!("={}", cell(sum_row, 4)), total),
        &s.amount,
    )?;
    let deviation_row = total_row + 1;
    ws.write_string_with_format(
        deviation_row,
        0,
        labels::SUMMARY_TOTAL_DEVIATION,
        &s.total_label,
    )?;
    for col in 1..=3 {
        ws.write_blank(deviation_row, col, &s.total_label)?;
    }
    let text = format!("={}-{}", cell(frame_row, 4), cell(total_row, 4));
    ws.write_formula_with_format(
        deviation_row,
        4,
        formula(&text, frame.saturating_sub(total)),
        &s.total_amount,
    )?;
    ws.write_string_with_format(
        deviation_row + 1,
        0,
        labels::SUMMARY_TOTAL_DEVIATION_NOTE,
        &s.note,
    )?;
    Ok(())
}

/// One stacked bar per area: Nyutveckling and Utveckling inom befintlig tjänst,
/// from the table's own cells, placed beside the table.
fn chart(
    ws: &mut Worksheet,
    header_row: u32,
    first: u32,
    last: u32,
    col: u16,
) -> Result<(), XlsxError> {
    let sheet = labels::OUT_SUMMARY;
    let mut chart = Chart::new(ChartType::BarStacked);
    for value_col in [2u16, 3] {
        chart
            .add_series()
            .set_name((sheet, header_row, value_col))
            .set_categories((sheet, first, 0, last, 0))
            .set_values((sheet, first, value_col, last, value_col));
    }
    chart
        .title()
        .set_name(labels::SUMMARY_CHART_TITLE)
        .set_font(ChartFont::new().set_size(11).set_bold());
    chart.x_axis().set_num_format("#,##0");
    // The first area on top, as in the table.
    chart.y_axis().set_reverse();
    chart.legend().set_position(ChartLegendPosition::Bottom);
    let areas = last - first + 1;
    chart.set_width(560).set_height((180 + 28 * areas).min(900));
    ws.insert_chart(header_row, col, &chart)?;
    Ok(())
}
