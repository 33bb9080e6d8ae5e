//! The built-in sample: 舒城县人民政府's real 2020 report (2019 edition), word for word.

use crate::exchange::read_report;
use crate::model::Report;

const SAMPLE_JSON: &str = include_str!("../sample/shucheng-2020.json");

/// The sample report, as published.
pub fn sample_report() -> Report {
    read_report(SAMPLE_JSON.as_bytes()).expect("the built-in sample is a valid exchange file")
}

/// The sample as an exchange file, byte for byte as built in.
pub fn sample_json() -> &'static str {
    SAMPLE_JSON
}
