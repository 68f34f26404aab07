//! A ledger report saved as a workbook: the same data as in SIE and CSV, and the
//! sheets read — every visible sheet with the header, a hidden one only when no
//! visible one has it, a sheet holding another's months left out and named.

use super::*;
use crate::location::CellRef;

/// The same ledger as SIE, CSV and a workbook (written by rust_xlsxwriter here;
/// openpyxl's header-on-row-7 file is in the integration tests).
#[test]
fn the_same_data_in_every_form_gives_the_same_entries() {
    let sie = "#FLAGGA 0\n#SIETYP 3\n\
        #PSALDO 0 202301 4010 {} 1500.50\n#PSALDO 0 202301 4010 {6 \"P1\"} 1000\n\
        #PSALDO 0 202302 5010 {6 \"P2\"} -20\n#PSALDO 0 202302 5010 {} -20\n";
    let csv = "Period;Konto;Projekt;Belopp\n202301;4010;P1;1000\n202301;4010;;500,50\n202302;5010;P2;-20\n";
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    let rows: [(&str, f64, &str, &str); 3] = [
        ("2023-01", 4010.0, "P1", "1000"),
        ("2023-01", 4010.0, "", "500.50"),
        ("2023-02", 5010.0, "P2", "-20"),
    ];
    for (c, h) in ["Text", "Period", "Konto", "Projekt", "Utfall"]
        .iter()
        .enumerate()
    {
        ws.write_string(6, c as u16, *h).expect("write");
    }
    for (r, (p, k, pr, b)) in rows.iter().enumerate() {
        let r = r as u32 + 7;
        ws.write_string(r, 1, *p).expect("write");
        ws.write_number(r, 2, *k).expect("write");
        ws.write_string(r, 3, *pr).expect("write");
        ws.write_string(r, 4, *b).expect("write");
    }
    let xlsx = wb.save_to_buffer().expect("xlsx");
    let opts = ReadOptions::default();
    let forms = [
        checked(read_bytes(sie.as_bytes(), "u.se", &opts)),
        checked(read_bytes(csv.as_bytes(), "u.csv", &opts)),
        checked(read_bytes(&xlsx, "u.xlsx", &opts)),
    ];
    let amounts = |a: &Actuals| -> Vec<(Key, Decimal)> {
        // SIE's {} row of February is an entry of 0 (its row is counted there).
        a.entries
            .iter()
            .filter(|(_, e)| !e.actual.is_zero())
            .map(|(k, e)| (k.clone(), e.actual.normalize()))
            .collect()
    };
    assert_eq!(amounts(&forms[0]).len(), 3);
    assert_eq!(amounts(&forms[0]), amounts(&forms[1]));
    assert_eq!(amounts(&forms[0]), amounts(&forms[2]));
    assert_eq!(forms[2].sheets, ["Sheet1"]);
    assert_eq!(
        forms[2].entries[&key(2023, 1, "4010", Some("P1"))].first,
        Some(Place::Cell(0, crate::location::CellRef::new(7, 4)))
    );
}

/// A sheet's rows: period, account, amount (project `P1`).
type Rows<'r> = &'r [(&'r str, &'r str, f64)];

/// A workbook of (name, hidden, rows below a `Period;Konto;Projekt;Belopp` header,
/// or no header when `None`).
fn sheets(specs: &[(&str, bool, Option<Rows<'_>>)]) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    for (name, hidden, rows) in specs {
        let ws = wb.add_worksheet();
        ws.set_name(*name).expect("name");
        ws.set_hidden(*hidden);
        let Some(rows) = rows else {
            ws.write_string(0, 0, "Översikt").expect("write");
            continue;
        };
        for (c, h) in ["Period", "Konto", "Projekt", "Belopp"].iter().enumerate() {
            ws.write_string(0, c as u16, *h).expect("write");
        }
        for (r, (period, account, amount)) in rows.iter().enumerate() {
            let r = r as u32 + 1;
            ws.write_string(r, 0, *period).expect("write");
            ws.write_string(r, 1, *account).expect("write");
            ws.write_string(r, 2, "P1").expect("write");
            ws.write_number(r, 3, *amount).expect("write");
        }
    }
    wb.save_to_buffer().expect("xlsx")
}

fn read_book(bytes: &[u8]) -> Actuals {
    checked(read_bytes(bytes, "u.xlsx", &ReadOptions::default()))
}

#[test]
fn every_visible_sheet_with_the_header_is_read_and_places_name_their_sheet() {
    let jan: &[_] = &[("202301", "4010", 100.0)];
    let feb: &[_] = &[("202302", "4010", 200.0), ("202302", "4010", 5.0)];
    let a = read_book(&sheets(&[
        ("Översikt", false, None),
        ("Jan", false, Some(jan)),
        ("Feb", false, Some(feb)),
    ]));
    assert_eq!(a.sheets, ["Jan", "Feb"]);
    assert!(a.findings.is_empty(), "{:#?}", a.findings);
    assert_eq!(actual(&a, 2023, 1, "4010", Some("P1")), d("100"));
    assert_eq!(actual(&a, 2023, 2, "4010", Some("P1")), d("205"));
    // February's first row is cell D2 of the second sheet read.
    let first = a.entries[&key(2023, 2, "4010", Some("P1"))].first;
    assert_eq!(first, Some(Place::Cell(1, CellRef::new(1, 3))));
}

#[test]
fn a_hidden_sheet_is_read_only_when_no_visible_one_has_the_header() {
    let rows: &[_] = &[("202301", "4010", 100.0)];
    let only_hidden = read_book(&sheets(&[
        ("Översikt", false, None),
        ("Data", true, Some(rows)),
    ]));
    assert_eq!(only_hidden.sheets, ["Data"]);
    assert!(only_hidden.findings.is_empty());
    let old: &[_] = &[("202212", "4010", 7.0), ("202301", "4010", 9.0)];
    let both = read_book(&sheets(&[
        ("Data", false, Some(rows)),
        ("Gammal", true, Some(old)),
    ]));
    assert_eq!(both.sheets, ["Data"]);
    assert_eq!(actual(&both, 2023, 1, "4010", Some("P1")), d("100"));
    assert_eq!(codes(&both), ["actuals-sheet-left-out"]);
    let f = &both.findings[0];
    assert_eq!(
        (f.sheet.as_deref(), f.cell, f.severity),
        (Some("Gammal"), None, Severity::Warning)
    );
    assert!(
        matches!(&f.kind, Kind::ActualsSheetLeftOut { rows: 2, .. }),
        "{f:#?}"
    );
}

#[test]
fn sheets_with_the_same_month_are_not_both_counted() {
    let jan: &[_] = &[("202301", "4010", 100.0)];
    let jan_feb: &[_] = &[("202301", "4010", 100.0), ("202302", "4010", 50.0)];
    let mar: &[_] = &[("202303", "4010", 1.0)];
    // The later sheet holds every month of the earlier: it replaces it.
    let a = read_book(&sheets(&[
        ("Jan", false, Some(jan)),
        ("Jan-Feb", false, Some(jan_feb)),
    ]));
    assert_eq!(a.sheets, ["Jan-Feb"]);
    assert_eq!(actual(&a, 2023, 1, "4010", Some("P1")), d("100"));
    assert_eq!(codes(&a), ["actuals-sheet-left-out"]);
    assert_eq!(a.findings[0].severity, Severity::Error);
    assert!(matches!(
        &a.findings[0].kind,
        Kind::ActualsSheetLeftOut { sheet, rows: 1, why: crate::finding::SheetLeftOut::SameMonths { other, months } }
            if sheet == "Jan" && other == "Jan-Feb" && months == &["2023-01"]
    ));
    // Otherwise the later one is left out; a sheet of other months is read.
    let b = read_book(&sheets(&[
        ("Jan-Feb", false, Some(jan_feb)),
        ("Jan", false, Some(jan)),
        ("Mar", false, Some(mar)),
    ]));
    assert_eq!(b.sheets, ["Jan-Feb", "Mar"]);
    assert_eq!(b.findings[0].sheet.as_deref(), Some("Jan"));
}

#[test]
fn sheets_of_other_rows_for_the_same_months_are_all_read() {
    // One sheet per cost centre, January and February each, on other accounts: no
    // row stands on two sheets, so each is read; of a sheet and its copy, one is
    // (the later, holding all of the other's months, as of two files).
    let ansvar_100: &[_] = &[("202301", "4010", 100.0), ("202302", "4010", 50.0)];
    let ansvar_200: &[_] = &[("202301", "5410", 7.0), ("202302", "5410", 3.0)];
    let a = read_book(&sheets(&[
        ("Ansvar 100", false, Some(ansvar_100)),
        ("Ansvar 200", false, Some(ansvar_200)),
        ("Ansvar 100 (2)", false, Some(ansvar_100)),
    ]));
    assert_eq!(a.sheets, ["Ansvar 200", "Ansvar 100 (2)"]);
    assert_eq!(actual(&a, 2023, 1, "4010", Some("P1")), d("100"));
    assert_eq!(actual(&a, 2023, 2, "5410", Some("P1")), d("3"));
    assert_eq!(codes(&a), ["actuals-sheet-left-out"]);
    assert!(matches!(
        &a.findings[0].kind,
        Kind::ActualsSheetLeftOut { sheet, why: crate::finding::SheetLeftOut::SameMonths { other, .. }, .. }
            if sheet == "Ansvar 100" && other == "Ansvar 100 (2)"
    ));
}

#[test]
fn each_sheets_total_row_is_compared_with_its_own_rows() {
    let jan: &[_] = &[("202301", "4010", 100.0), ("Summa", "", 100.0)];
    let feb: &[_] = &[("202302", "4010", 40.0), ("Summa", "", 40.0)];
    let a = read_book(&sheets(&[
        ("Jan", false, Some(jan)),
        ("Feb", false, Some(feb)),
    ]));
    assert_eq!(codes(&a), ["actuals-total-row", "actuals-total-row"]);
    // Each is its sheet's total: a grand total, info, not a mismatch.
    assert!(
        a.findings.iter().all(|f| f.severity == Severity::Info),
        "{:#?}",
        a.findings
    );
    let sheets: Vec<_> = a.findings.iter().map(|f| f.sheet.as_deref()).collect();
    assert_eq!(sheets, [Some("Jan"), Some("Feb")]);
}

/// A year's transactions exported to Excel pass the template's bound of 1 000 000
/// filled cells: a ledger `.xlsx` is held to [`crate::grid::MAX_LEDGER_CELLS`]
/// instead, and every row is summed.
#[test]
fn a_ledger_workbook_past_a_million_cells_is_read_whole() {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet_with_constant_memory().expect("sheet");
    for (c, h) in ["Period", "Konto", "Projekt", "Belopp"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).expect("write");
    }
    let rows: u32 = 250_001;
    let amount = |r: u32| Decimal::from(r % 100) + Decimal::new(25, 2);
    for r in 1..=rows {
        ws.write(r, 0, 202301 + r % 4).expect("write");
        ws.write(r, 1, 6550).expect("write");
        ws.write_string(r, 2, "P1").expect("write");
        // The amount as the tool writes its own: a Decimal, no float arithmetic.
        ws.write(r, 3, amount(r)).expect("write");
    }
    let xlsx = wb.save_to_buffer().expect("xlsx");
    let a = checked(read_bytes(&xlsx, "huvudbok.xlsx", &ReadOptions::default()));
    assert!(a.findings.is_empty(), "{:#?}", a.findings);
    let sum: Decimal = a.entries.values().map(|e| e.actual).sum();
    let expected: Decimal = (1..=rows).map(amount).sum();
    assert_eq!(sum, expected);
    let counted: u32 = a.entries.values().map(|e| e.rows).sum();
    assert_eq!(counted, rows);
    assert!((rows as usize + 1) * 4 > crate::grid::MAX_CELLS);
}
