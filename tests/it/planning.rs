//! Planning numbers against `tests/data/interval_reference.py` (scipy normal quantiles; the same
//! table as the crate's methods notes §7, which these reproduce to the last digit).

use nps_stats::core::Points;
use nps_stats::{
    Confidence, Error,
    inference::{
        ExpectedShares, margin_of_error, sample_size, sample_size_for_change, sample_size_for_paired_change,
    },
};

const L95: Confidence = Confidence::NINETY_FIVE;

fn shares(promoters: f64, detractors: f64) -> ExpectedShares {
    ExpectedShares::new(promoters, detractors).unwrap()
}

#[test]
fn sample_sizes_for_a_margin_with_and_without_a_population() {
    // (shares, margin in points, n₀ unrounded, n₀ rounded up, n for N = 20, 50, 100, 200)
    let third = 1.0 / 3.0;
    let cases = [
        (ExpectedShares::WORST_CASE, 3.0, 4268.2876, 4269, [20, 50, 98, 192]),
        (ExpectedShares::WORST_CASE, 5.0, 1536.5835, 1537, [20, 49, 94, 178]),
        (ExpectedShares::WORST_CASE, 10.0, 384.1459, 385, [20, 45, 80, 132]),
        (shares(third, third), 5.0, 1024.3890, 1025, [20, 48, 92, 168]),
        (shares(third, third), 10.0, 256.0973, 257, [19, 42, 73, 113]),
        (shares(0.5, 0.2), 5.0, 937.3160, 938, [20, 48, 91, 165]),
        (shares(0.5, 0.2), 10.0, 234.3290, 235, [19, 42, 71, 109]),
        (shares(0.7, 0.05), 10.0, 125.8078, 126, [18, 36, 56, 78]),
    ];
    for (mix, margin, unrounded, n, finite) in cases {
        let plan = sample_size(Points::new(margin).unwrap(), mix, L95, None).unwrap();
        assert!((plan.unrounded - unrounded).abs() < 1e-4, "{mix} ±{margin}: {}", plan.unrounded);
        assert_eq!(plan.n, n, "{mix} ±{margin}");
        for (population, expected) in [20, 50, 100, 200].into_iter().zip(finite) {
            let plan = sample_size(Points::new(margin).unwrap(), mix, L95, Some(population)).unwrap();
            assert_eq!(plan.n, expected, "{mix} ±{margin} of N = {population}");
            assert!(plan.n <= population);
            // The planned n gives at most the asked margin once the correction is applied.
            let achieved = margin_of_error(plan.n, mix, L95, Some(population)).unwrap();
            assert!(achieved.margin <= margin + 1e-9, "{achieved}");
        }
    }
}

#[test]
fn margins_of_error() {
    // Worst case, 95 %: z/√n on the −1..=1 scale.
    for (n, expected) in [
        (10, 0.619795),
        (30, 0.357839),
        (50, 0.277181),
        (100, 0.195996),
        (200, 0.138590),
        (400, 0.097998),
        (1000, 0.061980),
    ] {
        let moe = margin_of_error(n, ExpectedShares::WORST_CASE, L95, None).unwrap();
        assert!((moe.margin - 100.0 * expected).abs() < 1e-4, "n = {n}: {}", moe.margin);
        assert_eq!(moe.correction, 1.0);
    }
    // 120 answers from 200 accounts, shares (0.5, 0.2): ±8.86 instead of ±13.97 points.
    let firm = margin_of_error(120, shares(0.5, 0.2), L95, Some(200)).unwrap();
    assert!((firm.margin - 8.860_145_233_3).abs() < 1e-8, "{}", firm.margin);
    let open = margin_of_error(120, shares(0.5, 0.2), L95, None).unwrap();
    assert!((open.margin - 13.974_052_981_1).abs() < 1e-8, "{}", open.margin);
    let census = margin_of_error(1, shares(0.5, 0.2), L95, Some(1)).unwrap();
    assert_eq!(census.margin, 0.0);
}

#[test]
fn sample_sizes_to_detect_a_change() {
    let z80 = 0.8;
    let mix = shares(0.5, 0.2);
    let plan = sample_size_for_change(10, mix, mix, L95, z80).unwrap();
    assert!((plan.unrounded - 957.5633).abs() < 1e-4);
    assert_eq!(plan.n, 958);
    let worst = ExpectedShares::WORST_CASE;
    let plan = sample_size_for_change(10, worst, worst, L95, z80).unwrap();
    assert!((plan.unrounded - 1569.7759).abs() < 1e-4);
    assert_eq!(plan.n, 1570);
    // σ² = 0.61 before and 0.69 after, Δ = 20 points.
    let other = shares(0.4, 0.3); // σ² = 0.7 − 0.1² = 0.69
    assert!((other.variance() - 0.69).abs() < 1e-12);
    let plan = sample_size_for_change(20, mix, other, L95, z80).unwrap();
    assert!((plan.unrounded - 255.0886).abs() < 1e-4);
    assert_eq!(plan.n, 256);
    assert!(!plan.paired);
    let paired = sample_size_for_paired_change(6, 0.5564, L95, z80).unwrap();
    assert!((paired.unrounded - 1213.0880).abs() < 1e-4);
    assert_eq!(paired.n, 1214);
    assert!(paired.paired);
    // 99 % level, 90 % power, worst case, Δ = 10 points.
    let strict = sample_size_for_change(10, worst, worst, Confidence::NINETY_NINE, 0.9).unwrap();
    assert!((strict.unrounded - 2975.8774).abs() < 1e-4);
}

#[test]
fn planning_inputs_are_validated() {
    let worst = ExpectedShares::WORST_CASE;
    for margin in [0.0, -5.0, 100.5] {
        let err = sample_size(Points::new(margin).unwrap(), worst, L95, None).unwrap_err();
        assert!(matches!(err, Error::InvalidParameter { name: "margin of error", .. }), "{err}");
    }
    assert!(sample_size(100, worst, L95, None).is_ok());
    assert_eq!(
        sample_size(0, worst, L95, None).unwrap_err().to_string(),
        "margin of error 0 is invalid: expected a number of points above 0 and at most 100"
    );
    assert!(sample_size(5, worst, L95, Some(0)).is_err());
    for power in [0.0, 1.0, 1.5, f64::NAN] {
        let err = sample_size_for_change(10, worst, worst, L95, power).unwrap_err();
        assert!(matches!(err, Error::InvalidParameter { name: "power", .. }), "{err}");
    }
    for change in [0.0, 200.5, -3.0] {
        assert!(sample_size_for_change(Points::new(change).unwrap(), worst, worst, L95, 0.8).is_err());
    }
    for variance in [0.0, 4.5, f64::NAN] {
        assert!(sample_size_for_paired_change(5, variance, L95, 0.8).is_err());
    }
    assert!(margin_of_error(0, worst, L95, None).is_err());
    assert!(margin_of_error(10, worst, L95, Some(9)).is_err());
    assert!(ExpectedShares::new(-0.1, 0.2).is_err());
    assert!(ExpectedShares::new(0.6, 0.5).is_err());
    assert!(ExpectedShares::new(f64::NAN, 0.5).is_err());
    assert!(ExpectedShares::from_tally(&nps_stats::Tally::new()).is_err());
    // No variance expected (everyone a promoter): any sample has margin 0, so 1 answer.
    assert_eq!(sample_size(5, shares(1.0, 0.0), L95, None).unwrap().n, 1);
}

#[test]
fn planning_results_print_as_tables() {
    let plan = sample_size(10, ExpectedShares::WORST_CASE, L95, Some(50)).unwrap();
    let text = plan.to_string();
    assert!(text.starts_with("answers needed   45 (44.34 unrounded)"), "{text}");
    assert!(text.contains("population       50 (finite-population correction)"), "{text}");
    let moe = margin_of_error(100, ExpectedShares::WORST_CASE, L95, None).unwrap();
    assert!(moe.to_string().starts_with("margin of error  ±19.6 points"), "{moe}");
    let change = sample_size_for_paired_change(6, 0.5564, L95, 0.8).unwrap();
    assert!(change.to_string().starts_with("respondents (panel)  1214"), "{change}");
}
