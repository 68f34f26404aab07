//! Snapshots to compare: from the plans as read, or from a consolidated
//! workbook's `Initiativ` sheet.

use super::*;
use crate::grid::{Value, WrittenCell};

/// An area's snapshot from its plan as read: the lines of the `Initiativ` sheet
/// (budget rows joined with their multi-year rows), each figure a cell had.
/// Project codes come from the budget row's `Projekt` column (a line with no budget
/// row has none), so a renamed initiative with a code is matched by it.
pub fn area_snapshot(area: &str, plan: &crate::model::AreaPlan) -> AreaSnapshot {
    let years = &plan.plan.years;
    let codes_of: std::collections::HashMap<&str, &[String]> = plan
        .budget
        .rows
        .iter()
        .map(|b| (b.name.as_str(), b.projects.as_slice()))
        .collect();
    let lines = crate::consolidate::area_lines(area, &plan.meta.version, "", plan, years);
    let items = lines
        .iter()
        .map(|l| {
            let mut figures = Vec::new();
            for (column, value) in [
                (Column::New, l.new),
                (Column::Existing, l.existing),
                (Column::Amount, l.amount),
            ] {
                if let Some(v) = value {
                    figures.push((column, v));
                }
            }
            for (y, (d, m)) in years.iter().zip(l.development.iter().zip(&l.maintenance)) {
                if let Some(d) = d {
                    figures.push((Column::Development(*y), *d));
                }
                if let Some(m) = m {
                    figures.push((Column::Maintenance(*y), *m));
                }
            }
            Item {
                name: l.name.to_string(),
                codes: codes_of.get(l.name).map(|c| c.to_vec()).unwrap_or_default(),
                figures,
            }
        })
        .collect();
    AreaSnapshot {
        area: area.to_string(),
        version: plan.meta.version.clone(),
        budget_year: Some(plan.meta.budget_year),
        items,
    }
}

/// The snapshot of an earlier consolidation, from its `Initiativ` sheet as read
/// back (`grid::read_written_workbook`): the columns found by their headers, one
/// area per run of rows with the same `Tjänsteområde`. `budget_year` is the
/// current run's (the sheet does not repeat it). `None` when the headers are not
/// those of our `Initiativ` sheet.
pub fn snapshot_from_initiatives(
    cells: &[WrittenCell],
    budget_year: Option<i32>,
) -> Option<Snapshot> {
    let mut rows: Vec<(u32, Vec<&WrittenCell>)> = Vec::new();
    for c in cells {
        match rows.last_mut() {
            Some((r, row)) if *r == c.at.row => row.push(c),
            _ => rows.push((c.at.row, vec![c])),
        }
    }
    let (header_row, header) = rows.first()?;
    if *header_row != 0 {
        return None;
    }
    let columns = SheetColumns::find(header)?;
    let mut areas: Vec<AreaSnapshot> = Vec::new();
    for (_, row) in &rows[1..] {
        let Some((area, version, item)) = columns.item(row) else {
            continue;
        };
        match areas.last_mut() {
            Some(a) if a.area == area && a.version == version => a.items.push(item),
            _ => areas.push(AreaSnapshot {
                area,
                version,
                budget_year,
                items: vec![item],
            }),
        }
    }
    Some(Snapshot { areas })
}

/// Where the columns of an `Initiativ` sheet stand, found by their headers.
struct SheetColumns {
    area: u32,
    version: u32,
    name: u32,
    /// A `Projekt` column, when the workbook has one: codes separated by `,` or `;`.
    project: Option<u32>,
    figures: Vec<(u32, Column)>,
}

impl SheetColumns {
    fn find(header: &[&WrittenCell]) -> Option<SheetColumns> {
        let col_of = |label: &str| {
            header
                .iter()
                .find(|c| c.value.display() == label)
                .map(|c| c.at.col)
        };
        let mut figures: Vec<(u32, Column)> = vec![
            (col_of(labels::COL_NEW)?, Column::New),
            (col_of(labels::COL_EXISTING_SHORT)?, Column::Existing),
            (col_of(labels::COL_AMOUNT)?, Column::Amount),
        ];
        let (area, version, name) = (
            col_of(labels::META_AREA)?,
            col_of(labels::META_VERSION)?,
            col_of(labels::COL_INITIATIVE)?,
        );
        for c in header {
            let h = c.value.display();
            let year = |prefix: &str| {
                h.strip_prefix(prefix)
                    .and_then(|rest| rest.trim().parse::<i32>().ok())
            };
            if let Some(y) = year(labels::PLAN_DEVELOPMENT) {
                figures.push((c.at.col, Column::Development(y)));
            } else if let Some(y) = year(labels::PLAN_MAINTENANCE) {
                figures.push((c.at.col, Column::Maintenance(y)));
            }
        }
        Some(SheetColumns {
            area,
            version,
            name,
            project: col_of(PROJECT_HEADER),
            figures,
        })
    }

    /// One row's area, version and initiative; `None` for a row without an area
    /// or a name.
    fn item(&self, row: &[&WrittenCell]) -> Option<(String, String, Item)> {
        let at = |col: u32| row.iter().find(|c| c.at.col == col).map(|c| &c.value);
        let (Some(area), Some(name)) = (at(self.area), at(self.name)) else {
            return None;
        };
        let version = at(self.version).map(Value::display).unwrap_or_default();
        let figures = self
            .figures
            .iter()
            .filter_map(|(col, column)| match at(*col) {
                Some(Value::Number(v)) => Some((*column, *v)),
                _ => None,
            })
            .collect();
        let codes = self
            .project
            .and_then(at)
            .map(|v| {
                v.display()
                    .split([',', ';'])
                    .map(str::trim)
                    .filter(|c| !c.is_empty())
                    .map(String::from)
                    .collect()
            })
            .unwrap_or_default();
        let item = Item {
            name: name.display(),
            codes,
            figures,
        };
        Some((area.display(), version, item))
    }
}
