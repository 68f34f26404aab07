//! `budget.toml` as written: the areas, `[[project]]`, `[[report_group]]`, and
//! the checks that run once when it is read.

use super::*;
use crate::error::Error;
use crate::labels::normalize;
use rust_decimal::Decimal;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The optional configuration (`budget.toml`); the README's "Configuration" and
/// "Report groups and the rest of `[follow_up]`" describe every key. Unknown keys
/// are refused.
#[derive(Debug, Clone, PartialEq, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub budget_year: Option<i32>,
    pub years: Option<Vec<i32>>,
    /// Approved development budget for the budget year, tkr.
    pub total_frame: Option<Decimal>,
    #[serde(default, rename = "area")]
    pub areas: Vec<AreaConfig>,
    /// `[[project]]`: project codes of the ledger linked to an area or initiative.
    #[serde(default, rename = "project")]
    pub projects: Vec<ProjectConfig>,
    /// `[[report_group]]`: the rows of the monthly report, each one or more areas.
    #[serde(default, rename = "report_group")]
    pub report_groups: Vec<ReportGroupConfig>,
    /// `[follow_up]`: where the follow-up's inputs live and how they are read.
    pub follow_up: Option<FollowUpConfig>,
    /// `[rounds]`: the deadlines of the plan and forecast rounds.
    pub rounds: Option<RoundsConfig>,
    /// The folder of the configuration file, which `[follow_up]` paths are relative to
    /// (set by [`Config::load`]; empty when parsed from text).
    #[serde(skip)]
    pub dir: PathBuf,
}

/// `[[project]]`: a ledger project code for an area as a whole or for one initiative.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectConfig {
    pub code: String,
    pub area: String,
    pub initiative: Option<String>,
}

/// `[rounds]`: when plans and forecasts are due (for the `Inlämningar` sheet).
#[derive(Debug, Clone, PartialEq, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RoundsConfig {
    /// The plan's last day, a TOML date: `plan_deadline = 2022-10-14`.
    pub plan_deadline: Option<toml::value::Datetime>,
    /// Forecasts are due this day of the month after the period (1–31).
    pub forecast_deadline_day: Option<u8>,
}

impl Config {
    /// `[rounds] plan_deadline` (valid: checked when parsed).
    pub fn plan_deadline(&self) -> Option<crate::rounds::Date> {
        let d = self.rounds.as_ref()?.plan_deadline.as_ref()?;
        crate::rounds::Date::parse(&d.to_string())
    }

    /// `[rounds] forecast_deadline_day`.
    pub fn forecast_deadline_day(&self) -> Option<u8> {
        self.rounds.as_ref()?.forecast_deadline_day
    }
}

/// `[[report_group]]`: one row of the monthly report.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportGroupConfig {
    pub name: String,
    pub areas: Vec<String>,
}

/// One path or a list of them.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum Paths {
    One(String),
    Many(Vec<String>),
}

impl Paths {
    pub fn list(&self) -> Vec<&str> {
        match self {
            Paths::One(p) => vec![p.as_str()],
            Paths::Many(ps) => ps.iter().map(String::as_str).collect(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AreaConfig {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub frame: Option<Decimal>,
    /// The area's own periodisation key (12 weights), overriding `[follow_up]`'s.
    pub periodisation: Option<Vec<Decimal>>,
    /// The area lead who sends the plan and the forecasts (for `Inlämningar`).
    pub lead: Option<String>,
}

impl Config {
    pub fn parse(text: &str, path: &Path) -> Result<Config, Error> {
        let config: Config = toml::from_str(text).map_err(|e| Error::Config {
            path: path.to_path_buf(),
            reason: e.to_string().into(),
        })?;
        config.validate(path)?;
        Ok(config)
    }

    pub fn load(path: &Path) -> Result<Config, Error> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::Config {
            path: path.to_path_buf(),
            reason: e.into(),
        })?;
        let mut config = Config::parse(&text, path)?;
        config.dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        Ok(config)
    }

    /// The `[follow_up]` options with their defaults (valid: checked when parsed).
    pub fn follow_up_options(&self) -> FollowUpOptions {
        let mut o = FollowUpOptions::default();
        if let Some(f) = &self.follow_up {
            if let Some(items) = &f.cost_accounts {
                o.cost_accounts = CostAccounts::parse(items).unwrap_or(CostAccounts(Vec::new()));
            }
            o.project_dimension = f.project_dimension.unwrap_or(6);
            o.comment_threshold = f.comment_threshold.unwrap_or(Decimal::from(10));
            o.periodisation = f.periodisation.clone();
            o.actuals_unit = f.actuals_unit.unwrap_or(ActualsUnit::Kronor);
        }
        o
    }

    /// `[follow_up] actuals`, resolved against the configuration's folder.
    pub fn actuals_paths(&self) -> Vec<PathBuf> {
        self.resolve(self.follow_up.as_ref().and_then(|f| f.actuals.as_ref()))
    }

    /// `[follow_up] forecasts`, resolved against the configuration's folder.
    pub fn forecasts_paths(&self) -> Vec<PathBuf> {
        self.resolve(self.follow_up.as_ref().and_then(|f| f.forecasts.as_ref()))
    }

    /// Both, for `consolidate` to skip.
    pub fn follow_up_paths(&self) -> Vec<PathBuf> {
        let mut all = self.actuals_paths();
        all.extend(self.forecasts_paths());
        all
    }

    pub(super) fn resolve(&self, paths: Option<&Paths>) -> Vec<PathBuf> {
        paths
            .map(|p| p.list().into_iter().map(|p| self.dir.join(p)).collect())
            .unwrap_or_default()
    }

    /// Checks the report groups against the plan's areas when the configuration
    /// lists none itself: a group naming an area that no file has is a mistake.
    pub fn check_groups_against(&self, areas: &[String], path: &Path) -> Result<(), Error> {
        if !self.areas.is_empty() {
            return Ok(());
        }
        let known: Vec<String> = areas.iter().map(|a| normalize(a)).collect();
        for g in &self.report_groups {
            if let Some(a) = g.areas.iter().find(|a| !known.contains(&normalize(a))) {
                return Err(unknown_group_area(path, &g.name, a, areas));
            }
        }
        Ok(())
    }

    pub(super) fn validate(&self, path: &Path) -> Result<(), Error> {
        let bad = |reason: String| {
            Err(Error::Config {
                path: path.to_path_buf(),
                reason: reason.into(),
            })
        };
        if let Some(years) = &self.years {
            if years.is_empty() || years.windows(2).any(|w| w[0] >= w[1]) {
                return bad("years must list the plan years in increasing order, e.g. years = [2023, 2024, 2025]".into());
            }
            if let Some(y) = self.budget_year.filter(|y| !years.contains(y)) {
                return bad(format!("budget_year {y} is not one of years {years:?}"));
            }
        }
        let max = crate::amount::MAX_AMOUNT;
        let frames = std::iter::once(("total_frame".to_string(), self.total_frame)).chain(
            self.areas
                .iter()
                .map(|a| (format!("the frame of area \"{}\"", a.name), a.frame)),
        );
        for (what, frame) in frames {
            if let Some(frame) = frame.filter(|f| f.is_sign_negative() || *f > max) {
                return bad(format!(
                    "{what} is {frame} tkr; a frame is an amount in tkr from 0 to {max} (10^12)"
                ));
            }
        }
        let mut seen = std::collections::HashMap::new();
        for area in &self.areas {
            if area.name.trim().is_empty() {
                return bad("an [[area]] has an empty name".into());
            }
            for name in std::iter::once(&area.name).chain(&area.aliases) {
                if let Some(other) = seen.insert(normalize(name), area.name.clone()) {
                    return bad(format!(
                        "the name or alias \"{name}\" is used twice (areas \"{other}\" and \"{}\")",
                        area.name
                    ));
                }
            }
        }
        self.validate_rounds(path)?;
        self.validate_follow_up(path)
    }

    /// The configured area a name or alias in a file refers to.
    pub fn area_for(&self, written: &str) -> Option<&AreaConfig> {
        let key = normalize(written);
        self.areas.iter().find(|a| {
            normalize(&a.name) == key || a.aliases.iter().any(|alias| normalize(alias) == key)
        })
    }
}

/// A report group naming an area that is not in the plan.
pub(super) fn unknown_group_area(path: &Path, group: &str, area: &str, known: &[String]) -> Error {
    let known = known.join(", ");
    Error::ConfigMistake {
        path: path.to_path_buf(),
        sv: format!(
            "rapportgruppen \"{group}\" nämner tjänsteområdet \"{area}\", som inte finns (kända: {known}); rätta namnet"
        ),
        en: format!(
            "report group \"{group}\" names the area \"{area}\", which does not exist (known: {known}); correct the name"
        ),
    }
}
