//! What crosses the IPC boundary. TypeScript types for the UI are generated from these
//! (`ui/src/bindings.ts`, checked by the `bindings_are_current` test); never copy them by hand.

use nianbao_report::edition::{
    self, ApplicationRowPlace, Column, APPEAL_COLUMNS, APPEAL_GROUPS, APPLICATION_COLUMNS,
};
use nianbao_report::{
    parse_value, Date, Edition, Finding, Heading, HeadingLevel, Paragraph, Report, SectionKey,
    Severity, SignOff, Unit, UnitKind, ValueKind,
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UnitDto {
    pub name: String,
    #[ts(type = "\"county_government\" | \"department\" | \"township\" | \"other\"")]
    pub kind: String,
    pub parent: Option<String>,
    pub address: String,
    pub postcode: String,
    pub phone: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ParagraphDto {
    #[ts(type = "\"sub\" | \"item\" | \"sub_item\" | null")]
    pub level: Option<String>,
    pub heading: Option<String>,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SectionDto {
    pub key: String,
    pub paragraphs: Vec<ParagraphDto>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SignOffDto {
    pub name: String,
    /// YYYY-MM-DD
    pub date: String,
}

/// A report as the UI edits it. Figures travel as their canonical text (29, 增10, 减3,
/// 15922.04) so that every number rule lives in Rust.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReportDto {
    pub unit: UnitDto,
    pub year: u16,
    #[ts(type = "\"2019\" | \"2021\"")]
    pub edition: String,
    pub title: String,
    pub opening: String,
    /// The six sections, in order.
    pub sections: Vec<SectionDto>,
    pub figures: BTreeMap<String, String>,
    pub sign_off: Option<SignOffDto>,
}

/// Which report: unit and year identify it in the store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReportKeyDto {
    pub unit_name: String,
    pub year: u16,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FindingDto {
    pub rule: u8,
    #[ts(type = "\"error\" | \"warning\"")]
    pub severity: String,
    #[ts(type = "\"proactive\" | \"applications\" | \"appeals\" | null")]
    pub table: Option<String>,
    pub row: Option<String>,
    pub column: Option<String>,
    pub cells: Vec<String>,
    pub section: Option<String>,
    pub paragraph: Option<u32>,
    pub expected: Option<String>,
    pub found: Option<String>,
    pub message: String,
}

/// The state a report is in, as the list shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReportStatus {
    /// 有错误: a hard rule is broken.
    HasErrors,
    /// 草稿: no hard error, but a prose section is still empty.
    Draft,
    /// 可打印
    Printable,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReportSummaryDto {
    pub unit_name: String,
    #[ts(type = "\"county_government\" | \"department\" | \"township\" | \"other\"")]
    pub unit_kind: String,
    pub year: u16,
    #[ts(type = "\"2019\" | \"2021\"")]
    pub edition: String,
    pub title: String,
    pub status: ReportStatus,
    pub errors: u32,
    pub warnings: u32,
    pub updated_at: String,
}

/// A report with what validation found in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CheckedReportDto {
    pub report: ReportDto,
    pub findings: Vec<FindingDto>,
    pub status: ReportStatus,
}

/// One cell typed or pasted by the clerk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CellEditDto {
    pub key: String,
    pub text: String,
}

/// A cell input that was refused, with the reason naming the cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RejectedCellDto {
    pub key: String,
    pub text: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CellEditResultDto {
    pub checked: CheckedReportDto,
    pub rejected: Vec<RejectedCellDto>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SavedDto {
    pub key: ReportKeyDto,
    pub findings: Vec<FindingDto>,
    pub status: ReportStatus,
    /// false when the store already held exactly this report.
    pub changed: bool,
}

/// The title and opening paragraph the format suggests for a report's unit, year and edition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DefaultTextsDto {
    pub title: String,
    pub opening: String,
}

// ---- The shape of the tables, for the UI's grids (labels come from the model, never the UI).

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ColumnDto {
    pub key: String,
    pub label: String,
    #[ts(type = "\"count\" | \"change\" | \"money\"")]
    pub kind: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RowDto {
    pub key: String,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ProactiveBlockDto {
    pub item: String,
    pub columns: Vec<ColumnDto>,
    pub rows: Vec<RowDto>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ApplicationRowDto {
    pub key: String,
    pub label: String,
    #[ts(type = "\"top\" | \"result\" | \"result_item\"")]
    pub place: String,
    /// For a result item: its group, e.g. （三）不予公开.
    pub group: Option<String>,
    /// （七）总计: computed from the results above it.
    pub is_total: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EditionLayoutDto {
    pub edition: String,
    pub source: String,
    pub sections: Vec<RowDto>,
    pub proactive_row_header: String,
    pub proactive: Vec<ProactiveBlockDto>,
    pub applications_corner: String,
    pub applicants_header: String,
    pub legal_persons_header: String,
    pub results_header: String,
    pub application_columns: Vec<ColumnDto>,
    pub application_rows: Vec<ApplicationRowDto>,
    pub litigation_header: String,
    pub appeal_groups: Vec<RowDto>,
    pub appeal_columns: Vec<ColumnDto>,
}

fn kind_key(kind: ValueKind) -> &'static str {
    match kind {
        ValueKind::Count => "count",
        ValueKind::Change => "change",
        ValueKind::Money => "money",
    }
}

fn columns(cols: &[Column]) -> Vec<ColumnDto> {
    cols.iter()
        .map(|c| ColumnDto {
            key: c.key.into(),
            label: c.label.into(),
            kind: kind_key(c.kind).into(),
        })
        .collect()
}

impl EditionLayoutDto {
    pub fn of(edition: Edition) -> EditionLayoutDto {
        let rows = |rows: &[edition::Row]| -> Vec<RowDto> {
            rows.iter()
                .map(|r| RowDto {
                    key: r.key.into(),
                    label: r.label.into(),
                })
                .collect()
        };
        EditionLayoutDto {
            edition: edition.code().into(),
            source: edition.source().into(),
            sections: SectionKey::ALL
                .iter()
                .map(|s| RowDto {
                    key: s.key().into(),
                    label: s.heading().into(),
                })
                .collect(),
            proactive_row_header: edition::PROACTIVE_ROW_HEADER.into(),
            proactive: edition::proactive_blocks(edition)
                .iter()
                .map(|b| ProactiveBlockDto {
                    item: b.item.into(),
                    columns: columns(b.columns),
                    rows: rows(b.rows),
                })
                .collect(),
            applications_corner: edition::APPLICATIONS_CORNER.into(),
            applicants_header: edition::APPLICANTS_HEADER.into(),
            legal_persons_header: edition::LEGAL_PERSONS_HEADER.into(),
            results_header: edition::RESULTS_HEADER.into(),
            application_columns: columns(APPLICATION_COLUMNS),
            application_rows: edition::application_rows(edition)
                .iter()
                .map(|r| {
                    let (place, group) = match r.place {
                        ApplicationRowPlace::Top => ("top", None),
                        ApplicationRowPlace::Result => ("result", None),
                        ApplicationRowPlace::ResultItem { group } => {
                            ("result_item", Some(group.to_string()))
                        }
                    };
                    ApplicationRowDto {
                        key: r.key.into(),
                        label: r.label.into(),
                        place: place.into(),
                        group,
                        is_total: r.key == "handled_total",
                    }
                })
                .collect(),
            litigation_header: edition::LITIGATION_HEADER.into(),
            appeal_groups: rows(APPEAL_GROUPS),
            appeal_columns: columns(APPEAL_COLUMNS),
        }
    }
}

// ---- Conversions between the model and the DTOs.

impl From<&Report> for ReportDto {
    fn from(r: &Report) -> ReportDto {
        ReportDto {
            unit: UnitDto {
                name: r.unit.name.clone(),
                kind: r.unit.kind.key().into(),
                parent: r.unit.parent.clone(),
                address: r.unit.address.clone(),
                postcode: r.unit.postcode.clone(),
                phone: r.unit.phone.clone(),
            },
            year: r.year,
            edition: r.edition.code().into(),
            title: r.title.clone(),
            opening: r.opening.clone(),
            sections: SectionKey::ALL
                .iter()
                .map(|&s| SectionDto {
                    key: s.key().into(),
                    paragraphs: r
                        .section(s)
                        .paragraphs
                        .iter()
                        .map(|p| ParagraphDto {
                            level: p.heading.as_ref().map(|h| h.level.key().into()),
                            heading: p.heading.as_ref().map(|h| h.text.clone()),
                            text: p.text.clone(),
                        })
                        .collect(),
                })
                .collect(),
            figures: r
                .figures
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            sign_off: r.sign_off.as_ref().map(|s| SignOffDto {
                name: s.name.clone(),
                date: s.date.iso(),
            }),
        }
    }
}

/// Why a DTO from the UI is not a report; the message names the field or cell.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct InvalidReport(pub String);

impl TryFrom<&UnitDto> for Unit {
    type Error = InvalidReport;

    fn try_from(d: &UnitDto) -> Result<Unit, InvalidReport> {
        let kind = UnitKind::from_key(&d.kind)
            .ok_or_else(|| InvalidReport(format!("单位类型“{}”无效", d.kind)))?;
        if d.name.trim().is_empty() {
            return Err(InvalidReport("单位名称不能为空".into()));
        }
        Ok(Unit {
            name: d.name.trim().to_string(),
            kind,
            parent: d.parent.clone().filter(|p| !p.trim().is_empty()),
            address: d.address.clone(),
            postcode: d.postcode.clone(),
            phone: d.phone.clone(),
        })
    }
}

/// A report year the format can be about.
pub fn check_year(year: u16) -> Result<u16, InvalidReport> {
    if (1990..=2200).contains(&year) {
        Ok(year)
    } else {
        Err(InvalidReport(format!("年度“{year}”无效")))
    }
}

impl TryFrom<&ReportDto> for Report {
    type Error = InvalidReport;

    fn try_from(d: &ReportDto) -> Result<Report, InvalidReport> {
        let bad = |m: String| InvalidReport(m);
        let edition = Edition::from_code(&d.edition)
            .ok_or_else(|| bad(format!("格式版本“{}”无效，应为2019或2021", d.edition)))?;
        let unit = Unit::try_from(&d.unit)?;
        check_year(d.year)?;
        let mut report = Report::blank(unit, d.year);
        report.change_edition(edition);
        report.title = d.title.clone();
        report.opening = d.opening.clone();
        if d.sections.len() != SectionKey::ALL.len() {
            return Err(bad("报告应有六个部分".into()));
        }
        for (s, dto) in SectionKey::ALL.iter().zip(&d.sections) {
            if dto.key != s.key() {
                return Err(bad(format!(
                    "第{}部分应为“{}”",
                    *s as usize + 1,
                    s.heading()
                )));
            }
            for p in &dto.paragraphs {
                let heading = match (&p.level, &p.heading) {
                    (Some(level), Some(text)) => Some(Heading {
                        level: HeadingLevel::from_key(level)
                            .ok_or_else(|| bad(format!("“{}”中的标题级别无效", s.heading())))?,
                        text: text.clone(),
                    }),
                    _ => None,
                };
                report.section_mut(*s).paragraphs.push(Paragraph {
                    heading,
                    text: p.text.clone(),
                });
            }
        }
        for (key, text) in &d.figures {
            let spec = report.cell_spec(key).map_err(|e| bad(e.to_string()))?;
            let value = parse_value(spec.kind, text)
                .map_err(|e| bad(cell_message(spec, &e.to_string())))?;
            report
                .set_figure(key, value)
                .map_err(|e| bad(e.to_string()))?;
        }
        report.sign_off = match &d.sign_off {
            None => None,
            Some(s) => Some(SignOff {
                name: s.name.clone(),
                date: Date::parse_iso(&s.date)
                    .ok_or_else(|| bad(format!("落款日期“{}”无效", s.date)))?,
            }),
        };
        Ok(report)
    }
}

/// “表三“一、本年新收政府信息公开申请数量”行“自然人”列：<reason>”
pub fn cell_message(spec: &edition::CellSpec, reason: &str) -> String {
    format!(
        "{}“{}”行“{}”列：{reason}",
        spec.table.label(),
        spec.row_label,
        spec.column_label
    )
}

impl From<&Finding> for FindingDto {
    fn from(f: &Finding) -> FindingDto {
        FindingDto {
            rule: f.rule,
            severity: match f.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            }
            .into(),
            table: f.table.map(|t| t.key().into()),
            row: f.row.clone(),
            column: f.column.clone(),
            cells: f.cells.clone(),
            section: f.section.map(str::to_string),
            paragraph: f.paragraph.map(|p| p as u32),
            expected: f.expected.clone(),
            found: f.found.clone(),
            message: f.message.clone(),
        }
    }
}

/// The list's status of a report, given its findings.
pub fn status_of(report: &Report, findings: &[Finding]) -> ReportStatus {
    if findings.iter().any(Finding::is_error) {
        ReportStatus::HasErrors
    } else if !report.empty_prose_sections().is_empty() {
        ReportStatus::Draft
    } else {
        ReportStatus::Printable
    }
}

/// Every type the UI sees, in one TypeScript module.
pub fn typescript_bindings() -> String {
    let cfg = ts_rs::Config::default();
    let decls = [
        UnitDto::decl(&cfg),
        ParagraphDto::decl(&cfg),
        SectionDto::decl(&cfg),
        SignOffDto::decl(&cfg),
        ReportDto::decl(&cfg),
        ReportKeyDto::decl(&cfg),
        FindingDto::decl(&cfg),
        ReportStatus::decl(&cfg),
        ReportSummaryDto::decl(&cfg),
        CheckedReportDto::decl(&cfg),
        CellEditDto::decl(&cfg),
        RejectedCellDto::decl(&cfg),
        CellEditResultDto::decl(&cfg),
        SavedDto::decl(&cfg),
        DefaultTextsDto::decl(&cfg),
        ColumnDto::decl(&cfg),
        RowDto::decl(&cfg),
        ProactiveBlockDto::decl(&cfg),
        ApplicationRowDto::decl(&cfg),
        EditionLayoutDto::decl(&cfg),
        crate::error::CommandError::decl(&cfg),
    ];
    let mut out = String::from(
        "// Generated from the Rust DTOs in src-tauri/src/dto.rs by the `bindings_are_current` test.\n\
         // Do not edit: run `UPDATE_BINDINGS=1 cargo test -p nianbao bindings` after changing a DTO.\n\n",
    );
    for d in decls {
        out.push_str("export ");
        out.push_str(&d);
        out.push_str("\n\n");
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use nianbao_report::sample_report;

    /// Files the UI takes from Rust rather than copying by hand: the TypeScript types, and for
    /// component tests both editions' table layouts and the sample report as the UI receives it.
    fn generated_files() -> Vec<(&'static str, String)> {
        let layouts = serde_json::json!({
            "2019": EditionLayoutDto::of(Edition::E2019),
            "2021": EditionLayoutDto::of(Edition::E2021),
        });
        let json = |v: &serde_json::Value| serde_json::to_string_pretty(v).unwrap() + "\n";
        vec![
            ("ui/src/bindings.ts", typescript_bindings()),
            ("ui/src/testing/edition-layouts.json", json(&layouts)),
            (
                "ui/src/testing/sample-report.json",
                json(&serde_json::to_value(ReportDto::from(&sample_report())).unwrap()),
            ),
        ]
    }

    #[test]
    fn bindings_are_current() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        for (path, generated) in generated_files() {
            let path = root.join(path);
            if std::env::var_os("UPDATE_BINDINGS").is_some() {
                std::fs::write(&path, &generated).unwrap();
            }
            let committed = std::fs::read_to_string(&path).unwrap_or_default();
            assert!(
                committed == generated,
                "{} is stale: run `UPDATE_BINDINGS=1 cargo test -p nianbao bindings`",
                path.display()
            );
        }
    }

    #[test]
    fn report_survives_the_round_trip_through_the_dto() {
        let r = sample_report();
        let dto = ReportDto::from(&r);
        assert_eq!(dto.figures["proactive.licensing.change"], "减3");
        assert_eq!(dto.figures["proactive.procurement.amount"], "15922.04");
        assert_eq!(Report::try_from(&dto).unwrap(), r);
    }

    #[test]
    fn a_bad_figure_names_the_cell() {
        let mut dto = ReportDto::from(&sample_report());
        dto.figures
            .insert("applications.granted.natural".into(), "-2".into());
        let err = Report::try_from(&dto).unwrap_err().to_string();
        assert_eq!(err, "表三“（一）予以公开”行“自然人”列：不能为负数（-2）");
    }
}
