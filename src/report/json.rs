//! The JSON report of `consolidate`, `check` and `follow-up check` (`--json
//! FILE`). This module is its definition: the types below serialise it, field by
//! field, and their doc comments say what each field holds. `follow-up check`
//! reads no plan, so its `years` and `areas` are empty and its totals zero. The
//! follow-up's report is in [`super::follow_up`].
//!
//! Rules for every field:
//! - amounts are decimal strings in tkr (`"91510"`, `"2000.5"`), never JSON
//!   numbers, so no reader rounds them through a float;
//! - `file` is the path relative to the input folder (as given, for `check` and
//!   `follow-up check`);
//! - `cell` is A1 text (`"D12"`) or `null`;
//! - years are the keys of the `*_by_year` objects, as strings (`"2023"`).
//!
//! ```json
//! {
//!   "budget_year": 2023,
//!   "years": [2023, 2024, 2025],
//!   "status": "ok",
//!   "areas": [
//!     {"area": "HR", "version": "2.0", "file": "HR.xlsx", "included": true,
//!      "new_development": "800", "existing_development": "12200", "total": "13000",
//!      "development_by_year": {"2023": "13000", "2024": "10000", "2025": "5000"},
//!      "maintenance_by_year": {"2023": "…", "2024": "…", "2025": "…"}}
//!   ],
//!   "totals": {"new_development": "48930", "existing_development": "42580",
//!              "total": "91510", "development_by_year": {…}, "maintenance_by_year": {…}},
//!   "findings": [
//!     {"severity": "warning", "code": "unmatched-initiative", "file": "Ekonomi.xlsx",
//!      "sheet": "Budgetfördelning", "cell": "A12", "message": "Initiativet …"}
//!   ]
//! }
//! ```

use crate::consolidate::{AreaSummary, Consolidation};
use crate::finding::Finding;
use crate::lang::Lang;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;

/// The whole report.
#[derive(Debug, Serialize)]
pub struct Report {
    /// The plan's budget year (`Budgetår`); `null` when no file could tell it.
    pub budget_year: Option<i32>,
    /// The plan years of the multi-year table, in order.
    pub years: Vec<i32>,
    /// `ok`, `errors` or `partial`.
    /// `ok`, `errors` (no workbook written) or `partial` (written with `--partial`
    /// although some area has errors).
    pub status: &'static str,
    /// Every area that could be read, in the workbook's order.
    pub areas: Vec<AreaJson>,
    /// The sums over the included areas.
    pub totals: TotalsJson,
    /// Every finding, in the order the terminal shows them.
    pub findings: Vec<FindingJson>,
}

/// One area: its name (as configured, else as written), the `Version` field, its
/// file, whether it is in the totals, and its figures.
#[derive(Debug, Serialize)]
pub struct AreaJson {
    pub area: String,
    pub version: String,
    pub file: String,
    /// Whether the area counts in `totals` (an area with errors does not).
    pub included: bool,
    /// The area's figures, written inline beside the fields above.
    #[serde(flatten)]
    pub figures: TotalsJson,
}

/// The figures of an area or of the total, tkr.
#[derive(Debug, Serialize)]
pub struct TotalsJson {
    /// `Nyutveckling` of the budget table.
    pub new_development: String,
    /// `Utveckling inom befintlig tjänst/tjänsteerbjudande`.
    pub existing_development: String,
    /// `Belopp`: the two above together.
    pub total: String,
    /// The multi-year table's `Utveckling <år>` per plan year.
    pub development_by_year: BTreeMap<String, String>,
    /// The multi-year table's `Vidmakthållande <år>` (impact on maintenance, may be
    /// negative) per plan year.
    pub maintenance_by_year: BTreeMap<String, String>,
}

/// One finding, in every report (the follow-up's too).
#[derive(Debug, Serialize)]
pub struct FindingJson {
    /// `error`, `warning` or `info`.
    pub severity: &'static str,
    /// The stable code (`row-sum-mismatch`, …), listed in the README.
    pub code: &'static str,
    /// The file, as the terminal names it; `null` for a finding about the whole run.
    pub file: Option<String>,
    /// The sheet, as the file names it; `null` for a finding about a whole file.
    pub sheet: Option<String>,
    /// The cell in A1 form (`"D12"`); `null` when the finding has no one cell.
    pub cell: Option<String>,
    /// 1-based line in a text file (ledger exports); absent for workbook findings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// The message in the chosen language (`--lang`).
    pub message: String,
    /// Technical detail in English (the reader's own words), when there is any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// What the user can do about a finding of this code, in one line in the
    /// report's language; absent where there is nothing to do.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<&'static str>,
}

/// An amount as the report writes it: `13000`, `2000.5`.
pub fn decimal(d: Decimal) -> String {
    d.normalize().to_string()
}

fn by_year(years: &[i32], values: &[Decimal]) -> BTreeMap<String, String> {
    years
        .iter()
        .zip(values)
        .map(|(y, v)| (y.to_string(), decimal(*v)))
        .collect()
}

fn area(years: &[i32], a: &AreaSummary<'_>) -> AreaJson {
    AreaJson {
        area: a.area.clone(),
        version: a.version.clone(),
        file: a.file.clone(),
        included: a.included,
        figures: figures(
            years,
            [a.figures.new, a.figures.existing, a.figures.total],
            &a.figures.development,
            &a.figures.maintenance,
        ),
    }
}

/// New, existing and total development, then the two by-year lists.
fn figures(
    years: &[i32],
    [new, existing, total]: [Decimal; 3],
    development: &[Decimal],
    maintenance: &[Decimal],
) -> TotalsJson {
    TotalsJson {
        new_development: decimal(new),
        existing_development: decimal(existing),
        total: decimal(total),
        development_by_year: by_year(years, development),
        maintenance_by_year: by_year(years, maintenance),
    }
}

pub fn report(
    c: &Consolidation<'_>,
    findings: &[Finding],
    status: &'static str,
    lang: Lang,
) -> Report {
    let t = &c.totals;
    Report {
        budget_year: c.budget_year,
        years: c.years.clone(),
        status,
        areas: c.areas.iter().map(|a| area(&c.years, a)).collect(),
        totals: figures(
            &c.years,
            [t.new, t.existing, t.total],
            &t.development,
            &t.maintenance,
        ),
        findings: findings.iter().map(|f| finding(f, lang)).collect(),
    }
}

/// One finding as the reports write it.
pub fn finding(f: &Finding, lang: Lang) -> FindingJson {
    FindingJson {
        severity: f.severity.as_str(),
        code: f.code().as_str(),
        file: f.file.clone(),
        sheet: f.sheet.clone(),
        cell: f.cell.map(|c| c.to_string()),
        line: f.line,
        message: f.message(lang),
        detail: f.detail(),
        help: f.code().help(lang),
    }
}

pub fn to_string(report: &Report) -> String {
    serde_json::to_string_pretty(report).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}
