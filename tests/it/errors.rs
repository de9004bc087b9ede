//! Every bad input is an `Error` with a message that says what was wrong; nothing panics and a
//! failed call changes nothing.

use nps_stats::{Error, Scale, Score, Tally, WeightedTally};

#[test]
fn score_outside_zero_to_ten() {
    let err = Score::try_from(11u8).unwrap_err();
    assert_eq!(err.to_string(), "score 11 is outside the scale 0..=10");
    assert!(Score::new(255).is_err());
    for raw in 0..=10u8 {
        assert_eq!(u8::from(Score::new(raw).unwrap()), raw);
    }
}

#[test]
fn score_text() {
    assert_eq!("10".parse::<Score>().unwrap(), Score::MAX);
    assert_eq!(" 7\n".parse::<Score>().unwrap(), Score::new(7).unwrap());
    let err = "nine".parse::<Score>().unwrap_err();
    assert_eq!(err.to_string(), "\"nine\" is not a score: expected a whole number from 0 to 10");
    assert!(matches!("8.5".parse::<Score>(), Err(Error::ParseScore { .. })));
    assert!(matches!("".parse::<Score>(), Err(Error::ParseScore { .. })));
    assert_eq!("42".parse::<Score>().unwrap_err().to_string(), "score 42 is outside the scale 0..=10");
    assert_eq!("-3".parse::<Score>().unwrap_err().to_string(), "score -3 is outside the scale 0..=10");
}

#[test]
fn invalid_scales() {
    for (min, max, passive, promoter) in
        [(0, 11, 7, 9), (0, 10, 9, 7), (5, 5, 5, 5), (3, 10, 3, 9), (0, 8, 7, 9)]
    {
        let err = Scale::new(min, max, passive, promoter).unwrap_err();
        assert!(matches!(err, Error::InvalidScale { .. }), "{err}");
    }
    assert_eq!(
        Scale::new(0, 10, 9, 7).unwrap_err().to_string(),
        "invalid scale 0..=10 with passives from 9 and promoters from 7: \
         expected min < passives-from <= promoters-from <= max <= 10"
    );
    assert!(Scale::new(0, 1, 1, 1).is_ok());
}

#[test]
fn score_off_a_narrower_scale() {
    assert_eq!(Scale::DUTCH.category(0).unwrap_err().to_string(), "score 0 is outside the scale 1..=10");
    let mut dutch = Tally::with_scale(Scale::DUTCH);
    assert!(dutch.add(Score::MIN).is_err());
    assert!(dutch.try_add(11).is_err());
    assert!(dutch.is_empty());
}

#[test]
fn from_scores_names_the_first_bad_position() {
    let err = Tally::from_scores(&[9, 9, 200, 11]).unwrap_err();
    assert_eq!(err, Error::ScoreOutOfScaleAt { score: 200, position: 2, min: 0, max: 10 });
    assert_eq!(err.to_string(), "score 200 at position 2 is outside the scale 0..=10");
    let err = Tally::from_scores_on(Scale::FIVE_POINT, &[1, 2, 3, 4, 5, 0]).unwrap_err();
    assert_eq!(err, Error::ScoreOutOfScaleAt { score: 0, position: 5, min: 1, max: 5 });
}

#[test]
fn merging_different_scales_is_an_error_and_changes_nothing() {
    let mut standard = Tally::from_scores(&[9, 8]).unwrap();
    let before = standard.clone();
    let dutch = Tally::from_scores_on(Scale::DUTCH, &[8]).unwrap();
    let err = standard.merge(&dutch).unwrap_err();
    assert!(matches!(err, Error::ScaleMismatch { left: Scale::STANDARD, right: Scale::DUTCH }));
    assert!(err.to_string().starts_with("scales differ: 0..=10"), "{err}");
    assert_eq!(standard, before);
    assert!((&standard + &dutch).is_err());
    let mut acc: nps_stats::Result<Tally> = Ok(standard.clone());
    acc += &dutch;
    acc += &standard; // an error stays an error
    assert!(acc.is_err());
    let sum: nps_stats::Result<Tally> = [standard, dutch].into_iter().sum();
    assert!(sum.is_err());
}

#[test]
fn count_overflow_is_an_error_and_changes_nothing() {
    let mut histogram = [0u64; 11];
    histogram[10] = u64::MAX;
    let mut full = Tally::from_histogram(Scale::STANDARD, histogram).unwrap();
    assert_eq!(full.add(Score::MIN), Err(Error::CountOverflow));
    assert_eq!(full.try_add(3), Err(Error::CountOverflow));
    assert_eq!(full.merge(&Tally::from_scores(&[1]).unwrap()), Err(Error::CountOverflow));
    assert_eq!(full.total(), u64::MAX);
    assert_eq!(full.histogram().unwrap()[0], 0);
    assert_eq!(full.nps(), Some(100.0));

    histogram[0] = 1;
    assert_eq!(Tally::from_histogram(Scale::STANDARD, histogram), Err(Error::CountOverflow));
    let mut halves = [0u64; 11];
    halves[9] = u64::MAX / 2 + 1;
    let half = Tally::from_histogram(Scale::STANDARD, halves).unwrap();
    assert_eq!(&half + &half, Err(Error::CountOverflow));
    assert_eq!(
        Error::CountOverflow.to_string(),
        "count overflow: the result would hold more than 18446744073709551615 responses"
    );
}

#[test]
fn histogram_off_the_scale() {
    let mut histogram = [0u64; 11];
    histogram[0] = 1;
    assert_eq!(
        Tally::from_histogram(Scale::DUTCH, histogram).unwrap_err().to_string(),
        "score 0 is outside the scale 1..=10"
    );
}

#[test]
fn invalid_weights_are_errors_and_change_nothing() {
    let mut weighted = WeightedTally::new();
    weighted.add(Score::MAX, 1.0).unwrap();
    let before = weighted.clone();
    for bad in [0.0, -0.0, -3.0, f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        let err = weighted.add(Score::MAX, bad).unwrap_err();
        assert!(matches!(err, Error::InvalidWeight { .. }), "{bad}: {err}");
    }
    assert_eq!(
        weighted.add(Score::MAX, -3.0).unwrap_err().to_string(),
        "weight -3 is invalid: expected a finite number greater than 0"
    );
    // A weight whose square overflows f64.
    assert!(matches!(weighted.add(Score::MAX, 1e200), Err(Error::WeightOverflow { .. })));
    assert!(matches!(weighted.try_add(11, 1.0), Err(Error::ScoreOutOfScale { score: 11, .. })));
    assert_eq!(weighted, before);

    let mut dutch = WeightedTally::with_scale(Scale::DUTCH);
    assert!(dutch.add(Score::MIN, 1.0).is_err());
    assert!(matches!(weighted.merge(&dutch), Err(Error::ScaleMismatch { .. })));
    assert_eq!(weighted, before);
}

#[test]
fn weight_sums_that_overflow() {
    // 2⁵¹¹, the largest weight, squared is 2¹⁰²²: three fit in Σw², a fourth does not.
    let largest = 2f64.powi(511);
    let mut a = WeightedTally::new();
    for _ in 0..3 {
        a.add(Score::MAX, largest).unwrap();
    }
    let before = a.clone();
    assert!(matches!(a.add(Score::MAX, largest), Err(Error::WeightOverflow { .. })));
    // 1e154 is above 2⁵¹¹ ≈ 6.7e153 on its own, whatever the sums.
    assert!(matches!(WeightedTally::new().add(Score::MAX, 1e154), Err(Error::WeightOverflow { .. })));
    assert!(matches!(a.clone().merge(&before), Err(Error::WeightOverflow { .. })));
    assert_eq!(a, before);
}

#[test]
fn every_public_type_is_send_and_sync() {
    use nps_stats::accounts::*;
    use nps_stats::analysis::*;
    use nps_stats::core::{Duplicates, Points};
    use nps_stats::inference::*;
    use nps_stats::*;
    fn assert_send_sync<T: Send + Sync>() {}
    fn assert_error<E: std::error::Error + Send + Sync + 'static>() {}
    assert_error::<Error>();
    assert_send_sync::<Result<Tally>>();
    // Core types and aggregates.
    assert_send_sync::<Score>();
    assert_send_sync::<Scale>();
    assert_send_sync::<Category>();
    assert_send_sync::<Response>();
    assert_send_sync::<Segment>();
    assert_send_sync::<AccountId>();
    assert_send_sync::<Tally>();
    assert_send_sync::<WeightedTally>();
    assert_send_sync::<Transitions>();
    assert_send_sync::<Month>();
    assert_send_sync::<Quarter>();
    // Settings.
    assert_send_sync::<Confidence>();
    assert_send_sync::<Method>();
    assert_send_sync::<Samples>();
    assert_send_sync::<Points>();
    assert_send_sync::<Adjustment>();
    assert_send_sync::<VarianceMethod>();
    assert_send_sync::<Duplicates>();
    assert_send_sync::<Strategy>();
    assert_send_sync::<Weighting>();
    assert_send_sync::<Suppression>();
    assert_send_sync::<Unit>();
    assert_send_sync::<Window>();
    assert_send_sync::<BreakdownBuilder>();
    assert_send_sync::<TrendBuilder>();
    // Results.
    assert_send_sync::<Interval>();
    assert_send_sync::<Estimate>();
    assert_send_sync::<Comparison>();
    assert_send_sync::<Change>();
    assert_send_sync::<Slope>();
    assert_send_sync::<DesignEstimate>();
    assert_send_sync::<AccountRollup>();
    assert_send_sync::<AccountRow>();
    assert_send_sync::<FollowUp>();
    assert_send_sync::<AccountFollowUp>();
    assert_send_sync::<Contact>();
    assert_send_sync::<Coverage>();
    assert_send_sync::<AccountCoverage>();
    assert_send_sync::<MixShift<Segment>>();
    assert_send_sync::<MixShiftSegment<String>>();
    assert_send_sync::<Breakdown<Segment>>();
    assert_send_sync::<SegmentRow<u32>>();
    assert_send_sync::<Trend<Quarter>>();
    assert_send_sync::<TrendPoint<Month>>();
    // `AccountRollup<'a>` is the one exception: a builder that borrows the caller's data and holds
    // the caller's `PerAccount` values and ordering closure as trait objects, which need not be
    // `Sync`. It is built and run where the data is; its results above cross threads freely.
}

#[test]
fn overflowing_adds_and_merges_are_errors_and_change_nothing() {
    let mut nearly = [0u64; 11];
    nearly[10] = u64::MAX - 1;
    let full = Tally::from_histogram(Scale::STANDARD, nearly).unwrap();
    let two = Tally::from_scores(&[1, 2]).unwrap();
    let mut receiver = full.clone();
    assert_eq!(receiver.add_count(Score::MIN, 2), Err(Error::CountOverflow));
    assert_eq!(receiver.merge(&two), Err(Error::CountOverflow));
    assert_eq!(receiver.try_extend([Score::MIN, Score::MIN]), Err(Error::CountOverflow));
    assert_eq!(receiver, full);
    // One more fits exactly.
    receiver.add(Score::MIN).unwrap();
    assert_eq!(receiver.total(), u64::MAX);
    // Operators and sums report the same error and leave their inputs as they were.
    assert_eq!(&full + &two, Err(Error::CountOverflow));
    let mut acc: nps_stats::Result<Tally> = Ok(full.clone());
    acc += &two;
    assert_eq!(acc, Err(Error::CountOverflow));
    let summed: nps_stats::Result<Tally> = [&full, &two].into_iter().sum();
    assert_eq!(summed, Err(Error::CountOverflow));

    // A weighted tally doubled to 2⁶³ answers cannot take its own copy again, nor one more answer
    // of weight 2⁵¹¹ on top of three (Σw² would reach 2¹⁰²⁴).
    let mut weighted = WeightedTally::new();
    weighted.add(Score::MAX, 1.0).unwrap();
    for _ in 0..63 {
        let copy = weighted.clone();
        weighted.merge(&copy).unwrap();
    }
    let before = weighted.clone();
    assert_eq!(weighted.merge(&before), Err(Error::CountOverflow));
    assert_eq!(weighted, before);
    let mut single = WeightedTally::new();
    single.add(Score::MAX, 1.0).unwrap();
    let mut heavy = WeightedTally::new();
    for _ in 0..3 {
        heavy.add(Score::MIN, 2f64.powi(511)).unwrap();
    }
    let heavy_before = heavy.clone();
    assert!(matches!(heavy.add(Score::new(7).unwrap(), 2f64.powi(511)), Err(Error::WeightOverflow { .. })));
    assert!(matches!(heavy.merge(&heavy_before), Err(Error::WeightOverflow { .. })));
    assert_eq!(heavy, heavy_before);
    heavy.merge(&single).unwrap(); // a small one still fits
    assert_eq!(heavy.tally().total(), 4);
}

#[test]
fn errors_are_thread_safe_std_errors() {
    fn assert_error<E: std::error::Error + Send + Sync + 'static>() {}
    fn assert_send_sync<T: Send + Sync>() {}
    assert_error::<Error>();
    assert_send_sync::<Tally>();
    assert_send_sync::<WeightedTally>();
    assert_send_sync::<nps_stats::Response>();
}
