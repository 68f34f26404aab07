//! Stage: beside `parse`. The optional version table (sheet `Versioner`: Datum,
//! Version, Beskrivning, Ändrat av), one row per version of the plan, as the
//! service plan keeps it. Takes the sheet's grid and the `Version` field; returns
//! the entries in sheet order and, when the last one names another version than
//! the field, a `version-mismatch` warning at that cell. A file without the sheet
//! has no entries and no finding: the table is optional.
//!
//! The table has a sheet of its own rather than rows below `Budgetfördelning`'s
//! table: the budget reader then never meets rows that are not initiatives, and
//! columns added to the budget table cannot collide with it.

use crate::finding::{Finding, Kind};
use crate::grid::{Grid, Value};
use crate::labels;
use crate::location::CellRef;
use crate::model::compare_versions;

/// One row of the version table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionEntry {
    pub date: String,
    pub version: String,
    pub description: String,
    pub author: String,
    /// The `Version` cell of the row.
    pub cell: CellRef,
}

impl VersionEntry {
    /// `2023-03-15 · 2.0 · Reviderad budget · Anna Berg`, the parts that are filled in.
    pub fn summary(&self) -> String {
        [&self.date, &self.version, &self.description, &self.author]
            .iter()
            .filter(|p| !p.is_empty())
            .map(|p| p.as_str())
            .collect::<Vec<_>>()
            .join(" · ")
    }
}

/// The entries of the table (rows below its header with a version), and the
/// finding when the last one disagrees with `field` (the `Version` field).
pub fn read(grid: &Grid, field: Option<&str>, file: &str) -> (Vec<VersionEntry>, Vec<Finding>) {
    let labels_in_order = [
        labels::VERSIONS_DATE,
        labels::VERSIONS_VERSION,
        labels::VERSIONS_DESCRIPTION,
        labels::VERSIONS_AUTHOR,
    ];
    // The header row: the first row holding the `Version` label and one more.
    let header = grid.rows().find_map(|(row, cells)| {
        let col_of = |label: &str| {
            cells
                .iter()
                .find(|c| matches!(&c.value, Value::Text(t) if labels::matches(t, label)))
                .map(|c| c.at.col)
        };
        let cols: Vec<Option<u32>> = labels_in_order.iter().map(|l| col_of(l)).collect();
        let found = cols.iter().filter(|c| c.is_some()).count();
        (cols[1].is_some() && found >= 2).then_some((row, cols))
    });
    let Some((header_row, cols)) = header else {
        return (Vec::new(), Vec::new());
    };
    let text = |row: u32, col: Option<u32>| -> String {
        col.map(|c| grid.value(CellRef::new(row, c)))
            .map(|v| match v {
                Value::Date(d) => d.split('T').next().unwrap_or(d).to_string(),
                other => other.display().trim().to_string(),
            })
            .unwrap_or_default()
    };
    let version_col = cols[1].unwrap_or(0);
    let mut entries: Vec<VersionEntry> = grid
        .rows()
        .filter(|(row, _)| *row > header_row)
        .filter_map(|(row, _)| {
            let version = text(row, cols[1]);
            (!version.is_empty()).then(|| VersionEntry {
                date: text(row, cols[0]),
                version,
                description: text(row, cols[2]),
                author: text(row, cols[3]),
                cell: CellRef::new(row, version_col),
            })
        })
        .collect();
    // Kept with the file to the end of the run: no spare room.
    entries.shrink_to_fit();
    let mut findings = Vec::new();
    if let (Some(last), Some(field)) = (entries.last(), field)
        && compare_versions(&last.version, field).is_ne()
    {
        findings.push(
            Finding::new(Kind::VersionMismatch {
                table: last.version.clone(),
                field: field.to_string(),
            })
            .in_file(file)
            .at(&grid.name, Some(last.cell)),
        );
    }
    (entries, findings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grid::Cell;

    fn grid(rows: &[(u32, [&str; 4])]) -> Grid {
        let mut cells = Vec::new();
        for (row, texts) in rows {
            for (col, t) in (0u32..).zip(texts) {
                if !t.is_empty() {
                    cells.push(Cell {
                        at: CellRef::new(*row, col),
                        value: Value::Text((*t).to_string()),
                        formula: false,
                    });
                }
            }
        }
        Grid::from_cells("Versioner", cells)
    }

    #[test]
    fn the_last_row_is_compared_with_the_version_field() {
        let g = grid(&[
            (0, ["Versionshistorik", "", "", ""]),
            (3, ["Datum", "Version", "Beskrivning", "Ändrat av"]),
            (4, ["2022-11-01", "1.0", "Första versionen", "Anna"]),
            (5, ["2023-02-15", "2.0", "Reviderad budget", ""]),
        ]);
        let (entries, findings) = read(&g, Some("2.0"), "IT.xlsx");
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[1].summary(), "2023-02-15 · 2.0 · Reviderad budget");
        assert!(findings.is_empty());
        let (_, findings) = read(&g, Some("2.1"), "IT.xlsx");
        assert_eq!(findings.len(), 1);
        assert_eq!(
            format!(
                "{}: {}",
                findings[0].place(crate::lang::Lang::Sv),
                findings[0].message(crate::lang::Lang::Sv)
            ),
            "IT.xlsx › Versioner › B6: Versionstabellens sista rad har version ”2.0”, men fältet Version på bladet Budgetfördelning säger ”2.1”. Lägg till en rad för version ”2.1” i tabellen, eller rätta fältet Version."
        );
        // 2 and 2.0 are the same version.
        assert!(read(&g, Some("2"), "IT.xlsx").1.is_empty());
    }

    #[test]
    fn a_sheet_without_the_header_has_no_entries() {
        let g = grid(&[(0, ["Anteckningar", "", "", ""]), (1, ["x", "y", "", ""])]);
        assert_eq!(read(&g, Some("1.0"), "a.xlsx"), (Vec::new(), Vec::new()));
    }
}
