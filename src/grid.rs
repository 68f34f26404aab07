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
use std::str::FromStr;

mod cfb;
mod ods;
mod xls;

/// A file larger than this on disk, or a zip part declaring more, is `too-large`.
pub const MAX_PART_BYTES: u64 = 256 * 1024 * 1024;
/// A sheet with more non-empty cells than this is `too-large`.
pub const MAX_CELLS: usize = 1_000_000;

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
    /// The optional version table (`Versioner`), when the file has one.
    pub versions: Option<Grid>,
}

impl Book {
    /// The template's sheets found among `sheet_names` (forgivingly, by label),
    /// each read into a grid by `read` (which gets the sheet's name and a collector).
    fn read_sheets(
        sheet_names: Vec<String>,
        mut read: impl FnMut(&str, &mut Collector) -> Result<(), ReadError>,
    ) -> Result<Book, ReadError> {
        let mut book = Book {
            sheet_names,
            ..Book::default()
        };
        for (label, slot) in [
            (labels::SHEET_BUDGET, 0),
            (labels::SHEET_PLAN, 1),
            (labels::SHEET_VERSIONS, 2),
        ] {
            let Some(name) = find_sheet(&book.sheet_names, label) else {
                continue;
            };
            let mut out = Collector::default();
            read(&name, &mut out)?;
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
    if bytes.is_empty() {
        return Err(Unreadable::Empty.into());
    }
    let format = sniff(bytes)?;
    // calamine can panic on damaged input (for example in its .xls parser). That
    // is a damaged file, not a bug of ours: report it as one. What a panic cannot
    // express (a huge allocation, a loop) is refused before calamine sees the bytes.
    catch_unwind(AssertUnwindSafe(|| match format {
        Format::Xlsx => read_xlsx(bytes),
        Format::Xlsb => read_xlsb(bytes),
        Format::Xls => read_eager::<calamine::Xls<_>>(bytes),
        Format::Ods => read_eager::<calamine::Ods<_>>(bytes),
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
        let marker: Vec<u8> = "EncryptedPackage"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        if bytes.windows(marker.len()).any(|w| w == marker.as_slice()) {
            return Err(Unreadable::Encrypted.into());
        }
        let stream = cfb::precheck(bytes)
            .map_err(|why| Unreadable::Corrupt(format!("compound file: {why}")))?;
        if let Some(stream) = stream {
            xls::precheck(&stream)?;
        }
        return Ok(Format::Xls);
    }
    Err(Unreadable::NotSpreadsheet.into())
}

fn precheck_zip(bytes: &[u8]) -> Result<Format, ReadError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| Unreadable::Corrupt(format!("zip: {e}")))?;
    let mut format = None;
    let mut shared_strings = Vec::new();
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
        match name.as_str() {
            "mimetype" => format = Some(Format::Ods),
            "xl/workbook.bin" => format = format.or(Some(Format::Xlsb)),
            "xl/workbook.xml" => format = format.or(Some(Format::Xlsx)),
            _ => {}
        }
        // calamine finds `<dir>sharedStrings.xml` (the workbook's folder, from
        // `_rels/.rels`) ignoring case and `\` versus `/`: check every such part.
        if name
            .replace('\\', "/")
            .to_ascii_lowercase()
            .ends_with("sharedstrings.xml")
        {
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
    let format = format
        .ok_or_else(|| Unreadable::Corrupt("zip archive without a workbook inside".into()))?;
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

/// Finds the sheet whose name matches `label` forgivingly.
fn find_sheet(names: &[String], label: &str) -> Option<String> {
    names.iter().find(|n| labels::matches(n, label)).cloned()
}

fn too_many_cells() -> ReadError {
    TooLarge::Cells { limit: MAX_CELLS }.into()
}

/// Streams cells into a grid, counting the non-empty ones against [`MAX_CELLS`].
#[derive(Default)]
struct Collector {
    cells: Vec<Cell>,
    counted: usize,
}

impl Collector {
    fn push(&mut self, at: CellRef, value: Value, formula: bool) -> Result<(), ReadError> {
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

fn read_xlsx(bytes: &[u8]) -> Result<Book, ReadError> {
    let mut wb: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(|e: calamine::XlsxError| {
            open_error(e.to_string(), matches!(e, calamine::XlsxError::Password))
        })?;
    Book::read_sheets(wb.sheet_names(), |name, out| {
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

/// Every cell of an xlsx sheet whose cached value is an error (`t="e"`), with the
/// error text, read from the sheet's XML. Only called when calamine skipped an
/// error literal it does not know; a part that cannot be found yields nothing.
fn error_cells(bytes: &[u8], sheet: &str) -> Vec<(CellRef, String)> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Vec::new();
    };
    let mut part = |name: &str| -> Option<String> {
        let mut text = String::new();
        zip.by_name(name).ok()?.read_to_string(&mut text).ok()?;
        Some(text)
    };
    let (Some(workbook), Some(rels)) =
        (part("xl/workbook.xml"), part("xl/_rels/workbook.xml.rels"))
    else {
        return Vec::new();
    };
    let rel_id = workbook
        .split("<sheet ")
        .skip(1)
        .find(|tag| xml_attr(tag, "name").is_some_and(|n| n == sheet))
        .and_then(|tag| xml_attr(tag, "r:id"));
    let target = rel_id.and_then(|id| {
        rels.split("<Relationship ")
            .skip(1)
            .find(|tag| xml_attr(tag, "Id").as_deref() == Some(id.as_str()))
            .and_then(|tag| xml_attr(tag, "Target"))
    });
    let Some(target) = target else {
        return Vec::new();
    };
    let path = match target.strip_prefix('/') {
        Some(absolute) => absolute.to_string(),
        None => format!("xl/{target}"),
    };
    let Some(xml) = part(&path) else {
        return Vec::new();
    };
    let mut cells = Vec::new();
    for piece in xml.split("<c ").skip(1) {
        let Some(head_end) = piece.find('>') else {
            continue;
        };
        let head = &piece[..head_end];
        if xml_attr(head, "t").as_deref() != Some("e") {
            continue;
        }
        let body = piece[head_end..].split("</c>").next().unwrap_or("");
        let value = body
            .split("<v>")
            .nth(1)
            .and_then(|v| v.split("</v>").next())
            .unwrap_or("#N/A");
        if let Some(at) = xml_attr(head, "r").and_then(|r| parse_a1(&r)) {
            cells.push((at, value.to_string()));
        }
    }
    cells
}

/// The value of attribute `name` in an XML start tag's text, entities decoded.
fn xml_attr(tag: &str, name: &str) -> Option<String> {
    let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
    let mut rest = tag;
    while let Some(i) = rest.find(name) {
        let before_ok = i == 0 || rest[..i].ends_with(|c: char| c.is_whitespace());
        let after = &rest[i + name.len()..];
        if before_ok && let Some(quoted) = after.strip_prefix("=\"") {
            let value = &quoted[..quoted.find('"')?];
            return Some(
                value
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", "\"")
                    .replace("&apos;", "'")
                    .replace("&amp;", "&"),
            );
        }
        rest = after;
    }
    None
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

fn read_xlsb(bytes: &[u8]) -> Result<Book, ReadError> {
    let mut wb: calamine::Xlsb<_> =
        calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(|e: calamine::XlsbError| {
            open_error(e.to_string(), matches!(e, calamine::XlsbError::Password))
        })?;
    Book::read_sheets(wb.sheet_names(), |name, out| {
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
fn read_eager<R>(bytes: &[u8]) -> Result<Book, ReadError>
where
    R: Reader<Cursor<Vec<u8>>>,
    R::Error: std::fmt::Display,
{
    let mut wb: R = R::new(Cursor::new(bytes.to_vec())).map_err(|e| {
        let text = e.to_string();
        let password = text.contains("password");
        open_error(text, password)
    })?;
    Book::read_sheets(wb.sheet_names(), |name, out| {
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

/// A float from a cell as an exact decimal: a whole number below 2^53 (most
/// amounts) converts directly; any other value reads as its shortest round-trip
/// text, so `0.1` stays `0.1`. No arithmetic on the value.
/// This is the one place where a cell's binary float is looked at.
fn float_value(f: f64) -> Value {
    if f.fract() == 0.0 && f.abs() < 9_007_199_254_740_992.0 {
        // Exact: the value is an integer that i64 holds.
        return Value::Number(Decimal::from(f as i64));
    }
    let text = f.to_string();
    match Decimal::from_str(&text) {
        Ok(d) => Value::Number(d),
        Err(_) => Value::HugeNumber(text),
    }
}

fn excel_date(serial_text: String) -> Value {
    // Excel's day 0 is 1899-12-30 in the 1900 date system (its 1900 leap-year bug
    // is absorbed by starting there for every serial past 60).
    let days = Decimal::from_str(&serial_text)
        .ok()
        .and_then(|d| i64::try_from(d.trunc()).ok());
    match days {
        Some(days) => {
            let (y, m, d) = civil_from_days(days - 25_569);
            Value::Date(format!("{y:04}-{m:02}-{d:02}"))
        }
        None => Value::Date(serial_text),
    }
}

/// Days since 1970-01-01 → (year, month, day), proleptic Gregorian (H. Hinnant).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
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
        DataRef::DateTime(dt) => excel_date(dt.as_f64().to_string()),
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
        Data::DateTime(dt) => excel_date(dt.as_f64().to_string()),
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

    #[test]
    fn dates_from_serials() {
        assert_eq!(excel_date("46082".into()), Value::Date("2026-03-01".into()));
        assert_eq!(
            excel_date("44927.5".into()),
            Value::Date("2023-01-01".into())
        );
    }

    #[test]
    fn floats_keep_their_shortest_text() {
        assert_eq!(float_value(0.1), Value::Number(Decimal::new(1, 1)));
        assert_eq!(
            float_value(4_432_946.73),
            Value::Number(Decimal::new(443_294_673, 2))
        );
        assert_eq!(float_value(13_000.0), Value::Number(Decimal::from(13_000)));
        assert_eq!(float_value(-0.0), Value::Number(Decimal::ZERO));
        assert_eq!(float_value(2_000.5), Value::Number(Decimal::new(20_005, 1)));
        assert!(matches!(float_value(1e30), Value::HugeNumber(_)));
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
    fn xml_attributes_and_addresses() {
        assert_eq!(
            xml_attr(r#"<c r="C11" s="1" t="e">"#, "t").as_deref(),
            Some("e")
        );
        assert_eq!(
            xml_attr(
                r#"sheet name="A &amp; B" sheetId="1" r:id="rId2"/>"#,
                "name"
            )
            .as_deref(),
            Some("A & B")
        );
        assert_eq!(
            xml_attr(r#"sheet name="x" sheetId="1" r:id="rId2"/>"#, "id"),
            None
        );
        assert_eq!(parse_a1("C11"), Some(CellRef::new(10, 2)));
        assert_eq!(
            parse_a1("XFD1048576"),
            Some(CellRef::new(1_048_575, 16_383))
        );
        assert_eq!(parse_a1("11"), None);
    }
}
