//! Seeded randomness for the resampling methods.
#![allow(dead_code, unused_imports, reason = "used by the bootstrap methods as they land")]
//!
//! Every randomized method takes a `u64` seed and draws from this generator, so the same input and
//! seed give the same bits on every platform and in every release that does not announce a change.

pub(crate) use rand::{Rng, RngExt};
pub(crate) use rand_distr::Distribution;

/// The generator: xoshiro256++ (Blackman & Vigna 2021, "Scrambled linear pseudorandom number
/// generators", *ACM TOMS* 47(4)), seeded through SplitMix64 as its authors recommend.
pub(crate) type SeededRng = rand_xoshiro::Xoshiro256PlusPlus;

/// A generator seeded from `seed`.
pub(crate) fn seeded(seed: u64) -> SeededRng {
    use rand::SeedableRng;
    SeededRng::seed_from_u64(seed)
}
