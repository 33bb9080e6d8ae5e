//! The county's and the backup's commands against a real store on disk.

use super::{backup, county, reports};
use crate::county_dto::UnitNodeDto;
use crate::dto::*;
use crate::AppState;
use nianbao_report::{sample_report, ReportStatus, UnitKind};
use nianbao_store::Store;

const COUNTY: &str = "舒城县人民政府";

fn state() -> (tempfile::TempDir, AppState) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("nianbao.db")).unwrap();
    store.save(&sample_report()).unwrap();
    (dir, AppState::new(store))
}

fn node(name: &str, parent: &str, vertical: bool) -> UnitNodeDto {
    UnitNodeDto {
        name: name.into(),
        kind: UnitKind::Township,
        parent: Some(parent.into()),
        vertical,
    }
}

fn unit(name: &str) -> UnitDto {
    UnitDto {
        name: name.into(),
        kind: UnitKind::Township,
        parent: Some(COUNTY.into()),
        address: String::new(),
        postcode: String::new(),
        phone: String::new(),
    }
}

#[test]
fn units_are_added_changed_and_refused_in_chinese() {
    let (_d, s) = state();
    let tree = county::add_unit(&s, &node(" 城关镇 ", COUNTY, false)).unwrap();
    let names: Vec<(u32, &str, u32)> = tree
        .iter()
        .map(|e| (e.depth, e.unit.name.as_str(), e.children))
        .collect();
    assert_eq!(names, [(0, COUNTY, 1), (1, "城关镇", 0)]);
    let err = county::add_unit(&s, &node("城关镇", COUNTY, false)).unwrap_err();
    assert_eq!(err.message, "单位“城关镇”已经存在");
    let err = county::add_unit(&s, &node("白鹤乡", "无此县", false)).unwrap_err();
    assert!(err.message.contains("请先添加上级单位"), "{}", err.message);
    let tree = county::update_unit(&s, &node("城关镇", COUNTY, true)).unwrap();
    assert!(tree[1].unit.vertical);
    let mut up = node(COUNTY, "城关镇", false);
    up.kind = UnitKind::CountyGovernment;
    let err = county::update_unit(&s, &up).unwrap_err();
    assert!(
        err.message.contains("不能作为它的上级单位"),
        "{}",
        err.message
    );
}

#[test]
fn returns_and_summary_of_a_county_with_a_missing_unit() {
    let (_d, s) = state();
    county::add_unit(&s, &node("白鹤乡", COUNTY, false)).unwrap();
    let mut town = reports::create_report(&s, unit("城关镇"), 2020, false)
        .unwrap()
        .report;
    town.figures
        .insert("applications.received.natural".into(), "5".into());
    town.figures
        .insert("applications.granted.natural".into(), "5".into());
    let edits = [
        ("applications.received.natural", "5"),
        ("applications.granted.natural", "5"),
    ]
    .map(|(k, t)| CellEditDto {
        key: k.into(),
        text: t.into(),
    });
    let town = reports::edit_cells(&s, &town, &edits)
        .unwrap()
        .checked
        .report;
    let key = ReportKeyDto {
        unit_name: "城关镇".into(),
        year: 2020,
    };
    reports::save_report(&s, &key, &town).unwrap();

    let r = county::county_returns(&s, COUNTY, 2020, "2021-01-29").unwrap();
    assert_eq!((r.deadline.as_str(), r.days_left), ("2021-01-31", 2));
    assert_eq!(r.units[0].unit_name, "白鹤乡");
    assert!(r.units[0].report.is_none());
    let own = r.units.iter().find(|u| u.is_county).unwrap();
    assert_eq!(own.report.as_ref().unwrap().status, ReportStatus::Printable);
    assert!(county::county_returns(&s, COUNTY, 2020, "昨天").is_err());

    let mut seen = Vec::new();
    let sum =
        county::summarize_county(&s, COUNTY, 2020, false, &mut |d, t| seen.push((d, t))).unwrap();
    assert_eq!(seen.last(), Some(&(2, 2)));
    assert_eq!(sum.missing, ["白鹤乡"]);
    let received = &sum.contributions["applications.received.natural"];
    let parts: Vec<(&str, &str)> = received
        .iter()
        .map(|c| (c.unit_name.as_str(), c.value.as_str()))
        .collect();
    assert_eq!(parts, [(COUNTY, "29"), ("城关镇", "5")]);
    assert_eq!(sum.report.figures["applications.received.natural"], "34");
    assert_eq!(
        sum.report.title,
        "舒城县人民政府2020年政府信息公开工作年度报告汇总表"
    );

    // The county's own report as the county-wide one: compared (rule 11), not summed.
    let wide = county::summarize_county(&s, COUNTY, 2020, true, &mut |_, _| {}).unwrap();
    assert_eq!(wide.report.figures["applications.received.natural"], "5");
    assert!(wide.county_wide_findings.iter().all(|f| f.rule == 11));
    assert!(!wide.county_wide_findings.is_empty());
}

#[test]
fn a_new_report_can_carry_last_years_prose() {
    let (_d, s) = state();
    let mut bare = unit(COUNTY);
    bare.kind = UnitKind::CountyGovernment;
    bare.parent = None;
    let next = reports::create_report(&s, bare, 2021, true).unwrap();
    let sample = ReportDto::from(&sample_report());
    assert_eq!(next.report.sections, sample.sections);
    assert_eq!(next.report.unit.address, sample.unit.address);
}

#[test]
fn backup_records_the_time_and_restore_refuses_junk_and_brings_a_backup_back() {
    let (dir, s) = state();
    assert_eq!(backup::reminder(&s).unwrap(), None, "the clock only starts");
    let to = dir.path().join("备份.db");
    backup::backup_to(&s, &to).unwrap();
    assert!(s
        .store()
        .setting(nianbao_workflow::LAST_BACKUP_KEY)
        .unwrap()
        .is_some());
    assert_eq!(backup::reminder(&s).unwrap(), None);
    s.store().delete(COUNTY, 2020).unwrap();
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, vec![b'x'; 4096]).unwrap();
    let err = backup::restore_from(&s, &junk).unwrap_err();
    assert!(err.message.contains("不是年报数据文件"), "{}", err.message);
    assert!(reports::list_reports(&s).unwrap().is_empty());
    let restored = backup::restore_from(&s, &to).unwrap();
    assert!(std::path::Path::new(&restored.kept_at).exists());
    assert_eq!(reports::list_reports(&s).unwrap().len(), 1);
    assert_eq!(
        backup::backup_file_name("2023-01-05T02:00:00.000Z"),
        "年报数据备份2023-01-05.db"
    );
}
