//! A [`Report`] as a [`Document`]: title, opening paragraph, the six sections
//! with their headings, tables 二, 三 and 四 in the official template of the
//! report's edition (every label, every merged cell), and the sign-off.

use nianbao_report::{
    table_template, Align, CellContent, HeadingLevel as ReportHeadingLevel, Report, SectionKey,
    TableId,
};

use crate::document::{Block, Cell, Document, HeadingLevel, Paragraph, SignOff, Table};
use crate::fonts::{FaceRole, FontSet};
use crate::layout::LayoutOptions;
use crate::{render, PdfError};

/// How the report is to be printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReportOptions {
    /// Validation still finds hard errors: every page carries “草稿”.
    pub draft: bool,
    /// The sign-off will be sealed: keep four characters' space on its right.
    pub sealed: bool,
}

/// The print-ready PDF of `report`.
pub fn render_report(
    report: &Report,
    fonts: &FontSet,
    options: ReportOptions,
) -> Result<Vec<u8>, PdfError> {
    render(
        &report_document(report, options.sealed),
        fonts,
        LayoutOptions {
            draft: options.draft,
        },
    )
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
    }
}

fn level(level: ReportHeadingLevel) -> HeadingLevel {
    match level {
        ReportHeadingLevel::Sub => HeadingLevel::Second,
        ReportHeadingLevel::Item | ReportHeadingLevel::SubItem => HeadingLevel::Third,
    }
}

/// Tables are set in 仿宋 10.5 pt (五号).
const TABLE_PT: f32 = 10.5;

/// A table of the report as its edition's template draws it, with the report's figures.
fn table(report: &Report, table: TableId) -> Table {
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
}
