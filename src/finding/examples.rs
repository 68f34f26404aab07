//! Test data: one example (or more) of every kind of finding, so every code's message
//! can be rendered — by the unit tests and into the golden file
//! `tests/golden/messages.md`. A new kind needs an example here.

use super::*;

mod follow_up;

/// One example of every kind of finding, so every code's message can be rendered.
pub(super) fn examples() -> Vec<Kind> {
    let d = |v: i64| Decimal::from(v);
    let s = |t: &str| t.to_string();
    let invalid = |column: &str, found: NotAmount| Kind::InvalidAmount {
        column: s(column),
        found,
    };
    let mut kinds = vec![
        Kind::UnreadableFile(Unreadable::Empty),
        Kind::UnreadableFile(Unreadable::Encrypted),
        Kind::UnreadableFile(Unreadable::Corrupt(s("zip: EOCD"))),
        Kind::UnreadableFile(Unreadable::NotSpreadsheet),
        Kind::UnreadableFile(Unreadable::Io(s("permission denied"))),
        Kind::UnreadableFile(Unreadable::DuplicatePart(s("xl/workbook.xml"))),
        Kind::UnreadableFile(Unreadable::DuplicatePart(s(""))),
        Kind::UnreadableFile(Unreadable::WordDocument),
        Kind::UnreadableFile(Unreadable::PowerPointDocument),
        Kind::UnreadableFile(Unreadable::MacroSheet(s("xl/macrosheets/sheet1.xml"))),
        Kind::UnreadableFile(Unreadable::NotRegularFile(Special::Fifo)),
        Kind::UnreadableFile(Unreadable::NotRegularFile(Special::Socket)),
        Kind::UnreadableFile(Unreadable::NotRegularFile(Special::Device)),
        Kind::UnreadableFile(Unreadable::NotRegularFile(Special::BrokenLink)),
        Kind::UnreadableFile(Unreadable::NotRegularFile(Special::Other)),
        Kind::FolderLoop {
            link: s("loop"),
            target: s(""),
        },
        Kind::FolderLoop {
            link: s("ekonomi/upp"),
            target: s("ekonomi"),
        },
        Kind::NotAWorkbook {
            extension: s(".txt"),
            document: false,
            rename_to: None,
        },
        Kind::NotAWorkbook {
            extension: s(".se"),
            document: false,
            rename_to: None,
        },
        Kind::NotAWorkbook {
            extension: s(".xltx"),
            document: false,
            rename_to: None,
        },
        Kind::NotAWorkbook {
            extension: s(".CSV"),
            document: false,
            rename_to: None,
        },
        Kind::NotAWorkbook {
            extension: s(".md"),
            document: true,
            rename_to: None,
        },
        Kind::NotAWorkbook {
            extension: s(""),
            document: false,
            rename_to: Some(s("HR.xlsx")),
        },
        Kind::NotAWorkbook {
            extension: s(""),
            document: false,
            rename_to: None,
        },
        Kind::TooLarge(TooLarge::File { bytes: 300 << 20 }),
        Kind::TooLarge(TooLarge::ZipPart {
            part: s("xl/worksheets/sheet1.xml"),
            bytes: 4 << 30,
        }),
        Kind::TooLarge(TooLarge::SharedStrings {
            declared: 4_000_000_000,
        }),
        Kind::TooLarge(TooLarge::Cells { limit: 1_000_000 }),
        Kind::TooLarge(TooLarge::Span {
            cells: 1 << 32,
            limit: 1_000_000,
        }),
        Kind::MissingSheet {
            sheet: "Budgetfördelning",
            found: vec![s("Blad1")],
        },
        Kind::MissingSheet {
            sheet: "Budgetfördelning",
            found: vec![s("Budget fördelning"), s("Utvecklingsinitiativ")],
        },
        Kind::MissingHeader {
            sheet: "Budgetfördelning",
            missing: vec![s("Belopp tkr")],
        },
        Kind::MissingMetadata { label: "Version" },
        Kind::InvalidMetadata {
            label: "Budgetår",
            found: s("tjugo"),
        },
        Kind::InvalidMetadata {
            label: "Datum",
            found: s("igår"),
        },
        Kind::InvalidMetadata {
            label: "Period",
            found: s("april"),
        },
        Kind::UnknownArea {
            area: s("Inköp"),
            known: vec![s("HR")],
            closest: None,
        },
        Kind::UnknownArea {
            area: s("IT-tjanster"),
            known: vec![s("HR"), s("IT-tjänster")],
            closest: Some(s("IT-tjänster")),
        },
        Kind::SimilarArea {
            area: s("IT-tjanster"),
            other: s("IT-tjänster"),
            other_file: s("IT.xlsx"),
        },
        Kind::MissingArea {
            area: s("HR"),
            named_after: None,
        },
        Kind::MissingArea {
            area: s("HR"),
            named_after: Some((s("HR.xlsx"), Some(s("Personal")))),
        },
        Kind::MissingArea {
            area: s("HR"),
            named_after: Some((s("HR.xlsx"), None)),
        },
        Kind::DuplicateArea {
            area: s("HR"),
            files: vec![s("a.xlsx"), s("b.xlsx")],
            same_version: None,
            not_a_number: None,
        },
        Kind::DuplicateArea {
            area: s("HR"),
            files: vec![s("a.xlsx"), s("b.xlsx")],
            same_version: Some(s("2.0")),
            not_a_number: None,
        },
        Kind::DuplicateArea {
            area: s("HR"),
            files: vec![s("HR.xlsx"), s("HR-utkast.xlsx")],
            same_version: None,
            not_a_number: Some(s("Utkast")),
        },
        Kind::SupersededVersion {
            area: s("HR"),
            version: s("2.0"),
            kept_file: s("b.xlsx"),
            kept_version: s("2.1"),
        },
        invalid("Nyutveckling", NotAmount::Text(s("ca 800"))),
        invalid("Nyutveckling", NotAmount::Ambiguous(s("3,900"))),
        invalid("Nyutveckling", NotAmount::Date(s("2024-01-01"))),
        invalid("Nyutveckling", NotAmount::Bool(true)),
        invalid("Nyutveckling", NotAmount::ErrorValue(s("#REF!"))),
        invalid("Nyutveckling", NotAmount::OutOfRange(s("1e300"))),
        invalid("Belopp", NotAmount::SumTooLarge(d(1_500_000_000_000))),
        invalid("Nyutveckling", NotAmount::Implausible(d(5_000_000_000_000))),
        Kind::NegativeAmount {
            column: s("Nyutveckling"),
            value: d(-1500),
        },
        Kind::NumberAsText {
            column: s("Nyutveckling"),
            text: s("2 000"),
            value: d(2000),
        },
        Kind::RowSumMismatch {
            stated: d(13100),
            new: d(800),
            existing: d(12200),
        },
        Kind::TotalMismatch {
            column: s("Belopp"),
            stated: d(47900),
            computed: d(47910),
        },
        Kind::MissingTotalRow {
            sheet: "Utvecklingsinitiativ",
        },
        Kind::RowsBelowTotal {
            rows: 1,
            first: s("Ny lönemodul"),
            total_row: 13,
        },
        Kind::RowsBelowTotal {
            rows: 3,
            first: s("Ny lönemodul"),
            total_row: 13,
        },
        Kind::UncategorizedAmount { amount: d(5000) },
        Kind::MissingInitiativeName { amount: d(5000) },
        Kind::DuplicateInitiative {
            name: s("Digital signering"),
            first_row: 12,
        },
        Kind::CrossSheetTotal {
            year: 2023,
            budget: d(2000),
            plan: d(2500),
        },
        Kind::CrossSheetInitiative {
            name: s("Digital signering"),
            year: 2023,
            budget: d(1980),
            budget_cell: CellRef::new(16, 3),
            plan: d(2000),
        },
        Kind::UnmatchedInitiative {
            name: s("Stöd i ekonomiprocesser"),
            found_in: "Budgetfördelning",
            missing_in: "Utvecklingsinitiativ",
        },
        Kind::HeadingRow {
            text: s("Kommande utveckling"),
        },
        Kind::HeadingRowWithValue {
            text: s("Ny e-tjänst"),
            column: "Påverkan",
            value: s("Liten"),
        },
        Kind::ValueWithoutInitiative {
            column: "Påverkan",
            value: s("Mellan"),
        },
        Kind::ValueWithoutInitiative {
            column: "Projekt",
            value: s("P2301"),
        },
        Kind::YearMismatch {
            kind: YearKind::BudgetYear,
            found: s("2024"),
            expected: s("2023"),
            source: YearSource::Config,
        },
        Kind::YearMismatch {
            kind: YearKind::PlanYears,
            found: s("2024–2026"),
            expected: s("2023–2025"),
            source: YearSource::Majority,
        },
        Kind::YearMismatch {
            kind: YearKind::BudgetYearNotPlanned,
            found: s("2026"),
            expected: s("2023–2025"),
            source: YearSource::OwnPlan,
        },
        Kind::InvalidCategory { found: s("Medel") },
        Kind::FormulaWithoutValue {
            column: s("Belopp"),
            recomputed: Some(d(5000)),
        },
        Kind::FormulaWithoutValue {
            column: s("Utveckling 2024"),
            recomputed: None,
        },
        Kind::FrameExceeded {
            area: Some(s("IT-tjänster")),
            total: d(48000),
            frame: d(47910),
        },
        Kind::FrameExceeded {
            area: None,
            total: d(91600),
            frame: d(91510),
        },
        Kind::FrameDeviation {
            area: Some(s("HR")),
            total: d(12000),
            frame: d(13000),
            left_out: Vec::new(),
        },
        Kind::FrameDeviation {
            area: None,
            total: d(90000),
            frame: d(91510),
            left_out: Vec::new(),
        },
        Kind::FrameDeviation {
            area: None,
            total: d(78510),
            frame: d(91510),
            left_out: vec![s("Ekonomi")],
        },
        Kind::FrameDeviation {
            area: None,
            total: d(65510),
            frame: d(91510),
            left_out: vec![s("Ekonomi"), s("HR")],
        },
        Kind::VersionMismatch {
            table: s("1.0"),
            field: s("2.0"),
        },
        Kind::InternalError {
            detail: s("index out of bounds"),
        },
        Kind::AmbiguousSheet {
            sheet: "Budgetfördelning",
            used: Some(s("Budgetfördelning")),
            others: vec![],
            copies: vec![],
            similar: vec![s("Budgetfördelning 2023")],
        },
        Kind::AmbiguousSheet {
            sheet: "Budgetfördelning",
            used: Some(s("Budgetfördelning ")),
            others: vec![s("Budgetfördelning")],
            copies: vec![],
            similar: vec![],
        },
        Kind::AmbiguousSheet {
            sheet: "Budgetfördelning",
            used: None,
            others: vec![s("Budgetfördelning"), s("budgetfördelning ")],
            copies: vec![],
            similar: vec![],
        },
        Kind::AmbiguousSheet {
            sheet: "Budgetfördelning",
            used: Some(s("Budgetfördelning")),
            others: vec![],
            copies: vec![s("Budgetfördelning (2)")],
            similar: vec![],
        },
        Kind::AmbiguousSheet {
            sheet: "Utvecklingsinitiativ",
            used: Some(s("Utvecklingsinitiativ")),
            others: vec![s("utvecklingsinitiativ")],
            copies: vec![s("Utvecklingsinitiativ (2)"), s("Utvecklingsinitiativ (3)")],
            similar: vec![],
        },
        Kind::AmbiguousColumn {
            header: s("Utveckling 2024"),
            cells: vec![CellRef::new(2, 2), CellRef::new(2, 5)],
        },
        Kind::TextTooLong {
            length: 40_000,
            limit: 32_767,
        },
        Kind::UnmappedActual {
            project: Some(s("P9999")),
            amount: d(120),
            months: s("2023-01–2023-04"),
            previous_year: false,
        },
        Kind::UnmappedActual {
            project: None,
            amount: d(45),
            months: s("2023-03"),
            previous_year: false,
        },
        Kind::UnmappedActual {
            project: Some(s("22101")),
            // 380 123,45 kr: shown to the nearest ten kronor.
            amount: Decimal::new(38_012_345, 5),
            months: s("2022-01–2022-04"),
            previous_year: true,
        },
        Kind::MissingProjectCode {
            area: s("HR"),
            initiative: s("Digitalisering inom HR"),
            budget: d(5000),
        },
        Kind::DuplicateProjectCode {
            code: s("P2301"),
            first: s("HR › Digitalisering inom HR"),
            second: s("Ekonomi › Stöd i ekonomiprocesser"),
        },
        Kind::UnknownInitiative {
            area: Some(s("HR")),
            initiative: s("Digitalisering HR"),
            closest: vec![s("Digitalisering inom HR")],
        },
        Kind::UnknownInitiative {
            area: Some(s("HR")),
            initiative: s("Lön och HR-stöd"),
            closest: vec![s("Lön, HR-stöd"), s("Lön och HR")],
        },
        Kind::UnknownInitiative {
            area: None,
            initiative: s("P9999"),
            closest: vec![],
        },
        Kind::BudgetMismatch {
            area: s("HR"),
            initiative: s("Digitalisering inom HR"),
            ledger: d(4800),
            decided: d(5000),
        },
        Kind::EvenPeriodisation {
            areas: vec![s("HR")],
        },
        Kind::NoForecast {
            area: s("HR"),
            initiatives: vec![s("Digitalisering inom HR")],
        },
        Kind::DuplicateForecast {
            area: s("HR"),
            initiative: s("Digitalisering inom HR"),
            counted: s("prognos/HR-prognos-2023-04.xlsx"),
        },
        Kind::MissingComment {
            initiative: s("Digitalisering inom HR"),
            forecast: d(3000),
            budget: d(5000),
            threshold: d(10),
        },
        Kind::ActualExceedsBudget {
            area: s("HR"),
            initiative: s("Digitalisering inom HR"),
            actual: d(5200),
            budget: d(5000),
        },
    ];
    kinds.extend(follow_up::examples());
    kinds.extend([
        Kind::TextBreaksFormula {
            column: s("Utveckling inom befintlig tjänst"),
            text: s("4 200"),
            value: d(4200),
            shows: vec![Consequence {
                sheet: None,
                cell: CellRef::new(10, 3),
                shows: Shows::Error(s("#VALUE!")),
            }],
        },
        Kind::InvalidBreaksFormula {
            column: s("Utveckling inom befintlig tjänst"),
            found: NotAmount::Text(s("ca 800")),
            shows: vec![Consequence {
                sheet: Some(s("Utvecklingsinitiativ")),
                cell: CellRef::new(4, 1),
                shows: Shows::Error(s("#VALUE!")),
            }],
        },
        Kind::UnitNotTkr {
            header: s("Utveckling inom befintlig tjänst (kr)"),
            unit: crate::labels::Unit::Kronor,
        },
        Kind::UnitNotTkr {
            header: s("Belopp (mnkr)"),
            unit: crate::labels::Unit::Millions,
        },
        Kind::EmptyMetadata { label: "Datum" },
        Kind::EmptyTemplate,
        Kind::WrongKindOfFile {
            found: FileKind::Forecast,
            wanted: FileKind::Plan,
        },
        Kind::WrongKindOfFile {
            found: FileKind::Plan,
            wanted: FileKind::Forecast,
        },
        Kind::WrongKindOfFile {
            found: FileKind::Ledger,
            wanted: FileKind::Forecast,
        },
    ]);
    kinds
}
