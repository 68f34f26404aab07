//! The subcommands' closing lines on the terminal, in both languages: what was
//! written, why nothing was, and what to do before sending a file.

use crate::lang::Lang;
use std::path::Path;

/// `Skrev PATH`, before the path of a file written.
pub fn wrote(lang: Lang) -> &'static str {
    lang.pick("Skrev", "Wrote")
}

/// Before the path of each annotated copy written (`--feedback`).
pub fn wrote_feedback(lang: Lang) -> &'static str {
    lang.pick("Skrev kontrollkopia", "Wrote feedback copy")
}

/// `consolidate` wrote no workbook: what to fix ("the errors above" only when they
/// are listed above, not with `-q`), and what `--partial` would leave out (the
/// areas with errors, and by name the files that name no area).
pub fn no_workbook(quiet: bool, with_area: bool, unattributed: &[&str], lang: Lang) -> String {
    let fix = match (quiet, lang) {
        (false, Lang::Sv) => "rätta felen ovan",
        (false, Lang::En) => "correct the errors above",
        (true, Lang::Sv) => "rätta felen (kör utan -q för att se dem)",
        (true, Lang::En) => "correct the errors (run without -q to see them)",
    };
    let leave_out = match (with_area, unattributed.is_empty(), lang) {
        (_, true, Lang::Sv) => "utan de tjänsteområden som har fel".to_string(),
        (_, true, Lang::En) => "without the areas that have errors".to_string(),
        (true, false, Lang::Sv) => format!(
            "utan de tjänsteområden som har fel och utan {}, som inte kan knytas till något tjänsteområde",
            unattributed.join(", ")
        ),
        (true, false, Lang::En) => format!(
            "without the areas that have errors and without {}, which cannot be attributed to any area",
            unattributed.join(", ")
        ),
        (false, false, Lang::Sv) => format!(
            "utan {}, som inte kan knytas till något tjänsteområde",
            unattributed.join(", ")
        ),
        (false, false, Lang::En) => format!(
            "without {}, which cannot be attributed to any area",
            unattributed.join(", ")
        ),
    };
    match lang {
        Lang::Sv => format!(
            "Ingen arbetsbok skrevs: {fix}, eller kör med --partial för att sammanställa {leave_out}.\n"
        ),
        Lang::En => format!(
            "No workbook was written: {fix}, or run with --partial to consolidate {leave_out}.\n"
        ),
    }
}

/// `follow-up` wrote nothing.
pub fn no_follow_up(lang: Lang) -> &'static str {
    lang.pick(
        "Ingen uppföljning skrevs: rätta felen ovan, eller kör med --partial.\n",
        "No follow-up was written: correct the errors above, or run with --partial.\n",
    )
}

/// The follow-up's totals, already formatted: actual to date, budget to date,
/// full-year forecast, full-year budget, previous year's actual to date.
pub fn follow_up_summary(year: i32, period: u8, totals: &[String; 5], lang: Lang) -> String {
    let [actual, to_date, forecast, budget, previous] = totals;
    match lang {
        Lang::Sv => format!(
            "Uppföljning {year}-{period:02} (tkr): utfall ack {actual}, budget ack {to_date}, prognos helår {forecast}, budget helår {budget}, utfall ack föregående år {previous}.\n"
        ),
        Lang::En => format!(
            "Follow-up {year}-{period:02} (tkr): actual to date {actual}, budget to date {to_date}, full-year forecast {forecast}, full-year budget {budget}, previous year's actual to date {previous}.\n"
        ),
    }
}

/// `follow-up template`: one forecast workbook written.
pub fn forecast_template_written(
    path: &Path,
    initiatives: usize,
    year: i32,
    period: u8,
    lang: Lang,
) -> String {
    format!(
        "{} {} ({} {}, period {}-{:02})\n",
        wrote(lang),
        path.display(),
        initiatives,
        lang.pick("initiativ", "initiatives"),
        year,
        period
    )
}

/// `follow-up template`: the areas left without one.
pub fn no_forecast_template(lang: Lang) -> &'static str {
    lang.pick(
        "Områden vars plan har fel fick ingen prognosmall: rätta felen ovan.\n",
        "Areas whose plan has errors got no forecast template: correct the errors above.\n",
    )
}

/// `template`: one blank template written.
pub fn template_written(
    path: &Path,
    area: &str,
    budget_year: i32,
    years: &str,
    lang: Lang,
) -> String {
    format!(
        "{} {} ({}, {} {}, {} {})",
        wrote(lang),
        path.display(),
        area,
        lang.pick("budgetår", "budget year"),
        budget_year,
        lang.pick("planår", "plan years"),
        years
    )
}

/// `check`: `Filen har 2 fel och 1 varning.`, the counts spoken to the lead about
/// their file.
pub fn check_summary(
    (errors, warnings, infos): (usize, usize, usize),
    one: bool,
    lang: Lang,
) -> String {
    let n = super::count;
    let (subject, errors, warnings, and) = match lang {
        Lang::Sv => (
            if one { "Filen har" } else { "Filerna har" },
            format!("{errors} fel"),
            n(warnings, "varning", "varningar"),
            "och",
        ),
        Lang::En => (
            if one {
                "The file has"
            } else {
                "The files have"
            },
            n(errors, "error", "errors"),
            n(warnings, "warning", "warnings"),
            "and",
        ),
    };
    let infos = if infos > 0 {
        format!(", {infos} info")
    } else {
        String::new()
    };
    format!("{subject} {errors} {and} {warnings}{infos}.\n")
}

/// `check`: what is left to fill in, in one file or in the file named.
pub fn left_to_fill(file: Option<&str>, lang: Lang) -> String {
    match file {
        None => lang
            .pick("Kvar att fylla i: ", "Left to fill in: ")
            .to_string(),
        Some(file) => format!(
            "{} {file}: ",
            lang.pick("Kvar att fylla i i", "Left to fill in in")
        ),
    }
}

/// `check`: an empty template, among what is left to fill in.
pub fn the_initiatives(lang: Lang) -> &'static str {
    lang.pick("initiativen", "the initiatives")
}

/// `check` and `follow-up check`: what to do before sending (one file or several).
pub fn send_verdict(errors: bool, unfilled: bool, one: bool, lang: Lang) -> &'static str {
    match (errors, unfilled, one) {
        (true, _, true) => lang.pick(
            "Rätta felen innan du skickar filen.",
            "Correct the errors before sending the file.",
        ),
        (true, _, false) => lang.pick(
            "Rätta felen innan du skickar filerna.",
            "Correct the errors before sending the files.",
        ),
        (false, true, true) => lang.pick(
            "Fyll i det som saknas innan du skickar filen.",
            "Fill in what is missing before sending the file.",
        ),
        (false, true, false) => lang.pick(
            "Fyll i det som saknas innan du skickar filerna.",
            "Fill in what is missing before sending the files.",
        ),
        (false, false, true) => lang.pick("Filen kan skickas.", "The file is ready to send."),
        (false, false, false) => lang.pick("Filerna kan skickas.", "The files are ready to send."),
    }
}

/// `check`, `follow-up check`: the verdict when every error is a file of another
/// kind than the command reads (`wrong-kind-of-file`); `one`: in one file.
pub fn wrong_kind_verdict(one: bool, lang: Lang) -> &'static str {
    match one {
        true => lang.pick(
            "Filen är av en annan sort än kommandot kontrollerar: kontrollera den med kommandot som meddelandet ovan nämner.",
            "The file is of another kind than the command checks: check it with the command the message above names.",
        ),
        false => lang.pick(
            "Filerna med fel är av en annan sort än kommandot kontrollerar: kontrollera dem med kommandona som meddelandena ovan nämner.",
            "The files with errors are of another kind than the command checks: check them with the commands the messages above name.",
        ),
    }
}

/// `check`: the verdict when none of the files given is a workbook. `renames`: the
/// names to give those that are Excel workbooks without an extension (`HR.xlsx`).
pub fn nothing_to_send(one: bool, renames: &[String], lang: Lang) -> String {
    let sv = lang == Lang::Sv;
    let quoted: Vec<String> = renames
        .iter()
        .map(|r| {
            if sv {
                format!("”{r}”")
            } else {
                format!("“{r}”")
            }
        })
        .collect();
    let names = quoted.join(", ");
    match (one, renames.is_empty(), sv) {
        (true, true, _) => lang
            .pick(
                "Filen är ingen arbetsbok, så det finns inget att skicka.",
                "The file is not a workbook, so there is nothing to send.",
            )
            .to_string(),
        (false, true, _) => lang
            .pick(
                "Ingen av filerna är en arbetsbok, så det finns inget att skicka.",
                "None of the files is a workbook, so there is nothing to send.",
            )
            .to_string(),
        (true, false, true) => format!(
            "Filen läses först när den har en arbetsboks ändelse: byt namn på den till {names} och kör check igen."
        ),
        (true, false, false) => format!(
            "The file is read only once it has a workbook's extension: rename it to {names} and run check again."
        ),
        (false, false, true) => format!(
            "Ingen av filerna läses som en arbetsbok. Byt namn på dem som är arbetsböcker utan ändelse (till {names}) och kör check igen."
        ),
        (false, false, false) => format!(
            "None of the files is read as a workbook. Rename those that are workbooks without an extension (to {names}) and run check again."
        ),
    }
}

/// `follow-up check`: `Kontrollerade 2 prognosfiler · 1 fel, 0 varningar, 0 info`.
pub fn forecasts_checked(
    files: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    lang: Lang,
) -> String {
    let s = |n: usize, many: &'static str| if n == 1 { "" } else { many };
    match lang {
        Lang::Sv => format!(
            "Kontrollerade {files} prognosfil{} · {errors} fel, {warnings} varning{}, {infos} info\n",
            s(files, "er"),
            s(warnings, "ar"),
        ),
        Lang::En => format!(
            "Checked {files} forecast file{} · {errors} error{}, {warnings} warning{}, {infos} info\n",
            s(files, "s"),
            s(errors, "s"),
            s(warnings, "s"),
        ),
    }
}

/// `diff`: a file that is no budget template, with its error codes.
pub fn not_a_template(file: &str, codes: &str, lang: Lang) -> String {
    match lang {
        Lang::Sv => format!(
            "{file}: kan inte läsas som en budgetmall ({codes}); se budget-consolidator check {file}"
        ),
        Lang::En => format!(
            "{file}: cannot be read as a budget template ({codes}); see budget-consolidator check {file}"
        ),
    }
}
