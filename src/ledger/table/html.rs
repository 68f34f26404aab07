//! The HTML form of a ledger table: a web page saved with an `.xls` name, as many
//! ledger and reporting systems write their "Excel export". Its tables become grids
//! (one per `<table>`, named `Tabell 1`, `Tabell 2`…, rows and columns counted from
//! the table's first cell) that the workbook path reads like sheets.
//!
//! Parsed with `scraper` (html5ever's HTML parser, which mends what browsers mend:
//! cells and rows left open, stray tags). A cell's value is its text with the
//! whitespace collapsed as a browser shows it (`&nbsp;` stays a no-break space, which
//! the amount reader takes as a digit group separator); Excel's and LibreOffice's
//! HTML give a number's exact value beside its shown text (`x:num`, `sdval`), which
//! is used when it is a number.
//! `colspan` and `rowspan` move the cells after them as Excel places them.

use crate::grid::{Cell, Grid, Value};
use crate::location::CellRef;
use scraper::{ElementRef, Html, Node};
use std::borrow::Cow;

/// Spans beyond these are taken as these, as browsers do (the HTML standard's
/// limits).
const MAX_COLSPAN: u32 = 1000;
const MAX_ROWSPAN: u32 = 65_534;

/// The page's characters: by its byte order mark, else the charset it declares in
/// its head, else UTF-8 when it is valid UTF-8, else Windows-1252.
fn decode(bytes: &[u8]) -> Cow<'_, str> {
    if let Some((encoding, _)) = encoding_rs::Encoding::for_bom(bytes) {
        return encoding.decode_with_bom_removal(bytes).0;
    }
    let head = &bytes[..bytes.len().min(4096)];
    let declared = declared_charset(head).and_then(encoding_rs::Encoding::for_label);
    match (declared, std::str::from_utf8(bytes)) {
        (Some(encoding), _) if encoding != encoding_rs::UTF_8 => {
            encoding.decode_without_bom_handling(bytes).0
        }
        (_, Ok(text)) => Cow::Borrowed(text),
        (_, Err(_)) => {
            encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(bytes)
                .0
        }
    }
}

/// The label after `charset=` in the page's head (`<meta charset="utf-8">` or
/// `content="text/html; charset=windows-1252"`).
fn declared_charset(head: &[u8]) -> Option<&[u8]> {
    let lower = head.to_ascii_lowercase();
    let at = memchr::memmem::find(&lower, b"charset=")? + b"charset=".len();
    let rest = &head[at..];
    let rest = rest
        .strip_prefix(b"\"")
        .or(rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let end = rest
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.')))
        .unwrap_or(rest.len());
    (end > 0).then(|| &rest[..end])
}

/// The page's tables as grids, in the order they stand; tables without a filled
/// cell are left out (layout tables of an error page).
pub(super) fn tables(bytes: &[u8]) -> Vec<Grid> {
    let page = Html::parse_document(&decode(bytes));
    // One pass over the page: each row goes to its nearest table (a row of a table
    // nested in a cell is that table's), tables numbered in the order they open.
    let mut number = std::collections::HashMap::new();
    let mut rows: Vec<Vec<ElementRef<'_>>> = Vec::new();
    for element in page
        .root_element()
        .descendants()
        .filter_map(ElementRef::wrap)
    {
        match element.value().name() {
            "table" => {
                number.insert(element.id(), rows.len());
                rows.push(Vec::new());
            }
            "tr" => {
                // The parser places a row in its table's body, head or foot: the
                // nearest table is a few steps up.
                let table = (element.ancestors().filter_map(ElementRef::wrap))
                    .find(|a| a.value().name() == "table");
                let at = table.and_then(|t| number.get(&t.id()).copied());
                if let Some(at) = at {
                    rows[at].push(element);
                }
            }
            _ => {}
        }
    }
    let mut grids = Vec::new();
    for table_rows in rows {
        let cells = table_cells(&table_rows);
        if !cells.is_empty() {
            let name = format!("Tabell {}", grids.len() + 1);
            grids.push(Grid::from_cells(name, cells));
        }
    }
    grids
}

/// The filled cells of one table's rows, placed as Excel places them: a cell
/// after a spanned one moves right. A `rowspan` cell's value stands in each row it
/// spans (a grouped report writes a month or an account once for its rows); a
/// `colspan` cell's only in its first column. As in Excel, a table has at most
/// [`EXCEL_COLUMNS`](super::EXCEL_COLUMNS) columns: cells beyond them are not read.
fn table_cells(rows: &[ElementRef<'_>]) -> Vec<Cell> {
    let mut cells = Vec::new();
    // For each column: how many rows from this one on a cell above covers, and the
    // value it repeats in them.
    let mut covered: Vec<(u32, Option<Value>)> = Vec::new();
    for (row, tr) in (0u32..).zip(rows) {
        let mut col = 0u32;
        for cell in tr.children().filter_map(ElementRef::wrap) {
            if !matches!(cell.value().name(), "td" | "th") {
                continue;
            }
            col = past_covered(row, col, &covered, &mut cells);
            if col >= super::EXCEL_COLUMNS {
                break;
            }
            let span = |name: &str, max: u32| {
                (cell.value().attr(name))
                    .and_then(|v| v.trim().parse::<u32>().ok())
                    .map_or(1, |n| n.clamp(1, max))
            };
            let cols = span("colspan", MAX_COLSPAN).min(super::EXCEL_COLUMNS - col);
            let rows = span("rowspan", MAX_ROWSPAN);
            let value = cell_value(cell);
            let end = (col + cols) as usize;
            if covered.len() < end {
                covered.resize(end, (0, None));
            }
            for (i, c) in covered[col as usize..end].iter_mut().enumerate() {
                *c = (rows, value.clone().filter(|_| i == 0 && rows > 1));
            }
            if let Some(value) = value {
                cells.push(Cell {
                    at: CellRef::new(row, col),
                    value,
                    formula: false,
                });
            }
            col += cols;
        }
        // The columns after the row's last cell that a cell above covers.
        while (col as usize) < covered.len() {
            col = past_covered(row, col, &covered, &mut cells).max(col + 1);
        }
        for c in &mut covered {
            c.0 = c.0.saturating_sub(1);
            if c.0 == 0 {
                c.1 = None;
            }
        }
    }
    cells
}

/// The first column from `col` on that no cell above covers in `row`; the values
/// the covering cells repeat are placed on the way.
fn past_covered(
    row: u32,
    mut col: u32,
    covered: &[(u32, Option<Value>)],
    cells: &mut Vec<Cell>,
) -> u32 {
    while let Some((_, value)) = covered.get(col as usize).filter(|(rows, _)| *rows > 0) {
        if let Some(value) = value {
            cells.push(Cell {
                at: CellRef::new(row, col),
                value: value.clone(),
                formula: false,
            });
        }
        col += 1;
    }
    col
}

/// A cell's value: the exact number Excel (`x:num`) or LibreOffice (`sdval`) gives
/// beside the text it shows, when there is one; else the text as shown; `None` for
/// an empty cell.
fn cell_value(cell: ElementRef<'_>) -> Option<Value> {
    let exact = (cell.value().attrs())
        .find(|(name, _)| name.eq_ignore_ascii_case("x:num") || name.eq_ignore_ascii_case("sdval"))
        .and_then(|(_, v)| super::fields::written_number(v.trim()));
    if let Some(number) = exact {
        return Some(Value::Number(number));
    }
    let text = shown_text(cell);
    (!text.is_empty()).then_some(Value::Text(text))
}

/// The text of a cell as a browser shows it: text pieces joined, a line break or a
/// block between them as a space, runs of spaces, tabs and line ends as one space,
/// trimmed. A nested table's text is that table's; scripts and styles are no text.
fn shown_text(cell: ElementRef<'_>) -> String {
    let mut raw = String::new();
    // Depth first, not into a nested table, a script or a style: each node of the
    // page is visited for one cell at most.
    let mut stack: Vec<_> = cell.children().collect();
    stack.reverse();
    while let Some(node) = stack.pop() {
        match node.value() {
            Node::Text(t) => raw.push_str(t),
            Node::Element(e) if matches!(e.name(), "table" | "script" | "style") => {}
            Node::Element(e) => {
                if matches!(e.name(), "br" | "p" | "div" | "li") {
                    raw.push(' ');
                }
                let at = stack.len();
                stack.extend(node.children());
                stack[at..].reverse();
            }
            _ => {}
        }
    }
    let mut text = String::with_capacity(raw.len());
    for word in raw.split([' ', '\t', '\n', '\r', '\x0C']) {
        if word.is_empty() {
            continue;
        }
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(word);
    }
    text
}
