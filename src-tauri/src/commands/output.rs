//! What leaves the app: the PDF (preview, print), exports in every format, the web page for
//! the portal. The rules (the final copy, atomic writes) are the workflow crate's, shared with
//! nianbao-cli; what is here is the window's part: dialogs and the system viewer.

use crate::dto::*;
use crate::error::{CommandError, CommandResult, ErrorCode};
use crate::AppState;
use nianbao_pdf::ReportOptions;
use nianbao_report::Report;
use nianbao_workflow::{
    output_file_name, render_with, write_atomically, write_report_as, CopyKind, Format, Printed,
    Purpose,
};
use std::path::{Path, PathBuf};
use tauri::AppHandle;
use tauri_plugin_dialog::DialogExt;
use tauri_plugin_opener::OpenerExt;

/// The PDF's options: the 审签单 as chosen in 预览与导出.
fn pdf_options(review_sheet: ReviewSheetDto) -> ReportOptions {
    ReportOptions {
        review_sheet: review_sheet.into(),
        ..ReportOptions::default()
    }
}

pub fn preview_pdf(
    state: &AppState,
    dto: &ReportDto,
    review_sheet: ReviewSheetDto,
) -> CommandResult<Vec<u8>> {
    let report = Report::try_from(dto)?;
    let options = pdf_options(review_sheet);
    Ok(render_with(
        &report,
        &state.fonts(),
        CopyKind::Preview,
        Purpose::Export,
        options,
    )?)
}

/// The PDF for export or print: a final copy is refused while hard errors remain (the UI then
/// offers the 草稿 copy).
pub(crate) fn printable(
    state: &AppState,
    dto: &ReportDto,
    draft: bool,
    purpose: Purpose,
    review_sheet: ReviewSheetDto,
) -> CommandResult<(Report, Vec<u8>)> {
    let report = Report::try_from(dto)?;
    let options = pdf_options(review_sheet);
    let bytes = render_with(
        &report,
        &state.fonts(),
        CopyKind::asked(draft),
        purpose,
        options,
    )?;
    Ok((report, bytes))
}

/// Where to save: the clerk's choice in a save dialog, or, for the end-to-end tests, the
/// folder in `NIANBAO_SAVE_DIR` (native dialogs cannot be driven through WebDriver).
pub(crate) fn save_path(app: &AppHandle, name: &str, filter: (&str, &str)) -> Option<PathBuf> {
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

/// Writes the report in `format` where the clerk chooses (a save dialog). A final PDF is
/// refused while hard errors remain (`draft` asks for the 草稿 copy); other formats are the
/// report as it stands.
pub fn export_report(
    state: &AppState,
    app: &AppHandle,
    dto: &ReportDto,
    format: FileFormatDto,
    draft: bool,
    review_sheet: ReviewSheetDto,
) -> CommandResult<Option<String>> {
    let format = Format::from(format);
    let report = Report::try_from(dto)?;
    let bytes = write_report_as(
        &report,
        format,
        &state.fonts(),
        CopyKind::asked(draft),
        Purpose::Export,
        pdf_options(review_sheet),
    )?;
    let name = output_file_name(&report, draft && format == Format::Pdf, format);
    let Some(path) = save_path(app, &name, (format.label(), format.extension())) else {
        return Ok(None);
    };
    write_atomically(&path, &bytes)?;
    Ok(Some(path.display().to_string()))
}

/// The report as a self-contained web page, for the portal's editor (复制网页版).
pub fn web_page(dto: &ReportDto) -> CommandResult<String> {
    Ok(nianbao_formats::html::write_html(&Report::try_from(dto)?))
}

/// 打印: the PDF to the default printer (CUPS's `lp`, the Windows shell's print verb); where
/// there is no way to send it from here, the system's viewer opens it and the clerk is told to
/// print from there.
pub fn print_pdf(
    state: &AppState,
    app: &AppHandle,
    dto: &ReportDto,
    draft: bool,
    review_sheet: ReviewSheetDto,
) -> CommandResult<PrintedDto> {
    let (report, bytes) = printable(state, dto, draft, Purpose::Print, review_sheet)?;
    let dir = std::env::temp_dir().join("nianbao");
    std::fs::create_dir_all(&dir)?;
    let path = dir.join(output_file_name(&report, draft, Format::Pdf));
    write_atomically(&path, &bytes)?;
    let printed = nianbao_workflow::print_file(&path, std::env::var_os("PATH").as_deref())?;
    let path_text = path.display().to_string();
    Ok(match printed {
        Printed::Sent { printer } => PrintedDto {
            sent: true,
            message: match &printer {
                Some(name) => format!("已发送到打印机“{name}”。"),
                None => "已发送到默认打印机。".to_owned(),
            },
            printer,
            path: path_text,
        },
        Printed::OpenInViewer => {
            app.opener()
                .open_path(path_text.clone(), None::<&str>)
                .map_err(|e| CommandError::new(ErrorCode::Io, format!("无法打开PDF阅读器：{e}")))?;
            PrintedDto {
                sent: false,
                printer: None,
                path: path_text,
                message: "已用系统程序打开，请在其中选择“打印”。".to_owned(),
            }
        }
    })
}
