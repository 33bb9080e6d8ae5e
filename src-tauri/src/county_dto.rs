//! What crosses the IPC boundary for the county's screens (单位管理, 报送情况, 汇总) and for
//! backup and restore. Generated into `ui/src/bindings.ts` with the rest (see [`decls`]).

use crate::dto::ReportDto;
use nianbao_report::{Edition, Finding, ReportStatus, UnitKind};
use nianbao_store::UnitNode;
use nianbao_workflow::{BackupReminder, CountyReturns, CountySummary, UnitReturn};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

/// A unit of the tree as the clerk adds or changes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UnitNodeDto {
    pub name: String,
    pub kind: UnitKind,
    /// The unit it reports to, by name.
    pub parent: Option<String>,
    /// 垂直管理: not summed into its parent.
    pub vertical: bool,
}

/// One line of 单位管理: a unit with its depth in the tree (0 for a unit with no parent).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct UnitTreeEntryDto {
    pub depth: u32,
    pub unit: UnitNodeDto,
    /// How many units report to it (a county has some).
    pub children: u32,
}

impl From<&UnitNode> for UnitNodeDto {
    fn from(u: &UnitNode) -> UnitNodeDto {
        UnitNodeDto {
            name: u.name.clone(),
            kind: u.kind,
            parent: u.parent.clone(),
            vertical: u.vertical,
        }
    }
}

impl From<&UnitNodeDto> for UnitNode {
    fn from(u: &UnitNodeDto) -> UnitNode {
        UnitNode {
            name: u.name.trim().to_owned(),
            kind: u.kind,
            parent: u
                .parent
                .as_deref()
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(Into::into),
            vertical: u.vertical,
        }
    }
}

/// A unit's report in 报送情况: the list's status and counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ReturnedReportDto {
    pub edition: Edition,
    pub status: ReportStatus,
    pub errors: u32,
    pub warnings: u32,
}

/// One unit under the county in 报送情况.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct UnitReturnDto {
    pub unit_name: String,
    pub kind: UnitKind,
    pub vertical: bool,
    /// The county itself.
    pub is_county: bool,
    /// None: not received (no report of the year in the store).
    pub report: Option<ReturnedReportDto>,
    /// The file it came in; none when entered by hand.
    pub file_name: Option<String>,
    /// When that file came, UTC ISO 8601.
    pub received_at: Option<String>,
}

/// 报送情况 of a county for a year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CountyReturnsDto {
    pub county: String,
    pub year: u16,
    /// YYYY-MM-DD: 1月31日 of the next year.
    pub deadline: String,
    /// Days left to the deadline; negative when it has passed.
    pub days_left: i32,
    /// Missing units first, then the received, then the 垂直管理 ones.
    pub units: Vec<UnitReturnDto>,
}

impl From<&UnitReturn> for UnitReturnDto {
    fn from(u: &UnitReturn) -> UnitReturnDto {
        UnitReturnDto {
            unit_name: u.unit_name.clone(),
            kind: u.kind,
            vertical: u.vertical,
            is_county: u.is_county,
            report: u.report.as_ref().map(|r| ReturnedReportDto {
                edition: r.edition,
                status: r.status,
                errors: r.errors as u32,
                warnings: r.warnings as u32,
            }),
            file_name: u.file_name.clone(),
            received_at: u.received_at.clone(),
        }
    }
}

impl From<&CountyReturns> for CountyReturnsDto {
    fn from(r: &CountyReturns) -> CountyReturnsDto {
        CountyReturnsDto {
            county: r.county.clone(),
            year: r.year,
            deadline: r.deadline.iso(),
            days_left: r.days_left.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32,
            units: r.units.iter().map(UnitReturnDto::from).collect(),
        }
    }
}

/// A unit summed, with the hard rules its own report breaks (summed as it stands).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SummedUnitDto {
    pub unit_name: String,
    pub hard_findings: Vec<Finding>,
}

/// A report of the year not summed, with the reason in a sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LeftOutDto {
    pub unit_name: String,
    pub edition: Edition,
    pub message: String,
}

/// One unit's share of a summed cell, as its report holds it (canonical text: 29, 增10, 15.5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ContributionDto {
    pub unit_name: String,
    pub value: String,
}

/// The summary of a county's units for a year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CountySummaryDto {
    pub county: String,
    pub year: u16,
    /// The county's own report taken as the county-wide one (rule 11), not summed.
    pub county_wide: bool,
    /// The sum as a report (titled as the 汇总表; no prose).
    pub report: ReportDto,
    pub summed: Vec<SummedUnitDto>,
    /// Reports of the other edition (or repeated), named and not summed.
    pub left_out: Vec<LeftOutDto>,
    /// 垂直管理 units, not summed.
    pub vertical: Vec<String>,
    /// Units with no report for the year.
    pub missing: Vec<String>,
    /// Drill-down: for each cell, what each summed unit gives to it (units giving 0 left out).
    pub contributions: BTreeMap<String, Vec<ContributionDto>>,
    /// The sum checked by the table rules.
    pub findings: Vec<Finding>,
    /// Rule 11: where the county-wide report differs from the sum.
    pub county_wide_findings: Vec<Finding>,
    /// Cells whose sum is more than a cell holds.
    pub too_large: Vec<String>,
}

impl CountySummaryDto {
    pub fn new(county: &str, year: u16, county_wide: bool, s: &CountySummary) -> Self {
        let sum = &s.aggregate;
        CountySummaryDto {
            county: county.into(),
            year,
            county_wide,
            report: ReportDto::from(&sum.report),
            summed: sum
                .summed
                .iter()
                .map(|u| SummedUnitDto {
                    unit_name: u.unit_name.clone(),
                    hard_findings: u.hard_findings.clone(),
                })
                .collect(),
            left_out: sum
                .left_out
                .iter()
                .map(|l| LeftOutDto {
                    unit_name: l.unit_name.clone(),
                    edition: l.edition,
                    message: l.message(sum.report.edition),
                })
                .collect(),
            vertical: s.vertical.clone(),
            missing: s.missing.clone(),
            contributions: sum
                .contributions
                .iter()
                .map(|(k, parts)| {
                    let parts = parts
                        .iter()
                        .map(|c| ContributionDto {
                            unit_name: c.unit_name.clone(),
                            value: c.value.to_string(),
                        })
                        .collect();
                    (k.clone(), parts)
                })
                .collect(),
            findings: sum.findings.clone(),
            county_wide_findings: s.county_wide.clone(),
            too_large: sum.too_large.clone(),
        }
    }
}

/// How far summing has got: `done` of `total` reports looked at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct SummaryProgressDto {
    pub done: u32,
    pub total: u32,
}

/// The reminder to back up, when one is due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BackupReminderDto {
    /// When the last backup was made (UTC ISO 8601); none when never.
    pub last_backup_at: Option<String>,
    pub days: i32,
}

impl From<&BackupReminder> for BackupReminderDto {
    fn from(r: &BackupReminder) -> Self {
        BackupReminderDto {
            last_backup_at: r.last_backup_at.clone(),
            days: r.days.clamp(0, i64::from(i32::MAX)) as i32,
        }
    }
}

/// A restore done: where the store as it was before has been kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RestoredDto {
    pub from: String,
    pub kept_at: String,
}

/// The declarations of this module's types, for `ui/src/bindings.ts`.
pub fn decls(cfg: &ts_rs::Config) -> Vec<String> {
    vec![
        UnitNodeDto::decl(cfg),
        UnitTreeEntryDto::decl(cfg),
        ReturnedReportDto::decl(cfg),
        UnitReturnDto::decl(cfg),
        CountyReturnsDto::decl(cfg),
        SummedUnitDto::decl(cfg),
        LeftOutDto::decl(cfg),
        ContributionDto::decl(cfg),
        CountySummaryDto::decl(cfg),
        SummaryProgressDto::decl(cfg),
        BackupReminderDto::decl(cfg),
        RestoredDto::decl(cfg),
    ]
}
