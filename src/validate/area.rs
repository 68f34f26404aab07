//! Cross-sheet rules within one area: `Budgetfördelning` against
//! `Utvecklingsinitiativ` for the budget year. Takes the parsed tables and adds
//! findings; changes no amounts.

use crate::finding::{Kind, YearKind, YearSource};
use crate::labels;
use crate::location::CellRef;
use crate::model::{BudgetTable, PlanTable, index_by_key};
use crate::parse::{Parsed, Sink};

pub fn check(parsed: &Parsed, sink: &mut Sink<'_>) {
    let (Some(meta), Some(budget), Some(plan)) = (&parsed.meta, &parsed.budget, &parsed.plan)
    else {
        return;
    };
    cross_sheet(
        budget,
        plan,
        meta.budget_year,
        parsed.budget_year_cell,
        sink,
    );
}

/// Whether a finding is one of [`cross_sheet`]'s, which depend on the year compared.
pub fn is_cross_sheet(kind: &Kind) -> bool {
    matches!(
        kind,
        Kind::CrossSheetTotal { .. }
            | Kind::CrossSheetInitiative { .. }
            | Kind::UnmatchedInitiative { .. }
            | Kind::YearMismatch {
                kind: YearKind::BudgetYearNotPlanned,
                ..
            }
    )
}

/// The two sheets compared for `year`: `Belopp` against that year's development.
pub fn cross_sheet(
    budget: &BudgetTable,
    plan: &PlanTable,
    year: i32,
    year_cell: Option<CellRef>,
    sink: &mut Sink<'_>,
) {
    let Some(y) = plan.year_index(year) else {
        sink.push(
            labels::SHEET_BUDGET,
            year_cell,
            Kind::YearMismatch {
                kind: YearKind::BudgetYearNotPlanned,
                found: year.to_string(),
                expected: years_text(&plan.years),
                source: YearSource::OwnPlan,
            },
        );
        return;
    };
    if budget.complete && plan.complete && budget.sum_amount != plan.sum_development[y] {
        sink.push(
            labels::SHEET_BUDGET,
            budget.total_cell,
            Kind::CrossSheetTotal {
                year,
                budget: budget.sum_amount,
                plan: plan.sum_development[y],
            },
        );
    }
    match_initiatives(budget, plan, y, year, sink);
}

fn match_initiatives(
    budget: &BudgetTable,
    plan: &PlanTable,
    y: usize,
    year: i32,
    sink: &mut Sink<'_>,
) {
    let planned = index_by_key(&plan.rows);
    let budgeted = index_by_key(&budget.rows);
    // A row whose amount could not be read is already named in a finding; it still
    // shows that the initiative is present in its sheet.
    // A row that could not be read stands for its name; one whose name is not
    // known either (a name formula without its value) could be any initiative.
    let unread_in = |table: &[String], key: &str| table.iter().any(|k| k == key || k.is_empty());
    for row in &budget.rows {
        match planned.get(row.key.as_str()) {
            Some(&i) => {
                let p = &plan.rows[i];
                if row.sum_ok && p.development[y] != row.amount {
                    sink.push(
                        labels::SHEET_PLAN,
                        Some(CellRef::new(p.name_cell.row, plan.development_cols[y])),
                        Kind::CrossSheetInitiative {
                            name: row.name.clone(),
                            year,
                            budget: row.amount,
                            budget_cell: row.amount_cell,
                            plan: p.development[y],
                        },
                    );
                }
            }
            None if unread_in(&plan.unread, &row.key) => {}
            None => sink.push(
                labels::SHEET_BUDGET,
                Some(row.name_cell),
                Kind::UnmatchedInitiative {
                    name: row.name.clone(),
                    found_in: labels::SHEET_BUDGET,
                    missing_in: labels::SHEET_PLAN,
                },
            ),
        }
    }
    // An initiative with no development in the budget year has nothing to put in
    // the budget table (e.g. one that only changes maintenance): not a mismatch.
    for row in plan.rows.iter().filter(|r| !r.development[y].is_zero()) {
        if !budgeted.contains_key(row.key.as_str()) && !unread_in(&budget.unread, &row.key) {
            sink.push(
                labels::SHEET_PLAN,
                Some(row.name_cell),
                Kind::UnmatchedInitiative {
                    name: row.name.clone(),
                    found_in: labels::SHEET_PLAN,
                    missing_in: labels::SHEET_BUDGET,
                },
            );
        }
    }
}

/// `2023–2025` for consecutive years, else `2023, 2025`.
pub fn years_text(years: &[i32]) -> String {
    match years {
        [] => String::new(),
        [only] => only.to_string(),
        [first, .., last] if years.windows(2).all(|w| w[1] == w[0] + 1) => {
            format!("{first}–{last}")
        }
        _ => years
            .iter()
            .map(i32::to_string)
            .collect::<Vec<_>>()
            .join(", "),
    }
}
