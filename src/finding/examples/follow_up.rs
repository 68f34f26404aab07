//! Examples of the follow-up's findings: the ledger readers', the join's and the
//! forecasts'. Part of [`super::examples`], in its order.

use super::*;

pub(super) fn examples() -> Vec<Kind> {
    let d = |v: i64| Decimal::from(v);
    let s = |t: &str| t.to_string();
    vec![
        // The ledger's öre in tkr: shown to the nearest ten kronor.
        Kind::ActualExceedsBudget {
            area: s("HR"),
            initiative: s("Digitalisering inom HR"),
            actual: Decimal::new(520012345, 5),
            budget: d(5000),
        },
        Kind::PeriodGap {
            months: vec![s("2023-02")],
        },
        Kind::OverlappingActuals {
            first: s("utfall/jan-mar.csv"),
            second: s("utfall/jan-apr.csv"),
            months: vec![s("2023-01"), s("2023-02")],
            left_out: s("utfall/jan-mar.csv"),
            shared_rows: 48,
            same_amounts: 48,
        },
        Kind::OverlappingActuals {
            first: s("utfall/ansvar-100.csv"),
            second: s("utfall/ansvar-200.csv"),
            months: vec![s("2023-04")],
            left_out: s("utfall/ansvar-200.csv"),
            shared_rows: 3,
            same_amounts: 0,
        },
        Kind::ActualsInParts {
            first: s("utfall/ansvar-100.csv"),
            second: s("utfall/ansvar-200.csv"),
            months: vec![s("2023-01"), s("2023-02")],
        },
        Kind::UnreadableActuals(UnreadableActuals::Html),
        Kind::UnreadableActuals(UnreadableActuals::ChecksumMissing),
        Kind::UnreadableActuals(UnreadableActuals::ChecksumMismatch {
            stated: s("12"),
            computed: 13,
        }),
        Kind::UnreadableActuals(UnreadableActuals::UnitMismatch {
            header: s("Belopp (tkr)"),
            named: crate::labels::Unit::Thousands,
            tkr: false,
        }),
        Kind::UnreadableActuals(UnreadableActuals::UnitMismatch {
            header: s("Utfall, kr"),
            named: crate::labels::Unit::Kronor,
            tkr: true,
        }),
        Kind::UnreadableActuals(UnreadableActuals::UnitMismatch {
            header: s("Belopp mnkr"),
            named: crate::labels::Unit::Millions,
            tkr: false,
        }),
        Kind::UnreadableActuals(UnreadableActuals::OtherInput {
            found: FileKind::Plan,
        }),
        Kind::UnreadableActuals(UnreadableActuals::OtherInput {
            found: FileKind::Forecast,
        }),
        Kind::UnreadableActuals(UnreadableActuals::MonthColumns {
            months: 12,
            without_year: true,
        }),
        Kind::UnreadableActuals(UnreadableActuals::MonthColumns {
            months: 12,
            without_year: false,
        }),
        Kind::UnreadableActuals(UnreadableActuals::TooManyKeys { limit: 2_000_000 }),
        Kind::UnreadableActuals(UnreadableActuals::MissingColumns {
            missing: vec![s("Belopp")],
        }),
        Kind::UnreadableActuals(UnreadableActuals::AmbiguousColumns {
            role: s("Belopp"),
            columns: vec![(s("D"), s("Belopp")), (s("E"), s("Utfall"))],
        }),
        Kind::UnreadableActuals(UnreadableActuals::WorkbookTooLarge(TooLarge::Span {
            cells: 1_066_500,
            limit: 1_000_000,
        })),
        Kind::UnreadableActuals(UnreadableActuals::WorkbookTooLarge(TooLarge::Cells {
            limit: crate::grid::MAX_LEDGER_CELLS,
        })),
        Kind::UnreadableActuals(UnreadableActuals::NotLedger {
            extension: s(".pdf"),
        }),
        Kind::UnreadableActuals(UnreadableActuals::Io(s("permission denied"))),
        Kind::UnreadableActuals(UnreadableActuals::NotAFile),
        Kind::UnreadableActuals(UnreadableActuals::NoPeriodRows { sie_type: 1 }),
        Kind::UnreadableActuals(UnreadableActuals::Empty),
        Kind::UnreadableActuals(UnreadableActuals::TooLarge { bytes: 5 << 30 }),
        Kind::UnreadableActuals(UnreadableActuals::Internal(s("index out of bounds"))),
        Kind::InvalidActualsRow {
            column: None,
            found: s("12,50"),
            expected: ActualsExpected::SieAmount,
        },
        Kind::InvalidActualsRow {
            column: None,
            found: s("202313"),
            expected: ActualsExpected::Period,
        },
        Kind::InvalidActualsRow {
            column: Some(s("Belopp")),
            found: s("3,900"),
            expected: ActualsExpected::TableAmount(NotAmount::Ambiguous(s("3,900"))),
        },
        Kind::InvalidActualsRow {
            column: None,
            found: s("{6"),
            expected: ActualsExpected::ClosedObjectList,
        },
        Kind::InvalidActualsRow {
            column: None,
            found: s("#TRANS"),
            expected: ActualsExpected::MoreRows { rows: 12 },
        },
        Kind::InvalidActualsRow {
            column: None,
            found: s("2023-04-31"),
            expected: ActualsExpected::Date,
        },
        Kind::InvalidActualsRow {
            column: Some(s("Period")),
            found: s("2023-04-31"),
            expected: ActualsExpected::NoSuchDay {
                year: 2023,
                month: 4,
            },
        },
        Kind::InvalidActualsRow {
            column: None,
            found: s("20230432"),
            expected: ActualsExpected::VoucherDate {
                line: 12,
                no_such_day: Some((2023, 4)),
            },
        },
        Kind::InvalidActualsRow {
            column: Some(s("Konto")),
            found: s("lön"),
            expected: ActualsExpected::Account,
        },
        Kind::InvalidActualsRow {
            column: None,
            found: s("x"),
            expected: ActualsExpected::YearIndex,
        },
        Kind::InvalidActualsRow {
            column: None,
            found: s("{6}"),
            expected: ActualsExpected::ObjectPairs,
        },
        Kind::InvalidActualsRow {
            column: None,
            found: s("#TRANS 4010 {} 1…"),
            expected: ActualsExpected::ShortLine { limit: 64 * 1024 },
        },
        Kind::InvalidActualsRow {
            column: None,
            found: s("50"),
            expected: ActualsExpected::Fields { header: 4 },
        },
        Kind::InvalidActualsRow {
            column: Some(s("Belopp")),
            found: s("ca 800"),
            expected: ActualsExpected::TableAmount(NotAmount::Text(s("ca 800"))),
        },
        Kind::InvalidActualsRow {
            column: Some(s("Belopp")),
            found: s("12 tkr"),
            expected: ActualsExpected::TableAmount(NotAmount::Text(s("12 tkr"))),
        },
        Kind::InvalidActualsRow {
            column: Some(s("Belopp")),
            found: s("1,2345E+03"),
            expected: ActualsExpected::TableAmount(NotAmount::Scientific {
                text: s("1,2345E+03"),
                step: Decimal::new(1, 1),
            }),
        },
        Kind::InvalidActualsRow {
            column: Some(s("Konto")),
            found: String::new(),
            expected: ActualsExpected::Account,
        },
        Kind::InvalidActualsRow {
            column: Some(s("Period")),
            found: String::new(),
            expected: ActualsExpected::Period,
        },
        Kind::InvalidActualsRow {
            column: Some(s("Belopp")),
            found: String::new(),
            expected: ActualsExpected::TableAmount(NotAmount::OutOfRange(String::new())),
        },
        Kind::UnreadableActuals(UnreadableActuals::Workbook(Unreadable::Encrypted)),
        Kind::MixedObjectRows {
            account: s("4010"),
            year: 2023,
            month: 4,
            reading: ObjectReading::EmptyAsUnobjected,
        },
        Kind::MixedObjectRows {
            account: s("4010"),
            year: 2023,
            month: 4,
            reading: ObjectReading::SingleRowUsed,
        },
        Kind::ActualsTotalRow {
            label: s("Summa konto 5410"),
            amount: Some(Decimal::new(150000, 2)),
            since_previous: Some(d(1500)),
            since_start: d(4500),
        },
        Kind::ActualsTotalRow {
            label: s("Summa"),
            amount: Some(d(4500)),
            since_previous: Some(d(0)),
            since_start: d(4500),
        },
        Kind::ActualsTotalRow {
            label: s("Totalt"),
            amount: Some(d(1600)),
            since_previous: Some(d(1500)),
            since_start: d(4500),
        },
        Kind::ActualsTotalRow {
            label: s("Total"),
            amount: Some(d(1600)),
            since_previous: None,
            since_start: Decimal::new(-150050, 2),
        },
        Kind::ActualsTotalRow {
            label: s("5410 Summa"),
            amount: Some(d(300)),
            since_previous: None,
            since_start: d(300),
        },
        Kind::ActualsTotalRow {
            label: s("Summa"),
            amount: None,
            since_previous: None,
            since_start: d(4500),
        },
        Kind::MoreActualsTotalRows {
            rows: 1,
            unchecked: 0,
        },
        Kind::MoreActualsTotalRows {
            rows: 40,
            unchecked: 0,
        },
        Kind::MoreActualsTotalRows {
            rows: 10_040,
            unchecked: 12,
        },
        Kind::RowTotalMismatch {
            column: s("Totalt"),
            total: Decimal::new(12_000_000, 2),
            months: Decimal::new(11_000_000, 2),
            rows: 1,
        },
        Kind::RowTotalMismatch {
            column: s("Totalt"),
            total: Decimal::new(12_000_000, 2),
            months: Decimal::new(11_000_000, 2),
            rows: 7,
        },
        Kind::ActualsRepeatedHeader { rows: 1 },
        Kind::ActualsRepeatedHeader { rows: 12 },
        Kind::ActualsTextRow {
            text: s("Sida 1 av 3"),
            rows: 1,
        },
        Kind::ActualsTextRow {
            text: s("Utskrivet 2023-05-02 av ekonomi"),
            rows: 3,
        },
        Kind::ActualsSheetLeftOut {
            sheet: s("Gammal export"),
            rows: 120,
            why: SheetLeftOut::Hidden {
                read: vec![s("Jan"), s("Feb")],
            },
        },
        Kind::ActualsSheetLeftOut {
            sheet: s("Mars (2)"),
            rows: 1,
            why: SheetLeftOut::SameMonths {
                other: s("Mars"),
                months: vec![s("2023-03")],
            },
        },
        Kind::ForecastSheetLeftOut {
            read: s("Prognos"),
            left_out: vec![s("Prognos (2)")],
            rows: 2,
        },
        Kind::ForecastSheetLeftOut {
            read: s("Prognos"),
            left_out: vec![s("Prognos april"), s("Prognos_2")],
            rows: 5,
        },
        Kind::ForecastBelowActual {
            initiative: s("Digitalisering inom HR"),
            forecast: d(900),
            actual: d(1200),
        },
        // Rounded, the actual would show as the forecast: shown exact.
        Kind::ForecastBelowActual {
            initiative: s("Digitalisering inom HR"),
            forecast: Decimal::new(120034, 2),
            actual: Decimal::new(1200344, 3),
        },
        Kind::PeriodMismatch {
            found: s("2023-03"),
            expected: s("2023-04"),
        },
        Kind::ForecastYear {
            header: s("Prognos helår 2024"),
            found: 2024,
            expected: 2023,
        },
        Kind::StaleForecast {
            area: s("HR"),
            found: s("2023-03"),
            period: s("2023-04"),
        },
        Kind::LaterForecast {
            area: s("HR"),
            found: s("2023-06"),
            period: s("2023-04"),
        },
        Kind::FutureDate {
            date: s("2023-05-06"),
            today: s("2023-05-05"),
        },
    ]
}
