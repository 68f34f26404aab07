//! Periodisation: a year's budget spread over its twelve months, by the area's
//! key, the city-wide key or evenly.

use super::{Join, sum};
use rust_decimal::Decimal;

impl Join<'_> {
    /// The periodisation key for an area: its own, else the city-wide one.
    pub(super) fn weights(&self, area: &str) -> Option<Vec<Decimal>> {
        self.input
            .config
            .and_then(|c| c.area_for(area))
            .and_then(|a| a.periodisation.clone())
            .or_else(|| self.input.options.periodisation.clone())
    }
}

/// `budget` spread over the months by `weights`: month m gets
/// budget × (w1+…+wm)/(Σw) − (the same up to m−1), so every accumulated figure is
/// one exact division and the twelve months add up to the budget.
pub fn spread(budget: Decimal, weights: &[Decimal]) -> [Decimal; 12] {
    let total = sum(weights.iter().copied());
    let mut out = [Decimal::ZERO; 12];
    if total.is_zero() {
        return out;
    }
    let mut before = Decimal::ZERO;
    let mut cumulative = Decimal::ZERO;
    for (m, w) in weights.iter().take(12).enumerate() {
        cumulative = cumulative.saturating_add(*w);
        let to_date = if m == 11 {
            budget
        } else {
            (budget * cumulative / total).normalize()
        };
        out[m] = to_date - before;
        before = to_date;
    }
    out
}

/// Budget ack from a spread: the sum of months 1..=period.
pub fn to_date(months: &[Decimal; 12], period: u8) -> Decimal {
    sum(months[..usize::from(period.min(12))].iter().copied())
}
