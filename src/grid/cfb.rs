//! A structural check of a compound file (`.xls`, encrypted OOXML) before calamine
//! opens it.
//!
//! calamine 0.38's compound-file reader trusts the sector numbers it finds: a
//! truncated file or a sector number past the end makes it slice out of bounds
//! (`cfb.rs` `Sectors::get`) or fail an assertion (`utils::to_u32` on a partial
//! FAT sector), and a FAT chain that loops back on itself makes it read the
//! directory forever, growing memory until the process aborts. Found by fuzzing
//! (tests/fixtures/fuzz/).
//!
//! This walks exactly the structures calamine's `Cfb::new` and `Xls` walk (DIFAT,
//! FAT, directory chain, mini stream and mini FAT, the `Workbook`/`Book` stream)
//! and refuses the file when any sector it would read lies beyond the end of the
//! file, a table of sector numbers is cut inside an entry, any FAT lookup is out of
//! range, or a chain is longer than the file has sectors. A last sector cut short
//! is read as calamine reads it (what is there, then zeros): the guard stops
//! crashes, not deviations from the format. A well-formed file passes untouched;
//! things calamine itself reports as errors (a bad sector shift, an empty root)
//! are left for it to report.

const RESERVED: u32 = 0xFFFF_FFFA;
const DIFSECT: u32 = 0xFFFF_FFFC;
const ENDOFCHAIN: u32 = 0xFFFF_FFFE;
const HEADER: usize = 512;
const MINI_SECTOR: usize = 64;
/// calamine reads a stream shorter than this from the mini stream.
const MINI_STREAM_CUTOFF: usize = 4096;

/// Ok when calamine can read the file's structure without going out of bounds,
/// with the workbook stream (`Workbook` or `Book`) as calamine will read it, if the
/// file has one. The error says what is wrong, for an `unreadable-file` finding.
pub(super) fn precheck(bytes: &[u8]) -> Result<Option<Vec<u8>>, String> {
    if bytes.len() < HEADER {
        return Ok(None); // calamine reports a short header itself
    }
    let header = &bytes[..HEADER];
    let sector = match u16_at(header, 30) {
        0x0009 => 512,
        0x000C => 4096,
        _ => return Ok(None), // calamine: "Invalid sector shift"
    };
    if u16_at(header, 32) != 0x0006 {
        return Ok(None); // calamine: "Invalid minisector shift"
    }
    // The header takes the first sector; sector 0 follows it.
    let data = bytes.get(sector.max(HEADER)..).unwrap_or_default();
    // A last sector cut short (some writers end the file where the last stream
    // ends): calamine reads what is there, and the rest as zeros once it has read
    // it; only a table of sector numbers cut inside an entry makes it panic.
    let padded;
    let (data, partial) = match data.len() % sector {
        0 => (data, None),
        cut => {
            padded = [data, &vec![0; sector - cut]].concat();
            (padded.as_slice(), Some(((data.len() / sector) as u32, cut)))
        }
    };
    let big = Sectors {
        data,
        size: sector,
        partial,
    };

    let fat = fat(header, &big)?;

    // The directory: 128-byte entries along the chain from the header's start.
    let directory = big.chain(u32_at(header, 48), usize::MAX, &fat, false)?;
    let entries: Vec<Entry> = directory
        .chunks_exact(128)
        .map(|e| Entry::parse(e, sector))
        .collect();
    let Some(root) = entries.first() else {
        return Ok(None); // calamine: "Empty Root directory"
    };

    // The mini stream (the root entry's chain) and the mini FAT, read only when
    // the header declares a mini FAT.
    let mini_fat_sectors = u32_at(header, 64) as usize;
    let (mini_stream, mini_fat) = if mini_fat_sectors > 0 {
        let stream = big.chain(root.start, root.len, &fat, false)?;
        let table = big.chain(
            u32_at(header, 60),
            mini_fat_sectors.saturating_mul(sector),
            &fat,
            true,
        )?;
        (stream, u32s(&table).collect())
    } else {
        (Vec::new(), Vec::new())
    };
    let mini = Sectors {
        data: &mini_stream,
        size: MINI_SECTOR,
        partial: None,
    };

    // The workbook stream: `Workbook`, else `Book` (BIFF5).
    let stream = ["Workbook", "Book"]
        .iter()
        .find_map(|name| entries.iter().find(|e| e.is(name)));
    match stream {
        Some(s) if s.len < MINI_STREAM_CUTOFF => {
            mini.chain(s.start, s.len, &mini_fat, false).map(Some)
        }
        Some(s) => big.chain(s.start, s.len, &fat, false).map(Some),
        None => Ok(None),
    }
}

/// The file's FAT, from the DIFAT in the header and its chain of DIFAT sectors.
fn fat(header: &[u8], big: &Sectors<'_>) -> Result<Vec<u32>, String> {
    // DIFAT: 109 entries in the header, then a chain of DIFAT sectors whose last
    // entry names the next one.
    let mut difat: Vec<u32> = u32s(&header[76..512]).collect();
    let mut next = u32_at(header, 68);
    let mut steps = 0;
    while next < RESERVED {
        let sector = big.table(next)?;
        steps += 1;
        if steps > big.count() {
            return Err("the DIFAT chain loops".into());
        }
        difat.extend(u32s(sector));
        next = difat.pop().unwrap_or(ENDOFCHAIN);
    }

    // FAT: one sector per DIFAT entry, all loaded by calamine. A valid file has no
    // more FAT sectors than sectors; allow the header's 109 slots on top, so the
    // FAT stays about as large as the file.
    let fat_sectors: Vec<u32> = difat.into_iter().filter(|id| *id < DIFSECT).collect();
    if fat_sectors.len() > big.count() + 109 {
        return Err(format!(
            "{} FAT sectors listed for a file of {} sectors",
            fat_sectors.len(),
            big.count()
        ));
    }
    let mut fat = Vec::new();
    for id in fat_sectors {
        fat.extend(u32s(big.table(id)?));
    }
    Ok(fat)
}

/// The sectors of the file (or of the mini stream), a last sector cut short padded
/// with zeros.
struct Sectors<'a> {
    data: &'a [u8],
    size: usize,
    /// The last sector, when the file cuts it short: its number and the bytes present.
    partial: Option<(u32, usize)>,
}

impl Sectors<'_> {
    fn count(&self) -> usize {
        self.data.len() / self.size
    }

    fn get(&self, id: u32) -> Result<&[u8], String> {
        let start = id as usize * self.size;
        self.data.get(start..start + self.size).ok_or_else(|| {
            format!(
                "sector {id} lies beyond the end of the file, which has {} sectors of {} bytes; is it truncated?",
                self.count(),
                self.size
            )
        })
    }

    /// A sector holding sector numbers (DIFAT, FAT, mini FAT): calamine reads it
    /// four bytes at a time and asserts that it has whole entries.
    fn table(&self, id: u32) -> Result<&[u8], String> {
        match self.partial {
            Some((last, present)) if last == id && present % 4 != 0 => Err(format!(
                "the last sector ({id}), a table of sector numbers, is cut after {present} bytes, inside an entry"
            )),
            _ => self.get(id),
        }
    }

    /// Follows a chain as calamine's `Sectors::get_chain` does, up to `len` bytes,
    /// and returns what it reads; `table`: the chain holds sector numbers.
    fn chain(&self, start: u32, len: usize, fat: &[u32], table: bool) -> Result<Vec<u8>, String> {
        let mut out = Vec::new();
        let mut id = start;
        let mut steps = 0;
        while id != ENDOFCHAIN {
            let sector = if table {
                self.table(id)?
            } else {
                self.get(id)?
            };
            let take = sector.len().min(len - out.len());
            out.extend_from_slice(&sector[..take]);
            if out.len() >= len {
                break;
            }
            steps += 1;
            if steps > self.count() {
                return Err(format!("the sector chain from sector {start} loops"));
            }
            id = *fat
                .get(id as usize)
                .ok_or_else(|| format!("sector {id} has no entry in the allocation table"))?;
        }
        Ok(out)
    }
}

struct Entry {
    name: String,
    start: u32,
    len: usize,
}

impl Entry {
    fn parse(raw: &[u8], sector: usize) -> Entry {
        let units: Vec<u16> = raw[..64]
            .chunks_exact(2)
            .map(|b| u16::from_le_bytes([b[0], b[1]]))
            .collect();
        let mut name: String = char::decode_utf16(units)
            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect();
        if let Some(end) = name.find('\0') {
            name.truncate(end);
        }
        let len = if sector == 512 {
            u32_at(raw, 120) as usize
        } else {
            usize::try_from(u64::from_le_bytes(
                raw[120..128].try_into().unwrap_or_default(),
            ))
            .unwrap_or(usize::MAX)
        };
        Entry {
            name,
            start: u32_at(raw, 116),
            len,
        }
    }

    fn is(&self, name: &str) -> bool {
        self.name.as_bytes().eq_ignore_ascii_case(name.as_bytes())
    }
}

fn u16_at(b: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([b[at], b[at + 1]])
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

fn u32s(b: &[u8]) -> impl Iterator<Item = u32> + '_ {
    b.chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_compound_files_pass() {
        for file in [
            "tests/fixtures/lo-sheet.xls",
            "tests/fixtures/bad/errors.xls",
            "tests/fixtures/lo-password.xls",
            "tests/fixtures/lo-password.xlsx",
            "tests/fixtures/excel-password.xlsb",
            "tests/fixtures/bad/encrypted.xlsx",
        ] {
            let bytes = std::fs::read(file).expect(file);
            assert!(precheck(&bytes).is_ok(), "{file}");
        }
    }

    #[test]
    fn a_truncated_compound_file_is_refused() {
        let bytes = std::fs::read("tests/fixtures/lo-sheet.xls").expect("fixture");
        for cut in [bytes.len() - 512, bytes.len() / 2, 600] {
            assert!(precheck(&bytes[..cut]).is_err(), "cut at {cut}");
        }
    }

    #[test]
    fn a_short_last_sector_passes_unless_it_cuts_a_table_entry() {
        // lo-sheet.xls ends in a directory sector whose last entries are unused:
        // calamine reads the file with that sector cut short.
        let bytes = std::fs::read("tests/fixtures/lo-sheet.xls").expect("fixture");
        for cut in [1, 100, 256, 300] {
            let stream = precheck(&bytes[..bytes.len() - cut]).expect("short last sector");
            assert_eq!(stream.map(|s| s.len()), Some(4070), "cut {cut}");
        }
        // A FAT sector cut inside an entry would fail calamine's assertion.
        let mut fat_last = bytes[..512 + 6].to_vec();
        fat_last[76..80].copy_from_slice(&0u32.to_le_bytes());
        let err = precheck(&fat_last).expect_err("cut FAT");
        assert!(err.contains("inside an entry"), "{err}");
    }

    #[test]
    fn a_looping_directory_chain_is_refused() {
        let mut bytes = std::fs::read("tests/fixtures/lo-sheet.xls").expect("fixture");
        // Point the FAT entry of the directory's start sector back at itself.
        let dir_start = u32_at(&bytes, 48) as usize;
        let fat_sector = u32_at(&bytes, 76) as usize;
        let at = 512 + fat_sector * 512 + dir_start * 4;
        bytes[at..at + 4].copy_from_slice(&(dir_start as u32).to_le_bytes());
        let err = precheck(&bytes).expect_err("loop");
        assert!(err.contains("loops"), "{err}");
    }
}
