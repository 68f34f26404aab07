//! One file end to end: bytes → grid → layout → parse → cross-sheet checks.
//! This is the unit `rayon` maps over, and `check` reuses it as is.
//!
//! It never panics outward: a panic inside the reader becomes an `internal-error`
//! finding for this file only, and the other files go on.

use crate::finding::{Finding, Kind, Severity, TooLarge};
use crate::grid::{self, Book, ReadError};
use crate::location::CellRef;
use crate::model::AreaPlan;
use crate::parse::{self, Sink};
use crate::validate;
use sha2::{Digest, Sha256};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

/// Whether a file's area made it into the consolidation, and if not, why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Included,
    /// A newer version of the same area was kept (`--latest-version`).
    Superseded,
    /// The file has findings of severity error (or was not read at all).
    Errors,
}

/// Everything learned from one input file.
#[derive(Debug)]
pub struct Loaded {
    /// The path as shown to people: relative to the input folder.
    pub file: String,
    pub path: PathBuf,
    pub sha256: Option<String>,
    pub findings: Vec<Finding>,
    pub plan: Option<AreaPlan>,
    /// The canonical area name (after configuration aliases), once known.
    pub area: Option<String>,
    pub area_cell: Option<CellRef>,
    pub budget_year_cell: Option<CellRef>,
    pub rows_read: usize,
    pub status: Status,
    /// The sheets as read, kept only for feedback copies.
    pub book: Option<Book>,
    /// The rows of the optional version table, in sheet order.
    pub versions: Vec<crate::versions::VersionEntry>,
}

impl Loaded {
    fn new(file: &str, path: &Path) -> Self {
        Loaded {
            file: file.to_string(),
            path: path.to_path_buf(),
            sha256: None,
            findings: Vec::new(),
            plan: None,
            area: None,
            area_cell: None,
            budget_year_cell: None,
            rows_read: 0,
            status: Status::Errors,
            book: None,
            versions: Vec::new(),
        }
    }

    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Error)
    }

    /// The distinct codes of this file's errors, sorted.
    pub fn error_codes(&self) -> Vec<&'static str> {
        let mut codes: Vec<&'static str> = self
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .map(|f| f.code().as_str())
            .collect();
        codes.sort_unstable();
        codes.dedup();
        codes
    }
}

/// Reads and checks one workbook. `file` is the name findings carry.
/// With `keep_grids`, the sheets read are kept for the feedback copy.
pub fn load(path: &Path, file: &str, keep_grids: bool) -> Loaded {
    match catch_unwind(AssertUnwindSafe(|| load_unguarded(path, file, keep_grids))) {
        Ok(loaded) => loaded,
        Err(panic) => {
            let detail = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "panic".to_string());
            let mut loaded = Loaded::new(file, path);
            loaded
                .findings
                .push(Finding::new(Kind::InternalError { detail }).in_file(file));
            loaded
        }
    }
}

fn load_unguarded(path: &Path, file: &str, keep_grids: bool) -> Loaded {
    failpoint(file);
    let mut loaded = Loaded::new(file, path);
    let fail =
        |loaded: &mut Loaded, kind: Kind| loaded.findings.push(Finding::new(kind).in_file(file));
    let unreadable = |loaded: &mut Loaded, e: std::io::Error| {
        fail(
            loaded,
            Kind::UnreadableFile(crate::finding::Unreadable::Io(e.to_string())),
        );
    };
    let mut handle = match std::fs::File::open(path) {
        Ok(handle) => handle,
        Err(e) => {
            unreadable(&mut loaded, e);
            return loaded;
        }
    };
    // The size from the open file, not the path: one lookup per file.
    let size = match handle.metadata() {
        Ok(meta) => meta.len(),
        Err(e) => {
            unreadable(&mut loaded, e);
            return loaded;
        }
    };
    if size > grid::MAX_PART_BYTES {
        fail(&mut loaded, Kind::TooLarge(TooLarge::File { bytes: size }));
        return loaded;
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    // At most one byte more than the limit, should the file grow while read.
    if let Err(e) = std::io::Read::read_to_end(
        &mut std::io::Read::take(&mut handle, grid::MAX_PART_BYTES + 1),
        &mut bytes,
    ) {
        unreadable(&mut loaded, e);
        return loaded;
    }
    if bytes.len() as u64 > grid::MAX_PART_BYTES {
        fail(
            &mut loaded,
            Kind::TooLarge(TooLarge::File {
                bytes: bytes.len() as u64,
            }),
        );
        return loaded;
    }
    load_bytes(&bytes, file, path, keep_grids)
}

/// The per-file pipeline on bytes already read: grid → locate → parse → validate.
/// It does not catch panics: [`load`] does that, and the fuzz target calls this
/// directly so that a panic is found.
pub fn load_bytes(bytes: &[u8], file: &str, path: &Path, keep_grids: bool) -> Loaded {
    let mut loaded = Loaded::new(file, path);
    let fail =
        |loaded: &mut Loaded, kind: Kind| loaded.findings.push(Finding::new(kind).in_file(file));
    loaded.sha256 = Some(hex(&Sha256::digest(bytes)));
    let book = match grid::read_book(bytes) {
        Ok(book) => book,
        Err(ReadError::Unreadable(why)) => {
            fail(&mut loaded, Kind::UnreadableFile(why));
            return loaded;
        }
        Err(ReadError::TooLarge(what)) => {
            fail(&mut loaded, Kind::TooLarge(what));
            return loaded;
        }
    };
    let mut sink = Sink::new(file);
    let parsed = parse::parse(&book, &mut sink);
    validate::area::check(&parsed, &mut sink);
    loaded.findings = sink.findings;
    if let Some(grid) = &book.versions {
        let field = parsed.meta.as_ref().map(|m| m.version.as_str());
        let (entries, findings) = crate::versions::read(grid, field, file);
        loaded.versions = entries;
        loaded.findings.extend(findings);
    }
    loaded.rows_read = parsed.rows_read;
    loaded.area_cell = parsed.area_cell;
    loaded.budget_year_cell = parsed.budget_year_cell;
    if let (Some(meta), Some(budget), Some(plan)) = (parsed.meta, parsed.budget, parsed.plan) {
        loaded.area = Some(meta.area.clone());
        loaded.plan = Some(AreaPlan { meta, budget, plan });
    }
    if keep_grids {
        loaded.book = Some(book);
    }
    loaded
}

/// Test-only failpoint (debug builds): `BUDGET_CONSOLIDATOR_FAILPOINT=panic:<file>`
/// panics while loading that file, to prove a panic stays inside one file.
#[cfg(debug_assertions)]
fn failpoint(file: &str) {
    if std::env::var("BUDGET_CONSOLIDATOR_FAILPOINT")
        .is_ok_and(|spec| spec.strip_prefix("panic:") == Some(file))
    {
        panic!("failpoint for {file}");
    }
}

#[cfg(not(debug_assertions))]
fn failpoint(_file: &str) {}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 15)]));
    }
    out
}
