//! The command line in the user's language: clap's definitions (`cli`) with every
//! help string, heading and usage error in Swedish by default, English with
//! `--lang en`. The language is known before parsing, from a look at the raw
//! arguments, so even a usage error is in the right language. Also the shell
//! completions and the man page, generated from the same definitions
//! (`clap_complete`, `clap_mangen`).

use crate::cli::{Cli, CompletionTarget};
use crate::lang::Lang;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{CommandFactory, FromArgMatches};
use std::ffi::OsString;

/// `--lang en` or `--lang=en` anywhere among the arguments; Swedish otherwise.
pub fn language(args: &[OsString]) -> Lang {
    let mut lang = Lang::Sv;
    let mut next_is_lang = false;
    for arg in args.iter().skip(1) {
        let arg = arg.to_string_lossy();
        if arg == "--" {
            break;
        }
        if next_is_lang {
            lang = if arg == "en" { Lang::En } else { Lang::Sv };
        }
        next_is_lang = arg == "--lang";
        if let Some(value) = arg.strip_prefix("--lang=") {
            lang = if value == "en" { Lang::En } else { Lang::Sv };
        }
    }
    lang
}

/// Swedish help for each argument, by its id; `None` for the command itself.
const ARGS_SV: &[(Option<&str>, &str, &str)] = &[
    (None, "lang", "Språk för meddelanden och terminaltext."),
    (
        None,
        "quiet",
        "Ingen förloppsindikator och ingen lista över fynd; sammanfattningsraden skrivs ändå.",
    ),
    (Some("consolidate"), "dir", "Mappen med ifyllda mallar."),
    (
        Some("consolidate"),
        "today",
        "Datumet som Inlämningar bedömer väntas/saknas efter, t.ex. 2022-10-14 (standard: i dag; ange det för att bladet inte ska bero på körningens dag).",
    ),
    (
        Some("follow-up"),
        "today",
        "Datumet som Inlämningar bedömer väntas/saknas efter, t.ex. 2023-05-05 (standard: i dag).",
    ),
    (
        Some("consolidate"),
        "out",
        "Mappen för konsoliderad-budget-<budgetår>.xlsx.",
    ),
    (
        Some("consolidate"),
        "config",
        "Konfigurationsfilen (standard: budget.toml bland mallarna, om den finns).",
    ),
    (
        Some("consolidate"),
        "partial",
        "Skriv arbetsboken även med fel, utan de tjänsteområden som har fel.",
    ),
    (
        Some("consolidate"),
        "latest_version",
        "När ett tjänsteområde har flera filer: behåll den högsta versionen.",
    ),
    (
        Some("consolidate"),
        "json",
        "Skriv också JSON-rapporten till FIL (- skriver den till standard ut, t.ex. för en pipe).",
    ),
    (
        Some("consolidate"),
        "feedback",
        "För varje arbetsbok med fynd: skriv en kommenterad kopia <namn>-kontroll.xlsx i den här mappen.",
    ),
    (
        Some("check"),
        "files",
        "Arbetsböckerna som ska kontrolleras.",
    ),
    (
        Some("check"),
        "json",
        "Skriv också JSON-rapporten till FIL (- skriver den till standard ut, t.ex. för en pipe).",
    ),
    (
        Some("check"),
        "config",
        "Konfigurationen vars namn på tjänsteområden filerna ska använda (standard: budget.toml i varje fils mapp, om den finns).",
    ),
    (
        Some("check"),
        "feedback",
        "För varje arbetsbok med fynd: skriv en kommenterad kopia <namn>-kontroll.xlsx i den här mappen.",
    ),
    (
        Some("template"),
        "area",
        "Tjänsteområdet som mallen gäller.",
    ),
    (
        Some("template"),
        "all",
        "En mall per tjänsteområde i konfigurationen, skriven som <område>.xlsx i mappen --out.",
    ),
    (
        Some("template"),
        "config",
        "Konfigurationen (budget.toml) med tjänsteområden, budgetår och planår.",
    ),
    (
        Some("template"),
        "budget_year",
        "Budgetår, t.ex. 2023 (med --all: standard konfigurationens).",
    ),
    (
        Some("template"),
        "years",
        "Planår som intervall, t.ex. 2023-2025 (med --all: standard konfigurationens).",
    ),
    (Some("template"), "out", "Mallfilen (med --all: mappen)."),
    (
        Some("completions"),
        "target",
        "Vad som skrivs: ett skals kompletteringsskript eller man-sidan (roff).",
    ),
    (
        Some("consolidate"),
        "previous",
        "En tidigare sammanställning: bladet Ändringar visar vad som ändrats sedan dess.",
    ),
    (
        Some("follow-up"),
        "dir",
        "Mappen med ifyllda mallar (den beslutade planen).",
    ),
    (
        Some("follow-up"),
        "actuals",
        "Utfall från ekonomisystemet (SIE, CSV eller arbetsbok), eller en mapp med sådana; kan upprepas (standard: [follow_up] actuals i budget.toml).",
    ),
    (
        Some("follow-up"),
        "forecasts",
        "Prognostabell, eller en mapp med sådana; kan upprepas (standard: [follow_up] forecasts).",
    ),
    (
        Some("follow-up"),
        "period",
        "Månaden som uppföljningen gäller till och med, t.ex. 2023-04 (standard: senaste månaden med kostnader).",
    ),
    (
        Some("follow-up"),
        "out",
        "Mappen för uppfoljning-<år>-<MM>.xlsx.",
    ),
    (
        Some("follow-up"),
        "config",
        "Konfigurationsfilen (standard: budget.toml bland mallarna, om den finns).",
    ),
    (
        Some("follow-up"),
        "partial",
        "Skriv uppföljningen även när planen har fel, utan de tjänsteområden som har fel.",
    ),
    (
        Some("follow-up"),
        "json",
        "Skriv också JSON-rapporten till FIL (- skriver den till standard ut, t.ex. för en pipe).",
    ),
    (
        Some("verify"),
        "workbook",
        "En sammanställd arbetsbok som consolidate har skrivit.",
    ),
    (
        Some("verify"),
        "input",
        "Indatamappen, om den har flyttats (standard: den som står i Källor).",
    ),
    (
        Some("diff"),
        "old",
        "Den tidigare versionen: ett tjänsteområdes arbetsbok, en mapp med sådana eller en sammanställning.",
    ),
    (
        Some("follow-up template"),
        "dir",
        "Mappen med ifyllda mallar (den beslutade planen).",
    ),
    (
        Some("follow-up template"),
        "out",
        "Mappen för prognosarbetsböckerna.",
    ),
    (
        Some("follow-up template"),
        "period",
        "Månaden som prognosen görs efter, t.ex. 2023-04 (standard: senaste månaden med kostnader).",
    ),
    (
        Some("follow-up template"),
        "actuals",
        "Utfall från ekonomisystemet, eller en mapp med sådana; kan upprepas (standard: [follow_up] actuals).",
    ),
    (
        Some("follow-up template"),
        "forecasts",
        "De förra prognoserna, eller en mapp med sådana; kan upprepas (standard: [follow_up] forecasts).",
    ),
    (
        Some("follow-up template"),
        "config",
        "Konfigurationsfilen (standard: budget.toml bland mallarna, om den finns).",
    ),
    (
        Some("follow-up check"),
        "files",
        "Prognosarbetsböckerna som ska kontrolleras.",
    ),
    (
        Some("follow-up check"),
        "period",
        "Perioden som prognoserna ska gälla, t.ex. 2023-04.",
    ),
    (
        Some("follow-up check"),
        "today",
        "Datumet som arbetsbokens Datum inte får vara senare än, t.ex. 2023-05-05 (standard: i dag).",
    ),
    (
        Some("follow-up check"),
        "plan",
        "Planens mapp: kontrollera initiativ och tjänsteområde mot den beslutade planen (utan den: mot raderna som arbetsboken skapades med).",
    ),
    (
        Some("follow-up check"),
        "json",
        "Skriv också JSON-rapporten till FIL (- skriver den till standard ut, t.ex. för en pipe).",
    ),
    (
        Some("follow-up check"),
        "feedback",
        "För varje arbetsbok med fynd: skriv en kommenterad kopia <namn>-kontroll.xlsx i den här mappen.",
    ),
    (
        Some("diff"),
        "new",
        "Den senare versionen, av samma slag som GAMMAL.",
    ),
];

/// Swedish descriptions of the subcommands.
const COMMANDS_SV: &[(&str, &str)] = &[
    (
        "consolidate",
        "Kontrollera alla arbetsböcker i MAPP och skriv den sammanställda arbetsboken: stadens summor per tjänsteområde och år, varje initiativ och en lista över alla fynd.",
    ),
    (
        "check",
        "Kör samma kontroller på enskilda arbetsböcker; skriver ingen sammanställning, bara den valfria JSON-rapporten och de kommenterade kopiorna.",
    ),
    (
        "template",
        "Skriv en tom mall för ett tjänsteområde, eller för alla i konfigurationen (--all).",
    ),
    (
        "completions",
        "Skriv skalkomplettering (bash, zsh, fish, powershell, elvish) eller man-sidan.",
    ),
    (
        "follow-up",
        "Månadsuppföljningen: utfallet från ekonomisystemet och tjänsteområdenas prognoser mot den beslutade planen i MAPP, skriven som uppfoljning-<år>-<MM>.xlsx.",
    ),
    (
        "follow-up template",
        "Skriv en prognosarbetsbok per tjänsteområde, <område>-prognos-<år>-<MM>.xlsx i mappen --out, ifylld med planens budget, ekonomisystemets utfall och den förra prognosen.",
    ),
    (
        "follow-up check",
        "Kontrollera ifyllda prognosarbetsböcker innan de skickas; skriver inget utom den valfria JSON-rapporten och de kommenterade kopiorna.",
    ),
    (
        "verify",
        "Kontrollera att en sammanställd arbetsbok fortfarande följer av sina indatafiler.",
    ),
    (
        "diff",
        "Vad som ändrats mellan två versioner: två arbetsböcker för ett tjänsteområde, två indatamappar eller två sammanställningar.",
    ),
];

/// The command with its help in `lang`.
pub fn command(lang: Lang) -> clap::Command {
    let cmd = Cli::command();
    match lang {
        Lang::En => cmd,
        Lang::Sv => swedish(cmd),
    }
}

fn has_arg(cmd: &clap::Command, id: &str) -> bool {
    cmd.get_arguments().any(|a| a.get_id() == id)
}

fn swedish(mut cmd: clap::Command) -> clap::Command {
    cmd = cmd
        .about("Sammanställer tjänsteområdenas budgetmallar till en kontrollerad arbetsbok.")
        .subcommand_value_name("KOMMANDO")
        .subcommand_help_heading("Kommandon");
    for (command, id, help) in ARGS_SV {
        match command {
            None if has_arg(&cmd, id) => cmd = cmd.mut_arg(*id, |a| a.help(*help)),
            Some(name) if find(&cmd, name).is_some_and(|s| has_arg(s, id)) => {
                cmd = at(cmd, name, &|s| s.mut_arg(*id, |a| a.help(*help)));
            }
            _ => {}
        }
    }
    for (name, about) in COMMANDS_SV {
        if find(&cmd, name).is_some() {
            cmd = at(cmd, name, &|s| s.about(*about));
        }
    }
    swedish_value_names(cmd, "")
}

/// Swedish value names (`<MAPP>`), by the English one clap shows (`<DIR>`).
const VALUE_NAMES_SV: &[(&str, &str)] = &[
    ("FILE", "FIL"),
    ("FILES", "FILER"),
    ("DIR", "MAPP"),
    ("OUT", "MAPP"),
    ("CONFIG", "FIL"),
    ("PATH", "SÖKVÄG"),
    ("WORKBOOK", "ARBETSBOK"),
    ("OLD_WORKBOOK", "ARBETSBOK"),
    ("OLD", "GAMMAL"),
    ("NEW", "NY"),
    ("AREA", "OMRÅDE"),
    ("BUDGET_YEAR", "ÅR"),
    ("YEARS", "ÅR-ÅR"),
    ("YYYY-MM", "ÅÅÅÅ-MM"),
    ("YYYY-MM-DD", "ÅÅÅÅ-MM-DD"),
    ("TARGET", "MÅL"),
    ("LANG", "SPRÅK"),
];

/// Where one English value name stands for another thing: subcommand, argument
/// id, Swedish value name. `template --out` is a file (with `--all`, a folder).
const VALUE_NAMES_SV_AT: &[(&str, &str, &str)] = &[("template", "out", "SÖKVÄG")];

/// The value name clap shows for `arg` (`OUT` for `--out`); `None` for a flag.
fn value_name(arg: &clap::Arg) -> Option<String> {
    if !arg.get_action().takes_values() {
        return None;
    }
    let named = arg.get_value_names().and_then(|n| n.first());
    Some(named.map_or_else(|| arg.get_id().as_str().to_uppercase(), ToString::to_string))
}

/// The Swedish value name of the argument `id` of the subcommand at `path`.
fn value_name_sv(path: &str, id: &str, english: &str) -> Option<&'static str> {
    VALUE_NAMES_SV_AT
        .iter()
        .find(|(p, i, _)| *p == path && *i == id)
        .map(|(_, _, sv)| *sv)
        .or_else(|| {
            VALUE_NAMES_SV
                .iter()
                .find(|(en, _)| *en == english)
                .map(|(_, sv)| *sv)
        })
}

/// `cmd` (at `path`) and its subcommands with Swedish value names.
fn swedish_value_names(mut cmd: clap::Command, path: &str) -> clap::Command {
    let named: Vec<(String, &'static str)> = cmd
        .get_arguments()
        .filter_map(|a| {
            let id = a.get_id().as_str();
            let sv = value_name_sv(path, id, &value_name(a)?)?;
            Some((id.to_string(), sv))
        })
        .collect();
    for (id, sv) in named {
        cmd = cmd.mut_arg(id, |a| a.value_name(sv));
    }
    let subcommands: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in subcommands {
        let inner = match path {
            "" => name.clone(),
            _ => format!("{path} {name}"),
        };
        cmd = cmd.mut_subcommand(&name, |s| swedish_value_names(s, &inner));
    }
    cmd
}

/// The subcommand at `path` (`follow-up template`: names separated by spaces).
fn find<'c>(cmd: &'c clap::Command, path: &str) -> Option<&'c clap::Command> {
    path.split(' ')
        .try_fold(cmd, |c, name| c.find_subcommand(name))
}

/// `cmd` with `change` made to the subcommand at `path`.
fn at(
    cmd: clap::Command,
    path: &str,
    change: &dyn Fn(clap::Command) -> clap::Command,
) -> clap::Command {
    match path.split_once(' ') {
        None => cmd.mut_subcommand(path, change),
        Some((first, rest)) => cmd.mut_subcommand(first, |s| at(s, rest, change)),
    }
}

/// clap's own English words in rendered help, and their Swedish.
const WORDS_SV: &[(&str, &str)] = &[
    ("Usage:", "Användning:"),
    ("[OPTIONS]", "[FLAGGOR]"),
    ("<COMMAND>", "<KOMMANDO>"),
    ("\nCommands:\n", "\nKommandon:\n"),
    ("\nArguments:\n", "\nArgument:\n"),
    ("\nOptions:\n", "\nFlaggor:\n"),
    ("[default: ", "[standard: "),
    ("[possible values: ", "[möjliga värden: "),
    (
        "Print this message or the help of the given subcommand(s)",
        "Visa den här hjälpen eller hjälpen för ett kommando",
    ),
    ("Print help", "Visa hjälpen"),
    ("Print version", "Visa versionen"),
    ("For more information, try '--help'.", "Mer hjälp: --help"),
];

fn swedish_words(text: &str) -> String {
    WORDS_SV
        .iter()
        .fold(text.to_string(), |t, (en, sv)| t.replace(en, sv))
}

/// Parses the arguments; on a usage error or `--help`/`--version`, the text to
/// print, where, and the exit status.
pub fn parse(args: Vec<OsString>) -> Result<Cli, Exit> {
    let lang = language(&args);
    let parsed = command(lang)
        .try_get_matches_from(args)
        .and_then(|m| Cli::from_arg_matches(&m));
    parsed.map_err(|e| Exit::of(&e, lang))
}

/// What to print instead of running: help, version, or a usage error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exit {
    pub text: String,
    pub to_stderr: bool,
}

impl Exit {
    fn of(e: &clap::Error, lang: Lang) -> Exit {
        let to_stderr = e.use_stderr();
        let text = match (lang, to_stderr) {
            (Lang::En, _) => e.to_string(),
            (Lang::Sv, false) => swedish_words(&e.to_string()),
            (Lang::Sv, true) => usage_error_sv(e),
        };
        Exit { text, to_stderr }
    }
}

fn context(e: &clap::Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => Some(v.join(", ")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::StyledStrs(v) => Some(
            v.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", "),
        ),
        ContextValue::Number(n) => Some(n.to_string()),
        ContextValue::Bool(b) => Some(b.to_string()),
        ContextValue::None => None,
        _ => None,
    }
}

/// A usage error in Swedish: what is wrong, a suggestion when clap has one, the
/// usage line and where to find more help.
fn usage_error_sv(e: &clap::Error) -> String {
    let q = |s: String| format!("”{s}”");
    let arg = || {
        context(e, ContextKind::InvalidArg)
            .map(q)
            .unwrap_or_default()
    };
    let value = || {
        context(e, ContextKind::InvalidValue)
            .map(q)
            .unwrap_or_default()
    };
    let mut text = match e.kind() {
        ErrorKind::UnknownArgument => format!("fel: okänt argument {}", arg()),
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            swedish_words(&e.to_string()).trim_end().to_string()
        }
        ErrorKind::InvalidSubcommand => format!(
            "fel: okänt kommando {}",
            context(e, ContextKind::InvalidSubcommand)
                .map(q)
                .unwrap_or_default()
        ),
        ErrorKind::MissingRequiredArgument => {
            let missing: Vec<String> = match e.get(ContextKind::InvalidArg) {
                Some(ContextValue::Strings(v)) => v.iter().map(|s| q(s.clone())).collect(),
                _ => vec![arg()],
            };
            format!("fel: argument saknas: {}", missing.join(", "))
        }
        ErrorKind::MissingSubcommand => "fel: ett kommando saknas".to_string(),
        ErrorKind::InvalidValue => {
            let valid = context(e, ContextKind::ValidValue)
                .filter(|v| !v.is_empty())
                .map(|v| format!(" (möjliga värden: {v})"))
                .unwrap_or_default();
            if value() == "””" || value().is_empty() {
                format!("fel: {} behöver ett värde{valid}", arg())
            } else {
                format!("fel: ogiltigt värde {} för {}{valid}", value(), arg())
            }
        }
        ErrorKind::ValueValidation => {
            format!("fel: ogiltigt värde {} för {}", value(), arg())
        }
        ErrorKind::ArgumentConflict => format!(
            "fel: {} kan inte användas tillsammans med {}",
            arg(),
            context(e, ContextKind::PriorArg).map(q).unwrap_or_default()
        ),
        ErrorKind::TooManyValues => format!("fel: för många värden: {}", value()),
        ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            format!("fel: fel antal värden för {}", arg())
        }
        ErrorKind::NoEquals => format!("fel: {} behöver ett värde med =", arg()),
        _ => "fel: felaktiga argument".to_string(),
    };
    let suggestion = context(e, ContextKind::SuggestedArg)
        .or_else(|| context(e, ContextKind::SuggestedSubcommand))
        .or_else(|| context(e, ContextKind::SuggestedValue));
    if let Some(s) = suggestion {
        text.push_str(&format!("\n\n  tips: menade du ”{s}”?"));
    }
    if let Some(usage) = context(e, ContextKind::Usage) {
        text.push_str(&format!("\n\n{}", swedish_words(usage.trim_end())));
    }
    text.push_str("\n\nMer hjälp: --help\n");
    text
}

/// Writes the completion script or man page for `target` to `out`.
pub fn completions(
    target: CompletionTarget,
    lang: Lang,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    use clap_complete::Shell;
    let mut cmd = command(lang);
    let name = cmd.get_name().to_string();
    let shell = match target {
        CompletionTarget::Bash => Shell::Bash,
        CompletionTarget::Zsh => Shell::Zsh,
        CompletionTarget::Fish => Shell::Fish,
        CompletionTarget::Powershell => Shell::PowerShell,
        CompletionTarget::Elvish => Shell::Elvish,
        CompletionTarget::Man => return clap_mangen::Man::new(cmd).render(out),
    };
    // Into a buffer first: the generator panics when its writer fails (a closed
    // pipe), and a write error here is an error, not a panic.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cmd, name, &mut script);
    out.write_all(&script)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    #[test]
    fn the_language_is_found_before_parsing() {
        assert_eq!(language(&args(&["b", "consolidate"])), Lang::Sv);
        assert_eq!(language(&args(&["b", "--lang", "en", "check"])), Lang::En);
        assert_eq!(language(&args(&["b", "check", "--lang=en"])), Lang::En);
        assert_eq!(language(&args(&["b", "--", "--lang", "en"])), Lang::Sv);
    }

    #[test]
    fn every_swedish_help_string_names_a_real_argument() {
        let cmd = Cli::command();
        for (command, id, _) in ARGS_SV {
            let target = match command {
                None => Some(&cmd),
                Some(name) => find(&cmd, name),
            };
            assert!(target.is_some_and(|c| has_arg(c, id)), "{command:?} {id}");
        }
        for (name, _) in COMMANDS_SV {
            assert!(find(&cmd, name).is_some(), "{name}");
        }
    }

    #[test]
    fn every_value_name_in_the_swedish_help_is_swedish() {
        let swedish: Vec<&str> = VALUE_NAMES_SV
            .iter()
            .map(|(_, sv)| *sv)
            .chain(VALUE_NAMES_SV_AT.iter().map(|(_, _, sv)| *sv))
            .collect();
        let mut pending = vec![command(Lang::Sv)];
        while let Some(cmd) = pending.pop() {
            for arg in cmd.get_arguments() {
                if let Some(name) = value_name(arg) {
                    assert!(
                        swedish.contains(&name.as_str()),
                        "{} {}: <{name}>",
                        cmd.get_name(),
                        arg.get_id()
                    );
                }
            }
            pending.extend(cmd.get_subcommands().cloned());
        }
        let en = command(Lang::En);
        let out =
            find(&en, "template").and_then(|t| t.get_arguments().find(|a| a.get_id() == "out"));
        assert_eq!(out.and_then(value_name).as_deref(), Some("OUT"));
    }

    #[test]
    fn every_subcommand_and_argument_has_swedish_help() {
        // Every subcommand, nested ones too (`follow-up template`), by its path.
        let cmd = Cli::command();
        let mut pending: Vec<(String, &clap::Command)> = cmd
            .get_subcommands()
            .map(|s| (s.get_name().to_string(), s))
            .collect();
        while let Some((name, sub)) = pending.pop() {
            assert!(
                COMMANDS_SV.iter().any(|(n, _)| *n == name),
                "no Swedish description of the subcommand {name}"
            );
            for arg in sub.get_arguments() {
                let id = arg.get_id().as_str();
                if matches!(id, "help" | "version" | "lang" | "quiet") {
                    continue;
                }
                assert!(
                    ARGS_SV
                        .iter()
                        .any(|(c, i, _)| *c == Some(name.as_str()) && *i == id),
                    "no Swedish help for {name} {id}"
                );
            }
            pending.extend(
                sub.get_subcommands()
                    .map(|s| (format!("{name} {}", s.get_name()), s)),
            );
        }
    }
}
