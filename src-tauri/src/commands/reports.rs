//! The store's reports: list, open, create, save, delete; cell edits and checks.

use crate::dto::*;
use crate::error::{CommandError, CommandResult};
use crate::AppState;
use nianbao_report::{parse_value, validate, Edition, Finding, Report, Unit};

pub fn edition_layout(edition: &str) -> CommandResult<EditionLayoutDto> {
    let edition = Edition::from_code(edition)
        .ok_or_else(|| CommandError::new("invalid_input", format!("格式版本“{edition}”无效")))?;
    Ok(EditionLayoutDto::of(edition))
}

/// The findings of `report`, with last year's report of the same unit when the store has it.
pub fn findings(state: &AppState, report: &Report) -> CommandResult<Vec<Finding>> {
    let previous = state
        .store()
        .load(&report.unit.name, report.year.saturating_sub(1))?;
    Ok(validate(report, previous.as_ref()))
}

pub fn checked(state: &AppState, report: &Report) -> CommandResult<CheckedReportDto> {
    let findings = findings(state, report)?;
    Ok(CheckedReportDto {
        report: ReportDto::from(report),
        status: status_of(report, &findings),
        findings: findings.iter().map(FindingDto::from).collect(),
    })
}

pub fn list_reports(state: &AppState) -> CommandResult<Vec<ReportSummaryDto>> {
    let summaries = state.store().list()?;
    let mut out = Vec::new();
    for s in summaries {
        let Some(report) = state.store().load(&s.unit_name, s.year)? else {
            continue;
        };
        let findings = findings(state, &report)?;
        let errors = findings.iter().filter(|f| f.is_error()).count() as u32;
        out.push(ReportSummaryDto {
            unit_kind: s.unit_kind.key().into(),
            edition: s.edition.code().into(),
            status: status_of(&report, &findings),
            errors,
            warnings: findings.len() as u32 - errors,
            unit_name: s.unit_name,
            year: s.year,
            title: s.title,
            updated_at: s.updated_at,
        });
    }
    // Newest year first, as a clerk looks for this year's report.
    out.sort_by(|a, b| {
        b.year
            .cmp(&a.year)
            .then_with(|| a.unit_name.cmp(&b.unit_name))
    });
    Ok(out)
}

fn not_found(key: &ReportKeyDto) -> CommandError {
    CommandError::new(
        "not_found",
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
/// the unit's report of the year before, it carries on from it.
pub fn create_report(
    state: &AppState,
    unit: UnitDto,
    year: u16,
) -> CommandResult<CheckedReportDto> {
    let unit = Unit::try_from(&unit)?;
    check_year(year)?;
    let mut store = state.store();
    if store.load(&unit.name, year)?.is_some() {
        return Err(CommandError::new(
            "already_exists",
            format!("“{}”{}年的报告已经存在，请在列表中打开它", unit.name, year),
        ));
    }
    let report = match store.load(&unit.name, year.saturating_sub(1))? {
        Some(previous) => Report::follow_on(&previous, unit, year),
        None => Report::blank(unit, year),
    };
    store.save(&report)?;
    drop(store);
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
        .save_replacing(&key.unit_name, key.year, &report)
        .map_err(|e| match e {
            nianbao_store::StoreError::AlreadyExists { .. } => {
                CommandError::new("already_exists", e.to_string())
            }
            e => e.into(),
        })?;
    let findings = findings(state, &report)?;
    Ok(SavedDto {
        key: ReportKeyDto {
            unit_name: report.unit.name.clone(),
            year: report.year,
        },
        status: status_of(&report, &findings),
        findings: findings.iter().map(FindingDto::from).collect(),
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
    let mut report = Report::try_from(dto)?;
    let mut rejected = Vec::new();
    for edit in edits {
        let spec = report
            .cell_spec(&edit.key)
            .map_err(|e| CommandError::new("invalid_input", e.to_string()))?;
        let refuse = |reason: &str| RejectedCellDto {
            key: edit.key.clone(),
            text: edit.text.clone(),
            message: cell_message(spec, reason),
        };
        if spec.is_total {
            rejected.push(refuse("合计栏由程序自动计算，不需要填写"));
            continue;
        }
        // An emptied cell means 0: the clerk cleared it on purpose.
        let text = if edit.text.trim().is_empty() {
            "0"
        } else {
            edit.text.as_str()
        };
        match parse_value(spec.kind, text) {
            Ok(value) => report
                .set_figure(&edit.key, value)
                .map_err(|e| CommandError::new("invalid_input", e.to_string()))?,
            Err(e) => rejected.push(refuse(&e.to_string())),
        }
    }
    report.fill_totals();
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
    edition: &str,
) -> CommandResult<CheckedReportDto> {
    let mut report = Report::try_from(dto)?;
    let edition = Edition::from_code(edition)
        .ok_or_else(|| CommandError::new("invalid_input", format!("格式版本“{edition}”无效")))?;
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
