//! serde for the inference types: methods, priors, results and planning inputs round-trip through
//! JSON, and invalid priors or shares are rejected with the crate's message.

use nps_stats::{
    Confidence, Method,
    inference::{
        BootstrapInterval, ExpectedShares, Prior, compare_to_target, sample_size, sample_size_for_change,
    },
};

use crate::intervals::tally;
use crate::serde_round_trip::round_trip;

#[test]
fn methods_and_results_round_trip() {
    let methods = [
        Method::Wald,
        Method::AdjustedWald,
        Method::Score,
        Method::Bayesian { prior: Prior::new(8.0, 7.0, 5.0).unwrap() },
        Method::Bootstrap { resamples: 2_000, seed: u64::MAX, interval: BootstrapInterval::Percentile },
    ];
    let t = tally(7, 2, 3);
    for method in methods {
        assert_eq!(round_trip(&method), method);
        let est = t.estimate(method, Confidence::NINETY).unwrap();
        assert_eq!(round_trip(&est), est);
        let cmp = compare_to_target(&t, -30, method, Confidence::NINETY).unwrap();
        assert_eq!(round_trip(&cmp), cmp);
    }
    assert_eq!(
        serde_json::to_string(&Method::Bayesian { prior: Prior::JEFFREYS }).unwrap(),
        r#"{"bayesian":{"prior":{"promoters":0.5,"passives":0.5,"detractors":0.5}}}"#
    );
    let shares = ExpectedShares::new(0.5, 0.2).unwrap();
    assert_eq!(round_trip(&shares), shares);
    let plan = sample_size(5, shares, Confidence::NINETY_FIVE, Some(300)).unwrap();
    assert_eq!(round_trip(&plan), plan);
    let change = sample_size_for_change(10, shares, shares, Confidence::NINETY_FIVE, 0.8).unwrap();
    assert_eq!(round_trip(&change), change);
}

#[test]
fn invalid_priors_and_shares_are_rejected() {
    let err = serde_json::from_str::<Prior>(r#"{"promoters":1,"passives":-1,"detractors":1}"#).unwrap_err();
    assert!(err.to_string().contains("prior passives -1 is invalid"), "{err}");
    let err = serde_json::from_str::<ExpectedShares>(r#"{"promoters":0.8,"detractors":0.4}"#).unwrap_err();
    assert!(err.to_string().contains("at most 1"), "{err}");
}
