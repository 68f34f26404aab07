//! `budget-consolidator follow-up check FILE… [--plan DIR] [--period YYYY-MM]
//! [--today YYYY-MM-DD] [--json FILE] [--feedback DIR]`: the forecast reader and the
//! forecast checks on filled forecast workbooks, for an area lead before sending; `--json` and
//! `--feedback` write the JSON report and the annotated copy as `check` does for
//! plans. Writes nothing else.

use super::Outcome;
use crate::error::Error;
use crate::finding::{Finding, Severity};
use crate::forecast_check::{self, Expect};
use crate::labels::terminal;
use crate::lang::Lang;
use crate::report;
use crate::settings::{FollowUpCheckSettings, FollowUpSettings};

pub fn run(s: &FollowUpCheckSettings, lang: Lang, quiet: bool) -> Result<Outcome, Error> {
    let config = s.plan.as_ref().and_then(|p| p.config.as_ref());
    let options = config
        .map(crate::settings::Config::follow_up_options)
        .unwrap_or_default();
    let threshold = options.comment_threshold;
    let plan = match &s.plan {
        Some(p) => Some(decided_areas(p, s.period, options)?),
        None => None,
    };
    let expect = Expect {
        areas: plan.as_deref(),
        config,
        period: s.period,
        threshold,
    };
    // The date a workbook's `Datum` must not be after, read once for every file.
    let today = s.today.unwrap_or_else(crate::rounds::Date::today);
    let mut findings: Vec<Finding> = Vec::new();
    let mut feedback = Vec::new();
    // The budget year of the JSON report: `--period`'s, else the first workbook's.
    let mut budget_year = s.period.map(|(y, _)| y);
    // Two workbooks of one name (from two folders) get two copies, not one.
    let names: Vec<String> = s.files.iter().map(|p| p.display().to_string()).collect();
    let copies = s.feedback.as_ref().map(|dir| {
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        crate::write::feedback::paths_for(dir, &names, false)
    });
    for (i, path) in s.files.iter().enumerate() {
        let name = names[i].clone();
        let (file, grid) = crate::forecast::read_with_grid(path, &name);
        budget_year = budget_year.or_else(|| {
            let period = crate::follow_up::ForecastMeta::value(&file.meta.period)?;
            crate::settings::parse_period(period).map(|(y, _)| y)
        });
        let mut mine = file.findings.clone();
        if grid.is_some() {
            mine.extend(forecast_check::check(&file, &expect));
            // As the follow-up will say it; a month other than `--period`'s is
            // already `period-mismatch` above.
            mine.extend(crate::forecast_dates::date_finding(&file, today));
            // The year a forecast column's header names, against `--period`'s, the
            // workbook's own `Period`'s, or budget.toml's.
            let own = crate::forecast_dates::month_of(&file.meta).map(|(y, _)| y);
            let year = (s.period.map(|(y, _)| y))
                .or(own)
                .or(config.and_then(|c| c.budget_year));
            if let Some(year) = year {
                mine.extend(crate::forecast_dates::year_finding(&file, year));
            }
        }
        mine.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        if let (Some(copies), false) = (&copies, mine.is_empty()) {
            let grids: Vec<&crate::grid::Grid> = grid.iter().collect();
            feedback.push(write_feedback(&copies[i], &name, &grids, &mine, lang)?);
        }
        findings.extend(mine);
    }
    let count = |sev: Severity| findings.iter().filter(|f| f.severity == sev).count();
    let errors = count(Severity::Error) > 0;
    if let Some(path) = &s.json {
        write_json(path, budget_year, &findings, errors, lang)?;
    }
    let mut out = report::terminal::findings(if quiet { &[] } else { &findings }, lang);
    if !out.is_empty() {
        out.push('\n');
    }
    out.push_str(&terminal::forecasts_checked(
        s.files.len(),
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
        lang,
    ));
    super::list_feedback(&mut out, &feedback, lang);
    out.push_str(super::send_verdict(
        &findings,
        false,
        s.files.len() == 1,
        lang,
    ));
    out.push('\n');
    super::print_text(&out, s.json.as_deref());
    Ok(Outcome { errors })
}

/// The JSON report as `check` writes it. The forecast workbooks hold no plan: no
/// areas, totals of zero; `budget_year` is the forecasts' year.
fn write_json(
    path: &std::path::Path,
    budget_year: Option<i32>,
    findings: &[Finding],
    errors: bool,
    lang: Lang,
) -> Result<(), Error> {
    let no_plan = crate::consolidate::consolidate(&[], budget_year, &[], None);
    let status = super::consolidate::json_status(errors, false);
    super::write_json(
        path,
        &report::json::report(&no_plan, findings, status, lang),
    )
}

/// The plan's included areas with their decided budgets, read exactly as the
/// follow-up reads them.
fn decided_areas(
    plan: &crate::settings::ConsolidateSettings,
    period: Option<(i32, u8)>,
    options: crate::settings::FollowUpOptions,
) -> Result<Vec<crate::follow_up::PlanArea>, Error> {
    let settings = FollowUpSettings {
        plan: plan.clone(),
        actuals: Vec::new(),
        forecasts: Vec::new(),
        period,
        options,
    };
    Ok(super::follow_up::compute(&settings, true)?.areas)
}

/// The annotated copy of one forecast workbook, written at `dest`; its path.
fn write_feedback(
    dest: &std::path::Path,
    name: &str,
    grids: &[&crate::grid::Grid],
    findings: &[Finding],
    lang: Lang,
) -> Result<std::path::PathBuf, Error> {
    let dest = dest.to_path_buf();
    let refs: Vec<&Finding> = findings.iter().collect();
    let bytes =
        crate::write::feedback::build_for(name, grids, &refs, lang).map_err(|e| Error::Output {
            path: dest.clone(),
            reason: e.to_string().into(),
        })?;
    crate::write::save_atomically(&bytes, &dest).map_err(|e| Error::Output {
        path: dest.clone(),
        reason: e.into(),
    })?;
    Ok(dest)
}
