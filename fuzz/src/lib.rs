//! Shared pieces of the fuzz targets: input shapes, naive references and invariant checks.
//!
//! The references are written the slow, obvious way (one answer at a time, plain loops), so that a
//! fast path that disagrees with them is the one to doubt.

use arbitrary::Arbitrary;
use nps_stats::{Category, Error, Scale, Tally, WeightedTally};

/// A scale to test on: the built-in ones, or any four numbers (an invalid choice falls back to the
/// standard scale, after checking that `Scale::new` refused it for the right reason).
#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum ScaleChoice {
    Standard,
    Dutch,
    FivePoint,
    Custom(u8, u8, u8, u8),
}

impl ScaleChoice {
    pub fn scale(self) -> Scale {
        match self {
            ScaleChoice::Standard => Scale::STANDARD,
            ScaleChoice::Dutch => Scale::DUTCH,
            ScaleChoice::FivePoint => Scale::FIVE_POINT,
            ScaleChoice::Custom(min, max, passive, promoter) => {
                check_scale_new(min, max, passive, promoter).unwrap_or(Scale::STANDARD)
            }
        }
    }
}

/// `Scale::new` agrees with its documented rule, and an accepted scale answers consistently.
pub fn check_scale_new(min: u8, max: u8, passive: u8, promoter: u8) -> Option<Scale> {
    let valid = min < passive && passive <= promoter && promoter <= max && max <= 10;
    match Scale::new(min, max, passive, promoter) {
        Ok(scale) => {
            assert!(valid, "accepted {min} {max} {passive} {promoter}");
            assert_eq!(
                (scale.min(), scale.max(), scale.passive_from(), scale.promoter_from()),
                (min, max, passive, promoter)
            );
            check_scale(scale);
            Some(scale)
        }
        Err(error) => {
            assert!(!valid, "refused {min} {max} {passive} {promoter}: {error}");
            assert!(matches!(error, Error::InvalidScale { .. }), "{error:?}");
            assert!(!error.to_string().is_empty());
            None
        }
    }
}

/// Every raw value 0..=255 is on the scale or not, and its category follows the cut-points.
pub fn check_scale(scale: Scale) {
    assert!(scale.min() < scale.passive_from());
    assert!(scale.passive_from() <= scale.promoter_from());
    assert!(scale.promoter_from() <= scale.max() && scale.max() <= 10);
    for raw in 0..=u8::MAX {
        let on = scale.min() <= raw && raw <= scale.max();
        assert_eq!(scale.contains(raw), on);
        match scale.category(raw) {
            Ok(category) => {
                assert!(on);
                assert_eq!(category, naive_category(scale, raw));
            }
            Err(error) => {
                assert!(!on);
                assert!(matches!(error, Error::ScoreOutOfScale { .. }), "{error:?}");
            }
        }
    }
    let _ = scale.to_string();
}

/// The category of an on-scale raw score, from the cut-points.
pub fn naive_category(scale: Scale, raw: u8) -> Category {
    if raw >= scale.promoter_from() {
        Category::Promoter
    } else if raw >= scale.passive_from() {
        Category::Passive
    } else {
        Category::Detractor
    }
}

/// The histogram of `scores` on `scale`, one answer at a time, or the first byte off the scale and
/// its position.
pub fn naive_histogram(scale: Scale, scores: &[u8]) -> Result<[u64; 11], (u8, usize)> {
    let mut counts = [0u64; 11];
    for (position, &raw) in scores.iter().enumerate() {
        if raw < scale.min() || raw > scale.max() {
            return Err((raw, position));
        }
        counts[usize::from(raw)] += 1;
    }
    Ok(counts)
}

/// The error a slice constructor must report for the first bad byte.
pub fn out_of_scale_at(scale: Scale, (score, position): (u8, usize)) -> Error {
    Error::ScoreOutOfScaleAt { score, position, min: scale.min(), max: scale.max() }
}

/// The invariants of a tally and its statistics against the histogram.
pub fn check_tally(tally: &Tally) {
    let scale = tally.scale();
    check_scale(scale);
    let Some(histogram) = tally.histogram() else {
        // A tally of category counts alone: its three counts make the same tally again.
        assert!(!tally.has_scores());
        assert_eq!(tally.mean_rating(), None);
        let again = Tally::from_counts_on(scale, tally.promoters(), tally.passives(), tally.detractors());
        assert_eq!(again.as_ref(), Ok(tally));
        return;
    };
    let mut total: u64 = 0;
    let mut by_category = [0u128; 3];
    for (raw, &count) in (0u8..).zip(histogram) {
        if !scale.contains(raw) {
            assert_eq!(count, 0, "bin {raw} off {scale}");
            continue;
        }
        total = total.checked_add(count).expect("the total fits in u64 by invariant");
        by_category[naive_index(naive_category(scale, raw))] += u128::from(count);
    }
    assert_eq!(tally.total(), total);
    assert_eq!(tally.is_empty(), total == 0);
    for category in Category::ALL {
        assert_eq!(u128::from(tally.count_of(category)), by_category[naive_index(category)]);
    }
    assert_eq!(Tally::from_histogram(scale, *histogram).as_ref(), Ok(tally));
    match tally.nps() {
        None => {
            assert_eq!(total, 0);
            assert_eq!(tally.share(Category::Promoter), None);
            assert_eq!(tally.mean_rating(), None);
        }
        Some(nps) => {
            assert!(total > 0);
            assert!(nps.is_finite() && (-100.0..=100.0).contains(&nps), "{nps}");
            let net = by_category[2] as f64 - by_category[0] as f64;
            let expected = 100.0 * net / total as f64;
            assert!((nps - expected).abs() <= 1e-9, "{nps} vs {expected}");
            let shares: f64 = Category::ALL.iter().map(|&c| tally.share(c).unwrap()).sum();
            assert!((shares - 1.0).abs() < 1e-12, "{shares}");
            let mean = tally.mean_rating().unwrap();
            assert!(f64::from(scale.min()) <= mean && mean <= f64::from(scale.max()), "{mean}");
        }
    }
    let _ = tally.to_string();
}

/// Position of a category in [`Category::ALL`].
pub fn naive_index(category: Category) -> usize {
    match category {
        Category::Detractor => 0,
        Category::Passive => 1,
        Category::Promoter => 2,
    }
}

/// Relative closeness for positive sums computed in different orders.
pub fn close(a: f64, b: f64, relative: f64) -> bool {
    a == b || (a - b).abs() <= relative * a.abs().max(b.abs())
}

/// The invariants of a weighted tally: its tally's, weight sums that a set of valid weights can
/// have, and finite statistics in range.
pub fn check_weighted(weighted: &WeightedTally) {
    let tally = weighted.tally();
    check_tally(tally);
    let n = tally.total();
    let mut total = 0.0;
    for category in Category::ALL {
        let (count, sum, squared) =
            (weighted.count(category), weighted.weight(category), weighted.weight_squared(category));
        assert_eq!(count, tally.count_of(category));
        assert!(sum.is_finite() && squared.is_finite(), "{sum} {squared}");
        if count == 0 {
            assert!(sum == 0.0 && squared == 0.0, "{category}: {sum} {squared} without answers");
        } else {
            assert!(sum > 0.0 && squared >= f64::MIN_POSITIVE, "{category}: {sum} {squared}");
            // Cauchy–Schwarz: (Σw)²/count ≤ Σw² ≤ (Σw)², as Σw/count ≤ Σw²/Σw ≤ Σw.
            let per_weight = squared / sum;
            assert!(per_weight >= sum / count as f64 * (1.0 - 1e-9), "{category}: {sum} {squared} {count}");
            assert!(per_weight <= sum * (1.0 + 1e-9), "{category}: {sum} {squared}");
        }
        total += sum;
    }
    let total_weight = weighted.total_weight();
    assert!(total_weight.is_finite() && weighted.total_weight_squared().is_finite());
    assert!(close(total_weight, total, 1e-12), "{total_weight} vs {total}");
    match weighted.nps() {
        None => assert_eq!(n, 0),
        Some(nps) => {
            assert!(n > 0);
            assert!(nps.is_finite() && (-100.0..=100.0).contains(&nps), "{nps}");
            let effective = weighted.effective_n().expect("a non-empty weighted tally has an effective n");
            assert!(effective.is_finite(), "{effective}");
            assert!(effective >= 1.0 - 1e-9 && effective <= n as f64 * (1.0 + 1e-9), "{effective} for {n}");
            for category in Category::ALL {
                let share = weighted.share(category).unwrap();
                assert!(share.is_finite() && (0.0..=1.0 + 1e-12).contains(&share), "{share}");
            }
        }
    }
    let _ = weighted.to_string();
}

/// A weighted tally kept the obvious way: counts per score, plain sums per category. Plain
/// summation of positive terms is within n·ε of the exact sum, which bounds the comparison.
#[derive(Debug, Clone)]
pub struct NaiveWeighted {
    pub scale: Scale,
    pub counts: [u64; 11],
    pub sum: [f64; 3],
    pub squared: [f64; 3],
    pub adds: u64,
}

/// What `WeightedTally::add` must do with one answer, by the documented rules.
#[derive(Debug, Clone, PartialEq)]
pub enum Expected {
    Added,
    InvalidWeight,
    WeightUnderflow,
    OffScale,
    /// A sum would overflow; near the edge the rounding of the naive sums cannot tell.
    OverflowOrAdded,
}

impl NaiveWeighted {
    pub fn new(scale: Scale) -> NaiveWeighted {
        NaiveWeighted { scale, counts: [0; 11], sum: [0.0; 3], squared: [0.0; 3], adds: 0 }
    }

    /// Applies one answer and says what the library may have done: when several things are wrong
    /// (a bad weight and a score off the scale), reporting any one of them is right.
    pub fn add(&mut self, raw: u8, weight: f64) -> Vec<Expected> {
        let mut problems = Vec::new();
        if !(weight.is_finite() && weight > 0.0) {
            problems.push(Expected::InvalidWeight);
        } else if weight * weight < f64::MIN_POSITIVE {
            problems.push(Expected::WeightUnderflow);
        } else if weight > nps_stats::tally::MAX_WEIGHT {
            problems.push(Expected::OverflowOrAdded);
        }
        if raw < self.scale.min() || raw > self.scale.max() {
            problems.push(Expected::OffScale);
        }
        if !problems.is_empty() {
            return problems;
        }
        let index = naive_index(naive_category(self.scale, raw));
        let (mut sum, mut squared) = (self.sum, self.squared);
        sum[index] += weight;
        squared[index] += weight * weight;
        let largest = sum.iter().sum::<f64>().max(squared.iter().sum::<f64>());
        if !largest.is_finite() || largest > f64::MAX / 2.0 {
            return vec![Expected::OverflowOrAdded];
        }
        self.sum = sum;
        self.squared = squared;
        self.counts[usize::from(raw)] += 1;
        self.adds += 1;
        vec![Expected::Added]
    }

    /// Takes over the library's state after an answer the naive sums could not judge.
    pub fn resync(&mut self, weighted: &WeightedTally) {
        self.counts = *weighted.tally().histogram().expect("weighted tallies here are counted from scores");
        for category in Category::ALL {
            let i = naive_index(category);
            self.sum[i] = weighted.weight(category);
            self.squared[i] = weighted.weight_squared(category);
        }
        self.adds = weighted.tally().total();
    }

    /// The library's tally agrees: equal counts, sums within the naive rounding bound.
    pub fn assert_matches(&self, weighted: &WeightedTally) {
        assert_eq!(weighted.scale(), self.scale);
        assert_eq!(weighted.tally().histogram(), Some(&self.counts));
        let bound = (self.adds as f64 + 2.0) * f64::EPSILON;
        for category in Category::ALL {
            let i = naive_index(category);
            assert!(
                close(weighted.weight(category), self.sum[i], bound),
                "{category}: {} vs {}",
                weighted.weight(category),
                self.sum[i]
            );
            assert!(
                close(weighted.weight_squared(category), self.squared[i], bound),
                "{category}: {} vs {}",
                weighted.weight_squared(category),
                self.squared[i]
            );
        }
    }
}

/// Deserializes `json` as `T`; whatever is accepted must pass `check` and survive a round trip
/// unchanged (serialize, deserialize, equal; serialize again, the same text).
pub fn json_round_trip<T>(json: &str, check: impl Fn(&T))
where
    T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + core::fmt::Debug,
{
    let Ok(value) = serde_json::from_str::<T>(json) else { return };
    check(&value);
    let text = serde_json::to_string(&value).expect("an accepted value serializes");
    let back: T = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{text} does not read back: {e}"));
    assert_eq!(back, value, "{text}");
    assert_eq!(serde_json::to_string(&back).expect("serializes"), text);
}

/// A weight to test with: any bit pattern (NaN, ±∞, subnormals, huge), an ordinary value across the
/// range of account values, or an exact power of two near the edges of `f64`.
#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum WeightChoice {
    Bits(u64),
    Ordinary { mantissa: u16, exponent: i8 },
    PowerOfTwo(i16),
}

impl WeightChoice {
    pub fn value(self) -> f64 {
        match self {
            WeightChoice::Bits(bits) => f64::from_bits(bits),
            WeightChoice::Ordinary { mantissa, exponent } => {
                (1.0 + f64::from(mantissa) / 65536.0) * 2f64.powi(i32::from(exponent) / 3)
            }
            WeightChoice::PowerOfTwo(exponent) => 2f64.powi(i32::from(exponent % 1100)),
        }
    }
}

/// A confidence level to test with: the common ones, the edges near 0 and 1, or any bit pattern.
#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum LevelChoice {
    NinetyFive,
    NearOne(u8),
    NearZero(u8),
    Bits(u64),
}

impl LevelChoice {
    /// The level, or `None` when `Confidence::new` (correctly) refuses it.
    pub fn confidence(self) -> Option<nps_stats::Confidence> {
        let level = match self {
            LevelChoice::NinetyFive => 0.95,
            LevelChoice::NearOne(k) => 1.0 - 2f64.powi(-i32::from(k % 60)),
            LevelChoice::NearZero(k) => 2f64.powi(-i32::from(k % 200) - 1),
            LevelChoice::Bits(bits) => f64::from_bits(bits),
        };
        let accepted = nps_stats::Confidence::new(level).ok();
        assert_eq!(accepted.is_some(), level > 0.0 && level < 1.0, "{level}");
        accepted
    }
}

/// The invariants of any interval the crate reports around an estimate on −`limit`..=`limit`.
pub fn check_interval(point: f64, std_error: f64, interval: &nps_stats::Interval, limit: f64) {
    assert!(point.is_finite() && point.abs() <= limit, "{point}");
    assert!(std_error.is_finite() && std_error >= 0.0, "{std_error}");
    assert!(interval.lower.is_finite() && interval.upper.is_finite(), "{interval:?}");
    assert!(
        -limit <= interval.lower && interval.lower <= interval.upper && interval.upper <= limit,
        "{interval:?}"
    );
    let _ = interval.to_string();
}

// ---------------------------------------------------------------------------------------------
// The documented ranges of every result, in one place for all targets: each `f64` finite (the one
// exception, a test statistic of ±∞ with p = 0, is checked where it may occur) and within its
// range.

/// `value` lies in `low..=high` (so it is not NaN).
pub fn in_range(value: f64, low: f64, high: f64, what: &str) {
    assert!((low..=high).contains(&value), "{what} = {value:?}, expected {low}..={high}");
}

/// A finite value of at least 0.
pub fn non_negative(value: f64, what: &str) {
    in_range(value, 0.0, f64::MAX, what);
}

/// An interval: finite, ordered bounds within ±`limit`, a valid level.
pub fn check_bounds(interval: &nps_stats::Interval, limit: f64) {
    in_range(interval.lower, -limit, limit, "interval lower bound");
    in_range(interval.upper, -limit, limit, "interval upper bound");
    assert!(interval.lower <= interval.upper, "{interval:?}");
    assert!(interval.level.level() > 0.0 && interval.level.level() < 1.0);
    let _ = interval.to_string();
}

/// An estimate of one NPS.
pub fn check_estimate(estimate: &nps_stats::Estimate) {
    in_range(estimate.nps, -100.0, 100.0, "NPS");
    non_negative(estimate.std_error, "standard error");
    non_negative(estimate.effective_n, "effective n");
    check_bounds(&estimate.interval, 100.0);
    let _ = estimate.to_string();
}

/// A comparison: the statistic is ±∞ only with p = 0 (the documented exception); everything else
/// finite and in range.
pub fn check_comparison(comparison: &nps_stats::inference::Comparison) {
    in_range(comparison.difference, -200.0, 200.0, "difference");
    non_negative(comparison.std_error, "standard error");
    check_bounds(&comparison.interval, 200.0);
    in_range(comparison.p_value, 0.0, 1.0, "p-value");
    assert!(!comparison.statistic.is_nan(), "{comparison:?}");
    if comparison.statistic.is_infinite() {
        assert_eq!(comparison.p_value, 0.0, "{comparison:?}");
    }
    if let Some(df) = comparison.degrees_of_freedom {
        assert!(df.is_finite() && df > 0.0, "{comparison:?}");
    }
    let _ = comparison.to_string();
}

/// A comparison whose statistic must be finite (no exception applies).
pub fn check_finite_comparison(comparison: &nps_stats::inference::Comparison) {
    check_comparison(comparison);
    assert!(comparison.statistic.is_finite(), "{comparison:?}");
}

/// A design-based estimate.
pub fn check_design_estimate(estimate: &nps_stats::accounts::DesignEstimate) {
    in_range(estimate.nps, -100.0, 100.0, "NPS");
    non_negative(estimate.std_error, "standard error");
    non_negative(estimate.effective_n, "effective n");
    assert!(estimate.effective_n <= estimate.n as f64 * (1.0 + 1e-9), "{estimate:?}");
    if let Some(df) = estimate.degrees_of_freedom {
        assert!(df.is_finite() && df > 0.0, "{estimate:?}");
    }
    check_bounds(&estimate.interval, 100.0);
    let _ = estimate.to_string();
}

/// A weighted slope.
pub fn check_slope(slope: &nps_stats::inference::Slope) {
    assert!(slope.slope.is_finite(), "{slope:?}");
    assert!(slope.std_error.is_finite() && slope.std_error > 0.0, "{slope:?}");
    assert!(slope.statistic.is_finite(), "{slope:?}");
    in_range(slope.p_value, 0.0, 1.0, "p-value");
    check_bounds(&slope.interval, f64::MAX);
    assert!(slope.points >= 2);
    let _ = slope.to_string();
}

/// An account value: the limits of a weight.
pub fn check_account_value(value: f64) {
    in_range(value, nps_stats::tally::MIN_WEIGHT, nps_stats::tally::MAX_WEIGHT, "account value");
}

/// An account roll-up.
pub fn check_rollup(rollup: &nps_stats::AccountRollup) {
    check_design_estimate(&rollup.weighted);
    check_design_estimate(&rollup.unweighted);
    check_tally(&rollup.tally);
    let mut shares = 0.0;
    for row in &rollup.rows {
        in_range(row.nps, -100.0, 100.0, "account NPS");
        in_range(row.weight_share, 0.0, 1.0, "weight share");
        shares += row.weight_share;
        if let Some(value) = row.value {
            check_account_value(value);
        }
        check_tally(&row.tally);
    }
    assert!(rollup.rows.is_empty() || (shares - 1.0).abs() < 1e-9, "weight shares add up to {shares}");
    let _ = rollup.to_string();
}

/// Follow-up lists.
pub fn check_follow_up(follow_up: &nps_stats::accounts::FollowUp) {
    for account in
        follow_up.call_first.iter().chain(&follow_up.ask_for_referrals).chain(&follow_up.insufficient)
    {
        check_account_value(account.value);
        in_range(account.nps, -100.0, 100.0, "account NPS");
        in_range(account.value_at_risk, 0.0, account.value, "value at risk");
        in_range(account.value_promoting, 0.0, account.value, "value promoting");
        check_tally(&account.tally);
    }
    let _ = follow_up.to_string();
}

/// Coverage.
pub fn check_coverage(coverage: &nps_stats::accounts::Coverage) {
    in_range(coverage.account_coverage, 0.0, 1.0, "account coverage");
    in_range(coverage.revenue_coverage, 0.0, 1.0, "revenue coverage");
    non_negative(coverage.total_value, "total value");
    in_range(coverage.value_answered, 0.0, coverage.total_value, "value answered");
    if let Some(rate) = coverage.response_rate {
        in_range(rate, 0.0, 1.0, "response rate");
    }
    for row in &coverage.rows {
        check_account_value(row.value);
        if let Some(rate) = row.response_rate {
            in_range(rate, 0.0, 1.0, "response rate");
        }
    }
    let _ = coverage.to_string();
}

/// A margin of error.
pub fn check_margin(margin: &nps_stats::inference::MarginOfError) {
    non_negative(margin.margin, "margin");
    in_range(margin.variance, 0.0, 1.0, "variance");
    in_range(margin.correction, 0.0, 1.0, "correction");
    assert!(margin.n >= 1);
    let _ = margin.to_string();
}

/// A sample size for a margin.
pub fn check_sample_size(plan: &nps_stats::inference::SampleSize) {
    assert!(plan.n >= 1);
    non_negative(plan.unrounded, "unrounded sample size");
    assert!(plan.unrounded <= plan.n as f64 * (1.0 + 1e-9) + 1.0, "{plan:?}");
    if let Some(population) = plan.population {
        assert!(plan.n <= population.max(1), "{plan:?}");
    }
    in_range(plan.margin, 0.0, 100.0, "margin");
    in_range(plan.variance, 0.0, 1.0, "variance");
    let _ = plan.to_string();
}

/// A sample size for a change.
pub fn check_change_sample_size(plan: &nps_stats::inference::ChangeSampleSize) {
    assert!(plan.n >= 1);
    non_negative(plan.unrounded, "unrounded sample size");
    in_range(plan.change, 0.0, 200.0, "change");
    in_range(plan.power, 0.0, 1.0, "power");
    in_range(plan.variance, 0.0, 4.0, "variance");
    let _ = plan.to_string();
}

/// A change between two periods.
pub fn check_change(change: &nps_stats::analysis::Change) {
    in_range(change.difference, -200.0, 200.0, "difference");
    for comparison in change.independent.iter().chain(&change.paired) {
        check_comparison(comparison);
    }
}

/// A mix-shift decomposition.
pub fn check_mix_shift<K>(mix: &nps_stats::analysis::MixShift<K>) {
    in_range(mix.before, -100.0, 100.0, "NPS before");
    in_range(mix.after, -100.0, 100.0, "NPS after");
    for part in [mix.total_change, mix.within, mix.mix] {
        in_range(part, -200.0, 200.0, "change");
    }
    for segment in &mix.segments {
        in_range(segment.share_before, 0.0, 1.0, "share");
        in_range(segment.share_after, 0.0, 1.0, "share");
        for nps in [segment.nps_before, segment.nps_after].into_iter().flatten() {
            in_range(nps, -100.0, 100.0, "segment NPS");
        }
        if let Some(change) = segment.change {
            in_range(change, -200.0, 200.0, "segment change");
        }
        in_range(segment.within, -200.0, 200.0, "within");
        in_range(segment.mix, -200.0, 200.0, "mix");
    }
}

/// A breakdown.
pub fn check_breakdown<K>(breakdown: &nps_stats::Breakdown<K>) {
    for row in &breakdown.rows {
        if let Some(estimate) = &row.estimate {
            check_estimate(estimate);
        }
        if let Some(comparison) = &row.versus_rest {
            check_comparison(comparison);
        }
        if let Some(p) = row.adjusted_p_value {
            in_range(p, 0.0, 1.0, "adjusted p-value");
        }
        if let Some(tally) = &row.tally {
            check_tally(tally);
        }
    }
    if let Some(estimate) = &breakdown.overall_estimate {
        check_estimate(estimate);
    }
}

/// A trend.
pub fn check_trend<P>(trend: &nps_stats::Trend<P>) {
    for point in &trend.points {
        check_tally(&point.tally);
        if let Some(estimate) = &point.estimate {
            check_estimate(estimate);
        }
        if let Some(change) = &point.change {
            check_change(change);
        }
    }
    if let Some(slope) = &trend.slope {
        check_slope(slope);
    }
}

/// A count of answers for the fuzz inputs: small ones, or near `u64::MAX` where sums are hardest.
#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum CountChoice {
    Small(u16),
    Huge(u8),
}

impl CountChoice {
    pub fn value(self) -> u64 {
        match self {
            CountChoice::Small(n) => u64::from(n % 2_000),
            CountChoice::Huge(shift) => u64::MAX >> (shift % 64),
        }
    }
}

/// A tally of (promoters, passives, detractors) on the standard scale, `None` when the counts add up
/// past `u64::MAX` (which must be `CountOverflow`).
pub fn tally_of(promoters: u64, passives: u64, detractors: u64) -> Option<Tally> {
    match Tally::from_counts(promoters, passives, detractors) {
        Ok(tally) => {
            check_tally(&tally);
            Some(tally)
        }
        Err(error) => {
            assert_eq!(error, Error::CountOverflow);
            None
        }
    }
}

/// A number of points to test with: any bit pattern, a whole number, or one near the edges.
#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum PointsChoice {
    Bits(u64),
    Whole(i16),
    Fraction(i32),
    Tiny(i16),
}

impl PointsChoice {
    pub fn value(self) -> f64 {
        match self {
            PointsChoice::Bits(bits) => f64::from_bits(bits),
            PointsChoice::Whole(n) => f64::from(n),
            PointsChoice::Fraction(n) => f64::from(n) / 1e6,
            PointsChoice::Tiny(e) => 2f64.powi(i32::from(e) % 1100),
        }
    }
}
