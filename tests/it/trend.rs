//! Trends, windows and the weighted slope: reference values from
//! tests/data/segments_trend_reference.py (independent Python; numpy's weighted `polyfit` for the
//! slope).

use nps_stats::{
    Confidence, Error, Method, Month, Quarter, Response, Score, Tally, Trend,
    analysis::{Unit, Window},
    inference::{Samples, weighted_slope},
};

/// p-values agree with scipy to about 1e-11: the crate's normal tail (statrs' erfc) differs from an
/// mpmath computation by up to 1.1e-11 at these z values, scipy's by less than 1e-16.
const P_TOLERANCE: f64 = 1e-10;

fn close(got: f64, want: f64, tolerance: f64) {
    assert!((got - want).abs() <= tolerance, "got {got}, want {want}");
}

fn tally(p: usize, a: usize, d: usize) -> Tally {
    Tally::from_scores(&super::segments::scores(p, a, d)).unwrap()
}

fn four_quarters() -> Vec<(Quarter, Tally)> {
    let q = |n| Quarter::new(2026, n).unwrap();
    vec![
        (q(1), tally(20, 15, 15)),
        (q(2), tally(24, 14, 12)),
        (q(3), tally(27, 13, 10)),
        (q(4), tally(30, 12, 8)),
    ]
}

#[test]
fn weighted_slope_matches_numpy_polyfit() {
    // numpy.polyfit(x, y, 1, w=1/se, cov="unscaled"): the known-variance straight-line fit.
    for (method, slope, se, z, p) in [
        (Method::Wald, 11.15111692041528, 5.009926790378605, 2.2258043654112116, 0.02602728829369938),
        (Method::AdjustedWald, 11.157579160301802, 4.86053023088122, 2.295547734568646, 0.021701754095225057),
    ] {
        let trend = Trend::builder().method(method).from_tallies(four_quarters()).unwrap();
        let fitted = trend.slope.as_ref().unwrap();
        close(fitted.slope, slope, 1e-9);
        close(fitted.std_error, se, 1e-9);
        close(fitted.statistic, z, 1e-9);
        close(fitted.p_value, p, P_TOLERANCE);
        close(fitted.interval.lower, slope - Confidence::NINETY_FIVE.z() * se, 1e-8);
        assert_eq!(fitted.points, 4);

        let points: Vec<(f64, f64, f64)> = trend
            .points
            .iter()
            .enumerate()
            .map(|(x, point)| {
                let est = point.estimate.as_ref().unwrap();
                (x as f64, est.nps, est.std_error)
            })
            .collect();
        assert_eq!(&weighted_slope(&points, Confidence::NINETY_FIVE).unwrap(), fitted);
    }
}

#[test]
fn period_over_period_changes_are_independent_tests_for_tallies() {
    let trend = Trend::builder().method(Method::Wald).from_tallies(four_quarters()).unwrap();
    assert!(trend.points[0].change.is_none());
    let change = trend.points[1].change.as_ref().unwrap();
    let direct = nps_stats::inference::compare_independent(
        &trend.points[0].tally,
        &trend.points[1].tally,
        Method::Wald,
        Confidence::NINETY_FIVE,
    )
    .unwrap();
    assert_eq!(change.independent.as_ref(), Some(&direct));
    assert!(change.paired.is_none());
    assert_eq!(change.applies, Samples::Independent);
    close(change.difference, 14.0, 1e-12); // +10 → +24
    assert!(trend.points.iter().all(|point| !point.insufficient)); // n = 50 ≥ 30
    let strict = Trend::builder().min_sample(51).from_tallies(four_quarters()).unwrap();
    assert!(strict.points.iter().all(|point| point.insufficient && point.estimate.is_some()));
}

/// (respondent, quarter, score): the windows data set of the Python script.
fn window_rows() -> Vec<Response> {
    let rows = [
        ("a", 1, 10),
        ("b", 1, 3),
        ("c", 1, 8),
        ("a", 2, 3),
        ("d", 2, 9),
        ("b", 3, 10),
        ("e", 3, 9),
        ("e", 3, 7),
    ];
    rows.iter()
        .map(|&(who, quarter, score)| {
            Response::new(Score::try_from(score).unwrap())
                .with_respondent(who)
                .with_period(format!("2026-Q{quarter}"))
        })
        .collect()
}

#[test]
fn cumulative_windows_keep_the_latest_answer_per_respondent() {
    // Python: n = 3, 4, 6; NPS 0, −25, +33.3; linearized changes (−25, SE 62.777, p 0.69046) and
    // (+58.33, SE 38.465, p 0.12938).
    let trend = Trend::builder().window(Window::Cumulative).by_period::<Quarter>(&window_rows()).unwrap();
    let ns: Vec<u64> = trend.points.iter().map(|point| point.tally.total()).collect();
    assert_eq!(ns, [3, 4, 6]);
    close(trend.points[1].tally.nps().unwrap(), -25.0, 1e-12);
    close(trend.points[2].tally.nps().unwrap(), 100.0 / 3.0, 1e-12);
    for (point, (difference, se, p)) in trend.points[1..].iter().zip([
        (-25.0, 62.77716322216401, 0.6904577153757853),
        (58.33333333333333, 38.464951178128416, 0.12938485890168772),
    ]) {
        let change = point.change.as_ref().unwrap();
        assert!(change.overlapping);
        assert!(change.independent.is_none(), "no independent test on overlapping windows");
        assert_eq!(change.applies, Samples::Overlapping);
        let paired = change.paired.as_ref().unwrap();
        close(paired.difference, difference, 1e-9);
        close(paired.std_error, se, 1e-9);
        close(paired.p_value, p, P_TOLERANCE);
    }
    assert!(trend.slope.is_none());
    assert!(trend.to_string().contains("not fitted, the windows overlap"));
}

#[test]
fn rolling_windows_pool_the_last_k_periods() {
    // Python: n = 3, 5, 5; NPS 0, 0, +40; changes (0, SE 41.096, p 1) and (+40, SE 43.451, p 0.35727).
    let trend = Trend::builder().window(Window::Rolling(2)).by_period::<Quarter>(&window_rows()).unwrap();
    let ns: Vec<u64> = trend.points.iter().map(|point| point.tally.total()).collect();
    assert_eq!(ns, [3, 5, 5]);
    close(trend.points[2].tally.nps().unwrap(), 40.0, 1e-12);
    for (point, (difference, se, p)) in trend.points[1..]
        .iter()
        .zip([(0.0, 41.09609335312651, 1.0), (40.0, 43.45112196480086, 0.3572725590318747)])
    {
        let change = point.change.as_ref().unwrap();
        assert!(change.independent.is_none());
        let paired = change.paired.as_ref().unwrap();
        close(paired.difference, difference, 1e-9);
        close(paired.std_error, se, 1e-9);
        close(paired.p_value, p, P_TOLERANCE);
    }
    assert!(trend.slope.is_none());
    // Rolling(1) is per period.
    let single = Trend::builder().window(Window::Rolling(1)).by_period::<Quarter>(&window_rows()).unwrap();
    let period = Trend::builder().by_period::<Quarter>(&window_rows()).unwrap();
    assert_eq!(single.points, period.points);
    assert!(matches!(
        Trend::builder().window(Window::Rolling(0)).by_period::<Quarter>(&window_rows()),
        Err(Error::InvalidCount { name: "rolling window length", value: 0, .. })
    ));
}

#[test]
fn per_period_trend_pairs_returning_respondents() {
    let trend = Trend::builder().by_period::<Quarter>(&window_rows()).unwrap();
    // Q1 → Q2: "a" answered in both (P → D), b and c only in Q1, d only in Q2.
    let change = trend.points[1].change.as_ref().unwrap();
    assert!(!change.overlapping);
    assert_eq!(change.applies, Samples::Overlapping);
    assert_eq!((change.shared_units, change.units_before, change.units_after), (1, 3, 2));
    assert!(change.independent.is_some() && change.paired.is_some());
    // By account there are no ids: independent only.
    let by_account = Trend::builder().unit(Unit::Account).by_period::<Quarter>(&window_rows()).unwrap();
    let change = by_account.points[1].change.as_ref().unwrap();
    assert!(change.paired.is_none());
    assert_eq!(change.applies, Samples::Independent);
}

#[test]
fn explicit_periods_keep_gaps_and_drop_the_rest() {
    let r = |score: u8, month: &str| Response::new(Score::try_from(score).unwrap()).with_period(month);
    let answers = [r(10, "2026-01"), r(3, "2026-03"), r(9, "2025-12"), r(9, "2026-05"), r(8, "2026-04")];
    let months = Month::new(2026, 1).unwrap().through(Month::new(2026, 4).unwrap());
    let trend = Trend::builder().by_key_over(&answers, months, |r| r.period()?.parse().ok()).unwrap();
    let labels: Vec<String> = trend.points.iter().map(|p| p.period.to_string()).collect();
    assert_eq!(labels, ["2026-01", "2026-02", "2026-03", "2026-04"]);
    assert_eq!(trend.unassigned, 2);
    assert!(trend.points[1].estimate.is_none());
    assert!(trend.points[2].change.is_none()); // the month before had no answers
    // Three non-empty months at x = 0, 2, 3: the slope respects the gap.
    let slope = trend.slope.as_ref().unwrap();
    let points: Vec<(f64, f64, f64)> = [0usize, 2, 3]
        .iter()
        .map(|&x| {
            let est = trend.points[x].estimate.as_ref().unwrap();
            (x as f64, est.nps, est.std_error)
        })
        .collect();
    assert_eq!(slope, &weighted_slope(&points, Confidence::NINETY_FIVE).unwrap());
}

#[test]
fn unparsable_period_labels_are_errors() {
    let answers = [Response::new(Score::MAX).with_period("Q3/2026")];
    assert_eq!(
        Trend::builder().by_period::<Quarter>(&answers).unwrap_err().to_string(),
        r#""Q3/2026" is not a quarter: expected YYYY-Qn with a quarter from 1 to 4, such as 2026-Q3"#
    );
    let unlabelled = Trend::builder().by_period::<Quarter>(&[Response::new(Score::MAX)]).unwrap();
    assert_eq!(unlabelled.unassigned, 1);
    assert!(unlabelled.points.is_empty());
}

#[test]
fn slope_needs_valid_points() {
    let level = Confidence::NINETY_FIVE;
    assert!(weighted_slope(&[], level).is_err());
    assert!(weighted_slope(&[(0.0, 1.0, 1.0)], level).is_err());
    assert!(weighted_slope(&[(0.0, 1.0, 1.0), (1.0, f64::NAN, 1.0)], level).is_err());
    assert!(weighted_slope(&[(0.0, 1.0, 1.0), (1.0, 2.0, -1.0)], level).is_err());
    assert!(weighted_slope(&[(0.0, 1.0, 1.0), (f64::INFINITY, 2.0, 1.0)], level).is_err());
    // Two points: the slope is their difference, its SE √(se₁² + se₂²).
    let two = weighted_slope(&[(0.0, 10.0, 3.0), (1.0, 20.0, 4.0)], level).unwrap();
    close(two.slope, 10.0, 1e-12);
    close(two.std_error, 5.0, 1e-12);
}

#[test]
fn periods_parse_print_and_order() {
    let q: Quarter = "2026-q3".parse().unwrap();
    assert_eq!(q.to_string(), "2026-Q3");
    assert_eq!(format!("{q:>9}"), "  2026-Q3");
    assert_eq!(Month::new(2026, 8).unwrap().quarter(), q);
    assert_eq!(Quarter::from(Month::new(2026, 9).unwrap()), q);
    assert_eq!(" 2026-07 ".parse::<Month>().unwrap(), Month::new(2026, 7).unwrap());
    for bad in ["2026-7", "2026-13", "2026-00", "26-07", "2026/07", "2026-07-01", "+026-07", "", "2026-"] {
        assert!(matches!(bad.parse::<Month>(), Err(Error::ParsePeriod { kind: "month", .. })), "{bad}");
    }
    for bad in ["2026-Q0", "2026-Q5", "2026-3", "2026Q3", "2026-Q33", "Q3-2026"] {
        assert!(matches!(bad.parse::<Quarter>(), Err(Error::ParsePeriod { kind: "quarter", .. })), "{bad}");
    }
    let mut months: Vec<Month> =
        ["2026-02", "2025-12", "2026-01"].iter().map(|m| m.parse().unwrap()).collect();
    months.sort();
    assert_eq!(months.iter().map(Month::to_string).collect::<Vec<_>>(), ["2025-12", "2026-01", "2026-02"]);
    assert_eq!(Month::new(2026, 1).unwrap().prev().unwrap().next(), Some(Month::new(2026, 1).unwrap()));
    assert_eq!(Quarter::new(0, 1).unwrap().to_string(), "0000-Q1");
    assert_eq!(Month::new(2026, 12).unwrap().through(Month::new(2026, 1).unwrap()).count(), 0);
    assert_eq!(Month::new(9999, 11).unwrap().through(Month::new(9999, 12).unwrap()).count(), 2);
}

#[cfg(feature = "serde")]
#[test]
fn periods_serialize_as_text() {
    let q = Quarter::new(2026, 3).unwrap();
    assert_eq!(serde_json::to_string(&q).unwrap(), r#""2026-Q3""#);
    assert_eq!(serde_json::from_str::<Quarter>(r#""2026-Q3""#).unwrap(), q);
    let m = Month::new(2026, 7).unwrap();
    assert_eq!(serde_json::to_string(&m).unwrap(), r#""2026-07""#);
    assert_eq!(serde_json::from_str::<Month>(r#""2026-07""#).unwrap(), m);
    let err = serde_json::from_str::<Month>(r#""2026-13""#).unwrap_err().to_string();
    assert!(err.contains("is not a month"), "{err}");
    assert!(serde_json::from_str::<Quarter>("3").is_err());
    let trend = Trend::builder().by_period::<Quarter>(&window_rows()).unwrap();
    let json = serde_json::to_string(&trend).unwrap();
    assert_eq!(serde_json::from_str::<Trend<Quarter>>(&json).unwrap(), trend);
}

#[test]
fn tallies_and_anonymous_responses_give_the_same_trend() {
    // From tallies every answer is its own unit, exactly like answers without a respondent id.
    let responses: Vec<Response> = four_quarters()
        .iter()
        .flat_map(|(quarter, tally)| {
            let quarter = quarter.to_string();
            (0u8..=10).flat_map(move |score| {
                let quarter = quarter.clone();
                (0..tally.histogram().unwrap()[usize::from(score)])
                    .map(move |_| Response::new(Score::try_from(score).unwrap()).with_period(quarter.clone()))
            })
        })
        .collect();
    for window in [Window::Period, Window::Rolling(2), Window::Rolling(3), Window::Cumulative] {
        let from_tallies = Trend::builder().window(window).from_tallies(four_quarters()).unwrap();
        let from_responses = Trend::builder().window(window).by_period::<Quarter>(&responses).unwrap();
        for (a, b) in from_tallies.points.iter().zip(&from_responses.points) {
            assert_eq!(a.tally, b.tally, "{window}");
            assert_eq!(a.estimate, b.estimate);
            match (&a.change, &b.change) {
                (Some(x), Some(y)) => {
                    assert_eq!(x.independent, y.independent);
                    assert_eq!(x.applies, y.applies);
                    assert_eq!(
                        (x.shared_units, x.units_before, x.units_after),
                        (y.shared_units, y.units_before, y.units_after)
                    );
                    if let (Some(p), Some(q)) = (&x.paired, &y.paired) {
                        close(p.std_error, q.std_error, 1e-9);
                        close(p.p_value, q.p_value, 1e-12);
                    } else {
                        assert_eq!(x.paired, y.paired);
                    }
                }
                (x, y) => assert_eq!(x.is_some(), y.is_some()),
            }
        }
    }
    // A cumulative window of anonymous answers is the running total.
    let cumulative = Trend::builder().window(Window::Cumulative).from_tallies(four_quarters()).unwrap();
    let ns: Vec<u64> = cumulative.points.iter().map(|p| p.tally.total()).collect();
    assert_eq!(ns, [50, 100, 150, 200]);
}
