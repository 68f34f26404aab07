//! Amounts and codes as ledger reports write them into text: points between digit
//! groups, the unit before or after the number with the sign outside it, Excel's
//! text protection, no-break and thin spaces, the Unicode minus, scientific
//! notation. Each form is read exactly or refused with the reason; none is misread.

use super::*;
use crate::finding::NotAmount;
use crate::lang::Lang;

/// The amount each text is read as, one row per text, in a CSV and in a workbook's
/// text cells alike.
fn read_amounts(texts: &[&'static str]) -> [Actuals; 2] {
    let mut csv = String::from("Period;Konto;Projekt;Belopp\n");
    for t in texts {
        csv.push_str(&format!("202304;6550;P1;{t}\n"));
    }
    let rows: Vec<[Option<Fill>; 4]> = (texts.iter())
        .map(|t| ["202304", "6550", "P1", t].map(|t| Some(Fill::Text(t))))
        .collect();
    let book = workbook(&["Period", "Konto", "Projekt", "Belopp"], &rows);
    let opts = ReadOptions::default();
    [
        read_text("huvudbok.csv", &csv),
        checked(read_bytes(&book, "huvudbok.xlsx", &opts)),
    ]
}

#[test]
fn unambiguous_ledger_forms_are_read_exactly() {
    for (text, value) in [
        ("1.234.567", "1234567"),
        ("-1.234.567", "-1234567"),
        ("1.234.567-", "-1234567"),
        ("\u{2212}1.234.567,00", "-1234567.00"),
        ("1 234,50 kr-", "-1234.50"),
        ("(1 234,50 kr)", "-1234.50"),
        ("(1 234,50) kr", "-1234.50"),
        ("kr 1 000,00", "1000.00"),
        ("Kr. 1 000,00", "1000.00"),
        ("kronor 1 000", "1000"),
        ("1 000 kronor", "1000"),
        ("SEK -1 000", "-1000"),
        ("kr -1 000", "-1000"),
        ("=\"6550\"", "6550"),
        ("=\"-1 234,50\"", "-1234.50"),
        ("'6550", "6550"),
        ("'1 234,50-", "-1234.50"),
        ("1\u{a0}234,50", "1234.50"),
        ("1\u{202f}234,50", "1234.50"),
        ("1\u{2009}234 567,5", "1234567.5"),
        ("\u{2212}1\u{a0}234,50\u{a0}kr", "-1234.50"),
        ("\u{2212}100", "-100"),
        ("1,23456E+03", "1234.56"),
        ("1.2345678E+03", "1234.5678"),
        ("-2,5E-01", "-0.25"),
        ("1E-2", "0.01"),
    ] {
        for a in read_amounts(&[text]) {
            assert!(
                a.findings.is_empty(),
                "{text} in {}: {:#?}",
                a.file,
                a.findings
            );
            assert_eq!(actual(&a, 2023, 4, "6550", Some("P1")), d(value), "{text}");
        }
    }
}

#[test]
fn ambiguous_and_possibly_rounded_forms_are_refused_with_the_reason() {
    let texts = [
        "1.234",
        "3,900 kr",
        "kr 3,900-",
        "1,2345E+03",
        "1,23457E+11",
        "1E3",
        "kredit 100",
        "12 tkr",
        "=\"6550",
        "1.234.56",
    ];
    for a in read_amounts(&texts) {
        // Nothing is summed, each row is named where it stands.
        assert!(a.entries.is_empty(), "{}: {:#?}", a.file, a.entries);
        assert_eq!(a.findings.len(), texts.len(), "{}", a.file);
        let reasons: Vec<&NotAmount> = (a.findings.iter())
            .map(|f| match &f.kind {
                Kind::InvalidActualsRow {
                    expected: ActualsExpected::TableAmount(why),
                    ..
                } => why,
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(reasons[0], &NotAmount::Ambiguous("1.234".into()));
        assert_eq!(reasons[1], &NotAmount::Ambiguous("3,900 kr".into()));
        assert_eq!(reasons[2], &NotAmount::Ambiguous("kr 3,900-".into()));
        assert_eq!(
            reasons[3],
            &NotAmount::Scientific {
                text: "1,2345E+03".into(),
                step: d("0.1")
            }
        );
        assert!(matches!(reasons[4], NotAmount::Scientific { step, .. } if *step == d("1000000")));
        assert!(matches!(reasons[5], NotAmount::Scientific { step, .. } if *step == d("1000")));
        for (why, text) in reasons[6..].iter().zip(&texts[6..]) {
            assert_eq!(*why, &NotAmount::Text((*text).into()), "{text}");
        }
        let sv = a.findings[3].message(Lang::Sv);
        assert!(
            sv.contains("”1,2345E+03” är skrivet i grundpotensform")
                && sv.contains("står för 0,1 kr, så beloppet kan vara avrundat")
                && sv.contains("Formatera kolumnen som tal med två decimaler"),
            "{sv}"
        );
    }
}

#[test]
fn codes_behind_excels_text_protection_and_no_break_spaces_are_their_codes() {
    // UTF-8: `="6550"`, `'6550`, a code with a no-break space after it (C2 A0), a
    // name ending in `à` (C3 A0, kept); protected periods; an empty protected project.
    let csv = "Period;Konto;Projekt;Belopp\n\
               =\"202304\";=\"6550\";=\"P1\";1\n\
               '202304;'6550;'P1;2\n\
               202304;6550\u{a0};P1\u{a0};4\n\
               202304;6550;Città;8\n\
               202304;6550;=\"\";16\n\
               202304;6550;';32\n\
               202304;=\"abc\";P1;64\n";
    let a = read_text("huvudbok.csv", csv);
    assert_eq!(actual(&a, 2023, 4, "6550", Some("P1")), d("7"));
    assert_eq!(actual(&a, 2023, 4, "6550", Some("Città")), d("8"));
    assert_eq!(actual(&a, 2023, 4, "6550", None), d("48"));
    assert_eq!(a.entries.len(), 3);
    // Text that is no account behind the protection is still no account.
    assert_eq!(codes(&a), ["invalid-actuals-row"]);
    assert_eq!(a.findings[0].line, Some(8));
    // Windows-1252: the no-break space is the one byte A0, after a digit or a letter.
    let cp1252 = b"Period;Konto;Projekt;Belopp\n202304;6550\xa0;P\xe5\xa0;1\xa0000,00\n202304;6550;P\xe5;1\n";
    let a = checked(read_bytes(cp1252, "huvudbok.csv", &ReadOptions::default()));
    assert!(a.findings.is_empty(), "{:#?}", a.findings);
    assert_eq!(actual(&a, 2023, 4, "6550", Some("På")), d("1001.00"));
    // A workbook's text cells alike.
    let rows = [["'202304", "'6550", "=\"P1\"", "'1 000"].map(|t| Some(Fill::Text(t)))];
    let book = workbook(&["Period", "Konto", "Projekt", "Belopp"], &rows);
    let a = checked(read_bytes(&book, "huvudbok.xlsx", &ReadOptions::default()));
    assert_eq!(actual(&a, 2023, 4, "6550", Some("P1")), d("1000"));
}
