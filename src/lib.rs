//! Net Promoter Score statistics for Rust: exact mergeable tallies, honest uncertainty, and the
//! account-level views that B2B customer programmes need.
//!
//! This page is a guided tour in the order of a quarterly report: the number, how sure it is, what it
//! is when accounts count by value, where it is good or bad, and whether it really changed. To see
//! all of it on a realistic B2B data set (60 accounts, ten branches, four quarters), run
//! `cargo run --features serde --example report` in the repository.
//!
//! # The map
//!
//! The headline types are here at the root; everything else lives in the wing that answers its
//! question, one module page each:
//!
//! | module | answers | start with |
//! |---|---|---|
//! | [`core`] | what one answer is: a score on a scale, who gave it, when | [`Score`], [`Scale`], [`Response`] |
//! | [`tally`] | how many of each, exactly, from anywhere | [`Tally`], [`WeightedTally`] |
//! | [`inference`] | how sure, better than a target, different, how many answers to ask for | [`Tally::estimate`], [`Method`], [`inference::compare_independent`] |
//! | [`accounts`] | the NPS of companies worth more or less, and whom to call | [`AccountRollup::builder`] |
//! | [`analysis`] | where it is good or bad, and whether it really changed | [`Breakdown::builder`], [`Trend::builder`] |
//! | `export` (feature `csv`) | what a survey tool's or CRM's export file holds, read with nothing lost | `export::Reader` |
//!
//! Conventions that hold in every module: builders take their settings first and the data last
//! (`level`, `method`, `min_sample` and `scale` are spelled the same everywhere); every difference is
//! *later minus earlier* (functions take `(before, after)`); NPS values, targets and margins are in
//! points ([`core::Points`]), shares are fractions 0..=1; results are plain data with public fields
//! and an aligned-table `Display`.
//!
//! # What NPS is
//!
//! Customers answer "How likely are you to recommend us to a friend or colleague?" on a scale from
//! 0 to 10. Those who answer 9 or 10 are **promoters**, 7 or 8 **passives**, 0 to 6 **detractors**.
//! The Net Promoter Score is the percentage of promoters minus the percentage of detractors, a number
//! of points from −100 (everyone a detractor) to +100 (everyone a promoter).
//!
//! # A first tally
//!
//! ```
//! use nps_stats::{Category, Tally};
//!
//! let answers = [10, 9, 9, 8, 7, 6];
//! let tally = Tally::from_scores(&answers)?;
//!
//! assert_eq!(tally.promoters(), 3);
//! assert_eq!(tally.passives(), 2);
//! assert_eq!(tally.detractors(), 1);
//! // 50 % promoters − 16.7 % detractors = +33.3 points, unrounded.
//! assert!((tally.nps().unwrap() - 100.0 / 3.0).abs() < 1e-12);
//! assert_eq!(tally.share(Category::Passive), Some(1.0 / 3.0));
//! println!("{tally}"); // n = 6: 3 promoters, 2 passives, 1 detractor, NPS +33.3
//! # Ok::<(), nps_stats::Error>(())
//! ```
//!
//! An empty tally has no NPS: [`Tally::nps`] returns `None`, never `0`.
//!
//! # Typed answers
//!
//! A [`Score`] is a validated 0..=10 answer; a [`Response`] adds what is known about who gave it
//! (respondent, [`AccountId`], role, period, comment, and [`Segment`] labels such as
//! `branch = staffing`). With the `serde` feature a survey export deserializes straight into
//! `Vec<Response>`, identifiers and labels exactly as written (`007` stays `007`); with the `csv`
//! feature `export::Reader` reads an export from a column mapping — delimiter, dates, amounts and
//! empty cells handled per file, every skipped row counted, every bad cell named by line and
//! column — and hands the account values to [`AccountRollup`].
//!
//! ```
//! use nps_stats::{Response, Score, Tally};
//!
//! let responses = vec![
//!     Response::new(Score::try_from(9)?).with_account("ACME").with_role("decision maker"),
//!     Response::new(Score::try_from(4)?).with_account("ACME").with_role("end user"),
//!     Response::new(Score::try_from(10)?).with_account("Globex").with_role("end user"),
//! ];
//! let decision_makers: Tally = responses
//!     .iter()
//!     .filter(|r| r.role() == Some("decision maker"))
//!     .map(Response::score)
//!     .collect();
//! assert_eq!(decision_makers.nps(), Some(100.0));
//! # Ok::<(), nps_stats::Error>(())
//! ```
//!
//! # Choosing a scale
//!
//! Use the [`Scale`] your survey asked. [`Scale::STANDARD`] (0–10) is the default; the Dutch
//! school-grade variant ([`Scale::DUTCH`], 1–10 with promoters from 8 and detractors up to 5) and a
//! five-point scale ([`Scale::FIVE_POINT`]) are built in, and [`Scale::from_ranges`] makes any other
//! from the ranges people say (`1..=6, 7..=8, 9..=10`). Tallies of different scales refuse to merge,
//! because their NPS values are different quantities. A dashboard that reports only the three
//! counts becomes a tally with [`Tally::from_counts`].
//!
//! ```
//! use nps_stats::{Scale, Tally};
//!
//! let dutch = Tally::from_scores_on(Scale::DUTCH, &[8, 8, 7, 5])?;
//! assert_eq!((dutch.promoters(), dutch.passives(), dutch.detractors()), (2, 1, 1));
//! assert_eq!(dutch.nps(), Some(25.0));
//!
//! let standard = Tally::from_scores(&[8, 8, 7, 5])?;
//! assert_eq!(standard.nps(), Some(-25.0)); // the same digits, a different statistic
//! assert!((dutch + standard).is_err());
//! # Ok::<(), nps_stats::Error>(())
//! ```
//!
//! # Merging: counts, not scores
//!
//! A [`Tally`] is an exact histogram, so partial tallies from threads, files or machines merge with
//! nothing lost. Averaging NPS values of segments or periods is a classic error (a segment of 10
//! answers would weigh as much as one of 1,000); merging tallies pools the counts, which is right.
//!
//! ```
//! use nps_stats::Tally;
//!
//! let north = Tally::from_scores(&[10, 10, 10, 10, 2])?;          // NPS +60 from 5 answers
//! let south = Tally::from_scores(&[9, 3, 3, 3, 3, 3, 3, 3, 8, 8])?; // NPS −60 from 10 answers
//! let all = (&north + &south)?;
//! assert_eq!(all.nps(), Some(-20.0));                            // not the average, 0
//!
//! // `+=` and `sum()` work on a `Result<Tally>` accumulator, so a mismatch is an error, not a panic.
//! let mut total: nps_stats::Result<Tally> = Ok(Tally::new());
//! total += &north;
//! total += &south;
//! assert_eq!(total?, all);
//! # Ok::<(), nps_stats::Error>(())
//! ```
//!
//! # Uncertainty
//!
//! Forty B2B accounts give a guess with wide error bars, and the crate says how wide.
//! [`Tally::estimate_default`] returns the NPS with its standard error and the adjusted Wald
//! interval at 95 %; [`Tally::estimate`] chooses the level and the [`Method`]:
//! Rocks' (2016) adjusted Wald interval by default, Tango's score interval, an exact Bayesian
//! credible interval under a Dirichlet [`Prior`](crate::inference::Prior), or a seeded bootstrap (percentile or BCa).
//! [`Tally::probability_above`] answers "how sure are we that we are above +20?",
//! [`compare_to_target`](crate::inference::compare_to_target) tests against a goal or a published benchmark, [`compare_independent`](crate::inference::compare_independent)
//! compares two samples, and [`margin_of_error`](crate::inference::margin_of_error), [`sample_size`](crate::inference::sample_size), [`sample_size_for_change`](crate::inference::sample_size_for_change) and
//! [`sample_size_for_paired_change`](crate::inference::sample_size_for_paired_change) plan the next survey.
//!
//! ```
//! use nps_stats::{Confidence, Method, Tally, inference::{ExpectedShares, Prior, compare_to_target, sample_size}};
//!
//! // 20 answers: 11 promoters, 5 passives, 4 detractors, NPS +35.
//! let scores = [10, 10, 9, 9, 9, 9, 9, 10, 9, 10, 9, 8, 8, 7, 7, 8, 6, 5, 3, 2];
//! let tally = Tally::from_scores(&scores)?;
//! let est = tally.estimate(Method::default(), Confidence::NINETY_FIVE)?;
//! assert_eq!(est.nps, 35.0);
//! assert!(est.interval.width() > 50.0); // twenty answers say little
//! println!("{est}");
//!
//! let above_20 = tally.probability_above(20, Prior::UNIFORM)?;
//! assert!(above_20 > 0.5 && above_20 < 0.9);
//! // Better than a benchmark of −30? Yes. Than 0? Twenty answers cannot tell.
//! let level = Confidence::NINETY_FIVE;
//! assert!(compare_to_target(&tally, -30, Method::AdjustedWald, level)?.p_value < 0.05);
//! assert!(compare_to_target(&tally, 0, Method::AdjustedWald, level)?.p_value > 0.05);
//!
//! // ±10 points at 95 % when the programme has 200 accounts: 132 of them must answer.
//! let plan = sample_size(10, ExpectedShares::WORST_CASE, Confidence::NINETY_FIVE, Some(200))?;
//! assert_eq!(plan.n, 132);
//! # Ok::<(), nps_stats::Error>(())
//! ```
//!
//! # Weighting by account value
//!
//! In B2B one account can be worth a hundred others. A [`WeightedTally`] keeps per category the
//! count, Σw and Σw², which gives the weighted NPS beside the unweighted one and Kish's effective
//! sample size, so weighting never happens silently.
//!
//! ```
//! use nps_stats::{Score, WeightedTally};
//!
//! let mut by_value = WeightedTally::new();
//! by_value.add(Score::try_from(10)?, 2_000_000.0)?; // ARR of the account
//! by_value.add(Score::try_from(5)?, 40_000.0)?;
//! by_value.add(Score::try_from(6)?, 25_000.0)?;
//! let weighted = by_value.nps().unwrap();
//! let unweighted = by_value.tally().nps().unwrap();
//! assert!(weighted > 90.0 && unweighted < 0.0);
//! assert!(by_value.effective_n().unwrap() < 1.1); // one account carries the result
//! # Ok::<(), nps_stats::Error>(())
//! ```
//!
//! # Accounts
//!
//! B2B answers come from contacts of accounts, and accounts differ in value. [`AccountRollup`] rolls
//! answers up to accounts with a named [`Strategy`](crate::accounts::Strategy) (every answer, one account one vote, or decision
//! maker first), a [`Weighting`](crate::accounts::Weighting) by account value (from a map or a closure, see [`PerAccount`](crate::accounts::PerAccount)) and
//! an explicit [`Duplicates`](crate::core::Duplicates) policy. The result shows the weighted and unweighted NPS side by side,
//! each with a design-based interval ([`VarianceMethod`](crate::accounts::VarianceMethod): accounts as clusters by default, a finite
//! population correction when the size of the customer base is known, a two-stage variance for
//! contacts sampled within accounts (the one that stays honest when every account answered), or a
//! seeded cluster bootstrap)
//! and Kish's effective n. The same builder lists whom to call first ([`FollowUp`](crate::accounts::FollowUp)) and how much of
//! the revenue answered ([`Coverage`](crate::accounts::Coverage)).
//!
//! ```
//! use std::collections::HashMap;
//! use nps_stats::{AccountRollup, Response, Score, accounts::{Strategy, Weighting}};
//!
//! let answer = |account: &str, role: &str, score: u8| -> nps_stats::Result<Response> {
//!     Ok(Response::new(Score::try_from(score)?).with_account(account).with_role(role))
//! };
//! let responses = vec![
//!     answer("ACME", "decision maker", 9)?,
//!     answer("ACME", "end user", 3)?,
//!     answer("ACME", "end user", 4)?,
//!     answer("Globex", "decision maker", 10)?,
//!     answer("Initech", "end user", 6)?,
//! ];
//! let arr = HashMap::from([("ACME", 2_000_000.0), ("Globex", 300_000.0), ("Initech", 50_000.0)]);
//!
//! let survey = AccountRollup::builder()
//!     .values(&arr)
//!     .strategy(Strategy::Respondent)
//!     .weighting(Weighting::AccountValueSpread) // each account counts by its value
//!     .population(40);                          // 3 of our 40 accounts answered
//! let rollup = survey.run(&responses)?;
//! assert_eq!((rollup.accounts, rollup.responses), (3, 5));
//! assert!(rollup.weighted.nps != rollup.unweighted.nps); // both are reported
//! assert_eq!(rollup.weighted.degrees_of_freedom, Some(2.0)); // t with accounts − 1 df
//! println!("{rollup}");
//!
//! let follow_up = survey.min_sample(1).close_the_loop(&responses)?;
//! assert_eq!(follow_up.call_first[0].account.as_str(), "ACME"); // ⅔ of €2M at risk
//! # Ok::<(), nps_stats::Error>(())
//! ```
//!
//! # Does the score predict anything?
//!
//! A high NPS is often *not* a good predictor of whether a B2B customer stays or prefers you, so test
//! it on your own data. [`OutcomeBuilder`](crate::analysis::OutcomeBuilder) links each account's (or
//! answer's) score to an outcome: for a yes/no outcome such as renewal the rate of detractors,
//! passives and promoters with Wilson intervals, promoters minus detractors, and the area under the
//! ROC curve with DeLong's interval; for a number such as revenue change Spearman's ρ. Its `Display`
//! says plainly whether the score separates the outcomes on this data.
//!
//! ```
//! use nps_stats::{Response, Score, analysis::OutcomeBuilder};
//!
//! let answer = |account: &str, score: u8, renewed: bool| {
//!     Response::new(Score::try_from(score).unwrap())
//!         .with_account(account)
//!         .with_segment("renewed", if renewed { "yes" } else { "no" })
//! };
//! let answers = [
//!     answer("A", 9, true), answer("A", 10, true), answer("B", 3, true), answer("C", 8, false),
//!     answer("D", 6, true), answer("E", 10, false), answer("F", 7, true), answer("G", 2, false),
//! ];
//! let link = OutcomeBuilder::new() // the account is the unit, scored by the mean of its answers
//!     .name("renewed")
//!     .opposite("churned")
//!     .binary(&answers, |r| r.segment("renewed").map(|v| v == "yes"))?;
//! assert_eq!(link.units, 7); // accounts, not answers
//! assert!(link.to_string().contains("the score does not separate renewed from churned here"));
//! # Ok::<(), nps_stats::Error>(())
//! ```
//!
//! # Segments
//!
//! "Where is it good or bad?" A [`Breakdown`] gives every segment (a [`Segment`] dimension, or any
//! ordered key from a closure) its counts, NPS and interval, and tests it against **the rest** of
//! the population, with the p-values adjusted for the number of segments ([`Adjustment::Holm`](crate::inference::Adjustment::Holm) by
//! default, Benjamini–Hochberg available). The overall row pools the counts. Thin segments are
//! flagged `insufficient`; with a privacy threshold, small segments are hidden altogether (see
//! [`Suppression`](crate::analysis::Suppression)). Employee NPS (eNPS) is the same statistics on an employee question, so the same
//! types serve it.
//!
//! ```
//! use nps_stats::{Breakdown, Response, Score};
//!
//! let answer = |team: &str, score: u8| Response::new(Score::try_from(score).unwrap()).with_segment("team", team);
//! let mut survey: Vec<Response> = [10, 9, 9, 9, 10, 8, 9, 7].iter().map(|&s| answer("support", s)).collect();
//! survey.extend([3, 6, 7, 2, 5, 9, 4, 6].iter().map(|&s| answer("billing", s)));
//! survey.extend([9, 2].iter().map(|&s| answer("legal", s))); // two people: kept private
//!
//! let by_team = Breakdown::builder().suppress_below(5).min_sample(30).by_dimension(&survey, "team")?;
//! let support = by_team.rows.iter().find(|row| row.key.value() == "support").unwrap();
//! assert_eq!(support.estimate.as_ref().unwrap().nps, 75.0);
//! assert!(support.insufficient); // 8 answers: shown, but flagged
//! let against_rest = support.versus_rest.as_ref().unwrap();
//! assert!(support.adjusted_p_value.unwrap() >= against_rest.p_value);
//! assert!(by_team.rows.iter().any(|row| row.suppressed.is_some()));
//! println!("{by_team}");
//! # Ok::<(), nps_stats::Error>(())
//! ```
//!
//! [`BreakdownBuilder::by_ids`](crate::analysis::BreakdownBuilder::by_ids) takes pre-coded dense segment ids and score bytes, the fast path for
//! large data. [`mix_shift`](crate::analysis::mix_shift) splits a change of the total into the segments' own changes and the
//! change of the segment mix, so that "every segment improved and the total fell" is explained.
//!
//! # Trends
//!
//! "Did it really change?" A [`Trend`] reports the NPS per period ([`Month`], [`Quarter`] or any
//! ordered key), the change from each period to the next with its test, and an inverse-variance
//! weighted slope over all periods ([`weighted_slope`](crate::inference::weighted_slope)). When the same respondents (or accounts, see
//! [`Unit`](crate::analysis::Unit)) answer in both periods, the change is also tested on the paired differences, which is
//! usually far more sensitive; [`Change::applies`](crate::analysis::Change::applies) says which test fits the data. Rolling and
//! cumulative [`Window`](crate::analysis::Window)s overlap, so no independent-samples test is run on them.
//!
//! ```
//! use nps_stats::{Quarter, Response, Score, Trend, inference::Samples};
//!
//! let mut answers = Vec::new();
//! for (quarter, scores) in [("2026-Q1", [6, 7, 8, 9, 10, 3]), ("2026-Q2", [9, 9, 8, 10, 10, 7])] {
//!     for (contact, score) in scores.into_iter().enumerate() {
//!         let score = Score::try_from(score)?;
//!         answers.push(Response::new(score).with_respondent(format!("c{contact}")).with_period(quarter));
//!     }
//! }
//! let trend = Trend::builder().by_period::<Quarter>(&answers)?;
//! let change = trend.points[1].change.as_ref().unwrap();
//! assert!((change.difference - 200.0 / 3.0).abs() < 1e-9); // 0 → +66.7
//! assert_eq!(change.applies, Samples::Paired);                  // the same six contacts
//! let (paired, independent) = (change.paired.as_ref().unwrap(), change.independent.as_ref().unwrap());
//! assert!(paired.p_value < independent.p_value);
//! println!("{trend}");
//! # Ok::<(), nps_stats::Error>(())
//! ```
//!
//! # Large data
//!
//! Every analysis reads a slice of responses or a columnar [`core::Survey`] ([`core::Answers`]):
//! scores as bytes and every label column as codes into a dictionary of its distinct labels, about
//! 30 bytes an answer. Breakdowns, trends with the paired test, account roll-ups, repeated
//! comparisons and mix shifts then run as dense counts over the codes, near the speed of the
//! counting kernels, with exactly the results of the responses. Build the survey once when many
//! analyses read the same answers, from responses, row by row ([`core::SurveyBuilder`]) or from an
//! export (`export::Export::survey`).
//!
//! ```
//! use nps_stats::core::Survey;
//! use nps_stats::{Breakdown, Quarter, Response, Score, Trend};
//!
//! let answer = |score: u8, who: &str, quarter: &str, branch: &str| -> nps_stats::Result<Response> {
//!     Ok(Response::new(Score::try_from(score)?).with_respondent(who).with_period(quarter).with_segment("branch", branch))
//! };
//! let responses = vec![
//!     answer(6, "ann", "2026-Q1", "IT")?,
//!     answer(9, "bob", "2026-Q1", "retail")?,
//!     answer(10, "ann", "2026-Q2", "IT")?,
//!     answer(9, "bob", "2026-Q2", "retail")?,
//! ];
//! let survey = Survey::from_responses(&responses)?;
//! let trend = Trend::builder().by_period::<Quarter>(&survey)?;
//! assert_eq!(trend, Trend::builder().by_period::<Quarter>(&responses)?); // the same, bit for bit
//! let by_branch = Breakdown::builder().by_dimension(&survey, "branch")?;
//! assert_eq!(by_branch.rows.len(), 2);
//! # Ok::<(), nps_stats::Error>(())
//! ```
//!
//! # Statistical methods
//!
//! Every formula cites its source in the documentation of the item that computes it; the tests
//! check each against an independent computation (hand-worked closed forms, Python/scipy, R's
//! `survey` and `p.adjust`, published tables).
//!
//! | what | method | reference |
//! |---|---|---|
//! | NPS and its per-answer variance | σ² = p + d − (p − d)² on the −1/0/+1 coding | Reichheld (2003), *HBR* 81(12); R package `NPS` |
//! | interval, default | adjusted Wald: ¾ promoter, 1½ passive, ¾ detractor pseudo-answers | Rocks (2016), *The American Statistician* 70(4) |
//! | interval | Wald ([`Method::Wald`]) | R package `NPS` (`nps.test`) |
//! | interval | Tango's score interval ([`Method::Score`]) | Tango (1998), *Statistics in Medicine* 17 |
//! | interval | exact Dirichlet posterior, equal-tailed ([`Method::Bayesian`]) | Costa & Ponte (2023), arXiv:2303.00835 |
//! | interval | multinomial bootstrap, percentile and BCa ([`Method::Bootstrap`]) | Efron (1987), *JASA* 82; Efron & Tibshirani (1993) |
//! | two independent samples | unpooled z-test; MOVER for score intervals | Rocks (2016); Newcombe (1998); Zou & Donner (2008) |
//! | the same respondents or accounts twice | paired differences; partial-overlap linearization | McNemar-type paired test; influence-function linearization |
//! | many segments | Holm; Benjamini–Hochberg ([`Adjustment`](crate::inference::Adjustment)) | Holm (1979); Benjamini & Hochberg (1995) |
//! | trend over periods | inverse-variance weighted slope ([`weighted_slope`](crate::inference::weighted_slope)) | weighted least squares |
//! | change of the total | mix-shift decomposition ([`mix_shift`](crate::analysis::mix_shift)) | Kitagawa (1955) |
//! | weighted NPS | ratio (Hájek) estimator; Kish's effective n | Särndal, Swensson & Wretman (1992); Kish (1965) |
//! | weighted variance | Taylor linearization, accounts as clusters, FPC; cluster bootstrap ([`VarianceMethod`](crate::accounts::VarianceMethod)) | Woodruff (1971); Lumley's `survey`; Cameron & Miller (2015) |
//! | sample size | z²σ²/E² with finite-population correction; power for a change | Cochran (1977) |
//!
//! # Guarantees
//!
//! What a caller's service can rely on, whatever the input. Each point is checked by tests — the
//! property tests run every public function that returns numbers on random valid inputs, counts up
//! to `u64::MAX`, levels up to 1 − 2⁻⁵³ and every method — and by fuzzing (the crate's `fuzz/`
//! folder: parsing, deserialization, the counting fast paths, planning, priors, the slope, every
//! comparison and account roll-ups), and the lints below keep panicking constructs out of the
//! library code.
//!
//! - **No panics.** No public function, method or operator panics on any input: bad input is an
//!   [`Error`] (see the table in the next section). Two things are outside any function's control:
//!   a closure the caller passes in (a key function, an ordering) may panic itself, and running out
//!   of memory aborts, as everywhere in Rust. No setting can ask for memory its input does not
//!   justify: the settings that size an allocation (a dense key, a number of resamples) have the
//!   limits in the table below, checked before anything is allocated.
//! - **All or nothing.** A call that fails leaves its receiver unchanged: `add`, `try_add`,
//!   `add_count`, `try_extend`, `merge` and `+=` on tallies and weighted tallies, and `add` and
//!   `add_count` on [`Transitions`](crate::inference::Transitions), never half-apply.
//! - **Exact counts.** Counts are `u64` and every total is checked: up to `u64::MAX` answers are
//!   counted exactly, one more is [`Error::CountOverflow`]. Merging parts gives bit for bit the tally
//!   of all the answers counted in one pass, in any order.
//! - **Weights keep their precision.** A weight must lie within the limits below (so that its
//!   square is a normal, finite `f64`), and the sums Σw and Σw², per category and in total, must stay
//!   finite (otherwise [`Error::WeightOverflow`]). Within these limits the sums are compensated
//!   (Neumaier), so 10⁸ weights of 1e-6 beside a few of 1e12 add up to the exact sum rounded once —
//!   tested against an exact rational computation — and merge order changes a sum by at most a few
//!   ulps. Account values obey the same limits in every analysis that reads them, and roll-ups
//!   rescale them before summing, so any number of accounts at the limits is fine.
//! - **No NaN, no value out of range.** Every `f64` a call returns is finite and in its documented
//!   range: an NPS lies in −100..=100 and a difference of two in −200..=200 (points), shares,
//!   rates, probabilities, AUCs and p-values in 0..=1, a difference of two rates and a rank
//!   correlation in −1..=1, standard errors and effective sample sizes are at least 0,
//!   interval bounds are ordered and clipped to the range. This holds at the extremes of valid
//!   input too: a Bayesian tail of 10⁻¹²², a p-value of 10⁻³⁰⁰ (computed to R's last digits, and
//!   below that down to the subnormals), the score test of 2⁶⁴ answers, weights and standard errors
//!   from 10⁻³⁰⁰ to 10³⁰⁰. Where no finite answer exists — a sample size beyond `u64::MAX` answers,
//!   a slope too steep for an `f64` — the call returns an error instead.
//!
//!   **The one exception**, deliberate: a test statistic of ±∞, always with p = 0, where the
//!   answers leave no doubt. It occurs in exactly these cases:
//!
//!   1. a Wald-type z-test whose standard error is 0 while its difference is not — with
//!      [`Method::Wald`], a unanimous sample against a different target
//!      ([`compare_to_target`](crate::inference::compare_to_target)) or two unanimous samples that
//!      differ ([`compare_independent`](crate::inference::compare_independent)); a panel in which
//!      every respondent moved alike ([`compare_paired`](crate::inference::compare_paired), and the
//!      paired and overlapping tests of [`compare_repeated`](crate::analysis::compare_repeated),
//!      breakdowns and trends);
//!   2. Tango's score test ([`Method::Score`]) of a target of ±100 points that an answer
//!      contradicts (under NPS = +100 every answer is a promoter).
//!
//!   Everywhere else the statistic is finite, also where its p-value underflows to 0: the
//!   adjusted Wald test, the score test of two samples, the Bayesian test (whose statistic is the
//!   posterior z-score where the tail is below the smallest `f64`) and the bootstrap.
//! - **Undefined is not zero.** Statistics of an empty sample are `None`, and estimates of one are
//!   [`Error::EmptySample`].
//! - **Deserialization validates** (feature `serde`): a [`Tally`] with a count off its scale or counts
//!   that add up past `u64::MAX`; a [`WeightedTally`] whose weight sums are negative, NaN or infinite,
//!   exist without answers (or answers without them), lie outside what weights within the limits
//!   can give, have a Σw² that no set of positive weights with that Σw can have
//!   ((Σw)²/n ≤ Σw² ≤ (Σw)², checked without overflowing), or add up past `f64::MAX`;
//!   [`Transitions`](crate::inference::Transitions) whose counts add up past `u64::MAX`; a score,
//!   scale, confidence level, period, prior or expected shares that its constructor would refuse;
//!   and every result type whose numbers break their documented ranges (an interval with unordered
//!   or infinite bounds, an NPS of 500, a negative standard error or effective n, a p-value or
//!   share outside 0..=1, an account value beyond the limits) — each is refused with this crate's
//!   message. Whatever is accepted serializes back to the same value. (JSON has no ±∞, so a
//!   comparison with the infinite statistic above does not survive a JSON round trip.)
//! - **Threads.** Every public type is `Send + Sync`, except the [`AccountRollup`] builder, which
//!   borrows the caller's data and callbacks; [`Error`] is `std::error::Error + Send + Sync + 'static`.
//!
//! ## Limits
//!
//! Every limit is stated once, as a constant of the module it belongs to, and applied wherever the
//! same value enters:
//!
//! | what | limit | applies to | beyond it |
//! |---|---|---|---|
//! | bootstrap resamples | [`MIN_RESAMPLES`](crate::inference::MIN_RESAMPLES) = 1,000 to [`MAX_RESAMPLES`](crate::inference::MAX_RESAMPLES) = 10,000,000, and one resample in each tail: (B + 1)·(1 − level)/2 ≥ 1 | [`Method::Bootstrap`], [`VarianceMethod::ClusterBootstrap`](crate::accounts::VarianceMethod::ClusterBootstrap) | [`Error::TooFewResamples`], [`Error::InvalidCount`]; a level above 0.9999998, which no allowed bootstrap serves, is [`Error::InvalidParameter`] |
//! | dense group id | [`MAX_DENSE_KEY`](crate::tally::MAX_DENSE_KEY) = 2²⁰ − 1 = 1,048,575 (one tally per id is returned) | [`Tally::grouped`] and its `_on` and `_par` forms, [`BreakdownBuilder::by_ids`](crate::analysis::BreakdownBuilder::by_ids) | [`Error::InvalidCount`]; [`Tally::grouped_by_label`] takes any key |
//! | prior parameter | [`MIN_PRIOR`](crate::inference::MIN_PRIOR) = 10⁻⁶ to [`MAX_PRIOR`](crate::inference::MAX_PRIOR) = 10⁶ pseudo-answers | [`Prior::new`](crate::inference::Prior::new) and its deserialization | [`Error::InvalidParameter`] |
//! | weight | [`MIN_WEIGHT`](crate::tally::MIN_WEIGHT) = 2⁻⁵¹¹ ≈ 1.5e-154 to [`MAX_WEIGHT`](crate::tally::MAX_WEIGHT) = 2⁵¹¹ ≈ 6.7e153, with finite sums | [`WeightedTally::add`], `try_add`, `merge`, `from_weighted_scores`, `from_parts`, deserialization | [`Error::WeightUnderflow`], [`Error::WeightOverflow`], [`Error::Inconsistent`] |
//! | account value | the limits of a weight | [`AccountRollupBuilder::run`](crate::accounts::AccountRollupBuilder::run), [`close_the_loop`](crate::accounts::AccountRollupBuilder::close_the_loop), [`coverage`](crate::accounts::AccountRollupBuilder::coverage), deserialized results | [`Error::InvalidAccountValue`] naming the account |
//! | answers | `u64::MAX` per tally, transition table or sample size | counting, merging, planning | [`Error::CountOverflow`]; a plan beyond it is [`Error::InvalidParameter`] |
//! | confidence level | strictly between 0 and 1; every such `f64` works, up to 1 − 2⁻⁵³ | every interval and test | [`Error::InvalidConfidence`] |
//! | power of a plan | above 1 − level (what a test rejects when nothing changed) and below 1 | [`sample_size_for_change`](crate::inference::sample_size_for_change), [`sample_size_for_paired_change`](crate::inference::sample_size_for_paired_change) | [`Error::InvalidParameter`] |
//! | points | a target within −100..=100, a margin within (0, 100], a change within (0, 200], a slope's y within −100..=100 | [`compare_to_target`](crate::inference::compare_to_target), [`Tally::probability_above`], planning, [`weighted_slope`](crate::inference::weighted_slope) | [`Error::InvalidParameter`] |
//!
//! At the edges:
//!
//! | edge | behaviour |
//! |---|---|
//! | empty | `nps()`, `share()`, `mean_rating()`, `effective_n()` are `None`; estimates, comparisons and variances are [`Error::EmptySample`]; `Display` shows `NPS n/a` |
//! | n = 1 | the NPS is −100, 0 or +100; the Wald interval has zero width at the point; the adjusted Wald interval is wide and clipped to −100..=100; a variance from answers or accounts is [`Error::TooFewForVariance`] |
//! | all answers in one category | the NPS is exactly ±100 (or 0) at any count; Wald: standard error 0 and a zero-width interval, never NaN; adjusted Wald: clipped to the range, with a standard error that keeps its digits at 2⁶⁴ answers; two such samples under Wald: z = 0 and p = 1 when equal, z = ±∞ and p = 0 otherwise (the exception above) |
//! | level → 1 | every level in (0, 1) is accepted, up to 1 − 2⁻⁵³; z and t quantiles come from the upper tail (1 − level)/2, so they stay finite (z = 8.29 at 1 − 2⁻⁵³) and accurate (z to 1e-16 by Wichura's AS 241, t to 1e-10 at any degrees of freedom: exact for 1, Cornish–Fisher from 10⁴ on); intervals widen up to the whole range; a bootstrap serves levels up to 0.9999998 |
//! | level → 0 | z comes from level/2 itself (z = level·√(π/2) for the tiniest levels, not 0), so intervals shrink to their centre and no standard error is 0/0 |
//! | weights from 1e-6 to 1e12 | exact to a few ulps (see above); the same holds across the limits, 2⁻⁵¹¹ to 2⁵¹¹, and account values in roll-ups, follow-ups and coverage obey the same limits |
//! | counts near `u64::MAX` | counting, merging and every statistic work up to `u64::MAX` answers with finite results; one answer more is [`Error::CountOverflow`]; a t interval with 2⁶³ degrees of freedom returns at once |
//!
//! # Errors and panics
//!
//! Bad input is an [`Error`] that says what was wrong and what was expected; no function of this
//! crate panics on any input. Calls that can fail return [`Result`]:
//!
//! | call | returns | fails when |
//! |---|---|---|
//! | [`Score::new`], `Score::try_from`, `str::parse::<Score>` | `Result<Score>` | the value is not 0..=10 |
//! | [`Scale::new`], [`Scale::from_ranges`] | `Result<Scale>` | cut-points are not ordered within 0..=10; ranges leave a gap or overlap |
//! | [`core::Points::new`] | `Result<Points>` | the number is NaN or infinite |
//! | [`Scale::category`], [`Score::category_on`] | `Result<Category>` | the score is off the scale |
//! | [`Tally::from_scores`], [`Tally::from_scores_on`] | `Result<Tally>` | a byte is off the scale (names its position) |
//! | [`Tally::from_histogram`] | `Result<Tally>` | a count is off the scale, or the total overflows `u64` |
//! | [`Tally::from_counts`], [`Tally::from_counts_on`] | `Result<Tally>` | the total overflows `u64`, or passives on a scale without them |
//! | [`Tally::estimate`], [`Tally::estimate_default`], [`Tally::probability_above`] | `Result<…>` | the tally is empty; a bootstrap with resamples or a level beyond the [limits](#limits); a target off −100..=100 points |
//! | [`inference::compare_to_target`], [`inference::compare_independent`] | `Result<Comparison>` | a sample is empty, the scales differ, the target is off −100..=100 points, the method does not apply, or a bootstrap beyond the [limits](#limits) |
//! | [`inference::margin_of_error`], [`inference::sample_size`], [`inference::sample_size_for_change`], [`inference::sample_size_for_paired_change`] | `Result<…>` | a margin or change in points, a power (at most 1 − level), a variance or a population out of range, or a plan that needs more than `u64::MAX` answers |
//! | [`Tally::add`], [`Tally::try_add`], [`Tally::add_count`], [`Tally::try_extend`] | `Result<()>` | the score is off the scale, or the total would overflow `u64` |
//! | [`Tally::merge`], `+`, `+=`, `sum()` on tallies | `Result<…>` | the scales differ, or the total would overflow `u64` |
//! | [`WeightedTally::add`], [`WeightedTally::try_add`] | `Result<()>` | the weight is not finite and > 0, is outside 2⁻⁵¹¹..=2⁵¹¹, a sum would overflow `f64`, or as `Tally::add` |
//! | [`WeightedTally::merge`] | `Result<()>` | as `Tally::merge`, or a weight sum would overflow `f64` |
//! | [`Month::new`], [`Quarter::new`], `str::parse::<Month>`, `str::parse::<Quarter>` | `Result<…>` | the month is not 1..=12 (quarter 1..=4), the year is above 9999, or the text is not `YYYY-MM` (`YYYY-Qn`) |
//! | [`Adjustment::adjust`](crate::inference::Adjustment::adjust) | `Result<Vec<f64>>` | a p-value is NaN or outside 0..=1 |
//! | [`BreakdownBuilder`](crate::analysis::BreakdownBuilder) `by_dimension`, `by_key`, `by_ids`, `from_tallies` | `Result<Breakdown<_>>` | a score is off the scale, the slices differ in length, the scales differ, or an id is above [`MAX_DENSE_KEY`](crate::tally::MAX_DENSE_KEY) |
//! | [`TrendBuilder`](crate::analysis::TrendBuilder) `by_period`, `by_key`, `by_key_over`, `from_tallies` | `Result<Trend<_>>` | a period label does not parse, a score is off the scale, the window is `Rolling(0)`, or the scales differ |
//! | [`compare_paired`](crate::inference::compare_paired), [`compare_repeated`](crate::analysis::compare_repeated), [`compare_repeated_on`](crate::analysis::compare_repeated_on) | `Result<…>` | a sample is empty, or a score is off the scale |
//! | [`weighted_slope`](crate::inference::weighted_slope) | `Result<Slope>` | an x is not finite, a y is not −100..=100 points, a standard error is not finite and > 0, fewer than two distinct x, or no finite slope, standard error or statistic exists for the points |
//! | [`mix_shift`](crate::analysis::mix_shift), [`mix_shift_by`](crate::analysis::mix_shift_by) | `Result<MixShift<_>>` | a period has no answers, or the scales differ |
//! | [`WeightedTally::linearized_estimate`] | `Result<accounts::DesignEstimate>` | fewer than two answers |
//! | [`AccountRollupBuilder::run`](crate::accounts::AccountRollupBuilder::run), [`close_the_loop`](crate::accounts::AccountRollupBuilder::close_the_loop), [`coverage`](crate::accounts::AccountRollupBuilder::coverage) | `Result<…>` | a response has no account, an account has no valid value, repeated answers cannot be ordered, fewer than two accounts for a variance, an inconsistent setting (each error names the account or the setting), account values beyond the limits of weights or a cluster bootstrap beyond the resample limits (see [Limits](#limits)), invitation counts that add up past `u64::MAX` |
//! | [`OutcomeBuilder::binary`](crate::analysis::OutcomeBuilder::binary), [`numeric`](crate::analysis::OutcomeBuilder::numeric) | `Result<…>` | a score is off the scale, a response has no account (account or clustered units), an account's answers carry different outcomes, an outcome is not finite, or no response has an outcome; too little data for a statistic leaves it `None` |
//! | [`inference::wilson_interval`], [`inference::compare_rates`], [`inference::roc_auc`], [`inference::spearman`] | `Result<…>` | no trials or more successes than trials; slices of different lengths, a value that is not finite, a single outcome or value, too few units |
//! | [`Tally::grouped`], [`Tally::grouped_by_label`] (and `_on`) | `Result<…>` | the slices differ in length, a score is off the scale (names its position), or a dense key is above [`MAX_DENSE_KEY`](crate::tally::MAX_DENSE_KEY) |
//! | [`WeightedTally::from_weighted_scores`] (and `_on`) | `Result<WeightedTally>` | the slices differ in length, or the first bad answer: a weight not finite and > 0 or a score off the scale (names its position), a weight outside 2⁻⁵¹¹..=2⁵¹¹, or a weight sum would overflow `f64` |
//! | [`WeightedTally::from_parts`] | `Result<WeightedTally>` | the counts, Σw and Σw² cannot come from weights within the limits |
//! | deserializing any type (feature `serde`) | the format's error | the value breaks the type's invariant; the message is this crate's; an identifier or label that the format holds as a number or a boolean, not as text |
//! | [`core::Duplicates::apply`], and the `duplicates` setting of the three builders | `Result<…>` | a respondent's repeated answers cannot be ordered: one has no period, or a compared label is not a quarter or month of the first one's kind |
//! | `export::Reader::read`, `read_path` (feature `csv`) | `Result<export::Export>` | the file cannot be read, lacks a mapped column or names one twice, or a cell cannot be read (a score, period, date or amount not of the file's form, an account value that is not valid or disagrees with another row): [`Error::Export`] names the file, line, column and text around the problem; nothing is half-read |
//! | [`inference::Prior::new`] | `Result<Prior>` | a parameter is outside 10⁻⁶..=10⁶ |
//!
//! Everything else is infallible. Statistics of an empty sample are `None`. A failed call leaves its
//! receiver unchanged: merges and additions are all or nothing.
//!
//! # Features
//!
//! - `serde`: `Serialize` and `Deserialize` for every public data type. Deserialization validates:
//!   score 42, weight −3, a scale with crossed cut-points, an interval with lower > upper or an
//!   estimate with NPS 500 fail with this crate's message (see [Guarantees](#guarantees)).
//! - `csv`: the `export` module, a reader for survey exports in CSV (on the `csv` crate): a column
//!   mapping, the delimiter, period format and amount style decided per file, a summary that counts
//!   every row, errors that name file, line and column.
//! - `json`: JSON Lines exports in the `export` module too (on `serde_json`, keeping the digits of
//!   a JSON number as written); implies `csv`.
//! - `rayon`: `Tally::from_scores_par`, `Tally::grouped_par` and
//!   `WeightedTally::from_weighted_scores_par` (and their `_on` forms) split big slices across
//!   threads and merge the parts; the results equal the serial ones (weight sums within rounding).
//!
//! # Trademarks
//!
//! Net Promoter®, NPS® and Net Promoter Score® are registered trademarks of Bain & Company, Inc.,
//! Satmetrix Systems, Inc. (now NICE Systems) and Fred Reichheld. This crate is not affiliated with
//! or endorsed by them.

#![deny(missing_docs)]
// One audited `unsafe` block (run-time AVX2 dispatch in the counting kernel) is allowed locally.
#![deny(unsafe_code)]
#![warn(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::todo,
    clippy::unimplemented,
    rustdoc::broken_intra_doc_links
)]
// No panics on any input: no unchecked indexing, no casts that truncate or wrap, no `unreachable!`,
// and every `#[allow]` says why. Unit tests may index and unwrap.
#![warn(
    clippy::indexing_slicing,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    clippy::cast_possible_wrap,
    clippy::unreachable,
    clippy::get_unwrap,
    clippy::unwrap_in_result,
    clippy::panic_in_result_fn,
    clippy::allow_attributes_without_reason
)]
#![cfg_attr(
    test,
    allow(
        clippy::indexing_slicing,
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::panic_in_result_fn,
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_possible_wrap,
        reason = "tests fail loudly by design"
    )
)]

pub mod accounts;
pub mod analysis;
pub mod core;
mod error;
#[cfg(feature = "csv")]
pub mod export;
pub mod inference;
mod math;
pub mod tally;

pub use crate::accounts::AccountRollup;
pub use crate::analysis::{Breakdown, Trend};
pub use crate::core::{AccountId, Category, Confidence, Month, Quarter, Response, Scale, Score, Segment};
pub use crate::error::{Error, Result};
pub use crate::inference::{Estimate, Interval, Method};
pub use crate::tally::{Tally, WeightedTally};
