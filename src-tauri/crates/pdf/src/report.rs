//! A [`Report`] as a [`Document`]: title, opening paragraph, the six sections
//! with their headings, tables 二, 三 and 四 in the official template of the
//! report's edition (every label, every merged cell), and the sign-off.

use nianbao_report::edition::{
    self, ApplicationRowPlace, Column, APPEAL_COLUMNS, APPEAL_GROUPS, APPLICANTS_HEADER,
    APPLICATIONS_CORNER, APPLICATION_COLUMNS, LEGAL_PERSONS_HEADER, LITIGATION_HEADER,
    PROACTIVE_ROW_HEADER, RESULTS_HEADER,
};
use nianbao_report::{
    Edition, Finding, HeadingLevel as ReportHeadingLevel, Report, SectionKey, Severity, TableId,
    Value, ValueKind,
};

use crate::document::{Block, Cell, Document, HeadingLevel, Paragraph, Properties, SignOff, Table};
use crate::fonts::{FaceRole, FontSet};
use crate::layout::{layout, review_sheet, LayoutError, LayoutOptions, PageLayout, AREA_WIDTH_MM};
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
        match key.table() {
            Some(TableId::Proactive) => blocks.push(Block::Table(proactive_table(report))),
            Some(TableId::Applications) => blocks.push(Block::Table(applications_table(report))),
            Some(TableId::Appeals) => blocks.push(Block::Table(appeals_table(report))),
            None => {}
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
                Some(key.key()),
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

/// A cell's value as printed: 0, 39570, 增10, 减3, 15922.04万元 (the 2019
/// 采购总金额 carries its unit in the cell; the 2021 fee column names it).
fn figure(report: &Report, key: &str, kind: ValueKind) -> String {
    let value = report.figures.get(key).unwrap_or(Value::zero(kind));
    match (report.edition, value) {
        (Edition::E2019, Value::Money(_)) => format!("{value}万元"),
        _ => value.to_string(),
    }
}

const TABLE_PT: f32 = 10.5;
const TABLE_FOUR_PT: f32 = 10.5;

/// Table 二: blocks headed by a full-width row naming the article item, each
/// with its own 信息内容 header row. Three number columns; a block with fewer
/// lets its last column span the rest.
fn proactive_table(report: &Report) -> Table {
    const NUMBER_COLUMNS: usize = 3;
    let label_width = 48.0;
    let number_width = (AREA_WIDTH_MM - label_width) / NUMBER_COLUMNS as f32;
    let mut cells = Vec::new();
    let mut keep_with_next = Vec::new();
    let mut row = 0;
    for block in edition::proactive_blocks(report.edition) {
        cells.push(Cell::new(row, 0, block.item).span(1, NUMBER_COLUMNS + 1));
        keep_with_next.extend([row, row + 1]);
        row += 1;
        cells.push(Cell::new(row, 0, PROACTIVE_ROW_HEADER));
        spread(&mut cells, row, block.columns, |c| c.label.to_owned());
        row += 1;
        for r in block.rows {
            cells.push(Cell::new(row, 0, r.label));
            spread(&mut cells, row, block.columns, |c| {
                figure(report, &format!("proactive.{}.{}", r.key, c.key), c.kind)
            });
            row += 1;
        }
    }
    let mut columns_mm = vec![label_width];
    columns_mm.extend([number_width; NUMBER_COLUMNS]);
    Table {
        columns_mm,
        header_rows: 0,
        keep_with_next,
        font_size_pt: TABLE_PT,
        role: FaceRole::Fang,
        cells,
        origin: TableId::Proactive.label().to_owned(),
    }
}

/// One cell per column from grid column 1 on, the last spanning what is left.
fn spread(cells: &mut Vec<Cell>, row: usize, columns: &[Column], text: impl Fn(&Column) -> String) {
    const NUMBER_COLUMNS: usize = 3;
    for (i, column) in columns.iter().enumerate() {
        let span = if i + 1 == columns.len() {
            NUMBER_COLUMNS - i
        } else {
            1
        };
        cells.push(Cell::new(row, 1 + i, text(column)).span(1, span));
    }
}

/// Table 三, as the official template: the corner note over three label
/// columns and three header rows; 三、本年度办理结果 spanning its result rows;
/// （三）（四）（五）（and （六） in 2021) spanning their numbered items.
fn applications_table(report: &Report) -> Table {
    const HEADER_ROWS: usize = 3;
    let columns_mm = vec![13.0, 17.0, 56.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0];
    let mut cells = vec![
        Cell::new(0, 0, APPLICATIONS_CORNER).span(HEADER_ROWS, 3),
        Cell::new(0, 3, APPLICANTS_HEADER).span(1, APPLICATION_COLUMNS.len()),
        Cell::new(1, 3, APPLICATION_COLUMNS[0].label).span(2, 1),
        Cell::new(1, 4, LEGAL_PERSONS_HEADER).span(1, 5),
        Cell::new(1, 9, APPLICATION_COLUMNS[6].label).span(2, 1),
    ];
    for (i, column) in APPLICATION_COLUMNS[1..6].iter().enumerate() {
        cells.push(Cell::new(2, 4 + i, column.label));
    }
    let rows = edition::application_rows(report.edition);
    let result_rows = rows
        .iter()
        .filter(|r| r.place != ApplicationRowPlace::Top)
        .count();
    let mut group_started: Option<(&str, usize)> = None;
    for (i, r) in rows.iter().enumerate() {
        let row = HEADER_ROWS + i;
        match r.place {
            ApplicationRowPlace::Top => {
                cells.push(Cell::new(row, 0, r.label).span(1, 3).left());
            }
            ApplicationRowPlace::Result => {
                if row == HEADER_ROWS + 2 {
                    cells.push(Cell::new(row, 0, RESULTS_HEADER).span(result_rows, 1));
                }
                cells.push(Cell::new(row, 1, r.label).span(1, 2).left());
            }
            ApplicationRowPlace::ResultItem { group } => {
                if group_started.map(|(g, _)| g) != Some(group) {
                    let items = rows
                        .iter()
                        .filter(|o| o.place == ApplicationRowPlace::ResultItem { group })
                        .count();
                    // “（三）” on its own line, “不予公开” below, as the template sets it.
                    let label = group.replacen('）', "）\n", 1);
                    cells.push(Cell::new(row, 1, label).span(items, 1));
                    group_started = Some((group, row));
                }
                cells.push(Cell::new(row, 2, r.label).left());
            }
        }
        for (c, column) in APPLICATION_COLUMNS.iter().enumerate() {
            let key = format!("applications.{}.{}", r.key, column.key);
            cells.push(Cell::new(row, 3 + c, figure(report, &key, column.kind)));
        }
    }
    Table {
        columns_mm,
        header_rows: HEADER_ROWS,
        keep_with_next: Vec::new(),
        font_size_pt: TABLE_PT,
        role: FaceRole::Fang,
        cells,
        origin: TableId::Applications.label().to_owned(),
    }
}

/// Table 四: 行政复议 over its five columns, 行政诉讼 over 未经复议直接起诉 and
/// 复议后起诉; 行政复议's five labels span the second and third header rows.
fn appeals_table(report: &Report) -> Table {
    let per_group = APPEAL_COLUMNS.len();
    let columns = per_group * APPEAL_GROUPS.len();
    let mut cells = vec![
        Cell::new(0, 0, APPEAL_GROUPS[0].label).span(1, per_group),
        Cell::new(0, per_group, LITIGATION_HEADER).span(1, columns - per_group),
    ];
    for (g, group) in APPEAL_GROUPS.iter().enumerate() {
        let first = g * per_group;
        if g > 0 {
            cells.push(Cell::new(1, first, group.label).span(1, per_group));
        }
        for (c, column) in APPEAL_COLUMNS.iter().enumerate() {
            let label = Cell::new(if g == 0 { 1 } else { 2 }, first + c, column.label);
            cells.push(if g == 0 { label.span(2, 1) } else { label });
            let key = format!("appeals.{}.{}", group.key, column.key);
            cells.push(Cell::new(3, first + c, figure(report, &key, column.kind)));
        }
    }
    Table {
        columns_mm: vec![AREA_WIDTH_MM / columns as f32; columns],
        header_rows: 3,
        keep_with_next: Vec::new(),
        font_size_pt: TABLE_FOUR_PT,
        role: FaceRole::Fang,
        cells,
        origin: TableId::Appeals.label().to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use nianbao_report::sample_report;

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
    fn table_two_2019_has_five_blocks_with_the_sample_figures() {
        let t = proactive_table(&sample_report());
        let texts = cell_texts(&t);
        for label in [
            "第二十条第（一）项",
            "第二十条第（九）项",
            "本年新制作数量",
            "其他对外管理服务事项",
            "本年增/减",
            "采购总金额",
        ] {
            assert!(texts.contains(&label), "{label}");
        }
        for figure in [
            "39570",
            "减3",
            "增10",
            "348782",
            "增118",
            "15922.04万元",
            "867",
            "223",
        ] {
            assert!(texts.contains(&figure), "{figure}");
        }
        assert_eq!(
            texts.iter().filter(|t| **t == PROACTIVE_ROW_HEADER).count(),
            5
        );
        // Every block row is full width; a two-column block's last column spans two.
        let fees = t
            .cells
            .iter()
            .find(|c| c.text == "本年增/减" && c.col == 2 && c.col_span == 2);
        assert!(fees.is_some());
    }

    #[test]
    fn table_three_merges_as_the_template() {
        let report = sample_report();
        let t = applications_table(&report);
        let find = |text: &str| t.cells.iter().find(|c| c.text == text).unwrap();
        assert_eq!(
            (
                find(APPLICATIONS_CORNER).row_span,
                find(APPLICATIONS_CORNER).col_span
            ),
            (3, 3)
        );
        assert_eq!(find(APPLICANTS_HEADER).col_span, 7);
        assert_eq!(find("自然人").row_span, 2);
        assert_eq!(find(LEGAL_PERSONS_HEADER).col_span, 5);
        assert_eq!(find(RESULTS_HEADER).row_span, 20);
        assert_eq!(find("（三）\n不予公开").row_span, 8);
        assert_eq!(find("（四）\n无法提供").row_span, 3);
        assert_eq!(find("（五）\n不予处理").row_span, 5);
        assert_eq!(find("（六）其他处理").col_span, 2);
        assert_eq!(find("一、本年新收政府信息公开申请数量").col_span, 3);
        // Row 一 of the sample: 29 2 0 0 0 0 31.
        let received: Vec<&str> = t
            .cells
            .iter()
            .filter(|c| c.row == 3 && c.col >= 3)
            .map(|c| c.text.as_str())
            .collect();
        assert_eq!(received, ["29", "2", "0", "0", "0", "0", "31"]);
        assert_eq!(t.row_count(), 3 + 23);
    }

    #[test]
    fn table_three_2021_spans_other_handling_over_its_items() {
        let mut report = sample_report();
        report.change_edition(Edition::E2021);
        let t = applications_table(&report);
        let other = t
            .cells
            .iter()
            .find(|c| c.text == "（六）\n其他处理")
            .unwrap();
        assert_eq!((other.row_span, other.col_span), (3, 1));
        assert!(t.cells.iter().any(|c| c.text == "3.其他"));
    }

    #[test]
    fn table_four_has_fifteen_number_columns_under_three_header_rows() {
        let t = appeals_table(&sample_report());
        assert_eq!(t.columns_mm.len(), 15);
        let numbers = t.cells.iter().filter(|c| c.row == 3).count();
        assert_eq!(numbers, 15);
        assert!(t.cells.iter().filter(|c| c.row == 3).all(|c| c.text == "0"));
        let review = t.cells.iter().find(|c| c.text == "行政复议").unwrap();
        assert_eq!(review.col_span, 5);
        let litigation = t
            .cells
            .iter()
            .find(|c| c.text == LITIGATION_HEADER)
            .unwrap();
        assert_eq!(litigation.col_span, 10);
        assert_eq!(t.cells.iter().filter(|c| c.text == "结果维持").count(), 3);
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
        assert_eq!((f.section, f.paragraph), (Some("problems"), Some(0)));
        assert_eq!(f.found.as_deref(), Some("U+10001"));
        assert!(
            f.message.starts_with("“五、存在的主要问题及改进情况”第1段"),
            "{}",
            f.message
        );
    }
}
