//! Restoring the whole store from a backup: the backup is checked on a copy (never touched
//! itself), the current store is backed up, then replaced page by page in one step.

use crate::{numbered_path, schema, Result, Store, StoreError, APPLICATION_ID, SQLITE_MAGIC};
use rusqlite::backup::Backup;
use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::time::Duration;

impl Store {
    /// Replaces everything in the store with the store in `from`, after writing a backup of the
    /// current store beside it (`<name>.before-restore.bak`), whose path is returned. A file
    /// that is not a nianbao store, is damaged, or comes from a newer program is refused and
    /// nothing changes. A backup from an older program is brought up to date after restoring
    /// (with its own backup first, as any migration).
    pub fn restore(&mut self, from: &Path) -> Result<PathBuf> {
        let copy = numbered_path(&self.path, "restoring");
        let result = self.restore_through(from, &copy);
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let mut name = copy.clone().into_os_string();
            name.push(suffix);
            let _ = std::fs::remove_file(name);
        }
        result
    }

    fn restore_through(&mut self, from: &Path, copy: &Path) -> Result<PathBuf> {
        let io = |source| StoreError::Io {
            path: from.to_path_buf(),
            source,
        };
        let bytes = std::fs::read(from).map_err(io)?;
        if bytes.len() < 100 || !bytes.starts_with(SQLITE_MAGIC) {
            return Err(StoreError::NotAStore { path: from.into() });
        }
        std::fs::write(copy, &bytes).map_err(|source| StoreError::Io {
            path: copy.to_path_buf(),
            source,
        })?;
        let source = Connection::open(copy)?;
        let header = |pragma: &str| -> rusqlite::Result<i64> {
            source.query_row(&format!("PRAGMA {pragma}"), [], |r| r.get(0))
        };
        if header("application_id").ok() != Some(i64::from(APPLICATION_ID)) {
            return Err(StoreError::NotAStore { path: from.into() });
        }
        let version = header("user_version")?;
        if version > schema::latest_version() {
            return Err(StoreError::TooNew {
                path: from.into(),
                found: version,
            });
        }
        let check: String = source
            .query_row("PRAGMA quick_check", [], |r| r.get(0))
            .unwrap_or_default();
        if check != "ok" {
            return Err(StoreError::Damaged { path: from.into() });
        }
        let backup = numbered_path(&self.path, "before-restore");
        self.backup(&backup)?;
        // All pages in one step: the store is replaced in one transaction.
        Backup::new(&source, &mut self.conn)?.run_to_completion(
            i32::MAX,
            Duration::from_millis(50),
            None,
        )?;
        drop(source);
        // Reopened as any store is: the pragmas set, an older schema migrated.
        *self = Store::open(&self.path)?;
        Ok(backup)
    }
}
