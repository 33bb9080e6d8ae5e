//! The county's screens: 单位管理 (the unit tree), 报送情况 (who has sent their report), 汇总
//! (the sum, with drill-down and progress) and the summary's export. The logic is the workflow
//! crate's, shared with nianbao-cli.

use super::blocking;
use crate::county_dto::*;
use crate::dto::FileFormatDto;
use crate::error::{CommandError, CommandResult, ErrorCode};
use crate::AppState;
use nianbao_report::Date;
use nianbao_store::UnitNode;
use nianbao_workflow::{summary_file_name, write_atomically, write_summary, Format};
use std::sync::Arc;
use tauri::ipc::Channel;
use tauri::{AppHandle, State};

/// The unit tree, depth first, children by name.
pub fn list_units(state: &AppState) -> CommandResult<Vec<UnitTreeEntryDto>> {
    let units = state.store().units()?;
    Ok(nianbao_workflow::unit_tree(&units)
        .into_iter()
        .map(|(depth, u)| UnitTreeEntryDto {
            depth: depth as u32,
            unit: UnitNodeDto::from(u),
            children: units
                .iter()
                .filter(|c| c.parent.as_deref() == Some(u.name.as_str()))
                .count() as u32,
        })
        .collect())
}

/// Adds a unit under its parent (which must be in the tree); the tree as it now is.
pub fn add_unit(state: &AppState, unit: &UnitNodeDto) -> CommandResult<Vec<UnitTreeEntryDto>> {
    state.store().add_unit(&UnitNode::from(unit))?;
    list_units(state)
}

/// Changes a unit's kind, parent and 垂直管理 flag; the tree as it now is.
pub fn update_unit(state: &AppState, unit: &UnitNodeDto) -> CommandResult<Vec<UnitTreeEntryDto>> {
    state.store().update_unit(&UnitNode::from(unit))?;
    list_units(state)
}

/// 报送情况 as of `today` (the clerk's local date, YYYY-MM-DD).
pub fn county_returns(
    state: &AppState,
    county: &str,
    year: u16,
    today: &str,
) -> CommandResult<CountyReturnsDto> {
    let today = Date::parse_iso(today)
        .ok_or_else(|| CommandError::new(ErrorCode::InvalidInput, format!("日期“{today}”无效")))?;
    let returns =
        nianbao_workflow::county_returns(&state.store(), county, year, today, &state.fonts())?;
    Ok(CountyReturnsDto::from(&returns))
}

/// The sum of the county's units, `progress(done, total)` called as it goes.
pub fn summarize_county(
    state: &AppState,
    county: &str,
    year: u16,
    county_wide: bool,
    progress: &mut dyn FnMut(usize, usize),
) -> CommandResult<CountySummaryDto> {
    let summary = nianbao_workflow::summarize_county_with_progress(
        &state.store(),
        county,
        year,
        county_wide,
        progress,
    )?;
    Ok(CountySummaryDto::new(county, year, county_wide, &summary))
}

/// The summary as a PDF 汇总表 or an exchange file, where the clerk chooses; None when the
/// clerk cancelled.
pub fn export_summary(
    state: &AppState,
    app: &AppHandle,
    county: &str,
    year: u16,
    county_wide: bool,
    format: FileFormatDto,
) -> CommandResult<Option<String>> {
    let format = Format::from(format);
    let summary = nianbao_workflow::summarize_county(&state.store(), county, year, county_wide)?;
    let bytes = write_summary(&summary, format, &state.fonts())?;
    let name = summary_file_name(&summary, format);
    let Some(path) = super::output::save_path(app, &name, (format.label(), format.extension()))
    else {
        return Ok(None);
    };
    write_atomically(&path, &bytes)?;
    Ok(Some(path.display().to_string()))
}

/// The commands the window calls, named as the functions above they run off its thread.
pub mod ipc {
    use super::*;

    #[tauri::command]
    pub async fn list_units(
        state: State<'_, Arc<AppState>>,
    ) -> CommandResult<Vec<UnitTreeEntryDto>> {
        blocking(&state, super::list_units).await
    }

    #[tauri::command]
    pub async fn add_unit(
        state: State<'_, Arc<AppState>>,
        unit: UnitNodeDto,
    ) -> CommandResult<Vec<UnitTreeEntryDto>> {
        blocking(&state, move |s| super::add_unit(s, &unit)).await
    }

    #[tauri::command]
    pub async fn update_unit(
        state: State<'_, Arc<AppState>>,
        unit: UnitNodeDto,
    ) -> CommandResult<Vec<UnitTreeEntryDto>> {
        blocking(&state, move |s| super::update_unit(s, &unit)).await
    }

    #[tauri::command]
    pub async fn county_returns(
        state: State<'_, Arc<AppState>>,
        county: String,
        year: u16,
        today: String,
    ) -> CommandResult<CountyReturnsDto> {
        blocking(&state, move |s| {
            super::county_returns(s, &county, year, &today)
        })
        .await
    }

    /// Sums off the UI thread, telling the window how far it has got through `on_progress`.
    #[tauri::command]
    pub async fn summarize_county(
        state: State<'_, Arc<AppState>>,
        county: String,
        year: u16,
        county_wide: bool,
        on_progress: Channel<SummaryProgressDto>,
    ) -> CommandResult<CountySummaryDto> {
        blocking(&state, move |s| {
            let mut last = std::time::Instant::now();
            let mut progress = |done: usize, total: usize| {
                // Every unit of a small county; a large one at most every 50 ms, and the end.
                if total <= 50 || done == total || last.elapsed().as_millis() >= 50 {
                    last = std::time::Instant::now();
                    let _ = on_progress.send(SummaryProgressDto {
                        done: done as u32,
                        total: total as u32,
                    });
                }
            };
            super::summarize_county(s, &county, year, county_wide, &mut progress)
        })
        .await
    }

    #[tauri::command]
    pub async fn export_summary(
        app: AppHandle,
        state: State<'_, Arc<AppState>>,
        county: String,
        year: u16,
        county_wide: bool,
        format: FileFormatDto,
    ) -> CommandResult<Option<String>> {
        blocking(&state, move |s| {
            super::export_summary(s, &app, &county, year, county_wide, format)
        })
        .await
    }
}
