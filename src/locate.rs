//! Stage 3: `locate`. Finds where things are in a [`Grid`] by their header text,
//! never by position: the metadata block, the budget table's columns and the
//! multi-year table's header in either of its two forms.
//!
//! Takes a grid; returns positions (absolute, 0-based) or what could not be found.
//! It reads no amounts and makes no findings.

use crate::grid::{Cell, Grid, Value};
use crate::labels::{self, Unit, normalize};
use crate::location::CellRef;

/// A header cell whose unit is not the template's tkr (`Belopp (kr)`): the amounts
/// below it are in kronor or millions, 1 000 times off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrongUnit {
    pub cell: CellRef,
    /// The header as written.
    pub header: String,
    pub unit: Unit,
}

impl WrongUnit {
    /// The header cell's wrong unit, if its unit is kronor or millions.
    fn of(cell: CellRef, header: &str, unit: Option<Unit>) -> Option<WrongUnit> {
        unit.filter(|u| *u != Unit::Thousands)
            .map(|unit| WrongUnit {
                cell,
                header: header.trim().to_string(),
                unit,
            })
    }
}

/// The columns of `Budgetfördelning`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BudgetLayout {
    pub header_row: u32,
    pub text: u32,
    pub new: u32,
    pub existing: u32,
    pub amount: u32,
    /// The optional `Projekt` column (project codes for the follow-up).
    pub project: Option<u32>,
    /// The amount headers that name another unit than tkr.
    pub wrong_units: Vec<WrongUnit>,
}

/// Why a table's header could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeaderError {
    /// No row holds every header needed: the ones the best candidate row lacks.
    Missing(Vec<String>),
    /// Two or more columns of the header claim one header (two `Utveckling 2024`):
    /// which one holds the amounts cannot be told, so none is guessed.
    Ambiguous { header: String, cells: Vec<CellRef> },
}

/// The header cells of one role (e.g. every `Nyutveckling` of a row): its text as
/// written, its column and the unit written after the label, left to right.
type Claims = Vec<(String, u32, Option<Unit>)>;

/// [`HeaderError::Ambiguous`] for the first role with more than one column.
fn ambiguous<'c>(row: u32, roles: impl IntoIterator<Item = &'c Claims>) -> Option<HeaderError> {
    roles
        .into_iter()
        .find(|c| c.len() > 1)
        .map(|claims| HeaderError::Ambiguous {
            header: claims[0].0.clone(),
            cells: claims
                .iter()
                .map(|(_, col, _)| CellRef::new(row, *col))
                .collect(),
        })
}

/// The header cells of one row of `Budgetfördelning`, by the column they name.
#[derive(Default)]
struct BudgetClaims {
    text: Claims,
    new: Claims,
    existing: Claims,
    amount: Claims,
    project: Claims,
}

impl BudgetClaims {
    /// The text cells of a row that name a column of the budget table.
    fn of_row(cells: &[Cell]) -> BudgetClaims {
        let mut claims = BudgetClaims::default();
        for cell in cells {
            let Value::Text(t) = &cell.value else {
                continue;
            };
            // The label without a unit after it (`Belopp (tkr)`, `Nyutveckling, kr`).
            let key = normalize(t);
            let (key, mut unit) = labels::split_unit(&key);
            let role = if key == labels::key::TEXT || key == labels::key::INITIATIVE {
                &mut claims.text
            } else if key == labels::key::NEW {
                &mut claims.new
            } else if let Some(rest) = key.strip_prefix(labels::key::EXISTING_PREFIX) {
                // Matched by its beginning: a unit may stand anywhere after it.
                unit = unit.or_else(|| labels::unit_word_in(rest));
                &mut claims.existing
            } else if key == labels::key::AMOUNT || key == labels::key::AMOUNT_SHORT {
                &mut claims.amount
            } else if labels::key::PROJECT.contains(&key) {
                &mut claims.project
            } else {
                continue;
            };
            role.push((t.trim().to_string(), cell.at.col, unit));
        }
        claims
    }

    /// The layout, when `row` holds all four headers; an error when one of them
    /// (or `Projekt`) stands in two columns.
    fn layout(&self, row: u32) -> Option<Result<BudgetLayout, HeaderError>> {
        let ([t, ..], [n, ..], [e, ..], [a, ..]) = (
            &self.text[..],
            &self.new[..],
            &self.existing[..],
            &self.amount[..],
        ) else {
            return None;
        };
        let roles = [
            &self.text,
            &self.new,
            &self.existing,
            &self.amount,
            &self.project,
        ];
        if let Some(error) = ambiguous(row, roles) {
            return Some(Err(error));
        }
        let wrong_units = [n, e, a]
            .into_iter()
            .filter_map(|(header, col, unit)| WrongUnit::of(CellRef::new(row, *col), header, *unit))
            .collect();
        Some(Ok(BudgetLayout {
            header_row: row,
            text: t.1,
            new: n.1,
            existing: e.1,
            amount: a.1,
            project: self.project.first().map(|p| p.1),
            wrong_units,
        }))
    }

    /// The labels of the four headers the row lacks, in the table's order.
    fn missing(&self) -> Vec<String> {
        [
            (&self.text, labels::COL_TEXT),
            (&self.new, labels::COL_NEW),
            (&self.existing, labels::COL_EXISTING),
            (&self.amount, labels::COL_AMOUNT),
        ]
        .into_iter()
        .filter(|(found, _)| found.is_empty())
        .map(|(_, label)| label.to_string())
        .collect()
    }
}

/// Finds the first row holding all four budget headers, or names the headers the
/// best candidate row lacks (all four when the sheet has no row). A header in two
/// columns of that row is ambiguous.
pub fn budget_header(grid: &Grid) -> Result<BudgetLayout, HeaderError> {
    let mut best: Option<Vec<String>> = None;
    for (row, cells) in grid.rows() {
        let claims = BudgetClaims::of_row(cells);
        if let Some(layout) = claims.layout(row) {
            return layout;
        }
        let missing = claims.missing();
        if best.as_ref().is_none_or(|m| missing.len() < m.len()) {
            best = Some(missing);
        }
    }
    Err(HeaderError::Missing(
        best.unwrap_or_else(|| BudgetClaims::default().missing()),
    ))
}

/// A metadata label and the cell holding its value (the next non-empty cell to the
/// right in the same row), if any. A label written with its value in one cell,
/// `Tjänsteområde: HR`, has that value, as a text at the label's cell.
#[derive(Debug, Clone, PartialEq)]
pub struct MetaField<'g> {
    pub label_cell: CellRef,
    pub value: Option<std::borrow::Cow<'g, Cell>>,
}

/// Finds `label` in the rows above `before_row` (the whole sheet when `None`).
pub fn meta_field<'g>(
    grid: &'g Grid,
    label: &str,
    before_row: Option<u32>,
) -> Option<MetaField<'g>> {
    let key = normalize(label);
    for (row, cells) in grid.rows() {
        if before_row.is_some_and(|limit| row >= limit) {
            break;
        }
        for (i, cell) in cells.iter().enumerate() {
            let Value::Text(t) = &cell.value else {
                continue;
            };
            if labels::is_key(t, &key) {
                let value = cells[i + 1..].iter().find(|c| !c.value.is_empty());
                return Some(MetaField {
                    label_cell: cell.at,
                    value: value.map(std::borrow::Cow::Borrowed),
                });
            }
            if let Some((label_part, value)) = t.split_once(':')
                && labels::is_key(label_part, &key)
                && !value.trim().is_empty()
            {
                let value = Cell {
                    at: cell.at,
                    value: Value::Text(value.trim().to_string()),
                    formula: false,
                };
                return Some(MetaField {
                    label_cell: cell.at,
                    value: Some(std::borrow::Cow::Owned(value)),
                });
            }
        }
    }
    None
}

/// The columns of `Utvecklingsinitiativ`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanLayout {
    /// The last header row: data starts below it.
    pub header_row: u32,
    pub initiative: u32,
    pub impact: Option<u32>,
    pub years: Vec<i32>,
    /// Development and maintenance column for each of `years`.
    pub development: Vec<u32>,
    pub maintenance: Vec<u32>,
    /// The header cells (a year's or a group label's) that name another unit than tkr.
    pub wrong_units: Vec<WrongUnit>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Group {
    Development,
    Maintenance,
}

const DEV_LABELS: [&str; 2] = ["utveckling", "utvecklingsinitiativ"];
const MAINT_LABELS: [&str; 2] = ["vidmakthållande", "påverkan vidmakthålla"];

/// A group label (`Utveckling`, `Påverkan vidmakthålla (tkr)`) and the unit written
/// after it.
fn group_of(key: &str) -> Option<(Group, Option<Unit>)> {
    let (key, unit) = labels::split_unit(key);
    if DEV_LABELS.contains(&key) {
        Some((Group::Development, unit))
    } else if MAINT_LABELS.contains(&key) {
        Some((Group::Maintenance, unit))
    } else {
        None
    }
}

/// A plausible plan year in a header cell: a whole number or its text (`2023`,
/// `2023 (tkr)`), with the unit written after it; or a date, whose year it is (a
/// header row of dates formatted to show the year, `2023-01-01` as `2023`).
fn year_of(value: &Value) -> Option<(i32, Option<Unit>)> {
    let (year, unit) = match value {
        Value::Number(d) if d.fract().is_zero() => (i32::try_from(d.trunc()).ok()?, None),
        Value::Date(iso) => (iso.get(..4)?.parse().ok()?, None),
        Value::Text(t) => {
            let key = normalize(t);
            let (year, unit) = labels::split_unit(&key);
            (year.parse().ok()?, unit)
        }
        _ => return None,
    };
    (1900..=2200).contains(&year).then_some((year, unit))
}

/// `Utveckling 2023` → (Development, 2023); `Utveckling 2023 (kr)` and
/// `Utveckling (kr) 2023` with their unit.
fn group_year(key: &str) -> Option<(Group, i32, Option<Unit>)> {
    let (key, unit) = labels::split_unit(key);
    let (label, year) = labels::split_year(key)?;
    let (group, label_unit) = group_of(label)?;
    Some((group, year, unit.or(label_unit)))
}

fn text_key(cell: &Cell) -> Option<String> {
    match &cell.value {
        Value::Text(t) => Some(normalize(t)),
        _ => None,
    }
}

fn is_initiative_label(key: &str, one_row: bool) -> bool {
    key == "initiativ" || key == "text" || (one_row && key == "utvecklingsinitiativ")
}

/// Finds the multi-year header in its one-row or two-row form.
pub fn plan_header(grid: &Grid) -> Result<PlanLayout, HeaderError> {
    // Only the rows down to the header are looked at (not collected up front).
    let mut rows = grid.rows().peekable();
    // The years of the first row of `Vidmakthållande ÅÅÅÅ` cells without any
    // `Utveckling ÅÅÅÅ`: what is missing is then the development columns alone.
    let mut maintenance_years: Option<Vec<i32>> = None;
    while let Some((row, cells)) = rows.next() {
        // One-row form: `Utveckling 2023`, `Vidmakthållande 2023`, …
        let mut wrong_units = Vec::new();
        let mut columns: Vec<(Group, i32, u32)> = cells
            .iter()
            .filter_map(|c| {
                let (g, y, unit) = text_key(c).and_then(|k| group_year(&k))?;
                wrong_units.extend(WrongUnit::of(c.at, &c.value.display(), unit));
                Some((g, y, c.at.col))
            })
            .collect();
        if columns.iter().any(|(g, ..)| *g == Group::Development) {
            let label_col = cells
                .iter()
                .find(|c| text_key(c).is_some_and(|k| is_initiative_label(&k, true)))
                .map(|c| c.at.col);
            let impact = cells
                .iter()
                .find(|c| text_key(c).as_deref() == Some("påverkan"))
                .map(|c| c.at.col);
            return finish(row, label_col, impact, &mut columns, wrong_units);
        }
        if maintenance_years.is_none() && !columns.is_empty() {
            let mut years: Vec<i32> = columns.iter().map(|c| c.1).collect();
            years.sort_unstable();
            years.dedup();
            maintenance_years = Some(years);
        }
        // Two-row form: group labels here, years in the row directly below.
        let groups: Vec<(&Cell, Group, Option<Unit>)> = cells
            .iter()
            .filter_map(|c| {
                text_key(c)
                    .and_then(|k| group_of(&k))
                    .map(|(g, unit)| (c, g, unit))
            })
            .collect();
        if groups.is_empty() {
            continue;
        }
        let Some(&(below_row, below)) = rows.peek().filter(|(r, _)| *r == row + 1) else {
            continue;
        };
        let (mut columns, wrong_units) = year_columns(&groups, below);
        if columns.is_empty() {
            continue;
        }
        let both = cells.iter().chain(below.iter());
        let label_col = both
            .clone()
            .find(|c| text_key(c).is_some_and(|k| is_initiative_label(&k, false)))
            .map(|c| c.at.col);
        let impact = both
            .clone()
            .find(|c| text_key(c).as_deref() == Some("påverkan"))
            .map(|c| c.at.col);
        return finish(below_row, label_col, impact, &mut columns, wrong_units);
    }
    Err(HeaderError::Missing(match maintenance_years {
        Some(years) => years
            .iter()
            .map(|y| format!("{} {y}", labels::PLAN_DEVELOPMENT))
            .collect(),
        None => vec![
            format!("{} ÅÅÅÅ", labels::PLAN_DEVELOPMENT),
            format!("{} ÅÅÅÅ", labels::PLAN_MAINTENANCE),
        ],
    }))
}

/// The year columns of a two-row header: each year of the row below the group
/// labels, under its label; and the units other than tkr written in a year cell,
/// else in its group label (named once).
///
/// The years stand in runs: adjacent columns, each year after the one before
/// (`2023 2024 2025 | 2023 2024 2025`). A run with one group's label anywhere above
/// it belongs to that group, so that a label centred by hand over its years (in the
/// middle column, not the first) names all of them, as a merged cell's does; any
/// other year goes under the nearest label at or left of it.
fn year_columns(
    groups: &[(&Cell, Group, Option<Unit>)],
    below: &[Cell],
) -> (Vec<(Group, i32, u32)>, Vec<WrongUnit>) {
    let years: Vec<(&Cell, i32, Option<Unit>)> = below
        .iter()
        .filter_map(|c| year_of(&c.value).map(|(year, unit)| (c, year, unit)))
        .collect();
    let mut runs: Vec<&[(&Cell, i32, Option<Unit>)]> = Vec::new();
    let mut start = 0;
    for i in 1..=years.len() {
        let ends = i == years.len()
            || years[i].0.at.col != years[i - 1].0.at.col + 1
            || years[i].1 <= years[i - 1].1;
        if ends {
            runs.push(&years[start..i]);
            start = i;
        }
    }
    let (mut columns, mut wrong_units) = (Vec::new(), Vec::new());
    for run in runs {
        let (first, last) = (run[0].0.at.col, run[run.len() - 1].0.at.col);
        let over: Vec<&(&Cell, Group, Option<Unit>)> = groups
            .iter()
            .filter(|(g, ..)| (first..=last).contains(&g.at.col))
            .collect();
        let run_label = match over.as_slice() {
            [only] => Some(**only),
            _ => None,
        };
        for &(c, year, unit) in run {
            let Some((label, group, label_unit)) = run_label.or_else(|| {
                groups
                    .iter()
                    .rev()
                    .find(|(g, ..)| g.at.col <= c.at.col)
                    .copied()
            }) else {
                continue;
            };
            match WrongUnit::of(c.at, &c.value.display(), unit) {
                Some(wrong) => wrong_units.push(wrong),
                None if unit.is_none() => wrong_units.extend(
                    WrongUnit::of(label.at, &label.value.display(), label_unit)
                        .filter(|w| !wrong_units.contains(w)),
                ),
                None => {}
            }
            columns.push((group, year, c.at.col));
        }
    }
    (columns, wrong_units)
}

fn finish(
    header_row: u32,
    label_col: Option<u32>,
    impact: Option<u32>,
    columns: &mut [(Group, i32, u32)],
    wrong_units: Vec<WrongUnit>,
) -> Result<PlanLayout, HeaderError> {
    columns.sort_by_key(|&(g, y, col)| (y, g == Group::Maintenance, col));
    // One group and year in two columns (two `Utveckling 2024`).
    if let Some(pair) = columns
        .windows(2)
        .find(|w| (w[0].0, w[0].1) == (w[1].0, w[1].1))
    {
        let (group, year) = (pair[0].0, pair[0].1);
        let label = match group {
            Group::Development => labels::PLAN_DEVELOPMENT,
            Group::Maintenance => labels::PLAN_MAINTENANCE,
        };
        return Err(HeaderError::Ambiguous {
            header: format!("{label} {year}"),
            cells: columns
                .iter()
                .filter(|c| (c.0, c.1) == (group, year))
                .map(|c| CellRef::new(header_row, c.2))
                .collect(),
        });
    }
    let mut years: Vec<i32> = columns.iter().map(|c| c.1).collect();
    years.dedup();
    let find = |group: Group, year: i32| {
        columns
            .iter()
            .find(|c| c.0 == group && c.1 == year)
            .map(|c| c.2)
    };
    let mut missing = Vec::new();
    let (mut development, mut maintenance) = (Vec::new(), Vec::new());
    for &year in &years {
        match find(Group::Development, year) {
            Some(col) => development.push(col),
            None => missing.push(format!("{} {year}", labels::PLAN_DEVELOPMENT)),
        }
        match find(Group::Maintenance, year) {
            Some(col) => maintenance.push(col),
            None => missing.push(format!("{} {year}", labels::PLAN_MAINTENANCE)),
        }
    }
    let first_year_col = columns.iter().map(|c| c.2).min().unwrap_or(0);
    let initiative = match label_col {
        Some(col) => col,
        None if first_year_col > 0 => first_year_col - 1,
        None => {
            missing.push(labels::COL_INITIATIVE.to_string());
            0
        }
    };
    if !missing.is_empty() {
        return Err(HeaderError::Missing(missing));
    }
    Ok(PlanLayout {
        header_row,
        initiative,
        impact,
        years,
        development,
        maintenance,
        wrong_units,
    })
}

#[cfg(test)]
mod tests;
