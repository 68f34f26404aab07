//! Command line + `budget.toml` → one validated [`Settings`] value. Validation
//! happens once, here; downstream code never sees raw flags or raw TOML.

use crate::cli::{
    CheckArgs, Cli, Command, ConsolidateArgs, DiffArgs, FollowUpArgs, TemplateArgs, VerifyArgs,
};
use crate::error::Error;
use crate::labels::normalize;
use crate::lang::Lang;
use crate::model::TemplateSpec;
use rust_decimal::Decimal;
use serde::Deserialize;
use std::path::{Path, PathBuf};

pub use crate::labels::CONFIG_FILE;

/// The optional configuration (`budget.toml`), as the contract's §2 defines it.
#[derive(Debug, Clone, PartialEq, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub budget_year: Option<i32>,
    pub years: Option<Vec<i32>>,
    /// Approved development budget for the budget year, tkr.
    pub total_frame: Option<Decimal>,
    #[serde(default, rename = "area")]
    pub areas: Vec<AreaConfig>,
    /// `[[project]]`: project codes of the ledger linked to an area or initiative.
    #[serde(default, rename = "project")]
    pub projects: Vec<ProjectConfig>,
    /// `[[report_group]]`: the rows of the monthly report, each one or more areas.
    #[serde(default, rename = "report_group")]
    pub report_groups: Vec<ReportGroupConfig>,
    /// `[follow_up]`: where the follow-up's inputs live and how they are read.
    pub follow_up: Option<FollowUpConfig>,
    /// The folder of the configuration file, which `[follow_up]` paths are relative to
    /// (set by [`Config::load`]; empty when parsed from text).
    #[serde(skip)]
    pub dir: PathBuf,
}

/// `[[project]]`: a ledger project code for an area as a whole or for one initiative.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectConfig {
    pub code: String,
    pub area: String,
    pub initiative: Option<String>,
}

/// `[[report_group]]`: one row of the monthly report.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportGroupConfig {
    pub name: String,
    pub areas: Vec<String>,
}

/// One path or a list of them.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum Paths {
    One(String),
    Many(Vec<String>),
}

impl Paths {
    pub fn list(&self) -> Vec<&str> {
        match self {
            Paths::One(p) => vec![p.as_str()],
            Paths::Many(ps) => ps.iter().map(String::as_str).collect(),
        }
    }
}

/// The unit a table export of the ledger writes its amounts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActualsUnit {
    Kronor,
    Tkr,
}

/// `[follow_up]`, as written. Defaults are applied by the accessors.
#[derive(Debug, Clone, PartialEq, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct FollowUpConfig {
    pub actuals: Option<Paths>,
    pub forecasts: Option<Paths>,
    /// Account ranges (`"4000-7999"`) or single accounts (`"4010"`).
    pub cost_accounts: Option<Vec<String>>,
    pub project_dimension: Option<u32>,
    /// Percent.
    pub comment_threshold: Option<Decimal>,
    pub periodisation: Option<Vec<Decimal>>,
    pub actuals_unit: Option<ActualsUnit>,
}

/// Which accounts are cost: inclusive numeric ranges of account numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CostAccounts(pub Vec<(u64, u64)>);

impl CostAccounts {
    /// BAS / Kommun-Bas classes 4–7: every account whose first digit is 4 to 7.
    pub fn is_default(&self) -> bool {
        self.0.is_empty()
    }

    pub fn contains(&self, account: &str) -> bool {
        let account = account.trim();
        if !account.bytes().all(|b| b.is_ascii_digit()) || account.is_empty() {
            return false;
        }
        if self.0.is_empty() {
            return matches!(account.as_bytes()[0], b'4'..=b'7');
        }
        let Ok(n) = account.parse::<u64>() else {
            return false;
        };
        self.0.iter().any(|(lo, hi)| (*lo..=*hi).contains(&n))
    }

    /// `"4000-7999"` or `"4010"`.
    pub fn parse(items: &[String]) -> Result<CostAccounts, String> {
        let mut ranges = Vec::new();
        for item in items {
            let (a, b) = item.split_once(['-', '–']).unwrap_or((item, item));
            match (a.trim().parse::<u64>(), b.trim().parse::<u64>()) {
                (Ok(lo), Ok(hi)) if lo <= hi => ranges.push((lo, hi)),
                _ => return Err(item.clone()),
            }
        }
        Ok(CostAccounts(ranges))
    }
}

/// The follow-up's part of the configuration, with defaults applied.
#[derive(Debug, Clone, PartialEq)]
pub struct FollowUpOptions {
    pub cost_accounts: CostAccounts,
    pub project_dimension: u32,
    /// Percent.
    pub comment_threshold: Decimal,
    /// The city-wide periodisation key (12 weights), when configured.
    pub periodisation: Option<Vec<Decimal>>,
    pub actuals_unit: ActualsUnit,
}

impl Default for FollowUpOptions {
    fn default() -> Self {
        FollowUpOptions {
            cost_accounts: CostAccounts(Vec::new()),
            project_dimension: 6,
            comment_threshold: Decimal::from(10),
            periodisation: None,
            actuals_unit: ActualsUnit::Kronor,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AreaConfig {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub frame: Option<Decimal>,
    /// The area's own periodisation key (12 weights), overriding `[follow_up]`'s.
    pub periodisation: Option<Vec<Decimal>>,
}

impl Config {
    pub fn parse(text: &str, path: &Path) -> Result<Config, Error> {
        let config: Config = toml::from_str(text).map_err(|e| Error::Config {
            path: path.to_path_buf(),
            reason: e.to_string(),
        })?;
        config.validate(path)?;
        Ok(config)
    }

    pub fn load(path: &Path) -> Result<Config, Error> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::Config {
            path: path.to_path_buf(),
            reason: e.to_string(),
        })?;
        let mut config = Config::parse(&text, path)?;
        config.dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        Ok(config)
    }

    /// The `[follow_up]` options with their defaults (valid: checked when parsed).
    pub fn follow_up_options(&self) -> FollowUpOptions {
        let mut o = FollowUpOptions::default();
        if let Some(f) = &self.follow_up {
            if let Some(items) = &f.cost_accounts {
                o.cost_accounts = CostAccounts::parse(items).unwrap_or(CostAccounts(Vec::new()));
            }
            o.project_dimension = f.project_dimension.unwrap_or(6);
            o.comment_threshold = f.comment_threshold.unwrap_or(Decimal::from(10));
            o.periodisation = f.periodisation.clone();
            o.actuals_unit = f.actuals_unit.unwrap_or(ActualsUnit::Kronor);
        }
        o
    }

    /// `[follow_up] actuals`, resolved against the configuration's folder.
    pub fn actuals_paths(&self) -> Vec<PathBuf> {
        self.resolve(self.follow_up.as_ref().and_then(|f| f.actuals.as_ref()))
    }

    /// `[follow_up] forecasts`, resolved against the configuration's folder.
    pub fn forecasts_paths(&self) -> Vec<PathBuf> {
        self.resolve(self.follow_up.as_ref().and_then(|f| f.forecasts.as_ref()))
    }

    /// Both, for `consolidate` to skip.
    pub fn follow_up_paths(&self) -> Vec<PathBuf> {
        let mut all = self.actuals_paths();
        all.extend(self.forecasts_paths());
        all
    }

    fn resolve(&self, paths: Option<&Paths>) -> Vec<PathBuf> {
        paths
            .map(|p| p.list().into_iter().map(|p| self.dir.join(p)).collect())
            .unwrap_or_default()
    }

    /// Checks the report groups against the plan's areas when the configuration
    /// lists none itself: a group naming an area that no file has is a mistake.
    pub fn check_groups_against(&self, areas: &[String], path: &Path) -> Result<(), Error> {
        if !self.areas.is_empty() {
            return Ok(());
        }
        let known: Vec<String> = areas.iter().map(|a| normalize(a)).collect();
        for g in &self.report_groups {
            if let Some(a) = g.areas.iter().find(|a| !known.contains(&normalize(a))) {
                return Err(unknown_group_area(path, &g.name, a, areas));
            }
        }
        Ok(())
    }

    fn validate(&self, path: &Path) -> Result<(), Error> {
        let bad = |reason: String| {
            Err(Error::Config {
                path: path.to_path_buf(),
                reason,
            })
        };
        if let Some(years) = &self.years {
            if years.is_empty() || years.windows(2).any(|w| w[0] >= w[1]) {
                return bad("years must list the plan years in increasing order, e.g. years = [2023, 2024, 2025]".into());
            }
            if let Some(y) = self.budget_year.filter(|y| !years.contains(y)) {
                return bad(format!("budget_year {y} is not one of years {years:?}"));
            }
        }
        let max = crate::amount::MAX_AMOUNT;
        let frames = std::iter::once(("total_frame".to_string(), self.total_frame)).chain(
            self.areas
                .iter()
                .map(|a| (format!("the frame of area \"{}\"", a.name), a.frame)),
        );
        for (what, frame) in frames {
            if let Some(frame) = frame.filter(|f| f.is_sign_negative() || *f > max) {
                return bad(format!(
                    "{what} is {frame} tkr; a frame is an amount in tkr from 0 to {max} (10^12)"
                ));
            }
        }
        let mut seen = std::collections::HashMap::new();
        for area in &self.areas {
            if area.name.trim().is_empty() {
                return bad("an [[area]] has an empty name".into());
            }
            for name in std::iter::once(&area.name).chain(&area.aliases) {
                if let Some(other) = seen.insert(normalize(name), area.name.clone()) {
                    return bad(format!(
                        "the name or alias \"{name}\" is used twice (areas \"{other}\" and \"{}\")",
                        area.name
                    ));
                }
            }
        }
        self.validate_follow_up(path)
    }

    fn validate_follow_up(&self, path: &Path) -> Result<(), Error> {
        let bilingual = |sv: String, en: String| {
            Err(Error::ConfigMistake {
                path: path.to_path_buf(),
                sv,
                en,
            })
        };
        let mut grouped: std::collections::HashMap<String, &str> = std::collections::HashMap::new();
        for g in &self.report_groups {
            if g.name.trim().is_empty() {
                return bilingual(
                    "en [[report_group]] saknar namn; skriv name = \"…\"".into(),
                    "a [[report_group]] has an empty name; write name = \"…\"".into(),
                );
            }
            if g.areas.is_empty() {
                return bilingual(
                    format!(
                        "rapportgruppen \"{}\" har inga tjänsteområden; skriv areas = [\"…\"]",
                        g.name
                    ),
                    format!(
                        "report group \"{}\" lists no areas; write areas = [\"…\"]",
                        g.name
                    ),
                );
            }
            for a in &g.areas {
                if !self.areas.is_empty() && self.area_for(a).is_none() {
                    let known: Vec<String> = self.areas.iter().map(|a| a.name.clone()).collect();
                    return Err(unknown_group_area(path, &g.name, a, &known));
                }
                let key = self
                    .area_for(a)
                    .map(|c| normalize(&c.name))
                    .unwrap_or_else(|| normalize(a));
                if let Some(first) = grouped.insert(key, &g.name) {
                    return bilingual(
                        format!(
                            "tjänsteområdet \"{a}\" står i två rapportgrupper, \"{first}\" och \"{}\"; ett tjänsteområde får bara stå i en grupp",
                            g.name
                        ),
                        format!(
                            "area \"{a}\" is in two report groups, \"{first}\" and \"{}\"; an area may be in one group only",
                            g.name
                        ),
                    );
                }
            }
        }
        let check_weights = |weights: &[Decimal], whose: (&str, &str)| {
            if weights.len() != 12 {
                return bilingual(
                    format!(
                        "periodisation {} har {} vikter; den ska ha 12, en per månad",
                        whose.0,
                        weights.len()
                    ),
                    format!(
                        "periodisation {} has {} weights; it needs 12, one per month",
                        whose.1,
                        weights.len()
                    ),
                );
            }
            if weights.iter().any(|w| w.is_sign_negative() && !w.is_zero())
                || weights.iter().all(|w| w.is_zero())
            {
                return bilingual(
                    format!(
                        "periodisation {}: vikterna ska vara 0 eller mer och inte alla 0",
                        whose.0
                    ),
                    format!(
                        "periodisation {}: the weights must be 0 or more and not all 0",
                        whose.1
                    ),
                );
            }
            Ok(())
        };
        if let Some(f) = &self.follow_up {
            if let Some(w) = &f.periodisation {
                check_weights(w, ("i [follow_up]", "in [follow_up]"))?;
            }
            if let Some(Err(item)) = f.cost_accounts.as_deref().map(CostAccounts::parse) {
                {
                    return bilingual(
                        format!(
                            "cost_accounts: \"{item}\" är inget konto eller kontointervall; skriv t.ex. \"4000-7999\""
                        ),
                        format!(
                            "cost_accounts: \"{item}\" is not an account or account range; write e.g. \"4000-7999\""
                        ),
                    );
                }
            }
            if let Some(t) = f
                .comment_threshold
                .filter(|t| t.is_sign_negative() && !t.is_zero())
            {
                return bilingual(
                    format!("comment_threshold {t} är negativt; skriv en procentsats, t.ex. 10"),
                    format!("comment_threshold {t} is negative; write a percentage, e.g. 10"),
                );
            }
        }
        for a in &self.areas {
            if let Some(w) = &a.periodisation {
                let sv = format!("för tjänsteområdet \"{}\"", a.name);
                let en = format!("for area \"{}\"", a.name);
                check_weights(w, (&sv, &en))?;
            }
        }
        for p in &self.projects {
            if p.code.trim().is_empty() {
                return bilingual(
                    format!("ett [[project]] för \"{}\" har en tom kod", p.area),
                    format!("a [[project]] for \"{}\" has an empty code", p.area),
                );
            }
        }
        Ok(())
    }

    /// The configured area a name or alias in a file refers to.
    pub fn area_for(&self, written: &str) -> Option<&AreaConfig> {
        let key = normalize(written);
        self.areas.iter().find(|a| {
            normalize(&a.name) == key || a.aliases.iter().any(|alias| normalize(alias) == key)
        })
    }
}

/// A report group naming an area that is not in the plan.
fn unknown_group_area(path: &Path, group: &str, area: &str, known: &[String]) -> Error {
    let known = known.join(", ");
    Error::ConfigMistake {
        path: path.to_path_buf(),
        sv: format!(
            "rapportgruppen \"{group}\" nämner tjänsteområdet \"{area}\", som inte finns (kända: {known}); rätta namnet"
        ),
        en: format!(
            "report group \"{group}\" names the area \"{area}\", which does not exist (known: {known}); correct the name"
        ),
    }
}

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
    pub json: Option<PathBuf>,
    pub feedback: Option<PathBuf>,
}

/// Templates to write: each spec and its file.
#[derive(Debug, Clone)]
pub struct TemplateSettings {
    pub templates: Vec<(TemplateSpec, PathBuf)>,
}

/// Built once per run, so the size difference between the variants does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub enum Task {
    Consolidate(ConsolidateSettings),
    Check(CheckSettings),
    Template(TemplateSettings),
    FollowUp(FollowUpSettings),
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
            None => consolidate(ConsolidateArgs {
                dir: PathBuf::from("input"),
                out: PathBuf::from("output"),
                ..ConsolidateArgs::default()
            })?,
            Some(Command::Consolidate(args)) => consolidate(args)?,
            Some(Command::Check(args)) => check(args)?,
            Some(Command::Template(args)) => template(args)?,
            Some(Command::FollowUp(args)) => follow_up(args)?,
            Some(Command::Verify(args)) => verify(args)?,
            Some(Command::Diff(args)) => diff(args)?,
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

fn consolidate(args: ConsolidateArgs) -> Result<Task, Error> {
    consolidate_settings(args).map(Task::Consolidate)
}

fn consolidate_settings(args: ConsolidateArgs) -> Result<ConsolidateSettings, Error> {
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
    refuse_output_in_input(&args.dir, &args.out, "--out")?;
    if let Some(dir) = &args.feedback {
        refuse_output_in_input(&args.dir, dir, "--feedback")?;
    }
    if let Some(json) = &args.json {
        refuse_json_over_input(json, std::slice::from_ref(&args.dir))?;
    }
    let config_path = match &args.config {
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
    Ok(ConsolidateSettings {
        skip,
        input: args.dir,
        out_dir: args.out,
        config,
        partial: args.partial,
        latest_version: args.latest_version,
        json: args.json,
        feedback: args.feedback,
        config_text,
        previous: args.previous,
    })
}

fn follow_up(args: FollowUpArgs) -> Result<Task, Error> {
    let period = match &args.period {
        None => None,
        Some(text) => Some(parse_period(text).ok_or_else(|| Error::Usage {
            reason: format!("--period {text}: write the month as YYYY-MM, e.g. 2023-04"),
        })?),
    };
    let mut plan = consolidate_settings(ConsolidateArgs {
        dir: args.dir,
        out: args.out,
        config: args.config,
        partial: args.partial,
        latest_version: false,
        json: args.json,
        feedback: None,
        previous: None,
    })?;
    let config = plan.config.as_ref();
    let actuals = if args.actuals.is_empty() {
        config.map(Config::actuals_paths).unwrap_or_default()
    } else {
        args.actuals
    };
    let forecasts = if args.forecasts.is_empty() {
        config.map(Config::forecasts_paths).unwrap_or_default()
    } else {
        args.forecasts
    };
    if let Some(missing) = actuals.iter().chain(&forecasts).find(|p| !p.exists()) {
        return Err(Error::MissingFile {
            path: missing.clone(),
        });
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
    Ok(Task::FollowUp(FollowUpSettings {
        plan,
        actuals,
        forecasts,
        period,
        options,
    }))
}

fn verify(args: VerifyArgs) -> Result<Task, Error> {
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

fn diff(args: DiffArgs) -> Result<Task, Error> {
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

fn check(args: CheckArgs) -> Result<Task, Error> {
    // A FIFO, socket or device is let through: loading reports it without opening it.
    if let Some(not_file) = args.files.iter().find(|f| f.is_dir() || !f.exists()) {
        let path = not_file.clone();
        return Err(if not_file.is_dir() {
            Error::FolderNotFile { path }
        } else {
            Error::MissingFile { path }
        });
    }
    if let Some(json) = &args.json {
        refuse_json_over_input(json, &args.files)?;
    }
    Ok(Task::Check(CheckSettings {
        files: args.files,
        json: args.json,
        feedback: args.feedback,
    }))
}

/// Where `path` will be once its missing folders are created: the nearest
/// ancestor that exists, with its links and `..` resolved, then the rest of the
/// path with `..` applied to it as written (`nosuch/../input/ny` is `input/ny`, as
/// creating it makes it). Comparing resolved paths catches an output that would
/// land in the input through a folder that does not exist yet or through a link.
pub fn resolve(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut rest = Vec::new();
    let mut base = absolute.as_path();
    let resolved = loop {
        if let Ok(found) = base.canonicalize() {
            break found;
        }
        match (base.parent(), base.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                base = parent;
            }
            // `..` last, or the root: let the lexical rest below handle it.
            (Some(parent), None) => {
                rest.push("..".into());
                base = parent;
            }
            (None, _) => break base.to_path_buf(),
        }
    };
    let mut out = resolved;
    for part in rest.into_iter().rev() {
        if part == ".." {
            out.pop();
        } else if part != "." {
            out.push(part);
        }
    }
    out
}

/// An output folder inside the input folder would be read as input next time
/// (and a file written there could overwrite one).
pub fn refuse_output_in_input(input: &Path, out: &Path, flag: &'static str) -> Result<(), Error> {
    if resolve(out).starts_with(resolve(input)) {
        return Err(Error::OutputInInput {
            path: out.to_path_buf(),
            flag,
        });
    }
    Ok(())
}

/// The JSON report may not land on an input (a file given to `check`, or anything
/// inside an input folder) nor on a workbook: a name with a workbook's extension
/// is the consolidated workbook's, a feedback copy's or a template's.
fn refuse_json_over_input(json: &Path, inputs: &[PathBuf]) -> Result<(), Error> {
    let path = json.to_path_buf();
    let target = resolve(json);
    if inputs
        .iter()
        .any(|input| target.starts_with(resolve(input)))
    {
        return Err(Error::JsonOverInput { path });
    }
    if crate::discover::is_workbook(json) {
        return Err(Error::JsonOverWorkbook { path });
    }
    Ok(())
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

fn template(args: TemplateArgs) -> Result<Task, Error> {
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
        let area = args.area.clone().unwrap_or_default();
        if area.trim().is_empty() {
            return Err(usage("--area needs a name".into()));
        }
        let (Some(budget_year), Some(years)) = (args.budget_year, cli_years) else {
            return Err(usage("template --area needs --budget-year and --years, e.g. --budget-year 2023 --years 2023-2025".into()));
        };
        (vec![area.trim().to_string()], budget_year, years, false)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_resolves_through_its_nearest_existing_folder() {
        let dir = tempfile::tempdir().expect("tmp");
        let root = dir.path().canonicalize().expect("canonical");
        std::fs::create_dir(root.join("input")).expect("input");
        assert_eq!(
            resolve(&root.join("nosuch/../input/ny")),
            root.join("input/ny")
        );
        assert_eq!(resolve(&root.join("a/./b/../c")), root.join("a/c"));
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(root.join("input"), root.join("link")).expect("link");
            assert_eq!(resolve(&root.join("link/ny/x")), root.join("input/ny/x"));
        }
        assert!(refuse_output_in_input(&root.join("input"), &root.join("ut"), "--out").is_ok());
        assert!(
            refuse_output_in_input(&root.join("input"), &root.join("nosuch/../input"), "--out")
                .is_err()
        );
    }

    #[test]
    fn plan_years_as_a_range() {
        assert_eq!(parse_years("2023-2025"), Some(vec![2023, 2024, 2025]));
        assert_eq!(parse_years("2023–2024"), Some(vec![2023, 2024]));
        assert_eq!(parse_years("2024"), Some(vec![2024]));
        assert_eq!(parse_years("2025-2023"), None);
        assert_eq!(parse_years("tjugo"), None);
    }

    #[test]
    fn periods_are_months() {
        assert_eq!(parse_period("2023-04"), Some((2023, 4)));
        assert_eq!(parse_period("202312"), Some((2023, 12)));
        assert_eq!(parse_period("2023-13"), None);
        assert_eq!(parse_period("april"), None);
    }

    #[test]
    fn follow_up_config_mistakes_name_group_and_area() {
        let two = Config::parse(
            "[[area]]\nname = \"HR\"\n[[area]]\nname = \"IT\"\n[[report_group]]\nname = \"A\"\nareas = [\"HR\"]\n[[report_group]]\nname = \"B\"\nareas = [\"HR\", \"IT\"]\n",
            Path::new("budget.toml"),
        )
        .expect_err("HR in two groups");
        let sv = two.message(Lang::Sv);
        assert!(
            sv.contains("\"HR\"") && sv.contains("\"A\"") && sv.contains("\"B\""),
            "{sv}"
        );
        assert!(two.message(Lang::En).contains("two report groups"));
        let unknown = Config::parse(
            "[[area]]\nname = \"HR\"\n[[report_group]]\nname = \"A\"\nareas = [\"Inköp\"]\n",
            Path::new("budget.toml"),
        )
        .expect_err("unknown area");
        assert!(unknown.message(Lang::Sv).contains("Inköp"));
        let weights = Config::parse(
            "[follow_up]\nperiodisation = [1, 2, 3]\n",
            Path::new("budget.toml"),
        )
        .expect_err("3 weights");
        assert!(
            weights.message(Lang::En).contains("12"),
            "{}",
            weights.message(Lang::En)
        );
        let ok = Config::parse(
            "[follow_up]\nactuals = \"utfall\"\ncost_accounts = [\"4000-7999\"]\nperiodisation = [8, 8, 9, 8.3, 8, 8, 6, 7, 9, 9, 10, 11.7]\nactuals_unit = \"tkr\"\n",
            Path::new("budget.toml"),
        )
        .expect("valid");
        let o = ok.follow_up_options();
        assert!(o.cost_accounts.contains("4010") && !o.cost_accounts.contains("3010"));
        assert_eq!(o.periodisation.map(|w| w[3]), Some(Decimal::new(83, 1)));
        assert_eq!(o.actuals_unit, ActualsUnit::Tkr);
    }

    #[test]
    fn config_as_in_the_contract() {
        let text = r#"
budget_year = 2023
years = [2023, 2024, 2025]
total_frame = 91510

[[area]]
name = "IT-tjänster"
aliases = ["IT", "Tjänsteområde IT"]
frame = 47910
"#;
        let config = Config::parse(text, Path::new("budget.toml")).expect("valid");
        assert_eq!(config.total_frame, Some(Decimal::from(91_510)));
        assert_eq!(
            config
                .area_for(" tjänsteområde it ")
                .map(|a| a.name.as_str()),
            Some("IT-tjänster")
        );
        assert!(config.area_for("HR").is_none());
    }

    #[test]
    fn bad_config_names_line_and_key() {
        let err = Config::parse(
            "budget_year = 2023\nyears = [2023]\nframe_total = 5\n",
            Path::new("budget.toml"),
        )
        .expect_err("unknown key");
        let text = err.message(crate::lang::Lang::En);
        assert!(text.contains("line 3"), "{text}");
        assert!(text.contains("frame_total"), "{text}");
        // Display is the Swedish message: the reader's reason in Swedish words.
        let text = err.to_string();
        assert!(text.contains("rad 3"), "{text}");
        assert!(text.contains("okänd nyckel ”frame_total”"), "{text}");
    }
}
