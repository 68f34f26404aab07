//! Command line + `budget.toml` → one validated [`Settings`] value. Validation
//! happens once, here; downstream code never sees raw flags or raw TOML.

use crate::cli::{CheckArgs, Cli, Command, ConsolidateArgs, TemplateArgs};
use crate::error::Error;
use crate::labels::normalize;
use crate::lang::Lang;
use crate::model::TemplateSpec;
use rust_decimal::Decimal;
use serde::Deserialize;
use std::path::{Path, PathBuf};

pub const CONFIG_FILE: &str = "budget.toml";

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
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AreaConfig {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub frame: Option<Decimal>,
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
        Config::parse(&text, path)
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

#[derive(Debug, Clone)]
pub struct ConsolidateSettings {
    pub input: PathBuf,
    pub out_dir: PathBuf,
    pub config: Option<Config>,
    pub partial: bool,
    pub latest_version: bool,
    pub json: Option<PathBuf>,
    pub feedback: Option<PathBuf>,
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

#[derive(Debug, Clone)]
pub enum Task {
    Consolidate(ConsolidateSettings),
    Check(CheckSettings),
    Template(TemplateSettings),
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
    let config = match &args.config {
        Some(path) => Some(Config::load(path)?),
        None => {
            let default = args.dir.join(CONFIG_FILE);
            if default.is_file() {
                Some(Config::load(&default)?)
            } else {
                None
            }
        }
    };
    Ok(Task::Consolidate(ConsolidateSettings {
        input: args.dir,
        out_dir: args.out,
        config,
        partial: args.partial,
        latest_version: args.latest_version,
        json: args.json,
        feedback: args.feedback,
    }))
}

fn check(args: CheckArgs) -> Result<Task, Error> {
    if let Some(not_file) = args.files.iter().find(|f| !f.is_file()) {
        let path = not_file.clone();
        return Err(if not_file.is_dir() {
            Error::FolderNotFile { path }
        } else {
            Error::MissingFile { path }
        });
    }
    Ok(Task::Check(CheckSettings {
        files: args.files,
        json: args.json,
        feedback: args.feedback,
    }))
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
                args.out.join(crate::write::template::file_name(&area))
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
    fn plan_years_as_a_range() {
        assert_eq!(parse_years("2023-2025"), Some(vec![2023, 2024, 2025]));
        assert_eq!(parse_years("2023–2024"), Some(vec![2023, 2024]));
        assert_eq!(parse_years("2024"), Some(vec![2024]));
        assert_eq!(parse_years("2025-2023"), None);
        assert_eq!(parse_years("tjugo"), None);
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
