//! 备份 and 恢复 of the whole store, and the reminder when no backup was made for a month.
//! The rules (a consistent copy, the store's checks, its own backup first) are the workflow's
//! and the store's; here are the dialogs.

use super::blocking;
use crate::county_dto::{BackupReminderDto, RestoredDto};
use crate::error::CommandResult;
use crate::AppState;
use nianbao_workflow::{backup_reminder, backup_store, restore_store, utc_now};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

/// The name a backup is offered under: 年报数据备份2023-01-05.db.
pub fn backup_file_name(now: &str) -> String {
    format!("年报数据备份{}.db", now.get(..10).unwrap_or(now))
}

/// Writes a consistent copy of the store to `to` and records the time.
pub fn backup_to(state: &AppState, to: &Path) -> CommandResult<String> {
    backup_store(&mut state.store(), to, &utc_now())?;
    Ok(to.display().to_string())
}

/// Replaces the store with the backup `from`, after keeping the store as it was beside it.
pub fn restore_from(state: &AppState, from: &Path) -> CommandResult<RestoredDto> {
    let kept = restore_store(&mut state.store(), from)?;
    Ok(RestoredDto {
        from: from.display().to_string(),
        kept_at: kept.display().to_string(),
    })
}

/// The reminder to back up, when one is due.
pub fn reminder(state: &AppState) -> CommandResult<Option<BackupReminderDto>> {
    Ok(backup_reminder(&mut state.store(), &utc_now())?
        .as_ref()
        .map(BackupReminderDto::from))
}

/// Which backup to restore: the clerk's choice in an open dialog, or (end-to-end tests) the
/// first file `NIANBAO_OPEN_FILES` names.
fn pick_backup(app: &AppHandle) -> Option<PathBuf> {
    if let Some(list) = std::env::var_os("NIANBAO_OPEN_FILES") {
        return super::import::listed_files(&list).into_iter().next();
    }
    app.dialog()
        .file()
        .add_filter("年报数据备份", &["db", "bak", "sqlite"])
        .blocking_pick_file()
        .and_then(|p| p.into_path().ok())
}

/// The commands the window calls.
pub mod ipc {
    use super::*;

    /// 备份: a save dialog, then the copy; None when the clerk cancelled.
    #[tauri::command]
    pub async fn backup_store(
        app: AppHandle,
        state: State<'_, Arc<AppState>>,
    ) -> CommandResult<Option<String>> {
        blocking(&state, move |s| {
            let name = backup_file_name(&utc_now());
            match crate::commands::output::save_path(&app, &name, ("年报数据备份", "db")) {
                Some(path) => backup_to(s, &path).map(Some),
                None => Ok(None),
            }
        })
        .await
    }

    /// 恢复, first step: which file (the window then asks the clerk to confirm).
    #[tauri::command]
    pub async fn pick_backup(
        app: AppHandle,
        state: State<'_, Arc<AppState>>,
    ) -> CommandResult<Option<String>> {
        blocking(&state, move |_| {
            Ok(super::pick_backup(&app).map(|p| p.display().to_string()))
        })
        .await
    }

    /// 恢复, once confirmed.
    #[tauri::command]
    pub async fn restore_store(
        state: State<'_, Arc<AppState>>,
        path: String,
    ) -> CommandResult<RestoredDto> {
        blocking(&state, move |s| restore_from(s, Path::new(&path))).await
    }

    #[tauri::command]
    pub async fn backup_reminder(
        state: State<'_, Arc<AppState>>,
    ) -> CommandResult<Option<BackupReminderDto>> {
        blocking(&state, super::reminder).await
    }
}
