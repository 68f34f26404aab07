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
