//! A dictionary of labels: each distinct text once, numbered in the order of first appearance.

use core::hash::BuildHasher;

use hashbrown::{DefaultHashBuilder, HashTable, hash_table};

use crate::error::{Error, Result};

/// The code of a missing label (a response without that field).
pub(crate) const MISSING: u32 = u32::MAX;

/// How many distinct labels a dictionary holds at most: codes are `u32`, and `MISSING` is taken.
#[cfg(not(test))]
pub(crate) const LABEL_LIMIT: u32 = MISSING;
/// Unit tests lower the limit, so that a full column can be reached.
#[cfg(test)]
pub(crate) const LABEL_LIMIT: u32 = 10_000;

/// Distinct labels, numbered 0, 1, 2, … in the order they first appeared.
///
/// The labels are stored end to end in one string (no allocation per label) and found again
/// through a hash table of codes, so a label costs its bytes plus about 17 bytes.
#[derive(Clone, Default)]
pub(crate) struct Dictionary {
    text: String,
    /// `ends[code]` is where label `code` ends in `text`; it starts where the one before ends.
    ends: Vec<usize>,
    /// Each label's [`Entry`]: its code and 32 bits of its hash.
    table: HashTable<Entry>,
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
    #[inline(always)]
    pub(crate) fn code(&mut self, label: &str) -> Result<u32> {
        if holds(&self.text, &self.ends, self.last, label) {
            return Ok(self.last);
        }
        let next = self.last.wrapping_add(1);
        if holds(&self.text, &self.ends, next, label) {
            self.last = next;
            return Ok(next);
        }
        self.code_by_hash(label)
    }

    /// [`code`](Dictionary::code) when the label is neither the last one nor the next: a probe of
    /// the hash table, kept out of line so that the two comparisons before it inline at every call.
    #[inline(never)]
    fn code_by_hash(&mut self, label: &str) -> Result<u32> {
        let hash = self.hash(label);
        let (text, ends) = (&self.text, &self.ends);
        // One probe finds the label or the slot for it; growing the table moves entries by their
        // stored hash, without reading labels again.
        let code = match self.table.entry(
            widen(hash),
            |entry| entry.is(hash, text, ends, label),
            |entry| widen(entry.hash),
        ) {
            hash_table::Entry::Occupied(found) => found.get().code,
            hash_table::Entry::Vacant(slot) => {
                let code = u32::try_from(self.ends.len())
                    .ok()
                    .filter(|&code| code < LABEL_LIMIT)
                    .ok_or_else(|| Error::InvalidCount {
                        name: "distinct labels in a column",
                        value: u64::from(LABEL_LIMIT),
                        expected: "fewer than 4294967295 distinct labels",
                    })?;
                slot.insert(Entry { code, hash });
                self.text.push_str(label);
                self.ends.push(self.text.len());
                code
            }
        };
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
        self.table.retain(|entry| usize::try_from(entry.code).is_ok_and(|code| code < len));
    }

    /// The code of `label` if it is in the dictionary.
    pub(crate) fn find(&self, label: &str) -> Option<u32> {
        let hash = self.hash(label);
        self.table
            .find(widen(hash), |entry| entry.is(hash, &self.text, &self.ends, label))
            .map(|entry| entry.code)
    }

    /// 32 bits of the hash of `label`.
    #[inline(always)]
    fn hash(&self, label: &str) -> u32 {
        let hash = self.hasher.hash_one(label);
        u32::try_from(hash >> 32).unwrap_or_default()
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
            + self.table.capacity() * (core::mem::size_of::<Entry>() + 1)
    }
}

/// A label's code with 32 bits of its hash, kept so that growing the table and ruling out a
/// different label need not read the labels' text (at random places of a large dictionary).
#[derive(Clone, Copy)]
struct Entry {
    code: u32,
    hash: u32,
}

impl Entry {
    #[inline(always)]
    fn is(self, hash: u32, text: &str, ends: &[usize], label: &str) -> bool {
        self.hash == hash && holds(text, ends, self.code, label)
    }
}

/// The 64-bit hash the table places an entry by, from its 32 stored bits: the table takes its
/// position from the low bits and a tag from the top seven.
#[inline(always)]
fn widen(hash: u32) -> u64 {
    (u64::from(hash) << 32) | u64::from(hash)
}

fn label_in<'t>(text: &'t str, ends: &[usize], code: u32) -> Option<&'t str> {
    text.get(span(ends, code)?)
}

fn span(ends: &[usize], code: u32) -> Option<core::ops::Range<usize>> {
    let code = usize::try_from(code).ok()?;
    let end = *ends.get(code)?;
    let start = if code == 0 { 0 } else { *ends.get(code - 1)? };
    Some(start..end)
}

/// Whether label `code` is `label`: compared as bytes, which skips the check that a slice of
/// `text` falls on character boundaries (equal bytes are equal text).
#[inline(always)]
fn holds(text: &str, ends: &[usize], code: u32, label: &str) -> bool {
    span(ends, code)
        .and_then(|span| text.as_bytes().get(span))
        .is_some_and(|held| same(held, label.as_bytes()))
}

/// Byte equality written out for short labels. Labels are ids, roles and periods of a few to a few
/// dozen bytes, where a call to `memcmp` costs more than the comparison: building a survey spent
/// half its time there. Words of 8 bytes (the last one overlapping), else 4, else single bytes.
#[inline(always)]
pub(crate) fn same(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    if n >= 8 {
        let mut at = 0;
        while at + 8 < n {
            if word(a, at) != word(b, at) {
                return false;
            }
            at += 8;
        }
        word(a, n - 8) == word(b, n - 8)
    } else if n >= 4 {
        half(a, 0) == half(b, 0) && half(a, n - 4) == half(b, n - 4)
    } else if n > 0 {
        a.first() == b.first() && a.get(n / 2) == b.get(n / 2) && a.last() == b.last()
    } else {
        true
    }
}

#[inline(always)]
fn word(bytes: &[u8], at: usize) -> u64 {
    bytes.get(at..at + 8).and_then(|w| w.try_into().ok()).map_or(0, u64::from_ne_bytes)
}

#[inline(always)]
fn half(bytes: &[u8], at: usize) -> u32 {
    bytes.get(at..at + 4).and_then(|w| w.try_into().ok()).map_or(0, u32::from_ne_bytes)
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
    fn word_comparison_sees_every_byte_and_the_length() {
        for n in 0..=40_usize {
            let a: Vec<u8> = (0..n).map(|i| b'a' + (i % 26) as u8).collect();
            assert!(same(&a, &a.clone()), "length {n}");
            for at in 0..n {
                let mut b = a.clone();
                b[at] ^= 0x20;
                assert!(!same(&a, &b), "length {n}, byte {at}");
            }
            let mut longer = a.clone();
            longer.push(b'a');
            assert!(!same(&a, &longer) && !same(&longer, &a), "length {n}");
        }
    }

    #[test]
    fn many_labels_keep_their_codes_through_growth() {
        let mut dictionary = Dictionary::default();
        let labels: Vec<String> = (0..5_000).map(|i| format!("contact-{i:07}")).collect();
        for (code, label) in labels.iter().enumerate() {
            assert_eq!(dictionary.code(label).unwrap() as usize, code);
        }
        // Out of order, so that neither the last label nor the next one is the answer.
        for (code, label) in labels.iter().enumerate().rev().step_by(7) {
            assert_eq!(dictionary.code(label).unwrap() as usize, code);
            assert_eq!(dictionary.find(label), Some(code as u32));
        }
        assert_eq!(dictionary.find("contact-0005000"), None);
        assert_eq!(dictionary.len(), 5_000);
    }

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
