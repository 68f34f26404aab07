//! The JSON report (`--json FILE`), exactly as the contract's §3 shows it:
//! amounts are decimal strings, never JSON numbers; `file` is relative to the
//! input folder; `cell` is A1 text or null.

use crate::consolidate::{AreaSummary, Consolidation};
use crate::finding::Finding;
use crate::lang::Lang;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Serialize)]
pub struct Report {
    pub budget_year: Option<i32>,
    pub years: Vec<i32>,
    /// `ok`, `errors` or `partial`.
    pub status: &'static str,
    pub areas: Vec<AreaJson>,
    pub totals: TotalsJson,
    pub findings: Vec<FindingJson>,
}

#[derive(Debug, Serialize)]
pub struct AreaJson {
    pub area: String,
    pub version: String,
    pub file: String,
    pub included: bool,
    pub new_development: String,
    pub existing_development: String,
    pub total: String,
    pub development_by_year: BTreeMap<String, String>,
    pub maintenance_by_year: BTreeMap<String, String>,
}

#[derive(Debug, Serialize)]
pub struct TotalsJson {
    pub new_development: String,
    pub existing_development: String,
    pub total: String,
    pub development_by_year: BTreeMap<String, String>,
    pub maintenance_by_year: BTreeMap<String, String>,
}

#[derive(Debug, Serialize)]
pub struct FindingJson {
    pub severity: &'static str,
    pub code: &'static str,
    pub file: Option<String>,
    pub sheet: Option<String>,
    pub cell: Option<String>,
    /// 1-based line in a text file (ledger exports); absent for workbook findings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
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
        new_development: decimal(a.new),
        existing_development: decimal(a.existing),
        total: decimal(a.total),
        development_by_year: by_year(years, &a.development),
        maintenance_by_year: by_year(years, &a.maintenance),
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
        totals: TotalsJson {
            new_development: decimal(t.new),
            existing_development: decimal(t.existing),
            total: decimal(t.total),
            development_by_year: by_year(&c.years, &t.development),
            maintenance_by_year: by_year(&c.years, &t.maintenance),
        },
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
