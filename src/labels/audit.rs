//! The text of reading a consolidated workbook back (`verify`, `--previous`): why a
//! file is no consolidation of ours, each difference between the workbook and what
//! its inputs give now, the notes beside them and the closing verdict, in both
//! languages.

use super::{OUT_CHANGES, OUT_SOURCES, RUN_TITLE, plural};
use crate::lang::Lang;
use std::fmt::Display;
use std::path::Path;

/// A stored cell that is empty, as a difference shows it.
pub const EMPTY_CELL: &str = "(tom)";
/// How the row-number columns of `Initiativ` begin (`Rad i Budgetfördelning`…).
pub const ROW_IN: &str = "Rad i";

/// Why the file is no consolidation of ours: (Swedish, English).
pub fn unreadable(e: &dyn Display) -> (String, String) {
    (
        format!("filen kan inte läsas: {e}"),
        format!("the file cannot be read: {e}"),
    )
}
pub const NOT_XLSX: (&str, &str) = (
    "filen kan inte läsas som en xlsx-arbetsbok",
    "the file cannot be read as an xlsx workbook",
);
pub const NO_SOURCES: (&str, &str) = ("bladet Källor saknas", "it has no sheet Källor");
pub const NO_INITIATIVES: (&str, &str) = ("bladet Initiativ saknas", "it has no sheet Initiativ");
pub const NOT_INITIATIVES_COLUMNS: (&str, &str) = (
    "bladet Initiativ har inte sammanställningens kolumner",
    "its sheet Initiativ does not have the consolidation's columns",
);
pub const FOLLOW_UP: (&str, &str) = (
    "det är en månadsuppföljning, som verify inte gör om: kör follow-up igen på samma indata",
    "it is a monthly follow-up, which verify does not repeat: run follow-up again on the same inputs",
);
pub const PLAN: (&str, &str) = (
    "det är en budgetmall: kontrollera den med check, eller verifiera sammanställningen som consolidate skrev",
    "it is a budget template: check it with check, or verify the consolidation that consolidate wrote",
);
pub const FORECAST: (&str, &str) = (
    "det är en prognosarbetsbok: kontrollera den med follow-up check",
    "it is a forecast workbook: check it with follow-up check",
);
pub const NO_RUN_BLOCK: (&str, &str) = (
    "bladet Källor har inget fullständigt Körning-block",
    "its sheet Källor has no complete Körning block",
);

pub fn file_changed(file: &str, lang: Lang) -> String {
    match lang {
        Lang::Sv => format!(
            "{file}: filen har ändrats sedan sammanställningen (SHA-256 stämmer inte med Källor)"
        ),
        Lang::En => format!(
            "{file}: the file has changed since the consolidation (its SHA-256 differs from Källor)"
        ),
    }
}

pub fn file_missing(file: &str, path: &Path, lang: Lang) -> String {
    match lang {
        Lang::Sv => format!(
            "{file}: filen saknas (väntades i {}); ange mappen med --input om den har flyttats",
            path.display()
        ),
        Lang::En => format!(
            "{file}: the file is missing (expected at {}); name the folder with --input if it has moved",
            path.display()
        ),
    }
}

pub fn file_new(file: &str, lang: Lang) -> String {
    match lang {
        Lang::Sv => {
            format!("{file}: ny fil i indatamappen, som inte fanns med i sammanställningen")
        }
        Lang::En => {
            format!("{file}: a new file in the input folder, not part of the consolidation")
        }
    }
}

pub fn config_edited(lang: Lang) -> String {
    match lang {
        Lang::Sv => format!(
            "{OUT_SOURCES} › {RUN_TITLE}: konfigurationens text stämmer inte med dess SHA-256 – texten har ändrats i arbetsboken"
        ),
        Lang::En => format!(
            "{OUT_SOURCES} › {RUN_TITLE}: the configuration's text does not match its SHA-256 – the text was edited in the workbook"
        ),
    }
}

pub fn no_workbook(text: &str, lang: Lang) -> String {
    match lang {
        Lang::Sv => {
            format!("En ny körning med samma inställningar skriver ingen arbetsbok:\n{text}")
        }
        Lang::En => format!("A new run with the same settings writes no workbook:\n{text}"),
    }
}

pub fn sheet_missing(sheet: &str, lang: Lang) -> String {
    match lang {
        Lang::Sv => format!("Bladet {sheet} saknas i arbetsboken"),
        Lang::En => format!("Sheet {sheet} is missing from the workbook"),
    }
}

pub fn sheet_extra(sheet: &str, lang: Lang) -> String {
    match lang {
        Lang::Sv => format!("Bladet {sheet} finns inte i en ny sammanställning"),
        Lang::En => format!("Sheet {sheet} is not in a new consolidation"),
    }
}

pub fn cell_differs(sheet: &str, at: &str, stored: &str, derived: &str, lang: Lang) -> String {
    match lang {
        Lang::Sv => format!("{sheet} › {at}: i arbetsboken {stored}, från indata {derived}"),
        Lang::En => format!("{sheet} › {at}: in the workbook {stored}, from the inputs {derived}"),
    }
}

pub fn other_program(written_by: &str, verified_with: &str, lang: Lang) -> String {
    match lang {
        Lang::Sv => {
            format!("Arbetsboken skrevs av {written_by}; den verifieras med {verified_with}.")
        }
        Lang::En => {
            format!(
                "The workbook was written by {written_by}; it is verified with {verified_with}."
            )
        }
    }
}

pub fn unrecomputed(formulas: usize, lang: Lang) -> String {
    match lang {
        Lang::Sv => format!(
            "{formulas} formler saknar sparat resultat (arbetsboken sparades av ett program som inte räknar om); deras formler är oförändrade."
        ),
        Lang::En => format!(
            "{formulas} formulas have no stored result (the workbook was saved by a program that does not recalculate); their formulas are unchanged."
        ),
    }
}

pub fn changes_not_verified(lang: Lang) -> String {
    match lang {
        Lang::Sv => format!(
            "Bladet {OUT_CHANGES} jämför med en tidigare sammanställning och verifieras inte; jämför den med budget-consolidator diff."
        ),
        Lang::En => format!(
            "Sheet {OUT_CHANGES} compares with an earlier consolidation and is not verified; compare it with budget-consolidator diff."
        ),
    }
}

pub fn more_cells(unlisted: usize, lang: Lang) -> String {
    match lang {
        Lang::Sv => format!("… och {unlisted} celler till som skiljer\n"),
        Lang::En => format!("… and {unlisted} more cells that differ\n"),
    }
}

/// The verdict when nothing differs.
pub fn verified(unchanged: usize, amounts: usize, amounts_text: &str, lang: Lang) -> String {
    match lang {
        Lang::Sv => {
            let file_word = plural(unchanged, "fil", "filer");
            format!(
                "Verifierad: {unchanged} {file_word} oförändrade, {amounts_text} belopp stämmer\n"
            )
        }
        Lang::En => {
            let file_word = plural(unchanged, "file", "files");
            let amount_word = plural(amounts, "amount", "amounts");
            format!(
                "Verified: {unchanged} {file_word} unchanged, {amounts_text} {amount_word} agree\n"
            )
        }
    }
}

/// The verdict when something differs: how much, of what.
#[derive(Debug, Clone, Copy)]
pub struct Tally {
    pub total: usize,
    pub unchanged: usize,
    pub files: usize,
    pub cells_differ: usize,
    /// A new consolidation was made, so its cells were compared with the stored ones.
    pub compared: bool,
}

pub fn not_verified(t: &Tally, amounts_text: &str, lang: Lang) -> String {
    let Tally {
        total,
        unchanged,
        files,
        cells_differ,
        compared,
    } = *t;
    match (lang, compared) {
        (Lang::Sv, false) => format!(
            "Inte verifierad: {total} {} – {unchanged} av {files} {}; inga celler jämfördes, eftersom ingen ny sammanställning kunde göras\n",
            plural(total, "skillnad", "skillnader"),
            plural(files, "fil oförändrad", "filer oförändrade"),
        ),
        (Lang::En, false) => format!(
            "Not verified: {total} {} – {unchanged} of {files} {} unchanged; no cells were compared, since no new consolidation could be made\n",
            plural(total, "difference", "differences"),
            plural(files, "file", "files"),
        ),
        (Lang::Sv, true) => format!(
            "Inte verifierad: {total} {} – {unchanged} av {files} {}, {cells_differ} {} skiljer, {amounts_text} belopp stämmer\n",
            plural(total, "skillnad", "skillnader"),
            plural(files, "fil oförändrad", "filer oförändrade"),
            plural(cells_differ, "cell", "celler"),
        ),
        (Lang::En, true) => format!(
            "Not verified: {total} {} – {unchanged} of {files} {} unchanged, {cells_differ} {} differ, {amounts_text} amounts agree\n",
            plural(total, "difference", "differences"),
            plural(files, "file", "files"),
            plural(cells_differ, "cell", "cells"),
        ),
    }
}

pub fn input_moved(lang: Lang) -> &'static str {
    lang.pick(
        "Indatamappen finns inte där den var; ange den med --input.\n",
        "The input folder is not where it was; name it with --input.\n",
    )
}
