//! Mix-shift decomposition: the Simpson's-paradox reference (hand-checked and in
//! tests/data/segments_trend_reference.py) and segments that enter or leave.

use nps_stats::{Tally, analysis::mix_shift};

fn close(got: f64, want: f64) {
    assert!((got - want).abs() < 1e-9, "got {got}, want {want}");
}

/// `n` answers with `promoters` promoters and the rest passives.
fn segment(n: usize, promoters: usize) -> Tally {
    let mut scores = vec![10u8; promoters];
    scores.resize(n, 8);
    Tally::from_scores(&scores).unwrap()
}

#[test]
fn simpsons_paradox_both_segments_up_total_down() {
    // Period 1: A n = 50 at 0, B n = 50 at +60 → total 30. Period 2: A n = 90 at +10, B n = 10 at +70
    // → total 0.9·10 + 0.1·70 = 16. Change −14 = within +10 (A: 0.7·10 = 7, B: 0.3·10 = 3) + mix −24
    // (A: +0.4·(5 − 23) = −7.2, B: −0.4·(65 − 23) = −16.8).
    let shift = mix_shift(
        [("A", segment(50, 0)), ("B", segment(50, 30))],
        [("A", segment(90, 9)), ("B", segment(10, 7))],
    )
    .unwrap();
    close(shift.before, 30.0);
    close(shift.after, 16.0);
    close(shift.total_change, -14.0);
    close(shift.within, 10.0);
    close(shift.mix, -24.0);
    let [a, b] = &shift.segments[..] else { panic!("two segments") };
    assert_eq!((a.key, b.key), ("A", "B"));
    close(a.change.unwrap(), 10.0);
    close(b.change.unwrap(), 10.0);
    close(a.within, 7.0);
    close(b.within, 3.0);
    close(a.mix, -7.2);
    close(b.mix, -16.8);
    close(a.share_after, 0.9);
    let text = shift.to_string();
    assert!(text.contains("-14.0") && text.contains("+10.0") && text.contains("-24.0"), "{text}");
}

#[test]
fn entering_and_leaving_segments_are_all_mix() {
    // Before: old n = 10 at 0, stay n = 10 at +50. After: stay n = 10 at +50, new n = 30 at +100.
    let shift = mix_shift(
        [("old", segment(10, 0)), ("stay", segment(10, 5))],
        [("new", segment(30, 30)), ("stay", segment(10, 5))],
    )
    .unwrap();
    close(shift.before, 25.0);
    close(shift.after, 87.5);
    close(shift.within, 0.0);
    close(shift.mix, 62.5);
    let by_key = |k: &str| shift.segments.iter().find(|s| s.key == k).unwrap();
    // Average total 56.25. new: +0.75·(100 − 56.25); old: −0.5·(0 − 56.25); stay: −0.25·(50 − 56.25).
    close(by_key("new").mix, 0.75 * 43.75);
    close(by_key("old").mix, 0.5 * 56.25);
    close(by_key("stay").mix, 0.25 * 6.25);
    assert_eq!(by_key("new").change, None);
    assert_eq!(by_key("old").nps_after, None);
}

#[test]
fn empty_periods_and_mixed_scales_are_errors() {
    assert!(mix_shift::<&str>([], [("a", segment(1, 1))]).is_err());
    let dutch = Tally::from_scores_on(nps_stats::Scale::DUTCH, &[8]).unwrap();
    assert!(mix_shift([("a", segment(1, 1))], [("a", dutch)]).is_err());
}
