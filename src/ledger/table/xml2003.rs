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

/// The worksheets of an Excel 2003 XML workbook, in order; `Err` with the XML
/// reader's message when the file is no well-formed XML up to its first sheet.
pub(super) fn sheets(bytes: &[u8]) -> Result<Vec<Grid>, String> {
    let mut xml = quick_xml::Reader::from_reader(bytes);
    let config = xml.config_mut();
    config.check_end_names = false;
    config.trim_text(false);
    config.expand_empty_elements = true;
    let mut grids: Vec<Grid> = Vec::new();
    let mut cells: Vec<Cell> = Vec::new();
    let mut name: Option<String> = None;
    let (mut row, mut col) = (0u32, 0u32);
    let mut row_open = false;
    let mut cell: Option<Open> = None;
    let mut in_visible = false;
    let mut hidden = false;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let event = match xml.read_event_into(&mut buf) {
            Ok(event) => event,
            Err(e) if grids.is_empty() && name.is_none() => return Err(e.to_string()),
            // A damaged end: the sheets read so far are kept.
            Err(_) => break,
        };
        match event {
            Event::Start(tag) => match tag.local_name().as_ref() {
                "Worksheet" => {
                    name = Some(
                        attr(&tag, "Name")
                            .unwrap_or_else(|| crate::labels::unnamed_sheet(grids.len() + 1)),
                    );
                    cells.clear();
                    hidden = false;
                    row = 0;
                }
                "Row" => {
                    if let Some(i) = index(&tag) {
                        row = i;
                    }
                    row_open = true;
                    col = 0;
                }
                "Cell" if row_open => {
                    if let Some(i) = index(&tag) {
                        col = i;
                    }
                    cell = Some(Open {
                        at: (row, col),
                        kind: String::new(),
                        text: String::new(),
                        formula: attr(&tag, "Formula").is_some(),
                        in_data: false,
                    });
                    let across = attr(&tag, "MergeAcross").and_then(|v| v.trim().parse().ok());
                    col = col.saturating_add(1).saturating_add(across.unwrap_or(0));
                }
                "Data" => {
                    if let Some(c) = &mut cell {
                        c.kind = attr(&tag, "Type").unwrap_or_default();
                        c.in_data = true;
                    }
                }
                "Visible" => in_visible = true,
                _ => {}
            },
            Event::Text(t) => {
                let text = t.xml10_content();
                match &mut cell {
                    Some(c) if c.in_data => c.text.push_str(&text),
                    // `SheetHidden`, `SheetVeryHidden`.
                    _ if in_visible => hidden |= text.to_ascii_lowercase().contains("hidden"),
                    _ => {}
                }
            }
            Event::GeneralRef(r) => {
                if let Some(c) = cell.as_mut().filter(|c| c.in_data) {
                    let resolved = match r.as_ref() {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => r.resolve_char_ref().ok().flatten(),
                    };
                    c.text.extend(resolved);
                }
            }
            Event::End(tag) => match tag.local_name().as_ref() {
                "Data" => {
                    if let Some(c) = &mut cell {
                        c.in_data = false;
                    }
                }
                "Cell" => {
                    if let Some(c) = cell.take() {
                        push(&mut cells, c);
                    }
                }
                "Row" => {
                    row_open = false;
                    row = row.saturating_add(1);
                }
                "Visible" => in_visible = false,
                "Worksheet" => {
                    if let Some(n) = name.take() {
                        let mut grid = Grid::from_cells(n, std::mem::take(&mut cells));
                        grid.hidden = hidden;
                        grids.push(grid);
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    // A file cut short: the sheet being read is kept with the cells it has.
    if let Some(n) = name.take() {
        let mut grid = Grid::from_cells(n, cells);
        grid.hidden = hidden;
        grids.push(grid);
    }
    Ok(grids)
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
