//! Stage 4: `parse`. A [`Book`] (two grids) and their located layouts → the area's
//! metadata and tables, plus findings for everything that is wrong *within a row or
//! a column*: bad amounts, row sums, totals, names, categories.
//!
//! Every data row read is either kept in a table or named in a finding; blank rows
//! (no text, no non-zero amount) are not data. Cross-sheet rules live in `validate`.

use crate::amount::{self, Reading};
use crate::finding::{Consequence, Finding, Kind, NotAmount, Severity, Shows};
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
    if let Some(grid) = present(book.budget.as_ref(), labels::SHEET_BUDGET, book, sink) {
        let layout = locate::budget_header(grid);
        let header_row = layout.as_ref().ok().map(|l| l.header_row);
        first_input = layout
            .as_ref()
            .ok()
            .map(|l| (grid.name.clone(), CellRef::new(l.header_row + 1, l.text)));
        parse_metadata(grid, header_row, sink, &mut parsed);
        if let Some(layout) = located(layout, grid, labels::SHEET_BUDGET, sink) {
            parsed.budget = Some(parse_budget(
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
        let budget_year = parsed.meta.as_ref().map(|m| m.budget_year);
        let linked = Linked {
            broken: &broken,
            budget_year,
        };
        parsed.plan = Some(parse_plan(
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
    // Datum and Ansvarig are optional, but a template whose labels stand with their
    // values still empty is not filled in yet: a warning each.
    for label in [labels::META_DATE, labels::META_LEAD] {
        if let Some(locate::MetaField {
            label_cell,
            value: None,
        }) = locate::meta_field(grid, label, header_row)
        {
            let value_cell = CellRef::new(label_cell.row, label_cell.col + 1);
            sink.push(sheet, Some(value_cell), Kind::EmptyMetadata { label });
        }
    }
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

pub(crate) fn is_total_row(text: &str) -> bool {
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
    /// The cell holds a formula (whatever its value).
    formula: bool,
}

impl AmountCell {
    fn new(grid: &Grid, at: CellRef, column: Column) -> Self {
        let cell = grid.cell(at);
        AmountCell {
            at,
            column,
            reading: amount::read(cell),
            formula: cell.is_some_and(|c| c.formula),
        }
    }

    /// The cell in `col` of row `row`, whose cells are `cells`.
    fn in_row(cells: &[Cell], row: u32, col: u32, column: Column) -> Self {
        let cell = in_row(cells, col);
        AmountCell {
            at: CellRef::new(row, col),
            column,
            reading: amount::read(cell),
            formula: cell.is_some_and(|c| c.formula),
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

/// Budget rows whose `Belopp` shows an error value because of a number written as
/// text: initiative key → (the sheet, the text cell, the error value, the right
/// `Belopp`).
/// `None` when the right `Belopp` is not known (the text is no number at all).
type Broken = HashMap<String, (String, CellRef, String, Option<Decimal>)>;

/// What `Utvecklingsinitiativ` needs from `Budgetfördelning`: the template's budget
/// year development is a formula taking the row's `Belopp`, so an error value there
/// follows from the budget row's text cell.
struct Linked<'a> {
    broken: &'a Broken,
    budget_year: Option<i32>,
}

/// One column of a table as its `Summa` cell sees it.
#[derive(Debug, Clone, Default)]
struct ColSum {
    /// The column's sum as the tool reads it (numbers written as text included).
    sum: Decimal,
    /// Every cell of the column could be read, so `sum` is the column's sum.
    unreadable: bool,
    /// What a `SUM` formula over the column shows: stored numbers only, so text
    /// is left out and a formula counts with its stored (maybe wrong) value.
    shown: Decimal,
    /// A cell of the column shows an error value, which a `SUM` passes on.
    error: bool,
    /// The number-as-text cell that makes this column's `SUM` differ from `sum`.
    root: Option<CellRef>,
    /// The number-as-text cell behind an error value in this column.
    error_root: Option<CellRef>,
    /// `error_root`'s sheet when it is another sheet (a formula taking its value
    /// from `Budgetfördelning`).
    error_root_sheet: Option<String>,
    /// `Belopp` only, when a row's `Belopp` differs from its parts: the column's sum
    /// from the parts. A `Summa` equal to it agrees with the other columns, so its
    /// difference is the row errors' (already reported), not a mistake of its own.
    from_parts: Option<Decimal>,
}

impl ColSum {
    /// An input cell of the column.
    fn see(&mut self, cell: &AmountCell) {
        match &cell.reading {
            Reading::Empty => {}
            Reading::Number { value, .. } => {
                self.sum = self.sum.saturating_add(*value);
                self.shown = self.shown.saturating_add(*value);
            }
            Reading::Text { value, .. } => {
                self.sum = self.sum.saturating_add(*value);
                self.root.get_or_insert(cell.at);
            }
            Reading::Invalid(found) => {
                self.unreadable = true;
                self.error |= matches!(found, NotAmount::ErrorValue(_));
            }
            Reading::Uncalculated => self.unreadable = true,
        }
    }
}

/// Makes the number-as-text finding at `root` the root cause of `consequence`: one
/// error that names the text cell and the formula cells that go wrong because of it.
fn blame(sink: &mut Sink<'_>, sheet: &str, root: CellRef, consequence: Consequence) {
    let Some(f) = sink.findings.iter_mut().rev().find(|f| {
        f.sheet.as_deref() == Some(sheet)
            && f.cell == Some(root)
            && matches!(
                f.kind,
                Kind::NumberAsText { .. }
                    | Kind::TextBreaksFormula { .. }
                    | Kind::InvalidAmount { .. }
                    | Kind::InvalidBreaksFormula { .. }
            )
    }) else {
        return;
    };
    f.severity = Severity::Error;
    f.kind = match std::mem::replace(&mut f.kind, Kind::EmptyTemplate) {
        Kind::NumberAsText {
            column,
            text,
            value,
        } => Kind::TextBreaksFormula {
            column,
            text,
            value,
            shows: vec![consequence],
        },
        Kind::TextBreaksFormula {
            column,
            text,
            value,
            mut shows,
        } => {
            shows.push(consequence);
            Kind::TextBreaksFormula {
                column,
                text,
                value,
                shows,
            }
        }
        Kind::InvalidAmount { column, found } => Kind::InvalidBreaksFormula {
            column,
            found,
            shows: vec![consequence],
        },
        Kind::InvalidBreaksFormula {
            column,
            found,
            mut shows,
        } => {
            shows.push(consequence);
            Kind::InvalidBreaksFormula {
                column,
                found,
                shows,
            }
        }
        other => other,
    };
}

/// What a row's `Belopp` formula shows because one of the row's own input cells
/// holds a number as text: `#VALUE!`, or the sum without the text (a program that
/// counts text as 0). `None` when the formula is right or wrong for another reason.
fn broken_by_text(amount: &AmountCell, parts: [&AmountCell; 2], right: Decimal) -> Option<Shows> {
    if !amount.formula
        || !parts
            .iter()
            .any(|p| matches!(p.reading, Reading::Text { .. }))
    {
        return None;
    }
    let numbers = amount::total(parts.iter().filter_map(|p| match p.reading {
        Reading::Number { value, .. } => Some(value),
        _ => None,
    }));
    match &amount.reading {
        Reading::Invalid(NotAmount::ErrorValue(e)) => Some(Shows::Error(e.clone())),
        Reading::Number { value, .. } if *value != right && *value == numbers => {
            Some(Shows::Value {
                shown: *value,
                right,
            })
        }
        _ => None,
    }
}

/// The `#VALUE!` a row's `Belopp` formula shows because one of the row's own input
/// cells holds text that is no number at all (`ca 800`).
fn broken_by_invalid(amount: &AmountCell, parts: [&AmountCell; 2]) -> Option<Shows> {
    let text = |p: &&AmountCell| {
        matches!(
            p.reading,
            Reading::Invalid(NotAmount::Text(_) | NotAmount::Ambiguous(_))
        )
    };
    match &amount.reading {
        Reading::Invalid(NotAmount::ErrorValue(e))
            if amount.formula && parts.iter().any(text) && excel_error_is_value(e) =>
        {
            Some(Shows::Error(e.clone()))
        }
        _ => None,
    }
}

/// `#VALUE!` as any program stores it (Swedish Excel's `#VÄRDEFEL!` too).
fn excel_error_is_value(e: &str) -> bool {
    crate::finding::excel_error(e, crate::lang::Lang::En) == "#VALUE!"
}

/// Checks a stated total cell against its column. The column's other errors do not
/// hide it: it is checked whenever every cell of its column could be read. A `Summa`
/// formula that is wrong only because of another finding (an error value passed on,
/// a `SUM` leaving out a number written as text) is that finding's consequence, not
/// a finding of its own.
fn check_total(cell: &AmountCell, col: &ColSum, sheet: &str, sink: &mut Sink<'_>) {
    if !cell.reading.is_filled() {
        return; // an empty total cell is simply not stated
    }
    if let Reading::Invalid(NotAmount::ErrorValue(e)) = &cell.reading
        && cell.formula
        && col.error
    {
        if let Some(root) = col.error_root {
            let shows = Shows::Error(e.clone());
            let (root_sheet, here) = match &col.error_root_sheet {
                Some(other) => (other.as_str(), Some(sheet.to_string())),
                None => (sheet, None),
            };
            let consequence = Consequence {
                sheet: here,
                cell: cell.at,
                shows,
            };
            blame(sink, root_sheet, root, consequence);
        }
        return;
    }
    if !report_cells([cell], sheet, sink) || col.unreadable {
        return;
    }
    let computed = col.sum;
    if let Some(stated) = recomputable(cell, computed, sheet, sink)
        && stated != computed
        && col.from_parts != Some(stated)
    {
        match col.root {
            Some(root) if cell.formula && stated == col.shown => {
                let shows = Shows::Value {
                    shown: stated,
                    right: computed,
                };
                blame(
                    sink,
                    sheet,
                    root,
                    Consequence {
                        sheet: None,
                        cell: cell.at,
                        shows,
                    },
                );
            }
            _ => sink.push(
                sheet,
                Some(cell.at),
                Kind::TotalMismatch {
                    column: cell.column.to_string(),
                    stated,
                    computed,
                },
            ),
        }
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
    broken_rows: &mut Broken,
) -> BudgetTable {
    let sheet = grid.name.as_str();
    let mut table = BudgetTable {
        complete: true,
        sheet: sheet.to_string(),
        ..BudgetTable::default()
    };
    let mut names = Names::new();
    let mut total_row = None;
    // Nyutveckling, Utveckling inom befintlig tjänst, Belopp.
    let mut cols: [ColSum; 3] = Default::default();
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
        cols[0].see(&new);
        cols[1].see(&existing);
        // A number written as text that breaks the row's own formula is the root
        // cause: one error at the text cell, with the formula as its consequence.
        let right = match (&new.reading, &existing.reading) {
            (Reading::Uncalculated | Reading::Invalid(_), _)
            | (_, Reading::Uncalculated | Reading::Invalid(_)) => None,
            _ => amount::add(
                new.reading.value().unwrap_or_default(),
                existing.reading.value().unwrap_or_default(),
            ),
        };
        let broken = match right {
            Some(r) => broken_by_text(&amount, [&new, &existing], r),
            None => broken_by_invalid(&amount, [&new, &existing]),
        };
        let mut readable = if broken.is_some() {
            report_cells([&new, &existing], sheet, sink)
        } else {
            report_cells([&new, &existing, &amount], sheet, sink)
        };
        if let (Some(shows), Some(root)) = (
            broken.clone(),
            [&new, &existing].into_iter().find(|p| {
                matches!(
                    p.reading,
                    Reading::Text { .. }
                        | Reading::Invalid(NotAmount::Text(_) | NotAmount::Ambiguous(_))
                )
            }),
        ) {
            match &shows {
                Shows::Error(e) => {
                    cols[2].error = true;
                    cols[2].error_root.get_or_insert(root.at);
                    broken_rows.insert(
                        initiative_key(&name),
                        (sheet.to_string(), root.at, e.clone(), right),
                    );
                }
                Shows::Value { .. } => {
                    cols[2].root.get_or_insert(root.at);
                }
            }
            let consequence = Consequence {
                sheet: None,
                cell: amount.at,
                shows,
            };
            blame(sink, sheet, root.at, consequence);
        }
        for part in [&new, &existing] {
            if matches!(part.reading, Reading::Uncalculated) {
                uncalculated_error(part, sheet, sink);
                readable = false;
            }
        }
        let values = (new.reading.value(), existing.reading.value());
        let (Some(n), Some(e), true) = (values.0, values.1, readable) else {
            cols[2].see(&amount);
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
        let a = match (too_large, &broken) {
            (Some(_), _) => None,
            (None, Some(_)) => Some(parts),
            (None, None) => recomputable(&amount, parts, sheet, sink),
        };
        match (a, &broken) {
            (Some(a), Some(shows)) => {
                cols[2].sum = cols[2].sum.saturating_add(a);
                if let Shows::Value { shown, .. } = shows {
                    cols[2].shown = cols[2].shown.saturating_add(*shown);
                }
            }
            (Some(a), None) => {
                cols[2].sum = cols[2].sum.saturating_add(a);
                cols[2].shown = cols[2].shown.saturating_add(a);
            }
            (None, _) => cols[2].unreadable = true,
        }
        if let Some(a) = a {
            // `sum` already counts this row's `a`; before the first row whose
            // Belopp differs from its parts, the parts' sum is `sum` itself.
            let before = cols[2].from_parts.unwrap_or(cols[2].sum.saturating_sub(a));
            if a != parts || cols[2].from_parts.is_some() {
                cols[2].from_parts = Some(before.saturating_add(parts));
            }
        }
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
            // A sum beyond any budget is already reported; its Summa cells would
            // only repeat it.
            let checked = if table.sum_too_large {
                &[][..]
            } else {
                &[
                    (l.new, labels::COL_NEW, &cols[0]),
                    (l.existing, labels::COL_EXISTING_SHORT, &cols[1]),
                    (l.amount, labels::COL_AMOUNT_SHORT, &cols[2]),
                ][..]
            };
            for &(col, label, sums) in checked {
                let cell = AmountCell::new(grid, CellRef::new(row, col), Column::Label(label));
                check_total(&cell, sums, sheet, sink);
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
    linked: &Linked<'_>,
) -> PlanTable {
    let linked_col = linked
        .budget_year
        .and_then(|y| l.years.iter().position(|v| *v == y));
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
    // The development columns, then the maintenance columns, as in `all`.
    let mut cols: Vec<ColSum> = vec![ColSum::default(); 2 * years];
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
        // The budget year's development taken by formula from a budget row whose
        // Belopp shows an error because of a text cell: that cell's consequence,
        // read as the Belopp it stands for.
        if let (Some(k), Some((budget_sheet, root, error, right))) =
            (linked_col, linked.broken.get(&initiative_key(&name)))
            && let Some(cell) = all.get_mut(k)
            && cell.formula
            && matches!(&cell.reading, Reading::Invalid(NotAmount::ErrorValue(e)) if e == error)
        {
            let consequence = Consequence {
                sheet: Some(sheet.to_string()),
                cell: cell.at,
                shows: Shows::Error(error.clone()),
            };
            blame(sink, budget_sheet, *root, consequence);
            cell.reading = match right {
                Some(value) => Reading::Number {
                    value: *value,
                    formula: true,
                },
                None => Reading::Empty,
            };
            // Its column's Summa passes the error on: a consequence too.
            if let Some(sums) = cols.get_mut(k) {
                sums.error = true;
                sums.error_root.get_or_insert(*root);
                sums.error_root_sheet
                    .get_or_insert_with(|| budget_sheet.clone());
            }
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
        for (sums, cell) in cols.iter_mut().zip(&all) {
            sums.see(cell);
        }
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
            let mut cells = cells_of(row, &l.development, labels::PLAN_DEVELOPMENT);
            cells.extend(cells_of(row, &l.maintenance, labels::PLAN_MAINTENANCE));
            for (cell, sums) in cells.iter().zip(&cols) {
                if !table.sum_too_large {
                    check_total(cell, sums, sheet, sink);
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
