//! Sheet `Per initiativ`: area, initiative, project codes, the seven figures and
//! the forecast's comment, one Excel table (filter and sort built in).

use super::follow_up::{Sheet, print_setup};
use super::follow_up_summary::columns;
use crate::labels::{self, AREA_WIDE};
use rust_xlsxwriter::{
    ConditionalFormatCell, ConditionalFormatCellRule, FormatAlign, Table, TableColumn, TableStyle,
    Worksheet, XlsxError,
};

pub(super) fn write(ws: &mut Worksheet, sheet: Sheet<'_>) -> Result<(), XlsxError> {
    let Sheet { c, s, title } = sheet;
    let fu = c.follow_up;
    let b = &s.base;
    ws.set_name(labels::FOLLOW_UP_INITIATIVES)?;
    let mut headers: Vec<&str> = labels::FOLLOW_UP_INITIATIVES_LEAD.to_vec();
    headers.extend(&labels::FOLLOW_UP_HEADERS[1..]);
    headers.push(labels::FOLLOW_UP_COMMENT);
    let indent = &s.indent;
    for (i, init) in fu.initiatives.iter().enumerate() {
        let row = u32::try_from(i).unwrap_or(u32::MAX - 1) + 1;
        ws.write_string(row, 0, &init.area)?;
        ws.write_string(row, 1, &init.initiative)?;
        ws.write_string(row, 2, init.projects.join(", "))?;
        for (col, value) in (3u16..).zip(columns(&init.figures)) {
            ws.write_with_format(row, col, value, &b.amount)?;
        }
        ws.write_string_with_format(row, 10, init.comment.as_deref().unwrap_or(""), indent)?;
    }
    // Cost on codes that count for an area as a whole ([[project]] without
    // initiative): in the group's Utfall ack, so shown here too.
    let mut row = u32::try_from(fu.initiatives.len()).unwrap_or(u32::MAX - 1);
    for a in &fu.areas {
        row += 1;
        ws.write_string(row, 0, &a.area)?;
        ws.write_string(row, 1, AREA_WIDE)?;
        ws.write_string(row, 2, a.projects.join(", "))?;
        let figures = crate::follow_up::Figures {
            previous_year: a.previous_year,
            actual: a.actual,
            ..Default::default()
        };
        for (col, value) in (3u16..).zip(columns(&figures)) {
            ws.write_with_format(row, col, value, &b.amount)?;
        }
        ws.write_string(row, 10, "")?;
    }
    let last = row.max(1);
    let columns: Vec<TableColumn> = headers
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let format = match i {
                3..=9 => s.header_wrap.clone().set_align(FormatAlign::Right),
                // The comment, indented as its cells, apart from the amount before it.
                10 => s.header_wrap.clone().set_indent(1),
                _ => s.header_wrap.clone(),
            };
            TableColumn::new().set_header(*h).set_header_format(format)
        })
        .collect();
    let table = Table::new()
        .set_name(labels::FOLLOW_UP_INITIATIVES_TABLE)
        .set_style(TableStyle::Medium2)
        .set_columns(&columns);
    ws.add_table(0, 0, last, 10, &table)?;
    let red = ConditionalFormatCell::new()
        .set_rule(ConditionalFormatCellRule::LessThan(0))
        .set_format(&s.red);
    for col in [6u16, 9] {
        ws.add_conditional_format(1, col, last, col, &red)?;
    }
    ws.set_row_height(0, 32)?;
    for (col, width) in [(0u16, 20.0), (1, 44.0), (2, 12.0), (10, 60.0)] {
        ws.set_column_width(col, width)?;
    }
    for col in 3..=9 {
        ws.set_column_width(col, 14)?;
    }
    ws.set_freeze_panes(1, 2)?;
    print_setup(ws, 0, title)?;
    Ok(())
}
