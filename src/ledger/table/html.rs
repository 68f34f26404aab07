//! The HTML form of a ledger table: a web page saved with an `.xls` name, as many
//! ledger and reporting systems write their "Excel export". Its tables become grids
//! (one per `<table>`, named `Tabell 1`, `Tabell 2`…, rows and columns counted from
//! the table's first cell) that the workbook path reads like sheets.
//!
//! Read as a stream of tags with html5ever's tokenizer (the HTML standard's, as
//! browsers read tags, attributes, entities, comments and scripts), with no document
//! tree: the cells go straight into the grids, so memory is the cells' (a tree of the
//! page would take about forty times the file). A table's structure is mended as a
//! browser mends it where exports leave it open: a cell or row ends at the next one
//! or at the table's end, a cell outside a row starts one, and a table nested in a
//! cell has its own rows. A cell's value is its text with the whitespace collapsed
//! as a browser shows it (`&nbsp;` stays a no-break space, which the amount reader
//! takes as a digit group separator); Excel's and LibreOffice's HTML give a number's
//! exact value beside its shown text (`x:num`, `sdval`), which is used when it is a
//! number. `colspan` and `rowspan` move the cells after them as Excel places them.

use crate::grid::{Cell, Grid, Value};
use crate::location::CellRef;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use std::cell::RefCell;

/// Spans beyond these are taken as these, as browsers do (the HTML standard's
/// limits).
const MAX_COLSPAN: u32 = 1000;
const MAX_ROWSPAN: u32 = 65_534;
/// The steps a table may spend on its spans (columns skipped or repeated into, over
/// all its rows) beyond [`SPAN_STEPS_PER_CELL`] per cell of its own: a grouped
/// report spends a few per row; a page built to make spans cost more than its cells
/// (thousands of spans over thousands of empty rows) loses its spans instead of
/// taking time and memory in proportion to their product.
const SPAN_STEPS: u64 = 1_000_000;
const SPAN_STEPS_PER_CELL: u64 = 16;

/// The page's tables as grids, in the order they open; tables without a filled
/// cell are left out (layout tables of an error page).
pub(super) fn tables(bytes: &[u8]) -> Vec<Grid> {
    let text = super::fields::markup_text(bytes);
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(&text));
    drop(text);
    let tokenizer = Tokenizer::new(Page::default(), TokenizerOpts::default());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    let mut state = tokenizer.sink.0.into_inner();
    while !state.open.is_empty() {
        state.close_table();
    }
    state.done.sort_by_key(|(number, _)| *number);
    (state.done.into_iter().enumerate())
        .map(|(i, (_, cells))| Grid::from_cells(crate::labels::page_table(i + 1), cells))
        .collect()
}

/// The tokenizer's sink: the tables read so far.
#[derive(Default)]
struct Page(RefCell<Tables>);

#[derive(Default)]
struct Tables {
    /// The tables open, innermost last.
    open: Vec<Table>,
    /// The tables closed with a filled cell: the order they opened in, and cells.
    done: Vec<(usize, Vec<Cell>)>,
    opened: usize,
    /// Inside a script, a style or a title: no cell text.
    raw: Option<&'static str>,
}

/// A table being read.
#[derive(Default)]
struct Table {
    number: usize,
    cells: Vec<Cell>,
    /// For each column: how many rows from this one on a cell above covers, and
    /// the value it repeats in them.
    covered: Vec<(u32, Option<Value>)>,
    /// The row being read, and the next row's number.
    row: Option<u32>,
    next_row: u32,
    col: u32,
    cell: Option<OpenCell>,
    /// Cells of its own read, and steps spent on spans (see [`SPAN_STEPS`]).
    own: u64,
    steps: u64,
    /// The span budget was spent: no more spans are kept.
    spans_off: bool,
}

/// A cell being read.
struct OpenCell {
    col: u32,
    rows: u32,
    exact: Option<rust_decimal::Decimal>,
    text: String,
    /// Beyond Excel's last column: read past, not kept.
    beyond: bool,
}

impl TokenSink for Page {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut t = self.0.borrow_mut();
        match token {
            Token::TagToken(tag) => return t.tag(&tag),
            Token::CharacterTokens(text) => t.text(&text),
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

impl Tables {
    fn tag(&mut self, tag: &Tag) -> TokenSinkResult<()> {
        let name: &str = &tag.name;
        if let Some(raw) = self.raw {
            if tag.kind == TagKind::EndTag && name == raw {
                self.raw = None;
            }
            return TokenSinkResult::Continue;
        }
        match (tag.kind, name) {
            (TagKind::StartTag, "script" | "style" | "title" | "textarea") => {
                self.raw = Some(match name {
                    "script" => "script",
                    "style" => "style",
                    "title" => "title",
                    _ => "textarea",
                });
                let kind = match name {
                    "script" => RawKind::ScriptData,
                    "style" => RawKind::Rawtext,
                    _ => RawKind::Rcdata,
                };
                return TokenSinkResult::RawData(kind);
            }
            (TagKind::StartTag, "table") => {
                self.opened += 1;
                self.open.push(Table {
                    number: self.opened,
                    ..Table::default()
                });
            }
            (TagKind::EndTag, "table") => self.close_table(),
            (TagKind::StartTag, "tr") => {
                if let Some(table) = self.open.last_mut() {
                    table.end_row();
                    table.start_row();
                }
            }
            (TagKind::EndTag, "tr") => {
                if let Some(table) = self.open.last_mut() {
                    table.end_row();
                }
            }
            (TagKind::StartTag, "td" | "th") => {
                if let Some(table) = self.open.last_mut() {
                    table.start_cell(tag);
                }
            }
            (TagKind::EndTag, "td" | "th") => {
                if let Some(table) = self.open.last_mut() {
                    table.close_cell();
                }
            }
            // A line break or a block between pieces of a cell's text: a space.
            (_, "br" | "p" | "div" | "li") => self.text(" "),
            _ => {}
        }
        TokenSinkResult::Continue
    }

    fn text(&mut self, text: &str) {
        if self.raw.is_some() {
            return;
        }
        if let Some(cell) = self.open.last_mut().and_then(|t| t.cell.as_mut()) {
            cell.text.push_str(text);
        }
    }

    fn close_table(&mut self) {
        if let Some(mut table) = self.open.pop() {
            table.end_row();
            if !table.cells.is_empty() {
                self.done.push((table.number, table.cells));
            }
        }
    }
}

impl Table {
    fn start_row(&mut self) {
        self.row = Some(self.next_row);
        self.next_row += 1;
        self.col = 0;
    }

    /// Ends the row being read: its open cell closed, the values of the cells
    /// above that cover its columns after its last cell placed, one row less to
    /// cover for each.
    fn end_row(&mut self) {
        self.close_cell();
        let Some(row) = self.row.take() else {
            return;
        };
        while (self.col as usize) < self.covered.len() {
            self.col = self.past_covered(row).max(self.col + 1);
        }
        self.steps += self.covered.len() as u64;
        for c in &mut self.covered {
            c.0 = c.0.saturating_sub(1);
            if c.0 == 0 {
                c.1 = None;
            }
        }
        // Only as wide as the spans still open: a wide title above costs no row below.
        while self.covered.last().is_some_and(|c| c.0 == 0) {
            self.covered.pop();
        }
        if self.steps > SPAN_STEPS + SPAN_STEPS_PER_CELL * self.own {
            self.spans_off = true;
            self.covered.clear();
        }
    }

    /// The first column from the current one on that no cell above covers in
    /// `row`; the values the covering cells repeat are placed on the way.
    fn past_covered(&mut self, row: u32) -> u32 {
        let mut col = self.col;
        while let Some((_, value)) = (self.covered.get(col as usize)).filter(|(rows, _)| *rows > 0)
        {
            if let Some(value) = value {
                self.cells.push(Cell {
                    at: CellRef::new(row, col),
                    value: value.clone(),
                    formula: false,
                });
            }
            self.steps += 1;
            col += 1;
        }
        col
    }

    fn start_cell(&mut self, tag: &Tag) {
        self.close_cell();
        if self.row.is_none() {
            self.start_row();
        }
        let row = self.row.unwrap_or_default();
        self.col = self.past_covered(row);
        let attr = |name: &str| {
            (tag.attrs.iter())
                .find(|a| (*a.name.local).eq_ignore_ascii_case(name))
                .map(|a| a.value.trim())
        };
        let span = |name: &str, max: u32| {
            attr(name)
                .and_then(|v| v.parse::<u32>().ok())
                .map_or(1, |n| n.clamp(1, max))
        };
        let beyond = self.col >= super::EXCEL_COLUMNS;
        let cols = span("colspan", MAX_COLSPAN).min(super::EXCEL_COLUMNS.saturating_sub(self.col));
        let rows = span("rowspan", MAX_ROWSPAN);
        let exact =
            (attr("x:num").or_else(|| attr("sdval"))).and_then(super::fields::written_number);
        if !beyond && !self.spans_off {
            let end = (self.col + cols) as usize;
            if self.covered.len() < end {
                self.covered.resize(end, (0, None));
            }
            for c in &mut self.covered[self.col as usize..end] {
                *c = (rows, None);
            }
        }
        self.cell = Some(OpenCell {
            col: self.col,
            rows,
            exact,
            text: String::new(),
            beyond,
        });
        self.col += cols.max(1);
    }

    /// Closes the open cell: its value placed, and repeated in the rows it spans.
    fn close_cell(&mut self) {
        let Some(cell) = self.cell.take() else {
            return;
        };
        if cell.beyond {
            return;
        }
        let value = match cell.exact {
            Some(number) => Some(Value::Number(number)),
            None => Some(shown_text(&cell.text))
                .filter(|t| !t.is_empty())
                .map(Value::Text),
        };
        let Some(value) = value else {
            return;
        };
        self.own += 1;
        if cell.rows > 1
            && let Some(c) = self.covered.get_mut(cell.col as usize)
        {
            c.1 = Some(value.clone());
        }
        self.cells.push(Cell {
            at: CellRef::new(self.row.unwrap_or_default(), cell.col),
            value,
            formula: false,
        });
    }
}

/// A cell's text as a browser shows it: runs of spaces, tabs and line ends as one
/// space, trimmed.
fn shown_text(raw: &str) -> String {
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
