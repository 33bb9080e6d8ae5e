//! Files in and out: an exchange file read with its path in every message, and writes that
//! never leave half a file.

use crate::{utc_now, Format, Result, WorkflowError};
use nianbao_report::{write_sent_report, Report};
use std::io::Write;
use std::path::{Path, PathBuf};

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

/// The file a unit sends (报送) to the county: `<单位><年度>.nianbao.json`.
pub fn submission_file_name(report: &Report) -> String {
    format!(
        "{}{}.nianbao.json",
        file_stem(&report.unit.name),
        report.year
    )
}

/// Writes the file a unit sends to the county into `dir`, stamped with now: the report as an
/// exchange file ([`write_sent_report`]), named [`submission_file_name`]. A file of the same
/// name is replaced (it is the same unit's older file). Returns the file's path.
pub fn send_report(report: &Report, dir: &Path) -> Result<PathBuf> {
    let path = dir.join(submission_file_name(report));
    write_atomically(&path, write_sent_report(report, &utc_now()).as_bytes())?;
    Ok(path)
}

/// A file name's stem from free text: characters Windows forbids replaced, never empty.
fn file_stem(text: &str) -> String {
    let stem: String = text
        .chars()
        .map(|c| {
            if r#"\/:*?"<>|"#.contains(c) || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    match stem.trim() {
        "" => "年度报告".into(),
        s => s.into(),
    }
}

/// The name an output of `report` is offered under: for the exchange file the unit and year
/// (年报数据), else its title; characters Windows forbids in file names replaced, 草稿 marked.
pub fn output_file_name(report: &Report, draft: bool, format: Format) -> String {
    let extension = format.extension();
    let title = match format {
        Format::Exchange => format!("{}{}年报数据", report.unit.name, report.year),
        _ => report.title.clone(),
    };
    let stem = file_stem(&title);
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
        r.unit.name = "城关镇: 人民政府".into();
        assert_eq!(
            submission_file_name(&r),
            "城关镇_ 人民政府2020.nianbao.json"
        );
    }

    #[test]
    fn a_sent_file_is_stamped_with_now_and_reads_back() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("报送 文件");
        std::fs::create_dir(&folder).unwrap();
        let r = sample_report();
        let before = utc_now();
        let path = send_report(&r, &folder).unwrap();
        assert_eq!(path, folder.join("舒城县人民政府2020.nianbao.json"));
        let read = nianbao_report::read_exchange(&std::fs::read(&path).unwrap()).unwrap();
        assert_eq!(read.report, r);
        let stamp = read.sent_at.unwrap();
        assert!(stamp >= before && stamp <= utc_now(), "{stamp}");
    }
}
