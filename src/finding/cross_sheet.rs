//! Messages of the codes comparing the two sheets: `cross-sheet-mismatch` and
//! `unmatched-initiative`.

use super::*;

/// The message of a kind of this family; `None` for a kind of another.
pub(super) fn message(kind: &Kind, lang: Lang) -> Option<String> {
    let (a, q, sv) = words(lang);
    Some(match kind {
        Kind::CrossSheetTotal { year, budget, plan } => {
            if sv {
                format!(
                    "Budgetfördelningens Summa Belopp {} ≠ Utvecklingsinitiativs summa Utveckling {year} {}",
                    a(budget),
                    a(plan)
                )
            } else {
                format!(
                    "Budgetfördelning's total Belopp {} ≠ Utvecklingsinitiativ's total Utveckling {year} {}",
                    a(budget),
                    a(plan)
                )
            }
        }
        Kind::CrossSheetInitiative {
            name,
            year,
            budget,
            budget_cell,
            plan,
        } => {
            if sv {
                format!(
                    "{}: Utveckling {year} {} ≠ Belopp {} i Budgetfördelning ({budget_cell})",
                    q(name),
                    a(plan),
                    a(budget)
                )
            } else {
                format!(
                    "{}: Utveckling {year} {} ≠ Belopp {} in Budgetfördelning ({budget_cell})",
                    q(name),
                    a(plan),
                    a(budget)
                )
            }
        }
        Kind::UnmatchedInitiative {
            name,
            found_in,
            missing_in,
        } => {
            if sv {
                format!(
                    "Initiativet {} finns i {found_in} men inte i {missing_in}. Kontrollera att det heter likadant i båda bladen.",
                    q(name)
                )
            } else {
                format!(
                    "Initiative {} is in {found_in} but not in {missing_in}. Check that it has the same name in both sheets.",
                    q(name)
                )
            }
        }
        _ => return None,
    })
}
