//! Compensated summation for weights.

/// A running sum of `f64` that carries the rounding error of each addition (Neumaier's variant of
/// Kahan summation), so that 10⁸ small weights beside a few huge ones keep their contribution.
///
/// Source: A. Neumaier (1974), "Rundungsfehleranalyse einiger Verfahren zur Summation endlicher
/// Summen", *ZAMM* 54(1):39–51.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct CompensatedSum {
    sum: f64,
    compensation: f64,
}

impl CompensatedSum {
    /// A sum that starts at `value`.
    pub(crate) const fn from_value(value: f64) -> CompensatedSum {
        CompensatedSum { sum: value, compensation: 0.0 }
    }

    /// The sum with `x` added.
    #[must_use]
    pub(crate) fn plus(self, x: f64) -> CompensatedSum {
        let sum = self.sum + x;
        let lost = if self.sum.abs() >= x.abs() { (self.sum - sum) + x } else { (x - sum) + self.sum };
        CompensatedSum { sum, compensation: self.compensation + lost }
    }

    /// The sum with another compensated sum added.
    #[must_use]
    pub(crate) fn plus_sum(self, other: CompensatedSum) -> CompensatedSum {
        self.plus(other.sum).plus(other.compensation)
    }

    /// The best `f64` value of the sum.
    pub(crate) fn value(self) -> f64 {
        self.sum + self.compensation
    }
}

impl PartialEq for CompensatedSum {
    /// Equal when the values are equal, however the rounding error was split.
    fn eq(&self, other: &CompensatedSum) -> bool {
        self.value() == other.value()
    }
}

#[cfg(test)]
mod tests {
    use super::CompensatedSum;

    #[test]
    fn keeps_small_terms_beside_a_huge_one() {
        // 1e16 + 1 + 1 + ... (1000 ones) - 1e16 = 1000 exactly; naive f64 summation gives 0,
        // because 1e16 + 1 rounds back to 1e16 (the spacing of doubles there is 2).
        let mut sum = CompensatedSum::default().plus(1e16);
        let mut naive = 1e16_f64;
        for _ in 0..1000 {
            sum = sum.plus(1.0);
            naive += 1.0;
        }
        sum = sum.plus(-1e16);
        naive -= 1e16;
        assert_eq!(sum.value(), 1000.0);
        assert_eq!(naive, 0.0);
    }
}
