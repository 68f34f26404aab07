//! Stage 7b: `report`. Renderers over the same findings and consolidation: the
//! terminal text ([`terminal`]) and the JSON report ([`json`]). The workbook's
//! `Kontroller` sheet is the third renderer, in `write/`.

pub mod follow_up;
pub mod json;
pub mod table;
pub mod terminal;

use crate::consolidate::Consolidation;
use crate::finding::{Finding, Severity};
use crate::loaded::Loaded;

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
    /// The counts of a run: its files, the areas they name (also a file whose
    /// tables could not be read names its area), and the findings by severity.
    pub fn of(files: &[Loaded], cons: &Consolidation<'_>, findings: &[Finding]) -> Self {
        Counts {
            files: files.len(),
            // Two files for one area are one area.
            areas: files
                .iter()
                .filter_map(|f| f.area.as_deref())
                .chain(cons.areas.iter().map(|a| a.area.as_str()))
                .map(crate::labels::normalize)
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
