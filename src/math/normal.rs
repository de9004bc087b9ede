//! The standard normal distribution: tail probabilities and quantiles to the last digits a double
//! holds, in the far tails too.
//!
//! - Tail probabilities: W. J. Cody's rational Chebyshev approximations, "Rational Chebyshev
//!   approximations for the error function", *Mathematics of Computation* 23 (1969), 631–637, in
//!   the form of his normal-distribution routine ANORM (W. J. Cody (1993), "Algorithm 715: SPECFUN —
//!   a portable FORTRAN package of special function routines and test drivers", *ACM TOMS* 19(1),
//!   22–32), which R's `pnorm` also uses. Three rational functions cover |x| ≤ 0.66291,
//!   0.66291 < |x| ≤ √32 and |x| > √32; in the outer two the factor exp(−x²/2) is split as
//!   exp(−x̃²/2)·exp(−(x − x̃)(x + x̃)/2) with x̃ = ⌊16x⌋/16, so that x² never loses its low bits.
//!   Relative error below 10⁻¹⁵ against R and mpmath from z = 0 to 37 (`tests/data/pnorm_*`).
//! - Quantiles: M. J. Wichura (1988), "Algorithm AS 241: the percentage points of the normal
//!   distribution", *Applied Statistics* 37(3), 477–484 (`PPND16`, about 16 correct digits), also the
//!   algorithm of R's `qnorm`.
//!
//! statrs' `Normal` is good to about 10⁻¹¹ relative here (its `sf` gives 0.0499999999977541 at the
//! 97.5 % quantile, where the exact value is 0.05), which is why these are written out.

/// 1/√(2π).
const FRAC_1_SQRT_2PI: f64 = 0.398_942_280_401_432_7;

/// Cody's first range, |x| ≤ 0.66291: Φ(x) − ½ = x·A(x²)/B(x²). Coefficients of ANORM, highest
/// power last for A (the leading coefficient of A is the last entry) as Cody lists them.
const SMALL_NUMERATOR: [f64; 5] = [
    2.235_252_035_460_683_928_7,
    161.028_231_068_555_878_81,
    1_067.689_485_460_370_958_2,
    18_154.981_253_343_561_249,
    0.065_682_337_918_207_449_113,
];
const SMALL_DENOMINATOR: [f64; 4] = [
    47.202_581_904_688_241_87,
    976.098_551_737_776_693_22,
    10_260.932_208_618_978_205,
    45_507.789_335_026_729_956,
];

/// Cody's second range, 0.66291 < |x| ≤ √32: Q(|x|) = exp(−x²/2)·C(|x|)/D(|x|).
const MIDDLE_NUMERATOR: [f64; 9] = [
    0.398_941_512_088_134_667_64,
    8.883_149_794_388_375_941_2,
    93.506_656_132_177_855_979,
    597.270_276_394_800_262_26,
    2_494.537_585_290_372_671_1,
    6_848.190_450_536_282_332_6,
    11_602.651_437_647_350_124,
    9_842.714_838_383_978_021_8,
    1.076_557_677_372_019_231_7e-8,
];
const MIDDLE_DENOMINATOR: [f64; 8] = [
    22.266_688_044_328_115_691,
    235.387_901_782_624_998_61,
    1_519.377_599_407_554_805,
    6_485.558_298_266_760_755,
    18_615.571_640_885_098_091,
    34_900.952_721_145_977_266,
    38_912.003_286_093_271_411,
    19_685.429_676_859_990_727,
];

/// Cody's third range, |x| > √32: Q(|x|) = exp(−x²/2)/|x|·(1/√(2π) − x⁻²·P(x⁻²)/Q(x⁻²)).
const LARGE_NUMERATOR: [f64; 6] = [
    0.215_898_534_057_956_99,
    0.127_401_161_160_247_363_9,
    0.022_235_277_870_649_807,
    0.001_421_619_193_227_893_466,
    2.911_287_495_116_879_2e-5,
    0.023_073_441_764_940_173_03,
];
const LARGE_DENOMINATOR: [f64; 5] = [
    1.284_260_096_144_911_21,
    0.468_238_212_480_865_118,
    0.065_988_137_868_928_551_5,
    0.003_782_396_332_027_582_44,
    7.297_515_550_839_662_05e-5,
];

/// Cody's nested form: starting from `leading · t`, each coefficient is added and the sum
/// multiplied by `t`; the numerator then adds its last coefficient, the denominator (monic) its
/// last one. `numerator` holds the coefficients in Cody's order with the leading one last.
fn cody_ratio<const N: usize, const D: usize>(numerator: &[f64; N], denominator: &[f64; D], t: f64) -> f64 {
    let (lead, rest) = numerator.split_last().unwrap_or((&0.0, &[]));
    let (mut num, mut den) = (lead * t, t);
    // The first D − 1 coefficients go through the loop; the last of each is added at the end.
    let steps = D.saturating_sub(1);
    for (a, b) in rest.iter().zip(denominator).take(steps) {
        num = (num + a) * t;
        den = (den + b) * t;
    }
    let last_a = rest.get(steps).copied().unwrap_or(0.0);
    let last_b = denominator.get(steps).copied().unwrap_or(1.0);
    (num + last_a) / (den + last_b)
}

/// exp(−y²/2) · `factor` for y ≥ 0, without losing the low bits of y² (Cody's split at ⌊16y⌋/16).
/// When the result is below the smallest normal double, only the final product rounds to a
/// subnormal, rather than exp(−ỹ²/2) first.
fn gaussian_times(y: f64, factor: f64) -> f64 {
    let rounded = (16.0 * y).floor() / 16.0;
    let rest = (y - rounded) * (y + rounded);
    let head = 0.5 * rounded * rounded;
    let small = (-0.5 * rest).exp() * factor;
    if head <= 600.0 {
        (-head).exp() * small
    } else {
        // exp(−head) would be subnormal: take e⁻⁶⁰⁰ out, so that only the product rounds.
        (-(head - 600.0)).exp() * small * (-600.0_f64).exp()
    }
}

/// Q(x) = P(Z > x) = 1 − Φ(x): the upper tail, accurate to a few ulps where it is small and
/// where it is close to 1. 0 beyond x ≈ 38.6 (below the smallest subnormal double).
pub(crate) fn upper_tail(x: f64) -> f64 {
    if x.is_nan() {
        return f64::NAN;
    }
    let y = x.abs();
    if y <= 0.66291 {
        // Below ε/2, x² adds nothing (and could underflow).
        let t = if y > f64::EPSILON / 2.0 { x * x } else { 0.0 };
        return 0.5 - x * cody_ratio(&SMALL_NUMERATOR, &SMALL_DENOMINATOR, t);
    }
    let tail = if y <= 32f64.sqrt() {
        gaussian_times(y, cody_ratio(&MIDDLE_NUMERATOR, &MIDDLE_DENOMINATOR, y))
    } else if y < 40.0 {
        let t = 1.0 / (y * y);
        let correction = t * cody_ratio(&LARGE_NUMERATOR, &LARGE_DENOMINATOR, t);
        gaussian_times(y, (FRAC_1_SQRT_2PI - correction) / y)
    } else {
        0.0
    };
    if x > 0.0 { tail } else { 1.0 - tail }
}

/// Φ(x) = P(Z ≤ x).
pub(crate) fn cdf(x: f64) -> f64 {
    upper_tail(-x)
}

/// The two-sided p-value of a standard normal statistic, 2·Q(|z|) (R's `2*pnorm(-abs(z))`),
/// computed from the upper tail so that tiny p-values keep their precision. NaN gives 1.
pub(crate) fn two_sided_p(z: f64) -> f64 {
    if z.is_nan() {
        return 1.0;
    }
    (2.0 * upper_tail(z.abs())).min(1.0)
}

/// AS 241's central range, |p − ½| ≤ 0.425: z = q·A(r)/B(r) with r = 0.425² − q².
const CENTRAL_NUMERATOR: [f64; 8] = [
    3.387_132_872_796_366_608,
    133.141_667_891_784_377_45,
    1_971.590_950_306_551_442_7,
    13_731.693_765_509_461_125,
    45_921.953_931_549_871_457,
    67_265.770_927_008_700_853,
    33_430.575_583_588_128_105,
    2_509.080_928_730_122_672_7,
];
const CENTRAL_DENOMINATOR: [f64; 8] = [
    1.0,
    42.313_330_701_600_911_252,
    687.187_007_492_057_908_3,
    5_394.196_021_424_751_107_7,
    21_213.794_301_586_595_867,
    39_307.895_800_092_710_61,
    28_729.085_735_721_942_674,
    5_226.495_278_852_854_561,
];

/// AS 241's intermediate range, r = √(−ln min(p, 1 − p)) ≤ 5: z = C(r − 1.6)/D(r − 1.6).
const NEAR_NUMERATOR: [f64; 8] = [
    1.423_437_110_749_683_577_34,
    4.630_337_846_156_545_295_9,
    5.769_497_221_460_691_405_5,
    3.647_848_324_763_204_605_04,
    1.270_458_252_452_368_382_58,
    0.241_780_725_177_450_611_77,
    0.022_723_844_989_269_184_583_3,
    7.745_450_142_783_414_076_4e-4,
];
const NEAR_DENOMINATOR: [f64; 8] = [
    1.0,
    2.053_191_626_637_758_821_87,
    1.676_384_830_183_803_849_4,
    0.689_767_334_985_100_004_55,
    0.148_103_976_427_480_074_59,
    0.015_198_666_563_616_457_196_6,
    5.475_938_084_995_344_946e-4,
    1.050_750_071_644_416_843_24e-9,
];

/// AS 241's far range, r > 5: z = E(r − 5)/F(r − 5).
const FAR_NUMERATOR: [f64; 8] = [
    6.657_904_643_501_103_777_2,
    5.463_784_911_164_114_369_9,
    1.784_826_539_917_291_335_8,
    0.296_560_571_828_504_891_23,
    0.026_532_189_526_576_123_093,
    0.001_242_660_947_388_078_438_6,
    2.711_555_568_743_487_578_15e-5,
    2.010_334_399_292_288_132_65e-7,
];
const FAR_DENOMINATOR: [f64; 8] = [
    1.0,
    0.599_832_206_555_887_937_69,
    0.136_929_880_922_735_805_31,
    0.014_875_361_290_850_614_852_5,
    7.868_691_311_456_132_591e-4,
    1.846_318_317_510_054_681_8e-5,
    1.421_511_758_316_445_888_7e-7,
    2.044_263_103_389_939_785_64e-15,
];

/// Σ cₖ tᵏ by Horner's rule, coefficients from the constant term up.
fn polynomial(coefficients: &[f64], t: f64) -> f64 {
    coefficients.iter().rev().fold(0.0, |sum, &c| sum * t + c)
}

/// Φ⁻¹(p) for p in (0, 1); −∞ at 0 and below, +∞ at 1 and above, NaN for NaN.
pub(crate) fn normal_quantile(p: f64) -> f64 {
    if p.is_nan() {
        return f64::NAN;
    }
    if p <= 0.0 {
        return f64::NEG_INFINITY;
    }
    if p >= 1.0 {
        return f64::INFINITY;
    }
    let q = p - 0.5;
    if q.abs() <= 0.425 {
        return central_quantile(q);
    }
    // The smaller tail, exactly as given when p < ½ (1 − p is exact for p ≥ ½).
    let tail = if q < 0.0 { p } else { 1.0 - p };
    let r = (-tail.ln()).sqrt();
    let z = if r <= 5.0 {
        let t = r - 1.6;
        polynomial(&NEAR_NUMERATOR, t) / polynomial(&NEAR_DENOMINATOR, t)
    } else {
        let t = r - 5.0;
        polynomial(&FAR_NUMERATOR, t) / polynomial(&FAR_DENOMINATOR, t)
    };
    if q < 0.0 { -z } else { z }
}

/// Φ⁻¹(½ + q) for |q| ≤ 0.425, from q itself: exact in its relative digits for the tiniest q,
/// where ½ + q would round to ½ (and the quantile to 0). NaN beyond that range.
pub(crate) fn central_quantile(q: f64) -> f64 {
    if q.abs() > 0.425 {
        return f64::NAN;
    }
    let r = 0.180_625 - q * q;
    q * polynomial(&CENTRAL_NUMERATOR, r) / polynomial(&CENTRAL_DENOMINATOR, r)
}

/// The z with Q(z) = `tail`: Φ⁻¹(1 − tail), computed from the tail so that it stays accurate and
/// finite for tails far below ε.
pub(crate) fn upper_quantile(tail: f64) -> f64 {
    -normal_quantile(tail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tails_at_known_points() {
        // mpmath at 30 digits: erfc(z/√2) for z = 1.959963984540054 (0.0500000000000000217…) and
        // 8.29 (1.1324846838816885906e-16); Q(0) = ½ exactly.
        assert_eq!(upper_tail(0.0), 0.5);
        assert!((two_sided_p(1.959_963_984_540_054) / 0.050_000_000_000_000_021_75 - 1.0).abs() < 2e-16);
        assert!((two_sided_p(8.29) / 1.132_484_683_881_688_590_6e-16 - 1.0).abs() < 1e-15);
        assert_eq!(two_sided_p(f64::NAN), 1.0);
        assert_eq!(upper_tail(f64::INFINITY), 0.0);
        assert_eq!(upper_tail(f64::NEG_INFINITY), 1.0);
        assert_eq!(cdf(-50.0), 0.0);
    }

    /// Rows `x,y[,…]` of a reference table after its header.
    fn table(text: &str) -> Vec<Vec<f64>> {
        text.lines().skip(1).map(|line| line.split(',').map(|v| v.parse().unwrap()).collect()).collect()
    }

    #[test]
    fn two_sided_p_values_are_r_to_the_last_digits() {
        // R 4.2.2 `2*pnorm(-abs(z))` and `pnorm(z, lower.tail = FALSE)`, cross-checked against mpmath
        // at 30 digits (largest disagreement 4.3e-16): tests/data/pnorm_reference.R.
        let mut worst: f64 = 0.0;
        for (file, two_sided) in [
            (include_str!("../../tests/data/pnorm_two_sided.csv"), true),
            (include_str!("../../tests/data/pnorm_upper.csv"), false),
        ] {
            for row in table(file) {
                let (z, expected) = (row[0], row[1]);
                if expected == 0.0 {
                    continue; // R gives 0 below the smallest normal double; see the far-tail test
                }
                let got = if two_sided { two_sided_p(z) } else { upper_tail(z) };
                let relative = (got / expected - 1.0).abs();
                assert!(relative < 1e-13, "z = {z}: {got:e} vs R {expected:e}");
                worst = worst.max(relative);
            }
        }
        // The bar of the tests is 1e-13; the algorithm does far better.
        assert!(worst < 2e-15, "{worst:e}");
    }

    #[test]
    fn far_tail_matches_mpmath_down_to_the_subnormals() {
        // mpmath at 40 digits (tests/data/pnorm_far_tail.py): beyond z = 37.5 the values are
        // subnormal, with a spacing of 4.9e-324, so the tolerance is one spacing beyond 1e-13.
        for row in table(include_str!("../../tests/data/pnorm_far_tail.csv")) {
            let (z, two_sided, upper) = (row[0], row[1], row[2]);
            for (got, expected) in [(two_sided_p(z), two_sided), (upper_tail(z), upper)] {
                let tolerance = 1e-13 * expected + 5e-324;
                assert!((got - expected).abs() <= tolerance, "z = {z}: {got:e} vs mpmath {expected:e}");
            }
        }
        assert_eq!(upper_tail(38.7), 0.0);
    }

    #[test]
    fn quantiles_are_r_to_the_last_digits() {
        // R 4.2.2 `qnorm(p, lower.tail = FALSE)` (AS 241), cross-checked against mpmath at 40 digits
        // (largest disagreement 3.3e-16): tests/data/qnorm_reference.R.
        for row in table(include_str!("../../tests/data/qnorm_upper.csv")) {
            let (p, expected) = (row[0], row[1]);
            let got = upper_quantile(p);
            assert!((got - expected).abs() <= 4e-16 * expected, "p = {p:e}: {got} vs R {expected}");
        }
    }

    #[test]
    fn quantiles_invert_the_tails() {
        assert_eq!(normal_quantile(0.5), 0.0);
        assert!((upper_quantile(0.025) - 1.959_963_984_540_054).abs() < 4e-16);
        // The double nearest 0.975 is a little below it: mpmath gives 1.95996398454005385560….
        assert!((normal_quantile(0.975) - 1.959_963_984_540_053_855_6).abs() < 4e-16);
        for tail in [0.3, 0.07, 1e-3, 1e-11, 1e-20, 1e-100, 1e-300, f64::MIN_POSITIVE] {
            let z = upper_quantile(tail);
            assert!((upper_tail(z) / tail - 1.0).abs() < 1e-13 * z.max(1.0), "{tail}: {z}");
        }
        assert!(upper_quantile(5e-324).is_finite());
        // Φ⁻¹(½ + q) ≈ q·√(2π) for tiny q, where ½ + q is ½ in f64.
        assert_eq!(central_quantile(0.0), 0.0);
        assert!(
            (central_quantile(1e-20) / (1e-20 * (2.0 * core::f64::consts::PI).sqrt()) - 1.0).abs() < 1e-15
        );
        assert_eq!(central_quantile(0.25), normal_quantile(0.75));
        assert!(central_quantile(0.5).is_nan());
        assert_eq!(normal_quantile(0.0), f64::NEG_INFINITY);
        assert_eq!(normal_quantile(1.0), f64::INFINITY);
        assert!(normal_quantile(f64::NAN).is_nan());
    }
}
