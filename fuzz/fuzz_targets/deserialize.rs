//! JSON deserialization of every public serde type. No panic; whatever is accepted satisfies the
//! type's invariants and survives a round trip (serialize, read back, equal, same text again).

#![no_main]

use libfuzzer_sys::fuzz_target;
use nps_stats::{
    AccountId, AccountRollup, Breakdown, Category, Confidence, Estimate, Interval, Method, Month, Quarter,
    Response, Scale, Score, Segment, Tally, Trend, WeightedTally,
    accounts::{
        AccountCoverage, AccountFollowUp, AccountRow, Contact, Coverage, DesignEstimate, FollowUp, Strategy,
        VarianceMethod, Weighting,
    },
    analysis::{Change, MixShift, MixShiftSegment, SegmentRow, Suppression, TrendPoint, Unit, Window},
    core::Duplicates,
    inference::{Adjustment, Comparison, Samples, Slope, Transitions},
};
use nps_stats_fuzz::{check_scale, check_tally, check_weighted, json_round_trip};

fn nothing<T>(_: &T) {}

fuzz_target!(|data: &[u8]| {
    let Ok(json) = core::str::from_utf8(data) else { return };

    // Types with invariants: checked beyond the round trip.
    json_round_trip::<Score>(json, |score| assert!(u8::from(*score) <= 10));
    json_round_trip::<Scale>(json, |scale| check_scale(*scale));
    json_round_trip::<Tally>(json, check_tally);
    json_round_trip::<WeightedTally>(json, check_weighted);
    json_round_trip::<Confidence>(json, |level| {
        assert!(level.level() > 0.0 && level.level() < 1.0);
        assert!(level.z().is_finite());
    });
    json_round_trip::<Month>(json, |month| {
        assert!((1..=12).contains(&month.month()) && month.year() <= 9999)
    });
    json_round_trip::<Quarter>(json, |q| assert!((1..=4).contains(&q.quarter()) && q.year() <= 9999));
    json_round_trip::<Response>(json, |response| assert!(u8::from(response.score()) <= 10));
    json_round_trip::<Vec<Response>>(json, |responses| {
        let tally: Tally = responses.iter().map(Response::score).collect();
        check_tally(&tally);
    });
    json_round_trip::<Interval>(json, |interval| {
        assert!(interval.level.level() > 0.0 && interval.level.level() < 1.0)
    });

    // Plain data: the round trip is the property.
    json_round_trip::<Category>(json, nothing);
    json_round_trip::<Segment>(json, nothing);
    json_round_trip::<AccountId>(json, nothing);
    json_round_trip::<Method>(json, nothing);
    json_round_trip::<Estimate>(json, nothing);
    json_round_trip::<Samples>(json, nothing);
    json_round_trip::<Comparison>(json, nothing);
    json_round_trip::<Adjustment>(json, nothing);
    json_round_trip::<Change>(json, nothing);
    json_round_trip::<Contact>(json, nothing);
    json_round_trip::<AccountFollowUp>(json, nothing);
    json_round_trip::<FollowUp>(json, nothing);
    json_round_trip::<AccountCoverage>(json, nothing);
    json_round_trip::<Coverage>(json, nothing);
    json_round_trip::<VarianceMethod>(json, nothing);
    json_round_trip::<DesignEstimate>(json, nothing);
    json_round_trip::<Duplicates>(json, nothing);
    json_round_trip::<MixShift<String>>(json, nothing);
    json_round_trip::<MixShiftSegment<String>>(json, nothing);
    json_round_trip::<Unit>(json, nothing);
    json_round_trip::<Transitions>(json, nothing);
    json_round_trip::<Strategy>(json, nothing);
    json_round_trip::<Weighting>(json, nothing);
    json_round_trip::<AccountRow>(json, nothing);
    json_round_trip::<AccountRollup>(json, nothing);
    json_round_trip::<Breakdown<Segment>>(json, nothing);
    json_round_trip::<Breakdown<String>>(json, nothing);
    json_round_trip::<SegmentRow<Segment>>(json, nothing);
    json_round_trip::<Slope>(json, nothing);
    json_round_trip::<Suppression>(json, nothing);
    json_round_trip::<Trend<Month>>(json, nothing);
    json_round_trip::<Trend<Quarter>>(json, nothing);
    json_round_trip::<TrendPoint<Quarter>>(json, nothing);
    json_round_trip::<Window>(json, nothing);
});
