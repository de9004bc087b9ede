//! A dictionary of labels: each distinct text once, numbered in the order of first appearance.

use core::hash::BuildHasher;

use hashbrown::{DefaultHashBuilder, HashTable};

use crate::error::{Error, Result};

/// The code of a missing label (a response without that field).
pub(crate) const MISSING: u32 = u32::MAX;

/// Distinct labels, numbered 0, 1, 2, … in the order they first appeared.
///
/// The labels are stored end to end in one string (no allocation per label) and found again
/// through a hash table of codes, so a label costs its bytes plus about 13 bytes.
#[derive(Clone, Default)]
pub(crate) struct Dictionary {
    text: String,
    /// `ends[code]` is where label `code` ends in `text`; it starts where the one before ends.
    ends: Vec<usize>,
    table: HashTable<u32>,
    hasher: DefaultHashBuilder,
    /// The code looked up last. Exports list answers by account, period or branch, so the next
    /// label is often the same one; and a survey's waves list the same contacts in the same order,
    /// so it is often the one after. Comparing with those two reads memory in order, where a hash
    /// probe into a large dictionary misses the cache twice.
    last: u32,
}

impl Dictionary {
    /// The code of `label`, added when it is new.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidCount`] when a new label would be the 2³² − 1st: codes are `u32` and
    /// `u32::MAX` means "missing".
    #[inline]
    pub(crate) fn code(&mut self, label: &str) -> Result<u32> {
        if label_in(&self.text, &self.ends, self.last) == Some(label) {
            return Ok(self.last);
        }
        let next = self.last.wrapping_add(1);
        if label_in(&self.text, &self.ends, next) == Some(label) {
            self.last = next;
            return Ok(next);
        }
        let hash = self.hasher.hash_one(label);
        let (text, ends) = (&self.text, &self.ends);
        if let Some(&code) = self.table.find(hash, |&code| label_in(text, ends, code) == Some(label)) {
            self.last = code;
            return Ok(code);
        }
        let code = u32::try_from(self.ends.len()).ok().filter(|&code| code < MISSING).ok_or(
            Error::InvalidCount {
                name: "distinct labels in a column",
                value: u64::from(MISSING),
                expected: "fewer than 4294967295 distinct labels",
            },
        )?;
        self.text.push_str(label);
        self.ends.push(self.text.len());
        let (text, ends, hasher) = (&self.text, &self.ends, &self.hasher);
        self.table.insert_unique(hash, code, |&code| {
            hasher.hash_one(label_in(text, ends, code).unwrap_or_default())
        });
        self.last = code;
        Ok(code)
    }

    /// Forgets every label from code `len` on.
    pub(crate) fn truncate(&mut self, len: usize) {
        if len >= self.ends.len() {
            return;
        }
        let end = if len == 0 { 0 } else { self.ends.get(len - 1).copied().unwrap_or(0) };
        self.text.truncate(end);
        self.ends.truncate(len);
        self.last = 0;
        self.table.retain(|&mut code| usize::try_from(code).is_ok_and(|code| code < len));
    }

    /// The code of `label` if it is in the dictionary.
    pub(crate) fn find(&self, label: &str) -> Option<u32> {
        let hash = self.hasher.hash_one(label);
        self.table.find(hash, |&code| label_in(&self.text, &self.ends, code) == Some(label)).copied()
    }

    /// The label of `code`.
    pub(crate) fn label(&self, code: u32) -> Option<&str> {
        label_in(&self.text, &self.ends, code)
    }

    /// The number of distinct labels.
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// The labels in code order.
    pub(crate) fn labels(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.ends.len()).filter_map(|code| u32::try_from(code).ok().and_then(|code| self.label(code)))
    }

    /// The bytes this dictionary holds on the heap (its text, offsets and table).
    pub(crate) fn heap_bytes(&self) -> usize {
        self.text.capacity()
            + self.ends.capacity() * core::mem::size_of::<usize>()
            + self.table.capacity() * (core::mem::size_of::<u32>() + 1)
    }
}

fn label_in<'t>(text: &'t str, ends: &[usize], code: u32) -> Option<&'t str> {
    let code = usize::try_from(code).ok()?;
    let end = *ends.get(code)?;
    let start = if code == 0 { 0 } else { *ends.get(code - 1)? };
    text.get(start..end)
}

impl PartialEq for Dictionary {
    /// Two dictionaries are equal when they hold the same labels under the same codes.
    fn eq(&self, other: &Dictionary) -> bool {
        self.text == other.text && self.ends == other.ends
    }
}

impl core::fmt::Debug for Dictionary {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_list().entries(self.labels()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_follow_first_appearance_and_labels_come_back() {
        let mut dictionary = Dictionary::default();
        let codes: Vec<u32> =
            ["b", "a", "b", "", "a", "ccc"].iter().map(|l| dictionary.code(l).unwrap()).collect();
        assert_eq!(codes, [0, 1, 0, 2, 1, 3]);
        assert_eq!(dictionary.len(), 4);
        assert_eq!(dictionary.labels().collect::<Vec<_>>(), ["b", "a", "", "ccc"]);
        assert_eq!((dictionary.find("ccc"), dictionary.find("d")), (Some(3), None));
        assert_eq!(dictionary.label(4), None);
        dictionary.truncate(2);
        assert_eq!((dictionary.len(), dictionary.find("ccc"), dictionary.find("a")), (2, None, Some(1)));
        assert_eq!(dictionary.code("ccc").unwrap(), 2);
    }

    #[test]
    fn many_labels_survive_the_table_growing() {
        let mut dictionary = Dictionary::default();
        for i in 0..10_000u32 {
            assert_eq!(dictionary.code(&format!("label {i}")).unwrap(), i);
        }
        for i in (0..10_000u32).rev() {
            assert_eq!(dictionary.find(&format!("label {i}")), Some(i));
            assert_eq!(dictionary.label(i), Some(format!("label {i}").as_str()));
        }
    }
}
