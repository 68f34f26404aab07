//! Sheet `Initiativ`: every initiative of every included area as one Excel table
//! (filterable), one file after the other in input order.
//!
//! The sheet is streamed (rust_xlsxwriter's constant-memory mode): rows are written
//! while other files are still being read, and only the current row is in memory.
//! Two constraints of that mode shape this module:
//! - nothing can be written above the current row, so the table must be declared
//!   before the first data row, when the number of rows is not yet known;
//! - `add_table` records every cell of its range in a map (for its overlap check):
//!   for 150 000 initiatives × 16 columns that alone is ~100 MB.
//!
//! So the table is declared over the header and one row, and after the workbook is
//! saved its range is widened to the rows written ([`super::widen_table`]): one
//! attribute in one small part, every other part copied as written.

use super::{Styles, Widths};
use crate::consolidate::InitiativeLine;
use crate::labels;
use rust_xlsxwriter::{Format, Table, TableColumn, TableStyle, Worksheet, XlsxError};

pub(super) const TABLE_NAME: &str = labels::INITIATIVES_TABLE;

/// The streamed `Initiativ` sheet.
pub(super) struct InitiativeSheet {
    /// The input folder as seen from the workbook's folder, for the `Källa` links.
    base: String,
    years: usize,
    rows: u32,
    last_col: u16,
    widths: Widths,
}

impl InitiativeSheet {
    pub(super) fn start(
        ws: &mut Worksheet,
        years: &[i32],
        base: &str,
        s: &Styles,
    ) -> Result<Self, XlsxError> {
        ws.set_name(labels::OUT_INITIATIVES)?;
        let (columns, widths) = columns(ws, years, s)?;
        let last_col = u16::try_from(columns.len() - 1).unwrap_or(0);
        let table = Table::new()
            .set_name(TABLE_NAME)
            .set_style(TableStyle::Medium2)
            .set_columns(&columns);
        // Header and one row; widened to the real range after saving.
        ws.add_table(0, 0, 1, last_col, &table)?;
        ws.set_row_height(0, 45)?;
        ws.set_freeze_panes(1, 3)?;
        Ok(InitiativeSheet {
            base: base.to_string(),
            years: years.len(),
            rows: 0,
            last_col,
            widths,
        })
    }

    /// Appends one area's lines.
    pub(super) fn push(
        &mut self,
        ws: &mut Worksheet,
        lines: &[InitiativeLine<'_>],
    ) -> Result<(), XlsxError> {
        let tail = 6 + 2 * u16::try_from(self.years).unwrap_or(0);
        // One area's lines share its name and file.
        let Some(first) = lines.first() else {
            return Ok(());
        };
        self.widths.see(0, first.area);
        self.widths.see(tail + 1, first.file);
        // The fixed part of the links, per sheet of this area's file (at most two).
        let mut links: Vec<(&str, super::SourceLink)> = Vec::with_capacity(2);
        let last_row = self.rows + u32::try_from(lines.len()).unwrap_or(0);
        for line in lines {
            let row = self.rows + 1;
            ws.write_string(row, 0, line.area)?;
            ws.write_string(row, 1, line.version)?;
            ws.write_string(row, 2, line.name)?;
            let amounts = [line.new, line.existing, line.amount]
                .into_iter()
                .chain(line.development.iter().copied())
                .chain(line.maintenance.iter().copied());
            for (col, v) in (3u16..).zip(amounts) {
                if let Some(v) = v {
                    ws.write(row, col, v.normalize())?;
                    self.widths.see_amount(col, v);
                }
            }
            if let Some(impact) = line.impact {
                ws.write_string(row, tail, impact)?;
            }
            ws.write_string(row, tail + 1, line.file)?;
            for (col, r) in [(tail + 2, line.budget_row), (tail + 3, line.plan_row)] {
                if let Some(r) = r {
                    ws.write_number(row, col, r)?;
                }
            }
            // A HYPERLINK formula, not a hyperlink: rust_xlsxwriter keeps every
            // hyperlink of a sheet in memory until it is saved, a formula streams.
            let (sheet, cell) = line.source;
            let i = match links.iter().position(|(s, _)| *s == sheet) {
                Some(i) => i,
                None => {
                    links.push((sheet, super::SourceLink::new(&self.base, first.file, sheet)));
                    links.len() - 1
                }
            };
            let (text, formula) = links[i].1.to(cell);
            if row == last_row {
                // The area's last line has the longest cell reference.
                self.widths.see(tail + 4, &text);
            }
            match formula {
                Some(f) => ws.write_formula(row, tail + 4, f)?,
                None => ws.write_string(row, tail + 4, &text)?,
            };
            self.widths.see(2, line.name);
            self.rows += 1;
        }
        Ok(())
    }

    /// The letters of the table's last column.
    pub(super) fn last_column(&self) -> String {
        crate::location::column_letters(u32::from(self.last_col))
    }

    /// Data rows written so far.
    pub(super) fn rows(&self) -> u32 {
        self.rows
    }

    /// The table's final range, `A1:P150001`: the header and every row written (at
    /// least one, as a table needs a data row).
    pub(super) fn range(&self) -> (String, String) {
        use crate::location::CellRef;
        let (a1, last) = (CellRef::new(0, 0), u32::from(self.last_col));
        (
            a1.to(CellRef::new(1, last)).to_string(),
            a1.to(CellRef::new(self.rows.max(1), last)).to_string(),
        )
    }

    pub(super) fn finish(&mut self, ws: &mut Worksheet) -> Result<(), XlsxError> {
        super::page_setup(ws, 0)?;
        // Area, version and initiative on every page, when it prints two wide.
        ws.set_repeat_columns(0, 2)?;
        ws.set_print_fit_to_pages(pages_wide(self.widths.applied_pixels(WIDEST)), 0);
        self.widths.apply(ws, WIDEST)
    }
}

/// The table's columns: area, version and initiative, the amounts (the two
/// categories, their sum, development and maintenance per year), then `Påverkan`
/// and where the row comes from. Sets the amounts' and `Påverkan`'s column
/// formats; the widths start from the headers.
fn columns(
    ws: &mut Worksheet,
    years: &[i32],
    s: &Styles,
) -> Result<(Vec<TableColumn>, Widths), XlsxError> {
    let amounts: Vec<String> = [
        labels::COL_NEW,
        labels::COL_EXISTING_SHORT,
        labels::COL_AMOUNT,
    ]
    .iter()
    .map(|h| (*h).to_string())
    .chain(
        years
            .iter()
            .map(|y| format!("{} {y}", labels::PLAN_DEVELOPMENT)),
    )
    .chain(
        years
            .iter()
            .map(|y| format!("{} {y}", labels::PLAN_MAINTENANCE)),
    )
    .collect();
    let lead = [
        labels::META_AREA,
        labels::META_VERSION,
        labels::COL_INITIATIVE,
    ];
    let tail = [
        labels::PLAN_IMPACT,
        labels::INITIATIVES_SOURCE_FILE,
        labels::INITIATIVES_BUDGET_ROW,
        labels::INITIATIVES_PLAN_ROW,
        labels::OUT_SOURCE_LINK,
    ];
    let mut columns = Vec::new();
    let mut widths = Widths::new(&[14, 8, 30]);
    for (col, h) in (0u16..).zip(
        lead.iter()
            .map(|h| (*h).to_string())
            .chain(amounts.iter().cloned())
            .chain(tail.iter().map(|h| (*h).to_string())),
    ) {
        let is_amount = (3..3 + amounts.len()).contains(&usize::from(col));
        if usize::from(col) == 3 + amounts.len() {
            // Påverkan, set apart from the amounts (a column format: no work per row).
            ws.set_column_format(col, &s.impact)?;
        }
        let format = if is_amount {
            &s.header_amount
        } else {
            &s.header
        };
        if is_amount {
            // Cells written without a format take the column's: one lookup per
            // column instead of hashing the format for every cell.
            ws.set_column_format(col, &s.amount)?;
        }
        let row_number = h == labels::INITIATIVES_BUDGET_ROW || h == labels::INITIATIVES_PLAN_ROW;
        if row_number {
            // A row number centred, so that it does not run into the `Källa` text
            // beside it.
            let centre = Format::new().set_align(rust_xlsxwriter::FormatAlign::Center);
            ws.set_column_format(col, &centre)?;
        }
        // Headers of numbers wrap at their spaces (the header row is tall).
        let wraps = is_amount || row_number;
        widths.see(
            col,
            &if wraps {
                h.replace(' ', "\n")
            } else {
                h.clone()
            },
        );
        columns.push(TableColumn::new().set_header(h).set_header_format(format));
    }
    Ok((columns, widths))
}

/// The widest a column of `Initiativ` gets, in characters.
const WIDEST: usize = 50;

/// One page wide when the table, shrunk to fit A4 landscape, still prints in at
/// least 8 pt (from 11 pt: 8/11 of full size), else two. A4 landscape with the
/// default margins of 0.7 in is 10.29 in = 988 pixels wide at 96 dpi; shrunk to
/// 8/11, a page holds 988 · 11/8 = 1358 pixels of columns.
pub(super) fn pages_wide(pixels: usize) -> u16 {
    if pixels <= 1358 { 1 } else { 2 }
}

#[cfg(test)]
mod tests {
    use super::pages_wide;

    #[test]
    fn one_page_wide_only_while_the_font_stays_at_least_8_pt() {
        // 1358 px on 988 px of paper: 11 pt × 988/1358 = 8.0 pt.
        assert_eq!(pages_wide(900), 1);
        assert_eq!(pages_wide(1358), 1);
        assert_eq!(pages_wide(1359), 2);
        assert_eq!(pages_wide(5000), 2);
    }
}
