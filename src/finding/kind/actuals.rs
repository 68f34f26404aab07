//! The cases of the ledger's findings: why an export could not be used, what a row
//! should have held, how object rows and total rows were read, and why a sheet was
//! left out.

use super::*;

/// Why a ledger export (SIE or table) could not be used at all.
#[derive(Debug, Clone, PartialEq)]
pub enum UnreadableActuals {
    /// Could not be opened or read (the operating system's reason).
    Io(String),
    /// Not a regular file (a folder, a device, a pipe).
    NotAFile,
    Empty,
    /// Larger than the readers accept.
    TooLarge {
        bytes: u64,
    },
    /// An HTML page (a failed download saved under the export's name).
    Html,
    /// Neither SIE nor a table: the extension and content say nothing we read.
    NotLedger {
        extension: String,
    },
    /// The opening `#KSUMMA` is there but the closing one is not: truncated.
    ChecksumMissing,
    /// The closing `#KSUMMA` does not match the records: edited or damaged.
    ChecksumMismatch {
        stated: String,
        computed: u32,
    },
    /// An SIE file with no period rows at all (`#PSALDO`, `#PBUDGET`, `#TRANS`):
    /// type 1 holds only the year's balances.
    NoPeriodRows {
        sie_type: u8,
    },
    /// A money column's header names another unit (`named`) than the actuals are
    /// read in (tkr when `tkr`, else kronor): `Belopp (tkr)`, `Belopp, mnkr`.
    UnitMismatch {
        header: String,
        named: crate::labels::Unit,
        tkr: bool,
    },
    /// A plan template or a forecast workbook given as a ledger export.
    OtherInput {
        found: FileKind,
    },
    /// More distinct (month, account, project) keys and names than a ledger holds
    /// ([`crate::ledger::MAX_KEYS`], `limit`): most likely columns that hold no
    /// account or project codes (a voucher number, a text), or a hostile file.
    TooManyKeys {
        limit: usize,
    },
    /// A report with a column per month (`months` header cells name one) that cannot
    /// be read as one: `without_year` when the headers name the months alone and
    /// there is no year column, else its columns are not those of such a report.
    MonthColumns {
        months: usize,
        without_year: bool,
    },
    /// A table whose header lacks required columns (`Belopp`…).
    MissingColumns {
        missing: Vec<String>,
    },
    /// Two columns of the header claim the column a row's money is read from
    /// (`role`, e.g. `Belopp`): each as its column letters and header text.
    AmbiguousColumns {
        role: String,
        columns: Vec<(String, String)>,
    },
    /// A workbook the grid reader refused.
    Workbook(Unreadable),
    /// A workbook too large for the grid reader (its cells, its sheets' span).
    WorkbookTooLarge(TooLarge),
    /// A panic inside a reader, caught.
    Internal(String),
}

/// What a ledger row should have held where it held something else.
#[derive(Debug, Clone, PartialEq)]
pub enum ActualsExpected {
    /// An SIE amount: digits, `-` for credit, `.` before the decimals (`-1250.50`).
    SieAmount,
    /// A table amount (the reason, as for the template's amounts).
    TableAmount(NotAmount),
    /// A period `ÅÅÅÅMM` (in a table also `ÅÅÅÅ-MM` or a date).
    Period,
    /// A date `ÅÅÅÅMMDD`.
    Date,
    /// A date of a month (`year`, `month` 1–12) that has no such day: `2023-04-31`,
    /// `20230229`, `31.04.2023`.
    NoSuchDay { year: i32, month: u8 },
    /// A `#TRANS` without a date of its own, in a voucher whose `#VER` (on `line`)
    /// has a date that is no date (`found`); `no_such_day`: its month, when only
    /// the day is wrong.
    VoucherDate {
        line: u64,
        no_such_day: Option<(i32, u8)>,
    },
    /// An account number.
    Account,
    /// A year number (`0`, `-1`) as in `#RAR`.
    YearIndex,
    /// An object list `{…}` closed on the same line.
    ClosedObjectList,
    /// An object list of pairs `dimension object`.
    ObjectPairs,
    /// A line of at most this many bytes.
    ShortLine { limit: usize },
    /// No more fields than the header has (`header`): a field past them, most
    /// likely an amount's decimal comma in a comma-delimited file.
    Fields { header: usize },
    /// More rows like these: only the first ones are named one by one.
    MoreRows { rows: u64 },
}

/// How a file's `#PSALDO`/`#PBUDGET` object rows were read when they are not in the
/// standard's form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ObjectReading {
    /// A project has both its single-dimension row and combined rows: the single row
    /// was used.
    SingleRowUsed,
    /// The object rows exceed the `{}` row (or there is none): `{}` was read as what
    /// was booked without objects, and the cost as `{}` plus the object rows.
    EmptyAsUnobjected,
}

/// Which sum of the data rows above a ledger table's total row its amount equals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TotalMatch {
    /// The rows since the previous total row.
    Subtotal,
    /// All rows above it, from the table's start.
    GrandTotal,
    Neither,
    /// The row has no amount to compare.
    NoAmount,
}

impl TotalMatch {
    /// The match of a total row's `amount`: the rows since the previous total row
    /// (`None`: there is none above it) first, then all rows above it.
    pub fn of(
        amount: Option<Decimal>,
        since_previous: Option<Decimal>,
        since_start: Decimal,
    ) -> Self {
        let Some(amount) = amount else {
            return TotalMatch::NoAmount;
        };
        match since_previous {
            Some(sum) if sum == amount => TotalMatch::Subtotal,
            _ if since_start == amount => TotalMatch::GrandTotal,
            _ => TotalMatch::Neither,
        }
    }
}

/// Why a sheet of a ledger workbook was not read (`actuals-sheet-left-out`).
#[derive(Debug, Clone, PartialEq)]
pub enum SheetLeftOut {
    /// Hidden, while visible sheets have the header (they were read: `read`).
    Hidden { read: Vec<String> },
    /// It holds actuals for months another sheet holds too (`months`, `2023-01`);
    /// the two would count those months twice. `other` was read.
    SameMonths { other: String, months: Vec<String> },
}
