//! Paired and partial-overlap comparisons: reference values from
//! tests/data/segments_trend_reference.py (independent Python) and METHODS §5.2.

use nps_stats::{
    Category, Confidence, Method, Response, Score,
    analysis::{Unit, compare_repeated},
    inference::{Samples, Transitions, compare_independent, compare_paired},
};

const P: Category = Category::Promoter;
const A: Category = Category::Passive;
const D: Category = Category::Detractor;

/// p-values agree with scipy to about 1e-11: the crate's normal tail (statrs' erfc) differs from an
/// mpmath computation by up to 1.1e-11 at these z values, scipy's by less than 1e-16.
const P_TOLERANCE: f64 = 1e-10;

fn close(got: f64, want: f64, tolerance: f64) {
    assert!((got - want).abs() <= tolerance, "got {got}, want {want}");
}

/// A transition table given in (P, A, D) order, rows before, columns after.
fn table(rows: [[u64; 3]; 3]) -> Transitions {
    let mut moves = Transitions::new();
    for (before, row) in [P, A, D].into_iter().zip(rows) {
        for (after, count) in [P, A, D].into_iter().zip(row) {
            moves.add_count(before, after, count).unwrap();
        }
    }
    moves
}

/// Responses of the respondents of a transition table, one id per respondent.
fn panel(rows: [[u64; 3]; 3]) -> (Vec<Response>, Vec<Response>) {
    let score = |c: Category| {
        Score::try_from(match c {
            Category::Promoter => 10,
            Category::Passive => 8,
            Category::Detractor => 3,
        })
        .unwrap()
    };
    let (mut before, mut after) = (Vec::new(), Vec::new());
    let mut id = 0;
    for (b, row) in [P, A, D].into_iter().zip(rows) {
        for (a, count) in [P, A, D].into_iter().zip(row) {
            for _ in 0..count {
                id += 1;
                before.push(Response::new(score(b)).with_respondent(format!("r{id}")));
                after.push(Response::new(score(a)).with_respondent(format!("r{id}")));
            }
        }
    }
    (before, after)
}

#[test]
fn methods_section_5_2_reference() {
    // METHODS §5.2: Δ = 0.06, SE = 0.0745922248, z = 0.8043733803, p = 0.4211813700,
    // 95 % CI [−0.0861980741, 0.2061980741]; reproduced by the Python script.
    let rows = [[40, 7, 3], [10, 15, 5], [4, 6, 10]];
    let cmp = compare_paired(&table(rows), Confidence::NINETY_FIVE).unwrap();
    close(cmp.difference, 6.0, 1e-9);
    close(cmp.std_error, 7.459222479588607, 1e-9);
    close(cmp.statistic, 0.804373380257578, 1e-9);
    close(cmp.p_value, 0.4211813700406133, P_TOLERANCE);
    close(cmp.interval.lower, -8.619807412665228, 1e-8);
    close(cmp.interval.upper, 20.619807412665228, 1e-8);
    assert_eq!(cmp.samples, Samples::Paired);
    assert_eq!(cmp.degrees_of_freedom, None);

    // The same panel as responses: the paired test applies; the independent one is reported beside
    // it (METHODS: SE 0.1095627674 when treated as independent).
    let (before, after) = panel(rows);
    let change =
        compare_repeated(&before, &after, Unit::Respondent, Method::Wald, Confidence::NINETY_FIVE).unwrap();
    assert_eq!(change.applies, Samples::Paired);
    assert_eq!((change.shared_units, change.units_before, change.units_after), (100, 100, 100));
    // Summed per respondent instead of per cell: equal up to rounding.
    let paired = change.paired.as_ref().unwrap();
    close(paired.std_error, cmp.std_error, 1e-12);
    close(paired.p_value, cmp.p_value, 1e-12);
    assert_eq!(paired.samples, Samples::Paired);
    let independent = change.independent.as_ref().unwrap();
    close(independent.std_error, 10.956276739841869, 1e-9);
    assert_eq!(independent.samples, Samples::Independent);
    assert_eq!(change.applicable(), Some(paired));
}

#[test]
fn paired_detects_what_the_independent_test_misses() {
    // Python: paired p = 0.000532, independent Wald p = 0.2153, adjusted Wald p = 0.2265.
    let rows = [[20, 0, 0], [6, 20, 0], [0, 4, 10]];
    let paired = compare_paired(&table(rows), Confidence::NINETY_FIVE).unwrap();
    close(paired.difference, 16.666666666666664, 1e-9);
    close(paired.std_error, 4.811252243246882, 1e-9);
    close(paired.p_value, 0.0005320055051392492, P_TOLERANCE);
    assert!(paired.p_value < 0.05);

    let (before, after) = panel(rows);
    for (method, p) in [(Method::Wald, 0.21531692874174313), (Method::AdjustedWald, 0.2264954414549566)] {
        let change =
            compare_repeated(&before, &after, Unit::Respondent, method, Confidence::NINETY_FIVE).unwrap();
        let independent = change.independent.as_ref().unwrap();
        close(independent.p_value, p, P_TOLERANCE);
        assert!(independent.p_value > 0.05);
        assert!(change.applicable().unwrap().p_value < 0.05);
    }
    // The same answers as two anonymous samples: nothing can be paired.
    let strip = |rs: &[Response]| rs.iter().map(|r| Response::new(r.score())).collect::<Vec<_>>();
    let anonymous = compare_repeated(
        &strip(&before),
        &strip(&after),
        Unit::Respondent,
        Method::Wald,
        Confidence::NINETY_FIVE,
    )
    .unwrap();
    assert!(anonymous.paired.is_none());
    assert_eq!(anonymous.applies, Samples::Independent);
}

#[test]
fn partial_overlap_linearization() {
    // a..h: four respondents answered twice, two only before, two only after. Python: Δ = 83.33,
    // SE = 39.0868, z = 2.1320, p = 0.033006.
    let r = |who: &str, score: u8| Response::new(Score::try_from(score).unwrap()).with_respondent(who);
    let before = [r("a", 7), r("b", 3), r("c", 10), r("d", 2), r("f", 8), r("g", 6)];
    let after = [r("a", 9), r("b", 7), r("c", 10), r("e", 9), r("f", 3), r("h", 10)];
    let change =
        compare_repeated(&before, &after, Unit::Respondent, Method::Wald, Confidence::NINETY_FIVE).unwrap();
    assert_eq!(change.applies, Samples::Overlapping);
    assert_eq!((change.shared_units, change.units_before, change.units_after), (4, 6, 6));
    let paired = change.paired.as_ref().unwrap();
    close(paired.difference, 83.33333333333333, 1e-9);
    close(paired.std_error, 39.08679799852858, 1e-9);
    close(paired.statistic, 2.132007163556104, 1e-9);
    close(paired.p_value, 0.03300625766123253, P_TOLERANCE);
    close(change.difference, 83.33333333333333, 1e-9);
}

#[test]
fn linearization_reduces_to_the_independent_wald_test_for_disjoint_samples() {
    // Python: disjoint units give SE = 11.4017542510 = the unpooled Wald SE (METHODS §5.1).
    let mut moves = Vec::new();
    let mut id = 0;
    let mut add = |score: u8, count: usize, into_after: bool| {
        for _ in 0..count {
            id += 1;
            moves.push((
                Response::new(Score::try_from(score).unwrap()).with_respondent(format!("r{id}")),
                into_after,
            ));
        }
    };
    for (score, before_count, after_count) in [(10, 50, 40), (8, 30, 30), (3, 20, 30)] {
        add(score, before_count, false);
        add(score, after_count, true);
    }
    let before: Vec<Response> = moves.iter().filter(|(_, a)| !a).map(|(r, _)| r.clone()).collect();
    let after: Vec<Response> = moves.iter().filter(|(_, a)| *a).map(|(r, _)| r.clone()).collect();
    let change =
        compare_repeated(&before, &after, Unit::Respondent, Method::Wald, Confidence::NINETY_FIVE).unwrap();
    assert!(change.paired.is_none());
    let independent = change.independent.unwrap();
    close(independent.std_error, 11.401754250991361, 1e-9);
}

#[test]
fn accounts_as_clusters() {
    // X: before [P, A], after [P, P]; Y: before [D, D], after [A, D]; Z: before [A], after [A, P].
    // Python: Δ = 53.33, SE = 7.3232, p = 3.2705e-13.
    let r = |account: &str, score: u8| Response::new(Score::try_from(score).unwrap()).with_account(account);
    let before = [r("X", 10), r("X", 8), r("Y", 3), r("Y", 2), r("Z", 7)];
    let after = [r("X", 9), r("X", 10), r("Y", 8), r("Y", 0), r("Z", 7), r("Z", 9)];
    let change =
        compare_repeated(&before, &after, Unit::Account, Method::Wald, Confidence::NINETY_FIVE).unwrap();
    assert_eq!(change.applies, Samples::Paired);
    let paired = change.paired.as_ref().unwrap();
    close(paired.difference, 53.333333333333336, 1e-9);
    close(paired.std_error, 7.323225357015146, 1e-9);
    close(paired.p_value.ln(), 3.2704532284577797e-13f64.ln(), 1e-6);
    // By respondent there are no ids: nothing is paired.
    let by_respondent =
        compare_repeated(&before, &after, Unit::Respondent, Method::Wald, Confidence::NINETY_FIVE).unwrap();
    assert!(by_respondent.paired.is_none());
}

#[test]
fn an_unchanged_panel_has_no_evidence_of_change() {
    let cmp = compare_paired(&table([[5, 0, 0], [0, 3, 0], [0, 0, 2]]), Confidence::NINETY_FIVE).unwrap();
    assert_eq!((cmp.difference, cmp.std_error, cmp.statistic, cmp.p_value), (0.0, 0.0, 0.0, 1.0));
}

#[test]
fn empty_input_is_an_error() {
    assert!(compare_paired(&Transitions::new(), Confidence::NINETY_FIVE).is_err());
    let one = [Response::new(Score::MAX)];
    assert!(compare_repeated(&[], &one, Unit::Respondent, Method::Wald, Confidence::NINETY_FIVE).is_err());
    assert!(compare_repeated(&one, &[], Unit::Respondent, Method::Wald, Confidence::NINETY_FIVE).is_err());
}

#[test]
fn independent_part_equals_compare_independent() {
    let (before, after) = panel([[4, 1, 0], [2, 3, 1], [0, 2, 5]]);
    let change =
        compare_repeated(&before, &after, Unit::Respondent, Method::AdjustedWald, Confidence::NINETY_FIVE)
            .unwrap();
    let tally = |rs: &[Response]| rs.iter().map(Response::score).collect::<nps_stats::Tally>();
    let direct =
        compare_independent(&tally(&before), &tally(&after), Method::AdjustedWald, Confidence::NINETY_FIVE)
            .unwrap();
    assert_eq!(change.independent, Some(direct));
}

#[test]
fn equal_contacts_per_account_give_the_paired_test_on_account_means() {
    // Two contacts per account in both periods. Mean codings per account: X 0.5 → 1, Y −1 → −0.5,
    // Z 0.5 → 0.5, so d = (0.5, 0.5, 0): Δ = 1/3, plug-in σ̂_d² = (0.25 + 0.25)/3 − 1/9 = 1/18,
    // SE = √(1/18 / 3) = √(1/54) (by hand).
    let r = |account: &str, score: u8| Response::new(Score::try_from(score).unwrap()).with_account(account);
    let before = [r("X", 10), r("X", 8), r("Y", 3), r("Y", 2), r("Z", 7), r("Z", 9)];
    let after = [r("X", 9), r("X", 10), r("Y", 8), r("Y", 0), r("Z", 7), r("Z", 9)];
    let change =
        compare_repeated(&before, &after, Unit::Account, Method::Wald, Confidence::NINETY_FIVE).unwrap();
    let paired = change.paired.as_ref().unwrap();
    close(paired.difference, 100.0 / 3.0, 1e-9);
    close(paired.std_error, 100.0 * (1.0f64 / 54.0).sqrt(), 1e-9);
    assert_eq!(paired.samples, Samples::Paired);
}
