//! Parallel slice constructors (feature `rayon`): big inputs are cut into pieces, the pieces are
//! counted on rayon's threads with the serial fast paths, and the parts are merged in input order.
//!
//! Counts merge exactly, so the tallies equal the serial ones bit for bit. Weighted sums are merged
//! as compensated sums in a fixed order, so the result is deterministic and agrees with the serial
//! path within the same 10⁻¹⁴ relative tolerance. Errors are the serial path's: when any piece
//! fails, the input is checked serially so that the first offending position is reported.

use rayon::prelude::*;

use crate::core::Scale;

use crate::error::Result;

use crate::tally::{Tally, WeightedTally};

/// Answers per piece: large enough that counting a piece (about 0.1 ms for a tally) dwarfs the
/// cost of scheduling it.
const PIECE: usize = 1 << 20;

impl Tally {
    /// [`Tally::from_scores`] on all of rayon's threads; the same result, bit for bit.
    ///
    /// # Errors
    ///
    /// As [`Tally::from_scores`]: the first byte off the scale, with its position.
    ///
    /// ```
    /// use nps_stats::Tally;
    /// let scores: Vec<u8> = (0..3_000_000u32).map(|i| (i % 11) as u8).collect();
    /// assert_eq!(Tally::from_scores_par(&scores)?, Tally::from_scores(&scores)?);
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn from_scores_par(scores: &[u8]) -> Result<Tally> {
        Tally::from_scores_on_par(Scale::STANDARD, scores)
    }

    /// [`Tally::from_scores_on`] on all of rayon's threads; the same result, bit for bit.
    ///
    /// # Errors
    ///
    /// As [`Tally::from_scores_on`].
    ///
    /// ```
    /// use nps_stats::{Scale, Tally};
    /// let tally = Tally::from_scores_on_par(Scale::DUTCH, &[8, 8, 5, 7])?;
    /// assert_eq!(tally.nps(), Some(25.0));
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn from_scores_on_par(scale: Scale, scores: &[u8]) -> Result<Tally> {
        let parts: Vec<Result<Tally>> =
            scores.par_chunks(PIECE).map(|piece| Tally::from_scores_on(scale, piece)).collect();
        let mut total = Tally::with_scale(scale);
        for part in parts {
            match part {
                Ok(part) => total.merge(&part)?,
                Err(_) => return Tally::from_scores_on(scale, scores),
            }
        }
        Ok(total)
    }

    /// [`Tally::grouped`] on all of rayon's threads; the same result, bit for bit.
    ///
    /// # Errors
    ///
    /// As [`Tally::grouped`].
    ///
    /// ```
    /// use nps_stats::Tally;
    /// let keys: Vec<u32> = (0..2_500_000u32).map(|i| i % 7).collect();
    /// let scores: Vec<u8> = (0..2_500_000u32).map(|i| (i % 11) as u8).collect();
    /// assert_eq!(Tally::grouped_par(&keys, &scores)?, Tally::grouped(&keys, &scores)?);
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn grouped_par(keys: &[u32], scores: &[u8]) -> Result<Vec<Tally>> {
        Tally::grouped_on_par(Scale::STANDARD, keys, scores)
    }

    /// [`Tally::grouped_on`] on all of rayon's threads; the same result, bit for bit.
    ///
    /// # Errors
    ///
    /// As [`Tally::grouped_on`].
    ///
    /// ```
    /// use nps_stats::{Scale, Tally};
    /// let tallies = Tally::grouped_on_par(Scale::DUTCH, &[0, 1, 1], &[8, 5, 9])?;
    /// assert_eq!(tallies[1].nps(), Some(0.0));
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn grouped_on_par(scale: Scale, keys: &[u32], scores: &[u8]) -> Result<Vec<Tally>> {
        if keys.len() != scores.len() {
            return Tally::grouped_on(scale, keys, scores);
        }
        let parts: Vec<Result<Vec<Tally>>> = keys
            .par_chunks(PIECE)
            .zip(scores.par_chunks(PIECE))
            .map(|(keys, scores)| Tally::grouped_on(scale, keys, scores))
            .collect();
        let mut total: Vec<Tally> = Vec::new();
        for part in parts {
            let Ok(part) = part else {
                return Tally::grouped_on(scale, keys, scores);
            };
            if part.len() > total.len() {
                total.resize(part.len(), Tally::with_scale(scale));
            }
            for (sum, tally) in total.iter_mut().zip(&part) {
                sum.merge(tally)?;
            }
        }
        Ok(total)
    }
}

impl WeightedTally {
    /// [`WeightedTally::from_weighted_scores`] on all of rayon's threads: equal counts, and weight
    /// sums within 10⁻¹⁴ relative of the serial ones (deterministic: parts merge in input order).
    ///
    /// # Errors
    ///
    /// As [`WeightedTally::from_weighted_scores`].
    ///
    /// ```
    /// use nps_stats::WeightedTally;
    /// let scores: Vec<u8> = (0..2_500_000u32).map(|i| (i % 11) as u8).collect();
    /// let weights: Vec<f64> = (0..2_500_000u32).map(|i| 1.0 + f64::from(i % 100)).collect();
    /// let parallel = WeightedTally::from_weighted_scores_par(&scores, &weights)?;
    /// let serial = WeightedTally::from_weighted_scores(&scores, &weights)?;
    /// assert_eq!(parallel.tally(), serial.tally());
    /// assert!((parallel.nps().unwrap() - serial.nps().unwrap()).abs() < 1e-9);
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn from_weighted_scores_par(scores: &[u8], weights: &[f64]) -> Result<WeightedTally> {
        WeightedTally::from_weighted_scores_on_par(Scale::STANDARD, scores, weights)
    }

    /// [`WeightedTally::from_weighted_scores_on`] on all of rayon's threads.
    ///
    /// # Errors
    ///
    /// As [`WeightedTally::from_weighted_scores_on`].
    ///
    /// ```
    /// use nps_stats::{Scale, WeightedTally};
    /// let weighted = WeightedTally::from_weighted_scores_on_par(Scale::DUTCH, &[8, 5], &[3.0, 1.0])?;
    /// assert_eq!(weighted.nps(), Some(50.0));
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn from_weighted_scores_on_par(
        scale: Scale,
        scores: &[u8],
        weights: &[f64],
    ) -> Result<WeightedTally> {
        if scores.len() != weights.len() {
            return WeightedTally::from_weighted_scores_on(scale, scores, weights);
        }
        let parts: Vec<Result<WeightedTally>> = scores
            .par_chunks(PIECE)
            .zip(weights.par_chunks(PIECE))
            .map(|(scores, weights)| WeightedTally::from_weighted_scores_on(scale, scores, weights))
            .collect();
        let mut total = WeightedTally::with_scale(scale);
        for part in parts {
            let merged = part.and_then(|part| total.merge(&part));
            if merged.is_err() {
                return WeightedTally::from_weighted_scores_on(scale, scores, weights);
            }
        }
        Ok(total)
    }
}
