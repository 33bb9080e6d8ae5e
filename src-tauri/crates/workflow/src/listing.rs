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
fn check(report: &Report, previous: Option<&Report>, fonts: &FontSet) -> Vec<Finding> {
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
pub fn create_report(store: &mut Store, unit: Unit, year: u16) -> Result<Report> {
    if !REPORT_YEARS.contains(&year) {
        return Err(WorkflowError::InvalidYear(year));
    }
    if store.load(&unit.name, year)?.is_some() {
        return Err(WorkflowError::AlreadyExists {
            unit: unit.name,
            year,
        });
    }
    let report = match store.load(&unit.name, year.saturating_sub(1))? {
        Some(previous) => Report::follow_on(&previous, unit, year),
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
        let mut next = create_report(&mut store, sample.unit.clone(), 2021).unwrap();
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
            create_report(&mut store, unit.clone(), 1900),
            Err(WorkflowError::InvalidYear(1900))
        ));
        create_report(&mut store, unit.clone(), 2022).unwrap();
        assert!(matches!(
            create_report(&mut store, unit, 2022),
            Err(WorkflowError::AlreadyExists { .. })
        ));
    }
}
