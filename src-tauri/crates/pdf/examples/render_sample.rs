//! The rendering benchmark: the built-in sample report, in-process and as a
//! whole process, and the PDF's size.
//!
//!     cargo build --release -p nianbao-cli && cargo run --release -p nianbao-pdf --example render_sample -- [OUT.pdf] [RUNS]
//!
//! (The `cargo build` puts `nianbao-cli` beside the example, in the same
//! target directory; without it the example still runs and times itself.)
//!
//! Prints
//! - in-process: reading the sample's exchange file and one `render_report` (fonts
//!   set up, laid out, written), best and median of RUNS (default 10) after one
//!   warm-up run, and where the time goes (median of each stage): parse (the
//!   exchange file), layout, subset (fonts cut to the glyphs used), compress
//!   (deflate), write (content streams and the file's structure);
//! - whole process: `nianbao-cli render SAMPLE.json --out …` spawned RUNS
//!   times (best and median wall time), the way the desktop app's users and
//!   scripts run it — process start, reading the JSON, rendering, writing the
//!   file. When `nianbao-cli` is not built in the same target directory the
//!   example spawns itself in `--once` mode (same work minus JSON) instead;
//! - the PDF's size in bytes.
//!
//! OUT.pdf, when given, receives the PDF. No assertions: timings are for
//! people, not for tests.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use nianbao_pdf::{render_report, render_report_timed, FontSet, ReportOptions};
use nianbao_report::{read_report, sample_json, sample_report};

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--once") {
        // One render as a whole process (the fallback for the whole-process timing).
        let bytes = render_report(
            &sample_report(),
            &FontSet::bundled(),
            ReportOptions::default(),
        )
        .expect("the sample renders");
        std::fs::write(&args[1], bytes).expect("write the PDF");
        return;
    }
    let out = (!args.is_empty()).then(|| args.remove(0));
    let runs: usize = args
        .first()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10)
        .max(1);

    let report = sample_report();
    let mut bytes = render_report(&report, &FontSet::bundled(), ReportOptions::default())
        .expect("the sample renders");
    let mut times = Vec::with_capacity(runs);
    let mut stages: [Vec<f64>; 5] = Default::default();
    for _ in 0..runs {
        let start = Instant::now();
        let report = read_report(sample_json().as_bytes()).expect("the sample reads");
        let parse = start.elapsed().as_secs_f64();
        let (pdf, t) = render_report_timed(&report, &FontSet::bundled(), ReportOptions::default())
            .expect("the sample renders");
        times.push(start.elapsed().as_secs_f64() * 1000.0);
        bytes = pdf;
        for (stage, seconds) in stages
            .iter_mut()
            .zip([parse, t.layout, t.subset, t.compress, t.write])
        {
            stage.push(seconds * 1000.0);
        }
    }
    let (best, median) = best_median(&mut times);
    println!("in-process    read + render_report(sample): best {best:.1} ms, median {median:.1} ms over {runs} runs");
    let names = ["parse", "layout", "subset", "compress", "write"];
    let breakdown: Vec<String> = names
        .iter()
        .zip(stages.iter_mut())
        .map(|(name, t)| format!("{name} {:.2}", best_median(t).1))
        .collect();
    println!("  median ms by stage: {}", breakdown.join(", "));
    println!("  (subset and compress: time on all threads, overlapping each other and write)");

    let dir = std::env::temp_dir().join(format!("nianbao-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let json = dir.join("sample.json");
    let pdf = dir.join("sample.pdf");
    std::fs::write(&json, sample_json()).expect("write the sample");
    let (label, mut command) = whole_process_command(&json, &pdf);
    let mut times = Vec::with_capacity(runs);
    for i in 0..=runs {
        let start = Instant::now();
        let status = command.status().expect("spawn the renderer");
        let elapsed = start.elapsed().as_secs_f64() * 1000.0;
        assert!(status.success(), "{label} failed");
        if i > 0 {
            times.push(elapsed); // the first run only warms the page cache
        }
    }
    let (best, median) = best_median(&mut times);
    let spawned = std::fs::metadata(&pdf).map(|m| m.len()).unwrap_or(0);
    println!("whole process {label}: best {best:.1} ms, median {median:.1} ms over {runs} runs");
    println!(
        "PDF           {} bytes ({:.0} KB){}",
        bytes.len(),
        bytes.len() as f64 / 1024.0,
        if spawned == bytes.len() as u64 {
            ""
        } else {
            " — the spawned render differs in size"
        }
    );
    let _ = std::fs::remove_dir_all(&dir);
    if let Some(path) = out {
        std::fs::write(&path, &bytes).expect("write the PDF");
    }
}

/// `nianbao-cli render JSON --out PDF` when the CLI is built next to this
/// example, else this example in `--once` mode.
fn whole_process_command(json: &Path, pdf: &Path) -> (String, Command) {
    let me = std::env::current_exe().expect("own path");
    // target/<profile>/examples/render_sample → target/<profile>/nianbao-cli
    let cli: Option<PathBuf> = me
        .parent()
        .and_then(Path::parent)
        .map(|d| d.join(format!("nianbao-cli{}", std::env::consts::EXE_SUFFIX)))
        .filter(|p| p.is_file());
    match cli {
        Some(cli) => {
            let mut c = Command::new(&cli);
            c.arg("render")
                .arg(json)
                .arg("--out")
                .arg(pdf)
                .stdout(Stdio::null());
            ("`nianbao-cli render sample.json`".to_owned(), c)
        }
        None => {
            let mut c = Command::new(&me);
            c.arg("--once").arg(pdf);
            (
                "`render_sample --once` (nianbao-cli not built)".to_owned(),
                c,
            )
        }
    }
}

fn best_median(times: &mut [f64]) -> (f64, f64) {
    times.sort_by(f64::total_cmp);
    (times[0], times[times.len() / 2])
}
