//! Total and subtotal rows of a table export (`Summa`, `Delsumma konto 5410`,
//! `5410 Summa`, `Total`): never summed, each named with the sums of the rows above
//! it, alike in CSV and in a workbook.

use super::*;
use crate::finding::TotalMatch;
use crate::lang::Lang;
use crate::location::CellRef;

/// The total-row findings: (line or cell, label, which sum matched).
fn totals(a: &Actuals) -> Vec<(String, String, TotalMatch)> {
    a.findings
        .iter()
        .filter_map(|f| match &f.kind {
            Kind::ActualsTotalRow {
                label,
                amount,
                since_previous,
                since_start,
            } => Some((
                f.place(Lang::En),
                label.clone(),
                TotalMatch::of(*amount, *since_previous, *since_start),
            )),
            _ => None,
        })
        .collect()
}

fn sum_of_entries(a: &Actuals) -> Decimal {
    a.entries.values().map(|e| e.actual).sum()
}

#[test]
fn a_grand_total_that_matches_is_not_summed() {
    let csv = "Period;Konto;Projekt;Text;Belopp\n\
               202304;5410;P1;Dator;1000,00\n\
               202304;6550;;Konsult;500,00\n\
               Summa;;;;1500,00\n";
    let a = read_text("u.csv", csv);
    assert_eq!(codes(&a), ["actuals-total-row"]);
    assert_eq!(a.findings[0].severity, Severity::Info);
    assert_eq!(
        totals(&a),
        [(
            "u.csv › line 4".into(),
            "Summa".into(),
            TotalMatch::GrandTotal
        )]
    );
    assert_eq!(
        sum_of_entries(&a),
        d("1500"),
        "the total is not counted again"
    );
    assert_eq!((a.rows_read, a.rows_in_findings()), (3, 1));
    assert_eq!(
        a.findings[0].message(Lang::Sv),
        "Raden ”Summa” är en summarad och räknades inte in i utfallet: beloppet 1 500 är summan av alla rader ovanför den."
    );
}

#[test]
fn a_subtotal_per_account_and_a_grand_total() {
    // The spellings of several systems: Swedish and English, prefix and Excel's
    // suffix, in the Period, Konto or Projekt column, in any case.
    let csv = "Period;Konto;Projekt;Belopp\n\
               202304;5410;P1;100\n\
               202305;5410;P2;200,50\n\
               Summa konto 5410;;;300,50\n\
               202304;6550;P1;1000\n\
               ;6550 Summa;;1000\n\
               202304;6560;P1;-50\n\
               ;;DELSUMMA;-50\n\
               \u{a0}Totalt: ;;;1250,50\n\
               202306;7010;;5\n\
               ;;Total;5\n\
               S:a;;;1255,5\n";
    let a = read_text("u.csv", csv);
    let line = |n: u32| format!("u.csv › line {n}");
    assert_eq!(
        totals(&a),
        [
            (line(4), "Summa konto 5410".into(), TotalMatch::GrandTotal),
            (line(6), "6550 Summa".into(), TotalMatch::Subtotal),
            (line(8), "DELSUMMA".into(), TotalMatch::Subtotal),
            (line(9), "Totalt:".into(), TotalMatch::GrandTotal),
            (line(11), "Total".into(), TotalMatch::Subtotal),
            (line(12), "S:a".into(), TotalMatch::GrandTotal),
        ]
    );
    assert!(a.findings.iter().all(|f| f.severity == Severity::Info));
    assert_eq!(sum_of_entries(&a), d("1255.50"));
    assert_eq!(a.entries.len(), 5);
    assert_eq!((a.rows_read, a.rows_in_entries()), (11, 5));
}

#[test]
fn a_total_that_matches_neither_sum_names_both() {
    let csv = "Period;Konto;Projekt;Belopp\n\
               202304;5410;P1;100\n\
               Summa;;;100\n\
               202304;6550;P1;1000\n\
               202304;6550;P2;3,900\n\
               Summa;;;1100,25\n";
    let a = read_text("u.csv", csv);
    assert_eq!(
        codes(&a),
        [
            "invalid-actuals-row",
            "actuals-total-row",
            "actuals-total-row"
        ]
    );
    let last = &a.findings[2];
    assert_eq!(last.severity, Severity::Warning);
    assert_eq!(last.line, Some(6));
    assert_eq!(
        last.message(Lang::Sv),
        "Raden ”Summa” är en summarad och räknades inte in i utfallet, men beloppet 1 100,25 stämmer varken med summan av raderna sedan föregående summarad (1 000) eller med summan av alla rader ovanför den (1 100). Kontrollera att exporten är hel; raderna ovanför räknades som de står."
    );
    assert_eq!(
        last.message(Lang::En),
        "The row “Summa” is a total row and was not counted in the actuals, but its amount 1,100.25 matches neither the sum of the rows since the previous total row (1,000) nor the sum of all rows above it (1,100). Check that the export is complete; the rows above were counted as they stand."
    );
    // The first total row: no total above it, so one sum only.
    let first = Finding::new(Kind::ActualsTotalRow {
        label: "Summa".into(),
        amount: Some(d("99")),
        since_previous: None,
        since_start: d("100"),
    });
    assert!(
        first
            .message(Lang::En)
            .contains("does not match the sum of the rows above it (100)")
    );
}

#[test]
fn a_row_like_a_total_with_another_defect_stays_invalid() {
    // `Summa` with no amount is a total row compared with nothing (a warning); with
    // an account, or an amount that is no amount, it stays invalid.
    let csv = "Period;Konto;Projekt;Text;Belopp\n\
               202304;5410;P1;;100\n\
               Summa;;;;\n\
               Summa;;;;ca 100\n\
               202313;;;Summa;100\n\
               202313;5410;P1;;100\n\
               ;;;Kommentar;100\n\
               202304;Summa;;;\n";
    let a = read_text("u.csv", csv);
    let mut lines: Vec<(Option<u64>, &str)> = a
        .findings
        .iter()
        .map(|f| (f.line, f.code().as_str()))
        .collect();
    lines.sort();
    assert_eq!(
        lines,
        [
            (Some(3), "actuals-total-row"),
            (Some(4), "invalid-actuals-row"),
            (Some(5), "invalid-actuals-row"),
            (Some(6), "invalid-actuals-row"),
            (Some(7), "invalid-actuals-row"),
        ]
    );
    // A row with a month and an account `Summa` but no amount is a row as before:
    // summed (0) on its account, which is no cost account.
    assert_eq!(actual(&a, 2023, 4, "Summa", None), d("0"));
}

#[test]
fn an_account_that_names_a_total_beside_a_month_is_a_total_row() {
    // Excel's subtotals grouped by account keep the month on some exports.
    let csv = "Period;Konto;Projekt;Belopp\n202304;5410;P1;100\n202304;5410 Summa;;100\n";
    let a = read_text("u.csv", csv);
    assert_eq!(codes(&a), ["actuals-total-row"]);
    assert_eq!(a.entries.len(), 1);
}

#[test]
fn totals_compare_with_the_amounts_as_written_whatever_the_unit() {
    let opts = ReadOptions {
        table_unit: Unit::Tkr,
        ..ReadOptions::default()
    };
    let csv = "Period;Konto;Projekt;Belopp\n202304;5410;P1;1,5\n202304;5410;P2;2\nSumma;;;3,5\n";
    let a = checked(read_bytes(csv.as_bytes(), "u.csv", &opts));
    assert_eq!(sum_of_entries(&a), d("3500"));
    assert!(matches!(
        &a.findings[..],
        [f] if f.severity == Severity::Info && f.message(Lang::Sv).contains("beloppet 3,50 ")
    ));
}

#[test]
fn past_200_total_rows_the_rest_are_counted_in_one_finding() {
    let mut csv = String::from("Period;Konto;Projekt;Belopp\n");
    for i in 0..250 {
        csv.push_str(&format!("202304;5410;P{i};{i}\nDelsumma;;;{i}\n"));
    }
    let a = read_text("u.csv", &csv);
    assert_eq!(a.findings.len(), 201);
    assert!(matches!(
        a.findings[200].kind,
        Kind::MoreActualsTotalRows {
            rows: 50,
            unchecked: 0
        }
    ));
    assert_eq!(a.findings[200].line, Some(2 + 2 * 200 + 1));
    assert_eq!(a.rows_in_findings(), 250);
}

#[test]
fn a_workbook_with_summa_in_the_konto_column() {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Huvudbok").expect("name");
    for (c, h) in ["Period", "Konto", "Projekt", "Belopp"].iter().enumerate() {
        ws.write_string(2, c as u16, *h).expect("write");
    }
    let rows: [(&str, &str, f64); 2] = [("2023-04", "5410", 1200.5), ("2023-04", "6550", 300.0)];
    for (r, (p, k, b)) in rows.iter().enumerate() {
        let r = r as u32 + 3;
        ws.write_string(r, 0, *p).expect("write");
        ws.write_string(r, 1, *k).expect("write");
        ws.write_number(r, 3, *b).expect("write");
    }
    ws.write_string(5, 1, "Summa").expect("write");
    // The total as Excel writes it: a formula, its value stored.
    ws.write_formula(
        5,
        3,
        rust_xlsxwriter::Formula::new("=SUM(D4:D5)").set_result("1500.5"),
    )
    .expect("write");
    ws.write_string(6, 1, "Total").expect("write");
    ws.write_number(6, 3, 1600.0).expect("write");
    let xlsx = wb.save_to_buffer().expect("xlsx");
    let a = checked(read_bytes(&xlsx, "u.xlsx", &ReadOptions::default()));
    assert_eq!(
        totals(&a),
        [
            (
                "u.xlsx › Huvudbok › D6".into(),
                "Summa".into(),
                TotalMatch::GrandTotal
            ),
            (
                "u.xlsx › Huvudbok › D7".into(),
                "Total".into(),
                TotalMatch::Neither
            ),
        ]
    );
    assert_eq!(a.findings[1].cell, Some(CellRef::new(6, 3)));
    assert_eq!(sum_of_entries(&a), d("1500.5"));
    // The same rows as CSV give the same findings, but for the place.
    let csv = "Titel\n\nPeriod;Konto;Projekt;Belopp\n2023-04;5410;;1200,5\n2023-04;6550;;300\n;Summa;;1500,5\n;Total;;1600\n";
    let c = read_text("u.csv", csv);
    let kinds = |a: &Actuals| {
        a.findings
            .iter()
            .map(|f| f.kind.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(kinds(&c), kinds(&a));
    assert_eq!(c.entries, {
        let mut e = a.entries.clone();
        for (k, v) in &mut e {
            v.first = c.entries[k].first;
        }
        e
    });
}

#[test]
fn a_total_s_label_without_an_amount_is_a_total_row_in_any_column() {
    // `Summa` in the period's column or in another, no month, no account, no
    // amount: a total row compared with nothing (a warning), not a text row.
    let csv = "Period;Konto;Projekt;Text;Belopp\n\
               202304;5410;P1;;100\n\
               Summa;;;;\n\
               ;;;Totalt;\n\
               ;;;Rubrik;\n";
    let a = read_text("u.csv", csv);
    let mut found: Vec<(Option<u64>, &str, Severity)> = (a.findings.iter())
        .map(|f| (f.line, f.code().as_str(), f.severity))
        .collect();
    found.sort_by_key(|f| f.0);
    assert_eq!(
        found,
        [
            (Some(3), "actuals-total-row", Severity::Warning),
            (Some(4), "actuals-total-row", Severity::Warning),
            (Some(5), "text-row", Severity::Info),
        ]
    );
    assert_eq!(sum_of_entries(&a), d("100"));
}

/// Past the 200 named total rows, a subtotal that does not hold is still named —
/// a row missing near the end of a long report of subtotals is seen — and a grand
/// total is told from the whole file's sums. Past 10 000 such rows the rest are
/// counted, said not compared.
#[test]
fn a_wrong_total_past_the_named_ones_is_still_named() {
    let mut csv = String::from("Period;Konto;Projekt;Belopp\n");
    for i in 0..250 {
        csv.push_str(&format!("202304;5410;P{i};{i}\nDelsumma;;;{i}\n"));
    }
    // A row left out of the export: the subtotal says 10 more than its rows.
    csv.push_str("202304;5410;P1;5\nDelsumma;;;15\n");
    let all: u32 = (0..250).sum::<u32>() + 5;
    csv.push_str(&format!("Totalsumma;;;{all}\n"));
    let a = read_text("u.csv", &csv);
    let warned: Vec<_> = (a.findings.iter())
        .filter(|f| f.severity == Severity::Warning)
        .collect();
    assert_eq!(warned.len(), 1, "{warned:#?}");
    assert_eq!(warned[0].line, Some(2 + 2 * 250 + 1));
    assert!(matches!(
        a.findings.last().map(|f| &f.kind),
        Some(Kind::MoreActualsTotalRows {
            rows: 51,
            unchecked: 0
        })
    ));
    // Every total row wrong: 200 named, 10 000 more compared and named, the rest
    // counted as not compared.
    let mut csv = String::from("Period;Konto;Projekt;Belopp\n");
    for _ in 0..10_300 {
        csv.push_str("202304;5410;P1;2\nDelsumma;;;1\n");
    }
    let a = read_text("u.csv", &csv);
    assert_eq!(a.findings.len(), 10_201);
    let last = a.findings.last().expect("the count");
    assert!(matches!(
        last.kind,
        Kind::MoreActualsTotalRows {
            rows: 100,
            unchecked: 100
        }
    ));
    assert!(last.message(Lang::Sv).contains("100 av dem jämfördes inte"));
}
