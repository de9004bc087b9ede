//! Change between two samples that share respondents or accounts: paired and partial-overlap tests.

use core::fmt;
use std::collections::HashMap;

use crate::comparison::z_comparison;
use crate::{
    Category, Comparison, Confidence, Error, Method, Response, Result, Scale, Tally, Test,
    compare_independent,
};

/// What counts as "the same" between two samples: the respondent, or the account (customer company).
///
/// Answers without the chosen id are each their own unit: they are never paired with anything.
///
/// # Examples
///
/// ```
/// use nps_stats::{Response, Score, Unit};
///
/// let answer = Response::new(Score::MAX).with_respondent("jane@acme.example").with_account("ACME");
/// assert_eq!(Unit::Respondent.id(&answer), Some("jane@acme.example"));
/// assert_eq!(Unit::Account.id(&answer), Some("ACME"));
/// assert_eq!(Unit::default(), Unit::Respondent);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Unit {
    /// The same respondent ([`Response::respondent`]). The default.
    #[default]
    Respondent,
    /// The same account ([`Response::account`]), whoever answered for it.
    Account,
}

impl Unit {
    /// The unit id of an answer, if it has one.
    ///
    /// ```
    /// use nps_stats::{Response, Score, Unit};
    /// assert_eq!(Unit::Account.id(&Response::new(Score::MAX)), None);
    /// ```
    pub fn id(self, response: &Response) -> Option<&str> {
        match self {
            Unit::Respondent => response.respondent(),
            Unit::Account => response.account().map(crate::AccountId::as_str),
        }
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            Unit::Respondent => "respondent",
            Unit::Account => "account",
        })
    }
}

/// A 3×3 table of how the same respondents moved between two measurements: how many were a
/// detractor, passive or promoter before, and which of those they were after.
///
/// The input of [`compare_paired`], for panels where every respondent answered twice.
///
/// # Examples
///
/// ```
/// use nps_stats::{Category::*, Transitions};
///
/// let mut moves = Transitions::new();
/// moves.add_count(Passive, Promoter, 10)?;
/// moves.add_count(Promoter, Promoter, 30)?;
/// moves.add(Promoter, Detractor)?;
/// assert_eq!(moves.total(), 41);
/// assert_eq!(moves.count(Passive, Promoter), 10);
/// assert_eq!(moves.nps_before(), Some(100.0 * 31.0 / 41.0));
/// assert_eq!(moves.nps_after(), Some(100.0 * 39.0 / 41.0));
/// # Ok::<(), nps_stats::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Transitions {
    /// `counts[before.index()][after.index()]`, detractor first.
    counts: [[u64; 3]; 3],
}

impl Transitions {
    /// An empty table.
    ///
    /// ```
    /// assert_eq!(nps_stats::Transitions::new().total(), 0);
    /// ```
    pub const fn new() -> Transitions {
        Transitions { counts: [[0; 3]; 3] }
    }

    /// Adds one respondent who was `before` and then `after`.
    ///
    /// # Errors
    ///
    /// [`Error::CountOverflow`] when the total would exceed `u64::MAX`.
    ///
    /// ```
    /// use nps_stats::{Category, Transitions};
    /// let mut moves = Transitions::new();
    /// moves.add(Category::Detractor, Category::Passive)?;
    /// assert_eq!(moves.count(Category::Detractor, Category::Passive), 1);
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn add(&mut self, before: Category, after: Category) -> Result<()> {
        self.add_count(before, after, 1)
    }

    /// Adds `count` respondents who were `before` and then `after`.
    ///
    /// # Errors
    ///
    /// [`Error::CountOverflow`] when the total would exceed `u64::MAX`; the table is then unchanged.
    ///
    /// ```
    /// use nps_stats::{Category, Transitions};
    /// let mut moves = Transitions::new();
    /// moves.add_count(Category::Promoter, Category::Promoter, u64::MAX)?;
    /// assert!(moves.add(Category::Passive, Category::Passive).is_err());
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn add_count(&mut self, before: Category, after: Category, count: u64) -> Result<()> {
        self.total().checked_add(count).ok_or(Error::CountOverflow)?;
        if let Some(cell) = self.counts.get_mut(before.index()).and_then(|row| row.get_mut(after.index())) {
            *cell += count;
        }
        Ok(())
    }

    /// The number of respondents who were `before` and then `after`.
    ///
    /// ```
    /// use nps_stats::{Category, Transitions};
    /// assert_eq!(Transitions::new().count(Category::Promoter, Category::Detractor), 0);
    /// ```
    pub fn count(&self, before: Category, after: Category) -> u64 {
        self.counts.get(before.index()).and_then(|row| row.get(after.index())).copied().unwrap_or(0)
    }

    /// The number of respondents.
    ///
    /// ```
    /// use nps_stats::{Category, Transitions};
    /// let mut moves = Transitions::new();
    /// moves.add_count(Category::Passive, Category::Promoter, 4)?;
    /// assert_eq!(moves.total(), 4);
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn total(&self) -> u64 {
        // Fits by invariant: every addition checks the total first.
        self.counts.iter().flatten().sum()
    }

    /// The NPS of the first measurement in points; `None` when the table is empty.
    ///
    /// ```
    /// use nps_stats::{Category, Transitions};
    /// let mut moves = Transitions::new();
    /// moves.add(Category::Detractor, Category::Promoter)?;
    /// assert_eq!(moves.nps_before(), Some(-100.0));
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn nps_before(&self) -> Option<f64> {
        self.nps_by(|before, _| before)
    }

    /// The NPS of the second measurement in points; `None` when the table is empty.
    ///
    /// ```
    /// use nps_stats::{Category, Transitions};
    /// let mut moves = Transitions::new();
    /// moves.add(Category::Detractor, Category::Promoter)?;
    /// assert_eq!(moves.nps_after(), Some(100.0));
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn nps_after(&self) -> Option<f64> {
        self.nps_by(|_, after| after)
    }

    fn nps_by(&self, pick: impl Fn(Category, Category) -> Category) -> Option<f64> {
        let total = self.total();
        let net: i128 = self
            .cells()
            .map(|(before, after, count)| i128::from(pick(before, after).coding()) * i128::from(count))
            .sum();
        (total > 0).then(|| 100.0 * net as f64 / total as f64)
    }

    fn cells(&self) -> impl Iterator<Item = (Category, Category, u64)> + '_ {
        Category::ALL.into_iter().flat_map(move |before| {
            Category::ALL.into_iter().map(move |after| (before, after, self.count(before, after)))
        })
    }
}

/// The paired test of an NPS change for a panel: the same respondents measured twice.
///
/// With dᵢ = sᵢ(after) − sᵢ(before) ∈ {−2, …, +2} on the −1/0/+1 coding, the change is
/// Δ̂ = mean(d) = NPS(after) − NPS(before), Var(Δ̂) = σ̂_d²/n with the plug-in σ̂_d² = mean(d²) − Δ̂²
/// (the n convention of the Wald interval), z = Δ̂/SE and p = 2(1 − Φ(|z|)). Only respondents whose
/// category changed contribute to d, as in McNemar's test. Source: the per-respondent-difference test
/// of METHODS §5.2 (the standard paired z-test on the coded scores, as in Rocks' `NPS` package for
/// one sample applied to the differences); it equals σ̂₁² + σ̂₂² − 2·Cov over n.
///
/// The result's `difference` and interval are after − before, in points. Because answers of the
/// same respondent are positively correlated, this is usually far more sensitive than
/// [`compare_independent`], which would treat the two measurements as unrelated samples.
///
/// # Errors
///
/// [`Error::EmptySample`] when the table is empty.
///
/// ```
/// use nps_stats::{Category::*, Confidence, Test, Transitions, compare_paired};
///
/// // Rows: before, columns: after, in (promoter, passive, detractor) order:
/// // [[40, 7, 3], [10, 15, 5], [4, 6, 10]].
/// let mut moves = Transitions::new();
/// for (before, row) in [(Promoter, [40, 7, 3]), (Passive, [10, 15, 5]), (Detractor, [4, 6, 10])] {
///     for (after, count) in [Promoter, Passive, Detractor].into_iter().zip(row) {
///         moves.add_count(before, after, count)?;
///     }
/// }
/// let cmp = compare_paired(&moves, Confidence::NINETY_FIVE)?;
/// assert!((cmp.difference - 6.0).abs() < 1e-9);
/// assert!((cmp.std_error - 7.459_222_48).abs() < 1e-6);
/// assert!((cmp.p_value - 0.421_181_370_0).abs() < 1e-9);
/// assert_eq!(cmp.test, Test::Paired);
/// # Ok::<(), nps_stats::Error>(())
/// ```
pub fn compare_paired(transitions: &Transitions, level: Confidence) -> Result<Comparison> {
    let units = transitions
        .cells()
        .filter(|&(_, _, count)| count > 0)
        .map(|(before, after, count)| (count, UnitSums::single(before.coding(), after.coding())));
    let lin = linearize(units).ok_or(Error::EmptySample { what: "the transition table" })?;
    Ok(lin.comparison(level))
}

/// How an NPS changed between two samples, with the independent-samples test and, when units
/// (respondents or accounts) appear in both, the paired / partial-overlap test; `applies` says which
/// one to read.
///
/// - `independent`: [`compare_independent`] (after, before) with the chosen method. `None` when the
///   two samples share answers (overlapping rolling or cumulative windows): they are not independent,
///   so that test would be wrong and is not run.
/// - `paired`: the linearized test with units as clusters (below). `None` when no unit is in both
///   samples (and the samples share no answers): then it would equal the independent Wald test.
/// - `applies`: [`Test::Paired`] when every unit is in both samples, [`Test::PartialOverlap`] when
///   some are, otherwise the independent test.
///
/// The paired test linearizes the difference of the two ratio estimators NPSₜ = Σsᵢ/nₜ with units as
/// clusters: Z_u = Σ_{i∈u, after}(sᵢ − NPS₂)/n₂ − Σ_{i∈u, before}(sᵢ − NPS₁)/n₁, V̂ = Σ_u Z_u²
/// (plug-in, no u/(u − 1) factor). This is the partial-overlap linearization of METHODS §5.2, the
/// influence-function argument behind `survey::svymean` with the units as PSUs (Woodruff 1971;
/// Särndal, Swensson & Wretman 1992, §5.5–5.6). It reduces exactly to the paired test on the
/// per-unit differences when each unit answers once in both samples, and to the unpooled Wald test
/// when the samples share nothing. With [`Unit::Account`] and several contacts per account it keeps
/// the NPS of all answers as the estimate and lets each account count by its number of answers;
/// with equal numbers of answers per account in both periods it is the paired test on the accounts'
/// mean codings.
///
/// # Examples
///
/// ```
/// use nps_stats::{Confidence, Method, Response, Score, Test, Unit, compare_repeated};
///
/// let answer = |who: &str, score: u8| Ok::<_, nps_stats::Error>(Response::new(Score::try_from(score)?).with_respondent(who));
/// let before = [answer("a", 7)?, answer("b", 8)?, answer("c", 3)?, answer("d", 10)?];
/// let after = [answer("a", 9)?, answer("b", 9)?, answer("c", 7)?, answer("d", 10)?];
/// let change = compare_repeated(&before, &after, Unit::Respondent, Method::Wald, Confidence::NINETY_FIVE)?;
/// assert_eq!(change.difference, 75.0);
/// assert_eq!(change.applies, Test::Paired);
/// assert!(change.paired.is_some() && change.independent.is_some());
/// println!("{change}");
/// # Ok::<(), nps_stats::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Change {
    /// The observed change in points, after − before, unrounded.
    pub difference: f64,
    /// The independent-samples test; `None` when the samples share answers.
    pub independent: Option<Comparison>,
    /// The paired / partial-overlap test; `None` when nothing is shared.
    pub paired: Option<Comparison>,
    /// The test whose result applies to these samples.
    pub applies: Test,
    /// Whether the two samples share answers (overlapping windows).
    pub overlapping: bool,
    /// Units with answers in both samples.
    pub shared_units: u64,
    /// Units with answers in the first (earlier) sample.
    pub units_before: u64,
    /// Units with answers in the second (later) sample.
    pub units_after: u64,
}

impl Change {
    /// The comparison named by `applies`.
    ///
    /// ```
    /// use nps_stats::{Confidence, Method, Response, Score, Unit, compare_repeated};
    /// let before = [Response::new(Score::try_from(3)?), Response::new(Score::try_from(9)?)];
    /// let after = [Response::new(Score::try_from(10)?), Response::new(Score::try_from(9)?)];
    /// let change = compare_repeated(&before, &after, Unit::Respondent, Method::AdjustedWald, Confidence::NINETY_FIVE)?;
    /// // No respondent ids: nothing can be paired, so the independent test applies.
    /// assert_eq!(change.applicable(), change.independent.as_ref());
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn applicable(&self) -> Option<&Comparison> {
        match self.applies {
            Test::Paired | Test::PartialOverlap => self.paired.as_ref(),
            _ => self.independent.as_ref(),
        }
    }
}

impl fmt::Display for Change {
    /// Two lines, the applicable test first, e.g.
    /// `change +6.0, paired: +6.0 [-8.6, +20.6] (95%), z = 0.80, p = 0.4212 (…) [applies]`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = f.precision().unwrap_or(1);
        write!(
            f,
            "change {:+.p$} ({} shared of {} before, {} after)",
            self.difference, self.shared_units, self.units_before, self.units_after
        )?;
        for (name, cmp) in [("paired", &self.paired), ("independent", &self.independent)] {
            match cmp {
                Some(cmp) => {
                    let mark = if cmp.test == self.applies { " [applies]" } else { "" };
                    write!(f, "\n  {name:<11} {cmp:.p$}{mark}")?;
                }
                None if name == "independent" && self.overlapping => {
                    write!(f, "\n  {name:<11} not run: the samples share answers")?;
                }
                None => write!(f, "\n  {name:<11} not applicable: no unit in both samples")?,
            }
        }
        Ok(())
    }
}

/// Compares two samples of answers that may share respondents (or accounts): the independent test
/// and, when some unit answered in both, the paired / partial-overlap test, on the standard scale.
/// The change is `after` − `before`.
///
/// # Errors
///
/// [`Error::EmptySample`] when either sample is empty; [`Error::ScoreOutOfScale`] as in
/// [`compare_repeated_on`].
///
/// ```
/// use nps_stats::{Confidence, Method, Response, Score, Test, Unit, compare_repeated};
/// let r = |who: &str, score: u8| Response::new(Score::try_from(score).unwrap()).with_respondent(who);
/// // "a" answered twice, "b" only before, "c" only after.
/// let change = compare_repeated(&[r("a", 6), r("b", 9)], &[r("a", 9), r("c", 10)], Unit::Respondent,
///     Method::AdjustedWald, Confidence::NINETY_FIVE)?;
/// assert_eq!(change.applies, Test::PartialOverlap);
/// assert_eq!((change.shared_units, change.units_before, change.units_after), (1, 2, 2));
/// # Ok::<(), nps_stats::Error>(())
/// ```
pub fn compare_repeated(
    before: &[Response],
    after: &[Response],
    unit: Unit,
    method: Method,
    level: Confidence,
) -> Result<Change> {
    compare_repeated_on(Scale::STANDARD, before, after, unit, method, level)
}

/// As [`compare_repeated`], with the answers' categories taken on `scale`.
///
/// # Errors
///
/// As [`compare_repeated`]; [`Error::ScoreOutOfScale`] when a score is not on `scale`.
///
/// ```
/// use nps_stats::{compare_repeated_on, Confidence, Method, Response, Scale, Score, Unit};
/// let r = |score: u8| Response::new(Score::try_from(score).unwrap()).with_account("ACME");
/// let change = compare_repeated_on(Scale::DUTCH, &[r(5)], &[r(8)], Unit::Account, Method::Wald,
///     Confidence::NINETY_FIVE)?;
/// assert_eq!(change.difference, 200.0);
/// assert!(compare_repeated_on(Scale::DUTCH, &[r(0)], &[r(8)], Unit::Account, Method::Wald,
///     Confidence::NINETY_FIVE).is_err());
/// # Ok::<(), nps_stats::Error>(())
/// ```
pub fn compare_repeated_on<'a>(
    scale: Scale,
    before: &'a [Response],
    after: &'a [Response],
    unit: Unit,
    method: Method,
    level: Confidence,
) -> Result<Change> {
    let mut ids: HashMap<&'a str, usize> = HashMap::new();
    let mut next_anonymous = usize::MAX;
    let mut answers = |responses: &'a [Response]| -> Result<(Vec<Answer>, Tally)> {
        let mut tally = Tally::with_scale(scale);
        let mut list = Vec::with_capacity(responses.len());
        for response in responses {
            let category = response.score().category_on(scale)?;
            tally.add(response.score())?;
            let unit = match unit.id(response) {
                Some(id) => {
                    let next = ids.len();
                    *ids.entry(id).or_insert(next)
                }
                None => {
                    // Anonymous answers count down from the top, far from the keyed ids.
                    next_anonymous -= 1;
                    next_anonymous
                }
            };
            list.push(Answer { unit, coding: category.coding(), multiplicity: 1 });
        }
        Ok((list, tally))
    };
    let (before_answers, before_tally) = answers(before)?;
    let (after_answers, after_tally) = answers(after)?;
    change_between(
        Sample { answers: &before_answers, tally: &before_tally },
        Sample { answers: &after_answers, tally: &after_tally },
        false,
        method,
        level,
    )
}

/// One answer as the change tests see it: its unit, its −1/0/+1 coding, and how many identical,
/// independent answers it stands for (more than 1 only for answers that come from a tally, each of
/// which is its own unit).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Answer {
    pub(crate) unit: usize,
    pub(crate) coding: i8,
    pub(crate) multiplicity: u64,
}

/// The answers of one sample and their tally.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Sample<'a> {
    pub(crate) answers: &'a [Answer],
    pub(crate) tally: &'a Tally,
}

/// The change from `before` to `after`: independent test unless the samples overlap, linearized test
/// when they share a unit (or overlap).
pub(crate) fn change_between(
    before: Sample<'_>,
    after: Sample<'_>,
    overlapping: bool,
    method: Method,
    level: Confidence,
) -> Result<Change> {
    let nps_before = before.tally.nps().ok_or(Error::EmptySample { what: "the earlier sample" })?;
    let nps_after = after.tally.nps().ok_or(Error::EmptySample { what: "the later sample" })?;
    let difference = nps_after - nps_before;

    let mut units: HashMap<usize, (u64, UnitSums)> = HashMap::new();
    for (answers, is_after) in [(before.answers, false), (after.answers, true)] {
        for answer in answers {
            let (multiplicity, sums) =
                units.entry(answer.unit).or_insert((answer.multiplicity, UnitSums::default()));
            *multiplicity = answer.multiplicity;
            sums.add(answer.coding, is_after);
        }
    }
    let lin = linearize(units.into_values()).ok_or(Error::EmptySample { what: "the earlier sample" })?;

    let independent =
        if overlapping { None } else { Some(compare_independent(after.tally, before.tally, method, level)?) };
    let paired = (overlapping || lin.shared > 0).then(|| lin.comparison(level));
    let applies = match (&paired, &independent) {
        (Some(cmp), _) => cmp.test,
        (None, Some(cmp)) => cmp.test,
        (None, None) => lin.test(),
    };
    Ok(Change {
        difference,
        independent,
        paired,
        applies,
        overlapping,
        shared_units: lin.shared,
        units_before: lin.units_before,
        units_after: lin.units_after,
    })
}

/// The sums of one unit's codings and its answer counts in each sample.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct UnitSums {
    before_sum: i64,
    before_n: u64,
    after_sum: i64,
    after_n: u64,
}

impl UnitSums {
    fn single(before: i8, after: i8) -> UnitSums {
        UnitSums { before_sum: i64::from(before), before_n: 1, after_sum: i64::from(after), after_n: 1 }
    }

    fn add(&mut self, coding: i8, is_after: bool) {
        if is_after {
            self.after_sum += i64::from(coding);
            self.after_n += 1;
        } else {
            self.before_sum += i64::from(coding);
            self.before_n += 1;
        }
    }
}

/// The linearized difference of the two NPS values (on −1..=1) and its standard error.
struct Linearized {
    difference: f64,
    std_error: f64,
    shared: u64,
    units_before: u64,
    units_after: u64,
}

impl Linearized {
    fn test(&self) -> Test {
        if self.shared == self.units_before && self.shared == self.units_after {
            Test::Paired
        } else {
            Test::PartialOverlap
        }
    }

    fn comparison(&self, level: Confidence) -> Comparison {
        let difference = 100.0 * self.difference;
        z_comparison(difference, difference, 100.0 * self.std_error, level, self.test())
    }
}

/// V̂ = Σ_u m_u·Z_u² with Z_u = (S₂ᵤ − n₂ᵤ·NPS₂)/n₂ − (S₁ᵤ − n₁ᵤ·NPS₁)/n₁ (METHODS §5.2, partial
/// overlap; units as clusters). `m_u` counts identical independent units. `None` when either sample
/// is empty. Deterministic: the result depends only on the multiset of units.
fn linearize(units: impl Iterator<Item = (u64, UnitSums)>) -> Option<Linearized> {
    let mut units: Vec<(u64, UnitSums)> = units.collect();
    // Sum in an order fixed by the values alone, so that the bits do not depend on the order of the
    // input rows (or of a hash map).
    units.sort_unstable_by_key(|&(m, u)| (u.before_n, u.before_sum, u.after_n, u.after_sum, m));
    let (mut n1, mut s1, mut n2, mut s2) = (0f64, 0f64, 0f64, 0f64);
    let (mut shared, mut units_before, mut units_after) = (0u64, 0u64, 0u64);
    for &(m, u) in &units {
        let m_f = m as f64;
        n1 += m_f * u.before_n as f64;
        s1 += m_f * u.before_sum as f64;
        n2 += m_f * u.after_n as f64;
        s2 += m_f * u.after_sum as f64;
        let (in_before, in_after) = (u.before_n > 0, u.after_n > 0);
        units_before += if in_before { m } else { 0 };
        units_after += if in_after { m } else { 0 };
        shared += if in_before && in_after { m } else { 0 };
    }
    if n1 == 0.0 || n2 == 0.0 {
        return None;
    }
    let (nps1, nps2) = (s1 / n1, s2 / n2);
    let variance: f64 = units
        .iter()
        .map(|&(m, u)| {
            let z = (u.after_sum as f64 - u.after_n as f64 * nps2) / n2
                - (u.before_sum as f64 - u.before_n as f64 * nps1) / n1;
            m as f64 * z * z
        })
        .sum();
    Some(Linearized {
        difference: nps2 - nps1,
        std_error: variance.sqrt(),
        shared,
        units_before,
        units_after,
    })
}
