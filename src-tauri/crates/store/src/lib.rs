//! The local store: one SQLite file holding many units' reports for many years.
//!
//! Every save is one transaction; the file is in WAL mode with full sync, so an app killed
//! mid-save keeps everything saved before. A file that is not a nianbao store is refused
//! before anything is written to it, and a backup is taken before any migration.

mod restore;
mod schema;
mod settings;
mod units;

use nianbao_report::{
    edition, Date, Edition, Figures, Heading, HeadingLevel, Paragraph, Report, SectionKey, SignOff,
    Unit, UnitKind, Value,
};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use std::path::{Path, PathBuf};
use std::time::Duration;

pub use schema::APPLICATION_ID;
pub use settings::Receipt;
pub use units::UnitNode;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("“{}”不是年报数据文件，未做任何改动", path.display())]
    NotAStore { path: PathBuf },
    #[error("数据文件“{}”由更新版本的年报程序创建（数据版本{found}），请先升级本程序", path.display())]
    TooNew { path: PathBuf, found: i64 },
    #[error("数据文件中“{unit}”{year}年报告的“{key}”已损坏：{reason}")]
    Corrupt {
        unit: String,
        year: u16,
        key: String,
        reason: &'static str,
    },
    #[error("“{unit}”{year}年的报告已经存在")]
    AlreadyExists { unit: String, year: u16 },
    #[error("“{}”已损坏，不能用来恢复，未做任何改动", path.display())]
    Damaged { path: PathBuf },
    #[error("备份文件“{}”已存在，请换一个文件名", path.display())]
    BackupExists { path: PathBuf },
    #[error("读取数据文件“{}”失败", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("数据文件中单位“{unit}”已损坏：{reason}")]
    CorruptUnit { unit: String, reason: &'static str },
    #[error("单位名称不能为空")]
    EmptyUnitName,
    #[error("单位“{name}”已经存在")]
    UnitExists { name: String },
    #[error("没有找到单位“{name}”")]
    UnitNotFound { name: String },
    #[error("单位“{name}”的上级单位“{parent}”不在单位列表中，请先添加上级单位")]
    ParentNotFound { name: String, parent: String },
    #[error("单位“{parent}”是“{name}”本身或其下级单位，不能作为它的上级单位")]
    UnitCycle { name: String, parent: String },
    #[error("数据库操作失败")]
    Sqlite(#[from] rusqlite::Error),
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// One line of the store's list of reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportSummary {
    pub unit_name: String,
    pub unit_kind: UnitKind,
    pub year: u16,
    pub edition: Edition,
    pub title: String,
    /// When the report was last changed, UTC, ISO 8601.
    pub updated_at: String,
}

/// What saving did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveOutcome {
    Created,
    Updated,
    /// The store already held exactly this report; nothing was written.
    Unchanged,
}

pub struct Store {
    conn: Connection,
    path: PathBuf,
}

const SQLITE_MAGIC: &[u8] = b"SQLite format 3\0";

impl Store {
    /// Opens the store at `path`, creating it when the file does not exist or is empty.
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref().to_path_buf();
        let io = |source| StoreError::Io {
            path: path.clone(),
            source,
        };
        let fresh = match std::fs::metadata(&path) {
            Ok(m) => m.len() == 0,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => true,
            Err(e) => return Err(io(e)),
        };
        if !fresh {
            let mut head = [0u8; 16];
            use std::io::Read;
            let n = std::fs::File::open(&path)
                .and_then(|mut f| f.read(&mut head))
                .map_err(io)?;
            if n < 16 || head != SQLITE_MAGIC {
                return Err(StoreError::NotAStore { path });
            }
        }
        let conn = Connection::open(&path)?;
        conn.busy_timeout(Duration::from_secs(5))?;
        let app_id: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if !fresh && app_id != APPLICATION_ID {
            let tables: i64 =
                conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
            if app_id != 0 || tables > 0 {
                return Err(StoreError::NotAStore { path });
            }
        }
        if version > schema::latest_version() {
            return Err(StoreError::TooNew {
                path,
                found: version,
            });
        }
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        let mut store = Store { conn, path };
        store.migrate(version, fresh)?;
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Brings the schema to the latest version; a store that held anything is backed up first.
    fn migrate(&mut self, from: i64, fresh: bool) -> Result<()> {
        if from == schema::latest_version() {
            return Ok(());
        }
        if !fresh {
            let backup = numbered_path(&self.path, &format!("before-v{}", from + 1));
            self.backup(&backup)?;
        }
        let tx = self.conn.transaction()?;
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        for (i, sql) in schema::MIGRATIONS.iter().enumerate().skip(from as usize) {
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", i as i64 + 1)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Writes a consistent copy of the whole store to `to` (which must not exist yet).
    pub fn backup(&self, to: &Path) -> Result<()> {
        if to.exists() {
            return Err(StoreError::BackupExists {
                path: to.to_path_buf(),
            });
        }
        self.conn
            .execute("VACUUM INTO ?1", [to.to_string_lossy().as_ref()])?;
        Ok(())
    }

    /// Every report in the store, by unit name then year.
    pub fn list(&self) -> Result<Vec<ReportSummary>> {
        let mut stmt = self.conn.prepare(
            "SELECT unit_name, unit_kind, year, edition, title, updated_at
             FROM report ORDER BY unit_name, year",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
            ))
        })?;
        rows.map(|row| {
            let (unit_name, kind, year, edition, title, updated_at) = row?;
            let year = year as u16;
            let corrupt = |key: &str, reason| StoreError::Corrupt {
                unit: unit_name.clone(),
                year,
                key: key.into(),
                reason,
            };
            Ok(ReportSummary {
                unit_kind: UnitKind::from_key(&kind)
                    .ok_or_else(|| corrupt("unit_kind", "未知的单位类型"))?,
                edition: Edition::from_code(&edition)
                    .ok_or_else(|| corrupt("edition", "未知的格式版本"))?,
                unit_name,
                year,
                title,
                updated_at,
            })
        })
        .collect()
    }

    pub fn is_empty(&self) -> Result<bool> {
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM report", [], |r| r.get(0))?;
        Ok(n == 0)
    }

    /// Every report in the store with when it was last changed, by unit name then year, in
    /// three queries whatever their number.
    pub fn load_all(&self) -> Result<Vec<(Report, String)>> {
        load_where(&self.conn, "1 = 1", params![])
    }

    /// Every unit's report for one year, by unit name, in three queries whatever their number.
    pub fn load_year(&self, year: u16) -> Result<Vec<Report>> {
        let all = load_where(&self.conn, "year = ?1", params![year])?;
        Ok(all.into_iter().map(|(report, _)| report).collect())
    }

    /// One unit's report for one year, if the store has it.
    pub fn load(&self, unit_name: &str, year: u16) -> Result<Option<Report>> {
        load(&self.conn, unit_name, year)
    }

    /// Saves one report in one transaction (replacing the unit's report for that year).
    pub fn save(&mut self, report: &Report) -> Result<SaveOutcome> {
        Ok(self.save_all(std::slice::from_ref(report))?[0])
    }

    /// Saves several reports in one transaction: all of them or none.
    pub fn save_all(&mut self, reports: &[Report]) -> Result<Vec<SaveOutcome>> {
        let tx = self.conn.transaction()?;
        let outcomes = reports
            .iter()
            .map(|r| save(&tx, r))
            .collect::<Result<Vec<_>>>()?;
        tx.commit()?;
        Ok(outcomes)
    }

    /// Saves received reports in one transaction, all or none, recording for each report that
    /// changed the file it came in (its name and the time the unit made it); a file identical
    /// to the store's report writes nothing.
    pub fn save_received(
        &mut self,
        received: &[(Report, String, Option<String>)],
    ) -> Result<Vec<SaveOutcome>> {
        let tx = self.conn.transaction()?;
        let outcomes = received
            .iter()
            .map(|(r, file_name, made_at)| {
                let outcome = save(&tx, r)?;
                if outcome != SaveOutcome::Unchanged {
                    settings::record_receipt(
                        &tx,
                        &r.unit.name,
                        r.year,
                        file_name,
                        made_at.as_deref(),
                    )?;
                }
                Ok(outcome)
            })
            .collect::<Result<Vec<_>>>()?;
        tx.commit()?;
        Ok(outcomes)
    }

    /// Saves `report` in place of the report stored as (`unit_name`, `year`), in one
    /// transaction: how an edited report whose unit name or year changed is saved.
    /// Refused when another report already has the new unit and year.
    pub fn save_replacing(
        &mut self,
        unit_name: &str,
        year: u16,
        report: &Report,
    ) -> Result<SaveOutcome> {
        let moved = unit_name != report.unit.name || year != report.year;
        let tx = self.conn.transaction()?;
        if moved {
            let taken: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM report WHERE unit_name = ?1 AND year = ?2)",
                params![report.unit.name, report.year],
                |r| r.get(0),
            )?;
            if taken {
                return Err(StoreError::AlreadyExists {
                    unit: report.unit.name.clone(),
                    year: report.year,
                });
            }
            tx.execute(
                "DELETE FROM report WHERE unit_name = ?1 AND year = ?2",
                params![unit_name, year],
            )?;
        }
        let outcome = save(&tx, report)?;
        tx.commit()?;
        Ok(outcome)
    }

    /// Deletes a unit's report for a year; false when there was none.
    pub fn delete(&mut self, unit_name: &str, year: u16) -> Result<bool> {
        let n = self.conn.execute(
            "DELETE FROM report WHERE unit_name = ?1 AND year = ?2",
            params![unit_name, year],
        )?;
        Ok(n > 0)
    }
}

/// `store.db` → `store.before-v2.bak`, or `store.before-v2.1.bak` when that exists.
fn numbered_path(path: &Path, tag: &str) -> PathBuf {
    let stem = path
        .file_stem()
        .map_or("store".into(), |s| s.to_string_lossy().into_owned());
    (0..)
        .map(|i| {
            let name = match i {
                0 => format!("{stem}.{tag}.bak"),
                i => format!("{stem}.{tag}.{i}.bak"),
            };
            path.with_file_name(name)
        })
        .find(|p| !p.exists())
        .expect("an unused name")
}

fn save(tx: &Transaction, r: &Report) -> Result<SaveOutcome> {
    let existing: Option<i64> = tx
        .query_row(
            "SELECT id FROM report WHERE unit_name = ?1 AND year = ?2",
            params![r.unit.name, r.year],
            |row| row.get(0),
        )
        .optional()?;
    if existing.is_some() && load(tx, &r.unit.name, r.year)?.as_ref() == Some(r) {
        return Ok(SaveOutcome::Unchanged);
    }
    let sign_off_name = r.sign_off.as_ref().map(|s| s.name.as_str());
    let sign_off_date = r.sign_off.as_ref().map(|s| s.date.iso());
    tx.execute(
        "INSERT INTO report (unit_name, year, edition, unit_kind, unit_parent, unit_address,
             unit_postcode, unit_phone, title, opening, sign_off_name, sign_off_date, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,
             strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
         ON CONFLICT (unit_name, year) DO UPDATE SET
             edition = excluded.edition, unit_kind = excluded.unit_kind,
             unit_parent = excluded.unit_parent, unit_address = excluded.unit_address,
             unit_postcode = excluded.unit_postcode, unit_phone = excluded.unit_phone,
             title = excluded.title, opening = excluded.opening,
             sign_off_name = excluded.sign_off_name, sign_off_date = excluded.sign_off_date,
             updated_at = excluded.updated_at",
        params![
            r.unit.name,
            r.year,
            r.edition.code(),
            r.unit.kind.key(),
            r.unit.parent,
            r.unit.address,
            r.unit.postcode,
            r.unit.phone,
            r.title,
            r.opening,
            sign_off_name,
            sign_off_date,
        ],
    )?;
    let id: i64 = tx.query_row(
        "SELECT id FROM report WHERE unit_name = ?1 AND year = ?2",
        params![r.unit.name, r.year],
        |row| row.get(0),
    )?;
    tx.execute("DELETE FROM paragraph WHERE report_id = ?1", [id])?;
    tx.execute("DELETE FROM figure WHERE report_id = ?1", [id])?;
    let mut para = tx.prepare_cached(
        "INSERT INTO paragraph (report_id, section, position, level, heading, text)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for key in SectionKey::ALL {
        for (i, p) in r.section(key).paragraphs.iter().enumerate() {
            para.execute(params![
                id,
                key.key(),
                i as i64,
                p.heading.as_ref().map(|h| h.level.key()),
                p.heading.as_ref().map(|h| h.text.as_str()),
                p.text
            ])?;
        }
    }
    let mut fig =
        tx.prepare_cached("INSERT INTO figure (report_id, key, value) VALUES (?1, ?2, ?3)")?;
    for (key, value) in r.figures.iter() {
        fig.execute(params![id, key, value.as_i64()])?;
    }
    units::ensure_unit(tx, r)?;
    Ok(if existing.is_some() {
        SaveOutcome::Updated
    } else {
        SaveOutcome::Created
    })
}

fn load(conn: &Connection, unit_name: &str, year: u16) -> Result<Option<Report>> {
    let reports = load_where(
        conn,
        "unit_name = ?1 AND year = ?2",
        params![unit_name, year],
    )?;
    Ok(reports.into_iter().next().map(|(report, _)| report))
}

/// The reports a `WHERE` clause on the report table selects, each with its `updated_at`, in
/// three queries whatever their number.
fn load_where(
    conn: &Connection,
    filter: &str,
    args: impl rusqlite::Params + Copy,
) -> Result<Vec<(Report, String)>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, unit_name, year, edition, unit_kind, unit_parent, unit_address,
             unit_postcode, unit_phone, title, opening, sign_off_name, sign_off_date, updated_at
         FROM report WHERE {filter} ORDER BY unit_name, year"
    ))?;
    let mut rows = stmt.query(args)?;
    let mut reports: Vec<(Report, String)> = Vec::new();
    let mut index = std::collections::HashMap::new();
    // Whose rows these are, for messages naming a damaged value.
    let mut owners: Vec<(String, u16)> = Vec::new();
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let unit_name: String = r.get(1)?;
        let year = r.get::<_, i64>(2)? as u16;
        let (edition, kind, sign_off) = {
            let corrupt = corruption(&unit_name, year);
            let edition = r.get::<_, String>(3)?;
            let edition =
                Edition::from_code(&edition).ok_or_else(|| corrupt("edition", "未知的格式版本"))?;
            let kind = r.get::<_, String>(4)?;
            let kind =
                UnitKind::from_key(&kind).ok_or_else(|| corrupt("unit_kind", "未知的单位类型"))?;
            let sign_off = match (
                r.get::<_, Option<String>>(11)?,
                r.get::<_, Option<String>>(12)?,
            ) {
                (Some(name), Some(date)) => Some(SignOff {
                    name,
                    date: Date::parse_iso(&date)
                        .ok_or_else(|| corrupt("sign_off_date", "日期无效"))?,
                }),
                _ => None,
            };
            (edition, kind, sign_off)
        };
        let report = Report {
            unit: Unit {
                name: unit_name.clone(),
                kind,
                parent: r.get(5)?,
                address: r.get(6)?,
                postcode: r.get(7)?,
                phone: r.get(8)?,
            },
            year,
            edition,
            title: r.get(9)?,
            opening: r.get(10)?,
            sections: Default::default(),
            figures: Figures::zeros(edition),
            sign_off,
        };
        index.insert(id, reports.len());
        reports.push((report, r.get(13)?));
        owners.push((unit_name, year));
    }
    if reports.is_empty() {
        return Ok(reports);
    }
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT report_id, section, level, heading, text FROM paragraph
         WHERE report_id IN (SELECT id FROM report WHERE {filter})
         ORDER BY report_id, section, position"
    ))?;
    let mut rows = stmt.query(args)?;
    while let Some(row) = rows.next()? {
        let i = index[&row.get::<_, i64>(0)?];
        let corrupt = corruption(&owners[i].0, owners[i].1);
        let report = &mut reports[i].0;
        let section: String = row.get(1)?;
        let section =
            SectionKey::from_key(&section).ok_or_else(|| corrupt(&section, "未知的章节"))?;
        let heading = match (
            row.get::<_, Option<String>>(2)?,
            row.get::<_, Option<String>>(3)?,
        ) {
            (Some(level), Some(text)) => Some(Heading {
                level: HeadingLevel::from_key(&level)
                    .ok_or_else(|| corrupt(&level, "未知的标题级别"))?,
                text,
            }),
            _ => None,
        };
        report.section_mut(section).paragraphs.push(Paragraph {
            heading,
            text: row.get(4)?,
        });
    }
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT report_id, key, value FROM figure
         WHERE report_id IN (SELECT id FROM report WHERE {filter})"
    ))?;
    let mut rows = stmt.query(args)?;
    while let Some(row) = rows.next()? {
        let i = index[&row.get::<_, i64>(0)?];
        let corrupt = corruption(&owners[i].0, owners[i].1);
        let report = &mut reports[i].0;
        let key: String = row.get(1)?;
        let n: i64 = row.get(2)?;
        let spec = edition::cell(report.edition, &key)
            .ok_or_else(|| corrupt(&key, "不是本版格式的格子"))?;
        let value = Value::from_i64(spec.kind, n).ok_or_else(|| corrupt(&key, "数值超出范围"))?;
        report
            .set_figure(&key, value)
            .map_err(|_| corrupt(&key, "数值类型不对"))?;
    }
    Ok(reports)
}

/// A maker of the error for a damaged value of one report.
fn corruption(unit: &str, year: u16) -> impl Fn(&str, &'static str) -> StoreError + '_ {
    move |key, reason| StoreError::Corrupt {
        unit: unit.into(),
        year,
        key: key.into(),
        reason,
    }
}
