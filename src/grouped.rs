//! Tallies per group in one pass: the fast path behind breakdowns.

use std::collections::HashMap;
use std::hash::Hash;

use crate::{Error, Result, Scale, Tally};

impl Tally {
    /// One tally per dense group id: `keys[i]` is the group of `scores[i]`, and the result has
    /// `max(keys) + 1` tallies (an empty input gives an empty vector). Groups without answers get an
    /// empty tally.
    ///
    /// # Errors
    ///
    /// [`Error::LengthMismatch`] when the slices differ in length; [`Error::ScoreOutOfScaleAt`]
    /// naming the first score off the standard scale.
    ///
    /// ```
    /// use nps_stats::Tally;
    /// let branches = [0u32, 1, 0, 2, 1];
    /// let scores = [10u8, 3, 9, 8, 10];
    /// let tallies = Tally::grouped(&branches, &scores)?;
    /// assert_eq!(tallies.len(), 3);
    /// assert_eq!(tallies[0].nps(), Some(100.0));
    /// assert_eq!(tallies[1].nps(), Some(0.0));
    /// assert_eq!(tallies[2].nps(), Some(0.0));
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn grouped(keys: &[u32], scores: &[u8]) -> Result<Vec<Tally>> {
        Tally::grouped_on(Scale::STANDARD, keys, scores)
    }

    /// As [`grouped`](Tally::grouped), on `scale`.
    ///
    /// # Errors
    ///
    /// As [`grouped`](Tally::grouped), with scores checked against `scale`.
    ///
    /// ```
    /// use nps_stats::{Scale, Tally};
    /// let tallies = Tally::grouped_on(Scale::DUTCH, &[0, 0], &[8, 5])?;
    /// assert_eq!(tallies[0].nps(), Some(0.0));
    /// assert!(Tally::grouped_on(Scale::DUTCH, &[0], &[0]).is_err());
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn grouped_on(scale: Scale, keys: &[u32], scores: &[u8]) -> Result<Vec<Tally>> {
        check_lengths(keys.len(), scores.len())?;
        check_scores(scale, scores)?;
        let groups = keys.iter().max().map_or(0, |&max| max as usize + 1);
        let mut histograms = vec![[0u64; crate::tally::BINS]; groups];
        for (&key, &score) in keys.iter().zip(scores) {
            if let Some(bin) = histograms.get_mut(key as usize).and_then(|h| h.get_mut(usize::from(score))) {
                *bin += 1;
            }
        }
        histograms.into_iter().map(|histogram| Tally::from_histogram(scale, histogram)).collect()
    }

    /// One tally per distinct key, for sparse or non-integer keys (account ids, labels).
    ///
    /// # Errors
    ///
    /// As [`grouped`](Tally::grouped).
    ///
    /// ```
    /// use nps_stats::Tally;
    /// let accounts = ["ACME", "Globex", "ACME"];
    /// let tallies = Tally::grouped_by_key(&accounts, &[10, 2, 9])?;
    /// assert_eq!(tallies["ACME"].nps(), Some(100.0));
    /// assert_eq!(tallies["Globex"].nps(), Some(-100.0));
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn grouped_by_key<K: Hash + Eq + Clone>(keys: &[K], scores: &[u8]) -> Result<HashMap<K, Tally>> {
        Tally::grouped_by_key_on(Scale::STANDARD, keys, scores)
    }

    /// As [`grouped_by_key`](Tally::grouped_by_key), on `scale`.
    ///
    /// # Errors
    ///
    /// As [`grouped`](Tally::grouped), with scores checked against `scale`.
    ///
    /// ```
    /// use nps_stats::{Scale, Tally};
    /// let tallies = Tally::grouped_by_key_on(Scale::FIVE_POINT, &['a', 'b'], &[5, 1])?;
    /// assert_eq!(tallies[&'a'].promoters(), 1);
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn grouped_by_key_on<K: Hash + Eq + Clone>(
        scale: Scale,
        keys: &[K],
        scores: &[u8],
    ) -> Result<HashMap<K, Tally>> {
        check_lengths(keys.len(), scores.len())?;
        check_scores(scale, scores)?;
        let mut histograms: HashMap<K, [u64; crate::tally::BINS]> = HashMap::new();
        for (key, &score) in keys.iter().zip(scores) {
            let histogram = histograms.entry(key.clone()).or_insert([0; crate::tally::BINS]);
            if let Some(bin) = histogram.get_mut(usize::from(score)) {
                *bin += 1;
            }
        }
        histograms
            .into_iter()
            .map(|(key, histogram)| Tally::from_histogram(scale, histogram).map(|tally| (key, tally)))
            .collect()
    }
}

fn check_lengths(keys: usize, scores: usize) -> Result<()> {
    if keys == scores {
        Ok(())
    } else {
        Err(Error::LengthMismatch { left_name: "keys", left: keys, right_name: "scores", right: scores })
    }
}

/// The first score off the scale, as an error naming its position.
fn check_scores(scale: Scale, scores: &[u8]) -> Result<()> {
    match scores.iter().position(|&raw| !scale.contains(raw)) {
        None => Ok(()),
        Some(position) => Err(Error::ScoreOutOfScaleAt {
            score: scores.get(position).copied().unwrap_or(0),
            position,
            min: scale.min(),
            max: scale.max(),
        }),
    }
}
