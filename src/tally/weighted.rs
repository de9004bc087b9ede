//! Weighted answers: account value, design weights.

use core::fmt;

use crate::core::{Category, Scale, Score};
use crate::error::{Error, Result};
use crate::math::compensated::CompensatedSum;
use crate::tally::Tally;

/// The smallest weight accepted, 2⁻⁵¹¹ ≈ 1.5e-154: the smallest whose square is a normal `f64`, so
/// that Σw² keeps its significant digits. Weights are relative (scaling all of them changes no
/// statistic), so smaller ones can be scaled up. The same limit applies to account values in
/// [`AccountRollup`](crate::AccountRollup) roll-ups, follow-ups and coverage.
///
/// ```
/// use nps_stats::{Error, Score, WeightedTally, tally::MIN_WEIGHT};
/// let mut weighted = WeightedTally::new();
/// weighted.add(Score::MAX, MIN_WEIGHT)?;
/// assert_eq!(weighted.add(Score::MAX, 1e-200), Err(Error::WeightUnderflow { weight: 1e-200 }));
/// # Ok::<(), nps_stats::Error>(())
/// ```
pub const MIN_WEIGHT: f64 = f64::from_bits(0x2000_0000_0000_0000);

/// The largest weight accepted, 2⁵¹¹ ≈ 6.7e153: its square, 2¹⁰²², is a finite `f64`. Sums must stay
/// finite too: Σw² of up to three such weights fits, a fourth is [`Error::WeightOverflow`]. Account
/// values in [`AccountRollup`](crate::AccountRollup) roll-ups obey the same limit; there the weights
/// are rescaled before they are summed, so any number of accounts up to it is fine.
///
/// ```
/// use nps_stats::{Error, Score, WeightedTally, tally::MAX_WEIGHT};
/// let mut weighted = WeightedTally::new();
/// weighted.add(Score::MAX, MAX_WEIGHT)?;
/// assert_eq!(weighted.add(Score::MAX, 1e200), Err(Error::WeightOverflow { weight: 1e200 }));
/// # Ok::<(), nps_stats::Error>(())
/// ```
pub const MAX_WEIGHT: f64 = f64::from_bits(0x5fe0_0000_0000_0000);

/// A tally of weighted answers: per category the count, the sum of weights Σw and the sum of squared
/// weights Σw², plus the unweighted [`Tally`] of the same answers.
///
/// That is enough for the weighted NPS, Kish's effective sample size and the linearized variance of
/// the weighted NPS; like `Tally`, it merges exactly (counts are integers, weight sums are carried
/// with compensated summation, so the merge order changes the result by at most a rounding error).
///
/// Weights are typically account values (ARR, revenue) or survey design weights. A weight must be a
/// number from [`MIN_WEIGHT`] (2⁻⁵¹¹) to [`MAX_WEIGHT`] (2⁵¹¹); anything else is an [`Error`], never
/// silently dropped or clamped.
///
/// # Examples
///
/// ```
/// use nps_stats::{Score, WeightedTally};
///
/// let mut weighted = WeightedTally::new();
/// weighted.add(Score::try_from(10)?, 900_000.0)?; // a key account, promoter
/// weighted.add(Score::try_from(3)?, 50_000.0)?;   // a small account, detractor
/// weighted.add(Score::try_from(2)?, 50_000.0)?;   // another small detractor
///
/// assert!((weighted.nps().unwrap() - 80.0).abs() < 1e-12);          // by value
/// assert!((weighted.tally().nps().unwrap() + 100.0 / 3.0).abs() < 1e-12); // by head count
/// assert!(weighted.effective_n().unwrap() < 3.0);                      // what the weights cost
///
/// assert!(weighted.add(Score::MAX, -3.0).is_err());
/// assert!(weighted.add(Score::MAX, f64::NAN).is_err());
/// # Ok::<(), nps_stats::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct WeightedTally {
    tally: Tally,
    weight: [CompensatedSum; 3],
    weight_squared: [CompensatedSum; 3],
}

impl WeightedTally {
    /// An empty weighted tally on the standard scale.
    ///
    /// ```
    /// let weighted = nps_stats::WeightedTally::new();
    /// assert_eq!(weighted.nps(), None);
    /// ```
    pub const fn new() -> WeightedTally {
        WeightedTally::with_scale(Scale::STANDARD)
    }

    /// An empty weighted tally on `scale`.
    ///
    /// ```
    /// use nps_stats::{Scale, WeightedTally};
    /// assert_eq!(WeightedTally::with_scale(Scale::DUTCH).scale(), Scale::DUTCH);
    /// ```
    pub const fn with_scale(scale: Scale) -> WeightedTally {
        let zero = CompensatedSum::from_value(0.0);
        WeightedTally { tally: Tally::with_scale(scale), weight: [zero; 3], weight_squared: [zero; 3] }
    }

    /// Assembles a weighted tally from parts that the caller has computed from valid answers.
    pub(crate) const fn from_sums(
        tally: Tally,
        weight: [CompensatedSum; 3],
        weight_squared: [CompensatedSum; 3],
    ) -> WeightedTally {
        WeightedTally { tally, weight, weight_squared }
    }

    /// A weighted tally from its parts: the unweighted tally, and per category (in the order of
    /// [`Category::ALL`]: detractor, passive, promoter) Σw and Σw².
    ///
    /// This is how a weighted tally that travelled as plain numbers (a column of a query engine's
    /// partial aggregate, a row of a database) becomes one again; [`count`](WeightedTally::count),
    /// [`weight`](WeightedTally::weight) and [`weight_squared`](WeightedTally::weight_squared) give
    /// the parts back.
    ///
    /// # Errors
    ///
    /// [`Error::Inconsistent`] when the parts cannot come from weights that [`add`](WeightedTally::add)
    /// accepts: a category without answers must have both sums 0; one with answers needs finite sums
    /// with Σw ≥ count·2⁻⁵¹¹, Σw² ≥ count·2⁻¹⁰²² and (Σw)²/count ≤ Σw² ≤ (Σw)² (Cauchy–Schwarz,
    /// checked without overflowing), up to a relative rounding slack of 10⁻⁹; and the totals over
    /// all categories must be finite.
    ///
    /// ```
    /// use nps_stats::{Category, Score, Tally, WeightedTally};
    ///
    /// let mut original = WeightedTally::new();
    /// original.add(Score::try_from(10)?, 3.0)?;
    /// original.add(Score::try_from(2)?, 1.0)?;
    /// let weight = Category::ALL.map(|c| original.weight(c));
    /// let squared = Category::ALL.map(|c| original.weight_squared(c));
    /// let rebuilt = WeightedTally::from_parts(original.tally().clone(), weight, squared)?;
    /// assert_eq!(rebuilt.nps(), Some(50.0));
    ///
    /// // Weight without answers is not a tally of positive weights.
    /// assert!(WeightedTally::from_parts(Tally::new(), [1.0, 0.0, 0.0], [1.0, 0.0, 0.0]).is_err());
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn from_parts(tally: Tally, weight: [f64; 3], weight_squared: [f64; 3]) -> Result<WeightedTally> {
        for category in Category::ALL {
            let (sum, squared) = (*category.entry(&weight), *category.entry(&weight_squared));
            check_parts(tally.count_of(category), sum, squared, category)?;
        }
        let sums = weight.map(CompensatedSum::from_value);
        let squared_sums = weight_squared.map(CompensatedSum::from_value);
        if !sums_are_finite(&sums, &squared_sums) {
            return Err(Error::Inconsistent {
                what: "weighted tally",
                detail: format!(
                    "the weight sums {weight:?} and squared weight sums {weight_squared:?} add up to more than \
                     f64 can hold"
                ),
            });
        }
        Ok(WeightedTally { tally, weight: sums, weight_squared: squared_sums })
    }

    /// Adds one answer with its weight.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidWeight`] when `weight` is NaN, infinite, zero or negative;
    /// [`Error::WeightUnderflow`] below [`MIN_WEIGHT`] (2⁻⁵¹¹ ≈ 1.5e-154, where `weight²` would be
    /// subnormal); [`Error::WeightOverflow`] above [`MAX_WEIGHT`] (2⁵¹¹ ≈ 6.7e153), or when a running
    /// sum of weights or squared weights (of a category or of all answers) would no longer be finite; [`Error::ScoreOutOfScale`] and
    /// [`Error::CountOverflow`] as in [`Tally::add`]. The tally is unchanged on error.
    ///
    /// ```
    /// use nps_stats::{Score, WeightedTally};
    /// let mut weighted = WeightedTally::new();
    /// weighted.add(Score::MAX, 2.5)?;
    /// assert_eq!(weighted.total_weight(), 2.5);
    /// assert_eq!(
    ///     weighted.add(Score::MAX, 0.0).unwrap_err().to_string(),
    ///     "weight 0 is invalid: expected a finite number greater than 0"
    /// );
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn add(&mut self, score: Score, weight: f64) -> Result<()> {
        if !(weight.is_finite() && weight > 0.0) {
            return Err(Error::InvalidWeight { weight });
        }
        // A subnormal square would carry only a few significant digits into Σw².
        if weight < MIN_WEIGHT {
            return Err(Error::WeightUnderflow { weight });
        }
        if weight > MAX_WEIGHT {
            return Err(Error::WeightOverflow { weight });
        }
        let squared = weight * weight;
        let category = score.category_on(self.tally.scale())?;
        let mut new_weight = self.weight;
        let mut new_squared = self.weight_squared;
        let sum = category.entry_mut(&mut new_weight);
        *sum = sum.plus(weight);
        let sum = category.entry_mut(&mut new_squared);
        *sum = sum.plus(squared);
        if !sums_are_finite(&new_weight, &new_squared) {
            return Err(Error::WeightOverflow { weight });
        }
        self.tally.add(score)?;
        self.weight = new_weight;
        self.weight_squared = new_squared;
        Ok(())
    }

    /// Adds one answer given as a raw number, with its weight.
    ///
    /// # Errors
    ///
    /// As [`add`](WeightedTally::add); a raw value above 10 is [`Error::ScoreOutOfScale`].
    ///
    /// ```
    /// use nps_stats::WeightedTally;
    /// let mut weighted = WeightedTally::new();
    /// weighted.try_add(9, 1.0)?;
    /// assert!(weighted.try_add(11, 1.0).is_err());
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn try_add(&mut self, raw: u8, weight: f64) -> Result<()> {
        let score = Score::new(raw).map_err(|_| self.tally.scale().out_of_scale(i64::from(raw)))?;
        self.add(score, weight)
    }

    /// Adds every answer of `other`.
    ///
    /// # Errors
    ///
    /// [`Error::ScaleMismatch`], [`Error::CountOverflow`], or [`Error::WeightOverflow`] when a weight
    /// sum (of a category or of all answers) would no longer be finite. The tally is unchanged on
    /// error.
    ///
    /// ```
    /// use nps_stats::{Score, WeightedTally};
    /// let mut a = WeightedTally::new();
    /// a.add(Score::MAX, 3.0)?;
    /// let mut b = WeightedTally::new();
    /// b.add(Score::MIN, 1.0)?;
    /// a.merge(&b)?;
    /// assert_eq!(a.nps(), Some(50.0));
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn merge(&mut self, other: &WeightedTally) -> Result<()> {
        let mut tally = self.tally.clone();
        tally.merge(&other.tally)?;
        let weight = combined(&self.weight, &other.weight);
        let weight_squared = combined(&self.weight_squared, &other.weight_squared);
        if !sums_are_finite(&weight, &weight_squared) {
            return Err(Error::WeightOverflow { weight: other.total_weight() });
        }
        *self = WeightedTally { tally, weight, weight_squared };
        Ok(())
    }

    /// The unweighted tally of the same answers: the head count behind the weighted numbers.
    ///
    /// ```
    /// use nps_stats::{Score, WeightedTally};
    /// let mut weighted = WeightedTally::new();
    /// weighted.add(Score::MAX, 7.0)?;
    /// assert_eq!(weighted.tally().total(), 1);
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn tally(&self) -> &Tally {
        &self.tally
    }

    /// The scale the answers were given on.
    ///
    /// ```
    /// use nps_stats::{Scale, WeightedTally};
    /// assert_eq!(WeightedTally::new().scale(), Scale::STANDARD);
    /// ```
    pub fn scale(&self) -> Scale {
        self.tally.scale()
    }

    /// The number of answers in `category` (unweighted).
    ///
    /// ```
    /// use nps_stats::{Category, Score, WeightedTally};
    /// let mut weighted = WeightedTally::new();
    /// weighted.add(Score::MAX, 7.0)?;
    /// assert_eq!(weighted.count(Category::Promoter), 1);
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn count(&self, category: Category) -> u64 {
        self.tally.count_of(category)
    }

    /// Σw over the answers in `category`.
    ///
    /// ```
    /// use nps_stats::{Category, Score, WeightedTally};
    /// let mut weighted = WeightedTally::new();
    /// weighted.add(Score::MAX, 7.0)?;
    /// weighted.add(Score::MAX, 1.0)?;
    /// assert_eq!(weighted.weight(Category::Promoter), 8.0);
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn weight(&self, category: Category) -> f64 {
        category.entry(&self.weight).value()
    }

    /// Σw² over the answers in `category`.
    ///
    /// ```
    /// use nps_stats::{Category, Score, WeightedTally};
    /// let mut weighted = WeightedTally::new();
    /// weighted.add(Score::MAX, 7.0)?;
    /// weighted.add(Score::MAX, 1.0)?;
    /// assert_eq!(weighted.weight_squared(Category::Promoter), 50.0);
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn weight_squared(&self, category: Category) -> f64 {
        category.entry(&self.weight_squared).value()
    }

    /// Σw over all answers.
    ///
    /// ```
    /// use nps_stats::{Score, WeightedTally};
    /// let mut weighted = WeightedTally::new();
    /// weighted.add(Score::MAX, 7.0)?;
    /// weighted.add(Score::MIN, 1.0)?;
    /// assert_eq!(weighted.total_weight(), 8.0);
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn total_weight(&self) -> f64 {
        sum_of(&self.weight)
    }

    /// Σw² over all answers.
    ///
    /// ```
    /// use nps_stats::{Score, WeightedTally};
    /// let mut weighted = WeightedTally::new();
    /// weighted.add(Score::MAX, 7.0)?;
    /// weighted.add(Score::MIN, 1.0)?;
    /// assert_eq!(weighted.total_weight_squared(), 50.0);
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn total_weight_squared(&self) -> f64 {
        sum_of(&self.weight_squared)
    }

    /// The weighted share of `category`, Σw in the category / Σw; `None` when empty.
    ///
    /// ```
    /// use nps_stats::{Category, Score, WeightedTally};
    /// let mut weighted = WeightedTally::new();
    /// weighted.add(Score::MAX, 3.0)?;
    /// weighted.add(Score::MIN, 1.0)?;
    /// assert_eq!(weighted.share(Category::Promoter), Some(0.75));
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn share(&self, category: Category) -> Option<f64> {
        let total = self.total_weight();
        (total > 0.0).then(|| self.weight(category) / total)
    }

    /// The weighted NPS in points: 100 × (Σw promoters − Σw detractors) / Σw, unrounded; `None` when
    /// empty.
    ///
    /// This is the ratio (Hájek) estimator Σwᵢsᵢ / Σwᵢ on the −1/0/+1 coding; Särndal, Swensson &
    /// Wretman (1992), *Model Assisted Survey Sampling*, §5.7.
    ///
    /// ```
    /// use nps_stats::{Score, WeightedTally};
    /// let mut weighted = WeightedTally::new();
    /// weighted.add(Score::MAX, 3.0)?;
    /// weighted.add(Score::MIN, 1.0)?;
    /// assert_eq!(weighted.nps(), Some(50.0));
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn nps(&self) -> Option<f64> {
        let total = self.total_weight();
        if total <= 0.0 {
            return None;
        }
        let net = CompensatedSum::from_value(self.weight(Category::Promoter))
            .plus(-self.weight(Category::Detractor))
            .value();
        // |net| ≤ total holds exactly, but `net` and `total` are rounded along different paths, so the
        // quotient can leave [−1, 1] by an ulp (all detractors gave −100.00000000000001): divide
        // first, then keep the result on the scale it cannot leave in exact arithmetic.
        Some((100.0 * (net / total)).clamp(-100.0, 100.0))
    }

    /// Kish's effective sample size, (Σw)² / Σw²; `None` when empty.
    ///
    /// It equals the number of answers when all weights are equal and is smaller the more the weights
    /// vary: a descriptive measure of the precision the weighting costs. Source: L. Kish (1965),
    /// *Survey Sampling*, Wiley, §11.7.
    ///
    /// ```
    /// use nps_stats::{Score, WeightedTally};
    /// let mut weighted = WeightedTally::new();
    /// weighted.add(Score::MAX, 1.0)?;
    /// weighted.add(Score::MIN, 1.0)?;
    /// assert_eq!(weighted.effective_n(), Some(2.0));
    /// weighted.add(Score::MIN, 8.0)?;
    /// assert!((weighted.effective_n().unwrap() - 100.0 / 66.0).abs() < 1e-12);
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn effective_n(&self) -> Option<f64> {
        let total = self.total_weight();
        let squared = self.total_weight_squared();
        (total > 0.0 && squared > 0.0).then(|| total / squared * total)
    }
}

impl Default for WeightedTally {
    /// An empty weighted tally on the standard scale.
    fn default() -> WeightedTally {
        WeightedTally::new()
    }
}

fn sum_of(parts: &[CompensatedSum; 3]) -> f64 {
    parts.iter().fold(CompensatedSum::default(), |acc, part| acc.plus_sum(*part)).value()
}

/// The per-category sums of both sides.
fn combined(mine: &[CompensatedSum; 3], theirs: &[CompensatedSum; 3]) -> [CompensatedSum; 3] {
    let mut sums = *mine;
    for (sum, other) in sums.iter_mut().zip(theirs) {
        *sum = sum.plus_sum(*other);
    }
    sums
}

/// Whether every per-category sum and both totals are finite. An overflowing compensated sum reads
/// as NaN or ±∞, so this catches it; with finite totals, shares, the NPS and Kish's n stay finite.
pub(crate) fn sums_are_finite(weight: &[CompensatedSum; 3], weight_squared: &[CompensatedSum; 3]) -> bool {
    // The common case at a glance: when no sum exceeds a quarter of `f64::MAX`, the totals of three
    // parts (plus a compensation far below one ulp of them) are finite too.
    const QUARTER: f64 = f64::MAX / 4.0;
    if weight.iter().chain(weight_squared).all(|sum| sum.value().abs() <= QUARTER) {
        return true;
    }
    weight.iter().chain(weight_squared).all(|sum| sum.value().is_finite())
        && sum_of(weight).is_finite()
        && sum_of(weight_squared).is_finite()
}

impl fmt::Display for WeightedTally {
    /// `n = 3 (effective 1.2), weighted NPS +80.0, unweighted NPS -33.3`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let precision = f.precision().unwrap_or(1);
        write!(f, "n = {}", self.tally.total())?;
        if let Some(effective) = self.effective_n() {
            write!(f, " (effective {effective:.1})")?;
        }
        match (self.nps(), self.tally.nps()) {
            (Some(weighted), Some(unweighted)) => {
                write!(f, ", weighted NPS {weighted:+.precision$}, unweighted NPS {unweighted:+.precision$}")
            }
            _ => f.write_str(", NPS n/a"),
        }
    }
}

/// Whether Σw and Σw² can come from `count` valid weights (each from [`MIN_WEIGHT`] to
/// [`MAX_WEIGHT`]): both zero without answers; otherwise both finite and positive with
/// count·2⁻⁵¹¹ ≤ Σw ≤ count·2⁵¹¹, Σw² ≥ count·2⁻¹⁰²² and (Σw)²/count ≤ Σw² ≤ (Σw)²
/// (Cauchy–Schwarz), up to rounding. The last pair is checked as Σw/count ≤ Σw²/Σw ≤ Σw, which cannot overflow even where
/// (Σw)² would.
fn check_parts(count: u64, sum: f64, squared: f64, category: Category) -> Result<()> {
    let fail = |detail: String| Err(Error::Inconsistent { what: "weighted tally", detail });
    if count == 0 {
        if sum != 0.0 || squared != 0.0 {
            return fail(format!(
                "{category}s have weight {sum:?} and squared weight {squared:?} but no answers"
            ));
        }
        return Ok(());
    }
    if !(sum.is_finite() && sum > 0.0 && squared.is_finite() && squared > 0.0) {
        return fail(format!(
            "{category} weight sum {sum:?} and squared sum {squared:?} must be finite and greater than 0"
        ));
    }
    // Relative slack for the rounding of compensated sums (a few ulps) and of `count as f64`.
    let slack = 1e-9;
    let n = count as f64;
    // MIN_WEIGHT's square is f64::MIN_POSITIVE.
    if sum < n * MIN_WEIGHT * (1.0 - slack) || squared < n * f64::MIN_POSITIVE * (1.0 - slack) {
        return fail(format!(
            "{category} weight sum {sum:?} and squared sum {squared:?} are too small for {count} answers: \
             expected every weight to be at least 2^-511"
        ));
    }
    // n·2⁵¹¹ is finite for any count.
    if sum > n * MAX_WEIGHT * (1.0 + slack) {
        return fail(format!(
            "{category} weight sum {sum:?} is too large for {count} answers: expected every weight to be \
             at most 2^511"
        ));
    }
    let per_weight = squared / sum;
    let (lower, upper) = (sum / n, sum);
    if !(per_weight >= lower * (1.0 - slack) && per_weight <= upper * (1.0 + slack)) {
        return fail(format!(
            "{category} squared weight sum {squared:?} is impossible for {count} answers with weight sum \
             {sum:?}: expected Σw²/Σw between Σw/{count} = {lower:?} and Σw = {upper:?}, found {per_weight:?}"
        ));
    }
    Ok(())
}

#[cfg(feature = "serde")]
mod serde_impl {
    use super::WeightedTally;
    use crate::math::compensated::CompensatedSum;
    use crate::tally::Tally;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    /// The wire form: the unweighted tally and, per category (detractor, passive, promoter), Σw and Σw².
    #[derive(Serialize, Deserialize)]
    struct WeightedTallyRepr {
        tally: Tally,
        weight: [f64; 3],
        weight_squared: [f64; 3],
    }

    impl Serialize for WeightedTally {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            WeightedTallyRepr {
                tally: self.tally.clone(),
                weight: self.weight.map(CompensatedSum::value),
                weight_squared: self.weight_squared.map(CompensatedSum::value),
            }
            .serialize(serializer)
        }
    }

    impl<'de> Deserialize<'de> for WeightedTally {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<WeightedTally, D::Error> {
            let repr = WeightedTallyRepr::deserialize(deserializer)?;
            WeightedTally::from_parts(repr.tally, repr.weight, repr.weight_squared)
                .map_err(serde::de::Error::custom)
        }
    }
}
