//! Stage 4: `parse`. A [`Book`] (two grids) and their located layouts → the area's
//! metadata and tables, plus findings for everything that is wrong *within a row or
//! a column*: bad amounts, row sums, totals, names, categories.
//!
//! Every data row read is either kept in a table or named in a finding; blank rows
//! (no text, no non-zero amount) are not data. Cross-sheet rules live in `validate`.

use crate::finding::{FileKind, Finding, Kind};
use crate::grid::{Book, Grid};
use crate::labels;
use crate::locate::{self, HeaderError};
use crate::location::CellRef;
use crate::model::{BudgetTable, Metadata, PlanTable};
use cells::{Broken, Linked};

mod budget;
mod cells;
mod metadata;
mod plan;
mod rows;

pub(crate) use cells::is_total_row_in;

/// Collects findings for one file and sheet.
#[derive(Debug)]
pub struct Sink<'a> {
    pub file: &'a str,
    pub findings: Vec<Finding>,
}

impl<'a> Sink<'a> {
    pub fn new(file: &'a str) -> Self {
        Sink {
            file,
            findings: Vec::new(),
        }
    }

    pub fn push(&mut self, sheet: &str, cell: Option<CellRef>, kind: Kind) {
        self.findings
            .push(Finding::new(kind).in_file(self.file).at(sheet, cell));
    }

    pub fn push_finding(&mut self, finding: Finding) {
        self.findings.push(finding.in_file(self.file));
    }
}

/// What one file holds, as far as it could be read.
#[derive(Debug, Default)]
pub struct Parsed {
    pub meta: Option<Metadata>,
    /// Where the `Budgetår` value stands, for year findings.
    pub budget_year_cell: Option<CellRef>,
    /// The `Tjänsteområde` value, once read: known even when another field or a
    /// table cannot be read, so that the file still counts for its area.
    pub area: Option<String>,
    pub area_cell: Option<CellRef>,
    pub budget: Option<BudgetTable>,
    pub plan: Option<PlanTable>,
    /// Data rows read in both sheets (heading rows and rows with errors included).
    pub rows_read: usize,
}

pub fn parse(book: &Book, sink: &mut Sink<'_>) -> Parsed {
    let mut parsed = Parsed::default();
    let mut first_input: Option<(String, CellRef)> = None;
    let mut broken: Broken = Broken::new();
    for (sheet, at, length) in &book.shortened {
        sink.push(
            sheet,
            Some(*at),
            Kind::TextTooLong {
                length: *length,
                limit: crate::grid::EXCEL_TEXT_LIMIT,
            },
        );
    }
    if let Some(kind) = other_kind(book) {
        sink.push_finding(Finding::new(kind));
        return parsed;
    }
    if let Some(grid) = present(book.budget.as_ref(), labels::SHEET_BUDGET, book, sink) {
        let layout = locate::budget_header(grid);
        let header_row = layout.as_ref().ok().map(|l| l.header_row);
        first_input = layout
            .as_ref()
            .ok()
            .map(|l| (grid.name.clone(), CellRef::new(l.header_row + 1, l.text)));
        metadata::parse(grid, header_row, sink, &mut parsed);
        if let Some(layout) = located(layout, grid, labels::SHEET_BUDGET, sink) {
            wrong_units(&layout.wrong_units, grid, sink);
            parsed.budget = Some(budget::parse(
                grid,
                &layout,
                sink,
                &mut parsed.rows_read,
                &mut broken,
            ));
        }
    }
    if let Some(grid) = present(book.plan.as_ref(), labels::SHEET_PLAN, book, sink)
        && let Some(layout) = located(locate::plan_header(grid), grid, labels::SHEET_PLAN, sink)
    {
        wrong_units(&layout.wrong_units, grid, sink);
        let budget_year = parsed.meta.as_ref().map(|m| m.budget_year);
        let linked = Linked {
            broken: &broken,
            budget_year,
        };
        parsed.plan = Some(plan::parse(
            grid,
            &layout,
            sink,
            &mut parsed.rows_read,
            &linked,
        ));
    }
    if let (Some(b), Some(p), 0) = (&parsed.budget, &parsed.plan, parsed.rows_read) {
        // Not one data row in either table: the template was sent blank.
        if let (true, Some((sheet, at))) = (b.rows.is_empty() && p.rows.is_empty(), first_input) {
            sink.push(&sheet, Some(at), Kind::EmptyTemplate);
        }
    }
    parsed
}

/// `wrong-kind-of-file` for a forecast workbook among the templates: it has
/// neither of the plan's sheets (nor a sheet claiming to be one), and a `Prognos`
/// sheet. It says what the file is, where two `missing-sheet` findings would say
/// only what it lacks.
fn other_kind(book: &Book) -> Option<Kind> {
    let lacks_both = book.budget.is_none() && book.plan.is_none() && book.ambiguous.is_empty();
    (lacks_both && FileKind::of_sheets(&book.sheet_names) == Some(FileKind::Forecast)).then_some(
        Kind::WrongKindOfFile {
            found: FileKind::Forecast,
            wanted: FileKind::Plan,
        },
    )
}

/// The sheet, or a `missing-sheet` finding that lists the sheets the file has. When
/// several sheets match the name, an `ambiguous-sheet` finding names them (a warning
/// when the only visible one was read, else an error instead of `missing-sheet`).
fn present<'g>(
    grid: Option<&'g Grid>,
    sheet: &'static str,
    book: &Book,
    sink: &mut Sink<'_>,
) -> Option<&'g Grid> {
    let choice = book.ambiguous.iter().find(|c| c.label == sheet);
    if let Some(choice) = choice {
        sink.push(
            choice.used.as_deref().unwrap_or(sheet),
            None,
            Kind::AmbiguousSheet {
                sheet,
                used: choice.used.clone(),
                others: choice.others.clone(),
                copies: choice.copies.clone(),
                similar: choice.similar.clone(),
            },
        );
    }
    if grid.is_none() && choice.is_none() {
        sink.push(
            sheet,
            None,
            Kind::MissingSheet {
                sheet,
                found: book.sheet_names.clone(),
            },
        );
    }
    grid
}

/// An amount header naming kronor or millions (`Belopp (kr)`): `unit-not-tkr` at
/// its cell. The table is read all the same (its other findings still help the
/// lead), and the error keeps the area out of the consolidation.
fn wrong_units(wrong: &[locate::WrongUnit], grid: &Grid, sink: &mut Sink<'_>) {
    for w in wrong {
        let kind = Kind::UnitNotTkr {
            header: w.header.clone(),
            unit: w.unit,
        };
        sink.push(&grid.name, Some(w.cell), kind);
    }
}

/// The table's layout, or a `missing-header` finding naming the headers not found,
/// or an `ambiguous-column` finding naming the cells that claim one header.
fn located<L>(
    layout: Result<L, HeaderError>,
    grid: &Grid,
    sheet: &'static str,
    sink: &mut Sink<'_>,
) -> Option<L> {
    match layout {
        Ok(layout) => Some(layout),
        Err(HeaderError::Missing(missing)) => {
            sink.push(&grid.name, None, Kind::MissingHeader { sheet, missing });
            None
        }
        Err(HeaderError::Ambiguous { header, cells }) => {
            sink.push(
                &grid.name,
                cells.get(1).copied(),
                Kind::AmbiguousColumn { header, cells },
            );
            None
        }
    }
}
