//! Stage: shared by validate, report and write. A `Finding` is a problem (or a note)
//! about a user's file: a stable code, a severity, a place (file, sheet, cell) and a
//! kind carrying the values its message needs.
//!
//! Codes are data: the table `codes!` below holds one row per code — its variant, its
//! stable text, its severity (or `ByKind` where the kind decides), its message family,
//! the kinds that carry it, the Swedish description shown in `Kontroller`, and a
//! `help` line (Swedish, English) where the user has something to do. Messages are rendered per language by the
//! family's file under `finding/` (`reading`, `layout`, `amounts`, `cross_sheet`,
//! `areas`, `follow_up`, `ledger`), one `match` arm per kind, so no kind can lack a
//! message in either language. Adding a code: a row in `codes!`, a variant in
//! `kind.rs`, its arm in its family's file, an example in `examples.rs` (or
//! `examples/follow_up.rs`), then
//! `UPDATE_GOLDEN=1 cargo test golden` and the README's code table.
//!
//! Findings are data; they never abort a run. Fatal problems live in `error.rs`.

mod amounts;
mod areas;
mod cross_sheet;
mod follow_up;
mod kind;
mod layout;
mod ledger;
mod reading;

pub use kind::*;

use crate::lang::{Lang, amount};
use crate::location::CellRef;
use rust_decimal::Decimal;

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

/// A code's severity in the table: fixed, or decided by the kind (`severity_by_kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeverityRule {
    Error,
    Warning,
    Info,
    ByKind,
}

/// The file under `finding/` that renders a code's messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    Reading,
    Layout,
    Amounts,
    CrossSheet,
    Areas,
    FollowUp,
    Ledger,
}

macro_rules! codes {
    ($($variant:ident => $text:literal, $severity:ident, $family:ident, [$($kind:ident),+],
        $description:literal, help: ($help_sv:literal, $help_en:literal);)*) => {
        /// The stable finding codes. Messages may change; these do not.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code { $($variant),* }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $text),* }
            }

            /// The code of a kind of finding.
            pub fn of(kind: &Kind) -> Code {
                match kind { $($(Kind::$kind { .. })|+ => Code::$variant,)* }
            }

            pub fn severity_rule(self) -> SeverityRule {
                match self { $(Code::$variant => SeverityRule::$severity),* }
            }

            pub fn family(self) -> Family {
                match self { $(Code::$variant => Family::$family),* }
            }

            /// What the code means, in a few Swedish words (`Beskrivning` in `Kontroller`).
            pub fn description(self) -> &'static str {
                match self { $(Code::$variant => $description),* }
            }

            /// What the user can do about a finding of this code, in one line; `None`
            /// where there is nothing to do (a note) or the message alone says it.
            pub fn help(self, lang: Lang) -> Option<&'static str> {
                let text = match self { $(Code::$variant => lang.pick($help_sv, $help_en)),* };
                (!text.is_empty()).then_some(text)
            }
        }
    };
}

// One row per code: variant => code, severity, family, [the kinds of this code],
// description (sv), help: (sv, en) — ("", "") when there is no action for the user.
codes! {
    UnreadableFile => "unreadable-file", Error, Reading, [UnreadableFile], "Filen kan inte läsas",
        help: ("Spara en läsbar kopia i Excel (.xlsx, utan lösenord) och skicka den igen.",
               "Save a readable copy in Excel (.xlsx, without a password) and send it again.");
    NotAWorkbook => "not-a-workbook", ByKind, Reading, [NotAWorkbook, FolderLoop], "Ingen arbetsbok, hoppas över",
        help: ("Flytta filen ur indatamappen om den inte hör dit.",
               "Move the file out of the input folder if it does not belong there.");
    TooLarge => "too-large", Error, Reading, [TooLarge], "För stor för en budgetmall",
        help: ("Skicka budgetmallen utan extra blad, bilder eller data.",
               "Send the budget template without extra sheets, pictures or data.");
    MissingSheet => "missing-sheet", Error, Layout, [MissingSheet], "Ett blad saknas",
        help: ("Utgå från budgetmallen (budget-consolidator template) och behåll bladens namn.",
               "Start from the budget template (budget-consolidator template) and keep its sheet names.");
    MissingHeader => "missing-header", Error, Layout, [MissingHeader], "Tabellhuvudet saknas",
        help: ("Återställ tabellens rubriker som i mallen.",
               "Restore the table's headings as in the template.");
    MissingMetadata => "missing-metadata", ByKind, Layout, [MissingMetadata, EmptyMetadata], "En uppgift ovanför tabellen saknas",
        help: ("Fyll i uppgiften i cellen till höger om etiketten.",
               "Fill in the field in the cell to the right of its label.");
    InvalidMetadata => "invalid-metadata", Error, Layout, [InvalidMetadata], "En uppgift ovanför tabellen är ogiltig",
        help: ("Rätta värdet i cellen till höger om etiketten.",
               "Correct the value in the cell to the right of its label.");
    UnknownArea => "unknown-area", Error, Areas, [UnknownArea], "Okänt tjänsteområde",
        help: ("Rätta tjänsteområdets namn eller lägg till det som alias i budget.toml.",
               "Correct the area's name or add it as an alias in budget.toml.");
    MissingArea => "missing-area", Error, Areas, [MissingArea], "Tjänsteområde utan fil",
        help: ("Be tjänsteområdet skicka sin budgetmall, eller kör med --partial.",
               "Ask the area for its budget template, or run with --partial.");
    DuplicateArea => "duplicate-area", Error, Areas, [DuplicateArea], "Tjänsteområdet finns i flera filer",
        help: ("Ta bort de inaktuella filerna eller kör med --latest-version.",
               "Remove the outdated files or run with --latest-version.");
    SupersededVersion => "superseded-version", Info, Areas, [SupersededVersion], "Äldre version, inte med",
        help: ("", "");
    InvalidAmount => "invalid-amount", Error, Amounts, [InvalidAmount, InvalidBreaksFormula], "Ogiltigt belopp",
        help: ("Skriv beloppet som ett tal i tkr.", "Write the amount as a number in tkr.");
    NegativeAmount => "negative-amount", Error, Amounts, [NegativeAmount], "Negativt belopp",
        help: ("Skriv ett belopp som är 0 eller mer.", "Write an amount of 0 or more.");
    NumberAsText => "number-as-text", ByKind, Amounts, [NumberAsText, TextBreaksFormula], "Tal skrivet som text",
        help: ("Skriv talet som ett tal, utan mellanslag eller apostrof.",
               "Enter the number as a number, without spaces or apostrophe.");
    RowSumMismatch => "row-sum-mismatch", Error, Amounts, [RowSumMismatch], "Radens belopp stämmer inte",
        help: ("Rätta Belopp eller delbeloppen så att Belopp är deras summa.",
               "Correct Belopp or its parts so that Belopp is their sum.");
    TotalMismatch => "total-mismatch", Error, Amounts, [TotalMismatch], "Summaraden stämmer inte",
        help: ("Låt Summa-raden vara en SUMMA-formel över kolumnen.",
               "Make the Summa row a SUM formula over the column.");
    MissingTotalRow => "missing-total-row", Error, Layout, [MissingTotalRow], "Summarad saknas",
        help: ("Avsluta tabellen med en rad där initiativet heter Summa.",
               "End the table with a row whose initiative is Summa.");
    RowsBelowTotal => "rows-below-total", Warning, Layout, [RowsBelowTotal], "Rader med belopp under Summa-raden",
        help: ("Flytta in raden ovanför Summa och kontrollera att Summa räknar med den.",
               "Move the row above Summa and check that Summa includes it.");
    UncategorizedAmount => "uncategorized-amount", Error, Amounts, [UncategorizedAmount], "Belopp utan kategori",
        help: ("För beloppet till Nyutveckling eller Utveckling inom befintlig tjänst.",
               "Put the amount in Nyutveckling or Utveckling inom befintlig tjänst.");
    MissingInitiativeName => "missing-initiative-name", ByKind, Layout, [MissingInitiativeName, ValueWithoutInitiative], "Initiativ utan namn",
        help: ("Skriv initiativets namn på raden.", "Write the initiative's name on the row.");
    DuplicateInitiative => "duplicate-initiative", Error, Layout, [DuplicateInitiative], "Samma initiativ två gånger",
        help: ("Slå ihop raderna eller ge initiativen olika namn.",
               "Merge the rows or give the initiatives different names.");
    CrossSheetMismatch => "cross-sheet-mismatch", Error, CrossSheet, [CrossSheetTotal, CrossSheetInitiative], "Bladen stämmer inte med varandra",
        help: ("Rätta beloppen så att båda bladen anger samma belopp för budgetåret.",
               "Correct the amounts so that both sheets give the same amount for the budget year.");
    UnmatchedInitiative => "unmatched-initiative", Warning, CrossSheet, [UnmatchedInitiative], "Initiativ bara på ett av bladen",
        help: ("Skriv initiativets namn likadant på båda bladen.",
               "Write the initiative's name the same way on both sheets.");
    HeadingRow => "heading-row", ByKind, Layout, [HeadingRow, HeadingRowWithValue], "Rubrikrad, inga belopp",
        help: ("", "");
    YearMismatch => "year-mismatch", Error, Areas, [YearMismatch], "Fel år",
        help: ("Rätta Budgetår eller planåren i mallen (eller i budget.toml).",
               "Correct Budgetår or the plan years in the template (or in budget.toml).");
    InvalidCategory => "invalid-category", Error, Layout, [InvalidCategory], "Ogiltig påverkan",
        help: ("Skriv Liten, Mellan eller Stor.", "Write Liten, Mellan or Stor.");
    FormulaWithoutValue => "formula-without-value", ByKind, Amounts, [FormulaWithoutValue], "Formel utan beräknat värde",
        help: ("Öppna filen i Excel eller LibreOffice, spara den och skicka den igen.",
               "Open the file in Excel or LibreOffice, save it and send it again.");
    FrameExceeded => "frame-exceeded", Error, Areas, [FrameExceeded], "Över ramen",
        help: ("Minska budgeten till ramen, eller få ramen ändrad i budget.toml.",
               "Reduce the budget to the frame, or have the frame changed in budget.toml.");
    FrameDeviation => "frame-deviation", Warning, Areas, [FrameDeviation], "Under ramen",
        help: ("", "");
    VersionMismatch => "version-mismatch", Warning, Layout, [VersionMismatch], "Versionstabellen och versionen skiljer sig",
        help: ("Lägg till en rad i versionstabellen eller rätta fältet Version.",
               "Add a row to the version table or correct the Version field.");
    InternalError => "internal-error", Error, Reading, [InternalError], "Internt fel, filen hoppades över",
        help: ("Rapportera felet till utvecklarna, med filen om möjligt.",
               "Report the error to the developers, with the file if possible.");
    AmbiguousSheet => "ambiguous-sheet", ByKind, Layout, [AmbiguousSheet], "Flera blad med samma namn",
        help: ("Ta bort eller byt namn på bladen som inte gäller.",
               "Delete or rename the sheets that do not count.");
    AmbiguousColumn => "ambiguous-column", Error, Layout, [AmbiguousColumn], "Flera kolumner med samma rubrik",
        help: ("Ta bort eller byt namn på kolumnen som inte gäller.",
               "Delete or rename the column that does not count.");
    UnitNotTkr => "unit-not-tkr", Error, Layout, [UnitNotTkr], "Rubriken anger en annan enhet än tkr",
        help: ("Räkna om beloppen till tkr och ändra rubriken, eller rätta rubriken om beloppen redan är i tkr.",
               "Convert the amounts to tkr and change the header, or correct the header if the amounts are already in tkr.");
    TextTooLong => "text-too-long", Warning, Reading, [TextTooLong], "För lång text, förkortad",
        help: ("Korta texten.", "Shorten the text.");
    UnmappedActual => "unmapped-actual", Warning, FollowUp, [UnmappedActual], "Utfall som inte hör till något initiativ",
        help: ("Koppla projektkoden till ett initiativ (kolumnen Projekt eller [[project]] i budget.toml).",
               "Map the project code to an initiative (the Projekt column or [[project]] in budget.toml).");
    MissingProjectCode => "missing-project-code", Warning, FollowUp, [MissingProjectCode], "Initiativ utan projektkod",
        help: ("Skriv projektkoden i kolumnen Projekt eller som [[project]] i budget.toml.",
               "Write the project code in the Projekt column or as a [[project]] in budget.toml.");
    DuplicateProjectCode => "duplicate-project-code", Error, FollowUp, [DuplicateProjectCode], "Projektkoden används två gånger",
        help: ("Ta bort projektkoden där den inte hör hemma.",
               "Remove the project code where it does not belong.");
    UnknownInitiative => "unknown-initiative", Error, FollowUp, [UnknownInitiative], "Okänt initiativ eller projekt",
        help: ("Skriv initiativets namn som i planen.",
               "Write the initiative's name as in the plan.");
    BudgetMismatch => "budget-mismatch", Warning, FollowUp, [BudgetMismatch], "Ekonomisystemets budget skiljer sig från beslutet",
        help: ("Rätta budgeten i ekonomisystemet.", "Correct the budget in the ledger.");
    EvenPeriodisation => "even-periodisation", Info, FollowUp, [EvenPeriodisation], "Budgeten fördelad jämnt över året",
        help: ("", "");
    NoForecast => "no-forecast", Info, FollowUp, [NoForecast], "Prognos saknas, budgeten används",
        help: ("", "");
    DuplicateForecast => "duplicate-forecast", Error, FollowUp, [DuplicateForecast], "Prognos för initiativet i två filer",
        help: ("Ta bort den inaktuella prognosfilen, eller ge filerna versionsnummer så att den nyaste används.",
               "Remove the outdated forecast file, or give the files version numbers so that the newest is used.");
    MissingComment => "missing-comment", Warning, FollowUp, [MissingComment], "Stor avvikelse utan kommentar",
        help: ("Skriv en kommentar i kolumnen Kommentar.",
               "Write a comment in the Kommentar column.");
    ActualExceedsBudget => "actual-exceeds-budget", Warning, FollowUp, [ActualExceedsBudget], "Utfallet är större än årsbudgeten",
        help: ("", "");
    PeriodGap => "period-gap", Warning, FollowUp, [PeriodGap], "En månad utan kostnader",
        help: ("Lägg till exporten för månaden.", "Add the export for the month.");
    OverlappingActuals => "overlapping-actuals", Error, FollowUp, [OverlappingActuals], "Samma månad i två utfallsfiler",
        help: ("Ta bort den äldre exporten, eller exportera alla ansvar i en fil.", "Remove the older export, or export all cost centres in one file.");
    ActualsInParts => "actuals-in-parts", Warning, FollowUp, [ActualsInParts], "Samma månad i två utfallsfiler, olika rader",
        help: ("Kontrollera att filerna är olika delar av bokföringen (t.ex. olika ansvar).",
               "Check that the files are different parts of the ledger (e.g. different cost centres).");
    UnreadableActuals => "unreadable-actuals", Error, Ledger, [UnreadableActuals], "Utfallsfilen kan inte läsas",
        help: ("Gör om exporten ur ekonomisystemet.", "Export the actuals from the ledger again.");
    InvalidActualsRow => "invalid-actuals-row", Error, Ledger, [InvalidActualsRow], "Ogiltig rad i utfallsfilen",
        help: ("Rätta raden i exporten, eller exportera om ur ekonomisystemet, och läs in den igen.", "Correct the row in the export, or export again from the ledger, and read it again.");
    MixedObjectRows => "mixed-object-rows", Info, Ledger, [MixedObjectRows], "Objektrader inte i standardens form",
        help: ("", "");
    ActualsTotalRow => "actuals-total-row", ByKind, Ledger, [ActualsTotalRow, MoreActualsTotalRows], "Summarad i utfallsfilen, inte inräknad",
        help: ("", "");
    RowTotalMismatch => "row-total-mismatch", Warning, Ledger, [RowTotalMismatch], "Radens summa skiljer sig från månaderna",
        help: ("Exportera rapporten med alla månader, eller med en rad per månad (kolumnerna Period, Konto, Projekt och Belopp), och läs in den igen.",
               "Export the report with every month, or with one row per month (the columns Period, Konto, Projekt and Belopp), and read it again.");
    ActualsRepeatedHeader => "repeated-header-row", Info, Ledger, [ActualsRepeatedHeader], "Tabellhuvudet upprepas i utfallsfilen",
        help: ("", "");
    ActualsTextRow => "text-row", Info, Ledger, [ActualsTextRow], "Textrad utan konto och belopp i utfallsfilen",
        help: ("", "");
    ActualsSheetLeftOut => "actuals-sheet-left-out", ByKind, Ledger, [ActualsSheetLeftOut], "Blad i utfallsfilen som inte lästes",
        help: ("Ta bort bladet ur exporten om det inte gäller, eller flytta raderna till ett blad som läses.",
               "Remove the sheet from the export if it does not count, or move its rows to a sheet that is read.");
    ForecastBelowActual => "forecast-below-actual", Warning, FollowUp, [ForecastBelowActual], "Prognosen lägre än bokfört utfall",
        help: ("Kontrollera prognosen; den kan inte bli lägre än det som redan är bokfört.",
               "Check the forecast; it cannot end up below what is already booked.");
    ForecastSheetLeftOut => "extra-forecast-sheet", Warning, FollowUp, [ForecastSheetLeftOut], "Blad i prognosfilen som inte lästes",
        help: ("Ta bort bladet om det inte gäller, eller flytta dess prognoser till bladet som lästes.",
               "Delete the sheet if it does not count, or move its forecasts to the sheet that was read.");
    PeriodMismatch => "period-mismatch", Error, FollowUp, [PeriodMismatch], "Prognosen gäller fel månad",
        help: ("Hämta mallen för rätt månad med follow-up template --period.",
               "Get the template for the right month with follow-up template --period.");
    ForecastYear => "forecast-year", Error, FollowUp, [ForecastYear], "Prognosen gäller ett annat år",
        help: ("Fyll i prognosen för uppföljningens år, eller lägg rätt års prognosfil i prognosmappen.",
               "Fill in the forecast for the follow-up's year, or put the right year's forecast file in the forecast folder.");
    StaleForecast => "stale-forecast", Warning, FollowUp, [StaleForecast], "Prognosen gäller en tidigare månad",
        help: ("Be tjänsteområdet skicka prognosen för uppföljningens månad.",
               "Ask the area to send the forecast for the follow-up's month.");
    LaterForecast => "later-forecast", Warning, FollowUp, [LaterForecast], "Prognosen gäller en senare månad",
        help: ("Lägg prognosen för uppföljningens månad i prognosmappen, eller följ upp den senare månaden med --period.",
               "Put the forecast for the follow-up's month in the forecast folder, or follow up the later month with --period.");
    FutureDate => "future-date", Warning, FollowUp, [FutureDate], "Datum ligger efter dagens datum",
        help: ("Rätta Datum i filen.", "Correct Datum in the file.");
    EmptyTemplate => "empty-template", Warning, Layout, [EmptyTemplate], "Mallen har inga initiativ",
        help: ("Fyll i ett initiativ per rad innan du skickar filen.",
               "Fill in one initiative per row before sending the file.");
    SimilarArea => "similar-area", Error, Areas, [SimilarArea], "Troligen samma tjänsteområde två gånger",
        help: ("Lägg ett av namnen som alias i budget.toml.",
               "Add one of the names as an alias in budget.toml.");
    WrongKindOfFile => "wrong-kind-of-file", Error, Reading, [WrongKindOfFile], "Fel sorts fil (plan, prognos eller utfall)",
        help: ("", "");
}

/// The length of the longest code (`missing-initiative-name`): the width of the
/// terminal's code column.
pub const LONGEST_CODE: usize = 23;

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
        let severity = match code_of(&kind).severity_rule() {
            SeverityRule::Error => Severity::Error,
            SeverityRule::Warning => Severity::Warning,
            SeverityRule::Info => Severity::Info,
            SeverityRule::ByKind => severity_by_kind(&kind),
        };
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

/// A kind's code, from the table's `kinds: [...]`.
fn code_of(kind: &Kind) -> Code {
    Code::of(kind)
}

/// The severity of a kind whose code's table row says `ByKind`.
fn severity_by_kind(kind: &Kind) -> Severity {
    match kind {
        Kind::NumberAsText { .. }
        | Kind::EmptyMetadata { .. }
        | Kind::FormulaWithoutValue {
            recomputed: Some(_),
            ..
        }
        | Kind::AmbiguousSheet { used: Some(_), .. }
        | Kind::NotAWorkbook {
            document: false, ..
        }
        | Kind::FolderLoop { .. }
        | Kind::HeadingRowWithValue { .. }
        | Kind::ValueWithoutInitiative { .. } => Severity::Warning,
        Kind::HeadingRow { .. } => Severity::Info,
        Kind::NotAWorkbook { document: true, .. } => Severity::Info,
        Kind::ActualsTotalRow {
            amount,
            since_previous,
            since_start,
            ..
        } => match TotalMatch::of(*amount, *since_previous, *since_start) {
            TotalMatch::Neither | TotalMatch::NoAmount => Severity::Warning,
            TotalMatch::Subtotal | TotalMatch::GrandTotal => Severity::Info,
        },
        Kind::MoreActualsTotalRows { .. } => Severity::Info,
        Kind::ActualsSheetLeftOut {
            why: SheetLeftOut::Hidden { .. },
            ..
        } => Severity::Warning,
        _ => Severity::Error,
    }
}

/// A kind's message, from its code's family.
fn message(kind: &Kind, lang: Lang) -> String {
    let code = code_of(kind);
    let text = match code.family() {
        Family::Reading => reading::message(kind, lang),
        Family::Layout => layout::message(kind, lang),
        Family::Amounts => amounts::message(kind, lang),
        Family::CrossSheet => cross_sheet::message(kind, lang),
        Family::Areas => areas::message(kind, lang),
        Family::FollowUp => follow_up::message(kind, lang),
        Family::Ledger => ledger::message(kind, lang),
    };
    // A kind rendered by another family than its code's: the golden test fails first.
    text.unwrap_or_else(|| code.as_str().to_string())
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

/// What the message families write with: an amount and a quoted text in `lang`,
/// and whether it is Swedish.
#[allow(clippy::type_complexity)]
fn words(lang: Lang) -> (impl Fn(&Decimal) -> String, impl Fn(&str) -> String, bool) {
    (
        move |d: &Decimal| amount(*d, lang),
        move |t: &str| quoted(t, lang),
        lang == Lang::Sv,
    )
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

/// `a, b och c` (`a, b and c`): items joined as a sentence names them.
fn list_and(items: &[String], lang: Lang) -> String {
    joined(items, lang.pick("och", "and"))
}

/// `a, b eller c` (`a, b or c`): alternatives joined as a sentence offers them.
fn list_or(items: &[String], lang: Lang) -> String {
    joined(items, lang.pick("eller", "or"))
}

fn joined(items: &[String], word: &str) -> String {
    match items.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} {word} {last}", rest.join(", ")),
        _ => items.concat(),
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
        // The terminal's code column is this wide.
        let longest = Code::ALL.iter().map(|c| c.as_str().len()).max();
        assert_eq!(longest, Some(LONGEST_CODE));
        assert_eq!(Code::ALL.len(), 66);
    }

    #[test]
    fn a_workbook_is_told_apart_by_its_sheet_names_as_the_readers_match_them() {
        let kind = |names: &[&str]| {
            FileKind::of_sheets(&names.iter().map(|n| n.to_string()).collect::<Vec<_>>())
        };
        let plan = ["Instruktioner", "budgetfördelning ", "UTVECKLINGSINITIATIV"];
        assert_eq!(kind(&plan), Some(FileKind::Plan));
        assert_eq!(
            kind(&["PROGNOS", "Instruktioner"]),
            Some(FileKind::Forecast)
        );
        // Both plan sheets beside a `Prognos` sheet: a template with an extra sheet.
        let both = ["Budgetfördelning", "Utvecklingsinitiativ", "Prognos"];
        assert_eq!(kind(&both), Some(FileKind::Plan));
        // One plan sheet only, or a sheet whose name merely begins like one: neither.
        assert_eq!(kind(&["Budgetfördelning", "Blad2"]), None);
        assert_eq!(kind(&["Prognoser 2024"]), None);
        assert_eq!(kind(&[]), None);
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
            "Totalen 65 510 understiger totalramen 91 510 med 26 000, eftersom ”Ekonomi” och ”HR” inte är med (fel). Rätta dem och kör igen."
        );
        assert_eq!(
            f.message(Lang::En),
            "The total 65,510 is below the total frame 91,510 by 26,000, because “Ekonomi” and “HR” are left out (errors). Correct them and run again."
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
            "HR.xlsx › Budgetfördelning › D9: Belopp 13 100 ≠ Nyutveckling 800 + Utveckling inom befintlig tjänst 12 200 = 13 000. \
             Rätta Belopp eller delbeloppen så att Belopp är deras summa."
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
