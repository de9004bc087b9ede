//! One survey answer with who gave it and where it belongs.

use std::collections::BTreeMap;

use crate::core::AccountId;
use crate::core::Score;
use crate::core::Segment;

/// One answer to the recommend question, with what is known about who gave it.
///
/// Only the score is required. The rest is optional context that the analyses use: the respondent (to
/// find repeated answers), the account (to roll contacts up to companies), the role (decision maker,
/// influencer, end user), the period label (`2026-Q3`), a free-text comment, and any number of
/// segment labels (`branch`, `region`, `tier`, …).
///
/// Build one with [`Response::new`] and the `with_*` methods. With the `serde` feature a survey
/// export deserializes straight into `Vec<Response>`: the columns `score`, `respondent`, `account`,
/// `role`, `period` and `comment` fill the fields of the same names (an empty cell is "not given"),
/// and every other column becomes a segment dimension of that name.
///
/// # Examples
///
/// ```
/// use nps_stats::{Category, Response, Score};
///
/// let answer = Response::new(Score::try_from(4)?)
///     .with_account("ACME")
///     .with_respondent("jane@acme.example")
///     .with_role("decision maker")
///     .with_period("2026-Q3")
///     .with_comment("Invoices are late every month.")
///     .with_segment("branch", "staffing");
///
/// assert_eq!(answer.category(), Category::Detractor);
/// assert_eq!(answer.account().map(|a| a.as_str()), Some("ACME"));
/// assert_eq!(answer.role(), Some("decision maker"));
/// assert_eq!(answer.segment("branch"), Some("staffing"));
/// assert_eq!(answer.segment("region"), None);
/// # Ok::<(), nps_stats::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Response {
    score: Score,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "serde_text::optional")
    )]
    respondent: Option<String>,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "serde_text::optional")
    )]
    account: Option<AccountId>,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "serde_text::optional")
    )]
    role: Option<String>,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "serde_text::optional")
    )]
    period: Option<String>,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "serde_text::optional")
    )]
    comment: Option<String>,
    #[cfg_attr(feature = "serde", serde(flatten, deserialize_with = "serde_text::segments"))]
    segments: BTreeMap<String, String>,
}

impl Response {
    /// An answer with a score and nothing else known.
    ///
    /// ```
    /// use nps_stats::{Response, Score};
    /// let answer = Response::new(Score::MAX);
    /// assert_eq!(answer.score(), Score::MAX);
    /// assert_eq!(answer.account(), None);
    /// ```
    pub fn new(score: Score) -> Response {
        Response {
            score,
            respondent: None,
            account: None,
            role: None,
            period: None,
            comment: None,
            segments: BTreeMap::new(),
        }
    }

    /// Sets who answered (an email, a contact id): used to find repeated answers.
    ///
    /// ```
    /// use nps_stats::{Response, Score};
    /// let answer = Response::new(Score::MAX).with_respondent("c-42");
    /// assert_eq!(answer.respondent(), Some("c-42"));
    /// ```
    #[must_use]
    pub fn with_respondent(mut self, respondent: impl Into<String>) -> Response {
        self.respondent = Some(respondent.into());
        self
    }

    /// Sets the account (customer company) the respondent belongs to.
    ///
    /// ```
    /// use nps_stats::{AccountId, Response, Score};
    /// let answer = Response::new(Score::MAX).with_account("ACME");
    /// assert_eq!(answer.account(), Some(&AccountId::from("ACME")));
    /// ```
    #[must_use]
    pub fn with_account(mut self, account: impl Into<AccountId>) -> Response {
        self.account = Some(account.into());
        self
    }

    /// Sets the respondent's role, for example `"decision maker"`, `"influencer"` or `"end user"`.
    ///
    /// ```
    /// use nps_stats::{Response, Score};
    /// let answer = Response::new(Score::MAX).with_role("influencer");
    /// assert_eq!(answer.role(), Some("influencer"));
    /// ```
    #[must_use]
    pub fn with_role(mut self, role: impl Into<String>) -> Response {
        self.role = Some(role.into());
        self
    }

    /// Sets the period label, for example `"2026-Q3"` or `"2026-07"`.
    ///
    /// ```
    /// use nps_stats::{Response, Score};
    /// let answer = Response::new(Score::MAX).with_period("2026-Q3");
    /// assert_eq!(answer.period(), Some("2026-Q3"));
    /// ```
    #[must_use]
    pub fn with_period(mut self, period: impl Into<String>) -> Response {
        self.period = Some(period.into());
        self
    }

    /// Sets the free-text comment that came with the score.
    ///
    /// ```
    /// use nps_stats::{Response, Score};
    /// let answer = Response::new(Score::MAX).with_comment("Great support");
    /// assert_eq!(answer.comment(), Some("Great support"));
    /// ```
    #[must_use]
    pub fn with_comment(mut self, comment: impl Into<String>) -> Response {
        self.comment = Some(comment.into());
        self
    }

    /// Adds (or replaces) the value of a segment dimension, for example `("branch", "staffing")`.
    ///
    /// ```
    /// use nps_stats::{Response, Score};
    /// let answer = Response::new(Score::MAX)
    ///     .with_segment("region", "DACH")
    ///     .with_segment("region", "Benelux");
    /// assert_eq!(answer.segment("region"), Some("Benelux"));
    /// ```
    #[must_use]
    pub fn with_segment(mut self, dimension: impl Into<String>, value: impl Into<String>) -> Response {
        self.segments.insert(dimension.into(), value.into());
        self
    }

    /// The score.
    ///
    /// ```
    /// use nps_stats::{Response, Score};
    /// assert_eq!(Response::new(Score::MIN).score(), Score::MIN);
    /// ```
    pub fn score(&self) -> Score {
        self.score
    }

    /// The category of the score on the standard scale; for another scale use
    /// [`Score::category_on`] with [`Response::score`].
    ///
    /// ```
    /// use nps_stats::{Category, Response, Score};
    /// assert_eq!(Response::new(Score::MAX).category(), Category::Promoter);
    /// ```
    pub fn category(&self) -> crate::core::Category {
        self.score.category()
    }

    /// Who answered, if known.
    ///
    /// ```
    /// use nps_stats::{Response, Score};
    /// assert_eq!(Response::new(Score::MAX).respondent(), None);
    /// ```
    pub fn respondent(&self) -> Option<&str> {
        self.respondent.as_deref()
    }

    /// The account the respondent belongs to, if known.
    ///
    /// ```
    /// use nps_stats::{Response, Score};
    /// let answer = Response::new(Score::MAX).with_account("ACME");
    /// assert_eq!(answer.account().map(|a| a.as_str()), Some("ACME"));
    /// ```
    pub fn account(&self) -> Option<&AccountId> {
        self.account.as_ref()
    }

    /// The respondent's role, if known.
    ///
    /// ```
    /// use nps_stats::{Response, Score};
    /// assert_eq!(Response::new(Score::MAX).role(), None);
    /// ```
    pub fn role(&self) -> Option<&str> {
        self.role.as_deref()
    }

    /// The period label, if known.
    ///
    /// ```
    /// use nps_stats::{Response, Score};
    /// assert_eq!(Response::new(Score::MAX).with_period("2026-Q1").period(), Some("2026-Q1"));
    /// ```
    pub fn period(&self) -> Option<&str> {
        self.period.as_deref()
    }

    /// The free-text comment, if any.
    ///
    /// ```
    /// use nps_stats::{Response, Score};
    /// assert_eq!(Response::new(Score::MAX).comment(), None);
    /// ```
    pub fn comment(&self) -> Option<&str> {
        self.comment.as_deref()
    }

    /// The value of a dimension for this answer, if it has one.
    ///
    /// Segment labels are looked up first; the names `"role"`, `"period"`, `"account"` and
    /// `"respondent"` then fall back to the fields of the same name, so a breakdown "by role" works
    /// whether the role came from its own column or a segment label.
    ///
    /// ```
    /// use nps_stats::{Response, Score};
    /// let answer = Response::new(Score::MAX).with_role("end user").with_segment("tier", "gold");
    /// assert_eq!(answer.segment("tier"), Some("gold"));
    /// assert_eq!(answer.segment("role"), Some("end user"));
    /// assert_eq!(answer.segment("region"), None);
    /// ```
    pub fn segment(&self, dimension: &str) -> Option<&str> {
        if let Some(value) = self.segments.get(dimension) {
            return Some(value);
        }
        match dimension {
            "role" => self.role(),
            "period" => self.period(),
            "account" => self.account().map(AccountId::as_str),
            "respondent" => self.respondent(),
            _ => None,
        }
    }

    /// Whether this answer belongs to `segment` (its dimension has that value).
    ///
    /// ```
    /// use nps_stats::{Response, Score, Segment};
    /// let answer = Response::new(Score::MAX).with_role("end user");
    /// assert!(answer.is_in(&Segment::new("role", "end user")));
    /// ```
    pub fn is_in(&self, segment: &Segment) -> bool {
        self.segment(segment.dimension()) == Some(segment.value())
    }

    /// The segment labels, ordered by dimension name (the dedicated fields are not included).
    ///
    /// ```
    /// use nps_stats::{Response, Score, Segment};
    /// let answer = Response::new(Score::MAX)
    ///     .with_segment("tier", "gold")
    ///     .with_segment("branch", "catering");
    /// let labels: Vec<Segment> = answer.segments().collect();
    /// assert_eq!(labels, [Segment::new("branch", "catering"), Segment::new("tier", "gold")]);
    /// ```
    pub fn segments(&self) -> impl Iterator<Item = Segment> + '_ {
        self.segments.iter().map(|(dimension, value)| Segment::new(dimension.clone(), value.clone()))
    }
}

#[cfg(feature = "serde")]
mod serde_text {
    //! Text fields as survey exports write them: an empty cell means "not given", and a segment cell
    //! that looks like a number is still a label.

    use core::fmt;
    use serde::Deserialize;
    use serde::de::{self, Deserializer, MapAccess, Visitor};
    use std::collections::BTreeMap;

    /// `None` for a missing, null or blank value; otherwise the text, converted.
    pub(super) fn optional<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
    where
        D: Deserializer<'de>,
        T: From<String>,
    {
        let text: Option<Label> = Option::deserialize(deserializer)?;
        Ok(text.and_then(|Label(text)| if text.trim().is_empty() { None } else { Some(T::from(text)) }))
    }

    /// Every remaining column as a segment label; blank cells are left out.
    pub(super) fn segments<'de, D>(deserializer: D) -> Result<BTreeMap<String, String>, D::Error>
    where
        D: Deserializer<'de>,
    {
        deserializer.deserialize_map(SegmentsVisitor)
    }

    struct SegmentsVisitor;

    impl<'de> Visitor<'de> for SegmentsVisitor {
        type Value = BTreeMap<String, String>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("segment labels as a map from dimension to value")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut segments = BTreeMap::new();
            while let Some((dimension, value)) = map.next_entry::<String, Option<Label>>()? {
                if let Some(Label(value)) = value
                    && !value.trim().is_empty()
                {
                    segments.insert(dimension, value);
                }
            }
            Ok(segments)
        }
    }

    /// A label that may arrive as text, a number or a boolean (CSV readers guess types).
    struct Label(String);

    impl<'de> Deserialize<'de> for Label {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Label, D::Error> {
            deserializer.deserialize_any(LabelVisitor)
        }
    }

    struct LabelVisitor;

    impl Visitor<'_> for LabelVisitor {
        type Value = Label;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a text label")
        }

        fn visit_str<E: de::Error>(self, text: &str) -> Result<Label, E> {
            Ok(Label(text.to_owned()))
        }

        fn visit_string<E: de::Error>(self, text: String) -> Result<Label, E> {
            Ok(Label(text))
        }

        fn visit_bool<E: de::Error>(self, value: bool) -> Result<Label, E> {
            Ok(Label(value.to_string()))
        }

        fn visit_i64<E: de::Error>(self, value: i64) -> Result<Label, E> {
            Ok(Label(value.to_string()))
        }

        fn visit_u64<E: de::Error>(self, value: u64) -> Result<Label, E> {
            Ok(Label(value.to_string()))
        }

        fn visit_f64<E: de::Error>(self, value: f64) -> Result<Label, E> {
            Ok(Label(value.to_string()))
        }
    }
}
