//! JSON deserialization of the result types: whatever is accepted is within the documented ranges
//! (every bound finite and ordered, every NPS, share and p-value in range) and survives a round
//! trip. The seeds are real results, so mutations stay close to documents a program would store.

#![no_main]

use libfuzzer_sys::fuzz_target;
use nps_stats::accounts::{AccountCoverage, AccountFollowUp, AccountRow, Coverage, DesignEstimate, FollowUp};
use nps_stats::analysis::{
    BinaryOutcome, Change, MixShift, MixShiftSegment, NumericOutcome, SegmentRow, TrendPoint,
};
use nps_stats::export::{Export, Summary};
use nps_stats::inference::{
    Auc, ChangeSampleSize, Comparison, ExpectedShares, MarginOfError, Prior, RankCorrelation, RateDifference,
    SampleSize, Slope,
};
use nps_stats::tally::{MAX_WEIGHT, MIN_WEIGHT};
use nps_stats::{AccountRollup, Breakdown, Estimate, Interval, Quarter, Segment, Trend};
use nps_stats_fuzz::{
    check_account_value, check_bounds, check_breakdown, check_change, check_comparison, check_estimate,
    check_mix_shift, in_range, json_round_trip,
};

fuzz_target!(|data: &[u8]| {
    let Ok(json) = core::str::from_utf8(data) else { return };
    json_round_trip::<Interval>(json, |interval| check_bounds(interval, f64::MAX));
    json_round_trip::<Estimate>(json, check_estimate);
    json_round_trip::<Comparison>(json, check_comparison);
    json_round_trip::<Slope>(json, slope_fields);
    json_round_trip::<DesignEstimate>(json, design_estimate_fields);
    json_round_trip::<MarginOfError>(json, |moe| {
        in_range(moe.margin, 0.0, f64::MAX, "margin");
        in_range(moe.variance, 0.0, 1.0, "variance");
        in_range(moe.correction, 0.0, 1.0, "correction");
    });
    json_round_trip::<SampleSize>(json, |plan| {
        in_range(plan.unrounded, 0.0, f64::MAX, "unrounded");
        in_range(plan.margin, f64::MIN_POSITIVE / 1e300, 200.0, "margin");
        in_range(plan.variance, 0.0, 1.0, "variance");
    });
    json_round_trip::<ChangeSampleSize>(json, |plan| {
        in_range(plan.unrounded, 0.0, f64::MAX, "unrounded");
        in_range(plan.change, f64::MIN_POSITIVE / 1e300, 200.0, "change");
        in_range(plan.power, 0.0, 1.0, "power");
        in_range(plan.variance, 0.0, 4.0, "variance");
    });
    json_round_trip::<ExpectedShares>(json, |shares| in_range(shares.variance(), 0.0, 1.0, "variance"));
    json_round_trip::<Prior>(json, |prior| assert!(prior.weight().is_finite()));
    json_round_trip::<AccountRow>(json, account_row_fields);
    json_round_trip::<AccountRollup>(json, |rollup| {
        design_estimate_fields(&rollup.weighted);
        design_estimate_fields(&rollup.unweighted);
        rollup.rows.iter().for_each(account_row_fields);
    });
    json_round_trip::<AccountFollowUp>(json, follow_up_fields);
    json_round_trip::<FollowUp>(json, |follow_up| {
        follow_up
            .call_first
            .iter()
            .chain(&follow_up.ask_for_referrals)
            .chain(&follow_up.insufficient)
            .for_each(follow_up_fields);
    });
    json_round_trip::<AccountCoverage>(json, account_coverage_fields);
    json_round_trip::<Coverage>(json, |coverage| {
        in_range(coverage.account_coverage, 0.0, 1.0, "account coverage");
        in_range(coverage.revenue_coverage, 0.0, 1.0, "revenue coverage");
        in_range(coverage.total_value, 0.0, f64::MAX, "total value");
        in_range(coverage.value_answered, 0.0, f64::MAX, "value answered");
        if let Some(rate) = coverage.response_rate {
            in_range(rate, 0.0, 1.0, "response rate");
        }
        coverage.rows.iter().for_each(account_coverage_fields);
    });
    json_round_trip::<Change>(json, check_change);
    json_round_trip::<MixShift<String>>(json, check_mix_shift);
    json_round_trip::<MixShiftSegment<String>>(json, |segment| {
        in_range(segment.share_before, 0.0, 1.0, "share");
        in_range(segment.share_after, 0.0, 1.0, "share");
        in_range(segment.within, -200.0, 200.0, "within");
        in_range(segment.mix, -200.0, 200.0, "mix");
    });
    json_round_trip::<SegmentRow<Segment>>(json, |row| {
        if let Some(p) = row.adjusted_p_value {
            in_range(p, 0.0, 1.0, "adjusted p-value");
        }
    });
    json_round_trip::<Breakdown<Segment>>(json, check_breakdown);
    json_round_trip::<Trend<Quarter>>(json, |trend| {
        for point in &trend.points {
            if let Some(estimate) = &point.estimate {
                check_estimate(estimate);
            }
            if let Some(change) = &point.change {
                check_change(change);
            }
        }
        if let Some(slope) = &trend.slope {
            slope_fields(slope);
        }
    });
    json_round_trip::<Auc>(json, |auc| {
        in_range(auc.auc, 0.0, 1.0, "AUC");
        in_range(auc.std_error, 0.0, f64::MAX, "standard error");
        within(&auc.interval, 0.0, 1.0);
    });
    json_round_trip::<RateDifference>(json, rate_difference_fields);
    json_round_trip::<RankCorrelation>(json, rank_correlation_fields);
    json_round_trip::<BinaryOutcome>(json, |linkage| {
        for rate in &linkage.rates {
            if let Some(r) = rate.rate {
                in_range(r, 0.0, 1.0, "rate");
            }
            if let Some(interval) = &rate.interval {
                within(interval, 0.0, 1.0);
            }
            in_range(rate.effective_n, 0.0, f64::MAX, "effective n");
        }
        if let Some(diff) = &linkage.promoters_minus_detractors {
            rate_difference_fields(diff);
        }
        if let Some(auc) = &linkage.auc {
            in_range(auc.auc, 0.0, 1.0, "AUC");
            within(&auc.interval, 0.0, 1.0);
        }
    });
    json_round_trip::<NumericOutcome>(json, |linkage| {
        for mean in &linkage.means {
            assert!(mean.mean.is_none_or(f64::is_finite), "{mean:?}");
        }
        if let Some(rho) = &linkage.correlation {
            rank_correlation_fields(rho);
        }
    });
    json_round_trip::<Summary>(json, summary_fields);
    json_round_trip::<Export>(json, |export| {
        summary_fields(&export.summary);
        assert_eq!(export.lines.len(), export.responses.len());
        assert_eq!(export.summary.answers, export.responses.len() as u64);
        assert!(export.lines.windows(2).all(|pair| pair[0] < pair[1]), "{:?}", export.lines);
        assert!(export.values.values().all(|v| (MIN_WEIGHT..=MAX_WEIGHT).contains(v)), "{:?}", export.values);
        assert!(export.values.keys().eq(export.value_lines.keys()));
        let without = export.responses.iter().filter(|r| r.account().is_none()).count() as u64;
        assert_eq!(export.summary.without_account, without);
    });
    json_round_trip::<TrendPoint<Quarter>>(json, |point| {
        if let Some(estimate) = &point.estimate {
            check_estimate(estimate);
        }
    });
});

// What deserialization promises is each field's own range; a stored result's fields are not
// checked against each other (an effective n above n, shares that do not add up to 1).

fn slope_fields(slope: &Slope) {
    assert!(slope.slope.is_finite() && slope.statistic.is_finite(), "{slope:?}");
    in_range(slope.std_error, 0.0, f64::MAX, "standard error");
    in_range(slope.p_value, 0.0, 1.0, "p-value");
    check_bounds(&slope.interval, f64::MAX);
}

fn within(interval: &Interval, low: f64, high: f64) {
    in_range(interval.lower, low, high, "lower bound");
    in_range(interval.upper, interval.lower, high, "upper bound");
}

fn rate_difference_fields(diff: &RateDifference) {
    in_range(diff.difference, -1.0, 1.0, "difference of rates");
    in_range(diff.p_value, 0.0, 1.0, "p-value");
    within(&diff.interval, -1.0, 1.0);
    assert!(!diff.statistic.is_some_and(f64::is_nan), "{diff:?}");
}

fn rank_correlation_fields(rho: &RankCorrelation) {
    in_range(rho.rho, -1.0, 1.0, "rho");
    in_range(rho.p_value, 0.0, 1.0, "p-value");
    in_range(rho.degrees_of_freedom, 0.0, f64::MAX, "degrees of freedom");
    within(&rho.interval, -1.0, 1.0);
    assert!(!rho.statistic.is_some_and(f64::is_nan), "{rho:?}");
}

fn design_estimate_fields(estimate: &DesignEstimate) {
    if let Some(stages) = &estimate.stages {
        in_range(stages.between_accounts, 0.0, f64::MAX, "between accounts");
        in_range(stages.within_accounts, 0.0, f64::MAX, "within accounts");
    }
    in_range(estimate.nps, -100.0, 100.0, "NPS");
    in_range(estimate.std_error, 0.0, f64::MAX, "standard error");
    in_range(estimate.effective_n, 0.0, f64::MAX, "effective n");
    if let Some(df) = estimate.degrees_of_freedom {
        assert!(df.is_finite() && df > 0.0, "{df}");
    }
    check_bounds(&estimate.interval, 100.0);
}

fn account_row_fields(row: &AccountRow) {
    in_range(row.nps, -100.0, 100.0, "NPS");
    in_range(row.weight_share, 0.0, 1.0, "weight share");
    if let Some(value) = row.value {
        check_account_value(value);
    }
}

fn follow_up_fields(account: &AccountFollowUp) {
    check_account_value(account.value);
    in_range(account.nps, -100.0, 100.0, "NPS");
    in_range(account.value_at_risk, 0.0, f64::MAX, "value at risk");
    in_range(account.value_promoting, 0.0, f64::MAX, "value promoting");
}

fn account_coverage_fields(row: &AccountCoverage) {
    check_account_value(row.value);
    if let Some(rate) = row.response_rate {
        in_range(rate, 0.0, 1.0, "response rate");
    }
}

/// What an export summary promises: every row counted once, and no count of answers without a
/// field above the answers.
fn summary_fields(summary: &Summary) {
    assert_eq!(summary.rows, summary.answers + summary.empty_scores + summary.blank_rows, "{summary:?}");
    assert!(
        summary.without_account.max(summary.without_respondent).max(summary.without_period)
            <= summary.answers
    );
}
