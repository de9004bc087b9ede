//! Exact sums of non-negative `f64` values, so that a weighted result never depends on how the rows
//! were split or in which order partial sums were merged.
//!
//! Floating-point addition is not associative: adding the same weights in another order, or in
//! partitions that are summed first and merged later, rounds differently. Compensated (Neumaier)
//! summation makes the error tiny but does not remove it, and a pair (sum, compensation) carried
//! through a merge is not order-independent either: the compensation terms are themselves added in
//! floating point, and the split between sum and compensation depends on the order. Only an exact
//! sum is. Every finite `f64` is an integer multiple of 2⁻¹⁰⁷⁴, so the sum of any number of them is
//! such a multiple too: [`ExactSum`] keeps that integer (a little-endian big integer of 64-bit
//! limbs), and rounds it once, correctly, when a value is needed. The result is then a function of
//! the multiset of weights alone: the same bits for any partitioning and any merge order.
//!
//! This is the superaccumulator of Kulisch & Miranker (1981), *Computer Arithmetic in Theory and
//! Practice*, kept sparse (only the limbs between the lowest and highest bit in use).

/// Bits below the exponent field of an `f64`.
const FRACTION: u64 = (1 << 52) - 1;

/// The implicit leading bit of a normal `f64`'s significand.
const HIDDEN: u64 = 1 << 52;

/// The exponent of bit 0 of the integer: 2⁻¹⁰⁷⁴ is the smallest positive `f64`.
const BIAS: i64 = 1074;

/// The significand (an integer below 2⁵³) and the absolute position of its lowest bit (in units of
/// 2⁻¹⁰⁷⁴) of a finite `f64` ≥ 0.
pub(crate) fn decompose(x: f64) -> (u64, u32) {
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as u32;
    if biased == 0 { (bits & FRACTION, 0) } else { ((bits & FRACTION) | HIDDEN, biased - 1) }
}

/// `x · 2^e`, exact when the result is a normal `f64` (or zero); it saturates to ∞ past `f64::MAX`.
pub(crate) fn scale_by_power_of_two(mut x: f64, mut e: i64) -> f64 {
    const STEP: i64 = 1000;
    let power = |e: i64| f64::from_bits(((e + 1023) as u64) << 52);
    while e > STEP {
        x *= power(STEP);
        e -= STEP;
    }
    while e < -STEP {
        x *= power(-STEP);
        e += STEP;
    }
    x * power(e)
}

/// An exact sum of finite non-negative `f64` values: Σ `limbs[i]` · 2^(64·(`low` + i) − 1074).
///
/// Canonical: neither end limb is zero (zero is no limbs at all), so two sums are equal exactly when
/// their values are.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct ExactSum {
    low: usize,
    limbs: Vec<u64>,
}

impl ExactSum {
    /// Adds `x`, a finite `f64` ≥ 0 (the caller checks; a negative or non-finite value is added as
    /// its bit pattern's magnitude, which is meaningless).
    pub(crate) fn add_f64(&mut self, x: f64) {
        let (significand, position) = decompose(x);
        self.add_at(u128::from(significand), position as usize);
    }

    /// Adds `value` · 2^(`exponent`), where `exponent` ≥ −1074.
    pub(crate) fn add_scaled(&mut self, value: u128, exponent: i32) {
        let position = (i64::from(exponent) + BIAS).max(0) as usize;
        self.add_at(value, position);
    }

    /// Adds `value` shifted to the absolute bit `position`.
    fn add_at(&mut self, value: u128, position: usize) {
        if value == 0 {
            return;
        }
        let (limb, shift) = (position / 64, (position % 64) as u32);
        self.add_limbs(value << shift, limb);
        if shift > 0 {
            self.add_limbs(value >> (128 - shift), limb + 2);
        }
        self.normalize();
    }

    /// Adds a 128-bit value whose lowest bit is that of absolute limb `limb`.
    fn add_limbs(&mut self, value: u128, limb: usize) {
        if value == 0 {
            return;
        }
        if self.limbs.is_empty() {
            self.low = limb;
        } else if limb < self.low {
            let extra = self.low - limb;
            self.limbs.splice(0..0, std::iter::repeat_n(0, extra));
            self.low = limb;
        }
        let start = limb - self.low;
        if self.limbs.len() < start + 2 {
            self.limbs.resize(start + 2, 0);
        }
        let mut carry = false;
        for (offset, part) in [value as u64, (value >> 64) as u64].into_iter().enumerate() {
            if let Some(slot) = self.limbs.get_mut(start + offset) {
                let (sum, c1) = slot.overflowing_add(part);
                let (sum, c2) = sum.overflowing_add(u64::from(carry));
                *slot = sum;
                carry = c1 || c2;
            }
        }
        let mut index = start + 2;
        while carry {
            match self.limbs.get_mut(index) {
                Some(slot) => {
                    let (sum, c) = slot.overflowing_add(1);
                    *slot = sum;
                    carry = c;
                }
                None => {
                    self.limbs.push(1);
                    carry = false;
                }
            }
            index += 1;
        }
    }

    /// Adds another exact sum.
    pub(crate) fn add(&mut self, other: &ExactSum) {
        for (i, &limb) in other.limbs.iter().enumerate() {
            self.add_limbs(u128::from(limb), other.low + i);
        }
        self.normalize();
    }

    /// Drops zero limbs at both ends.
    fn normalize(&mut self) {
        while self.limbs.last() == Some(&0) {
            self.limbs.pop();
        }
        let zeros = self.limbs.iter().take_while(|&&limb| limb == 0).count();
        if zeros > 0 {
            self.limbs.drain(..zeros);
            self.low += zeros;
        }
        if self.limbs.is_empty() {
            self.low = 0;
        }
    }

    /// The absolute position of the highest set bit; `None` for zero.
    fn top_bit(&self) -> Option<usize> {
        let top = self.limbs.last()?;
        Some(64 * (self.low + self.limbs.len() - 1) + 63 - top.leading_zeros() as usize)
    }

    /// The limb at absolute index `index` (zero outside the stored range).
    fn limb(&self, index: usize) -> u64 {
        index.checked_sub(self.low).and_then(|i| self.limbs.get(i)).copied().unwrap_or(0)
    }

    /// The 64 bits starting at absolute bit `start` (bits below 0 are zero).
    fn bits_from(&self, start: i64) -> u64 {
        let word = start.div_euclid(64);
        let shift = start.rem_euclid(64) as u32;
        let limb = |i: i64| usize::try_from(i).map_or(0, |i| self.limb(i));
        let low = limb(word) >> shift;
        if shift == 0 { low } else { low | (limb(word + 1) << (64 - shift)) }
    }

    /// Whether any bit below absolute bit `end` is set.
    fn any_below(&self, end: i64) -> bool {
        let Ok(end) = usize::try_from(end) else {
            return false;
        };
        let (word, shift) = (end / 64, end % 64);
        (self.low..word).any(|i| self.limb(i) != 0)
            || (shift > 0 && self.limb(word) & ((1u64 << shift) - 1) != 0)
    }

    /// The sum rounded once to the nearest `f64` (ties to even); `f64::INFINITY` when it is too
    /// large. Correct for every sum at or above 2⁻¹⁰²² (the smallest normal `f64`), which covers
    /// every sum of valid weights.
    pub(crate) fn value(&self) -> f64 {
        let Some(top) = self.top_bit() else {
            return 0.0;
        };
        // The 128 bits down from the highest set bit, with every lower bit folded into the lowest
        // (a sticky bit): rounding this to 53 bits rounds the whole sum correctly.
        let start = top as i64 - 127;
        let window = (u128::from(self.bits_from(start + 64)) << 64) | u128::from(self.bits_from(start));
        let sticky = u128::from(self.any_below(start));
        scale_by_power_of_two((window | sticky) as f64, start - BIAS)
    }

    /// `self − other`, rounded once to the nearest `f64`.
    pub(crate) fn difference(&self, other: &ExactSum) -> f64 {
        match self.compare(other) {
            std::cmp::Ordering::Equal => 0.0,
            std::cmp::Ordering::Greater => self.minus(other).value(),
            std::cmp::Ordering::Less => -other.minus(self).value(),
        }
    }

    fn compare(&self, other: &ExactSum) -> std::cmp::Ordering {
        match (self.top_bit(), other.top_bit()) {
            (None, None) => std::cmp::Ordering::Equal,
            (None, Some(_)) => std::cmp::Ordering::Less,
            (Some(_), None) => std::cmp::Ordering::Greater,
            (Some(a), Some(b)) if a != b => a.cmp(&b),
            (Some(a), Some(_)) => {
                let lowest = self.low.min(other.low);
                for index in (lowest..=a / 64).rev() {
                    let ordering = self.limb(index).cmp(&other.limb(index));
                    if ordering.is_ne() {
                        return ordering;
                    }
                }
                std::cmp::Ordering::Equal
            }
        }
    }

    /// `self − other` for `self` ≥ `other`.
    fn minus(&self, other: &ExactSum) -> ExactSum {
        let low = self.low.min(other.low);
        let high = self.low + self.limbs.len();
        let mut limbs = Vec::with_capacity(high - low);
        let mut borrow = false;
        for index in low..high {
            let (d, b1) = self.limb(index).overflowing_sub(other.limb(index));
            let (d, b2) = d.overflowing_sub(u64::from(borrow));
            limbs.push(d);
            borrow = b1 || b2;
        }
        let mut difference = ExactSum { low, limbs };
        difference.normalize();
        difference
    }

    /// The sum as non-overlapping `f64` parts whose exact sum it is, most significant first: each
    /// part is a 32-bit slice of the integer, so it is exactly representable. Parts are what the
    /// partial state carries between processes.
    pub(crate) fn parts(&self, out: &mut Vec<f64>) {
        for (i, &limb) in self.limbs.iter().enumerate().rev() {
            let base = 64 * (self.low + i) as i64 - BIAS;
            for (half, offset) in [((limb >> 32) as u32, 32), (limb as u32, 0)] {
                if half != 0 {
                    out.push(scale_by_power_of_two(f64::from(half), base + offset));
                }
            }
        }
    }
}

/// The parts of `value` · 2^`exponent` (`value` < 2¹²⁸), as in [`ExactSum::parts`].
pub(crate) fn scaled_parts(value: u128, exponent: i32, out: &mut Vec<f64>) {
    for k in (0..4).rev() {
        let slice = (value >> (32 * k)) as u32;
        if slice != 0 {
            out.push(scale_by_power_of_two(f64::from(slice), i64::from(exponent) + 32 * k));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sum_of(values: &[f64]) -> ExactSum {
        let mut sum = ExactSum::default();
        for &value in values {
            sum.add_f64(value);
        }
        sum
    }

    #[test]
    fn small_terms_beside_huge_ones_are_kept() {
        // 2^60 + 1 + ... (1000 ones) − 2^60 = 1000: the big terms cancel exactly.
        let mut values = vec![2f64.powi(60)];
        values.extend(std::iter::repeat_n(1.0, 1000));
        let big = sum_of(&[2f64.powi(60)]);
        assert_eq!(sum_of(&values).difference(&big), 1000.0);
        assert_eq!(sum_of(&values).value(), 2f64.powi(60) + 1024.0); // correctly rounded: 2^60 + 1000 → +1024
    }

    #[test]
    fn the_order_of_additions_does_not_matter() {
        let values: Vec<f64> = (1..2000).map(|i| 1.0 / f64::from(i) + 1e10 * f64::from(i % 7)).collect();
        let forward = sum_of(&values);
        let mut reversed: Vec<f64> = values.clone();
        reversed.reverse();
        assert_eq!(forward, sum_of(&reversed));
        // In two halves merged either way.
        let (a, b) = values.split_at(777);
        let (mut left, right) = (sum_of(a), sum_of(b));
        let mut other = right.clone();
        left.add(&right);
        other.add(&sum_of(a));
        assert_eq!(left, forward);
        assert_eq!(other, forward);
        // Plain f64 summation does depend on the order here.
        let naive_forward: f64 = values.iter().sum();
        let naive_reversed: f64 = reversed.iter().sum();
        assert_ne!(naive_forward, naive_reversed);
    }

    #[test]
    fn rounding_is_to_nearest_even() {
        // 1 + 2^-53 is a tie between 1 and 1 + 2^-52: even is 1; a bit more rounds up.
        assert_eq!(sum_of(&[1.0, 2f64.powi(-53)]).value(), 1.0);
        assert_eq!(sum_of(&[1.0, 2f64.powi(-53), 2f64.powi(-200)]).value(), 1.0 + 2f64.powi(-52));
        assert_eq!(sum_of(&[0.1, 0.2]).value(), 0.30000000000000004);
        assert_eq!(sum_of(&[f64::MAX, f64::MAX]).value(), f64::INFINITY);
        assert_eq!(sum_of(&[]).value(), 0.0);
    }

    #[test]
    fn parts_add_up_to_the_sum() {
        let sum = sum_of(&[1e300, 3.5, 2f64.powi(-500), 123_456.789]);
        let mut parts = Vec::new();
        sum.parts(&mut parts);
        assert_eq!(sum_of(&parts), sum);
        let mut scaled = Vec::new();
        scaled_parts(u128::MAX >> 3, -60, &mut scaled);
        let mut direct = ExactSum::default();
        direct.add_scaled(u128::MAX >> 3, -60);
        assert_eq!(sum_of(&scaled), direct);
    }

    #[test]
    fn differences_round_once() {
        let a = sum_of(&[1e16, 1.0, 1.0]);
        let b = sum_of(&[1e16]);
        assert_eq!(a.difference(&b), 2.0);
        assert_eq!(b.difference(&a), -2.0);
        assert_eq!(a.difference(&a), 0.0);
    }
}
