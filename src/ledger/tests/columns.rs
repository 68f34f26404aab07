//! A table's header claiming one money column twice (`Belopp` and `Utfall`, two
//! `Budget`, two `Debet`): which one counts cannot be told, so the file is refused
//! with both columns named, in a CSV (on one thread and cut in two) and in a
//! workbook; columns that do not hold money may stand twice. An amount in a foreign
//! currency is not read, and a column named as the code wins over a plain one. A
//! money header naming another unit than the actuals are read in refuses the file.

use super::*;
use crate::lang::Lang;
use crate::location::CellRef;

fn ambiguous(role: &str, columns: [(&str, &str); 2]) -> UnreadableActuals {
    UnreadableActuals::AmbiguousColumns {
        role: role.to_string(),
        columns: (columns.iter())
            .map(|(l, t)| (l.to_string(), t.to_string()))
            .collect(),
    }
}

#[test]
fn two_amount_columns_in_a_csv_refuse_the_file_at_its_header() {
    // A report title above the header; `Belopp` is empty, `Utfall` holds the money:
    // summing either would be a guess.
    let text = "Huvudbok 2023;;;;\n;;;;\nPeriod;Konto;Projekt;Belopp;Utfall\n\
                202301;6550;23101;;1000,00\n202302;6550;23101;;2000,00\n";
    let a = read_text("u.csv", text);
    assert!(a.is_unreadable());
    assert_eq!(
        refusal(&a),
        &ambiguous("Belopp", [("D", "Belopp"), ("E", "Utfall")])
    );
    assert_eq!(a.findings[0].line, Some(3), "the header's line");
    assert_eq!(a.rows_read, 0);
    let sv = a.findings[0].message(Lang::Sv);
    assert!(
        sv.contains("D (”Belopp”) och E (”Utfall”) läses båda som Belopp"),
        "{sv}"
    );
    assert!(sv.contains("Ta bort eller byt namn på den kolumn"), "{sv}");
}

#[test]
fn every_money_column_claimed_twice_is_named() {
    let cases = [
        (
            "Period;Konto;Projekt;Belopp;Belopp SEK\n202301;6550;P1;5;5\n",
            ambiguous("Belopp", [("D", "Belopp"), ("E", "Belopp SEK")]),
        ),
        (
            "Period;Konto;Projekt;Amount;Actual\n202301;6550;P1;5;5\n",
            ambiguous("Belopp", [("D", "Amount"), ("E", "Actual")]),
        ),
        (
            "Period;Konto;Projekt;Belopp;Budget;Budget kr\n202301;6550;P1;5;1;1\n",
            ambiguous("Budget", [("E", "Budget"), ("F", "Budget kr")]),
        ),
        (
            "Period;Konto;Projekt;Debet;Kredit;Debet\n202301;6550;P1;5;;\n",
            ambiguous("Debet", [("D", "Debet"), ("F", "Debet")]),
        ),
        (
            "Kredit;Period;Konto;Projekt;Debet;Credit\n;202301;6550;P1;5;\n",
            ambiguous("Kredit", [("A", "Kredit"), ("F", "Credit")]),
        ),
    ];
    for (text, why) in cases {
        let a = read_text("u.csv", text);
        assert_eq!(refusal(&a), &why, "{text}");
        assert_eq!(a.findings[0].line, Some(1), "{text}");
    }
}

#[test]
fn columns_not_read_or_holding_no_money_may_stand_twice() {
    // With `Belopp`, `Debet` and `Kredit` are not read: a second `Kredit` is no
    // question.
    let a = read_text(
        "u.csv",
        "Period;Konto;Projekt;Belopp;Debet;Kredit;Kredit\n202301;6550;P1;5;5;;\n",
    );
    assert_eq!(actual(&a, 2023, 1, "6550", Some("P1")), d("5"));
    assert!(a.findings.is_empty(), "{:#?}", a.findings);
    // An amount beside the previous year's and a full-year figure: only one is the
    // month's actual.
    let a = read_text(
        "u.csv",
        "Period;Konto;Projekt;Utfall;Utfall fg år;Budget helår\n202301;6550;P1;5;7;9\n",
    );
    assert_eq!(actual(&a, 2023, 1, "6550", Some("P1")), d("5"));
    assert!(a.findings.is_empty(), "{:#?}", a.findings);
}

#[test]
fn a_large_csv_with_two_amount_columns_is_refused_as_the_small_one_is() {
    let mut text = String::from("Period;Konto;Projekt;Belopp;Utfall\n");
    for v in 0..60_000u32 {
        text.push_str(&format!(
            "2023{:02};4010;P{};{v},00;{v},00\n",
            1 + v % 12,
            v % 9
        ));
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("stor.csv");
    std::fs::write(&path, &text).expect("write");
    let two = table::read_csv_split(&path, "stor.csv", &ReadOptions::default());
    assert_eq!(
        refusal(&two),
        &ambiguous("Belopp", [("D", "Belopp"), ("E", "Utfall")])
    );
    assert_eq!(
        two,
        table::read_csv(text.as_bytes(), "stor.csv", &ReadOptions::default())
    );
}

#[test]
fn two_amount_columns_in_a_workbook_refuse_it_at_the_second_header_cell() {
    use Fill::{Number as N, Text as T};
    let xlsx = workbook(
        &["Period", "Konto", "Projekt", "Belopp", "Utfall"],
        &[[
            Some(T("2023-01")),
            Some(N(6550.0)),
            Some(T("P1")),
            None,
            Some(N(1000.0)),
        ]],
    );
    let a = checked(read_bytes(&xlsx, "u.xlsx", &ReadOptions::default()));
    assert_eq!(
        refusal(&a),
        &ambiguous("Belopp", [("D", "Belopp"), ("E", "Utfall")])
    );
    let f = &a.findings[0];
    assert_eq!(f.sheet.as_deref(), Some("Sheet1"));
    assert_eq!(f.cell, Some(CellRef::new(0, 4)), "E1");
}

#[test]
fn an_amount_in_a_foreign_currency_beside_the_local_one_is_not_read() {
    // SAP's general-ledger layout: the document currency first, the local one after.
    let text = "Period;Konto;Projekt;Belopp i dokumentvaluta;Dokumentvaluta;Belopp i lokal valuta;Lokal valuta\n\
                202304;6550;P1;10000,00;EUR;114750,00;SEK\n202304;6550;P1;1000,00;SEK;1000,00;SEK\n";
    let a = read_text("sap.csv", text);
    assert_eq!(actual(&a, 2023, 4, "6550", Some("P1")), d("115750"));
    for (header, amounts) in [
        ("Belopp EUR;Belopp SEK", "10;114,75"),
        ("Belopp SEK;Belopp EUR", "114,75;10"),
        ("Amount in doc. curr.;Amount in local cur.", "10;114,75"),
        ("Belopp valuta;Belopp", "10;114,75"),
    ] {
        let text = format!("Period;Konto;Projekt;{header}\n202304;6550;P1;{amounts}\n");
        let a = read_text("u.csv", &text);
        assert_eq!(
            actual(&a, 2023, 4, "6550", Some("P1")),
            d("114.75"),
            "{header}"
        );
        assert!(a.findings.is_empty(), "{header}: {:#?}", a.findings);
    }
    // Two amounts in the ledger's own currency are still a question.
    let a = read_text(
        "u.csv",
        "Period;Konto;Projekt;Belopp inkl moms;Belopp exkl moms\n202304;6550;P1;125;100\n",
    );
    assert!(a.is_unreadable());
}

#[test]
fn a_column_named_as_the_code_is_read_before_a_plain_one_and_names_are_not_read() {
    // `Projekt` holds the name, `Projektnr` the code: the code is the key.
    for header in [
        "Period;Konto;Projekt;Projektnr;Belopp",
        "Period;Konto;Projekt;Projekt nr;Belopp",
        "Period;Konto;Project;Project ID;Belopp",
    ] {
        let text = format!("{header}\n202304;6550;IT gemensamt;23300;5\n");
        let a = read_text("u.csv", &text);
        assert_eq!(
            actual(&a, 2023, 4, "6550", Some("23300")),
            d("5"),
            "{header}"
        );
    }
    // The code first and a plain one after: the code stays.
    let a = read_text(
        "u.csv",
        "Period;Kontonr;Konto;Projektnr;Projekt;Belopp\n202304;6550;Konsulter;23300;IT gemensamt;5\n",
    );
    assert_eq!(actual(&a, 2023, 4, "6550", Some("23300")), d("5"));
    // A name column before the code column is no account or project column.
    let a = read_text(
        "u.csv",
        "Period;Account name;Account;Project name;Project;Amount\n202304;Konsulter;6550;IT gemensamt;23300;5\n",
    );
    assert_eq!(actual(&a, 2023, 4, "6550", Some("23300")), d("5"));
    assert!(a.findings.is_empty(), "{:#?}", a.findings);
}

/// The delimiter is the one with which a line of the head is the header: a report's
/// selection line above it, with commas, semicolons or the word `konto`, does not
/// decide it.
#[test]
fn a_title_line_with_other_delimiters_does_not_choose_the_delimiter() {
    for text in [
        "Urval: period 202301-202304, konto 4000-7999\nPeriod;Konto;Projekt;Belopp\n202304;6550;P1;412 500,00\n",
        "Huvudbok, Göteborgs Stad, konto 4000-7999\nUtskriven 2023-05-03, av A. Andersson\n\nPeriod;Konto;Projekt;Belopp\n202304;6550;P1;412500,00\n",
        "Urval; konto 4000-7999; period 2023\nPeriod,Konto,Projekt,Belopp\n202304,6550,P1,412500.00\n",
        "Rapport, konto; alla\nPeriod\tKonto\tProjekt\tBelopp\n202304\t6550\tP1\t412500,00\n",
        "\"Urval: konto 4000-7999, period 2023\"\n\"Period\";\"Konto\";\"Projekt\";\"Belopp\"\n\"202304\";\"6550\";\"P1\";\"412500,00\"\n",
    ] {
        let a = read_text("u.csv", text);
        assert_eq!(
            actual(&a, 2023, 4, "6550", Some("P1")),
            d("412500"),
            "{text}"
        );
        assert!(
            a.findings.iter().all(|f| f.code().as_str() == "text-row"),
            "{text}: {:#?}",
            a.findings
        );
    }
}

/// An `.ods` of the rows and repeated empty rows `rows` (its sheet `Utfall`).
fn ods_of(rows: &str) -> Vec<u8> {
    use std::io::Write;
    let content = format!(
        r#"<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3"><office:body><office:spreadsheet><table:table table:name="Utfall">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("mimetype", options).expect("zip");
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .expect("zip");
    zip.start_file("META-INF/manifest.xml", options)
        .expect("zip");
    zip.write_all(
        br#"<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#,
    )
    .expect("zip");
    zip.start_file("content.xml", options).expect("zip");
    zip.write_all(content.as_bytes()).expect("zip");
    zip.finish().expect("zip").into_inner()
}

/// A ledger workbook the grid reader finds too large (an `.ods` whose one stray
/// cell far down makes its sheet a rectangle of over 3 000 000 cells) says so, and
/// what to save instead — not "0 MiB, too large". One of 1 200 000 cells, past a
/// template's bound, is a ledger's and is read.
#[test]
fn a_workbook_too_large_says_why_and_what_to_save_instead() {
    let text = |t: &str| {
        format!(
            r#"<table:table-cell office:value-type="string"><text:p>{t}</text:p></table:table-cell>"#
        )
    };
    let number =
        |v: &str| format!(r#"<table:table-cell office:value-type="float" office:value="{v}"/>"#);
    let row = |cells: &[String]| format!("<table:table-row>{}</table:table-row>", cells.concat());
    let header = row(&["Period", "Konto", "Projekt", "Belopp"].map(text));
    let data = |amount: &str| row(&[number("202304"), number("6550"), text("P1"), number(amount)]);
    let gap = |rows: u32| {
        format!(
            r#"<table:table-row table:number-rows-repeated="{rows}"><table:table-cell table:number-columns-repeated="4"/></table:table-row>"#
        )
    };
    // The header, a row, `empty` empty rows and a row, of four columns.
    let read = |empty: u32| {
        let rows = format!("{header}{}{}{}", data("100"), gap(empty), data("7"));
        checked(read_bytes(
            &ods_of(&rows),
            "utfall.ods",
            &ReadOptions::default(),
        ))
    };
    // 1 + 1 + 299 997 + 1 rows: 1 200 000 cells.
    let a = read(299_997);
    assert!(a.findings.is_empty(), "{:#?}", a.findings);
    assert_eq!(actual(&a, 2023, 4, "6550", Some("P1")), d("107"));
    // 1 + 1 + 1 199 997 + 1 rows: 4 800 000 cells.
    let a = read(1_199_997);
    assert!(matches!(
        refusal(&a),
        UnreadableActuals::WorkbookTooLarge(crate::finding::TooLarge::Span {
            cells: 4_800_000,
            limit: crate::grid::MAX_LEDGER_SPAN,
        })
    ));
    let sv = a.findings[0].message(Lang::Sv);
    assert!(
        sv.contains("4 800 000 celler")
            && sv.contains("Spara exporten som .xlsx (som läses cell för cell) eller CSV"),
        "{sv}"
    );
}

#[test]
fn a_money_header_naming_another_unit_than_the_actuals_are_read_in_refuses_the_file() {
    use crate::labels::Unit as Named;
    let mismatch = |header: &str, named, tkr| UnreadableActuals::UnitMismatch {
        header: header.to_string(),
        named,
        tkr,
    };
    let kronor = ReadOptions::default();
    let tkr = ReadOptions {
        table_unit: Unit::Tkr,
        ..ReadOptions::default()
    };
    let csv = |header: &str| format!("Period;Konto;Projekt;{header}\n202301;6550;P1;1,5\n");
    // Read in kronor (the default): a header in tkr or millions would be 1 000 off.
    for (header, named) in [
        ("Belopp (tkr)", Named::Thousands),
        ("Utfall tkr", Named::Thousands),
        ("Belopp i tusen kronor", Named::Thousands),
        ("Belopp, mnkr", Named::Millions),
    ] {
        let a = read_bytes(csv(header).as_bytes(), "u.csv", &kronor);
        assert_eq!(refusal(&a), &mismatch(header, named, false), "{header}");
        assert_eq!(a.findings[0].line, Some(1));
    }
    // Read in tkr: a header in kronor is refused, one in tkr read as tkr.
    let a = read_bytes(csv("Belopp, kr").as_bytes(), "u.csv", &tkr);
    assert_eq!(refusal(&a), &mismatch("Belopp, kr", Named::Kronor, true));
    let a = checked(read_bytes(csv("Belopp (tkr)").as_bytes(), "u.csv", &tkr));
    assert_eq!(actual(&a, 2023, 1, "6550", Some("P1")), d("1500"));
    // A header naming the unit the actuals are read in, or none, is read as before.
    for header in ["Belopp (kr)", "Belopp SEK", "Belopp"] {
        let a = checked(read_bytes(csv(header).as_bytes(), "u.csv", &kronor));
        assert_eq!(
            actual(&a, 2023, 1, "6550", Some("P1")),
            d("1.5"),
            "{header}"
        );
    }
    // The budget column too, and in a workbook at its header cell.
    use Fill::{Number as N, Text as T};
    let xlsx = workbook(
        &["Period", "Konto", "Projekt", "Belopp", "Budget (tkr)"],
        &[[
            Some(T("2023-01")),
            Some(N(6550.0)),
            Some(T("P1")),
            Some(N(10.0)),
            Some(N(1.0)),
        ]],
    );
    let a = read_bytes(&xlsx, "u.xlsx", &kronor);
    assert_eq!(
        refusal(&a),
        &mismatch("Budget (tkr)", Named::Thousands, false)
    );
    // At the header that names the unit (E1), not the amount's.
    assert_eq!(a.findings[0].cell, Some(CellRef::new(0, 4)));
    let message = a.findings[0].message(Lang::Sv);
    assert!(message.contains("Sätt actuals_unit = \"tkr\""), "{message}");
}

#[test]
fn a_report_with_a_column_per_month_and_no_year_is_named_as_one() {
    // Months by name (Swedish or English, abbreviated) with no year in the headers
    // and no `År` column, in a CSV and in a workbook: said what the report is and
    // what it lacks, not only which columns it lacks.
    for header in [
        "Konto;Projekt;Jan;Feb;Mar;Apr",
        "Konto;Projekt;januari;februari",
        "Kontonr;Projekt;Jan.;Feb.;March",
    ] {
        let months = header.split(';').count() - 2;
        let a = read_text("u.csv", &format!("{header}\n6550;P1;1;2;3;4\n"));
        assert_eq!(
            refusal(&a),
            &UnreadableActuals::MonthColumns {
                months,
                without_year: true
            },
            "{header}"
        );
    }
    // One month-like heading is no such report: the missing columns are named.
    let a = read_text("u.csv", "Konto;Projekt;Jan;Summa\n6550;P1;1;1\n");
    assert!(matches!(
        refusal(&a),
        UnreadableActuals::MissingColumns { .. }
    ));
    use Fill::{Number as N, Text as T};
    let xlsx = workbook(
        &["Konto", "Projekt", "januari", "februari", "mars"],
        &[[
            Some(N(6550.0)),
            Some(T("P1")),
            Some(N(1.0)),
            Some(N(2.0)),
            Some(N(3.0)),
        ]],
    );
    let a = read_bytes(&xlsx, "u.xlsx", &ReadOptions::default());
    assert_eq!(
        refusal(&a),
        &UnreadableActuals::MonthColumns {
            months: 3,
            without_year: true
        }
    );
    let message = a.findings[0].message(Lang::Sv);
    assert!(
        message.starts_with("Rapporten har en kolumn per månad (3 månadskolumner)")
            && message.contains("lägg till en kolumn År"),
        "{message}"
    );
}
