//! Importing report files (exchange files, Excel workbooks): every file is read first, and only when all of them are sound
//! are they saved, in one transaction.

use crate::{read_report_file, Result};
use nianbao_report::{hard_error_count, Report};
use nianbao_store::{SaveOutcome, Store};
use std::path::{Path, PathBuf};

/// What importing did with one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub path: PathBuf,
    pub unit_name: String,
    pub year: u16,
    pub outcome: SaveOutcome,
    /// Hard rules the imported report breaks (imported all the same, as it came).
    pub hard_errors: usize,
}

/// Exchange files read and found sound, not yet saved.
pub struct ImportBatch {
    files: Vec<(PathBuf, Report)>,
}

impl ImportBatch {
    /// Reads every file; one unusable file and the batch is refused, the error naming that file
    /// and the place in it. Nothing is opened or written.
    pub fn read(paths: &[impl AsRef<Path>]) -> Result<ImportBatch> {
        let files = paths
            .iter()
            .map(|p| Ok((p.as_ref().to_path_buf(), read_report_file(p.as_ref())?)))
            .collect::<Result<Vec<_>>>()?;
        Ok(ImportBatch { files })
    }

    /// Saves every report of the batch in one transaction: all of them or none.
    pub fn save(self, store: &mut Store) -> Result<Vec<Imported>> {
        let reports: Vec<Report> = self.files.iter().map(|(_, r)| r.clone()).collect();
        let outcomes = store.save_all(&reports)?;
        Ok(self
            .files
            .into_iter()
            .zip(outcomes)
            .map(|((path, r), outcome)| Imported {
                path,
                unit_name: r.unit.name.clone(),
                year: r.year,
                outcome,
                hard_errors: hard_error_count(&r),
            })
            .collect())
    }
}

/// Reads every file, then saves them all in one transaction ([`ImportBatch`]).
pub fn import_exchange_files(
    store: &mut Store,
    paths: &[impl AsRef<Path>],
) -> Result<Vec<Imported>> {
    ImportBatch::read(paths)?.save(store)
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
) -> Result<Imported> {
    if !read.unread.is_empty() {
        return Err(crate::WorkflowError::Unread {
            path: source.into(),
            cells: crate::unread_labels(read),
        });
    }
    let r = &read.report;
    if !replace && store.load(&r.unit.name, r.year)?.is_some() {
        return Err(crate::WorkflowError::AlreadyExists {
            unit: r.unit.name.clone(),
            year: r.year,
        });
    }
    let outcome = store.save(r)?;
    Ok(Imported {
        path: source.into(),
        unit_name: r.unit.name.clone(),
        year: r.year,
        outcome,
        hard_errors: hard_error_count(r),
    })
}
