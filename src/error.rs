//! Fatal errors only: problems that stop the run with exit status 2 (usage, I/O,
//! configuration). Problems in a user's workbook are findings, never errors.

use std::fmt;
use std::path::PathBuf;

#[derive(Debug)]
pub enum Error {
    /// The input folder does not exist or cannot be listed.
    InputFolder {
        path: PathBuf,
        reason: String,
    },
    /// The folder has no file with a workbook extension.
    NoWorkbooks {
        path: PathBuf,
    },
    /// A file given to `check` does not exist.
    MissingFile {
        path: PathBuf,
    },
    /// A folder given to `check`, which takes workbooks.
    FolderNotFile {
        path: PathBuf,
    },
    Config {
        path: PathBuf,
        reason: String,
    },
    /// A mistake in the configuration's content, explained in both languages.
    ConfigMistake {
        path: PathBuf,
        sv: String,
        en: String,
    },
    /// The output could not be written.
    Output {
        path: PathBuf,
        reason: String,
    },
    /// The output path would overwrite or be read as input. `flag`: the option
    /// that named it (`--out`, `--feedback`).
    OutputInInput {
        path: PathBuf,
        flag: &'static str,
    },
    /// `--json` names an input file, or a file inside the input folder.
    JsonOverInput {
        path: PathBuf,
    },
    /// `--json` names a workbook (its extension is a workbook's): the consolidated
    /// workbook, a feedback copy or someone's template.
    JsonOverWorkbook {
        path: PathBuf,
    },
    Json {
        path: PathBuf,
        reason: String,
    },
    /// Arguments that parse but do not make sense together.
    Usage {
        reason: String,
    },
    /// `verify` was given a file that is not a consolidated workbook of ours.
    NotConsolidated {
        path: PathBuf,
        sv: String,
        en: String,
    },
}

impl Error {
    pub fn message(&self, lang: crate::lang::Lang) -> String {
        use crate::lang::Lang::{En, Sv};
        match (self, lang) {
            (Error::InputFolder { path, reason }, Sv) => {
                format!("Indatamappen {} kan inte läsas: {reason}", path.display())
            }
            (Error::InputFolder { path, reason }, En) => {
                format!("Input folder {} cannot be read: {reason}", path.display())
            }
            (Error::NoWorkbooks { path }, Sv) => format!(
                "Mappen {} innehåller inga arbetsböcker (.xlsx, .xlsm, .xlsb, .xls, .ods).",
                path.display()
            ),
            (Error::NoWorkbooks { path }, En) => format!(
                "Folder {} contains no workbooks (.xlsx, .xlsm, .xlsb, .xls, .ods).",
                path.display()
            ),
            (Error::MissingFile { path }, Sv) => format!("Filen {} finns inte.", path.display()),
            (Error::MissingFile { path }, En) => format!("File {} does not exist.", path.display()),
            (Error::FolderNotFile { path }, Sv) => format!(
                "{} är en mapp, och check kontrollerar arbetsböcker. Ange filerna (till exempel {1}/*.xlsx), eller sammanställ mappen med: budget-consolidator consolidate {1}",
                path.display(),
                as_typed(path)
            ),
            (Error::FolderNotFile { path }, En) => format!(
                "{} is a folder, and check checks workbooks. Name the files (for example {1}/*.xlsx), or consolidate the folder with: budget-consolidator consolidate {1}",
                path.display(),
                as_typed(path)
            ),
            (Error::Config { path, reason }, Sv) => {
                format!("Konfigurationen {} är felaktig: {reason}", path.display())
            }
            (Error::Config { path, reason }, En) => {
                format!("Configuration {} is invalid: {reason}", path.display())
            }
            (Error::ConfigMistake { path, sv, .. }, Sv) => {
                format!("Konfigurationen {} är felaktig: {sv}.", path.display())
            }
            (Error::ConfigMistake { path, en, .. }, En) => {
                format!("Configuration {} is invalid: {en}.", path.display())
            }
            (Error::Output { path, reason }, Sv) => {
                format!("Kan inte skriva {}: {reason}", path.display())
            }
            (Error::Output { path, reason }, En) => {
                format!("Cannot write {}: {reason}", path.display())
            }
            (Error::OutputInInput { path, flag }, Sv) => format!(
                "Utdata {} skulle hamna bland indata och läsas nästa gång; välj en annan mapp med {flag}, utanför indatamappen.",
                path.display()
            ),
            (Error::OutputInInput { path, flag }, En) => format!(
                "Output {} would land among the inputs and be read next time; choose another folder with {flag}, outside the input folder.",
                path.display()
            ),
            (Error::JsonOverInput { path }, Sv) => format!(
                "JSON-rapporten {} skulle skriva över indata eller hamna bland dem; välj en fil utanför indata med --json, till exempel rapport.json.",
                path.display()
            ),
            (Error::JsonOverInput { path }, En) => format!(
                "The JSON report {} would overwrite an input or land among the inputs; choose a file outside the inputs with --json, for example report.json.",
                path.display()
            ),
            (Error::JsonOverWorkbook { path }, Sv) => format!(
                "JSON-rapporten {} skulle skriva över en arbetsbok; ge --json en fil som slutar på .json, till exempel rapport.json.",
                path.display()
            ),
            (Error::JsonOverWorkbook { path }, En) => format!(
                "The JSON report {} would overwrite a workbook; give --json a file ending in .json, for example report.json.",
                path.display()
            ),
            (Error::Json { path, reason }, Sv) => format!(
                "Kan inte skriva JSON-rapporten {}: {reason}",
                path.display()
            ),
            (Error::Json { path, reason }, En) => {
                format!("Cannot write the JSON report {}: {reason}", path.display())
            }
            (Error::Usage { reason }, Sv) => format!("Felaktiga argument: {reason}"),
            (Error::Usage { reason }, En) => format!("Invalid arguments: {reason}"),
            (Error::NotConsolidated { path, sv, .. }, Sv) => format!(
                "{} är ingen sammanställning från budget-consolidator ({sv}); verify kontrollerar arbetsböcker som consolidate har skrivit.",
                path.display()
            ),
            (Error::NotConsolidated { path, en, .. }, En) => format!(
                "{} is not a consolidation written by budget-consolidator ({en}); verify checks workbooks that consolidate wrote.",
                path.display()
            ),
        }
    }
}

/// A path as it must be typed in a suggested command: in double quotes when it
/// holds a space (a folder named `Budget 2024`).
fn as_typed(path: &std::path::Path) -> String {
    let shown = path.display().to_string();
    if shown.contains(char::is_whitespace) {
        format!("\"{shown}\"")
    } else {
        shown
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(crate::lang::Lang::Sv))
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

    #[test]
    fn a_suggested_command_quotes_a_folder_with_a_space() {
        let e = Error::FolderNotFile {
            path: PathBuf::from("Budget 2024"),
        };
        assert_eq!(
            e.message(Lang::En),
            "Budget 2024 is a folder, and check checks workbooks. Name the files (for example \"Budget 2024\"/*.xlsx), or consolidate the folder with: budget-consolidator consolidate \"Budget 2024\""
        );
    }
}
