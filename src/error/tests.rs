//! The fatal errors' messages: in Swedish and English, with the path and the
//! reason, the system's own reasons translated.

use super::*;
use crate::lang::Lang;

/// The Swedish message of the error in a `budget.toml` that holds `text` (empty
/// when it parses).
fn sv(text: &str) -> String {
    let path = std::path::Path::new("budget.toml");
    crate::settings::Config::parse(text, path)
        .err()
        .map(|e| e.message(Lang::Sv))
        .unwrap_or_default()
}

#[test]
fn an_unknown_configuration_key_reads_in_swedish() {
    assert_eq!(
        sv("budget_year = 2023\nframe_total = 5\n"),
        "Konfigurationen budget.toml är felaktig: TOML-fel på rad 2, kolumn 1\n  |\n2 | frame_total = 5\n  | ^^^^^^^^^^^\nokänd nyckel ”frame_total”; tillåtna nycklar: budget_year, years, total_frame, area, project, report_group, follow_up, rounds\n"
    );
}

/// The value types as someone editing the file writes them wrong: the last line of
/// the message says what to write instead, in Swedish.
#[test]
fn a_configuration_value_of_the_wrong_type_says_in_swedish_what_to_write() {
    let last = |text: &str| {
        sv(text)
            .trim_end()
            .lines()
            .last()
            .unwrap_or_default()
            .to_string()
    };
    for (text, said) in [
        (
            "budget_year = \"2023\"\n",
            "”2023” står inom citattecken: skriv talet utan dem, t.ex. 2023",
        ),
        (
            "budget_year = 2023.5\n",
            "fel typ av värde (decimaltalet 2023.5); väntat: ett heltal, t.ex. 2023",
        ),
        (
            "years = 2023\n",
            "fel typ av värde (heltalet 2023); väntat: en lista inom hakparenteser, t.ex. [2023, 2024, 2025]",
        ),
        (
            "[[area]]\nname = \"HR\"\nframe = \"13 000\"\n",
            "ogiltigt belopp ”13 000”: skriv beloppet som ett tal, utan citattecken och mellanslag, t.ex. 13000 eller 13000.5",
        ),
        (
            "[[area]]\nname = \"HR\"\nframe = true\n",
            "fel typ av värde (sanningsvärdet true); väntat: ett belopp skrivet som tal, t.ex. 13000",
        ),
        (
            "[[area]]\nname = 5\n",
            "fel typ av värde (heltalet 5); väntat: en text inom citattecken, t.ex. \"HR\"",
        ),
        (
            "[rounds]\nplan_deadline = \"2022-10-14\"\n",
            "fel typ av värde (texten \"2022-10-14\"); väntat: ett datum utan citattecken, t.ex. 2022-10-14",
        ),
        (
            "[follow_up]\nactuals_unit = \"tusen\"\n",
            "okänt värde ”tusen”; tillåtet är ”kronor” eller ”tkr”",
        ),
        (
            "[[area]]\nname = \"HR\"\nframe = 13000,5\n",
            "oväntat innehåll efter värdet: ett decimaltal skrivs med punkt (13000.5), en text inom citattecken (\"HR\"), och varje nyckel på en egen rad",
        ),
    ] {
        assert_eq!(last(text), said, "{text}");
    }
}

#[test]
fn configuration_rules_broken_read_in_swedish() {
    assert_eq!(
        sv("budget_year = 2026\nyears = [2023, 2024]\n"),
        "Konfigurationen budget.toml är felaktig: budget_year 2026 finns inte bland years [2023, 2024]"
    );
    assert_eq!(
        sv("[[area]]\nname = \"HR\"\n[[area]]\nname = \"IT\"\naliases = [\"hr\"]\n"),
        "Konfigurationen budget.toml är felaktig: namnet eller aliaset ”hr” används två gånger (tjänsteområdena ”HR” och ”IT”)"
    );
    assert_eq!(
        sv("[[area]]\nname = \"HR\"\nframe = -1\n"),
        "Konfigurationen budget.toml är felaktig: ramen för tjänsteområdet ”HR” är -1 tkr; en ram är ett belopp i tkr från 0 till 1000000000000 (10^12)"
    );
}

/// Each error's message in `lang`, compared exactly.
fn reads(cases: Vec<(Error, Lang, &str)>) {
    for (e, lang, text) in cases {
        assert_eq!(e.message(lang), text, "{e:?}");
    }
}

#[test]
fn argument_and_output_reasons_read_in_swedish() {
    reads(vec![
        (
            Error::Usage {
                reason: "budget year 2026 is not among the plan years 2023–2025".into(),
            },
            Lang::Sv,
            "fel: budgetåret 2026 finns inte bland planåren 2023–2025",
        ),
        (
            Error::Output {
                path: PathBuf::from("ut/konsoliderad-budget-2023.xlsx"),
                reason: "HR.xlsx changed while it was being read; run again".into(),
            },
            Lang::Sv,
            "Kan inte skriva ut/konsoliderad-budget-2023.xlsx: HR.xlsx ändrades medan den lästes; kör igen",
        ),
    ]);
}

#[test]
fn system_errors_read_in_swedish_with_the_path() {
    let output = || Error::Output {
        path: PathBuf::from("/proc/x/konsoliderad-budget-2023.xlsx"),
        reason: std::io::Error::from_raw_os_error(2).into(),
    };
    reads(vec![
        (
            output(),
            Lang::Sv,
            "Kan inte skriva /proc/x/konsoliderad-budget-2023.xlsx: filen eller mappen finns inte (systemfel 2)",
        ),
        (
            output(),
            Lang::En,
            "Cannot write /proc/x/konsoliderad-budget-2023.xlsx: No such file or directory (os error 2)",
        ),
        (
            Error::InputFolder {
                path: PathBuf::from("saknas"),
                reason: "no such folder".into(),
            },
            Lang::Sv,
            "Indatamappen saknas kan inte läsas: mappen finns inte",
        ),
        (
            Error::Json {
                path: PathBuf::from("/root/r.json"),
                reason: std::io::Error::from_raw_os_error(13).into(),
            },
            Lang::Sv,
            "Kan inte skriva JSON-rapporten /root/r.json: behörighet saknas (systemfel 13)",
        ),
    ]);
}

#[test]
fn a_suggested_command_quotes_a_folder_with_a_space() {
    reads(vec![
        (
            Error::FolderNotFile {
                path: PathBuf::from("Budget 2024"),
                forecasts: false,
            },
            Lang::En,
            "Budget 2024 is a folder, and check checks workbooks. Name the files (for example \"Budget 2024\"/*.xlsx), or consolidate the folder with: budget-consolidator consolidate \"Budget 2024\"",
        ),
        (
            Error::FolderNotFile {
                path: PathBuf::from("input/prognos"),
                forecasts: true,
            },
            Lang::Sv,
            "input/prognos är en mapp, och follow-up check kontrollerar prognosarbetsböcker. Ange filerna (till exempel input/prognos/*.xlsx), eller gör månadsuppföljningen med mappens prognoser: budget-consolidator follow-up --forecasts input/prognos",
        ),
    ]);
}

#[test]
fn an_io_failure_keeps_its_source() {
    use std::error::Error as _;
    let e = Error::Output {
        path: "ut/x.xlsx".into(),
        reason: std::io::Error::from_raw_os_error(13).into(),
    };
    let os = e
        .source()
        .and_then(|s| s.downcast_ref::<std::io::Error>())
        .and_then(std::io::Error::raw_os_error);
    assert_eq!(os, Some(13));
    let plain = Error::Output {
        path: "ut/x.xlsx".into(),
        reason: "disk full".into(),
    };
    assert!(plain.source().is_none());
    assert_eq!(plain.message(Lang::En), "Cannot write ut/x.xlsx: disk full");
}
