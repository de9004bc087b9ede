//! Reading survey exports: a CSV (or JSON Lines) file from a survey tool or CRM into responses,
//! with nothing lost and nothing guessed per row (feature `csv`; JSON Lines with `json`).
//!
//! A [`Reader`] takes a small mapping — which column is the score, the account, the respondent,
//! the role, the period (labels or dates), the account value, the comment; every other column is
//! a segment unless ignored — and the file last. It returns a [`Export`]: the responses with the
//! line each came from, the account values ready for
//! [`AccountRollupBuilder::values`](crate::accounts::AccountRollupBuilder::values), and a
//! [`Summary`] that counts every row (answers, skipped empty scores, blank rows) and says how the
//! file was read (delimiter, [`PeriodFormat`], [`AmountStyle`]). A cell that cannot be read fails
//! the whole read with an [`Error::Export`](crate::Error::Export) that names the file, the line,
//! the column and the text; [`Export::locate`] does the same for errors that the analyses find
//! later.
//!
//! ```
//! use nps_stats::{AccountRollup, Breakdown, core::Duplicates, export::Reader};
//!
//! let file = "How likely are you to recommend us?,Company,Contact,Submitted,ARR,Industry\n\
//!             9,007,ann,2026-07-15T10:30:00Z,\"1,250.50\",IT\n\
//!             3,7,bob,2026-08-01T09:00:00Z,\"2,000,000\",retail\n\
//!             10,7,bob,2026-10-02T09:00:00Z,\"2,000,000\",retail\n";
//! let export = Reader::new()
//!     .score("How likely are you to recommend us?")
//!     .account("Company")
//!     .respondent("Contact")
//!     .period("Submitted")
//!     .value("ARR")
//!     .segment("branch", "Industry")
//!     .read(file.as_bytes())?;
//! assert_eq!(export.summary.answers, 3);
//!
//! let rollup = AccountRollup::builder()
//!     .values(&export.values)
//!     .duplicates(Duplicates::LatestPerRespondent)
//!     .run(&export.responses)?;
//! assert_eq!((rollup.accounts, rollup.responses), (2, 2)); // 007 and 7; bob's Q4 answer
//! let by_branch = Breakdown::builder().by_dimension(&export.responses, "branch")?;
//! assert_eq!(by_branch.repeated, 1); // bob twice: said, not hidden
//! # Ok::<(), nps_stats::Error>(())
//! ```

pub(crate) mod amounts;
pub(crate) mod csv_source;
pub(crate) mod dates;
#[cfg(feature = "json")]
pub(crate) mod json_source;
pub(crate) mod names;
pub(crate) mod read;
pub(crate) mod reader;
pub(crate) mod rows;
pub(crate) mod settings;
pub(crate) mod summary;

pub use self::amounts::AmountStyle;
pub use self::dates::PeriodFormat;
pub use self::names::ColumnNames;
pub use self::read::Export;
pub use self::reader::Reader;
pub use self::settings::{EmptyScore, Format, Periods};
pub use self::summary::{Columns, Summary};
