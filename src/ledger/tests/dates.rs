//! Dates that do not exist (`2023-04-31`, `2023-02-29`, `20230432`): in a table's
//! period or date column and in an SIE file's `#TRANS` or `#VER`, each is refused
//! with its file and line, counted as read and not summed, never read as its month.

use super::*;
use crate::lang::Lang;

/// The line and Swedish message of each finding.
fn named(a: &Actuals) -> Vec<(Option<u64>, String)> {
    (a.findings.iter())
        .map(|f| (f.line, f.message(Lang::Sv)))
        .collect()
}

#[test]
fn table_dates_that_do_not_exist_are_refused_with_their_line() {
    let csv = "Period;Konto;Projekt;Belopp\n\
               2023-04-30;6550;P1;100\n\
               2023-04-32;6550;P1;1\n\
               2023-04-31;6550;P1;2\n\
               2023-02-30;6550;P1;4\n\
               2023-13-01;6550;P1;8\n\
               31.04.2023;6550;P1;16\n\
               20230431;6550;P1;32\n\
               20230229.0;6550;P1;64\n\
               2023/04/31 00:00;6550;P1;128\n\
               2023-04-3x;6550;P1;256\n\
               2024-02-29;6550;P1;1000\n\
               29.02.2024;6550;P1;2000\n";
    let a = read_text("huvudbok.csv", csv);
    // Only the real days are summed: April 30th and the leap days of 2024.
    assert_eq!(actual(&a, 2023, 4, "6550", Some("P1")), d("100"));
    assert_eq!(actual(&a, 2024, 2, "6550", Some("P1")), d("3000"));
    assert_eq!(a.entries.len(), 2);
    assert_eq!(a.rows_read, 12);
    assert!(codes(&a).iter().all(|c| *c == "invalid-actuals-row"));
    let lines: Vec<Option<u64>> = a.findings.iter().map(|f| f.line).collect();
    assert_eq!(lines, (3..=11).map(Some).collect::<Vec<_>>());
    let found = named(&a);
    // What each bad line's message says, in the lines' order (the 9th: text after
    // the month that is no day is no period either; the 4th: month 13 is no month,
    // said as a period is).
    let says = [
        (0, "”2023-04-32” är inget datum: 2023-04 har 30 dagar"),
        (2, "2023-02 har 28 dagar"),
        (3, "månad 01–12"),
        (4, "”31.04.2023” är inget datum"),
        (5, "”20230431” är inget datum"),
        (6, "2023-02 har 28 dagar"),
        (7, "2023/04/31 00:00"),
        (8, "”2023-04-3x” står där"),
    ];
    for (at, text) in says {
        assert!(found[at].1.contains(text), "{}", found[at].1);
    }
    let en = a.findings[0].message(Lang::En);
    assert!(
        en.contains("“2023-04-32” is no date: 2023-04 has 30 days"),
        "{en}"
    );
}

#[test]
fn a_workbooks_text_date_that_does_not_exist_is_refused_at_its_cell() {
    let book = workbook(
        &["Datum", "Konto", "Projekt", "Belopp"],
        &[
            [
                Some(Fill::Text("2023-04-28")),
                Some(Fill::Text("6550")),
                Some(Fill::Text("P1")),
                Some(Fill::Number(10.0)),
            ],
            [
                Some(Fill::Text("2023-06-31")),
                Some(Fill::Text("6550")),
                Some(Fill::Text("P1")),
                Some(Fill::Number(20.0)),
            ],
        ],
    );
    let a = checked(read_bytes(&book, "huvudbok.xlsx", &ReadOptions::default()));
    assert_eq!(actual(&a, 2023, 4, "6550", Some("P1")), d("10"));
    assert_eq!(a.entries.len(), 1);
    assert_eq!(codes(&a), ["invalid-actuals-row"]);
    assert_eq!(a.findings[0].place(Lang::Sv), "huvudbok.xlsx › Sheet1 › A3");
    assert!(
        a.findings[0]
            .message(Lang::Sv)
            .contains("2023-06 har 30 dagar")
    );
}

#[test]
fn sie_transaction_and_voucher_dates_that_do_not_exist_are_refused() {
    let text = "#FLAGGA 0\n#SIETYP 4\n#RAR 0 20230101 20231231\n\
                #VER A 1 20230430\n{\n#TRANS 4010 {} 100.00\n#TRANS 4010 {} 1.00 20230431\n}\n\
                #VER A 2 20230432\n{\n#TRANS 4010 {} 2.00\n#TRANS 4010 {} 4.00 20230415\n}\n\
                #VER A 3 20230229\n{\n#TRANS 4010 {} 8.00\n}\n\
                #VER A 4 2023041\n{\n#TRANS 4010 {} 16.00\n}\n\
                #VER A 5 20240229\n{\n#TRANS 4010 {} 1000.00\n}\n";
    let a = read_text("huvudbok.se", text);
    // A row with a date of its own keeps it, whatever its voucher's date.
    assert_eq!(actual(&a, 2023, 4, "4010", None), d("104.00"));
    assert_eq!(actual(&a, 2024, 2, "4010", None), d("1000.00"));
    assert_eq!(a.rows_read, 7);
    let found = named(&a);
    let lines: Vec<Option<u64>> = found.iter().map(|(l, _)| *l).collect();
    assert_eq!(lines, [Some(7), Some(11), Some(16), Some(20)]);
    assert!(
        found[0]
            .1
            .contains("”20230431” finns inte: 2023-04 har 30 dagar"),
        "{}",
        found[0].1
    );
    assert!(
        found[1]
            .1
            .contains("(#VER på rad 9), ”20230432”, finns inte: 2023-04 har 30 dagar"),
        "{}",
        found[1].1
    );
    assert!(
        found[2]
            .1
            .contains("(#VER på rad 14), ”20230229”, finns inte: 2023-02 har 28 dagar")
    );
    assert!(
        found[3].1.contains("”2023041”, är inget datum ÅÅÅÅMMDD"),
        "{}",
        found[3].1
    );
}
