//! What crosses the IPC boundary. TypeScript types for the UI are generated from these
//! (`ui/src/bindings.ts`, checked by the `bindings_are_current` test); never copy them by hand.

use nianbao_report::edition::{CellSpec, REPORT_YEARS};
use nianbao_report::{
    parse_value, table_templates, Date, Edition, Finding, Heading, HeadingLevel, Paragraph, Report,
    ReportStatus, SectionKey, Severity, SignOff, TableId, TableTemplate, Unit, UnitKind, ValueKind,
    TOTAL_RULES,
};
use nianbao_workflow::ReportListing;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UnitDto {
    pub name: String,
    pub kind: UnitKind,
    pub parent: Option<String>,
    pub address: String,
    pub postcode: String,
    pub phone: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ParagraphDto {
    pub level: Option<HeadingLevel>,
    pub heading: Option<String>,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SectionDto {
    pub key: SectionKey,
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
    pub edition: Edition,
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ReportSummaryDto {
    pub unit_name: String,
    pub unit_kind: UnitKind,
    pub year: u16,
    pub edition: Edition,
    pub title: String,
    pub status: ReportStatus,
    pub errors: u32,
    pub warnings: u32,
    pub updated_at: String,
}

/// A report with what validation found in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CheckedReportDto {
    pub report: ReportDto,
    pub findings: Vec<Finding>,
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CellEditResultDto {
    pub checked: CheckedReportDto,
    pub rejected: Vec<RejectedCellDto>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SavedDto {
    pub key: ReportKeyDto,
    pub findings: Vec<Finding>,
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

/// A file format the app writes a report in (and, for exchange and xlsx, reads).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FileFormatDto {
    Exchange,
    Pdf,
    Xlsx,
    Html,
    Docx,
}

impl From<FileFormatDto> for nianbao_workflow::Format {
    fn from(f: FileFormatDto) -> Self {
        use nianbao_workflow::Format;
        match f {
            FileFormatDto::Exchange => Format::Exchange,
            FileFormatDto::Pdf => Format::Pdf,
            FileFormatDto::Xlsx => Format::Xlsx,
            FileFormatDto::Html => Format::Html,
            FileFormatDto::Docx => Format::Docx,
        }
    }
}

/// Whether the 审签单 (the sheet the office signs before publishing) comes with a PDF.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReviewSheetDto {
    /// The report alone: the copy that is published.
    Omitted,
    /// The sheet on top of the report, for the office's paper file.
    WithReport,
    /// The sheet alone.
    Alone,
}

impl From<ReviewSheetDto> for nianbao_pdf::ReviewSheet {
    fn from(r: ReviewSheetDto) -> Self {
        match r {
            ReviewSheetDto::Omitted => nianbao_pdf::ReviewSheet::Omitted,
            ReviewSheetDto::WithReport => nianbao_pdf::ReviewSheet::WithReport,
            ReviewSheetDto::Alone => nianbao_pdf::ReviewSheet::Alone,
        }
    }
}

// ---- The format's facts and the tables' shape, for the UI (never re-encoded in TypeScript).

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SectionHeadingDto {
    pub key: SectionKey,
    /// e.g. 一、总体情况
    pub heading: String,
    /// The table printed in the section, if any.
    pub table: Option<TableId>,
}

/// An edition's sections and its three tables as the template draws them.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct EditionLayoutDto {
    pub edition: Edition,
    /// The document that fixed the edition's shape.
    pub source: String,
    pub sections: Vec<SectionHeadingDto>,
    pub tables: Vec<TableTemplate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct EditionYearsDto {
    pub edition: Edition,
    pub source: String,
    /// The report years that use this edition, first and last.
    pub first_year: u16,
    pub last_year: u16,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct UnitKindDto {
    pub kind: UnitKind,
    pub label: String,
}

/// What the UI must know of the format's rules, from the one place that states them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FormatFactsDto {
    /// The years a report can be about.
    pub first_year: u16,
    pub last_year: u16,
    /// Which edition each year uses.
    pub editions: Vec<EditionYearsDto>,
    pub unit_kinds: Vec<UnitKindDto>,
    /// Rules whose findings are totals that disagree with what they add up (recomputing the
    /// totals settles them).
    pub total_rules: Vec<u8>,
}

impl Default for FormatFactsDto {
    fn default() -> FormatFactsDto {
        FormatFactsDto::new()
    }
}

impl FormatFactsDto {
    pub fn new() -> FormatFactsDto {
        let years = |e: Edition| {
            REPORT_YEARS
                .clone()
                .filter(move |&y| Edition::for_year(y) == e)
        };
        FormatFactsDto {
            first_year: *REPORT_YEARS.start(),
            last_year: *REPORT_YEARS.end(),
            editions: Edition::ALL
                .into_iter()
                .map(|e| EditionYearsDto {
                    edition: e,
                    source: e.source().into(),
                    first_year: years(e).min().unwrap_or_default(),
                    last_year: years(e).max().unwrap_or_default(),
                })
                .collect(),
            unit_kinds: UnitKind::ALL
                .into_iter()
                .map(|kind| UnitKindDto {
                    kind,
                    label: kind.label().into(),
                })
                .collect(),
            total_rules: TOTAL_RULES.to_vec(),
        }
    }
}

impl EditionLayoutDto {
    pub fn of(edition: Edition) -> EditionLayoutDto {
        EditionLayoutDto {
            edition,
            source: edition.source().into(),
            sections: SectionKey::ALL
                .iter()
                .map(|&s| SectionHeadingDto {
                    key: s,
                    heading: s.heading().into(),
                    table: s.table(),
                })
                .collect(),
            tables: table_templates(edition).to_vec(),
        }
    }
}

impl From<&ReportListing> for ReportSummaryDto {
    fn from(l: &ReportListing) -> ReportSummaryDto {
        ReportSummaryDto {
            unit_name: l.unit_name.clone(),
            unit_kind: l.unit_kind,
            year: l.year,
            edition: l.edition,
            title: l.title.clone(),
            status: l.status,
            errors: l.errors as u32,
            warnings: l.warnings as u32,
            updated_at: l.updated_at.clone(),
        }
    }
}

// ---- Conversions between the model and the DTOs.

impl From<&Report> for ReportDto {
    fn from(r: &Report) -> ReportDto {
        ReportDto {
            unit: UnitDto {
                name: r.unit.name.clone(),
                kind: r.unit.kind,
                parent: r.unit.parent.clone(),
                address: r.unit.address.clone(),
                postcode: r.unit.postcode.clone(),
                phone: r.unit.phone.clone(),
            },
            year: r.year,
            edition: r.edition,
            title: r.title.clone(),
            opening: r.opening.clone(),
            sections: SectionKey::ALL
                .iter()
                .map(|&s| SectionDto {
                    key: s,
                    paragraphs: r
                        .section(s)
                        .paragraphs
                        .iter()
                        .map(|p| ParagraphDto {
                            level: p.heading.as_ref().map(|h| h.level),
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
        if d.name.trim().is_empty() {
            return Err(InvalidReport("单位名称不能为空".into()));
        }
        Ok(Unit {
            name: d.name.trim().to_string(),
            kind: d.kind,
            parent: d.parent.clone().filter(|p| !p.trim().is_empty()),
            address: d.address.clone(),
            postcode: d.postcode.clone(),
            phone: d.phone.clone(),
        })
    }
}

/// A report year the format can be about.
pub fn check_year(year: u16) -> Result<u16, InvalidReport> {
    if REPORT_YEARS.contains(&year) {
        Ok(year)
    } else {
        Err(InvalidReport(format!(
            "年度“{year}”无效，应为{}至{}之间的年份",
            REPORT_YEARS.start(),
            REPORT_YEARS.end()
        )))
    }
}

impl TryFrom<&ReportDto> for Report {
    type Error = InvalidReport;

    fn try_from(d: &ReportDto) -> Result<Report, InvalidReport> {
        let bad = |m: String| InvalidReport(m);
        let edition = d.edition;
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
            if dto.key != *s {
                return Err(bad(format!(
                    "第{}部分应为“{}”",
                    *s as usize + 1,
                    s.heading()
                )));
            }
            for p in &dto.paragraphs {
                let heading = match (p.level, &p.heading) {
                    (Some(level), Some(text)) => Some(Heading {
                        level,
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
        // Typed or pasted text keeps no zero-width spaces, BOMs or control characters.
        report.strip_invisible();
        Ok(report)
    }
}

/// “表三“一、本年新收政府信息公开申请数量”行“自然人”列：<reason>”
pub fn cell_message(spec: &CellSpec, reason: &str) -> String {
    format!(
        "{}“{}”行“{}”列：{reason}",
        spec.table.label(),
        spec.row_label,
        spec.column_label
    )
}

// ---- A published report read back in (drop or paste), for the clerk to confirm.

/// A cell the reader could not read, or read with doubt: it holds 0 until the clerk fills it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DoubtfulCellDto {
    pub key: String,
    /// 表二“规范性文件”行“本年新制作数量”列
    pub label: String,
}

/// One line of the source as the reader saw it: a paragraph, or a table cell's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SourceLineDto {
    pub text: String,
    pub cell: bool,
}

/// What was read from a published report (a dropped file or pasted text), beside its source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PublishedReadDto {
    /// The file's name, or 粘贴的内容.
    pub source_name: String,
    /// Word文档, 网页, 文本文件 (pasted: 粘贴的网页 or 粘贴的文字).
    pub source_kind: String,
    /// The report as published, with what validation finds in it.
    pub checked: CheckedReportDto,
    /// In reading order.
    pub doubtful: Vec<DoubtfulCellDto>,
    /// What the reader noticed, in sentences for the clerk.
    pub notes: Vec<String>,
    pub lines: Vec<SourceLineDto>,
    /// The store already holds this unit's report of this year: saving replaces it (asked first).
    pub exists: bool,
}

// ---- Fonts and printing.

/// A face a role can be set in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FaceOptionDto {
    /// What to send to `set_font_choice` to choose it.
    pub key: String,
    /// 仿宋_GB2312, Fandol仿宋, …
    pub name: String,
    /// 系统字体 or 内置字体.
    pub source: String,
    pub bundled: bool,
    /// The file, for an installed face.
    pub path: Option<String>,
    /// The role (key) it is made for.
    pub made_for: String,
}

impl From<&nianbao_workflow::FaceOption> for FaceOptionDto {
    fn from(o: &nianbao_workflow::FaceOption) -> Self {
        FaceOptionDto {
            key: o.choice.key(),
            name: o.name.clone(),
            source: o.source.label().to_owned(),
            bundled: o.source == nianbao_workflow::FaceSource::Bundled,
            path: o.path.as_ref().map(|p| p.display().to_string()),
            made_for: o.made_for.key().to_owned(),
        }
    }
}

/// The face a role prints in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RoleFaceDto {
    /// title, fang, hei, kai, song.
    pub role: String,
    /// 标题, 正文, 一级标题, 二级标题, 页码.
    pub label: String,
    /// The face GB/T 9704 asks for (方正小标宋简体, 仿宋_GB2312, …).
    pub official: String,
    pub face: FaceOptionDto,
    /// The clerk's choice (a face's key), "" for automatic.
    pub choice: String,
    /// The face the role has when the choice is automatic.
    pub automatic: FaceOptionDto,
    /// Why the chosen face is not the one used, if it is not.
    pub note: Option<String>,
}

/// 字体: every role's face, and the faces there are to choose from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FontsDto {
    pub roles: Vec<RoleFaceDto>,
    pub options: Vec<FaceOptionDto>,
}

impl From<&nianbao_workflow::ChosenFonts> for FontsDto {
    fn from(c: &nianbao_workflow::ChosenFonts) -> Self {
        FontsDto {
            roles: c
                .roles
                .iter()
                .map(|r| RoleFaceDto {
                    role: r.role.key().to_owned(),
                    label: r.role.label().to_owned(),
                    official: r.role.official_face().to_owned(),
                    face: FaceOptionDto::from(&r.face),
                    choice: r.choice.key(),
                    automatic: FaceOptionDto::from(&r.automatic),
                    note: r.note.clone(),
                })
                .collect(),
            options: c.options.iter().map(FaceOptionDto::from).collect(),
        }
    }
}

/// What 打印 did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PrintedDto {
    /// Sent to the printer (else opened in the system's viewer for the clerk to print).
    pub sent: bool,
    /// The printer's name, when the system tells it.
    pub printer: Option<String>,
    /// The PDF printed.
    pub path: String,
    /// What happened, for the clerk.
    pub message: String,
}

/// Every type the UI sees, in one TypeScript module.
pub fn typescript_bindings() -> String {
    let cfg = ts_rs::Config::default();
    let decls = [
        Edition::decl(&cfg),
        UnitKind::decl(&cfg),
        HeadingLevel::decl(&cfg),
        SectionKey::decl(&cfg),
        TableId::decl(&cfg),
        ValueKind::decl(&cfg),
        Severity::decl(&cfg),
        Finding::decl(&cfg),
        ReportStatus::decl(&cfg),
        nianbao_report::TableTemplate::decl(&cfg),
        nianbao_report::TemplateCell::decl(&cfg),
        nianbao_report::CellContent::decl(&cfg),
        nianbao_report::LabelRole::decl(&cfg),
        nianbao_report::Align::decl(&cfg),
        UnitDto::decl(&cfg),
        ParagraphDto::decl(&cfg),
        SectionDto::decl(&cfg),
        SignOffDto::decl(&cfg),
        ReportDto::decl(&cfg),
        ReportKeyDto::decl(&cfg),
        ReportSummaryDto::decl(&cfg),
        CheckedReportDto::decl(&cfg),
        CellEditDto::decl(&cfg),
        RejectedCellDto::decl(&cfg),
        CellEditResultDto::decl(&cfg),
        SavedDto::decl(&cfg),
        DefaultTextsDto::decl(&cfg),
        FileFormatDto::decl(&cfg),
        ReviewSheetDto::decl(&cfg),
        SectionHeadingDto::decl(&cfg),
        EditionLayoutDto::decl(&cfg),
        EditionYearsDto::decl(&cfg),
        UnitKindDto::decl(&cfg),
        FormatFactsDto::decl(&cfg),
        ImportChoiceDto::decl(&cfg),
        FileChoiceDto::decl(&cfg),
        ImportRequestDto::decl(&cfg),
        DifferenceDto::decl(&cfg),
        ImportQuestionDto::decl(&cfg),
        ImportOutcomeDto::decl(&cfg),
        FileImportDto::decl(&cfg),
        FaceOptionDto::decl(&cfg),
        RoleFaceDto::decl(&cfg),
        FontsDto::decl(&cfg),
        PrintedDto::decl(&cfg),
        DoubtfulCellDto::decl(&cfg),
        SourceLineDto::decl(&cfg),
        PublishedReadDto::decl(&cfg),
        crate::error::ErrorCode::decl(&cfg),
        crate::error::CommandError::decl(&cfg),
    ];
    let mut out = String::from(
        "// Generated from the Rust DTOs in src-tauri/src/dto.rs and the report crate's types by the\n\
         // `bindings_are_current` test.\n\
         // Do not edit: run `UPDATE_BINDINGS=1 cargo test -p nianbao bindings` after changing a DTO.\n\n",
    );
    for d in decls.into_iter().chain(crate::county_dto::decls(&cfg)) {
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
            "facts": FormatFactsDto::new(),
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

// ---- Importing many files (the county's collection) -------------------------------------

/// The clerk's choice for a file that waited.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ImportChoiceDto {
    TakeFile,
    KeepStore,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FileChoiceDto {
    pub path: String,
    pub choice: ImportChoiceDto,
}

/// Which files to import and how. No paths: the clerk picks them in an open dialog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportRequestDto {
    pub paths: Option<Vec<String>>,
    /// Collecting for this county (its units only; units not in the tree wait to be added).
    pub county: Option<String>,
    /// Collecting this year only.
    pub year: Option<u16>,
    pub choices: Vec<FileChoiceDto>,
}

/// Where the store's report and a file's differ.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DifferenceDto {
    pub place: String,
    pub key: Option<String>,
    pub in_store: String,
    pub in_file: String,
}

impl From<&nianbao_workflow::Difference> for DifferenceDto {
    fn from(d: &nianbao_workflow::Difference) -> Self {
        DifferenceDto {
            place: d.place.clone(),
            key: d.key.clone(),
            in_store: d.in_store.clone(),
            in_file: d.in_file.clone(),
        }
    }
}

/// Why a file waits for the clerk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ImportQuestionDto {
    /// The store's report changed after the file was made (UTC stamps; the UI shows them in
    /// the machine's local time, as the list does).
    Conflict {
        changed_at: String,
        made_at: String,
        differences: Vec<DifferenceDto>,
    },
    /// The unit is not in the tree: add it under `parent`?
    NewUnit { parent: String },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ImportOutcomeDto {
    Created,
    Updated,
    Unchanged,
    Refused,
    Waiting,
    Kept,
}

/// One file of an import and what became of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FileImportDto {
    pub path: String,
    pub file_name: String,
    pub unit_name: Option<String>,
    pub year: Option<u16>,
    pub outcome: ImportOutcomeDto,
    /// 新增 / 已更新 / 无变化 / 未导入 / 待确认 / 保留库中版本
    pub label: String,
    /// Why it was not imported.
    pub reason: Option<String>,
    pub question: Option<ImportQuestionDto>,
    pub hard_errors: u32,
    /// The unit was added to the tree under this unit.
    pub added_under: Option<String>,
}

impl From<&nianbao_workflow::FileImport> for FileImportDto {
    fn from(f: &nianbao_workflow::FileImport) -> Self {
        use nianbao_store::SaveOutcome;
        use nianbao_workflow::{Outcome, Question};
        let (outcome, reason, question) = match &f.outcome {
            Outcome::Saved(SaveOutcome::Created) => (ImportOutcomeDto::Created, None, None),
            Outcome::Saved(SaveOutcome::Updated) => (ImportOutcomeDto::Updated, None, None),
            Outcome::Saved(SaveOutcome::Unchanged) => (ImportOutcomeDto::Unchanged, None, None),
            Outcome::Refused(reason) => (ImportOutcomeDto::Refused, Some(reason.clone()), None),
            Outcome::Kept => (ImportOutcomeDto::Kept, None, None),
            Outcome::Waiting(q) => (
                ImportOutcomeDto::Waiting,
                None,
                Some(match q {
                    Question::Conflict {
                        changed_at,
                        made_at,
                        differences,
                    } => ImportQuestionDto::Conflict {
                        changed_at: changed_at.clone(),
                        made_at: made_at.clone(),
                        differences: differences.iter().map(DifferenceDto::from).collect(),
                    },
                    Question::NewUnit { parent } => ImportQuestionDto::NewUnit {
                        parent: parent.clone(),
                    },
                }),
            ),
        };
        FileImportDto {
            path: f.path.display().to_string(),
            file_name: f.file_name(),
            unit_name: f.unit_name.clone(),
            year: f.year,
            outcome,
            label: f.outcome.label().into(),
            reason,
            question,
            hard_errors: f.hard_errors as u32,
            added_under: f.added_under.clone(),
        }
    }
}
