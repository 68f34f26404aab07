//! `budget-consolidator verify WORKBOOK [--input DIR]`: does a consolidated
//! workbook still follow from its inputs?
//!
//! Reads the workbook back (`grid::read_written_workbook`), takes from `Källor`
//! the files and their SHA-256 and the `Körning` block (program, input folder,
//! options, configuration), hashes the files again, repeats the consolidation with
//! the recorded settings into a temporary file, and compares every cell of every
//! sheet with the repeated one. Exit 0 when everything agrees, 1 on any
//! difference, 2 when the file is not a consolidation of ours.

use super::consolidate::{Redo, produce};
use super::{Outcome, Sheets, not_ours, read_back};
use crate::error::Error;
use crate::grid::{self, Value, WrittenCell};
use crate::labels::{self, audit as text};
use crate::lang::{self, Lang};
use crate::provenance::{RunRecord, sha256_hex};
use crate::settings::{Config, ConsolidateSettings, VerifySettings};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

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
        match self {
            Difference::FileChanged { file } => text::file_changed(file, lang),
            Difference::FileMissing { file, path } => text::file_missing(file, path, lang),
            Difference::FileNew { file } => text::file_new(file, lang),
            Difference::ConfigEdited => text::config_edited(lang),
            Difference::NoWorkbook { text } => text::no_workbook(text, lang),
            Difference::SheetMissing { sheet } => text::sheet_missing(sheet, lang),
            Difference::SheetExtra { sheet } => text::sheet_extra(sheet, lang),
            Difference::Cell {
                sheet,
                at,
                stored,
                derived,
            } => text::cell_differs(sheet, at, stored, derived, lang),
        }
    }
}

pub fn run(s: &VerifySettings, lang: Lang, _quiet: bool) -> Result<Outcome, Error> {
    let (stored, recorded) = read_consolidation(&s.workbook)?;
    let run = &recorded.run;
    let mut verdict = Verdict::default();
    if run.program != crate::provenance::this_program() {
        let this = crate::provenance::this_program();
        verdict
            .notes
            .push(text::other_program(&run.program, &this, lang));
    }
    if run.config.as_deref().map(sha256_hex) != run.config_sha256 {
        verdict.differences.push(Difference::ConfigEdited);
    }
    let (workbook_dir, input) = folders(s, run);
    verdict.files = recorded.files.len();
    verdict.unchanged = check_files(&recorded.files, &input, &mut verdict.differences);
    if input.is_dir()
        && let Some(derived) = repeat(run, &input, &workbook_dir, &mut verdict.differences)?
    {
        verdict.add_compared(compare(&stored, &derived), &recorded.files, lang);
    }
    print!("{}", verdict.text(&input, lang));
    Ok(Outcome {
        errors: !verdict.differences.is_empty(),
    })
}

/// The folder the workbook stands in, and the input folder: `--input`, else the
/// recorded one taken from the workbook's folder.
fn folders(s: &VerifySettings, run: &RunRecord) -> (PathBuf, PathBuf) {
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
    (workbook_dir, input)
}

/// What a verification found, in the order its report lists it.
#[derive(Debug, Default)]
struct Verdict {
    notes: Vec<String>,
    /// The differences listed (at most [`LISTED`] of the cells').
    differences: Vec<Difference>,
    /// The recorded files, and those of them unchanged.
    files: usize,
    unchanged: usize,
    /// Amounts that agree.
    amounts: usize,
    /// Cells that differ, listed or not.
    cells_differ: usize,
    /// The cells were compared (the consolidation could be repeated).
    compared_cells: bool,
}

impl Verdict {
    /// The repeated workbook's comparison with the stored one; `recorded`, the
    /// files `Källor` lists, against which the repeated run's new files are told.
    fn add_compared(&mut self, compared: Compared, recorded: &[(String, String)], lang: Lang) {
        self.compared_cells = true;
        self.amounts = compared.amounts;
        if compared.unrecomputed > 0 {
            self.notes
                .push(text::unrecomputed(compared.unrecomputed, lang));
        }
        if compared.changes_sheet {
            self.notes.push(text::changes_not_verified(lang));
        }
        let known: Vec<&str> = recorded.iter().map(|(f, _)| f.as_str()).collect();
        for file in compared.derived_files {
            if !known.contains(&file.as_str()) {
                self.differences.push(Difference::FileNew { file });
            }
        }
        self.cells_differ = compared.differences.len();
        self.differences
            .extend(compared.differences.into_iter().take(LISTED));
    }

    /// The report: notes and differences one a line, then the verdict, and a word on
    /// the input folder when there is none at `input` (it was moved).
    fn text(&self, input: &Path, lang: Lang) -> String {
        let mut out = String::new();
        let differences = self.differences.iter().map(|d| d.message(lang));
        for line in self.notes.iter().cloned().chain(differences) {
            out.push_str(&line);
            out.push('\n');
        }
        let unlisted = self.cells_differ.saturating_sub(LISTED);
        if unlisted > 0 {
            out.push_str(&text::more_cells(unlisted, lang));
        }
        let amounts_text = lang::amount(rust_decimal::Decimal::from(self.amounts), lang);
        if self.differences.is_empty() {
            let verified = text::verified(self.unchanged, self.amounts, &amounts_text, lang);
            out.push_str(&verified);
        } else {
            let tally = text::Tally {
                total: self.differences.len() - self.cells_differ.min(LISTED) + self.cells_differ,
                unchanged: self.unchanged,
                files: self.files,
                cells_differ: self.cells_differ,
                compared: self.compared_cells,
            };
            out.push_str(&text::not_verified(&tally, &amounts_text, lang));
            if !input.is_dir() {
                out.push_str(text::input_moved(lang));
            }
        }
        out
    }
}

/// The workbook's sheets and what its `Källor` recorded; an error when it is no
/// consolidation of ours.
fn read_consolidation(workbook: &Path) -> Result<(Sheets, Recorded), Error> {
    let stored = read_back(workbook)?;
    // Another of the tool's workbooks, or a template: said what it is.
    let has = |label: &str| stored.iter().any(|(name, _)| name == label);
    if has(labels::FOLLOW_UP_SUMMARY) {
        return Err(not_ours(workbook, text::FOLLOW_UP));
    }
    let names: Vec<String> = stored.iter().map(|(name, _)| name.clone()).collect();
    match crate::finding::FileKind::of_sheets(&names) {
        Some(crate::finding::FileKind::Plan) => return Err(not_ours(workbook, text::PLAN)),
        Some(crate::finding::FileKind::Forecast) => {
            return Err(not_ours(workbook, text::FORECAST));
        }
        _ => {}
    }
    let recorded = stored
        .iter()
        .find(|(name, _)| name == labels::OUT_SOURCES)
        .ok_or_else(|| not_ours(workbook, text::NO_SOURCES))
        .and_then(|(_, cells)| {
            read_recorded(cells).ok_or_else(|| not_ours(workbook, text::NO_RUN_BLOCK))
        })?;
    Ok((stored, recorded))
}

/// Hashes every recorded file again in `input`; the number unchanged, and a
/// difference for each changed or missing one.
fn check_files(
    files: &[(String, String)],
    input: &Path,
    differences: &mut Vec<Difference>,
) -> usize {
    let mut unchanged = 0;
    for (file, sha) in files {
        let path = input.join(file);
        match std::fs::read(&path) {
            Ok(bytes) => {
                let now = crate::provenance::sha256_of_bytes(&bytes);
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
    unchanged
}

/// The consolidation settings `run` recorded, over the inputs in `input`.
fn recorded_settings(
    run: &RunRecord,
    input: &Path,
    workbook_dir: &Path,
) -> Result<ConsolidateSettings, Error> {
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
        c.dir = input.to_path_buf();
        c
    });
    Ok(ConsolidateSettings {
        skip: config
            .as_ref()
            .map(Config::follow_up_paths)
            .unwrap_or_default(),
        input: input.to_path_buf(),
        out_dir: workbook_dir.to_path_buf(),
        config,
        partial: run.partial,
        latest_version: run.latest_version,
        json: None,
        feedback: None,
        config_text: run.config.clone(),
        previous: None,
        today: run.today.as_deref().and_then(crate::rounds::Date::parse),
    })
}

/// The consolidation repeated with the recorded settings into a scratch file and
/// read back; `None`, with the difference noted, when it writes no workbook.
fn repeat(
    run: &RunRecord,
    input: &Path,
    workbook_dir: &Path,
    differences: &mut Vec<Difference>,
) -> Result<Option<Sheets>, Error> {
    let settings = recorded_settings(run, input, workbook_dir)?;
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
    derived
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
    let headers = &labels::SOURCES_HEADERS;
    if text(0, 0)? != headers[0] || text(0, hash)? != headers[usize::try_from(hash).ok()?] {
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
        compare_sheet(name, stored_cells, derived_cells, &mut out);
    }
    out
}

/// The row where the `Körning` block of `Källor` starts; past the end elsewhere.
fn recipe_start(sheet: &str, cells: &[WrittenCell]) -> u32 {
    if sheet != labels::OUT_SOURCES {
        return u32::MAX;
    }
    cells
        .iter()
        .find(|c| c.at.col == 0 && c.value == Value::Text(labels::RUN_TITLE.into()))
        .map_or(u32::MAX, |c| c.at.row)
}

type CellPair<'c> = (Option<&'c WrittenCell>, Option<&'c WrittenCell>);

/// One sheet's cells, the stored against the repeated, into `out`.
fn compare_sheet(
    name: &str,
    stored_cells: &[WrittenCell],
    derived_cells: &[WrittenCell],
    out: &mut Compared,
) {
    let (stored_end, derived_end) = (
        recipe_start(name, stored_cells),
        recipe_start(name, derived_cells),
    );
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
    let mut pairs: BTreeMap<_, CellPair> = BTreeMap::new();
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
    for (at, pair) in pairs {
        compare_cell(name, at, pair, headers.get(&at.col), out);
    }
}

/// One cell, stored against repeated: an agreeing amount counted, a difference
/// listed.
fn compare_cell(
    name: &str,
    at: crate::location::CellRef,
    (s, d): CellPair,
    header: Option<&String>,
    out: &mut Compared,
) {
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
        if matches!(dv, Value::Number(_)) && is_amount(name, at, header) {
            out.amounts += 1;
        }
    } else {
        out.differences.push(Difference::Cell {
            sheet: name.to_string(),
            at: at.to_string(),
            stored: shown(&sv),
            derived: shown(&dv),
        });
    }
}

fn strip(formula: &Option<String>) -> Option<&str> {
    formula.as_deref().map(|f| f.trim_start_matches('='))
}

/// A value as the difference shows it: an amount as a number, text in quotes.
fn shown(v: &Value) -> String {
    match v {
        Value::Empty => text::EMPTY_CELL.to_string(),
        Value::Number(d) => d.normalize().to_string(),
        other => format!("\"{}\"", other.display()),
    }
}

/// Whether a number in the consolidated workbook is an amount (tkr), rather than
/// a row number (`Initiativ`'s `Rad i …`), a year heading, or a count (`Källor`).
fn is_amount(sheet: &str, at: crate::location::CellRef, header: Option<&String>) -> bool {
    match sheet {
        labels::OUT_SOURCES | labels::OUT_CHECKS => false,
        labels::OUT_INITIATIVES => {
            at.row > 0 && !header.is_some_and(|h| h.starts_with(text::ROW_IN))
        }
        // The year headings of the per-year sheets stand in their third row.
        labels::OUT_DEVELOPMENT | labels::OUT_MAINTENANCE => at.row != 2,
        labels::OUT_SUMMARY => true,
        _ => false,
    }
}
