//! Settings that every analysis shares.

/// The default minimum sample size for a trend point or segment to be reported with confidence:
/// below 30 answers the worst-case 95 % margin of error exceeds ±36 points (METHODS §7:
/// 1.96·√(1/30) = 0.358).
pub const DEFAULT_MIN_SAMPLE: u64 = 30;
