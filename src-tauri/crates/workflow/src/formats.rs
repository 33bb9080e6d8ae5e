//! Reports in and out of files in every format nianbao knows, chosen by the file's extension:
//! the exchange file and Excel in; the exchange file, PDF, Excel, a web page and Word out.

use crate::{render, CopyKind, Purpose, Result, WorkflowError};
use nianbao_formats::{docx, html, xlsx};
use nianbao_pdf::FontSet;
use nianbao_report::{read_report, write_report, Report};
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
}

impl Format {
    pub const ALL: [Format; 5] = [
        Format::Exchange,
        Format::Pdf,
        Format::Xlsx,
        Format::Html,
        Format::Docx,
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
        }
    }

    /// Whether a report can be read from a file of this format.
    pub fn can_read(self) -> bool {
        matches!(self, Format::Exchange | Format::Xlsx)
    }
}

/// Reads a report from a file in any format nianbao reads; a problem names the file and the
/// place in it (the key, or the sheet and cell).
pub fn read_report_file(path: &Path) -> Result<Report> {
    let format = Format::of_path(path)
        .filter(|f| f.can_read())
        .ok_or_else(|| WorkflowError::UnknownFormat {
            path: path.into(),
            readable: true,
        })?;
    let bytes = std::fs::read(path).map_err(|source| WorkflowError::Read {
        path: path.into(),
        source,
    })?;
    match format {
        Format::Xlsx => xlsx::read_xlsx(&bytes).map_err(|source| WorkflowError::Xlsx {
            path: path.into(),
            source,
        }),
        _ => read_report(&bytes).map_err(|source| WorkflowError::Exchange {
            path: path.into(),
            source,
        }),
    }
}

/// The bytes of `report` in `format`. A PDF follows the final-copy rule ([`render`]); the
/// other formats are the report as it stands, for editing or publishing as the clerk decides.
pub fn write_report_as(
    report: &Report,
    format: Format,
    fonts: &FontSet,
    copy: CopyKind,
    purpose: Purpose,
) -> Result<Vec<u8>> {
    Ok(match format {
        Format::Exchange => write_report(report).into_bytes(),
        Format::Pdf => render(report, fonts, copy, purpose, false)?,
        Format::Xlsx => xlsx::write_xlsx(report).map_err(WorkflowError::XlsxWrite)?,
        Format::Html => html::write_html(report).into_bytes(),
        Format::Docx => docx::write_docx(report)?,
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
        for format in Format::ALL {
            let bytes =
                write_report_as(&report, format, &fonts, CopyKind::Final, Purpose::Export).unwrap();
            let path = dir.path().join(format!("样例 报告.{}", format.extension()));
            write_atomically(&path, &bytes).unwrap();
            assert_eq!(Format::of_path(&path), Some(format));
            if format.can_read() {
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
        assert!(Format::of_path(Path::new("a.TXT")).is_none());
    }
}
