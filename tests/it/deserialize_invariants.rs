//! Deserialization validates invariants: every rejection the crate promises, values JSON cannot carry
//! (NaN, ±∞) through a small self-describing deserializer, and arbitrary JSON-ish documents, which
//! never panic and, when accepted, satisfy the invariants and round-trip.

use nps_stats::{
    Category, Confidence, Month, Quarter, Response, Scale, Score, Tally, WeightedTally,
    inference::Transitions,
};
use proptest::prelude::*;
use serde::de::value::{Error as ValueError, MapDeserializer, SeqDeserializer};
use serde::de::{DeserializeOwned, Deserializer, IntoDeserializer, Visitor};
use serde_json::{Value as Json, json};

/// A self-describing value that, unlike JSON, can hold NaN and ±∞.
#[derive(Debug, Clone)]
enum Value {
    F64(f64),
    U64(u64),
    Seq(Vec<Value>),
    Map(Vec<(&'static str, Value)>),
}

impl<'de> Deserializer<'de> for Value {
    type Error = ValueError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ValueError> {
        match self {
            Value::F64(x) => visitor.visit_f64(x),
            Value::U64(x) => visitor.visit_u64(x),
            Value::Seq(items) => visitor.visit_seq(SeqDeserializer::new(items.into_iter())),
            Value::Map(entries) => visitor.visit_map(MapDeserializer::new(entries.into_iter())),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit
        unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier ignored_any
    }
}

impl IntoDeserializer<'_, ValueError> for Value {
    type Deserializer = Value;

    fn into_deserializer(self) -> Value {
        self
    }
}

fn standard_scale() -> Value {
    Value::Map(vec![
        ("min", Value::U64(0)),
        ("max", Value::U64(10)),
        ("passive_from", Value::U64(7)),
        ("promoter_from", Value::U64(9)),
    ])
}

/// A weighted tally document: `promoters` answers of score 10 with the given sums, nothing else.
fn weighted_doc(promoters: u64, weight: [f64; 3], squared: [f64; 3]) -> Value {
    let mut histogram = vec![Value::U64(0); 11];
    histogram[10] = Value::U64(promoters);
    let floats = |xs: [f64; 3]| Value::Seq(xs.into_iter().map(Value::F64).collect());
    Value::Map(vec![
        ("tally", Value::Map(vec![("scale", standard_scale()), ("histogram", Value::Seq(histogram))])),
        ("weight", floats(weight)),
        ("weight_squared", floats(squared)),
    ])
}

fn read_weighted(doc: Value) -> Result<WeightedTally, String> {
    WeightedTally::deserialize_from(doc)
}

trait FromValue: Sized {
    fn deserialize_from(doc: Value) -> Result<Self, String>;
}

impl<T: DeserializeOwned> FromValue for T {
    fn deserialize_from(doc: Value) -> Result<T, String> {
        T::deserialize(doc).map_err(|e| e.to_string())
    }
}

#[test]
fn weighted_tally_rejections() {
    let ok = read_weighted(weighted_doc(2, [0.0, 0.0, 5.0], [0.0, 0.0, 13.0])).unwrap();
    assert_eq!(ok.weight(Category::Promoter), 5.0);
    let cases: [([f64; 3], [f64; 3], &str); 10] = [
        ([0.0, 0.0, -5.0], [0.0, 0.0, 13.0], "must be finite and greater than 0"),
        ([0.0, 0.0, f64::NAN], [0.0, 0.0, 13.0], "must be finite and greater than 0"),
        ([0.0, 0.0, 5.0], [0.0, 0.0, f64::NAN], "must be finite and greater than 0"),
        ([0.0, 0.0, f64::INFINITY], [0.0, 0.0, 13.0], "must be finite and greater than 0"),
        ([0.0, 0.0, 5.0], [0.0, 0.0, -13.0], "must be finite and greater than 0"),
        // Σw² above (Σw)² = 25 or below (Σw)²/2 = 12.5 cannot come from two positive weights.
        ([0.0, 0.0, 5.0], [0.0, 0.0, 25.1], "is impossible for 2 answers"),
        ([0.0, 0.0, 5.0], [0.0, 0.0, 12.4], "is impossible for 2 answers"),
        // Weight for a category without answers.
        ([f64::NAN, 0.0, 5.0], [0.0, 0.0, 13.0], "but no answers"),
        ([0.0, 1e-300, 5.0], [0.0, 0.0, 13.0], "but no answers"),
        // Weights below 2⁻⁵¹¹ (their squares would be subnormal).
        ([0.0, 0.0, 1e-200], [0.0, 0.0, 1e-320], "too small for 2 answers"),
    ];
    for (weight, squared, message) in cases {
        let err = read_weighted(weighted_doc(2, weight, squared)).unwrap_err();
        assert!(err.contains(message), "{weight:?} {squared:?}: {err}");
        assert!(err.starts_with("inconsistent weighted tally: "), "{err}");
    }
    // Each category within f64, the total Σw² not: Kish's n would be 0. Three weights of 2⁵¹¹ per
    // category (the largest accepted) give Σw² = 3·2¹⁰²² each, 6·2¹⁰²² in all.
    let mut histogram = vec![Value::U64(0); 11];
    histogram[0] = Value::U64(3);
    histogram[10] = Value::U64(3);
    let (sum, squared) = (3.0 * 2f64.powi(511), 3.0 * 2f64.powi(1022));
    let both = Value::Map(vec![
        ("tally", Value::Map(vec![("scale", standard_scale()), ("histogram", Value::Seq(histogram))])),
        ("weight", Value::Seq(vec![Value::F64(sum), Value::F64(0.0), Value::F64(sum)])),
        ("weight_squared", Value::Seq(vec![Value::F64(squared), Value::F64(0.0), Value::F64(squared)])),
    ]);
    let err = read_weighted(both).unwrap_err();
    assert!(err.contains("add up to more than f64 can hold"), "{err}");
    // Answers without weight.
    let err = read_weighted(weighted_doc(1, [0.0; 3], [0.0; 3])).unwrap_err();
    assert!(err.contains("must be finite and greater than 0"), "{err}");
}

#[test]
fn weighted_tally_with_sums_past_the_square_root_of_f64_max_round_trips() {
    // 2²² answers of weight 1e150: Σw = 4.2e156, whose square overflows f64, but Σw² = 4.2e306 is
    // fine. The consistency check used to compute (Σw)² and refused this valid tally.
    let mut weighted = WeightedTally::new();
    for _ in 0..4 {
        weighted.add(Score::MAX, 1e150).unwrap();
    }
    for _ in 0..20 {
        let copy = weighted.clone();
        weighted.merge(&copy).unwrap();
    }
    assert!(weighted.total_weight() > 1e156 && weighted.total_weight().powi(2).is_infinite());
    let json = serde_json::to_string(&weighted).unwrap();
    let back: WeightedTally = serde_json::from_str(&json).unwrap();
    assert_eq!(back, weighted);
    // 1e150 is not a binary fraction, so (Σw)²/Σw² carries a few roundings of 2⁻⁵³ each.
    assert!((back.effective_n().unwrap() / 4_194_304.0 - 1.0).abs() < 1e-12, "{:?}", back.effective_n());
}

#[test]
fn tally_and_transition_rejections() {
    let tally = |histogram: Json, scale: Json| {
        serde_json::from_value::<Tally>(json!({"scale": scale, "histogram": histogram}))
            .map_err(|e| e.to_string())
    };
    let standard = json!({"min": 0, "max": 10, "passive_from": 7, "promoter_from": 9});
    let dutch = json!({"min": 1, "max": 10, "passive_from": 6, "promoter_from": 8});
    let err = tally(json!([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]), dutch).unwrap_err();
    assert!(err.contains("score 0 is outside the scale 1..=10"), "{err}");
    let half = u64::MAX / 2 + 1;
    let err = tally(json!([half, 0, 0, 0, 0, 0, 0, 0, 0, 0, half]), standard.clone()).unwrap_err();
    assert!(err.contains("count overflow"), "{err}");
    assert!(tally(json!([0, 0, 0, 0, 0, 0, 0, 0, 0, 0]), standard.clone()).is_err()); // 10 bins
    assert!(tally(json!([-1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]), standard.clone()).is_err());
    assert!(
        tally(
            json!([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
            json!({"min": 0, "max": 11, "passive_from": 7, "promoter_from": 9})
        )
        .is_err()
    );
    let full = tally(json!([u64::MAX, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]), standard).unwrap();
    assert_eq!(full.total(), u64::MAX);

    let transitions = |counts: Json| serde_json::from_value::<Transitions>(json!({ "counts": counts }));
    let err = transitions(json!([[half, 0, 0], [0, 0, 0], [0, 0, half]])).unwrap_err().to_string();
    assert!(err.contains("count overflow"), "{err}");
    let ok = transitions(json!([[1, 2, 3], [0, 0, 0], [0, 0, u64::MAX - 6]])).unwrap();
    assert_eq!(ok.total(), u64::MAX);
    assert_eq!(serde_json::from_str::<Transitions>(&serde_json::to_string(&ok).unwrap()).unwrap(), ok);
}

#[test]
fn values_json_cannot_carry() {
    for bad in [f64::NAN, f64::INFINITY, 1.0, 0.0, -0.5] {
        assert!(Confidence::deserialize_from(Value::F64(bad)).unwrap_err().contains("confidence level"));
    }
    for bad in [f64::NAN, 9.5, 11.0, -0.5, f64::NEG_INFINITY] {
        assert!(Score::deserialize_from(Value::F64(bad)).unwrap_err().contains("is not a score"));
    }
    // A whole number written with decimals is that number.
    assert_eq!(Score::deserialize_from(Value::F64(9.0)), Ok(Score::new(9).unwrap()));
    assert!(Score::deserialize_from(Value::U64(u64::MAX)).is_err());
    assert_eq!(Score::deserialize_from(Value::U64(10)), Ok(Score::MAX));
}

/// Arbitrary JSON: scalars of every kind, arrays and objects whose keys are the crate's field names.
fn json_values() -> impl Strategy<Value = Json> {
    let keys = prop::sample::select(vec![
        "scale",
        "histogram",
        "min",
        "max",
        "passive_from",
        "promoter_from",
        "tally",
        "weight",
        "weight_squared",
        "counts",
        "score",
        "account",
        "role",
        "period",
        "comment",
        "respondent",
        "x",
    ]);
    let leaf = prop_oneof![
        Just(Json::Null),
        any::<bool>().prop_map(Json::from),
        any::<i64>().prop_map(Json::from),
        any::<u64>().prop_map(Json::from),
        (0u64..12).prop_map(Json::from),
        any::<f64>().prop_map(Json::from), // NaN and ±∞ become null
        prop_oneof![Just(1e-200), Just(1e200), Just(1e154), 0.0f64..1.0].prop_map(Json::from),
        "[0-9a-zA-Z -]{0,8}".prop_map(Json::from),
        Just(Json::from("2026-Q3")),
        Just(Json::from("2026-07")),
    ];
    leaf.prop_recursive(4, 64, 11, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..12).prop_map(Json::Array),
            prop::collection::vec((keys.clone(), inner), 0..6).prop_map(|entries| Json::Object(
                entries.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
            )),
        ]
    })
}

/// Whatever is accepted passes `check` and survives a round trip.
fn accepted_round_trips<T>(text: &str, check: impl Fn(&T)) -> Result<(), TestCaseError>
where
    T: serde::Serialize + DeserializeOwned + PartialEq + std::fmt::Debug,
{
    if let Ok(value) = serde_json::from_str::<T>(text) {
        check(&value);
        let again = serde_json::to_string(&value).unwrap();
        prop_assert_eq!(serde_json::from_str::<T>(&again).unwrap(), value);
    }
    Ok(())
}

fn check_weighted(weighted: &WeightedTally) {
    if let Some(nps) = weighted.nps() {
        assert!((-100.0..=100.0).contains(&nps));
        let effective = weighted.effective_n().unwrap();
        assert!(effective >= 1.0 - 1e-9 && effective <= weighted.tally().total() as f64 * (1.0 + 1e-9));
    }
    assert!(weighted.total_weight().is_finite() && weighted.total_weight_squared().is_finite());
}

fn check_tally(tally: &Tally) {
    let scale = tally.scale();
    for (raw, &count) in (0u8..).zip(tally.histogram().unwrap()) {
        assert!(scale.contains(raw) || count == 0);
    }
    assert_eq!(
        tally.histogram().unwrap().iter().map(|&c| u128::from(c)).sum::<u128>(),
        u128::from(tally.total())
    );
}

proptest! {
    #[test]
    fn arbitrary_json_never_panics_and_accepted_values_round_trip(doc in json_values()) {
        let text = doc.to_string();
        accepted_round_trips::<Score>(&text, |_| ())?;
        accepted_round_trips::<Scale>(&text, |_| ())?;
        accepted_round_trips::<Tally>(&text, check_tally)?;
        accepted_round_trips::<WeightedTally>(&text, check_weighted)?;
        accepted_round_trips::<Transitions>(&text, |t| { let _ = t.total(); })?;
        accepted_round_trips::<Confidence>(&text, |c| assert!(c.z().is_finite()))?;
        accepted_round_trips::<Month>(&text, |_| ())?;
        accepted_round_trips::<Quarter>(&text, |_| ())?;
        accepted_round_trips::<Response>(&text, |_| ())?;
        accepted_round_trips::<Category>(&text, |_| ())?;
    }

    #[test]
    fn mutated_weighted_tallies_are_checked(
        counts in prop::array::uniform3(0u64..5),
        sums in prop::array::uniform3(prop_oneof![0.0f64..10.0, any::<f64>(), Just(0.0)]),
        squares in prop::array::uniform3(prop_oneof![0.0f64..100.0, any::<f64>(), Just(0.0)]),
    ) {
        let mut histogram = [0u64; 11];
        (histogram[0], histogram[7], histogram[10]) = (counts[0], counts[1], counts[2]);
        let floats = |xs: [f64; 3]| Value::Seq(xs.into_iter().map(Value::F64).collect());
        let doc = Value::Map(vec![
            ("tally", Value::Map(vec![
                ("scale", standard_scale()),
                ("histogram", Value::Seq(histogram.into_iter().map(Value::U64).collect())),
            ])),
            ("weight", floats(sums)),
            ("weight_squared", floats(squares)),
        ]);
        if let Ok(weighted) = read_weighted(doc) {
            check_weighted(&weighted);
            for (i, category) in Category::ALL.into_iter().enumerate() {
                let (n, sum, squared) = (counts[i] as f64, sums[i], squares[i]);
                prop_assert_eq!(weighted.weight(category), sum);
                if counts[i] == 0 {
                    prop_assert!(sum == 0.0 && squared == 0.0);
                } else {
                    prop_assert!(sum > 0.0 && squared > 0.0);
                    // (Σw)²/n ≤ Σw² ≤ (Σw)², divided by Σw so that nothing overflows.
                    let per_weight = squared / sum;
                    prop_assert!(per_weight <= sum * (1.0 + 1e-9) && per_weight >= sum / n * (1.0 - 1e-9));
                }
            }
            let json = serde_json::to_string(&weighted).unwrap();
            prop_assert_eq!(serde_json::from_str::<WeightedTally>(&json).unwrap(), weighted);
        }
    }
}
