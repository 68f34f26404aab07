//! clap definitions only: the raw command line, before any validation.
//! `settings` turns these into validated settings; nothing else reads them.

use crate::lang::Lang;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// Consolidates the service areas' budget templates into one checked workbook.
#[derive(Debug, Parser)]
#[command(name = "budget-consolidator", version, about, long_about = None)]
pub struct Cli {
    /// Language of messages and terminal text.
    #[arg(long, value_enum, global = true, default_value = "sv")]
    pub lang: Lang,

    /// No progress bar and no list of findings; the one-line summary is still printed.
    #[arg(long, short, global = true)]
    pub quiet: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check every workbook in DIR and write the consolidated workbook: the city's totals
    /// per area and year, every initiative and a list of all findings.
    Consolidate(ConsolidateArgs),
    /// Run the same checks on single workbooks; writes no consolidation, only the
    /// optional JSON report and annotated copies.
    Check(CheckArgs),
    /// Write a blank template for one area, or for every configured area (--all).
    Template(TemplateArgs),
    /// The monthly follow-up: the ledger's actuals and the areas' forecasts against
    /// the decided plan in DIR, written as uppfoljning-<year>-<MM>.xlsx.
    FollowUp(FollowUpArgs),
    /// Check that a consolidated workbook still follows from its input files.
    Verify(VerifyArgs),
    /// What changed between two versions: two area workbooks, two input folders, or two consolidations.
    Diff(DiffArgs),
    /// Print shell completions (bash, zsh, fish, powershell, elvish) or the man page.
    Completions(CompletionsArgs),
}

/// The shared arguments whose help reads differently here are given it with
/// `mut_arg` (as clap shows a doc comment: without its final period).
#[derive(Debug, Args, Default)]
#[command(args_conflicts_with_subcommands = true)]
#[command(mut_arg("out", |a| a.help("Folder for uppfoljning-<year>-<MM>.xlsx")))]
#[command(mut_arg("partial", |a| a.help(
    "Write the follow-up even when the plan has errors, without the areas that have them"
)))]
pub struct FollowUpArgs {
    /// `template` or `check`; without one, the follow-up itself. A plan folder
    /// literally named `template` or `check` is given as `./template`.
    #[command(subcommand)]
    pub action: Option<FollowUpCommand>,
    /// Folder of filled templates (the decided plan).
    #[arg(default_value = "input")]
    pub dir: PathBuf,
    #[command(flatten)]
    pub ledger: LedgerArgs,
    /// The month to follow up to, e.g. 2023-04 (default: the latest month with costs).
    #[arg(long, value_name = "YYYY-MM")]
    pub period: Option<String>,
    #[command(flatten)]
    pub run: PlanRunArgs,
    /// Also write the JSON report to FILE (- for standard output).
    #[arg(long, value_name = "FILE")]
    pub json: Option<PathBuf>,
    /// The date `Inlämningar` judges `väntas`/`saknas` by, e.g. 2022-10-14 (default:
    /// today; give it to make the sheet independent of the day of the run).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<String>,
}

/// The follow-up's inputs besides the plan: the ledger's actuals and the areas' forecasts.
#[derive(Debug, Args, Default)]
pub struct LedgerArgs {
    /// Ledger export (SIE, CSV or workbook), or a folder of them; repeatable
    /// (default: [follow_up] actuals in budget.toml).
    #[arg(long, value_name = "PATH")]
    pub actuals: Vec<PathBuf>,
    /// Forecast table, or a folder of them; repeatable (default: [follow_up] forecasts).
    #[arg(long, value_name = "PATH")]
    pub forecasts: Vec<PathBuf>,
}

/// Where a run over the plan folder writes its workbook, with which configuration,
/// and whether it writes one despite errors.
#[derive(Debug, Args, Default)]
pub struct PlanRunArgs {
    /// Folder for konsoliderad-budget-<budgetår>.xlsx.
    #[arg(long, default_value = "output")]
    pub out: PathBuf,
    /// Configuration file (default: budget.toml in DIR, when present).
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Write the workbook even with errors, leaving out the areas that have them.
    #[arg(long)]
    pub partial: bool,
}

/// The reports besides the workbook: JSON, and annotated copies of the inputs.
#[derive(Debug, Args, Default)]
pub struct ReportArgs {
    /// Also write the JSON report to FILE (- for standard output).
    #[arg(long, value_name = "FILE")]
    pub json: Option<PathBuf>,
    /// For every workbook with findings, write an annotated copy DIR/<name>-kontroll.xlsx.
    #[arg(long, value_name = "DIR")]
    pub feedback: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum FollowUpCommand {
    /// Write one forecast workbook per area, OUT/<area>-prognos-<year>-<MM>.xlsx,
    /// prefilled with the plan's budget, the ledger's actuals and the last forecast.
    Template(FollowUpTemplateArgs),
    /// Check filled forecast workbooks before they are sent; writes nothing but the
    /// optional JSON report and annotated copies.
    Check(FollowUpCheckArgs),
}

/// The shared arguments whose help reads differently here are given it with
/// `mut_arg`.
#[derive(Debug, Args)]
#[command(mut_arg("actuals", |a| a.help(
    "Ledger export, or a folder of them; repeatable (default: [follow_up] actuals)"
)))]
#[command(mut_arg("forecasts", |a| a.help(
    "The previous forecasts, or a folder of them; repeatable (default: [follow_up] forecasts)"
)))]
pub struct FollowUpTemplateArgs {
    /// Folder of filled templates (the decided plan).
    #[arg(default_value = "input")]
    pub dir: PathBuf,
    /// Folder for the forecast workbooks.
    #[arg(long)]
    pub out: PathBuf,
    /// The month the forecast is made after, e.g. 2023-04 (default: the latest month
    /// with costs).
    #[arg(long, value_name = "YYYY-MM")]
    pub period: Option<String>,
    #[command(flatten)]
    pub ledger: LedgerArgs,
    /// Configuration file (default: budget.toml in DIR, when present).
    #[arg(long)]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct FollowUpCheckArgs {
    /// Forecast workbooks to check.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// The period the forecasts must be for, e.g. 2023-04.
    #[arg(long, value_name = "YYYY-MM")]
    pub period: Option<String>,
    /// The plan folder: check initiatives and area against the decided plan (without
    /// it, against the rows the workbook was generated with).
    #[arg(long, value_name = "DIR")]
    pub plan: Option<PathBuf>,
    /// The date a workbook's Datum must not be after, e.g. 2023-05-05 (default: today).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<String>,
    #[command(flatten)]
    pub reports: ReportArgs,
}

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// A consolidated workbook written by `consolidate`.
    pub workbook: PathBuf,
    /// The input folder, when it has moved since (default: as recorded in `Källor`).
    #[arg(long, value_name = "DIR")]
    pub input: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The earlier version: an area's workbook, a folder of them, or a consolidated workbook.
    pub old: PathBuf,
    /// The later version, of the same kind as OLD.
    pub new: PathBuf,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// What to print: a shell's completion script, or the man page (roff).
    #[arg(value_enum)]
    pub target: CompletionTarget,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CompletionTarget {
    Bash,
    Zsh,
    Fish,
    Powershell,
    Elvish,
    Man,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("which").required(true).args(["area", "all"])))]
pub struct TemplateArgs {
    /// The service area the template is for.
    #[arg(long)]
    pub area: Option<String>,
    /// One template per area of the configuration, written as OUT/<area>.xlsx.
    #[arg(long, requires = "config")]
    pub all: bool,
    /// Configuration (budget.toml) listing the areas, budget year and years.
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Budget year, e.g. 2023 (with --all: default the configuration's).
    #[arg(long)]
    pub budget_year: Option<i32>,
    /// Plan years as a range, e.g. 2023-2025 (with --all: default the configuration's).
    #[arg(long)]
    pub years: Option<String>,
    /// The template file (with --all: the folder).
    #[arg(long)]
    pub out: PathBuf,
}

#[derive(Debug, Args, Default)]
pub struct ConsolidateArgs {
    /// Folder of filled templates.
    #[arg(default_value = "input")]
    pub dir: PathBuf,
    #[command(flatten)]
    pub run: PlanRunArgs,
    /// When an area has several files, keep the highest version.
    #[arg(long)]
    pub latest_version: bool,
    #[command(flatten)]
    pub reports: ReportArgs,
    /// The date `Inlämningar` judges `väntas`/`saknas` by, e.g. 2022-10-14 (default:
    /// today; give it to make the sheet independent of the day of the run).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<String>,
    /// An earlier consolidated workbook: adds the sheet `Ändringar` (what changed since).
    #[arg(long, value_name = "OLD_WORKBOOK")]
    pub previous: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Workbooks to check.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    #[command(flatten)]
    pub reports: ReportArgs,
    /// Configuration whose area names the files must use (default: the budget.toml in each file's folder, when present).
    #[arg(long)]
    pub config: Option<PathBuf>,
}
