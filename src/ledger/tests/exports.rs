//! Forms that real ledger exports take beyond the plain table: amounts with their
//! unit and the accounting zero, a booking date or a month's name for the month,
//! English headers, a header repeated further down, text rows, UTF-16 text,
//! project codes written as floats.

use super::*;

#[test]
fn amounts_with_their_unit_and_the_accounting_zero_are_read() {
    // A report saved as text from a currency or accounting format writes what the
    // cell shows: `1 234,50 kr`, `SEK 1 234`, `1 234:-`, and a lone `-` for 0.
    let csv = "Period;Konto;Projekt;Belopp\n\
               202301;4010;P1;1 234,50 kr\n\
               202301;4010;P1;\u{a0}-100,00\u{a0}kr\u{a0}\n\
               202301;4010;P1;SEK 1 000\n\
               202301;4010;P1;200:-\n\
               202301;4010;P1;15KR\n\
               202301;4010;P1;(50,00) kr\n\
               202301;4010;P1; -   kr \n\
               202301;4010;P1;-\n\
               202301;4010;P2;3,900 kr\n\
               202301;4010;P2;ca 5 kr\n\
               202301;4010;P2;kr\n";
    let a = read_text("u.csv", csv);
    assert_eq!(actual(&a, 2023, 1, "4010", Some("P1")), d("2299.50"));
    let named: Vec<(Option<u64>, String)> = a
        .findings
        .iter()
        .map(|f| (f.line, f.message(crate::lang::Lang::Sv)))
        .collect();
    // Each refusal names the text as written, unit and all.
    assert_eq!(named.len(), 3, "{named:#?}");
    assert_eq!(named[0].0, Some(10));
    assert!(named[0].1.contains("3,900 kr") && named[0].1.contains("tvetydigt"));
    assert!(named[1].1.contains("ca 5 kr"), "{}", named[1].1);
    assert!(named[2].1.contains("”kr”"), "{}", named[2].1);
}

#[test]
fn a_booking_date_gives_the_month_when_there_is_no_period() {
    // `Bokföringsdatum` as ISO date or as SIE's YYYYMMDD; a `Period` column, where
    // there is one, wins over a date column beside it.
    let csv = "Bokföringsdatum;Konto;Projekt;Belopp\n\
               2023-01-31;4010;P1;100\n\
               20230215;4010;P1;20\n\
               20230230;4010;P1;0\n\
               20231301;4010;P1;5\n";
    let a = read_text("u.csv", csv);
    assert_eq!(actual(&a, 2023, 1, "4010", Some("P1")), d("100"));
    assert_eq!(actual(&a, 2023, 2, "4010", Some("P1")), d("20"));
    // February has no 30th: the row is named, not read as February.
    assert_eq!(
        codes(&a),
        ["invalid-actuals-row", "invalid-actuals-row"],
        "{:#?}",
        a.findings
    );
    assert_eq!(a.findings[0].line, Some(4));
    assert_eq!(a.findings[1].line, Some(5));
    let both = "Datum;Period;Konto;Projekt;Belopp\n2023-01-31;202302;4010;P1;100\n";
    let a = read_text("u.csv", both);
    assert_eq!(actual(&a, 2023, 2, "4010", Some("P1")), d("100"));
}

#[test]
fn a_header_repeated_below_is_named_once_and_not_read_as_data() {
    // Two exports joined into one file, and a header on every page: the repeated
    // headers are one note with their count, the rows between them are read.
    let csv = "Period;Konto;Projekt;Belopp\n\
               202301;4010;P1;100\n\
               Period;Konto;Projekt;Belopp\n\
               202302;4010;P1;20\n\
               PERIOD ; Konto  ; Projekt ; Belopp\n\
               202303;4010;P1;3\n\
               Period;6550;P1;4\n";
    let a = read_text("u.csv", csv);
    assert_eq!(actual(&a, 2023, 2, "4010", Some("P1")), d("20"));
    assert_eq!(actual(&a, 2023, 3, "4010", Some("P1")), d("3"));
    // `Period` with an account number is no header: an invalid row.
    assert_eq!(
        codes(&a),
        ["invalid-actuals-row", "repeated-header-row"],
        "{:#?}",
        a.findings
    );
    let repeated = &a.findings[1];
    assert_eq!(repeated.line, Some(3));
    assert_eq!(repeated.kind, Kind::ActualsRepeatedHeader { rows: 2 });
    assert_eq!(repeated.severity, Severity::Info);
}

#[test]
fn utf16_text_as_excel_saves_it_is_read() {
    // Excel's "Unicode text": UTF-16 little-endian with a byte order mark, tab
    // delimited; big-endian too. Names with å, ä, ö come through.
    let text = "Period\tKonto\tProjekt\tProjektnamn\tBelopp\r\n\
                2023-01\t4010\tP1\tFöretagshälsa\t1 234,50\r\n\
                2023-02\t4010\tP1\tFöretagshälsa\t-34,50\r\n";
    for bom_and_units in [
        (vec![0xFF, 0xFE], u16::to_le_bytes as fn(u16) -> [u8; 2]),
        (vec![0xFE, 0xFF], u16::to_be_bytes as fn(u16) -> [u8; 2]),
    ] {
        let (mut bytes, unit) = bom_and_units;
        bytes.extend(text.encode_utf16().flat_map(unit));
        let a = checked(read_bytes(&bytes, "export.txt", &ReadOptions::default()));
        assert!(a.findings.is_empty(), "{:#?}", a.findings);
        assert_eq!(actual(&a, 2023, 1, "4010", Some("P1")), d("1234.50"));
        assert_eq!(actual(&a, 2023, 2, "4010", Some("P1")), d("-34.50"));
        assert_eq!(a.rows_read, 2);
    }
}

#[test]
fn project_codes_written_as_floats_are_their_digits() {
    // pandas writes a column of numbers it read as floats as `23101.0`; such a
    // code is `23101`, summed with the code written plainly. Other codes stand.
    let csv = "Period,Konto,Projekt,Belopp\n\
               2023-01,6550.0,23101.0,100.0\n\
               2023-01,6550,23101,20\n\
               2023-01,6550,P1.0,3\n\
               2023-01,6550,23101.5,4\n";
    let a = read_text("u.csv", csv);
    assert_eq!(actual(&a, 2023, 1, "6550", Some("23101")), d("120"));
    assert_eq!(actual(&a, 2023, 1, "6550", Some("P1.0")), d("3"));
    assert_eq!(actual(&a, 2023, 1, "6550", Some("23101.5")), d("4"));
}

#[test]
fn a_month_by_its_name_is_its_month() {
    // A month-formatted date saved as text: `jan-23` (Swedish Excel's `mmm-åå`),
    // `januari 2023`, `2023 jan`, English names, abbreviations with a point.
    let csv = "Period;Konto;Projekt;Belopp\n\
               jan-23;4010;P1;1\n\
               Januari 2023;4010;P1;2\n\
               2023 jan;4010;P1;4\n\
               JAN-2023;4010;P1;8\n\
               maj-23;4010;P1;16\n\
               May 2023;4010;P1;32\n\
               okt. 23;4010;P1;64\n\
               Oct-23;4010;P1;128\n\
               mars-22;4010;P1;256\n\
               jan;4010;P1;1000\n\
               jan-2;4010;P1;1000\n\
               januar 2023;4010;P1;1000\n\
               jan 23 24;4010;P1;1000\n";
    let a = read_text("u.csv", csv);
    assert_eq!(actual(&a, 2023, 1, "4010", Some("P1")), d("15"));
    assert_eq!(actual(&a, 2023, 5, "4010", Some("P1")), d("48"));
    assert_eq!(actual(&a, 2023, 10, "4010", Some("P1")), d("192"));
    assert_eq!(actual(&a, 2022, 3, "4010", Some("P1")), d("256"));
    let lines: Vec<Option<u64>> = a.findings.iter().map(|f| f.line).collect();
    assert_eq!(lines, [Some(11), Some(12), Some(13), Some(14)]);
    assert!(codes(&a).iter().all(|c| *c == "invalid-actuals-row"));
}

#[test]
fn english_headers_are_read_as_the_swedish_ones() {
    let csv = "Date;Account;Account name;Project;Amount\n\
               2023-01-31;4010;Consultants;P1;100\n";
    let a = read_text("u.csv", csv);
    assert!(a.findings.is_empty(), "{:#?}", a.findings);
    assert_eq!(actual(&a, 2023, 1, "4010", Some("P1")), d("100"));
}

#[test]
fn text_rows_without_account_and_money_are_named_once() {
    // Headings between the rows and a page footer: one note, the first quoted; a
    // text with money and a month without an account stay invalid rows; a total's
    // label without its amount is a total row compared with nothing.
    let csv = "Period;Konto;Projekt;Text;Belopp;Budget\n\
               Projekt P1;;;;;\n\
               202301;4010;P1;;100;\n\
               ;;;Konsulter, fortsättning;;\n\
               202302;4010;P1;;20;\n\
               Sida 1 av 1;;;;0;0\n\
               Ingående saldo;;;;500;\n\
               Sida 2;;;;;700\n\
               Summa;;;;;\n\
               202303;;;;;\n";
    let a = read_text("u.csv", csv);
    assert_eq!(actual(&a, 2023, 1, "4010", Some("P1")), d("100"));
    let text = a
        .findings
        .iter()
        .find(|f| f.code().as_str() == "text-row")
        .expect("the note");
    assert_eq!(
        text.kind,
        Kind::ActualsTextRow {
            text: "Projekt P1".to_string(),
            rows: 3
        }
    );
    assert_eq!(text.line, Some(2));
    let invalid: Vec<Option<u64>> = (a.findings.iter())
        .filter(|f| f.code().as_str() == "invalid-actuals-row")
        .map(|f| f.line)
        .collect();
    assert_eq!(invalid, [Some(7), Some(8), Some(10)]);
    let total = (a.findings.iter())
        .find(|f| f.code().as_str() == "actuals-total-row")
        .expect("the total row");
    assert_eq!((total.line, total.severity), (Some(9), Severity::Warning));
}

#[test]
fn a_month_written_alone_takes_its_year_from_the_year_column() {
    // `År` and `Månad` (or `Period` 1–12) as two columns, in a CSV and in a
    // workbook with number cells; a full period needs no year column, and a month
    // alone without a year is no period.
    let csv = "År;Månad;Konto;Projekt;Belopp\n\
               2023;1;4010;P1;100\n\
               2023;04;4010;P1;20\n\
               2022;april;4010;P1;3\n\
               2023;202305;4010;P1;4\n\
               23;5;4010;P1;5000\n\
               2023;13;4010;P1;5000\n";
    let a = read_text("u.csv", csv);
    assert_eq!(actual(&a, 2023, 1, "4010", Some("P1")), d("100"));
    assert_eq!(actual(&a, 2023, 4, "4010", Some("P1")), d("20"));
    assert_eq!(actual(&a, 2022, 4, "4010", Some("P1")), d("3"));
    assert_eq!(actual(&a, 2023, 5, "4010", Some("P1")), d("4"));
    let lines: Vec<Option<u64>> = a.findings.iter().map(|f| f.line).collect();
    assert_eq!(lines, [Some(6), Some(7)]);
    let alone = read_text("u.csv", "Period;Konto;Projekt;Belopp\n4;4010;P1;1\n");
    assert_eq!(codes(&alone), ["invalid-actuals-row"]);

    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["Räkenskapsår", "Period", "Konto", "Projekt", "Belopp"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).expect("write");
    }
    for (r, (year, month, amount)) in [(2023.0, 2.0, 7.5), (2023.0, 3.0, 1.0)].iter().enumerate() {
        let r = r as u32 + 1;
        ws.write_number(r, 0, *year).expect("write");
        ws.write_number(r, 1, *month).expect("write");
        ws.write_number(r, 2, 4010.0).expect("write");
        ws.write_string(r, 3, "P1").expect("write");
        ws.write_number(r, 4, *amount).expect("write");
    }
    let bytes = wb.save_to_buffer().expect("xlsx");
    let a = checked(read_bytes(&bytes, "u.xlsx", &ReadOptions::default()));
    assert!(a.findings.is_empty(), "{:#?}", a.findings);
    assert_eq!(actual(&a, 2023, 2, "4010", Some("P1")), d("7.5"));
    assert_eq!(actual(&a, 2023, 3, "4010", Some("P1")), d("1"));
}

#[test]
fn a_date_written_day_first_with_points_gives_its_month() {
    // `01.04.2023`, `1.4.2023 00:00` and `01.04.23` (German, Finnish, Norwegian
    // settings; SAP; a two-digit year in this century); a day or month out of range
    // or slashes stay invalid.
    let csv = "Bokföringsdatum;Konto;Projekt;Belopp\n\
               01.04.2023;4010;P1;100\n\
               1.4.2023 00:00;4010;P1;20\n\
               31.12.2022;4010;P1;3\n\
               32.04.2023;4010;P1;1\n\
               01.13.2023;4010;P1;1\n\
               01.04.23;4010;P1;1\n\
               1/4/2023;4010;P1;1\n";
    let a = read_text("u.csv", csv);
    assert_eq!(actual(&a, 2023, 4, "4010", Some("P1")), d("121"));
    assert_eq!(actual(&a, 2022, 12, "4010", Some("P1")), d("3"));
    let lines: Vec<_> = a.findings.iter().map(|f| f.line).collect();
    assert_eq!(lines, [Some(5), Some(6), Some(8)], "{:#?}", a.findings);
}

#[test]
fn a_header_word_after_a_qualifier_names_its_column() {
    // English exports' `Fiscal period`, `Posting date`, and Swedish `Bokf. datum`:
    // the word after the qualifier names the column; the qualifier alone does not.
    let a = read_text(
        "u.csv",
        "Fiscal period,Account,Project,Amount\n2023-04,6550,P1,\"1,234.50\"\n",
    );
    assert_eq!(actual(&a, 2023, 4, "6550", Some("P1")), d("1234.50"));
    let a = read_text(
        "u.csv",
        "Posting date;Account;Project;Amount\n2023-05-02;6550;;7\n",
    );
    assert_eq!(actual(&a, 2023, 5, "6550", None), d("7"));
    let a = read_text(
        "u.csv",
        "Bokf. datum;Konto;Projekt;Belopp\n2023-06-30;6550;;8\n",
    );
    assert_eq!(actual(&a, 2023, 6, "6550", None), d("8"));
    let a = read_text("u.csv", "Fiscal;Konto;Projekt;Belopp\n2023-06;6550;;8\n");
    assert!(a.is_unreadable());
}

#[test]
fn a_year_and_month_header_names_the_period_not_a_year() {
    // `År-mån`, `År/Mån`, `År månad`, `Årmånad`, `ÅÅÅÅMM`, as ledgers head the
    // column of `202304`: the period, where `År` alone is the year column.
    for header in [
        "År-mån",
        "År/Mån",
        "ÅR MÅNAD",
        "År-mnd",
        "Årmånad",
        "ÅÅÅÅMM",
        "YYYYMM",
        "År (mån)",
        "Year/Month",
    ] {
        let a = read_text(
            "u.csv",
            &format!("{header};Konto;Projekt;Belopp\n202304;6550;P1;100\n2023-05;6550;P1;7\n"),
        );
        assert_eq!(
            actual(&a, 2023, 4, "6550", Some("P1")),
            d("100"),
            "{header}"
        );
        assert_eq!(actual(&a, 2023, 5, "6550", Some("P1")), d("7"), "{header}");
        assert!(a.findings.is_empty(), "{header}: {:#?}", a.findings);
    }
    // `År` is still the year beside a month column.
    let a = read_text("u.csv", "År;Månad;Konto;Projekt;Belopp\n2023;4;6550;P1;9\n");
    assert_eq!(actual(&a, 2023, 4, "6550", Some("P1")), d("9"));
}

#[test]
fn a_text_column_marked_t_is_no_code_column_wherever_it_stands() {
    // Unit4 (Agresso) writes each code's text beside it as `Konto(T)`; put before
    // the code, it must not be read as the account or the project.
    let a = read_text(
        "u.csv",
        "Period;Konto(T);Konto;Projekt (T);Projekt;Belopp\n\
         202304;Konsulttjänster;6550;Stöd i ekonomiprocesser;23101;100\n",
    );
    assert_eq!(actual(&a, 2023, 4, "6550", Some("23101")), d("100"));
    assert!(a.findings.is_empty(), "{:#?}", a.findings);
}

#[test]
fn a_pivot_layout_s_blank_labels_are_named_with_the_way_out() {
    // A pivot table in tabular form writes a group's month and account on its
    // first row only: the rows below are not guessed (a blank may be a real gap)
    // but named, with how to export the labels on every row.
    let csv = "Period;Konto;Projekt;Belopp\n\
               202301;4010;P1;100\n\
               ;;P2;50\n\
               ;4020;P1;25\n";
    let a = read_text("u.csv", csv);
    assert_eq!(actual(&a, 2023, 1, "4010", Some("P1")), d("100"));
    assert_eq!(a.entries.len(), 1);
    let texts: Vec<String> = (a.findings.iter())
        .map(|f| f.message(crate::lang::Lang::Sv))
        .collect();
    assert_eq!(texts.len(), 2, "{texts:#?}");
    assert!(
        texts
            .iter()
            .all(|t| t.starts_with("Period saknas.") && t.contains("Upprepa alla objektetiketter")),
        "{texts:#?}"
    );
}
