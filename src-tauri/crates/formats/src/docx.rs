//! The report as a Word document (`.docx`) for leaders who edit it in Word or WPS: A4 with the
//! GB/T 9704 margins, the title in 方正小标宋简体 二号, the body in 仿宋_GB2312 三号 on a fixed
//! 28.95 pt line (22 lines to the page), 一、 headings in 黑体 and （一） in 楷体_GB2312, tables
//! 二, 三 and 四 merged as the edition's templates draw them, page numbers “— 1 —”.
//! The fonts are named as offices have them; Word or WPS substitutes where one is missing.

use docx_rs::{
    AlignmentType, BorderType, BreakType, Docx, FieldCharType, Footer, InstrPAGE, InstrText,
    LineSpacing, LineSpacingType, PageMargin, Paragraph, Run, RunFonts, SpecialIndentType, Table,
    TableAlignmentType, TableBorder, TableBorderPosition, TableBorders, TableCell,
    TableCellMargins, TableLayoutType, TableRow, VAlignType, VMergeType, WidthType,
};
use nianbao_report::{
    table_template, Align, CellContent, HeadingLevel, Report, SectionKey, TableId,
};
use std::io::Cursor;

/// Why the Word file could not be made.
#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    #[error("无法生成 Word 文件：{0}")]
    Pack(#[from] docx_rs::DocxError),
}

const FANG: &str = "仿宋_GB2312";
const HEI: &str = "黑体";
const KAI: &str = "楷体_GB2312";
const TITLE: &str = "方正小标宋简体";
/// Page numbers: half-width Song-style digits.
const SONG: &str = "宋体";

/// Font sizes in half-points: 三号 16 pt, 二号 22 pt, 四号 14 pt, 五号 10.5 pt.
const BODY_SIZE: usize = 32;
const TITLE_SIZE: usize = 44;
const PAGE_NUMBER_SIZE: usize = 28;
const TABLE_SIZE: usize = 21;

/// Twentieths of a point (twips) per millimetre.
const TWIPS_PER_MM: f32 = 1440.0 / 25.4;
/// The line pitch: the 225 mm type area holds 22 lines (28.95 pt).
const LINE_TWIPS: i32 = 579;
/// One character of body text (16 pt); paragraphs start two in.
const CHAR_TWIPS: i32 = 320;

/// The report as the bytes of a `.docx` file.
pub fn write_docx(report: &Report) -> Result<Vec<u8>, DocxError> {
    let mut doc = Docx::new()
        .page_size(mm(210.0) as u32, mm(297.0) as u32)
        .page_margin(
            PageMargin::new()
                .top(mm(37.0))
                .bottom(mm(35.0))
                .left(mm(28.0))
                .right(mm(26.0))
                .header(mm(15.0))
                // From the page's foot to the foot of the page number's line, whose top
                // is 7 mm below the type area (a 14 pt line and a little leading).
                .footer(mm(35.0 - 7.0) - PAGE_NUMBER_SIZE as i32 * 10 - 20)
                .gutter(0),
        )
        .default_fonts(fonts(FANG))
        .default_size(BODY_SIZE)
        .footer(page_number(AlignmentType::Right))
        .even_footer(page_number(AlignmentType::Left));

    let mut title = line(Paragraph::new()).align(AlignmentType::Center);
    for (i, part) in title_lines(&report.title).into_iter().enumerate() {
        let mut r = Run::new().fonts(fonts(TITLE)).size(TITLE_SIZE);
        if i > 0 {
            r = r.add_break(BreakType::TextWrapping);
        }
        title = title.add_run(r.add_text(part));
    }
    doc = doc
        .add_paragraph(title)
        .add_paragraph(line(Paragraph::new()));
    if !report.opening.trim().is_empty() {
        doc = doc.add_paragraph(body().add_run(run(&report.opening, FANG, BODY_SIZE)));
    }
    for key in SectionKey::ALL {
        doc = doc.add_paragraph(
            body()
                .keep_next(true)
                .add_run(run(key.heading(), HEI, BODY_SIZE)),
        );
        for p in &report.section(key).paragraphs {
            let mut para = body();
            if let Some(h) = &p.heading {
                let face = match h.level {
                    HeadingLevel::Sub => KAI,
                    HeadingLevel::Item | HeadingLevel::SubItem => FANG,
                };
                para = para
                    .keep_next(p.text.is_empty())
                    .add_run(run(&h.text, face, BODY_SIZE));
            }
            if !p.text.is_empty() {
                para = para.add_run(run(&p.text, FANG, BODY_SIZE));
            }
            doc = doc.add_paragraph(para);
        }
        if let Some(t) = key.table() {
            doc = doc.add_table(table(report, t));
        }
    }
    if let Some(s) = &report.sign_off {
        let right = |text: &str| {
            line(Paragraph::new())
                .align(AlignmentType::Right)
                .indent(None, None, Some(2 * CHAR_TWIPS), None)
                .add_run(run(text, FANG, BODY_SIZE))
        };
        doc = doc
            .add_paragraph(line(Paragraph::new()))
            .add_paragraph(right(&s.name).keep_next(true))
            .add_paragraph(right(&s.date.chinese()));
    }

    let mut parts = doc.build();
    parts.document = repeat_header_rows(parts.document);
    let mut bytes = Cursor::new(Vec::new());
    parts.pack(&mut bytes).map_err(docx_rs::DocxError::from)?;
    Ok(bytes.into_inner())
}

/// The title in one line, or in two of a balanced shape (the upper not shorter than the
/// lower, as even as can be, preferably broken after a word-final 年 or 府) when it is wider
/// than the type area, as the PDF sets it. Widths in ems: a CJK character is one, an ASCII
/// character half; a run of ASCII (a year) is never split.
fn title_lines(title: &str) -> Vec<&str> {
    const LINE_EMS: f32 = 156.0 / (22.0 * 25.4 / 72.0);
    const GOOD_LINE_END: &str = "年府的于局委会县市区镇乡办室院厅部";
    const NO_LINE_START: &str = "，。、；：？！）」』”’》〉】〕…％";
    let ems = |s: &str| -> f32 {
        s.chars()
            .map(|c| if c.is_ascii() { 0.5 } else { 1.0 })
            .sum()
    };
    if ems(title) <= LINE_EMS {
        return vec![title];
    }
    let best = title
        .char_indices()
        .skip(1)
        .filter_map(|(i, next)| {
            let (upper, lower) = title.split_at(i);
            let last = upper.chars().next_back()?;
            let splits_word = last.is_ascii_alphanumeric() && next.is_ascii_alphanumeric();
            if splits_word || NO_LINE_START.contains(next) {
                return None;
            }
            let (u, l) = (ems(upper), ems(lower));
            let penalty = if GOOD_LINE_END.contains(last) {
                0.0
            } else {
                3.0
            };
            (u <= LINE_EMS && l <= LINE_EMS && u >= l).then_some((u - l + penalty, i))
        })
        .min_by(|a, b| a.0.total_cmp(&b.0));
    match best {
        Some((_, i)) => vec![&title[..i], &title[i..]],
        // Three lines and more: Word wraps it.
        None => vec![title],
    }
}

fn mm(mm: f32) -> i32 {
    (mm * TWIPS_PER_MM).round() as i32
}

fn fonts(face: &str) -> RunFonts {
    RunFonts::new()
        .east_asia(face)
        .ascii(face)
        .hi_ansi(face)
        .cs(face)
}

fn run(text: &str, face: &str, size: usize) -> Run {
    Run::new().add_text(text).fonts(fonts(face)).size(size)
}

/// A paragraph on the page's fixed line, nothing before or after it.
fn line(p: Paragraph) -> Paragraph {
    p.line_spacing(
        LineSpacing::new()
            .line_rule(LineSpacingType::Exact)
            .line(LINE_TWIPS)
            .before(0)
            .after(0),
    )
}

/// A body paragraph: justified, the first line two characters in.
fn body() -> Paragraph {
    line(Paragraph::new()).align(AlignmentType::Both).indent(
        None,
        Some(SpecialIndentType::FirstLine(2 * CHAR_TWIPS)),
        None,
        None,
    )
}

/// The footer: “— 1 —” one character in from the type area's outer edge.
fn page_number(align: AlignmentType) -> Footer {
    let (left, right) = match align {
        AlignmentType::Left => (Some(CHAR_TWIPS), None),
        _ => (None, Some(CHAR_TWIPS)),
    };
    let dash = || run("— ", SONG, PAGE_NUMBER_SIZE);
    let number = Run::new()
        .fonts(fonts(SONG))
        .size(PAGE_NUMBER_SIZE)
        .add_field_char(FieldCharType::Begin, false)
        .add_instr_text(InstrText::PAGE(InstrPAGE::new()))
        .add_field_char(FieldCharType::Separate, false)
        .add_text("1")
        .add_field_char(FieldCharType::End, false);
    Footer::new().add_paragraph(
        Paragraph::new()
            .align(align)
            .indent(left, None, right, None)
            .add_run(dash())
            .add_run(number)
            .add_run(run(" —", SONG, PAGE_NUMBER_SIZE)),
    )
}

/// A header row is built with this minimum height (one twip, never seen) so that it can be
/// found in the built XML and marked to repeat on every page: docx-rs has no `w:tblHeader`.
const HEADER_ROW_MARK: &str = r#"<w:trHeight w:val="1" w:hRule="atLeast" />"#;

fn repeat_header_rows(document: Vec<u8>) -> Vec<u8> {
    match String::from_utf8(document) {
        Ok(xml) => xml
            .replace(
                HEADER_ROW_MARK,
                &format!("{HEADER_ROW_MARK}<w:tblHeader />"),
            )
            .into_bytes(),
        Err(e) => e.into_bytes(),
    }
}

/// A table as its edition's template draws it: a merged cell is the first of a `w:vMerge`
/// run down its rows, each `w:gridSpan` columns wide; every row kept on one page, the header
/// rows repeated, table 二's article rows kept with the rows below.
fn table(report: &Report, table: TableId) -> Table {
    let template = table_template(report.edition, table);
    let grid: Vec<usize> = template
        .columns_mm
        .iter()
        .map(|&w| mm(w) as usize)
        .collect();
    let mut rows: Vec<Vec<(usize, TableCell)>> = vec![Vec::new(); template.rows];
    for c in &template.cells {
        let width: usize = grid[c.col..c.col + c.col_span].iter().sum();
        let keep = template.keep_with_next.contains(&c.row);
        let (text, align) = match &c.content {
            CellContent::Label { text, align, .. } => (text.clone(), *align),
            CellContent::Figure { key, kind, .. } => {
                (report.printed_figure(key, *kind), Align::Center)
            }
        };
        let mut first = TableCell::new()
            .add_paragraph(cell_paragraph(&text, align).keep_next(keep))
            .vertical_align(VAlignType::Center)
            .width(width, WidthType::Dxa);
        if c.col_span > 1 {
            first = first.grid_span(c.col_span);
        }
        if c.row_span > 1 {
            first = first.vertical_merge(VMergeType::Restart);
        }
        rows[c.row].push((c.col, first));
        for row in &mut rows[c.row + 1..c.row + c.row_span] {
            let mut below = TableCell::new()
                .add_paragraph(cell_paragraph("", align))
                .vertical_merge(VMergeType::Continue)
                .vertical_align(VAlignType::Center)
                .width(width, WidthType::Dxa);
            if c.col_span > 1 {
                below = below.grid_span(c.col_span);
            }
            row.push((c.col, below));
        }
    }
    let rows = rows
        .into_iter()
        .enumerate()
        .map(|(i, mut cells)| {
            cells.sort_by_key(|(col, _)| *col);
            let row = TableRow::new(cells.into_iter().map(|(_, c)| c).collect()).cant_split();
            if i < template.header_rows {
                row.row_height(1.0)
            } else {
                row
            }
        })
        .collect();
    let rule = |at| {
        TableBorder::new(at)
            .border_type(BorderType::Single)
            .size(4)
            .color("000000")
    };
    let borders = [
        TableBorderPosition::Top,
        TableBorderPosition::Left,
        TableBorderPosition::Bottom,
        TableBorderPosition::Right,
        TableBorderPosition::InsideH,
        TableBorderPosition::InsideV,
    ]
    .into_iter()
    .fold(TableBorders::with_empty(), |b, at| b.set(rule(at)));
    let width = grid.iter().sum();
    // Text 0.5 mm in from the rules: table 三's 10 mm number columns keep four digits on a line.
    let pad = mm(0.5) as usize;
    Table::new(rows)
        .set_grid(grid)
        .width(width, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .align(TableAlignmentType::Center)
        .margins(TableCellMargins::new().margin(pad, pad, pad, pad))
        .set_borders(borders)
}

/// A cell's text in 仿宋 五号 on single lines; a `\n` the template sets is a line break.
fn cell_paragraph(text: &str, align: Align) -> Paragraph {
    let mut r = Run::new().fonts(fonts(FANG)).size(TABLE_SIZE);
    for (i, part) in text.split('\n').enumerate() {
        if i > 0 {
            r = r.add_break(BreakType::TextWrapping);
        }
        r = r.add_text(part);
    }
    Paragraph::new()
        .align(match align {
            Align::Center => AlignmentType::Center,
            Align::Left => AlignmentType::Left,
        })
        .line_spacing(
            LineSpacing::new()
                .line_rule(LineSpacingType::Auto)
                .line(240)
                .before(0)
                .after(0),
        )
        .indent(Some(0), Some(SpecialIndentType::FirstLine(0)), None, None)
        .add_run(r)
}

#[cfg(test)]
mod tests {
    use super::*;
    use nianbao_report::sample_report;

    #[test]
    fn a_long_title_breaks_into_a_balanced_shape() {
        assert_eq!(
            title_lines("舒城县人民政府2020年政府信息公开工作年度报告"),
            ["舒城县人民政府2020年政府", "信息公开工作年度报告"]
        );
        assert_eq!(
            title_lines("某镇2021年政府信息公开工作年度报告"),
            ["某镇2021年政府信息公开工作年度报告"]
        );
        let long = "某某市某某区某某街道办事处2021年政府信息公开工作年度报告";
        let lines = title_lines(long);
        assert_eq!(lines.concat(), long);
        assert_eq!(lines.len(), 2);
        assert!(lines[0].chars().count() >= lines[1].chars().count());
    }

    #[test]
    fn header_rows_are_marked_to_repeat() {
        let report = sample_report();
        let mut doc = Docx::new();
        for t in [TableId::Proactive, TableId::Applications, TableId::Appeals] {
            doc = doc.add_table(table(&report, t));
        }
        let xml = String::from_utf8(repeat_header_rows(doc.build().document)).unwrap();
        let headers: usize = nianbao_report::table_templates(report.edition)
            .iter()
            .map(|t| t.header_rows)
            .sum();
        assert_eq!(headers, 6);
        assert_eq!(xml.matches("<w:tblHeader />").count(), headers);
    }
}
