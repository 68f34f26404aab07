//! Sheet `Initiativ`: every initiative of every included area as one Excel table
//! (filterable), with a total row of `SUBTOTAL(109, …)` formulas whose values are
//! stored. The totals use the table's name in the reference, which LibreOffice
//! evaluates too (the bare `[Col]` form gives `#NAME?` there).

use super::{Contents, Styles, TKR, Widths, formula};
use crate::consolidate::{InitiativeLine, initiatives};
use crate::labels;
use rust_decimal::Decimal;
use rust_xlsxwriter::{
    Format, Table, TableColumn, TableFunction, TableStyle, Worksheet, XlsxError,
};

const TABLE_NAME: &str = "Initiativtabell";

pub(super) fn write(ws: &mut Worksheet, c: &Contents<'_>, s: &Styles) -> Result<(), XlsxError> {
    ws.set_name(labels::OUT_INITIATIVES)?;
    let cons = c.consolidation;
    let lines = initiatives(cons);
    let years = &cons.years;

    // Column headers, and for amount columns the value of each line.
    type Getter = Box<dyn Fn(&InitiativeLine<'_>) -> Option<Decimal>>;
    let mut amount_columns: Vec<(String, Getter)> = vec![
        (
            labels::COL_NEW.into(),
            Box::new(|l: &InitiativeLine<'_>| l.new),
        ),
        (
            labels::COL_EXISTING_SHORT.into(),
            Box::new(|l: &InitiativeLine<'_>| l.existing),
        ),
        (
            labels::COL_AMOUNT.into(),
            Box::new(|l: &InitiativeLine<'_>| l.amount),
        ),
    ];
    for (i, y) in years.iter().enumerate() {
        amount_columns.push((
            format!("{} {y}", labels::PLAN_DEVELOPMENT),
            Box::new(move |l: &InitiativeLine<'_>| l.development[i]),
        ));
    }
    for (i, y) in years.iter().enumerate() {
        amount_columns.push((
            format!("{} {y}", labels::PLAN_MAINTENANCE),
            Box::new(move |l: &InitiativeLine<'_>| l.maintenance[i]),
        ));
    }
    let lead = [
        labels::META_AREA,
        labels::META_VERSION,
        labels::COL_INITIATIVE,
    ];
    let tail = [
        labels::PLAN_IMPACT,
        "Källfil",
        "Rad i Budgetfördelning",
        "Rad i Utvecklingsinitiativ",
    ];
    let n_amounts = u16::try_from(amount_columns.len()).unwrap_or(0);
    let first_amount = 3u16;
    let last_col = first_amount + n_amounts + u16::try_from(tail.len()).unwrap_or(0) - 1;

    let mut widths = Widths::new(&[14, 8, 30]);
    for (col, h) in (0u16..).zip(lead.iter().copied()) {
        widths.see(col, h);
    }
    for (i, (h, _)) in (first_amount..).zip(&amount_columns) {
        widths.see(i, &h.replace(' ', "\n"));
    }
    for (i, h) in (first_amount + n_amounts..).zip(tail) {
        widths.see(i, h);
    }

    if lines.is_empty() {
        // No included area: headers only (a table needs a data row).
        let headers = lead
            .iter()
            .map(|h| (*h).to_string())
            .chain(amount_columns.iter().map(|(h, _)| h.clone()))
            .chain(tail.iter().map(|h| (*h).to_string()));
        for (col, h) in (0u16..).zip(headers) {
            ws.write_string_with_format(0, col, &h, &s.header)?;
        }
        widths.apply(ws, 50)?;
        return Ok(());
    }

    let mut row = 0u32;
    for line in &lines {
        row += 1;
        ws.write_string(row, 0, line.area)?;
        ws.write_string(row, 1, line.version)?;
        ws.write_string(row, 2, line.name)?;
        widths.see(0, line.area);
        widths.see(2, line.name);
        for (col, (_, get)) in (first_amount..).zip(&amount_columns) {
            if let Some(v) = get(line) {
                ws.write_with_format(row, col, v.normalize(), &s.amount)?;
                widths.see_amount(col, v);
            }
        }
        let mut col = first_amount + n_amounts;
        if let Some(impact) = line.impact {
            ws.write_string(row, col, impact)?;
        }
        col += 1;
        ws.write_string(row, col, line.file)?;
        widths.see(col, line.file);
        for r in [line.budget_row, line.plan_row] {
            col += 1;
            if let Some(r) = r {
                ws.write_number(row, col, r)?;
            }
        }
    }

    let mut columns: Vec<TableColumn> = lead
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let column = TableColumn::new()
                .set_header(*h)
                .set_header_format(&s.header);
            if i == 0 {
                column.set_total_label(labels::TOTAL_ROW)
            } else {
                column
            }
        })
        .collect();
    for (header, get) in &amount_columns {
        let total: Decimal = lines.iter().filter_map(get).sum();
        let text = format!("SUBTOTAL(109,{TABLE_NAME}[{header}])");
        columns.push(
            TableColumn::new()
                .set_header(header.as_str())
                .set_header_format(&s.header_amount)
                .set_format(Format::new().set_num_format(TKR))
                .set_total_function(TableFunction::Custom(formula(&text, total))),
        );
    }
    columns.extend(tail.iter().map(|h| {
        TableColumn::new()
            .set_header(*h)
            .set_header_format(&s.header)
    }));
    let table = Table::new()
        .set_name(TABLE_NAME)
        .set_style(TableStyle::Medium2)
        .set_total_row(true)
        .set_columns(&columns);
    ws.add_table(0, 0, row + 1, last_col, &table)?;
    ws.set_row_height(0, 45)?;
    ws.set_freeze_panes(1, 3)?;
    super::page_setup(ws, 0)?;
    widths.apply(ws, 50)?;
    Ok(())
}
