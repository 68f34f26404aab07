//! Values by key, in the order their keys first came, as a `#PSALDO` group keeps
//! its rows per project (and per object dimension). Most groups have a handful, and
//! a search of the list finds one fastest; but a file may put tens of thousands of
//! projects on one account and month, and a search per row would then take hours
//! (quadratic). Past [`SEARCHED`] keys the list is indexed by a map.

use super::FxMap;
use std::hash::Hash;

/// The most keys found by a search of the list; past them, by the index.
const SEARCHED: usize = 16;

#[derive(Debug, Clone)]
pub(super) struct Keyed<K, V> {
    list: Vec<(K, V)>,
    /// Each key's place in `list`, once it has more than [`SEARCHED`] keys.
    index: FxMap<K, u32>,
}

impl<K, V> Default for Keyed<K, V> {
    fn default() -> Self {
        Keyed {
            list: Vec::new(),
            index: FxMap::default(),
        }
    }
}

impl<K: Copy + Eq + Hash, V> Keyed<K, V> {
    fn position(&self, key: K) -> Option<usize> {
        match self.list.len() <= SEARCHED {
            true => self.list.iter().position(|(k, _)| *k == key),
            false => self.index.get(&key).map(|&at| at as usize),
        }
    }

    pub(super) fn contains(&self, key: K) -> bool {
        self.position(key).is_some()
    }

    /// The value of `key`, made by `value` when the key is new (and put last).
    pub(super) fn get_or_insert_with(&mut self, key: K, value: impl FnOnce() -> V) -> &mut V {
        let at = match self.position(key) {
            Some(at) => at,
            None => {
                self.list.push((key, value()));
                let at = self.list.len() - 1;
                match self.list.len() {
                    n if n == SEARCHED + 1 => {
                        let keys = self.list.iter().map(|(k, _)| *k);
                        self.index = keys.zip(0..).collect();
                    }
                    n if n > SEARCHED + 1 => {
                        self.index.insert(key, at as u32);
                    }
                    _ => {}
                }
                at
            }
        };
        &mut self.list[at].1
    }

    pub(super) fn iter(&self) -> std::slice::Iter<'_, (K, V)> {
        self.list.iter()
    }

    pub(super) fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The values with their keys, in the order the keys came.
    pub(super) fn into_vec(self) -> Vec<(K, V)> {
        self.list
    }
}

impl<K, V> IntoIterator for Keyed<K, V> {
    type Item = (K, V);
    type IntoIter = std::vec::IntoIter<(K, V)>;

    fn into_iter(self) -> Self::IntoIter {
        self.list.into_iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_found_in_the_order_they_came_before_and_past_the_index() {
        let mut keyed: Keyed<u32, u32> = Keyed::default();
        // Each key twice, in a scrambled order, past the searched length.
        let keys: Vec<u32> = (0..200).map(|i| (i * 37) % 101).collect();
        for &k in &keys {
            *keyed.get_or_insert_with(k, || 0) += 1;
        }
        let mut first: Vec<u32> = Vec::new();
        for &k in &keys {
            if !first.contains(&k) {
                first.push(k);
            }
        }
        let got: Vec<u32> = keyed.iter().map(|(k, _)| *k).collect();
        assert_eq!(got, first);
        for (k, n) in keyed.iter() {
            let expected = keys.iter().filter(|x| *x == k).count() as u32;
            assert_eq!(*n, expected, "key {k}");
        }
        assert!(keyed.contains(36) && !keyed.contains(101));
    }
}
