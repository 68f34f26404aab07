//! The streaming readers of the zip formats, xlsx and xlsb: one sheet's cells at a
//! time, never a dense range, through one loop; and the reader of a workbook this
//! program wrote, read back with its formulas.

use super::sniff::{calamine_xml, part_key};
use super::values::value_ref;
use super::{Book, Collector, Pick, ReadError, open_error, too_many_cells};
use super::{MAX_CELLS, MAX_PART_BYTES};
use crate::finding::Unreadable;
use crate::grid::{Format, Value, sniff};
use crate::location::CellRef;
use calamine::Reader;
use std::io::{Cursor, Read};
use std::panic::{AssertUnwindSafe, catch_unwind};

pub(super) fn read_xlsx(bytes: &[u8], pick: Pick) -> Result<Book, ReadError> {
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
        // The formula's metadata says whether a cell holds one, without copying
        // or expanding its text.
        let unknown_errors = drain(name, out, || {
            match reader.next_cell_with_formula_metadata() {
                Ok(Some(c)) => {
                    let formula = match &c.formula {
                        Some(
                            calamine::XlsxFormulaMetadata::Normal { formula }
                            | calamine::XlsxFormulaMetadata::Shared { formula, .. },
                        ) => !formula.is_empty(),
                        Some(_) => true,
                        None => false,
                    };
                    let at = CellRef::new(c.pos.0, c.pos.1);
                    Ok(Step::Cell(at, value_ref(&c.value), formula))
                }
                Ok(None) => Ok(Step::End),
                // An error literal calamine does not know (`#SPILL!`, `#CALC!`…): the
                // reader skips that cell and goes on. Find such cells exactly below,
                // so one in the table is reported and one elsewhere is harmless.
                Err(calamine::XlsxError::CellError(_)) => Ok(Step::Skipped),
                Err(e) => Err(e),
            }
        })?;
        drop(reader);
        if unknown_errors {
            for (at, v) in error_cells(bytes, name) {
                out.push(at, Value::Error(v), true)?;
            }
        }
        Ok(())
    })
}

/// What a streaming cell reader gave: a cell (its place, value, and whether it
/// holds a formula), a cell it skipped, or the sheet's end.
enum Step {
    Cell(CellRef, Value, bool),
    Skipped,
    End,
}

/// The one streaming loop of the zip formats: drains a sheet's cell reader
/// (`next`, one cell a call) into `out`; true when the reader skipped a cell. A
/// reader's error makes the sheet `corrupt`, with the sheet's name.
fn drain<E: std::fmt::Display>(
    name: &str,
    out: &mut Collector,
    mut next: impl FnMut() -> Result<Step, E>,
) -> Result<bool, ReadError> {
    let mut skipped = false;
    loop {
        match next() {
            Ok(Step::Cell(at, value, formula)) => out.push(at, value, formula)?,
            Ok(Step::Skipped) => skipped = true,
            Ok(Step::End) => return Ok(skipped),
            Err(e) => return Err(Unreadable::Corrupt(format!("{name}: {e}")).into()),
        }
    }
}

/// Every cell of an xlsx sheet whose cached value is an error (`t="e"` or
/// `t='e'`), with the error text, read from the sheet's XML with the XML reader and
/// settings calamine uses, by local names (so `<x:c>` counts as `<c>`). The sheet's
/// part is found as calamine finds it: the workbook part from `_rels/.rels`, the
/// sheet from the workbook's relationships, part names matched with `\` as `/` and
/// in any case. Only called when calamine skipped an error literal it does not
/// know; a part that cannot be found yields nothing.
pub(super) fn error_cells(bytes: &[u8], sheet: &str) -> Vec<(CellRef, String)> {
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
    let Some(path) = sheet_part(&mut elements, sheet) else {
        return Vec::new();
    };
    let mut cells = Vec::new();
    elements(&path, &mut |tag, attrs, events| {
        if tag == "c"
            && attrs.get("t") == Some("e")
            && let Some(at) = attrs.get("r").and_then(CellRef::parse_a1)
        {
            let value = events();
            cells.push((at, value.unwrap_or_else(|| "#N/A".to_string())));
        }
        true
    });
    cells
}

/// The path of a sheet's part, found as calamine finds it: the workbook part from
/// `_rels/.rels`, the sheet from the workbook's relationships.
fn sheet_part(
    each_element: &mut impl FnMut(&str, &mut OnElement<'_>),
    sheet: &str,
) -> Option<String> {
    let mut workbook = None;
    each_element("_rels/.rels", &mut |tag, attrs, _| {
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
    each_element(&workbook, &mut |tag, attrs, _| {
        if tag == "sheet" && attrs.get("name") == Some(sheet) {
            rel_id = attrs.get("id").map(str::to_string);
        }
        rel_id.is_none()
    });
    let rel_id = rel_id?;
    let mut target = None;
    each_element(&format!("{dir}_rels/{file}.rels"), &mut |tag, attrs, _| {
        if tag == "Relationship" && attrs.get("Id") == Some(rel_id.as_str()) {
            target = attrs.get("Target").map(str::to_string);
        }
        target.is_none()
    });
    let target = target?;
    Some(match target.strip_prefix('/') {
        Some(absolute) => absolute.to_string(),
        None => format!("{dir}{target}"),
    })
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
pub(super) fn value_of_cell<R: std::io::BufRead>(xml: &mut quick_xml::Reader<R>) -> Option<String> {
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

pub(super) fn read_xlsb(bytes: &[u8], pick: Pick) -> Result<Book, ReadError> {
    let mut wb: calamine::Xlsb<_> =
        calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(|e: calamine::XlsbError| {
            open_error(e.to_string(), matches!(e, calamine::XlsbError::Password))
        })?;
    Book::read_sheets(wb.sheets_metadata().to_vec(), pick, |name, out| {
        let mut reader = wb
            .worksheet_cells_reader(name)
            .map_err(|e| Unreadable::Corrupt(format!("{name}: {e}")))?;
        drain(name, out, || match reader.next_cell() {
            Ok(Some(c)) => {
                let (row, col) = c.get_position();
                Ok(Step::Cell(
                    CellRef::new(row, col),
                    value_ref(c.get_value()),
                    false,
                ))
            }
            Ok(None) => Ok(Step::End),
            Err(e) => Err(e),
        })?;
        Ok(())
    })
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

pub(super) fn read_written_xlsx(
    bytes: &[u8],
) -> Result<Vec<(String, Vec<WrittenCell>)>, ReadError> {
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
                        return Err(too_many_cells(MAX_CELLS));
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
