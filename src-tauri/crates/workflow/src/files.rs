//! Files in and out: an exchange file read with its path in every message, and writes that
//! never leave half a file.

use crate::Format;
use crate::{Result, WorkflowError};
use nianbao_report::Report;
use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` through a temporary file beside it, synced, then renamed over
/// the target: the file is either the old one or the whole new one, never half of it.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let err = |source| WorkflowError::Write {
        path: path.into(),
        source,
    };
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".nianbao-tmp");
    let tmp = path.with_file_name(name);
    let written = std::fs::File::create(&tmp).and_then(|mut f| {
        f.write_all(bytes)?;
        f.sync_all()
    });
    if let Err(e) = written.and_then(|()| std::fs::rename(&tmp, path)) {
        let _ = std::fs::remove_file(&tmp);
        return Err(err(e));
    }
    Ok(())
}

/// The name an output of `report` is offered under: for the exchange file the unit and year
/// (年报数据), else its title; characters Windows forbids in file names replaced, 草稿 marked.
pub fn output_file_name(report: &Report, draft: bool, format: Format) -> String {
    let extension = format.extension();
    let title = match format {
        Format::Exchange => format!("{}{}年报数据", report.unit.name, report.year),
        _ => report.title.clone(),
    };
    let stem: String = title
        .chars()
        .map(|c| {
            if r#"\/:*?"<>|"#.contains(c) || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    let stem = match stem.trim() {
        "" => "年度报告",
        s => s,
    };
    format!("{stem}{}.{extension}", if draft { "（草稿）" } else { "" })
}

#[cfg(test)]
mod tests {
    use super::*;
    use nianbao_report::sample_report;

    #[test]
    fn an_atomic_write_replaces_the_whole_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("张三 的 报告.json");
        write_atomically(&path, b"old").unwrap();
        write_atomically(&path, b"new and longer").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new and longer");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_failed_write_names_the_file_and_keeps_the_old_one() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("没有这个文件夹").join("a.pdf");
        let err = write_atomically(&missing, b"x").unwrap_err();
        assert!(err.to_string().contains("没有这个文件夹"), "{err}");
    }

    #[test]
    fn file_names_follow_the_title() {
        let mut r = sample_report();
        assert_eq!(
            output_file_name(&r, true, Format::Pdf),
            "舒城县人民政府2020年政府信息公开工作年度报告（草稿）.pdf"
        );
        r.title = "a/b: c".into();
        assert_eq!(output_file_name(&r, false, Format::Docx), "a_b_ c.docx");
        assert_eq!(
            output_file_name(&r, false, Format::Exchange),
            "舒城县人民政府2020年报数据.json"
        );
    }
}
