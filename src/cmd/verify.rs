//! `budget-consolidator verify WORKBOOK [--input DIR]`: does a consolidated
//! workbook still follow from its inputs?
//!
//! Reads the workbook back (`grid::read_written_workbook`), takes from `Källor`
//! the files and their SHA-256 and the `Körning` block (program, input folder,
//! options, configuration), hashes the files again, repeats the consolidation with
//! the recorded settings into a temporary file, and compares every cell of every
//! sheet with the repeated one. Exit 0 when everything agrees, 1 on any
//! difference, 2 when the file is not a consolidation of ours.

use super::Outcome;
use super::consolidate::{Redo, produce};
use crate::error::Error;
use crate::grid::{self, Value, WrittenCell};
use crate::labels;
use crate::lang::{self, Lang};
use crate::provenance::{RunRecord, sha256_hex};
use crate::settings::{Config, ConsolidateSettings, VerifySettings};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

type Sheets = Vec<(String, Vec<WrittenCell>)>;

/// At most this many cell differences are listed one by one.
const LISTED: usize = 50;

/// What `Källor` recorded: the files (name, SHA-256) and the run.
#[derive(Debug)]
struct Recorded {
    files: Vec<(String, String)>,
    run: RunRecord,
}

/// One difference between the workbook and what its inputs give now.
#[derive(Debug, PartialEq)]
enum Difference {
    FileChanged {
        file: String,
    },
    FileMissing {
        file: String,
        path: PathBuf,
    },
    FileNew {
        file: String,
    },
    ConfigEdited,
    NoWorkbook {
        text: String,
    },
    SheetMissing {
        sheet: String,
    },
    SheetExtra {
        sheet: String,
    },
    Cell {
        sheet: String,
        at: String,
        stored: String,
        derived: String,
    },
}

impl Difference {
    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Difference::FileChanged { file }, Lang::Sv) => format!(
                "{file}: filen har ändrats sedan sammanställningen (SHA-256 stämmer inte med Källor)"
            ),
            (Difference::FileChanged { file }, Lang::En) => format!(
                "{file}: the file has changed since the consolidation (its SHA-256 differs from Källor)"
            ),
            (Difference::FileMissing { file, path }, Lang::Sv) => format!(
                "{file}: filen saknas (väntades i {}); ange mappen med --input om den har flyttats",
                path.display()
            ),
            (Difference::FileMissing { file, path }, Lang::En) => format!(
                "{file}: the file is missing (expected at {}); name the folder with --input if it has moved",
                path.display()
            ),
            (Difference::FileNew { file }, Lang::Sv) => {
                format!("{file}: ny fil i indatamappen, som inte fanns med i sammanställningen")
            }
            (Difference::FileNew { file }, Lang::En) => {
                format!("{file}: a new file in the input folder, not part of the consolidation")
            }
            (Difference::ConfigEdited, Lang::Sv) => format!(
                "{} › {}: konfigurationens text stämmer inte med dess SHA-256 – texten har ändrats i arbetsboken",
                labels::OUT_SOURCES,
                labels::RUN_TITLE
            ),
            (Difference::ConfigEdited, Lang::En) => format!(
                "{} › {}: the configuration's text does not match its SHA-256 – the text was edited in the workbook",
                labels::OUT_SOURCES,
                labels::RUN_TITLE
            ),
            (Difference::NoWorkbook { text }, Lang::Sv) => {
                format!("En ny körning med samma inställningar skriver ingen arbetsbok:\n{text}")
            }
            (Difference::NoWorkbook { text }, Lang::En) => {
                format!("A new run with the same settings writes no workbook:\n{text}")
            }
            (Difference::SheetMissing { sheet }, Lang::Sv) => {
                format!("Bladet {sheet} saknas i arbetsboken")
            }
            (Difference::SheetMissing { sheet }, Lang::En) => {
                format!("Sheet {sheet} is missing from the workbook")
            }
            (Difference::SheetExtra { sheet }, Lang::Sv) => {
                format!("Bladet {sheet} finns inte i en ny sammanställning")
            }
            (Difference::SheetExtra { sheet }, Lang::En) => {
                format!("Sheet {sheet} is not in a new consolidation")
            }
            (
                Difference::Cell {
                    sheet,
                    at,
                    stored,
                    derived,
                },
                Lang::Sv,
            ) => format!("{sheet} › {at}: i arbetsboken {stored}, från indata {derived}"),
            (
                Difference::Cell {
                    sheet,
                    at,
                    stored,
                    derived,
                },
                Lang::En,
            ) => format!("{sheet} › {at}: in the workbook {stored}, from the inputs {derived}"),
        }
    }
}

pub fn run(s: &VerifySettings, lang: Lang, _quiet: bool) -> Result<Outcome, Error> {
    let not_ours = |sv: &str, en: &str| Error::NotConsolidated {
        path: s.workbook.clone(),
        sv: sv.to_string(),
        en: en.to_string(),
    };
    let bytes = std::fs::read(&s.workbook).map_err(|e| {
        not_ours(
            &format!("filen kan inte läsas: {e}"),
            &format!("the file cannot be read: {e}"),
        )
    })?;
    let stored = grid::read_written_workbook(&bytes).map_err(|_| {
        not_ours(
            "filen kan inte läsas som en xlsx-arbetsbok",
            "the file cannot be read as an xlsx workbook",
        )
    })?;
    let recorded = stored
        .iter()
        .find(|(name, _)| name == labels::OUT_SOURCES)
        .ok_or_else(|| not_ours("bladet Källor saknas", "it has no sheet Källor"))
        .and_then(|(_, cells)| {
            read_recorded(cells).ok_or_else(|| {
                not_ours(
                    "bladet Källor har inget fullständigt Körning-block",
                    "its sheet Källor has no complete Körning block",
                )
            })
        })?;

    let mut differences = Vec::new();
    let mut notes = Vec::new();
    let run = &recorded.run;
    if run.program != crate::provenance::this_program() {
        notes.push(match lang {
            Lang::Sv => format!(
                "Arbetsboken skrevs av {}; den verifieras med {}.",
                run.program,
                crate::provenance::this_program()
            ),
            Lang::En => format!(
                "The workbook was written by {}; it is verified with {}.",
                run.program,
                crate::provenance::this_program()
            ),
        });
    }
    if run.config.as_deref().map(sha256_hex) != run.config_sha256 {
        differences.push(Difference::ConfigEdited);
    }
    let workbook_dir = s
        .workbook
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf();
    let input = s
        .input
        .clone()
        .unwrap_or_else(|| crate::provenance::tidy(&workbook_dir.join(&run.input)));

    let mut unchanged = 0;
    for (file, sha) in &recorded.files {
        let path = input.join(file);
        match std::fs::read(&path) {
            Ok(bytes) => {
                use sha2::{Digest, Sha256};
                let now: String = Sha256::digest(&bytes)
                    .iter()
                    .map(|b| format!("{b:02x}"))
                    .collect();
                if sha.is_empty() || now == *sha {
                    unchanged += 1;
                } else {
                    differences.push(Difference::FileChanged { file: file.clone() });
                }
            }
            Err(_) => differences.push(Difference::FileMissing {
                file: file.clone(),
                path,
            }),
        }
    }

    let mut amounts = 0;
    let mut cells_differ = 0;
    let mut unlisted = 0;
    if input.is_dir() {
        let config = match &run.config {
            Some(text) => Some(Config::parse(
                text,
                Path::new(&format!("{} › {}", labels::OUT_SOURCES, labels::RUN_TITLE)),
            )?),
            None => None,
        }
        .map(|mut c: Config| {
            // The recorded text has no folder: its `[follow_up]` paths are taken
            // relative to the input folder, where `budget.toml` normally stands.
            c.dir = input.clone();
            c
        });
        let settings = ConsolidateSettings {
            skip: config
                .as_ref()
                .map(Config::follow_up_paths)
                .unwrap_or_default(),
            input: input.clone(),
            out_dir: workbook_dir.clone(),
            config,
            partial: run.partial,
            latest_version: run.latest_version,
            json: None,
            feedback: None,
            config_text: run.config.clone(),
            previous: None,
            today: run.today.as_deref().and_then(crate::rounds::Date::parse),
        };
        let scratch =
            std::env::temp_dir().join(format!("budget-consolidator-verify-{}", std::process::id()));
        let dest = scratch.join("konsoliderad.xlsx");
        let produced = produce(
            &settings,
            run.lang,
            true,
            Some(Redo {
                dest: dest.clone(),
                run: run.clone(),
            }),
        );
        let derived = produced.and_then(|p| match p.written {
            Some(path) => {
                let read = std::fs::read(&path).map_err(|e| Error::Output {
                    path: path.clone(),
                    reason: e.into(),
                })?;
                grid::read_written_workbook(&read)
                    .map(Some)
                    .map_err(|_| Error::Output {
                        path,
                        reason: "the repeated consolidation cannot be read back".into(),
                    })
            }
            None => {
                differences.push(Difference::NoWorkbook { text: p.text });
                Ok(None)
            }
        });
        let _ = std::fs::remove_dir_all(&scratch);
        if let Some(derived) = derived? {
            let compared = compare(&stored, &derived);
            amounts = compared.amounts;
            if compared.unrecomputed > 0 {
                notes.push(match lang {
                    Lang::Sv => format!(
                        "{} formler saknar sparat resultat (arbetsboken sparades av ett program som inte räknar om); deras formler är oförändrade.",
                        compared.unrecomputed
                    ),
                    Lang::En => format!(
                        "{} formulas have no stored result (the workbook was saved by a program that does not recalculate); their formulas are unchanged.",
                        compared.unrecomputed
                    ),
                });
            }
            if compared.changes_sheet {
                notes.push(match lang {
                    Lang::Sv => format!(
                        "Bladet {} jämför med en tidigare sammanställning och verifieras inte; jämför den med budget-consolidator diff.",
                        labels::OUT_CHANGES
                    ),
                    Lang::En => format!(
                        "Sheet {} compares with an earlier consolidation and is not verified; compare it with budget-consolidator diff.",
                        labels::OUT_CHANGES
                    ),
                });
            }
            let known: Vec<&str> = recorded.files.iter().map(|(f, _)| f.as_str()).collect();
            for file in compared.derived_files {
                if !known.contains(&file.as_str()) {
                    differences.push(Difference::FileNew { file });
                }
            }
            cells_differ = compared.differences.len();
            unlisted = cells_differ.saturating_sub(LISTED);
            differences.extend(compared.differences.into_iter().take(LISTED));
        }
    }

    let mut out = String::new();
    for note in &notes {
        out.push_str(note);
        out.push('\n');
    }
    for d in &differences {
        out.push_str(&d.message(lang));
        out.push('\n');
    }
    if unlisted > 0 {
        out.push_str(&match lang {
            Lang::Sv => format!("… och {unlisted} celler till som skiljer\n"),
            Lang::En => format!("… and {unlisted} more cells that differ\n"),
        });
    }
    let files = recorded.files.len();
    let (file_word, amount_word) = match lang {
        Lang::Sv => (if unchanged == 1 { "fil" } else { "filer" }, "belopp"),
        Lang::En => (
            if unchanged == 1 { "file" } else { "files" },
            if amounts == 1 { "amount" } else { "amounts" },
        ),
    };
    let amounts_text = lang::amount(rust_decimal::Decimal::from(amounts), lang);
    if differences.is_empty() {
        out.push_str(&match lang {
            Lang::Sv => format!(
                "Verifierad: {unchanged} {file_word} oförändrade, {amounts_text} {amount_word} stämmer\n"
            ),
            Lang::En => format!(
                "Verified: {unchanged} {file_word} unchanged, {amounts_text} {amount_word} agree\n"
            ),
        });
    } else {
        let total = differences.len() - cells_differ.min(LISTED) + cells_differ;
        let plural =
            |n: usize, one: &'static str, many: &'static str| if n == 1 { one } else { many };
        out.push_str(&match lang {
            Lang::Sv => format!(
                "Inte verifierad: {total} {} – {unchanged} av {files} filer oförändrade, {cells_differ} {} skiljer, {amounts_text} belopp stämmer\n",
                plural(total, "skillnad", "skillnader"),
                plural(cells_differ, "cell", "celler"),
            ),
            Lang::En => format!(
                "Not verified: {total} {} – {unchanged} of {files} files unchanged, {cells_differ} {} differ, {amounts_text} amounts agree\n",
                plural(total, "difference", "differences"),
                plural(cells_differ, "cell", "cells"),
            ),
        });
        if !input.is_dir() {
            out.push_str(lang.pick(
                "Indatamappen finns inte där den var; ange den med --input.\n",
                "The input folder is not where it was; name it with --input.\n",
            ));
        }
    }
    print!("{out}");
    Ok(Outcome {
        errors: !differences.is_empty(),
    })
}

/// The file list and the `Körning` block of `Källor`, as `write::sources` lays
/// them out: a header row (`Fil` … `SHA-256` …), one row per file, then the block.
fn read_recorded(cells: &[WrittenCell]) -> Option<Recorded> {
    let text = |row: u32, col: u32| -> Option<&str> {
        cells
            .binary_search_by_key(&crate::location::CellRef::new(row, col), |c| c.at)
            .ok()
            .and_then(|i| match &cells[i].value {
                Value::Text(t) => Some(t.as_str()),
                _ => None,
            })
    };
    let hash = u32::from(crate::write::SOURCES_HASH_COLUMN);
    if text(0, 0)? != "Fil" || text(0, hash)? != "SHA-256" {
        return None;
    }
    let last_row = cells.last()?.at.row;
    let title = (1..=last_row).find(|r| text(*r, 0) == Some(labels::RUN_TITLE))?;
    let files = (1..title)
        .filter_map(|r| {
            let file = text(r, 0)?;
            Some((file.to_string(), text(r, hash).unwrap_or("").to_string()))
        })
        .collect();
    let rows: Vec<(&str, &str)> = (title + 1..=last_row)
        .filter_map(|r| Some((text(r, 0)?, text(r, 1).unwrap_or(""))))
        .collect();
    let run = RunRecord::from_rows(rows)?;
    Some(Recorded { files, run })
}

#[derive(Debug, Default)]
struct Compared {
    differences: Vec<Difference>,
    /// Amounts that agree.
    amounts: usize,
    /// Formula cells stored without a result whose formula agrees.
    unrecomputed: usize,
    /// The files the repeated run lists in `Källor`.
    derived_files: Vec<String>,
    /// The workbook has an `Ändringar` sheet, which is not verified.
    changes_sheet: bool,
}

/// Every cell of every sheet, the stored workbook against the repeated one. The
/// `Körning` block is the recipe, not a result, and is left out. A formula stored
/// without its result (a program that does not calculate saved the file) agrees
/// when its text does.
fn compare(stored: &Sheets, derived: &Sheets) -> Compared {
    let mut out = Compared::default();
    for (name, _) in stored {
        // Compared with an earlier workbook (`--previous`), not with the inputs.
        if name == labels::OUT_CHANGES {
            out.changes_sheet = true;
            continue;
        }
        if !derived.iter().any(|(n, _)| n == name) {
            out.differences.push(Difference::SheetExtra {
                sheet: name.clone(),
            });
        }
    }
    for (name, derived_cells) in derived {
        let Some((_, stored_cells)) = stored.iter().find(|(n, _)| n == name) else {
            out.differences.push(Difference::SheetMissing {
                sheet: name.clone(),
            });
            continue;
        };
        let recipe = |cells: &[WrittenCell]| {
            if name != labels::OUT_SOURCES {
                return u32::MAX;
            }
            cells
                .iter()
                .find(|c| c.at.col == 0 && c.value == Value::Text(labels::RUN_TITLE.into()))
                .map_or(u32::MAX, |c| c.at.row)
        };
        let (stored_end, derived_end) = (recipe(stored_cells), recipe(derived_cells));
        if name == labels::OUT_SOURCES {
            out.derived_files = derived_cells
                .iter()
                .filter(|c| c.at.col == 0 && c.at.row > 0 && c.at.row < derived_end)
                .map(|c| c.value.display())
                .collect();
        }
        let headers: BTreeMap<u32, String> = derived_cells
            .iter()
            .filter(|c| c.at.row == 0)
            .map(|c| (c.at.col, c.value.display()))
            .collect();
        let mut pairs: BTreeMap<_, (Option<&WrittenCell>, Option<&WrittenCell>)> = BTreeMap::new();
        // In `Källor`, the files' SHA-256 are checked file by file above.
        let hashes = |c: &&WrittenCell| {
            name == labels::OUT_SOURCES
                && c.at.col == u32::from(crate::write::SOURCES_HASH_COLUMN)
                && c.at.row > 0
        };
        for c in stored_cells
            .iter()
            .filter(|c| c.at.row < stored_end && !hashes(c))
        {
            pairs.entry(c.at).or_default().0 = Some(c);
        }
        for c in derived_cells
            .iter()
            .filter(|c| c.at.row < derived_end && !hashes(c))
        {
            pairs.entry(c.at).or_default().1 = Some(c);
        }
        for (at, (s, d)) in pairs {
            let value = |c: Option<&WrittenCell>| c.map_or(Value::Empty, |c| c.value.clone());
            let (sv, dv) = (value(s), value(d));
            let agrees = if sv == dv {
                true
            } else if let (Some(s), Some(d)) = (s, d)
                && s.value == Value::Empty
                && s.formula.is_some()
                && strip(&s.formula) == strip(&d.formula)
            {
                out.unrecomputed += 1;
                true
            } else {
                false
            };
            if agrees {
                if matches!(dv, Value::Number(_)) && is_amount(name, at, headers.get(&at.col)) {
                    out.amounts += 1;
                }
            } else {
                out.differences.push(Difference::Cell {
                    sheet: name.clone(),
                    at: at.to_string(),
                    stored: shown(&sv),
                    derived: shown(&dv),
                });
            }
        }
    }
    out
}

fn strip(formula: &Option<String>) -> Option<&str> {
    formula.as_deref().map(|f| f.trim_start_matches('='))
}

/// A value as the difference shows it: an amount as a number, text in quotes.
fn shown(v: &Value) -> String {
    match v {
        Value::Empty => "(tom)".to_string(),
        Value::Number(d) => d.normalize().to_string(),
        other => format!("\"{}\"", other.display()),
    }
}

/// Whether a number in the consolidated workbook is an amount (tkr), rather than
/// a row number (`Initiativ`'s `Rad i …`), a year heading, or a count (`Källor`).
fn is_amount(sheet: &str, at: crate::location::CellRef, header: Option<&String>) -> bool {
    match sheet {
        labels::OUT_SOURCES | labels::OUT_CHECKS => false,
        labels::OUT_INITIATIVES => at.row > 0 && !header.is_some_and(|h| h.starts_with("Rad i")),
        // The year headings of the per-year sheets stand in their third row.
        labels::OUT_DEVELOPMENT | labels::OUT_MAINTENANCE => at.row != 2,
        labels::OUT_SUMMARY => true,
        _ => false,
    }
}
