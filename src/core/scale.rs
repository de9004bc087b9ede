//! Answer scales and their cut-points.

use core::fmt;
use core::ops::RangeInclusive;

use crate::core::Category;

use crate::error::{Error, Result};

/// The bounds of an answer scale and where its categories begin.
///
/// A scale covers the scores `min..=max` (within 0..=10) and splits them into detractors
/// (`min..passive_from`), passives (`passive_from..promoter_from`) and promoters
/// (`promoter_from..=max`). Detractors and promoters are never empty; passives may be
/// (`passive_from == promoter_from`).
///
/// Pick the scale your survey asked, never convert between them: an NPS on the Dutch 1–10 scale is
/// a different number from the standard one, and tallies of different scales refuse to merge.
///
/// | constant | scores | detractors | passives | promoters | used by |
/// |---|---|---|---|---|---|
/// | [`Scale::STANDARD`] | 0–10 | 0–6 | 7–8 | 9–10 | Reichheld's NPS; the default |
/// | [`Scale::DUTCH`] | 1–10 | 1–5 | 6–7 | 8–10 | Dutch school-grade variant |
/// | [`Scale::FIVE_POINT`] | 1–5 | 1–3 | 4 | 5 | five-point (top-box) variant |
///
/// # Examples
///
/// ```
/// use nps_stats::{Category, Scale};
///
/// assert_eq!(Scale::DUTCH.category(8)?, Category::Promoter);
/// assert_eq!(Scale::DUTCH.category(5)?, Category::Detractor);
/// assert!(Scale::DUTCH.category(0).is_err());
///
/// // A 1–7 scale with 1–4 detractors, 5 passive, 6–7 promoters.
/// let seven = Scale::new(1, 7, 5, 6)?;
/// assert_eq!(seven.category(6)?, Category::Promoter);
/// assert_eq!(seven.to_string(), "1..=7 (detractors 1..=4, passives 5..=5, promoters 6..=7)");
///
/// // Crossed cut-points are an error, not a surprise later.
/// assert!(Scale::new(0, 10, 9, 7).is_err());
/// # Ok::<(), nps_stats::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Scale {
    min: u8,
    max: u8,
    passive_from: u8,
    promoter_from: u8,
}

impl Scale {
    /// The standard 0–10 scale: detractors 0–6, passives 7–8, promoters 9–10 (Reichheld 2003).
    ///
    /// ```
    /// use nps_stats::{Category, Scale};
    /// assert_eq!(Scale::STANDARD.category(6)?, Category::Detractor);
    /// assert_eq!(Scale::STANDARD.category(9)?, Category::Promoter);
    /// assert_eq!(Scale::default(), Scale::STANDARD);
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub const STANDARD: Scale = Scale { min: 0, max: 10, passive_from: 7, promoter_from: 9 };

    /// The Dutch school-grade variant: 1–10, detractors 1–5, passives 6–7, promoters 8–10.
    ///
    /// ```
    /// use nps_stats::{Category, Scale};
    /// assert_eq!(Scale::DUTCH.category(8)?, Category::Promoter);
    /// assert_eq!(Scale::DUTCH.category(6)?, Category::Passive);
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub const DUTCH: Scale = Scale { min: 1, max: 10, passive_from: 6, promoter_from: 8 };

    /// A five-point scale: detractors 1–3, passive 4, promoter 5.
    ///
    /// ```
    /// use nps_stats::{Category, Scale};
    /// assert_eq!(Scale::FIVE_POINT.category(4)?, Category::Passive);
    /// assert!(Scale::FIVE_POINT.category(6).is_err());
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub const FIVE_POINT: Scale = Scale { min: 1, max: 5, passive_from: 4, promoter_from: 5 };

    /// A custom scale covering `min..=max`, with passives from `passive_from` and promoters from
    /// `promoter_from`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidScale`] unless `min < passive_from <= promoter_from <= max <= 10`, that is,
    /// unless there is at least one detractor score and one promoter score and the cut-points are
    /// in order.
    ///
    /// ```
    /// use nps_stats::Scale;
    /// let no_passives = Scale::new(1, 5, 4, 4)?;
    /// assert_eq!(no_passives.passive_scores().count(), 0);
    /// assert!(Scale::new(0, 11, 7, 9).is_err());
    /// assert!(Scale::new(5, 5, 5, 5).is_err());
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub const fn new(min: u8, max: u8, passive_from: u8, promoter_from: u8) -> Result<Scale> {
        if min < passive_from && passive_from <= promoter_from && promoter_from <= max && max <= 10 {
            Ok(Scale { min, max, passive_from, promoter_from })
        } else {
            Err(Error::InvalidScale { min, max, passive_from, promoter_from })
        }
    }

    /// A scale from the ranges people say: "0–6 detract, 7–8 are passive, 9–10 promote" is
    /// `Scale::from_ranges(0..=6, 7..=8, 9..=10)`. The ranges must follow each other without a gap
    /// or an overlap; a scale without passives takes an empty passive range such as `4..=3`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidScaleRanges`] when the ranges leave a gap, overlap, are empty (detractors or
    /// promoters), or reach past 10.
    ///
    /// ```
    /// use nps_stats::Scale;
    /// assert_eq!(Scale::from_ranges(0..=6, 7..=8, 9..=10)?, Scale::STANDARD);
    /// assert_eq!(Scale::from_ranges(1..=5, 6..=7, 8..=10)?, Scale::DUTCH);
    /// let no_passives = Scale::from_ranges(1..=3, 4..=3, 4..=5)?;
    /// assert_eq!(no_passives.passive_scores().count(), 0);
    /// assert!(Scale::from_ranges(1..=6, 8..=8, 9..=10).is_err()); // 7 is in no range
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn from_ranges(
        detractors: RangeInclusive<u8>,
        passives: RangeInclusive<u8>,
        promoters: RangeInclusive<u8>,
    ) -> Result<Scale> {
        let (min, max) = (*detractors.start(), *promoters.end());
        let passive_from = *passives.start();
        let joined = detractors.end().checked_add(1) == Some(passive_from)
            && passives.end().checked_add(1) == Some(*promoters.start());
        let non_empty = detractors.start() <= detractors.end() && promoters.start() <= promoters.end();
        let passives_ok =
            passives.start() <= passives.end() || passives.end().checked_add(1) == Some(passive_from);
        if joined && non_empty && passives_ok && max <= 10 {
            Scale::new(min, max, passive_from, *promoters.start())
        } else {
            Err(Error::InvalidScaleRanges { detractors, passives, promoters })
        }
    }

    /// The lowest score on the scale.
    ///
    /// ```
    /// assert_eq!(nps_stats::Scale::DUTCH.min(), 1);
    /// ```
    pub const fn min(self) -> u8 {
        self.min
    }

    /// The highest score on the scale.
    ///
    /// ```
    /// assert_eq!(nps_stats::Scale::FIVE_POINT.max(), 5);
    /// ```
    pub const fn max(self) -> u8 {
        self.max
    }

    /// The lowest passive score (equal to [`promoter_from`](Scale::promoter_from) when the scale has
    /// no passives).
    ///
    /// ```
    /// assert_eq!(nps_stats::Scale::STANDARD.passive_from(), 7);
    /// ```
    pub const fn passive_from(self) -> u8 {
        self.passive_from
    }

    /// The lowest promoter score.
    ///
    /// ```
    /// assert_eq!(nps_stats::Scale::STANDARD.promoter_from(), 9);
    /// ```
    pub const fn promoter_from(self) -> u8 {
        self.promoter_from
    }

    /// Whether `raw` lies on the scale.
    ///
    /// ```
    /// use nps_stats::Scale;
    /// assert!(Scale::STANDARD.contains(0));
    /// assert!(!Scale::DUTCH.contains(0));
    /// ```
    pub const fn contains(self, raw: u8) -> bool {
        self.min <= raw && raw <= self.max
    }

    /// All scores on the scale, lowest first.
    ///
    /// ```
    /// use nps_stats::Scale;
    /// assert_eq!(Scale::FIVE_POINT.scores().collect::<Vec<_>>(), [1, 2, 3, 4, 5]);
    /// ```
    pub const fn scores(self) -> RangeInclusive<u8> {
        self.min..=self.max
    }

    /// The scores that count as detractors.
    ///
    /// ```
    /// use nps_stats::Scale;
    /// assert_eq!(Scale::STANDARD.detractor_scores(), 0..7);
    /// ```
    pub const fn detractor_scores(self) -> core::ops::Range<u8> {
        self.min..self.passive_from
    }

    /// The scores that count as passives (empty when the scale has none).
    ///
    /// ```
    /// use nps_stats::Scale;
    /// assert_eq!(Scale::STANDARD.passive_scores(), 7..9);
    /// ```
    pub const fn passive_scores(self) -> core::ops::Range<u8> {
        self.passive_from..self.promoter_from
    }

    /// The scores that count as promoters.
    ///
    /// ```
    /// use nps_stats::Scale;
    /// assert_eq!(Scale::STANDARD.promoter_scores(), 9..=10);
    /// ```
    pub const fn promoter_scores(self) -> RangeInclusive<u8> {
        self.promoter_from..=self.max
    }

    /// The category of `raw` on this scale.
    ///
    /// # Errors
    ///
    /// [`Error::ScoreOutOfScale`] when `raw` is not on the scale.
    ///
    /// ```
    /// use nps_stats::{Category, Scale};
    /// assert_eq!(Scale::STANDARD.category(8)?, Category::Passive);
    /// assert_eq!(
    ///     Scale::STANDARD.category(11).unwrap_err().to_string(),
    ///     "score 11 is outside the scale 0..=10"
    /// );
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub const fn category(self, raw: u8) -> Result<Category> {
        if self.contains(raw) { Ok(self.category_of_valid(raw)) } else { Err(self.out_of_scale(raw as i64)) }
    }

    /// The category of a score already known to lie on the scale.
    pub(crate) const fn category_of_valid(self, raw: u8) -> Category {
        if raw >= self.promoter_from {
            Category::Promoter
        } else if raw >= self.passive_from {
            Category::Passive
        } else {
            Category::Detractor
        }
    }

    /// The error for a score that is not on this scale.
    pub(crate) const fn out_of_scale(self, score: i64) -> Error {
        Error::ScoreOutOfScale { score, min: self.min, max: self.max }
    }
}

impl Default for Scale {
    /// [`Scale::STANDARD`].
    fn default() -> Scale {
        Scale::STANDARD
    }
}

impl fmt::Display for Scale {
    /// `0..=10 (detractors 0..=6, passives 7..=8, promoters 9..=10)`; a scale without passives says
    /// `no passives`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..={} (detractors {}..={}, ", self.min, self.max, self.min, self.passive_from - 1)?;
        if self.passive_from < self.promoter_from {
            write!(f, "passives {}..={}, ", self.passive_from, self.promoter_from - 1)?;
        } else {
            f.write_str("no passives, ")?;
        }
        write!(f, "promoters {}..={})", self.promoter_from, self.max)
    }
}

#[cfg(feature = "serde")]
mod serde_impl {
    use super::Scale;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    /// The wire form: the four numbers, validated by [`Scale::new`] on the way in.
    #[derive(Serialize, Deserialize)]
    struct ScaleRepr {
        min: u8,
        max: u8,
        passive_from: u8,
        promoter_from: u8,
    }

    impl Serialize for Scale {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            ScaleRepr {
                min: self.min,
                max: self.max,
                passive_from: self.passive_from,
                promoter_from: self.promoter_from,
            }
            .serialize(serializer)
        }
    }

    impl<'de> Deserialize<'de> for Scale {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Scale, D::Error> {
            let repr = ScaleRepr::deserialize(deserializer)?;
            Scale::new(repr.min, repr.max, repr.passive_from, repr.promoter_from)
                .map_err(serde::de::Error::custom)
        }
    }
}
