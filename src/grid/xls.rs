//! A scan of an `.xls` workbook stream (BIFF records) before calamine parses it.
//!
//! calamine 0.38 parses every sheet of an `.xls` when the file is opened and keeps
//! each as a dense rectangle: it reserves room for the rows × columns that a
//! sheet's DIMENSIONS record declares (`xls.rs`, `cells.reserve(rows * cols)`),
//! then fills a rectangle spanning its first to its last cell (`Range::from_sparse`).
//! A few bytes can declare 4 × 10⁹ rows, or put one cell at A1 and one at row
//! 65 536, column 65 536; the allocation then fails and the process aborts, which
//! no `catch_unwind` can stop. Found by fuzzing (tests/fixtures/fuzz/).
//!
//! This walks the records the way calamine does (the globals up to their EOF, then
//! each sheet from the offset its BOUNDSHEET record gives, skipping embedded
//! substreams) and refuses the file when the rectangles of all its sheets together
//! exceed the bound it is given ([`super::MAX_CELLS`] for a template, which spans a few
//! hundred cells; [`super::MAX_LEDGER_SPAN`] for a ledger export).

use super::ReadError;
use crate::finding::{TooLarge, Unreadable};

const BOF: u16 = 0x0809;
const EOF: u16 = 0x000A;
const CONTINUE: u16 = 0x003C;
const BOUNDSHEET: u16 = 0x0085;
const FILEPASS: u16 = 0x002F;
const DIMENSIONS: u16 = 0x0200;
const FORMULA: u16 = 0x0006;
const MULRK: u16 = 0x00BD;

/// Checks the workbook stream of an `.xls`; see the module documentation.
pub(super) fn precheck(stream: &[u8], limit: usize) -> Result<(), ReadError> {
    let mut sheets = Vec::new();
    for (typ, data, _) in Records::new(stream) {
        match typ {
            BOUNDSHEET if data.len() >= 4 => {
                sheets.push(u32::from_le_bytes([data[0], data[1], data[2], data[3]]) as usize)
            }
            // FILEPASS (RC4 encryption): calamine stops here with a password error,
            // so the sheets, whose records are encrypted, are never parsed.
            FILEPASS if data.len() < 2 || data[..2] != [0, 0] => return Ok(()),
            // FILEPASS type 0: XOR obfuscation, the "password to open" of old Excel
            // versions. calamine does not know it and would parse the obfuscated
            // records as if they were plain; the file is password-protected.
            FILEPASS => return Err(Unreadable::Encrypted.into()),
            EOF => break,
            _ => {}
        }
    }
    let mut span: u64 = 0;
    let mut scanned = 0usize;
    for start in sheets {
        let Some(sheet) = stream.get(start..) else {
            return Err(Unreadable::Corrupt(format!(
                "a sheet starts at byte {start} of a workbook stream of {} bytes",
                stream.len()
            ))
            .into());
        };
        let (sheet_span, end) = sheet_span(sheet);
        // Sheets are consecutive, so a valid file reads each byte about once.
        // Sheets that all point at the same place would make this (and calamine)
        // read the stream again and again.
        scanned = scanned.saturating_add(end);
        if scanned > stream.len().saturating_mul(4) {
            return Err(Unreadable::Corrupt("sheets overlap in the workbook stream".into()).into());
        }
        span = span.saturating_add(sheet_span);
        if span > limit as u64 {
            return Err(TooLarge::Span { cells: span, limit }.into());
        }
    }
    Ok(())
}

/// The cells one sheet makes calamine hold: the larger of its declared and its
/// actual rectangle, or its number of cell records if that is larger still. Also
/// the number of bytes read, up to the sheet's EOF.
fn sheet_span(sheet: &[u8]) -> (u64, usize) {
    let mut bounds = Bounds::default();
    let mut declared: u64 = 0;
    let mut cells: u64 = 0;
    let mut seen_bof = false;
    let mut depth = 0usize;
    let mut end = 0;
    for (typ, data, at) in Records::new(sheet) {
        end = at;
        if depth > 0 {
            match typ {
                BOF => depth += 1,
                EOF => depth -= 1,
                _ => {}
            }
            continue;
        }
        let at_least = |n: usize| data.len() >= n;
        match typ {
            BOF if seen_bof => depth += 1,
            BOF => seen_bof = true,
            EOF => break,
            DIMENSIONS => declared = declared.max(dimensions(data)),
            // Number, Label, RString, BoolErr, String (a formula's text), Rk, LabelSst.
            0x0203 if at_least(14) => bounds.cell(data, 1, &mut cells),
            0x0204 | 0x00D6 if at_least(6) => bounds.cell(data, 1, &mut cells),
            0x0205 if at_least(8) => bounds.cell(data, 1, &mut cells),
            0x027E | 0x00FD if at_least(10) => bounds.cell(data, 1, &mut cells),
            0x0207 => cells += 1,
            // A formula holds its value and its text.
            FORMULA if at_least(20) => bounds.cell(data, 1, &mut cells),
            MULRK if at_least(6) => bounds.cell(data, (data.len() - 6).div_ceil(6), &mut cells),
            _ => {}
        }
    }
    (bounds.area().max(declared).max(cells), end)
}

/// calamine's reservation for a DIMENSIONS record (`parse_dimensions`, then
/// rows × columns with the wrapping arithmetic of a release build).
fn dimensions(r: &[u8]) -> u64 {
    let u16_at = |i: usize| u32::from(u16::from_le_bytes([r[i], r[i + 1]]));
    let u32_at = |i: usize| u32::from_le_bytes([r[i], r[i + 1], r[i + 2], r[i + 3]]);
    let (rf, rl, mut cf, cl) = match r.len() {
        10 => (u16_at(0), u16_at(2), u16_at(4), u16_at(6)),
        14 | 16 => (u32_at(0), u32_at(4), u16_at(8), u16_at(10)),
        _ => return 0,
    };
    if 0xFF < cf || cl < cf {
        cf = 0;
    }
    let ((r0, c0), (r1, c1)) = if 1 <= rl && 1 <= cl {
        ((rf, cf), (rl - 1, cl - 1))
    } else {
        ((rf, cf), (rf, cf))
    };
    let rows = u64::from(r1.wrapping_sub(r0).wrapping_add(1));
    let cols = u64::from(c1.wrapping_sub(c0).wrapping_add(1));
    rows.saturating_mul(cols)
}

/// The rectangle from the first to the last cell, as `Range::from_sparse` builds it.
#[derive(Default)]
struct Bounds {
    rows: Option<(u32, u32)>,
    cols: Option<(u32, u32)>,
}

impl Bounds {
    /// A record for `n` cells in a row, from the row and column of its first
    /// (`n` > 1 only for MulRk, whose cells run on to the right).
    fn cell(&mut self, r: &[u8], n: usize, cells: &mut u64) {
        let row = u32::from(u16::from_le_bytes([r[0], r[1]]));
        let first = u32::from(u16::from_le_bytes([r[2], r[3]]));
        let last = first + u32::try_from(n.max(1) - 1).unwrap_or(u32::MAX - first);
        widen(&mut self.rows, row, row);
        widen(&mut self.cols, first, last);
        *cells = cells.saturating_add(n as u64);
    }

    fn area(&self) -> u64 {
        match (self.rows, self.cols) {
            (Some((r0, r1)), Some((c0, c1))) => {
                u64::from(r1 - r0 + 1).saturating_mul(u64::from(c1 - c0 + 1))
            }
            _ => 0,
        }
    }
}

fn widen(span: &mut Option<(u32, u32)>, lo: u32, hi: u32) {
    *span = Some(match *span {
        Some((a, b)) => (a.min(lo), b.max(hi)),
        None => (lo, hi),
    });
}

/// BIFF records as calamine's `RecordIter` reads them: CONTINUE records after a
/// record belong to it. Each item is (type, data, offset after the record). Stops
/// where calamine would stop with an error.
struct Records<'a> {
    stream: &'a [u8],
    at: usize,
}

impl<'a> Records<'a> {
    fn new(stream: &'a [u8]) -> Self {
        Records { stream, at: 0 }
    }

    fn header(&self, at: usize) -> Option<(u16, usize)> {
        let h = self.stream.get(at..at + 4)?;
        Some((
            u16::from_le_bytes([h[0], h[1]]),
            usize::from(u16::from_le_bytes([h[2], h[3]])),
        ))
    }
}

impl<'a> Iterator for Records<'a> {
    type Item = (u16, &'a [u8], usize);

    fn next(&mut self) -> Option<Self::Item> {
        let (typ, len) = self.header(self.at)?;
        let data = self.stream.get(self.at + 4..self.at + 4 + len)?;
        self.at += 4 + len;
        // calamine looks for CONTINUE only when more than 4 bytes follow.
        while self.stream.len() - self.at > 4 {
            match self.header(self.at) {
                Some((CONTINUE, len)) if self.stream.len() - self.at >= 4 + len => {
                    self.at += 4 + len
                }
                Some((CONTINUE, _)) => return None,
                _ => break,
            }
        }
        Some((typ, data, self.at))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grid::MAX_CELLS;

    fn record(typ: u16, data: &[u8]) -> Vec<u8> {
        let mut r = typ.to_le_bytes().to_vec();
        r.extend((data.len() as u16).to_le_bytes());
        r.extend(data);
        r
    }

    /// A workbook stream: globals with one BOUNDSHEET, then one sheet of `records`.
    fn workbook(records: &[Vec<u8>]) -> Vec<u8> {
        let bof = record(BOF, &[0x00, 0x06, 0x10, 0x00]);
        let globals_len = bof.len() + 4 + 8 + 4;
        let mut sheet_entry = (globals_len as u32).to_le_bytes().to_vec();
        sheet_entry.extend([0, 0, 1, 0, b'S']);
        let mut out = bof.clone();
        out.extend(record(BOUNDSHEET, &sheet_entry[..8]));
        out.extend(record(EOF, &[]));
        assert_eq!(out.len(), globals_len);
        out.extend(record(BOF, &[0x00, 0x06, 0x10, 0x00]));
        for r in records {
            out.extend(r);
        }
        out.extend(record(EOF, &[]));
        out
    }

    fn number(row: u16, col: u16) -> Vec<u8> {
        let mut d = row.to_le_bytes().to_vec();
        d.extend(col.to_le_bytes());
        d.extend([0; 10]);
        record(0x0203, &d)
    }

    #[test]
    fn real_xls_files_pass() {
        for file in [
            "tests/fixtures/lo-sheet.xls",
            "tests/fixtures/bad/errors.xls",
            "tests/fixtures/lo-password.xls",
        ] {
            let bytes = std::fs::read(file).expect(file);
            let stream = super::super::cfb::precheck(&bytes)
                .expect(file)
                .expect("a workbook stream");
            assert_eq!(&stream[..2], &BOF.to_le_bytes(), "{file}");
            assert_eq!(precheck(&stream, MAX_CELLS), Ok(()), "{file}");
        }
    }

    #[test]
    fn a_small_sheet_passes() {
        let stream = workbook(&[number(0, 0), number(39, 9)]);
        assert_eq!(precheck(&stream, MAX_CELLS), Ok(()));
        assert_eq!(sheet_span(&stream[24..]).0, 400);
    }

    #[test]
    fn far_apart_cells_are_too_large() {
        let stream = workbook(&[number(0, 0), number(65_535, 65_535)]);
        assert_eq!(
            precheck(&stream, MAX_CELLS),
            Err(TooLarge::Span {
                cells: 1 << 32,
                limit: MAX_CELLS
            }
            .into())
        );
    }

    #[test]
    fn a_huge_declared_dimension_is_too_large() {
        let mut dims = 0u32.to_le_bytes().to_vec();
        dims.extend(u32::MAX.to_le_bytes());
        dims.extend([0, 0, 0xFF, 0, 0, 0]);
        let stream = workbook(&[record(DIMENSIONS, &dims), number(0, 0)]);
        assert!(matches!(
            precheck(&stream, MAX_CELLS),
            Err(ReadError::TooLarge(TooLarge::Span { .. }))
        ));
    }

    #[test]
    fn a_sheet_beyond_the_stream_is_corrupt() {
        let mut stream = workbook(&[number(0, 0)]);
        stream[12..16].copy_from_slice(&100_000u32.to_le_bytes());
        assert!(matches!(
            precheck(&stream, MAX_CELLS),
            Err(ReadError::Unreadable(Unreadable::Corrupt(_)))
        ));
    }
}
