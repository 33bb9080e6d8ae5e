//! The office's settings (a key and a text value each) and the county's record of received
//! files (which file brought a unit's report for a year, when it was made, when it came).

use crate::{Result, Store};
use rusqlite::{params, OptionalExtension, Transaction};

/// The file that brought a unit's report for a year into the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receipt {
    pub unit_name: String,
    pub year: u16,
    /// The file's name (without its folder), as the clerk saw it.
    pub file_name: String,
    /// When the unit made the file (its 报送 stamp), UTC ISO 8601; none for files without one.
    pub made_at: Option<String>,
    /// When the county imported it, UTC ISO 8601.
    pub received_at: String,
}

impl Store {
    /// A setting's value, if it was ever set.
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM setting WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// Sets (or replaces) a setting, in its own transaction.
    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO setting (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
        Ok(())
    }

    /// Removes a setting (back to its default).
    pub fn clear_setting(&mut self, key: &str) -> Result<()> {
        self.conn
            .execute("DELETE FROM setting WHERE key = ?1", [key])?;
        Ok(())
    }

    /// The received files of one year, by unit name.
    pub fn receipts(&self, year: u16) -> Result<Vec<Receipt>> {
        let mut stmt = self.conn.prepare(
            "SELECT unit_name, year, file_name, made_at, received_at FROM receipt
             WHERE year = ?1 ORDER BY unit_name",
        )?;
        let rows = stmt.query_map([year], |r| {
            Ok(Receipt {
                unit_name: r.get(0)?,
                year: r.get::<_, i64>(1)? as u16,
                file_name: r.get(2)?,
                made_at: r.get(3)?,
                received_at: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}

/// Records (or replaces) the file a report came in, inside the transaction that saves it;
/// `received_at` is now.
pub(crate) fn record_receipt(
    tx: &Transaction,
    unit_name: &str,
    year: u16,
    file_name: &str,
    made_at: Option<&str>,
) -> Result<()> {
    tx.execute(
        "INSERT INTO receipt (unit_name, year, file_name, made_at, received_at)
         VALUES (?1, ?2, ?3, ?4, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
         ON CONFLICT (unit_name, year) DO UPDATE SET file_name = excluded.file_name,
             made_at = excluded.made_at, received_at = excluded.received_at",
        params![unit_name, year, file_name, made_at],
    )?;
    Ok(())
}
