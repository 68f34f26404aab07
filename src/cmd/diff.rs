//! `budget-consolidator diff OLD NEW`: what changed between two versions — two
//! workbooks of one area, two input folders, or two consolidated workbooks. Reads
//! templates as `check` does (`load`), a consolidation from its `Initiativ` sheet,
//! makes a snapshot of each area and prints `changes::compare`'s list.
//! Area names follow the configuration (`budget.toml`) beside NEW, else beside
//! OLD, when there is one; in a folder with several files of one area, the
//! highest version is compared. Exit 0, or 1 when a file could not be read.

use super::Outcome;
use crate::changes::{self, AreaSnapshot, Snapshot};
use crate::error::Error;
use crate::labels;
use crate::lang::Lang;
use crate::load::Loaded;
use crate::model::compare_versions;
use crate::settings::{CONFIG_FILE, Config, DiffSettings};
use std::path::{Path, PathBuf};

pub fn run(s: &DiffSettings, lang: Lang) -> Result<Outcome, Error> {
    let folder_of = |p: &Path| -> PathBuf {
        if p.is_dir() {
            p.to_path_buf()
        } else {
            p.parent().map(Path::to_path_buf).unwrap_or_default()
        }
    };
    let config = [&s.new, &s.old]
        .iter()
        .map(|p| folder_of(p).join(CONFIG_FILE))
        .find(|c| c.is_file())
        .map(|c| Config::load(&c))
        .transpose()?;
    let mut out = String::new();
    let mut unreadable = false;
    let mut side = |path: &Path| -> Result<Snapshot, Error> {
        let files = if path.is_dir() {
            let found = crate::discover::discover(path, &[])?;
            let inputs: Vec<(PathBuf, String)> = found
                .workbooks
                .iter()
                .map(|w| (w.path.clone(), w.name.clone()))
                .collect();
            super::load_all(&inputs, false, true)
        } else if let Some(snapshot) = consolidation(path) {
            return Ok(snapshot);
        } else {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            vec![crate::load::load(path, &name, false)]
        };
        let (snapshot, notes) = snapshot(&files, config.as_ref(), lang);
        unreadable |= !notes.is_empty();
        for note in notes {
            out.push_str(&note);
            out.push('\n');
        }
        Ok(snapshot)
    };
    let old = side(&s.old)?;
    let new = side(&s.new)?;
    out.push_str(&changes::render(&changes::compare(&old, &new), lang));
    print!("{out}");
    Ok(Outcome { errors: unreadable })
}

/// A consolidated workbook (one `consolidate` wrote: it has `Initiativ` and
/// `Källor`) as a snapshot of its areas, from its `Initiativ` sheet; `None` for
/// any other file, which is then read as an area's template.
fn consolidation(path: &Path) -> Option<Snapshot> {
    let bytes = std::fs::read(path).ok()?;
    let sheets = crate::grid::read_written_workbook(&bytes).ok()?;
    if !sheets.iter().any(|(n, _)| n == crate::labels::OUT_SOURCES) {
        return None;
    }
    // The budget year stands in the summary's subtitle, `Budgetår 2023 · belopp i tkr`.
    let budget_year = sheets
        .iter()
        .find(|(n, _)| n == crate::labels::OUT_SUMMARY)
        .and_then(|(_, cells)| {
            cells.iter().find_map(|c| {
                let text = c.value.display();
                let rest = text.strip_prefix(crate::labels::META_BUDGET_YEAR)?;
                rest.split_whitespace().next()?.parse::<i32>().ok()
            })
        });
    let (_, cells) = sheets
        .into_iter()
        .find(|(n, _)| n == crate::labels::OUT_INITIATIVES)?;
    changes::snapshot_from_initiatives(&cells, budget_year)
}

/// The areas of one side, by their configured names, the highest version of each;
/// and a note for every file that could not be read as a plan.
fn snapshot(files: &[Loaded], config: Option<&Config>, lang: Lang) -> (Snapshot, Vec<String>) {
    let mut notes = Vec::new();
    let mut areas: Vec<(AreaSnapshot, String)> = Vec::new();
    for f in files {
        let Some(plan) = &f.plan else {
            let codes = f.error_codes().join(", ");
            notes.push(labels::terminal::not_a_template(&f.file, &codes, lang));
            continue;
        };
        let area = config
            .and_then(|c| c.area_for(&plan.meta.area))
            .map_or_else(|| plan.meta.area.clone(), |a| a.name.clone());
        let snap = changes::area_snapshot(&area, plan);
        let key = crate::labels::normalize(&area);
        match areas
            .iter_mut()
            .find(|(a, _)| crate::labels::normalize(&a.area) == key)
        {
            Some(kept) if compare_versions(&snap.version, &kept.0.version).is_gt() => {
                *kept = (snap, f.file.clone());
            }
            Some(_) => {}
            None => areas.push((snap, f.file.clone())),
        }
    }
    let position = |area: &str| {
        config
            .and_then(|c| c.areas.iter().position(|a| a.name == area))
            .unwrap_or(usize::MAX)
    };
    areas.sort_by(|a, b| {
        (
            position(&a.0.area),
            crate::consolidate::swedish_key(&a.0.area),
        )
            .cmp(&(
                position(&b.0.area),
                crate::consolidate::swedish_key(&b.0.area),
            ))
    });
    (
        Snapshot {
            areas: areas.into_iter().map(|(a, _)| a).collect(),
        },
        notes,
    )
}
