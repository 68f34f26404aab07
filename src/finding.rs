//! Stage: shared by validate, report and write. A `Finding` is a problem (or a note)
//! about a user's file: a stable code, a severity, a place (file, sheet, cell) and a
//! kind carrying the values its message needs. Messages are rendered per language from
//! one `match` per code, so no code can lack a message in either language.
//!
//! Findings are data; they never abort a run. Fatal problems live in `error.rs`.

use crate::lang::{Lang, amount};
use crate::location::CellRef;
use rust_decimal::Decimal;
use std::fmt::Write as _;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }

    /// The word shown to people: terminal and the `Kontroller` sheet.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Severity::Error => lang.pick("fel", "error"),
            Severity::Warning => lang.pick("varning", "warning"),
            Severity::Info => "info",
        }
    }
}

macro_rules! codes {
    ($($variant:ident => $text:literal),* $(,)?) => {
        /// The stable finding codes of the contract. Messages may change; these do not.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code { $($variant),* }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $text),* }
            }
        }
    };
}

codes! {
    UnreadableFile => "unreadable-file",
    NotAWorkbook => "not-a-workbook",
    TooLarge => "too-large",
    MissingSheet => "missing-sheet",
    MissingHeader => "missing-header",
    MissingMetadata => "missing-metadata",
    InvalidMetadata => "invalid-metadata",
    UnknownArea => "unknown-area",
    MissingArea => "missing-area",
    DuplicateArea => "duplicate-area",
    SupersededVersion => "superseded-version",
    InvalidAmount => "invalid-amount",
    NegativeAmount => "negative-amount",
    NumberAsText => "number-as-text",
    RowSumMismatch => "row-sum-mismatch",
    TotalMismatch => "total-mismatch",
    MissingTotalRow => "missing-total-row",
    UncategorizedAmount => "uncategorized-amount",
    MissingInitiativeName => "missing-initiative-name",
    DuplicateInitiative => "duplicate-initiative",
    CrossSheetMismatch => "cross-sheet-mismatch",
    UnmatchedInitiative => "unmatched-initiative",
    HeadingRow => "heading-row",
    YearMismatch => "year-mismatch",
    InvalidCategory => "invalid-category",
    FormulaWithoutValue => "formula-without-value",
    FrameExceeded => "frame-exceeded",
    FrameDeviation => "frame-deviation",
    VersionMismatch => "version-mismatch",
    InternalError => "internal-error",
    AmbiguousSheet => "ambiguous-sheet",
    AmbiguousColumn => "ambiguous-column",
    TextTooLong => "text-too-long",
    UnmappedActual => "unmapped-actual",
    MissingProjectCode => "missing-project-code",
    DuplicateProjectCode => "duplicate-project-code",
    UnknownInitiative => "unknown-initiative",
    BudgetMismatch => "budget-mismatch",
    EvenPeriodisation => "even-periodisation",
    NoForecast => "no-forecast",
    MissingComment => "missing-comment",
    ActualExceedsBudget => "actual-exceeds-budget",
    PeriodGap => "period-gap",
    OverlappingActuals => "overlapping-actuals",
    UnreadableActuals => "unreadable-actuals",
    InvalidActualsRow => "invalid-actuals-row",
    MixedObjectRows => "mixed-object-rows",
    EmptyTemplate => "empty-template",
    SimilarArea => "similar-area",
}

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
    /// The column's sum (or the row's `Belopp` from its parts) down to this cell
    /// goes beyond any plausible budget (10^12 tkr).
    SumTooLarge(Decimal),
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

/// An Excel error value as the language's Excel shows it: `#VALUE!` is `#VÄRDEFEL!`
/// in Swedish Excel. Unknown error values are shown as the file stores them.
pub fn excel_error(stored: &str, lang: Lang) -> String {
    const NAMES: [(&str, &str); 7] = [
        ("#VALUE!", "#VÄRDEFEL!"),
        ("#REF!", "#REFERENS!"),
        ("#DIV/0!", "#DIVISION/0!"),
        ("#N/A", "#SAKNAS!"),
        ("#NAME?", "#NAMN?"),
        ("#NUM!", "#OGILTIGT!"),
        ("#NULL!", "#SKÄRNING!"),
    ];
    let t = stored.trim();
    for (en, sv) in NAMES {
        if t.eq_ignore_ascii_case(en) || t.to_uppercase() == sv {
            return lang.pick(sv, en).to_string();
        }
    }
    t.to_string()
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
    /// A table whose header lacks required columns (`Belopp`…).
    MissingColumns {
        missing: Vec<String>,
    },
    /// A workbook the grid reader refused.
    Workbook(Unreadable),
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

/// The values a finding's message needs, one variant per message.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    UnreadableFile(Unreadable),
    NotAWorkbook {
        extension: String,
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
    },
    DuplicateArea {
        area: String,
        files: Vec<String>,
        /// The version the newest files share: `--latest-version` cannot choose.
        same_version: Option<String>,
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
    },
    /// Two or more columns of a table's header claim one header.
    AmbiguousColumn {
        header: String,
        cells: Vec<CellRef>,
    },
    /// A text cell longer than Excel holds: read and written shortened to `limit`.
    TextTooLong {
        length: usize,
        limit: usize,
    },
    /// Follow-up: cost on a project code (or on no project) that belongs to no
    /// initiative or area; `amount` in tkr, `months` as `2023-01–2023-04`.
    UnmappedActual {
        project: Option<String>,
        amount: Decimal,
        months: String,
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
    },
    UnreadableActuals(UnreadableActuals),
    InvalidActualsRow {
        /// The column of a table, when known.
        column: Option<String>,
        /// What stood there, as written (short).
        found: String,
        expected: ActualsExpected,
    },
    MixedObjectRows {
        account: String,
        year: i32,
        month: u8,
        reading: ObjectReading,
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
}

/// One problem or note about the input, with where it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub severity: Severity,
    pub kind: Kind,
    /// Path relative to the input folder (or as given to `check`); `None` for
    /// findings about the whole run, such as a missing area.
    pub file: Option<String>,
    pub sheet: Option<String>,
    pub cell: Option<CellRef>,
    /// 1-based line of a text file (an SIE or CSV ledger export); `None` in workbooks.
    pub line: Option<u64>,
}

impl Finding {
    /// A finding with the code's usual severity.
    pub fn new(kind: Kind) -> Self {
        let severity = default_severity(&kind);
        Finding {
            severity,
            kind,
            file: None,
            sheet: None,
            cell: None,
            line: None,
        }
    }

    pub fn in_file(mut self, file: impl Into<String>) -> Self {
        self.file = Some(file.into());
        self
    }

    pub fn at(mut self, sheet: &str, cell: Option<CellRef>) -> Self {
        self.sheet = Some(sheet.to_string());
        self.cell = cell;
        self
    }

    /// A place in a text file: its 1-based line number.
    pub fn at_line(mut self, line: u64) -> Self {
        self.line = Some(line);
        self
    }

    pub fn code(&self) -> Code {
        code_of(&self.kind)
    }

    pub fn message(&self, lang: Lang) -> String {
        message(&self.kind, lang)
    }

    /// Technical detail for the JSON report, in English whatever the language: the
    /// reader's or the system's own words, which a message does not repeat.
    pub fn detail(&self) -> Option<String> {
        match &self.kind {
            Kind::UnreadableFile(
                Unreadable::Corrupt(d) | Unreadable::Io(d) | Unreadable::MacroSheet(d),
            )
            | Kind::InternalError { detail: d } => Some(d.clone()),
            _ => None,
        }
    }

    /// `HR.xlsx › Budgetfördelning › D9` (or `utfall.se › rad 12`), as far as the
    /// place is known.
    pub fn place(&self, lang: Lang) -> String {
        let mut out = String::new();
        for part in [
            self.file.clone(),
            self.sheet.clone(),
            self.cell.map(|c| c.to_string()),
            self.line
                .map(|n| format!("{} {n}", lang.pick("rad", "line"))),
        ]
        .into_iter()
        .flatten()
        {
            if !out.is_empty() {
                out.push_str(" › ");
            }
            out.push_str(&part);
        }
        out
    }

    /// Sort key: file order is decided by the caller; within a file errors come first.
    pub fn sort_key(&self) -> (Severity, Option<&str>, Option<CellRef>, Code) {
        (self.severity, self.sheet.as_deref(), self.cell, self.code())
    }
}

fn code_of(kind: &Kind) -> Code {
    match kind {
        Kind::UnreadableFile(_) => Code::UnreadableFile,
        Kind::NotAWorkbook { .. } | Kind::FolderLoop { .. } => Code::NotAWorkbook,
        Kind::TooLarge(_) => Code::TooLarge,
        Kind::MissingSheet { .. } => Code::MissingSheet,
        Kind::MissingHeader { .. } => Code::MissingHeader,
        Kind::MissingMetadata { .. } => Code::MissingMetadata,
        Kind::InvalidMetadata { .. } => Code::InvalidMetadata,
        Kind::UnknownArea { .. } => Code::UnknownArea,
        Kind::MissingArea { .. } => Code::MissingArea,
        Kind::DuplicateArea { .. } => Code::DuplicateArea,
        Kind::SupersededVersion { .. } => Code::SupersededVersion,
        Kind::InvalidAmount { .. } => Code::InvalidAmount,
        Kind::NegativeAmount { .. } => Code::NegativeAmount,
        Kind::NumberAsText { .. } => Code::NumberAsText,
        Kind::RowSumMismatch { .. } => Code::RowSumMismatch,
        Kind::TotalMismatch { .. } => Code::TotalMismatch,
        Kind::MissingTotalRow { .. } => Code::MissingTotalRow,
        Kind::UncategorizedAmount { .. } => Code::UncategorizedAmount,
        Kind::MissingInitiativeName { .. } => Code::MissingInitiativeName,
        Kind::DuplicateInitiative { .. } => Code::DuplicateInitiative,
        Kind::CrossSheetTotal { .. } | Kind::CrossSheetInitiative { .. } => {
            Code::CrossSheetMismatch
        }
        Kind::UnmatchedInitiative { .. } => Code::UnmatchedInitiative,
        Kind::HeadingRow { .. } => Code::HeadingRow,
        Kind::YearMismatch { .. } => Code::YearMismatch,
        Kind::InvalidCategory { .. } => Code::InvalidCategory,
        Kind::FormulaWithoutValue { .. } => Code::FormulaWithoutValue,
        Kind::FrameExceeded { .. } => Code::FrameExceeded,
        Kind::FrameDeviation { .. } => Code::FrameDeviation,
        Kind::VersionMismatch { .. } => Code::VersionMismatch,
        Kind::InternalError { .. } => Code::InternalError,
        Kind::AmbiguousSheet { .. } => Code::AmbiguousSheet,
        Kind::AmbiguousColumn { .. } => Code::AmbiguousColumn,
        Kind::TextTooLong { .. } => Code::TextTooLong,
        Kind::UnmappedActual { .. } => Code::UnmappedActual,
        Kind::MissingProjectCode { .. } => Code::MissingProjectCode,
        Kind::DuplicateProjectCode { .. } => Code::DuplicateProjectCode,
        Kind::UnknownInitiative { .. } => Code::UnknownInitiative,
        Kind::BudgetMismatch { .. } => Code::BudgetMismatch,
        Kind::EvenPeriodisation { .. } => Code::EvenPeriodisation,
        Kind::NoForecast { .. } => Code::NoForecast,
        Kind::MissingComment { .. } => Code::MissingComment,
        Kind::ActualExceedsBudget { .. } => Code::ActualExceedsBudget,
        Kind::PeriodGap { .. } => Code::PeriodGap,
        Kind::OverlappingActuals { .. } => Code::OverlappingActuals,
        Kind::UnreadableActuals(_) => Code::UnreadableActuals,
        Kind::InvalidActualsRow { .. } => Code::InvalidActualsRow,
        Kind::MixedObjectRows { .. } => Code::MixedObjectRows,
        Kind::TextBreaksFormula { .. } => Code::NumberAsText,
        Kind::InvalidBreaksFormula { .. } => Code::InvalidAmount,
        Kind::EmptyMetadata { .. } => Code::MissingMetadata,
        Kind::EmptyTemplate => Code::EmptyTemplate,
        Kind::SimilarArea { .. } => Code::SimilarArea,
    }
}

fn default_severity(kind: &Kind) -> Severity {
    match kind {
        Kind::NotAWorkbook { .. }
        | Kind::FolderLoop { .. }
        | Kind::NumberAsText { .. }
        | Kind::UnmatchedInitiative { .. }
        | Kind::FrameDeviation { .. }
        | Kind::UnmappedActual { .. }
        | Kind::MissingProjectCode { .. }
        | Kind::BudgetMismatch { .. }
        | Kind::MissingComment { .. }
        | Kind::ActualExceedsBudget { .. }
        | Kind::PeriodGap { .. }
        | Kind::VersionMismatch { .. } => Severity::Warning,
        Kind::EvenPeriodisation { .. } | Kind::NoForecast { .. } => Severity::Info,
        Kind::FormulaWithoutValue {
            recomputed: Some(_),
            ..
        } => Severity::Warning,
        Kind::AmbiguousSheet { used: Some(_), .. } | Kind::TextTooLong { .. } => Severity::Warning,
        Kind::EmptyMetadata { .. } | Kind::EmptyTemplate => Severity::Warning,
        Kind::SupersededVersion { .. } | Kind::HeadingRow { .. } | Kind::MixedObjectRows { .. } => {
            Severity::Info
        }
        _ => Severity::Error,
    }
}

fn quoted(text: &str, lang: Lang) -> String {
    match lang {
        Lang::Sv => format!("”{text}”"),
        Lang::En => format!("“{text}”"),
    }
}

fn list(items: &[String]) -> String {
    items.join(", ")
}

/// ` Därför: D11 visar #VÄRDEFEL!, …` for a root cause's consequences ("" for none).
fn consequences(shows: &[Consequence], lang: Lang) -> String {
    let a = |d: &Decimal| amount(*d, lang);
    let sv = lang == Lang::Sv;
    let parts: Vec<String> = shows
        .iter()
        .map(|c| {
            let place = match &c.sheet {
                Some(sheet) => format!("{sheet} › {}", c.cell),
                None => c.cell.to_string(),
            };
            match (&c.shows, sv) {
                (Shows::Error(e), true) => format!("{place} visar {}", excel_error(e, lang)),
                (Shows::Error(e), false) => format!("{place} shows {}", excel_error(e, lang)),
                (Shows::Value { shown, right }, true) => {
                    format!("{place} visar {} i stället för {}", a(shown), a(right))
                }
                (Shows::Value { shown, right }, false) => {
                    format!("{place} shows {} instead of {}", a(shown), a(right))
                }
            }
        })
        .collect();
    if parts.is_empty() {
        return String::new();
    }
    format!(
        " {} {}.",
        lang.pick("Därför:", "As a result:"),
        parts.join(", ")
    )
}

fn message(kind: &Kind, lang: Lang) -> String {
    let a = |d: &Decimal| amount(*d, lang);
    let q = |t: &str| quoted(t, lang);
    let sv = lang == Lang::Sv;
    match kind {
        Kind::UnreadableFile(why) => match why {
            Unreadable::Empty => lang.pick("Filen är tom (0 byte) och kan inte läsas.", "The file is empty (0 bytes) and cannot be read.").into(),
            Unreadable::Encrypted => lang.pick(
                "Filen är lösenordsskyddad (krypterad) och kan inte läsas. Spara en kopia utan lösenord och skicka den.",
                "The file is password-protected (encrypted) and cannot be read. Save a copy without a password and send that.",
            ).into(),
            // The reader's own (English) words are in the report's `detail`.
            Unreadable::Corrupt(_) => lang.pick(
                "Filen är skadad eller ofullständig och kan inte läsas som arbetsbok. Be avsändaren skicka den igen, gärna efter att ha öppnat och sparat den i Excel.",
                "The file is damaged or incomplete and cannot be read as a workbook. Ask the sender to send it again, preferably after opening and saving it in Excel.",
            ).into(),
            Unreadable::NotSpreadsheet => lang.pick(
                "Filen har en arbetsboks ändelse men är ingen arbetsbok (den ser ut att vara text eller ett annat format). Spara den som Excel-arbetsbok (.xlsx).",
                "The file has a workbook extension but is not a workbook (it looks like text or another format). Save it as an Excel workbook (.xlsx).",
            ).into(),
            Unreadable::Io(_) => lang.pick(
                "Filen kunde inte läsas från disken. Kontrollera att du har behörighet till den och att den inte är låst av ett annat program.",
                "The file could not be read from disk. Check that you have permission to read it and that no other program locks it.",
            ).into(),
            Unreadable::DuplicatePart(part) if part.is_empty() => lang.pick(
                "Filen innehåller samma del två gånger, och vilken av dem som gäller är inte bestämt. Öppna filen i Excel, spara den som en ny .xlsx och skicka den igen.",
                "The file holds the same part twice, and which of them counts is not defined. Open the file in Excel, save it as a new .xlsx and send that.",
            ).into(),
            Unreadable::DuplicatePart(part) => if sv {
                format!("Filen innehåller delen {} två gånger, och vilken av dem som gäller är inte bestämt. Öppna filen i Excel, spara den som en ny .xlsx och skicka den igen.", q(part))
            } else {
                format!("The file holds the part {} twice, and which of them counts is not defined. Open the file in Excel, save it as a new .xlsx and send that.", q(part))
            },
            Unreadable::WordDocument => lang.pick(
                "Filen är ett Word-dokument, ingen Excel-arbetsbok, fast namnet slutar på en arbetsboks ändelse. Skicka budgetmallen (Excel-filen) i stället.",
                "The file is a Word document, not an Excel workbook, although its name ends in a workbook extension. Send the budget template (the Excel file) instead.",
            ).into(),
            Unreadable::PowerPointDocument => lang.pick(
                "Filen är en PowerPoint-presentation, ingen Excel-arbetsbok, fast namnet slutar på en arbetsboks ändelse. Skicka budgetmallen (Excel-filen) i stället.",
                "The file is a PowerPoint presentation, not an Excel workbook, although its name ends in a workbook extension. Send the budget template (the Excel file) instead.",
            ).into(),
            Unreadable::MacroSheet(_) => lang.pick(
                "Arbetsboken innehåller ett Excel 4.0-makroblad, som inte kan läsas. Ta bort makrobladet (eller kopiera bladen Budgetfördelning och Utvecklingsinitiativ till en ny arbetsbok), spara som .xlsx och skicka filen igen.",
                "The workbook holds an Excel 4.0 macro sheet, which cannot be read. Delete the macro sheet (or copy the sheets Budgetfördelning and Utvecklingsinitiativ into a new workbook), save as .xlsx and send the file again.",
            ).into(),
            Unreadable::NotRegularFile(what) => {
                let (sv_what, en_what) = match what {
                    Special::Fifo => ("en namngiven pipe (FIFO)", "a named pipe (FIFO)"),
                    Special::Socket => ("en socket", "a socket"),
                    Special::Device => ("en enhetsfil", "a device file"),
                    Special::BrokenLink => ("en länk till en fil som inte finns", "a link to a file that does not exist"),
                    Special::Other => ("en särskild fil", "a special file"),
                };
                if sv {
                    format!("Det här är inte en vanlig fil utan {sv_what}, så den öppnades inte. Lägg arbetsboken i mappen som en vanlig fil (spara eller kopiera den dit), eller ta bort posten.")
                } else {
                    format!("This is not a regular file but {en_what}, so it was not opened. Put the workbook in the folder as an ordinary file (save or copy it there), or remove the entry.")
                }
            }
        },
        Kind::NotAWorkbook { extension } => if sv {
            format!("Inte en arbetsbok (ändelsen {} läses inte); filen hoppas över.", q(extension))
        } else {
            format!("Not a workbook (extension {} is not read); the file is skipped.", q(extension))
        },
        Kind::TooLarge(what) => {
            // Counts grouped as amounts are (96 000 000 / 96,000,000).
            let n = |count: u64| amount(Decimal::from(count), lang);
            let detail = match (what, sv) {
                (TooLarge::File { bytes }, true) => format!("filen är {} MiB", bytes / (1 << 20)),
                (TooLarge::File { bytes }, false) => format!("the file is {} MiB", bytes / (1 << 20)),
                (TooLarge::ZipPart { part, bytes }, true) => format!("delen {part} anger {} MiB okomprimerat", bytes / (1 << 20)),
                (TooLarge::ZipPart { part, bytes }, false) => format!("part {part} declares {} MiB uncompressed", bytes / (1 << 20)),
                (TooLarge::SharedStrings { declared }, true) => format!("den anger {} delade texter, fler än delen kan rymma", n(*declared)),
                (TooLarge::SharedStrings { declared }, false) => format!("it declares {} shared strings, more than its part can hold", n(*declared)),
                (TooLarge::Cells { limit }, true) => format!("bladet har fler än {} ifyllda celler", n(*limit as u64)),
                (TooLarge::Cells { limit }, false) => format!("the sheet has more than {} filled cells", n(*limit as u64)),
                (TooLarge::Span { cells, limit }, true) => format!("bladen spänner tillsammans över {} celler, fler än {} (en .xls- eller .ods-fil läses som hela rektanglar)", n(*cells), n(*limit as u64)),
                (TooLarge::Span { cells, limit }, false) => format!("its sheets together span {} cells, more than {} (an .xls or .ods file is read as whole rectangles)", n(*cells), n(*limit as u64)),
            };
            if sv {
                format!("För stor för att vara en budgetmall: {detail}. Den lästes inte.")
            } else {
                format!("Too large to be a budget template: {detail}. It was not read.")
            }
        }
        Kind::MissingSheet { sheet, found } => if sv {
            format!("Bladet {} saknas. Arbetsboken har bladen: {}.", q(sheet), list(found))
        } else {
            format!("Sheet {} is missing. The workbook has the sheets: {}.", q(sheet), list(found))
        },
        Kind::MissingHeader { sheet, missing } => if sv {
            format!("Tabellhuvudet hittades inte i {}: ingen rad har alla rubriker som behövs (saknas: {}).", q(sheet), list(missing))
        } else {
            format!("The table header was not found in {}: no row holds every heading needed (missing: {}).", q(sheet), list(missing))
        },
        Kind::MissingMetadata { label } => if sv {
            format!("Uppgiften {} saknas ovanför tabellen. Skriv etiketten och värdet i cellen till höger om den.", q(label))
        } else {
            format!("The field {} is missing above the table. Write the label and its value in the cell to its right.", q(label))
        },
        Kind::InvalidMetadata { label, found } => {
            let hint = match (*label, sv) {
                (crate::labels::META_BUDGET_YEAR, true) => "skriv ett årtal, t.ex. 2023",
                (crate::labels::META_BUDGET_YEAR, false) => "write a year, e.g. 2023",
                (crate::labels::META_DATE, true) => "skriv ett datum, t.ex. 2023-03-01",
                (crate::labels::META_DATE, false) => "write a date, e.g. 2023-03-01",
                (_, true) => "skriv ett giltigt värde",
                (_, false) => "write a valid value",
            };
            if sv { format!("{} {} är ogiltigt; {hint}.", label, q(found)) } else { format!("{} {} is not valid; {hint}.", label, q(found)) }
        }
        Kind::UnknownArea { area, known, closest: Some(closest) } => if sv {
            format!("Tjänsteområdet {} finns inte i konfigurationen (kända: {}). Menade du {closest}? Rätta namnet eller lägg till det som alias i budget.toml.", q(area), list(known))
        } else {
            format!("Service area {} is not in the configuration (known: {}). Did you mean {closest}? Correct the name or add it as an alias in budget.toml.", q(area), list(known))
        },
        Kind::UnknownArea { area, known, closest: None } => if sv {
            format!("Tjänsteområdet {} finns inte i konfigurationen (kända: {}). Rätta namnet eller lägg till det som alias i budget.toml.", q(area), list(known))
        } else {
            format!("Service area {} is not in the configuration (known: {}). Correct the name or add it as an alias in budget.toml.", q(area), list(known))
        },
        Kind::SimilarArea { area, other, other_file } => if sv {
            format!("Tjänsteområdet {} och {} i {other_file} är troligen samma tjänsteområde två gånger — lägg ett av namnen som alias i budget.toml (eller rätta namnet i filen).", q(area), q(other))
        } else {
            format!("Service areas {} and {} in {other_file} are most likely the same area twice — add one of the names as an alias in budget.toml (or correct the name in the file).", q(area), q(other))
        },
        Kind::MissingArea { area } => if sv {
            format!("Ingen fil för tjänsteområdet {} hittades i mappen.", q(area))
        } else {
            format!("No file for service area {} was found in the folder.", q(area))
        },
        Kind::DuplicateArea { area, files, same_version: Some(version) } => {
            let both = files.len() == 2;
            if sv {
                let who = if both { "båda har" } else { "de nyaste har alla" };
                let one = if both { "den ena" } else { "de inaktuella" };
                format!("Tjänsteområdet {} finns i flera filer: {}; {who} version {version} — ta bort {one} eller höj versionen.", q(area), list(files))
            } else {
                let who = if both { "both have" } else { "the newest all have" };
                let one = if both { "one of them" } else { "the outdated ones" };
                format!("Service area {} appears in several files: {}; {who} version {version} — remove {one} or raise the version.", q(area), list(files))
            }
        }
        Kind::DuplicateArea { area, files, same_version: None } => if sv {
            format!("Tjänsteområdet {} finns i flera filer: {}. Ta bort de inaktuella filerna eller kör med --latest-version.", q(area), list(files))
        } else {
            format!("Service area {} appears in several files: {}. Remove the outdated files or run with --latest-version.", q(area), list(files))
        },
        Kind::SupersededVersion { area, version, kept_file, kept_version } => if sv {
            format!("Version {version} av {area} ersätts av version {kept_version} i {kept_file} och tas inte med.")
        } else {
            format!("Version {version} of {area} is superseded by version {kept_version} in {kept_file} and is left out.")
        },
        Kind::InvalidAmount { column, found } => match (found, sv) {
            (NotAmount::Text(t), true) => format!("{column}: texten {} är inget belopp. Skriv ett tal i tkr.", q(t)),
            (NotAmount::Text(t), false) => format!("{column}: the text {} is not an amount. Write a number in tkr.", q(t)),
            (NotAmount::Ambiguous(t), true) => format!("{column}: {} är tvetydigt – 3,9 för en svensk men 3 900 i engelsk skrivning. Skriv talet utan tvetydighet, t.ex. 3900 eller 3,90.", q(t)),
            (NotAmount::Ambiguous(t), false) => format!("{column}: {} is ambiguous – 3.9 in Swedish writing but 3,900 in English. Write the number unambiguously, e.g. 3900 or 3.90.", q(t)),
            (NotAmount::Date(t), true) => format!("{column}: cellen innehåller ett datum ({t}), inget belopp. Skriv beloppet och formatera cellen som tal."),
            (NotAmount::Date(t), false) => format!("{column}: the cell holds a date ({t}), not an amount. Write the amount and format the cell as a number."),
            (NotAmount::Bool(b), true) => format!("{column}: cellen innehåller sanningsvärdet {}, inget belopp. Skriv beloppet i tkr.", if *b { "SANT" } else { "FALSKT" }),
            (NotAmount::Bool(b), false) => format!("{column}: the cell holds the logical value {}, not an amount. Write the amount in tkr.", if *b { "TRUE" } else { "FALSE" }),
            (NotAmount::ErrorValue(e), true) => format!("{column}: cellen innehåller felvärdet {}. Rätta formeln.", excel_error(e, lang)),
            (NotAmount::ErrorValue(e), false) => format!("{column}: the cell holds the error value {}. Correct the formula.", excel_error(e, lang)),
            (NotAmount::OutOfRange(t), true) => format!("{column}: talet {t} är för stort för att vara ett belopp (högst {} tkr). Kontrollera talet och skriv beloppet i tkr.", a(&crate::amount::MAX_AMOUNT)),
            (NotAmount::OutOfRange(t), false) => format!("{column}: the number {t} is too large to be an amount (at most {} tkr). Check the number and write the amount in tkr.", a(&crate::amount::MAX_AMOUNT)),
            (NotAmount::Implausible(v), true) => format!("{column}: {} tkr är mer än någon budget (högst {} tkr). Kontrollera beloppet; det är troligen inte skrivet i tkr.", a(v), a(&crate::amount::MAX_AMOUNT)),
            (NotAmount::Implausible(v), false) => format!("{column}: {} tkr is more than any budget (at most {} tkr). Check the amount; it is probably not written in tkr.", a(v), a(&crate::amount::MAX_AMOUNT)),
            (NotAmount::SumTooLarge(sum), true) => format!("{column}: summan blir {} tkr med den här cellen, mer än någon budget ({} tkr). Kontrollera beloppen; de är troligen inte skrivna i tkr.", a(sum), a(&crate::amount::MAX_AMOUNT)),
            (NotAmount::SumTooLarge(sum), false) => format!("{column}: the sum comes to {} tkr with this cell, more than any budget ({} tkr). Check the amounts; they are probably not written in tkr.", a(sum), a(&crate::amount::MAX_AMOUNT)),
        },
        Kind::NegativeAmount { column, value } => if sv {
            format!("{column} är negativt ({}); utvecklingsbelopp ska vara 0 eller mer.", a(value))
        } else {
            format!("{column} is negative ({}); development amounts must be 0 or more.", a(value))
        },
        Kind::NumberAsText { column, text, value } => if sv {
            format!("{column} är skrivet som text ({}) och lästes som {}. Skriv talet som ett tal.", q(text), a(value))
        } else {
            format!("{column} is written as text ({}) and was read as {}. Enter it as a number.", q(text), a(value))
        },
        Kind::RowSumMismatch { stated, new, existing } => {
            let sum = new.saturating_add(*existing);
            format!(
                "Belopp {} ≠ {} {} + {} {} = {}",
                a(stated), crate::labels::COL_NEW, a(new), crate::labels::COL_EXISTING_SHORT, a(existing), a(&sum)
            )
        }
        Kind::TotalMismatch { column, stated, computed } => if sv {
            format!("Summa {column} {} ≠ summan av raderna {}", a(stated), a(computed))
        } else {
            format!("Total {column} {} ≠ sum of the rows {}", a(stated), a(computed))
        },
        Kind::MissingTotalRow { sheet } => if sv {
            format!("Summa-raden saknas i {}: tabellen ska avslutas med en rad där initiativet heter Summa.", q(sheet))
        } else {
            format!("The total row is missing in {}: the table must end with a row whose initiative cell is Summa.", q(sheet))
        },
        Kind::UncategorizedAmount { amount: value } => if sv {
            format!("Belopp {} är inte fördelat: både Nyutveckling och Utveckling inom befintlig tjänst är 0. För beloppet till en av kategorierna.", a(value))
        } else {
            format!("Amount {} is not categorised: both Nyutveckling and Utveckling inom befintlig tjänst are 0. Put the amount in one of the categories.", a(value))
        },
        Kind::MissingInitiativeName { amount: value } => if sv {
            format!("Raden har belopp ({}) men inget namn på initiativet. Skriv initiativets namn.", a(value))
        } else {
            format!("The row has amounts ({}) but no initiative name. Write the initiative's name.", a(value))
        },
        Kind::DuplicateInitiative { name, first_row } => if sv {
            format!("Initiativet {} står redan på rad {first_row}; varje initiativ ska stå en gång.", q(name))
        } else {
            format!("Initiative {} already appears on row {first_row}; each initiative must appear once.", q(name))
        },
        Kind::CrossSheetTotal { year, budget, plan } => if sv {
            format!("Budgetfördelningens Summa Belopp {} ≠ Utvecklingsinitiativs summa Utveckling {year} {}", a(budget), a(plan))
        } else {
            format!("Budgetfördelning's total Belopp {} ≠ Utvecklingsinitiativ's total Utveckling {year} {}", a(budget), a(plan))
        },
        Kind::CrossSheetInitiative { name, year, budget, budget_cell, plan } => if sv {
            format!("{}: Utveckling {year} {} ≠ Belopp {} i Budgetfördelning ({budget_cell})", q(name), a(plan), a(budget))
        } else {
            format!("{}: Utveckling {year} {} ≠ Belopp {} in Budgetfördelning ({budget_cell})", q(name), a(plan), a(budget))
        },
        Kind::UnmatchedInitiative { name, found_in, missing_in } => if sv {
            format!("Initiativet {} finns i {found_in} men inte i {missing_in}. Kontrollera att det heter likadant i båda bladen.", q(name))
        } else {
            format!("Initiative {} is in {found_in} but not in {missing_in}. Check that it has the same name in both sheets.", q(name))
        },
        Kind::HeadingRow { text } => if sv {
            format!("Raden {} har inga belopp och läses som en rubrik.", q(text))
        } else {
            format!("Row {} has no amounts and is read as a heading.", q(text))
        },
        Kind::YearMismatch { kind, found, expected, source } => {
            let from = match (source, sv) {
                (YearSource::Config, true) => "konfigurationens",
                (YearSource::Config, false) => "the configuration's",
                (YearSource::Majority, true) => "de flesta tjänsteområdenas",
                (YearSource::Majority, false) => "most areas'",
                (YearSource::OwnPlan, true) => "filens egna planår",
                (YearSource::OwnPlan, false) => "the file's own plan years",
            };
            match (kind, sv) {
                (YearKind::BudgetYear, true) => format!("Budgetår {found} skiljer sig från {from} budgetår {expected}."),
                (YearKind::BudgetYear, false) => format!("Budget year {found} differs from {from} budget year {expected}."),
                (YearKind::PlanYears, true) => format!("Planåren {found} skiljer sig från {from} planår {expected}."),
                (YearKind::PlanYears, false) => format!("Plan years {found} differ from {from} plan years {expected}."),
                (YearKind::BudgetYearNotPlanned, true) => format!("Budgetår {found} finns inte bland {from} {expected}."),
                (YearKind::BudgetYearNotPlanned, false) => format!("Budget year {found} is not among {from} {expected}."),
            }
        }
        Kind::InvalidCategory { found } => if sv {
            format!("Påverkan {} är inte Liten, Mellan eller Stor.", q(found))
        } else {
            format!("Påverkan {} is not Liten, Mellan or Stor (small, medium, large).", q(found))
        },
        Kind::FormulaWithoutValue { column, recomputed } => match (recomputed, sv) {
            (Some(v), true) => format!("{column}: formeln har inget beräknat värde (filen sparades av ett program som inte räknar); värdet {} räknades om från tabellen.", a(v)),
            (Some(v), false) => format!("{column}: the formula has no calculated value (the file was saved by a program that does not calculate); the value {} was recomputed from the table.", a(v)),
            (None, true) => format!("{column}: formeln har inget beräknat värde. Öppna filen i Excel eller LibreOffice, spara den och skicka den igen."),
            (None, false) => format!("{column}: the formula has no calculated value. Open the file in Excel or LibreOffice, save it and send it again."),
        },
        Kind::FrameExceeded { area, total, frame } => {
            let over = total.saturating_sub(*frame);
            match (area, sv) {
                (Some(ar), true) => format!("{ar}: Summa {} överskrider ramen {} med {}.", a(total), a(frame), a(&over)),
                (Some(ar), false) => format!("{ar}: total {} exceeds the frame {} by {}.", a(total), a(frame), a(&over)),
                (None, true) => format!("Totalen {} överskrider totalramen {} med {}.", a(total), a(frame), a(&over)),
                (None, false) => format!("The total {} exceeds the total frame {} by {}.", a(total), a(frame), a(&over)),
            }
        }
        Kind::FrameDeviation { area: None, total, frame, left_out } if !left_out.is_empty() => {
            let under = frame.saturating_sub(*total);
            let names = list(left_out);
            let one = left_out.len() == 1;
            if sv {
                let fix = if one { "Rätta det" } else { "Rätta dem" };
                format!("Totalen {} understiger totalramen {} med {}, eftersom {names} inte är med (fel). {fix} och kör igen.", a(total), a(frame), a(&under))
            } else {
                let (verb, fix) = if one { ("is", "Correct it") } else { ("are", "Correct them") };
                format!("The total {} is below the total frame {} by {}, because {names} {verb} left out (errors). {fix} and run again.", a(total), a(frame), a(&under))
            }
        }
        Kind::FrameDeviation { area, total, frame, .. } => {
            let under = frame.saturating_sub(*total);
            match (area, sv) {
                (Some(ar), true) => format!("{ar}: Summa {} understiger ramen {} med {}.", a(total), a(frame), a(&under)),
                (Some(ar), false) => format!("{ar}: total {} is below the frame {} by {}.", a(total), a(frame), a(&under)),
                (None, true) => format!("Totalen {} understiger totalramen {} med {}.", a(total), a(frame), a(&under)),
                (None, false) => format!("The total {} is below the total frame {} by {}.", a(total), a(frame), a(&under)),
            }
        }
        Kind::AmbiguousSheet { sheet, used: Some(used), others } => {
            let one = others.len() == 1;
            let others: Vec<String> = others.iter().map(|o| q(o)).collect();
            if sv {
                let hidden = if one { "det dolda bladet" } else { "de dolda bladen" };
                format!("Flera blad heter {} (namnen skiljer sig bara i mellanslag eller stora och små bokstäver): det synliga bladet {} lästes, {hidden} {} lästes inte. Ta bort det dolda om det är inaktuellt (högerklicka på en bladflik och välj Ta fram för att se det), så att bara ett blad med namnet finns kvar.", q(sheet), q(used), list(&others))
            } else {
                let hidden = if one { "the hidden sheet" } else { "the hidden sheets" };
                format!("Several sheets are named {} (the names differ only in spaces or case): the visible sheet {} was read, {hidden} {} not. Delete the hidden one if it is outdated (right-click a sheet tab and choose Unhide to see it), so that only one sheet of that name remains.", q(sheet), q(used), list(&others))
            }
        }
        Kind::AmbiguousSheet { sheet, used: None, others } => {
            let others: Vec<String> = others.iter().map(|o| q(o)).collect();
            if sv {
                format!("Flera synliga blad heter {} (namnen skiljer sig bara i mellanslag eller stora och små bokstäver): {}. Det går inte att avgöra vilket som gäller, så tjänsteområdet tas inte med. Ta bort eller byt namn på de blad som inte gäller.", q(sheet), list(&others))
            } else {
                format!("Several visible sheets are named {} (the names differ only in spaces or case): {}. Which one counts cannot be told, so the service area is left out. Delete or rename the sheets that do not count.", q(sheet), list(&others))
            }
        }
        Kind::AmbiguousColumn { header, cells } => {
            let cells: Vec<String> = cells.iter().map(CellRef::to_string).collect();
            let cells = match cells.split_last() {
                Some((last, rest)) if !rest.is_empty() => {
                    format!("{} {} {last}", rest.join(", "), lang.pick("och", "and"))
                }
                _ => cells.join(""),
            };
            if sv {
                format!("Rubriken {} står i flera kolumner ({cells}); det går inte att avgöra vilken kolumn som gäller, så tabellen lästes inte. Ta bort eller byt namn på den kolumn som inte gäller.", q(header))
            } else {
                format!("The header {} stands in several columns ({cells}); which column counts cannot be told, so the table was not read. Delete or rename the column that does not count.", q(header))
            }
        }
        Kind::TextTooLong { length, limit } => {
            let n = |count: usize| amount(Decimal::from(count), lang);
            if sv {
                format!("Texten i cellen är {} tecken lång, mer än de {} som en cell i Excel rymmer. Den lästes och skrivs förkortad till {} tecken. Korta texten (lägg långa beskrivningar i ett eget dokument).", n(*length), n(*limit), n(*limit))
            } else {
                format!("The text in the cell is {} characters long, more than the {} an Excel cell holds. It was read and is written shortened to {} characters. Shorten the text (put long descriptions in a document of their own).", n(*length), n(*limit), n(*limit))
            }
        }
        Kind::UnmappedActual { project, amount: value, months } => match (project, sv) {
            (Some(p), true) => format!("Utfall {} tkr på projekt {} ({months}) hör till inget initiativ och inget tjänsteområde och räknas inte i uppföljningen. Skriv koden i kolumnen Projekt i rätt tjänsteområdes mall, eller lägg till den som [[project]] i budget.toml.", a(value), q(p)),
            (Some(p), false) => format!("Actuals of {} tkr on project {} ({months}) belong to no initiative and no area and are left out of the follow-up. Write the code in the Projekt column of the right area's template, or add it as a [[project]] in budget.toml.", a(value), q(p)),
            (None, true) => format!("Utfall {} tkr utan projekt på kostnadskonton ({months}) hör till inget initiativ och räknas inte i uppföljningen. Be ekonomi boka om kostnaden på rätt projekt.", a(value)),
            (None, false) => format!("Actuals of {} tkr without a project on cost accounts ({months}) belong to no initiative and are left out of the follow-up. Ask finance to rebook the cost on the right project.", a(value)),
        },
        Kind::MissingProjectCode { area, initiative, budget } => if sv {
            format!("{area}: initiativet {} har budget {} tkr men ingen projektkod, så dess utfall räknas som 0. Skriv projektkoden i kolumnen Projekt eller som [[project]] i budget.toml.", q(initiative), a(budget))
        } else {
            format!("{area}: initiative {} has a budget of {} tkr but no project code, so its actual counts as 0. Write the project code in the Projekt column or as a [[project]] in budget.toml.", q(initiative), a(budget))
        },
        Kind::DuplicateProjectCode { code, first, second } => if sv {
            format!("Projektkoden {} är angiven för två olika mål: {first} och {second}. En kod får höra till ett initiativ (eller ett tjänsteområde); ta bort den felaktiga.", q(code))
        } else {
            format!("Project code {} is given for two different targets: {first} and {second}. A code may belong to one initiative (or one area); remove the wrong one.", q(code))
        },
        Kind::UnknownInitiative { area, initiative, closest } => {
            let near = if closest.is_empty() {
                String::new()
            } else if sv {
                format!(" Menade du: {}?", list(closest))
            } else {
                format!(" Did you mean: {}?", list(closest))
            };
            match (area, sv) {
                (Some(ar), true) => format!("{ar} har inget initiativ {} i planen.{near}", q(initiative)),
                (Some(ar), false) => format!("{ar} has no initiative {} in the plan.{near}", q(initiative)),
                (None, true) => format!("Planen har inget initiativ eller projekt {}.{near}", q(initiative)),
                (None, false) => format!("The plan has no initiative or project {}.{near}", q(initiative)),
            }
        }
        Kind::BudgetMismatch { area, initiative, ledger, decided } => if sv {
            format!("{area} › {}: ekonomisystemets periodiserade budget för året är {} tkr men beslutad budget är {} tkr. Budget helår visas som beslutat; rätta budgeten i ekonomisystemet.", q(initiative), a(ledger), a(decided))
        } else {
            format!("{area} › {}: the ledger's periodised budget for the year is {} tkr but the decided budget is {} tkr. The decided full-year budget is shown; correct the budget in the ledger.", q(initiative), a(ledger), a(decided))
        },
        Kind::EvenPeriodisation { areas } => if sv {
            format!("Budget ack för {} är jämnt fördelad, en tolftedel per månad: ingen periodiserad budget finns i ekonomisystemet och ingen periodiseringsnyckel i budget.toml.", list(areas))
        } else {
            format!("Budget to date for {} is spread evenly, a twelfth per month: the ledger has no periodised budget and budget.toml has no periodisation key.", list(areas))
        },
        Kind::NoForecast { area, initiatives } => if sv {
            format!("{area}: ingen prognos för {}; budgeten används som prognos.", list(initiatives))
        } else {
            format!("{area}: no forecast for {}; the budget is used as forecast.", list(initiatives))
        },
        Kind::MissingComment { initiative, forecast, budget, threshold } => if sv {
            format!("{}: prognosen {} tkr avviker mer än {} % från budgeten {} tkr men har ingen kommentar. Skriv en kommentar i kolumnen Kommentar.", q(initiative), a(forecast), a(threshold), a(budget))
        } else {
            format!("{}: the forecast of {} tkr deviates more than {} % from the budget of {} tkr but has no comment. Write a comment in the Kommentar column.", q(initiative), a(forecast), a(threshold), a(budget))
        },
        Kind::ActualExceedsBudget { area, initiative, actual, budget } => if sv {
            format!("{area} › {}: utfallet hittills {} tkr överskrider hela årets budget {} tkr.", q(initiative), a(actual), a(budget))
        } else {
            format!("{area} › {}: the actual to date of {} tkr exceeds the full-year budget of {} tkr.", q(initiative), a(actual), a(budget))
        },
        Kind::PeriodGap { months } => if sv {
            format!("Inga kostnader alls finns för {} i någon utfallsfil. Saknas en export från ekonomisystemet?", list(months))
        } else {
            format!("No costs at all are found for {} in any actuals file. Is an export from the ledger missing?", list(months))
        },
        Kind::OverlappingActuals { first, second, months } => if sv {
            format!("{first} och {second} har båda utfall för {}, som då skulle räknas två gånger. Ta bort den äldre exporten eller dela upp den så att varje månad finns i en fil.", list(months))
        } else {
            format!("{first} and {second} both hold actuals for {}, which would then be counted twice. Remove the older export or split it so that each month is in one file.", list(months))
        },
        Kind::UnreadableActuals(why) => actuals_unreadable_message(why, lang),
        Kind::InvalidActualsRow { column, found, expected } => {
            actuals_row_message(column.as_deref(), found, expected, lang)
        }
        Kind::MixedObjectRows { account, year, month, reading } => match (reading, sv) {
            (ObjectReading::SingleRowUsed, true) => format!("Objektraderna följer inte SIE-standardens form: för konto {account} {year}-{month:02} finns både en rad för projektet ensamt och rader där projektet står med andra objekt. Raden för projektet ensamt användes (de övriga är delar av den). Gäller hela filen; första stället nämns."),
            (ObjectReading::SingleRowUsed, false) => format!("The object rows do not follow the SIE standard's form: for account {account} {year}-{month:02} there is both a row for the project alone and rows where the project stands with other objects. The row for the project alone was used (the others are parts of it). Applies to the whole file; the first place is named."),
            (ObjectReading::EmptyAsUnobjected, true) => format!("Objektraderna följer inte SIE-standardens form: för konto {account} {year}-{month:02} är objektraderna större än raden {{}} (eller raden {{}} saknas). Raden {{}} lästes därför som det som bokförts utan objekt, och kontots kostnad som {{}} plus objektraderna. Gäller varje sådant konto och månad i filen; första stället nämns."),
            (ObjectReading::EmptyAsUnobjected, false) => format!("The object rows do not follow the SIE standard's form: for account {account} {year}-{month:02} the object rows exceed the {{}} row (or there is no {{}} row). So {{}} was read as what was booked without objects, and the account's cost as {{}} plus the object rows. Applies to every such account and month of the file; the first place is named."),
        },
        Kind::VersionMismatch { table, field } => if sv {
            format!("Versionstabellens sista rad har version {}, men fältet Version på bladet Budgetfördelning säger {}. Lägg till en rad för version {} i tabellen, eller rätta fältet Version.", q(table), q(field), q(field))
        } else {
            format!("The version table's last row has version {}, but the Version field on sheet Budgetfördelning says {}. Add a row for version {} to the table, or correct the Version field.", q(table), q(field), q(field))
        },
        Kind::FolderLoop { link, target } => {
            let (sv_target, en_target) = if target.is_empty() {
                ("indatamappen själv".to_string(), "the input folder itself".to_string())
            } else {
                (format!("mappen {}", q(target)), format!("the folder {}", q(target)))
            };
            if sv {
                format!("Länken {} leder tillbaka till {sv_target}, som redan läses; den följs inte, så inget läses två gånger. Ta bort länken om den inte behövs.", q(link))
            } else {
                format!("The link {} leads back to {en_target}, which is already being read; it is not followed, so nothing is read twice. Remove the link if it is not needed.", q(link))
            }
        }
        Kind::TextBreaksFormula { column, text, shows, .. } => {
            let spaced = text.chars().any(|c| c.is_whitespace());
            let fix = match (spaced, sv) {
                (true, true) => "skriv talet utan mellanslag eller som tal",
                (true, false) => "write the number without spaces or as a number",
                (false, true) => "skriv det som tal",
                (false, false) => "enter it as a number",
            };
            let what = if sv { "är text" } else { "is text" };
            let mut out = format!("{column}: {} {what} — {fix}.", q(text));
            out.push_str(&consequences(shows, lang));
            out
        }
        Kind::InvalidBreaksFormula { column, found, shows } => {
            let mut out = message(
                &Kind::InvalidAmount {
                    column: column.clone(),
                    found: found.clone(),
                },
                lang,
            );
            out.push_str(&consequences(shows, lang));
            out
        }
        Kind::EmptyMetadata { label } => if sv {
            format!("{} är inte ifyllt. Fyll i cellen till höger om etiketten innan du skickar filen.", q(label))
        } else {
            format!("{} is not filled in. Fill in the cell to the right of the label before sending the file.", q(label))
        },
        Kind::EmptyTemplate => lang.pick(
            "Mallen har inga initiativ: både Budgetfördelning och Utvecklingsinitiativ är tomma. Fyll i ett initiativ per rad innan du skickar filen.",
            "The template has no initiatives: both Budgetfördelning and Utvecklingsinitiativ are empty. Fill in one initiative per row before sending the file.",
        ).into(),
        Kind::InternalError { detail } => {
            let mut out = String::new();
            if sv {
                // The (English) panic text is in the report's `detail`.
                let _ = write!(out, "Internt fel när filen lästes. Filen hoppades över; rapportera felet till utvecklarna.");
            } else {
                let _ = write!(out, "Internal error while reading the file ({detail}). The file was skipped; please report it to the developers.");
            }
            out
        }
    }
}

fn actuals_unreadable_message(why: &UnreadableActuals, lang: Lang) -> String {
    let sv = lang == Lang::Sv;
    let q = |t: &str| quoted(t, lang);
    match (why, sv) {
        (UnreadableActuals::Io(e), true) => format!("Utfallsfilen kunde inte läsas: {e}."),
        (UnreadableActuals::Io(e), false) => format!("The actuals file could not be read: {e}."),
        (UnreadableActuals::NotAFile, true) => "Utfallet är ingen vanlig fil (en mapp, en enhet eller ett rör) och lästes inte. Ange en exportfil.".into(),
        (UnreadableActuals::NotAFile, false) => "The actuals path is no regular file (a folder, a device or a pipe) and was not read. Name an export file.".into(),
        (UnreadableActuals::Empty, true) => "Utfallsfilen är tom (0 byte). Gör om exporten ur ekonomisystemet.".into(),
        (UnreadableActuals::Empty, false) => "The actuals file is empty (0 bytes). Export it from the ledger again.".into(),
        (UnreadableActuals::TooLarge { bytes }, true) => format!("Utfallsfilen är {} MiB, för stor för att läsas. Exportera ett kortare urval (t.ex. bara kostnadskontona eller ett år).", bytes / (1 << 20)),
        (UnreadableActuals::TooLarge { bytes }, false) => format!("The actuals file is {} MiB, too large to read. Export a smaller selection (e.g. only the cost accounts or one year).", bytes / (1 << 20)),
        (UnreadableActuals::Html, true) => "Filen är en webbsida (HTML), ingen export ur ekonomisystemet – troligen ett felmeddelande som sparats vid nedladdningen. Hämta exporten igen.".into(),
        (UnreadableActuals::Html, false) => "The file is a web page (HTML), no ledger export – probably an error page saved by the download. Fetch the export again.".into(),
        (UnreadableActuals::NotLedger { extension }, true) => format!("Filen är varken en SIE-fil eller en tabell (ändelsen {}); den lästes inte. Exportera utfallet som SIE (.se) eller som tabell (.csv, .xlsx).", q(extension)),
        (UnreadableActuals::NotLedger { extension }, false) => format!("The file is neither an SIE file nor a table (extension {}); it was not read. Export the actuals as SIE (.se) or as a table (.csv, .xlsx).", q(extension)),
        (UnreadableActuals::ChecksumMissing, true) => "SIE-filen börjar med #KSUMMA men den avslutande raden #KSUMMA med kontrollsumman saknas: filen är avkortad. Gör om exporten och skicka hela filen.".into(),
        (UnreadableActuals::ChecksumMissing, false) => "The SIE file opens with #KSUMMA but the closing #KSUMMA line with the checksum is missing: the file is truncated. Export it again and send the whole file.".into(),
        (UnreadableActuals::ChecksumMismatch { stated, computed }, true) => format!("SIE-filens kontrollsumma stämmer inte: filen anger {stated}, innehållet ger {computed}. Filen har ändrats eller skadats efter exporten; gör om exporten."),
        (UnreadableActuals::ChecksumMismatch { stated, computed }, false) => format!("The SIE file's checksum does not match: the file states {stated}, its content gives {computed}. The file was edited or damaged after the export; export it again."),
        (UnreadableActuals::NoPeriodRows { sie_type }, true) => format!("SIE-filen (typ {sie_type}) har inga rader per period (#PSALDO, #PBUDGET eller #TRANS), bara årssaldon, så den ger inget utfall per månad. Exportera SIE typ 2, 3 eller 4 (periodsaldon eller transaktioner)."),
        (UnreadableActuals::NoPeriodRows { sie_type }, false) => format!("The SIE file (type {sie_type}) has no rows per period (#PSALDO, #PBUDGET or #TRANS), only year balances, so it gives no actuals per month. Export SIE type 2, 3 or 4 (period balances or transactions)."),
        (UnreadableActuals::MissingColumns { missing }, true) => format!("Tabellhuvudet hittades inte: ingen rad har alla rubriker som behövs (saknas: {}). Exportera rapporten med kolumnerna Period, Konto, Projekt och Belopp.", list(missing)),
        (UnreadableActuals::MissingColumns { missing }, false) => format!("The table header was not found: no row holds every heading needed (missing: {}). Export the report with the columns Period, Konto, Projekt and Belopp.", list(missing)),
        (UnreadableActuals::Workbook(inner), _) => message(&Kind::UnreadableFile(inner.clone()), lang),
        (UnreadableActuals::Internal(detail), true) => format!("Internt fel när utfallsfilen lästes ({detail}). Filen hoppades över; rapportera felet till utvecklarna."),
        (UnreadableActuals::Internal(detail), false) => format!("Internal error while reading the actuals file ({detail}). The file was skipped; please report it to the developers."),
    }
}

fn actuals_row_message(
    column: Option<&str>,
    found: &str,
    expected: &ActualsExpected,
    lang: Lang,
) -> String {
    let sv = lang == Lang::Sv;
    let q = |t: &str| quoted(t, lang);
    let prefix = column.map(|c| format!("{c}: ")).unwrap_or_default();
    let what = match (expected, sv) {
        (ActualsExpected::TableAmount(reason), _) => {
            let column = column.unwrap_or("Belopp").to_string();
            return message(
                &Kind::InvalidAmount {
                    column,
                    found: reason.clone(),
                },
                lang,
            )
            .replace(" i tkr", "")
            .replace(" in tkr", "")
                + if sv {
                    " Raden räknades inte."
                } else {
                    " The row was not counted."
                };
        }
        (ActualsExpected::SieAmount, true) => {
            "ett belopp med punkt före decimalerna och minus för kredit, t.ex. -1250.50"
        }
        (ActualsExpected::SieAmount, false) => {
            "an amount with a point before the decimals and minus for credit, e.g. -1250.50"
        }
        (ActualsExpected::Period, true) => "en period ÅÅÅÅMM med månad 01–12, t.ex. 202304",
        (ActualsExpected::Period, false) => "a period YYYYMM with month 01–12, e.g. 202304",
        (ActualsExpected::Date, true) => "ett datum ÅÅÅÅMMDD, t.ex. 20230415",
        (ActualsExpected::Date, false) => "a date YYYYMMDD, e.g. 20230415",
        (ActualsExpected::Account, true) => "ett kontonummer",
        (ActualsExpected::Account, false) => "an account number",
        (ActualsExpected::YearIndex, true) => {
            "ett årsnummer (0 för innevarande år, -1 för föregående)"
        }
        (ActualsExpected::YearIndex, false) => {
            "a year number (0 for the current year, -1 for the previous)"
        }
        (ActualsExpected::ClosedObjectList, true) => "en objektlista som stängs med } på samma rad",
        (ActualsExpected::ClosedObjectList, false) => {
            "an object list closed with } on the same line"
        }
        (ActualsExpected::ObjectPairs, true) => {
            "en objektlista med par av dimension och objekt, t.ex. {6 \"P2301\"}"
        }
        (ActualsExpected::ObjectPairs, false) => {
            "an object list of pairs of dimension and object, e.g. {6 \"P2301\"}"
        }
        (ActualsExpected::ShortLine { limit }, true) => {
            return format!(
                "Raden är längre än {} KiB och kan inte vara en post i en export ({}). Raden räknades inte.",
                limit / 1024,
                q(found)
            );
        }
        (ActualsExpected::ShortLine { limit }, false) => {
            return format!(
                "The line is longer than {} KiB and cannot be a record of an export ({}). The row was not counted.",
                limit / 1024,
                q(found)
            );
        }
        (ActualsExpected::MoreRows { rows }, true) => {
            return format!(
                "Ytterligare {rows} rader med fel av samma slag räknades inte; bara de första anges var för sig. Rätta exporten och läs in den igen."
            );
        }
        (ActualsExpected::MoreRows { rows }, false) => {
            return format!(
                "{rows} more rows with errors of this kind were not counted; only the first are named one by one. Correct the export and read it again."
            );
        }
    };
    if sv {
        format!(
            "{prefix}{} står där det ska stå {what}. Raden räknades inte; rätta exporten.",
            q(found)
        )
    } else {
        format!(
            "{prefix}{} stands where there should be {what}. The row was not counted; correct the export.",
            q(found)
        )
    }
}

#[cfg(test)]
mod examples;
#[cfg(test)]
mod golden;

#[cfg(test)]
mod tests {
    use super::examples::examples;
    use super::*;
    use std::str::FromStr;

    #[test]
    fn codes_are_unique_and_kebab_case() {
        let mut seen = std::collections::HashSet::new();
        for code in Code::ALL {
            assert!(seen.insert(code.as_str()), "duplicate {}", code.as_str());
            assert!(
                code.as_str()
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '-')
            );
        }
        assert_eq!(Code::ALL.len(), 49);
    }

    #[test]
    fn every_code_has_a_message_in_both_languages() {
        let kinds = examples();
        let covered: std::collections::BTreeSet<Code> = kinds.iter().map(code_of).collect();
        let all: std::collections::BTreeSet<Code> = Code::ALL.iter().copied().collect();
        assert_eq!(covered, all, "an example for every code");
        for kind in &kinds {
            let (sv, en) = (message(kind, Lang::Sv), message(kind, Lang::En));
            assert!(!sv.is_empty() && !en.is_empty(), "{kind:?}");
            assert_ne!(sv, en, "{kind:?} reads the same in both languages");
            for swedish in [" är ", " inte ", " finns ", " eller ", " saknas", " kan "] {
                assert!(
                    !en.contains(swedish),
                    "English message has Swedish {swedish:?}: {en}"
                );
            }
            for english in [" is ", " not ", " the ", " cannot "] {
                assert!(
                    !sv.contains(english),
                    "Swedish message has English {english:?}: {sv}"
                );
            }
        }
    }

    #[test]
    fn technical_detail_stays_out_of_the_swedish_message() {
        for kind in [
            Kind::UnreadableFile(Unreadable::Corrupt("zip: Could not find EOCD".into())),
            Kind::UnreadableFile(Unreadable::Io("Permission denied (os error 13)".into())),
            Kind::UnreadableFile(Unreadable::MacroSheet("xl/macrosheets/sheet1.xml".into())),
            Kind::InternalError {
                detail: "index out of bounds".into(),
            },
        ] {
            let f = Finding::new(kind);
            let detail = f.detail().expect("detail");
            assert!(
                !f.message(Lang::Sv).contains(&detail),
                "{}",
                f.message(Lang::Sv)
            );
        }
    }

    #[test]
    fn a_total_under_its_frame_names_every_area_left_out() {
        let f = Finding::new(Kind::FrameDeviation {
            area: None,
            total: Decimal::from(65510),
            frame: Decimal::from(91510),
            left_out: vec!["Ekonomi".into(), "HR".into()],
        });
        assert_eq!(
            f.message(Lang::Sv),
            "Totalen 65 510 understiger totalramen 91 510 med 26 000, eftersom Ekonomi, HR inte är med (fel). Rätta dem och kör igen."
        );
        assert_eq!(
            f.message(Lang::En),
            "The total 65,510 is below the total frame 91,510 by 26,000, because Ekonomi, HR are left out (errors). Correct them and run again."
        );
    }

    #[test]
    fn row_sum_message_names_values_and_sum() {
        let d = |s: &str| Decimal::from_str(s).unwrap_or_default();
        let f = Finding::new(Kind::RowSumMismatch {
            stated: d("13100"),
            new: d("800"),
            existing: d("12200"),
        })
        .in_file("HR.xlsx")
        .at("Budgetfördelning", Some(CellRef::new(8, 3)));
        assert_eq!(f.severity, Severity::Error);
        assert_eq!(
            format!("{}: {}", f.place(Lang::Sv), f.message(Lang::Sv)),
            "HR.xlsx › Budgetfördelning › D9: Belopp 13 100 ≠ Nyutveckling 800 + Utveckling inom befintlig tjänst 12 200 = 13 000"
        );
    }

    #[test]
    fn a_cell_that_is_no_amount_says_what_to_write_instead() {
        let invalid = |found| {
            Finding::new(Kind::InvalidAmount {
                column: "Nyutveckling".into(),
                found,
            })
        };
        assert_eq!(
            invalid(NotAmount::Bool(true)).message(Lang::Sv),
            "Nyutveckling: cellen innehåller sanningsvärdet SANT, inget belopp. Skriv beloppet i tkr."
        );
        assert_eq!(
            invalid(NotAmount::Bool(false)).message(Lang::En),
            "Nyutveckling: the cell holds the logical value FALSE, not an amount. Write the amount in tkr."
        );
        assert_eq!(
            invalid(NotAmount::OutOfRange("1e300".into())).message(Lang::Sv),
            "Nyutveckling: talet 1e300 är för stort för att vara ett belopp (högst 1 000 000 000 000 tkr). Kontrollera talet och skriv beloppet i tkr."
        );
    }
}
