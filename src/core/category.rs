//! The three NPS categories.

use core::fmt;

/// Where a score falls: detractor, passive or promoter.
///
/// Ordered from worst to best (`Detractor < Passive < Promoter`), so a `BTreeMap` keyed by category lists
/// detractors first. Which scores fall where is decided by a [`Scale`](crate::core::Scale).
///
/// # Examples
///
/// ```
/// use nps_stats::{Category, Score};
///
/// let score = Score::try_from(9)?;
/// assert_eq!(score.category(), Category::Promoter);
/// assert_eq!(Category::Promoter.to_string(), "promoter");
/// assert!(Category::Detractor < Category::Passive);
/// assert_eq!(Category::Detractor.coding(), -1);
/// # Ok::<(), nps_stats::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum Category {
    /// Unlikely to recommend (0–6 on the standard scale); counts −1 in the NPS.
    Detractor,
    /// Satisfied but unenthusiastic (7–8 on the standard scale); counts 0.
    Passive,
    /// Likely to recommend (9–10 on the standard scale); counts +1.
    Promoter,
}

impl Category {
    /// All three categories, worst first.
    ///
    /// ```
    /// use nps_stats::Category;
    /// assert_eq!(Category::ALL.len(), 3);
    /// assert_eq!(Category::ALL[0], Category::Detractor);
    /// ```
    pub const ALL: [Category; 3] = [Category::Detractor, Category::Passive, Category::Promoter];

    /// The value of one response of this category in the NPS: −1, 0 or +1.
    ///
    /// The NPS (on −1..=1) is the mean of this coding over all responses; in points it is 100 times
    /// that mean.
    ///
    /// ```
    /// use nps_stats::Category;
    /// let coded: i32 = [Category::Promoter, Category::Promoter, Category::Detractor]
    ///     .iter()
    ///     .map(|c| i32::from(c.coding()))
    ///     .sum();
    /// assert_eq!(coded, 1);
    /// ```
    pub const fn coding(self) -> i8 {
        match self {
            Category::Detractor => -1,
            Category::Passive => 0,
            Category::Promoter => 1,
        }
    }

    /// Position in [`Category::ALL`]; used to index per-category arrays.
    pub(crate) const fn index(self) -> usize {
        match self {
            Category::Detractor => 0,
            Category::Passive => 1,
            Category::Promoter => 2,
        }
    }

    /// This category's entry in a per-category array ordered as [`Category::ALL`] (no indexing).
    pub(crate) const fn entry<T>(self, parts: &[T; 3]) -> &T {
        let [detractor, passive, promoter] = parts;
        match self {
            Category::Detractor => detractor,
            Category::Passive => passive,
            Category::Promoter => promoter,
        }
    }

    /// As [`entry`](Category::entry), mutable.
    pub(crate) const fn entry_mut<T>(self, parts: &mut [T; 3]) -> &mut T {
        let [detractor, passive, promoter] = parts;
        match self {
            Category::Detractor => detractor,
            Category::Passive => passive,
            Category::Promoter => promoter,
        }
    }

    /// The lowercase name: `"detractor"`, `"passive"` or `"promoter"`.
    ///
    /// ```
    /// use nps_stats::Category;
    /// assert_eq!(Category::Passive.name(), "passive");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            Category::Detractor => "detractor",
            Category::Passive => "passive",
            Category::Promoter => "promoter",
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name())
    }
}
