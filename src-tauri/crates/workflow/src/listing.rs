//! The store's reports as the list shows them, and what is checked against the store.

use crate::{Result, WorkflowError};
use nianbao_pdf::FontSet;
use nianbao_report::edition::REPORT_YEARS;
use nianbao_report::{validate, Edition, Finding, Report, ReportStatus, Unit, UnitKind};
use nianbao_store::Store;
use std::collections::HashMap;

/// One line of the list of reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportListing {
    pub unit_name: String,
    pub unit_kind: UnitKind,
    pub year: u16,
    pub edition: Edition,
    pub title: String,
    pub status: ReportStatus,
    pub errors: usize,
    pub warnings: usize,
    /// When the report was last changed, UTC, ISO 8601.
    pub updated_at: String,
}

/// The findings of `report`, with the unit's report of the year before from the store when
/// it has one (the year-on-year checks), and the characters no font of `fonts` can print
/// (rule 12), so that the clerk learns of them before pressing 导出.
pub fn findings(store: &Store, report: &Report, fonts: &FontSet) -> Result<Vec<Finding>> {
    let previous = store.load(&report.unit.name, report.year.saturating_sub(1))?;
    Ok(check(report, previous.as_ref(), fonts))
}

/// Every rule, and the characters no font can print: what the editor and the list both show.
pub(crate) fn check(report: &Report, previous: Option<&Report>, fonts: &FontSet) -> Vec<Finding> {
    let mut out = validate(report, previous);
    out.extend(nianbao_pdf::unprintable_characters(report, fonts));
    out
}

/// Every report of the store with its status and the same counts the editor shows, newest year
/// first, then by unit. The store is read once, whatever the number of reports.
pub fn list_reports(store: &Store, fonts: &FontSet) -> Result<Vec<ReportListing>> {
    let all = store.load_all()?;
    let by_key: HashMap<(&str, u16), &Report> = all
        .iter()
        .map(|(r, _)| ((r.unit.name.as_str(), r.year), r))
        .collect();
    let mut out: Vec<ReportListing> = all
        .iter()
        .map(|(r, updated_at)| {
            let previous = by_key
                .get(&(r.unit.name.as_str(), r.year.saturating_sub(1)))
                .copied();
            let findings = check(r, previous, fonts);
            let errors = findings.iter().filter(|f| f.is_error()).count();
            ReportListing {
                unit_name: r.unit.name.clone(),
                unit_kind: r.unit.kind,
                year: r.year,
                edition: r.edition,
                title: r.title.clone(),
                status: ReportStatus::of(r, &findings),
                errors,
                warnings: findings.len() - errors,
                updated_at: updated_at.clone(),
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.year
            .cmp(&a.year)
            .then_with(|| a.unit_name.cmp(&b.unit_name))
    });
    Ok(out)
}

/// A new report of `unit` for `year`, in the edition the year calls for, saved; when the store
/// has the unit's report of the year before, the new one carries on from it.
/// Carrying on from last year's report means: 上年结转 and (2019 edition)
/// 上一年项目数量 from its figures ([`Report::follow_on`]), the unit's details the clerk left
/// blank (上级单位, 地址, 邮编, 电话) from it, and, with `carry_prose`, its six sections' text as a
/// draft to rewrite. A unit's parent not given nor in last year's report comes from the tree.
pub fn create_report(
    store: &mut Store,
    mut unit: Unit,
    year: u16,
    carry_prose: bool,
) -> Result<Report> {
    if !REPORT_YEARS.contains(&year) {
        return Err(WorkflowError::InvalidYear(year));
    }
    if store.load(&unit.name, year)?.is_some() {
        return Err(WorkflowError::AlreadyExists {
            unit: unit.name,
            year,
        });
    }
    let previous = store.load(&unit.name, year.saturating_sub(1))?;
    if let Some(p) = &previous {
        let fill = |mine: &mut String, theirs: &str| {
            if mine.trim().is_empty() {
                *mine = theirs.to_owned();
            }
        };
        fill(&mut unit.address, &p.unit.address);
        fill(&mut unit.postcode, &p.unit.postcode);
        fill(&mut unit.phone, &p.unit.phone);
        if unit.parent.is_none() {
            unit.parent = p.unit.parent.clone();
        }
    }
    if unit.parent.is_none() {
        unit.parent = store.unit(&unit.name)?.and_then(|u| u.parent);
    }
    let report = match &previous {
        Some(previous) => {
            let mut r = Report::follow_on(previous, unit, year);
            if carry_prose {
                r.sections = previous.sections.clone();
            }
            r
        }
        None => Report::blank(unit, year),
    };
    store.save(&report)?;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use nianbao_report::{sample_report, Value};

    #[test]
    fn the_list_carries_status_and_uses_last_year_from_the_store() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path().join("s.db")).unwrap();
        let sample = sample_report();
        store.save(&sample).unwrap();
        let mut next = create_report(&mut store, sample.unit.clone(), 2021, false).unwrap();
        // Break rule 6 (上年结转 ≠ last year's 结转下年度), seen only with last year's report;
        // carried on to next year, so that table 三 still balances (rule 1).
        for key in ["carried_in", "carried_out"] {
            next.set_figure(&format!("applications.{key}.natural"), Value::Count(77))
                .unwrap();
        }
        next.fill_totals();
        store.save(&next).unwrap();
        let list = list_reports(&store, &FontSet::bundled()).unwrap();
        assert_eq!(
            list.iter().map(|l| l.year).collect::<Vec<_>>(),
            [2021, 2020]
        );
        assert_eq!(list[1].status, ReportStatus::Printable);
        assert_eq!(list[0].status, ReportStatus::Draft);
        let with_store = findings(&store, &next, &FontSet::bundled()).unwrap();
        assert!(with_store.iter().any(|f| f.rule == 6));
        assert_eq!(
            list[0].warnings,
            with_store.iter().filter(|f| !f.is_error()).count()
        );
    }

    #[test]
    fn a_report_is_created_once_and_only_for_a_sane_year() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path().join("s.db")).unwrap();
        let unit = sample_report().unit;
        assert!(matches!(
            create_report(&mut store, unit.clone(), 1900, false),
            Err(WorkflowError::InvalidYear(1900))
        ));
        create_report(&mut store, unit.clone(), 2022, false).unwrap();
        assert!(matches!(
            create_report(&mut store, unit, 2022, false),
            Err(WorkflowError::AlreadyExists { .. })
        ));
    }

    #[test]
    fn next_year_starts_from_last_years_figures_details_and_if_asked_its_prose() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path().join("s.db")).unwrap();
        let mut last = sample_report(); // 2020, 2019 edition
        last.set_figure("proactive.licensing.previous_items", Value::Count(10))
            .unwrap();
        last.set_figure("proactive.licensing.change", Value::Change(4))
            .unwrap();
        last.year = 2019;
        store.save(&last).unwrap();
        let bare = Unit {
            name: last.unit.name.clone(),
            kind: last.unit.kind,
            parent: None,
            address: String::new(),
            postcode: " ".into(),
            phone: "0564-0000000".into(),
        };
        let plain = create_report(&mut store, bare.clone(), 2020, false).unwrap();
        assert_eq!(
            plain.figures.count("proactive.licensing.previous_items"),
            14
        );
        assert_eq!(plain.unit.address, last.unit.address);
        assert_eq!(plain.unit.postcode, last.unit.postcode);
        assert_eq!(
            plain.unit.phone, "0564-0000000",
            "what the clerk typed stays"
        );
        assert!(plain
            .section(nianbao_report::SectionKey::Overview)
            .is_empty());
        assert_eq!(store.load(&bare.name, 2020).unwrap().unwrap(), plain);
        // Again, with last year's prose as a draft.
        store.delete(&bare.name, 2020).unwrap();
        let drafted = create_report(&mut store, bare, 2020, true).unwrap();
        assert_eq!(drafted.sections, last.sections);
        assert_eq!(
            drafted.title,
            "舒城县人民政府2020年政府信息公开工作年度报告"
        );
        // The year-on-year checks use last year's report from the store: rule 8 holds.
        let found = findings(&store, &drafted, &FontSet::bundled()).unwrap();
        assert!(found.iter().all(|f| f.rule != 8), "{found:?}");
        // Into the 2021 edition: the prose carries, table 二 has no item counts.
        let next = create_report(&mut store, drafted.unit.clone(), 2021, true).unwrap();
        assert_eq!(next.sections, last.sections);
        assert!(next
            .figures
            .get("proactive.licensing.previous_items")
            .is_none());
    }
}
