//! Breakdowns: reference values from tests/data/segments_trend_reference.py (independent Python) and
//! tests/data/p_adjust_reference.R (R's `p.adjust`).

use nps_stats::{
    Breakdown, Method, Response, Score, Segment, Tally, analysis::Suppression, inference::Adjustment,
};

/// `promoters` tens, `passives` eights and `detractors` threes.
pub(crate) fn scores(promoters: usize, passives: usize, detractors: usize) -> Vec<u8> {
    let mut scores = vec![10u8; promoters];
    scores.extend(vec![8u8; passives]);
    scores.extend(vec![3u8; detractors]);
    scores
}

/// Responses of the four-segment reference data set, labelled `region = s0..s3`.
fn four_segments() -> Vec<Response> {
    let mut responses = Vec::new();
    for (name, (p, a, d)) in
        [("s0", (30, 10, 10)), ("s1", (20, 20, 20)), ("s2", (10, 10, 20)), ("s3", (15, 10, 5))]
    {
        for score in scores(p, a, d) {
            responses.push(Response::new(Score::try_from(score).unwrap()).with_segment("region", name));
        }
    }
    responses
}

/// p-values agree with scipy to about 1e-11: the crate's normal tail (statrs' erfc) differs from an
/// mpmath computation by up to 1.1e-11 at these z values, scipy's by less than 1e-16.
const P_TOLERANCE: f64 = 1e-10;

fn close(got: f64, want: f64, tolerance: f64) {
    assert!((got - want).abs() <= tolerance, "got {got}, want {want}");
}

#[test]
fn each_segment_against_the_rest_with_holm() {
    // Python: adjusted-Wald z-test of each segment against overall minus the segment.
    let breakdown = Breakdown::builder().by_dimension(&four_segments(), "region").unwrap();
    assert_eq!(breakdown.rows.len(), 4);
    let overall = breakdown.overall.as_ref().unwrap();
    assert_eq!((overall.promoters(), overall.passives(), overall.detractors()), (75, 50, 55));
    close(breakdown.overall_estimate.as_ref().unwrap().nps, 100.0 / 9.0, 1e-12);

    // (observed difference, adjusted-Wald z, raw p, Holm-adjusted p from R's p.adjust)
    let expected = [
        (40.0, 2.872337206034532, 0.004074479451528491, 0.01222343835458547),
        (-16.666666666666664, -1.274021526087538, 0.2026557874330569, 0.21323528362928104),
        (-46.42857142857143, -3.0944592800121757, 0.0019717199846808328, 0.00788687993872333),
        (26.666666666666668, 1.613584220368175, 0.10661764181464052, 0.21323528362928104),
    ];
    for (index, (row, (difference, z, raw, holm))) in breakdown.rows.iter().zip(expected).enumerate() {
        assert_eq!(row.key, Segment::new("region", format!("s{index}")));
        let cmp = row.versus_rest.as_ref().unwrap();
        close(cmp.difference, difference, 1e-9);
        close(cmp.statistic, z, 1e-9);
        close(cmp.p_value, raw, P_TOLERANCE);
        close(row.adjusted_p_value.unwrap(), holm, P_TOLERANCE);
        assert!(!row.insufficient);
        assert_eq!(row.suppressed, None);
    }
}

#[test]
fn benjamini_hochberg_and_bonferroni_match_r() {
    let responses = four_segments();
    let bh = Breakdown::builder()
        .adjustment(Adjustment::BenjaminiHochberg)
        .by_dimension(&responses, "region")
        .unwrap();
    let want = [0.00814895890305698, 0.2026557874330569, 0.00788687993872333, 0.14215685575285403];
    for (row, want) in bh.rows.iter().zip(want) {
        close(row.adjusted_p_value.unwrap(), want, P_TOLERANCE);
    }
    let bonferroni =
        Breakdown::builder().adjustment(Adjustment::Bonferroni).by_dimension(&responses, "region").unwrap();
    let want = [0.01629791780611396, 0.8106231497322276, 0.00788687993872333, 0.4264705672585621];
    for (row, want) in bonferroni.rows.iter().zip(want) {
        close(row.adjusted_p_value.unwrap(), want, P_TOLERANCE);
    }
}

#[test]
fn adjustment_of_a_family_with_ties_matches_r() {
    // tests/data/p_adjust_reference.R, second family.
    let family = [0.01, 0.04, 0.03, 0.04, 0.5, 0.2, 0.001, 0.9];
    let cases = [
        (Adjustment::Holm, [0.070, 0.200, 0.180, 0.200, 1.000, 0.600, 0.008, 1.000]),
        (
            Adjustment::BenjaminiHochberg,
            [0.04, 0.064, 0.064, 0.064, 0.571428571428571, 0.266666666666667, 0.008, 0.9],
        ),
        (Adjustment::Bonferroni, [0.080, 0.320, 0.240, 0.320, 1.000, 1.000, 0.008, 1.000]),
        (Adjustment::Unadjusted, family),
    ];
    for (adjustment, want) in cases {
        let got = adjustment.adjust(&family).unwrap();
        for (got, want) in got.iter().zip(want) {
            close(*got, want, 1e-12);
        }
    }
    assert!(Adjustment::Holm.adjust(&[]).unwrap().is_empty());
}

#[test]
fn all_entry_points_agree() {
    let responses = four_segments();
    let by_dimension = Breakdown::builder().by_dimension(&responses, "region").unwrap();
    let by_key = Breakdown::builder().by_key(&responses, |r| r.segment("region")).unwrap();
    let ids: Vec<u32> =
        responses.iter().map(|r| u32::from(r.segment("region").unwrap().as_bytes()[1] - b'0')).collect();
    let raw: Vec<u8> = responses.iter().map(|r| r.score().value()).collect();
    let by_ids = Breakdown::builder().by_ids(&ids, &raw).unwrap();
    let tallies = Tally::grouped(&ids, &raw).unwrap();
    let from_tallies = Breakdown::builder().from_tallies((0u32..).zip(tallies)).unwrap();
    for index in 0..4 {
        let estimate = &by_dimension.rows[index].estimate;
        assert_eq!(&by_key.rows[index].estimate, estimate);
        assert_eq!(&by_ids.rows[index].estimate, estimate);
        assert_eq!(&from_tallies.rows[index].estimate, estimate);
        assert_eq!(&by_ids.rows[index].versus_rest, &by_dimension.rows[index].versus_rest);
        assert_eq!(by_ids.rows[index].adjusted_p_value, by_dimension.rows[index].adjusted_p_value);
    }
    assert_eq!(by_ids.overall, by_dimension.overall);
}

#[test]
fn thin_rows_are_flagged_not_hidden() {
    let breakdown = Breakdown::builder().min_sample(45).by_dimension(&four_segments(), "region").unwrap();
    let flags: Vec<bool> = breakdown.rows.iter().map(|row| row.insufficient).collect();
    assert_eq!(flags, [false, false, true, true]); // n = 50, 60, 40, 30
    assert!(breakdown.rows.iter().all(|row| row.estimate.is_some() && row.suppressed.is_none()));
}

#[test]
fn privacy_hides_small_teams_and_their_complement() {
    // Teams with 12, 3, 9 and 20 answers; threshold 5.
    let mut ids = vec![0u32; 12];
    ids.extend([1; 3]);
    ids.extend([2; 9]);
    ids.extend([3; 20]);
    let answers: Vec<u8> = (0..ids.len()).map(|i| [10u8, 9, 7, 2][i % 4]).collect();
    let breakdown = Breakdown::builder().suppress_below(5).by_ids(&ids, &answers).unwrap();
    let reasons: Vec<Option<Suppression>> = breakdown.rows.iter().map(|row| row.suppressed).collect();
    assert_eq!(reasons, [None, Some(Suppression::BelowThreshold), Some(Suppression::Complementary), None]);
    for row in &breakdown.rows[1..3] {
        assert!(row.tally.is_none() && row.estimate.is_none() && row.versus_rest.is_none());
        assert!(row.adjusted_p_value.is_none() && !row.insufficient);
    }
    // Only the two visible rows form the family: Holm multiplies the smaller p-value by 2.
    let raw: Vec<f64> =
        [0, 3].iter().map(|&i| breakdown.rows[i].versus_rest.as_ref().unwrap().p_value).collect();
    let smaller = raw[0].min(raw[1]);
    let adjusted_smaller =
        [0, 3].iter().map(|&i| breakdown.rows[i].adjusted_p_value.unwrap()).fold(f64::INFINITY, f64::min);
    close(adjusted_smaller, (2.0 * smaller).min(1.0), 1e-15);
    // The overall (44 answers) stays visible; the hidden rows hold 12 of them together.
    assert_eq!(breakdown.overall.as_ref().unwrap().total(), 44);
    // Printed, the two hidden rows are alike but for their key: the reader cannot tell which of the
    // two is the small one (the reason stays in `suppressed`, for the program).
    let text = breakdown.to_string();
    let hidden: Vec<&str> = text.lines().filter(|line| line.contains(Suppression::LABEL)).collect();
    assert_eq!(hidden.len(), 2, "{text}");
    assert_eq!(hidden[0].trim_start_matches('1'), hidden[1].trim_start_matches('2'), "{text}");
    assert_eq!(hidden[0], format!("{:<7}  {:>7}  {}", 1, "-", Suppression::LABEL), "{text}");
    for reason in [Suppression::BelowThreshold, Suppression::Complementary] {
        assert!(!text.contains(reason.reason()), "{text}");
    }
    // The total minus the visible rows gives the hidden rows together (3 + 9 = 12 answers), which is
    // not below the threshold: the small team's 3 answers cannot be recovered.
    let visible: u64 = breakdown.rows.iter().filter_map(|row| row.tally.as_ref()).map(Tally::total).sum();
    assert_eq!(breakdown.overall.as_ref().unwrap().total() - visible, 12);
    assert!(breakdown.overall.as_ref().unwrap().total() - visible >= 5);

    // A population under the threshold hides the overall too.
    let tiny = Breakdown::builder().suppress_below(5).by_ids(&[0, 0, 1], &[10, 9, 3]).unwrap();
    assert!(tiny.overall.is_none() && tiny.overall_estimate.is_none());
    assert!(tiny.rows.iter().all(|row| row.suppressed.is_some()));
    let text = tiny.to_string();
    assert_eq!(text.lines().filter(|line| line.ends_with(Suppression::LABEL)).count(), 3, "{text}");
}

#[test]
fn responses_without_a_key_are_counted_apart() {
    let mut responses = four_segments();
    responses.push(Response::new(Score::MAX));
    responses.push(Response::new(Score::MIN).with_segment("tier", "gold"));
    let breakdown = Breakdown::builder().by_dimension(&responses, "region").unwrap();
    assert_eq!(breakdown.unassigned, 2);
    assert_eq!(breakdown.overall.as_ref().unwrap().total(), 180);
    assert!(breakdown.to_string().contains("2 answers without a segment left out"));
}

#[test]
fn one_segment_has_no_rest_to_compare_with() {
    let breakdown = Breakdown::builder().method(Method::Wald).by_ids(&[0, 0], &[10, 3]).unwrap();
    assert!(breakdown.rows[0].versus_rest.is_none());
    assert!(breakdown.rows[0].adjusted_p_value.is_none());
    assert_eq!(breakdown.rows[0].estimate.as_ref().unwrap().nps, 0.0);
}

#[test]
fn empty_dense_ids_give_empty_rows() {
    let breakdown = Breakdown::builder().by_ids(&[0, 2, 2], &[10, 3, 9]).unwrap();
    assert_eq!(breakdown.rows.len(), 3);
    let empty = &breakdown.rows[1];
    assert_eq!(empty.tally.as_ref().map(Tally::total), Some(0));
    assert!(empty.estimate.is_none() && empty.versus_rest.is_none());
    assert!(empty.insufficient);
    assert!(Breakdown::builder().by_ids(&[], &[]).unwrap().rows.is_empty());
}

#[test]
fn bad_input_is_an_error() {
    assert!(Breakdown::builder().by_ids(&[0, 1], &[10]).is_err());
    assert!(Breakdown::builder().by_ids(&[0], &[11]).is_err());
    let dutch = Breakdown::builder().scale(nps_stats::Scale::DUTCH);
    assert!(dutch.by_key(&[Response::new(Score::MIN)], |_| Some(1)).is_err());
    assert!(dutch.from_tallies([(1, Tally::new())]).is_err());
}

#[cfg(feature = "serde")]
#[test]
fn breakdowns_round_trip_through_json() {
    let breakdown = Breakdown::builder().suppress_below(45).by_dimension(&four_segments(), "region").unwrap();
    let json = serde_json::to_string(&breakdown).unwrap();
    assert!(json.contains(r#""suppressed":"below_threshold""#), "{json}");
    assert_eq!(serde_json::from_str::<Breakdown<Segment>>(&json).unwrap(), breakdown);
}
