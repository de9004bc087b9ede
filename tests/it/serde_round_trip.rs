//! serde: every public data type round-trips through JSON, and invalid values fail with the
//! crate's own message.

use nps_stats::{AccountId, Category, Response, Scale, Score, Segment, Tally, WeightedTally};
use proptest::prelude::*;

/// `value` serialized to JSON and read back.
pub(crate) fn round_trip<T>(value: &T) -> T
where
    T: serde::Serialize + serde::de::DeserializeOwned,
{
    let json = serde_json::to_string(value).unwrap();
    serde_json::from_str(&json).unwrap()
}

#[test]
fn simple_types_round_trip() {
    for raw in 0..=10u8 {
        let score = Score::new(raw).unwrap();
        assert_eq!(round_trip(&score), score);
    }
    for category in Category::ALL {
        assert_eq!(round_trip(&category), category);
    }
    assert_eq!(serde_json::to_string(&Category::Promoter).unwrap(), "\"promoter\"");
    for scale in [Scale::STANDARD, Scale::DUTCH, Scale::FIVE_POINT, Scale::new(1, 7, 5, 6).unwrap()] {
        assert_eq!(round_trip(&scale), scale);
    }
    let segment = Segment::new("branch", "staffing");
    assert_eq!(round_trip(&segment), segment);
    let account = AccountId::from("A-1");
    assert_eq!(serde_json::to_string(&account).unwrap(), "\"A-1\"");
    assert_eq!(round_trip(&account), account);
}

#[test]
fn response_round_trips_and_reads_flat_records() {
    let full = Response::new(Score::new(4).unwrap())
        .with_account("ACME")
        .with_respondent("r-1")
        .with_role("decision maker")
        .with_period("2026-Q3")
        .with_comment("late invoices")
        .with_segment("branch", "staffing");
    assert_eq!(round_trip(&full), full);
    let bare = Response::new(Score::MAX);
    assert_eq!(round_trip(&bare), bare);

    // A flat export record: empty cells are "not given", unknown columns are segments, a label that
    // looks like a number stays the text it is, and the score may arrive as text.
    let json =
        r#"{"score":"9","account":"ACME","role":"","comment":null,"branch":"IT software","tier":"03"}"#;
    let parsed: Response = serde_json::from_str(json).unwrap();
    assert_eq!(parsed.score(), Score::new(9).unwrap());
    assert_eq!(parsed.account(), Some(&AccountId::from("ACME")));
    assert_eq!(parsed.role(), None);
    assert_eq!(parsed.comment(), None);
    assert_eq!(parsed.segment("branch"), Some("IT software"));
    assert_eq!(parsed.segment("tier"), Some("03"));
    // A JSON number has lost its text as written (03 is not even valid JSON): a label must be text.
    let err = serde_json::from_str::<Response>(r#"{"score":9,"tier":3}"#).unwrap_err().to_string();
    assert!(err.contains("invalid type: integer `3`, expected an identifier or label as text"), "{err}");
}

#[test]
fn invalid_values_fail_with_our_message() {
    let err = serde_json::from_str::<Score>("42").unwrap_err().to_string();
    assert!(err.contains("score 42 is outside the scale 0..=10"), "{err}");
    let err = serde_json::from_str::<Score>("-1").unwrap_err().to_string();
    assert!(err.contains("score -1 is outside the scale 0..=10"), "{err}");
    let err = serde_json::from_str::<Score>("\"nine\"").unwrap_err().to_string();
    assert!(err.contains("is not a score"), "{err}");
    assert!(serde_json::from_str::<Score>("8.5").is_err());

    let err = serde_json::from_str::<Response>(r#"{"score":11}"#).unwrap_err().to_string();
    assert!(err.contains("score 11 is outside the scale 0..=10"), "{err}");

    let crossed = r#"{"min":0,"max":10,"passive_from":9,"promoter_from":7}"#;
    let err = serde_json::from_str::<Scale>(crossed).unwrap_err().to_string();
    assert!(err.contains("invalid scale 0..=10 with passives from 9 and promoters from 7"), "{err}");

    let off_scale = r#"{"scale":{"min":1,"max":10,"passive_from":6,"promoter_from":8},
                        "histogram":[3,0,0,0,0,0,0,0,0,0,0]}"#;
    let err = serde_json::from_str::<Tally>(off_scale).unwrap_err().to_string();
    assert!(err.contains("score 0 is outside the scale 1..=10"), "{err}");

    let overflow = format!(
        r#"{{"scale":{{"min":0,"max":10,"passive_from":7,"promoter_from":9}},
             "histogram":[{},1,0,0,0,0,0,0,0,0,0]}}"#,
        u64::MAX
    );
    let err = serde_json::from_str::<Tally>(&overflow).unwrap_err().to_string();
    assert!(err.contains("count overflow"), "{err}");
}

#[test]
fn inconsistent_weighted_tallies_are_rejected() {
    let mut weighted = WeightedTally::new();
    weighted.try_add(10, 2.0).unwrap();
    weighted.try_add(9, 3.0).unwrap();
    let good = serde_json::to_value(&weighted).unwrap();

    let with = |field: &str, value: serde_json::Value| {
        let mut doc = good.clone();
        doc[field] = value;
        serde_json::from_value::<WeightedTally>(doc).unwrap_err().to_string()
    };
    // Weight -3 for the promoters.
    let err = with("weight", serde_json::json!([0.0, 0.0, -3.0]));
    assert!(err.contains("must be finite and greater than 0"), "{err}");
    // Weight on detractors without any detractor answer.
    let err = with("weight", serde_json::json!([1.0, 0.0, 5.0]));
    assert!(err.contains("but no answers"), "{err}");
    // Σw² = 100 is impossible for two weights summing to 5 (at most 25).
    let err = with("weight_squared", serde_json::json!([0.0, 0.0, 100.0]));
    assert!(err.contains("is impossible for 2 answers"), "{err}");
    // Σw² = 1 is impossible too (at least 25 / 2).
    let err = with("weight_squared", serde_json::json!([0.0, 0.0, 1.0]));
    assert!(err.contains("is impossible for 2 answers"), "{err}");
    assert_eq!(serde_json::from_value::<WeightedTally>(good).unwrap(), weighted);
}

proptest! {
    #[test]
    fn tallies_round_trip(scores in prop::collection::vec(1u8..=10, 0..200), dutch in any::<bool>()) {
        let scale = if dutch { Scale::DUTCH } else { Scale::STANDARD };
        let tally = Tally::from_scores_on(scale, &scores).unwrap();
        prop_assert_eq!(round_trip(&tally), tally);
    }

    #[test]
    fn weighted_tallies_round_trip(answers in prop::collection::vec((0u8..=10, 1e-6f64..1e9), 0..100)) {
        let mut weighted = WeightedTally::new();
        for &(raw, weight) in &answers {
            weighted.try_add(raw, weight).unwrap();
        }
        let back = round_trip(&weighted);
        prop_assert_eq!(back.tally(), weighted.tally());
        for category in Category::ALL {
            prop_assert_eq!(back.weight(category), weighted.weight(category));
            prop_assert_eq!(back.weight_squared(category), weighted.weight_squared(category));
        }
    }

    #[test]
    fn responses_round_trip(
        raw in 0u8..=10,
        account in proptest::option::of("[A-Z]{1,4}-[0-9]{1,3}"),
        role in proptest::option::of("[a-z ]{1,12}[a-z]"),
        branch in proptest::option::of("[a-z]{1,10}"),
    ) {
        let mut response = Response::new(Score::new(raw).unwrap());
        if let Some(account) = account { response = response.with_account(account); }
        if let Some(role) = role { response = response.with_role(role); }
        if let Some(branch) = branch { response = response.with_segment("branch", branch); }
        prop_assert_eq!(round_trip(&response), response);
    }
}
