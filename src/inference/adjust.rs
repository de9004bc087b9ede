//! Adjusting p-values for multiple comparisons.

use core::fmt;

use crate::error::{Error, Result};

/// How the p-values of a family of tests (for example every segment against the rest) are adjusted
/// for multiple comparisons.
///
/// With 20 segments each tested at 5 %, about one looks "significant" by chance alone; an adjustment
/// raises the p-values so that the family as a whole keeps its error rate. The adjusted p-values are
/// those of R's `p.adjust` (same definitions, checked against it in the tests): compare them with
/// the level you would have used for a single test.
///
/// - [`Holm`](Adjustment::Holm) (the default) controls the family-wise error rate, the chance of
///   *any* false positive, and is uniformly more powerful than Bonferroni. Holm, S. (1979), "A simple
///   sequentially rejective multiple test procedure", *Scandinavian Journal of Statistics* 6(2),
///   65–70. With the raw p-values sorted, p₍₁₎ ≤ … ≤ p₍ₘ₎, the adjusted value is
///   p̃₍ᵢ₎ = min(1, maxⱼ≤ᵢ (m − j + 1)·p₍ⱼ₎).
/// - [`BenjaminiHochberg`](Adjustment::BenjaminiHochberg) controls the false discovery rate, the
///   expected share of false positives among the segments flagged, which suits screening many
///   segments. Benjamini, Y. & Hochberg, Y. (1995), "Controlling the false discovery rate: a practical
///   and powerful approach to multiple testing", *Journal of the Royal Statistical Society B* 57(1),
///   289–300. Adjusted: p̃₍ᵢ₎ = min(1, minⱼ≥ᵢ m·p₍ⱼ₎/j).
/// - [`Bonferroni`](Adjustment::Bonferroni): min(1, m·p), the simplest and most conservative.
/// - [`Unadjusted`](Adjustment::Unadjusted): the raw p-values, for a single planned comparison.
///
/// The adjusted-p-value forms follow Wright, S. P. (1992), "Adjusted P-values for simultaneous
/// inference", *Biometrics* 48(4), 1005–1013. Ties get equal adjusted values, whatever their order.
///
/// # Examples
///
/// ```
/// use nps_stats::inference::Adjustment;
///
/// let raw = [0.01, 0.04, 0.03, 0.20];
/// let holm = Adjustment::Holm.adjust(&raw)?;
/// // Sorted: 0.01·4, max(0.04, 0.03·3), max(0.09, 0.04·2), max(0.09, 0.20·1).
/// let expected = [0.04, 0.09, 0.09, 0.20];
/// for (got, want) in holm.iter().zip(expected) {
///     assert!((got - want).abs() < 1e-12);
/// }
/// assert_eq!(Adjustment::default(), Adjustment::Holm);
/// assert_eq!(Adjustment::BenjaminiHochberg.to_string(), "Benjamini-Hochberg");
/// # Ok::<(), nps_stats::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Adjustment {
    /// Holm's step-down procedure (family-wise error rate). The default.
    #[default]
    Holm,
    /// Benjamini–Hochberg step-up procedure (false discovery rate).
    BenjaminiHochberg,
    /// Bonferroni: every p-value times the number of tests (family-wise error rate).
    Bonferroni,
    /// No adjustment.
    Unadjusted,
}

impl Adjustment {
    /// The adjusted p-values, in the order of `p_values`. An empty slice gives an empty vector.
    ///
    /// Every adjusted value is at least its raw value and at most 1.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidParameter`] when a p-value is NaN or outside 0..=1.
    ///
    /// ```
    /// use nps_stats::inference::Adjustment;
    ///
    /// // Benjamini–Hochberg, by hand: sorted 0.01, 0.02, 0.03, 0.5 (m = 4) give
    /// // 0.01·4/1 = 0.04, 0.02·4/2 = 0.04, 0.03·4/3 = 0.04, 0.5·4/4 = 0.5 (running minimum from the top).
    /// let bh = Adjustment::BenjaminiHochberg.adjust(&[0.03, 0.5, 0.01, 0.02])?;
    /// for (got, want) in bh.iter().zip([0.04, 0.5, 0.04, 0.04]) {
    ///     assert!((got - want).abs() < 1e-12);
    /// }
    /// assert!(Adjustment::Holm.adjust(&[0.5, 1.5]).is_err());
    /// assert!(Adjustment::Holm.adjust(&[f64::NAN]).is_err());
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn adjust(self, p_values: &[f64]) -> Result<Vec<f64>> {
        if let Some(&bad) = p_values.iter().find(|p| !(0.0..=1.0).contains(*p)) {
            return Err(Error::InvalidParameter {
                name: "p-value",
                value: bad,
                expected: "a probability from 0 to 1",
            });
        }
        let m = p_values.len() as f64;
        // Indices in ascending order of p; ties keep input order (the result does not depend on it).
        let mut order: Vec<usize> = (0..p_values.len()).collect();
        order.sort_by(|&a, &b| value_at(p_values, a).total_cmp(&value_at(p_values, b)));
        let mut adjusted = vec![0.0; p_values.len()];
        match self {
            Adjustment::Holm => {
                let mut running_max: f64 = 0.0;
                for (rank, &index) in order.iter().enumerate() {
                    let scaled = (m - rank as f64) * value_at(p_values, index);
                    running_max = running_max.max(scaled.min(1.0));
                    set(&mut adjusted, index, running_max);
                }
            }
            Adjustment::BenjaminiHochberg => {
                let mut running_min: f64 = 1.0;
                for (rank, &index) in order.iter().enumerate().rev() {
                    let scaled = m / (rank as f64 + 1.0) * value_at(p_values, index);
                    running_min = running_min.min(scaled);
                    set(&mut adjusted, index, running_min);
                }
            }
            Adjustment::Bonferroni => {
                for (slot, &p) in adjusted.iter_mut().zip(p_values) {
                    *slot = (m * p).min(1.0);
                }
            }
            Adjustment::Unadjusted => adjusted.copy_from_slice(p_values),
        }
        Ok(adjusted)
    }
}

fn value_at(values: &[f64], index: usize) -> f64 {
    values.get(index).copied().unwrap_or(1.0)
}

fn set(values: &mut [f64], index: usize, value: f64) {
    if let Some(slot) = values.get_mut(index) {
        *slot = value;
    }
}

impl fmt::Display for Adjustment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            Adjustment::Holm => "Holm",
            Adjustment::BenjaminiHochberg => "Benjamini-Hochberg",
            Adjustment::Bonferroni => "Bonferroni",
            Adjustment::Unadjusted => "unadjusted",
        })
    }
}
