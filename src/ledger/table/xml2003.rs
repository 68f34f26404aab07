//! The Excel 2003 XML form of a ledger table ("XML Spreadsheet 2003", SpreadsheetML):
//! one XML file, often named `.xls` or `.xml`, that older ledger and reporting
//! systems still export and that calamine does not read. Its worksheets become
//! grids that the workbook path reads like any workbook's sheets.
//!
//! Read as a stream with quick-xml (the XML reader calamine uses), by local names,
//! whatever prefix the file gives the namespace: `Worksheet ss:Name`, `Row
//! ss:Index`, `Cell ss:Index` / `ss:MergeAcross` / `ss:Formula`, and `Data ss:Type`
//! (`Number`, `String`, `DateTime`, `Boolean`, `Error`). A number is read exactly as
//! written (`1234.5`, `1.2345E3`). A sheet whose options say `SheetHidden` or
//! `SheetVeryHidden` is hidden. As in Excel, cells beyond row 1 048 576 or column
//! 16 384 are not read.

use crate::grid::{Cell, Grid, Value};
use crate::location::CellRef;
use quick_xml::events::{BytesStart, Event};

/// The rows of a sheet, as in Excel.
const MAX_ROWS: u32 = 1 << 20;

/// Whether the head of a file is an Excel 2003 XML workbook.
pub(crate) fn is_xml2003(head: &[u8]) -> bool {
    let lower = head.to_ascii_lowercase();
    let has = |s: &[u8]| memchr::memmem::find(&lower, s).is_some();
    has(b"urn:schemas-microsoft-com:office:spreadsheet") || has(b"progid=\"excel.sheet\"")
}

/// The attribute `name` (by local name) of a tag, unescaped.
fn attr(tag: &BytesStart<'_>, name: &str) -> Option<String> {
    tag.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .map(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| a.value.clone().into_owned())
        })
}

/// A 1-based `ss:Index`, as a 0-based position.
fn index(tag: &BytesStart<'_>) -> Option<u32> {
    attr(tag, "Index")?
        .trim()
        .parse::<u32>()
        .ok()?
        .checked_sub(1)
}

/// The cell being read.
struct Open {
    at: (u32, u32),
    kind: String,
    text: String,
    formula: bool,
    in_data: bool,
}

/// The workbook read so far.
#[derive(Default)]
struct Book {
    grids: Vec<Grid>,
    /// The worksheet being read: its name, cells and whether it is hidden.
    sheet: Option<(String, Vec<Cell>, bool)>,
    row: u32,
    col: u32,
    row_open: bool,
    cell: Option<Open>,
    in_visible: bool,
}

/// The worksheets of an Excel 2003 XML workbook, in order; `Err` with the XML
/// reader's message when the file is no well-formed XML up to its first sheet.
pub(super) fn sheets(bytes: &[u8]) -> Result<Vec<Grid>, String> {
    // Read as UTF-8 text: quick-xml takes the bytes as UTF-8 whatever the
    // declaration says.
    let text = super::fields::markup_text(bytes);
    let mut xml = quick_xml::Reader::from_str(&text);
    let config = xml.config_mut();
    config.check_end_names = false;
    config.trim_text(false);
    config.expand_empty_elements = true;
    let mut book = Book::default();
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(tag)) => book.start(&tag),
            Ok(Event::Text(t)) => book.text(&t.xml10_content()),
            Ok(Event::GeneralRef(r)) => {
                let resolved = match r.as_ref() {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    _ => r.resolve_char_ref().ok().flatten(),
                };
                book.text(&resolved.map(String::from).unwrap_or_default());
            }
            Ok(Event::End(tag)) => book.end(tag.local_name().as_ref()),
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) if book.grids.is_empty() && book.sheet.is_none() => return Err(e.to_string()),
            // A damaged end: the sheets read so far are kept.
            Err(_) => break,
        }
    }
    // A file cut short: the sheet being read is kept with the cells it has.
    book.end_sheet();
    Ok(book.grids)
}

impl Book {
    fn start(&mut self, tag: &BytesStart<'_>) {
        match tag.local_name().as_ref() {
            "Worksheet" => {
                let name = attr(tag, "Name")
                    .unwrap_or_else(|| crate::labels::unnamed_sheet(self.grids.len() + 1));
                self.sheet = Some((name, Vec::new(), false));
                self.row = 0;
            }
            "Row" => {
                if let Some(i) = index(tag) {
                    self.row = i;
                }
                self.row_open = true;
                self.col = 0;
            }
            "Cell" if self.row_open => {
                if let Some(i) = index(tag) {
                    self.col = i;
                }
                self.cell = Some(Open {
                    at: (self.row, self.col),
                    kind: String::new(),
                    text: String::new(),
                    formula: attr(tag, "Formula").is_some(),
                    in_data: false,
                });
                let across = attr(tag, "MergeAcross").and_then(|v| v.trim().parse().ok());
                self.col = self
                    .col
                    .saturating_add(1)
                    .saturating_add(across.unwrap_or(0));
            }
            "Data" => {
                if let Some(c) = &mut self.cell {
                    c.kind = attr(tag, "Type").unwrap_or_default();
                    c.in_data = true;
                }
            }
            "Visible" => self.in_visible = true,
            _ => {}
        }
    }

    fn text(&mut self, text: &str) {
        match (&mut self.cell, &mut self.sheet) {
            (Some(c), _) if c.in_data => c.text.push_str(text),
            // `SheetHidden`, `SheetVeryHidden`.
            (_, Some((_, _, hidden))) if self.in_visible => {
                *hidden |= text.to_ascii_lowercase().contains("hidden");
            }
            _ => {}
        }
    }

    fn end(&mut self, name: &str) {
        match name {
            "Data" => {
                if let Some(c) = &mut self.cell {
                    c.in_data = false;
                }
            }
            "Cell" => {
                if let (Some(c), Some((_, cells, _))) = (self.cell.take(), &mut self.sheet) {
                    push(cells, c);
                }
            }
            "Row" => {
                self.row_open = false;
                self.row = self.row.saturating_add(1);
            }
            "Visible" => self.in_visible = false,
            "Worksheet" => self.end_sheet(),
            _ => {}
        }
    }

    fn end_sheet(&mut self) {
        if let Some((name, cells, hidden)) = self.sheet.take() {
            let mut grid = Grid::from_cells(name, cells);
            grid.hidden = hidden;
            self.grids.push(grid);
        }
    }
}

/// A read cell into the sheet's cells, when it holds something and lies within
/// Excel's rows and columns.
fn push(cells: &mut Vec<Cell>, c: Open) {
    let (row, col) = c.at;
    if row >= MAX_ROWS || col >= super::EXCEL_COLUMNS {
        return;
    }
    let text = c.text;
    let value = match c.kind.as_str() {
        _ if text.is_empty() => Value::Empty,
        "Number" => {
            super::fields::written_number(text.trim()).map_or(Value::Text(text), Value::Number)
        }
        "DateTime" => Value::Date(text.split('T').next().unwrap_or_default().to_string()),
        "Boolean" => Value::Bool(text.trim() == "1"),
        "Error" => Value::Error(text),
        _ => Value::Text(text),
    };
    if value.is_empty() && !c.formula {
        return;
    }
    cells.push(Cell {
        at: CellRef::new(row, col),
        value,
        formula: c.formula,
    });
}
