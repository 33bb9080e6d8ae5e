//! What comes in: report files, many at once, each with its outcome (the county's collection,
//! a unit's own files, files opened with 年报), and the 报送 file a unit sends. The rules are the
//! workflow crate's (`import_files`, `send_report`), shared with nianbao-cli; what is here is
//! the window's part: the open and folder dialogs.

use super::blocking;
use crate::dto::*;
use crate::error::{CommandError, CommandResult, ErrorCode};
use crate::AppState;
use nianbao_workflow::{Choice, ImportOptions};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

/// Which files to import: the clerk's choice in an open dialog, or, for the end-to-end tests,
/// the files listed in `NIANBAO_OPEN_FILES` (separated as in `PATH`; a folder stands for the
/// files in it, by name), as `NIANBAO_SAVE_DIR` stands in for the save dialog.
pub(crate) fn open_paths(app: &AppHandle) -> Vec<PathBuf> {
    if let Some(list) = std::env::var_os("NIANBAO_OPEN_FILES") {
        return listed_files(&list);
    }
    app.dialog()
        .file()
        .add_filter("年报数据文件或Excel工作簿", &["json", "xlsx"])
        .add_filter(
            "已发布的年度报告（Word、网页、文本）",
            &["docx", "html", "htm", "txt"],
        )
        .blocking_pick_files()
        .unwrap_or_default()
        .into_iter()
        .filter_map(|p| p.into_path().ok())
        .collect()
}

/// The files a `PATH`-like list names, a folder standing for its files (sorted by name).
pub(crate) fn listed_files(list: &std::ffi::OsStr) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for p in std::env::split_paths(list).filter(|p| !p.as_os_str().is_empty()) {
        match std::fs::read_dir(&p) {
            Ok(entries) => {
                let mut inside: Vec<PathBuf> = entries
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.is_file())
                    .collect();
                inside.sort();
                files.extend(inside);
            }
            Err(_) => files.push(p),
        }
    }
    files
}

/// Imports the files of `request` (or those the clerk picks) with an outcome per file.
pub fn import_files(
    state: &AppState,
    paths: &[PathBuf],
    request: &ImportRequestDto,
) -> CommandResult<Vec<FileImportDto>> {
    if paths.is_empty() {
        return Ok(Vec::new());
    }
    let options = ImportOptions {
        county: request.county.clone(),
        year: request.year,
        choices: request
            .choices
            .iter()
            .map(|c| {
                let choice = match c.choice {
                    ImportChoiceDto::TakeFile => Choice::TakeFile,
                    ImportChoiceDto::KeepStore => Choice::KeepStore,
                };
                (PathBuf::from(&c.path), choice)
            })
            .collect(),
    };
    let mut store = state.store();
    let results = nianbao_workflow::import_files(&mut store, paths, &options)?;
    Ok(results.iter().map(FileImportDto::from).collect())
}

#[tauri::command]
pub async fn import_report_files(
    app: AppHandle,
    state: State<'_, Arc<AppState>>,
    request: ImportRequestDto,
) -> CommandResult<Vec<FileImportDto>> {
    blocking(&state, move |s| {
        let paths = match &request.paths {
            Some(paths) => paths.iter().map(PathBuf::from).collect(),
            None => open_paths(&app),
        };
        import_files(s, &paths, &request)
    })
    .await
}

/// The folder the clerk sends into: a folder dialog, or `NIANBAO_SAVE_DIR` in the tests.
fn send_folder(app: &AppHandle) -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("NIANBAO_SAVE_DIR") {
        return Some(Path::new(&dir).to_path_buf());
    }
    app.dialog()
        .file()
        .set_title("选择存放报送文件的文件夹（如U盘）")
        .blocking_pick_folder()
        .and_then(|p| p.into_path().ok())
}

/// 报送文件: the stored report as `<单位><年度>.nianbao.json`, stamped, in a folder.
pub fn send_report_to(state: &AppState, key: &ReportKeyDto, dir: &Path) -> CommandResult<String> {
    let report = state
        .store()
        .load(&key.unit_name, key.year)?
        .ok_or_else(|| {
            CommandError::new(
                ErrorCode::NotFound,
                format!("没有找到“{}”{}年的报告", key.unit_name, key.year),
            )
        })?;
    Ok(nianbao_workflow::send_report(&report, dir)?
        .display()
        .to_string())
}

#[tauri::command]
pub async fn send_report(
    app: AppHandle,
    state: State<'_, Arc<AppState>>,
    key: ReportKeyDto,
) -> CommandResult<Option<String>> {
    blocking(&state, move |s| match send_folder(&app) {
        Some(dir) => send_report_to(s, &key, &dir).map(Some),
        None => Ok(None),
    })
    .await
}
