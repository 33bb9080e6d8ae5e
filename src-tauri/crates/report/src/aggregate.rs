//! The summary (汇总): a county's tables as the cell-by-cell sum of its units' tables, with what
//! each unit gives to every cell, and rule 11 (a county-wide report that differs from the sum).

use crate::edition::{self, Edition, ValueKind};
use crate::model::{Report, Unit};
use crate::validate::{validate, Finding, Severity};
use crate::value::Value;
use std::collections::{BTreeMap, HashSet};

/// One unit's share of a summed cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contribution {
    pub unit_name: String,
    pub value: Value,
}

/// A unit whose report went into the sum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummedUnit {
    pub unit_name: String,
    /// The hard rules the unit's own report breaks (summed all the same, as it stands).
    pub hard_findings: Vec<Finding>,
}

/// Why a report given to [`aggregate`] was not summed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeftOutReason {
    /// The report is in the other edition: its cells are not the summary's cells.
    OtherEdition,
    /// The report is about another year.
    OtherYear,
    /// The unit's report was already summed.
    Duplicate,
}

/// A report given to [`aggregate`] and not summed, named so the clerk can see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftOut {
    pub unit_name: String,
    pub year: u16,
    pub edition: Edition,
    pub reason: LeftOutReason,
}

impl LeftOut {
    /// Why the report was left out, in a sentence for the clerk.
    pub fn message(&self, summary: Edition) -> String {
        match self.reason {
            LeftOutReason::OtherEdition => format!(
                "“{}”{}年的报告使用{}年版格式，与汇总所用的{}年版不同，未计入汇总。",
                self.unit_name,
                self.year,
                self.edition.code(),
                summary.code()
            ),
            LeftOutReason::OtherYear => format!(
                "“{}”的报告是{}年的，不是汇总的年度，未计入汇总。",
                self.unit_name, self.year
            ),
            LeftOutReason::Duplicate => format!(
                "“{}”{}年的报告重复出现，只计入一次。",
                self.unit_name, self.year
            ),
        }
    }
}

/// The summary of one year's reports of several units.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Aggregate {
    /// The summed tables as a report of the summary's unit, titled as a 汇总表, totals filled;
    /// its prose is empty.
    pub report: Report,
    /// The units summed, in the order given.
    pub summed: Vec<SummedUnit>,
    /// The reports given but not summed.
    pub left_out: Vec<LeftOut>,
    /// Drill-down: for every cell, each summed unit that gives it a value other than zero,
    /// with that value (for a total, the unit's own total as its report holds it).
    pub contributions: BTreeMap<String, Vec<Contribution>>,
    /// The summed tables checked by the table rules (1–4); prose rules do not apply to a 汇总表.
    pub findings: Vec<Finding>,
    /// Cells whose sum exceeds what a cell can hold (it holds the largest value instead).
    pub too_large: Vec<String>,
}

impl Aggregate {
    /// What each summed unit gives to one cell (empty when none gives anything).
    pub fn contributions_to(&self, key: &str) -> &[Contribution] {
        self.contributions.get(key).map_or(&[], Vec::as_slice)
    }

    /// Whether a summed unit's report breaks a hard rule.
    pub fn units_have_hard_findings(&self) -> bool {
        self.summed.iter().any(|u| !u.hard_findings.is_empty())
    }
}

/// The title of a summary: “<unit><year>年政府信息公开工作年度报告汇总表”.
pub fn aggregate_title(unit_name: &str, year: u16) -> String {
    format!("{unit_name}{year}年政府信息公开工作年度报告汇总表")
}

/// Sums, cell by cell, every figure that is not a total of the `reports` of `year` in
/// `edition`, then fills the totals; reports of another edition or year, and a unit's second
/// report, are named in [`Aggregate::left_out`] and not summed. Change (本年增/减) and money
/// add exactly. `unit` is the body the summary is made for.
pub fn aggregate(edition: Edition, year: u16, unit: Unit, reports: &[&Report]) -> Aggregate {
    aggregate_with_progress(edition, year, unit, reports, &mut |_, _| {})
}

/// [`aggregate`], calling `progress(done, total)` as each report given has been looked at
/// (checked, for the summed ones), so that a window can count a county of many units.
pub fn aggregate_with_progress(
    edition: Edition,
    year: u16,
    unit: Unit,
    reports: &[&Report],
    progress: &mut dyn FnMut(usize, usize),
) -> Aggregate {
    let mut report = Report::blank(unit, year);
    if report.edition != edition {
        report.change_edition(edition);
    }
    report.title = aggregate_title(&report.unit.name, year);
    let mut summed = Vec::new();
    let mut left_out = Vec::new();
    let mut seen = HashSet::new();
    let mut chosen: Vec<&Report> = Vec::new();
    for (done, &r) in reports.iter().enumerate() {
        progress(done, reports.len());
        let reason = if r.year != year {
            Some(LeftOutReason::OtherYear)
        } else if r.edition != edition {
            Some(LeftOutReason::OtherEdition)
        } else if !seen.insert(r.unit.name.as_str()) {
            Some(LeftOutReason::Duplicate)
        } else {
            None
        };
        match reason {
            Some(reason) => left_out.push(LeftOut {
                unit_name: r.unit.name.clone(),
                year: r.year,
                edition: r.edition,
                reason,
            }),
            None => {
                summed.push(SummedUnit {
                    unit_name: r.unit.name.clone(),
                    hard_findings: validate(r, None)
                        .into_iter()
                        .filter(Finding::is_error)
                        .collect(),
                });
                chosen.push(r);
            }
        }
    }
    progress(reports.len(), reports.len());
    let mut contributions = BTreeMap::new();
    let mut too_large = Vec::new();
    for spec in edition::cells(edition) {
        let mut sum: i128 = 0;
        let mut parts = Vec::new();
        for r in &chosen {
            let value = r.figures.get(&spec.key).unwrap_or(Value::zero(spec.kind));
            let n = value.as_i64();
            if n != 0 {
                sum += i128::from(n);
                parts.push(Contribution {
                    unit_name: r.unit.name.clone(),
                    value,
                });
            }
        }
        if !parts.is_empty() {
            contributions.insert(spec.key.clone(), parts);
        }
        if spec.is_total() {
            continue;
        }
        let value = i64::try_from(sum)
            .ok()
            .and_then(|n| Value::from_i64(spec.kind, n))
            .unwrap_or_else(|| {
                too_large.push(spec.key.clone());
                largest(spec.kind, sum < 0)
            });
        report
            .set_figure(&spec.key, value)
            .expect("a cell of the edition, of its kind");
    }
    report.fill_totals();
    let findings = validate(&report, None)
        .into_iter()
        .filter(|f| f.section.is_none())
        .collect();
    Aggregate {
        report,
        summed,
        left_out,
        contributions,
        findings,
        too_large,
    }
}

/// The largest value (or, for a change, the most negative) a cell of `kind` holds.
fn largest(kind: ValueKind, negative: bool) -> Value {
    let max = match kind {
        ValueKind::Money => crate::value::MAX_MONEY.0 as i64,
        _ => crate::value::MAX_COUNT as i64,
    };
    let n = if negative { -max } else { max };
    Value::from_i64(kind, n).unwrap_or(Value::zero(kind))
}

/// Rule 11 (warning): every cell, other than the totals, in which the county-wide report
/// `county_wide` differs from the sum of its units.
pub fn county_wide_differences(county_wide: &Report, sum: &Aggregate) -> Vec<Finding> {
    let edition = sum.report.edition;
    let finding = |message: String| Finding::new(11, Severity::Warning, message);
    if county_wide.edition != edition || county_wide.year != sum.report.year {
        return vec![finding(format!(
            "全县报告（{}{}年，{}年版格式）与汇总（{}年，{}年版格式）不是同一年度或同一版格式，无法逐格核对。",
            county_wide.unit.name,
            county_wide.year,
            county_wide.edition.code(),
            sum.report.year,
            edition.code()
        ))];
    }
    let mut out = Vec::new();
    for spec in edition::cells(edition).iter().filter(|s| !s.is_total()) {
        let zero = Value::zero(spec.kind);
        let expected = sum.report.figures.get(&spec.key).unwrap_or(zero);
        let found = county_wide.figures.get(&spec.key).unwrap_or(zero);
        if expected != found {
            out.push(
                finding(format!(
                    "{}“{}”行“{}”列：全县报告填的是{found}，各单位之和为{expected}，请核对。",
                    spec.table.label(),
                    spec.row_label,
                    spec.column_label
                ))
                .in_table(spec.table, Some(spec.row), Some(spec.column))
                .cells(vec![spec.key.clone()])
                .values(expected, found),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::UnitKind;
    use crate::value::Money;

    fn unit(name: &str) -> Unit {
        Unit {
            name: name.into(),
            kind: UnitKind::Department,
            parent: Some("某县人民政府".into()),
            address: String::new(),
            postcode: String::new(),
            phone: String::new(),
        }
    }

    fn report(name: &str, year: u16, n: u64) -> Report {
        let mut r = Report::blank(unit(name), year);
        r.set_figure("applications.received.natural", Value::Count(n))
            .unwrap();
        r.set_figure("applications.granted.natural", Value::Count(n))
            .unwrap();
        r.fill_totals();
        r
    }

    #[test]
    fn changes_and_money_add_exactly_and_totals_are_filled() {
        let mut a = report("甲局", 2020, 2);
        let mut b = report("乙局", 2020, 3);
        a.set_figure("proactive.licensing.change", Value::Change(-5))
            .unwrap();
        b.set_figure("proactive.licensing.change", Value::Change(2))
            .unwrap();
        a.set_figure("proactive.procurement.amount", Value::Money(Money(10_000)))
            .unwrap();
        b.set_figure("proactive.procurement.amount", Value::Money(Money(1)))
            .unwrap();
        let sum = aggregate(Edition::E2019, 2020, unit("某县"), &[&a, &b]);
        let f = &sum.report.figures;
        assert_eq!(f.get("proactive.licensing.change"), Some(Value::Change(-3)));
        assert_eq!(
            f.get("proactive.procurement.amount"),
            Some(Value::Money(Money(10_001)))
        );
        assert_eq!(f.count("applications.received.total"), 5);
        assert_eq!(f.count("applications.handled_total.total"), 5);
        assert!(sum.findings.is_empty(), "{:?}", sum.findings);
        assert_eq!(sum.report.title, "某县2020年政府信息公开工作年度报告汇总表");
        let parts = sum.contributions_to("proactive.licensing.change");
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].unit_name, "甲局");
        assert_eq!(parts[0].value, Value::Change(-5));
        assert!(sum.contributions_to("appeals.review.total").is_empty());
    }

    #[test]
    fn other_editions_years_and_duplicates_are_named_not_summed() {
        let a = report("甲局", 2021, 1);
        let old = report("乙局", 2020, 7);
        let mut other = report("丙局", 2021, 9);
        other.change_edition(Edition::E2019);
        let again = report("甲局", 2021, 4);
        let sum = aggregate(
            Edition::E2021,
            2021,
            unit("某县"),
            &[&a, &old, &other, &again],
        );
        assert_eq!(sum.report.figures.count("applications.received.total"), 1);
        let reasons: Vec<_> = sum.left_out.iter().map(|l| l.reason).collect();
        assert_eq!(
            reasons,
            [
                LeftOutReason::OtherYear,
                LeftOutReason::OtherEdition,
                LeftOutReason::Duplicate
            ]
        );
        assert!(sum.left_out[1]
            .message(Edition::E2021)
            .contains("“丙局”2021年的报告使用2019年版格式"));
    }

    #[test]
    fn a_broken_unit_is_summed_as_it_stands_and_named() {
        let mut a = report("甲局", 2021, 1);
        a.set_figure("applications.carried_out.natural", Value::Count(4))
            .unwrap();
        a.fill_totals();
        let sum = aggregate(Edition::E2021, 2021, unit("某县"), &[&a]);
        assert!(sum.units_have_hard_findings());
        assert!(sum.summed[0].hard_findings.iter().all(|f| f.rule == 1));
        assert!(sum.findings.iter().any(|f| f.rule == 1));
    }

    #[test]
    fn sums_beyond_a_cell_are_held_at_the_largest_and_named() {
        let big: Vec<Report> = (0..3)
            .map(|i| report(&format!("单位{i}"), 2021, crate::value::MAX_COUNT / 2))
            .collect();
        let refs: Vec<&Report> = big.iter().collect();
        let sum = aggregate(Edition::E2021, 2021, unit("某县"), &refs);
        assert!(sum
            .too_large
            .contains(&"applications.received.natural".to_string()));
        assert_eq!(
            sum.report.figures.count("applications.received.natural"),
            crate::value::MAX_COUNT
        );
    }

    /// A tiny deterministic generator, so the county is the same every run.
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

    /// A unit's 2021 report with random figures that keep every hard rule.
    fn random_report(name: &str, year: u16, dice: &mut Dice) -> Report {
        let mut r = Report::blank(unit(name), year);
        for spec in edition::cells(r.edition).iter().filter(|s| !s.is_total()) {
            if spec.table == crate::edition::TableId::Applications
                && matches!(spec.row, "received" | "carried_in" | "carried_out")
            {
                continue;
            }
            let value = match spec.kind {
                ValueKind::Count => Value::Count(dice.roll(40)),
                ValueKind::Change => Value::Change(dice.roll(21) as i64 - 10),
                ValueKind::Money => Value::Money(Money(dice.roll(1_000_000_000))),
            };
            r.set_figure(&spec.key, value).unwrap();
        }
        r.fill_totals();
        // 一 + 二 = （七） + 四, column by column (rule 1).
        for c in crate::edition::APPLICATION_ADDEND_COLUMNS {
            let handled = r.figures.count(&format!("applications.handled_total.{c}"));
            let carried_out = dice.roll(5);
            let carried_in = dice.roll(handled + carried_out + 1);
            for (row, n) in [
                ("carried_out", carried_out),
                ("carried_in", carried_in),
                ("received", handled + carried_out - carried_in),
            ] {
                r.set_figure(&format!("applications.{row}.{c}"), Value::Count(n))
                    .unwrap();
            }
        }
        r.fill_totals();
        assert!(validate(&r, None).iter().all(|f| !f.is_error()));
        r
    }

    #[test]
    fn a_county_of_thirty_units_sums_cell_by_cell() {
        let mut dice = Dice(9);
        let units: Vec<Report> = (0..30)
            .map(|i| random_report(&format!("第{i}单位"), 2021, &mut dice))
            .collect();
        let vertical = random_report("县税务局", 2021, &mut dice);
        let mut other_edition = random_report("旧格式乡", 2021, &mut dice);
        other_edition.change_edition(Edition::E2019);
        let all: Vec<(&Report, bool)> = units
            .iter()
            .map(|r| (r, false))
            .chain([(&vertical, true), (&other_edition, false)])
            .collect();
        // The caller leaves the 垂直管理 unit out.
        let given: Vec<&Report> = all.iter().filter(|(_, v)| !v).map(|(r, _)| *r).collect();
        let sum = aggregate(Edition::E2021, 2021, unit("某县"), &given);
        assert_eq!(sum.summed.len(), 30);
        assert_eq!(sum.left_out.len(), 1);
        assert_eq!(sum.left_out[0].unit_name, "旧格式乡");
        assert!(sum.findings.is_empty(), "{:?}", sum.findings);
        assert!(!sum.units_have_hard_findings());
        for spec in edition::cells(Edition::E2021) {
            // Independently: each unit's own cell (its totals as its report holds them).
            let expected: i64 = units
                .iter()
                .map(|r| r.figures.get(&spec.key).unwrap().as_i64())
                .sum();
            let found = sum.report.figures.get(&spec.key).unwrap();
            assert_eq!(found.kind(), spec.kind);
            assert_eq!(found.as_i64(), expected, "{}", spec.key);
            let drilled: i64 = sum
                .contributions_to(&spec.key)
                .iter()
                .map(|c| c.value.as_i64())
                .sum();
            assert_eq!(drilled, expected, "{}", spec.key);
        }
        assert!(sum
            .contributions
            .values()
            .flatten()
            .all(|c| c.unit_name != "县税务局" && c.unit_name != "旧格式乡"));
        // The county-wide report that is the sum passes rule 11; one cell off is named.
        let mut county = sum.report.clone();
        assert!(county_wide_differences(&county, &sum).is_empty());
        county
            .set_figure("proactive.fees.amount", Value::Money(Money(1)))
            .unwrap();
        let found = county_wide_differences(&county, &sum);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].cells, ["proactive.fees.amount"]);
    }

    #[test]
    fn rule_11_names_each_cell_the_county_wide_report_gets_wrong() {
        let a = report("甲局", 2021, 2);
        let b = report("乙局", 2021, 3);
        let sum = aggregate(Edition::E2021, 2021, unit("某县"), &[&a, &b]);
        let mut county = report("某县人民政府", 2021, 5);
        assert!(county_wide_differences(&county, &sum).is_empty());
        county
            .set_figure("applications.granted.natural", Value::Count(4))
            .unwrap();
        county
            .set_figure("applications.partial.natural", Value::Count(1))
            .unwrap();
        county.fill_totals();
        let found = county_wide_differences(&county, &sum);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found.iter().all(|f| f.rule == 11 && !f.is_error()));
        assert_eq!(found[0].cells, ["applications.granted.natural"]);
        assert!(found[0]
            .message
            .contains("表三“（一）予以公开”行“自然人”列：全县报告填的是4，各单位之和为5"));
        let old = report("某县人民政府", 2020, 5);
        assert_eq!(county_wide_differences(&old, &sum).len(), 1);
    }
}
