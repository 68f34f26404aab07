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
//! - [`versions`]: the optional version table → entries, and its last version checked
//! - [`validate`]: rules across the sheets of an area and across areas
//! - [`load`]: one file end to end; the unit rayon maps over
//! - [`loaded`]: what one file yielded, and whether its area is included
//! - [`consolidate`]: areas → city-wide totals, pure `Decimal` arithmetic
//! - [`changes`]: two versions → what changed, per area and initiative
//! - [`write`], [`report`]: the workbook, the terminal text and the JSON report
//! - [`provenance`]: what a workbook records so that `verify` can repeat its run
//! - [`calendar`]: which days a month has, the one date rule of every reader
//! - [`ledger`]: the follow-up's actuals — SIE and table exports → ledger rows
//! - [`forecast`]: the areas' forecast tables (workbook or CSV) → forecast rows
//! - [`follow_up`]: plan + actuals + forecasts → the monthly follow-up, pure `Decimal`
//! - [`forecast_check`]: a filled forecast workbook → the lead's findings before sending
//! - [`forecast_dates`]: the forecasts' months and dates against the follow-up's → findings
//! - [`rounds`]: who has sent what → the `Inlämningar` rows
//! - [`cmd`]: one module per subcommand; exit status decided in one place
//!
//! Amounts are `rust_decimal::Decimal` from the cell to the report.

pub mod amount;
pub mod calendar;
pub mod changes;
pub mod cli;
pub mod cmd;
pub mod consolidate;
pub mod csv_lines;
pub mod discover;
pub mod error;
pub mod finding;
pub mod follow_up;
pub mod forecast;
pub mod forecast_check;
pub mod forecast_dates;
pub mod grid;
pub mod labels;
pub mod lang;
pub mod ledger;
pub mod load;
pub mod loaded;
pub mod locate;
pub mod location;
pub mod model;
pub mod parse;
pub mod provenance;
pub mod report;
pub mod rounds;
pub mod settings;
pub mod usage;
pub mod validate;
pub mod versions;
pub mod write;

/// Runs the program on command-line arguments and returns the exit status.
pub fn run<I, T>(args: I) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let args: Vec<std::ffi::OsString> = args.into_iter().map(Into::into).collect();
    let cli = match usage::parse(args) {
        Ok(cli) => cli,
        Err(exit) => {
            return if exit.to_stderr {
                eprint!("{}", exit.text);
                cmd::EXIT_FATAL
            } else {
                print!("{}", exit.text);
                cmd::EXIT_OK
            };
        }
    };
    load::install_panic_hook();
    if let Some(cli::Command::Completions(c)) = &cli.command {
        let mut out = std::io::stdout().lock();
        return match usage::completions(c.target, cli.lang, &mut out) {
            Ok(()) => cmd::EXIT_OK,
            Err(e) => {
                eprintln!("{e}");
                cmd::EXIT_FATAL
            }
        };
    }
    let lang = cli.lang;
    match settings::Settings::from_cli(cli) {
        Ok(settings) => cmd::run(&settings),
        Err(e) => cmd::exit_status(&Err(e), lang),
    }
}
