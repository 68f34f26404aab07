//! Stage 7b: `report`. Renderers over the same findings and consolidation: the
//! terminal text ([`terminal`]) and the JSON report ([`json`]). The workbook's
//! `Kontroller` sheet is the third renderer, in `write/`.

pub mod json;
pub mod terminal;

use crate::finding::{Finding, Severity};

/// Counts of a run, for the one-line summary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub files: usize,
    pub areas: usize,
    pub included: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Counts {
    pub fn count_findings(mut self, findings: &[Finding]) -> Self {
        for f in findings {
            match f.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
            }
        }
        self
    }
}
