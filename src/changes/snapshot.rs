//! Snapshots to compare: from the plans as read, or from a consolidated
//! workbook's `Initiativ` sheet.

use super::*;

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
    cells: &[crate::grid::WrittenCell],
    budget_year: Option<i32>,
) -> Option<Snapshot> {
    use crate::grid::Value;
    let mut rows: Vec<(u32, Vec<&crate::grid::WrittenCell>)> = Vec::new();
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
    let text = |c: &crate::grid::WrittenCell| c.value.display();
    let col_of = |label: &str| header.iter().find(|c| text(c) == label).map(|c| c.at.col);
    let (area_col, version_col, name_col) = (
        col_of(labels::META_AREA)?,
        col_of(labels::META_VERSION)?,
        col_of(labels::COL_INITIATIVE)?,
    );
    // A `Projekt` column, when the workbook has one: codes separated by `,` or `;`.
    let project_col = col_of(PROJECT_HEADER);
    let mut columns: Vec<(u32, Column)> = vec![
        (col_of(labels::COL_NEW)?, Column::New),
        (col_of(labels::COL_EXISTING_SHORT)?, Column::Existing),
        (col_of(labels::COL_AMOUNT)?, Column::Amount),
    ];
    for c in header.iter() {
        let h = text(c);
        let year = |prefix: &str| {
            h.strip_prefix(prefix)
                .and_then(|rest| rest.trim().parse::<i32>().ok())
        };
        if let Some(y) = year(labels::PLAN_DEVELOPMENT) {
            columns.push((c.at.col, Column::Development(y)));
        } else if let Some(y) = year(labels::PLAN_MAINTENANCE) {
            columns.push((c.at.col, Column::Maintenance(y)));
        }
    }
    let mut areas: Vec<AreaSnapshot> = Vec::new();
    for (_, row) in &rows[1..] {
        let at = |col: u32| row.iter().find(|c| c.at.col == col).map(|c| &c.value);
        let (Some(area), Some(name)) = (at(area_col), at(name_col)) else {
            continue;
        };
        let version = at(version_col).map(Value::display).unwrap_or_default();
        let figures = columns
            .iter()
            .filter_map(|(col, column)| match at(*col) {
                Some(Value::Number(v)) => Some((*column, *v)),
                _ => None,
            })
            .collect();
        let codes = project_col
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
        let area = area.display();
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
