//! Files that are not what their name says: ledger reports saved with an `.xls`
//! name that are no workbook — web pages (the tables read as a workbook's sheets
//! are, an error page still refused) and delimited text — and an HTML page or a
//! Markdown note under an export's name.

use super::*;

fn read_page(name: &str, bytes: &[u8]) -> Actuals {
    checked(read_bytes(bytes, name, &ReadOptions::default()))
}

#[test]
fn a_report_system_page_with_title_rows_spans_and_a_total_is_read() {
    // What a reporting system's "Export to Excel" writes: a title row spanning the
    // table, the header on row 3, cells left open, &nbsp; between digit groups, a
    // total row, and whitespace and line breaks inside cells.
    let page = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">\
        <title>Huvudbok</title></head><body>\n\
        <table border=\"1\">\n\
        <tr><td colspan=\"4\"><b>Huvudbok per projekt</b></td></tr>\n\
        <tr><td colspan=4>Urval: 2023-01 &ndash; 2023-02</td></tr>\n\
        <tr><th>Period<th>Konto<th>Projekt<th>Belopp\n\
        <tr><td>202301<td> 4010 <td>P1<td>1&nbsp;234,50\n\
        <tr><td>202302</td><td>4010</td><td>P1</td><td>\n   -34,50\n</td></tr>\n\
        <tr><td>202302</td><td>4020</td><td></td><td>100</td></tr>\n\
        <tr><td>Summa</td><td></td><td></td><td>1&nbsp;300,00</td></tr>\n\
        </table></body></html>";
    let a = read_page("huvudbok.xls", page.as_bytes());
    assert_eq!(a.form, Some(Form::Html));
    assert_eq!(a.sheets, ["Tabell 1"]);
    assert_eq!(actual(&a, 2023, 1, "4010", Some("P1")), d("1234.50"));
    assert_eq!(actual(&a, 2023, 2, "4010", Some("P1")), d("-34.50"));
    assert_eq!(actual(&a, 2023, 2, "4020", None), d("100"));
    // The total row is named with the sum it is compared with, not summed.
    assert_eq!(codes(&a), ["actuals-total-row"], "{:#?}", a.findings);
    assert_eq!(a.findings[0].cell.map(|c| c.to_string()), Some("D7".into()));
}

#[test]
fn excel_html_gives_the_exact_number_and_spans_move_the_cells_after_them() {
    // Excel's own web page: the shown text is rounded, `x:num` is the value. A
    // `rowspan` period cell covers the rows below it, whose cells move right.
    let page = "<html xmlns:x=\"urn:schemas-microsoft-com:office:excel\"><body><table>\
        <tr><td>Period</td><td>Konto</td><td>Projekt</td><td>Belopp</td></tr>\
        <tr><td rowspan=\"2\">2023-03</td><td>4010</td><td x:str>P1</td>\
            <td x:num=\"1234.5678\">1 235</td></tr>\
        <tr><td>4010</td><td>P1</td><td x:num=\"1.5E-1\">0</td></tr>\
        </table></body></html>";
    let a = read_page("export.xls", page.as_bytes());
    assert!(a.findings.is_empty(), "{:#?}", a.findings);
    assert_eq!(actual(&a, 2023, 3, "4010", Some("P1")), d("1234.7178"));
}

#[test]
fn windows_1252_pages_and_pages_without_an_html_tag_are_read() {
    // A declared Windows-1252 page with å/ä/ö in its project names, and a bare
    // `<table>` (no `<html>`), as small exporters write.
    let mut page = b"<html><head><meta charset=\"windows-1252\"></head><body><table>\
        <tr><td>Period</td><td>Konto</td><td>Projekt</td><td>Belopp</td></tr>\
        <tr><td>202304</td><td>4010</td><td>V"
        .to_vec();
    page.extend_from_slice(b"\xe4xj\xf6</td><td>10</td></tr></table></body></html>");
    let a = read_page("u.xls", &page);
    assert_eq!(actual(&a, 2023, 4, "4010", Some("Växjö")), d("10"));
    // A page that declares Windows-1252 but is written in UTF-8 (exporters do): read
    // as the UTF-8 it is, not as mojibake.
    let lying = "<meta charset=\"windows-1252\"><table><tr><td>Period<td>Konto<td>Projekt\
        <td>Belopp<tr><td>202304<td>4010<td>Växjö<td>10</table>";
    let a = read_page("u.xls", lying.as_bytes());
    assert_eq!(actual(&a, 2023, 4, "4010", Some("Växjö")), d("10"));
    let bare = "<table><tr><td>Period<td>Konto<td>Projekt<td>Belopp\
        <tr><td>202305<td>4010<td><td>7</table>";
    let a = read_page("u.xls", bare.as_bytes());
    assert_eq!(actual(&a, 2023, 5, "4010", None), d("7"));
}

#[test]
fn a_layout_table_and_a_nested_table_do_not_mix_with_the_ledger_table() {
    // The report's data table inside a page layout table: the rows of each table
    // are its own, and the layout table has no header, so only the data is read.
    let page = "<html><body><table><tr><td>Logga</td><td>\
        <table><tr><td>Period</td><td>Konto</td><td>Projekt</td><td>Belopp</td></tr>\
        <tr><td>202301</td><td>4010</td><td></td><td>5</td></tr></table>\
        </td></tr><tr><td>Sida 1 av 1</td></tr></table></body></html>";
    let a = read_page("u.xls", page.as_bytes());
    assert_eq!(a.sheets, ["Tabell 2"]);
    assert_eq!(actual(&a, 2023, 1, "4010", None), d("5"));
    assert_eq!(a.rows_read, 1);
}

#[test]
fn an_error_page_is_still_refused_and_a_table_without_the_columns_is_named() {
    // A login or error page (a table for its layout, no ledger column) is no
    // export; a table that names some columns says which are missing.
    let error = "<!DOCTYPE html><html><body><table><tr><td>Sessionen har gått ut.</td>\
        </tr><tr><td>Logga in igen.</td></tr></table></body></html>";
    let a = read_page("huvudbok.xls", error.as_bytes());
    assert!(matches!(
        &a.findings[0].kind,
        Kind::UnreadableActuals(UnreadableActuals::Html)
    ));
    let partial = "<html><body><table><tr><td>Konto</td><td>Belopp</td></tr>\
        <tr><td>4010</td><td>5</td></tr></table></body></html>";
    let a = read_page("huvudbok.xls", partial.as_bytes());
    let Kind::UnreadableActuals(UnreadableActuals::MissingColumns { missing }) =
        &a.findings[0].kind
    else {
        panic!("{:#?}", a.findings);
    };
    assert!(missing.iter().any(|m| m.contains("Period")), "{missing:?}");
}

#[test]
fn bad_cells_in_a_page_are_named_by_table_and_cell() {
    let page = "<html><body><table>\
        <tr><td>Period</td><td>Konto</td><td>Projekt</td><td>Belopp</td></tr>\
        <tr><td>202301</td><td>4010</td><td>P1</td><td>3,900</td></tr>\
        <tr><td>202313</td><td>4010</td><td>P1</td><td>5</td></tr>\
        <tr><td>202301</td><td>4010</td><td>P1</td><td>8</td></tr>\
        </table></body></html>";
    let a = read_page("u.xls", page.as_bytes());
    assert_eq!(actual(&a, 2023, 1, "4010", Some("P1")), d("8"));
    let placed: Vec<_> = (a.findings.iter())
        .map(|f| {
            (
                f.code().as_str(),
                f.sheet.clone(),
                f.cell.map(|c| c.to_string()),
            )
        })
        .collect();
    assert_eq!(
        placed,
        [
            (
                "invalid-actuals-row",
                Some("Tabell 1".into()),
                Some("D2".into())
            ),
            (
                "invalid-actuals-row",
                Some("Tabell 1".into()),
                Some("A3".into())
            ),
        ]
    );
}

#[test]
fn hostile_pages_end_quickly_and_bounded() {
    // Spans far past Excel's columns, tables nested thousands deep, rows without a
    // table, a cell spanning all rows: read in time and memory, nothing lost.
    let wide = "<table><tr><td>Period<td>Konto<td>Projekt<td>Belopp".to_string()
        + &"<td colspan=999999>x".repeat(20_000);
    let deep = "<table><tr><td>".repeat(5_000) + "Period";
    let loose = "<html><tr><td>Period<td>Konto<td>Projekt<td>Belopp</tr></html>".to_string();
    let tall = "<table><tr><td>Period<td>Konto<td>Projekt<td>Belopp\
        <tr><td rowspan=65534>202301<td>4010<td>P<td>1"
        .to_string()
        + &"<tr><td>4010<td>P<td>1".repeat(2_000);
    // Spans built to cost more than the cells: a thousand columns spanning all rows,
    // over rows of one cell each. The spans' steps are bounded (the table then loses
    // its spans), so this ends in time and memory near its cells'.
    let spans = "<table><tr><td>Period<td>Konto<td>Projekt<td>Belopp<tr>".to_string()
        + &"<td rowspan=65534>x".repeat(1_000)
        + &"<tr><td>y".repeat(20_000);
    let grids = crate::ledger::table::html_tables_for_tests(spans.as_bytes());
    let cells: usize = grids
        .iter()
        .map(|g| g.rows().map(|(_, c)| c.len()).sum::<usize>())
        .sum();
    assert!(cells < 2_000_000, "{cells} cells");
    for page in [wide, deep, loose] {
        let a = read_page("u.xls", page.as_bytes());
        assert!(a.entries.is_empty());
    }
    let a = read_page("u.xls", tall.as_bytes());
    assert_eq!(actual(&a, 2023, 1, "4010", Some("P")), d("2001"));
}

#[test]
fn delimited_text_named_as_a_workbook_is_read_as_csv() {
    // Tab-delimited text named `.xls` (so that Excel opens it), the same as UTF-16
    // (Excel's "Unicode text"), and semicolons named `.xlsx`: read as the CSV they
    // are, not refused as damaged workbooks.
    let tab = "Period\tKonto\tProjekt\tBelopp\r\n202301\t4010\tV\u{e4}xj\u{f6}\t1 234,50\r\n";
    let a = read_page("export.xls", tab.as_bytes());
    assert_eq!(a.form, Some(Form::Csv));
    assert_eq!(actual(&a, 2023, 1, "4010", Some("Växjö")), d("1234.50"));
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(tab.encode_utf16().flat_map(u16::to_le_bytes));
    let a = read_page("export.xls", &utf16);
    assert_eq!(actual(&a, 2023, 1, "4010", Some("Växjö")), d("1234.50"));
    let a = read_page(
        "export.xlsx",
        b"Period;Konto;Projekt;Belopp\n202302;4010;;5\n",
    );
    assert_eq!(actual(&a, 2023, 2, "4010", None), d("5"));
    // Bytes that are no text stay a damaged workbook.
    let a = read_page("export.xls", b"\x09\x00\x04\x00\x02\x00\x10\x00");
    assert!(a.is_unreadable());
    assert!(matches!(
        &a.findings[0].kind,
        Kind::UnreadableActuals(UnreadableActuals::Workbook(_))
    ));
}

#[test]
fn markdown_is_not_taken_for_sie() {
    // `# Rubrik` starts like an SIE label; an SIE label is `#` and a word.
    let a = read_text("LÄSMIG.md", "# Läs mig\nExporten görs i Raindance.\n");
    assert!(matches!(
        &a.findings[0].kind,
        Kind::UnreadableActuals(UnreadableActuals::NotLedger { .. })
    ));
}

#[test]
fn sie_html_named_se_is_unreadable() {
    let html = "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head><title>404 Not Found</title></head></html>\n";
    let a = read_text("PerSald.SE", html);
    assert_eq!(codes(&a), ["unreadable-actuals"]);
    assert!(matches!(
        a.findings[0].kind,
        Kind::UnreadableActuals(UnreadableActuals::Html)
    ));
}

#[test]
fn excel_s_own_web_page_with_its_styles_comments_and_hidden_row_is_read() {
    // "Save as Web Page" from Excel: Windows-1252, a style block, conditional
    // comments, `x:num` with and without a value, a formula cell (`x:fmla`), and the
    // hidden row of empty cells Excel ends a table with.
    let page = b"<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"\r\n\
        xmlns:x=\"urn:schemas-microsoft-com:office:excel\"\r\n\
        xmlns=\"http://www.w3.org/TR/REC-html40\">\r\n<head>\r\n\
        <meta http-equiv=Content-Type content=\"text/html; charset=windows-1252\">\r\n\
        <style>\r\n<!--table\r\n\t{mso-displayed-decimal-separator:\"\\,\";\r\n\
        \tmso-displayed-thousand-separator:\" \";}\r\n.xl65\r\n\t{mso-number-format:\"\\#\\,\\#\\#0\\.00\";}\r\n-->\r\n</style>\r\n\
        <!--[if gte mso 9]><xml>\r\n <x:ExcelWorkbook><x:ExcelWorksheets><x:ExcelWorksheet>\r\n\
        <x:Name>Huvudbok</x:Name></x:ExcelWorksheet></x:ExcelWorksheets></x:ExcelWorkbook>\r\n</xml><![endif]-->\r\n\
        </head>\r\n<body link=blue vlink=purple>\r\n\
        <table border=0 cellpadding=0 cellspacing=0 width=256 style='border-collapse:collapse'>\r\n\
        <col width=64 span=4 style='width:48pt'>\r\n\
        <tr height=20><td height=20>Period</td><td>Konto</td><td>Projekt</td><td>Belopp</td></tr>\r\n\
        <tr height=20><td align=right x:num>202304</td><td align=right x:num>6550</td>\
        <td>Sm\xe5projekt</td><td class=xl65 align=right x:num=\"-1234.5\">-1 234,50</td></tr>\r\n\
        <tr height=20><td>Summa</td><td></td><td></td>\
        <td class=xl65 align=right x:num=\"-1234.5\" x:fmla=\"=SUM(D2)\">-1 234,50</td></tr>\r\n\
        <![if supportMisalignedColumns]>\r\n<tr height=0 style='display:none'>\r\n\
        <td width=64 style='width:48pt'></td><td width=64 style='width:48pt'></td></tr>\r\n<![endif]>\r\n\
        </table>\r\n</body>\r\n</html>\r\n"
        .to_vec();
    let a = read_page("Huvudbok april.xls", &page);
    assert_eq!(
        actual(&a, 2023, 4, "6550", Some("Småprojekt")),
        d("-1234.5")
    );
    assert_eq!(codes(&a), ["actuals-total-row"], "{:#?}", a.findings);
    assert_eq!(a.rows_read, 2);
}

#[test]
fn a_flat_opendocument_file_is_not_taken_for_a_web_page() {
    // LibreOffice's flat XML (`.fods`) has `<table:table>`: no web page, and no form
    // the readers know, so it is refused as such.
    let fods = "<?xml version=\"1.0\"?>\n<office:document xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\">\
        <office:body><office:spreadsheet><table:table table:name=\"U\"><table:table-row>\
        <table:table-cell><text:p>Period</text:p></table:table-cell></table:table-row></table:table>\
        </office:spreadsheet></office:body></office:document>";
    let a = read_page("utfall.fods", fods.as_bytes());
    assert!(matches!(
        &a.findings[0].kind,
        Kind::UnreadableActuals(UnreadableActuals::NotLedger { .. })
    ));
}
