//! Stage 7b: `report`. Renderers over the same findings and consolidation: the
//! terminal text ([`terminal`]) and the JSON report ([`json`]). The workbook's
//! `Kontroller` sheet is the third renderer, in `write/`.

pub mod follow_up;
pub mod json;
pub mod table;
pub mod terminal;

use crate::consolidate::Consolidation;
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
    /// The counts of a run: its files, the consolidation's areas, and the findings
    /// by severity.
    pub fn of(files: usize, cons: &Consolidation<'_>, findings: &[Finding]) -> Self {
        Counts {
            files,
            // Two files for one area are one area.
            areas: cons
                .areas
                .iter()
                .map(|a| crate::labels::normalize(&a.area))
                .collect::<std::collections::BTreeSet<_>>()
                .len(),
            included: cons.included().count(),
            ..Counts::default()
        }
        .count_findings(findings)
    }

    fn count_findings(mut self, findings: &[Finding]) -> Self {
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
