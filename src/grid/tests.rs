use super::sniff::{SST_HEAD_BYTES, declared_unique_count, first_sst_unique_count};
use super::values::{excel_date, float_value};
use super::*;
use std::io::Read;
use std::str::FromStr;

#[test]
fn dates_from_serials_in_both_date_systems() {
    use calamine::{ExcelDateTime, ExcelDateTimeType::DateTime};
    let date = |serial, is_1904| excel_date(&ExcelDateTime::new(serial, DateTime, is_1904));
    assert_eq!(date(46082.0, false), Value::Date("2026-03-01".into()));
    assert_eq!(date(44927.5, false), Value::Date("2023-01-01".into()));
    // The 1904 system counts from 1904-01-01: serial 43465 is four years later.
    assert_eq!(date(43465.0, false), Value::Date("2018-12-31".into()));
    assert_eq!(date(43465.0, true), Value::Date("2023-01-01".into()));
}

#[test]
fn floats_are_read_at_excels_fifteen_digits() {
    let d = |s: &str| Value::Number(Decimal::from_str(s).unwrap_or_default());
    // Stored values of `=4000.7+1200.6` and `=0.1+0.2`, as Excel writes them.
    let stored = |s: &str| float_value(s.parse().unwrap_or(f64::NAN));
    assert_eq!(stored("5201.2999999999993"), d("5201.3"));
    assert_eq!(stored("0.30000000000000004"), d("0.3"));
    assert_eq!(float_value(1234.56), d("1234.56"));
    assert_eq!(float_value(0.1), d("0.1"));
    assert_eq!(float_value(4_432_946.73), d("4432946.73"));
    assert_eq!(float_value(13_000.0), d("13000"));
    assert_eq!(float_value(-0.0), Value::Number(Decimal::ZERO));
    assert_eq!(float_value(2_000.5), d("2000.5"));
    assert_eq!(float_value(-1_500.25), d("-1500.25"));
    // 15 significant digits, rounded, not cut.
    assert_eq!(float_value(123_456_789.123_456_78), d("123456789.123457"));
    assert_eq!(float_value(9_007_199_254_740_993.5), d("9007199254740990"));
    assert_eq!(float_value(1e-40), Value::Number(Decimal::ZERO));
    assert!(matches!(float_value(1e30), Value::HugeNumber(_)));
    assert!(matches!(float_value(f64::NAN), Value::HugeNumber(_)));
}

/// A sheet of a workbook's list, as calamine gives it.
fn sheet(name: &str, typ: calamine::SheetType, visible: calamine::SheetVisible) -> calamine::Sheet {
    calamine::Sheet {
        name: name.into(),
        typ,
        visible,
    }
}

/// The sheet `choose_sheet` reads of `sheets` as `Budgetfördelning`, and its note.
fn chosen(sheets: &[calamine::Sheet]) -> (Option<String>, Option<SheetChoice>) {
    choose_sheet(sheets, labels::SHEET_BUDGET)
}

/// The note on `Budgetfördelning`'s choice: the sheet read, the other candidates,
/// the copies and the similar sheets.
fn budget_choice(
    used: Option<&str>,
    others: &[&str],
    copies: &[&str],
    similar: &[&str],
) -> SheetChoice {
    let names = |names: &[&str]| names.iter().map(|n| n.to_string()).collect();
    SheetChoice {
        label: labels::SHEET_BUDGET,
        used: used.map(String::from),
        others: names(others),
        copies: names(copies),
        similar: names(similar),
    }
}

#[test]
fn of_several_matching_sheets_only_the_visible_worksheet_is_read() {
    use calamine::{SheetType, SheetVisible};
    let (ws, chart) = (SheetType::WorkSheet, SheetType::ChartSheet);
    let (shown, hidden) = (SheetVisible::Visible, SheetVisible::Hidden);
    let only = [sheet("budgetfördelning", ws, hidden)];
    assert_eq!(chosen(&only), (Some("budgetfördelning".into()), None));
    let two = [
        sheet("Budgetfördelning", ws, SheetVisible::VeryHidden),
        sheet("Budgetfördelning ", ws, shown),
    ];
    let used = "Budgetfördelning ";
    assert_eq!(
        chosen(&two),
        (
            Some(used.into()),
            Some(budget_choice(Some(used), &["Budgetfördelning"], &[], &[]))
        )
    );
    let visible = [
        sheet("Budgetfördelning", ws, shown),
        sheet("BUDGETFÖRDELNING", ws, shown),
    ];
    let others = ["Budgetfördelning", "BUDGETFÖRDELNING"];
    assert_eq!(
        chosen(&visible),
        (None, Some(budget_choice(None, &others, &[], &[])))
    );
    let with_chart = [
        sheet("Budgetfördelning", chart, shown),
        sheet("Budgetfördelning ", ws, shown),
    ];
    assert_eq!(
        chosen(&with_chart),
        (Some("Budgetfördelning ".into()), None)
    );
}

#[test]
fn a_copy_excel_made_of_the_sheet_is_named_but_never_read() {
    use calamine::{SheetType, SheetVisible};
    let (ws, shown) = (SheetType::WorkSheet, SheetVisible::Visible);
    // A copy Excel made (`Budgetfördelning (2)`) is never read, but named; a
    // copy of another sheet, or a copy alone, is not this sheet's choice.
    let copied = [
        sheet("Budgetfördelning (2)", ws, shown),
        sheet("Budgetfördelning", ws, shown),
        sheet("Utvecklingsinitiativ (2)", ws, shown),
    ];
    let used = "Budgetfördelning";
    assert_eq!(
        chosen(&copied),
        (
            Some(used.into()),
            Some(budget_choice(
                Some(used),
                &[],
                &["Budgetfördelning (2)"],
                &[]
            ))
        )
    );
    assert_eq!(chosen(&copied[..1]), (None, None));
}

#[test]
fn a_sheet_named_as_the_sheet_and_more_is_named_but_never_read() {
    use calamine::{SheetType, SheetVisible};
    let (ws, shown) = (SheetType::WorkSheet, SheetVisible::Visible);
    // A sheet named as the required one and more (an older year kept, a new one
    // begun) is never read, but named beside the sheet read; alone it is no choice.
    let kept = [
        sheet("Budgetfördelning", ws, shown),
        sheet("Budgetfördelning 2023", ws, shown),
        sheet("budgetfördelning - gammal", ws, shown),
        sheet("Budgetfördelningar", ws, shown),
    ];
    let used = "Budgetfördelning";
    let similar = ["Budgetfördelning 2023", "budgetfördelning - gammal"];
    assert_eq!(
        chosen(&kept),
        (
            Some(used.into()),
            Some(budget_choice(Some(used), &[], &[], &similar))
        )
    );
    assert_eq!(chosen(&kept[1..]), (None, None));
}

#[test]
fn sniffing_does_not_trust_extensions() {
    assert_eq!(
        sniff(b"Text;Belopp\n"),
        Err(Unreadable::NotSpreadsheet.into())
    );
    assert!(matches!(
        sniff(b"PK\x03\x04truncated"),
        Err(ReadError::Unreadable(Unreadable::Corrupt(_)))
    ));
}

#[test]
fn unique_count_is_found_wherever_it_stands() {
    let count = |xml: &str| declared_unique_count(xml.as_bytes());
    assert_eq!(count(r#"<sst count="3" uniqueCount="2">"#), 2);
    assert_eq!(
        count(r#"<!-- uniqueCount="1" --><x:sst uniqueCount = '4000000000'>"#),
        4_000_000_000
    );
    let padded = format!("{}<sst uniqueCount=\"7\">", " ".repeat(100_000));
    assert_eq!(count(&padded), 7);
    assert_eq!(count("<sst><si><t>uniqueCount</t></si></sst>"), 0);
}

#[test]
fn the_first_sst_tag_is_found_as_calamine_finds_it() {
    let first = |xml: &str| first_sst_unique_count(xml.as_bytes());
    assert_eq!(
        first(r#"<?xml version="1.0"?><sst count="3" uniqueCount="2"><si><t>a</t></si>"#),
        Some(2)
    );
    // A tag inside a comment or CDATA is not the element calamine reads.
    assert_eq!(
        first(r#"<!-- <sst uniqueCount="1"> --><x:sst uniqueCount='9000000000'/>"#),
        Some(9_000_000_000)
    );
    assert_eq!(
        first(r#"<a><![CDATA[<sst uniqueCount="1">]]></a><sst uniqueCount="77">"#),
        Some(77)
    );
    assert_eq!(first("<sst>"), Some(0));
    // Not found in the head: the caller scans the whole part.
    assert_eq!(first(r#"<!-- <sst uniqueCount="1"> "#), None);
    assert_eq!(first("<other/>"), None);
    let long_comment = format!("<!--{}--><sst uniqueCount=\"5\">", " ".repeat(100_000));
    let head = long_comment.as_bytes().take(SST_HEAD_BYTES);
    assert_eq!(first_sst_unique_count(head), None);
    assert_eq!(declared_unique_count(long_comment.as_bytes()), 5);
}

#[test]
fn addresses() {
    assert_eq!(CellRef::parse_a1("C11"), Some(CellRef::new(10, 2)));
    assert_eq!(
        CellRef::parse_a1("XFD1048576"),
        Some(CellRef::new(1_048_575, 16_383))
    );
    assert_eq!(CellRef::parse_a1("11"), None);
}

/// A collector counts the filled cells only (an empty formula is held but not
/// counted) and refuses the first past its limit, naming the limit it holds.
#[test]
fn a_collector_refuses_the_first_filled_cell_past_its_own_limit() {
    let mut out = Collector::new(2);
    let number = || Value::Number(Decimal::ONE);
    out.push(CellRef::new(0, 0), number(), false)
        .expect("first");
    out.push(CellRef::new(0, 1), Value::Empty, true)
        .expect("empty formula");
    out.push(CellRef::new(0, 2), Value::Text(" ".into()), false)
        .expect("blank");
    out.push(CellRef::new(1, 0), number(), false)
        .expect("second");
    assert_eq!(
        out.push(CellRef::new(1, 1), number(), false),
        Err(TooLarge::Cells { limit: 2 }.into())
    );
    assert_eq!(out.cells.len(), 3, "the blank text is not held");
    // The two bounds the readers give it: a template's and a ledger's.
    const { assert!(MAX_LEDGER_CELLS >= 1_048_576 * 8 && MAX_CELLS < MAX_LEDGER_CELLS) };
}
