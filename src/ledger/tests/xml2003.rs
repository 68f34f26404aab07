//! Ledger reports saved as Excel 2003 XML ("XML Spreadsheet 2003"), as older
//! reporting systems export them under an `.xls` or `.xml` name.

use super::*;

/// A workbook as Excel 2003 writes it: declaration, processing instruction, the
/// namespaces, styles, and each sheet's table followed by its options.
fn book(sheets: &[(&str, &str, bool)]) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\"?>\r\n<?mso-application progid=\"Excel.Sheet\"?>\r\n\
         <Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\"\r\n \
         xmlns:o=\"urn:schemas-microsoft-com:office:office\"\r\n \
         xmlns:x=\"urn:schemas-microsoft-com:office:excel\"\r\n \
         xmlns:ss=\"urn:schemas-microsoft-com:office:spreadsheet\"\r\n \
         xmlns:html=\"http://www.w3.org/TR/REC-html40\">\r\n \
         <Styles><Style ss:ID=\"Default\" ss:Name=\"Normal\"><Font ss:FontName=\"Arial\"/></Style></Styles>\r\n",
    );
    for (name, rows, hidden) in sheets {
        xml.push_str(&format!(
            " <Worksheet ss:Name=\"{name}\">\r\n  <Table ss:ExpandedColumnCount=\"5\" x:FullColumns=\"1\">\r\n{rows}  </Table>\r\n  \
             <WorksheetOptions xmlns=\"urn:schemas-microsoft-com:office:excel\">{}</WorksheetOptions>\r\n </Worksheet>\r\n",
            if *hidden { "<Visible>SheetHidden</Visible>" } else { "<Selected/>" }
        ));
    }
    xml.push_str("</Workbook>\r\n");
    xml
}

const HEADER: &str = "   <Row><Cell><Data ss:Type=\"String\">Period</Data></Cell>\
    <Cell><Data ss:Type=\"String\">Konto</Data></Cell><Cell><Data ss:Type=\"String\">Projekt</Data></Cell>\
    <Cell><Data ss:Type=\"String\">Belopp</Data></Cell></Row>\r\n";

#[test]
fn an_excel_2003_xml_workbook_is_read_as_a_workbook() {
    // A title merged across the table, the header on row 3 (by `ss:Index`), a cell
    // placed by its index, numbers exact as written, a date for the month, a
    // character reference in a project name, a formula total.
    let rows = "   <Row><Cell ss:MergeAcross=\"3\"><Data ss:Type=\"String\">Huvudbok &amp; projekt</Data></Cell></Row>\r\n"
        .to_string()
        + &HEADER.replace("<Row>", "<Row ss:Index=\"3\">")
        + "   <Row><Cell><Data ss:Type=\"Number\">202301</Data></Cell><Cell><Data ss:Type=\"Number\">4010</Data></Cell>\
             <Cell><Data ss:Type=\"String\">V&#228;xj&#xF6;</Data></Cell><Cell><Data ss:Type=\"Number\">1234.5678</Data></Cell></Row>\r\n\
           <Row><Cell><Data ss:Type=\"DateTime\">2023-02-28T00:00:00.000</Data></Cell><Cell><Data ss:Type=\"Number\">4010</Data></Cell>\
             <Cell ss:Index=\"4\"><Data ss:Type=\"Number\">1.5E2</Data></Cell></Row>\r\n\
           <Row><Cell><Data ss:Type=\"String\">Summa</Data></Cell><Cell ss:Index=\"4\" ss:Formula=\"=SUM(R[-2]C:R[-1]C)\">\
             <Data ss:Type=\"Number\">1384.5678</Data></Cell></Row>\r\n";
    let xml = book(&[("Huvudbok", &rows, false)]);
    let a = checked(read_bytes(
        xml.as_bytes(),
        "export.xls",
        &ReadOptions::default(),
    ));
    assert_eq!(a.form, Some(Form::Sheet));
    assert_eq!(a.sheets, ["Huvudbok"]);
    assert_eq!(actual(&a, 2023, 1, "4010", Some("Växjö")), d("1234.5678"));
    assert_eq!(actual(&a, 2023, 2, "4010", None), d("150"));
    let placed: Vec<_> = (a.findings.iter())
        .map(|f| (f.code().as_str(), f.cell.map(|c| c.to_string())))
        .collect();
    assert_eq!(placed, [("actuals-total-row", Some("D6".to_string()))]);
    let text = a.findings[0].message(crate::lang::Lang::Sv);
    assert!(
        text.contains("1 384,5678 är summan av alla rader"),
        "{text}"
    );
}

#[test]
fn a_hidden_sheet_and_sheets_by_month_are_settled_as_in_a_workbook() {
    let month = |m: u8, amount: &str| {
        HEADER.to_string()
            + &format!(
                "   <Row><Cell><Data ss:Type=\"String\">2023-{m:02}</Data></Cell><Cell><Data ss:Type=\"Number\">4010</Data></Cell>\
                 <Cell><Data ss:Type=\"String\">P1</Data></Cell><Cell><Data ss:Type=\"Number\">{amount}</Data></Cell></Row>\r\n"
            )
    };
    let xml = book(&[
        ("Januari", &month(1, "10"), false),
        ("Februari", &month(2, "20"), false),
        ("Gammal export", &month(1, "999"), true),
    ]);
    let a = checked(read_bytes(
        xml.as_bytes(),
        "export.xml",
        &ReadOptions::default(),
    ));
    assert_eq!(a.sheets, ["Januari", "Februari"]);
    assert_eq!(actual(&a, 2023, 1, "4010", Some("P1")), d("10"));
    assert_eq!(actual(&a, 2023, 2, "4010", Some("P1")), d("20"));
    assert_eq!(codes(&a), ["actuals-sheet-left-out"]);
    assert_eq!(a.findings[0].severity, Severity::Warning);
}

#[test]
fn a_damaged_or_cut_xml_workbook_is_named_not_read_as_a_web_page() {
    // Cut in its second row: the rows before the cut are read, the file is not
    // called an HTML page; not XML at all from its start: an unreadable workbook.
    let whole = book(&[(
        "Blad1",
        &(HEADER.to_string()
            + "   <Row><Cell><Data ss:Type=\"Number\">202301</Data></Cell>\
        <Cell><Data ss:Type=\"Number\">4010</Data></Cell><Cell/><Cell><Data ss:Type=\"Number\">5</Data></Cell></Row>\r\n\
        <Row><Cell><Data ss:Type=\"Number\">202302</Data></Cell>"),
        false,
    )]);
    let cut = &whole[..whole.find("202302").expect("second row")];
    let a = checked(read_bytes(
        cut.as_bytes(),
        "export.xls",
        &ReadOptions::default(),
    ));
    assert_eq!(actual(&a, 2023, 1, "4010", None), d("5"));
    let broken = "<?xml version=\"1.0\"?><?mso-application progid=\"Excel.Sheet\"?><Workbook><<<";
    let a = checked(read_bytes(
        broken.as_bytes(),
        "export.xls",
        &ReadOptions::default(),
    ));
    assert!(a.is_unreadable(), "{a:#?}");
    assert!(!matches!(
        &a.findings[0].kind,
        Kind::UnreadableActuals(UnreadableActuals::Html)
    ));
}

#[test]
fn an_xml_workbook_in_windows_1252_reads_its_names() {
    // The declaration names the encoding; å, ä, ö as single bytes.
    let rows = HEADER.to_string()
        + "   <Row><Cell><Data ss:Type=\"Number\">202301</Data></Cell><Cell><Data ss:Type=\"Number\">4010</Data></Cell>\
             <Cell><Data ss:Type=\"String\">V\u{e4}xj\u{f6}</Data></Cell><Cell><Data ss:Type=\"Number\">5</Data></Cell></Row>\r\n";
    let xml = book(&[("Blad1", &rows, false)]).replacen(
        "<?xml version=\"1.0\"?>",
        "<?xml version=\"1.0\" encoding=\"windows-1252\"?>",
        1,
    );
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&xml);
    let a = checked(read_bytes(&bytes, "export.xls", &ReadOptions::default()));
    assert_eq!(actual(&a, 2023, 1, "4010", Some("Växjö")), d("5"));
}
