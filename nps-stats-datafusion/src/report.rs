//! What the histogram aggregates return per group: the NPS, or the summary struct.

use std::sync::Arc;

use datafusion::arrow::array::{ArrayRef, Float64Array, StructArray, UInt64Array};
use datafusion::arrow::datatypes::{DataType, Field, Fields};
use datafusion::common::{DataFusionError, Result, ScalarValue};
use nps_stats::{Confidence, Method, Scale, Tally};

use crate::state::BINS;

/// What a histogram aggregate returns per group: the NPS, or the summary struct.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Kind {
    /// The NPS as `Float64`, null for a group without answers.
    Nps,
    /// The summary struct with an adjusted Wald interval at this level.
    Summary(Confidence),
    /// The tally itself, as a stored-tally struct.
    Tally,
}

/// The result of one histogram aggregate on its scale: `nps(score [, scale])` or
/// `nps_summary(score [, level] [, scale])`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Report {
    pub(crate) kind: Kind,
    pub(crate) scale: Scale,
}

/// The fields of the `nps_summary` struct, in order.
pub(crate) fn summary_fields() -> Fields {
    Fields::from(vec![
        Field::new("n", DataType::UInt64, false),
        Field::new("promoters", DataType::UInt64, false),
        Field::new("passives", DataType::UInt64, false),
        Field::new("detractors", DataType::UInt64, false),
        Field::new("nps", DataType::Float64, true),
        Field::new("lower", DataType::Float64, true),
        Field::new("upper", DataType::Float64, true),
    ])
}

impl Kind {
    /// The Arrow type of the result.
    pub(crate) fn data_type(self) -> DataType {
        match self {
            Kind::Nps => DataType::Float64,
            Kind::Summary(_) => DataType::Struct(summary_fields()),
            Kind::Tally => crate::stored::tally_type(),
        }
    }

    /// One result per tally, in order.
    pub(crate) fn results(
        self,
        function: &str,
        tallies: impl Iterator<Item = Result<Tally>>,
    ) -> Result<ArrayRef> {
        match self {
            Kind::Nps => {
                let nps = tallies.map(|tally| Ok(tally?.nps())).collect::<Result<Float64Array>>()?;
                Ok(Arc::new(nps))
            }
            Kind::Summary(level) => summaries(function, tallies, level),
            Kind::Tally => {
                let tallies = tallies.map(|tally| tally.map(Some)).collect::<Result<Vec<_>>>()?;
                crate::stored::tally_array(&tallies)
            }
        }
    }
}

impl Report {
    /// `nps(score)` on the standard scale.
    #[cfg(test)]
    pub(crate) const NPS: Report = Report { kind: Kind::Nps, scale: Scale::STANDARD };

    /// One result per group from the flat counts (11 per group), in group order.
    ///
    /// # Errors
    ///
    /// An execution error when a group's counts add up past `u64::MAX`.
    pub(crate) fn evaluate(self, function: &str, counts: &[u64]) -> Result<ArrayRef> {
        let tallies = counts.chunks_exact(BINS).map(|bins| tally_of(function, self.scale, bins));
        self.kind.results(function, tallies)
    }

    /// The result of a single group as a scalar.
    pub(crate) fn scalar(self, function: &str, counts: &[u64; BINS]) -> Result<ScalarValue> {
        ScalarValue::try_from_array(&self.evaluate(function, counts)?, 0)
    }
}

/// The tally of one group's counts on `scale`.
pub(crate) fn tally_of(function: &str, scale: Scale, bins: &[u64]) -> Result<Tally> {
    let mut histogram = [0u64; BINS];
    histogram.copy_from_slice(bins);
    Tally::from_histogram(scale, histogram).map_err(|error| execution(function, error))
}

/// The summary struct of every group: counts always, NPS and interval only when the group has
/// answers (null otherwise: an empty group has no NPS, not an NPS of 0).
pub(crate) fn summaries(
    function: &str,
    tallies: impl Iterator<Item = Result<Tally>>,
    level: Confidence,
) -> Result<ArrayRef> {
    let (mut n, mut promoters, mut passives, mut detractors) = (vec![], vec![], vec![], vec![]);
    let (mut nps, mut lower, mut upper) = (vec![], vec![], vec![]);
    for tally in tallies {
        let tally = tally?;
        n.push(tally.total());
        promoters.push(tally.promoters());
        passives.push(tally.passives());
        detractors.push(tally.detractors());
        if tally.is_empty() {
            nps.push(None);
            lower.push(None);
            upper.push(None);
        } else {
            let estimate =
                tally.estimate(Method::AdjustedWald, level).map_err(|error| execution(function, error))?;
            nps.push(Some(estimate.nps));
            lower.push(Some(estimate.interval.lower));
            upper.push(Some(estimate.interval.upper));
        }
    }
    let columns: Vec<ArrayRef> = vec![
        Arc::new(UInt64Array::from(n)),
        Arc::new(UInt64Array::from(promoters)),
        Arc::new(UInt64Array::from(passives)),
        Arc::new(UInt64Array::from(detractors)),
        Arc::new(Float64Array::from(nps)),
        Arc::new(Float64Array::from(lower)),
        Arc::new(Float64Array::from(upper)),
    ];
    Ok(Arc::new(StructArray::try_new(summary_fields(), columns, None)?))
}

/// An error of the statistics crate as a query execution error that names the function.
pub(crate) fn execution(function: &str, error: nps_stats::Error) -> DataFusionError {
    DataFusionError::Execution(format!("{function}: {error}"))
}

#[cfg(test)]
mod tests {
    use datafusion::arrow::array::{Array, AsArray};
    use datafusion::arrow::datatypes::{Float64Type, UInt64Type};

    use super::*;

    #[test]
    fn an_empty_group_has_no_nps() -> Result<()> {
        let mut counts = vec![0u64; 2 * BINS];
        counts[10] = 2; // group 0: two promoters
        let nps = Report::NPS.evaluate("nps", &counts)?;
        let nps = nps.as_primitive::<Float64Type>();
        assert_eq!(nps.value(0), 100.0);
        assert!(nps.is_null(1));
        Ok(())
    }

    #[test]
    fn the_summary_matches_the_tally() -> Result<()> {
        // 5 promoters, 3 passives, 2 detractors: NPS +30.
        let mut counts = vec![0u64; BINS];
        counts[10] = 5;
        counts[8] = 3;
        counts[0] = 2;
        let report = Report { kind: Kind::Summary(Confidence::NINETY), scale: Scale::STANDARD };
        let summary = report.evaluate("nps_summary", &counts)?;
        let summary = summary.as_struct();
        let count =
            |name: &str| summary.column_by_name(name).map(|c| c.as_primitive::<UInt64Type>().value(0));
        assert_eq!(
            (count("n"), count("promoters"), count("passives"), count("detractors")),
            (Some(10), Some(5), Some(3), Some(2))
        );
        let float =
            |name: &str| summary.column_by_name(name).map(|c| c.as_primitive::<Float64Type>().value(0));
        let expected = Tally::from_scores(&[10, 10, 10, 10, 10, 8, 8, 8, 0, 0])
            .and_then(|t| t.estimate(Method::AdjustedWald, Confidence::NINETY))
            .map_err(|e| execution("test", e))?;
        assert_eq!(float("nps"), Some(30.0));
        assert_eq!(float("lower"), Some(expected.interval.lower));
        assert_eq!(float("upper"), Some(expected.interval.upper));
        Ok(())
    }
}
