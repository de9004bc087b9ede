//! The typed core.

pub(crate) mod account_id;
pub(crate) mod category;
pub(crate) mod confidence;
pub(crate) mod period;
pub(crate) mod points;
pub(crate) mod response;
pub(crate) mod scale;
pub(crate) mod score;
pub(crate) mod segment;
pub(crate) mod text;

pub use self::account_id::AccountId;
pub use self::category::Category;
pub use self::confidence::Confidence;
pub use self::period::{Month, Quarter};
pub use self::points::Points;
pub use self::response::Response;
pub use self::scale::Scale;
pub use self::score::Score;
pub use self::segment::Segment;
