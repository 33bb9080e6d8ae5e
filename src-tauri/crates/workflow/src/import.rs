//! Importing report files, many at once, with an outcome for every file: 新增, 已更新, 无变化,
//! or 未导入 with the reason, or waiting for the clerk (a file older than a change made in the
//! store, a unit not in the tree). Files that are sound are saved together in one
//! transaction with the record of the file each came in; a refused file changes nothing.
//!
//! The county collects its units' files with this (报送 files stamped with when they were
//! made); a unit imports its own files the same way.

use crate::clock::{local_minute, normalize_stamp, stamp_of};
use crate::{read_source, unread_labels, Result, WorkflowError};
use nianbao_report::{hard_error_count, Report, SectionKey};
use nianbao_store::{SaveOutcome, Store};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// A file bigger than this is no report (the sample's exchange file is 20 KB, a Word report
/// with pictures a few MB): it is refused before it is read.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// What the clerk chose for a file waiting on a choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    /// Take the file's report (replacing the store's, or adding the unit to the tree).
    TakeFile,
    /// Keep the store as it is; the file is not imported.
    KeepStore,
}

/// How a batch is imported.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// The unit (a county) collecting its units' files: a file of a unit outside it is
    /// refused, and a unit not in the tree waits for the clerk to add it under the county.
    pub county: Option<String>,
    /// The year being collected: a file of another year is refused.
    pub year: Option<u16>,
    /// The clerk's choices for files that waited, by path.
    pub choices: HashMap<PathBuf, Choice>,
}

/// One cell (or piece of text) where the store's report and a file's differ.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    /// Where, as a clerk reads it: 表三“（一）予以公开”行“自然人”列, or 单位地址, 三、…第2段.
    pub place: String,
    /// The cell's key, for a figure.
    pub key: Option<String>,
    pub in_store: String,
    pub in_file: String,
}

/// Why a file waits for the clerk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Question {
    /// The store's report was changed after the file was made: take the file or keep the store?
    Conflict {
        /// When the store's report was last changed, UTC.
        changed_at: String,
        /// When the file was made, UTC.
        made_at: String,
        differences: Vec<Difference>,
    },
    /// The file's unit is not in the tree: add it under `parent` and import?
    NewUnit { parent: String },
}

/// What importing did with one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Saved(SaveOutcome),
    /// Not imported; the sentence says why, naming the file's problem.
    Refused(String),
    /// Not imported yet: the clerk must choose.
    Waiting(Question),
    /// The clerk chose to keep the store's report.
    Kept,
}

impl Outcome {
    /// The outcome as the clerk reads it in the list of files.
    pub fn label(&self) -> &'static str {
        match self {
            Outcome::Saved(SaveOutcome::Created) => "新增",
            Outcome::Saved(SaveOutcome::Updated) => "已更新",
            Outcome::Saved(SaveOutcome::Unchanged) => "无变化",
            Outcome::Refused(_) => "未导入",
            Outcome::Waiting(_) => "待确认",
            Outcome::Kept => "保留库中版本",
        }
    }
}

/// One file of a batch and what became of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileImport {
    pub path: PathBuf,
    /// The report's unit and year, when the file could be read.
    pub unit_name: Option<String>,
    pub year: Option<u16>,
    pub outcome: Outcome,
    /// Hard rules the report breaks as it came (imported all the same, to be shown).
    pub hard_errors: usize,
    /// The unit was added to the tree (under this parent) with its report.
    pub added_under: Option<String>,
}

impl FileImport {
    pub fn file_name(&self) -> String {
        file_name(&self.path)
    }
}

/// A file read and found sound, before it is weighed against the store.
struct Candidate {
    index: usize,
    report: Report,
    made_at: String,
    /// The stamp as the file says it (`sent_at`), to record; none for files without one.
    sent_at: Option<String>,
}

/// Files read for import, not yet weighed against a store: nothing is opened or written.
pub struct ImportBatch {
    results: Vec<FileImport>,
    candidates: Vec<Candidate>,
}

impl ImportBatch {
    /// Reads every file; a file's problem becomes its outcome (未导入 with the reason).
    pub fn read(paths: &[impl AsRef<Path>]) -> ImportBatch {
        let mut results: Vec<FileImport> = paths
            .iter()
            .map(|p| FileImport {
                path: p.as_ref().to_path_buf(),
                unit_name: None,
                year: None,
                outcome: Outcome::Refused(String::new()),
                hard_errors: 0,
                added_under: None,
            })
            .collect();
        let mut candidates = Vec::new();
        for (index, result) in results.iter_mut().enumerate() {
            match read_candidate(&result.path) {
                Ok((report, sent_at, made_at)) => {
                    result.unit_name = Some(report.unit.name.clone());
                    result.year = Some(report.year);
                    result.hard_errors = hard_error_count(&report);
                    candidates.push(Candidate {
                        index,
                        report,
                        made_at,
                        sent_at,
                    });
                }
                Err(reason) => result.outcome = Outcome::Refused(reason),
            }
        }
        ImportBatch {
            results,
            candidates,
        }
    }

    /// Whether any file could be read at all.
    pub fn any_readable(&self) -> bool {
        !self.candidates.is_empty()
    }

    /// The outcomes as reading left them (every file unreadable, or all still to weigh), for
    /// a batch not imported into any store.
    pub fn into_read_outcomes(self) -> Vec<FileImport> {
        self.results
    }

    /// Weighs every file read against `store` and saves those that can be taken, in one
    /// transaction (all of those or none, on a store failure). Only a failure of the store
    /// itself is an `Err`; a file's problem is its outcome.
    pub fn import(self, store: &mut Store, options: &ImportOptions) -> Result<Vec<FileImport>> {
        weigh_and_save(store, self.results, self.candidates, options)
    }
}

/// Reads `paths` and imports them into `store` ([`ImportBatch`]).
pub fn import_files(
    store: &mut Store,
    paths: &[impl AsRef<Path>],
    options: &ImportOptions,
) -> Result<Vec<FileImport>> {
    ImportBatch::read(paths).import(store, options)
}

fn weigh_and_save(
    store: &mut Store,
    mut results: Vec<FileImport>,
    candidates: Vec<Candidate>,
    options: &ImportOptions,
) -> Result<Vec<FileImport>> {
    let units = store.units()?;
    let parents: HashMap<&str, Option<&str>> = units
        .iter()
        .map(|u| (u.name.as_str(), u.parent.as_deref()))
        .collect();
    let within = |unit: &str, county: &str| {
        let mut at = Some(unit);
        let mut steps = 0;
        while let Some(name) = at {
            if name == county {
                return true;
            }
            steps += 1;
            if steps > parents.len() {
                return false;
            }
            at = parents.get(name).copied().flatten();
        }
        false
    };
    // The files received before, of the years the batch holds: read once, not per file.
    let mut years: Vec<u16> = candidates.iter().map(|c| c.report.year).collect();
    years.sort_unstable();
    years.dedup();
    let mut receipts: HashMap<(String, u16), nianbao_store::Receipt> = HashMap::new();
    for year in years {
        for r in store.receipts(year)? {
            receipts.insert((r.unit_name.clone(), year), r);
        }
    }
    let changed_at: HashMap<(String, u16), String> = store
        .list()?
        .into_iter()
        .map(|s| ((s.unit_name, s.year), normalize_stamp(&s.updated_at)))
        .collect();

    // The newest file of each unit and year goes on; the others are refused, naming it.
    let mut newest: HashMap<(String, u16), usize> = HashMap::new();
    for (i, c) in candidates.iter().enumerate() {
        let key = (c.report.unit.name.clone(), c.report.year);
        match newest.get(&key) {
            Some(&j) if candidates[j].made_at >= c.made_at => {}
            _ => {
                newest.insert(key, i);
            }
        }
    }

    let mut to_save: Vec<(usize, Report, Option<String>, Option<String>)> = Vec::new();
    for (i, c) in candidates.iter().enumerate() {
        let r = &c.report;
        let name = r.unit.name.as_str();
        let refuse = |reason: String| Outcome::Refused(reason);
        let kept = newest[&(name.to_string(), r.year)];
        let choice = options.choices.get(&results[c.index].path).copied();
        let outcome = if kept != i {
            let other = &candidates[kept];
            let other_name = file_name(&results[other.index].path);
            Some(refuse(if other.report == *r {
                format!("与“{other_name}”是同一份报告，只导入一次")
            } else {
                format!(
                    "与“{other_name}”都是“{name}”{}年的报告，已采用较新的“{other_name}”",
                    r.year
                )
            }))
        } else {
            options
                .year
                .filter(|&y| y != r.year)
                .map(|year| refuse(format!("是{}年的报告，正在收集的是{year}年的报告", r.year)))
        };
        if let Some(outcome) = outcome {
            results[c.index].outcome = outcome;
            continue;
        }
        let mut added_under = None;
        if let Some(county) = options.county.as_deref() {
            if parents.contains_key(name) {
                if !within(name, county) {
                    results[c.index].outcome = refuse(format!(
                        "单位“{name}”在单位列表中不属于“{county}”，不在本次收集之列"
                    ));
                    continue;
                }
            } else {
                let parent = match r.unit.parent.as_deref().map(str::trim) {
                    None | Some("") => county,
                    Some(p) if parents.contains_key(p) && within(p, county) => p,
                    Some(p) => {
                        results[c.index].outcome = refuse(format!(
                            "是“{p}”下属单位“{name}”的报告，不是“{county}”的单位"
                        ));
                        continue;
                    }
                };
                match choice {
                    Some(Choice::TakeFile) => added_under = Some(parent.to_string()),
                    Some(Choice::KeepStore) => {
                        results[c.index].outcome = Outcome::Kept;
                        continue;
                    }
                    None => {
                        results[c.index].outcome = Outcome::Waiting(Question::NewUnit {
                            parent: parent.to_string(),
                        });
                        continue;
                    }
                }
            }
        }
        if let Some(receipt) = receipts.get(&(name.to_string(), r.year)) {
            if let Some(previous) = receipt.made_at.as_deref().map(normalize_stamp) {
                if previous > c.made_at {
                    results[c.index].outcome = refuse(format!(
                        "比已收到的“{}”（{}制作）旧，未导入",
                        receipt.file_name,
                        local_minute(&previous)
                    ));
                    continue;
                }
            }
        }
        if let Some(changed) = changed_at.get(&(name.to_string(), r.year)) {
            if *changed > c.made_at {
                let stored = store.load(name, r.year)?.expect("listed report loads");
                if stored != *r {
                    match choice {
                        Some(Choice::TakeFile) => {}
                        Some(Choice::KeepStore) => {
                            results[c.index].outcome = Outcome::Kept;
                            continue;
                        }
                        None => {
                            results[c.index].outcome = Outcome::Waiting(Question::Conflict {
                                changed_at: changed.clone(),
                                made_at: c.made_at.clone(),
                                differences: differences(&stored, r),
                            });
                            continue;
                        }
                    }
                }
            }
        }
        to_save.push((c.index, r.clone(), c.sent_at.clone(), added_under));
    }

    // A unit added to the tree goes under the parent chosen for it, which its report names.
    for (_, r, _, under) in &mut to_save {
        if let Some(parent) = under {
            r.unit.parent = Some(parent.clone());
        }
    }
    let received: Vec<(Report, String, Option<String>)> = to_save
        .iter()
        .map(|(index, r, sent_at, _)| {
            (r.clone(), file_name(&results[*index].path), sent_at.clone())
        })
        .collect();
    let outcomes = store.save_received(&received)?;
    for ((index, _, _, under), outcome) in to_save.into_iter().zip(outcomes) {
        results[index].outcome = Outcome::Saved(outcome);
        results[index].added_under = under;
    }
    Ok(results)
}

/// Reads one file for import: the report, its 报送 stamp, and when it was made (the stamp, or
/// the file's modification time). A problem is the sentence the clerk sees.
fn read_candidate(path: &Path) -> std::result::Result<(Report, Option<String>, String), String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("无法读取：{e}"))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(format!(
            "文件过大（{:.1} MB），不像一份年度报告",
            meta.len() as f64 / 1024.0 / 1024.0
        ));
    }
    let mtime = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or_else(
            || stamp_of(0, 0),
            |d| stamp_of(d.as_secs(), d.subsec_millis()),
        );
    let read = read_source(path).map_err(|e| match e {
        // The file is named in the list already; say only what is wrong with it.
        WorkflowError::Exchange { source, .. } => source.to_string(),
        WorkflowError::Xlsx { source, .. } => source.to_string(),
        WorkflowError::Published { source, .. } => {
            format!("不像一份政府信息公开工作年度报告：{source}")
        }
        other => other.to_string(),
    })?;
    if !read.unread.is_empty() {
        return Err(format!(
            "有{}格未能读准（{}），请把这个文件单独拖入窗口逐格核对后保存",
            read.unread.len(),
            unread_labels(&read).join("、")
        ));
    }
    let made_at = read.sent_at.as_deref().map_or(mtime, normalize_stamp);
    Ok((read.report, read.sent_at, made_at))
}

/// Where the store's report and the file's differ, cell by cell and paragraph by paragraph.
pub fn differences(store: &Report, file: &Report) -> Vec<Difference> {
    let mut out = Vec::new();
    let mut text = |place: String, a: &str, b: &str| {
        if a != b {
            out.push(Difference {
                place,
                key: None,
                in_store: a.to_string(),
                in_file: b.to_string(),
            });
        }
    };
    text(
        "单位类型".into(),
        store.unit.kind.label(),
        file.unit.kind.label(),
    );
    text(
        "上级单位".into(),
        store.unit.parent.as_deref().unwrap_or(""),
        file.unit.parent.as_deref().unwrap_or(""),
    );
    text("地址".into(), &store.unit.address, &file.unit.address);
    text("邮编".into(), &store.unit.postcode, &file.unit.postcode);
    text("电话".into(), &store.unit.phone, &file.unit.phone);
    text(
        "表格版本".into(),
        &format!("{}年版", store.edition.code()),
        &format!("{}年版", file.edition.code()),
    );
    text("标题".into(), &store.title, &file.title);
    text("开头段".into(), &store.opening, &file.opening);
    for key in SectionKey::ALL {
        let (a, b) = (
            &store.section(key).paragraphs,
            &file.section(key).paragraphs,
        );
        for i in 0..a.len().max(b.len()) {
            let show = |p: Option<&nianbao_report::Paragraph>| {
                p.map_or(String::new(), |p| match &p.heading {
                    Some(h) => format!("{}{}", h.text, p.text),
                    None => p.text.clone(),
                })
            };
            text(
                format!("{}第{}段", key.heading(), i + 1),
                &show(a.get(i)),
                &show(b.get(i)),
            );
        }
    }
    let sign = |r: &Report| {
        r.sign_off
            .as_ref()
            .map_or(String::new(), |s| format!("{} {}", s.name, s.date.iso()))
    };
    text("落款".into(), &sign(store), &sign(file));
    if store.edition == file.edition {
        for spec in nianbao_report::edition::cells(store.edition) {
            let (a, b) = (
                store.printed_figure(&spec.key, spec.kind),
                file.printed_figure(&spec.key, spec.kind),
            );
            if a != b {
                out.push(Difference {
                    place: format!(
                        "{}“{}”行“{}”列",
                        spec.table.label(),
                        spec.row_label,
                        spec.column_label
                    ),
                    key: Some(spec.key.clone()),
                    in_store: a,
                    in_file: b,
                });
            }
        }
    }
    out
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Saves a report read from a source and confirmed by the clerk (the app's confirmation screen
/// of a published report): refused while cells remain unread, naming them, and, unless
/// `replace`, when the store already has the unit's report of that year. Saved as read: a
/// report that breaks a rule is kept as published, never corrected.
pub fn save_confirmed(
    store: &mut Store,
    read: &crate::ReadReport,
    source: &Path,
    replace: bool,
) -> Result<SaveOutcome> {
    if !read.unread.is_empty() {
        return Err(WorkflowError::Unread {
            path: source.into(),
            cells: unread_labels(read),
        });
    }
    let r = &read.report;
    if !replace && store.load(&r.unit.name, r.year)?.is_some() {
        return Err(WorkflowError::AlreadyExists {
            unit: r.unit.name.clone(),
            year: r.year,
        });
    }
    Ok(store.save(r)?)
}
