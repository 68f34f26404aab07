//! The text of the annotated return copy (`--feedback`), in both languages where
//! the run's language decides it: the title, the summary line with the colour
//! legend, the column headers of its `Kontroller` sheet and the note on a cell
//! that is wrong only because of another.

use super::count;
use crate::lang::Lang;

/// The copy's file name after the input's stem (`HR-kontroll.xlsx`).
pub const FEEDBACK_SUFFIX: &str = "-kontroll.xlsx";

/// The copy's document title and the title of its `Kontroller` sheet.
pub fn feedback_title(file: &str) -> String {
    format!("Kontroll av {file}")
}

/// `Kontroller` of the copy: the column headers.
pub const FEEDBACK_HEADERS: [&str; 5] = ["Allvarlighet", "Kod", "Blad", "Cell", "Meddelande"];

/// The colour names of the legend, in the order error, warning, info.
fn colour_names(lang: Lang) -> [&'static str; 3] {
    match lang {
        Lang::Sv => ["röd", "orange", "lila"],
        Lang::En => ["red", "orange", "purple"],
    }
}

/// The line under the title: how many findings of each severity, and what the
/// colours of the marked cells mean.
pub fn feedback_summary(lang: Lang, errors: usize, warnings: usize, infos: usize) -> String {
    let [red, orange, blue] = colour_names(lang);
    match lang {
        Lang::Sv => format!(
            "{errors} fel, {}, {infos} info. Markerade celler: {red} = fel, {orange} = varning, {blue} = info (ljusgult är mallens färg för celler att fylla i). Håll muspekaren över en cell för att läsa förklaringen.",
            count(warnings, "varning", "varningar"),
        ),
        Lang::En => format!(
            "{}, {}, {infos} info. Marked cells: {red} = error, {orange} = warning, {blue} = info (light yellow is the template's colour for cells to fill in). Hover over a cell to read the explanation.",
            count(errors, "error", "errors"),
            count(warnings, "warning", "warnings"),
        ),
    }
}

/// The note on a cell that goes wrong only because of the finding at `root`.
pub fn feedback_follows(lang: Lang, root: &str) -> String {
    match lang {
        Lang::Sv => format!(
            "Följd av felet i {root}: rätta {root} i din egen fil, så blir den här cellen rätt där. I den här kopian är formlerna ersatta av sina värden, så en ändring här rättar inget."
        ),
        Lang::En => format!(
            "Follows from the error in {root}: correct {root} in your own file and this cell comes right there. In this copy the formulas are replaced by their values, so a change here corrects nothing."
        ),
    }
}
