//! One survey answer with who gave it and where it belongs.

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
/// Build one with [`Response::new`] and the `with_*` methods. An empty (or blank) respondent or
/// account id is no id: `with_respondent("")` leaves the respondent unknown, so that answers with an
/// empty cell are never pooled under the key `""`.
///
/// # Reading exports with serde
///
/// With the `serde` feature a survey export deserializes straight into `Vec<Response>` (with the
/// `csv` crate, `serde_json`, or any format that hands over a map per record): the columns `score`,
/// `respondent`, `account`, `role`, `period` and `comment` fill the fields of the same names (an
/// empty or blank cell, or a `null`, is "not given"), and every other column becomes a segment
/// dimension of that name. A column that appears twice in one record is an error, not a silent
/// choice of one of them.
///
/// - Identifiers and labels arrive **exactly as written**: `007` stays `007` and `1e3` stays `1e3`,
///   because they are read as text, never as numbers (a CSV reader asked for "any value" guesses a
///   number in `007` and loses the zeros). A format that stores numbers as numbers (a JSON `7`)
///   no longer has the text as written (`1.10` and `1.1` are the same JSON number, and
///   `12345678901234567890123` arrives as `1.2345678901234568e22`), so an identifier or label
///   that is not text there is refused with a message; write it as a string, or read the file
///   with `nps_stats::export::Reader` (feature `json`), which keeps a number's digits.
/// - The score accepts `9`, `"9"`, `9.0` and `" 9 "`; it refuses `9.5`, `"nine"` and `11` with a
///   message that quotes the input as it arrived.
///
/// ```
/// # #[cfg(feature = "serde")] {
/// use nps_stats::Response;
///
/// let record = r#"{"score": "9.0", "account": "007", "respondent": "", "branch": "01234"}"#;
/// let answer: Response = serde_json::from_str(record)?;
/// assert_eq!(u8::from(answer.score()), 9);
/// assert_eq!(answer.account().map(|a| a.as_str()), Some("007"));
/// assert_eq!(answer.respondent(), None);
/// assert_eq!(answer.segment("branch"), Some("01234"));
///
/// let number = serde_json::from_str::<Response>(r#"{"score": 9, "account": 7}"#).unwrap_err();
/// assert!(number.to_string().contains("as text"));
/// let twice = serde_json::from_str::<Response>(r#"{"score": 9, "branch": "a", "branch": "b"}"#).unwrap_err();
/// assert!(twice.to_string().contains("'branch' appears twice"));
/// # }
/// # Ok::<(), serde_json::Error>(())
/// ```
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
pub struct Response {
    score: Score,
    respondent: Option<String>,
    account: Option<AccountId>,
    role: Option<String>,
    period: Option<String>,
    comment: Option<String>,
    /// Sorted by dimension, each dimension once. A sorted vector rather than a map: a response
    /// has a handful of segments, and a map's node would be most of its memory.
    segments: Vec<(String, String)>,
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
            segments: Vec::new(),
        }
    }

    /// Sets who answered (an email, a contact id), exactly as given: used to find repeated
    /// answers. An empty or blank id is no id: the respondent stays unknown.
    ///
    /// ```
    /// use nps_stats::{Response, Score};
    /// let answer = Response::new(Score::MAX).with_respondent("0042");
    /// assert_eq!(answer.respondent(), Some("0042"));
    /// assert_eq!(Response::new(Score::MAX).with_respondent("  ").respondent(), None);
    /// ```
    #[must_use]
    pub fn with_respondent(mut self, respondent: impl Into<String>) -> Response {
        let respondent = respondent.into();
        self.respondent = (!respondent.trim().is_empty()).then_some(respondent);
        self
    }

    /// Sets the account (customer company) the respondent belongs to, exactly as given. An empty or
    /// blank id is no id: the account stays unknown (and an account analysis names the response).
    ///
    /// ```
    /// use nps_stats::{AccountId, Response, Score};
    /// let answer = Response::new(Score::MAX).with_account("007");
    /// assert_eq!(answer.account(), Some(&AccountId::from("007")));
    /// assert_eq!(Response::new(Score::MAX).with_account("").account(), None);
    /// ```
    #[must_use]
    pub fn with_account(mut self, account: impl Into<AccountId>) -> Response {
        let account = account.into();
        self.account = (!account.as_str().trim().is_empty()).then_some(account);
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
        let (dimension, value) = (dimension.into(), value.into());
        match self.segments.binary_search_by(|(known, _)| known.as_str().cmp(&dimension)) {
            Ok(at) => {
                if let Some(slot) = self.segments.get_mut(at) {
                    slot.1 = value;
                }
            }
            Err(at) => self.segments.insert(at, (dimension, value)),
        }
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
        if let Some((_, value)) = self.segments.iter().find(|(known, _)| known == dimension) {
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
mod serde_impl {
    //! A response as one flat record: the fields by name, the segments as further columns. Written by
    //! hand rather than derived, because a derived `flatten` buffers every value as "any value",
    //! and CSV readers asked for "any value" guess numbers (`007` becomes 7).

    use core::fmt;
    use std::collections::HashSet;

    use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};
    use serde::ser::{self, SerializeMap, Serializer};
    use serde::{Deserialize, Serialize};

    use super::Response;
    use crate::core::{AccountId, Score};

    /// The columns that fill the fields of a response; every other column is a segment.
    const FIELDS: [&str; 6] = ["score", "respondent", "account", "role", "period", "comment"];

    impl Serialize for Response {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let text = [
                ("respondent", self.respondent.as_deref()),
                ("account", self.account.as_ref().map(AccountId::as_str)),
                ("role", self.role.as_deref()),
                ("period", self.period.as_deref()),
                ("comment", self.comment.as_deref()),
            ];
            let present = text.iter().filter(|(_, value)| value.is_some()).count();
            let mut map = serializer.serialize_map(Some(1 + present + self.segments.len()))?;
            map.serialize_entry("score", &self.score)?;
            for (name, value) in text {
                if let Some(value) = value {
                    map.serialize_entry(name, value)?;
                }
            }
            for (dimension, value) in &self.segments {
                if FIELDS.contains(&dimension.as_str()) {
                    return Err(ser::Error::custom(format!(
                        "the segment '{dimension}' has the name of a field of the response, so it cannot \
                         be written as a column of its own"
                    )));
                }
                map.serialize_entry(dimension, value)?;
            }
            map.end()
        }
    }

    impl<'de> Deserialize<'de> for Response {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Response, D::Error> {
            let human_readable = deserializer.is_human_readable();
            deserializer.deserialize_map(RecordVisitor { human_readable })
        }
    }

    struct RecordVisitor {
        human_readable: bool,
    }

    impl<'de> Visitor<'de> for RecordVisitor {
        type Value = Response;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a survey answer as a record of columns: score, respondent, account, … and segments")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Response, A::Error> {
            let mut score: Option<Score> = None;
            let mut text: [Option<Option<String>>; 5] = Default::default();
            let mut segments: Vec<(String, String)> = Vec::new();
            let mut seen_segments: HashSet<String> = HashSet::new();
            let twice = |column: &str| de::Error::custom(format!("the column '{column}' appears twice"));
            while let Some(column) = map.next_key::<String>()? {
                let seed = Text { human_readable: self.human_readable };
                match FIELDS.iter().position(|field| *field == column) {
                    Some(0) => {
                        if score.is_some() {
                            return Err(twice(&column));
                        }
                        score = Some(map.next_value()?);
                    }
                    Some(field) => {
                        let slot = text.get_mut(field - 1).ok_or_else(|| twice(&column))?;
                        if slot.is_some() {
                            return Err(twice(&column));
                        }
                        *slot = Some(map.next_value_seed(seed)?);
                    }
                    None => {
                        if !seen_segments.insert(column.clone()) {
                            return Err(twice(&column));
                        }
                        let value = map.next_value_seed(seed)?;
                        if let Some(value) = value {
                            segments.push((column, value));
                        }
                    }
                }
            }
            let score = score.ok_or_else(|| de::Error::missing_field("score"))?;
            let [respondent, account, role, period, comment] = text.map(Option::flatten);
            segments.sort_unstable_by(|a, b| a.0.cmp(&b.0));
            Ok(Response {
                score,
                respondent,
                account: account.map(AccountId::from),
                role,
                period,
                comment,
                segments,
            })
        }
    }

    /// One text cell: `None` for a missing, null or blank value, otherwise the text exactly as
    /// written. It is read as text (`deserialize_str`), never as "any value", so that a CSV cell
    /// `007` arrives as `"007"`; a value that a format stores as a number or a boolean is refused,
    /// since its text as written is gone.
    struct Text {
        human_readable: bool,
    }

    impl<'de> DeserializeSeed<'de> for Text {
        type Value = Option<String>;

        fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<String>, D::Error> {
            // Compact formats write the text without an option tag (see `Serialize`).
            if self.human_readable {
                deserializer.deserialize_option(TextVisitor)
            } else {
                deserializer.deserialize_str(TextVisitor)
            }
        }
    }

    struct TextVisitor;

    impl<'de> Visitor<'de> for TextVisitor {
        type Value = Option<String>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(
                "an identifier or label as text (a number loses its digits as written, 007 → 7: \
                 write it as a string)",
            )
        }

        fn visit_none<E: de::Error>(self) -> Result<Option<String>, E> {
            Ok(None)
        }

        fn visit_unit<E: de::Error>(self) -> Result<Option<String>, E> {
            Ok(None)
        }

        fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<String>, D::Error> {
            deserializer.deserialize_str(TextVisitor)
        }

        fn visit_str<E: de::Error>(self, text: &str) -> Result<Option<String>, E> {
            Ok((!text.trim().is_empty()).then(|| text.to_owned()))
        }

        fn visit_string<E: de::Error>(self, text: String) -> Result<Option<String>, E> {
            Ok((!text.trim().is_empty()).then_some(text))
        }

        fn visit_bytes<E: de::Error>(self, bytes: &[u8]) -> Result<Option<String>, E> {
            match core::str::from_utf8(bytes) {
                Ok(text) => self.visit_str(text),
                Err(_) => Err(E::invalid_value(de::Unexpected::Bytes(bytes), &"text in UTF-8")),
            }
        }
    }
}
