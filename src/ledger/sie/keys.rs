//! Keys and sums of the SIE reader (the table reader shares them): the fast hash,
//! the interner of account and project strings, the per-key accumulator.

use super::*;

/// A fast hash for the reader's small fixed-size keys (the multiply-rotate hash
/// rustc uses). Not resistant to crafted collisions, which cannot cost more than
/// time here: the keys are the file's own accounts and projects.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Fx(u64);

impl std::hash::Hasher for Fx {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(word));
        }
    }

    fn write_u64(&mut self, i: u64) {
        self.0 = (self.0.rotate_left(5) ^ i).wrapping_mul(0x517c_c1b7_2722_0a95);
    }

    fn write_u32(&mut self, i: u32) {
        self.write_u64(u64::from(i));
    }

    fn write_u8(&mut self, i: u8) {
        self.write_u64(u64::from(i));
    }

    fn write_i32(&mut self, i: i32) {
        self.write_u64(i as u64);
    }

    fn write_u128(&mut self, i: u128) {
        self.write_u64(i as u64);
        self.write_u64((i >> 64) as u64);
    }

    fn write_usize(&mut self, i: usize) {
        self.write_u64(i as u64);
    }
}

pub(crate) type FxMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<Fx>>;

/// Byte strings (accounts, project codes) given small numbers, so the per-row maps
/// have fixed-size keys and a known code costs no allocation. A string of at most
/// 15 bytes is looked up as one integer (its bytes and length), first in a small
/// direct-mapped table of recent codes, then in the map.
pub(crate) struct Interner {
    pub(super) short: FxMap<u128, u32>,
    pub(super) long: FxMap<Box<[u8]>, u32>,
    pub(crate) names: Vec<Box<[u8]>>,
    /// Recently looked-up short codes by a hash of their packed form; a slot holds
    /// (packed, id), `packed == 0` is empty (no packed code is 0: its length byte
    /// is at least 1).
    recent: Box<[(u128, u32)]>,
}

const RECENT_SLOTS: usize = 512;

impl Default for Interner {
    fn default() -> Self {
        Interner {
            short: FxMap::default(),
            long: FxMap::default(),
            names: Vec::new(),
            recent: vec![(0, 0); RECENT_SLOTS].into_boxed_slice(),
        }
    }
}

impl Interner {
    /// Another interner's names given numbers in this one: entry `i` is the number
    /// here of the other's name `i` (for joining the parts of a file read apart).
    pub(crate) fn ids_of(&mut self, other: &Interner) -> Vec<u32> {
        other.names.iter().map(|n| self.id(n)).collect()
    }

    pub(crate) fn id(&mut self, raw: &[u8]) -> u32 {
        if raw.len() <= 15 {
            let mut word = [0u8; 16];
            word[..raw.len()].copy_from_slice(raw);
            word[15] = raw.len() as u8 + 1;
            let packed = u128::from_le_bytes(word);
            let mixed = (packed as u64 ^ ((packed >> 64) as u64).rotate_left(29))
                .wrapping_mul(0x9E37_79B9_7F4A_7C15);
            let slot = (mixed >> 55) as usize % RECENT_SLOTS;
            if self.recent[slot].0 == packed {
                return self.recent[slot].1;
            }
            let id = match self.short.get(&packed) {
                Some(id) => *id,
                None => {
                    let id = self.names.len() as u32;
                    self.names.push(raw.into());
                    self.short.insert(packed, id);
                    id
                }
            };
            self.recent[slot] = (packed, id);
            return id;
        }
        if let Some(id) = self.long.get(raw) {
            return *id;
        }
        let id = self.names.len() as u32;
        self.names.push(raw.into());
        self.long.insert(raw.into(), id);
        id
    }
}

/// Rows of one key, summed.
#[derive(Debug, Clone, Copy)]
pub(super) struct Acc {
    pub(super) sum: Decimal,
    pub(super) rows: u32,
    pub(super) first: u64,
}

impl Acc {
    pub(super) fn new(line: u64) -> Self {
        Acc {
            sum: Decimal::ZERO,
            rows: 0,
            first: line,
        }
    }

    /// Adds one row; `false` when the sum would overflow (the row is then not added).
    pub(super) fn add(&mut self, amount: Decimal, line: u64) -> bool {
        match self.sum.checked_add(amount) {
            Some(sum) => {
                self.sum = sum;
                self.rows = self.rows.saturating_add(1);
                self.first = self.first.min(line);
                true
            }
            None => false,
        }
    }

    pub(super) fn merge(&mut self, other: &Acc) -> bool {
        match self.sum.checked_add(other.sum) {
            Some(sum) => {
                self.sum = sum;
                self.rows = self.rows.saturating_add(other.rows);
                self.first = self.first.min(other.first);
                true
            }
            None => false,
        }
    }
}

/// Transaction rows of one key, summed as an exact integer of 1/10 000 kr (no
/// `Decimal` per row); [`TransAcc::acc`] makes it the `Decimal` with the most
/// decimals any of its rows had, exactly what adding the rows as `Decimal`s gives.
#[derive(Debug, Clone, Copy)]
pub(super) struct TransAcc {
    pub(super) units: i128,
    pub(super) scale: u8,
    pub(super) rows: u32,
    pub(super) first: u64,
}

impl TransAcc {
    pub(super) fn new(line: u64) -> Self {
        TransAcc {
            units: 0,
            scale: 0,
            rows: 0,
            first: line,
        }
    }

    /// Adds one row; `false` when the sum would overflow (the row is then not added).
    pub(super) fn add(&mut self, units: i128, scale: u8, line: u64) -> bool {
        match self.units.checked_add(units) {
            Some(sum) => {
                self.units = sum;
                self.scale = self.scale.max(scale);
                self.rows = self.rows.saturating_add(1);
                self.first = self.first.min(line);
                true
            }
            None => false,
        }
    }

    /// Counts a row that repeats another (the `#TRANS` after its `#RTRANS`).
    pub(super) fn fold(&mut self, line: u64) {
        self.rows = self.rows.saturating_add(1);
        self.first = self.first.min(line);
    }

    /// The sum as a `Decimal`; `None` beyond `Decimal`'s range.
    pub(super) fn acc(&self) -> Option<Acc> {
        let step = 10i128.pow(MAX_DECIMALS - u32::from(self.scale));
        let sum =
            Decimal::try_from_i128_with_scale(self.units / step, u32::from(self.scale)).ok()?;
        Some(Acc {
            sum,
            rows: self.rows,
            first: self.first,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) struct GroupKey {
    pub(super) year: i32,
    pub(super) month: u8,
    pub(super) account: u32,
}

/// The key of a transaction row as it streams by: its month and its account and
/// project as interned numbers (`NO_PROJECT` for none), twelve bytes, so that the
/// map of a ledger's keys stays small.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) struct TransKey {
    pub(super) period: u32,
    pub(super) account: u32,
    pub(super) project: u32,
}
