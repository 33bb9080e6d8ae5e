//! A county's summary (汇总表) as a PDF: its title, the three tables of the sum under their
//! section headings, then the list of the units summed and of those not summed (missing, 垂直管理,
//! another edition). A 汇总表 has no prose and no sign-off.

use nianbao_report::{Report, SectionKey};

use crate::document::{Block, Document, HeadingLevel, Paragraph, Properties};
use crate::fonts::FontSet;
use crate::layout::LayoutOptions;
use crate::report::table;
use crate::PdfError;

/// One group of units listed after the tables, e.g. “计入汇总的单位” and their names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitList {
    pub heading: String,
    pub units: Vec<String>,
}

/// The document a summary prints as: `report` is the sum (its title the 汇总表's), `lists`
/// the groups of units named after the tables (an empty group is left out).
pub fn summary_document(report: &Report, lists: &[UnitList]) -> Document {
    let mut blocks = Vec::new();
    for key in SectionKey::ALL {
        let Some(t) = key.table() else { continue };
        let heading = key.heading();
        blocks.push(Block::Paragraph(
            Paragraph::heading(HeadingLevel::First, heading).with_origin(heading),
        ));
        blocks.push(Block::Table(table(report, t)));
    }
    let lists: Vec<&UnitList> = lists.iter().filter(|l| !l.units.is_empty()).collect();
    if !lists.is_empty() {
        let heading = "附：汇总范围";
        blocks.push(Block::Paragraph(
            Paragraph::heading(HeadingLevel::First, heading).with_origin(heading),
        ));
        for (i, l) in lists.iter().enumerate() {
            let number = ["（一）", "（二）", "（三）", "（四）", "（五）", "（六）"]
                .get(i)
                .copied()
                .unwrap_or("");
            blocks.push(Block::Paragraph(
                Paragraph::run_in(
                    HeadingLevel::Second,
                    format!("{number}{}（{}个）：", l.heading, l.units.len()),
                    format!("{}。", l.units.join("、")),
                )
                .with_origin(format!("{heading} {}", l.heading)),
            ));
        }
    }
    Document {
        title: report.title.clone(),
        blocks,
        sign_off: None,
        properties: Properties {
            author: report.unit.name.clone(),
            subject: "政府信息公开工作年度报告汇总表".to_owned(),
            keywords: vec![
                "政府信息公开".to_owned(),
                "汇总表".to_owned(),
                format!("{}年", report.year),
            ],
            created: None,
        },
    }
}

/// The PDF of a summary; `draft` marks every page 草稿 (the sum breaks a hard rule).
pub fn render_summary(
    report: &Report,
    lists: &[UnitList],
    fonts: &FontSet,
    draft: bool,
) -> Result<Vec<u8>, PdfError> {
    crate::render(
        &summary_document(report, lists),
        fonts,
        LayoutOptions { draft },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use nianbao_report::sample_report;

    #[test]
    fn three_tables_under_their_headings_then_the_units_named() {
        let mut r = sample_report();
        r.title = "某县2020年政府信息公开工作年度报告汇总表".into();
        let lists = [
            UnitList {
                heading: "计入汇总的单位".into(),
                units: vec!["甲局".into(), "乙镇".into()],
            },
            UnitList {
                heading: "垂直管理、未计入的单位".into(),
                units: vec![],
            },
            UnitList {
                heading: "尚未报送的单位".into(),
                units: vec!["丙乡".into()],
            },
        ];
        let doc = summary_document(&r, &lists);
        let texts: Vec<String> = doc
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph(p) => Some(p.text()),
                Block::Table(_) => None,
            })
            .collect();
        assert_eq!(
            texts,
            [
                "二、主动公开政府信息情况",
                "三、收到和处理政府信息公开申请情况",
                "四、政府信息公开行政复议、行政诉讼情况",
                "附：汇总范围",
                "（一）计入汇总的单位（2个）：甲局、乙镇。",
                "（二）尚未报送的单位（1个）：丙乡。",
            ]
        );
        assert_eq!(
            doc.blocks
                .iter()
                .filter(|b| matches!(b, Block::Table(_)))
                .count(),
            3
        );
        assert!(doc.sign_off.is_none());
    }
}
