//! Stage 1: `discover`. An input folder → its workbook files, sorted, with a
//! `not-a-workbook` finding for every other file. Excel lock files (`~$…`) and dot
//! files are ignored silently; `budget.toml` is the configuration, not input.

use crate::error::Error;
use crate::finding::{Finding, Kind};
use crate::settings::CONFIG_FILE;
use std::path::{Path, PathBuf};
use unicode_normalization::UnicodeNormalization;

pub const WORKBOOK_EXTENSIONS: [&str; 5] = ["xlsx", "xlsm", "xlsb", "xls", "ods"];

/// One input workbook: where it is and the name findings give it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    pub path: PathBuf,
    /// Path relative to the input folder, `/`-separated, as on disk.
    pub name: String,
}

#[derive(Debug, Default)]
pub struct Discovered {
    pub workbooks: Vec<Input>,
    pub skipped: Vec<Finding>,
}

pub fn is_workbook(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| WORKBOOK_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

fn ignored(name: &str) -> bool {
    name.starts_with("~$") || name.starts_with('.')
}

/// Lists the folder (and its subfolders), sorted by relative name so that the
/// order on disk never changes the result.
/// `skip`: folders and files not to read (the follow-up's inputs, and the output).
pub fn discover(dir: &Path, skip: &[PathBuf]) -> Result<Discovered, Error> {
    let mut found = Discovered::default();
    walk(dir, dir, skip, &mut found)?;
    // Sorted by the NFC form, so the order does not depend on how the file system
    // normalises names; the names themselves stay as they are on disk.
    found
        .workbooks
        .sort_by_cached_key(|w| (w.name.nfc().collect::<String>(), w.name.clone()));
    found.skipped.sort_by(|a, b| a.file.cmp(&b.file));
    if found.workbooks.is_empty() {
        return Err(Error::NoWorkbooks {
            path: dir.to_path_buf(),
        });
    }
    Ok(found)
}

fn walk(root: &Path, dir: &Path, skip: &[PathBuf], found: &mut Discovered) -> Result<(), Error> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::InputFolder {
        path: dir.to_path_buf(),
        reason: e.to_string(),
    })?;
    for entry in entries {
        let entry = entry.map_err(|e| Error::InputFolder {
            path: dir.to_path_buf(),
            reason: e.to_string(),
        })?;
        let path = entry.path();
        let file_name = entry
            .file_name()
            .to_string_lossy()
            .nfc()
            .collect::<String>();
        if ignored(&file_name) || skip.iter().any(|s| same_file(s, &path)) {
            continue;
        }
        let name = relative_name(root, &path);
        // The entry's type comes with the directory listing; only a symbolic link
        // needs a look at what it points to.
        let is_dir = match entry.file_type() {
            Ok(t) if !t.is_symlink() => t.is_dir(),
            _ => path.is_dir(),
        };
        if is_dir {
            walk(root, &path, skip, found)?;
        } else if is_workbook(&path) {
            found.workbooks.push(Input { path, name });
        } else if !(dir == root && file_name == CONFIG_FILE) {
            let extension = path
                .extension()
                .map(|e| e.to_string_lossy().into_owned())
                .unwrap_or_default();
            found.skipped.push(
                Finding::new(Kind::NotAWorkbook {
                    extension: format!(".{extension}"),
                })
                .in_file(name),
            );
        }
    }
    Ok(())
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

fn relative_name(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.join("/")
}
