//! What the coordinator and finance read: the figures on the terminal after the
//! summary, similar and duplicate area names, follow-on findings that say why.

use crate::harness::{Run, Sheet, Template, findings, n};

const FRAMES: &str = "budget_year = 2023\nyears = [2023, 2024, 2025]\ntotal_frame = 30000\n\n[[area]]\nname = \"HR\"\nframe = 14000\n\n[[area]]\nname = \"IT-tjänster\"\nframe = 13000\n\n[[area]]\nname = \"Ekonomi\"\n";

#[test]
fn the_figures_follow_the_summary_line() {
    let run = Run::new()
        .add("HR.xlsx", &Template::new("HR"))
        .add("IT.xlsx", &Template::new("IT-tjänster"));
    let out = run.consolidate(&[]);
    assert_eq!(out.status, 0, "{}", out.stdout);
    assert_eq!(
        out.stdout,
        "Läste 2 filer med 2 tjänsteområden, varav 2 med i sammanställningen · 0 fel, 0 varningar, 0 info\n\
         \n\
         Sammanställning budgetår 2023, belopp i tkr\n\
         Tjänsteområde  Version  Nyutveckling  Befintlig   Summa\n\
         HR             2.0               800     12 200  13 000\n\
         IT-tjänster    2.0               800     12 200  13 000\n\
         Summa                          1 600     24 400  26 000\n\
         \n\
         Skrev output/konsoliderad-budget-2023.xlsx\n"
    );
    let out = run.consolidate(&["--lang", "en"]);
    assert_eq!(
        out.stdout,
        "Read 2 files with 2 service areas, 2 of them included · 0 errors, 0 warnings, 0 info\n\
         \n\
         Consolidation, budget year 2023, amounts in tkr\n\
         Service area  Version  New development  Existing   Total\n\
         HR            2.0                  800    12,200  13,000\n\
         IT-tjänster   2.0                  800    12,200  13,000\n\
         Total                            1,600    24,400  26,000\n\
         \n\
         Wrote output/konsoliderad-budget-2023.xlsx\n"
    );
    let out = run.consolidate(&["-q"]);
    assert_eq!(
        out.stdout,
        "Läste 2 filer med 2 tjänsteområden, varav 2 med i sammanställningen · 0 fel, 0 varningar, 0 info\n\
         Skrev output/konsoliderad-budget-2023.xlsx\n"
    );
}

#[test]
fn frames_show_as_ram_and_avvikelse_and_left_out_areas_are_named() {
    let broken = Template::new("Ekonomi").set(Sheet::Budget, "D10", n(5100.0));
    let run = Run::new()
        .config(FRAMES)
        .add("HR.xlsx", &Template::new("HR"))
        .add("IT.xlsx", &Template::new("IT-tjänster"))
        .add("Ekonomi.xlsx", &broken);
    let out = run.consolidate(&["-q", "--partial"]);
    assert_eq!(out.status, 1);
    let out = run.consolidate(&["--partial"]);
    let table = out
        .stdout
        .split_once("0 info\n\n")
        .map(|(_, t)| t)
        .unwrap_or_default();
    assert_eq!(
        table,
        "Sammanställning budgetår 2023, belopp i tkr\n\
         Tjänsteområde  Version  Nyutveckling  Befintlig   Summa     Ram  Avvikelse\n\
         HR             2.0               800     12 200  13 000  14 000      1 000\n\
         IT-tjänster    2.0               800     12 200  13 000  13 000          0\n\
         Summa                          1 600     24 400  26 000  27 000      1 000\n\
         Totalram 30 000 · avvikelse 4 000 (positiv = under ramen)\n\
         Inte med (har fel): Ekonomi (Ekonomi.xlsx)\n\
         \n\
         Skrev output/konsoliderad-budget-2023.xlsx\n",
        "{}",
        out.stdout
    );
}

/// The lines of `out` with `code`.
fn lines_with(out: &str, code: &str) -> Vec<String> {
    out.lines()
        .filter(|l| l.contains(code))
        .map(|l| l.trim().to_string())
        .collect()
}

#[test]
fn similar_area_names_without_a_configuration_are_an_error() {
    let run = Run::new()
        .add("IT.xlsx", &Template::new("IT-tjänster"))
        .add("IT2.xlsx", &Template::new("IT-tjanster"))
        .add("IT3.xlsx", &Template::new("Tjänsteområde IT"))
        .add("HR.xlsx", &Template::new("HR"));
    let out = run.consolidate(&[]);
    assert_eq!(out.status, 1, "{}", out.stdout);
    assert_eq!(
        lines_with(&out.stdout, "similar-area")[..2],
        [
            "fel      similar-area            IT.xlsx › Budgetfördelning › B3: Tjänsteområdet ”IT-tjänster” och ”IT-tjanster” i IT2.xlsx är troligen samma tjänsteområde två gånger — lägg ett av namnen som alias i budget.toml (eller rätta namnet i filen).",
            "fel      similar-area            IT.xlsx › Budgetfördelning › B3: Tjänsteområdet ”IT-tjänster” och ”Tjänsteområde IT” i IT3.xlsx är troligen samma tjänsteområde två gånger — lägg ett av namnen som alias i budget.toml (eller rätta namnet i filen).",
        ]
    );
    let similar: Vec<_> = findings(&run.report())
        .into_iter()
        .filter(|f| f.code == "similar-area")
        .map(|f| f.file.unwrap_or_default())
        .collect();
    assert_eq!(
        similar,
        [
            "IT.xlsx", "IT.xlsx", "IT2.xlsx", "IT2.xlsx", "IT3.xlsx", "IT3.xlsx"
        ]
    );
    let out = run.consolidate(&["--lang", "en"]);
    assert_eq!(
        lines_with(&out.stdout, "similar-area")[0],
        "error    similar-area            IT.xlsx › Budgetfördelning › B3: Service areas “IT-tjänster” and “IT-tjanster” in IT2.xlsx are most likely the same area twice — add one of the names as an alias in budget.toml (or correct the name in the file)."
    );
}

#[test]
fn short_names_and_shared_beginnings_stay_two_areas() {
    let run = Run::new()
        .add("HR.xlsx", &Template::new("HR"))
        .add("IT.xlsx", &Template::new("IT"))
        .add("Ekonomi.xlsx", &Template::new("Ekonomi"))
        .add("Styrning.xlsx", &Template::new("Ekonomistyrning"));
    let out = run.consolidate(&[]);
    assert_eq!(out.status, 0, "{}", out.stdout);
    assert!(lines_with(&out.stdout, "similar-area").is_empty());
    assert!(
        out.stdout
            .starts_with("Läste 4 filer med 4 tjänsteområden, varav 4 med"),
        "{}",
        out.stdout
    );
}

#[test]
fn an_unknown_area_names_the_closest_configured_one() {
    let run = Run::new()
        .config(FRAMES)
        .add("IT.xlsx", &Template::new("IT-tjanster"));
    let out = run.consolidate(&[]);
    assert_eq!(
        lines_with(&out.stdout, "unknown-area"),
        [
            "fel      unknown-area            IT.xlsx › Budgetfördelning › B3: Tjänsteområdet ”IT-tjanster” finns inte i konfigurationen (kända: HR, IT-tjänster, Ekonomi). Menade du IT-tjänster? Rätta namnet eller lägg till det som alias i budget.toml."
        ]
    );
    let out = run.consolidate(&["--lang", "en"]);
    assert_eq!(
        lines_with(&out.stdout, "unknown-area"),
        [
            "error    unknown-area            IT.xlsx › Budgetfördelning › B3: Service area “IT-tjanster” is not in the configuration (known: HR, IT-tjänster, Ekonomi). Did you mean IT-tjänster? Correct the name or add it as an alias in budget.toml."
        ]
    );
}

#[test]
fn two_files_for_one_area_count_as_one_area_and_same_versions_are_explained() {
    let run = Run::new()
        .add("HR.xlsx", &Template::new("HR"))
        .add("HR-kopia.xlsx", &Template::new("HR"))
        .add("IT.xlsx", &Template::new("IT-tjänster"));
    for extra in [&[][..], &["--latest-version"][..]] {
        let out = run.consolidate(extra);
        assert_eq!(out.status, 1, "{}", out.stdout);
        assert_eq!(
            lines_with(&out.stdout, "duplicate-area"),
            [
                "fel      duplicate-area          HR-kopia.xlsx › Budgetfördelning › B3: Tjänsteområdet ”HR” finns i flera filer: HR-kopia.xlsx, HR.xlsx; båda har version 2.0 — ta bort den ena eller höj versionen.",
                "fel      duplicate-area          HR.xlsx › Budgetfördelning › B3: Tjänsteområdet ”HR” finns i flera filer: HR-kopia.xlsx, HR.xlsx; båda har version 2.0 — ta bort den ena eller höj versionen.",
            ]
        );
        assert!(
            out.stdout
                .contains("Läste 3 filer med 2 tjänsteområden, varav 1 med"),
            "{}",
            out.stdout
        );
    }
    let out = run.consolidate(&["--lang", "en"]);
    assert_eq!(
        lines_with(&out.stdout, "duplicate-area")[0],
        "error    duplicate-area          HR-kopia.xlsx › Budgetfördelning › B3: Service area “HR” appears in several files: HR-kopia.xlsx, HR.xlsx; both have version 2.0 — remove one of them or raise the version."
    );
    // Different versions: --latest-version is the way out, and chooses.
    let run = run.add(
        "HR-kopia.xlsx",
        &Template::new("HR").set(Sheet::Budget, "B4", crate::harness::t("2.1")),
    );
    let out = run.consolidate(&[]);
    assert!(
        out.stdout.contains("Tjänsteområdet ”HR” finns i flera filer: HR-kopia.xlsx, HR.xlsx. Ta bort de inaktuella filerna eller kör med --latest-version."),
        "{}",
        out.stdout
    );
    assert_eq!(run.consolidate(&["--latest-version"]).status, 0);
}

#[test]
fn latest_version_never_ranks_a_version_that_is_no_number() {
    // A draft (`Utkast`), a negative, a leading dot: none may win over the numbered
    // 2.0, nor lose to it silently. (A blank version is `missing-metadata`.)
    for draft in ["Utkast", "-1", ".5", "v3", "2.0 (utkast)"] {
        let run = Run::new().add("HR.xlsx", &Template::new("HR")).add(
            "HR-utkast.xlsx",
            &Template::new("HR").set(Sheet::Budget, "B4", crate::harness::t(draft)),
        );
        let out = run.consolidate(&["--latest-version"]);
        assert_eq!(out.status, 1, "{draft}: {}", out.stdout);
        let lines = lines_with(&out.stdout, "duplicate-area");
        assert_eq!(lines.len(), 2, "{draft}: {}", out.stdout);
        let why = format!(
            "versionen ”{draft}” är inget versionsnummer, så --latest-version kan inte välja"
        );
        assert!(lines.iter().all(|l| l.contains(&why)), "{draft}: {lines:?}");
        assert!(!out.stdout.contains("superseded-version"), "{}", out.stdout);
    }
    // Numbers with a decimal comma still choose.
    let run = Run::new().add("HR.xlsx", &Template::new("HR")).add(
        "HR-ny.xlsx",
        &Template::new("HR").set(Sheet::Budget, "B4", crate::harness::t("10,0")),
    );
    let out = run.consolidate(&["--latest-version"]);
    assert_eq!(out.status, 0, "{}", out.stdout);
    assert!(out.stdout.contains("superseded-version"), "{}", out.stdout);
}

#[test]
fn a_total_under_its_frame_names_the_areas_left_out() {
    let broken = Template::new("Ekonomi").set(Sheet::Budget, "D10", n(5100.0));
    let run = Run::new()
        .config(FRAMES)
        .add("HR.xlsx", &Template::new("HR"))
        .add("IT.xlsx", &Template::new("IT-tjänster"))
        .add("Ekonomi.xlsx", &broken);
    let out = run.consolidate(&["--partial"]);
    assert_eq!(
        lines_with(&out.stdout, "Totalen"),
        [
            "varning  frame-deviation         Totalen 26 000 understiger totalramen 30 000 med 4 000, eftersom ”Ekonomi” inte är med (fel). Rätta det och kör igen."
        ]
    );
    let out = run.consolidate(&["--partial", "--lang", "en"]);
    assert_eq!(
        lines_with(&out.stdout, "The total"),
        [
            "warning  frame-deviation         The total 26,000 is below the total frame 30,000 by 4,000, because “Ekonomi” is left out (errors). Correct it and run again."
        ]
    );
}

#[test]
fn an_area_left_out_with_two_files_is_named_once_under_the_frame() {
    // Two files hold HR (a copy saved as `HR (1).xlsx`): both are duplicate-area
    // errors, and the total's reason names HR once.
    let run = Run::new()
        .config(FRAMES)
        .add("HR.xlsx", &Template::new("HR"))
        .add("HR (1).xlsx", &Template::new("HR"))
        .add("IT.xlsx", &Template::new("IT-tjänster"));
    let out = run.consolidate(&["--partial"]);
    assert_eq!(
        lines_with(&out.stdout, "Totalen"),
        [
            "varning  frame-deviation         Totalen 13 000 understiger totalramen 30 000 med 17 000, eftersom ”HR” inte är med (fel). Rätta det och kör igen."
        ]
    );
}

#[test]
fn quiet_never_points_to_errors_above_and_unattributed_files_are_named() {
    let broken = Template::new("Ekonomi").set(Sheet::Budget, "D10", n(5100.0));
    let run = Run::new()
        .add("HR.xlsx", &Template::new("HR"))
        .add("Ekonomi.xlsx", &broken);
    let out = run.consolidate(&["-q"]);
    assert_eq!(
        out.stdout,
        "Läste 2 filer med 2 tjänsteområden, varav 1 med i sammanställningen · 1 fel, 0 varningar, 0 info\n\
         Ingen arbetsbok skrevs: rätta felen (kör utan -q för att se dem), eller kör med --partial för att sammanställa utan de tjänsteområden som har fel.\n"
    );
    let run = Run::new()
        .add("HR.xlsx", &Template::new("HR"))
        .add_bytes("trasig.xlsx", b"not a zip");
    let out = run.consolidate(&[]);
    assert!(
        out.stdout.ends_with(
            "Inte med (har fel): trasig.xlsx (inget tjänsteområde)\n\
             \n\
             Ingen arbetsbok skrevs: rätta felen ovan, eller kör med --partial för att sammanställa utan trasig.xlsx, som inte kan knytas till något tjänsteområde.\n"
        ),
        "{}",
        out.stdout
    );
    assert_eq!(run.consolidate(&["-q", "--partial"]).status, 1);
    let rows = crate::harness::sheet_rows(&run.workbook(), "Sammanställning", 1);
    assert_eq!(
        rows[3][0],
        "OBS! Ofullständig sammanställning – följande saknas:\n\
         • trasig.xlsx (kan inte knytas till något tjänsteområde): 1 fel – unreadable-file\n\
         Se bladet Kontroller."
    );
    let out = run.consolidate(&["--lang", "en", "-q"]);
    assert!(
        out.stdout.ends_with(
            "No workbook was written: correct the errors (run without -q to see them), or run with --partial to consolidate without trasig.xlsx, which cannot be attributed to any area.\n"
        ),
        "{}",
        out.stdout
    );
}

#[test]
fn help_and_usage_errors_are_swedish_unless_lang_en() {
    let run = Run::new().add("HR.xlsx", &Template::new("HR"));
    let out = run.exec(&["--help"]);
    assert_eq!(out.status, 0);
    assert!(
        out.stdout.starts_with(
            "Sammanställer tjänsteområdenas budgetmallar till en kontrollerad arbetsbok.\n\
             \n\
             Användning: budget-consolidator [FLAGGOR] [KOMMANDO]\n\
             \n\
             Kommandon:\n  \
             consolidate  Kontrollera alla arbetsböcker i MAPP och skriv den sammanställda arbetsboken: stadens summor per tjänsteområde och år, varje initiativ och en lista över alla fynd.\n"
        ),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains(
            "\nFlaggor:\n      --lang <SPRÅK>  Språk för meddelanden och terminaltext. [standard: sv] [möjliga värden: sv, en]\n"
        ),
        "{}",
        out.stdout
    );
    let out = run.exec(&["--lang", "en", "--help"]);
    assert!(
        out.stdout
            .contains("\nUsage: budget-consolidator [OPTIONS] [COMMAND]\n\nCommands:\n"),
        "{}",
        out.stdout
    );
    let out = run.exec(&["consolidate", "--partal"]);
    assert_eq!(out.status, 2);
    assert_eq!(
        out.stderr,
        "fel: okänt argument ”--partal”\n\
         \n  \
         tips: menade du ”--partial”?\n\
         \n\
         Användning: budget-consolidator consolidate --partial [MAPP]\n\
         \n\
         Mer hjälp: --help\n"
    );
    let out = run.exec(&["consolidate", "--partal", "--lang=en"]);
    assert_eq!(out.status, 2);
    assert_eq!(
        out.stderr,
        "error: unexpected argument '--partal' found\n\
         \n  \
         tip: a similar argument exists: '--partial'\n\
         \n\
         Usage: budget-consolidator consolidate --partial [DIR]\n\
         \n\
         For more information, try '--help'.\n"
    );
    let out = run.exec(&["template", "--area", "HR"]);
    assert_eq!(
        out.stderr,
        "fel: argument saknas: ”--out <SÖKVÄG>”\n\
         \n\
         Användning: budget-consolidator template --out <SÖKVÄG> <--area <OMRÅDE>|--all>\n\
         \n\
         Mer hjälp: --help\n"
    );
}

#[test]
fn system_errors_are_swedish_words_with_the_path() {
    let run = Run::new().add("HR.xlsx", &Template::new("HR"));
    let out = run.exec(&["consolidate", "saknas"]);
    assert_eq!(out.status, 2);
    assert_eq!(
        out.stderr,
        "Indatamappen saknas kan inte läsas: mappen finns inte\n"
    );
    let out = run.exec(&["--lang", "en", "consolidate", "saknas"]);
    assert_eq!(
        out.stderr,
        "Input folder saknas cannot be read: no such folder\n"
    );
    std::fs::write(run.dir.path().join("fil"), b"x").expect("file");
    let out = run.exec(&["consolidate", "input", "--out", "fil/ut"]);
    assert_eq!(out.status, 2);
    assert_eq!(
        out.stderr,
        "Kan inte skriva fil/ut/konsoliderad-budget-2023.xlsx: en del av sökvägen är ingen mapp (systemfel 20)\n"
    );
}

#[test]
fn completions_and_the_man_page_come_from_the_same_definitions() {
    let run = Run::new();
    for shell in ["bash", "zsh", "fish"] {
        let out = run.exec(&["completions", shell]);
        assert_eq!(out.status, 0, "{shell}: {}", out.stderr);
        // fish names long flags without their dashes (`-l latest-version`).
        for word in [
            "consolidate",
            "check",
            "template",
            "latest-version",
            "feedback",
        ] {
            assert!(out.stdout.contains(word), "{shell} lacks {word}");
        }
    }
    let out = run.exec(&["completions", "zsh"]);
    assert!(
        out.stdout.contains(
            "'--partial[Skriv arbetsboken även med fel, utan de tjänsteområden som har fel.]'"
        ),
        "{}",
        out.stdout
    );
    let out = run.exec(&["--lang", "en", "completions", "fish"]);
    assert!(
        out.stdout.contains("-l partial -d 'Write the workbook even with errors, leaving out the areas that have them'"),
        "{}",
        out.stdout
    );
    let out = run.exec(&["completions", "man"]);
    assert_eq!(out.status, 0);
    assert!(
        out.stdout.contains(".TH budget-consolidator 1"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains(
            "Sammanställer tjänsteområdenas budgetmallar till en kontrollerad arbetsbok."
        ),
        "{}",
        out.stdout
    );
}
