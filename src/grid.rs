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
use calamine::{Data, DataRef, Reader};
use rust_decimal::Decimal;
use std::io::{Cursor, Read};
use std::panic::{AssertUnwindSafe, catch_unwind};

mod cfb;
mod ods;
mod xls;

/// A file larger than this on disk, or a zip part declaring more, is `too-large`.
pub const MAX_PART_BYTES: u64 = 256 * 1024 * 1024;
/// A sheet with more non-empty cells than this is `too-large`.
pub const MAX_CELLS: usize = 1_000_000;

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
    cells: Vec<Cell>,
}

static EMPTY: Value = Value::Empty;

impl Grid {
    pub fn from_cells(name: impl Into<String>, mut cells: Vec<Cell>) -> Self {
        cells.sort_by_key(|c| c.at);
        cells.dedup_by_key(|c| c.at);
        Grid {
            name: name.into(),
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
/// visible, none is.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetChoice {
    /// The required sheet's label.
    pub label: &'static str,
    /// The sheet read, when exactly one candidate is visible.
    pub used: Option<String>,
    /// The other candidates (all of them when none was read), in workbook order.
    pub others: Vec<String>,
}

/// Which sheets a reader streams into the [`Book`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pick {
    /// The template's two sheets, found by label.
    Template,
    /// Every sheet, into `Book::sheets`.
    All,
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
            for name in book.sheet_names.clone() {
                let mut out = Collector::default();
                read(&name, &mut out)?;
                book.sheets.push(Grid::from_cells(name, out.cells));
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
            let mut out = Collector::default();
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
/// choice); of several visible ones, none (all named in the choice).
fn choose_sheet(
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
                        }),
                    )
                }
                _ => (
                    None,
                    Some(SheetChoice {
                        label,
                        used: None,
                        others: names(&|_| true),
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

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const EMPTY_ZIP_MAGIC: &[u8] = b"PK\x05\x06";
const CFB_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

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
    let format = sniff(bytes)?;
    // calamine can panic on damaged input (for example in its .xls parser). That
    // is a damaged file, not a bug of ours: report it as one. What a panic cannot
    // express (a huge allocation, a loop) is refused before calamine sees the bytes.
    catch_unwind(AssertUnwindSafe(|| match format {
        Format::Xlsx => read_xlsx(bytes, pick),
        Format::Xlsb => read_xlsb(bytes, pick),
        Format::Xls => read_eager::<calamine::Xls<_>>(bytes, pick),
        Format::Ods => read_eager::<calamine::Ods<_>>(bytes, pick),
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

/// Decides the format from the bytes, and checks a zip's declared sizes before any
/// reader sees it.
pub fn sniff(bytes: &[u8]) -> Result<Format, ReadError> {
    if bytes.starts_with(ZIP_MAGIC) || bytes.starts_with(EMPTY_ZIP_MAGIC) {
        return precheck_zip(bytes);
    }
    if bytes.starts_with(CFB_MAGIC) {
        // An encrypted xlsx is a compound file holding an `EncryptedPackage` stream;
        // directory entries store their names in UTF-16LE.
        if has_utf16(bytes, "EncryptedPackage") {
            return Err(Unreadable::Encrypted.into());
        }
        let stream = cfb::precheck(bytes)
            .map_err(|why| Unreadable::Corrupt(format!("compound file: {why}")))?;
        match stream {
            Some(stream) => xls::precheck(&stream)?,
            // No workbook stream: maybe an old Word or PowerPoint file (`.doc`,
            // `.ppt`, the same container) renamed.
            None if has_utf16(bytes, "WordDocument") => {
                return Err(Unreadable::WordDocument.into());
            }
            None if has_utf16(bytes, "PowerPoint Document") => {
                return Err(Unreadable::PowerPointDocument.into());
            }
            None => {}
        }
        return Ok(Format::Xls);
    }
    Err(Unreadable::NotSpreadsheet.into())
}

/// The first name that two entries of a zip's central directory share, read from
/// the end-of-central-directory record (`None` for a zip64 directory or damage).
fn duplicate_entry_name(bytes: &[u8]) -> Option<String> {
    let u16_at = |i: usize| -> Option<usize> {
        Some(usize::from(u16::from_le_bytes(
            bytes.get(i..i + 2)?.try_into().ok()?,
        )))
    };
    let u32_at = |i: usize| -> Option<usize> {
        Some(u32::from_le_bytes(bytes.get(i..i + 4)?.try_into().ok()?) as usize)
    };
    let eocd = bytes.windows(4).rposition(|w| w == EMPTY_ZIP_MAGIC)?;
    let (count, mut at) = (u16_at(eocd + 10)?, u32_at(eocd + 16)?);
    let mut seen = std::collections::HashSet::new();
    for _ in 0..count {
        if bytes.get(at..at + 4)? != b"PK\x01\x02" {
            return None;
        }
        let (name_len, extra, comment) = (u16_at(at + 28)?, u16_at(at + 30)?, u16_at(at + 32)?);
        let name = String::from_utf8_lossy(bytes.get(at + 46..at + 46 + name_len)?).into_owned();
        if !seen.insert(name.clone()) {
            return Some(name);
        }
        at += 46 + name_len + extra + comment;
    }
    None
}

/// A zip part's name as calamine looks it up: `\` read as `/`, any case.
fn part_key(name: &str) -> String {
    name.replace('\\', "/").to_ascii_lowercase()
}

/// True when `name` stands in `bytes` in UTF-16LE, as a compound file's directory
/// entries store stream names.
fn has_utf16(bytes: &[u8], name: &str) -> bool {
    let marker: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
    bytes.windows(marker.len()).any(|w| w == marker.as_slice())
}

fn precheck_zip(bytes: &[u8]) -> Result<Format, ReadError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| Unreadable::Corrupt(format!("zip: {e}")))?;
    // The zip reader keeps one of two entries with the same name (the last).
    if zip.has_duplicate_names() {
        let name = duplicate_entry_name(bytes).unwrap_or_default();
        return Err(Unreadable::DuplicatePart(name).into());
    }
    let mut format = None;
    let mut shared_strings = Vec::new();
    let mut seen = std::collections::HashSet::with_capacity(zip.len());
    let mut document = None;
    for i in 0..zip.len() {
        let part = zip
            .by_index_raw(i)
            .map_err(|e| Unreadable::Corrupt(format!("zip: {e}")))?;
        let name = part.name().map(|n| n.to_string()).unwrap_or_default();
        if part.size() > MAX_PART_BYTES {
            return Err(TooLarge::ZipPart {
                part: name,
                bytes: part.size(),
            }
            .into());
        }
        // calamine finds a part by its name with `\` read as `/` and in any case
        // (and the zip reader by its exact name): two entries that one lookup
        // could mean leave undefined which one is read.
        let key = part_key(&name);
        if !seen.insert(key.clone()) {
            return Err(Unreadable::DuplicatePart(name).into());
        }
        // The workbook part stands where the package's relationships say: usually
        // `xl/`, but any folder (or none) is valid, and calamine follows them.
        let file = key.rsplit('/').next().unwrap_or_default();
        match (key.as_str(), file) {
            ("mimetype", _) => format = Some(Format::Ods),
            (_, "workbook.bin") => format = format.or(Some(Format::Xlsb)),
            (_, "workbook.xml") => format = format.or(Some(Format::Xlsx)),
            ("word/document.xml", _) => document = Some(Unreadable::WordDocument),
            ("ppt/presentation.xml", _) => document = Some(Unreadable::PowerPointDocument),
            _ => {}
        }
        // calamine finds `<dir>sharedStrings.xml` (the workbook's folder, from
        // `_rels/.rels`) ignoring case and `\` versus `/`: check every such part.
        if key.ends_with("sharedstrings.xml") {
            shared_strings.push(i);
        }
    }
    for i in shared_strings {
        let corrupt = |e: zip::result::ZipError| Unreadable::Corrupt(format!("zip: {e}"));
        let part = zip.by_index(i).map_err(corrupt)?;
        let size = part.size();
        // Usually the first `sst` tag stands in the first few hundred bytes; only
        // when it is not found near the start is the whole part scanned.
        let declared = match first_sst_unique_count(part.take(SST_HEAD_BYTES)) {
            Some(count) => count,
            None => declared_unique_count(zip.by_index(i).map_err(corrupt)?.take(MAX_PART_BYTES)),
        };
        // Each shared string takes at least `<si><t/></si>` (12 bytes); a count the
        // part cannot hold would make calamine reserve it up front and abort.
        if declared > size / 12 + 1024 {
            return Err(TooLarge::SharedStrings { declared }.into());
        }
    }
    let format = format.ok_or_else(|| {
        document
            .unwrap_or_else(|| Unreadable::Corrupt("zip archive without a workbook inside".into()))
    })?;
    if format == Format::Ods {
        // calamine expands an .ods's repeated rows into whole rectangles when it
        // opens the file: measure them first.
        ods::precheck(&mut zip)?;
    }
    Ok(format)
}

/// How much of a shared-string part is read for its first `sst` tag.
const SST_HEAD_BYTES: u64 = 64 * 1024;

/// The `uniqueCount` calamine reserves room for: the one in the first `sst` start
/// tag, found with the XML reader and the settings calamine reads the part with
/// (so a tag inside a comment or CDATA is skipped exactly as calamine skips it).
/// `None` when that tag is not found in `head` (not there, cut off, or damaged):
/// the caller then scans the whole part with [`declared_unique_count`].
fn first_sst_unique_count(head: impl Read) -> Option<u64> {
    use quick_xml::events::Event;
    let mut xml = calamine_xml(head, 1024);
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(tag)) if tag.local_name().as_ref() == "sst" => {
                // The largest count in the tag's attributes: an upper bound of what
                // calamine parses from its `uniqueCount`.
                return Some(declared_unique_count(tag.attributes_raw().as_bytes()));
            }
            Ok(Event::Eof) | Err(_) => return None,
            Ok(_) => {}
        }
    }
}

/// An XML reader over `source` (buffered by `buffer` bytes) with the settings calamine
/// reads a part with, so that a check sees the events calamine will see.
fn calamine_xml<R: Read>(source: R, buffer: usize) -> quick_xml::Reader<std::io::BufReader<R>> {
    let mut xml = quick_xml::Reader::from_reader(std::io::BufReader::with_capacity(buffer, source));
    let config = xml.config_mut();
    config.check_end_names = false;
    config.trim_text(false);
    config.check_comments = false;
    config.expand_empty_elements = true;
    xml
}

/// The largest `uniqueCount="N"` anywhere in a shared-string part, read as a stream.
/// calamine reserves room for the count in the first `sst` start tag it meets,
/// wherever that stands (after comments, padding or other elements); the largest
/// count anywhere covers it. XML allows spaces around `=`. A damaged stream is read
/// as far as it goes; calamine reports it when it reads the part.
fn declared_unique_count(part: impl Read) -> u64 {
    const KEY: &[u8] = b"uniqueCount";
    enum State {
        Key(usize),
        Equals,
        Quote,
        Digits(u64),
    }
    let mut state = State::Key(0);
    let mut largest = 0;
    let mut part = part;
    // Read in chunks, not byte by byte; the state carries across chunks.
    let mut chunk = vec![0u8; 16 * 1024];
    loop {
        let n = match part.read(&mut chunk) {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        for &b in &chunk[..n] {
            state = match state {
                State::Key(n) if b == KEY[n] && n + 1 == KEY.len() => State::Equals,
                State::Key(n) if b == KEY[n] => State::Key(n + 1),
                State::Equals | State::Quote if b.is_ascii_whitespace() => state,
                State::Equals if b == b'=' => State::Quote,
                State::Quote if b == b'"' || b == b'\'' => State::Digits(0),
                State::Digits(v) if b.is_ascii_digit() => {
                    State::Digits(v.saturating_mul(10).saturating_add(u64::from(b - b'0')))
                }
                State::Digits(v) => {
                    largest = largest.max(v);
                    State::Key(usize::from(b == KEY[0]))
                }
                _ => State::Key(usize::from(b == KEY[0])),
            };
        }
    }
    if let State::Digits(v) = state {
        largest = largest.max(v);
    }
    largest
}

fn open_error(detail: String, password: bool) -> ReadError {
    if password {
        Unreadable::Encrypted.into()
    } else {
        Unreadable::Corrupt(detail).into()
    }
}

fn too_many_cells() -> ReadError {
    TooLarge::Cells { limit: MAX_CELLS }.into()
}

/// Streams cells into a grid, counting the non-empty ones against [`MAX_CELLS`].
#[derive(Default)]
struct Collector {
    cells: Vec<Cell>,
    counted: usize,
    /// Text cells cut to [`EXCEL_TEXT_LIMIT`], with the length read.
    shortened: Vec<(CellRef, usize)>,
}

impl Collector {
    fn push(&mut self, at: CellRef, mut value: Value, formula: bool) -> Result<(), ReadError> {
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
            if self.counted > MAX_CELLS {
                return Err(too_many_cells());
            }
        }
        self.cells.push(Cell { at, value, formula });
        Ok(())
    }
}

fn read_xlsx(bytes: &[u8], pick: Pick) -> Result<Book, ReadError> {
    let mut wb: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(|e: calamine::XlsxError| {
            match e {
                // An Excel 4.0 macro sheet (`xl/macrosheets/…`) is a sheet type
                // calamine does not know; it refuses the whole workbook.
                calamine::XlsxError::Unrecognized {
                    typ: "sheet:type",
                    val,
                } if val.to_ascii_lowercase().contains("macrosheet") => {
                    Unreadable::MacroSheet(val).into()
                }
                e => open_error(e.to_string(), matches!(e, calamine::XlsxError::Password)),
            }
        })?;
    Book::read_sheets(wb.sheets_metadata().to_vec(), pick, |name, out| {
        let mut reader = wb
            .worksheet_cells_reader(name)
            .map_err(|e| Unreadable::Corrupt(format!("{name}: {e}")))?;
        let mut unknown_errors = false;
        loop {
            // The formula's metadata says whether a cell holds one, without
            // copying or expanding its text.
            match reader.next_cell_with_formula_metadata() {
                Ok(Some(c)) => {
                    let at = CellRef::new(c.pos.0, c.pos.1);
                    let formula = match &c.formula {
                        Some(
                            calamine::XlsxFormulaMetadata::Normal { formula }
                            | calamine::XlsxFormulaMetadata::Shared { formula, .. },
                        ) => !formula.is_empty(),
                        Some(_) => true,
                        None => false,
                    };
                    out.push(at, value_ref(&c.value), formula)?;
                }
                Ok(None) => break,
                // An error literal calamine does not know (`#SPILL!`, `#CALC!`…): the
                // reader skips that cell and goes on. Find such cells exactly below,
                // so one in the table is reported and one elsewhere is harmless.
                Err(calamine::XlsxError::CellError(_)) => unknown_errors = true,
                Err(e) => return Err(Unreadable::Corrupt(format!("{name}: {e}")).into()),
            }
        }
        drop(reader);
        if unknown_errors {
            for (at, v) in error_cells(bytes, name) {
                out.push(at, Value::Error(v), true)?;
            }
        }
        Ok(())
    })
}

/// Every cell of an xlsx sheet whose cached value is an error (`t="e"` or
/// `t='e'`), with the error text, read from the sheet's XML with the XML reader and
/// settings calamine uses, by local names (so `<x:c>` counts as `<c>`). The sheet's
/// part is found as calamine finds it: the workbook part from `_rels/.rels`, the
/// sheet from the workbook's relationships, part names matched with `\` as `/` and
/// in any case. Only called when calamine skipped an error literal it does not
/// know; a part that cannot be found yields nothing.
fn error_cells(bytes: &[u8], sheet: &str) -> Vec<(CellRef, String)> {
    use quick_xml::events::Event;
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Vec::new();
    };
    let names: std::collections::HashMap<String, String> = zip
        .file_names()
        .flatten()
        .map(|n| (part_key(&n), n.into_owned()))
        .collect();
    // Runs `each` on every start or empty element of a part, with its attributes
    // by local name; stops when `each` returns false.
    let mut elements = |path: &str, each: &mut OnElement<'_>| {
        let Some(name) = names.get(&part_key(path)) else {
            return;
        };
        let Ok(part) = zip.by_name(name) else { return };
        let mut xml = calamine_xml(part.take(MAX_PART_BYTES), 16 * 1024);
        let mut buf = Vec::new();
        loop {
            buf.clear();
            match xml.read_event_into(&mut buf) {
                Ok(Event::Start(tag)) => {
                    let local = tag.local_name().as_ref().to_string();
                    let attrs = Attrs::of(&tag);
                    if !each(&local, &attrs, &mut || value_of_cell(&mut xml)) {
                        return;
                    }
                }
                Ok(Event::Eof) | Err(_) => return,
                Ok(_) => {}
            }
        }
    };
    let mut workbook = None;
    elements("_rels/.rels", &mut |tag, attrs, _| {
        if tag == "Relationship"
            && attrs
                .get("Type")
                .is_some_and(|t| t.ends_with("/relationships/officeDocument"))
        {
            workbook = attrs
                .get("Target")
                .map(|t| t.trim_start_matches('/').to_string());
        }
        workbook.is_none()
    });
    let workbook = workbook.unwrap_or_else(|| "xl/workbook.xml".to_string());
    let (dir, file) = match workbook.rfind('/') {
        Some(i) => workbook.split_at(i + 1),
        None => ("", workbook.as_str()),
    };
    let mut rel_id = None;
    elements(&workbook, &mut |tag, attrs, _| {
        if tag == "sheet" && attrs.get("name") == Some(sheet) {
            rel_id = attrs.get("id").map(str::to_string);
        }
        rel_id.is_none()
    });
    let Some(rel_id) = rel_id else {
        return Vec::new();
    };
    let mut target = None;
    elements(&format!("{dir}_rels/{file}.rels"), &mut |tag, attrs, _| {
        if tag == "Relationship" && attrs.get("Id") == Some(rel_id.as_str()) {
            target = attrs.get("Target").map(str::to_string);
        }
        target.is_none()
    });
    let Some(target) = target else {
        return Vec::new();
    };
    let path = match target.strip_prefix('/') {
        Some(absolute) => absolute.to_string(),
        None => format!("{dir}{target}"),
    };
    let mut cells = Vec::new();
    elements(&path, &mut |tag, attrs, events| {
        if tag == "c"
            && attrs.get("t") == Some("e")
            && let Some(at) = attrs.get("r").and_then(parse_a1)
        {
            let value = events();
            cells.push((at, value.unwrap_or_else(|| "#N/A".to_string())));
        }
        true
    });
    cells
}

/// A visitor of a part's elements: the element's local name, its attributes, and
/// a reader of a cell's value; returns false to stop.
type OnElement<'a> = dyn FnMut(&str, &Attrs, &mut dyn FnMut() -> Option<String>) -> bool + 'a;

/// An element's attributes by local name (`r:id` is `id`), values unescaped.
struct Attrs(Vec<(String, String)>);

impl Attrs {
    fn of(tag: &quick_xml::events::BytesStart<'_>) -> Attrs {
        Attrs(
            tag.attributes()
                .with_checks(false)
                .flatten()
                .map(|a| {
                    let value = a
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .map(|v| v.into_owned())
                        .unwrap_or_else(|_| a.value.clone().into_owned());
                    (a.key.local_name().as_ref().to_string(), value)
                })
                .collect(),
        )
    }

    fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// The text of the `v` element inside the element just started (a `c`), reading
/// up to that element's end.
fn value_of_cell<R: std::io::BufRead>(xml: &mut quick_xml::Reader<R>) -> Option<String> {
    use quick_xml::events::Event;
    let mut buf = Vec::new();
    let mut depth = 0usize;
    let mut in_v = false;
    let mut value: Option<String> = None;
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(tag)) => {
                depth += 1;
                in_v = tag.local_name().as_ref() == "v";
                if in_v {
                    value.get_or_insert_with(String::new);
                }
            }
            Ok(Event::Text(t)) if in_v => {
                value
                    .get_or_insert_with(String::new)
                    .push_str(&t.xml10_content());
            }
            Ok(Event::GeneralRef(r)) if in_v => {
                let resolved = match r.as_ref() {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "apos" => "'",
                    _ => "",
                };
                value.get_or_insert_with(String::new).push_str(resolved);
            }
            Ok(Event::End(_)) => {
                in_v = false;
                if depth == 0 {
                    return value;
                }
                depth -= 1;
            }
            Ok(Event::Eof) | Err(_) => return value,
            Ok(_) => {}
        }
    }
}

/// `D9` → row 8, column 3.
fn parse_a1(text: &str) -> Option<CellRef> {
    let letters = text.bytes().take_while(u8::is_ascii_alphabetic).count();
    if letters == 0 || letters > 3 {
        return None;
    }
    let col = text[..letters].bytes().try_fold(0u32, |acc, b| {
        Some(acc * 26 + u32::from(b.to_ascii_uppercase().checked_sub(b'A')? + 1))
    })?;
    let row: u32 = text[letters..].parse().ok()?;
    Some(CellRef::new(row.checked_sub(1)?, col - 1))
}

fn read_xlsb(bytes: &[u8], pick: Pick) -> Result<Book, ReadError> {
    let mut wb: calamine::Xlsb<_> =
        calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(|e: calamine::XlsbError| {
            open_error(e.to_string(), matches!(e, calamine::XlsbError::Password))
        })?;
    Book::read_sheets(wb.sheets_metadata().to_vec(), pick, |name, out| {
        let mut reader = wb
            .worksheet_cells_reader(name)
            .map_err(|e| Unreadable::Corrupt(format!("{name}: {e}")))?;
        loop {
            match reader.next_cell() {
                Ok(Some(c)) => {
                    let (row, col) = c.get_position();
                    out.push(CellRef::new(row, col), value_ref(c.get_value()), false)?;
                }
                Ok(None) => return Ok(()),
                Err(e) => return Err(Unreadable::Corrupt(format!("{name}: {e}")).into()),
            }
        }
    })
}

/// xls and ods: calamine parses every sheet when the file is opened (their formats
/// bound the sheet size), so the ranges already exist; we only copy the non-empty
/// cells out, at absolute positions.
fn read_eager<R>(bytes: &[u8], pick: Pick) -> Result<Book, ReadError>
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
            for (r, c, text) in f.used_cells() {
                let (row, col) = (fr0 + r as u32, fc0 + c as u32);
                if !text.is_empty()
                    && range
                        .get_value((row, col))
                        .is_none_or(|v| matches!(v, Data::Empty))
                {
                    out.push(CellRef::new(row, col), Value::Empty, true)?;
                }
            }
        }
        Ok(())
    })
}

/// Significant digits Excel shows, compares and prints a number with.
pub const EXCEL_DIGITS: usize = 15;

/// A float from a cell as a decimal, the way Excel itself reads it: at 15
/// significant digits, then normalised. Excel stores a formula's cached result
/// with full binary precision (`=4000.7+1200.6` is stored as `5201.2999999999993`,
/// `=0.1+0.2` as `0.30000000000000004`) but shows and compares only 15 digits, so
/// that is the number the area lead sees and means. A whole number below 2^53 (most
/// amounts) converts exactly; any other value is rounded to 15 significant digits
/// by the standard library's exact decimal formatting (round half to even on the
/// binary value's exact expansion), so `1234.56` stays `1234.56`. No arithmetic on
/// the value. This is the one place where a cell's binary float is looked at.
fn float_value(f: f64) -> Value {
    if !f.is_finite() {
        return Value::HugeNumber(f.to_string());
    }
    if f.fract() == 0.0 && f.abs() < 9_007_199_254_740_992.0 {
        // Exact: the value is an integer that i64 holds.
        return Value::Number(Decimal::from(f as i64));
    }
    // `d.dddddddddddddde±x`: the value at 15 significant digits.
    let text = format!("{f:.prec$e}", prec = EXCEL_DIGITS - 1);
    match Decimal::from_scientific(&text) {
        Ok(d) => Value::Number(d.normalize()),
        // Beyond ±7.9e28, or smaller than 10^-28 (no amount is either).
        Err(_) if f.abs() < 1.0 => Value::Number(Decimal::ZERO),
        Err(_) => Value::HugeNumber(f.to_string()),
    }
}

/// A date cell as ISO text, converted by calamine, which knows the workbook's date
/// system (1900 or 1904) and Excel's 1900 leap-year bug.
fn excel_date(dt: &calamine::ExcelDateTime) -> Value {
    let (y, m, d, ..) = dt.to_ymd_hms_milli();
    Value::Date(format!("{y:04}-{m:02}-{d:02}"))
}

fn error_text(e: &calamine::CellErrorType) -> Value {
    Value::Error(e.to_string())
}

fn value_ref(v: &DataRef<'_>) -> Value {
    match v {
        DataRef::Empty => Value::Empty,
        DataRef::Int(i) => Value::Number(Decimal::from(*i)),
        DataRef::Float(f) => float_value(*f),
        DataRef::String(s) => Value::Text(s.clone()),
        DataRef::SharedString(s) => Value::Text((*s).to_string()),
        DataRef::Bool(b) => Value::Bool(*b),
        DataRef::DateTime(dt) => excel_date(dt),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Value::Date(s.clone()),
        DataRef::Error(e) => error_text(e),
    }
}

fn value(v: &Data) -> Value {
    match v {
        Data::Empty => Value::Empty,
        Data::Int(i) => Value::Number(Decimal::from(*i)),
        Data::Float(f) => float_value(*f),
        // ods stores error cells as text (calamine 0.38): keep them errors.
        Data::String(s) if is_error_literal(s) => Value::Error(s.clone()),
        Data::String(s) => Value::Text(s.clone()),
        Data::Bool(b) => Value::Bool(*b),
        Data::DateTime(dt) => excel_date(dt),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Value::Date(s.clone()),
        Data::Error(e) => error_text(e),
    }
}

fn is_error_literal(s: &str) -> bool {
    matches!(
        s,
        "#DIV/0!"
            | "#N/A"
            | "#NAME?"
            | "#NULL!"
            | "#NUM!"
            | "#REF!"
            | "#VALUE!"
            | "Err:502"
            | "Err:504"
            | "Err:508"
            | "Err:522"
    )
}

/// One cell of a consolidated workbook read back: its value (a formula's cached
/// result) and, when it holds one, the formula's text.
#[derive(Debug, Clone, PartialEq)]
pub struct WrittenCell {
    pub at: CellRef,
    pub value: Value,
    pub formula: Option<String>,
}

/// Every sheet of a consolidated workbook (one this program wrote), in order,
/// each with its non-empty cells in row-major order. `verify` and
/// `consolidate --previous` read workbooks back with this; input templates go
/// through [`read_book`]. Only xlsx, streamed cell by cell (never a dense range),
/// each sheet held to [`MAX_CELLS`].
pub fn read_written_workbook(bytes: &[u8]) -> Result<Vec<(String, Vec<WrittenCell>)>, ReadError> {
    if bytes.is_empty() {
        return Err(Unreadable::Empty.into());
    }
    if sniff(bytes)? != Format::Xlsx {
        return Err(Unreadable::NotSpreadsheet.into());
    }
    catch_unwind(AssertUnwindSafe(|| read_written_xlsx(bytes)))
        .unwrap_or_else(|_| Err(Unreadable::Corrupt("the reader stopped".into()).into()))
}

fn read_written_xlsx(bytes: &[u8]) -> Result<Vec<(String, Vec<WrittenCell>)>, ReadError> {
    let mut wb: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(|e: calamine::XlsxError| {
            open_error(e.to_string(), matches!(e, calamine::XlsxError::Password))
        })?;
    let mut sheets = Vec::new();
    for name in wb.sheet_names() {
        let mut reader = wb
            .worksheet_cells_reader(&name)
            .map_err(|e| Unreadable::Corrupt(format!("{name}: {e}")))?;
        let mut cells = Vec::new();
        loop {
            match reader.next_cell_with_formula() {
                Ok(Some(c)) => {
                    let value = value_ref(&c.value);
                    let formula = c.formula.filter(|f| !f.is_empty());
                    if value.is_empty() && formula.is_none() {
                        continue;
                    }
                    if cells.len() >= MAX_CELLS {
                        return Err(too_many_cells());
                    }
                    cells.push(WrittenCell {
                        at: CellRef::new(c.pos.0, c.pos.1),
                        value,
                        formula,
                    });
                }
                Ok(None) => break,
                // An error literal calamine does not know: we never write one.
                Err(calamine::XlsxError::CellError(e)) => {
                    return Err(Unreadable::Corrupt(format!("{name}: {e}")).into());
                }
                Err(e) => return Err(Unreadable::Corrupt(format!("{name}: {e}")).into()),
            }
        }
        drop(reader);
        cells.sort_by_key(|c| c.at);
        sheets.push((name, cells));
    }
    Ok(sheets)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn dates_from_serials_in_both_date_systems() {
        use calamine::{ExcelDateTime, ExcelDateTimeType::DateTime};
        let date = |serial, is_1904| excel_date(&ExcelDateTime::new(serial, DateTime, is_1904));
        assert_eq!(date(46082.0, false), Value::Date("2026-03-01".into()));
        assert_eq!(date(44927.5, false), Value::Date("2023-01-01".into()));
        // The 1904 system counts from 1904-01-01: serial 43465 is four years later.
        assert_eq!(date(43465.0, false), Value::Date("2018-12-31".into()));
        assert_eq!(date(43465.0, true), Value::Date("2023-01-01".into()));
    }

    #[test]
    fn floats_are_read_at_excels_fifteen_digits() {
        let d = |s: &str| Value::Number(Decimal::from_str(s).unwrap_or_default());
        // Stored values of `=4000.7+1200.6` and `=0.1+0.2`, as Excel writes them.
        let stored = |s: &str| float_value(s.parse().unwrap_or(f64::NAN));
        assert_eq!(stored("5201.2999999999993"), d("5201.3"));
        assert_eq!(stored("0.30000000000000004"), d("0.3"));
        assert_eq!(float_value(1234.56), d("1234.56"));
        assert_eq!(float_value(0.1), d("0.1"));
        assert_eq!(float_value(4_432_946.73), d("4432946.73"));
        assert_eq!(float_value(13_000.0), d("13000"));
        assert_eq!(float_value(-0.0), Value::Number(Decimal::ZERO));
        assert_eq!(float_value(2_000.5), d("2000.5"));
        assert_eq!(float_value(-1_500.25), d("-1500.25"));
        // 15 significant digits, rounded, not cut.
        assert_eq!(float_value(123_456_789.123_456_78), d("123456789.123457"));
        assert_eq!(float_value(9_007_199_254_740_993.5), d("9007199254740990"));
        assert_eq!(float_value(1e-40), Value::Number(Decimal::ZERO));
        assert!(matches!(float_value(1e30), Value::HugeNumber(_)));
        assert!(matches!(float_value(f64::NAN), Value::HugeNumber(_)));
    }

    #[test]
    fn of_several_matching_sheets_only_the_visible_worksheet_is_read() {
        use calamine::{Sheet, SheetType, SheetVisible};
        let sheet = |name: &str, typ, visible| Sheet {
            name: name.into(),
            typ,
            visible,
        };
        let (ws, chart) = (SheetType::WorkSheet, SheetType::ChartSheet);
        let (shown, hidden) = (SheetVisible::Visible, SheetVisible::Hidden);
        let label = labels::SHEET_BUDGET;
        let chosen = |sheets: &[Sheet]| choose_sheet(sheets, label);
        let only = [sheet("budgetfördelning", ws, hidden)];
        assert_eq!(chosen(&only), (Some("budgetfördelning".into()), None));
        let two = [
            sheet("Budgetfördelning", ws, SheetVisible::VeryHidden),
            sheet("Budgetfördelning ", ws, shown),
        ];
        assert_eq!(
            chosen(&two),
            (
                Some("Budgetfördelning ".into()),
                Some(SheetChoice {
                    label,
                    used: Some("Budgetfördelning ".into()),
                    others: vec!["Budgetfördelning".into()],
                })
            )
        );
        let visible = [
            sheet("Budgetfördelning", ws, shown),
            sheet("BUDGETFÖRDELNING", ws, shown),
        ];
        assert_eq!(
            chosen(&visible),
            (
                None,
                Some(SheetChoice {
                    label,
                    used: None,
                    others: vec!["Budgetfördelning".into(), "BUDGETFÖRDELNING".into()],
                })
            )
        );
        let with_chart = [
            sheet("Budgetfördelning", chart, shown),
            sheet("Budgetfördelning ", ws, shown),
        ];
        assert_eq!(
            chosen(&with_chart),
            (Some("Budgetfördelning ".into()), None)
        );
    }

    #[test]
    fn sniffing_does_not_trust_extensions() {
        assert_eq!(
            sniff(b"Text;Belopp\n"),
            Err(Unreadable::NotSpreadsheet.into())
        );
        assert!(matches!(
            sniff(b"PK\x03\x04truncated"),
            Err(ReadError::Unreadable(Unreadable::Corrupt(_)))
        ));
    }

    #[test]
    fn unique_count_is_found_wherever_it_stands() {
        let count = |xml: &str| declared_unique_count(xml.as_bytes());
        assert_eq!(count(r#"<sst count="3" uniqueCount="2">"#), 2);
        assert_eq!(
            count(r#"<!-- uniqueCount="1" --><x:sst uniqueCount = '4000000000'>"#),
            4_000_000_000
        );
        let padded = format!("{}<sst uniqueCount=\"7\">", " ".repeat(100_000));
        assert_eq!(count(&padded), 7);
        assert_eq!(count("<sst><si><t>uniqueCount</t></si></sst>"), 0);
    }

    #[test]
    fn the_first_sst_tag_is_found_as_calamine_finds_it() {
        let first = |xml: &str| first_sst_unique_count(xml.as_bytes());
        assert_eq!(
            first(r#"<?xml version="1.0"?><sst count="3" uniqueCount="2"><si><t>a</t></si>"#),
            Some(2)
        );
        // A tag inside a comment or CDATA is not the element calamine reads.
        assert_eq!(
            first(r#"<!-- <sst uniqueCount="1"> --><x:sst uniqueCount='9000000000'/>"#),
            Some(9_000_000_000)
        );
        assert_eq!(
            first(r#"<a><![CDATA[<sst uniqueCount="1">]]></a><sst uniqueCount="77">"#),
            Some(77)
        );
        assert_eq!(first("<sst>"), Some(0));
        // Not found in the head: the caller scans the whole part.
        assert_eq!(first(r#"<!-- <sst uniqueCount="1"> "#), None);
        assert_eq!(first("<other/>"), None);
        let long_comment = format!("<!--{}--><sst uniqueCount=\"5\">", " ".repeat(100_000));
        let head = long_comment.as_bytes().take(SST_HEAD_BYTES);
        assert_eq!(first_sst_unique_count(head), None);
        assert_eq!(declared_unique_count(long_comment.as_bytes()), 5);
    }

    #[test]
    fn addresses() {
        assert_eq!(parse_a1("C11"), Some(CellRef::new(10, 2)));
        assert_eq!(
            parse_a1("XFD1048576"),
            Some(CellRef::new(1_048_575, 16_383))
        );
        assert_eq!(parse_a1("11"), None);
    }
}
