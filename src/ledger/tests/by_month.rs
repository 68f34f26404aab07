//! A ledger report with a column per month (`Konto;Projekt;jan 2023;feb 2023;…`):
//! each filled month cell read as a row of its own, the year from the month's
//! header or from an `År` column, in a CSV and in a workbook; its total rows
//! compared month by month; what cannot be read so refused with the reason.

use super::*;
use crate::lang::Lang;
use crate::location::CellRef;

/// The same 2023 actuals as one row per month, account and project.
const LONG: &str = "Period;Konto;Projekt;Belopp\n\
    2023-01;6550;P1;100,50\n2023-02;6550;P1;200\n2023-03;6550;P1;-30,25\n\
    2023-01;6550;P2;1 000\n2023-03;6540;P2;7\n";

/// The entries of a reading, as (key, actual) pairs in order.
fn sums(a: &Actuals) -> Vec<(Key, Decimal)> {
    a.entries
        .iter()
        .map(|(k, e)| (k.clone(), e.actual))
        .collect()
}

#[test]
fn a_report_with_a_column_per_month_is_read_in_every_spelling_of_its_months() {
    let long = read_text("lång.csv", LONG);
    assert!(long.findings.is_empty(), "{:#?}", long.findings);
    // The months' headers with their year, in the spellings reports write; a
    // column of names, and a row total that is not read.
    for months in [
        "jan 2023;feb 2023;mar 2023",
        "2023-01;2023-02;2023-03",
        "202301;202302;202303",
        "jan-23;feb-23;mar-23",
        "Januari 2023;Februari 2023;Mars 2023",
        "2023 jan;2023 feb;2023 mars",
        "Jan 2023;Feb 2023;Mar 2023",
    ] {
        let text = format!(
            "Konto;Projekt;Projektnamn;{months};Totalt\n\
             6550;P1;Ett;100,50;200;-30,25;270,25\n\
             6550;P2;Två;1 000;;;1 000\n\
             6540;P2;Två;;;7;7\n"
        );
        let a = read_text("bred.csv", &text);
        assert!(a.findings.is_empty(), "{months}: {:#?}", a.findings);
        assert_eq!(sums(&a), sums(&long), "{months}");
        // Each filled month cell is a row read.
        assert_eq!(a.rows_read, 5, "{months}");
    }
    // The months named alone, the year in a column of its own (here two years).
    let text = "År;Konto;Projekt;Jan;Feb;Mar\n\
                2023;6550;P1;100,50;200;-30,25\n\
                2023;6550;P2;1 000;;\n\
                2023;6540;P2;;;7\n\
                2022;6540;P2;5;;\n";
    let a = read_text("år.csv", text);
    assert!(a.findings.is_empty(), "{:#?}", a.findings);
    assert_eq!(actual(&a, 2022, 1, "6540", Some("P2")), d("5"));
    let this_year: Vec<_> = sums(&a)
        .into_iter()
        .filter(|(k, _)| k.year == 2023)
        .collect();
    assert_eq!(this_year, sums(&long));
}

#[test]
fn a_workbook_with_a_column_per_month_names_its_cells() {
    use Fill::{Number as N, Text as T};
    let xlsx = workbook(
        &["Konto", "Projekt", "2023-01", "2023-02", "2023-03"],
        &[
            [
                Some(N(6550.0)),
                Some(T("P1")),
                Some(N(100.5)),
                Some(N(200.0)),
                Some(N(-30.25)),
            ],
            [Some(N(6550.0)), Some(T("P2")), Some(N(1000.0)), None, None],
            [Some(N(6540.0)), Some(T("P2")), None, None, Some(N(7.0))],
            [Some(N(6540.0)), Some(T("P3")), None, Some(T("3,900")), None],
        ],
    );
    let a = checked(read_bytes(&xlsx, "bred.xlsx", &ReadOptions::default()));
    let long = read_text("lång.csv", LONG);
    assert_eq!(sums(&a), sums(&long));
    assert_eq!(a.rows_read, 6);
    // The amount that cannot be told is named at its own cell, by its month.
    let [bad] = a.findings.as_slice() else {
        panic!("one finding: {:#?}", a.findings)
    };
    assert_eq!(bad.code().as_str(), "invalid-actuals-row");
    assert_eq!(bad.cell, CellRef::parse_a1("D5"));
    let message = bad.message(Lang::Sv);
    assert!(
        message.contains("3,900") && message.contains("februari"),
        "{message}"
    );
}

#[test]
fn total_rows_of_a_report_by_month_are_compared_month_by_month() {
    let text = "Konto;Projekt;jan 2023;feb 2023\n\
                6550;P1;100;10\n\
                6550;P2;200;\n\
                Summa;;300;10\n\
                6540;P1;1;2\n\
                Totalt;;301;13\n";
    let a = read_text("summor.csv", text);
    assert_eq!(actual(&a, 2023, 1, "6550", Some("P1")), d("100"));
    assert_eq!(actual(&a, 2023, 2, "6540", Some("P1")), d("2"));
    assert!(
        codes(&a).iter().all(|c| *c == "actuals-total-row"),
        "{:#?}",
        a.findings
    );
    // February's `Summa` holds, so it is counted, not named; each month's other
    // totals are named.
    let counted: Vec<_> = (a.findings.iter())
        .filter_map(|f| match &f.kind {
            Kind::MoreActualsTotalRows { rows, unchecked } => Some((*rows, *unchecked, f.line)),
            _ => None,
        })
        .collect();
    assert_eq!(counted, [(1, 0, Some(4))]);
    let totals: Vec<_> = (a.findings.iter())
        .filter(|f| !matches!(f.kind, Kind::MoreActualsTotalRows { .. }))
        .map(|f| match &f.kind {
            Kind::ActualsTotalRow {
                label,
                amount,
                since_start,
                ..
            } => (label.as_str(), *amount, *since_start, f.line),
            other => panic!("{other:?}"),
        })
        .collect();
    // Each month's total is compared with its own column; the second total row
    // is the sum of all rows above it in January and not in February (13 ≠ 12).
    let month = |label: &'static str, amount: &str, above: &str, line: u64| {
        (label, Some(d(amount)), d(above), Some(line))
    };
    assert_eq!(totals.len(), 3, "{totals:#?}");
    for expected in [
        month("Summa (januari 2023)", "300", "300", 4),
        month("Totalt (januari 2023)", "301", "301", 6),
        month("Totalt (februari 2023)", "13", "12", 6),
    ] {
        assert!(totals.contains(&expected), "{expected:?} in {totals:#?}");
    }
    let sv: Vec<String> = a.findings.iter().map(|f| f.message(Lang::Sv)).collect();
    assert!(
        sv.iter().any(|m| m.contains("Totalt (februari 2023)")),
        "{sv:#?}"
    );
}

#[test]
fn rows_of_a_report_by_month_without_money_are_named_or_read_as_zero() {
    let text = "Konto;Projekt;jan 2023;feb 2023\n\
                Kostnader;;;\n\
                6550;P1;;\n\
                6550;;5;\n\
                ;P2;7;\n";
    let a = read_text("tomma.csv", text);
    // A heading is a text row; an account with no month filled is read as 0 in
    // the first month; a row without an account is named.
    assert_eq!(actual(&a, 2023, 1, "6550", Some("P1")), d("0"));
    assert_eq!(actual(&a, 2023, 1, "6550", None), d("5"));
    let mut found = codes(&a);
    found.sort_unstable();
    assert_eq!(
        found,
        ["invalid-actuals-row", "text-row"],
        "{:#?}",
        a.findings
    );
    // A year cell that is no year is named, with what stood there.
    let a = read_text(
        "år.csv",
        "År;Konto;Projekt;Jan;Feb\n23;6550;P1;1;2\n2023;6550;P1;3;\n",
    );
    assert_eq!(actual(&a, 2023, 1, "6550", Some("P1")), d("3"));
    assert_eq!(codes(&a), ["invalid-actuals-row", "invalid-actuals-row"]);
    assert!(matches!(
        &a.findings[0].kind,
        Kind::InvalidActualsRow { found, .. } if found == "23"
    ));
}

#[test]
fn what_a_report_by_month_cannot_be_read_as_is_refused_with_the_reason() {
    let refused = |text: &str| refusal(&read_text("u.csv", text)).clone();
    // A month named twice: which cell counts cannot be told.
    assert_eq!(
        refused("Konto;Projekt;jan 2023;2023-01\n6550;P1;1;1\n"),
        UnreadableActuals::AmbiguousColumns {
            role: "januari".into(),
            columns: vec![
                ("C".into(), "jan 2023".into()),
                ("D".into(), "2023-01".into())
            ],
        }
    );
    // Some months with their year and some without: not such a report.
    assert_eq!(
        refused("År;Konto;Projekt;jan 2023;feb\n2023;6550;P1;1;1\n"),
        UnreadableActuals::MonthColumns {
            months: 2,
            without_year: false
        }
    );
    // An amount column beside the months: which is the actual cannot be told.
    let why = refused("Konto;Projekt;jan 2023;feb 2023;Belopp\n6550;P1;1;1;2\n");
    assert_eq!(
        why,
        UnreadableActuals::MonthColumns {
            months: 2,
            without_year: false
        }
    );
    let message = Finding::new(Kind::UnreadableActuals(why)).message(Lang::Sv);
    assert!(
        message.contains("ingen kolumn Period, Belopp eller Budget"),
        "{message}"
    );
    // Without a project column, that is what is missing.
    assert_eq!(
        refused("Konto;jan 2023;feb 2023\n6550;1;1\n"),
        UnreadableActuals::MissingColumns {
            missing: vec!["Projekt".into()]
        }
    );
}

/// A report by month large enough to be cut in two is read on one thread, with
/// the same result as the read of its bytes.
#[test]
fn a_large_report_by_month_read_from_disk_equals_its_bytes() {
    let mut text = String::from("Konto;Projekt;jan 2023;feb 2023;mar 2023\n");
    for i in 0..40_000u32 {
        text.push_str(&format!(
            "{};P{};{},50;;{}\n",
            4000 + i % 50,
            i % 300,
            i,
            i % 7
        ));
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bred.csv");
    std::fs::write(&path, &text).expect("write");
    let whole = read_text("bred.csv", &text);
    let from_disk = checked(read(&path, "bred.csv", &ReadOptions::default()));
    assert_eq!(from_disk, whole);
    assert_eq!(whole.rows_read, 80_000);
    assert!(whole.findings.is_empty(), "{:#?}", whole.findings);
}

#[test]
fn a_row_whose_total_column_is_not_its_months_is_named() {
    // The second row's total has a month the report does not show; the third has
    // its money in the total column alone. The months are what is summed.
    let text = "Konto;Projekt;jan 2023;feb 2023;Helår\n\
                6550;P1;100;10;110\n\
                6550;P2;200;;260\n\
                6540;P2;;;75\n\
                Summa;;300;10;445\n";
    let a = read_text("helår.csv", text);
    assert_eq!(actual(&a, 2023, 1, "6550", Some("P2")), d("200"));
    assert_eq!(actual(&a, 2023, 1, "6540", Some("P2")), d("0"));
    let mismatch: Vec<_> = (a.findings.iter())
        .filter(|f| f.code().as_str() == "row-total-mismatch")
        .collect();
    let [first] = mismatch.as_slice() else {
        panic!("one note: {:#?}", a.findings)
    };
    assert_eq!(
        first.kind,
        Kind::RowTotalMismatch {
            column: "Helår".into(),
            total: d("260"),
            months: d("200"),
            rows: 2,
        }
    );
    assert_eq!(first.line, Some(3));
    let message = first.message(Lang::Sv);
    assert!(
        message.starts_with("2 rader har ett annat belopp i kolumnen ”Helår”"),
        "{message}"
    );
    // In a workbook the note names the total's cell.
    use Fill::{Number as N, Text as T};
    let xlsx = workbook(
        &["Konto", "Projekt", "jan-23", "feb-23", "Totalt"],
        &[
            [
                Some(N(6550.0)),
                Some(T("P1")),
                Some(N(1.0)),
                Some(N(2.0)),
                Some(N(3.0)),
            ],
            [
                Some(N(6550.0)),
                Some(T("P2")),
                Some(N(1.0)),
                None,
                Some(N(4.0)),
            ],
        ],
    );
    let a = checked(read_bytes(&xlsx, "bred.xlsx", &ReadOptions::default()));
    assert_eq!(codes(&a), ["row-total-mismatch"]);
    assert_eq!(a.findings[0].cell, CellRef::parse_a1("E3"));
}

/// The entries of a reading, as (key, actual, budget).
fn figures(a: &Actuals) -> Vec<(Key, Decimal, Option<Decimal>)> {
    (a.entries.iter())
        .map(|(k, e)| (k.clone(), e.actual, e.budget))
        .collect()
}

#[test]
fn a_report_by_month_with_the_budget_beside_the_actuals_reads_both() {
    // The same actuals and periodised budget as one row per month.
    let long = read_text(
        "lång.csv",
        "Period;Konto;Projekt;Belopp;Budget\n\
         2023-01;6550;P1;100,50;120\n2023-02;6550;P1;200;120\n2023-03;6550;P1;0;120\n\
         2023-01;6540;P2;7;\n",
    );
    assert!(long.findings.is_empty(), "{:#?}", long.findings);
    // The figure's word before or after the month, in the spellings reports
    // write; the actuals' months first or the two side by side; a total column
    // for each figure, compared and not read.
    for header in [
        "Utfall jan 2023;Budget jan 2023;Utfall feb 2023;Budget feb 2023;Utfall mar 2023;Budget mar 2023;Utfall totalt;Budget totalt",
        "2023-01 Utfall;2023-01 Budget;2023-02 Utfall;2023-02 Budget;2023-03 Utfall;2023-03 Budget;Totalt utfall;Totalt budget",
        "Utfall 2023-01;Utfall 2023-02;Utfall 2023-03;Budget 2023-01;Budget 2023-02;Budget 2023-03;Summa utfall;Summa budget",
        "Actual Jan 2023;Budget Jan 2023;Actual Feb 2023;Budget Feb 2023;Actual Mar 2023;Budget Mar 2023;Total;Budget total",
        "jan-23 (utfall);jan-23 (budget);feb-23 (utfall);feb-23 (budget);mar-23 (utfall);mar-23 (budget);Helår;Budget helår",
        "Utf. jan 2023;Bud. jan 2023;Utf. feb 2023;Bud. feb 2023;Utf. mar 2023;Bud. mar 2023;Utfall helår;Budget helår",
    ] {
        let cols: Vec<&str> = header.split(';').collect();
        let paired = cols[1].to_lowercase().contains("bud");
        // (actual, budget) per month, then the two totals.
        let row = |months: [(&str, &str); 3], totals: (&str, &str)| {
            let mut cells: Vec<&str> = Vec::new();
            match paired {
                true => months.iter().for_each(|(a, b)| cells.extend([*a, *b])),
                false => {
                    cells.extend(months.iter().map(|(a, _)| *a));
                    cells.extend(months.iter().map(|(_, b)| *b));
                }
            }
            cells.extend([totals.0, totals.1]);
            cells.join(";")
        };
        let text = format!(
            "Konto;Projekt;{header}\n6550;P1;{}\n6540;P2;{}\n",
            row(
                [("100,50", "120"), ("200", "120"), ("", "120")],
                ("300,50", "360")
            ),
            row([("7", ""), ("", ""), ("", "")], ("7", "")),
        );
        let a = read_text("bred.csv", &text);
        assert!(a.findings.is_empty(), "{header}: {:#?}", a.findings);
        assert_eq!(figures(&a), figures(&long), "{header}");
        // A month is one row read, whether one cell of it or both are filled.
        assert_eq!(a.rows_read, 4, "{header}");
    }
    // The months named alone, the year in an `År` column.
    let a = read_text(
        "år.csv",
        "År;Konto;Projekt;Utfall jan;Budget jan;Utfall feb;Budget feb;Utfall mar;Budget mar\n\
         2023;6550;P1;100,50;120;200;120;;120\n\
         2023;6540;P2;7;;;;;\n",
    );
    assert!(a.findings.is_empty(), "{:#?}", a.findings);
    assert_eq!(figures(&a), figures(&long));
}

#[test]
fn a_budget_month_without_actuals_and_a_bad_budget_cell_in_a_report_by_month() {
    use Fill::{Number as N, Text as T};
    // Actuals to date (two months) beside the budget of the whole year (here three
    // months): a month with a budget cell alone has actuals of 0. A budget cell
    // that is no amount is named at its own cell, by its month.
    let xlsx = workbook(
        &[
            "Konto",
            "Projekt",
            "Utfall jan 2023",
            "Utfall feb 2023",
            "Budget jan 2023",
            "Budget feb 2023",
            "Budget mar 2023",
        ],
        &[
            [
                Some(N(6550.0)),
                Some(T("P1")),
                Some(N(100.0)),
                Some(N(50.0)),
                Some(N(80.0)),
                Some(N(80.0)),
                Some(N(80.0)),
            ],
            [
                Some(N(6550.0)),
                Some(T("P2")),
                Some(N(5.0)),
                None,
                Some(T("80 kr/mån")),
                None,
                None,
            ],
        ],
    );
    let a = checked(read_bytes(&xlsx, "bred.xlsx", &ReadOptions::default()));
    let p1 = |month| {
        let e = &a.entries[&key(2023, month, "6550", Some("P1"))];
        (e.actual, e.budget)
    };
    assert_eq!(p1(1), (d("100"), Some(d("80"))));
    assert_eq!(p1(3), (d("0"), Some(d("80"))));
    assert_eq!(a.rows_read, 4);
    let [bad] = a.findings.as_slice() else {
        panic!("one finding: {:#?}", a.findings)
    };
    assert_eq!(bad.code().as_str(), "invalid-actuals-row");
    assert_eq!(bad.cell, CellRef::parse_a1("E3"));
    let message = bad.message(Lang::Sv);
    assert!(
        message.contains("80 kr/mån") && message.contains("Budget januari"),
        "{message}"
    );
    assert!(a.entries.get(&key(2023, 1, "6550", Some("P2"))).is_none());
}

#[test]
fn the_budget_of_a_report_by_month_is_refused_where_it_cannot_be_told() {
    let refused = |text: &str| refusal(&read_text("u.csv", text)).clone();
    // A month's budget named twice.
    assert_eq!(
        refused(
            "Konto;Projekt;jan 2023;feb 2023;Budget jan 2023;Budget 2023-01\n6550;P1;1;1;1;1\n"
        ),
        UnreadableActuals::AmbiguousColumns {
            role: "Budget".into(),
            columns: vec![
                ("E".into(), "Budget jan 2023".into()),
                ("F".into(), "Budget 2023-01".into())
            ],
        }
    );
    // One budget column beside the months: of which month cannot be told.
    assert_eq!(
        refused("Konto;Projekt;jan 2023;feb 2023;Budget\n6550;P1;1;1;2\n"),
        UnreadableActuals::MonthColumns {
            months: 2,
            without_year: false
        }
    );
    // Another figure's total is no total of the months.
    let a = read_text(
        "u.csv",
        "Konto;Projekt;jan 2023;feb 2023;Totalt fg år;Summa ack;Totalt\n6550;P1;1;2;50;60;3\n",
    );
    assert!(a.findings.is_empty(), "{:#?}", a.findings);
    // The year's budget beside months of actuals alone is no total of months.
    let a = read_text(
        "u.csv",
        "Konto;Projekt;jan 2023;feb 2023;Budget helår\n6550;P1;1;2;1200\n",
    );
    assert!(a.findings.is_empty(), "{:#?}", a.findings);
    assert_eq!(sums(&a).len(), 2);
    // A budget total's mismatch is named by its own column.
    let a = read_text(
        "u.csv",
        "Konto;Projekt;jan 2023;feb 2023;Budget jan 2023;Budget feb 2023;Totalt;Budget totalt\n\
         6550;P1;1;2;10;10;3;25\n",
    );
    assert_eq!(codes(&a), ["row-total-mismatch"]);
    assert_eq!(
        a.findings[0].kind,
        Kind::RowTotalMismatch {
            column: "Budget totalt".into(),
            total: d("25"),
            months: d("20"),
            rows: 1,
        }
    );
}

#[test]
fn a_month_heading_with_another_figure_is_no_month_column() {
    // A forecast by month beside the actuals is not read as actuals.
    let a = read_text(
        "u.csv",
        "Konto;Projekt;jan 2023;feb 2023;2023-01 Prognos;Prognos feb 2023
6550;P1;1;2;50;60
",
    );
    assert!(a.findings.is_empty(), "{:#?}", a.findings);
    assert_eq!(
        sums(&a),
        [
            (key(2023, 1, "6550", Some("P1")), d("1")),
            (key(2023, 2, "6550", Some("P1")), d("2"))
        ]
    );
}

#[test]
fn a_table_with_a_period_keeps_a_month_in_its_amount_header() {
    // `Utfall april` beside a period is the amount's header, as always.
    let a = read_text(
        "u.csv",
        "Period;Konto;Projekt;Utfall april;Budget april\n2023-04;6550;P1;10;12\n",
    );
    assert!(a.findings.is_empty(), "{:#?}", a.findings);
    let e = &a.entries[&key(2023, 4, "6550", Some("P1"))];
    assert_eq!((e.actual, e.budget), (d("10"), Some(d("12"))));
}

#[test]
fn a_report_by_month_with_a_header_of_two_rows_reads_the_figure_of_each_block() {
    let long = read_text(
        "lång.csv",
        "Period;Konto;Projekt;Belopp;Budget\n\
         2023-01;6550;P1;100,50;120\n2023-02;6550;P1;200;120\n\
         2023-01;6540;P2;7;\n",
    );
    for (name, text) in [
        // The figure over its block of months, a title above; a total per block.
        (
            "block.csv",
            "Utfall och budget per månad\n\
             ;;Utfall;;;Budget;;\n\
             Konto;Projekt;jan 2023;feb 2023;Totalt;jan 2023;feb 2023;Totalt\n\
             6550;P1;100,50;200;300,50;120;120;240\n\
             6540;P2;7;;7;;;\n",
        ),
        // `Konto` and the year in the upper row, the months alone below, a
        // total per block.
        (
            "upper.csv",
            "Konto;Projekt;Utfall 2023;;;Budget 2023;;\n\
             ;;jan;feb;Summa;jan;feb;Summa\n\
             6550;P1;100,50;200;300,50;120;120;240\n\
             6540;P2;7;;7;;;\n",
        ),
        // The month over its two figures.
        (
            "pairs.csv",
            ";;jan 2023;;feb 2023;\n\
             Konto;Projekt;Utfall;Budget;Utfall;Budget\n\
             6550;P1;100,50;120;200;120\n\
             6540;P2;7;;;\n",
        ),
    ] {
        let a = read_text(name, text);
        assert!(a.findings.is_empty(), "{name}: {:#?}", a.findings);
        assert_eq!(figures(&a), figures(&long), "{name}");
        assert_eq!(a.rows_read, 3, "{name}");
    }
    // A `Summa` row's budget cells are not read, nor a month whose actuals cell is
    // empty there (no total without an amount is named for it).
    let a = read_text(
        "summa.csv",
        ";;Utfall;;Budget;\n\
         Konto;Projekt;jan 2023;feb 2023;jan 2023;feb 2023\n\
         6550;P1;100,50;;120;120\n\
         Summa;;100,50;;120;x\n",
    );
    assert!(
        a.findings.iter().all(|f| matches!(
            f.kind,
            Kind::ActualsTotalRow {
                amount: Some(_),
                ..
            }
        )),
        "{:#?}",
        a.findings
    );
    assert_eq!(a.findings.len(), 1, "{:#?}", a.findings);
    // A block's total that is not its months' is named by its joined heading.
    let a = read_text(
        "fel.csv",
        ";;Utfall;;;Budget;;\n\
         Konto;Projekt;jan 2023;feb 2023;Totalt;jan 2023;feb 2023;Totalt\n\
         6550;P1;1;2;3;10;10;25\n",
    );
    assert_eq!(codes(&a), ["row-total-mismatch"]);
    assert!(matches!(
        &a.findings[0].kind,
        Kind::RowTotalMismatch { column, total, .. } if column == "Budget Totalt" && *total == d("25")
    ));
    // The months under another figure (accumulated, a forecast) are not read; the
    // year may stand with the figure, the months alone with an `År`-less header.
    let a = read_text(
        "ack.csv",
        ";;Utfall 2023;;Utfall ack 2023;;Prognos;;Budget 2023;\n\
         Konto;Projekt;jan;feb;jan;feb;jan 2023;feb 2023;jan;feb\n\
         6550;P1;100,50;200;100,50;300,50;999;999;120;120\n\
         6540;P2;7;;7;7;;;;\n",
    );
    assert!(a.findings.is_empty(), "{:#?}", a.findings);
    assert_eq!(figures(&a), figures(&long));
    // A row above that is no figure is not joined: the months named twice are
    // refused as before.
    let a = read_text(
        "två.csv",
        ";;Kostnader;;;;\nKonto;Projekt;jan 2023;feb 2023;jan 2023;feb 2023\n6550;P1;1;2;3;4\n",
    );
    assert!(matches!(
        refusal(&a),
        UnreadableActuals::AmbiguousColumns { role, .. } if role == "januari"
    ));
}

#[test]
fn a_workbook_by_month_with_the_figure_merged_over_its_months_is_read() {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let plain = rust_xlsxwriter::Format::new();
    sheet.write(0, 0, "Utfall och budget 2023").expect("cell");
    sheet
        .merge_range(1, 2, 1, 3, "Utfall", &plain)
        .expect("merge");
    sheet
        .merge_range(1, 4, 1, 5, "Budget", &plain)
        .expect("merge");
    for (col, head) in ["Konto", "Projekt", "jan-23", "feb-23", "jan-23", "feb-23"]
        .iter()
        .enumerate()
    {
        sheet.write(2, col as u16, *head).expect("cell");
    }
    let rows: [[f64; 4]; 2] = [[100.5, 200.0, 120.0, 120.0], [7.0, 0.0, 0.0, 0.0]];
    for (r, (account, project)) in [(6550, "P1"), (6540, "P2")].iter().enumerate() {
        let row = 3 + r as u32;
        sheet.write(row, 0, *account).expect("cell");
        sheet.write(row, 1, *project).expect("cell");
        for (c, v) in rows[r].iter().enumerate().filter(|(_, v)| **v != 0.0) {
            sheet.write(row, 2 + c as u16, *v).expect("cell");
        }
    }
    // A budget cell that is no amount is named at its own cell.
    sheet.write(4, 4, "saknas?").expect("cell");
    let xlsx = book.save_to_buffer().expect("workbook");
    let a = checked(read_bytes(&xlsx, "bred.xlsx", &ReadOptions::default()));
    let p1 = |month| {
        let e = &a.entries[&key(2023, month, "6550", Some("P1"))];
        (e.actual, e.budget)
    };
    assert_eq!(p1(1), (d("100.5"), Some(d("120"))));
    assert_eq!(p1(2), (d("200"), Some(d("120"))));
    let [bad] = a.findings.as_slice() else {
        panic!("one finding: {:#?}", a.findings)
    };
    assert_eq!(bad.cell, CellRef::parse_a1("E5"));
    assert!(bad.message(Lang::Sv).contains("Budget januari"));
}

#[test]
fn a_month_heading_with_a_unit_is_read_in_it_or_refused() {
    use crate::labels::Unit as Named;
    let text = "Konto;Projekt;Utfall jan 2023 (tkr);Utfall feb 2023 (tkr);Budget jan 2023, tkr\n\
                6550;P1;1,5;2;3\n";
    // Read in kronor (the default), the months in tkr would be 1 000 times off.
    assert_eq!(
        refusal(&read_text("u.csv", text)),
        &UnreadableActuals::UnitMismatch {
            header: "Utfall jan 2023 (tkr)".into(),
            named: Named::Thousands,
            tkr: false,
        }
    );
    // Read in tkr, they are read so.
    let tkr = ReadOptions {
        table_unit: Unit::Tkr,
        ..ReadOptions::default()
    };
    let a = checked(read_bytes(text.as_bytes(), "u.csv", &tkr));
    let jan = &a.entries[&key(2023, 1, "6550", Some("P1"))];
    assert_eq!((jan.actual, jan.budget), (d("1500"), Some(d("3000"))));
    assert_eq!(actual(&a, 2023, 2, "6550", Some("P1")), d("2000"));
    // In kronor, a heading in kronor is read.
    let a = read_text(
        "kr.csv",
        "Konto;Projekt;jan 2023 (kr);feb 2023 (kr)\n6550;P1;1,5;2\n",
    );
    assert!(a.findings.is_empty(), "{:#?}", a.findings);
    assert_eq!(actual(&a, 2023, 1, "6550", Some("P1")), d("1.5"));
}
