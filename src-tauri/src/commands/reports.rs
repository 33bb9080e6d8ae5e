//! The store's reports: list, open, create, save, delete; cell edits and checks.

use crate::dto::*;
use crate::error::{CommandError, CommandResult, ErrorCode};
use crate::AppState;
use nianbao_report::{Edition, Entry, Report, ReportStatus, Unit};

pub fn edition_layout(edition: Edition) -> EditionLayoutDto {
    EditionLayoutDto::of(edition)
}

pub fn checked(state: &AppState, report: &Report) -> CommandResult<CheckedReportDto> {
    let findings = nianbao_workflow::findings(&state.store(), report, &state.fonts())?;
    Ok(CheckedReportDto {
        report: ReportDto::from(report),
        status: ReportStatus::of(report, &findings),
        findings,
    })
}

pub fn list_reports(state: &AppState) -> CommandResult<Vec<ReportSummaryDto>> {
    let list = nianbao_workflow::list_reports(&state.store(), &state.fonts())?;
    Ok(list.iter().map(ReportSummaryDto::from).collect())
}

fn not_found(key: &ReportKeyDto) -> CommandError {
    CommandError::new(
        ErrorCode::NotFound,
        format!("没有找到“{}”{}年的报告", key.unit_name, key.year),
    )
}

pub fn open_report(state: &AppState, key: &ReportKeyDto) -> CommandResult<CheckedReportDto> {
    let report = state
        .store()
        .load(&key.unit_name, key.year)?
        .ok_or_else(|| not_found(key))?;
    checked(state, &report)
}

/// A new report for a unit and year, in the edition the year calls for; when the store has
/// the unit's report of the year before, it carries on from it (blank unit details too) and,
/// with `carry_prose`, last year's text comes along as a draft (沿用上年文字作为草稿).
pub fn create_report(
    state: &AppState,
    unit: UnitDto,
    year: u16,
    carry_prose: bool,
) -> CommandResult<CheckedReportDto> {
    let unit = Unit::try_from(&unit)?;
    let report = nianbao_workflow::create_report(&mut state.store(), unit, year, carry_prose)?;
    checked(state, &report)
}

pub fn delete_report(state: &AppState, key: &ReportKeyDto) -> CommandResult<()> {
    if state.store().delete(&key.unit_name, key.year)? {
        Ok(())
    } else {
        Err(not_found(key))
    }
}

/// Saves the report stored under `key` (its unit or year may have changed) in one transaction.
pub fn save_report(
    state: &AppState,
    key: &ReportKeyDto,
    dto: &ReportDto,
) -> CommandResult<SavedDto> {
    let report = Report::try_from(dto)?;
    let outcome = state
        .store()
        .save_replacing(&key.unit_name, key.year, &report)?;
    let findings = nianbao_workflow::findings(&state.store(), &report, &state.fonts())?;
    Ok(SavedDto {
        key: ReportKeyDto {
            unit_name: report.unit.name.clone(),
            year: report.year,
        },
        status: ReportStatus::of(&report, &findings),
        findings,
        changed: outcome != nianbao_store::SaveOutcome::Unchanged,
    })
}

/// Applies typed or pasted cells: each is normalised (full-width digits, 39,570, 增10, 万元) or
/// refused with a reason naming the cell; totals are then filled in from what they sum.
pub fn edit_cells(
    state: &AppState,
    dto: &ReportDto,
    edits: &[CellEditDto],
) -> CommandResult<CellEditResultDto> {
    entered(state, dto, edits, Entry::Computed)
}

/// The report with `edits` entered as `entry` says, checked, and the cells refused (each
/// message naming the table, row and column).
pub fn entered(
    state: &AppState,
    dto: &ReportDto,
    edits: &[CellEditDto],
    entry: Entry,
) -> CommandResult<CellEditResultDto> {
    let mut report = Report::try_from(dto)?;
    let typed: Vec<(&str, &str)> = edits
        .iter()
        .map(|e| (e.key.as_str(), e.text.as_str()))
        .collect();
    let refused = report
        .enter_cells(&typed, entry)
        .map_err(|e| CommandError::new(ErrorCode::InvalidInput, e.to_string()))?;
    let rejected = refused
        .into_iter()
        .map(|(i, reason)| {
            let edit = &edits[i];
            let spec = report.cell_spec(&edit.key).expect("entered cells exist");
            RejectedCellDto {
                key: edit.key.clone(),
                text: edit.text.clone(),
                message: cell_message(spec, &reason),
            }
        })
        .collect();
    Ok(CellEditResultDto {
        checked: checked(state, &report)?,
        rejected,
    })
}

pub fn check_report(state: &AppState, dto: &ReportDto) -> CommandResult<CheckedReportDto> {
    checked(state, &Report::try_from(dto)?)
}

pub fn change_edition(
    state: &AppState,
    dto: &ReportDto,
    edition: Edition,
) -> CommandResult<CheckedReportDto> {
    let mut report = Report::try_from(dto)?;
    report.change_edition(edition);
    report.fill_totals();
    checked(state, &report)
}

/// The suggested title and opening paragraph, from the report's unit (with its contact), year
/// and edition.
pub fn default_texts(dto: &ReportDto) -> CommandResult<DefaultTextsDto> {
    let report = Report::try_from(dto)?;
    Ok(DefaultTextsDto {
        title: nianbao_report::default_title(&report.unit.name, report.year),
        opening: nianbao_report::default_opening(&report.unit, report.year, report.edition),
    })
}
