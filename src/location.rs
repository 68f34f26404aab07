//! Stage: shared by every stage. A cell position, stored 0-based and absolute
//! (row 0 = spreadsheet row 1, col 0 = column A), rendered as `D9` only by `Display`.
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
}
