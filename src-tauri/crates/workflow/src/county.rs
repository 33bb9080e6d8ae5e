//! The county's side: its units as a tree, and the summary (汇总) of the reports of the units
//! under it for one year.

use crate::clock::days_between;
use crate::listing::check;
use crate::{Format, Result, WorkflowError};
use nianbao_pdf::{FontSet, UnitList};
use nianbao_report::edition::REPORT_YEARS;
use nianbao_report::{
    aggregate_title, aggregate_with_progress, county_wide_differences, write_report, Aggregate,
    Date, Edition, Finding, Report, ReportStatus, Unit, UnitKind,
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
    summarize_county_with_progress(store, county, year, county_wide, &mut |_, _| {})
}

/// [`summarize_county`], calling `progress(done, total)` as each unit's report is summed.
pub fn summarize_county_with_progress(
    store: &Store,
    county: &str,
    year: u16,
    county_wide: bool,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<CountySummary> {
    let (units, reports) = county_and_reports(store, county, year)?;
    let head = &units[0];
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
    let mut sum = aggregate_with_progress(edition, year, unit, &chosen, progress);
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

impl CountySummary {
    /// The groups of units the 汇总表 names after its tables: summed, not yet sent, 垂直管理,
    /// of the other edition (or a duplicate).
    pub fn unit_lists(&self) -> Vec<UnitList> {
        let list = |heading: &str, units: Vec<String>| UnitList {
            heading: heading.into(),
            units,
        };
        let sum = &self.aggregate;
        vec![
            list(
                "计入汇总的单位",
                sum.summed.iter().map(|u| u.unit_name.clone()).collect(),
            ),
            list("尚未报送的单位", self.missing.clone()),
            list("垂直管理、未计入汇总的单位", self.vertical.clone()),
            list(
                "格式版本不同、未计入汇总的单位",
                sum.left_out.iter().map(|l| l.unit_name.clone()).collect(),
            ),
        ]
    }

    /// Whether the sum cannot stand as a final 汇总表: it breaks a hard rule or overflows a
    /// cell (a unit's own hard errors are summed as they stand and named, not refused).
    pub fn has_hard_findings(&self) -> bool {
        let sum = &self.aggregate;
        !sum.too_large.is_empty() || sum.findings.iter().any(Finding::is_error)
    }
}

/// The summary written as a file: the exchange file of the sum, or the 汇总表 PDF (the three
/// tables, then the units summed and those not; marked 草稿 when the sum breaks a hard rule).
/// What both `nianbao-cli aggregate` and the app's 导出 write.
pub fn write_summary(summary: &CountySummary, format: Format, fonts: &FontSet) -> Result<Vec<u8>> {
    let report = &summary.aggregate.report;
    match format {
        Format::Exchange => Ok(write_report(report).into_bytes()),
        Format::Pdf => Ok(nianbao_pdf::render_summary(
            report,
            &summary.unit_lists(),
            fonts,
            summary.has_hard_findings(),
        )?),
        _ => Err(WorkflowError::SummaryFormat(format)),
    }
}

/// The name the summary's file is offered under: its title (…年度报告汇总表.pdf), or
/// 某县人民政府（汇总）2021年报数据.json for the exchange file.
pub fn summary_file_name(summary: &CountySummary, format: Format) -> String {
    crate::output_file_name(&summary.aggregate.report, false, format)
}

/// One unit under a county in 报送情况.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitReturn {
    pub unit_name: String,
    pub kind: UnitKind,
    /// 垂直管理: listed, not summed.
    pub vertical: bool,
    /// The county itself (its own report is summed with its units').
    pub is_county: bool,
    /// The unit's report of the year, if the store has it.
    pub report: Option<ReturnedReport>,
    /// The file it came in, when it was imported (entered by hand: none).
    pub file_name: Option<String>,
    /// When that file came, UTC ISO 8601.
    pub received_at: Option<String>,
}

/// A unit's report as 报送情况 shows it: the list's status and counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReturnedReport {
    pub edition: Edition,
    pub status: ReportStatus,
    pub errors: usize,
    pub warnings: usize,
}

/// 报送情况: every unit under a county for one year, missing ones first, with the deadline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountyReturns {
    pub county: String,
    pub year: u16,
    /// 1月31日 of the next year (《条例》第四十九条: departments and townships report by then).
    pub deadline: Date,
    /// Days from `today` to the deadline; negative when it has passed (已逾期).
    pub days_left: i64,
    pub units: Vec<UnitReturn>,
}

/// 报送情况 of `county`'s units for `year` as of `today`: the county's own report and every unit
/// directly under it (the units the summary sums, and the 垂直管理 ones, marked), each with its
/// status as the list shows it and the file it came in. Missing units first, then the received,
/// then the 垂直管理 ones; by name within each.
pub fn county_returns(
    store: &Store,
    county: &str,
    year: u16,
    today: Date,
    fonts: &FontSet,
) -> Result<CountyReturns> {
    let (units, reports) = county_and_reports(store, county, year)?;
    let head = &units[0];
    let previous = store.load_year(year.saturating_sub(1))?;
    let by_name: HashMap<&str, &Report> =
        reports.iter().map(|r| (r.unit.name.as_str(), r)).collect();
    let previous: HashMap<&str, &Report> =
        previous.iter().map(|r| (r.unit.name.as_str(), r)).collect();
    let receipts: HashMap<String, nianbao_store::Receipt> = store
        .receipts(year)?
        .into_iter()
        .map(|r| (r.unit_name.clone(), r))
        .collect();
    let members =
        std::iter::once(head).chain(units.iter().filter(|u| u.parent.as_deref() == Some(county)));
    let mut out: Vec<UnitReturn> = members
        .map(|u| {
            let report = by_name.get(u.name.as_str()).map(|r| {
                let findings = check(r, previous.get(u.name.as_str()).copied(), fonts);
                let errors = findings.iter().filter(|f| f.is_error()).count();
                ReturnedReport {
                    edition: r.edition,
                    status: ReportStatus::of(r, &findings),
                    errors,
                    warnings: findings.len() - errors,
                }
            });
            let receipt = receipts.get(&u.name).filter(|_| report.is_some());
            UnitReturn {
                unit_name: u.name.clone(),
                kind: u.kind,
                vertical: u.vertical && u.name != county,
                is_county: u.name == county,
                report,
                file_name: receipt.map(|r| r.file_name.clone()),
                received_at: receipt.map(|r| r.received_at.clone()),
            }
        })
        .collect();
    let rank = |u: &UnitReturn| match (u.vertical, u.report.is_some()) {
        (false, false) => 0,
        (false, true) => 1,
        (true, _) => 2,
    };
    out.sort_by(|a, b| {
        rank(a)
            .cmp(&rank(b))
            .then_with(|| b.is_county.cmp(&a.is_county))
            .then_with(|| a.unit_name.cmp(&b.unit_name))
    });
    let deadline = Date::new(year + 1, 1, 31).expect("31 January exists");
    Ok(CountyReturns {
        county: county.into(),
        year,
        deadline,
        days_left: days_between(today, deadline),
        units: out,
    })
}

/// The store's units, the county's own node first, and every report of `year`; refused for a
/// year outside the format's years or a county not in the tree.
fn county_and_reports(
    store: &Store,
    county: &str,
    year: u16,
) -> Result<(Vec<UnitNode>, Vec<Report>)> {
    if !REPORT_YEARS.contains(&year) {
        return Err(WorkflowError::InvalidYear(year));
    }
    let mut units = store.units()?;
    let at =
        units
            .iter()
            .position(|u| u.name == county)
            .ok_or_else(|| StoreError::UnitNotFound {
                name: county.into(),
            })?;
    let head = units.remove(at);
    units.insert(0, head);
    Ok((units, store.load_year(year)?))
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

    #[test]
    fn returns_list_the_missing_first_with_status_and_the_file_received() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path().join("s.db")).unwrap();
        let county = "某县人民政府";
        let mut broken = report("县教育局", county, 2022, 2);
        broken
            .set_figure("applications.granted.natural", Value::Count(1))
            .unwrap();
        store
            .save_all(&[report(county, "某市人民政府", 2022, 1), broken])
            .unwrap();
        let received = report("城关镇", county, 2022, 3);
        store
            .save_received(&[(
                received,
                "城关镇2022.nianbao.json".into(),
                Some("2023-01-05T02:00:00Z".into()),
            )])
            .unwrap();
        for (name, vertical) in [("县税务局", true), ("白鹤乡", false), ("安平乡", false)]
        {
            store
                .add_unit(&UnitNode {
                    name: name.into(),
                    kind: UnitKind::Township,
                    parent: Some(county.into()),
                    vertical,
                })
                .unwrap();
        }
        let today = Date::new(2023, 1, 20).unwrap();
        let r = county_returns(&store, county, 2022, today, &FontSet::bundled()).unwrap();
        assert_eq!((r.deadline.iso(), r.days_left), ("2023-01-31".into(), 11));
        let names: Vec<&str> = r.units.iter().map(|u| u.unit_name.as_str()).collect();
        assert_eq!(
            names,
            ["安平乡", "白鹤乡", county, "县教育局", "城关镇", "县税务局"]
        );
        assert!(r.units[0].report.is_none() && !r.units[0].vertical);
        assert!(r.units[2].is_county);
        let town = &r.units[4];
        assert_eq!(town.file_name.as_deref(), Some("城关镇2022.nianbao.json"));
        assert!(town.received_at.as_deref().unwrap().starts_with("20"));
        assert_eq!(town.report.as_ref().unwrap().status, ReportStatus::Draft);
        let edu = &r.units[3];
        assert_eq!(edu.received_at, None, "entered by hand");
        let edu = edu.report.as_ref().unwrap();
        assert_eq!(
            (edu.status, edu.errors > 0),
            (ReportStatus::HasErrors, true)
        );
        assert!(r.units[5].vertical);
        let late = county_returns(
            &store,
            county,
            2022,
            Date::new(2023, 2, 4).unwrap(),
            &FontSet::bundled(),
        )
        .unwrap();
        assert_eq!(late.days_left, -4);
        assert!(matches!(
            county_returns(&store, "无此县", 2022, today, &FontSet::bundled()),
            Err(WorkflowError::Store(StoreError::UnitNotFound { .. }))
        ));
    }

    #[test]
    fn the_summary_is_written_as_an_exchange_file_or_a_pdf_naming_the_units() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path().join("s.db")).unwrap();
        let county = "某县人民政府";
        store
            .save_all(&[
                report(county, "某市人民政府", 2022, 1),
                report("县教育局", county, 2022, 2),
            ])
            .unwrap();
        store
            .add_unit(&UnitNode {
                name: "白鹤乡".into(),
                kind: UnitKind::Township,
                parent: Some(county.into()),
                vertical: false,
            })
            .unwrap();
        let mut seen = Vec::new();
        let s = summarize_county_with_progress(&store, county, 2022, false, &mut |d, t| {
            seen.push((d, t))
        })
        .unwrap();
        assert_eq!(seen.first(), Some(&(0, 2)));
        assert_eq!(seen.last(), Some(&(2, 2)));
        let fonts = FontSet::bundled();
        let json = write_summary(&s, Format::Exchange, &fonts).unwrap();
        let back = nianbao_report::read_report(&json).unwrap();
        assert_eq!(back.figures.count("applications.received.total"), 3);
        assert_eq!(back.unit.name, "某县人民政府（汇总）");
        let pdf = write_summary(&s, Format::Pdf, &fonts).unwrap();
        assert!(pdf.starts_with(b"%PDF"));
        assert!(!s.has_hard_findings());
        let lists = s.unit_lists();
        assert_eq!(lists[0].units, [county, "县教育局"]);
        assert_eq!(lists[1].units, ["白鹤乡"]);
        assert!(matches!(
            write_summary(&s, Format::Docx, &fonts),
            Err(WorkflowError::SummaryFormat(Format::Docx))
        ));
        assert_eq!(
            summary_file_name(&s, Format::Pdf),
            "某县人民政府2022年政府信息公开工作年度报告汇总表.pdf"
        );
        assert_eq!(
            summary_file_name(&s, Format::Exchange),
            "某县人民政府（汇总）2022年报数据.json"
        );
    }
}
