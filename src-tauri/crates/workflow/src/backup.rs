//! The office's whole store on a USB stick: 备份 writes a consistent copy and remembers when;
//! 恢复 reads one back (the store's own checks and its backup first); a reminder when no backup
//! was made for a month.

use crate::clock::day_number;
use crate::{Result, WorkflowError};
use nianbao_report::Date;
use nianbao_store::Store;
use std::path::{Path, PathBuf};

/// The setting that holds when the last backup was written (UTC ISO 8601).
pub const LAST_BACKUP_KEY: &str = "last_backup_at";
/// The setting that holds when the store was first seen holding reports and never backed up.
const WATCH_SINCE_KEY: &str = "backup_watch_since";
/// Days without a backup after which the clerk is reminded.
pub const BACKUP_REMINDER_DAYS: i64 = 30;

/// Writes a consistent copy of the whole store to `to`, replacing a file the clerk chose to
/// overwrite only once the copy is whole, and records the time (`now`, UTC ISO 8601).
pub fn backup_store(store: &mut Store, to: &Path, now: &str) -> Result<()> {
    let mut name = to.file_name().unwrap_or_default().to_os_string();
    name.push(".nianbao-tmp");
    let tmp = to.with_file_name(name);
    let _ = std::fs::remove_file(&tmp);
    if let Err(e) = store.backup(&tmp) {
        let _ = std::fs::remove_file(&tmp);
        // SQLite's own words say nothing of the file: name it.
        return Err(WorkflowError::Write {
            path: to.into(),
            source: std::io::Error::other(e.to_string()),
        });
    }
    std::fs::rename(&tmp, to).map_err(|source| {
        let _ = std::fs::remove_file(&tmp);
        WorkflowError::Write {
            path: to.into(),
            source,
        }
    })?;
    store.set_setting(LAST_BACKUP_KEY, now)?;
    Ok(())
}

/// Replaces the store with the backup in `from` (see [`Store::restore`]: a file that is not a
/// nianbao store, is damaged or comes from a newer program is refused and nothing changes).
/// Returns where the store as it was before has been kept.
pub fn restore_store(store: &mut Store, from: &Path) -> Result<PathBuf> {
    if !from.is_file() {
        return Err(WorkflowError::Read {
            path: from.into(),
            source: std::io::Error::from(std::io::ErrorKind::NotFound),
        });
    }
    Ok(store.restore(from)?)
}

/// Why the clerk is asked to back up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupReminder {
    /// When the last backup was made (UTC ISO 8601); none when never.
    pub last_backup_at: Option<String>,
    /// Days since then (or since the store was first seen holding reports).
    pub days: i64,
}

/// Whether to remind the clerk to back up, as of `now` (UTC ISO 8601): when the last backup is
/// [`BACKUP_REMINDER_DAYS`] old and a report changed since; when none was ever made, once the
/// store has held reports for a day (the first look at a store with reports starts that clock,
/// so a new or empty store is not nagged).
pub fn backup_reminder(store: &mut Store, now: &str) -> Result<Option<BackupReminder>> {
    let reports = store.list()?;
    let Some(latest_change) = reports.iter().map(|r| r.updated_at.as_str()).max() else {
        return Ok(None);
    };
    let days_since = |stamp: &str| match (day_of(now), day_of(stamp)) {
        (Some(a), Some(b)) => a - b,
        _ => 0,
    };
    if let Some(last) = store.setting(LAST_BACKUP_KEY)? {
        let days = days_since(&last);
        let changed = latest_change > last.as_str();
        return Ok(
            (days >= BACKUP_REMINDER_DAYS && changed).then_some(BackupReminder {
                last_backup_at: Some(last),
                days,
            }),
        );
    }
    let Some(since) = store.setting(WATCH_SINCE_KEY)? else {
        store.set_setting(WATCH_SINCE_KEY, now)?;
        return Ok(None);
    };
    let days = days_since(&since);
    Ok((days >= 1).then_some(BackupReminder {
        last_backup_at: None,
        days,
    }))
}

/// The day number of an ISO 8601 stamp's date.
fn day_of(stamp: &str) -> Option<i64> {
    Date::parse_iso(stamp.get(..10)?).map(day_number)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::civil_from_days;
    use nianbao_report::sample_report;

    #[test]
    fn a_backup_is_a_store_the_time_is_kept_and_a_chosen_file_is_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path().join("s.db")).unwrap();
        store.save(&sample_report()).unwrap();
        let to = dir.path().join("U盘备份.db");
        std::fs::write(&to, b"an old file the clerk chose to overwrite").unwrap();
        backup_store(&mut store, &to, "2023-01-05T02:00:00.000Z").unwrap();
        assert_eq!(
            store.setting(LAST_BACKUP_KEY).unwrap().as_deref(),
            Some("2023-01-05T02:00:00.000Z")
        );
        let copy = Store::open(&to).unwrap();
        assert_eq!(copy.load_all().unwrap().len(), 1);
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(names.iter().all(|n| !n.contains("tmp")), "{names:?}");
        let err = backup_store(&mut store, &dir.path().join("无此目录/a.db"), "x").unwrap_err();
        assert!(err.to_string().contains("无此目录"), "{err}");
    }

    #[test]
    fn restore_refuses_what_is_not_a_store_and_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.db");
        let mut store = Store::open(&path).unwrap();
        store.save(&sample_report()).unwrap();
        let backup = dir.path().join("backup.db");
        backup_store(&mut store, &backup, "2023-01-05T02:00:00.000Z").unwrap();
        store.delete("舒城县人民政府", 2020).unwrap();
        let junk = dir.path().join("junk.db");
        std::fs::write(&junk, "不是数据库".repeat(50)).unwrap();
        let err = restore_store(&mut store, &junk).unwrap_err();
        assert!(err.to_string().contains("不是年报数据文件"), "{err}");
        assert!(store.load_all().unwrap().is_empty());
        let kept = restore_store(&mut store, &backup).unwrap();
        assert!(kept.exists());
        assert_eq!(store.load_all().unwrap().len(), 1);
        assert!(matches!(
            restore_store(&mut store, &dir.path().join("无.db")),
            Err(WorkflowError::Read { .. })
        ));
    }

    #[test]
    fn the_reminder_waits_for_reports_a_day_then_thirty_days_after_a_backup() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path().join("s.db")).unwrap();
        assert_eq!(
            backup_reminder(&mut store, "2023-01-01T00:00:00.000Z").unwrap(),
            None
        );
        store.save(&sample_report()).unwrap();
        // First seen with reports: the clock starts, no reminder yet.
        assert_eq!(
            backup_reminder(&mut store, "2023-01-01T08:00:00.000Z").unwrap(),
            None
        );
        assert_eq!(
            backup_reminder(&mut store, "2023-01-01T23:00:00.000Z").unwrap(),
            None
        );
        let due = backup_reminder(&mut store, "2023-01-03T08:00:00.000Z")
            .unwrap()
            .unwrap();
        assert_eq!((due.last_backup_at, due.days), (None, 2));
        // Backed up (long ago, before the report's last change): due after 30 days.
        store
            .set_setting(LAST_BACKUP_KEY, "2000-01-01T00:00:00.000Z")
            .unwrap();
        let updated = store.list().unwrap()[0].updated_at.clone();
        let later = |days: i64| {
            let base = day_of(&updated).unwrap() + days;
            let (y, m, d) = civil_from_days(base);
            format!("{y:04}-{m:02}-{d:02}T12:00:00.000Z")
        };
        assert!(backup_reminder(&mut store, &later(3)).unwrap().is_some());
        store.set_setting(LAST_BACKUP_KEY, &later(0)).unwrap();
        assert_eq!(backup_reminder(&mut store, &later(29)).unwrap(), None);
        // 30 days on, but nothing changed since the backup: nothing to remind of.
        assert_eq!(backup_reminder(&mut store, &later(30)).unwrap(), None);
        store
            .set_setting(LAST_BACKUP_KEY, "2000-01-01T00:00:00.000Z")
            .unwrap();
        let due = backup_reminder(&mut store, "2000-01-31T00:00:00.000Z")
            .unwrap()
            .unwrap();
        assert_eq!(due.days, 30);
    }
}
