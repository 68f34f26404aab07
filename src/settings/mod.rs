//! Command line + `budget.toml` → one validated [`Settings`] value. Validation
//! happens once, here; downstream code never sees raw flags or raw TOML.
//!
//! Split by role: [`config`] is `budget.toml` as written and checked, its
//! `[follow_up]` part lives in [`follow_up`], [`commands`] turns each subcommand's
//! flags into its settings, [`paths`] resolves paths and keeps outputs off inputs.

mod commands;
mod config;
mod follow_up;
mod paths;

pub use commands::{parse_period, parse_years};
pub use config::{AreaConfig, Config, Paths, ProjectConfig, ReportGroupConfig};
pub use follow_up::{ActualsUnit, CostAccounts, FollowUpConfig, FollowUpOptions};
pub use paths::{refuse_output_in_input, resolve};

use crate::cli::{Cli, Command, ConsolidateArgs, PlanRunArgs};
use crate::error::Error;
use crate::lang::Lang;
use crate::model::TemplateSpec;
use std::path::PathBuf;

pub use crate::labels::CONFIG_FILE;

#[derive(Debug, Clone)]
pub struct ConsolidateSettings {
    /// Folders and files `discover` skips: the follow-up's inputs (`[follow_up]`).
    pub skip: Vec<PathBuf>,
    pub input: PathBuf,
    pub out_dir: PathBuf,
    pub config: Option<Config>,
    pub partial: bool,
    pub latest_version: bool,
    pub json: Option<PathBuf>,
    pub feedback: Option<PathBuf>,
    /// The configuration's text, recorded in the workbook for `verify`.
    pub config_text: Option<String>,
    /// `--previous`: an earlier consolidated workbook to list the changes against.
    pub previous: Option<PathBuf>,
    /// `--today`: the reference date of `Inlämningar` (`None`: the system date).
    pub today: Option<crate::rounds::Date>,
}

impl ConsolidateSettings {
    /// The reference date of `Inlämningar`: `--today`, else the system's date.
    pub fn today(&self) -> crate::rounds::Date {
        self.today.unwrap_or_else(crate::rounds::Date::today)
    }
}

/// `verify WORKBOOK [--input DIR]`.
#[derive(Debug, Clone)]
pub struct VerifySettings {
    pub workbook: PathBuf,
    pub input: Option<PathBuf>,
}

/// `diff OLD NEW`: two area workbooks, or two input folders.
#[derive(Debug, Clone)]
pub struct DiffSettings {
    pub old: PathBuf,
    pub new: PathBuf,
}

#[derive(Debug, Clone)]
pub struct FollowUpSettings {
    /// The plan: read and checked exactly as `consolidate` reads it.
    pub plan: ConsolidateSettings,
    /// Actuals files and folders (from `--actuals`, else `[follow_up]`).
    pub actuals: Vec<PathBuf>,
    pub forecasts: Vec<PathBuf>,
    /// `--period`: (year, month).
    pub period: Option<(i32, u8)>,
    pub options: FollowUpOptions,
}

#[derive(Debug, Clone)]
pub struct CheckSettings {
    pub files: Vec<PathBuf>,
    /// The configuration beside each file (`budget.toml` in its folder), one per
    /// file: its area rule applies as in `consolidate`.
    pub configs: Vec<Option<std::sync::Arc<Config>>>,
    pub json: Option<PathBuf>,
    pub feedback: Option<PathBuf>,
}

/// Templates to write: each spec and its file.
#[derive(Debug, Clone)]
pub struct TemplateSettings {
    pub templates: Vec<(TemplateSpec, PathBuf)>,
}

/// `follow-up template`: the follow-up's inputs, the forecast workbooks to
/// `follow_up.plan.out_dir`.
#[derive(Debug, Clone)]
pub struct FollowUpTemplateSettings {
    pub follow_up: FollowUpSettings,
}

/// `follow-up check FILE…`.
#[derive(Debug, Clone)]
pub struct FollowUpCheckSettings {
    pub files: Vec<PathBuf>,
    /// `--period`: (year, month).
    pub period: Option<(i32, u8)>,
    /// `--plan DIR`: the plan to check against.
    pub plan: Option<ConsolidateSettings>,
    /// `--today`: the date a workbook's `Datum` must not be after (`None`: the
    /// system date).
    pub today: Option<crate::rounds::Date>,
    /// `--json FILE`: the JSON report, as `check` writes it.
    pub json: Option<PathBuf>,
    pub feedback: Option<PathBuf>,
}

/// Built once per run, so the size difference between the variants does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub enum Task {
    Consolidate(ConsolidateSettings),
    Check(CheckSettings),
    Template(TemplateSettings),
    FollowUp(FollowUpSettings),
    FollowUpTemplate(FollowUpTemplateSettings),
    FollowUpCheck(FollowUpCheckSettings),
    Verify(VerifySettings),
    Diff(DiffSettings),
}

#[derive(Debug, Clone)]
pub struct Settings {
    pub lang: Lang,
    /// `--quiet`: no progress bar, no finding lines (the summary stays).
    pub quiet: bool,
    pub task: Task,
}

impl Settings {
    pub fn from_cli(cli: Cli) -> Result<Settings, Error> {
        let task = match cli.command {
            None => commands::consolidate(ConsolidateArgs {
                dir: PathBuf::from("input"),
                run: PlanRunArgs {
                    out: PathBuf::from("output"),
                    ..PlanRunArgs::default()
                },
                ..ConsolidateArgs::default()
            })?,
            Some(Command::Consolidate(args)) => commands::consolidate(args)?,
            Some(Command::Check(args)) => commands::check(args)?,
            Some(Command::Template(args)) => commands::template(args)?,
            Some(Command::FollowUp(args)) => commands::follow_up(args)?,
            Some(Command::Verify(args)) => commands::verify(args)?,
            Some(Command::Diff(args)) => commands::diff(args)?,
            // Printed from the command's definitions before settings are made.
            Some(Command::Completions(_)) => {
                return Err(Error::Usage {
                    reason: "completions".into(),
                });
            }
        };
        Ok(Settings {
            lang: cli.lang,
            quiet: cli.quiet,
            task,
        })
    }
}

#[cfg(test)]
mod tests;
