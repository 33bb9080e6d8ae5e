//! Reports in and out of files in every format nianbao knows, chosen by the file's extension:
//! in, the exchange file, Excel, and a published report (Word, a saved web page, text); out, the
//! exchange file, PDF, Excel, a web page and Word.

use crate::{render_with, CopyKind, Purpose, Result, WorkflowError};
use nianbao_formats::{docx, html, published, xlsx};
use nianbao_pdf::{FontSet, ReportOptions};
use nianbao_report::{read_exchange, write_report, write_report_with_unread, Report};
use std::path::Path;

/// A file format of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `nianbao-report/1` JSON (the exchange file).
    Exchange,
    Pdf,
    Xlsx,
    Html,
    Docx,
    /// Text copied from a published report (UTF-8 or GB18030); read only.
    Text,
}

impl Format {
    pub const ALL: [Format; 6] = [
        Format::Exchange,
        Format::Pdf,
        Format::Xlsx,
        Format::Html,
        Format::Docx,
        Format::Text,
    ];

    /// The format a file's extension names (case aside), if nianbao knows it.
    pub fn of_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "json" => Some(Format::Exchange),
            "pdf" => Some(Format::Pdf),
            "xlsx" => Some(Format::Xlsx),
            "html" | "htm" => Some(Format::Html),
            "docx" => Some(Format::Docx),
            "txt" => Some(Format::Text),
            _ => None,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Exchange => "json",
            Format::Pdf => "pdf",
            Format::Xlsx => "xlsx",
            Format::Html => "html",
            Format::Docx => "docx",
            Format::Text => "txt",
        }
    }

    /// What a clerk calls the format.
    pub fn label(self) -> &'static str {
        match self {
            Format::Exchange => "年报数据文件",
            Format::Pdf => "PDF文件",
            Format::Xlsx => "Excel工作簿",
            Format::Html => "网页",
            Format::Docx => "Word文档",
            Format::Text => "文本文件",
        }
    }

    /// Whether a report can be read from a file of this format.
    pub fn can_read(self) -> bool {
        self != Format::Pdf
    }

    /// Whether a report can be written in this format.
    pub fn can_write(self) -> bool {
        self != Format::Text
    }
}

/// A report read from a file, with the cells it could not read for sure (a published report
/// whose table lost its cell boundaries): those hold 0 in `report` until the clerk fills them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadReport {
    pub report: Report,
    /// Keys of the cells not read, or read with doubt, in reading order.
    pub unread: Vec<String>,
    /// What the reader noticed, in sentences for the clerk.
    pub notes: Vec<String>,
    /// The 报送 stamp of an exchange file that has one: when the unit made it, UTC.
    pub sent_at: Option<String>,
}

/// Reads a report from a file in any format nianbao reads, published reports included; a
/// problem names the file and the place in it.
pub fn read_source(path: &Path) -> Result<ReadReport> {
    let format = readable_format(path)?;
    let bytes = std::fs::read(path).map_err(|source| WorkflowError::Read {
        path: path.into(),
        source,
    })?;
    read_source_bytes(path, format, &bytes)
}

/// The format a file is read in, from its extension; refused when nianbao cannot read it.
pub fn readable_format(path: &Path) -> Result<Format> {
    Format::of_path(path)
        .filter(|f| f.can_read())
        .ok_or_else(|| WorkflowError::UnknownFormat {
            path: path.into(),
            readable: true,
        })
}

/// Reads a report from a source's bytes in `format`, as [`read_source`] reads a file: the
/// app's pasted text and web pages come this way. `path` names the source in errors (a file's
/// path, or what the clerk calls the source, e.g. 粘贴的内容).
pub fn read_source_bytes(path: &Path, format: Format, bytes: &[u8]) -> Result<ReadReport> {
    if !format.can_read() {
        return Err(WorkflowError::UnknownFormat {
            path: path.into(),
            readable: true,
        });
    }
    let exact = |report| ReadReport {
        report,
        unread: Vec::new(),
        notes: Vec::new(),
        sent_at: None,
    };
    let published = |read: std::result::Result<published::Published, _>| {
        let p = read.map_err(|source| WorkflowError::Published {
            path: path.into(),
            source,
        })?;
        Ok(ReadReport {
            report: p.report,
            unread: p.doubtful,
            notes: p.notes,
            sent_at: None,
        })
    };
    let mut read = match format {
        Format::Exchange => read_exchange(bytes)
            .map(|e| ReadReport {
                sent_at: e.sent_at,
                ..exact(e.report)
            })
            .map_err(|source| WorkflowError::Exchange {
                path: path.into(),
                source,
            }),
        Format::Xlsx => xlsx::read_xlsx(bytes)
            .map(exact)
            .map_err(|source| WorkflowError::Xlsx {
                path: path.into(),
                source,
            }),
        Format::Html => published(published::read_published_html(&published::decode_text(
            bytes,
        ))),
        Format::Docx => published(published::read_published_docx(bytes)),
        Format::Text => published(published::read_published_text(&published::decode_text(
            bytes,
        ))),
        Format::Pdf => unreachable!("PDF is not read"),
    }?;
    // Text from a workbook or a published page keeps no zero-width spaces or control characters.
    read.report.strip_invisible();
    Ok(read)
}

/// The source as the published-report reader sees it, one line a paragraph or a table cell, for
/// the clerk to compare with what was read; empty for the formats nianbao writes itself
/// (exchange files, workbooks) and for a Word file that is not one.
pub fn source_lines(format: Format, bytes: &[u8]) -> Vec<published::SourceLine> {
    match format {
        Format::Text => published::text_lines(&published::decode_text(bytes)),
        Format::Html => published::html_lines(&published::decode_text(bytes)),
        Format::Docx => published::docx_lines(bytes).unwrap_or_default(),
        Format::Exchange | Format::Xlsx | Format::Pdf => Vec::new(),
    }
}

/// Reads a report that must be whole: a published report with cells not read for sure is
/// refused, naming them, until the clerk fills them in (e.g. `convert` it to an exchange file,
/// where they are `null`, and fill those).
pub fn read_report_file(path: &Path) -> Result<Report> {
    let read = read_source(path)?;
    if !read.unread.is_empty() {
        return Err(WorkflowError::Unread {
            path: path.into(),
            cells: unread_labels(&read),
        });
    }
    Ok(read.report)
}

/// The unread cells as a clerk reads them: 表三“（一）予以公开”行“自然人”列.
pub fn unread_labels(read: &ReadReport) -> Vec<String> {
    read.unread
        .iter()
        .map(|key| match read.report.cell_spec(key) {
            Ok(spec) => format!(
                "{}“{}”行“{}”列",
                spec.table.label(),
                spec.row_label,
                spec.column_label
            ),
            Err(_) => key.clone(),
        })
        .collect()
}

/// The exchange file of a report read with doubt: every unread cell is `null`, for the clerk to
/// fill before the file can be imported.
pub fn write_exchange_with_unread(read: &ReadReport) -> String {
    write_report_with_unread(&read.report, &read.unread)
}

/// The bytes of `report` in `format`. A PDF follows the final-copy rule ([`render_with`], with
/// `pdf`'s other options); the other formats are the report as it stands, for editing or
/// publishing as the clerk decides.
pub fn write_report_as(
    report: &Report,
    format: Format,
    fonts: &FontSet,
    copy: CopyKind,
    purpose: Purpose,
    pdf: ReportOptions,
) -> Result<Vec<u8>> {
    Ok(match format {
        Format::Exchange => write_report(report).into_bytes(),
        Format::Pdf => render_with(report, fonts, copy, purpose, pdf)?,
        Format::Xlsx => xlsx::write_xlsx(report).map_err(WorkflowError::XlsxWrite)?,
        Format::Html => html::write_html(report).into_bytes(),
        Format::Docx => docx::write_docx(report)?,
        Format::Text => {
            return Err(WorkflowError::UnknownFormat {
                path: format!("*.{}", format.extension()).into(),
                readable: false,
            })
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write_atomically;
    use nianbao_report::sample_report;

    #[test]
    fn every_readable_format_reads_back_what_was_written() {
        let dir = tempfile::tempdir().unwrap();
        let fonts = FontSet::bundled();
        let report = sample_report();
        for format in Format::ALL.into_iter().filter(|f| f.can_write()) {
            let bytes = write_report_as(
                &report,
                format,
                &fonts,
                CopyKind::Final,
                Purpose::Export,
                ReportOptions::default(),
            )
            .unwrap();
            let path = dir.path().join(format!("样例 报告.{}", format.extension()));
            write_atomically(&path, &bytes).unwrap();
            assert_eq!(Format::of_path(&path), Some(format));
            if format.can_read() {
                // Our own web page and Word file read back as published reports.
                assert_eq!(read_report_file(&path).unwrap(), report, "{format:?}");
            } else {
                let err = read_report_file(&path).unwrap_err();
                assert!(matches!(err, WorkflowError::UnknownFormat { .. }), "{err}");
            }
        }
    }

    #[test]
    fn a_bad_workbook_names_the_file_and_the_cell() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("坏的.xlsx");
        std::fs::write(&path, b"not a workbook").unwrap();
        let err = read_report_file(&path).unwrap_err().to_string();
        assert!(err.contains("坏的.xlsx"), "{err}");
        assert_eq!(Format::of_path(Path::new("a.TXT")), Some(Format::Text));
        assert!(Format::of_path(Path::new("a.doc")).is_none());
    }
}

#[cfg(test)]
mod unread_tests {
    use super::*;
    use nianbao_report::{read_report, sample_report};

    #[test]
    fn unread_cells_are_null_in_the_exchange_file_and_refused_on_import() {
        let read = ReadReport {
            report: sample_report(),
            unread: vec!["proactive.regulations.made".into()],
            notes: Vec::new(),
            sent_at: None,
        };
        let json = write_exchange_with_unread(&read);
        assert!(
            json.contains("\"proactive.regulations.made\": null"),
            "{json}"
        );
        let err = read_report(json.as_bytes()).unwrap_err().to_string();
        assert!(err.contains("proactive.regulations.made"), "{err}");
        assert_eq!(unread_labels(&read), ["表二“规章”行“本年新制作数量”列"]);
    }
}

#[cfg(test)]
mod bytes_tests {
    use super::*;
    use crate::{save_confirmed, WorkflowError};
    use nianbao_report::sample_report;
    use nianbao_store::Store;

    #[test]
    fn a_source_read_from_bytes_is_read_as_its_file_and_shows_its_lines() {
        let page = html::write_html(&sample_report());
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("报告.html");
        std::fs::write(&path, &page).unwrap();
        let from_file = read_source(&path).unwrap();
        let pasted = read_source_bytes(Path::new("粘贴的内容"), Format::Html, page.as_bytes());
        assert_eq!(pasted.unwrap(), from_file);
        let lines = source_lines(Format::Html, page.as_bytes());
        assert_eq!(lines[0].text, sample_report().title);
        assert!(lines.iter().any(|l| l.cell && l.text == "187208"));
        assert!(source_lines(Format::Exchange, b"{}").is_empty());
        let word = docx::write_docx(&sample_report()).unwrap();
        let lines = source_lines(Format::Docx, &word);
        assert_eq!(lines[0].text, sample_report().title);
        assert!(lines.iter().any(|l| l.cell && l.text == "187208"));
        assert!(source_lines(Format::Docx, b"not a zip").is_empty());
        let err = read_source_bytes(Path::new("粘贴的内容"), Format::Text, "天气很好".as_bytes())
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("“粘贴的内容”不像一份"), "{err}");
    }

    #[test]
    fn a_confirmed_report_is_saved_only_whole_and_replaces_only_when_asked() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path().join("nianbao.db")).unwrap();
        let mut read = ReadReport {
            report: sample_report(),
            unread: vec!["proactive.regulations.made".into()],
            notes: Vec::new(),
            sent_at: None,
        };
        let source = Path::new("报告.txt");
        let err = save_confirmed(&mut store, &read, source, true).unwrap_err();
        assert!(matches!(err, WorkflowError::Unread { .. }), "{err}");
        assert!(store.is_empty().unwrap());
        read.unread.clear();
        let saved = save_confirmed(&mut store, &read, source, false).unwrap();
        assert_eq!(saved, nianbao_store::SaveOutcome::Created);
        let err = save_confirmed(&mut store, &read, source, false).unwrap_err();
        assert!(matches!(err, WorkflowError::AlreadyExists { .. }), "{err}");
        read.report.title.push('（');
        save_confirmed(&mut store, &read, source, true).unwrap();
        assert_eq!(
            store.load("舒城县人民政府", 2020).unwrap().unwrap().title,
            read.report.title
        );
    }
}
