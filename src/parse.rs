//! Stage 4: `parse`. A [`Book`] (two grids) and their located layouts → the area's
//! metadata and tables, plus findings for everything that is wrong *within a row or
//! a column*: bad amounts, row sums, totals, names, categories.
//!
//! Every data row read is either kept in a table or named in a finding; blank rows
//! (no text, no non-zero amount) are not data. Cross-sheet rules live in `validate`.

use crate::amount::{self, Reading};
use crate::finding::{Finding, Kind};
use crate::grid::{Book, Cell, Grid, Value};
use crate::labels::{self, initiative_key};
use crate::locate::{self, BudgetLayout, HeaderError, PlanLayout};
use crate::location::CellRef;
use crate::model::{BudgetRow, BudgetTable, Metadata, PlanRow, PlanTable};
use rust_decimal::Decimal;
use std::collections::HashMap;

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
    pub area_cell: Option<CellRef>,
    pub budget: Option<BudgetTable>,
    pub plan: Option<PlanTable>,
    /// Data rows read in both sheets (heading rows and rows with errors included).
    pub rows_read: usize,
}

pub fn parse(book: &Book, sink: &mut Sink<'_>) -> Parsed {
    let mut parsed = Parsed::default();
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
    if let Some(grid) = present(book.budget.as_ref(), labels::SHEET_BUDGET, book, sink) {
        let layout = locate::budget_header(grid);
        let header_row = layout.as_ref().ok().map(|l| l.header_row);
        parse_metadata(grid, header_row, sink, &mut parsed);
        if let Some(layout) = located(layout, grid, labels::SHEET_BUDGET, sink) {
            parsed.budget = Some(parse_budget(grid, &layout, sink, &mut parsed.rows_read));
        }
    }
    if let Some(grid) = present(book.plan.as_ref(), labels::SHEET_PLAN, book, sink)
        && let Some(layout) = located(locate::plan_header(grid), grid, labels::SHEET_PLAN, sink)
    {
        parsed.plan = Some(parse_plan(grid, &layout, sink, &mut parsed.rows_read));
    }
    parsed
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

fn parse_metadata(grid: &Grid, header_row: Option<u32>, sink: &mut Sink<'_>, parsed: &mut Parsed) {
    let sheet = grid.name.as_str();
    let required = |label: &'static str, sink: &mut Sink<'_>| -> Option<(CellRef, &Value)> {
        match locate::meta_field(grid, label, header_row) {
            Some(locate::MetaField {
                value: Some(cell), ..
            }) => Some((cell.at, &cell.value)),
            Some(locate::MetaField {
                label_cell,
                value: None,
            }) => {
                sink.push(sheet, Some(label_cell), Kind::MissingMetadata { label });
                None
            }
            None => {
                sink.push(sheet, None, Kind::MissingMetadata { label });
                None
            }
        }
    };
    let area =
        required(labels::META_AREA, sink).map(|(at, v)| (at, v.display().trim().to_string()));
    let version = required(labels::META_VERSION, sink).map(|(_, v)| match v {
        Value::Number(d) if d.scale() == 0 || d.normalize().scale() == 0 => {
            format!("{}.0", d.trunc())
        }
        Value::Number(d) => d.normalize().to_string(),
        other => other.display().trim().to_string(),
    });
    let year = required(labels::META_BUDGET_YEAR, sink).and_then(|(at, v)| {
        let year = match v {
            Value::Number(d) if d.fract().is_zero() => i32::try_from(d.trunc()).ok(),
            Value::Text(t) => t.trim().parse::<i32>().ok(),
            _ => None,
        }
        .filter(|y| (1900..=2200).contains(y));
        if year.is_none() {
            sink.push(
                sheet,
                Some(at),
                Kind::InvalidMetadata {
                    label: labels::META_BUDGET_YEAR,
                    found: v.display(),
                },
            );
        }
        year.map(|y| (at, y))
    });
    let date = locate::meta_field(grid, labels::META_DATE, header_row)
        .and_then(|f| f.value)
        .and_then(|cell| {
            match &cell.value {
                Value::Date(d) => Some(d.clone()),
                Value::Text(t) if is_iso_date(t.trim()) => Some(t.trim().to_string()),
                other => {
                    let mut finding = Finding::new(Kind::InvalidMetadata {
                        label: labels::META_DATE,
                        found: other.display(),
                    })
                    .at(sheet, Some(cell.at));
                    // Datum is optional: a bad one is worth a warning, not a stop.
                    finding.severity = crate::finding::Severity::Warning;
                    sink.push_finding(finding);
                    None
                }
            }
        });
    let lead = locate::meta_field(grid, labels::META_LEAD, header_row)
        .and_then(|f| f.value)
        .map(|c| c.value.display().trim().to_string());
    parsed.area_cell = area.as_ref().map(|(at, _)| *at);
    parsed.budget_year_cell = year.map(|(at, _)| at);
    if let (Some((_, area)), Some(version), Some((_, budget_year))) = (area, version, year) {
        parsed.meta = Some(Metadata {
            area,
            version,
            budget_year,
            date,
            lead,
        });
    }
}

fn is_iso_date(t: &str) -> bool {
    let b = t.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

/// The cell in `col` of a row's cells (sorted left to right).
fn in_row(cells: &[Cell], col: u32) -> Option<&Cell> {
    cells
        .binary_search_by_key(&col, |c| c.at.col)
        .ok()
        .map(|i| &cells[i])
}

/// A text cell's text, trimmed (a number there is read as its text): the
/// initiative's name, or its `Påverkan`.
fn cell_text(cell: Option<&Cell>) -> String {
    match cell.map(|c| &c.value) {
        None => String::new(),
        Some(Value::Text(t)) => t.trim().to_string(),
        Some(other) => other.display().trim().to_string(),
    }
}

fn is_total_row(text: &str) -> bool {
    // Cheap length check first: this runs on every row's initiative cell.
    let text = text.trim_start();
    text.len() < 16 && text.starts_with(['S', 's']) && labels::is_key(text, labels::key::TOTAL_ROW)
}

/// The name of an amount column, as messages show it; built only when a finding
/// needs it (this runs for every amount cell).
#[derive(Debug, Clone, Copy)]
enum Column {
    Label(&'static str),
    /// `Utveckling 2024`.
    Year(&'static str, i32),
}

impl std::fmt::Display for Column {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Column::Label(label) => f.write_str(label),
            Column::Year(group, year) => write!(f, "{group} {year}"),
        }
    }
}

/// One amount cell of a data row: its reading and where it is.
struct AmountCell {
    at: CellRef,
    column: Column,
    reading: Reading,
}

impl AmountCell {
    fn new(grid: &Grid, at: CellRef, column: Column) -> Self {
        AmountCell {
            at,
            column,
            reading: amount::read(grid.cell(at)),
        }
    }

    /// The cell in `col` of row `row`, whose cells are `cells`.
    fn in_row(cells: &[Cell], row: u32, col: u32, column: Column) -> Self {
        AmountCell {
            at: CellRef::new(row, col),
            column,
            reading: amount::read(in_row(cells, col)),
        }
    }

    /// Blank for the purpose of skipping a row: nothing, or a zero, or a formula
    /// that was never calculated (an empty template row's `Belopp`).
    fn is_blank(&self) -> bool {
        match &self.reading {
            Reading::Empty | Reading::Uncalculated => true,
            Reading::Number { value, .. } => value.is_zero(),
            Reading::Text { .. } | Reading::Invalid(_) => false,
        }
    }
}

/// Reports `number-as-text` and `invalid-amount` for a row's cells; true when every
/// cell could be read (formulas without values are left to the caller).
fn report_cells<'c>(
    cells: impl IntoIterator<Item = &'c AmountCell>,
    sheet: &str,
    sink: &mut Sink<'_>,
) -> bool {
    let mut ok = true;
    for cell in cells {
        match &cell.reading {
            Reading::Text { value, text } => sink.push(
                sheet,
                Some(cell.at),
                Kind::NumberAsText {
                    column: cell.column.to_string(),
                    text: text.clone(),
                    value: *value,
                },
            ),
            Reading::Invalid(found) => {
                ok = false;
                sink.push(
                    sheet,
                    Some(cell.at),
                    Kind::InvalidAmount {
                        column: cell.column.to_string(),
                        found: found.clone(),
                    },
                );
            }
            _ => {}
        }
    }
    ok
}

fn uncalculated_error(cell: &AmountCell, sheet: &str, sink: &mut Sink<'_>) {
    sink.push(
        sheet,
        Some(cell.at),
        Kind::FormulaWithoutValue {
            column: cell.column.to_string(),
            recomputed: None,
        },
    );
}

/// Resolves a cell that can be recomputed (a row's `Belopp`, a `Summa` cell):
/// a formula without a value, or a formula storing a placeholder 0 where the
/// recomputed value is not 0, takes the recomputed value with a warning.
fn recomputable(
    cell: &AmountCell,
    recomputed: Decimal,
    sheet: &str,
    sink: &mut Sink<'_>,
) -> Option<Decimal> {
    let placeholder = cell.reading.is_formula_zero() && !recomputed.is_zero();
    if matches!(cell.reading, Reading::Uncalculated) || placeholder {
        sink.push(
            sheet,
            Some(cell.at),
            Kind::FormulaWithoutValue {
                column: cell.column.to_string(),
                recomputed: Some(recomputed),
            },
        );
        return Some(recomputed);
    }
    cell.reading.value()
}

/// Checks a stated total cell against the computed column sum.
fn check_total(
    cell: &AmountCell,
    computed: Decimal,
    complete: bool,
    sheet: &str,
    sink: &mut Sink<'_>,
) {
    if !cell.reading.is_filled() {
        return; // an empty total cell is simply not stated
    }
    if !report_cells([cell], sheet, sink) || !complete {
        return;
    }
    if let Some(stated) = recomputable(cell, computed, sheet, sink)
        && stated != computed
    {
        sink.push(
            sheet,
            Some(cell.at),
            Kind::TotalMismatch {
                column: cell.column.to_string(),
                stated,
                computed,
            },
        );
    }
}

/// Reports the first cell of a table where a sum goes beyond any plausible budget.
fn sum_too_large(
    cell: &AmountCell,
    sum: Decimal,
    sheet: &str,
    sink: &mut Sink<'_>,
    reported: &mut bool,
) {
    if std::mem::replace(reported, true) {
        return;
    }
    sink.push(
        sheet,
        Some(cell.at),
        Kind::InvalidAmount {
            column: cell.column.to_string(),
            found: crate::finding::NotAmount::SumTooLarge(sum),
        },
    );
}

/// Tracks initiative names within one sheet.
struct Names(HashMap<String, u32>);

impl Names {
    /// Room for a filled template's names without regrowing.
    fn new() -> Self {
        Names(HashMap::with_capacity(64))
    }

    /// True when the name is new; otherwise reports `duplicate-initiative`.
    fn insert(
        &mut self,
        key: &str,
        name: &str,
        at: CellRef,
        sheet: &str,
        sink: &mut Sink<'_>,
    ) -> bool {
        if let Some(first_row) = self.0.get(key) {
            sink.push(
                sheet,
                Some(at),
                Kind::DuplicateInitiative {
                    name: name.to_string(),
                    first_row: *first_row,
                },
            );
            return false;
        }
        self.0.insert(key.to_string(), at.row_number());
        true
    }
}

/// The project codes of a `Projekt` cell. A number cell `1234` is the code `1234`;
/// codes with leading zeros survive only as text, as the user wrote them.
fn project_codes_of(value: &Value) -> Vec<String> {
    match value {
        Value::Number(d) => vec![d.normalize().to_string()],
        Value::Empty => Vec::new(),
        other => labels::project_codes(&other.display()),
    }
}

fn parse_budget(
    grid: &Grid,
    l: &BudgetLayout,
    sink: &mut Sink<'_>,
    rows_read: &mut usize,
) -> BudgetTable {
    let sheet = grid.name.as_str();
    let mut table = BudgetTable {
        complete: true,
        sheet: sheet.to_string(),
        ..BudgetTable::default()
    };
    let mut names = Names::new();
    let mut total_row = None;
    for (row, cells) in grid.rows().filter(|(r, _)| *r > l.header_row) {
        let name_at = CellRef::new(row, l.text);
        let name = cell_text(in_row(cells, l.text));
        if is_total_row(&name) {
            total_row = Some(row);
            break;
        }
        let new = AmountCell::in_row(cells, row, l.new, Column::Label(labels::COL_NEW));
        let existing = AmountCell::in_row(
            cells,
            row,
            l.existing,
            Column::Label(labels::COL_EXISTING_SHORT),
        );
        let amount = AmountCell::in_row(
            cells,
            row,
            l.amount,
            Column::Label(labels::COL_AMOUNT_SHORT),
        );
        if name.is_empty() && new.is_blank() && existing.is_blank() && amount.is_blank() {
            continue; // a blank row, not data
        }
        *rows_read += 1;
        let mut readable = report_cells([&new, &existing, &amount], sheet, sink);
        for part in [&new, &existing] {
            if matches!(part.reading, Reading::Uncalculated) {
                uncalculated_error(part, sheet, sink);
                readable = false;
            }
        }
        let values = (new.reading.value(), existing.reading.value());
        let (Some(n), Some(e), true) = (values.0, values.1, readable) else {
            table.unread.push(initiative_key(&name));
            table.complete = false;
            continue;
        };
        // Every amount is at most 10^12 tkr (`amount::MAX_AMOUNT`); a row or a
        // column summing beyond that is reported once, at the cell where it does.
        let sums = amount::add(n, e)
            .map(|parts| (parts, None))
            .unwrap_or_else(|| (Decimal::ZERO, Some((&amount, n.saturating_add(e)))));
        let (parts, mut too_large) = sums;
        let a = match too_large {
            Some(_) => None,
            None => recomputable(&amount, parts, sheet, sink),
        };
        if let Some(a) = a {
            match (
                amount::add(table.sum_new, n),
                amount::add(table.sum_existing, e),
                amount::add(table.sum_amount, a),
            ) {
                (Some(sn), Some(se), Some(sa)) => {
                    (table.sum_new, table.sum_existing, table.sum_amount) = (sn, se, sa);
                }
                (None, ..) => too_large = Some((&new, table.sum_new.saturating_add(n))),
                (_, None, _) => too_large = Some((&existing, table.sum_existing.saturating_add(e))),
                (.., None) => too_large = Some((&amount, table.sum_amount.saturating_add(a))),
            }
        }
        if let Some((cell, sum)) = too_large {
            sum_too_large(cell, sum, sheet, sink, &mut table.sum_too_large);
        }
        let (Some(a), None) = (a, too_large) else {
            table.unread.push(initiative_key(&name));
            table.complete = false;
            continue;
        };
        if name.is_empty() {
            let shown = [a, n, e]
                .into_iter()
                .find(|v| !v.is_zero())
                .unwrap_or_default();
            sink.push(
                sheet,
                Some(name_at),
                Kind::MissingInitiativeName { amount: shown },
            );
            continue;
        }
        if n.is_zero() && e.is_zero() && a.is_zero() {
            sink.push(sheet, Some(name_at), Kind::HeadingRow { text: name });
            continue;
        }
        for (cell, v) in [(&new, n), (&existing, e)] {
            if v.is_sign_negative() && !v.is_zero() {
                sink.push(
                    sheet,
                    Some(cell.at),
                    Kind::NegativeAmount {
                        column: cell.column.to_string(),
                        value: v,
                    },
                );
            }
        }
        let sum_ok = a == parts;
        if n.is_zero() && e.is_zero() {
            sink.push(
                sheet,
                Some(amount.at),
                Kind::UncategorizedAmount { amount: a },
            );
        } else if !sum_ok {
            sink.push(
                sheet,
                Some(amount.at),
                Kind::RowSumMismatch {
                    stated: a,
                    new: n,
                    existing: e,
                },
            );
        }
        if !sum_ok {
            // Which of the three cells is wrong is the lead's call; totals and the
            // cross-sheet comparison would only repeat this one error.
            table.complete = false;
        }
        let key = initiative_key(&name);
        if !names.insert(&key, &name, name_at, sheet, sink) {
            continue;
        }
        let projects = l
            .project
            .and_then(|col| in_row(cells, col))
            .map(|c| project_codes_of(&c.value))
            .unwrap_or_default();
        table.rows.push(BudgetRow {
            projects,
            key,
            name,
            name_cell: name_at,
            amount_cell: amount.at,
            new: n,
            existing: e,
            amount: a,
            sum_ok,
        });
    }
    match total_row {
        Some(row) => {
            let (sn, se, sa) = (table.sum_new, table.sum_existing, table.sum_amount);
            // A sum beyond any budget is already reported; its Summa cells would
            // only repeat it.
            let checked = if table.sum_too_large {
                &[][..]
            } else {
                &[
                    (l.new, labels::COL_NEW, sn),
                    (l.existing, labels::COL_EXISTING_SHORT, se),
                    (l.amount, labels::COL_AMOUNT_SHORT, sa),
                ][..]
            };
            for &(col, label, computed) in checked {
                let cell = AmountCell::new(grid, CellRef::new(row, col), Column::Label(label));
                check_total(&cell, computed, table.complete, sheet, sink);
            }
            table.total_cell = Some(CellRef::new(row, l.amount));
        }
        None => sink.push(
            sheet,
            None,
            Kind::MissingTotalRow {
                sheet: labels::SHEET_BUDGET,
            },
        ),
    }
    table
}

fn parse_plan(
    grid: &Grid,
    l: &PlanLayout,
    sink: &mut Sink<'_>,
    rows_read: &mut usize,
) -> PlanTable {
    let sheet = grid.name.as_str();
    let years = l.years.len();
    let mut table = PlanTable {
        years: l.years.clone(),
        development_cols: l.development.clone(),
        sum_development: vec![Decimal::ZERO; years],
        sum_maintenance: vec![Decimal::ZERO; years],
        complete: true,
        sheet: sheet.to_string(),
        ..PlanTable::default()
    };
    let mut names = Names::new();
    let cells_of = |row: u32, cols: &[u32], group: &'static str| -> Vec<AmountCell> {
        cols.iter()
            .zip(&l.years)
            .map(|(col, year)| {
                AmountCell::new(grid, CellRef::new(row, *col), Column::Year(group, *year))
            })
            .collect()
    };
    // One row's development cells, then its maintenance cells; reused row to row.
    let mut all: Vec<AmountCell> = Vec::with_capacity(2 * years);
    let mut total_row = None;
    for (row, cells) in grid.rows().filter(|(r, _)| *r > l.header_row) {
        let name_at = CellRef::new(row, l.initiative);
        let name = cell_text(in_row(cells, l.initiative));
        if is_total_row(&name) {
            total_row = Some(row);
            break;
        }
        all.clear();
        for (cols, group) in [
            (&l.development, labels::PLAN_DEVELOPMENT),
            (&l.maintenance, labels::PLAN_MAINTENANCE),
        ] {
            all.extend(cols.iter().zip(&l.years).map(|(col, year)| {
                AmountCell::in_row(cells, row, *col, Column::Year(group, *year))
            }));
        }
        let (dev, maint) = all.split_at(years);
        let impact_cell = l.impact.map(|col| CellRef::new(row, col));
        let impact_text = l
            .impact
            .and_then(|col| in_row(cells, col))
            .map(|c| cell_text(Some(c)))
            .unwrap_or_default();
        if name.is_empty() && impact_text.is_empty() && all.iter().all(AmountCell::is_blank) {
            continue;
        }
        *rows_read += 1;
        let mut readable = report_cells(&all, sheet, sink);
        for cell in &all {
            if matches!(cell.reading, Reading::Uncalculated) {
                uncalculated_error(cell, sheet, sink);
                readable = false;
            }
        }
        if !readable {
            table.unread.push(initiative_key(&name));
            table.complete = false;
            continue;
        }
        let values = |cells: &[AmountCell]| -> Vec<Decimal> {
            cells
                .iter()
                .map(|c| c.reading.value().unwrap_or_default())
                .collect()
        };
        let (d, m) = (values(dev), values(maint));
        // Column sums stay within 10^12 tkr (`amount::MAX_AMOUNT`), or the row is
        // reported at the cell that takes its column beyond it.
        let mut sums = (table.sum_development.clone(), table.sum_maintenance.clone());
        let mut too_large = None;
        for (cells, values, sums) in [(dev, &d, &mut sums.0), (maint, &m, &mut sums.1)] {
            for ((cell, v), sum) in cells.iter().zip(values).zip(sums.iter_mut()) {
                match amount::add(*sum, *v) {
                    Some(s) => *sum = s,
                    None if too_large.is_none() => too_large = Some((cell, sum.saturating_add(*v))),
                    None => {}
                }
            }
        }
        if let Some((cell, sum)) = too_large {
            sum_too_large(cell, sum, sheet, sink, &mut table.sum_too_large);
            table.unread.push(initiative_key(&name));
            table.complete = false;
            continue;
        }
        (table.sum_development, table.sum_maintenance) = sums;
        if name.is_empty() {
            let shown = d
                .iter()
                .chain(&m)
                .find(|v| !v.is_zero())
                .copied()
                .unwrap_or_default();
            sink.push(
                sheet,
                Some(name_at),
                Kind::MissingInitiativeName { amount: shown },
            );
            continue;
        }
        if d.iter().chain(&m).all(Decimal::is_zero) {
            sink.push(sheet, Some(name_at), Kind::HeadingRow { text: name });
            continue;
        }
        for (cell, v) in dev.iter().zip(&d) {
            if v.is_sign_negative() && !v.is_zero() {
                sink.push(
                    sheet,
                    Some(cell.at),
                    Kind::NegativeAmount {
                        column: cell.column.to_string(),
                        value: *v,
                    },
                );
            }
        }
        let impact = if impact_text.is_empty() {
            None
        } else {
            let found = labels::impact(&impact_text);
            if found.is_none() {
                sink.push(
                    sheet,
                    impact_cell,
                    Kind::InvalidCategory {
                        found: impact_text.clone(),
                    },
                );
            }
            found
        };
        let key = initiative_key(&name);
        if !names.insert(&key, &name, name_at, sheet, sink) {
            continue;
        }
        table.rows.push(PlanRow {
            key,
            name,
            name_cell: name_at,
            development: d,
            maintenance: m,
            impact,
        });
    }
    match total_row {
        Some(row) => {
            for (cells, sums) in [
                (
                    cells_of(row, &l.development, labels::PLAN_DEVELOPMENT),
                    &table.sum_development,
                ),
                (
                    cells_of(row, &l.maintenance, labels::PLAN_MAINTENANCE),
                    &table.sum_maintenance,
                ),
            ] {
                for (cell, computed) in cells.iter().zip(sums.iter()) {
                    if !table.sum_too_large {
                        check_total(cell, *computed, table.complete, sheet, sink);
                    }
                }
            }
        }
        None => sink.push(
            sheet,
            None,
            Kind::MissingTotalRow {
                sheet: labels::SHEET_PLAN,
            },
        ),
    }
    table
}
