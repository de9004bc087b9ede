//! A weighted tally rebuilt from its parts (counts, Σw, Σw² per category) is the same tally: the
//! form in which partial aggregates travel between processes.

use nps_stats::{Category, Error, Score, Tally, WeightedTally};
use proptest::prelude::*;

fn parts(tally: &WeightedTally) -> (Tally, [f64; 3], [f64; 3]) {
    (
        tally.tally().clone(),
        Category::ALL.map(|c| tally.weight(c)),
        Category::ALL.map(|c| tally.weight_squared(c)),
    )
}

proptest! {
    #[test]
    fn rebuilt_tallies_give_the_same_statistics(
        answers in prop::collection::vec((0u8..=10, 1e-3f64..1e6), 0..200)
    ) {
        let mut original = WeightedTally::new();
        for &(score, weight) in &answers {
            original.try_add(score, weight).unwrap();
        }
        let (tally, weight, squared) = parts(&original);
        let rebuilt = WeightedTally::from_parts(tally, weight, squared).unwrap();
        prop_assert_eq!(rebuilt.tally(), original.tally());
        // The parts are the sums' best f64 values: the compensation carried inside a running sum
        // folds into them, so results agree to rounding (a few ulps), not bit for bit.
        let close = |a: Option<f64>, b: Option<f64>| match (a, b) {
            (Some(a), Some(b)) => (a - b).abs() <= 1e-12 * a.abs().max(b.abs()).max(1.0),
            (a, b) => a == b,
        };
        prop_assert!(close(rebuilt.nps(), original.nps()));
        prop_assert!(close(rebuilt.effective_n(), original.effective_n()));
        prop_assert!(close(Some(rebuilt.total_weight()), Some(original.total_weight())));
    }
}

#[test]
fn parts_that_no_positive_weights_can_give_are_rejected() {
    let one_promoter = Tally::from_scores(&[10]).unwrap();
    let cases = [
        // Weight but no answers.
        (Tally::new(), [0.0, 0.0, 2.0], [0.0, 0.0, 4.0]),
        // An answer without weight.
        (one_promoter.clone(), [0.0, 0.0, 0.0], [0.0, 0.0, 0.0]),
        // One answer of weight 2 has Σw² = 4, not 5 (Cauchy–Schwarz: (Σw)²/n ≤ Σw² ≤ (Σw)²).
        (one_promoter.clone(), [0.0, 0.0, 2.0], [0.0, 0.0, 5.0]),
        (one_promoter.clone(), [0.0, 0.0, f64::NAN], [0.0, 0.0, 1.0]),
        (one_promoter, [0.0, 0.0, -1.0], [0.0, 0.0, 1.0]),
    ];
    for (tally, weight, squared) in cases {
        let result = WeightedTally::from_parts(tally, weight, squared);
        assert!(matches!(result, Err(Error::Inconsistent { .. })), "{weight:?} {squared:?}: {result:?}");
    }
    let mut fine = WeightedTally::new();
    fine.add(Score::try_from(10).unwrap(), 2.0).unwrap();
    let (tally, weight, squared) = parts(&fine);
    assert_eq!(WeightedTally::from_parts(tally, weight, squared).unwrap(), fine);
}
