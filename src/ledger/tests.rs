//! The readers on inputs built here: each spelling of SIE and of a table, each bad
//! input, and the nothing-lost equation on every one.

use super::*;
use crate::finding::{Code, Severity};
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).expect("decimal")
}

fn read_text(name: &str, text: &str) -> Actuals {
    checked(read_bytes(text.as_bytes(), name, &ReadOptions::default()))
}

/// Every reading must account for every row it read.
fn checked(a: Actuals) -> Actuals {
    assert_eq!(
        a.rows_read,
        a.rows_in_entries() + a.rows_in_findings(),
        "nothing lost in {}: {:#?}",
        a.file,
        a
    );
    if a.is_unreadable() {
        assert!(a.entries.is_empty());
    }
    a
}

fn key(year: i32, month: u8, account: &str, project: Option<&str>) -> Key {
    Key {
        year,
        month,
        account: account.to_string(),
        project: project.map(str::to_string),
    }
}

fn actual(a: &Actuals, year: i32, month: u8, account: &str, project: Option<&str>) -> Decimal {
    a.entries
        .get(&key(year, month, account, project))
        .unwrap_or_else(|| panic!("no entry {account} {project:?} in {:#?}", a.entries))
        .actual
}

/// The file's first finding refuses it for want of a `Belopp` column.
fn assert_missing_belopp(a: &Actuals) {
    assert_eq!(
        a.findings[0].kind,
        Kind::UnreadableActuals(UnreadableActuals::MissingColumns {
            missing: vec!["Belopp".into()]
        })
    );
}

/// The refusal's reason, or a panic naming the findings.
pub(super) fn refusal(a: &Actuals) -> &UnreadableActuals {
    match a.findings.as_slice() {
        [f] => match &f.kind {
            Kind::UnreadableActuals(why) => why,
            other => panic!("not a refusal: {other:?}"),
        },
        other => panic!("one finding expected: {other:#?}"),
    }
}

fn codes(a: &Actuals) -> Vec<&'static str> {
    a.findings.iter().map(|f| f.code().as_str()).collect()
}

const HEAD: &str =
    "#FLAGGA 0\n#PROGRAM \"Test\" 1.0\n#FORMAT PC8\n#SIETYP 3\n#RAR 0 20230101 20231231\n";

const VER: &str = "#FLAGGA 0\n#SIETYP 4\n#PSALDO 0 202301 4010 {} 999\n\
#VER A 1 20230115 \"Inköp\"\n{\n\
#TRANS 4010 {1 \"100\" 6 \"P1\"} 100.00\n\
#TRANS 4010 {6 \"P1\"} 50 20230220 \"med datum\"\n\
#BTRANS 4010 {6 \"P1\"} 7000\n\
#RTRANS 4010 {} 30\n\
#TRANS 4010 {} 30\n\
#TRANS 2440 {} -180.00\n\
}\n";

#[test]
fn sie_transactions_when_no_psaldo_holds_a_project() {
    let a = read_text("typ4.se", VER);
    assert!(a.findings.is_empty(), "{:#?}", a.findings);
    assert_eq!(actual(&a, 2023, 1, "4010", Some("P1")), d("100.00"));
    assert_eq!(
        actual(&a, 2023, 2, "4010", Some("P1")),
        d("50"),
        "month of transdat"
    );
    assert_eq!(
        actual(&a, 2023, 1, "4010", None),
        d("30"),
        "#RTRANS + #TRANS once"
    );
    assert_eq!(actual(&a, 2023, 1, "2440", None), d("-180.00"));
    assert_eq!(a.entries[&key(2023, 1, "4010", None)].rows, 2);
    // #BTRANS is no row; the #PSALDO (no project) is not the source.
    assert_eq!(a.rows_read, 5);
}

#[test]
fn sie_psaldo_with_projects_wins_over_transactions() {
    let text = VER.replace("{} 999", "{6 \"P9\"} 999");
    let a = read_text("typ4.se", &text);
    assert_eq!(a.entries.len(), 1, "{:#?}", a.entries);
    assert_eq!(actual(&a, 2023, 1, "4010", Some("P9")), d("999"));
}

#[test]
fn sie_rtrans_alone_counts() {
    let text = "#FLAGGA 0\n#VER A 1 20230301\n{\n#RTRANS 4010 {} 30\n#TRANS 4010 {} 31\n}\n";
    let a = read_text("r.se", text);
    assert_eq!(actual(&a, 2023, 3, "4010", None), d("61"));
}

#[test]
fn sie_cp437_and_utf8_names() {
    let mut cp437 = b"#FLAGGA 0\n#PSALDO 0 202301 4010 {6 \"S".to_vec();
    cp437.push(0x8E); // Ä in CP437
    cp437.extend_from_slice(b"LJ\"} 10\n");
    let a = checked(read_bytes(&cp437, "pc8.se", &ReadOptions::default()));
    assert_eq!(actual(&a, 2023, 1, "4010", Some("SÄLJ")), d("10"));
    let utf8 = "\u{feff}#FLAGGA 0\n#PSALDO 0 202301 4010 {6 \"SÄLJ\"} 10\n";
    let a = read_text("utf8.se", utf8);
    assert_eq!(actual(&a, 2023, 1, "4010", Some("SÄLJ")), d("10"));
}

/// The checksum of a file: CRC-32 over the records' fields, concatenated by hand here.
fn with_checksum(records: &str, concatenated: &str) -> String {
    let crc = crc32fast::hash(concatenated.as_bytes());
    format!("#FLAGGA 0\n#KSUMMA\n{records}#KSUMMA {crc}\n")
}

const KS_RECORDS: &str =
    "#PROGRAM \"Ett \\\"bra\\\" program\" 1.0\n#PSALDO 0 202301 4010 {6 \"P1\"} 10.50\n";
const KS_TEXT: &str = "#PROGRAMEtt \"bra\" program1.0#PSALDO020230140106P110.50";

#[test]
fn sie_ksumma_that_matches() {
    let a = read_text("ks.se", &with_checksum(KS_RECORDS, KS_TEXT));
    assert_eq!(codes(&a), ["mixed-object-rows"], "{:#?}", a.findings);
    assert_eq!(actual(&a, 2023, 1, "4010", Some("P1")), d("10.50"));
}

#[test]
fn sie_ksumma_mismatch_is_unreadable() {
    let edited = with_checksum(KS_RECORDS, KS_TEXT).replace("10.50", "11.50");
    let a = read_text("ks.se", &edited);
    assert_eq!(codes(&a), ["unreadable-actuals"]);
    assert!(matches!(
        a.findings[0].kind,
        Kind::UnreadableActuals(UnreadableActuals::ChecksumMismatch { .. })
    ));
    assert_eq!(a.findings[0].line, Some(5));
}

#[test]
fn sie_truncated_after_opening_ksumma_is_unreadable() {
    let full = with_checksum(KS_RECORDS, KS_TEXT);
    let truncated = &full[..full.find("#KSUMMA ").expect("closing")];
    let a = read_text("ks.se", truncated);
    assert_eq!(codes(&a), ["unreadable-actuals"]);
    assert!(matches!(
        a.findings[0].kind,
        Kind::UnreadableActuals(UnreadableActuals::ChecksumMissing)
    ));
    assert_eq!(a.findings[0].severity, Severity::Error);
}

#[test]
fn sie_bad_rows_are_named_and_the_rest_is_read() {
    let text = "#FLAGGA 0\n\
        #PSALDO 0 202301 4010 {} 12,50\n\
        #PSALDO 0 202313 4010 {} 100\n\
        #PSALDO 0 202301 4010 {6 \"P1\" 100\n\
        #PSALDO 0 202301 4010 {6 \"P1\" 1} 100\n\
        #PSALDO 0 202301 4010 {} \"1 250.00\"\n\
        #VER A 1 20230101\n{\n#TRANS 4010 {} 1 250.00\n}\n\
        #PSALDO 0 202302 4010 {} 5\n";
    let a = read_text("fel.se", text);
    let invalid: Vec<_> = a
        .findings
        .iter()
        .filter(|f| f.code() == Code::InvalidActualsRow)
        .map(|f| (f.line, f.severity, f.file.as_deref()))
        .collect();
    assert_eq!(
        invalid
            .iter()
            .map(|(l, ..)| l.unwrap_or(0))
            .collect::<Vec<_>>(),
        [2, 3, 4, 5, 6, 9]
    );
    assert!(
        invalid
            .iter()
            .all(|(_, s, f)| *s == Severity::Error && *f == Some("fel.se"))
    );
    let expected: Vec<_> = a
        .findings
        .iter()
        .filter_map(|f| match &f.kind {
            Kind::InvalidActualsRow {
                expected, found, ..
            } => Some((expected.clone(), found.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(expected[0], (ActualsExpected::SieAmount, "12,50".into()));
    assert_eq!(expected[1], (ActualsExpected::Period, "202313".into()));
    assert_eq!(expected[2].0, ActualsExpected::ClosedObjectList);
    assert_eq!(expected[3].0, ActualsExpected::ObjectPairs);
    assert_eq!(expected[4], (ActualsExpected::SieAmount, "1 250.00".into()));
    assert_eq!(expected[5], (ActualsExpected::Date, "250.00".into()));
    assert_eq!(actual(&a, 2023, 2, "4010", None), d("5"));
    assert_eq!(a.rows_read, 7);
}

#[test]
fn sie_many_bad_rows_are_counted_in_one_finding() {
    let mut text = String::from("#FLAGGA 0\n");
    for _ in 0..1000 {
        text.push_str("#PSALDO 0 202301 4010 {} 1,5\n");
    }
    let a = read_text("många.se", &text);
    assert!(a.findings.len() <= 201);
    assert_eq!(a.rows_in_findings(), 1000);
}

#[test]
fn sie_type_1_has_no_period_rows_and_is_refused() {
    let a = read_text(
        "typ1.se",
        "#FLAGGA 0\n#SIETYP 1\n#IB 0 1930 1000\n#UB 0 1930 1200\n#RES 0 4010 200\n",
    );
    assert_eq!(
        a.findings[0].kind,
        Kind::UnreadableActuals(UnreadableActuals::NoPeriodRows { sie_type: 1 })
    );
}

#[test]
fn sie_hostile_bytes_never_panic() {
    let long = format!(
        "#FLAGGA 0\n#PSALDO 0 202301 4010 {{}} 1{}\n#PSALDO 0 202301 4010 {{}} 2\n",
        "0".repeat(200_000)
    );
    let a = read_text("lång.se", &long);
    assert_eq!(actual(&a, 2023, 1, "4010", None), d("2"));
    assert_eq!(a.rows_in_findings(), 1);
    for bytes in [
        &b"#FLAGGA"[..],
        b"#FLAGGA\n#PSALDO",
        b"#FLAGGA\n#PSALDO 0 202301 4010 {",
        b"#FLAGGA\n#TRANS \"",
        b"#FLAGGA\n#PSALDO 0 202301 4010 {} 99999999999999999999999999999",
        b"#FLAGGA\n#KSUMMA\n#KSUMMA x\n",
        b"#FLAGGA\x00\xff\xfe\n\r\r\n{}{}\n",
    ] {
        checked(read_bytes(bytes, "x.se", &ReadOptions::default()));
    }
}

const CSV_SEMI: &str = "Rapport utfall\n;\nPeriod;Konto;Projekt;Belopp;Budget;Text\n\
202301;4010;P1;-1 234,50;2000;a\n\
2023-02;4010;P1;1234.50;;b\n\
202302;4010;;100;;c\n";

#[test]
fn csv_semicolon_swedish_and_english_amounts() {
    let a = read_text("utfall.csv", CSV_SEMI);
    assert!(a.findings.is_empty(), "{:#?}", a.findings);
    assert_eq!(a.form, Some(Form::Csv));
    assert_eq!(a.rows_read, 3);
    let jan = &a.entries[&key(2023, 1, "4010", Some("P1"))];
    assert_eq!((jan.actual, jan.budget), (d("-1234.50"), Some(d("2000"))));
    assert_eq!(jan.first, Some(Place::Line(4)));
    let feb = &a.entries[&key(2023, 2, "4010", Some("P1"))];
    assert_eq!((feb.actual, feb.budget), (d("1234.50"), None));
    assert_eq!(actual(&a, 2023, 2, "4010", None), d("100"));
}

#[test]
fn csv_comma_and_tab_delimiters_and_bom() {
    let comma = "\u{feff}Konto,Period,Belopp,Projekt\n4010,202301,\"1234,50\",P1\n";
    let a = read_text("c.csv", comma);
    assert_eq!(actual(&a, 2023, 1, "4010", Some("P1")), d("1234.50"));
    let tab = "Projekt\tKonto\tUtfall\tPeriod\nP1\t4010\t12\t202303\n";
    let a = read_text("t.txt", tab);
    assert_eq!(actual(&a, 2023, 3, "4010", Some("P1")), d("12"));
}

#[test]
fn csv_windows_1252_project_names() {
    let (bytes, _, _) = encoding_rs::WINDOWS_1252
        .encode("Period;Konto;Projekt;Belopp\n202301;4010;Välfärd åöÄ;10\n");
    assert!(std::str::from_utf8(&bytes).is_err(), "really Windows-1252");
    let a = checked(read_bytes(&bytes, "w.csv", &ReadOptions::default()));
    assert_eq!(actual(&a, 2023, 1, "4010", Some("Välfärd åöÄ")), d("10"));
}

/// A cell of a test workbook.
#[derive(Clone, Copy)]
enum Fill {
    Text(&'static str),
    Number(f64),
}

/// A workbook with the header in its first row and `rows` below it.
fn workbook<const N: usize>(header: &[&str; N], rows: &[[Option<Fill>; N]]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (col, head) in header.iter().enumerate() {
        sheet.write(0, col as u16, *head).expect("cell");
    }
    for (row, cells) in rows.iter().enumerate() {
        for (col, cell) in cells.iter().enumerate() {
            let (row, col) = (row as u32 + 1, col as u16);
            match cell {
                Some(Fill::Text(t)) => sheet.write(row, col, *t).map(|_| ()),
                Some(Fill::Number(n)) => sheet.write(row, col, *n).map(|_| ()),
                None => Ok(()),
            }
            .expect("cell");
        }
    }
    book.save_to_buffer().expect("workbook")
}

/// SAP writes a negative amount with the minus after it, accounting reports in
/// parentheses; both are read as negative, in a CSV and in a workbook's text cells.
#[test]
fn negatives_with_a_trailing_minus_or_in_parentheses() {
    let text = "Period;Konto;Projekt;Belopp\n202301;4010;P1;1 000,00\n202301;4010;P1;250,50-\n202301;4010;P1;(100,00)\n202301;4010;P1;3,900-\n";
    let a = read_text("sap.csv", text);
    assert_eq!(actual(&a, 2023, 1, "4010", Some("P1")), d("649.50"));
    assert_eq!(codes(&a), ["invalid-actuals-row"], "3,900- stays ambiguous");
    assert!(matches!(
        &a.findings[0].kind,
        Kind::InvalidActualsRow { expected: ActualsExpected::TableAmount(crate::finding::NotAmount::Ambiguous(t)), .. } if t == "3,900-"
    ));
    let rows = ["1 000,00", "250,50-", "(100,00)"]
        .map(|amount| ["202301", "4010", "P1", amount].map(|t| Some(Fill::Text(t))));
    let bytes = workbook(&["Period", "Konto", "Projekt", "Belopp"], &rows);
    let a = checked(read_bytes(&bytes, "sap.xlsx", &ReadOptions::default()));
    assert_eq!(actual(&a, 2023, 1, "4010", Some("P1")), d("649.50"));
}

/// A ledger export with `Debet` and `Kredit` instead of `Belopp`: the amount is their
/// difference, an empty one 0; a bad one is named by its own column.
#[test]
fn debit_and_credit_columns_instead_of_an_amount() {
    let text = "Period;Konto;Projekt;Debet;Kredit\n202301;4010;P1;1 000,00;\n202301;4010;P1;;250,50\n202301;4010;P1;100;40\n202301;4010;P1;5;x\n";
    let a = read_text("dk.csv", text);
    assert_eq!(actual(&a, 2023, 1, "4010", Some("P1")), d("809.50"));
    assert_eq!(codes(&a), ["invalid-actuals-row"]);
    assert!(matches!(
        &a.findings[0].kind,
        Kind::InvalidActualsRow { column: Some(c), .. } if c == "Kredit"
    ));
    assert_eq!(a.findings[0].line, Some(5));
    let (period, account) = (Some(Fill::Text("202301")), Some(Fill::Text("4010")));
    let rows = [
        [period, account, None, Some(Fill::Number(1000.5)), None],
        [period, account, None, None, Some(Fill::Number(200.0))],
        [period, account, None, None, Some(Fill::Text("x"))],
    ];
    let bytes = workbook(&["Period", "Konto", "Projekt", "Debet", "Kredit"], &rows);
    let a = read_bytes(&bytes, "dk.xlsx", &ReadOptions::default());
    assert_eq!(actual(&a, 2023, 1, "4010", None), d("800.5"));
    assert_eq!(codes(&a), ["invalid-actuals-row"]);
    assert_eq!(
        a.findings[0].cell.map(|c| (c.row, c.col)),
        Some((3, 4)),
        "the Kredit cell"
    );
    // Debet alone is no amount.
    let a = read_text("d.csv", "Period;Konto;Projekt;Debet\n202301;4010;P1;5\n");
    assert_missing_belopp(&a);
}

#[test]
fn csv_ambiguous_amount_is_refused_with_line_and_column() {
    let a = read_text(
        "a.csv",
        "Period;Konto;Projekt;Belopp\n202301;4010;P1;3,900\n202301;4010;P1;5\n",
    );
    assert_eq!(codes(&a), ["invalid-actuals-row"]);
    let f = &a.findings[0];
    assert_eq!(f.line, Some(2));
    assert!(matches!(
        &f.kind,
        Kind::InvalidActualsRow { column: Some(c), expected: ActualsExpected::TableAmount(crate::finding::NotAmount::Ambiguous(_)), .. } if c == "Belopp"
    ));
    assert_eq!(actual(&a, 2023, 1, "4010", Some("P1")), d("5"));
}

#[test]
fn csv_without_belopp_is_unreadable_naming_it() {
    let a = read_text("m.csv", "Period;Konto;Projekt;Summa\n202301;4010;P1;5\n");
    assert_eq!(codes(&a), ["unreadable-actuals"]);
    assert_missing_belopp(&a);
}

#[test]
fn csv_bad_period_and_tkr_unit() {
    let opts = ReadOptions {
        table_unit: Unit::Tkr,
        ..ReadOptions::default()
    };
    let a = checked(read_bytes(
        b"Period;Konto;Projekt;Belopp\n202313;4010;P1;5\n202304;4010;P1;1,5\n",
        "t.csv",
        &opts,
    ));
    assert_eq!(codes(&a), ["invalid-actuals-row"]);
    assert_eq!(a.findings[0].line, Some(2));
    assert_eq!(actual(&a, 2023, 4, "4010", Some("P1")), d("1500.0"));
}

#[test]
fn unknown_files_are_refused() {
    let a = read_text("notes.pdf", "%PDF-1.4");
    assert_eq!(
        a.findings[0].kind,
        Kind::UnreadableActuals(UnreadableActuals::NotLedger {
            extension: ".pdf".into()
        })
    );
    let a = read_text("fel.se", "Hej\n#PSALDO 0 202301 4010 {} 1\n");
    assert_eq!(codes(&a), ["unreadable-actuals"]);
}

#[test]
fn read_from_disk_refuses_a_folder_and_an_empty_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = read(dir.path(), "mapp", &ReadOptions::default());
    assert_eq!(
        a.findings[0].kind,
        Kind::UnreadableActuals(UnreadableActuals::NotAFile)
    );
    let empty = dir.path().join("tom.se");
    std::fs::write(&empty, b"").expect("write");
    let a = read(&empty, "tom.se", &ReadOptions::default());
    assert_eq!(
        a.findings[0].kind,
        Kind::UnreadableActuals(UnreadableActuals::Empty)
    );
    let file = dir.path().join("u.se");
    std::fs::write(&file, VER).expect("write");
    let a = checked(read(&file, "u.se", &ReadOptions::default()));
    assert_eq!(
        a,
        checked(read_bytes(VER.as_bytes(), "u.se", &ReadOptions::default()))
    );
}

#[test]
fn a_csv_row_is_named_by_its_line_whatever_the_line_ends() {
    // Found by fuzzing: with CR LF (as Windows programs write), the csv crate counted
    // the row after each line a line too early.
    let lf = "Rapport\nPeriod;Konto;Projekt;Belopp\n202301;4010;P1;100\n202313;4010;P1;100\n\n202302;4010;P1;abc\n";
    let lines = |text: &str| -> Vec<Option<u64>> {
        table::read_csv(text.as_bytes(), "u.csv", &ReadOptions::default())
            .findings
            .iter()
            .map(|f| f.line)
            .collect()
    };
    assert_eq!(lines(lf), [Some(4), Some(6)]);
    assert_eq!(lines(&lf.replace('\n', "\r\n")), [Some(4), Some(6)]);
    // Mixed, as a file edited in two programs.
    assert_eq!(lines(&lf.replacen('\n', "\r\n", 3)), [Some(4), Some(6)]);
    // A quoted field that holds a line break: the row is named by its first line,
    // and the rows after it by theirs.
    let quoted = "Period;Konto;Projekt;Belopp\n202313;4010;\"P\n1\";100\n202302;4010;P1;abc\n";
    assert_eq!(lines(quoted), [Some(2), Some(4)]);
    // CR only (old Mac Excel): the rows are still rows.
    let cr = table::read_csv(
        lf.replace('\n', "\r").as_bytes(),
        "u.csv",
        &ReadOptions::default(),
    );
    assert_eq!(cr.rows_read, 3);
    assert_eq!(cr.entries.len(), 1);
}

mod amounts;
mod by_month;
mod columns;
mod dates;
mod disguised;
mod exports;
mod line_ends;
mod objects;
mod sheets;
mod split;
mod totals;
mod xml2003;

#[test]
fn accounts_written_with_their_name_or_as_floats_are_their_numbers() {
    // `6550 Konsultarvoden` (a report written for reading) and `6550.0` (pandas) are
    // account 6550; money on `abc` is no account number and is named, a row of 0 on
    // a label is summed as any row.
    let csv = "Period;Konto;Projekt;Belopp\n\
               2023-04;6550 Konsultarvoden;P1;100\n\
               2023-04;6550.0;P1;20\n\
               2023-04;6550 - Konsult;P1;3\n\
               2023-04;abc;P1;4000\n\
               2023-04;Ej angivet;P1;0\n";
    let a = read_text("u.csv", csv);
    assert_eq!(actual(&a, 2023, 4, "6550", Some("P1")), d("123"));
    assert_eq!(
        a.entries
            .get(&key(2023, 4, "6550 Konsultarvoden", Some("P1"))),
        None
    );
    let named: Vec<(Option<u64>, String)> = a
        .findings
        .iter()
        .map(|f| (f.line, f.message(crate::lang::Lang::Sv)))
        .collect();
    assert_eq!(named.len(), 1, "{named:?}");
    assert_eq!(named[0].0, Some(5));
    assert!(named[0].1.contains("abc"), "{}", named[0].1);
    assert_eq!(a.rows_read, a.rows_in_entries() + a.rows_in_findings());
}

#[test]
fn a_header_word_for_another_figure_does_not_take_the_column() {
    // `Utfall fg år`, `Utfall ack` and `Budget helår` stand before the columns
    // meant; `Belopp (SEK)` and `Utfall kr` are the amount with its unit.
    let csv = "Period;Konto;Projekt;Utfall fg år;Utfall ack;Utfall;Budget helår;Budget\n\
               2023-04;6550;P1;777;5000;1000;120000;10000\n";
    let a = read_text("u.csv", csv);
    let e = &a.entries[&key(2023, 4, "6550", Some("P1"))];
    assert_eq!(
        (e.actual, e.budget),
        (d("1000"), Some(d("10000"))),
        "{a:#?}"
    );
    for header in ["Belopp (SEK)", "Utfall kr", "Belopp."] {
        let csv = format!("Period;Konto;Projekt;{header}\n2023-04;6550;P1;1000\n");
        let a = read_text("u.csv", &csv);
        assert_eq!(
            actual(&a, 2023, 4, "6550", Some("P1")),
            d("1000"),
            "{header}"
        );
    }
    // Only an accumulated figure: no amount column, said as such.
    let a = read_text(
        "u.csv",
        "Period;Konto;Projekt;Utfall ack\n2023-04;6550;P1;1000\n",
    );
    assert!(a.entries.is_empty());
    assert_eq!(a.findings.len(), 1);
    assert_eq!(a.findings[0].code().as_str(), "unreadable-actuals");
}

#[test]
fn a_filled_field_past_the_header_is_named_not_summed() {
    // A comma-delimited export with Swedish decimals not quoted: `1000,50` is two
    // fields. Empty fields past the header (a trailing delimiter) are fine.
    let csv = "Period,Konto,Projekt,Belopp\n\
               2023-04,6550,P1,1000,50\n\
               2023-04,6550,P1,2000\n\
               2023-04,6550,P1,300,\n";
    let a = read_text("u.csv", csv);
    assert_eq!(actual(&a, 2023, 4, "6550", Some("P1")), d("2300"));
    assert_eq!(a.findings.len(), 1, "{:#?}", a.findings);
    let f = &a.findings[0];
    assert_eq!(
        (f.code().as_str(), f.line),
        ("invalid-actuals-row", Some(2))
    );
    assert!(
        f.message(crate::lang::Lang::Sv)
            .starts_with("Raden har fler fält än rubrikraden (4): ”50” står efter dem."),
        "{}",
        f.message(crate::lang::Lang::Sv)
    );
    assert_eq!(a.rows_read, a.rows_in_entries() + a.rows_in_findings());
}
