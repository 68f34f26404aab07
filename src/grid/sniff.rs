//! Which format a file is, decided from its bytes (never the extension), and the
//! zip's guard: declared sizes, duplicate part names and the shared strings'
//! declared count are checked before any reader sees the archive.

use super::{
    CFB_MAGIC, EMPTY_ZIP_MAGIC, Format, MAX_CELLS, MAX_PART_BYTES, ReadError, ZIP_MAGIC, cfb, ods,
    xls,
};
use crate::finding::{TooLarge, Unreadable};
use std::io::{Cursor, Read};

/// Decides the format from the bytes, and checks a zip's declared sizes before any
/// reader sees it (an `.xls` or `.ods` held to a template's span, [`MAX_CELLS`]).
pub fn sniff(bytes: &[u8]) -> Result<Format, ReadError> {
    sniff_within(bytes, MAX_CELLS)
}

/// [`sniff`], with the span of cells an `.xls` or `.ods` may have: [`MAX_CELLS`],
/// or [`super::MAX_LEDGER_SPAN`] for a ledger export.
pub(super) fn sniff_within(bytes: &[u8], span: usize) -> Result<Format, ReadError> {
    if bytes.starts_with(ZIP_MAGIC) || bytes.starts_with(EMPTY_ZIP_MAGIC) {
        return precheck_zip(bytes, span);
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
            Some(stream) => xls::precheck(&stream, span)?,
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

/// True when `bytes` are a compound file holding a workbook stream (`Workbook` or
/// `Book`, as calamine reads it): an `.xls`. A Word `.doc`, an Outlook `.msg` or an
/// encrypted `.xlsx` is the same container without one.
pub fn is_compound_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(CFB_MAGIC) && matches!(cfb::precheck(bytes), Ok(Some(_)))
}

/// The first name that two entries of a zip's central directory share, read from
/// the end-of-central-directory record (`None` for a zip64 directory or damage).
pub(super) fn duplicate_entry_name(bytes: &[u8]) -> Option<String> {
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
pub(super) fn part_key(name: &str) -> String {
    name.replace('\\', "/").to_ascii_lowercase()
}

/// True when `name` stands in `bytes` in UTF-16LE, as a compound file's directory
/// entries store stream names.
pub(super) fn has_utf16(bytes: &[u8], name: &str) -> bool {
    let marker: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
    bytes.windows(marker.len()).any(|w| w == marker.as_slice())
}

pub(super) fn precheck_zip(bytes: &[u8], span: usize) -> Result<Format, ReadError> {
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
        ods::precheck(&mut zip, span)?;
    }
    Ok(format)
}

/// How much of a shared-string part is read for its first `sst` tag.
pub(super) const SST_HEAD_BYTES: u64 = 64 * 1024;

/// The `uniqueCount` calamine reserves room for: the one in the first `sst` start
/// tag, found with the XML reader and the settings calamine reads the part with
/// (so a tag inside a comment or CDATA is skipped exactly as calamine skips it).
/// `None` when that tag is not found in `head` (not there, cut off, or damaged):
/// the caller then scans the whole part with [`declared_unique_count`].
pub(super) fn first_sst_unique_count(head: impl Read) -> Option<u64> {
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
pub(super) fn calamine_xml<R: Read>(
    source: R,
    buffer: usize,
) -> quick_xml::Reader<std::io::BufReader<R>> {
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
pub(super) fn declared_unique_count(part: impl Read) -> u64 {
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
