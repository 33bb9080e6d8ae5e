//! nianbao-pdf: the print-ready PDF of a report, set by GB/T 9704-2012.
//!
//! Two stages, as in the architecture: [`layout`] turns a [`Document`] into
//! pages of positioned text runs, rules and frames (pure, testable without a
//! PDF), and [`write_pdf`] writes those pages as a PDF file. [`render`] does both;
//! [`render_report`] prints a `nianbao_report::Report`, with its 审签单 when asked.

mod document;
mod fonts;
mod layout;
mod report;
mod summary;
pub mod system_fonts;
mod writer;

use thiserror::Error;

pub use document::{
    Align, Block, Cell, Document, HeadingLevel, Paragraph, Properties, SignOff, Span, Table,
};
pub use fonts::{BundledFace, FaceId, FaceRole, FontError, FontFace, FontSet, BUNDLED_FACES};
pub use layout::{
    layout, review_sheet, Frame, Ink, LayoutError, LayoutOptions, MissingGlyph, Page, PageLayout,
    Rule, TextRun, AREA_HEIGHT_MM, AREA_LEFT_MM, AREA_TOP_MM, AREA_WIDTH_MM, BODY_PT,
    CHARS_PER_LINE, CHAR_PITCH_MM, LINES_PER_PAGE, LINE_PITCH_MM, PAGE_HEIGHT_MM,
    PAGE_NUMBER_GAP_MM, PAGE_NUMBER_PT, PAGE_WIDTH_MM, REVIEW_SHEET_TITLE, TITLE_PT,
};
pub use report::{
    render_report, render_report_timed, report_document, unprintable_characters, RenderTimes,
    ReportOptions, ReviewSheet, UNPRINTABLE_RULE,
};
pub use summary::{render_summary, summary_document, UnitList};
pub use writer::{write_pdf, write_pdf_timed, WriteError, WriteTimes};

#[derive(Debug, Error)]
pub enum PdfError {
    #[error(transparent)]
    Layout(#[from] LayoutError),
    #[error(transparent)]
    Write(#[from] WriteError),
    #[error("以下字符没有字体可以打印，不能导出正式版（可导出草稿版，缺字处印作〓）：{}", missing_list(.0))]
    MissingGlyphs(Vec<MissingGlyph>),
}

/// “X”（一、总体情况 第2段）、“Y”（…）: every missing character once, where it first occurs.
fn missing_list(missing: &[MissingGlyph]) -> String {
    let mut seen = Vec::new();
    let mut parts = Vec::new();
    for m in missing {
        if !seen.contains(&m.ch) {
            seen.push(m.ch);
            parts.push(format!("“{}”（{}）", m.ch, m.origin));
        }
    }
    parts.join("、")
}

/// Lays out and writes `document`. A final copy (not `options.draft`) with a
/// character that no font has is refused; a draft prints 〓 in its place.
pub fn render(
    document: &Document,
    fonts: &FontSet,
    options: LayoutOptions,
) -> Result<Vec<u8>, PdfError> {
    let pages = layout(document, fonts, options)?;
    if !options.draft && !pages.missing.is_empty() {
        return Err(PdfError::MissingGlyphs(pages.missing));
    }
    Ok(write_pdf(
        &pages,
        fonts,
        &document.title,
        &document.properties,
    )?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn document(text: &str) -> Document {
        Document {
            title: "年度报告".to_owned(),
            blocks: vec![Block::Paragraph(
                Paragraph::body(text).with_origin("一、总体情况 第1段"),
            )],
            sign_off: None,
            properties: Default::default(),
        }
    }

    #[test]
    fn a_final_copy_with_a_character_no_font_has_is_refused_and_a_draft_is_not() {
        let doc = document("政\u{10000}府");
        let fonts = FontSet::bundled();
        match render(&doc, &fonts, LayoutOptions { draft: false }) {
            Err(PdfError::MissingGlyphs(missing)) => {
                assert_eq!(missing[0].origin, "一、总体情况 第1段");
                assert_eq!(missing[0].ch, '\u{10000}');
            }
            other => panic!("expected a refusal, got {other:?}"),
        }
        let draft = render(&doc, &fonts, LayoutOptions { draft: true }).unwrap();
        assert!(draft.starts_with(b"%PDF-"));
    }

    #[test]
    fn renders_are_byte_identical() {
        let fonts = FontSet::bundled();
        let doc = document("政府信息公开工作年度报告。");
        let a = render(&doc, &fonts, LayoutOptions::default()).unwrap();
        let b = render(&doc, &fonts, LayoutOptions::default()).unwrap();
        assert_eq!(a, b);
    }
}
