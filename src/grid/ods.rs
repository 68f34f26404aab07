//! A scan of an `.ods` workbook's `content.xml` before calamine parses it.
//!
//! calamine 0.38 parses every sheet of an `.ods` when the file is opened and keeps
//! each as a dense rectangle (`ods.rs`, `get_range`): a row stored once with
//! `table:number-rows-repeated="6000"`, holding one value repeated over 16 000
//! columns, becomes 96 × 10⁶ cells (and as many formula strings): several GB from
//! an 800-byte file. calamine's own cap is 10⁸ cells, far above what a process may
//! allocate; the allocation fails and the process aborts, which no `catch_unwind`
//! can stop.
//!
//! This reads `content.xml` with the XML reader and settings calamine uses and adds
//! up, per sheet, the rectangle calamine would fill: the rows from the first to the
//! last row holding a value (each counted as often as it is repeated) times the
//! widest such row. It refuses the file as `too-large` when the sheets together
//! exceed the bound it is given ([`super::MAX_CELLS`], or [`super::MAX_LEDGER_SPAN`]
//! for a ledger export). Empty rows and cells repeated to the sheet's end, as
//! LibreOffice writes them, hold no value and do not count. It errs on the large
//! side: every cell with a value or a formula counts as filled, and consecutive empty
//! cells before a filled one are added up.
//!
//! It also tells, for formulas calamine gives no value, which of them show an empty
//! text ([`empty_results`]): calamine reads both kinds alike.

use super::ReadError;
use crate::finding::TooLarge;
use crate::location::CellRef;
use quick_xml::events::{BytesStart, Event};
use std::collections::HashSet;
use std::io::{Cursor, Read};

/// Checks an `.ods` (a zip with `content.xml`), opened by the zip check; see the
/// module documentation.
pub(super) fn precheck(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    limit: usize,
) -> Result<(), ReadError> {
    let Ok(content) = zip.by_name("content.xml") else {
        // calamine reports the missing part when it opens the file.
        return Ok(());
    };
    let cells = filled_span(content.take(super::MAX_PART_BYTES));
    if cells > limit as u64 {
        return Err(TooLarge::Span { cells, limit }.into());
    }
    Ok(())
}

/// The cells calamine would hold for all sheets of `content.xml` (an upper bound).
/// A damaged stream is read as far as it goes: calamine reports it.
fn filled_span(content: impl Read) -> u64 {
    let mut xml = super::sniff::calamine_xml(content, 8 * 1024);
    let mut buf = Vec::new();
    let mut total: u64 = 0;
    let mut sheet = Sheet::default();
    let mut row = Row::default();
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => match e.name().as_ref() {
                "table:table" => sheet = Sheet::default(),
                "table:table-row" => {
                    row = Row {
                        repeats: repeated(&e, "table:number-rows-repeated"),
                        ..Row::default()
                    }
                }
                "table:table-cell" | "table:covered-table-cell" => {
                    let repeats = repeated(&e, "table:number-columns-repeated");
                    if has_value(&e) {
                        row.width = row
                            .width
                            .saturating_add(row.pending_empty)
                            .saturating_add(repeats);
                        row.pending_empty = 0;
                    } else {
                        row.pending_empty = row.pending_empty.saturating_add(repeats);
                    }
                }
                _ => {}
            },
            Ok(Event::End(e)) => match e.name().as_ref() {
                "table:table-row" => sheet.row(&row),
                "table:table" => {
                    total = total.saturating_add(sheet.span());
                    sheet = Sheet::default();
                }
                _ => {}
            },
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
    }
    // A sheet cut off by the end of a damaged stream still counts.
    total.saturating_add(sheet.span())
}

/// Of `wanted` (formula cells of `sheet` that calamine gives no value), those whose
/// result is an empty text. LibreOffice writes such a result (`=IF(B6>0;"";100)`) as
/// a formula with no value type and an empty paragraph, `<text:p/>`; a formula never
/// calculated (written by a script) has no paragraph at all. calamine reads both as
/// empty. The repeats walked are those [`precheck`] bounded.
pub(super) fn empty_results(
    bytes: &[u8],
    sheet: &str,
    wanted: &HashSet<CellRef>,
) -> HashSet<CellRef> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return HashSet::new();
    };
    let Ok(content) = zip.by_name("content.xml") else {
        return HashSet::new();
    };
    shown_empty(content.take(super::MAX_PART_BYTES), sheet, wanted)
}

/// [`empty_results`] in `content.xml`.
fn shown_empty(content: impl Read, sheet: &str, wanted: &HashSet<CellRef>) -> HashSet<CellRef> {
    let mut found = HashSet::new();
    let mut xml = super::sniff::calamine_xml(content, 8 * 1024);
    let mut buf = Vec::new();
    let mut in_sheet = false;
    let (mut row, mut row_repeats, mut col) = (0u64, 1u64, 0u64);
    // The formula cell being read (its columns), when it has no value type.
    let mut open: Option<(u64, u64)> = None;
    // A cell's note (`office:annotation`) has paragraphs of its own.
    let mut in_note = false;
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => match e.name().as_ref() {
                "table:table" => {
                    in_sheet = attribute(&e, "table:name").as_deref() == Some(sheet);
                    row = 0;
                }
                "table:table-row" if in_sheet => {
                    row_repeats = repeated(&e, "table:number-rows-repeated");
                    col = 0;
                }
                "table:table-cell" | "table:covered-table-cell" if in_sheet => {
                    let repeats = repeated(&e, "table:number-columns-repeated");
                    let untyped = attribute(&e, "office:value-type").is_none();
                    if untyped && attribute(&e, "table:formula").is_some() {
                        open = Some((col, repeats));
                    }
                    col = col.saturating_add(repeats);
                }
                "office:annotation" => in_note = true,
                "text:p" if !in_note => {
                    if let Some((first, repeats)) = open.take() {
                        for r in row..row.saturating_add(row_repeats) {
                            for c in first..first.saturating_add(repeats) {
                                let (Ok(r), Ok(c)) = (u32::try_from(r), u32::try_from(c)) else {
                                    continue;
                                };
                                let at = CellRef::new(r, c);
                                if wanted.contains(&at) {
                                    found.insert(at);
                                }
                            }
                        }
                    }
                }
                _ => {}
            },
            Ok(Event::End(e)) => match e.name().as_ref() {
                "office:annotation" => in_note = false,
                "table:table-cell" | "table:covered-table-cell" => open = None,
                "table:table-row" if in_sheet => row = row.saturating_add(row_repeats),
                "table:table" if in_sheet => return found,
                _ => {}
            },
            Ok(Event::Eof) | Err(_) => return found,
            Ok(_) => {}
        }
    }
}

/// An attribute's value, unescaped (`None` when absent).
fn attribute(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .map(|a| {
            quick_xml::escape::unescape(&a.value)
                .map_or_else(|_| a.value.to_string(), |v| v.into_owned())
        })
}

#[derive(Default)]
struct Row {
    repeats: u64,
    /// Cells calamine stores for the row: up to its last filled cell.
    width: u64,
    pending_empty: u64,
}

#[derive(Default)]
struct Sheet {
    /// Rows (with their repeats) from the first filled row, through the current one.
    since_first: Option<u64>,
    /// The same count, through the last filled row.
    through_last: u64,
    widest: u64,
}

impl Sheet {
    fn row(&mut self, row: &Row) {
        let filled = row.width > 0;
        if filled && self.since_first.is_none() {
            self.since_first = Some(0);
        }
        if let Some(n) = self.since_first.as_mut() {
            *n = n.saturating_add(row.repeats);
            if filled {
                self.through_last = *n;
                self.widest = self.widest.max(row.width);
            }
        }
    }

    fn span(&self) -> u64 {
        self.through_last.saturating_mul(self.widest)
    }
}

/// A repeat count attribute (1 when absent; the largest digits when malformed).
fn repeated(e: &BytesStart<'_>, name: &str) -> u64 {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .map_or(1, |a| {
            a.value
                .bytes()
                .filter(u8::is_ascii_digit)
                .fold(0u64, |n, b| {
                    n.saturating_mul(10).saturating_add(u64::from(b - b'0'))
                })
        })
}

/// A cell calamine may store a value or a formula for: one with an `office:`
/// value attribute, a value type, or a formula. A cell with only a style is empty.
fn has_value(e: &BytesStart<'_>) -> bool {
    e.attributes().with_checks(false).flatten().any(|a| {
        let key = a.key.as_ref();
        key.starts_with("office:") || key == "table:formula" || key == "calcext:value-type"
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grid::MAX_CELLS;

    fn content(rows: &str) -> String {
        format!(
            r#"<?xml version="1.0"?><office:document-content><office:body><office:spreadsheet><table:table table:name="A">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
        )
    }

    fn span(rows: &str) -> u64 {
        filled_span(content(rows).as_bytes())
    }

    const VALUE: &str = r#"<table:table-cell office:value-type="float" office:value="1"/>"#;

    /// LibreOffice's files, whatever it repeats to the sheets' ends, give exactly
    /// the cells calamine's ranges hold (12 × 4 + 6 × 8 and 14 × 4 + 8 × 8).
    #[test]
    fn real_ods_files_give_calamines_rectangles() {
        for (file, calamine) in [
            ("tests/fixtures/bad/errors.ods", 96),
            ("tests/fixtures/lo-sheet.ods", 120),
        ] {
            let bytes = std::fs::read(file).expect(file);
            let mut zip = zip::ZipArchive::new(Cursor::new(&bytes[..])).expect(file);
            assert_eq!(precheck(&mut zip, MAX_CELLS), Ok(()), "{file}");
            let cells = filled_span(zip.by_name("content.xml").expect(file));
            assert_eq!(cells, calamine, "{file}");
        }
    }

    #[test]
    fn a_repeated_row_counts_as_often_as_it_repeats() {
        let row = r#"<table:table-row table:number-rows-repeated="6000"><table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="16000"/></table:table-row>"#;
        assert_eq!(span(row), 96_000_000);
    }

    #[test]
    fn empty_rows_and_cells_to_the_sheet_end_do_not_count() {
        // As LibreOffice writes a small sheet: two filled rows, then empty cells and
        // rows repeated to the end of the sheet.
        let rows = format!(
            r#"<table:table-row>{VALUE}{VALUE}<table:table-cell table:number-columns-repeated="1022"/></table:table-row><table:table-row table:number-rows-repeated="3"><table:table-cell table:number-columns-repeated="1024"/></table:table-row><table:table-row><table:table-cell/>{VALUE}<table:table-cell table:style-name="ce1" table:number-columns-repeated="1021"/></table:table-row><table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>"#
        );
        // Rows 1 to 5 (two filled, three empty between them), two columns wide.
        assert_eq!(span(&rows), 5 * 2);
    }

    #[test]
    fn leading_empty_rows_and_formulas() {
        let rows = r#"<table:table-row table:number-rows-repeated="100"><table:table-cell/></table:table-row><table:table-row><table:table-cell table:number-columns-repeated="9"/><table:table-cell table:formula="of:=1+1"/></table:table-row>"#;
        assert_eq!(span(rows), 10);
    }

    #[test]
    fn a_formula_showing_an_empty_paragraph_has_an_empty_text_result() {
        // As LibreOffice writes `=IF(B1>0;"";100)` calculated: no value type, an
        // empty paragraph. A formula a script wrote without its value has none; a
        // note's paragraph is not the cell's.
        let shown = r#"<table:table-cell table:formula="of:=IF([.B1]&gt;0;&quot;&quot;;100)"><text:p/></table:table-cell>"#;
        let bare = r#"<table:table-cell table:formula="of:=1+1"/>"#;
        let noted = r#"<table:table-cell table:formula="of:=1+1"><office:annotation><text:p>Obs</text:p></office:annotation></table:table-cell>"#;
        let typed = r#"<table:table-cell table:formula="of:=1+1" office:value-type="float" office:value="2"><text:p>2</text:p></table:table-cell>"#;
        let rows = format!(
            r#"<table:table-row>{VALUE}{shown}{bare}</table:table-row><table:table-row table:number-rows-repeated="2">{noted}<table:table-cell table:number-columns-repeated="2"/>{shown}</table:table-row><table:table-row>{typed}</table:table-row>"#
        );
        let xml = content(&rows).replace(
            r#"<table:table table:name="A">"#,
            r#"<table:table table:name="Tom"/><table:table table:name="A &amp; B">"#,
        );
        let at = |r, c| CellRef::new(r, c);
        let wanted: HashSet<CellRef> = [at(0, 1), at(0, 2), at(1, 0), at(1, 3), at(2, 3), at(3, 0)]
            .into_iter()
            .collect();
        let found = shown_empty(xml.as_bytes(), "A & B", &wanted);
        let expected: HashSet<CellRef> = [at(0, 1), at(1, 3), at(2, 3)].into_iter().collect();
        assert_eq!(found, expected);
        assert!(shown_empty(xml.as_bytes(), "Tom", &wanted).is_empty());
    }

    #[test]
    fn sheets_add_up_and_a_cut_off_sheet_counts() {
        let two = format!(
            r#"<table:table><table:table-row>{VALUE}</table:table-row></table:table><table:table><table:table-row table:number-rows-repeated="7">{VALUE}{VALUE}</table:table-row></table:table>"#
        );
        assert_eq!(filled_span(two.as_bytes()), 1 + 14);
        let cut = format!(
            r#"<table:table><table:table-row table:number-rows-repeated="5">{VALUE}</table:table-row>"#
        );
        assert_eq!(filled_span(cut.as_bytes()), 5);
    }
}
