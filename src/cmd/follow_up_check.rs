//! `budget-consolidator follow-up check FILE… [--plan DIR] [--period YYYY-MM]
//! [--feedback DIR]`: the forecast reader and the forecast checks on filled
//! forecast workbooks, for an area lead before sending; `--feedback` writes the
//! annotated copy as `check` does for plans. Writes nothing else.

use super::Outcome;
use crate::error::Error;
use crate::finding::{Finding, Severity};
use crate::forecast_check::{self, Expect};
use crate::labels::terminal;
use crate::lang::Lang;
use crate::report;
use crate::settings::{FollowUpCheckSettings, FollowUpSettings};

pub fn run(s: &FollowUpCheckSettings, lang: Lang, quiet: bool) -> Result<Outcome, Error> {
    // The plan, when given, read exactly as the follow-up reads it.
    let plan = match &s.plan {
        Some(p) => {
            let settings = FollowUpSettings {
                plan: p.clone(),
                actuals: Vec::new(),
                forecasts: Vec::new(),
                period: s.period,
                options: p
                    .config
                    .as_ref()
                    .map(crate::settings::Config::follow_up_options)
                    .unwrap_or_default(),
            };
            Some(super::follow_up::compute(&settings, true)?.areas)
        }
        None => None,
    };
    let config = s.plan.as_ref().and_then(|p| p.config.as_ref());
    let threshold = config
        .map(crate::settings::Config::follow_up_options)
        .unwrap_or_default()
        .comment_threshold;
    let mut findings: Vec<Finding> = Vec::new();
    let mut feedback = Vec::new();
    for path in &s.files {
        let name = path.display().to_string();
        let (file, grid) = crate::forecast::read_with_grid(path, &name);
        let mut mine = file.findings.clone();
        if grid.is_some() {
            mine.extend(forecast_check::check(
                &file,
                &Expect {
                    areas: plan.as_deref(),
                    config,
                    period: s.period,
                    threshold,
                },
            ));
        }
        mine.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        if let (Some(dir), false) = (&s.feedback, mine.is_empty()) {
            let dest = crate::write::feedback::path_for(dir, &name, false);
            let refs: Vec<&Finding> = mine.iter().collect();
            let grids: Vec<&crate::grid::Grid> = grid.iter().collect();
            let bytes =
                crate::write::feedback::build_for(&name, &grids, &refs, lang).map_err(|e| {
                    Error::Output {
                        path: dest.clone(),
                        reason: e.to_string().into(),
                    }
                })?;
            crate::write::save_atomically(&bytes, &dest).map_err(|e| Error::Output {
                path: dest.clone(),
                reason: e.into(),
            })?;
            feedback.push(dest);
        }
        findings.extend(mine);
    }
    let count = |sev: Severity| findings.iter().filter(|f| f.severity == sev).count();
    let errors = count(Severity::Error) > 0;
    let mut out = report::terminal::findings(if quiet { &[] } else { &findings }, lang);
    if !out.is_empty() {
        out.push('\n');
    }
    out.push_str(&if lang == Lang::Sv {
        format!(
            "Kontrollerade {} prognosfil{} · {} fel, {} varning{}, {} info\n",
            s.files.len(),
            if s.files.len() == 1 { "" } else { "er" },
            count(Severity::Error),
            count(Severity::Warning),
            if count(Severity::Warning) == 1 {
                ""
            } else {
                "ar"
            },
            count(Severity::Info)
        )
    } else {
        format!(
            "Checked {} forecast file{} · {} error{}, {} warning{}, {} info\n",
            s.files.len(),
            if s.files.len() == 1 { "" } else { "s" },
            count(Severity::Error),
            if count(Severity::Error) == 1 { "" } else { "s" },
            count(Severity::Warning),
            if count(Severity::Warning) == 1 {
                ""
            } else {
                "s"
            },
            count(Severity::Info)
        )
    });
    super::list_feedback(&mut out, &feedback, lang);
    out.push_str(terminal::send_verdict(
        errors,
        false,
        s.files.len() == 1,
        lang,
    ));
    out.push('\n');
    print!("{out}");
    Ok(Outcome { errors })
}
