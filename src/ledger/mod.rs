//! Stage: `ledger`, the follow-up's reading of the actuals (utfall). Takes one ledger
//! export — an SIE file (`sie`) or a table exported as CSV or a workbook (`table`) — and
//! returns its rows as [`Actuals`]: amounts in kronor per (year, month, account,
//! project), each with the place of its first source row, plus the findings about rows
//! that could not be used.
//!
//! Every form yields the same thing, so `follow_up` never knows a file format. A reader
//! aggregates while it streams (memory grows with the number of distinct keys, not
//! with the file), resolves its own format's traps (SIE type 3 writes both an account's
//! total and its object rows; `#RTRANS` is followed by the same `#TRANS`) so that the
//! sum of all entries is the file's movement with no krona counted twice, and never
//! drops a row silently: a row is either in an entry or named in a finding.
//!
//! It must never filter by account or period: which accounts are cost and which months
//! count is the follow-up's decision, made in one place.

use crate::finding::Finding;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// What a ledger row is booked on. `project` is the trimmed project code as written
/// (compared case-insensitively by the follow-up); `None` is "utan projekt".
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Key {
    /// Calendar year of the row's month.
    pub year: i32,
    /// 1..=12.
    pub month: u8,
    /// The account number as written (`"4010"`).
    pub account: String,
    pub project: Option<String>,
}

/// Where a ledger row stands in its file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Place {
    /// 1-based line of a text file (SIE, CSV).
    Line(u64),
    /// A cell of a workbook's sheet (the sheet is [`Actuals::sheet`]).
    Cell(crate::location::CellRef),
}

/// The rows of one key, summed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Entry {
    /// The actual (utfall) in kronor: the period's movement, negative for credit.
    pub actual: Decimal,
    /// The periodised budget in kronor (`#PBUDGET`, a `Budget` column), when the file
    /// gives one for this key.
    pub budget: Option<Decimal>,
    /// How many source rows were summed into this entry.
    pub rows: u32,
    /// The first source row, for findings that name a place.
    pub first: Option<Place>,
}

/// Which form a file was read as, for `Källor`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// SIE of the given type (`#SIETYP`: 1, 2, 3 or 4).
    Sie {
        sie_type: u8,
    },
    Csv,
    Sheet,
}

/// One actuals file, read.
#[derive(Debug, Clone, PartialEq)]
pub struct Actuals {
    /// The file as the user named it (relative to the input folder where it is inside).
    pub file: String,
    pub form: Option<Form>,
    /// For a workbook: the sheet the table was found on.
    pub sheet: Option<String>,
    /// Data rows read (ledger records or table rows, not headers, blank or
    /// unknown-label lines): each one is in `entries` or named in `findings`.
    pub rows_read: u64,
    pub entries: BTreeMap<Key, Entry>,
    /// Problems in the file, each with its line or cell. An `unreadable-actuals`
    /// finding means `entries` is empty and the file must not be used.
    pub findings: Vec<Finding>,
}

/// What a reader needs to know beyond the bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadOptions {
    /// The SIE dimension number that holds the project (default 6, "Projekt").
    pub project_dimension: u32,
    /// The unit a table's amounts are written in; SIE is always kronor.
    pub table_unit: Unit,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            project_dimension: 6,
            table_unit: Unit::Kronor,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Kronor,
    /// Thousands of kronor: a table amount is multiplied by 1 000, exactly.
    Tkr,
}
