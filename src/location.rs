//! Stage: shared by every stage. A cell position, stored 0-based and absolute
//! (row 0 = spreadsheet row 1, col 0 = column A). This is the one place that writes
//! and reads A1 text: `D9` (`Display`, [`CellRef::parse_a1`]), `$D$9`
//! ([`CellRef::absolute`]), `A1:D9` ([`CellRange`]) and `'Sheet name'!D9`
//! ([`on_sheet`]).
//!
//! calamine's `Range::get` is relative to the range's first cell; this type never is.
//! Nothing here knows about a spreadsheet library.

use std::fmt;

/// A 0-based, absolute cell position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CellRef {
    pub row: u32,
    pub col: u32,
}

impl CellRef {
    pub const fn new(row: u32, col: u32) -> Self {
        Self { row, col }
    }

    /// The 1-based row number a spreadsheet shows.
    pub fn row_number(self) -> u32 {
        self.row + 1
    }

    /// `D9` (any case) → row 8, column 3. One to three column letters and a row
    /// number from 1; `None` for anything else (`11`, `D0`, `$D$9`, `D9:E9`).
    pub fn parse_a1(text: &str) -> Option<CellRef> {
        let letters = text.bytes().take_while(u8::is_ascii_alphabetic).count();
        if letters == 0 || letters > 3 {
            return None;
        }
        let col = text[..letters].bytes().try_fold(0u32, |acc, b| {
            Some(acc * 26 + u32::from(b.to_ascii_uppercase().checked_sub(b'A')? + 1))
        })?;
        let digits = &text[letters..];
        if !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let row: u32 = digits.parse().ok()?;
        Some(CellRef::new(row.checked_sub(1)?, col - 1))
    }

    /// `$D$9`: the reference a formula keeps when it is copied.
    pub fn absolute(self) -> Absolute {
        Absolute(self)
    }

    /// `self:last`, e.g. `C5:C9`.
    pub fn to(self, last: CellRef) -> CellRange {
        CellRange { first: self, last }
    }
}

/// A cell written `$D$9`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Absolute(pub CellRef);

impl fmt::Display for Absolute {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "${}${}", column_letters(self.0.col), self.0.row_number())
    }
}

/// A rectangle of cells, written `A1:D9` (first and last cell, inclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CellRange {
    pub first: CellRef,
    pub last: CellRef,
}

impl fmt::Display for CellRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.first, self.last)
    }
}

/// `'Sheet name'!D9`: a place on a named sheet, the name always quoted and its
/// quotes doubled (`'Ann''s'!A1`), as Excel reads it in formulas and links.
pub fn on_sheet(sheet: &str, place: impl fmt::Display) -> String {
    format!("'{}'!{place}", sheet.replace('\'', "''"))
}

/// Column letters for a 0-based column: 0 → `A`, 25 → `Z`, 26 → `AA`, 16383 → `XFD`.
pub fn column_letters(col: u32) -> String {
    let mut n = col as u64 + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        letters.push(b'A' + rem);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

impl fmt::Display for CellRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", column_letters(self.col), self.row_number())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_column_edges() {
        assert_eq!(CellRef::new(0, 0).to_string(), "A1");
        assert_eq!(CellRef::new(8, 3).to_string(), "D9");
        assert_eq!(CellRef::new(0, 25).to_string(), "Z1");
        assert_eq!(CellRef::new(0, 26).to_string(), "AA1");
        assert_eq!(CellRef::new(0, 701).to_string(), "ZZ1");
        assert_eq!(CellRef::new(0, 702).to_string(), "AAA1");
        assert_eq!(CellRef::new(1_048_575, 16_383).to_string(), "XFD1048576");
    }

    #[test]
    fn parses_what_it_renders_at_the_edges() {
        for (row, col) in [
            (0, 0),
            (0, 25),
            (0, 26),
            (8, 3),
            (0, 701),
            (0, 702),
            (1_048_575, 16_383),
        ] {
            let at = CellRef::new(row, col);
            assert_eq!(CellRef::parse_a1(&at.to_string()), Some(at));
        }
        assert_eq!(
            CellRef::parse_a1("xfd1048576"),
            Some(CellRef::new(1_048_575, 16_383))
        );
        for bad in [
            "", "11", "D0", "D", "ABCD1", "$D$9", "D9:E9", "D9 ", "Ä1", "D-1",
        ] {
            assert_eq!(CellRef::parse_a1(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn absolute_ranges_and_sheets() {
        let (a1, d9) = (CellRef::new(0, 0), CellRef::new(8, 3));
        assert_eq!(a1.absolute().to_string(), "$A$1");
        assert_eq!(
            CellRef::new(1_048_575, 16_383).absolute().to_string(),
            "$XFD$1048576"
        );
        assert_eq!(a1.to(d9).to_string(), "A1:D9");
        assert_eq!(on_sheet("Budgetfördelning", d9), "'Budgetfördelning'!D9");
        assert_eq!(on_sheet("Ann's plan", a1.to(d9)), "'Ann''s plan'!A1:D9");
        assert_eq!(on_sheet("''", d9.absolute()), "''''''!$D$9");
    }
}
