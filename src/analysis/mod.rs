//! Analysis.

pub(crate) mod breakdown;
pub(crate) mod breakdown_builder;
pub(crate) mod change;
pub(crate) mod mix_shift;
pub(crate) mod settings;
pub(crate) mod suppression;
pub(crate) mod trend;
pub(crate) mod trend_builder;
pub(crate) mod unit;
pub(crate) mod windows;

pub use self::breakdown::{Breakdown, SegmentRow};
pub use self::breakdown_builder::BreakdownBuilder;
pub use self::change::{Change, compare_repeated, compare_repeated_on};
pub use self::mix_shift::{MixShift, MixShiftSegment, mix_shift, mix_shift_by};
pub use self::settings::DEFAULT_MIN_SAMPLE;
pub use self::suppression::Suppression;
pub use self::trend::{Trend, TrendPoint};
pub use self::trend_builder::TrendBuilder;
pub use self::unit::Unit;
pub use self::windows::Window;
