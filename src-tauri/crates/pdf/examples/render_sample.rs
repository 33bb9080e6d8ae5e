//! Renders the built-in sample report and reports the time and size.
//!
//!     cargo run --release -p nianbao-pdf --example render_sample -- [OUT.pdf] [RUNS]
//!
//! Prints the in-process time of one render (fonts loaded, laid out, written;
//! best and median of RUNS, default 10) and the PDF's size; writes the PDF to
//! OUT.pdf when given. Time the whole process with `time` around the command.

use std::time::Instant;

use nianbao_pdf::{render_report, FontSet, ReportOptions};
use nianbao_report::sample_report;

fn main() {
    let mut args = std::env::args().skip(1);
    let out = args.next();
    let runs: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(10);
    let report = sample_report();
    let mut times = Vec::with_capacity(runs);
    let mut bytes = Vec::new();
    for _ in 0..runs.max(1) {
        let start = Instant::now();
        bytes = render_report(&report, &FontSet::bundled(), ReportOptions::default())
            .expect("the sample renders");
        times.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "render_report(sample): best {:.1} ms, median {:.1} ms over {} runs; {} bytes",
        times[0],
        times[times.len() / 2],
        times.len(),
        bytes.len()
    );
    if let Some(path) = out {
        std::fs::write(&path, &bytes).expect("write the PDF");
    }
}
