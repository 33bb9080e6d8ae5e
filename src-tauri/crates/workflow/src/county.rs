//! The county's side: its units as a tree, and the summary (汇总) of the reports of the units
//! under it for one year.

use crate::{Result, WorkflowError};
use nianbao_report::edition::REPORT_YEARS;
use nianbao_report::{
    aggregate, aggregate_title, county_wide_differences, Aggregate, Edition, Finding, Report, Unit,
};
use nianbao_store::{Store, StoreError, UnitNode};
use std::collections::{HashMap, HashSet};

/// The summary of one unit's (the county's) units for one year, with what was not summed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountySummary {
    /// The sum; its report is titled as the county's 汇总表 and named “<county>（汇总）”, so
    /// that it never takes the place of the county government's own report.
    pub aggregate: Aggregate,
    /// Units under the county kept out as 垂直管理.
    pub vertical: Vec<String>,
    /// Units under the county, not 垂直管理, with no report for the year.
    pub missing: Vec<String>,
    /// Rule 11, when the county's own report is the county-wide one: where it differs from
    /// the sum.
    pub county_wide: Vec<Finding>,
}

/// The name the sum of `county`'s units goes under.
pub fn summary_unit_name(county: &str) -> String {
    format!("{county}（汇总）")
}

/// Sums the reports of `year` of the units directly under `county` in the store's tree,
/// leaving out the 垂直管理 ones, together with the county's own report; when `county_wide`,
/// the county's own report is instead the county-wide one, checked against the sum (rule 11).
/// The summary is in the edition most of the reports use (the year's own on a tie); the others
/// are named in it and left out. With no report to sum, the sum is all zeros and every unit is
/// missing. The store is read, never written.
pub fn summarize_county(
    store: &Store,
    county: &str,
    year: u16,
    county_wide: bool,
) -> Result<CountySummary> {
    if !REPORT_YEARS.contains(&year) {
        return Err(WorkflowError::InvalidYear(year));
    }
    let units = store.units()?;
    let head = units
        .iter()
        .find(|u| u.name == county)
        .ok_or_else(|| StoreError::UnitNotFound {
            name: county.into(),
        })?;
    let reports = store.load_year(year)?;
    let by_name: HashMap<&str, &Report> =
        reports.iter().map(|r| (r.unit.name.as_str(), r)).collect();
    let own = by_name.get(county).copied();
    let mut chosen: Vec<&Report> = Vec::new();
    if !county_wide {
        chosen.extend(own);
    }
    let (mut vertical, mut missing) = (Vec::new(), Vec::new());
    for u in units.iter().filter(|u| u.parent.as_deref() == Some(county)) {
        match (u.vertical, by_name.get(u.name.as_str())) {
            (true, _) => vertical.push(u.name.clone()),
            (false, Some(r)) => chosen.push(r),
            (false, None) => missing.push(u.name.clone()),
        }
    }
    let edition = main_edition(&chosen, year);
    // The county's address and telephone from its own report, when it has one.
    let mut unit = own.map_or_else(
        || Unit {
            name: String::new(),
            kind: head.kind,
            parent: None,
            address: String::new(),
            postcode: String::new(),
            phone: String::new(),
        },
        |r| r.unit.clone(),
    );
    unit.name = summary_unit_name(county);
    unit.kind = head.kind;
    unit.parent = head.parent.clone();
    let mut sum = aggregate(edition, year, unit, &chosen);
    sum.report.title = aggregate_title(county, year);
    let county_wide = match (county_wide, own) {
        (false, _) => Vec::new(),
        (true, Some(own)) => county_wide_differences(own, &sum),
        (true, None) => {
            return Err(WorkflowError::NotFound {
                unit: county.into(),
                year,
            })
        }
    };
    Ok(CountySummary {
        aggregate: sum,
        vertical,
        missing,
        county_wide,
    })
}

/// The edition most of `reports` use; the year's own on a tie.
fn main_edition(reports: &[&Report], year: u16) -> Edition {
    let own = Edition::for_year(year);
    let count = |e: Edition| reports.iter().filter(|r| r.edition == e).count();
    Edition::ALL
        .into_iter()
        .filter(|&e| e != own)
        .find(|&e| count(e) > count(own))
        .unwrap_or(own)
}

/// The units as a tree, depth first: each unit with its depth (0 for a unit with no parent),
/// children by name under their parent.
pub fn unit_tree(units: &[UnitNode]) -> Vec<(usize, &UnitNode)> {
    let names: HashSet<&str> = units.iter().map(|u| u.name.as_str()).collect();
    let mut children: HashMap<Option<&str>, Vec<&UnitNode>> = HashMap::new();
    for u in units {
        // A parent the list lacks makes a root, so that every unit is shown.
        let parent = u.parent.as_deref().filter(|p| names.contains(p));
        children.entry(parent).or_default().push(u);
    }
    for list in children.values_mut() {
        list.sort_by(|a, b| a.name.cmp(&b.name));
    }
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    let mut stack: Vec<(usize, &UnitNode)> = children
        .get(&None)
        .map(|roots| roots.iter().rev().map(|&u| (0, u)).collect())
        .unwrap_or_default();
    while let Some((depth, u)) = stack.pop() {
        if !seen.insert(u.name.as_str()) {
            continue;
        }
        out.push((depth, u));
        if let Some(list) = children.get(&Some(u.name.as_str())) {
            stack.extend(list.iter().rev().map(|&c| (depth + 1, c)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use nianbao_report::{sample_report, UnitKind, Value};

    fn node(name: &str, parent: Option<&str>, vertical: bool) -> UnitNode {
        UnitNode {
            name: name.into(),
            kind: UnitKind::Department,
            parent: parent.map(Into::into),
            vertical,
        }
    }

    fn report(name: &str, parent: &str, year: u16, n: u64) -> Report {
        let unit = Unit {
            name: name.into(),
            kind: UnitKind::Department,
            parent: Some(parent.into()),
            ..sample_report().unit
        };
        let mut r = Report::blank(unit, year);
        r.set_figure("applications.received.natural", Value::Count(n))
            .unwrap();
        r.set_figure("applications.granted.natural", Value::Count(n))
            .unwrap();
        r.fill_totals();
        r
    }

    #[test]
    fn the_tree_is_listed_depth_first_by_name() {
        let units = [
            node("县", None, false),
            node("乙局", Some("县"), false),
            node("甲局", Some("县"), false),
            node("甲局下属", Some("甲局"), false),
            node("孤儿", Some("不在列表"), false),
        ];
        let tree: Vec<(usize, &str)> = unit_tree(&units)
            .into_iter()
            .map(|(d, u)| (d, u.name.as_str()))
            .collect();
        assert_eq!(
            tree,
            [
                (0, "县"),
                (1, "乙局"),
                (1, "甲局"),
                (2, "甲局下属"),
                (0, "孤儿")
            ]
        );
    }

    #[test]
    fn the_county_sums_its_units_but_not_the_vertical_one_and_names_the_missing() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path().join("s.db")).unwrap();
        let county = "某县人民政府";
        let mut own = report(county, "某市人民政府", 2022, 1);
        store
            .save_all(&[
                own.clone(),
                report("县教育局", county, 2022, 2),
                report("县税务局", county, 2022, 40),
                report("城关镇", county, 2021, 7),
                report("别县的局", "别的县人民政府", 2022, 500),
            ])
            .unwrap();
        let mut tax = store.unit("县税务局").unwrap().unwrap();
        tax.vertical = true;
        store.update_unit(&tax).unwrap();
        let s = summarize_county(&store, county, 2022, false).unwrap();
        let r = &s.aggregate.report;
        assert_eq!(r.figures.count("applications.received.total"), 3);
        assert_eq!(r.unit.name, "某县人民政府（汇总）");
        assert_eq!(r.title, "某县人民政府2022年政府信息公开工作年度报告汇总表");
        assert_eq!(s.vertical, ["县税务局"]);
        assert_eq!(s.missing, ["城关镇"]);
        assert!(s.county_wide.is_empty());

        // The county government's report as the county-wide one: compared, not summed.
        let s = summarize_county(&store, county, 2022, true).unwrap();
        assert_eq!(
            s.aggregate
                .report
                .figures
                .count("applications.received.total"),
            2
        );
        assert_eq!(s.county_wide.len(), 2, "{:?}", s.county_wide);
        own.set_figure("applications.received.natural", Value::Count(2))
            .unwrap();
        own.set_figure("applications.granted.natural", Value::Count(2))
            .unwrap();
        own.fill_totals();
        store.save(&own).unwrap();
        let s = summarize_county(&store, county, 2022, true).unwrap();
        assert!(s.county_wide.is_empty(), "{:?}", s.county_wide);

        assert!(matches!(
            summarize_county(&store, "没有的县", 2022, false),
            Err(WorkflowError::Store(StoreError::UnitNotFound { .. }))
        ));
        let none = summarize_county(&store, county, 2030, false).unwrap();
        assert!(none.aggregate.summed.is_empty());
        assert_eq!(none.missing, ["县教育局", "城关镇"]);
    }
}
