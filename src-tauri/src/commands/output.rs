//! What leaves the app: the PDF (preview, export, print) and exchange files.

use crate::dto::*;
use crate::error::{CommandError, CommandResult};
use crate::AppState;
use nianbao_pdf::{render_report, ReportOptions};
use nianbao_report::{hard_error_count, read_report, write_report, Report};
use std::path::{Path, PathBuf};
use tauri::AppHandle;
use tauri_plugin_dialog::DialogExt;
use tauri_plugin_opener::OpenerExt;

/// The PDF as it will print; a draft while hard errors remain.
pub fn render(state: &AppState, report: &Report, draft: bool) -> CommandResult<Vec<u8>> {
    Ok(render_report(
        report,
        state.fonts(),
        ReportOptions {
            draft,
            ..ReportOptions::default()
        },
    )?)
}

pub fn preview_pdf(state: &AppState, dto: &ReportDto) -> CommandResult<Vec<u8>> {
    let report = Report::try_from(dto)?;
    let draft = hard_error_count(&report) > 0;
    render(state, &report, draft)
}

/// A final copy is refused while hard errors remain; the UI then offers the 草稿 copy.
/// `verb` says what the clerk asked for (导出 / 打印), for the refusal's wording.
pub(crate) fn printable(
    state: &AppState,
    dto: &ReportDto,
    draft: bool,
    verb: &str,
) -> CommandResult<(Report, Vec<u8>)> {
    let report = Report::try_from(dto)?;
    let errors = hard_error_count(&report);
    if errors > 0 && !draft {
        return Err(CommandError::new(
            "hard_findings",
            format!("报告还有{errors}处错误，不能{verb}正式版。可以先{verb}带“草稿”字样的草稿版。"),
        ));
    }
    let bytes = render(state, &report, draft)?;
    Ok((report, bytes))
}

fn file_name(report: &Report, draft: bool, extension: &str) -> String {
    let stem: String = report
        .title
        .chars()
        .map(|c| if r#"\/:*?"<>|"#.contains(c) { '_' } else { c })
        .collect();
    let stem = if stem.trim().is_empty() {
        "年度报告".to_string()
    } else {
        stem
    };
    format!("{stem}{}.{extension}", if draft { "（草稿）" } else { "" })
}

/// Where to save: the clerk's choice in a save dialog, or, for the end-to-end tests, the
/// folder in `NIANBAO_SAVE_DIR` (native dialogs cannot be driven through WebDriver).
fn save_path(app: &AppHandle, name: &str, filter: (&str, &str)) -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("NIANBAO_SAVE_DIR") {
        return Some(Path::new(&dir).join(name));
    }
    app.dialog()
        .file()
        .set_file_name(name)
        .add_filter(filter.0, &[filter.1])
        .blocking_save_file()
        .and_then(|p| p.into_path().ok())
}

/// Writes through a temporary file and a rename: a failed write never leaves half a file.
fn write_atomically(path: &Path, bytes: &[u8]) -> CommandResult<()> {
    let tmp = path.with_extension("nianbao-tmp");
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)?;
    Ok(())
}

pub fn export_pdf(
    state: &AppState,
    app: &AppHandle,
    dto: &ReportDto,
    draft: bool,
) -> CommandResult<Option<String>> {
    let (report, bytes) = printable(state, dto, draft, "导出")?;
    let Some(path) = save_path(app, &file_name(&report, draft, "pdf"), ("PDF 文件", "pdf"))
    else {
        return Ok(None);
    };
    write_atomically(&path, &bytes)?;
    Ok(Some(path.display().to_string()))
}

/// Tauri has no print API: the PDF opens in the system's viewer, which prints it.
pub fn print_pdf(
    state: &AppState,
    app: &AppHandle,
    dto: &ReportDto,
    draft: bool,
) -> CommandResult<String> {
    let (report, bytes) = printable(state, dto, draft, "打印")?;
    let dir = std::env::temp_dir().join("nianbao");
    std::fs::create_dir_all(&dir)?;
    let path = dir.join(file_name(&report, draft, "pdf"));
    write_atomically(&path, &bytes)?;
    app.opener()
        .open_path(path.display().to_string(), None::<&str>)
        .map_err(|e| CommandError::new("io", format!("无法打开PDF阅读器：{e}")))?;
    Ok(path.display().to_string())
}

pub fn export_exchange(app: &AppHandle, dto: &ReportDto) -> CommandResult<Option<String>> {
    let report = Report::try_from(dto)?;
    let name = format!("{}{}年报数据.json", report.unit.name, report.year);
    let Some(path) = save_path(app, &name, ("年报数据文件", "json")) else {
        return Ok(None);
    };
    write_atomically(&path, write_report(&report).as_bytes())?;
    Ok(Some(path.display().to_string()))
}

/// Reads the chosen exchange files (all of them first) and saves them in one transaction.
pub fn import_exchange(state: &AppState, app: &AppHandle) -> CommandResult<Vec<ReportSummaryDto>> {
    let Some(paths) = app
        .dialog()
        .file()
        .add_filter("年报数据文件", &["json"])
        .blocking_pick_files()
    else {
        return Ok(Vec::new());
    };
    let paths: Vec<PathBuf> = paths
        .into_iter()
        .filter_map(|p| p.into_path().ok())
        .collect();
    import_files(state, &paths)
}

pub fn import_files(state: &AppState, paths: &[PathBuf]) -> CommandResult<Vec<ReportSummaryDto>> {
    let mut reports = Vec::new();
    for path in paths {
        let bytes = std::fs::read(path)?;
        let report = read_report(&bytes).map_err(|e| {
            CommandError::new(
                "invalid_input",
                format!("“{}”有问题，未导入任何文件：\n{e}", path.display()),
            )
        })?;
        reports.push(report);
    }
    state.store().save_all(&reports)?;
    let list = super::reports::list_reports(state)?;
    Ok(list
        .into_iter()
        .filter(|s| {
            reports
                .iter()
                .any(|r| r.unit.name == s.unit_name && r.year == s.year)
        })
        .collect())
}
