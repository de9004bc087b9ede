//! Midranks: the ranks of a sample with ties sharing the mean of their ranks.

/// The 1-based midranks of `values` (finite numbers): tied values get the mean of the ranks they
/// occupy, as R's `rank(x)` (`ties.method = "average"`) gives them.
pub(crate) fn midranks(values: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    let value = |i: usize| values.get(i).copied().unwrap_or(f64::NAN);
    order.sort_by(|&a, &b| value(a).total_cmp(&value(b)));
    let mut ranks = vec![0.0; values.len()];
    let mut start = 0;
    while start < order.len() {
        let first = order.get(start).map_or(f64::NAN, |&i| value(i));
        let mut end = start + 1;
        while order.get(end).is_some_and(|&i| value(i) == first) {
            end += 1;
        }
        // Positions start..end (0-based) hold ranks start + 1 ..= end: their mean is (start + 1 + end)/2.
        let mean = (start + 1 + end) as f64 / 2.0;
        for &i in order.get(start..end).unwrap_or(&[]) {
            if let Some(rank) = ranks.get_mut(i) {
                *rank = mean;
            }
        }
        start = end;
    }
    ranks
}

#[cfg(test)]
mod tests {
    use super::midranks;

    #[test]
    fn ties_share_the_mean_rank() {
        // R: rank(c(7, 3, 7, 10, 3, 7)) gives 4 1.5 4 6 1.5 4.
        assert_eq!(midranks(&[7.0, 3.0, 7.0, 10.0, 3.0, 7.0]), [4.0, 1.5, 4.0, 6.0, 1.5, 4.0]);
        assert_eq!(midranks(&[]), Vec::<f64>::new());
        assert_eq!(midranks(&[2.5]), [1.0]);
    }
}
