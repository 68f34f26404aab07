//! Fatal errors only: problems that stop the run with exit status 2 (usage, I/O,
//! configuration). Problems in a user's workbook are findings, never errors.

use std::fmt;
use std::path::PathBuf;

#[derive(Debug)]
pub enum Error {
    /// The input folder does not exist or cannot be listed.
    InputFolder {
        path: PathBuf,
        reason: Reason,
    },
    /// The folder has no file with a workbook extension. `renames`: files without
    /// an extension whose content is a workbook, each with the name to give it.
    NoWorkbooks {
        path: PathBuf,
        renames: Vec<(String, String)>,
    },
    /// A file given to `check` does not exist.
    MissingFile {
        path: PathBuf,
    },
    /// The follow-up's actuals or forecasts path names nothing. `forecasts`: which
    /// input; `configured`: it came from `[follow_up]` in the configuration, not a flag.
    MissingFollowUpInput {
        path: PathBuf,
        forecasts: bool,
        configured: bool,
    },
    /// A folder given to `check` (or `follow-up check`, `forecasts`), which takes
    /// workbooks.
    FolderNotFile {
        path: PathBuf,
        forecasts: bool,
    },
    Config {
        path: PathBuf,
        reason: Reason,
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
        reason: Reason,
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
        reason: Reason,
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
        // A system's reason is in English; the Swedish text gives it in Swedish words.
        let r = |reason: &str| match lang {
            Sv => reason_sv(reason),
            En => reason.to_string(),
        };
        match (self, lang) {
            (Error::InputFolder { path, reason }, Sv) => {
                format!(
                    "Indatamappen {} kan inte läsas: {}",
                    path.display(),
                    r(reason)
                )
            }
            (Error::InputFolder { path, reason }, En) => {
                format!(
                    "Input folder {} cannot be read: {}",
                    path.display(),
                    r(reason)
                )
            }
            (Error::NoWorkbooks { path, renames }, Sv) => format!(
                "Mappen {} innehåller inga arbetsböcker (.xlsx, .xlsm, .xlsb, .xls, .ods).{}",
                path.display(),
                rename_hint(renames, lang)
            ),
            (Error::NoWorkbooks { path, renames }, En) => format!(
                "Folder {} contains no workbooks (.xlsx, .xlsm, .xlsb, .xls, .ods).{}",
                path.display(),
                rename_hint(renames, lang)
            ),
            (Error::MissingFile { path }, Sv) => format!("Filen {} finns inte.", path.display()),
            (Error::MissingFile { path }, En) => format!("File {} does not exist.", path.display()),
            (
                Error::MissingFollowUpInput {
                    path,
                    forecasts,
                    configured,
                },
                _,
            ) => missing_follow_up_input(path, *forecasts, *configured, lang),
            (
                Error::FolderNotFile {
                    path,
                    forecasts: false,
                },
                Sv,
            ) => format!(
                "{} är en mapp, och check kontrollerar arbetsböcker. Ange filerna (till exempel {1}/*.xlsx), eller sammanställ mappen med: budget-consolidator consolidate {1}",
                path.display(),
                as_typed(path)
            ),
            (
                Error::FolderNotFile {
                    path,
                    forecasts: false,
                },
                En,
            ) => format!(
                "{} is a folder, and check checks workbooks. Name the files (for example {1}/*.xlsx), or consolidate the folder with: budget-consolidator consolidate {1}",
                path.display(),
                as_typed(path)
            ),
            (
                Error::FolderNotFile {
                    path,
                    forecasts: true,
                },
                Sv,
            ) => format!(
                "{} är en mapp, och follow-up check kontrollerar prognosarbetsböcker. Ange filerna (till exempel {1}/*.xlsx), eller gör månadsuppföljningen med mappens prognoser: budget-consolidator follow-up --forecasts {1}",
                path.display(),
                as_typed(path)
            ),
            (
                Error::FolderNotFile {
                    path,
                    forecasts: true,
                },
                En,
            ) => format!(
                "{} is a folder, and follow-up check checks forecast workbooks. Name the files (for example {1}/*.xlsx), or make the monthly follow-up with the folder's forecasts: budget-consolidator follow-up --forecasts {1}",
                path.display(),
                as_typed(path)
            ),
            (Error::Config { path, reason }, Sv) => {
                format!(
                    "Konfigurationen {} är felaktig: {}",
                    path.display(),
                    r(reason)
                )
            }
            (Error::Config { path, reason }, En) => {
                format!("Configuration {} is invalid: {}", path.display(), r(reason))
            }
            (Error::ConfigMistake { path, sv, .. }, Sv) => {
                format!("Konfigurationen {} är felaktig: {sv}.", path.display())
            }
            (Error::ConfigMistake { path, en, .. }, En) => {
                format!("Configuration {} is invalid: {en}.", path.display())
            }
            (Error::Output { path, reason }, Sv) => {
                format!("Kan inte skriva {}: {}", path.display(), r(reason))
            }
            (Error::Output { path, reason }, En) => {
                format!("Cannot write {}: {}", path.display(), r(reason))
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
                "Kan inte skriva JSON-rapporten {}: {}",
                path.display(),
                r(reason)
            ),
            (Error::Json { path, reason }, En) => {
                format!(
                    "Cannot write the JSON report {}: {}",
                    path.display(),
                    r(reason)
                )
            }
            // As clap's own usage errors begin (`usage`).
            (Error::Usage { reason }, Sv) => format!("fel: {}", r(reason)),
            (Error::Usage { reason }, En) => format!("error: {}", r(reason)),
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

/// A system's reason in Swedish words: the folder checks' own words, and an
/// operating-system error (`No such file or directory (os error 2)`) by its kind.
/// A reason without a known translation is kept as it is.
pub fn missing_follow_up_input(
    path: &std::path::Path,
    forecasts: bool,
    configured: bool,
    lang: crate::lang::Lang,
) -> String {
    let sv = lang == crate::lang::Lang::Sv;
    let path = path.display();
    let (what, key, flag) = match (forecasts, sv) {
        (true, true) => ("Prognoserna", "forecasts", "--forecasts"),
        (false, true) => ("Utfallet", "actuals", "--actuals"),
        (true, false) => ("The forecasts", "forecasts", "--forecasts"),
        (false, false) => ("The actuals", "actuals", "--actuals"),
    };
    let put = match (forecasts, sv) {
        (true, true) => {
            "Skapa mappen och lägg tjänsteområdenas ifyllda prognoser i den (follow-up template skriver dem)"
        }
        (false, true) => "Lägg exporten från ekonomisystemet (SIE, CSV eller arbetsbok) där",
        (true, false) => {
            "Create the folder and put the areas' filled-in forecasts in it (follow-up template writes them)"
        }
        (false, false) => "Put the ledger's export (SIE, CSV or workbook) there",
    };
    match (configured, sv) {
        (true, true) => format!(
            "{what} finns inte: {path} är varken en fil eller en mapp. Sökvägen kommer från [follow_up] {key} i konfigurationen. {put}, eller ange en annan sökväg med {flag}."
        ),
        (false, true) => format!(
            "{what} finns inte: {path}, som angavs med {flag}, är varken en fil eller en mapp. Kontrollera stavningen."
        ),
        (true, false) => format!(
            "{what} do not exist: {path} is neither a file nor a folder. The path comes from [follow_up] {key} in the configuration. {put}, or give another path with {flag}."
        ),
        (false, false) => format!(
            "{what} do not exist: {path}, given with {flag}, is neither a file nor a folder. Check the spelling."
        ),
    }
}

fn reason_sv(reason: &str) -> String {
    if reason.contains('\n') || REASONS_SV.iter().any(|(en, _)| fill(en, reason).is_some()) {
        let mut text = reason.lines().map(line_sv).collect::<Vec<_>>().join("\n");
        if reason.ends_with('\n') {
            text.push('\n');
        }
        return text;
    }
    line_sv(reason)
}

/// The configuration's and the arguments' own reasons, and the configuration
/// reader's (TOML) most common ones: English pattern, Swedish pattern; `{}`
/// stands for the same values in both, in order.
const REASONS_SV: &[(&str, &str)] = &[
    (
        "the repeated consolidation cannot be read back",
        "den upprepade sammanställningen kan inte läsas tillbaka",
    ),
    (
        "TOML parse error at line {}, column {}",
        "TOML-fel på rad {}, kolumn {}",
    ),
    (
        "unknown field `{}`, expected one of {}",
        "okänd nyckel ”{}”; tillåtna nycklar: {}",
    ),
    (
        "unknown field `{}`, expected {}",
        "okänd nyckel ”{}”; tillåten nyckel: {}",
    ),
    ("missing field `{}`", "nyckeln ”{}” saknas"),
    // The value types of budget.toml, in the words of its reader, said as a
    // finance officer editing it would: before the general pattern below.
    (
        "invalid value: string \"{}\", expected a Decimal type representing a fixed-point number",
        "ogiltigt belopp ”{}”: skriv beloppet som ett tal, utan citattecken och mellanslag, t.ex. 13000 eller 13000.5",
    ),
    (
        "invalid type: {}, expected a Decimal type representing a fixed-point number",
        "fel typ av värde ({}); väntat: ett belopp skrivet som tal, t.ex. 13000",
    ),
    (
        "invalid type: string \"{}\", expected i32",
        "”{}” står inom citattecken: skriv talet utan dem, t.ex. 2023",
    ),
    (
        "invalid type: {}, expected i32",
        "fel typ av värde ({}); väntat: ett heltal, t.ex. 2023",
    ),
    (
        "invalid type: {}, expected a string",
        "fel typ av värde ({}); väntat: en text inom citattecken, t.ex. \"HR\"",
    ),
    (
        "invalid type: {}, expected a TOML datetime",
        "fel typ av värde ({}); väntat: ett datum utan citattecken, t.ex. 2022-10-14",
    ),
    (
        "invalid type: {}, expected a sequence",
        "fel typ av värde ({}); väntat: en lista inom hakparenteser, t.ex. [2023, 2024, 2025]",
    ),
    (
        "unknown variant `{}`, expected `{}` or `{}`",
        "okänt värde ”{}”; tillåtet är ”{}” eller ”{}”",
    ),
    (
        "unknown variant `{}`, expected one of {}",
        "okänt värde ”{}”; tillåtna värden: {}",
    ),
    (
        "unexpected key or value, expected newline, `#`",
        "oväntat innehåll efter värdet: ett decimaltal skrivs med punkt (13000.5), en text inom citattecken (\"HR\"), och varje nyckel på en egen rad",
    ),
    (
        "invalid type: {}, expected {}",
        "fel typ av värde ({}); väntat: {}",
    ),
    ("duplicate key `{}`", "nyckeln ”{}” står två gånger"),
    (
        "years must list the plan years in increasing order, e.g. years = [2023, 2024, 2025]",
        "years ska lista planåren i stigande ordning, t.ex. years = [2023, 2024, 2025]",
    ),
    (
        "budget_year {} is not one of years {}",
        "budget_year {} finns inte bland years {}",
    ),
    (
        "total_frame is {} tkr; a frame is an amount in tkr from 0 to {} (10^12)",
        "total_frame är {} tkr; en ram är ett belopp i tkr från 0 till {} (10^12)",
    ),
    (
        "the frame of area \"{}\" is {} tkr; a frame is an amount in tkr from 0 to {} (10^12)",
        "ramen för tjänsteområdet ”{}” är {} tkr; en ram är ett belopp i tkr från 0 till {} (10^12)",
    ),
    (
        "an [[area]] has an empty name",
        "ett [[area]] har ett tomt namn",
    ),
    (
        "the name or alias \"{}\" is used twice (areas \"{}\" and \"{}\")",
        "namnet eller aliaset ”{}” används två gånger (tjänsteområdena ”{}” och ”{}”)",
    ),
    (
        "no [[area]] is listed",
        "inget [[area]] finns i konfigurationen",
    ),
    (
        "budget_year and years are needed for --all (or give --budget-year and --years)",
        "budget_year och years behövs för --all (eller ange --budget-year och --years)",
    ),
    (
        "--years {}: write the plan years as a range, e.g. 2023-2025",
        "--years {}: skriv planåren som ett intervall, t.ex. 2023-2025",
    ),
    (
        "--today {}: write the date as YYYY-MM-DD, e.g. 2022-10-14",
        "--today {}: skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2022-10-14",
    ),
    (
        "--period {}: write the month as YYYY-MM, e.g. 2023-04",
        "--period {}: skriv månaden som ÅÅÅÅ-MM, t.ex. 2023-04",
    ),
    (
        "--period {} is not in the budget year {}; give a month of {}",
        "--period {} ligger inte i budgetåret {}; ange en månad i {}",
    ),
    (
        "no budget year: no template could be read and budget.toml names none",
        "inget budgetår: ingen mall kunde läsas och budget.toml anger inget",
    ),
    (
        "diff compares two workbooks or two folders, not {} with {}",
        "diff jämför två arbetsböcker eller två mappar, inte {} med {}",
    ),
    ("--area needs a name", "--area behöver ett namn"),
    (
        "template --area needs --budget-year and --years (or a --config that gives them), e.g. --budget-year 2023 --years 2023-2025",
        "template --area behöver --budget-year och --years (eller en --config som anger dem), t.ex. --budget-year 2023 --years 2023-2025",
    ),
    (
        "--area {}: {} lists no such area (known: {})",
        "--area {}: {} har inget sådant tjänsteområde (kända: {})",
    ),
    (
        "budget year {} is not among the plan years {}",
        "budgetåret {} finns inte bland planåren {}",
    ),
    (
        "{} changed while it was being read; run again",
        "{} ändrades medan den lästes; kör igen",
    ),
];

/// The values of `text` at the `{}` of `pattern`, if it has the pattern's shape.
fn fill<'t>(pattern: &str, text: &'t str) -> Option<Vec<&'t str>> {
    let pieces: Vec<&str> = pattern.split("{}").collect();
    let mut rest = text.strip_prefix(pieces[0])?;
    let mut values = Vec::new();
    for (i, piece) in pieces.iter().enumerate().skip(1) {
        let last = i == pieces.len() - 1;
        let at = if last && piece.is_empty() {
            rest.len()
        } else if last {
            rest.len()
                .checked_sub(piece.len())
                .filter(|&at| rest[at..] == **piece)?
        } else {
            rest.find(piece)?
        };
        values.push(&rest[..at]);
        rest = &rest[at + piece.len()..];
    }
    rest.is_empty().then_some(values)
}

/// One line of a reason in Swedish.
fn line_sv(line: &str) -> String {
    for (en, sv) in REASONS_SV {
        if let Some(values) = fill(en, line) {
            let values: Vec<String> = values
                .iter()
                .map(|v| value_sv(&v.replace('`', "")))
                .collect();
            let mut out = String::new();
            for (i, piece) in sv.split("{}").enumerate() {
                if i > 0 {
                    out.push_str(values.get(i - 1).map_or("", String::as_str));
                }
                out.push_str(piece);
            }
            return out;
        }
    }
    os_reason_sv(line)
}

/// A value as the TOML reader names it, in Swedish: `integer 2023` → `heltalet
/// 2023`, `floating point 2023.5`, `boolean true`, `string "x"`; other text as it is.
fn value_sv(value: &str) -> String {
    let named = [
        ("integer ", "heltalet "),
        ("floating point ", "decimaltalet "),
        ("boolean ", "sanningsvärdet "),
        ("string ", "texten "),
        ("sequence", "en lista"),
        ("map", "en tabell"),
    ];
    for (en, sv) in named {
        if let Some(rest) = value.strip_prefix(en) {
            return format!("{sv}{rest}");
        }
    }
    value.to_string()
}

fn os_reason_sv(reason: &str) -> String {
    use std::io::ErrorKind;
    match reason {
        "no such folder" => return "mappen finns inte".into(),
        "not a folder" => return "det är ingen mapp".into(),
        "the file is read-only" => return "filen är skrivskyddad".into(),
        _ => {}
    }
    let code = reason
        .rsplit_once("(os error ")
        .and_then(|(_, rest)| rest.strip_suffix(')'))
        .and_then(|n| n.parse::<i32>().ok());
    let Some(code) = code else {
        return reason.to_string();
    };
    let words = match std::io::Error::from_raw_os_error(code).kind() {
        ErrorKind::NotFound => "filen eller mappen finns inte",
        ErrorKind::PermissionDenied => "behörighet saknas",
        ErrorKind::AlreadyExists => "finns redan",
        ErrorKind::NotADirectory => "en del av sökvägen är ingen mapp",
        ErrorKind::IsADirectory => "det är en mapp",
        ErrorKind::DirectoryNotEmpty => "mappen är inte tom",
        ErrorKind::ReadOnlyFilesystem => "filsystemet är skrivskyddat",
        ErrorKind::StorageFull => "disken är full",
        ErrorKind::QuotaExceeded => "diskkvoten är slut",
        ErrorKind::FileTooLarge => "filen är för stor",
        ErrorKind::ResourceBusy => "filen eller mappen används av ett annat program",
        ErrorKind::CrossesDevices => "kan inte flyttas mellan olika diskar",
        ErrorKind::InvalidFilename => "ogiltigt filnamn",
        _ => "systemfel",
    };
    format!("{words} (systemfel {code})")
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

/// What [`Error::NoWorkbooks`] adds when files without an extension are workbooks:
/// the names to give them, after a space (`HR` → `HR.xlsx`); empty when none is.
fn rename_hint(renames: &[(String, String)], lang: crate::lang::Lang) -> String {
    let sv = lang == crate::lang::Lang::Sv;
    let q = |t: &str| {
        if sv {
            format!("”{t}”")
        } else {
            format!("“{t}”")
        }
    };
    let to = lang.pick("till", "to");
    let pairs: Vec<String> = renames
        .iter()
        .map(|(from, into)| format!("{} {to} {}", q(from), q(into)))
        .collect();
    match (renames.len(), sv) {
        (0, _) => String::new(),
        (1, true) => format!(
            " Filen {} saknar ändelse men är en Excel-arbetsbok: byt namn på den till {} och kör igen.",
            q(&renames[0].0),
            q(&renames[0].1)
        ),
        (1, false) => format!(
            " The file {} has no extension but is an Excel workbook: rename it to {} and run again.",
            q(&renames[0].0),
            q(&renames[0].1)
        ),
        (_, true) => format!(
            " Filerna saknar ändelse men är Excel-arbetsböcker: byt namn på {} och kör igen.",
            pairs.join(", ")
        ),
        (_, false) => format!(
            " The files have no extension but are Excel workbooks: rename {} and run again.",
            pairs.join(", ")
        ),
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(crate::lang::Lang::Sv))
    }
}

impl std::error::Error for Error {
    /// The operating system's error behind an I/O failure, kept whole.
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::InputFolder { reason, .. }
            | Error::Config { reason, .. }
            | Error::Output { reason, .. }
            | Error::Json { reason, .. } => reason
                .source
                .as_ref()
                .map(|e| e as &(dyn std::error::Error + 'static)),
            _ => None,
        }
    }
}

/// Why a file or folder could not be used: the text the message shows, and the
/// error that caused it when there is one (an `io::Error`), kept as the source.
#[derive(Debug)]
pub struct Reason {
    text: String,
    source: Option<std::io::Error>,
}

impl Reason {
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl std::ops::Deref for Reason {
    type Target = str;
    fn deref(&self) -> &str {
        &self.text
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl From<String> for Reason {
    fn from(text: String) -> Self {
        Reason { text, source: None }
    }
}

impl From<&str> for Reason {
    fn from(text: &str) -> Self {
        Reason::from(text.to_string())
    }
}

impl From<std::io::Error> for Reason {
    fn from(e: std::io::Error) -> Self {
        Reason {
            text: e.to_string(),
            source: Some(e),
        }
    }
}

#[cfg(test)]
mod tests;
