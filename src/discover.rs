//! Stage 1: `discover`. An input folder → its workbook files, sorted, with a
//! `not-a-workbook` finding for every other file (a warning, but an info for a
//! document no spreadsheet program saves a sheet as, such as a `README.md`). Excel
//! lock files (`~$…`) and dot files are ignored silently; `budget.toml` is the
//! configuration, not input. `check` asks [`not_read`] about the files it is given.
//!
//! The walk (`walkdir`) follows links to files and folders, wherever they lead,
//! and reads every file once: a file reached by two paths (a link beside its
//! target, or a folder link) is listed under the path without a link, else under
//! the first name in sorted order. A folder link that leads back into a folder it
//! is inside (`loop -> .`) is not followed; it is a warning naming the link. An
//! entry that is not a regular file (a FIFO, socket or device) is never opened: with
//! a workbook's extension it is `unreadable-file`.

use crate::error::Error;
use crate::finding::{Finding, Kind, Special, Unreadable};
use crate::labels::CONFIG_FILE;
use std::collections::HashSet;
use std::fs::{FileType, Metadata};
use std::path::{Path, PathBuf};
use unicode_normalization::UnicodeNormalization;
use walkdir::WalkDir;

pub const WORKBOOK_EXTENSIONS: [&str; 5] = ["xlsx", "xlsm", "xlsb", "xls", "ods"];

/// Documents that go with the templates (notes, instructions) and that no
/// spreadsheet program saves a sheet as: skipped as an info. Everything else that
/// is not a workbook may be a template saved wrongly (`.csv`, `.txt` and `.pdf`,
/// which Excel saves a sheet as, `.numbers`, `.xlsx~`) and stays a warning.
pub const DOCUMENT_EXTENSIONS: [&str; 6] = ["md", "markdown", "doc", "docx", "odt", "rtf"];

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

/// Why a file is not read as a workbook, by its name: `None` when its extension is
/// a workbook's. The one rule for the files `consolidate` finds and those `check`
/// is given.
pub fn not_read(path: &Path, name: &str) -> Option<Finding> {
    (!is_workbook(path)).then(|| not_a_workbook(path, name))
}

fn ignored(name: &str) -> bool {
    name.starts_with("~$") || name.starts_with('.')
}

/// What a non-regular file is, from its type.
pub fn special(file_type: &FileType) -> Special {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return Special::Fifo;
        }
        if file_type.is_socket() {
            return Special::Socket;
        }
        if file_type.is_block_device() || file_type.is_char_device() {
            return Special::Device;
        }
    }
    let _ = file_type;
    Special::Other
}

/// Which file an entry is, whatever path reached it.
#[cfg(unix)]
type FileId = (u64, u64);
#[cfg(not(unix))]
type FileId = PathBuf;

#[cfg(unix)]
fn file_id(meta: &Metadata, _path: &Path) -> Option<FileId> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn file_id(_meta: &Metadata, path: &Path) -> Option<FileId> {
    path.canonicalize().ok()
}

/// One entry found by the walk, before duplicates are dropped.
struct Entry {
    name: String,
    id: Option<FileId>,
    /// Reached through a link (the entry itself or a folder above it).
    via_link: bool,
    what: What,
}

enum What {
    Workbook(PathBuf),
    Skipped(Finding),
}

/// Lists the folder (and its subfolders), sorted by relative name so that the
/// order on disk never changes the result. Folders (or files) in `skip` are left
/// out, however they are reached.
pub fn discover(dir: &Path, skip: &[PathBuf]) -> Result<Discovered, Error> {
    let skip: HashSet<FileId> = skip
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok().and_then(|m| file_id(&m, p)))
        .collect();
    let mut found = Discovered::default();
    for entry in once_each(walk(dir, &skip)?) {
        match entry.what {
            What::Workbook(path) => found.workbooks.push(Input {
                path,
                name: entry.name,
            }),
            What::Skipped(finding) => found.skipped.push(finding),
        }
    }
    // Sorted by the NFC form, so the order does not depend on how the file system
    // normalises names; the names themselves stay as they are on disk.
    found
        .workbooks
        .sort_by_cached_key(|w| (w.name.nfc().collect::<String>(), w.name.clone()));
    found.skipped.sort_by(|a, b| a.file.cmp(&b.file));
    if found.workbooks.is_empty() {
        // Workbooks whose extension was lost are no workbooks to the run, but the
        // error names them with the name to give them.
        let renames = found
            .skipped
            .iter()
            .filter_map(|f| match (&f.file, &f.kind) {
                (
                    Some(file),
                    Kind::NotAWorkbook {
                        rename_to: Some(to),
                        ..
                    },
                ) => Some((file.clone(), to.clone())),
                _ => None,
            })
            .collect();
        return Err(Error::NoWorkbooks {
            path: dir.to_path_buf(),
            renames,
        });
    }
    Ok(found)
}

/// Every file below `dir`, but those ignored or in `skip`, each with what it is.
fn walk(dir: &Path, skip: &HashSet<FileId>) -> Result<Vec<Entry>, Error> {
    let mut entries = Vec::new();
    // Folders reached through a link: what is below them is too.
    let mut linked: HashSet<PathBuf> = HashSet::new();
    let walk = WalkDir::new(dir)
        .follow_links(true)
        .min_depth(1)
        .into_iter()
        .filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            !ignored(&name.nfc().collect::<String>())
                && (skip.is_empty()
                    || !e
                        .metadata()
                        .ok()
                        .and_then(|m| file_id(&m, e.path()))
                        .is_some_and(|id| skip.contains(&id)))
        });
    for item in walk {
        let entry = match item {
            Ok(entry) => entry,
            Err(e) => {
                entries.push(walk_error(dir, e, &linked)?);
                continue;
            }
        };
        let path = entry.path();
        let via_link = entry.path_is_symlink() || path.parent().is_some_and(|p| linked.contains(p));
        if entry.file_type().is_dir() {
            if via_link {
                linked.insert(path.to_path_buf());
            }
            continue;
        }
        let name = relative_name(dir, path);
        let Some(what) = what_is(&entry, &name) else {
            continue;
        };
        entries.push(Entry {
            id: entry.metadata().ok().and_then(|m| file_id(&m, path)),
            name,
            via_link,
            what,
        });
    }
    Ok(entries)
}

/// What a file found is: a workbook, or skipped with a finding; `None` for the
/// configuration beside the templates.
fn what_is(entry: &walkdir::DirEntry, name: &str) -> Option<What> {
    let path = entry.path();
    let file_type = entry.file_type();
    if entry.depth() == 1 && file_type.is_file() && entry.file_name() == CONFIG_FILE {
        return None;
    }
    Some(match not_read(path, name) {
        Some(finding) => What::Skipped(finding),
        None if !file_type.is_file() => What::Skipped(
            Finding::new(Kind::UnreadableFile(Unreadable::NotRegularFile(special(
                &file_type,
            ))))
            .in_file(name.to_string()),
        ),
        None => What::Workbook(path.to_path_buf()),
    })
}

/// Keeps one entry per file: the one reached without a link, else the first name.
fn once_each(mut entries: Vec<Entry>) -> Vec<Entry> {
    entries.sort_by(|a, b| (a.via_link, &a.name).cmp(&(b.via_link, &b.name)));
    let mut seen: HashSet<FileId> = HashSet::new();
    // Entries that cannot be told apart (no identity) are all kept.
    entries.retain_mut(|e| e.id.take().is_none_or(|id| seen.insert(id)));
    entries
}

/// A link loop is a warning naming the link; a link to nothing with a workbook's
/// name is an unreadable file; a folder that cannot be listed stops the run.
fn walk_error(root: &Path, e: walkdir::Error, linked: &HashSet<PathBuf>) -> Result<Entry, Error> {
    let path = e.path().unwrap_or(root).to_path_buf();
    let name = relative_name(root, &path);
    // The link itself is one; reached through another link or not.
    let via_link = path.parent().is_some_and(|p| linked.contains(p));
    let own_id = std::fs::symlink_metadata(&path)
        .ok()
        .and_then(|m| file_id(&m, &path));
    if let Some(ancestor) = e.loop_ancestor() {
        let finding = Finding::new(Kind::FolderLoop {
            link: name.clone(),
            target: relative_name(root, ancestor),
        })
        .in_file(name.clone());
        return Ok(Entry {
            name,
            id: own_id,
            via_link,
            what: What::Skipped(finding),
        });
    }
    let is_link = std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink());
    if is_link && e.depth() > 0 {
        let finding = not_read(&path, &name).unwrap_or_else(|| {
            Finding::new(Kind::UnreadableFile(Unreadable::NotRegularFile(
                Special::BrokenLink,
            )))
            .in_file(name.clone())
        });
        return Ok(Entry {
            name,
            id: own_id,
            via_link,
            what: What::Skipped(finding),
        });
    }
    let text = e
        .io_error()
        .map_or_else(|| e.to_string(), ToString::to_string);
    Err(Error::InputFolder {
        path,
        // The operating system's error, kept as the source when there is one.
        reason: match e.into_io_error() {
            Some(io) => io.into(),
            None => text.into(),
        },
    })
}

/// The note for a document (a `DOCUMENT_EXTENSIONS` file) found in a folder of
/// inputs, which is skipped: the plan's folder and the follow-up's folders of
/// actuals and forecasts alike. `None` for any other file.
pub fn document_note(path: &Path, name: &str) -> Option<Finding> {
    let extension = path.extension()?.to_string_lossy().to_ascii_lowercase();
    DOCUMENT_EXTENSIONS
        .contains(&extension.as_str())
        .then(|| not_a_workbook(path, name))
}

fn not_a_workbook(path: &Path, name: &str) -> Finding {
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().into_owned())
        .unwrap_or_default();
    let document = DOCUMENT_EXTENSIONS.contains(&extension.to_ascii_lowercase().as_str());
    // A name without an extension (`HR`, or `HR.`) may be a workbook whose
    // extension was lost, as mail programs and renaming by hand do.
    let rename_to = if extension.is_empty() {
        excel_content(path).and_then(|ext| {
            let stem = path.file_name()?.to_string_lossy();
            Some(format!("{}.{ext}", stem.trim_end_matches('.')))
        })
    } else {
        None
    };
    Finding::new(Kind::NotAWorkbook {
        extension: if extension.is_empty() {
            String::new()
        } else {
            format!(".{extension}")
        },
        document,
        rename_to,
    })
    .in_file(name)
}

/// The extension an Excel workbook's content calls for, told from its bytes:
/// `xlsx` for a zip holding `xl/workbook.xml` (only its directory is read), `xls`
/// for a compound file holding a workbook stream (not a Word `.doc` or an Outlook
/// `.msg`, the same container). `None` for anything else, and for what is no
/// regular file (a FIFO is never opened).
fn excel_content(path: &Path) -> Option<&'static str> {
    use std::io::Read;
    let meta = std::fs::metadata(path).ok().filter(|m| m.is_file())?;
    let mut file = std::fs::File::open(path).ok()?;
    let mut head = [0u8; 8];
    file.read_exact(&mut head).ok()?;
    if head == crate::grid::CFB_MAGIC {
        // The directory lies anywhere in the file: read it whole, within the
        // reader's bound for a file.
        if meta.len() > crate::grid::MAX_PART_BYTES {
            return None;
        }
        let bytes = std::fs::read(path).ok()?;
        return crate::grid::is_compound_workbook(&bytes).then_some("xls");
    }
    if !head.starts_with(b"PK") {
        return None;
    }
    // Only the zip's directory is read, not its parts.
    let zip = zip::ZipArchive::new(std::fs::File::open(path).ok()?).ok()?;
    zip.file_names()
        .flatten()
        .any(|n| n.replace('\\', "/").eq_ignore_ascii_case("xl/workbook.xml"))
        .then_some("xlsx")
}

fn relative_name(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_to_skip_are_left_out_however_they_are_reached() {
        let dir = tempfile::tempdir().expect("tmp");
        let root = dir.path();
        for folder in ["uppfoljning/jan", "uppfoljning/feb", "hr"] {
            std::fs::create_dir_all(root.join(folder)).expect("dir");
        }
        for file in [
            "a.xlsx",
            "hr/HR.xlsx",
            "uppfoljning/jan/x.xlsx",
            "uppfoljning/feb/y.xlsx",
        ] {
            std::fs::write(root.join(file), b"").expect("file");
        }
        #[cfg(unix)]
        std::os::unix::fs::symlink("uppfoljning/jan", root.join("jan-länk")).expect("link");
        let skip = [root.join("uppfoljning/jan"), root.join("uppfoljning/feb")];
        let found = discover(root, &skip).expect("workbooks");
        let names: Vec<&str> = found.workbooks.iter().map(|w| w.name.as_str()).collect();
        assert_eq!(names, ["a.xlsx", "hr/HR.xlsx"]);
        assert!(found.skipped.is_empty(), "{:?}", found.skipped);
        let all = discover(root, &[]).expect("workbooks");
        assert_eq!(all.workbooks.len(), 4, "the link to jan is the same folder");
    }
}
