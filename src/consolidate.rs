//! Stage 6: `consolidate`. Loaded files → the city-wide [`Consolidation`]: one
//! summary per area (included or not) and totals over the included ones. Pure
//! `Decimal` arithmetic; no I/O, no formats.

use crate::loaded::{Loaded, Status};
use crate::location::CellRef;
use crate::model::AreaPlan;
use crate::settings::Config;
use rust_decimal::Decimal;

/// One area's figures, as the summary sheet and the JSON report show them.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaSummary<'a> {
    pub area: String,
    pub version: String,
    pub file: String,
    pub included: bool,
    /// The area's sums and frame, as the city's [`Totals`] are given.
    pub figures: Totals,
    pub plan: &'a AreaPlan,
}

/// Sums by category and year, and the frame they are held against: of one area
/// ([`AreaSummary::figures`]) or of the city ([`Consolidation::totals`]).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Totals {
    pub new: Decimal,
    pub existing: Decimal,
    pub total: Decimal,
    pub development: Vec<Decimal>,
    pub maintenance: Vec<Decimal>,
    pub frame: Option<Decimal>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Consolidation<'a> {
    pub budget_year: Option<i32>,
    pub years: Vec<i32>,
    /// Every area that could be read, in the configuration's order (else by name).
    pub areas: Vec<AreaSummary<'a>>,
    /// Over the included areas only.
    pub totals: Totals,
    pub has_frames: bool,
}

impl<'a> Consolidation<'a> {
    pub fn included(&self) -> impl Iterator<Item = &AreaSummary<'a>> {
        self.areas.iter().filter(|a| a.included)
    }
}

/// Swedish alphabetical order: … x, y, z, å, ä, ö.
pub fn swedish_key(name: &str) -> Vec<u32> {
    crate::labels::normalize(name)
        .chars()
        .map(|c| match c {
            'å' => 'z' as u32 + 1,
            'ä' | 'æ' => 'z' as u32 + 2,
            'ö' | 'ø' => 'z' as u32 + 3,
            other => other as u32,
        })
        .collect()
}

pub fn consolidate<'a>(
    files: &'a [Loaded],
    budget_year: Option<i32>,
    years: &[i32],
    config: Option<&Config>,
) -> Consolidation<'a> {
    let per_year = |values: &[Decimal], plan_years: &[i32]| -> Vec<Decimal> {
        years
            .iter()
            .map(|y| {
                plan_years
                    .iter()
                    .position(|p| p == y)
                    .map_or(Decimal::ZERO, |i| values[i])
            })
            .collect()
    };
    let mut areas: Vec<AreaSummary<'a>> = files
        .iter()
        .filter(|f| f.status != Status::Superseded)
        .filter_map(|f| {
            let plan = f.plan.as_ref()?;
            let area = f.area.clone().unwrap_or_else(|| plan.meta.area.clone());
            let frame = config.and_then(|c| c.area_for(&area)).and_then(|a| a.frame);
            Some(AreaSummary {
                area,
                version: plan.meta.version.clone(),
                file: f.file.clone(),
                included: f.status == Status::Included,
                figures: Totals {
                    new: plan.budget.sum_new,
                    existing: plan.budget.sum_existing,
                    total: plan.budget.sum_amount,
                    development: per_year(&plan.plan.sum_development, &plan.plan.years),
                    maintenance: per_year(&plan.plan.sum_maintenance, &plan.plan.years),
                    frame,
                },
                plan,
            })
        })
        .collect();
    let position = |area: &str| {
        config
            .and_then(|c| c.areas.iter().position(|a| a.name == area))
            .unwrap_or(usize::MAX)
    };
    areas.sort_by(|a, b| {
        (position(&a.area), swedish_key(&a.area), &a.file).cmp(&(
            position(&b.area),
            swedish_key(&b.area),
            &b.file,
        ))
    });
    let mut totals = Totals {
        development: vec![Decimal::ZERO; years.len()],
        maintenance: vec![Decimal::ZERO; years.len()],
        frame: config.and_then(|c| c.total_frame),
        ..Totals::default()
    };
    // Each included area's sums are at most 10^12 tkr (`amount::MAX_AMOUNT`), so
    // these cannot overflow; they saturate rather than panic all the same.
    for a in areas.iter().filter(|a| a.included).map(|a| &a.figures) {
        totals.new = totals.new.saturating_add(a.new);
        totals.existing = totals.existing.saturating_add(a.existing);
        totals.total = totals.total.saturating_add(a.total);
        for (i, (d, m)) in a.development.iter().zip(&a.maintenance).enumerate() {
            totals.development[i] = totals.development[i].saturating_add(*d);
            totals.maintenance[i] = totals.maintenance[i].saturating_add(*m);
        }
    }
    let has_frames = config.is_some_and(|c| c.areas.iter().any(|a| a.frame.is_some()));
    Consolidation {
        budget_year,
        years: years.to_vec(),
        areas,
        totals,
        has_frames,
    }
}

/// One line of the `Initiativ` sheet: an initiative of one area, joined across the
/// two sheets by its normalised name.
#[derive(Debug, Clone, PartialEq)]
pub struct InitiativeLine<'a> {
    pub area: &'a str,
    pub version: &'a str,
    pub name: &'a str,
    pub new: Option<Decimal>,
    pub existing: Option<Decimal>,
    pub amount: Option<Decimal>,
    pub development: Vec<Option<Decimal>>,
    pub maintenance: Vec<Option<Decimal>>,
    pub impact: Option<&'static str>,
    pub file: &'a str,
    /// 1-based rows in `Budgetfördelning` and `Utvecklingsinitiativ`.
    pub budget_row: Option<u32>,
    pub plan_row: Option<u32>,
    /// The cell the line's source link points to: the budget row's `Belopp`, or
    /// for a multi-year row without a budget row, its name.
    pub source: (&'a str, CellRef),
}

/// The sheet's name as read, or its label when the plan was made in code.
fn sheet_or<'a>(name: &'a str, label: &'static str) -> &'a str {
    if name.is_empty() { label } else { name }
}

/// The initiatives of one area for the `Initiativ` sheet: budget rows in sheet
/// order (with their multi-year row when one matches), then multi-year rows without
/// a budget row. Amounts per year follow `years` (the run's plan years).
pub fn area_lines<'a>(
    area: &'a str,
    version: &'a str,
    file: &'a str,
    plan: &'a AreaPlan,
    years: &[i32],
) -> Vec<InitiativeLine<'a>> {
    let table = &plan.plan;
    let per_year = |values: &[Decimal]| -> Vec<Option<Decimal>> {
        years
            .iter()
            .map(|y| table.year_index(*y).map(|i| values[i]))
            .collect()
    };
    let mut lines = Vec::with_capacity(plan.budget.rows.len() + table.rows.len());
    let mut used = vec![false; table.rows.len()];
    let by_key = crate::model::index_by_key(&table.rows);
    for b in &plan.budget.rows {
        let matched = by_key.get(b.key.as_str()).copied();
        if let Some(i) = matched {
            used[i] = true;
        }
        let p = matched.map(|i| &table.rows[i]);
        lines.push(InitiativeLine {
            area,
            version,
            name: &b.name,
            new: Some(b.new),
            existing: Some(b.existing),
            amount: Some(b.amount),
            development: p.map_or_else(|| vec![None; years.len()], |p| per_year(&p.development)),
            maintenance: p.map_or_else(|| vec![None; years.len()], |p| per_year(&p.maintenance)),
            impact: p.and_then(|p| p.impact),
            file,
            budget_row: Some(b.name_cell.row_number()),
            plan_row: p.map(|p| p.name_cell.row_number()),
            source: (
                sheet_or(&plan.budget.sheet, crate::labels::SHEET_BUDGET),
                b.amount_cell,
            ),
        });
    }
    for (p, _) in table.rows.iter().zip(&used).filter(|(_, used)| !**used) {
        lines.push(InitiativeLine {
            area,
            version,
            name: &p.name,
            new: None,
            existing: None,
            amount: None,
            development: per_year(&p.development),
            maintenance: per_year(&p.maintenance),
            impact: p.impact,
            file,
            budget_row: None,
            plan_row: Some(p.name_cell.row_number()),
            source: (
                sheet_or(&table.sheet, crate::labels::SHEET_PLAN),
                p.name_cell,
            ),
        });
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{BudgetRow, BudgetTable, Metadata, PlanRow, PlanTable};

    fn budget_row(name: &str, row: u32, amount: i64) -> BudgetRow {
        BudgetRow {
            projects: Vec::new(),
            name: name.to_string(),
            key: crate::labels::initiative_key(name),
            name_cell: CellRef::new(row, 0),
            amount_cell: CellRef::new(row, 3),
            new: Decimal::from(amount),
            existing: Decimal::ZERO,
            amount: Decimal::from(amount),
            sum_ok: true,
        }
    }

    fn plan_row(name: &str, row: u32, development: [i64; 2]) -> PlanRow {
        PlanRow {
            name: name.to_string(),
            key: crate::labels::initiative_key(name),
            name_cell: CellRef::new(row, 0),
            development: development.map(Decimal::from).to_vec(),
            maintenance: vec![Decimal::ONE; 2],
            impact: Some("Liten"),
        }
    }

    /// Budget rows in sheet order, each with its own multi-year row whatever the
    /// order there (and numbering), then the multi-year rows without a budget row.
    #[test]
    fn lines_join_the_sheets_by_key_in_budget_order() {
        let plan = AreaPlan {
            meta: Metadata {
                area: "HR".into(),
                version: "1.0".into(),
                budget_year: 2023,
                date: None,
                lead: None,
            },
            budget: BudgetTable {
                rows: vec![
                    budget_row("Alfa", 10, 100),
                    budget_row("Beta", 11, 200),
                    budget_row("Gamma", 12, 300),
                ],
                ..BudgetTable::default()
            },
            plan: PlanTable {
                years: vec![2023, 2024],
                rows: vec![
                    plan_row("3. Gamma", 5, [300, 30]),
                    plan_row("Extra", 6, [0, 50]),
                    plan_row("1) alfa", 7, [100, 10]),
                ],
                ..PlanTable::default()
            },
        };
        let lines = area_lines("HR", "1.0", "hr.xlsx", &plan, &[2023, 2024, 2025]);
        type Summary<'a> = (&'a str, Option<u32>, Option<u32>, Vec<Option<Decimal>>);
        let summary: Vec<Summary<'_>> = lines
            .iter()
            .map(|l| (l.name, l.budget_row, l.plan_row, l.development.clone()))
            .collect();
        let d = |v: i64| Some(Decimal::from(v));
        assert_eq!(
            summary,
            vec![
                ("Alfa", Some(11), Some(8), vec![d(100), d(10), None]),
                ("Beta", Some(12), None, vec![None, None, None]),
                ("Gamma", Some(13), Some(6), vec![d(300), d(30), None]),
                ("Extra", None, Some(7), vec![d(0), d(50), None]),
            ]
        );
    }
}
