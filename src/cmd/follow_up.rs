//! `budget-consolidator follow-up [DIR] …`: the plan read and checked exactly as
//! `consolidate` reads it (discover → load → cross-area checks), the actuals and
//! forecasts read (in parallel), the join, then the workbook
//! `uppfoljning-<år>-<MM>.xlsx` (unless errors without `--partial`), the JSON report
//! and the terminal text. Exit status as `consolidate`.

use super::Outcome;
use crate::consolidate::consolidate;
use crate::discover::discover;
use crate::error::Error;
use crate::finding::{Code, Finding, Severity};
use crate::follow_up::{self, ActualsFile, ForecastFile, PlanArea, PlanInitiative};
use crate::labels::terminal;
use crate::lang::Lang;
use crate::ledger::{ReadOptions, Unit};
use crate::load::Status;
use crate::report::{self, Counts};
use crate::settings::{ActualsUnit, FollowUpSettings};
use std::path::{Path, PathBuf};

/// `<out>/uppfoljning-<budgetår>-<MM>.xlsx`.
pub fn output_path(out_dir: &Path, budget_year: i32, period: u8) -> PathBuf {
    out_dir.join(format!("uppfoljning-{budget_year}-{period:02}.xlsx"))
}

/// The plan read and checked, the actuals and forecasts read and joined: what the
/// follow-up workbook and `follow-up template` are made from.
#[derive(Debug)]
pub struct Computed {
    pub files: Vec<crate::load::Loaded>,
    /// Every finding, one block per file.
    pub findings: Vec<crate::finding::Finding>,
    pub fu: follow_up::FollowUp,
    /// The included areas of the plan.
    pub areas: Vec<PlanArea>,
    pub counts: Counts,
    /// Who has sent a forecast.
    pub round: crate::rounds::Round,
}

/// Reads, checks and joins everything the follow-up needs.
pub fn compute(s: &FollowUpSettings, quiet: bool) -> Result<Computed, Error> {
    let plan = &s.plan;
    let found = discover(&plan.input, &plan.skip)?;
    let inputs: Vec<(PathBuf, String)> = found
        .workbooks
        .iter()
        .map(|i| (i.path.clone(), i.name.clone()))
        .collect();
    let mut files = super::load_all(&inputs, false, quiet);
    files.iter_mut().for_each(super::drop_lead_reminders);
    let config = plan.config.as_ref();
    let run = crate::validate::run::check(&mut files, config, false);
    let cons = consolidate(&files, run.budget_year, &run.years, config);
    let mut findings = super::ordered_findings(&files, &found.skipped, &run.findings);

    let budget_year = run
        .budget_year
        .or(config.and_then(|c| c.budget_year))
        .or(s.period.map(|(y, _)| y))
        .ok_or_else(|| Error::Usage {
            reason: "no budget year: no template could be read and budget.toml names none".into(),
        })?;
    let period = period_in(s.period, budget_year)?;
    let areas = plan_areas(&files);
    if let Some(c) = config {
        let names: Vec<String> = areas.iter().map(|a| a.area.clone()).collect();
        let path = plan.input.join(crate::settings::CONFIG_FILE);
        c.check_groups_against(&names, &path)?;
    }

    let LedgerInputs {
        actuals,
        forecasts: round_files,
        skipped,
    } = read_ledger_inputs(s)?;
    findings.extend(skipped);
    // A forecast for another year has an error (its submission too) and is left out.
    let round_files = year_checked(round_files, budget_year);
    let forecasts = without_other_years(without_superseded(config, round_files.clone()));
    let fu = follow_up::follow_up(follow_up::Input {
        budget_year,
        period,
        areas: &areas,
        config,
        options: &s.options,
        actuals: &actuals,
        forecasts: &forecasts,
    });
    findings.extend(fu.findings.iter().cloned());
    let today = plan.today();
    let month = (fu.budget_year, fu.period);
    findings.extend(crate::forecast_dates::check(&forecasts, month, today));
    // One block per file, as the plan's report: the plan's findings of a file first,
    // then the follow-up's about it; findings about the whole run last.
    findings.sort_by(|a, b| (a.file.is_none(), &a.file).cmp(&(b.file.is_none(), &b.file)));
    let counts = Counts::of(&files, &cons, &findings);
    let round =
        crate::rounds::Round::forecast(config, fu.budget_year, fu.period, &round_files, today);
    Ok(Computed {
        round,
        files,
        findings,
        fu,
        areas,
        counts,
    })
}

/// The month of `--period`, which must lie in the budget year.
fn period_in(period: Option<(i32, u8)>, budget_year: i32) -> Result<Option<u8>, Error> {
    match period {
        Some((y, m)) if y == budget_year => Ok(Some(m)),
        Some((y, m)) => Err(Error::Usage {
            reason: format!(
                "--period {y}-{m:02} is not in the budget year {budget_year}; give a month of {budget_year}"
            ),
        }),
        None => Ok(None),
    }
}

/// The included areas of the plan, with their initiatives' budgets and projects.
fn plan_areas(files: &[crate::load::Loaded]) -> Vec<PlanArea> {
    files
        .iter()
        .filter(|f| f.status == Status::Included)
        .filter_map(|f| {
            let p = f.plan.as_ref()?;
            Some(PlanArea {
                area: f.area.clone().unwrap_or_else(|| p.meta.area.clone()),
                file: f.file.clone(),
                initiatives: p
                    .budget
                    .rows
                    .iter()
                    .map(|r| PlanInitiative {
                        name: r.name.clone(),
                        budget: r.amount,
                        projects: r.projects.clone(),
                        cell: Some(r.name_cell),
                    })
                    .collect(),
            })
        })
        .collect()
}

/// The follow-up's inputs beside the plan, read.
struct LedgerInputs {
    actuals: Vec<ActualsFile>,
    forecasts: Vec<ForecastFile>,
    /// The notes for the documents their folders hold, which were skipped.
    skipped: Vec<Finding>,
}

/// The ledger's actuals and the forecasts, each read in parallel with the other.
fn read_ledger_inputs(s: &FollowUpSettings) -> Result<LedgerInputs, Error> {
    let opts = ReadOptions {
        project_dimension: s.options.project_dimension,
        table_unit: match s.options.actuals_unit {
            ActualsUnit::Kronor => Unit::Kronor,
            ActualsUnit::Tkr => Unit::Tkr,
        },
        ..ReadOptions::default()
    };
    let (actual_paths, mut skipped) = expand(&s.actuals, &s.plan.input)?;
    let (forecast_paths, documents) = expand(&s.forecasts, &s.plan.input)?;
    skipped.extend(documents);
    let (actuals, forecasts) = rayon::join(
        || read_actuals(&actual_paths, &opts),
        || {
            use rayon::prelude::*;
            forecast_paths
                .par_iter()
                .map(|(path, name)| {
                    let mut read = crate::forecast::read(path, name);
                    read.sha256 = crate::provenance::sha256_of_file(path);
                    read
                })
                .collect::<Vec<ForecastFile>>()
        },
    );
    Ok(LedgerInputs {
        actuals,
        forecasts,
        skipped,
    })
}

/// A forecast workbook replaced by a newer version of the same area's is left
/// out of the join (with a note), as --latest-version does for plans.
fn without_superseded(
    config: Option<&crate::settings::Config>,
    forecasts: Vec<ForecastFile>,
) -> Vec<ForecastFile> {
    let replaced = crate::rounds::superseded_forecasts(config, &forecasts);
    forecasts
        .into_iter()
        .enumerate()
        .map(|(i, mut f)| {
            if let Some((_, note)) = replaced.iter().find(|(k, _)| *k == i) {
                f.rows.clear();
                f.findings.push(note.clone());
            }
            f
        })
        .collect()
}

/// Each forecast file whose forecast column is headed for another year than the
/// follow-up's, with the error that says so.
fn year_checked(forecasts: Vec<ForecastFile>, budget_year: i32) -> Vec<ForecastFile> {
    (forecasts.into_iter())
        .map(|mut f| {
            f.findings
                .extend(crate::forecast_dates::year_finding(&f, budget_year));
            f
        })
        .collect()
}

/// The files [`year_checked`] found headed for another year are left out of the
/// join: the error names them, and their rows are counted as read, not used.
fn without_other_years(forecasts: Vec<ForecastFile>) -> Vec<ForecastFile> {
    (forecasts.into_iter())
        .map(|mut f| {
            if f.findings.iter().any(|x| x.code() == Code::ForecastYear) {
                f.rows.clear();
            }
            f
        })
        .collect()
}

pub fn run(s: &FollowUpSettings, lang: Lang, quiet: bool) -> Result<Outcome, Error> {
    let plan = &s.plan;
    let Computed {
        files,
        findings,
        fu,
        counts,
        round,
        ..
    } = compute(s, quiet)?;
    let errors = findings.iter().any(|f| f.severity == Severity::Error);
    let status = super::consolidate::json_status(errors, plan.partial);

    let mut written = None;
    if !errors || plan.partial {
        let dest = output_path(&plan.out_dir, fu.budget_year, fu.period);
        let contents = crate::write::follow_up::Contents {
            follow_up: &fu,
            files: &files,
            findings: &findings,
            partial: errors,
            lang,
            round: Some(&round),
        };
        crate::write::follow_up::write(&contents, &dest).map_err(|reason| Error::Output {
            path: dest.clone(),
            reason: reason.into(),
        })?;
        written = Some(dest);
    }
    if let Some(path) = &plan.json {
        let json =
            report::follow_up::to_string(&report::follow_up::report(&fu, &findings, status, lang));
        super::write_json_text(path, json)?;
    }

    let mut out = report::terminal::render(if quiet { &[] } else { &findings }, &counts, lang);
    out.push_str(&summary_line(&fu, lang));
    if let Some(line) = crate::rounds::summary_line(&round.submissions, lang) {
        out.push_str(&line);
    }
    match &written {
        Some(path) => out.push_str(&format!("{} {}\n", terminal::wrote(lang), path.display())),
        None => out.push_str(terminal::no_follow_up(lang)),
    }
    super::print_text(&out, plan.json.as_deref());
    Ok(Outcome { errors })
}

/// `Uppföljning 2023-04 (tkr): utfall ack 29 107, budget ack 30 486, …`
fn summary_line(fu: &follow_up::FollowUp, lang: Lang) -> String {
    let a = |d| crate::lang::amount(crate::follow_up::round_tkr(d), lang);
    let t = &fu.totals;
    let totals = [
        t.actual,
        t.budget_to_date,
        t.forecast,
        t.budget,
        t.previous_year,
    ]
    .map(a);
    terminal::follow_up_summary(fu.budget_year, fu.period, &totals, lang)
}

/// A file to read, with the name findings give it.
type NamedPath = (PathBuf, String);

/// Files and folders → files (a folder: every file in it, sorted, dot files and
/// Excel lock files left out), each with the name findings give it: relative to
/// the plan folder's parent when inside it, else as given. A document in a folder
/// (`LÄSMIG.md`, notes as `.docx`) is skipped with a note, as in the plan's folder;
/// a file named on its own is always read. The plan's `budget.toml` in a folder is
/// the configuration, not data, and one file reached twice (named twice, or named
/// and in a folder named) is read once.
fn expand(paths: &[PathBuf], input: &Path) -> Result<(Vec<NamedPath>, Vec<Finding>), Error> {
    let base = input.parent().unwrap_or(Path::new(""));
    let name = |p: &Path| -> String {
        let shown = p
            .strip_prefix(input)
            .or_else(|_| p.strip_prefix(base))
            .unwrap_or(p);
        // `/`-separated; an absolute path keeps its one leading `/` (its root is a
        // component of its own, which joined would give `//tmp/…`).
        let parts: Vec<String> = (shown.components())
            .filter(|c| !matches!(c, std::path::Component::RootDir))
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let root = if shown.has_root() { "/" } else { "" };
        format!("{root}{}", parts.join("/"))
    };
    let mut out = Vec::new();
    let mut skipped = Vec::new();
    for p in paths {
        if p.is_dir() {
            let entries = std::fs::read_dir(p).map_err(|e| Error::InputFolder {
                path: p.clone(),
                reason: e.into(),
            })?;
            let mut files: Vec<PathBuf> = entries
                .flatten()
                .map(|e| e.path())
                .filter(|f| f.is_file())
                .filter(|f| {
                    let n = f.file_name().map(|n| n.to_string_lossy().into_owned());
                    n.is_some_and(|n| {
                        !n.starts_with('.')
                            && !n.starts_with("~$")
                            && n != crate::settings::CONFIG_FILE
                    })
                })
                .collect();
            files.sort();
            for f in files {
                let n = name(&f);
                match crate::discover::document_note(&f, &n) {
                    Some(note) => skipped.push(note),
                    None => out.push((f, n)),
                }
            }
        } else {
            out.push((p.clone(), name(p)));
        }
    }
    let mut seen = std::collections::HashSet::new();
    out.retain(|(p, _)| seen.insert(std::fs::canonicalize(p).unwrap_or_else(|_| p.clone())));
    Ok((out, skipped))
}

/// Reads every actuals file in parallel, each with its SHA-256.
fn read_actuals(paths: &[NamedPath], opts: &ReadOptions) -> Vec<ActualsFile> {
    use rayon::prelude::*;
    paths
        .par_iter()
        .map(|(path, name)| {
            let (actuals, sha256) = rayon::join(
                || crate::ledger::read(path, name, opts),
                || crate::provenance::sha256_of_file(path),
            );
            ActualsFile { actuals, sha256 }
        })
        .collect()
}
