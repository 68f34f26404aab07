//! The kinds of finding: one variant per message, carrying the values the message
//! needs, and the small enums that say which case of a code it is (the ledger
//! readers' in `actuals`). Adding a code adds its variant to `Kind` here.

use crate::location::CellRef;
use rust_decimal::Decimal;

mod actuals;
pub use actuals::*;

/// Why a file with a workbook extension could not be read.
#[derive(Debug, Clone, PartialEq)]
pub enum Unreadable {
    Empty,
    Encrypted,
    /// A zip or compound file that the reader rejects: truncated, damaged.
    Corrupt(String),
    /// Not a spreadsheet container at all, e.g. a text file renamed `.xlsx`.
    NotSpreadsheet,
    Io(String),
    /// A zip holding two entries that name one part (`xl/workbook.xml` twice, or
    /// once with `\\`): which one a program reads is not defined.
    DuplicatePart(String),
    /// A Word document (`.docx` or `.doc`) with a workbook's extension.
    WordDocument,
    /// A PowerPoint presentation (`.pptx` or `.ppt`) with a workbook's extension.
    PowerPointDocument,
    /// The workbook holds an Excel 4.0 macro sheet (XLM), which the reader cannot open.
    MacroSheet(String),
    /// A FIFO, socket or device with a workbook's name: never opened (reading a
    /// FIFO waits for a writer forever).
    NotRegularFile(Special),
}

/// What a folder entry that is not a regular file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Special {
    Fifo,
    Socket,
    Device,
    /// A link to nothing.
    BrokenLink,
    Other,
}

/// What made a file `too-large`. `Span`: the sheets of an `.xls` or `.ods`, which calamine
/// holds as whole rectangles, together span more than `limit` cells.
#[derive(Debug, Clone, PartialEq)]
pub enum TooLarge {
    File { bytes: u64 },
    ZipPart { part: String, bytes: u64 },
    SharedStrings { declared: u64 },
    Cells { limit: usize },
    Span { cells: u64, limit: usize },
}

/// What stood in an amount cell that is not an amount.
#[derive(Debug, Clone, PartialEq)]
pub enum NotAmount {
    Text(String),
    /// `3,900` or `3.900`: 3.9 to a Swede, 3 900 to others.
    Ambiguous(String),
    Date(String),
    Bool(bool),
    ErrorValue(String),
    OutOfRange(String),
    /// A number beyond any plausible budget (more than 10^12 tkr).
    Implausible(Decimal),
    /// A formula whose value the file does not hold (a ledger report's cell).
    Uncalculated,
    /// The column's sum (or the row's `Belopp` from its parts) down to this cell
    /// goes beyond any plausible budget (10^12 tkr).
    SumTooLarge(Decimal),
    /// A ledger table's amount in scientific notation (`1,2345E+03`, as Excel shows
    /// a number in a narrow column or formatted Scientific) whose last digit stands
    /// for `step` kronor, coarser than the öre: the shown number may be rounded.
    Scientific {
        text: String,
        step: Decimal,
    },
}

/// A formula cell whose error or wrong value follows from a root-cause finding.
#[derive(Debug, Clone, PartialEq)]
pub struct Consequence {
    /// The consequence's sheet when it is not the finding's own.
    pub sheet: Option<String>,
    pub cell: CellRef,
    pub shows: Shows,
}

/// What a consequence cell shows.
#[derive(Debug, Clone, PartialEq)]
pub enum Shows {
    /// An error value, as the file stores it (`#VALUE!`).
    Error(String),
    /// A wrong value, and the value it would show once the cause is fixed.
    Value { shown: Decimal, right: Decimal },
}

/// Which year setting disagrees.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum YearKind {
    BudgetYear,
    PlanYears,
    BudgetYearNotPlanned,
}

/// Whether the expected years come from the configuration or from the other areas.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum YearSource {
    Config,
    Majority,
    OwnPlan,
}

/// The values a finding's message needs, one variant per message.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    UnreadableFile(Unreadable),
    NotAWorkbook {
        /// `.txt`; empty when the name has none.
        extension: String,
        /// A document no spreadsheet program saves a sheet as (`.md`, `.docx`):
        /// an info, not a warning.
        document: bool,
        /// A name without an extension whose content is an Excel workbook: the
        /// name to give it (`HR.xlsx`).
        rename_to: Option<String>,
    },
    TooLarge(TooLarge),
    MissingSheet {
        sheet: &'static str,
        found: Vec<String>,
    },
    MissingHeader {
        sheet: &'static str,
        missing: Vec<String>,
    },
    MissingMetadata {
        label: &'static str,
    },
    InvalidMetadata {
        label: &'static str,
        found: String,
    },
    UnknownArea {
        area: String,
        known: Vec<String>,
        /// The configured area the name most likely means (`Menade du …?`).
        closest: Option<String>,
    },
    MissingArea {
        area: String,
        /// The file named after the area (`HR.xlsx` for `HR`), when there is one,
        /// and the area it names instead (`None`: none could be read).
        named_after: Option<(String, Option<String>)>,
    },
    DuplicateArea {
        area: String,
        files: Vec<String>,
        /// The version the newest files share: `--latest-version` cannot choose.
        same_version: Option<String>,
        /// With `--latest-version`: a version that is no version number, so it
        /// cannot choose either.
        not_a_number: Option<String>,
    },
    SupersededVersion {
        area: String,
        version: String,
        kept_file: String,
        kept_version: String,
    },
    InvalidAmount {
        column: String,
        found: NotAmount,
    },
    NegativeAmount {
        column: String,
        value: Decimal,
    },
    NumberAsText {
        column: String,
        text: String,
        value: Decimal,
    },
    RowSumMismatch {
        stated: Decimal,
        new: Decimal,
        existing: Decimal,
    },
    TotalMismatch {
        column: String,
        stated: Decimal,
        computed: Decimal,
    },
    MissingTotalRow {
        sheet: &'static str,
    },
    /// Rows with amounts below the `Summa` row, which ends the table: not counted.
    /// `first` is the first such row's initiative cell (empty when blank).
    RowsBelowTotal {
        rows: usize,
        first: String,
        /// The `Summa` row's number (1-based), which may be a hidden row.
        total_row: u32,
    },
    UncategorizedAmount {
        amount: Decimal,
    },
    MissingInitiativeName {
        amount: Decimal,
    },
    DuplicateInitiative {
        name: String,
        first_row: u32,
    },
    CrossSheetTotal {
        year: i32,
        budget: Decimal,
        plan: Decimal,
    },
    CrossSheetInitiative {
        name: String,
        year: i32,
        budget: Decimal,
        budget_cell: CellRef,
        plan: Decimal,
    },
    UnmatchedInitiative {
        name: String,
        found_in: &'static str,
        missing_in: &'static str,
    },
    HeadingRow {
        text: String,
    },
    /// A named row with no amounts but a value in a column that holds none
    /// (`Påverkan`, `Projekt`): read as a heading, and the value not used.
    HeadingRowWithValue {
        text: String,
        column: &'static str,
        value: String,
    },
    /// A row with no name and no amounts, only a value in a column that holds no
    /// amount (a `Påverkan`, a `Projekt` code): not read, and named.
    ValueWithoutInitiative {
        column: &'static str,
        value: String,
    },
    YearMismatch {
        kind: YearKind,
        found: String,
        expected: String,
        source: YearSource,
    },
    InvalidCategory {
        found: String,
    },
    FormulaWithoutValue {
        column: String,
        recomputed: Option<Decimal>,
    },
    FrameExceeded {
        area: Option<String>,
        total: Decimal,
        frame: Decimal,
    },
    FrameDeviation {
        area: Option<String>,
        total: Decimal,
        frame: Decimal,
        /// Areas left out of the total (errors, `--partial`): the likely reason.
        left_out: Vec<String>,
    },
    /// The version table's last row names another version than the `Version` field.
    VersionMismatch {
        table: String,
        field: String,
    },
    InternalError {
        detail: String,
    },
    /// Several sheets match one required sheet name. `used`: the only visible one,
    /// which was read (a warning naming `others`); `None`: more than one is visible,
    /// so none was read (an error naming them all in `others`).
    AmbiguousSheet {
        sheet: &'static str,
        used: Option<String>,
        others: Vec<String>,
        /// Copies Excel made of the sheet (`Budgetfördelning (2)`), not read.
        copies: Vec<String>,
        /// Sheets named as the sheet and more (`Budgetfördelning 2023`), not read.
        similar: Vec<String>,
    },
    /// Two or more columns of a table's header claim one header.
    AmbiguousColumn {
        header: String,
        cells: Vec<CellRef>,
    },
    /// An amount column's header names another unit than the template's tkr
    /// (`Belopp (kr)`): its amounts are read as written, 1 000 times off.
    UnitNotTkr {
        header: String,
        unit: crate::labels::Unit,
    },
    /// A text cell longer than Excel holds: read and written shortened to `limit`.
    TextTooLong {
        length: usize,
        limit: usize,
    },
    /// Follow-up: cost on a project code (or on no project) that belongs to no
    /// initiative or area; `amount` in tkr, `months` as `2023-01–2023-04`.
    /// `previous_year`: the cost is of the year before the budget year (the
    /// comparison column), not of the budget year.
    UnmappedActual {
        project: Option<String>,
        amount: Decimal,
        months: String,
        previous_year: bool,
    },
    MissingProjectCode {
        area: String,
        initiative: String,
        budget: Decimal,
    },
    /// `first` and `second` name the two targets (`HR › Digitalisering inom HR`).
    DuplicateProjectCode {
        code: String,
        first: String,
        second: String,
    },
    /// A `[[project]]` or a forecast names an initiative (or project code) that the
    /// plan does not have; `closest` are the plan's nearest names.
    UnknownInitiative {
        area: Option<String>,
        initiative: String,
        closest: Vec<String>,
    },
    /// The ledger's periodised budget for the year differs from the decided one (tkr).
    BudgetMismatch {
        area: String,
        initiative: String,
        ledger: Decimal,
        decided: Decimal,
    },
    EvenPeriodisation {
        areas: Vec<String>,
    },
    NoForecast {
        area: String,
        initiatives: Vec<String>,
    },
    /// An initiative forecast in a second file (not replaced by a newer version):
    /// the second file's row is not counted.
    DuplicateForecast {
        area: String,
        initiative: String,
        /// The file whose forecast is counted.
        counted: String,
    },
    MissingComment {
        initiative: String,
        forecast: Decimal,
        budget: Decimal,
        threshold: Decimal,
    },
    ActualExceedsBudget {
        area: String,
        initiative: String,
        actual: Decimal,
        budget: Decimal,
    },
    /// Months (`2023-02`) between January and the period with no cost row.
    PeriodGap {
        months: Vec<String>,
    },
    OverlappingActuals {
        first: String,
        second: String,
        months: Vec<String>,
        /// The file that is not counted (with `--partial`; without it nothing is
        /// written).
        left_out: String,
        /// The (month, account, project) keys with cost in both files in those
        /// months, and of them those with the same amount in both.
        shared_rows: usize,
        same_amounts: usize,
    },
    /// Two actuals files with cost in the same months (`2023-01`) but no (month,
    /// account, project) in common: read as parts of one ledger (one export per
    /// cost centre), both counted.
    ActualsInParts {
        first: String,
        second: String,
        months: Vec<String>,
    },
    UnreadableActuals(UnreadableActuals),
    InvalidActualsRow {
        /// The column of a table, when known.
        column: Option<String>,
        /// What stood there, as written (short).
        found: String,
        expected: ActualsExpected,
    },
    /// A ledger table's row that names a total (`Summa`, `Delsumma konto 5410`,
    /// `5410 Summa`) where the month or the account should be: not summed, compared
    /// with the data rows summed above it. Amounts as the file writes them.
    ActualsTotalRow {
        /// The field that names it a total, as written (trimmed, shortened).
        label: String,
        /// `None`: the row has no amount (empty, or a formula whose value the file
        /// does not hold), so it is compared with nothing.
        amount: Option<Decimal>,
        /// The data rows since the previous total row; `None`: no total row above.
        since_previous: Option<Decimal>,
        /// All data rows above it.
        since_start: Decimal,
    },
    /// More total rows than are named one by one (code `actuals-total-row`).
    MoreActualsTotalRows {
        rows: u64,
        /// Of them, those past the ones kept for comparison: not compared.
        unchecked: u64,
    },
    /// A row of a ledger report with a column per month whose total column
    /// (`Totalt`, `Summa`, `Helår`: `column`, its header) holds another amount
    /// (`total`) than its month cells add up to (`months`), as written: a month may
    /// be missing from the report (a hidden or filtered-out column). The month
    /// cells are summed, the total column is not; `rows` rows differ so, the first
    /// one named.
    RowTotalMismatch {
        column: String,
        total: Decimal,
        months: Decimal,
        rows: u64,
    },
    /// Rows of a ledger table that repeat its header (an export in parts, joined,
    /// or one with the header on every page): not data, so not summed; `rows` of
    /// them, the first one named.
    ActualsRepeatedHeader {
        rows: u64,
    },
    /// Rows of a ledger table with text but no account and no amount (a heading,
    /// a page footer `Sida 1 av 3`): no data, so not summed; `rows` of them, the
    /// first one's text quoted (shortened).
    ActualsTextRow {
        text: String,
        rows: u64,
    },
    /// A sheet of a ledger workbook that has the table's header but whose rows
    /// (`rows`: those below the header with anything in them) were not read.
    ActualsSheetLeftOut {
        sheet: String,
        rows: u64,
        why: SheetLeftOut,
    },
    MixedObjectRows {
        account: String,
        year: i32,
        month: u8,
        reading: ObjectReading,
    },
    /// A forecast workbook: the full-year forecast is below the actual already
    /// booked (tkr).
    ForecastBelowActual {
        initiative: String,
        forecast: Decimal,
        actual: Decimal,
    },
    /// A forecast workbook with the forecast table on more than one sheet (a copy
    /// `Prognos (2)`, an older sheet kept): `read` was read, the sheets `left_out`
    /// (with `rows` data rows in all) were not.
    ForecastSheetLeftOut {
        read: String,
        left_out: Vec<String>,
        rows: u64,
    },
    /// A forecast workbook for another month than the one asked for (`2023-04`).
    PeriodMismatch {
        found: String,
        expected: String,
    },
    /// A forecast column headed for another year (`Prognos helår 2024`) than the
    /// follow-up's (`expected`): the file's forecasts are not used.
    ForecastYear {
        header: String,
        found: i32,
        expected: i32,
    },
    /// A forecast workbook made for an earlier month (`found`, `2023-03`) than the
    /// follow-up's (`period`, `2023-04`): still the area's latest forecast, so used.
    StaleForecast {
        /// The workbook's `Tjänsteområde`.
        area: String,
        found: String,
        period: String,
    },
    /// A forecast workbook made for a later month than the follow-up's (a rerun of
    /// an earlier month): used, with this warning.
    LaterForecast {
        area: String,
        found: String,
        period: String,
    },
    /// A file's own `Datum` after the run's reference date (`--today`, else the
    /// system's date): most likely a typo.
    FutureDate {
        date: String,
        today: String,
    },
    /// A folder link that leads back to a folder it is inside (`loop -> .`): not
    /// followed. Code `not-a-workbook`: an entry of the folder that is skipped.
    FolderLoop {
        /// The link, as the input folder names it.
        link: String,
        /// Where the link leads, as the input folder names it (`""`: the folder itself).
        target: String,
    },
    /// A number written as text that makes formulas go wrong (`#VALUE!`, or a `SUM`
    /// that leaves the text out): the root cause, with the cells that follow from it.
    TextBreaksFormula {
        column: String,
        text: String,
        value: Decimal,
        shows: Vec<Consequence>,
    },
    /// An input cell that is no amount (text such as `ca 800`) and makes the row's
    /// formulas show an error value: the root cause, with the cells that follow.
    InvalidBreaksFormula {
        column: String,
        found: NotAmount,
        shows: Vec<Consequence>,
    },
    /// A metadata field whose label is there but whose value is still empty.
    EmptyMetadata {
        label: &'static str,
    },
    /// Neither sheet has a single initiative: a blank template.
    EmptyTemplate,
    /// Without a configuration: two files name areas that are most likely one
    /// (`IT-tjänster`, `IT-tjanster`, `Tjänsteområde IT`).
    SimilarArea {
        area: String,
        other: String,
        other_file: String,
    },
    /// A file of one of the tool's inputs given where another is read: a forecast
    /// workbook among the plan's templates, a plan template or an SIE file given to
    /// `follow-up check` (a ledger export given a plan template is
    /// `unreadable-actuals`, [`UnreadableActuals::OtherInput`]).
    WrongKindOfFile {
        found: FileKind,
        wanted: FileKind,
    },
}

/// The tool's three kinds of input, for a file given where another kind is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// A plan template: the sheets `Budgetfördelning` and `Utvecklingsinitiativ`.
    Plan,
    /// A forecast workbook: the sheet `Prognos`.
    Forecast,
    /// A ledger export (SIE).
    Ledger,
}

impl FileKind {
    /// What a workbook's sheet names say it is: both plan sheets make a plan
    /// template, a `Prognos` sheet (without them) a forecast workbook; the names
    /// are matched as the readers match them.
    pub fn of_sheets(names: &[String]) -> Option<FileKind> {
        use crate::labels::{SHEET_BUDGET, SHEET_PLAN, forecast::SHEET, matches};
        let has = |label: &str| names.iter().any(|n| matches(n, label));
        if has(SHEET_BUDGET) && has(SHEET_PLAN) {
            Some(FileKind::Plan)
        } else if has(SHEET) {
            Some(FileKind::Forecast)
        } else {
            None
        }
    }
}
