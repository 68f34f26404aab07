//! What one input file yielded — its findings, its plan, its area — and whether
//! that area is included ([`Status`]). `load` fills it in per file; `validate`
//! decides its status across the run; the writers and reports read it.

use crate::finding::{Finding, Severity};
use crate::grid::Book;
use crate::location::CellRef;
use crate::model::AreaPlan;
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
    /// The sheets as read, kept only for feedback copies. Boxed: a run keeps
    /// every file's `Loaded` to the end, and most have no book.
    pub book: Option<Box<Book>>,
    /// The rows of the optional version table, in sheet order.
    pub versions: Vec<crate::versions::VersionEntry>,
}

impl Loaded {
    pub(crate) fn new(file: &str, path: &Path) -> Self {
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
