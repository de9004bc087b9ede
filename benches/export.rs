//! Reading a survey export: 10⁶ rows of CSV through the export reader, beside the `csv` crate's own
//! raw `StringRecord` reading of the same bytes (the baseline: what any CSV reader must do) and
//! `csv` + serde into `Vec<Response>`. Before the timings it prints the reader's peak memory per row
//! (Linux: the peak resident set during one read, from `/proc/self/status`).

mod common;

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, SamplingMode, Throughput};
use nps_stats::Response;
use nps_stats::export::Reader;

use common::{SEED, SplitMix, scores};

const ROWS: usize = 1_000_000;
const QUESTION: &str = "How likely are you to recommend us to a friend or colleague?";

/// A survey tool's export: ISO timestamps, 2,000 accounts with grouped ARR, 50,000 contacts
/// answering about 20 times each, three roles, ten industries, a comment on one row in eight.
fn export() -> Vec<u8> {
    let mut rng = SplitMix::new(SEED);
    let scores = scores(ROWS, &mut rng);
    let roles = ["decision maker", "influencer", "end user"];
    let industries = [
        "staffing",
        "catering",
        "IT software",
        "IT hardware",
        "accountancy",
        "telecom",
        "energy",
        "credit",
        "insurance",
        "waste",
    ];
    let mut text = format!("Submitted at,Company,Contact,Role,Industry,ARR,\"{QUESTION}\",Comment\n");
    for score in scores {
        let account = rng.below(2_000);
        let arr = 1_000 + account * 997 % 2_000_000;
        let day = rng.below(28) + 1;
        let month = rng.below(12) + 1;
        let contact = rng.below(50_000);
        let role = roles[rng.below(3) as usize];
        let industry = industries[(account % 10) as usize];
        let comment = if rng.below(8) == 0 { "\"Slow, but friendly.\"" } else { "" };
        let arr = grouped(arr);
        text.push_str(&format!(
            "2026-{month:02}-{day:02}T10:30:00Z,A{account:05},C{contact:06},{role},{industry},\"{arr}.50\",{score},{comment}\n"
        ));
    }
    text.into_bytes()
}

/// `1234567` as `1,234,567`.
fn grouped(amount: u64) -> String {
    let digits = amount.to_string();
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

fn reader() -> Reader {
    Reader::new()
        .score(QUESTION)
        .account("Company")
        .respondent("Contact")
        .role("Role")
        .period("Submitted at")
        .value("ARR")
        .comment("Comment")
        .segment("branch", "Industry")
}

/// Mapping serde's field names onto the export's columns, for `csv` + serde.
fn serde_bytes(bytes: &[u8]) -> Vec<u8> {
    let end = bytes.iter().position(|&b| b == b'\n').unwrap_or(0);
    let mut renamed = b"period,account,respondent,role,branch,arr,score,comment".to_vec();
    renamed.extend_from_slice(&bytes[end..]);
    renamed
}

/// A field of `/proc/self/status` in bytes (Linux), such as `VmHWM` (peak) or `VmRSS` (now).
fn status(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with(field))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

/// The reader's peak memory per row: the peak resident set during one read minus the resident set
/// before it (the input bytes are already resident), over the rows; and what stays after it.
fn memory_note(bytes: &[u8]) {
    // Writing 5 to clear_refs resets the peak (Linux 4.0 and later).
    let reset = std::fs::write("/proc/self/clear_refs", "5").is_ok();
    let before = status("VmRSS:");
    let survey = reader().read(bytes).expect("the generated export reads");
    let (peak, after) = (status("VmHWM:"), status("VmRSS:"));
    match (reset, before, peak, after) {
        (true, Some(before), Some(peak), Some(after)) => {
            let per_row = |bytes: u64| bytes as f64 / ROWS as f64;
            println!(
                "export reader, {ROWS} rows ({:.1} MB of CSV, {:.0} bytes a row): peak {:.0} bytes a row while \
                 reading, {:.0} bytes a row held by the result",
                bytes.len() as f64 / 1e6,
                per_row(bytes.len() as u64),
                per_row(peak.saturating_sub(before)),
                per_row(after.saturating_sub(before)),
            );
        }
        _ => println!("export reader: peak memory not measured (needs Linux /proc)"),
    }
    assert_eq!(survey.summary.answers, ROWS as u64);
    drop(black_box(survey));
}

fn benches(c: &mut Criterion) {
    let bytes = export();
    memory_note(&bytes);
    let renamed = serde_bytes(&bytes);
    let mut group = c.benchmark_group("export_1e6_rows");
    group.sampling_mode(SamplingMode::Flat).sample_size(10);
    group.warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(10));
    group.throughput(Throughput::Elements(ROWS as u64));

    group.bench_function("baseline_csv_string_records", |b| {
        b.iter(|| {
            let mut reader = csv::Reader::from_reader(black_box(bytes.as_slice()));
            let mut record = csv::StringRecord::new();
            let mut cells = 0usize;
            while reader.read_record(&mut record).expect("valid CSV") {
                cells += record.len();
            }
            cells
        })
    });
    group.bench_function("csv_serde_into_responses", |b| {
        b.iter(|| {
            let mut reader = csv::Reader::from_reader(black_box(renamed.as_slice()));
            reader.deserialize::<Response>().collect::<Result<Vec<_>, _>>().map(|r| r.len())
        })
    });
    group.bench_function("export_reader", |b| {
        b.iter(|| reader().read(black_box(bytes.as_slice())).map(|s| s.responses.len()))
    });
    group.finish();
}

fn main() {
    let mut criterion = Criterion::default().configure_from_args();
    benches(&mut criterion);
    criterion.final_summary();
}
