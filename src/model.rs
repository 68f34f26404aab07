//! The typed domain, shared by `parse`, `validate`, `consolidate` and the writers.
//! Amounts are `Decimal` (tkr). No I/O, no serde, no spreadsheet library here.

use crate::location::CellRef;
use rust_decimal::Decimal;
use std::cmp::Ordering;
use std::collections::HashMap;

/// The metadata block above the budget table, once every required field is valid.
#[derive(Debug, Clone, PartialEq)]
pub struct Metadata {
    /// The area as written in the file (`Tjänsteområde`).
    pub area: String,
    pub version: String,
    pub budget_year: i32,
    pub date: Option<String>,
    pub lead: Option<String>,
}

/// One initiative of `Budgetfördelning`.
#[derive(Debug, Clone, PartialEq)]
pub struct BudgetRow {
    pub name: String,
    /// [`crate::labels::initiative_key`] of `name`.
    pub key: String,
    pub name_cell: CellRef,
    pub amount_cell: CellRef,
    pub new: Decimal,
    pub existing: Decimal,
    pub amount: Decimal,
    /// `amount` = `new` + `existing`. When not, the row is reported once
    /// (`row-sum-mismatch`) and left out of the checks that build on its amount.
    pub sum_ok: bool,
    /// Project codes from the optional `Projekt` column, as written (trimmed);
    /// empty when the column or the cell is empty.
    pub projects: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct BudgetTable {
    pub rows: Vec<BudgetRow>,
    /// Column sums over every data row whose amounts could be read (also rows
    /// that are not initiatives, such as a row without a name).
    pub sum_new: Decimal,
    pub sum_existing: Decimal,
    pub sum_amount: Decimal,
    /// The `Summa` row's `Belopp` cell, when the row exists.
    pub total_cell: Option<CellRef>,
    /// False when some amount could not be read, so sums are not comparable.
    pub complete: bool,
    /// Keys of initiatives whose row was named in a finding because an amount
    /// could not be read: present in the sheet, but not in `rows`.
    pub unread: Vec<String>,
    /// A column sum went beyond any plausible budget (reported once).
    pub sum_too_large: bool,
    /// The sheet's name as written in the file (matched forgivingly), for links.
    pub sheet: String,
}

/// One initiative of `Utvecklingsinitiativ`, amounts per plan year.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanRow {
    pub name: String,
    pub key: String,
    pub name_cell: CellRef,
    pub development: Vec<Decimal>,
    pub maintenance: Vec<Decimal>,
    /// `Liten`, `Mellan` or `Stor`, when assessed.
    pub impact: Option<&'static str>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct PlanTable {
    pub years: Vec<i32>,
    /// The development column of each plan year (0-based), for findings.
    pub development_cols: Vec<u32>,
    pub rows: Vec<PlanRow>,
    pub sum_development: Vec<Decimal>,
    pub sum_maintenance: Vec<Decimal>,
    pub complete: bool,
    /// As [`BudgetTable::unread`].
    pub unread: Vec<String>,
    /// As [`BudgetTable::sum_too_large`].
    pub sum_too_large: bool,
    /// As [`BudgetTable::sheet`].
    pub sheet: String,
}

impl PlanTable {
    pub fn year_index(&self, year: i32) -> Option<usize> {
        self.years.iter().position(|y| *y == year)
    }
}

/// A row of either sheet, matched across the sheets by its initiative key.
pub trait Keyed {
    fn key(&self) -> &str;
}

impl Keyed for BudgetRow {
    fn key(&self) -> &str {
        &self.key
    }
}

impl Keyed for PlanRow {
    fn key(&self) -> &str {
        &self.key
    }
}

/// Each row's position by its key. Keys are unique within a sheet (a duplicate is
/// reported and left out of the table), and a map keeps a join linear.
pub fn index_by_key<T: Keyed>(rows: &[T]) -> HashMap<&str, usize> {
    rows.iter().enumerate().map(|(i, r)| (r.key(), i)).collect()
}

/// Everything one area's file says, once it could be read.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaPlan {
    pub meta: Metadata,
    pub budget: BudgetTable,
    pub plan: PlanTable,
}

/// What a blank template is made for: one area, its budget year and plan years.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateSpec {
    pub area: String,
    pub budget_year: i32,
    pub years: Vec<i32>,
}

/// A file name for an area that is safe on Windows, with å, ä, ö kept:
/// `IT/Digitalt` → `IT-Digitalt.xlsx`, `CON` → `CON_.xlsx`, `con.txt` →
/// `con_.txt.xlsx`. `sanitize-filename` replaces what no file name may hold
/// (`<>:"/\|?*`, control characters) and recognises Windows' reserved names, which
/// get a `_` rather than losing the area's name; the name is cut to 255 bytes with
/// its `.xlsx`, at a character boundary.
pub fn template_file_name(area: &str) -> String {
    use sanitize_filename::{Options, OptionsForCheck, is_sanitized_with_options};
    const EXTENSION: &str = ".xlsx";
    const MAX_BYTES: usize = 255;
    let mut name = sanitize_filename::sanitize_with_options(
        area.trim(),
        Options {
            windows: false,
            truncate: false,
            replacement: "-",
        },
    );
    let mut end = name.len().min(MAX_BYTES - EXTENSION.len());
    while !name.is_char_boundary(end) {
        end -= 1;
    }
    name.truncate(end);
    // Windows drops trailing dots and spaces.
    while name.ends_with(['.', ' ']) {
        name.pop();
    }
    if name.is_empty() {
        name.push_str("omrade");
    }
    let windows = OptionsForCheck {
        windows: true,
        truncate: true,
    };
    if !is_sanitized_with_options(format!("{name}{EXTENSION}"), windows.clone()) {
        // A reserved device name (`CON`, `COM1`, also before a dot): mark the
        // first part of the name so that it is no longer one.
        let first = name.find('.').unwrap_or(name.len());
        if first + 1 + EXTENSION.len() > MAX_BYTES {
            name.truncate(first.min(MAX_BYTES - EXTENSION.len() - 1));
        }
        let first = name.find('.').unwrap_or(name.len());
        name.insert(first, '_');
    }
    format!("{name}{EXTENSION}")
}

/// What an area lead writes into a template: used to generate filled templates
/// (test corpora, benchmarks) in exactly the layout leads produce.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Filled {
    pub version: String,
    pub lead: Option<String>,
    pub initiatives: Vec<FilledInitiative>,
}

/// One initiative, in both sheets. A zero amount is left as an empty cell.
#[derive(Debug, Clone, PartialEq)]
pub struct FilledInitiative {
    pub name: String,
    pub new: Decimal,
    pub existing: Decimal,
    /// Per plan year.
    pub development: Vec<Decimal>,
    pub maintenance: Vec<Decimal>,
    pub impact: Option<&'static str>,
    /// Project codes for the `Projekt` column; empty leaves the cell empty.
    pub projects: Vec<String>,
}

/// Whether a version is a version number: parts of digits only, separated by `.` or
/// `,` (`2`, `2.10`, `10,0`), as `--latest-version` needs to choose. `Utkast`, `v3`,
/// `-1`, `.5`, `2.0 (utkast)` and an empty version are not.
pub fn is_version_number(v: &str) -> bool {
    v.trim()
        .split(['.', ','])
        .all(|p| !p.is_empty() && p.len() <= 18 && p.bytes().all(|b| b.is_ascii_digit()))
}

/// Compares versions numerically per part: `2.10` > `2.9`, `3.5` > `3`. Parts are
/// separated by `.` or by `,` (a Swedish decimal comma: `10,0` is `10.0`).
/// Parts that are not numbers compare as text, after the numbers.
pub fn compare_versions(a: &str, b: &str) -> Ordering {
    let parts = |v: &str| -> Vec<String> {
        v.trim()
            .split(['.', ','])
            .map(|p| p.trim().to_string())
            .collect()
    };
    let (pa, pb) = (parts(a), parts(b));
    for i in 0..pa.len().max(pb.len()) {
        let x = pa.get(i).map_or("0", String::as_str);
        let y = pb.get(i).map_or("0", String::as_str);
        let ord = match (x.parse::<u64>(), y.parse::<u64>()) {
            (Ok(m), Ok(n)) => m.cmp(&n),
            (Ok(_), Err(_)) => Ordering::Less,
            (Err(_), Ok(_)) => Ordering::Greater,
            (Err(_), Err(_)) => x.cmp(y),
        };
        if ord != Ordering::Equal {
            return ord;
        }
    }
    Ordering::Equal
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_compare_per_part() {
        assert_eq!(compare_versions("2.10", "2.9"), Ordering::Greater);
        assert_eq!(compare_versions("3.5", "4.0"), Ordering::Less);
        assert_eq!(compare_versions("2.0", "2"), Ordering::Equal);
        assert_eq!(compare_versions("2.0.1", "2.0"), Ordering::Greater);
    }

    #[test]
    fn only_digits_between_separators_make_a_version_number() {
        for v in ["2", "2.0", " 2.10 ", "10,0", "1.2.3"] {
            assert!(is_version_number(v), "{v}");
        }
        for v in [
            "",
            "Utkast",
            "v3",
            "-1",
            ".5",
            "2.",
            "2..0",
            "1e400",
            "2.0 (utkast)",
            "2 .0",
        ] {
            assert!(!is_version_number(v), "{v}");
        }
    }

    #[test]
    fn versions_with_a_decimal_comma_compare_as_numbers() {
        assert_eq!(compare_versions("10,0", "2,0"), Ordering::Greater);
        assert_eq!(compare_versions("2,0", "2.0"), Ordering::Equal);
        assert_eq!(compare_versions("10,0", "9.5"), Ordering::Greater);
        assert_eq!(compare_versions("2,10", "2,9"), Ordering::Greater);
    }
}
