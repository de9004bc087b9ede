//! Private numerics: normal and t quantiles, the incomplete beta function, quadrature, root finding,
//! compensated sums, midranks and the seeded generator. Nothing here is public; the wings above name these
//! files directly.

pub(crate) mod compensated;
pub(crate) mod incomplete_beta;
#[allow(clippy::excessive_precision, reason = "the published coefficients, digit for digit")]
pub(crate) mod normal;
pub(crate) mod quadrature;
pub(crate) mod ranks;
pub(crate) mod rng;
pub(crate) mod root;
pub(crate) mod t_quantile;
pub(crate) mod t_tail;
