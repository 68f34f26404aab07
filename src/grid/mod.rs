//! Stage 2 of the pipeline: `grid`. The only module that touches calamine.
//!
//! Takes a file's bytes, sniffs the container (zip or compound file, never the
//! extension), guards the zip against declared bombs, opens the workbook with the
//! format's typed opener and streams the two sheets we need into our own sparse
//! [`Grid`]: absolute 0-based positions, values already exact (`Decimal`).
//!
//! It must never build a dense calamine `Range` for xlsx/xlsb (a stray cell in
//! XFD1048576 would allocate hundreds of GB and abort the process), never convert a
//! float through binary arithmetic, and never decide what a value *means*: that is
//! `amount` and `parse`'s job.

use crate::finding::{TooLarge, Unreadable};
use crate::labels;
use crate::location::CellRef;
use calamine::{Data, Reader};
use rust_decimal::Decimal;
use std::collections::HashSet;
use std::io::Cursor;
use std::panic::{AssertUnwindSafe, catch_unwind};

mod cfb;
mod ods;
mod sniff;
mod values;
mod xls;
mod xlsx;

pub use sniff::{is_compound_workbook, sniff};
pub use values::EXCEL_DIGITS;
use values::value;
pub use xlsx::{WrittenCell, read_written_workbook};
use xlsx::{read_xlsb, read_xlsx};

/// A file larger than this on disk, or a zip part declaring more, is `too-large`.
pub const MAX_PART_BYTES: u64 = 256 * 1024 * 1024;
/// A sheet with more non-empty cells than this is `too-large`.
pub const MAX_CELLS: usize = 1_000_000;
/// The same bound for a ledger export's sheet read cell by cell (`.xlsx`, `.xlsb`):
/// Excel's full height of 1 048 576 rows at eight filled columns, a year's
/// transactions exported to Excel (about 60 bytes a cell held, some 0.6 GB at
/// the bound). `.xls` and `.ods` are read whole: see [`MAX_LEDGER_SPAN`].
pub const MAX_LEDGER_CELLS: usize = 8_400_000;
/// The span (rows × columns, empty cells included) a ledger export's `.xls` or
/// `.ods` sheets may have together: calamine holds each sheet as a whole rectangle
/// of values and one of formulas, with our grid beside them — about 200 bytes a
/// cell (a LibreOffice `.ods` of 300 000 rows × 5 columns: 297 MB), so some 0.6 GB
/// at the bound, 600 000 rows of five columns. A template is held to [`MAX_CELLS`].
pub const MAX_LEDGER_SPAN: usize = 3_000_000;

/// The most text an Excel cell holds, in UTF-16 code units (as Excel and
/// rust_xlsxwriter count it).
pub const EXCEL_TEXT_LIMIT: usize = 32_767;

/// `text` cut to [`EXCEL_TEXT_LIMIT`] UTF-16 code units (at a character boundary),
/// or as it is when it fits: every text the tool writes into a workbook fits a cell.
pub fn excel_text(text: &str) -> &str {
    text_within(text, EXCEL_TEXT_LIMIT)
}

/// `text` cut to at most `limit` UTF-16 code units, at a character boundary.
pub fn text_within(text: &str, limit: usize) -> &str {
    // No character takes more UTF-16 units than UTF-8 bytes: a text of at most
    // `limit` bytes fits without counting (nearly every cell read).
    if text.len() <= limit {
        return text;
    }
    let mut units = 0;
    for (i, c) in text.char_indices() {
        units += c.len_utf16();
        if units > limit {
            return &text[..i];
        }
    }
    text
}

/// One cell's value, as read. Numbers are exact decimals.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Empty,
    Number(Decimal),
    /// A number no `Decimal` can hold (beyond ±7.9e28, or not finite), as text.
    HugeNumber(String),
    Text(String),
    Bool(bool),
    /// A date or time, as ISO text.
    Date(String),
    /// A cached error value such as `#REF!`.
    Error(String),
}

impl Value {
    /// The value as a person would read it in the cell, for labels and messages.
    pub fn display(&self) -> String {
        match self {
            Value::Empty => String::new(),
            Value::Number(d) => d.normalize().to_string(),
            Value::HugeNumber(t) | Value::Text(t) | Value::Date(t) | Value::Error(t) => t.clone(),
            Value::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        }
    }

    pub fn is_empty(&self) -> bool {
        match self {
            Value::Empty => true,
            Value::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub at: CellRef,
    pub value: Value,
    /// The cell holds a formula (its `value` is the cached result, possibly `Empty`).
    pub formula: bool,
}

/// A sheet as sparse cells in row-major order, with absolute positions.
#[derive(Debug, Clone, Default)]
pub struct Grid {
    pub name: String,
    /// The sheet is hidden (or very hidden) in the workbook; set only by
    /// [`read_all_sheets`].
    pub hidden: bool,
    cells: Vec<Cell>,
}

static EMPTY: Value = Value::Empty;

impl Grid {
    pub fn from_cells(name: impl Into<String>, mut cells: Vec<Cell>) -> Self {
        cells.sort_by_key(|c| c.at);
        cells.dedup_by_key(|c| c.at);
        Grid {
            name: name.into(),
            hidden: false,
            cells,
        }
    }

    pub fn cell(&self, at: CellRef) -> Option<&Cell> {
        self.cells
            .binary_search_by_key(&at, |c| c.at)
            .ok()
            .map(|i| &self.cells[i])
    }

    pub fn value(&self, at: CellRef) -> &Value {
        self.cell(at).map_or(&EMPTY, |c| &c.value)
    }

    /// Rows that hold at least one cell, in order, each with its cells left to right.
    pub fn rows(&self) -> impl Iterator<Item = (u32, &[Cell])> {
        self.cells
            .chunk_by(|a, b| a.at.row == b.at.row)
            .map(|chunk| (chunk[0].at.row, chunk))
    }

    /// Every cell, in row-major order.
    pub fn cells(&self) -> &[Cell] {
        &self.cells
    }

    pub fn len(&self) -> usize {
        self.cells.len()
    }

    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
    }
}

/// The container format, sniffed from the bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Xlsx,
    Xlsb,
    Xls,
    Ods,
}

/// A workbook reduced to what the consolidator needs.
#[derive(Debug, Default)]
pub struct Book {
    pub sheet_names: Vec<String>,
    pub budget: Option<Grid>,
    pub plan: Option<Grid>,
    /// Required sheets that several of the workbook's sheets match.
    pub ambiguous: Vec<SheetChoice>,
    /// Text cells longer than Excel holds ([`EXCEL_TEXT_LIMIT`]), shortened to it
    /// in the grids: the sheet, the cell and the length read (UTF-16 units).
    pub shortened: Vec<(String, CellRef, usize)>,
    /// Every sheet in workbook order, read only by [`read_all_sheets`] (a ledger
    /// export, whose table may stand on any sheet).
    pub sheets: Vec<Grid>,
    /// The optional version table (`Versioner`), when the file has one.
    pub versions: Option<Grid>,
}

/// Several sheets match one required sheet name (`Budgetfördelning` hidden and
/// `Budgetfördelning ` visible): the only visible one is read; with more than one
/// visible, none is. Copies Excel made of it (`Budgetfördelning (2)`) are never
/// read, but named.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetChoice {
    /// The required sheet's label.
    pub label: &'static str,
    /// The sheet read, when exactly one candidate is visible.
    pub used: Option<String>,
    /// The other candidates (all of them when none was read), in workbook order.
    pub others: Vec<String>,
    /// Worksheets named as copies of the required sheet ([`labels::is_sheet_copy`]),
    /// in workbook order.
    pub copies: Vec<String>,
    /// Worksheets whose name is the required sheet's and more (`Budgetfördelning
    /// 2023`, `Budgetfördelning gammal`), beside the sheet read: never read, but
    /// named, as the figures meant may stand there.
    pub similar: Vec<String>,
}

/// Which sheets a reader streams into the [`Book`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pick {
    /// The template's two sheets, found by label.
    Template,
    /// Every sheet, into `Book::sheets`.
    All,
}

impl Pick {
    /// The span an `.xls` or `.ods` read so may have.
    fn span(self) -> usize {
        match self {
            Pick::Template => MAX_CELLS,
            Pick::All => MAX_LEDGER_SPAN,
        }
    }
}

impl Book {
    /// The two template sheets found among `sheets` (forgivingly, by label; see
    /// [`choose_sheet`]), each read into a grid by `read` (which gets the sheet's
    /// name and a collector).
    fn read_sheets(
        sheets: Vec<calamine::Sheet>,
        pick: Pick,
        mut read: impl FnMut(&str, &mut Collector) -> Result<(), ReadError>,
    ) -> Result<Book, ReadError> {
        let mut book = Book {
            sheet_names: sheets.iter().map(|s| s.name.clone()).collect(),
            ..Book::default()
        };
        if pick == Pick::All {
            for sheet in &sheets {
                let mut out = Collector::new(MAX_LEDGER_CELLS);
                read(&sheet.name, &mut out)?;
                let mut grid = Grid::from_cells(sheet.name.clone(), out.cells);
                grid.hidden = sheet.visible != calamine::SheetVisible::Visible;
                book.sheets.push(grid);
            }
            return Ok(book);
        }
        for (label, slot) in [
            (labels::SHEET_BUDGET, 0),
            (labels::SHEET_PLAN, 1),
            (labels::SHEET_VERSIONS, 2),
        ] {
            let (name, choice) = choose_sheet(&sheets, label);
            book.ambiguous.extend(choice);
            let Some(name) = name else {
                continue;
            };
            let mut out = Collector::new(MAX_CELLS);
            read(&name, &mut out)?;
            book.shortened.extend(
                out.shortened
                    .into_iter()
                    .map(|(at, len)| (name.clone(), at, len)),
            );
            let grid = Grid::from_cells(name, out.cells);
            match slot {
                0 => book.budget = Some(grid),
                1 => book.plan = Some(grid),
                _ => book.versions = Some(grid),
            }
        }
        Ok(book)
    }
}

/// The sheet to read for `label`: the only (work)sheet whose name matches it
/// forgivingly; of several, the only visible one (the others are named in the
/// choice); of several visible ones, none (all named in the choice). Worksheets
/// named as Excel names a copy of it (`Budgetfördelning (2)`) are named in the
/// choice too, beside a sheet of the name itself; they are never read.
fn choose_sheet(
    sheets: &[calamine::Sheet],
    label: &'static str,
) -> (Option<String>, Option<SheetChoice>) {
    let (name, choice) = choose_named(sheets, label);
    let copies: Vec<String> = sheets
        .iter()
        .filter(|s| {
            s.typ == calamine::SheetType::WorkSheet && labels::is_sheet_copy(&s.name, label)
        })
        .map(|s| s.name.clone())
        .collect();
    let similar: Vec<String> = sheets
        .iter()
        .filter(|s| s.typ == calamine::SheetType::WorkSheet && !copies.contains(&s.name))
        .filter(|s| labels::is_sheet_variant(&s.name, label))
        .map(|s| s.name.clone())
        .collect();
    if (copies.is_empty() && similar.is_empty()) || (name.is_none() && choice.is_none()) {
        return (name, choice);
    }
    let choice = match choice {
        Some(choice) => SheetChoice {
            copies,
            similar,
            ..choice
        },
        None => SheetChoice {
            label,
            used: name.clone(),
            others: Vec::new(),
            copies,
            similar,
        },
    };
    (name, Some(choice))
}

/// [`choose_sheet`] among the sheets of the name itself.
fn choose_named(
    sheets: &[calamine::Sheet],
    label: &'static str,
) -> (Option<String>, Option<SheetChoice>) {
    let mut candidates: Vec<&calamine::Sheet> = sheets
        .iter()
        .filter(|s| labels::matches(&s.name, label))
        .collect();
    // A chart or macro sheet of that name cannot hold the table: of worksheets and
    // others, only the worksheets are candidates.
    if candidates
        .iter()
        .any(|s| s.typ == calamine::SheetType::WorkSheet)
    {
        candidates.retain(|s| s.typ == calamine::SheetType::WorkSheet);
    }
    match candidates.as_slice() {
        [] => (None, None),
        [only] => (Some(only.name.clone()), None),
        many => {
            let visible: Vec<&&calamine::Sheet> = many
                .iter()
                .filter(|s| s.visible == calamine::SheetVisible::Visible)
                .collect();
            let names = |keep: &dyn Fn(&calamine::Sheet) -> bool| -> Vec<String> {
                many.iter()
                    .filter(|s| keep(s))
                    .map(|s| s.name.clone())
                    .collect()
            };
            match visible.as_slice() {
                [used] => {
                    let used = used.name.clone();
                    let others = names(&|s| s.name != used);
                    (
                        Some(used.clone()),
                        Some(SheetChoice {
                            label,
                            used: Some(used),
                            others,
                            copies: Vec::new(),
                            similar: Vec::new(),
                        }),
                    )
                }
                _ => (
                    None,
                    Some(SheetChoice {
                        label,
                        used: None,
                        others: names(&|_| true),
                        copies: Vec::new(),
                        similar: Vec::new(),
                    }),
                ),
            }
        }
    }
}

/// Why a file could not be turned into a [`Book`].
#[derive(Debug, Clone, PartialEq)]
pub enum ReadError {
    Unreadable(Unreadable),
    TooLarge(TooLarge),
}

impl From<Unreadable> for ReadError {
    fn from(u: Unreadable) -> Self {
        ReadError::Unreadable(u)
    }
}

impl From<TooLarge> for ReadError {
    fn from(t: TooLarge) -> Self {
        ReadError::TooLarge(t)
    }
}

pub(super) const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
pub(super) const EMPTY_ZIP_MAGIC: &[u8] = b"PK\x05\x06";
/// The first bytes of an OLE compound file: an `.xls`, but also an old Word
/// document, an Outlook message or an encrypted `.xlsx` ([`is_compound_workbook`]).
pub(crate) const CFB_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Reads the two template sheets of a workbook given as bytes.
pub fn read_book(bytes: &[u8]) -> Result<Book, ReadError> {
    read_picked(bytes, Pick::Template)
}

/// Reads every sheet of a workbook given as bytes, in workbook order, with the same
/// guards as [`read_book`] (each sheet at most [`MAX_CELLS`] cells).
pub fn read_all_sheets(bytes: &[u8]) -> Result<Vec<Grid>, ReadError> {
    read_picked(bytes, Pick::All).map(|book| book.sheets)
}

fn read_picked(bytes: &[u8], pick: Pick) -> Result<Book, ReadError> {
    if bytes.is_empty() {
        return Err(Unreadable::Empty.into());
    }
    let format = sniff::sniff_within(bytes, pick.span())?;
    // calamine can panic on damaged input (for example in its .xls parser). That
    // is a damaged file, not a bug of ours: report it as one. What a panic cannot
    // express (a huge allocation, a loop) is refused before calamine sees the bytes.
    catch_unwind(AssertUnwindSafe(|| match format {
        Format::Xlsx => read_xlsx(bytes, pick),
        Format::Xlsb => read_xlsb(bytes, pick),
        Format::Xls => read_eager::<calamine::Xls<_>>(bytes, pick, |_, _| HashSet::new()),
        Format::Ods => read_eager::<calamine::Ods<_>>(bytes, pick, |sheet, wanted| {
            ods::empty_results(bytes, sheet, wanted)
        }),
    }))
    .unwrap_or_else(|panic| {
        let detail = panic
            .downcast_ref::<&str>()
            .map(|s| (*s).to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Err(Unreadable::Corrupt(format!("the reader stopped: {detail}")).into())
    })
}

pub(super) fn open_error(detail: String, password: bool) -> ReadError {
    if password {
        Unreadable::Encrypted.into()
    } else {
        Unreadable::Corrupt(detail).into()
    }
}

pub(super) fn too_many_cells(limit: usize) -> ReadError {
    TooLarge::Cells { limit }.into()
}

/// Streams cells into a grid, counting the non-empty ones against its limit.
pub(super) struct Collector {
    cells: Vec<Cell>,
    counted: usize,
    /// The most non-empty cells: [`MAX_CELLS`], or [`MAX_LEDGER_CELLS`].
    limit: usize,
    /// Text cells cut to [`EXCEL_TEXT_LIMIT`], with the length read.
    shortened: Vec<(CellRef, usize)>,
}

impl Collector {
    fn new(limit: usize) -> Self {
        Collector {
            cells: Vec::new(),
            counted: 0,
            limit,
            shortened: Vec::new(),
        }
    }

    pub(super) fn push(
        &mut self,
        at: CellRef,
        mut value: Value,
        formula: bool,
    ) -> Result<(), ReadError> {
        // Text longer than a cell holds (only another program can write it) is
        // shortened here, so that every copy and message written fits in Excel.
        if let Value::Text(t) = &mut value {
            let cut = excel_text(t).len();
            if cut < t.len() {
                self.shortened.push((at, t.encode_utf16().count()));
                t.truncate(cut);
            }
        }
        let empty = value.is_empty();
        if empty && !formula {
            return Ok(());
        }
        if !empty {
            self.counted += 1;
            if self.counted > self.limit {
                return Err(too_many_cells(self.limit));
            }
        }
        self.cells.push(Cell { at, value, formula });
        Ok(())
    }
}

/// xls and ods: calamine parses every sheet when the file is opened (their formats
/// bound the sheet size), so the ranges already exist; we only copy the non-empty
/// cells out, at absolute positions. Of the formulas calamine gives no value,
/// `empty_results(sheet, cells)` tells those whose result is an empty text: they
/// are read as such, the others as never calculated.
fn read_eager<R>(
    bytes: &[u8],
    pick: Pick,
    empty_results: impl Fn(&str, &HashSet<CellRef>) -> HashSet<CellRef>,
) -> Result<Book, ReadError>
where
    R: Reader<Cursor<Vec<u8>>>,
    R::Error: std::fmt::Display,
{
    let mut wb: R = R::new(Cursor::new(bytes.to_vec())).map_err(|e| {
        let text = e.to_string();
        let password = text.contains("password");
        open_error(text, password)
    })?;
    Book::read_sheets(wb.sheets_metadata().to_vec(), pick, |name, out| {
        let range = wb
            .worksheet_range(name)
            .map_err(|e| Unreadable::Corrupt(format!("{name}: {e}")))?;
        let formulas = wb.worksheet_formula(name).ok();
        let (r0, c0) = range.start().unwrap_or((0, 0));
        for (r, c, v) in range.used_cells() {
            let (row, col) = (r0 + r as u32, c0 + c as u32);
            let formula = formulas
                .as_ref()
                .and_then(|f| f.get_value((row, col)))
                .is_some_and(|f| !f.is_empty());
            out.push(CellRef::new(row, col), value(v), formula)?;
        }
        // A formula whose cached value is empty is absent from the value range.
        if let Some(f) = &formulas {
            let (fr0, fc0) = f.start().unwrap_or((0, 0));
            let valueless: Vec<CellRef> = f
                .used_cells()
                .map(|(r, c, text)| (fr0 + r as u32, fc0 + c as u32, text))
                .filter(|(row, col, text)| {
                    !text.is_empty()
                        && range
                            .get_value((*row, *col))
                            .is_none_or(|v| matches!(v, Data::Empty))
                })
                .map(|(row, col, _)| CellRef::new(row, col))
                .collect();
            let shown_empty = if valueless.is_empty() {
                HashSet::new()
            } else {
                empty_results(name, &valueless.iter().copied().collect())
            };
            for at in valueless {
                let value = if shown_empty.contains(&at) {
                    Value::Text(String::new())
                } else {
                    Value::Empty
                };
                out.push(at, value, true)?;
            }
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests;
