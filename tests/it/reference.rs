//! Reference values worked out by hand from the definition NPS = 100 × (P − D) / n.

use nps_stats::{Category, Scale, Score, Tally, WeightedTally};

#[test]
fn six_answers_give_one_third_unrounded() {
    // {10, 9, 9, 8, 7, 6}: P = 3, A = 2, D = 1, n = 6 → 100 × 2/6 = 33.333…
    let tally = Tally::from_scores(&[10, 9, 9, 8, 7, 6]).unwrap();
    assert_eq!((tally.promoters(), tally.passives(), tally.detractors()), (3, 2, 1));
    let nps = tally.nps().unwrap();
    assert!((nps - 100.0 / 3.0).abs() < 1e-12, "{nps}");
    assert_ne!(nps, 33.0);
    assert_ne!(nps, 34.0);
}

#[test]
fn empty_tally_has_no_nps() {
    assert_eq!(Tally::new().nps(), None);
    assert_eq!(Tally::new().share(Category::Promoter), None);
    assert_eq!(Tally::new().mean_rating(), None);
    assert_eq!(Tally::from_scores(&[]).unwrap().nps(), None);
    assert_eq!(WeightedTally::new().nps(), None);
    assert_eq!(WeightedTally::new().effective_n(), None);
}

#[test]
fn dutch_scale_promoter_from_eight_detractor_to_five() {
    assert_eq!(Scale::DUTCH.category(8).unwrap(), Category::Promoter);
    assert_eq!(Scale::DUTCH.category(5).unwrap(), Category::Detractor);
    assert_eq!(Scale::DUTCH.category(6).unwrap(), Category::Passive);
    assert_eq!(Scale::DUTCH.category(7).unwrap(), Category::Passive);
    assert_eq!(Scale::DUTCH.category(1).unwrap(), Category::Detractor);
    assert_eq!(Scale::DUTCH.category(10).unwrap(), Category::Promoter);
    // The same answers on the standard scale: 8 is passive, 5 detractor.
    assert_eq!(Score::try_from(8).unwrap().category(), Category::Passive);
}

#[test]
fn five_point_scale() {
    let tally = Tally::from_scores_on(Scale::FIVE_POINT, &[5, 5, 4, 3, 1]).unwrap();
    // P = 2, A = 1, D = 2 → 0.
    assert_eq!((tally.promoters(), tally.passives(), tally.detractors()), (2, 1, 2));
    assert_eq!(tally.nps(), Some(0.0));
}

#[test]
fn fifty_thirty_twenty_gives_thirty() {
    let mut scores = vec![10u8; 50];
    scores.extend([8u8; 30]);
    scores.extend([0u8; 20]);
    let tally = Tally::from_scores(&scores).unwrap();
    assert_eq!(tally.nps(), Some(30.0));
    assert_eq!(tally.share(Category::Promoter), Some(0.5));
    assert_eq!(tally.share(Category::Passive), Some(0.3));
    assert_eq!(tally.share(Category::Detractor), Some(0.2));
}

#[test]
fn extremes() {
    assert_eq!(Tally::from_scores(&[9, 10, 10]).unwrap().nps(), Some(100.0));
    assert_eq!(Tally::from_scores(&[0, 6, 3]).unwrap().nps(), Some(-100.0));
    assert_eq!(Tally::from_scores(&[7, 8]).unwrap().nps(), Some(0.0));
    assert_eq!(Tally::from_scores(&[5]).unwrap().nps(), Some(-100.0));
}

#[test]
fn mean_rating_is_not_nps() {
    // Mean of {10, 9, 9, 8, 7, 6} = 49 / 6.
    let tally = Tally::from_scores(&[10, 9, 9, 8, 7, 6]).unwrap();
    assert!((tally.mean_rating().unwrap() - 49.0 / 6.0).abs() < 1e-12);
}

#[test]
fn histogram_counts_every_score() {
    let tally = Tally::from_scores(&[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10]).unwrap();
    let mut expected = [1u64; 11];
    expected[10] = 2;
    assert_eq!(tally.histogram(), Some(&expected));
    assert_eq!(tally.count(Score::MAX), Some(2));
}

#[test]
fn weighted_by_hand() {
    // Promoter w = 3, passive w = 2, detractors w = 1 and 4: Σw = 10, Σw² = 9 + 4 + 1 + 16 = 30.
    // Weighted NPS = 100 × (3 − 5) / 10 = −20; Kish n_eff = 100 / 30.
    let mut weighted = WeightedTally::new();
    for (raw, w) in [(10u8, 3.0), (7, 2.0), (2, 1.0), (6, 4.0)] {
        weighted.try_add(raw, w).unwrap();
    }
    assert!((weighted.nps().unwrap() + 20.0).abs() < 1e-12);
    assert!((weighted.effective_n().unwrap() - 10.0 / 3.0).abs() < 1e-12);
    assert_eq!(weighted.total_weight_squared(), 30.0);
    assert_eq!(weighted.weight(Category::Detractor), 5.0);
    assert_eq!(weighted.tally().nps(), Some(-25.0));
    assert_eq!(weighted.share(Category::Passive), Some(0.2));
}

#[test]
fn merging_preserves_everything() {
    let a = Tally::from_scores(&[10, 2, 8]).unwrap();
    let b = Tally::from_scores(&[9, 9]).unwrap();
    let c = Tally::from_scores(&[0]).unwrap();
    let expected = Tally::from_scores(&[10, 2, 8, 9, 9, 0]).unwrap();

    assert_eq!((&a + &b).and_then(|ab| ab + c.clone()).unwrap(), expected);
    assert_eq!(((a.clone() + b.clone()) + c.clone()).unwrap(), expected);

    let mut acc: nps_stats::Result<Tally> = Ok(Tally::new());
    acc += &a;
    acc += b.clone();
    acc += &c;
    assert_eq!(acc.unwrap(), expected);

    let summed: nps_stats::Result<Tally> = [&a, &b, &c].into_iter().sum();
    assert_eq!(summed.unwrap(), expected);
    let collected: nps_stats::Result<Tally> = vec![a.clone(), b.clone(), c.clone()].into_iter().collect();
    assert_eq!(collected.unwrap(), expected);

    let mut extended: nps_stats::Result<Tally> = Ok(a);
    extended.extend([b, c]);
    assert_eq!(extended.unwrap(), expected);
}

#[test]
fn sum_keeps_the_scale_of_its_parts() {
    let parts = [
        Tally::from_scores_on(Scale::DUTCH, &[8]).unwrap(),
        Tally::from_scores_on(Scale::DUTCH, &[1]).unwrap(),
    ];
    let sum: Tally = parts.iter().sum::<nps_stats::Result<Tally>>().unwrap();
    assert_eq!(sum.scale(), Scale::DUTCH);
    assert_eq!(sum.nps(), Some(0.0));
    let empty: Tally = std::iter::empty::<Tally>().sum::<nps_stats::Result<Tally>>().unwrap();
    assert!(empty.is_empty());
}

#[test]
fn display_forms() {
    let tally = Tally::from_scores(&[10, 9, 9, 8, 7, 6]).unwrap();
    assert_eq!(tally.to_string(), "n = 6: 3 promoters, 2 passives, 1 detractor, NPS +33.3");
    assert_eq!(format!("{tally:.3}"), "n = 6: 3 promoters, 2 passives, 1 detractor, NPS +33.333");
    assert_eq!(Tally::new().to_string(), "n = 0: 0 promoters, 0 passives, 0 detractors, NPS n/a");
    assert_eq!(Scale::STANDARD.to_string(), "0..=10 (detractors 0..=6, passives 7..=8, promoters 9..=10)");
    assert_eq!(
        Scale::new(1, 5, 4, 4).unwrap().to_string(),
        "1..=5 (detractors 1..=3, no passives, promoters 4..=5)"
    );
    assert_eq!(Category::Detractor.to_string(), "detractor");
    assert_eq!(format!("{:>9}", Category::Passive), "  passive");
}
