//! A generated answer table with its reference values from `nps_stats`, and Parquet helpers.
//!
//! The rows come from a fixed-seed SplitMix64 sequence: group key `grp` (`Int64`), score 0..=10
//! (`Int64`) and a weight `w` (`Float64`) log-uniform between 10³ and 5 × 10⁷ with a fractional
//! part, like account values in currency units — sums of such weights round differently in every
//! order. The reference is computed here, row by row, without DataFusion: a `Tally` and a
//! `WeightedTally` per group.

use std::collections::BTreeMap;
use std::fs::File;
use std::path::Path;
use std::sync::Arc;

use datafusion::arrow::array::{ArrayRef, Float64Array, Int64Array, RecordBatch};
use datafusion::arrow::compute::concat_batches;
use datafusion::error::Result;
use datafusion::parquet::arrow::ArrowWriter;
use nps_stats::{Tally, WeightedTally};

/// SplitMix64 (Steele, Lea & Flood 2014).
fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// `rows` answers in groups `0..groups`, from `seed`.
pub fn answers(rows: usize, groups: u64, seed: u64) -> RecordBatch {
    let mut state = seed;
    let (mut keys, mut scores, mut weights) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..rows {
        let key = splitmix64(&mut state);
        let score = splitmix64(&mut state);
        let weight = splitmix64(&mut state);
        keys.push((key % groups) as i64);
        scores.push((score % 11) as i64);
        // 10^3 · (5 · 10^4)^u for u uniform in [0, 1): log-uniform from 10^3 to 5 · 10^7.
        let u = (weight >> 11) as f64 / (1u64 << 53) as f64;
        weights.push(1e3 * 5e4f64.powf(u));
    }
    RecordBatch::try_from_iter([
        ("grp", Arc::new(Int64Array::from(keys)) as ArrayRef),
        ("score", Arc::new(Int64Array::from(scores)) as ArrayRef),
        ("w", Arc::new(Float64Array::from(weights)) as ArrayRef),
    ])
    .unwrap()
}

/// The reference per group: the library's tallies of the same rows, added one at a time.
pub fn reference(batch: &RecordBatch) -> BTreeMap<i64, (Tally, WeightedTally)> {
    let keys = batch.column(0).as_any().downcast_ref::<Int64Array>().unwrap();
    let scores = batch.column(1).as_any().downcast_ref::<Int64Array>().unwrap();
    let weights = batch.column(2).as_any().downcast_ref::<Float64Array>().unwrap();
    let mut groups: BTreeMap<i64, (Tally, WeightedTally)> = BTreeMap::new();
    for row in 0..batch.num_rows() {
        let (tally, weighted) = groups.entry(keys.value(row)).or_default();
        let score = u8::try_from(scores.value(row)).unwrap();
        tally.try_add(score).unwrap();
        weighted.try_add(score, weights.value(row)).unwrap();
    }
    groups
}

/// Writes `batch` to `files` Parquet files `<dir>/<stem>-<i>.parquet` of consecutive row ranges
/// (each with row groups of 65,536 rows) and returns their paths.
pub fn write_parquet(batch: &RecordBatch, dir: &Path, stem: &str, files: usize) -> Vec<String> {
    std::fs::create_dir_all(dir).unwrap();
    let per_file = batch.num_rows().div_ceil(files);
    (0..files)
        .map(|i| {
            let start = (i * per_file).min(batch.num_rows());
            let len = per_file.min(batch.num_rows() - start);
            let path = dir.join(format!("{stem}-{i:02}.parquet"));
            write_one(&batch.slice(start, len), &path);
            path.to_string_lossy().into_owned()
        })
        .collect()
}

/// Writes one Parquet file.
pub fn write_one(batch: &RecordBatch, path: &Path) {
    let mut writer = ArrowWriter::try_new(File::create(path).unwrap(), batch.schema(), None).unwrap();
    writer.write(batch).unwrap();
    writer.close().unwrap();
}

/// All result batches of a query as one.
pub fn one_batch(batches: &[RecordBatch]) -> Result<RecordBatch> {
    let schema = batches[0].schema();
    Ok(concat_batches(&schema, batches)?)
}
