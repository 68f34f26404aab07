//! The follow-up's JSON report (`follow-up --json FILE`). The same shape rules as
//! the plan's report: amounts are decimal strings in tkr (`"29107"`, `"503.25"`),
//! never JSON numbers; `file` is as findings name it; findings are the plan's and
//! the follow-up's, in report order, in the same form as the plan report's
//! ([`super::json::FindingJson`]). This module is the report's definition: each
//! type below is one object of it, and its doc comment says what it holds.

use super::json::{FindingJson, decimal};
use crate::finding::Finding;
use crate::follow_up::{
    AreaResult, Figures, FollowUp, ForecastSource, GroupResult, InitiativeResult, Source, Unmapped,
};
use crate::lang::Lang;
use serde::Serialize;

/// The whole report.
///
/// `{"budget_year": 2023, "period": "2023-04", "status": "ok", "totals": {…},
/// "groups": […], "initiatives": […], "areas": […], "unmapped": […], "sources": […],
/// "forecast_sources": […], "findings": […]}`
#[derive(Debug, Serialize)]
pub struct FollowUpReport {
    pub budget_year: i32,
    /// The month followed up to, `YYYY-MM`.
    pub period: String,
    /// `ok`, `errors` or `partial`, as in the plan's report.
    pub status: &'static str,
    /// The `Summa` row of `Uppföljning`: every report group (unmapped cost is in none).
    pub totals: FiguresJson,
    /// One per row of `Uppföljning`, in its order.
    pub groups: Vec<GroupJson>,
    pub initiatives: Vec<InitiativeJson>,
    /// Cost on codes that `[[project]]` links to an area as a whole: in its group's
    /// `actual_to_date`, in no initiative's.
    pub areas: Vec<AreaJson>,
    /// Cost that belongs to no initiative or area (`Ej kopplat utfall`).
    pub unmapped: Vec<UnmappedJson>,
    /// One per actuals file, with the nothing-lost equation
    /// `cost_total = to_initiatives + to_areas + unmapped`.
    pub sources: Vec<SourceJson>,
    /// One per forecast file.
    pub forecast_sources: Vec<ForecastSourceJson>,
    pub findings: Vec<FindingJson>,
}

/// The five figures, tkr: `actual_to_date` (Utfall ack), `budget_to_date` (Budget
/// ack), `forecast` (Prognos helår), `budget` (Budget helår) and
/// `previous_year_actual_to_date` (Utfall ack föregående år).
#[derive(Debug, Serialize)]
pub struct FiguresJson {
    pub actual_to_date: String,
    pub budget_to_date: String,
    pub forecast: String,
    pub budget: String,
    pub previous_year_actual_to_date: String,
}

impl From<&Figures> for FiguresJson {
    fn from(f: &Figures) -> Self {
        FiguresJson {
            actual_to_date: decimal(f.actual),
            budget_to_date: decimal(f.budget_to_date),
            forecast: decimal(f.forecast),
            budget: decimal(f.budget),
            previous_year_actual_to_date: decimal(f.previous_year),
        }
    }
}

/// A report group: its name, its areas, and the five figures (flattened).
#[derive(Debug, Serialize)]
pub struct GroupJson {
    pub name: String,
    pub areas: Vec<String>,
    #[serde(flatten)]
    pub figures: FiguresJson,
}

/// An initiative: area, name, linked project codes, the five figures (flattened),
/// the forecast's comment (or null), and how Budget ack was made: `ledger` (the
/// ledger's periodised budget), `key` (the periodisation key) or `even` (twelfths).
#[derive(Debug, Serialize)]
pub struct InitiativeJson {
    pub area: String,
    pub initiative: String,
    pub projects: Vec<String>,
    #[serde(flatten)]
    pub figures: FiguresJson,
    pub comment: Option<String>,
    pub periodisation: &'static str,
}

/// An area's area-wide project codes and their actuals (tkr).
#[derive(Debug, Serialize)]
pub struct AreaJson {
    pub area: String,
    pub projects: Vec<String>,
    pub actual_to_date: String,
    pub previous_year_actual_to_date: String,
}

/// Unmapped cost of one file, year and project code (`project` null: booked
/// without a project); `months` as `2023-01–2023-04`; `amount` in tkr.
#[derive(Debug, Serialize)]
pub struct UnmappedJson {
    pub file: String,
    pub project: Option<String>,
    pub accounts: Vec<String>,
    pub months: String,
    pub amount: String,
}

/// One actuals file: SHA-256, data rows read, rows on cost accounts, and the
/// equation in tkr — `cost_total` (the budget year, months 1 to the period) =
/// `to_initiatives` + `to_areas` + `unmapped`; `previous_year` (the previous year,
/// the same months); `outside_period` (every other cost row).
#[derive(Debug, Serialize)]
pub struct SourceJson {
    pub file: String,
    pub sha256: String,
    pub rows: u64,
    pub cost_rows: u64,
    pub cost_total: String,
    pub to_initiatives: String,
    pub to_areas: String,
    pub unmapped: String,
    pub previous_year: String,
    pub outside_period: String,
}

/// One forecast file: SHA-256, data rows read and the sum of its forecasts (tkr).
#[derive(Debug, Serialize)]
pub struct ForecastSourceJson {
    pub file: String,
    pub sha256: String,
    pub rows: u64,
    pub total: String,
}

pub fn report(
    fu: &FollowUp,
    findings: &[Finding],
    status: &'static str,
    lang: Lang,
) -> FollowUpReport {
    FollowUpReport {
        budget_year: fu.budget_year,
        period: format!("{}-{:02}", fu.budget_year, fu.period),
        status,
        totals: (&fu.totals).into(),
        groups: fu.groups.iter().map(Into::into).collect(),
        initiatives: fu.initiatives.iter().map(Into::into).collect(),
        areas: fu.areas.iter().map(Into::into).collect(),
        unmapped: fu.unmapped.iter().map(Into::into).collect(),
        sources: fu.sources.iter().map(Into::into).collect(),
        forecast_sources: fu.forecast_sources.iter().map(Into::into).collect(),
        findings: findings
            .iter()
            .map(|f| super::json::finding(f, lang))
            .collect(),
    }
}

impl From<&GroupResult> for GroupJson {
    fn from(g: &GroupResult) -> Self {
        GroupJson {
            name: g.name.clone(),
            areas: g.areas.clone(),
            figures: (&g.figures).into(),
        }
    }
}

impl From<&InitiativeResult> for InitiativeJson {
    fn from(i: &InitiativeResult) -> Self {
        InitiativeJson {
            area: i.area.clone(),
            initiative: i.initiative.clone(),
            projects: i.projects.clone(),
            figures: (&i.figures).into(),
            comment: i.comment.clone(),
            periodisation: match i.basis {
                crate::follow_up::Basis::Ledger => "ledger",
                crate::follow_up::Basis::Key => "key",
                crate::follow_up::Basis::Even => "even",
            },
        }
    }
}

impl From<&AreaResult> for AreaJson {
    fn from(a: &AreaResult) -> Self {
        AreaJson {
            area: a.area.clone(),
            projects: a.projects.clone(),
            actual_to_date: decimal(a.actual),
            previous_year_actual_to_date: decimal(a.previous_year),
        }
    }
}

impl From<&Unmapped> for UnmappedJson {
    fn from(u: &Unmapped) -> Self {
        UnmappedJson {
            file: u.file.clone(),
            project: u.project.clone(),
            accounts: u.accounts.clone(),
            months: u.months(),
            amount: decimal(u.amount),
        }
    }
}

impl From<&Source> for SourceJson {
    fn from(s: &Source) -> Self {
        SourceJson {
            file: s.file.clone(),
            sha256: s.sha256.clone(),
            rows: s.rows,
            cost_rows: s.cost_rows,
            cost_total: decimal(s.cost_total),
            to_initiatives: decimal(s.to_initiatives),
            to_areas: decimal(s.to_areas),
            unmapped: decimal(s.unmapped),
            previous_year: decimal(s.previous_year),
            outside_period: decimal(s.outside_period),
        }
    }
}

impl From<&ForecastSource> for ForecastSourceJson {
    fn from(s: &ForecastSource) -> Self {
        ForecastSourceJson {
            file: s.file.clone(),
            sha256: s.sha256.clone(),
            rows: s.rows,
            total: decimal(s.total),
        }
    }
}

pub fn to_string(report: &FollowUpReport) -> String {
    serde_json::to_string_pretty(report).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}
