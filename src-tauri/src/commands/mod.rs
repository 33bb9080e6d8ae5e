//! Tauri commands: thin doors onto the domain crates. Each `#[tauri::command]` unwraps its
//! arguments and calls a plain function of the same name in [`reports`] or [`output`], which is
//! what the tests exercise; store and PDF work runs off the main thread.

pub mod backup;
pub mod county;
#[cfg(test)]
mod county_tests;
pub mod fonts;
pub mod import;
pub mod output;
pub mod published;
pub mod reports;
#[cfg(test)]
mod tests;

use crate::dto::*;
use crate::error::{CommandError, CommandResult, ErrorCode};
use crate::AppState;
use nianbao_report::Edition;
use std::sync::Arc;
use tauri::{AppHandle, State};

/// Runs blocking domain work (SQLite, PDF) on the blocking thread pool.
pub(crate) async fn blocking<T: Send + 'static>(
    state: &State<'_, Arc<AppState>>,
    work: impl FnOnce(&AppState) -> CommandResult<T> + Send + 'static,
) -> CommandResult<T> {
    let state = Arc::clone(state);
    tauri::async_runtime::spawn_blocking(move || work(&state))
        .await
        .map_err(|e| CommandError::new(ErrorCode::Io, format!("后台任务失败：{e}")))?
}

/// The app's version as built, for the about line and for bug reports.
#[tauri::command]
pub fn app_version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

/// The format's facts the UI must know (years, editions, unit kinds, total rules).
#[tauri::command]
pub fn format_facts() -> FormatFactsDto {
    FormatFactsDto::new()
}

#[tauri::command]
pub fn edition_layout(edition: Edition) -> EditionLayoutDto {
    reports::edition_layout(edition)
}

#[tauri::command]
pub async fn list_reports(state: State<'_, Arc<AppState>>) -> CommandResult<Vec<ReportSummaryDto>> {
    blocking(&state, reports::list_reports).await
}

#[tauri::command]
pub async fn open_report(
    state: State<'_, Arc<AppState>>,
    key: ReportKeyDto,
) -> CommandResult<CheckedReportDto> {
    blocking(&state, move |s| reports::open_report(s, &key)).await
}

#[tauri::command]
pub async fn create_report(
    state: State<'_, Arc<AppState>>,
    unit: UnitDto,
    year: u16,
    carry_prose: Option<bool>,
) -> CommandResult<CheckedReportDto> {
    blocking(&state, move |s| {
        reports::create_report(s, unit, year, carry_prose.unwrap_or(false))
    })
    .await
}

#[tauri::command]
pub async fn delete_report(
    state: State<'_, Arc<AppState>>,
    key: ReportKeyDto,
) -> CommandResult<()> {
    blocking(&state, move |s| reports::delete_report(s, &key)).await
}

#[tauri::command]
pub async fn save_report(
    state: State<'_, Arc<AppState>>,
    key: ReportKeyDto,
    report: ReportDto,
) -> CommandResult<SavedDto> {
    blocking(&state, move |s| reports::save_report(s, &key, &report)).await
}

#[tauri::command]
pub async fn edit_cells(
    state: State<'_, Arc<AppState>>,
    report: ReportDto,
    edits: Vec<CellEditDto>,
) -> CommandResult<CellEditResultDto> {
    blocking(&state, move |s| reports::edit_cells(s, &report, &edits)).await
}

#[tauri::command]
pub async fn check_report(
    state: State<'_, Arc<AppState>>,
    report: ReportDto,
) -> CommandResult<CheckedReportDto> {
    blocking(&state, move |s| reports::check_report(s, &report)).await
}

#[tauri::command]
pub async fn change_edition(
    state: State<'_, Arc<AppState>>,
    report: ReportDto,
    edition: Edition,
) -> CommandResult<CheckedReportDto> {
    blocking(&state, move |s| {
        reports::change_edition(s, &report, edition)
    })
    .await
}

#[tauri::command]
pub fn default_texts(report: ReportDto) -> CommandResult<DefaultTextsDto> {
    reports::default_texts(&report)
}

#[tauri::command]
pub async fn preview_pdf(
    state: State<'_, Arc<AppState>>,
    report: ReportDto,
    review_sheet: ReviewSheetDto,
) -> CommandResult<tauri::ipc::Response> {
    let bytes = blocking(&state, move |s| {
        output::preview_pdf(s, &report, review_sheet)
    })
    .await?;
    Ok(tauri::ipc::Response::new(bytes))
}

#[tauri::command]
pub async fn export_report(
    app: AppHandle,
    state: State<'_, Arc<AppState>>,
    report: ReportDto,
    format: FileFormatDto,
    draft: bool,
    review_sheet: ReviewSheetDto,
) -> CommandResult<Option<String>> {
    blocking(&state, move |s| {
        output::export_report(s, &app, &report, format, draft, review_sheet)
    })
    .await
}

#[tauri::command]
pub fn web_page(report: ReportDto) -> CommandResult<String> {
    output::web_page(&report)
}

#[tauri::command]
pub async fn print_pdf(
    app: AppHandle,
    state: State<'_, Arc<AppState>>,
    report: ReportDto,
    draft: bool,
    review_sheet: ReviewSheetDto,
) -> CommandResult<PrintedDto> {
    blocking(&state, move |s| {
        output::print_pdf(s, &app, &report, draft, review_sheet)
    })
    .await
}
