//! Words and numbers as the crate's tables print them.

/// A p-value as a table shows it: `0.0123`, or `<0.0001` below what four decimals can show.
pub(crate) fn p_value(p: f64) -> String {
    if p < 0.000_05 { "<0.0001".to_owned() } else { format!("{p:.4}") }
}

/// `p = 0.0123` or `p < 0.0001`.
pub(crate) fn p_equals(p: f64) -> String {
    let value = p_value(p);
    match value.strip_prefix('<') {
        Some(bound) => format!("p < {bound}"),
        None => format!("p = {value}"),
    }
}

/// `1 detractor`, `2 detractors`, `0 detractors`.
pub(crate) fn count_of(n: u64, singular: &str, plural: &str) -> String {
    if n == 1 { format!("1 {singular}") } else { format!("{n} {plural}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn p_values_never_print_as_zero() {
        assert_eq!(p_equals(0.0), "p < 0.0001");
        assert_eq!(p_equals(0.000_049), "p < 0.0001");
        assert_eq!(p_equals(0.000_05), "p = 0.0001");
        assert_eq!(p_equals(0.2037), "p = 0.2037");
        assert_eq!(p_value(1.0), "1.0000");
    }

    #[test]
    fn counts_agree_with_their_noun() {
        assert_eq!(count_of(1, "detractor", "detractors"), "1 detractor");
        assert_eq!(count_of(0, "detractor", "detractors"), "0 detractors");
        assert_eq!(count_of(2, "passive", "passives"), "2 passives");
    }
}
