//! The words of the terminal report (`report`): the summary line, the heading of
//! findings about the whole run, and the table of consolidated figures, in both
//! languages.

use super::count;
use crate::lang::Lang;

/// The heading of the findings that belong to no file.
pub fn whole_run(lang: Lang) -> &'static str {
    lang.pick("Hela sammanställningen", "The whole consolidation")
}

/// `… och 19 980 till med koden unmapped-actual i filen …`: the findings of a code
/// past the lines the terminal shows.
pub fn more_of_code(n: usize, code: &str, lang: Lang) -> String {
    let n = crate::lang::count(n as u64, lang);
    match lang {
        Lang::Sv => format!(
            "… och {n} till med koden {code} här (visas inte; JSON-rapporten, --json, har alla)"
        ),
        Lang::En => {
            format!(
                "… and {n} more with the code {code} here (not shown; the JSON report, --json, has them all)"
            )
        }
    }
}

/// `Läste 3 filer med 3 tjänsteområden, varav 3 med i sammanställningen · …`
pub fn summary(
    (files, areas, included): (usize, usize, usize),
    (errors, warnings, infos): (usize, usize, usize),
    lang: Lang,
) -> String {
    match lang {
        Lang::Sv => format!(
            "Läste {} med {}, varav {} med i sammanställningen · {} fel, {}, {} info",
            count(files, "fil", "filer"),
            count(areas, "tjänsteområde", "tjänsteområden"),
            included,
            errors,
            count(warnings, "varning", "varningar"),
            infos
        ),
        Lang::En => format!(
            "Read {} with {}, {} of them included · {}, {}, {} info",
            count(files, "file", "files"),
            count(areas, "service area", "service areas"),
            included,
            count(errors, "error", "errors"),
            count(warnings, "warning", "warnings"),
            infos
        ),
    }
}

/// The table's title line.
pub fn table_title(budget_year: Option<i32>, lang: Lang) -> String {
    match (budget_year, lang) {
        (Some(y), Lang::Sv) => format!("Sammanställning budgetår {y}, belopp i tkr"),
        (Some(y), Lang::En) => format!("Consolidation, budget year {y}, amounts in tkr"),
        (None, Lang::Sv) => "Sammanställning, belopp i tkr".to_string(),
        (None, Lang::En) => "Consolidation, amounts in tkr".to_string(),
    }
}

/// Instead of the table when no area is included.
pub fn none_complete(lang: Lang) -> &'static str {
    lang.pick(
        "Inget tjänsteområde är komplett (utan fel).",
        "No service area is complete (free of errors).",
    )
}

/// The table's column headers: area, version, new, existing, total.
pub fn table_header(lang: Lang) -> [&'static str; 5] {
    [
        lang.pick("Tjänsteområde", "Service area"),
        "Version",
        lang.pick("Nyutveckling", "New development"),
        lang.pick("Befintlig", "Existing"),
        total(lang),
    ]
}

/// The two columns added when frames are configured.
pub fn frame_header(lang: Lang) -> [&'static str; 2] {
    [
        lang.pick("Ram", "Frame"),
        lang.pick("Avvikelse", "Deviation"),
    ]
}

/// The `Summa` row's label.
pub fn total(lang: Lang) -> &'static str {
    lang.pick("Summa", "Total")
}

/// `Totalram 1 000 · avvikelse 10 (positiv = under ramen)`, amounts formatted.
pub fn total_frame(frame: &str, deviation: &str, lang: Lang) -> String {
    format!(
        "{} {frame} · {} {deviation} ({})",
        lang.pick("Totalram", "Total frame"),
        lang.pick("avvikelse", "deviation"),
        lang.pick("positiv = under ramen", "positive = under the frame"),
    )
}

/// The line naming the areas left out.
pub fn left_out(names: &str, lang: Lang) -> String {
    format!(
        "{} {names}",
        lang.pick("Inte med (har fel):", "Left out (errors):")
    )
}

/// A file left out that names no area.
pub fn no_area(lang: Lang) -> &'static str {
    lang.pick("inget tjänsteområde", "no service area")
}
