//! The exact, mergeable count of answers per score.

use core::fmt;

use crate::core::score::BINS;
use crate::core::text::count_of;
use crate::core::{Category, Scale, Score};

use crate::error::{Error, Result};

/// An exact histogram of answers: how many times each score 0..=10 was given, plus the [`Scale`] that
/// says which scores are detractors, passives and promoters.
///
/// A `Tally` is the aggregation primitive of the crate. Counts are whole numbers, so tallies from
/// different threads, files or machines merge with nothing lost — the NPS of the merged tally is
/// exactly the NPS of all the answers together. That is why analyses pool counts and never average
/// scores.
///
/// Invariants (checked by every constructor, by [`merge`](Tally::merge) and by deserialization):
/// bins outside the scale are zero, and the total fits in a `u64`.
///
/// A tally made from category counts alone ([`from_counts`](Tally::from_counts), for a dashboard
/// export that says "31 promoters, 40 passives, 29 detractors") knows no scores: its
/// [`histogram`](Tally::histogram), [`count`](Tally::count) and [`mean_rating`](Tally::mean_rating)
/// are `None`, and [`has_scores`](Tally::has_scores) is `false`. Everything about categories — the
/// NPS, shares, intervals, tests — works the same. Merging it with a tally of scores gives a tally
/// of categories: the finer detail of one part cannot be kept for the whole.
///
/// Merging has two spellings: the [`merge`](Tally::merge) method, and the operators `+`, `+=`,
/// [`Sum`](core::iter::Sum) and [`FromIterator`], which are implemented on [`Result<Tally>`](crate::error::Result) so that a
/// scale mismatch or an overflow stays an error instead of a panic (see the examples).
///
/// # Examples
///
/// ```
/// use nps_stats::{Category, Tally};
///
/// let tally = Tally::from_scores(&[10, 9, 9, 8, 7, 6])?;
/// assert_eq!(tally.promoters(), 3);
/// assert_eq!(tally.passives(), 2);
/// assert_eq!(tally.detractors(), 1);
/// assert_eq!(tally.total(), 6);
/// assert_eq!(tally.share(Category::Promoter), Some(0.5));
/// assert!((tally.nps().unwrap() - 100.0 / 3.0).abs() < 1e-12);
///
/// // Parts from anywhere merge exactly.
/// let q1 = Tally::from_scores(&[10, 3])?;
/// let q2 = Tally::from_scores(&[9, 9, 8])?;
/// let year = (q1.clone() + q2.clone())?;
/// assert_eq!(year, Tally::from_scores(&[10, 3, 9, 9, 8])?);
///
/// let summed: nps_stats::Result<Tally> = [q1, q2].into_iter().sum();
/// assert_eq!(summed?, year);
///
/// // Nothing answered, no NPS: never a silent 0.
/// assert_eq!(Tally::new().nps(), None);
/// # Ok::<(), nps_stats::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Tally {
    scale: Scale,
    /// With `by_category`, each category's count sits in the bin of its lowest score.
    counts: [u64; BINS],
    /// Counted by category only: the scores are not known.
    by_category: bool,
}

impl Tally {
    /// An empty tally on the [standard scale](Scale::STANDARD).
    ///
    /// ```
    /// let tally = nps_stats::Tally::new();
    /// assert!(tally.is_empty());
    /// assert_eq!(tally.nps(), None);
    /// ```
    pub const fn new() -> Tally {
        Tally::with_scale(Scale::STANDARD)
    }

    /// An empty tally on `scale`.
    ///
    /// ```
    /// use nps_stats::{Scale, Tally};
    /// let tally = Tally::with_scale(Scale::DUTCH);
    /// assert_eq!(tally.scale(), Scale::DUTCH);
    /// ```
    pub const fn with_scale(scale: Scale) -> Tally {
        Tally { scale, counts: [0; BINS], by_category: false }
    }

    /// A tally from raw scores on the standard scale: the fast path for a column of bytes.
    ///
    /// # Errors
    ///
    /// [`Error::ScoreOutOfScaleAt`] naming the first byte that is not 0..=10 and its position.
    ///
    /// ```
    /// use nps_stats::Tally;
    /// assert_eq!(Tally::from_scores(&[9, 10, 0])?.total(), 3);
    /// assert_eq!(
    ///     Tally::from_scores(&[9, 11, 12]).unwrap_err().to_string(),
    ///     "score 11 at position 1 is outside the scale 0..=10"
    /// );
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn from_scores(scores: &[u8]) -> Result<Tally> {
        Tally::from_scores_on(Scale::STANDARD, scores)
    }

    /// A tally from raw scores on `scale`.
    ///
    /// # Errors
    ///
    /// [`Error::ScoreOutOfScaleAt`] naming the first byte that is not on the scale and its position.
    ///
    /// ```
    /// use nps_stats::{Scale, Tally};
    /// let tally = Tally::from_scores_on(Scale::DUTCH, &[8, 8, 5, 7])?;
    /// assert_eq!((tally.promoters(), tally.passives(), tally.detractors()), (2, 1, 1));
    /// assert!(Tally::from_scores_on(Scale::DUTCH, &[8, 0]).is_err());
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn from_scores_on(scale: Scale, scores: &[u8]) -> Result<Tally> {
        let counts = crate::tally::kernel::histogram(scale, scores)?;
        Ok(Tally { scale, counts, by_category: false })
    }

    /// A tally from category counts alone, on the standard scale: for a dashboard or a report that
    /// gives promoters, passives and detractors but not the scores behind them. The tally knows no
    /// scores: [`histogram`](Tally::histogram), [`count`](Tally::count) and
    /// [`mean_rating`](Tally::mean_rating) are `None`.
    ///
    /// # Errors
    ///
    /// [`Error::CountOverflow`] when the three counts add up past `u64::MAX`.
    ///
    /// ```
    /// use nps_stats::{Confidence, Method, Tally};
    /// let export = Tally::from_counts(31, 40, 29)?;
    /// assert_eq!(export.nps(), Some(2.0));
    /// assert_eq!((export.promoters(), export.passives(), export.detractors()), (31, 40, 29));
    /// assert_eq!(export.histogram(), None);
    /// assert_eq!(export.mean_rating(), None);
    /// let wald = export.estimate(Method::Wald, Confidence::NINETY_FIVE)?;
    /// assert!((wald.std_error - 7.7434).abs() < 1e-4);
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn from_counts(promoters: u64, passives: u64, detractors: u64) -> Result<Tally> {
        Tally::from_counts_on(Scale::STANDARD, promoters, passives, detractors)
    }

    /// As [`from_counts`](Tally::from_counts), on `scale`.
    ///
    /// # Errors
    ///
    /// [`Error::CountOverflow`] when the counts add up past `u64::MAX`; [`Error::InvalidCount`] for
    /// passives on a scale that has none.
    ///
    /// ```
    /// use nps_stats::{Scale, Tally};
    /// let dutch = Tally::from_counts_on(Scale::DUTCH, 12, 5, 3)?;
    /// assert_eq!(dutch.nps(), Some(45.0));
    /// let no_passives = Scale::new(1, 5, 4, 4)?;
    /// assert!(Tally::from_counts_on(no_passives, 1, 1, 1).is_err());
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn from_counts_on(scale: Scale, promoters: u64, passives: u64, detractors: u64) -> Result<Tally> {
        if passives > 0 && scale.passive_from() == scale.promoter_from() {
            return Err(Error::InvalidCount {
                name: "passives",
                value: passives,
                expected: "0 on a scale without passive scores",
            });
        }
        promoters
            .checked_add(passives)
            .and_then(|n| n.checked_add(detractors))
            .ok_or(Error::CountOverflow)?;
        let mut tally = Tally { scale, counts: [0; BINS], by_category: true };
        for (category, count) in [
            (Category::Detractor, detractors),
            (Category::Passive, passives),
            (Category::Promoter, promoters),
        ] {
            if let Some(bin) = tally.counts.get_mut(category_bin(scale, category)) {
                *bin += count;
            }
        }
        Ok(tally)
    }

    /// Whether the tally knows the scores behind its categories: `false` for a tally made by
    /// [`from_counts`](Tally::from_counts), or merged with one.
    ///
    /// ```
    /// use nps_stats::Tally;
    /// assert!(Tally::from_scores(&[9, 3])?.has_scores());
    /// assert!(!Tally::from_counts(1, 0, 1)?.has_scores());
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub const fn has_scores(&self) -> bool {
        !self.by_category
    }

    /// The raw bins: with `by_category`, each category's count in the bin of its lowest score.
    pub(crate) const fn bins(&self) -> &[u64; BINS] {
        &self.counts
    }

    /// Moves every count to the bin of its category's lowest score and forgets the scores.
    fn forget_scores(&mut self) {
        if self.by_category {
            return;
        }
        let [detractors, passives, promoters] = Category::ALL.map(|category| self.count_of(category));
        self.counts = [0; BINS];
        for (category, count) in [
            (Category::Detractor, detractors),
            (Category::Passive, passives),
            (Category::Promoter, promoters),
        ] {
            if let Some(bin) = self.counts.get_mut(category_bin(self.scale, category)) {
                *bin += count;
            }
        }
        self.by_category = true;
    }

    /// The answers of `self` that are not in `part`, a part of it (counts below 0 become 0).
    pub(crate) fn without(&self, part: &Tally) -> Result<Tally> {
        if self.scale != part.scale {
            return Err(Error::ScaleMismatch { left: self.scale, right: part.scale });
        }
        let (mut whole, mut part) = (self.clone(), part.clone());
        if whole.by_category || part.by_category {
            whole.forget_scores();
            part.forget_scores();
        }
        for (mine, theirs) in whole.counts.iter_mut().zip(part.counts) {
            *mine = mine.saturating_sub(theirs);
        }
        Ok(whole)
    }

    /// The bins, for a counting kernel that keeps the invariants itself: it adds only scores on the
    /// scale, and no more answers in all than fit in a `u64`.
    pub(crate) fn bins_mut(&mut self) -> &mut [u64; BINS] {
        &mut self.counts
    }

    /// A tally from counts per score: `histogram[s]` is the number of answers with score `s`.
    ///
    /// # Errors
    ///
    /// [`Error::ScoreOutOfScale`] when a score off the scale has a non-zero count;
    /// [`Error::CountOverflow`] when the counts add up to more than `u64::MAX`.
    ///
    /// ```
    /// use nps_stats::{Scale, Tally};
    /// // 50 promoters (score 10), 30 passives (score 8), 20 detractors (score 3).
    /// let mut histogram = [0u64; 11];
    /// histogram[10] = 50;
    /// histogram[8] = 30;
    /// histogram[3] = 20;
    /// let tally = Tally::from_histogram(Scale::STANDARD, histogram)?;
    /// assert_eq!(tally.nps(), Some(30.0));
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn from_histogram(scale: Scale, histogram: [u64; BINS]) -> Result<Tally> {
        let mut total: u64 = 0;
        for (raw, &count) in histogram.iter().enumerate() {
            if count > 0 && !scale_contains_index(scale, raw) {
                return Err(scale.out_of_scale(i64::try_from(raw).unwrap_or(i64::MAX)));
            }
            total = total.checked_add(count).ok_or(Error::CountOverflow)?;
        }
        Ok(Tally { scale, counts: histogram, by_category: false })
    }

    /// Adds one answer.
    ///
    /// # Errors
    ///
    /// [`Error::ScoreOutOfScale`] when the score is not on this tally's scale;
    /// [`Error::CountOverflow`] when the total would exceed `u64::MAX`. The tally is unchanged on error.
    ///
    /// ```
    /// use nps_stats::{Scale, Score, Tally};
    /// let mut tally = Tally::new();
    /// tally.add(Score::try_from(9)?)?;
    /// assert_eq!(tally.promoters(), 1);
    ///
    /// let mut dutch = Tally::with_scale(Scale::DUTCH);
    /// assert!(dutch.add(Score::MIN).is_err());
    /// assert!(dutch.is_empty());
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn add(&mut self, score: Score) -> Result<()> {
        self.add_count(score, 1)
    }

    /// Adds one answer given as a raw number.
    ///
    /// # Errors
    ///
    /// As [`add`](Tally::add): the value must lie on this tally's scale.
    ///
    /// ```
    /// use nps_stats::Tally;
    /// let mut tally = Tally::new();
    /// tally.try_add(10)?;
    /// assert!(tally.try_add(11).is_err());
    /// assert_eq!(tally.total(), 1);
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn try_add(&mut self, raw: u8) -> Result<()> {
        if !self.scale.contains(raw) {
            return Err(self.scale.out_of_scale(i64::from(raw)));
        }
        self.add_count(Score::new(raw)?, 1)
    }

    /// Adds `count` answers with the same score.
    ///
    /// # Errors
    ///
    /// As [`add`](Tally::add). The tally is unchanged on error.
    ///
    /// ```
    /// use nps_stats::{Score, Tally};
    /// let mut tally = Tally::new();
    /// tally.add_count(Score::MAX, 50)?;
    /// tally.add_count(Score::MIN, 20)?;
    /// assert_eq!(tally.nps(), Some(100.0 * (30.0 / 70.0)));
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn add_count(&mut self, score: Score, count: u64) -> Result<()> {
        let raw = score.value();
        if !self.scale.contains(raw) {
            return Err(self.scale.out_of_scale(i64::from(raw)));
        }
        self.total().checked_add(count).ok_or(Error::CountOverflow)?;
        let bin = if self.by_category {
            category_bin(self.scale, self.scale.category_of_valid(raw))
        } else {
            usize::from(raw)
        };
        // The total bounds every bin, so this cannot overflow once the total did not.
        if let Some(bin) = self.counts.get_mut(bin) {
            *bin += count;
        }
        Ok(())
    }

    /// Adds every answer of `other` to this tally.
    ///
    /// # Errors
    ///
    /// [`Error::ScaleMismatch`] when the scales differ; [`Error::CountOverflow`] when the total would
    /// exceed `u64::MAX`. The tally is unchanged on error: a merge is all or nothing.
    ///
    /// ```
    /// use nps_stats::{Scale, Tally};
    /// let mut north = Tally::from_scores(&[10, 9, 2])?;
    /// north.merge(&Tally::from_scores(&[7])?)?;
    /// assert_eq!(north.total(), 4);
    ///
    /// let dutch = Tally::from_scores_on(Scale::DUTCH, &[8])?;
    /// assert!(north.merge(&dutch).is_err());
    /// assert_eq!(north.total(), 4);
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn merge(&mut self, other: &Tally) -> Result<()> {
        if self.scale != other.scale {
            return Err(Error::ScaleMismatch { left: self.scale, right: other.scale });
        }
        self.total().checked_add(other.total()).ok_or(Error::CountOverflow)?;
        if self.by_category || other.by_category {
            let mut other = other.clone();
            other.forget_scores();
            self.forget_scores();
            for (mine, theirs) in self.counts.iter_mut().zip(other.counts) {
                *mine += theirs;
            }
        } else {
            for (mine, theirs) in self.counts.iter_mut().zip(other.counts) {
                *mine += theirs;
            }
        }
        Ok(())
    }

    /// Adds every score of an iterator; all or nothing.
    ///
    /// # Errors
    ///
    /// As [`add`](Tally::add), for the first score that fails; the tally is then unchanged.
    ///
    /// ```
    /// use nps_stats::{Scale, Score, Tally};
    /// let mut tally = Tally::with_scale(Scale::FIVE_POINT);
    /// let scores = [5u8, 4, 1].map(Score::try_from);
    /// tally.try_extend(scores.into_iter().collect::<Result<Vec<_>, _>>()?)?;
    /// assert_eq!(tally.total(), 3);
    /// assert!(tally.try_extend([Score::MAX]).is_err());
    /// assert_eq!(tally.total(), 3);
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn try_extend<I: IntoIterator<Item = Score>>(&mut self, scores: I) -> Result<()> {
        let mut part = Tally::with_scale(self.scale);
        for score in scores {
            part.add(score)?;
        }
        self.merge(&part)
    }

    /// The scale the answers were given on.
    ///
    /// ```
    /// use nps_stats::{Scale, Tally};
    /// assert_eq!(Tally::new().scale(), Scale::STANDARD);
    /// ```
    pub const fn scale(&self) -> Scale {
        self.scale
    }

    /// The counts per score: `histogram()[s]` answers gave score `s`. Bins off the scale are zero.
    /// `None` for a tally that knows only its category counts ([`from_counts`](Tally::from_counts)).
    ///
    /// ```
    /// use nps_stats::Tally;
    /// let tally = Tally::from_scores(&[10, 10, 3])?;
    /// let histogram = tally.histogram().unwrap();
    /// assert_eq!((histogram[10], histogram[3]), (2, 1));
    /// assert_eq!(Tally::from_counts(2, 0, 1)?.histogram(), None);
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub const fn histogram(&self) -> Option<&[u64; BINS]> {
        if self.by_category { None } else { Some(&self.counts) }
    }

    /// The number of answers with `score`; `None` for a tally that knows only its category counts.
    ///
    /// ```
    /// use nps_stats::{Score, Tally};
    /// let tally = Tally::from_scores(&[10, 10, 3])?;
    /// assert_eq!(tally.count(Score::MAX), Some(2));
    /// assert_eq!(Tally::from_counts(2, 0, 1)?.count(Score::MAX), None);
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn count(&self, score: Score) -> Option<u64> {
        if self.by_category {
            return None;
        }
        Some(self.counts.get(usize::from(score.value())).copied().unwrap_or(0))
    }

    /// The number of answers in `category`.
    ///
    /// ```
    /// use nps_stats::{Category, Tally};
    /// let tally = Tally::from_scores(&[10, 8, 3, 0])?;
    /// assert_eq!(tally.count_of(Category::Detractor), 2);
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn count_of(&self, category: Category) -> u64 {
        let scale = self.scale;
        let (from, to) = match category {
            Category::Detractor => (scale.min(), scale.passive_from()),
            Category::Passive => (scale.passive_from(), scale.promoter_from()),
            Category::Promoter => (scale.promoter_from(), scale.max() + 1),
        };
        // Bins sum to at most the total, which fits in u64 by invariant.
        self.counts.get(usize::from(from)..usize::from(to)).map_or(0, |bins| bins.iter().sum())
    }

    /// The number of promoters.
    ///
    /// ```
    /// assert_eq!(nps_stats::Tally::from_scores(&[9, 10, 8])?.promoters(), 2);
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn promoters(&self) -> u64 {
        self.count_of(Category::Promoter)
    }

    /// The number of passives.
    ///
    /// ```
    /// assert_eq!(nps_stats::Tally::from_scores(&[9, 10, 8])?.passives(), 1);
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn passives(&self) -> u64 {
        self.count_of(Category::Passive)
    }

    /// The number of detractors.
    ///
    /// ```
    /// assert_eq!(nps_stats::Tally::from_scores(&[9, 10, 8])?.detractors(), 0);
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn detractors(&self) -> u64 {
        self.count_of(Category::Detractor)
    }

    /// The number of answers.
    ///
    /// ```
    /// assert_eq!(nps_stats::Tally::from_scores(&[9, 10, 8])?.total(), 3);
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn total(&self) -> u64 {
        // Fits by invariant: every path that grows a bin checks the total first.
        self.counts.iter().sum()
    }

    /// Whether no answer has been counted.
    ///
    /// ```
    /// assert!(nps_stats::Tally::new().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.counts.iter().all(|&n| n == 0)
    }

    /// The share of answers in `category`, in 0..=1; `None` when the tally is empty.
    ///
    /// ```
    /// use nps_stats::{Category, Tally};
    /// let tally = Tally::from_scores(&[9, 10, 8, 2])?;
    /// assert_eq!(tally.share(Category::Promoter), Some(0.5));
    /// assert_eq!(Tally::new().share(Category::Promoter), None);
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn share(&self, category: Category) -> Option<f64> {
        let total = self.total();
        (total > 0).then(|| self.count_of(category) as f64 / total as f64)
    }

    /// The Net Promoter Score in points: 100 × (promoters − detractors) / answers, from −100 to +100,
    /// unrounded. `None` when the tally is empty — an empty sample has no NPS, not an NPS of 0.
    ///
    /// Definition: Reichheld, F. F. (2003), "The One Number You Need to Grow", *Harvard Business
    /// Review* 81(12).
    ///
    /// ```
    /// use nps_stats::Tally;
    /// let tally = Tally::from_scores(&[10, 9, 9, 8, 7, 6])?;
    /// let nps = tally.nps().unwrap();
    /// assert!((nps - 33.333_333_333_333_336).abs() < 1e-12); // not 33, not 34: no early rounding
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn nps(&self) -> Option<f64> {
        let total = self.total();
        if total == 0 {
            return None;
        }
        // The difference is exact in i128. Divide before scaling: |net| ≤ total survives the rounding
        // to f64, so the quotient is within ±1, whereas 100·net can round up and push a tally of
        // all detractors past −100 once the counts exceed 2⁴⁶.
        let net = i128::from(self.promoters()) - i128::from(self.detractors());
        Some(100.0 * (net as f64 / total as f64))
    }

    /// The mean of the raw scores (for example 7.4 on the 0–10 scale); `None` when empty, and for a
    /// tally that knows only its category counts.
    ///
    /// This is a different statistic from the NPS and is not on the −100..=100 range: two samples
    /// with the same mean rating can have very different NPS values.
    ///
    /// ```
    /// use nps_stats::Tally;
    /// let tally = Tally::from_scores(&[10, 6])?;
    /// assert_eq!(tally.mean_rating(), Some(8.0));
    /// assert_eq!(tally.nps(), Some(0.0));
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn mean_rating(&self) -> Option<f64> {
        let total = self.total();
        if total == 0 || self.by_category {
            return None;
        }
        let weighted: u128 =
            self.counts.iter().zip(0u128..).map(|(&count, score)| u128::from(count) * score).sum();
        // Whole part and fraction apart: dividing the two sums as f64 rounds each of them and can
        // land above the scale (10.000000000000002 for 2⁶⁰ + 105 tens). Here the whole part is
        // exact and the fraction below 1, so the mean stays within the scale.
        let total = u128::from(total);
        let (whole, rest) = (weighted / total, weighted % total);
        Some(whole as f64 + rest as f64 / total as f64)
    }
}

impl Default for Tally {
    /// An empty tally on the standard scale.
    fn default() -> Tally {
        Tally::new()
    }
}

/// Whether bin index `raw` (0..=10, or any index) is on `scale`.
/// The bin that holds a category's count in a tally by category: its lowest score.
fn category_bin(scale: Scale, category: Category) -> usize {
    usize::from(match category {
        Category::Detractor => scale.min(),
        Category::Passive => scale.passive_from(),
        Category::Promoter => scale.promoter_from(),
    })
}

fn scale_contains_index(scale: Scale, raw: usize) -> bool {
    u8::try_from(raw).is_ok_and(|raw| scale.contains(raw))
}

impl fmt::Display for Tally {
    /// `n = 6: 3 promoters, 2 passives, 1 detractors, NPS +33.3`; `NPS n/a` when empty.
    /// The precision (default 1 decimal) applies to the NPS.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "n = {}: {}, {}, {}, NPS ",
            self.total(),
            count_of(self.promoters(), "promoter", "promoters"),
            count_of(self.passives(), "passive", "passives"),
            count_of(self.detractors(), "detractor", "detractors")
        )?;
        match self.nps() {
            Some(nps) => write!(f, "{:+.*}", f.precision().unwrap_or(1), nps),
            None => f.write_str("n/a"),
        }
    }
}

#[cfg(feature = "serde")]
mod serde_impl {
    use super::Tally;
    use crate::core::score::BINS;
    use crate::core::{Category, Scale};
    use crate::error::Error;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    /// The wire form: the scale and the eleven bins, validated by [`Tally::from_histogram`].
    /// The wire form: the scale and the 11 bins; a tally by category says so, and then holds each
    /// category's count in the bin of its lowest score.
    #[derive(Serialize, Deserialize)]
    struct TallyRepr {
        scale: Scale,
        histogram: [u64; BINS],
        #[serde(default, skip_serializing_if = "core::ops::Not::not")]
        by_category: bool,
    }

    impl Serialize for Tally {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            TallyRepr { scale: self.scale, histogram: self.counts, by_category: self.by_category }
                .serialize(serializer)
        }
    }

    impl<'de> Deserialize<'de> for Tally {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Tally, D::Error> {
            let repr = TallyRepr::deserialize(deserializer)?;
            let tally =
                Tally::from_histogram(repr.scale, repr.histogram).map_err(serde::de::Error::custom)?;
            if !repr.by_category {
                return Ok(tally);
            }
            let counts = Category::ALL.map(|category| tally.count_of(category));
            let by_category = Tally::from_counts_on(repr.scale, counts[2], counts[1], counts[0])
                .map_err(serde::de::Error::custom)?;
            if by_category.counts != repr.histogram {
                return Err(serde::de::Error::custom(Error::Inconsistent {
                    what: "tally by category",
                    detail: "each category's count must sit in the bin of its lowest score".to_owned(),
                }));
            }
            Ok(by_category)
        }
    }
}
