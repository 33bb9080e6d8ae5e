//! A [`Report`] as a [`Document`]: title, opening paragraph, the six sections
//! with their headings, tables 二, 三 and 四 in the official template of the
//! report's edition (every label, every merged cell), and the sign-off.

use nianbao_report::{
    table_template, Align, CellContent, Finding, HeadingLevel as ReportHeadingLevel, Report,
    SectionKey, Severity, TableId,
};

use crate::document::{Block, Cell, Document, HeadingLevel, Paragraph, Properties, SignOff, Table};
use crate::fonts::{FaceRole, FontSet};
use crate::layout::{layout, review_sheet, LayoutError, LayoutOptions, PageLayout};
use crate::writer::write_pdf_timed;
use crate::PdfError;

/// How the report is to be printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReportOptions {
    /// Validation still finds hard errors: every page carries “草稿”.
    pub draft: bool,
    /// The sign-off will be sealed: keep four characters' space on its right.
    pub sealed: bool,
    /// Whether the 审签单 comes with the report. Never part of the published copy.
    pub review_sheet: ReviewSheet,
}

/// The 审签单, the sheet the office signs before publishing (《条例》第十七条).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ReviewSheet {
    /// The report alone: the copy that is published.
    #[default]
    Omitted,
    /// The sheet on top of the report, for the office's paper file.
    WithReport,
    /// The sheet alone.
    Alone,
}

/// Where the time of one render goes, in seconds (see [`crate::WriteTimes`]:
/// `subset` and `compress` run on several threads and overlap `write`).
#[derive(Debug, Clone, Copy, Default)]
pub struct RenderTimes {
    /// The report as a document, laid out in pages.
    pub layout: f64,
    /// Cutting the fonts down to the glyphs used.
    pub subset: f64,
    /// Deflating the streams.
    pub compress: f64,
    /// Content streams, font dictionaries and the file's structure.
    pub write: f64,
}

/// The print-ready PDF of `report`.
pub fn render_report(
    report: &Report,
    fonts: &FontSet,
    options: ReportOptions,
) -> Result<Vec<u8>, PdfError> {
    render_report_timed(report, fonts, options).map(|(bytes, _)| bytes)
}

/// [`render_report`], saying where the time went.
pub fn render_report_timed(
    report: &Report,
    fonts: &FontSet,
    options: ReportOptions,
) -> Result<(Vec<u8>, RenderTimes), PdfError> {
    let started = std::time::Instant::now();
    let mut document = report_document(report, options.sealed);
    let mut pages = layout(
        &document,
        fonts,
        LayoutOptions {
            draft: options.draft,
        },
    )?;
    if options.review_sheet != ReviewSheet::Omitted {
        let (sheet, missing) =
            review_sheet(fonts, &report.unit.name, &report.title, pages.pages.len())
                .map_err(LayoutError::from)?;
        if options.review_sheet == ReviewSheet::Alone {
            pages = PageLayout {
                pages: Vec::new(),
                missing: Vec::new(),
            };
            document.title = format!("{}审签单", report.title);
            document.properties.subject = crate::layout::REVIEW_SHEET_TITLE.to_owned();
        }
        pages.pages.insert(0, sheet);
        pages.missing.extend(missing);
    }
    let layout_time = started.elapsed().as_secs_f64();
    if !options.draft && !pages.missing.is_empty() {
        return Err(PdfError::MissingGlyphs(pages.missing));
    }
    let (bytes, w) = write_pdf_timed(&pages, fonts, &document.title, &document.properties)?;
    Ok((
        bytes,
        RenderTimes {
            layout: layout_time,
            subset: w.subset,
            compress: w.compress,
            write: w.write,
        },
    ))
}

/// The document a report prints as.
pub fn report_document(report: &Report, sealed: bool) -> Document {
    let mut blocks = Vec::new();
    if !report.opening.trim().is_empty() {
        blocks.push(Block::Paragraph(
            Paragraph::body(&report.opening).with_origin("开头段"),
        ));
    }
    for key in SectionKey::ALL {
        let heading = key.heading();
        blocks.push(Block::Paragraph(
            Paragraph::heading(HeadingLevel::First, heading).with_origin(heading),
        ));
        for (i, p) in report.section(key).paragraphs.iter().enumerate() {
            let origin = format!("{heading} 第{}段", i + 1);
            let paragraph = match &p.heading {
                None => Paragraph::body(&p.text),
                Some(h) if p.text.is_empty() => Paragraph::heading(level(h.level), &h.text),
                Some(h) => Paragraph::run_in(level(h.level), &h.text, &p.text),
            };
            blocks.push(Block::Paragraph(paragraph.with_origin(origin)));
        }
        if let Some(t) = key.table() {
            blocks.push(Block::Table(table(report, t)));
        }
    }
    Document {
        title: report.title.clone(),
        blocks,
        sign_off: report.sign_off.as_ref().map(|s| SignOff {
            issuer: s.name.clone(),
            date: s.date.chinese(),
            sealed,
        }),
        properties: Properties {
            author: report.unit.name.clone(),
            subject: SUBJECT.to_owned(),
            keywords: vec![
                "政府信息公开".to_owned(),
                "年度报告".to_owned(),
                format!("{}年", report.year),
            ],
            created: report
                .sign_off
                .as_ref()
                .map(|s| (s.date.year, s.date.month, s.date.day)),
        },
    }
}

const SUBJECT: &str = "政府信息公开工作年度报告";

/// Rule 12 of the checks: every character of the report's text that no face
/// of `fonts` can print, once per paragraph, as a warning on that paragraph.
/// (Rule 11 is the county-wide sum of the format spec.) A final copy with
/// such a character is refused at export; this says so before.
pub fn unprintable_characters(report: &Report, fonts: &FontSet) -> Vec<Finding> {
    let Ok(metrics) = fonts.metrics() else {
        return Vec::new();
    };
    let mut findings = Vec::new();
    let mut check = |texts: &[(&str, FaceRole)], place: String, section, paragraph| {
        let mut seen = Vec::new();
        for &(text, role) in texts {
            for ch in text.chars() {
                // Line ends and control characters are not printed at all.
                if ch.is_control() || seen.contains(&ch) || metrics.resolve(role, ch).is_some() {
                    continue;
                }
                seen.push(ch);
                findings.push(Finding {
                    rule: UNPRINTABLE_RULE,
                    severity: Severity::Warning,
                    table: None,
                    row: None,
                    column: None,
                    cells: Vec::new(),
                    section,
                    paragraph,
                    expected: None,
                    found: Some(format!("U+{:04X}", u32::from(ch))),
                    message: format!(
                        "{place}有字符“{ch}”（U+{:04X}），所选字体都无法打印，正式版会被拒绝导出。请删除它或换成常用字。",
                        u32::from(ch)
                    ),
                });
            }
        }
    };
    check(
        &[(&report.title, FaceRole::Title)],
        "标题".to_owned(),
        None,
        None,
    );
    check(
        &[(&report.opening, FaceRole::Fang)],
        "开头段".to_owned(),
        None,
        None,
    );
    for key in SectionKey::ALL {
        for (i, p) in report.section(key).paragraphs.iter().enumerate() {
            let heading_role = p
                .heading
                .as_ref()
                .map_or(FaceRole::Fang, |h| level(h.level).role());
            let heading = p.heading.as_ref().map_or("", |h| h.text.as_str());
            check(
                &[(heading, heading_role), (&p.text, FaceRole::Fang)],
                format!("“{}”第{}段", key.heading(), i + 1),
                Some(key),
                Some(i),
            );
        }
    }
    if let Some(s) = &report.sign_off {
        check(&[(&s.name, FaceRole::Fang)], "落款".to_owned(), None, None);
    }
    findings
}

/// The number of [`unprintable_characters`]' findings.
pub const UNPRINTABLE_RULE: u8 = 12;

fn level(level: ReportHeadingLevel) -> HeadingLevel {
    match level {
        ReportHeadingLevel::Sub => HeadingLevel::Second,
        ReportHeadingLevel::Item | ReportHeadingLevel::SubItem => HeadingLevel::Third,
    }
}

/// Tables are set in 仿宋 10.5 pt (五号).
const TABLE_PT: f32 = 10.5;

/// A table of the report as its edition's template draws it, with the report's figures.
pub(crate) fn table(report: &Report, table: TableId) -> Table {
    let template = table_template(report.edition, table);
    let cells = template
        .cells
        .iter()
        .map(|c| {
            let cell = match &c.content {
                CellContent::Label { text, align, .. } => {
                    let cell = Cell::new(c.row, c.col, text.as_str());
                    match align {
                        Align::Left => cell.left(),
                        Align::Center => cell,
                    }
                }
                CellContent::Figure { key, kind, .. } => {
                    Cell::new(c.row, c.col, report.printed_figure(key, *kind))
                }
            };
            cell.span(c.row_span, c.col_span)
        })
        .collect();
    Table {
        columns_mm: template.columns_mm.clone(),
        header_rows: template.header_rows,
        keep_with_next: template.keep_with_next.clone(),
        font_size_pt: TABLE_PT,
        role: FaceRole::Fang,
        cells,
        origin: template.label.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use nianbao_report::{sample_report, Edition, ValueKind};

    fn cell_texts(table: &Table) -> Vec<&str> {
        table.cells.iter().map(|c| c.text.as_str()).collect()
    }

    #[test]
    fn the_sample_becomes_title_opening_six_sections_and_three_tables() {
        let doc = report_document(&sample_report(), false);
        assert_eq!(doc.title, "舒城县人民政府2020年政府信息公开工作年度报告");
        let tables = doc
            .blocks
            .iter()
            .filter(|b| matches!(b, Block::Table(_)))
            .count();
        assert_eq!(tables, 3);
        for key in SectionKey::ALL {
            assert!(doc
                .blocks
                .iter()
                .any(|b| matches!(b, Block::Paragraph(p) if p.text() == key.heading())));
        }
        let run_in = doc.blocks.iter().find_map(|b| match b {
            Block::Paragraph(p) if p.spans.len() == 2 => Some(p),
            _ => None,
        });
        assert_eq!(run_in.unwrap().spans[0].text, "（一）主动公开情况。");
        assert_eq!(run_in.unwrap().spans[0].role, FaceRole::Kai);
    }

    #[test]
    fn tables_carry_the_template_labels_and_the_report_figures() {
        let report = sample_report();
        let t = table(&report, TableId::Proactive);
        let texts = cell_texts(&t);
        for text in [
            "第二十条第（九）项",
            "本年增/减",
            "39570",
            "减3",
            "增118",
            "15922.04万元",
        ] {
            assert!(texts.contains(&text), "{text}");
        }
        assert_eq!(t.origin, "表二");
        // Row 一 of table 三 in the sample: 29 2 0 0 0 0 31.
        let t = table(&report, TableId::Applications);
        let received: Vec<&str> = t
            .cells
            .iter()
            .filter(|c| c.row == 3 && c.col >= 3)
            .map(|c| c.text.as_str())
            .collect();
        assert_eq!(received, ["29", "2", "0", "0", "0", "0", "31"]);
        assert_eq!(t.row_count(), 3 + 23);
        assert_eq!(t.header_rows, 3);
        let t = table(&report, TableId::Appeals);
        assert!(t.cells.iter().filter(|c| c.row == 3).all(|c| c.text == "0"));
    }

    #[test]
    fn money_carries_its_unit_in_2019_only() {
        let mut report = sample_report();
        let texts = |r: &Report| {
            let t = table(r, TableId::Proactive);
            t.cells.iter().map(|c| c.text.clone()).collect::<Vec<_>>()
        };
        assert!(texts(&report).contains(&"15922.04万元".to_string()));
        report.change_edition(Edition::E2021);
        report
            .set_figure(
                "proactive.fees.amount",
                nianbao_report::parse_value(ValueKind::Money, "12.5").unwrap(),
            )
            .unwrap();
        assert!(texts(&report).contains(&"12.5".to_string()));
    }

    #[test]
    fn characters_no_font_prints_are_warnings_on_their_paragraph() {
        let fonts = FontSet::bundled();
        assert!(unprintable_characters(&sample_report(), &fonts).is_empty());

        let mut report = sample_report();
        report.title.push('\u{10000}');
        let problems = &mut report.sections[SectionKey::Problems as usize].paragraphs;
        problems[0].text = "改进\u{10001}工作\u{10001}。\n第二行".to_owned();
        let findings = unprintable_characters(&report, &fonts);
        assert_eq!(findings.len(), 2, "{findings:?}");
        assert_eq!((findings[0].section, findings[0].paragraph), (None, None));
        assert!(findings[0].message.starts_with("标题有字符"));
        let f = &findings[1];
        assert_eq!((f.rule, f.severity), (UNPRINTABLE_RULE, Severity::Warning));
        assert_eq!(
            (f.section, f.paragraph),
            (Some(SectionKey::Problems), Some(0))
        );
        assert_eq!(f.found.as_deref(), Some("U+10001"));
        assert!(
            f.message.starts_with("“五、存在的主要问题及改进情况”第1段"),
            "{}",
            f.message
        );
    }
}
