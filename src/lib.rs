//! budget-consolidator: consolidates the City of Gothenburg's service-area budget
//! templates into one exact, checked workbook for finance.
//!
//! The data flows one way:
//! `discover → grid → locate → parse → validate → consolidate → write / report`.
//!
//! - [`discover`]: input folder → sorted workbook files
//! - [`grid`]: the only calamine user — bytes → sparse [`grid::Grid`]s
//! - [`locate`]: grid → table layouts, by header text
//! - [`amount`], [`parse`]: cells → exact amounts, rows, tables, row-level findings
//! - [`validate`]: rules across the sheets of an area and across areas
//! - [`load`]: one file end to end; the unit rayon maps over
//! - [`consolidate`]: areas → city-wide totals, pure `Decimal` arithmetic
//! - [`write`], [`report`]: the workbook, the terminal text and the JSON report
//! - [`ledger`]: the follow-up's actuals — SIE and table exports → ledger rows
//! - [`forecast`]: the areas' forecast tables (workbook or CSV) → forecast rows
//! - [`follow_up`]: plan + actuals + forecasts → the monthly follow-up, pure `Decimal`
//! - [`forecast_check`]: a filled forecast workbook → the lead's findings before sending
//! - [`rounds`]: who has sent what → the `Inlämningar` rows
//! - [`cmd`]: one module per subcommand; exit status decided in one place
//!
//! Amounts are `rust_decimal::Decimal` from the cell to the report.

pub mod amount;
pub mod cli;
pub mod cmd;
pub mod consolidate;
pub mod discover;
pub mod error;
pub mod finding;
pub mod follow_up;
pub mod forecast;
pub mod forecast_check;
pub mod grid;
pub mod labels;
pub mod lang;
pub mod ledger;
pub mod load;
pub mod locate;
pub mod location;
pub mod model;
pub mod parse;
pub mod report;
pub mod rounds;
pub mod settings;
pub mod validate;
pub mod write;

use clap::Parser;

/// Runs the program on command-line arguments and returns the exit status.
pub fn run<I, T>(args: I) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let cli = match cli::Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                cmd::EXIT_FATAL
            } else {
                cmd::EXIT_OK
            };
        }
    };
    let lang = cli.lang;
    match settings::Settings::from_cli(cli) {
        Ok(settings) => cmd::run(&settings),
        Err(e) => cmd::exit_status(&Err(e), lang),
    }
}
