//! `budget.toml`'s `[follow_up]`: the follow-up's inputs, cost accounts,
//! periodisation key and comment threshold, with their defaults and checks.

use super::config::unknown_group_area;
use super::*;
use crate::error::Error;
use crate::labels::normalize;
use rust_decimal::Decimal;
use serde::Deserialize;
use std::path::Path;

/// The unit a table export of the ledger writes its amounts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActualsUnit {
    Kronor,
    Tkr,
}

/// `[follow_up]`, as written. Defaults are applied by the accessors.
#[derive(Debug, Clone, PartialEq, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct FollowUpConfig {
    pub actuals: Option<Paths>,
    pub forecasts: Option<Paths>,
    /// Account ranges (`"4000-7999"`) or single accounts (`"4010"`).
    pub cost_accounts: Option<Vec<String>>,
    pub project_dimension: Option<u32>,
    /// Percent.
    pub comment_threshold: Option<Decimal>,
    pub periodisation: Option<Vec<Decimal>>,
    pub actuals_unit: Option<ActualsUnit>,
}

/// Which accounts are cost: inclusive numeric ranges of account numbers, each with
/// the number of digits its bounds are written with. An account with more digits
/// than that is a sub-account (`65501` under a range `4000-7999`: Kommun-Bas's
/// four-digit account 6550 with a fifth digit of the city's own) and is compared
/// by its first digits, as its parent account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CostAccounts(pub Vec<(u64, u64, usize)>);

impl CostAccounts {
    /// BAS / Kommun-Bas classes 4–7: every account whose first digit is 4 to 7.
    pub fn is_default(&self) -> bool {
        self.0.is_empty()
    }

    pub fn contains(&self, account: &str) -> bool {
        let account = account.trim();
        if !account.bytes().all(|b| b.is_ascii_digit()) || account.is_empty() {
            return false;
        }
        if self.0.is_empty() {
            return matches!(account.as_bytes()[0], b'4'..=b'7');
        }
        self.0.iter().any(|(lo, hi, digits)| {
            let parent = account.get(..*digits).unwrap_or(account);
            parent
                .parse::<u64>()
                .is_ok_and(|n| (*lo..=*hi).contains(&n))
        })
    }

    /// `"4000-7999"` or `"4010"`.
    pub fn parse(items: &[String]) -> Result<CostAccounts, String> {
        let mut ranges = Vec::new();
        for item in items {
            let (a, b) = item.split_once(['-', '–']).unwrap_or((item, item));
            let (a, b) = (a.trim(), b.trim());
            match (a.parse::<u64>(), b.parse::<u64>()) {
                (Ok(lo), Ok(hi)) if lo <= hi => ranges.push((lo, hi, a.len().max(b.len()))),
                _ => return Err(item.clone()),
            }
        }
        Ok(CostAccounts(ranges))
    }
}

/// The follow-up's part of the configuration, with defaults applied.
#[derive(Debug, Clone, PartialEq)]
pub struct FollowUpOptions {
    pub cost_accounts: CostAccounts,
    pub project_dimension: u32,
    /// Percent.
    pub comment_threshold: Decimal,
    /// The city-wide periodisation key (12 weights), when configured.
    pub periodisation: Option<Vec<Decimal>>,
    pub actuals_unit: ActualsUnit,
}

impl Default for FollowUpOptions {
    fn default() -> Self {
        FollowUpOptions {
            cost_accounts: CostAccounts(Vec::new()),
            project_dimension: 6,
            comment_threshold: Decimal::from(10),
            periodisation: None,
            actuals_unit: ActualsUnit::Kronor,
        }
    }
}

impl Config {
    pub(super) fn validate_rounds(&self, path: &Path) -> Result<(), Error> {
        let Some(r) = &self.rounds else {
            return Ok(());
        };
        let mistake = |sv: String, en: String| Error::ConfigMistake {
            path: path.to_path_buf(),
            sv,
            en,
        };
        if let Some(d) = &r.plan_deadline {
            let date_only = d.date.is_some() && d.time.is_none();
            if !date_only || crate::rounds::Date::parse(&d.to_string()).is_none() {
                return Err(mistake(
                    format!(
                        "[rounds] plan_deadline = {d} är inget datum; skriv t.ex. plan_deadline = 2022-10-14 (utan citattecken)"
                    ),
                    format!(
                        "[rounds] plan_deadline = {d} is not a date; write e.g. plan_deadline = 2022-10-14 (without quotes)"
                    ),
                ));
            }
        }
        if let Some(day) = r.forecast_deadline_day.filter(|d| !(1..=31).contains(d)) {
            return Err(mistake(
                format!(
                    "[rounds] forecast_deadline_day = {day} är ingen dag i månaden; skriv 1–31, t.ex. 5"
                ),
                format!(
                    "[rounds] forecast_deadline_day = {day} is not a day of the month; write 1–31, e.g. 5"
                ),
            ));
        }
        Ok(())
    }

    pub(super) fn validate_follow_up(&self, path: &Path) -> Result<(), Error> {
        let bilingual = |sv, en| mistake(path, sv, en);
        self.validate_report_groups(path)?;
        if let Some(f) = &self.follow_up {
            if let Some(w) = &f.periodisation {
                check_weights(path, w, ("i [follow_up]", "in [follow_up]"))?;
            }
            if let Some(Err(item)) = f.cost_accounts.as_deref().map(CostAccounts::parse) {
                {
                    return bilingual(
                        format!(
                            "cost_accounts: \"{item}\" är inget konto eller kontointervall; skriv t.ex. \"4000-7999\""
                        ),
                        format!(
                            "cost_accounts: \"{item}\" is not an account or account range; write e.g. \"4000-7999\""
                        ),
                    );
                }
            }
            if let Some(t) = f
                .comment_threshold
                .filter(|t| t.is_sign_negative() && !t.is_zero())
            {
                return bilingual(
                    format!("comment_threshold {t} är negativt; skriv en procentsats, t.ex. 10"),
                    format!("comment_threshold {t} is negative; write a percentage, e.g. 10"),
                );
            }
        }
        for a in &self.areas {
            if let Some(w) = &a.periodisation {
                let sv = format!("för tjänsteområdet \"{}\"", a.name);
                let en = format!("for area \"{}\"", a.name);
                check_weights(path, w, (&sv, &en))?;
            }
        }
        for p in &self.projects {
            if p.code.trim().is_empty() {
                return bilingual(
                    format!("ett [[project]] för \"{}\" har en tom kod", p.area),
                    format!("a [[project]] for \"{}\" has an empty code", p.area),
                );
            }
        }
        Ok(())
    }

    /// `[[report_group]]`: named, with areas, every area known and in one group only.
    fn validate_report_groups(&self, path: &Path) -> Result<(), Error> {
        let bilingual = |sv, en| mistake(path, sv, en);
        let mut grouped: std::collections::HashMap<String, &str> = std::collections::HashMap::new();
        for g in &self.report_groups {
            if g.name.trim().is_empty() {
                return bilingual(
                    "en [[report_group]] saknar namn; skriv name = \"…\"".into(),
                    "a [[report_group]] has an empty name; write name = \"…\"".into(),
                );
            }
            if g.areas.is_empty() {
                return bilingual(
                    format!(
                        "rapportgruppen \"{}\" har inga tjänsteområden; skriv areas = [\"…\"]",
                        g.name
                    ),
                    format!(
                        "report group \"{}\" lists no areas; write areas = [\"…\"]",
                        g.name
                    ),
                );
            }
            for a in &g.areas {
                if !self.areas.is_empty() && self.area_for(a).is_none() {
                    let known: Vec<String> = self.areas.iter().map(|a| a.name.clone()).collect();
                    return Err(unknown_group_area(path, &g.name, a, &known));
                }
                let key = self
                    .area_for(a)
                    .map(|c| normalize(&c.name))
                    .unwrap_or_else(|| normalize(a));
                if let Some(first) = grouped.insert(key, &g.name) {
                    return bilingual(
                        format!(
                            "tjänsteområdet \"{a}\" står i två rapportgrupper, \"{first}\" och \"{}\"; ett tjänsteområde får bara stå i en grupp",
                            g.name
                        ),
                        format!(
                            "area \"{a}\" is in two report groups, \"{first}\" and \"{}\"; an area may be in one group only",
                            g.name
                        ),
                    );
                }
            }
        }
        Ok(())
    }
}

/// A periodisation key: 12 weights, none negative, not all 0.
fn check_weights(path: &Path, weights: &[Decimal], whose: (&str, &str)) -> Result<(), Error> {
    let bilingual = |sv, en| mistake(path, sv, en);
    if weights.len() != 12 {
        return bilingual(
            format!(
                "periodisation {} har {} vikter; den ska ha 12, en per månad",
                whose.0,
                weights.len()
            ),
            format!(
                "periodisation {} has {} weights; it needs 12, one per month",
                whose.1,
                weights.len()
            ),
        );
    }
    if weights.iter().any(|w| w.is_sign_negative() && !w.is_zero())
        || weights.iter().all(|w| w.is_zero())
    {
        return bilingual(
            format!(
                "periodisation {}: vikterna ska vara 0 eller mer och inte alla 0",
                whose.0
            ),
            format!(
                "periodisation {}: the weights must be 0 or more and not all 0",
                whose.1
            ),
        );
    }
    Ok(())
}

/// A mistake in `budget.toml`, in both languages.
fn mistake(path: &Path, sv: String, en: String) -> Result<(), Error> {
    Err(Error::ConfigMistake {
        path: path.to_path_buf(),
        sv,
        en,
    })
}
