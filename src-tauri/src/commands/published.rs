//! Last year's published report read back in: a file dropped on the window (Word, a saved web
//! page, text) or text pasted on the report list becomes a report shown beside its source; the
//! clerk fills the cells the reader marked and saves it as that unit's report of that year.
//! Both the file and the paste are read by the workflow crate ([`nianbao_workflow::read_source_bytes`],
//! as `nianbao-cli convert` reads a file); a report that breaks a rule is kept as published.

use super::{blocking, reports};
use crate::dto::*;
use crate::error::{CommandError, CommandResult, ErrorCode};
use crate::AppState;
use nianbao_report::{Entry, Report, ReportStatus};
use nianbao_workflow::{Format, ReadReport};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tauri::State;

/// What the clerk calls pasted text in messages.
const PASTED: &str = "粘贴的内容";

/// A source and how it was read, as the confirmation screen shows it.
fn read_dto(
    state: &AppState,
    name: &Path,
    kind: &str,
    format: Format,
    bytes: &[u8],
) -> CommandResult<PublishedReadDto> {
    let read = nianbao_workflow::read_source_bytes(name, format, bytes)?;
    let labels = nianbao_workflow::unread_labels(&read);
    let exists = state
        .store()
        .load(&read.report.unit.name, read.report.year)?
        .is_some();
    Ok(PublishedReadDto {
        source_name: name
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| name.display().to_string()),
        source_kind: kind.to_owned(),
        checked: reports::checked(state, &read.report)?,
        doubtful: read
            .unread
            .iter()
            .zip(labels)
            .map(|(key, label)| DoubtfulCellDto {
                key: key.clone(),
                label,
            })
            .collect(),
        notes: read.notes,
        lines: nianbao_workflow::source_lines(format, bytes)
            .into_iter()
            .map(|l| SourceLineDto {
                text: l.text,
                cell: l.cell,
            })
            .collect(),
        exists,
    })
}

/// Reads a file dropped on the window, in the format its extension names.
pub fn read_file(state: &AppState, path: &Path) -> CommandResult<PublishedReadDto> {
    let format = nianbao_workflow::readable_format(path)?;
    let bytes = std::fs::read(path).map_err(|source| nianbao_workflow::WorkflowError::Read {
        path: path.into(),
        source,
    })?;
    read_dto(state, path, format.label(), format, &bytes)
}

/// Reads text pasted on the report list. A browser, Word or WPS puts the copied part as a web
/// page on the clipboard beside the plain text: the page keeps the tables' cells, so it is read
/// first, and the text when the page is not a report (or there is none).
pub fn read_pasted(
    state: &AppState,
    text: &str,
    html: Option<&str>,
) -> CommandResult<PublishedReadDto> {
    let name = Path::new(PASTED);
    if let Some(html) = html.filter(|h| !h.trim().is_empty()) {
        let page = read_dto(state, name, "粘贴的网页", Format::Html, html.as_bytes());
        if page.is_ok() || text.trim().is_empty() {
            return page;
        }
    }
    if text.trim().is_empty() {
        return Err(CommandError::new(
            ErrorCode::InvalidInput,
            "剪贴板里没有文字。请在Word、WPS或浏览器中选中整篇报告，复制后再粘贴。",
        ));
    }
    read_dto(state, name, "粘贴的文字", Format::Text, text.as_bytes())
}

/// Cells the clerk corrects on the confirmation screen: each is normalised or refused, naming the
/// cell, as in the editor; but totals may be typed too and nothing is summed, for the report is
/// taken as published (its faults shown, never corrected).
pub fn edit_cells(
    state: &AppState,
    dto: &ReportDto,
    edits: &[CellEditDto],
) -> CommandResult<CellEditResultDto> {
    reports::entered(state, dto, edits, Entry::AsPublished)
}

/// Saves the confirmed report as its unit's report of its year. Refused while `unread` (the
/// cells still marked) is not empty, and with `already_exists` when the store has that report
/// and `replace` is false (the clerk is asked, then it is called again with `replace`).
pub fn save(
    state: &AppState,
    dto: &ReportDto,
    unread: Vec<String>,
    source_name: &str,
    replace: bool,
) -> CommandResult<SavedDto> {
    let read = ReadReport {
        report: Report::try_from(dto)?,
        unread,
        notes: Vec::new(),
        sent_at: None,
    };
    let outcome = nianbao_workflow::save_confirmed(
        &mut state.store(),
        &read,
        &PathBuf::from(source_name),
        replace,
    )?;
    let findings = nianbao_workflow::findings(&state.store(), &read.report, &state.fonts())?;
    Ok(SavedDto {
        key: ReportKeyDto {
            unit_name: read.report.unit.name.clone(),
            year: read.report.year,
        },
        status: ReportStatus::of(&read.report, &findings),
        findings,
        changed: outcome != nianbao_store::SaveOutcome::Unchanged,
    })
}

// ---- The Tauri commands.

#[tauri::command]
pub async fn read_published_file(
    state: State<'_, Arc<AppState>>,
    path: String,
) -> CommandResult<PublishedReadDto> {
    blocking(&state, move |s| read_file(s, Path::new(&path))).await
}

#[tauri::command]
pub async fn read_published_paste(
    state: State<'_, Arc<AppState>>,
    text: String,
    html: Option<String>,
) -> CommandResult<PublishedReadDto> {
    blocking(&state, move |s| read_pasted(s, &text, html.as_deref())).await
}

#[tauri::command]
pub async fn edit_published_cells(
    state: State<'_, Arc<AppState>>,
    report: ReportDto,
    edits: Vec<CellEditDto>,
) -> CommandResult<CellEditResultDto> {
    blocking(&state, move |s| edit_cells(s, &report, &edits)).await
}

#[tauri::command]
pub async fn save_published(
    state: State<'_, Arc<AppState>>,
    report: ReportDto,
    unread: Vec<String>,
    source_name: String,
    replace: bool,
) -> CommandResult<SavedDto> {
    blocking(&state, move |s| {
        save(s, &report, unread, &source_name, replace)
    })
    .await
}

#[cfg(test)]
mod tests {
    //! The commands' plain functions against a real store on disk, on the seed text of a real
    //! published report (tests/fixtures/published/).
    use super::*;
    use nianbao_report::{sample_report, Severity};
    use nianbao_store::Store;

    fn state() -> (tempfile::TempDir, AppState) {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path().join("nianbao.db")).unwrap();
        store.save(&sample_report()).unwrap();
        (dir, AppState::new(store))
    }

    fn seed() -> String {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/published/shucheng-2020.txt");
        std::fs::read_to_string(path).unwrap()
    }

    /// The seed with table 二's 规范性文件 row run together (“3838223”: no sum fixes its cut) and
    /// 表三's （七）总计 for 自然人 published as 31 where its row and its results add up to 30.
    fn run_together_and_wrong() -> String {
        let text = seed();
        let joined = text.replacen("\t　　38\n\t38\n\t　223\n", "\t3838223\n", 1);
        assert_ne!(joined, text);
        let wrong = joined.replacen("\t（七）总计\n\t30\n", "\t（七）总计\n\t31\n", 1);
        assert_ne!(wrong, joined);
        wrong
    }

    const NORMATIVE: [&str; 3] = [
        "proactive.normative_documents.made",
        "proactive.normative_documents.published",
        "proactive.normative_documents.total_published",
    ];

    #[test]
    fn the_seed_text_dropped_reads_as_the_sample_beside_its_lines() {
        let (dir, s) = state();
        let path = dir.path().join("舒城县2020年报告.txt");
        std::fs::write(&path, seed()).unwrap();
        let read = read_file(&s, &path).unwrap();
        assert_eq!(read.source_name, "舒城县2020年报告.txt");
        assert_eq!(read.source_kind, "文本文件");
        assert!(read.doubtful.is_empty(), "{:?}", read.doubtful);
        assert_eq!(
            Report::try_from(&read.checked.report).unwrap(),
            sample_report()
        );
        assert_eq!(read.checked.status, ReportStatus::Printable);
        assert!(read.exists, "the store holds the sample");
        // The lines the reader saw: the title first, the bookmarks gone, a figure on its own.
        assert_eq!(
            read.lines[0].text,
            "舒城县人民政府2020年政府信息公开工作年度报告"
        );
        assert!(read.lines.iter().all(|l| !l.text.contains("[bookmark")));
        assert!(read.lines.iter().any(|l| l.text == "187208"));
    }

    #[test]
    fn a_run_together_row_is_marked_then_filled_and_saved_with_its_faults() {
        let (dir, s) = state();
        let path = dir.path().join("连在一起.txt");
        std::fs::write(&path, run_together_and_wrong()).unwrap();
        let read = read_file(&s, &path).unwrap();
        let keys: Vec<&str> = read.doubtful.iter().map(|d| d.key.as_str()).collect();
        assert!(
            NORMATIVE.iter().all(|k| keys.contains(k)),
            "the row's cells are doubtful: {keys:?}"
        );
        let made = read
            .doubtful
            .iter()
            .find(|d| d.key == NORMATIVE[0])
            .unwrap();
        assert_eq!(made.label, "表二“规范性文件”行“本年新制作数量”列");
        assert!(read.lines.iter().any(|l| l.text == "3838223"));
        assert!(!read.notes.is_empty());

        // Saving is refused while cells remain marked, naming them.
        let unread: Vec<String> = keys.iter().map(|k| k.to_string()).collect();
        let err = save(&s, &read.checked.report, unread, "连在一起.txt", true).unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidInput);
        assert!(err.message.contains(&made.label), "{}", err.message);

        // The clerk fills them; a total may be typed and nothing is summed over it.
        let edits: Vec<CellEditDto> = NORMATIVE
            .iter()
            .zip(["３８", "38", "223"])
            .map(|(k, t)| CellEditDto {
                key: k.to_string(),
                text: t.into(),
            })
            .chain([CellEditDto {
                key: "applications.received.total".into(),
                text: "x".into(),
            }])
            .collect();
        let edited = edit_cells(&s, &read.checked.report, &edits).unwrap();
        assert_eq!(edited.rejected.len(), 1, "{:?}", edited.rejected);
        assert!(edited.rejected[0]
            .message
            .starts_with("表三“一、本年新收政府信息公开申请数量”行"));
        let report = edited.checked.report;
        assert_eq!(report.figures[NORMATIVE[0]], "38");
        assert_eq!(report.figures["applications.handled_total.natural"], "31");
        let untouched = edit_cells(
            &s,
            &report,
            &[CellEditDto {
                key: "applications.handled_total.total".into(),
                text: "40".into(),
            }],
        )
        .unwrap();
        assert_eq!(
            untouched.checked.report.figures["applications.handled_total.total"], "40",
            "a total is taken as typed"
        );

        // The store has 舒城县人民政府 2020 (the sample): asked first, then replaced.
        let err = save(&s, &report, Vec::new(), "连在一起.txt", false).unwrap_err();
        assert_eq!(err.code, ErrorCode::AlreadyExists);
        let saved = save(&s, &report, Vec::new(), "连在一起.txt", true).unwrap();
        assert!(saved.changed);
        assert_eq!(saved.status, ReportStatus::HasErrors, "saved as published");
        assert!(saved.findings.iter().any(|f| f.severity == Severity::Error
            && f.cells
                .iter()
                .any(|c| c == "applications.handled_total.natural")));
        let stored = s.store().load("舒城县人民政府", 2020).unwrap().unwrap();
        assert_eq!(
            stored.figures.count("applications.handled_total.natural"),
            31
        );
        assert_eq!(stored.figures.count(NORMATIVE[2]), 223);
        let list = reports::list_reports(&s).unwrap();
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].status, ReportStatus::HasErrors);
    }

    #[test]
    fn a_paste_reads_the_page_first_then_the_text() {
        let (_d, s) = state();
        let page = nianbao_formats::html::write_html(&sample_report());
        let read = read_pasted(&s, "随便什么", Some(&page)).unwrap();
        assert_eq!(
            (read.source_name.as_str(), read.source_kind.as_str()),
            (PASTED, "粘贴的网页")
        );
        assert_eq!(
            Report::try_from(&read.checked.report).unwrap(),
            sample_report()
        );
        assert!(read.lines.iter().any(|l| l.cell && l.text == "187208"));
        // A page that is not a report (a fragment from WPS, say): the plain text is read.
        let read = read_pasted(&s, &seed(), Some("<p>片段</p>")).unwrap();
        assert_eq!(read.source_kind, "粘贴的文字");
        assert!(read.doubtful.is_empty());
        // Nothing of a report: the reader says why, naming the paste.
        let err = read_pasted(&s, "今天天气很好。", None).unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidInput);
        assert!(err.message.contains(PASTED), "{}", err.message);
        let err = read_pasted(&s, "  ", None).unwrap_err();
        assert!(err.message.contains("剪贴板里没有文字"), "{}", err.message);
    }

    #[test]
    fn a_file_nianbao_cannot_read_is_named() {
        let (dir, s) = state();
        let path = dir.path().join("报告.doc");
        std::fs::write(&path, b"old word").unwrap();
        let err = read_file(&s, &path).unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidInput);
        assert!(err.message.contains("报告.doc"), "{}", err.message);
    }
}
