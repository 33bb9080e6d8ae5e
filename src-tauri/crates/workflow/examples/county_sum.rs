//! Benchmark (not a test): a county collects 100 units' 报送 files into a fresh store (with
//! every check of the collection, the units added under the county), then sums them. Prints
//! the time of each step.
//!
//! cargo run --release -p nianbao-workflow --example county_sum [-- RUNS]

use nianbao_report::edition::{self, TableId, ValueKind, APPLICATION_ADDEND_COLUMNS};
use nianbao_report::{write_sent_report, Money, Report, Unit, UnitKind, Value};
use nianbao_store::{Store, UnitNode};
use nianbao_workflow::{import_files, summarize_county, Choice, ImportOptions, Outcome};
use std::time::{Duration, Instant};

const COUNTY: &str = "某某县人民政府";
const UNITS: usize = 100;

/// A tiny deterministic generator, so every run sums the same county.
struct Dice(u64);
impl Dice {
    fn roll(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % below
    }
}

/// A unit's 2022 report with every figure filled and every hard rule kept.
fn unit_report(i: usize, dice: &mut Dice) -> Report {
    let unit = Unit {
        name: format!("第{i}单位"),
        kind: UnitKind::Department,
        parent: Some(COUNTY.into()),
        address: "某某县人民路1号".into(),
        postcode: "231300".into(),
        phone: "0564-1234567".into(),
    };
    let mut r = Report::blank(unit, 2022);
    for spec in edition::cells(r.edition).iter().filter(|s| !s.is_total()) {
        if spec.table == TableId::Applications
            && matches!(spec.row, "received" | "carried_in" | "carried_out")
        {
            continue;
        }
        let value = match spec.kind {
            ValueKind::Count => Value::Count(dice.roll(30)),
            ValueKind::Change => Value::Change(dice.roll(21) as i64 - 10),
            ValueKind::Money => Value::Money(Money(dice.roll(100_000_000_000))),
        };
        r.set_figure(&spec.key, value)
            .expect("a cell of the edition");
    }
    r.fill_totals();
    for c in APPLICATION_ADDEND_COLUMNS {
        let handled = r.figures.count(&format!("applications.handled_total.{c}"));
        for (row, n) in [("received", handled), ("carried_in", 0), ("carried_out", 0)] {
            r.set_figure(&format!("applications.{row}.{c}"), Value::Count(n))
                .expect("a cell of the edition");
        }
    }
    r.fill_totals();
    r
}

fn main() {
    let runs: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(5);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut dice = Dice(1);
    let files: Vec<_> = (0..UNITS)
        .map(|i| {
            let path = dir.path().join(format!("第{i}单位2022.nianbao.json"));
            let report = unit_report(i, &mut dice);
            std::fs::write(&path, write_sent_report(&report, "2023-01-20T02:00:00Z"))
                .expect("written");
            path
        })
        .collect();
    let (mut import, mut sum) = (Vec::new(), Vec::new());
    for run in 0..runs {
        let db = dir.path().join(format!("run{run}.db"));
        let start = Instant::now();
        let mut store = Store::open(&db).expect("a store");
        store
            .add_unit(&UnitNode {
                name: COUNTY.into(),
                kind: UnitKind::CountyGovernment,
                parent: None,
                vertical: false,
            })
            .expect("the county");
        let options = ImportOptions {
            county: Some(COUNTY.into()),
            year: Some(2022),
            choices: files
                .iter()
                .map(|f| (f.clone(), Choice::TakeFile))
                .collect(),
        };
        let imported = import_files(&mut store, &files, &options).expect("imported");
        assert!(imported
            .iter()
            .all(|i| matches!(i.outcome, Outcome::Saved(_))));
        let imported_at = Instant::now();
        let summary = summarize_county(&store, COUNTY, 2022, false).expect("summed");
        assert_eq!(summary.aggregate.summed.len(), UNITS);
        assert!(summary.aggregate.findings.is_empty());
        import.push(imported_at - start);
        sum.push(imported_at.elapsed());
    }
    let median = |v: &mut Vec<Duration>| {
        v.sort();
        v[v.len() / 2]
    };
    let (i, s) = (median(&mut import), median(&mut sum));
    println!(
        "{UNITS} units, median of {runs} runs: import {:.1} ms, sum {:.1} ms, together {:.1} ms",
        i.as_secs_f64() * 1e3,
        s.as_secs_f64() * 1e3,
        (i + s).as_secs_f64() * 1e3
    );
}
