//! The units as a tree: the county government, its departments, its townships. A unit's parent
//! is another unit; a 垂直管理 (vertically managed) unit reports up its own line and is kept out
//! of the county's sum.

use crate::{Result, Store, StoreError};
use nianbao_report::{Report, UnitKind};
use rusqlite::{params, OptionalExtension, Transaction};

/// One unit of the tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitNode {
    pub name: String,
    pub kind: UnitKind,
    /// The unit it reports to, by name.
    pub parent: Option<String>,
    /// 垂直管理: reports up its own line, not summed into its parent.
    pub vertical: bool,
}

impl Store {
    /// Every unit, by name.
    pub fn units(&self) -> Result<Vec<UnitNode>> {
        let mut stmt = self.conn.prepare(
            "SELECT u.name, u.kind, p.name, u.vertical
             FROM unit u LEFT JOIN unit p ON p.id = u.parent_id ORDER BY u.name",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, i64>(3)?,
            ))
        })?;
        rows.map(|row| {
            let (name, kind, parent, vertical) = row?;
            Ok(UnitNode {
                kind: UnitKind::from_key(&kind).ok_or_else(|| StoreError::CorruptUnit {
                    unit: name.clone(),
                    reason: "未知的单位类型",
                })?,
                name,
                parent,
                vertical: vertical != 0,
            })
        })
        .collect()
    }

    /// One unit by name, if the tree has it.
    pub fn unit(&self, name: &str) -> Result<Option<UnitNode>> {
        Ok(self.units()?.into_iter().find(|u| u.name == name))
    }

    /// Adds a unit to the tree; its parent must already be there.
    pub fn add_unit(&mut self, unit: &UnitNode) -> Result<()> {
        let name = unit.name.trim();
        if name.is_empty() {
            return Err(StoreError::EmptyUnitName);
        }
        let tx = self.conn.transaction()?;
        if unit_id(&tx, name)?.is_some() {
            return Err(StoreError::UnitExists { name: name.into() });
        }
        let parent = parent_id(&tx, name, unit.parent.as_deref())?;
        tx.execute(
            "INSERT INTO unit (name, kind, parent_id, vertical) VALUES (?1, ?2, ?3, ?4)",
            params![name, unit.kind.key(), parent, unit.vertical],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Changes a unit's kind, parent and 垂直管理 flag (the unit is found by its name). A
    /// parent that is the unit itself or one of the units under it is refused.
    pub fn update_unit(&mut self, unit: &UnitNode) -> Result<()> {
        let tx = self.conn.transaction()?;
        let id = unit_id(&tx, &unit.name)?.ok_or_else(|| StoreError::UnitNotFound {
            name: unit.name.clone(),
        })?;
        let parent = parent_id(&tx, &unit.name, unit.parent.as_deref())?;
        if let Some(parent) = parent {
            let under_itself: bool = tx.query_row(
                "WITH RECURSIVE up (id) AS (
                     SELECT ?1 UNION SELECT u.parent_id FROM up JOIN unit u ON u.id = up.id
                     WHERE u.parent_id IS NOT NULL)
                 SELECT EXISTS (SELECT 1 FROM up WHERE id = ?2)",
                params![parent, id],
                |r| r.get(0),
            )?;
            if under_itself {
                return Err(StoreError::UnitCycle {
                    name: unit.name.clone(),
                    parent: unit.parent.clone().unwrap_or_default(),
                });
            }
        }
        tx.execute(
            "UPDATE unit SET kind = ?2, parent_id = ?3, vertical = ?4 WHERE id = ?1",
            params![id, unit.kind.key(), parent, unit.vertical],
        )?;
        tx.commit()?;
        Ok(())
    }
}

fn unit_id(tx: &Transaction, name: &str) -> Result<Option<i64>> {
    Ok(tx
        .query_row("SELECT id FROM unit WHERE name = ?1", [name], |r| r.get(0))
        .optional()?)
}

fn parent_id(tx: &Transaction, name: &str, parent: Option<&str>) -> Result<Option<i64>> {
    let Some(parent) = parent.map(str::trim).filter(|p| !p.is_empty()) else {
        return Ok(None);
    };
    if parent == name {
        return Err(StoreError::UnitCycle {
            name: name.into(),
            parent: parent.into(),
        });
    }
    unit_id(tx, parent)?
        .map(Some)
        .ok_or_else(|| StoreError::ParentNotFound {
            name: name.into(),
            parent: parent.into(),
        })
}

/// Puts a saved report's unit in the tree when it is not there yet, under the unit its report
/// names as parent (added too when missing, as the migration from free-text parents does).
/// A unit already in the tree is left as the tree has it.
pub(crate) fn ensure_unit(tx: &Transaction, r: &Report) -> Result<()> {
    if unit_id(tx, &r.unit.name)?.is_some() {
        return Ok(());
    }
    let parent = r
        .unit
        .parent
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty() && *p != r.unit.name);
    if let Some(parent) = parent {
        tx.execute(
            "INSERT INTO unit (name, kind) VALUES (?1, ?2) ON CONFLICT (name) DO NOTHING",
            params![parent, guess_parent_kind(parent).key()],
        )?;
    }
    tx.execute(
        "INSERT INTO unit (name, kind, parent_id)
         VALUES (?1, ?2, (SELECT id FROM unit WHERE name = ?3))",
        params![r.unit.name, r.unit.kind.key(), parent],
    )?;
    Ok(())
}

/// The kind of a unit known only as someone's parent (the same guess as migration 2).
fn guess_parent_kind(name: &str) -> UnitKind {
    if ["县人民政府", "区人民政府", "市人民政府"]
        .iter()
        .any(|s| name.ends_with(s))
    {
        UnitKind::CountyGovernment
    } else {
        UnitKind::Other
    }
}
