//! The follow-up's actuals readers on files other programs wrote: an xlsx ledger
//! report made by openpyxl with its header on row 7 and periods as date cells, read
//! beside the same data as SIE and as a Windows-1252 CSV; every form gives the same
//! entries, and every row read is in an entry or a finding.

use budget_consolidator::ledger::{self, Actuals, ReadOptions};
use rust_decimal::Decimal;
use std::path::Path;

fn read(path: &Path) -> Actuals {
    let name = path
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    let a = ledger::read(path, &name, &ReadOptions::default());
    assert_eq!(
        a.rows_read,
        a.rows_in_entries() + a.rows_in_findings(),
        "{a:#?}"
    );
    a
}

fn amounts(a: &Actuals) -> Vec<(i32, u8, String, Option<String>, Decimal)> {
    a.entries
        .iter()
        .filter(|(_, e)| !e.actual.is_zero())
        .map(|(k, e)| {
            (
                k.year,
                k.month,
                k.account.clone(),
                k.project.clone(),
                e.actual.normalize(),
            )
        })
        .collect()
}

#[test]
fn openpyxl_report_with_header_on_row_7_equals_sie_and_csv() {
    let dir = tempfile::tempdir().expect("tempdir");
    let xlsx = dir.path().join("huvudbok.xlsx");
    let script = r#"
import openpyxl, sys, datetime
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Rapport"
ws["A1"] = "Huvudboksrapport"
ws["A2"] = "Nämnden för Intraservice"
ws["A4"] = "Period: 2023-01 – 2023-02"
for c, h in enumerate(["Ansvar", "Utfall", "Projekt", "Konto", "Period", "Text"], start=1):
    ws.cell(row=7, column=c, value=h)
rows = [("100", 1000, "Välfärd", 4010, datetime.date(2023, 1, 1), "a"),
        ("100", "500,50", None, 4010, datetime.date(2023, 1, 31), "b"),
        ("200", -20.25, "P2", 5010, "2023-02", "c"),
        ("200", "3,900", "P2", 5010, "202302", "tvetydigt"),
        ("200", 5, "P2", 5010, "202313", "ingen månad")]
for r, row in enumerate(rows, start=8):
    for c, v in enumerate(row, start=1):
        ws.cell(row=r, column=c, value=v)
wb.save(sys.argv[1])
"#;
    crate::harness::openpyxl(script, &xlsx);
    let sie = dir.path().join("huvudbok.se");
    let mut sie_bytes = b"#FLAGGA 0\n#FORMAT PC8\n#SIETYP 3\n".to_vec();
    // "Välfärd" in CP437: ä is 0x84.
    sie_bytes.extend_from_slice(
        b"#PSALDO 0 202301 4010 {} 1500.50\n#PSALDO 0 202301 4010 {6 \"V\x84lf\x84rd\"} 1000\n",
    );
    sie_bytes.extend_from_slice(
        b"#PSALDO 0 202302 5010 {} -20.25\n#PSALDO 0 202302 5010 {6 P2} -20.25\n",
    );
    std::fs::write(&sie, sie_bytes).expect("write");
    let csv = dir.path().join("huvudbok.csv");
    let (csv_bytes, _, _) = encoding_rs::WINDOWS_1252.encode(
        "Period;Konto;Projekt;Belopp\r\n2023-01;4010;Välfärd;1 000\r\n202301;4010;;500,50\r\n202302;5010;P2;-20,25\r\n",
    );
    std::fs::write(&csv, &csv_bytes).expect("write");
    let (x, s, c) = (read(&xlsx), read(&sie), read(&csv));
    assert_eq!(x.sheets, ["Rapport"]);
    assert_eq!(amounts(&x).len(), 3, "{x:#?}");
    assert_eq!(amounts(&x), amounts(&s));
    assert_eq!(amounts(&x), amounts(&c));
    // The ambiguous amount and the month 13 are named by sheet and cell, not counted.
    let bad: Vec<_> = x
        .findings
        .iter()
        .filter(|f| f.code().as_str() == "invalid-actuals-row")
        .collect();
    assert_eq!(bad.len(), 2, "{:#?}", x.findings);
    assert!(bad.iter().all(|f| f.sheet.as_deref() == Some("Rapport")));
    let cells: Vec<_> = bad.iter().map(|f| f.cell.map(|c| c.to_string())).collect();
    // The amount's cell, and the period's cell of the row with month 13.
    assert_eq!(cells, [Some("B11".to_string()), Some("E12".to_string())]);
    assert_eq!(x.rows_read, 5);
}

/// A report saved by openpyxl with Excel's subtotal rows: `Summa` in the `Konto`
/// column with `Period` empty, a per-account `5010 Summa`, and `Totalsumma`. They are
/// named by sheet and cell and never summed; the rest equals the same rows without
/// them.
#[test]
fn openpyxl_report_with_summa_in_the_konto_column() {
    let dir = tempfile::tempdir().expect("tempdir");
    let xlsx = dir.path().join("huvudbok.xlsx");
    let script = r#"
import openpyxl, sys, datetime
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Huvudbok"
ws.append(["Period", "Konto", "Projekt", "Belopp"])
ws.append([datetime.date(2023, 1, 31), 4010, "P1", 1000])
ws.append([datetime.date(2023, 1, 31), 4010, None, 500.5])
ws.append([None, "Summa", None, 1500.5])
ws.append(["2023-02", 5010, "P2", -20.25])
ws.append([None, "5010 Summa", None, -20.25])
ws.append([None, None, "Totalsumma", 1480.25])
ws.append([None, "Summa", None, 99])
wb.save(sys.argv[1])
"#;
    crate::harness::openpyxl(script, &xlsx);
    let a = read(&xlsx);
    let found: Vec<(String, String)> = a
        .findings
        .iter()
        .map(|f| {
            (
                f.code().as_str().to_string(),
                format!(
                    "{} {} {}",
                    f.sheet.as_deref().unwrap_or(""),
                    f.cell.map(|c| c.to_string()).unwrap_or_default(),
                    f.severity.as_str()
                ),
            )
        })
        .collect();
    let total = |place: &str| ("actuals-total-row".to_string(), place.to_string());
    assert_eq!(
        found,
        [
            total("Huvudbok D4 info"),
            total("Huvudbok D6 info"),
            total("Huvudbok D7 info"),
            total("Huvudbok D8 warning"),
        ]
    );
    let last = a.findings[3].message(budget_consolidator::lang::Lang::En);
    assert!(
        last.contains("“Summa”") && last.contains("(0)") && last.contains("(1,480.25)"),
        "{last}"
    );
    let sum: Decimal = a.entries.values().map(|e| e.actual).sum();
    assert_eq!(sum, Decimal::new(148025, 2));
    assert_eq!((a.rows_read, a.rows_in_entries()), (7, 3));
}

/// A report saved by openpyxl with one sheet per month (and a pivot-like summary
/// sheet without the header), a hidden sheet of an older export and a copy of the
/// March sheet: January to March are all read, each once; the hidden sheet and the
/// copy are named with their rows, never summed; findings name their own sheet.
#[test]
fn openpyxl_report_with_a_sheet_per_month() {
    let dir = tempfile::tempdir().expect("tempdir");
    let xlsx = dir.path().join("huvudbok-per-manad.xlsx");
    let script = r#"
import openpyxl, sys
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Översikt"
ws.append(["Konto", "Summa"])
ws.append([4010, 3000])
for name, month, amount in [("Jan", "202301", 1000), ("Feb", "202302", 1200), ("Mars", "202303", 800)]:
    s = wb.create_sheet(name)
    s.append(["Period", "Konto", "Projekt", "Belopp"])
    s.append([month, 4010, "P1", amount])
    s.append([month, 4010, None, 1])
    if name == "Feb":
        s.append([month, 4010, "P1", "3,900"])
old = wb.create_sheet("Gammal export")
old.append(["Period", "Konto", "Projekt", "Belopp"])
old.append(["202301", 4010, "P1", 999999])
old.sheet_state = "hidden"
copy = wb.copy_worksheet(wb["Mars"])
copy.title = "Mars (2)"
wb.save(sys.argv[1])
"#;
    crate::harness::openpyxl(script, &xlsx);
    let a = read(&xlsx);
    // The copy holds March as the original does, and so replaces it (as a later
    // export holding every month of an earlier one does).
    assert_eq!(a.sheets, ["Jan", "Feb", "Mars (2)"], "{a:#?}");
    let total: Decimal = a.entries.iter().map(|(_, e)| e.actual).sum();
    assert_eq!(total, Decimal::from(1000 + 1200 + 800 + 3));
    let found: Vec<(String, Option<String>, Option<String>, String)> = a
        .findings
        .iter()
        .map(|f| {
            (
                f.code().as_str().to_string(),
                f.sheet.clone(),
                f.cell.map(|c| c.to_string()),
                f.severity.as_str().to_string(),
            )
        })
        .collect();
    let f = |code: &str, sheet: &str, cell: Option<&str>, severity: &str| {
        let cell = cell.map(str::to_string);
        (
            code.to_string(),
            Some(sheet.to_string()),
            cell,
            severity.to_string(),
        )
    };
    assert_eq!(
        found,
        [
            f("invalid-actuals-row", "Feb", Some("D4"), "error"),
            f("actuals-sheet-left-out", "Gammal export", None, "warning"),
            f("actuals-sheet-left-out", "Mars", None, "error"),
        ]
    );
    let text: Vec<String> = (a.findings.iter())
        .map(|f| f.message(budget_consolidator::lang::Lang::Sv))
        .collect();
    assert!(
        text[2].contains("”Mars (2)” och ”Mars”") && text[2].contains("2023-03"),
        "{}",
        text[2]
    );
    assert!(
        text[1].contains("(1 rad") && text[1].contains("”Jan”, ”Feb” och ”Mars (2)”"),
        "{}",
        text[1]
    );
    // 7 rows read, 2 in the sheets left out.
    assert_eq!(a.rows_read, 7 + 1 + 2);
}

/// A report printed to a workbook by another program (openpyxl): the header on every
/// page, amounts in a currency format's text, the accounting zero, and a formula
/// left without a stored value.
#[test]
fn openpyxl_report_with_page_headers_and_currency_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    let xlsx = dir.path().join("huvudbok-utskrift.xlsx");
    let script = r#"
import openpyxl, sys
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Huvudbok"
ws.append(["Huvudbok 2023, utskrift"])
ws.append([])
header = ["Bokföringsdatum", "Konto", "Projekt", "Belopp"]
ws.append(header)
for i in range(1, 41):
    if i % 15 == 0:
        ws.append(header)
    ws.append(["2023-%02d-15" % (1 + i % 3), 4010, "P1", "1 000,00 kr"])
ws.append(["2023-01-20", 4010, "P1", " -   kr "])
ws.append(["2023-01-21", 4010, "P1", "=100+200"])
wb.save(sys.argv[1])
"#;
    crate::harness::openpyxl(script, &xlsx);
    let a = read(&xlsx);
    let total: Decimal = a.entries.iter().map(|(_, e)| e.actual).sum();
    assert_eq!(total, Decimal::from(40 * 1000));
    assert_eq!(a.entries.len(), 3, "{a:#?}");
    let found: Vec<(&str, Option<String>)> = (a.findings.iter())
        .map(|f| (f.code().as_str(), f.cell.map(|c| c.to_string())))
        .collect();
    assert_eq!(
        found,
        [
            ("invalid-actuals-row", Some("D47".to_string())),
            ("repeated-header-row", Some("A18".to_string())),
        ]
    );
    let text = a.findings[0].message(budget_consolidator::lang::Lang::Sv);
    assert!(text.contains("formel"), "{text}");
    let text = a.findings[1].message(budget_consolidator::lang::Lang::Sv);
    assert!(text.starts_with("2 rader"), "{text}");
    assert_eq!(a.rows_read, a.rows_in_entries() + a.rows_in_findings());
}

/// A report saved as a web page by another program: openpyxl writes the workbook,
/// LibreOffice saves it as HTML (its `sdval` numbers beside the shown text), and
/// the page, named `.xls` as reporting systems name their "Excel export", reads
/// as the workbook does: the same entries, the same findings at the same cells.
#[test]
fn a_libreoffice_web_page_named_xls_reads_as_its_workbook() {
    let dir = tempfile::tempdir().expect("tempdir");
    let xlsx = dir.path().join("huvudbok.xlsx");
    let script = r##"
import openpyxl, sys
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Huvudbok"
ws.append(["Huvudbok per projekt 2023"])
ws.append([])
ws.append(["Period", "Konto", "Projekt", "Projektnamn", "Belopp"])
for i in range(1, 31):
    ws.append([202300 + 1 + i % 4, 4010 + 10 * (i % 3), "P%d" % (i % 5), "Växjö ärende", 1234.5 + i / 8])
ws.append([202302, 4010, "P1", None, "3,900"])
ws.append(["Summa", None, None, None, "=SUM(E4:E33)"])
for c in ws["E"]:
    c.number_format = "# ##0"
wb.save(sys.argv[1])
"##;
    crate::harness::openpyxl(script, &xlsx);
    let status = std::process::Command::new("soffice")
        .args(["--headless", "--convert-to", "html", "--outdir"])
        .arg(dir.path())
        .arg(&xlsx)
        .output()
        .expect("soffice must be installed (apt-get install -y libreoffice-calc-nogui)");
    let html = dir.path().join("huvudbok.html");
    assert!(
        html.is_file(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let page = dir.path().join("huvudbok-export.xls");
    std::fs::rename(&html, &page).expect("rename");
    let (book, web) = (read(&xlsx), read(&page));
    assert_eq!(web.form, Some(ledger::Form::Html));
    // Same sums to the öre (the page's shown text is rounded to whole kronor).
    assert_eq!(web.entries, book.entries);
    assert_eq!(book.entries.len(), 30, "{book:#?}");
    let found = |a: &Actuals| -> Vec<(&str, Option<String>)> {
        (a.findings.iter())
            .map(|f| (f.code().as_str(), f.cell.map(|c| c.to_string())))
            .collect()
    };
    // The same bad cell and total row. The total's formula has its value only in
    // the page (openpyxl stores none, LibreOffice calculated it before saving): in
    // the workbook it is a total row without an amount, compared with nothing.
    assert_eq!(found(&web), found(&book));
    let text = book.findings[1].message(budget_consolidator::lang::Lang::Sv);
    assert!(text.contains("har inget belopp"), "{text}");
    assert_eq!(
        book.findings[1].severity,
        budget_consolidator::finding::Severity::Warning
    );
    assert_eq!(
        found(&web),
        [
            ("invalid-actuals-row", Some("E34".to_string())),
            ("actuals-total-row", Some("E35".to_string())),
        ]
    );
}

/// A report of actuals and budget by month as another program writes one: openpyxl
/// writes the figure in a merged cell over its block of months (`Utfall 2023` over
/// `Jan…Mar`, `Budget 2023` over `Jan…Dec`), a `Summa` column per block and a
/// `Summa` row, all formulas without stored values; LibreOffice saves it as `.ods`
/// with the values calculated. Both read as the same figures one row per month
/// give, to the öre, and every row read is in an entry or a finding.
#[test]
fn a_report_by_month_with_the_budget_under_a_header_of_two_rows_from_other_programs() {
    let dir = tempfile::tempdir().expect("tempdir");
    let xlsx = dir.path().join("utfall-budget.xlsx");
    let script = r##"
import openpyxl, sys
from openpyxl.utils import get_column_letter as L
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Utfall och budget"
ws["A1"] = "Utfall och budget per månad"
ws["C3"] = "Utfall 2023"; ws.merge_cells("C3:F3")
ws["G3"] = "Budget 2023"; ws.merge_cells("G3:S3")
months = ["Jan", "Feb", "Mar", "Apr", "Maj", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dec"]
ws.append(["Konto", "Projekt"] + months[:3] + ["Summa"] + months + ["Summa"])
rows = [(6550, "P1", [1000.5, 2000, None], [1500] * 12),
        (6550, "P2", [None, 300.25, 400], [None, 250, 250] + [None] * 9),
        (6540, None, [12, None, None], [None] * 12)]
for r, (account, project, actual, budget) in enumerate(rows, start=5):
    ws.append([account, project] + actual + ["=SUM(C%d:E%d)" % (r, r)] + budget + ["=SUM(G%d:R%d)" % (r, r)])
ws.append(["Summa", None] + ["=SUM(%s5:%s7)" % (L(c), L(c)) for c in range(3, 20)])
wb.save(sys.argv[1])
"##;
    crate::harness::openpyxl(script, &xlsx);
    let out = std::process::Command::new("soffice")
        .args(["--headless", "--convert-to", "ods", "--outdir"])
        .arg(dir.path())
        .arg(&xlsx)
        .output()
        .expect("soffice must be installed (apt-get install -y libreoffice-calc-nogui)");
    let ods = dir.path().join("utfall-budget.ods");
    assert!(ods.is_file(), "{}", String::from_utf8_lossy(&out.stderr));
    let mut long = String::from("Period;Konto;Projekt;Belopp;Budget\n");
    for month in 1..=12 {
        let (p1, p2) = match month {
            1 => ("1000,50", ";"),
            2 => ("2000", "300,25;250"),
            3 => ("0", "400;250"),
            _ => ("0", ""),
        };
        long.push_str(&format!("2023-{month:02};6550;P1;{p1};1500\n"));
        if !p2.is_empty() && p2 != ";" {
            long.push_str(&format!("2023-{month:02};6550;P2;{p2}\n"));
        }
    }
    long.push_str("2023-01;6540;;12;\n");
    let csv = dir.path().join("lång.csv");
    std::fs::write(&csv, long).expect("write");
    let figures = |a: &Actuals| -> Vec<_> {
        (a.entries.iter())
            .map(|(k, e)| {
                (
                    k.clone(),
                    e.actual.normalize(),
                    e.budget.map(|b| b.normalize()),
                )
            })
            .collect()
    };
    let (book, calc, rows) = (read(&xlsx), read(&ods), read(&csv));
    assert!(rows.findings.is_empty(), "{:#?}", rows.findings);
    assert_eq!(figures(&book), figures(&rows));
    assert_eq!(figures(&calc), figures(&rows));
    // The months filled (12 for P1, 2 for P2, 1 for 6540) are the rows read,
    // besides the total row's.
    let total_rows = |a: &Actuals| {
        (a.findings.iter())
            .filter(|f| f.code().as_str() == "actuals-total-row")
            .count()
    };
    assert!(
        book.findings
            .iter()
            .all(|f| f.code().as_str() == "actuals-total-row"),
        "{:#?}",
        book.findings
    );
    assert!(
        calc.findings
            .iter()
            .all(|f| f.code().as_str() == "actuals-total-row"),
        "{:#?}",
        calc.findings
    );
    assert!(total_rows(&book) >= 1 && total_rows(&calc) >= 1);
    assert_eq!(book.rows_read - book.rows_in_findings(), 15);
    assert_eq!(calc.rows_read - calc.rows_in_findings(), 15);
}
