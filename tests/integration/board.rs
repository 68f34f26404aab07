//! The consolidated workbook as finance prints it: header and footer on every
//! sheet, `Version` centred, the total frame as its own block with the sign
//! explained, the charts, `Initiativ`'s print setup, `Kontroller`'s description
//! column and `Källor`'s columns. Read back with openpyxl (another program's
//! reader) and, for the charts, from the chart parts themselves.

use crate::harness::{Run, Template, openpyxl};
use std::io::Read;

const FRAMES: &str = "budget_year = 2023\nyears = [2023, 2024, 2025]\ntotal_frame = 30000\n\n[[area]]\nname = \"HR\"\nframe = 14000\n\n[[area]]\nname = \"IT-tjänster\"\nframe = 13000\n";

fn part(book: &std::path::Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(book).expect("book")).expect("zip");
    let mut text = String::new();
    zip.by_name(name)
        .expect(name)
        .read_to_string(&mut text)
        .expect("read");
    text
}

fn run() -> Run {
    let run = Run::new()
        .config(FRAMES)
        .add("HR.xlsx", &Template::new("HR"))
        .add("IT.xlsx", &Template::new("IT-tjänster"));
    let out = run.consolidate(&[]);
    assert_eq!(out.status, 0, "{}", out.stdout);
    run
}

#[test]
fn every_sheet_prints_with_header_date_and_page_of_pages() {
    let run = run();
    let script = r#"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
for ws in wb.worksheets:
    print(ws.title, '|', ws.oddHeader.center.text, '|', ws.oddFooter.left.text, '|', ws.oddFooter.center.text, '|', ws.oddFooter.right.text)
"#;
    assert_eq!(
        openpyxl(script, &run.workbook()),
        "Sammanställning | Göteborgs Stad · Ekonomisk sammanställning utvecklingskostnader 2023 | Utskrivet &D | &A | Sida &P av &N\n\
         Utveckling per år | Göteborgs Stad · Ekonomisk sammanställning utvecklingskostnader 2023 | Utskrivet &D | &A | Sida &P av &N\n\
         Vidmakthållande | Göteborgs Stad · Ekonomisk sammanställning utvecklingskostnader 2023 | Utskrivet &D | &A | Sida &P av &N\n\
         Initiativ | Göteborgs Stad · Ekonomisk sammanställning utvecklingskostnader 2023 | Utskrivet &D | &A | Sida &P av &N\n\
         Kontroller | Göteborgs Stad · Ekonomisk sammanställning utvecklingskostnader 2023 | Utskrivet &D | &A | Sida &P av &N\n\
         Källor | Göteborgs Stad · Ekonomisk sammanställning utvecklingskostnader 2023 | Utskrivet &D | &A | Sida &P av &N\n\
         Inlämningar | Göteborgs Stad · Ekonomisk sammanställning utvecklingskostnader 2023 | Utskrivet &D | &A | Sida &P av &N\n"
    );
}

#[test]
fn the_summary_centres_the_version_and_sets_the_total_frame_apart() {
    let run = run();
    let script = r#"
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])['Sammanställning']
for row in ws.iter_rows(min_row=4):
    cells = [c for c in row[:7] if c.value is not None]
    if cells:
        print(' | '.join(f'{c.coordinate}={c.value}' + ('[c]' if c.alignment.horizontal == 'center' else '') + ('[b]' if c.font.b else '') for c in cells))
"#;
    assert_eq!(
        openpyxl(script, &run.workbook()),
        "A4=Tjänsteområde[b] | B4=Version[c][b] | C4=Nyutveckling[b] | D4=Utveckling inom befintlig tjänst[b] | E4=Summa[b] | F4=Ram[b] | G4=Avvikelse[b]\n\
         A5=HR | B5=2.0[c] | C5=800 | D5=12200 | E5==C5+D5 | F5=14000 | G5==F5-E5\n\
         A6=IT-tjänster | B6=2.0[c] | C6=800 | D6=12200 | E6==C6+D6 | F6=13000 | G6==F6-E6\n\
         A7=Summa[b] | C7==SUM(C5:C6)[b] | D7==SUM(D5:D6)[b] | E7==SUM(E5:E6)[b] | F7==SUM(F5:F6)[b] | G7==SUM(G5:G6)[b]\n\
         A8=Avvikelse = Ram − Summa: positiv = under ramen, negativ = över ramen.\n\
         A10=Totalram och avvikelse[b]\n\
         A11=Totalram | E11=30000\n\
         A12=Summa tjänsteområden | E12==E7\n\
         A13=Avvikelse mot totalram[b] | E13==E11-E12[b]\n\
         A14=Avvikelse = Totalram − Summa: positiv = under ramen, negativ = över ramen.\n"
    );
}

#[test]
fn a_stacked_bar_per_area_and_a_line_per_area_over_the_years() {
    let run = run();
    let book = run.workbook();
    let bars = part(&book, "xl/charts/chart1.xml");
    assert!(
        bars.contains(r#"<c:barDir val="bar"/><c:grouping val="stacked"/>"#),
        "{bars}"
    );
    let series: Vec<&str> = bars.matches("<c:ser>").collect();
    assert_eq!(
        series.len(),
        2,
        "Nyutveckling and Utveckling inom befintlig tjänst"
    );
    for range in [
        "Sammanställning!$C$4",
        "Sammanställning!$D$4",
        "Sammanställning!$A$5:$A$6",
        "Sammanställning!$C$5:$C$6",
        "Sammanställning!$D$5:$D$6",
    ] {
        assert!(bars.contains(range), "{range} in {bars}");
    }
    let lines = part(&book, "xl/charts/chart2.xml");
    assert!(lines.contains("<c:lineChart>"), "{lines}");
    for range in [
        "'Utveckling per år'!$A$4",
        "'Utveckling per år'!$B$4:$D$4",
        "'Utveckling per år'!$A$5",
        "'Utveckling per år'!$B$5:$D$5",
        "'Utveckling per år'!$B$3:$D$3",
    ] {
        assert!(lines.contains(range), "{range} in {lines}");
    }
    assert_eq!(lines.matches("<c:ser>").count(), 2, "one line per area");
    let drawing = part(&book, "xl/worksheets/_rels/sheet1.xml.rels");
    assert!(drawing.contains("drawing"), "{drawing}");
}

#[test]
fn initiativ_kontroller_and_kallor_print_and_read() {
    let run = Run::new()
        .add("HR.xlsx", &Template::new("HR"))
        .add_bytes("trasig.xlsx", b"not a zip");
    assert_eq!(run.consolidate(&["--partial"]).status, 1);
    let script = r#"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb['Initiativ']
print(ws.print_title_rows, ws.print_title_cols, ws.page_setup.orientation, ws.page_setup.fitToWidth, ws.page_setup.fitToHeight)
p = [c for c in ws[1] if c.value == 'Påverkan'][0]
print(p.coordinate, ws.cell(2, p.column).border.left.style, ws.cell(2, p.column).value)
ws = wb['Kontroller']
print([c.value for c in ws[1]])
print([c.value for c in ws[2]][:3])
ws = wb['Källor']
print([c.value for c in ws[1]])
# The file table, up to the empty row above the Körning block.
for row in ws.iter_rows(min_row=2):
    if row[0].value is None:
        break
    print([c.value for c in row][:8], ws.column_dimensions['I'].width)
"#;
    assert_eq!(
        openpyxl(script, &run.workbook()),
        // 16 columns of 11 pt on one A4 page would print at about 6 pt: two wide.
        "$1:$1 $A:$C landscape 2 0\n\
         M1 medium Liten\n\
         ['Allvarlighet', 'Kod', 'Beskrivning', 'Fil', 'Blad', 'Cell', 'Meddelande']\n\
         ['fel', 'unreadable-file', 'Filen kan inte läsas']\n\
         ['Fil', 'Tjänsteområde', 'Version', 'Datum', 'Ansvarig', 'Rader i filen (båda bladen)', 'Status', 'Senaste versionsrad', 'SHA-256']\n\
         ['HR.xlsx', 'HR', '2.0', '2023-03-01', 'Anna Andersson', 4, 'Inkluderad', None] 14.7109375\n\
         ['trasig.xlsx', None, None, None, None, 0, 'Ej med: fel (unreadable-file)', None] 14.7109375\n"
    );
}

#[test]
fn more_areas_than_a_chart_can_show_get_no_chart() {
    let charts = |areas: usize| {
        let run = (1..=areas).fold(Run::new(), |run, i| {
            run.add(
                &format!("Område {i:02}.xlsx"),
                &Template::new(&format!("Område {i:02}")),
            )
        });
        assert_eq!(run.consolidate(&["-q"]).status, 0);
        let zip =
            zip::ZipArchive::new(std::fs::File::open(run.workbook()).expect("book")).expect("zip");
        zip.file_names()
            .filter(|n| n.as_ref().is_ok_and(|n| n.starts_with("xl/charts/")))
            .count()
    };
    assert_eq!(charts(40), 2);
    assert_eq!(charts(41), 0);
}
