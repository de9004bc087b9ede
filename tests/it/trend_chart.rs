//! The chart example writes a valid SVG with one point per quarter, an interval band that contains
//! every point, and the benchmark line.

use std::path::PathBuf;
use std::process::Command;

fn example_binary(name: &str) -> PathBuf {
    let mut dir = std::env::current_exe().expect("the test binary has a path");
    dir.pop();
    if dir.ends_with("deps") {
        dir.pop();
    }
    let binary = dir.join("examples").join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    assert!(binary.exists(), "build the examples first (cargo test builds them): {}", binary.display());
    binary
}

fn coordinates(points: &str) -> Vec<(f64, f64)> {
    points
        .split_whitespace()
        .map(|pair| {
            let (x, y) = pair.split_once(',').expect("x,y");
            (x.parse().expect("x"), y.parse().expect("y"))
        })
        .collect()
}

#[test]
fn chart_is_a_valid_svg_with_points_band_and_benchmark() {
    let dir = std::env::temp_dir().join(format!("nps-stats-chart-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temporary directory");
    let svg_path = dir.join("chart.svg");
    let data = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/b2b_survey.csv");
    let output = Command::new(example_binary("trend_chart")).arg(data).arg(&svg_path).output().expect("runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));

    let text = std::fs::read_to_string(&svg_path).expect("the chart was written");
    let doc = roxmltree::Document::parse(&text).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(root.tag_name().namespace(), Some("http://www.w3.org/2000/svg"));

    let with_class = |class: &str| {
        doc.descendants().filter(move |n| n.attribute("class") == Some(class)).collect::<Vec<_>>()
    };
    // Four quarters in the bundled data: 2025-Q4 to 2026-Q3.
    let circles = with_class("point");
    assert_eq!(circles.len(), 4);
    for quarter in ["2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"] {
        assert!(doc.descendants().any(|n| n.text() == Some(quarter)), "label {quarter}");
    }
    // The NPS of 2026-Q3 is −29.9 (tests/data/report_reference.py), shown in the point's tooltip.
    assert!(text.contains("2026-Q3: NPS -29.9"), "{text}");

    // The band is a closed polygon of 2 × 4 corners; at each quarter the point lies between the
    // band's upper (smaller y) and lower edges.
    let band = coordinates(with_class("interval")[0].attribute("points").expect("points"));
    assert_eq!(band.len(), 8);
    for (i, circle) in circles.iter().enumerate() {
        let cy: f64 = circle.attribute("cy").expect("cy").parse().expect("number");
        let (upper, lower) = (band[i].1, band[7 - i].1);
        assert!(upper <= cy && cy <= lower, "quarter {i}: {upper} <= {cy} <= {lower}");
    }
    assert_eq!(coordinates(with_class("nps")[0].attribute("points").expect("points")).len(), 4);
    assert_eq!(with_class("benchmark").len(), 1);
    assert!(doc.descendants().any(|n| n.text() == Some("B2B benchmark -30")));
}
