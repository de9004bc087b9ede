//! The Wald and adjusted Wald intervals for one NPS.

use crate::tally::Tally;

/// The centre and standard error of a Wald-type interval, on the −1..=1 scale.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Spread {
    pub(crate) center: f64,
    pub(crate) std_error: f64,
}

/// Wald on (possibly fractional) counts: centre p − d, SE √((p + d − (p − d)²)/n).
///
/// The per-answer variance of the −1/0/+1 coding is σ² = p + d − (p − d)²; the plug-in (divide by n)
/// convention follows Rocks' R package `NPS` (`npvar`, `nps.se`) and Rocks (2016),
/// "Interval Estimation for the 'Net Promoter Score'", *The American Statistician* 70(4).
pub(crate) fn wald_on(promoters: f64, detractors: f64, n: f64) -> Spread {
    let p = promoters / n;
    let d = detractors / n;
    let center = p - d;
    // Rounding can push the variance a hair below 0 when all answers agree.
    let variance = (p + d - center * center).max(0.0);
    Spread { center, std_error: (variance / n).sqrt() }
}

/// The plain Wald interval of a tally (n > 0).
pub(crate) fn wald(tally: &Tally) -> Spread {
    wald_on(tally.promoters() as f64, tally.detractors() as f64, tally.total() as f64)
}

/// Rocks' (2016) adjusted Wald: ¾ promoter, 1½ passive and ¾ detractor pseudo-answers are added
/// (n + 3), then the Wald form is used on the adjusted counts. Pseudo-counts as in Rocks' development
/// package (`pseudo_observations = c(0.75, 1.50, 0.75)`) and MeasuringU's description ("add 3 to n,
/// ¾ to detractors and ¾ to promoters").
pub(crate) fn adjusted_wald(tally: &Tally) -> Spread {
    wald_on(tally.promoters() as f64 + 0.75, tally.detractors() as f64 + 0.75, tally.total() as f64 + 3.0)
}
