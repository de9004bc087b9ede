//! Writes an SVG chart of the NPS per quarter with its 95% interval band and a benchmark line.
//!
//! ```text
//! cargo run --features json --example trend_chart                         # bundled data → trend_chart.svg
//! cargo run --features json --example trend_chart -- survey.csv chart.svg # your export
//! ```
//!
//! The SVG is written by hand (a few dozen elements), so the example needs no plotting library.

#[path = "report/load.rs"]
mod load;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use nps_stats::{Quarter, Trend};

/// The published B2B average the chart compares with, in NPS points.
const BENCHMARK: f64 = -30.0;
const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 360.0;
const MARGIN: f64 = 56.0;

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let input = args.next().map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/data/b2b_survey.csv"),
        PathBuf::from,
    );
    let output = args.next().map_or_else(|| PathBuf::from("trend_chart.svg"), PathBuf::from);
    match run(&input, &output) {
        Ok(()) => {
            println!("wrote {}", output.display());
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(input: &Path, output: &Path) -> Result<(), String> {
    let survey = load::load(input, None)?;
    let trend = Trend::builder().by_period::<Quarter>(&survey.responses).map_err(|e| e.to_string())?;
    let points: Vec<(String, f64, f64, f64)> = trend
        .points
        .iter()
        .filter_map(|p| {
            p.estimate.as_ref().map(|e| (p.period.to_string(), e.nps, e.interval.lower, e.interval.upper))
        })
        .collect();
    let caption = format!(
        "NPS per quarter, 95% adjusted-Wald interval ({} answers, {} accounts)",
        survey.responses.len(),
        survey.summary.accounts
    );
    let svg = chart(&caption, &points).map_err(|e| e.to_string())?;
    std::fs::write(output, svg).map_err(|e| format!("cannot write {}: {e}", output.display()))
}

/// The chart for `(label, nps, lower, upper)` per period, oldest first.
fn chart(caption: &str, points: &[(String, f64, f64, f64)]) -> Result<String, std::fmt::Error> {
    // The vertical axis spans the data, the benchmark and zero, rounded out to 10 points.
    let low = points.iter().map(|p| p.2).fold(BENCHMARK.min(0.0), f64::min);
    let high = points.iter().map(|p| p.3).fold(BENCHMARK.max(0.0), f64::max);
    let (low, high) = ((low / 10.0).floor() * 10.0, (high / 10.0).ceil() * 10.0);
    let y = |value: f64| MARGIN + (high - value) / (high - low) * (HEIGHT - 2.0 * MARGIN);
    let step = (WIDTH - 2.0 * MARGIN) / points.len().saturating_sub(1).max(1) as f64;
    let x = |i: usize| MARGIN + i as f64 * step;

    let mut svg = String::new();
    writeln!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif" font-size="12">"#
    )?;
    writeln!(svg, r#"<title>NPS per quarter with 95% interval</title>"#)?;
    writeln!(svg, r#"<rect width="{WIDTH}" height="{HEIGHT}" fill="white"/>"#)?;
    // Grid lines and labels every 10 points.
    let mut tick = low;
    while tick <= high {
        let ty = y(tick);
        writeln!(
            svg,
            r##"<line class="grid" x1="{MARGIN}" y1="{ty:.1}" x2="{:.1}" y2="{ty:.1}" stroke="#e5e5e5"/>"##,
            WIDTH - MARGIN
        )?;
        writeln!(
            svg,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="end">{tick:.0}</text>"#,
            MARGIN - 6.0,
            ty + 4.0
        )?;
        tick += 10.0;
    }
    // The interval band: upper bounds left to right, then lower bounds right to left.
    let band: Vec<String> = points
        .iter()
        .enumerate()
        .map(|(i, p)| format!("{:.1},{:.1}", x(i), y(p.3)))
        .chain(points.iter().enumerate().rev().map(|(i, p)| format!("{:.1},{:.1}", x(i), y(p.2))))
        .collect();
    writeln!(
        svg,
        r##"<polygon class="interval" points="{}" fill="#4c78a8" fill-opacity="0.2"/>"##,
        band.join(" ")
    )?;
    let by = y(BENCHMARK);
    writeln!(
        svg,
        r##"<line class="benchmark" x1="{MARGIN}" y1="{by:.1}" x2="{:.1}" y2="{by:.1}" stroke="#e45756" stroke-dasharray="6 4"/>"##,
        WIDTH - MARGIN
    )?;
    writeln!(
        svg,
        r##"<text x="{:.1}" y="{:.1}" fill="#e45756">B2B benchmark {BENCHMARK:+.0}</text>"##,
        MARGIN + 6.0,
        by - 6.0
    )?;
    let line: Vec<String> =
        points.iter().enumerate().map(|(i, p)| format!("{:.1},{:.1}", x(i), y(p.1))).collect();
    writeln!(
        svg,
        r##"<polyline class="nps" points="{}" fill="none" stroke="#4c78a8" stroke-width="2"/>"##,
        line.join(" ")
    )?;
    for (i, (label, nps, lower, upper)) in points.iter().enumerate() {
        writeln!(
            svg,
            r##"<circle class="point" cx="{:.1}" cy="{:.1}" r="4" fill="#4c78a8"><title>{label}: NPS {nps:+.1}, 95% interval [{lower:+.1}, {upper:+.1}]</title></circle>"##,
            x(i),
            y(*nps)
        )?;
        writeln!(
            svg,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="middle">{label}</text>"#,
            x(i),
            HEIGHT - MARGIN + 20.0
        )?;
    }
    writeln!(svg, r#"<text x="{MARGIN}" y="{:.1}">{caption}</text>"#, MARGIN - 20.0)?;
    writeln!(svg, "</svg>")?;
    Ok(svg)
}
