//! One subcommand's flags (plus `budget.toml`) → its validated settings.

use super::paths::refuse_json_over_input;
use super::*;
use crate::cli::{
    CheckArgs, ConsolidateArgs, DiffArgs, FollowUpArgs, FollowUpCheckArgs, FollowUpCommand,
    PlanRunArgs, ReportArgs, TemplateArgs, VerifyArgs,
};
use crate::error::Error;
use crate::model::TemplateSpec;
use std::path::PathBuf;

pub(super) fn consolidate(args: ConsolidateArgs) -> Result<Task, Error> {
    consolidate_settings(args).map(Task::Consolidate)
}

pub(super) fn consolidate_settings(args: ConsolidateArgs) -> Result<ConsolidateSettings, Error> {
    if !args.dir.is_dir() {
        let reason = if args.dir.exists() {
            "not a folder"
        } else {
            "no such folder"
        };
        return Err(Error::InputFolder {
            path: args.dir,
            reason: reason.into(),
        });
    }
    refuse_output_in_input(&args.dir, &args.run.out, "--out")?;
    if let Some(dir) = &args.reports.feedback {
        refuse_output_in_input(&args.dir, dir, "--feedback")?;
    }
    if let Some(json) = &args.reports.json {
        refuse_json_over_input(json, std::slice::from_ref(&args.dir))?;
    }
    let config_path = match &args.run.config {
        Some(path) => Some(path.clone()),
        None => Some(args.dir.join(CONFIG_FILE)).filter(|p| p.is_file()),
    };
    let config = match &config_path {
        Some(path) => Some(Config::load(path)?),
        None => None,
    };
    // Read once more for the record: the text as it was parsed.
    let config_text = config_path.and_then(|p| std::fs::read_to_string(p).ok());
    if let Some(previous) = args.previous.as_ref().filter(|p| !p.is_file()) {
        return Err(Error::MissingFile {
            path: previous.clone(),
        });
    }
    let skip = config
        .as_ref()
        .map(Config::follow_up_paths)
        .unwrap_or_default();
    let today = today_arg(args.today.as_deref())?;
    Ok(ConsolidateSettings {
        today,
        skip,
        input: args.dir,
        out_dir: args.run.out,
        config,
        partial: args.run.partial,
        latest_version: args.latest_version,
        json: args.reports.json,
        feedback: args.reports.feedback,
        config_text,
        previous: args.previous,
    })
}

fn period_arg(period: Option<&String>) -> Result<Option<(i32, u8)>, Error> {
    match period {
        None => Ok(None),
        Some(text) => Ok(Some(parse_period(text).ok_or_else(|| Error::Usage {
            reason: format!("--period {text}: write the month as YYYY-MM, e.g. 2023-04"),
        })?)),
    }
}

pub(super) fn follow_up(mut args: FollowUpArgs) -> Result<Task, Error> {
    match args.action.take() {
        None => follow_up_settings(args).map(Task::FollowUp),
        Some(FollowUpCommand::Template(t)) => {
            let follow_up = follow_up_settings(FollowUpArgs {
                action: None,
                dir: t.dir,
                ledger: t.ledger,
                period: t.period,
                run: PlanRunArgs {
                    out: t.out,
                    config: t.config,
                    partial: true,
                },
                json: None,
                today: None,
            })?;
            Ok(Task::FollowUpTemplate(FollowUpTemplateSettings {
                follow_up,
            }))
        }
        Some(FollowUpCommand::Check(c)) => follow_up_check(c),
    }
}

fn follow_up_check(args: FollowUpCheckArgs) -> Result<Task, Error> {
    if let Some(not_file) = args.files.iter().find(|f| !f.is_file()) {
        return Err(not_a_file(not_file, true));
    }
    if let Some(json) = &args.reports.json {
        let inputs: Vec<PathBuf> = args.files.iter().chain(&args.plan).cloned().collect();
        refuse_json_over_input(json, &inputs)?;
    }
    let plan = match args.plan {
        None => None,
        Some(dir) => Some(consolidate_settings(ConsolidateArgs {
            dir,
            ..ConsolidateArgs::default()
        })?),
    };
    Ok(Task::FollowUpCheck(FollowUpCheckSettings {
        files: args.files,
        period: period_arg(args.period.as_ref())?,
        today: today_arg(args.today.as_deref())?,
        plan,
        json: args.reports.json,
        feedback: args.reports.feedback,
    }))
}

/// `--today YYYY-MM-DD`, read.
fn today_arg(text: Option<&str>) -> Result<Option<crate::rounds::Date>, Error> {
    let Some(text) = text else { return Ok(None) };
    crate::rounds::Date::parse(text)
        .map(Some)
        .ok_or_else(|| Error::Usage {
            reason: format!("--today {text}: write the date as YYYY-MM-DD, e.g. 2022-10-14"),
        })
}

fn follow_up_settings(args: FollowUpArgs) -> Result<FollowUpSettings, Error> {
    let period = period_arg(args.period.as_ref())?;
    let mut plan = consolidate_settings(ConsolidateArgs {
        dir: args.dir,
        run: args.run,
        latest_version: false,
        reports: ReportArgs {
            json: args.json,
            feedback: None,
        },
        today: args.today,
        previous: None,
    })?;
    let config = plan.config.as_ref();
    let actuals_configured = args.ledger.actuals.is_empty();
    let actuals = match actuals_configured {
        true => config.map(Config::actuals_paths).unwrap_or_default(),
        false => args.ledger.actuals,
    };
    let forecasts_configured = args.ledger.forecasts.is_empty();
    let forecasts = match forecasts_configured {
        true => config.map(Config::forecasts_paths).unwrap_or_default(),
        false => args.ledger.forecasts,
    };
    let given = [
        (&actuals, false, actuals_configured),
        (&forecasts, true, forecasts_configured),
    ];
    for (paths, forecasts, configured) in given {
        if let Some(missing) = paths.iter().find(|p| !p.exists()) {
            return Err(Error::MissingFollowUpInput {
                path: missing.clone(),
                forecasts,
                configured,
            });
        }
    }
    // No output lands in a folder of actuals or forecasts, and the JSON report
    // overwrites none of them (the plan folder was checked above).
    for input in actuals.iter().chain(&forecasts).filter(|p| p.is_dir()) {
        refuse_output_in_input(input, &plan.out_dir, "--out")?;
    }
    if let Some(json) = &plan.json {
        let inputs: Vec<PathBuf> = actuals.iter().chain(&forecasts).cloned().collect();
        refuse_json_over_input(json, &inputs)?;
    }
    let options = config.map(Config::follow_up_options).unwrap_or_default();
    // The follow-up's inputs are never read as templates, wherever they are.
    plan.skip.extend(actuals.iter().cloned());
    plan.skip.extend(forecasts.iter().cloned());
    Ok(FollowUpSettings {
        plan,
        actuals,
        forecasts,
        period,
        options,
    })
}

pub(super) fn verify(args: VerifyArgs) -> Result<Task, Error> {
    if !args.workbook.is_file() {
        return Err(Error::MissingFile {
            path: args.workbook,
        });
    }
    if let Some(dir) = args.input.as_ref().filter(|d| !d.is_dir()) {
        return Err(Error::InputFolder {
            path: dir.clone(),
            reason: "no such folder".into(),
        });
    }
    Ok(Task::Verify(VerifySettings {
        workbook: args.workbook,
        input: args.input,
    }))
}

pub(super) fn diff(args: DiffArgs) -> Result<Task, Error> {
    for path in [&args.old, &args.new] {
        if !path.exists() {
            return Err(Error::MissingFile { path: path.clone() });
        }
    }
    if args.old.is_dir() != args.new.is_dir() {
        return Err(Error::Usage {
            reason: format!(
                "diff compares two workbooks or two folders, not {} with {}",
                args.old.display(),
                args.new.display()
            ),
        });
    }
    Ok(Task::Diff(DiffSettings {
        old: args.old,
        new: args.new,
    }))
}

/// `2023-04` (or `202304`) → (2023, 4).
pub fn parse_period(text: &str) -> Option<(i32, u8)> {
    let t = text.trim();
    let (y, m) = t
        .split_once('-')
        .or_else(|| (t.len() == 6 && t.is_ascii()).then(|| t.split_at(4)))?;
    let (y, m): (i32, u8) = (y.parse().ok()?, m.parse().ok()?);
    ((1900..=2200).contains(&y) && (1..=12).contains(&m)).then_some((y, m))
}

/// A path given where a workbook is expected (a forecast workbook when
/// `forecasts`): a folder, or nothing at all.
fn not_a_file(path: &std::path::Path, forecasts: bool) -> Error {
    let path = path.to_path_buf();
    match path.is_dir() {
        true => Error::FolderNotFile { path, forecasts },
        false => Error::MissingFile { path },
    }
}

pub(super) fn check(args: CheckArgs) -> Result<Task, Error> {
    // A FIFO, socket or device is let through: loading reports it without opening it.
    if let Some(not_file) = args.files.iter().find(|f| f.is_dir() || !f.exists()) {
        return Err(not_a_file(not_file, false));
    }
    if let Some(json) = &args.reports.json {
        refuse_json_over_input(json, &args.files)?;
    }
    let configs = match &args.config {
        Some(path) => {
            // One configuration for every file, shared rather than copied.
            let config = std::sync::Arc::new(Config::load(path)?);
            vec![Some(config); args.files.len()]
        }
        None => configs_beside(&args.files)?,
    };
    Ok(Task::Check(CheckSettings {
        configs,
        files: args.files,
        json: args.reports.json,
        feedback: args.reports.feedback,
    }))
}

/// The `budget.toml` in each file's folder, if there is one; each is read once and
/// shared by the files of its folder.
fn configs_beside(files: &[PathBuf]) -> Result<Vec<Option<std::sync::Arc<Config>>>, Error> {
    let mut read: Vec<(PathBuf, Option<std::sync::Arc<Config>>)> = Vec::new();
    let mut configs = Vec::with_capacity(files.len());
    for file in files {
        let path = file
            .parent()
            .unwrap_or_else(|| std::path::Path::new(""))
            .join(CONFIG_FILE);
        let config = match read.iter().find(|(p, _)| *p == path) {
            Some((_, config)) => config.clone(),
            None => {
                let config = if path.is_file() {
                    Some(std::sync::Arc::new(Config::load(&path)?))
                } else {
                    None
                };
                read.push((path, config.clone()));
                config
            }
        };
        configs.push(config);
    }
    Ok(configs)
}

/// `2023-2025` (or with an en dash) → [2023, 2024, 2025].
pub fn parse_years(text: &str) -> Option<Vec<i32>> {
    let (a, b) = text
        .trim()
        .split_once(['-', '–'])
        .unwrap_or((text.trim(), text.trim()));
    let (a, b): (i32, i32) = (a.trim().parse().ok()?, b.trim().parse().ok()?);
    (1900..=2200).contains(&a).then_some(())?;
    (a <= b && b - a < 50).then(|| (a..=b).collect())
}

pub(super) fn template(args: TemplateArgs) -> Result<Task, Error> {
    let usage = |reason: String| Error::Usage { reason };
    let cli_years = match &args.years {
        Some(text) => Some(parse_years(text).ok_or_else(|| {
            usage(format!(
                "--years {text}: write the plan years as a range, e.g. 2023-2025"
            ))
        })?),
        None => None,
    };
    let (areas, budget_year, years, out_is_dir) = if args.all {
        let path = args.config.clone().unwrap_or_default();
        let config = Config::load(&path)?;
        if config.areas.is_empty() {
            return Err(Error::Config {
                path,
                reason: "no [[area]] is listed".into(),
            });
        }
        let budget_year = args.budget_year.or(config.budget_year);
        let years = cli_years.or(config.years.clone());
        let (Some(budget_year), Some(years)) = (budget_year, years) else {
            return Err(Error::Config {
                path,
                reason:
                    "budget_year and years are needed for --all (or give --budget-year and --years)"
                        .into(),
            });
        };
        (
            config.areas.iter().map(|a| a.name.clone()).collect(),
            budget_year,
            years,
            true,
        )
    } else {
        one_area(&args, cli_years)?
    };
    if !years.contains(&budget_year) {
        return Err(usage(format!(
            "budget year {budget_year} is not among the plan years {}–{}",
            years[0],
            years[years.len() - 1]
        )));
    }
    let templates = areas
        .into_iter()
        .map(|area| {
            let path = if out_is_dir {
                args.out.join(crate::model::template_file_name(&area))
            } else {
                args.out.clone()
            };
            (
                TemplateSpec {
                    area,
                    budget_year,
                    years: years.clone(),
                },
                path,
            )
        })
        .collect();
    Ok(Task::Template(TemplateSettings { templates }))
}

/// `template --area`'s area, budget year and plan years: from the flags, else from
/// `--config`, whose area list the name must be in (an alias gives the name).
fn one_area(
    args: &TemplateArgs,
    cli_years: Option<Vec<i32>>,
) -> Result<(Vec<String>, i32, Vec<i32>, bool), Error> {
    let usage = |reason: String| Error::Usage { reason };
    let area = args.area.clone().unwrap_or_default();
    if area.trim().is_empty() {
        return Err(usage("--area needs a name".into()));
    }
    // With --config: the years from it unless given, and the area as it names
    // it (an alias gives the area's name), or refused when it lists others.
    let config = args.config.as_deref().map(Config::load).transpose()?;
    let area = match config.as_ref().filter(|c| !c.areas.is_empty()) {
        None => area.trim().to_string(),
        Some(c) => match c.area_for(&area) {
            Some(known) => known.name.clone(),
            None => {
                let path = args.config.clone().unwrap_or_default();
                let known: Vec<&str> = c.areas.iter().map(|a| a.name.as_str()).collect();
                return Err(usage(format!(
                    "--area {}: {} lists no such area (known: {})",
                    area.trim(),
                    path.display(),
                    known.join(", ")
                )));
            }
        },
    };
    let budget_year = args
        .budget_year
        .or(config.as_ref().and_then(|c| c.budget_year));
    let years = cli_years.or(config.as_ref().and_then(|c| c.years.clone()));
    let (Some(budget_year), Some(years)) = (budget_year, years) else {
        return Err(usage("template --area needs --budget-year and --years (or a --config that gives them), e.g. --budget-year 2023 --years 2023-2025".into()));
    };
    Ok((vec![area], budget_year, years, false))
}
