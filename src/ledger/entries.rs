//! A file's entries: one per key, in key order. Built once by a reader, already in
//! order, then only walked and looked up: a sorted vector, not a tree, so that the
//! end of a read is one pass over the keys, without a node per few entries or a
//! comparison of names per insertion.

use super::{Entry, Key};
use std::collections::BTreeMap;

/// The entries of one file, ordered by key, each key once.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Entries(Vec<(Key, Entry)>);

impl Entries {
    /// Entries given in strictly increasing key order (the reader's invariant;
    /// checked in debug builds).
    pub(crate) fn from_sorted(list: Vec<(Key, Entry)>) -> Self {
        debug_assert!(
            list.windows(2).all(|w| w[0].0 < w[1].0),
            "keys out of order"
        );
        Entries(list)
    }

    pub fn get(&self, key: &Key) -> Option<&Entry> {
        self.0
            .binary_search_by(|(k, _)| k.cmp(key))
            .ok()
            .map(|i| &self.0[i].1)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&Key, &Entry)> {
        self.0.iter().map(|(k, e)| (k, e))
    }

    pub fn keys(&self) -> impl Iterator<Item = &Key> {
        self.0.iter().map(|(k, _)| k)
    }

    pub fn values(&self) -> impl Iterator<Item = &Entry> {
        self.0.iter().map(|(_, e)| e)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl From<BTreeMap<Key, Entry>> for Entries {
    fn from(map: BTreeMap<Key, Entry>) -> Self {
        Entries(map.into_iter().collect())
    }
}

impl std::ops::Index<&Key> for Entries {
    type Output = Entry;

    /// The entry of `key`; panics when there is none, as a map's index does.
    fn index(&self, key: &Key) -> &Entry {
        match self.get(key) {
            Some(e) => e,
            None => panic!("no entry for {key:?}"),
        }
    }
}

impl<'a> IntoIterator for &'a Entries {
    type Item = (&'a Key, &'a Entry);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (Key, Entry)>,
        fn(&'a (Key, Entry)) -> (&'a Key, &'a Entry),
    >;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, e)| (k, e))
    }
}

impl<'a> IntoIterator for &'a mut Entries {
    type Item = (&'a Key, &'a mut Entry);
    type IntoIter = std::iter::Map<
        std::slice::IterMut<'a, (Key, Entry)>,
        fn(&'a mut (Key, Entry)) -> (&'a Key, &'a mut Entry),
    >;

    /// Each entry to change in place; the keys stay as they are.
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter_mut().map(|(k, e)| (&*k, e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    fn key(month: u8, account: &str, project: Option<&str>) -> Key {
        Key {
            year: 2023,
            month,
            account: account.into(),
            project: project.map(str::to_string),
        }
    }

    fn entry(actual: i64) -> Entry {
        Entry {
            actual: Decimal::from(actual),
            ..Entry::default()
        }
    }

    #[test]
    fn looks_up_and_walks_as_the_map_it_replaces() {
        let mut map = BTreeMap::new();
        for (i, k) in [
            key(2, "4010", None),
            key(1, "5010", Some("P2")),
            key(1, "5010", None),
            key(1, "4010", Some("P1")),
        ]
        .into_iter()
        .enumerate()
        {
            map.insert(k, entry(i as i64 + 1));
        }
        let entries = Entries::from(map.clone());
        assert_eq!(entries.len(), 4);
        assert!(!entries.is_empty());
        assert!(entries.iter().eq(map.iter()), "the map's order");
        for (k, e) in &map {
            assert_eq!(entries.get(k), Some(e));
            assert_eq!(&entries[k], e);
        }
        assert_eq!(entries.get(&key(3, "4010", None)), None);
        assert_eq!(entries.get(&key(1, "5010", Some("P1"))), None);
        let sorted: Vec<(Key, Entry)> = map.into_iter().collect();
        assert_eq!(Entries::from_sorted(sorted.clone()), entries);
        let mut changed = entries.clone();
        for (_, e) in &mut changed {
            e.rows = 7;
        }
        assert!(changed.values().all(|e| e.rows == 7));
        assert!(changed.keys().eq(entries.keys()));
    }
}
