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

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read every workbook in DIR in parallel, check them, write the consolidated workbook.
    Consolidate(ConsolidateArgs),
    /// Run the same checks on single workbooks; writes nothing but the optional JSON report.
    Check(CheckArgs),
}

#[derive(Debug, Args, Default)]
pub struct ConsolidateArgs {
    /// Folder of filled templates.
    #[arg(default_value = "input")]
    pub dir: PathBuf,
    /// Folder for konsoliderad-budget-<budgetår>.xlsx.
    #[arg(long, default_value = "output")]
    pub out: PathBuf,
    /// Configuration file (default: budget.toml in DIR, when present).
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Write the workbook even with errors, leaving out the areas that have them.
    #[arg(long)]
    pub partial: bool,
    /// When an area has several files, keep the highest version.
    #[arg(long)]
    pub latest_version: bool,
    /// Also write the JSON report to FILE.
    #[arg(long, value_name = "FILE")]
    pub json: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Workbooks to check.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Also write the JSON report to FILE.
    #[arg(long, value_name = "FILE")]
    pub json: Option<PathBuf>,
}
