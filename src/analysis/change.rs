//! The change between two samples that may share respondents or accounts: independent and paired
//! tests side by side, and which one applies.

use core::fmt;

use crate::analysis::Unit;
use crate::analysis::period_columns::{CodedAnswers, period_figures};
use crate::core::answers::sealed::Columns;
use crate::core::dictionary::MISSING;
use crate::core::survey::Survey;
use crate::core::{Answers, Confidence, Scale};
use crate::error::{Error, Result};
use crate::inference::paired::{Linearized, UnitSums, linearize};
use crate::inference::{Comparison, Method, Samples, compare_independent};
use crate::tally::Tally;

/// How an NPS changed between two samples, with the independent-samples test and, when units
/// (respondents or accounts) appear in both, the paired / partial-overlap test; `applies` says which
/// one to read.
///
/// - `independent`: [`compare_independent`] (after, before) with the chosen method. `None` when the
///   two samples share answers (overlapping rolling or cumulative windows): they are not independent,
///   so that test would be wrong and is not run.
/// - `paired`: the linearized test with units as clusters (below). `None` when no unit is in both
///   samples (and the samples share no answers): then it would equal the independent Wald test.
/// - `applies`: [`Samples::Paired`] when every unit is in both samples, [`Samples::Overlapping`] when
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
/// use nps_stats::{Confidence, Method, Response, Score, analysis::{Unit, compare_repeated}, inference::Samples};
///
/// let answer = |who: &str, score: u8| Ok::<_, nps_stats::Error>(Response::new(Score::try_from(score)?).with_respondent(who));
/// let before = [answer("a", 7)?, answer("b", 8)?, answer("c", 3)?, answer("d", 10)?];
/// let after = [answer("a", 9)?, answer("b", 9)?, answer("c", 7)?, answer("d", 10)?];
/// let change = compare_repeated(&before, &after, Unit::Respondent, Method::Wald, Confidence::NINETY_FIVE)?;
/// assert_eq!(change.difference, 75.0);
/// assert_eq!(change.applies, Samples::Paired);
/// assert!(change.paired.is_some() && change.independent.is_some());
/// println!("{change}");
/// # Ok::<(), nps_stats::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Change {
    /// The observed change in points, after − before, unrounded.
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::core::checked::difference"))]
    pub difference: f64,
    /// The independent-samples test; `None` when the samples share answers.
    pub independent: Option<Comparison>,
    /// The paired / partial-overlap test; `None` when nothing is shared.
    pub paired: Option<Comparison>,
    /// The test whose result applies to these samples.
    pub applies: Samples,
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
    /// use nps_stats::{Confidence, Method, Response, Score, analysis::{Unit, compare_repeated}};
    /// let before = [Response::new(Score::try_from(3)?), Response::new(Score::try_from(9)?)];
    /// let after = [Response::new(Score::try_from(10)?), Response::new(Score::try_from(9)?)];
    /// let change = compare_repeated(&before, &after, Unit::Respondent, Method::AdjustedWald, Confidence::NINETY_FIVE)?;
    /// // No respondent ids: nothing can be paired, so the independent test applies.
    /// assert_eq!(change.applicable(), change.independent.as_ref());
    /// # Ok::<(), nps_stats::Error>(())
    /// ```
    pub fn applicable(&self) -> Option<&Comparison> {
        match self.applies {
            Samples::Paired | Samples::Overlapping => self.paired.as_ref(),
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
                    let mark = if cmp.samples == self.applies { " [applies]" } else { "" };
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
/// use nps_stats::{Confidence, Method, Response, Score, analysis::{Unit, compare_repeated}, inference::Samples};
/// let r = |who: &str, score: u8| Response::new(Score::try_from(score).unwrap()).with_respondent(who);
/// // "a" answered twice, "b" only before, "c" only after.
/// let change = compare_repeated(&[r("a", 6), r("b", 9)], &[r("a", 9), r("c", 10)], Unit::Respondent,
///     Method::AdjustedWald, Confidence::NINETY_FIVE)?;
/// assert_eq!(change.applies, Samples::Overlapping);
/// assert_eq!((change.shared_units, change.units_before, change.units_after), (1, 2, 2));
/// # Ok::<(), nps_stats::Error>(())
/// ```
pub fn compare_repeated(
    before: &(impl Answers + ?Sized),
    after: &(impl Answers + ?Sized),
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
/// use nps_stats::{Confidence, Method, Response, Scale, Score, analysis::{Unit, compare_repeated_on}};
/// let r = |score: u8| Response::new(Score::try_from(score).unwrap()).with_account("ACME");
/// let change = compare_repeated_on(Scale::DUTCH, &[r(5)], &[r(8)], Unit::Account, Method::Wald,
///     Confidence::NINETY_FIVE)?;
/// assert_eq!(change.difference, 200.0);
/// assert!(compare_repeated_on(Scale::DUTCH, &[r(0)], &[r(8)], Unit::Account, Method::Wald,
///     Confidence::NINETY_FIVE).is_err());
/// # Ok::<(), nps_stats::Error>(())
/// ```
pub fn compare_repeated_on(
    scale: Scale,
    before: &(impl Answers + ?Sized),
    after: &(impl Answers + ?Sized),
    unit: Unit,
    method: Method,
    level: Confidence,
) -> Result<Change> {
    let columns = Columns {
        respondent: unit == Unit::Respondent,
        account: unit == Unit::Account,
        ..Columns::default()
    };
    let (before, after) = (before.survey(&columns)?, after.survey(&columns)?);
    let units_of = |survey: &'_ Survey| -> (Vec<u32>, usize) {
        let column = match unit {
            Unit::Account => &survey.accounts,
            _ => &survey.respondents,
        };
        (column.codes.clone(), column.dictionary.len())
    };
    let (mut units, known) = units_of(&before);
    // The later sample's units in the earlier one's codes: a unit in both has one code.
    let later = match unit {
        Unit::Account => &after.accounts,
        _ => &after.respondents,
    };
    let earlier = match unit {
        Unit::Account => &before.accounts,
        _ => &before.respondents,
    };
    let mut next = known;
    let codes_of_later: Vec<u32> = later
        .dictionary
        .labels()
        .map(|label| {
            earlier.dictionary.find(label).unwrap_or_else(|| {
                next += 1;
                u32::try_from(next - 1).unwrap_or(MISSING)
            })
        })
        .collect();
    units.extend(
        later.codes.iter().map(|&code| codes_of_later.get(code as usize).copied().unwrap_or(MISSING)),
    );
    let mut scores = Vec::with_capacity(before.len() + after.len());
    scores.extend_from_slice(before.scores());
    scores.extend_from_slice(after.scores());
    let mut ranks = vec![0u32; before.len()];
    ranks.resize(before.len() + after.len(), 1);
    let coded = CodedAnswers {
        scores: &scores,
        ranks: &ranks,
        periods: 2,
        units: &units,
        unit_count: next,
        respondents: None,
    };
    let figures = period_figures(scale, &coded)?;
    let (Some(earlier), Some(later)) = (figures.tallies.first(), figures.tallies.get(1)) else {
        return Err(Error::EmptySample { what: "the earlier sample" });
    };
    earlier.nps().ok_or(Error::EmptySample { what: "the earlier sample" })?;
    later.nps().ok_or(Error::EmptySample { what: "the later sample" })?;
    let lin = figures
        .changes
        .get(1)
        .and_then(Option::as_ref)
        .ok_or(Error::EmptySample { what: "the earlier sample" })?;
    change_from(earlier, later, lin, false, method, level)
}

/// One answer as the change tests see it: its unit, its −1/0/+1 coding, and how many identical,
/// independent answers it stands for (more than 1 only for answers that come from a tally, each of
/// which is its own unit).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PeriodAnswer {
    pub(crate) unit: usize,
    pub(crate) coding: i8,
    pub(crate) multiplicity: u64,
}

/// The answers of one sample and their tally.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Sample<'a> {
    pub(crate) answers: &'a [PeriodAnswer],
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
    before.tally.nps().ok_or(Error::EmptySample { what: "the earlier sample" })?;
    after.tally.nps().ok_or(Error::EmptySample { what: "the later sample" })?;
    // Group the answers of both samples by unit: sort by unit id, then fold each run.
    let mut tagged: Vec<(usize, bool, i8, u64)> =
        Vec::with_capacity(before.answers.len() + after.answers.len());
    for (answers, is_after) in [(before.answers, false), (after.answers, true)] {
        tagged.extend(answers.iter().map(|a| (a.unit, is_after, a.coding, a.multiplicity)));
    }
    tagged.sort_unstable_by_key(|&(unit, ..)| unit);
    let units = tagged.chunk_by(|a, b| a.0 == b.0).map(|run| {
        let mut sums = UnitSums::default();
        for &(_, is_after, coding, _) in run {
            sums.add(coding, is_after);
        }
        // Answers with a multiplicity above 1 are units of their own (from a tally), alone in the run.
        (run.first().map_or(1, |&(.., multiplicity)| multiplicity), sums)
    });
    let lin = linearize(units).ok_or(Error::EmptySample { what: "the earlier sample" })?;
    change_from(before.tally, after.tally, &lin, overlapping, method, level)
}

/// The change from `before` to `after` given the linearization of their units: the independent test
/// unless the samples overlap, the paired (or partial-overlap) test when they share a unit.
pub(crate) fn change_from(
    before: &Tally,
    after: &Tally,
    lin: &Linearized,
    overlapping: bool,
    method: Method,
    level: Confidence,
) -> Result<Change> {
    let nps_before = before.nps().ok_or(Error::EmptySample { what: "the earlier sample" })?;
    let nps_after = after.nps().ok_or(Error::EmptySample { what: "the later sample" })?;
    let difference = nps_after - nps_before;
    let independent =
        if overlapping { None } else { Some(compare_independent(before, after, method, level)?) };
    let paired = (overlapping || lin.shared > 0).then(|| lin.comparison(level));
    let applies = match (&paired, &independent) {
        (Some(cmp), _) => cmp.samples,
        (None, Some(cmp)) => cmp.samples,
        (None, None) => lin.samples(),
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
