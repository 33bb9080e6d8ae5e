//! Nothing lost on the way to paper: every character of a document reaches
//! the page once, and comes back out of the PDF (pdftotext) once, in order.
//!
//! Three links are checked, for the built-in sample and for a document with
//! every heading level, a title of three lines, a table that crosses a page
//! and rare characters:
//! 1. document → layout: the prose (title, paragraphs, sign-off) is set
//!    character for character, in order; a table's cells are all set, header
//!    rows once more on every further page;
//! 2. layout → PDF: each page's text in pdftotext is exactly the page's set
//!    characters (none lost, none doubled);
//! 3. reading order: each paragraph comes out of pdftotext whole and in turn.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use nianbao_pdf::{
    layout, render, report_document, Block, Cell, Document, FaceRole, FontSet, HeadingLevel,
    LayoutOptions, PageLayout, Paragraph, Properties, SignOff, Table, BODY_PT, TITLE_PT,
};
use nianbao_report::sample_report;

const TABLE_PT: f32 = 12.0;

fn visible(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars().filter(|c| !c.is_whitespace())
}

fn count(chars: impl Iterator<Item = char>) -> BTreeMap<char, usize> {
    let mut counts = BTreeMap::new();
    for c in chars {
        *counts.entry(c).or_default() += 1;
    }
    counts
}

/// The prose of a document in reading order: title, paragraphs, sign-off.
fn prose(doc: &Document) -> Vec<String> {
    let mut out = vec![doc.title.clone()];
    for block in &doc.blocks {
        if let Block::Paragraph(p) = block {
            out.push(p.text());
        }
    }
    if let Some(s) = &doc.sign_off {
        out.push(s.issuer.clone());
        out.push(s.date.clone());
    }
    out
}

/// Runs at body or title size are prose; page numbers (14 pt) and table text are not.
fn is_prose(size_pt: f32) -> bool {
    size_pt == BODY_PT || size_pt == TITLE_PT
}

fn write(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("every-character");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// pdftotext's text, page by page.
fn pdf_pages(path: &Path) -> Vec<String> {
    let text = common::run("pdftotext", &["-enc", "UTF-8", path.to_str().unwrap(), "-"]);
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_owned).collect();
    pages.pop(); // after the last form feed
    pages
}

/// `simple_tables`: the document's tables have no row-spanning label in their
/// body (which is drawn again on every page its rows reach) and are told
/// apart by their size, so their set text can be counted from the cells.
fn check(name: &str, doc: &Document, simple_tables: bool) {
    let fonts = FontSet::bundled();
    let pages: PageLayout = layout(doc, &fonts, LayoutOptions::default()).unwrap();
    assert!(pages.missing.is_empty(), "{:?}", pages.missing);

    // 1. Document → layout: the prose exactly, in order.
    let set_prose: String = pages
        .pages
        .iter()
        .flat_map(|p| &p.runs)
        .filter(|r| is_prose(r.size_pt))
        .flat_map(|r| visible(&r.text))
        .collect();
    let doc_prose: String = prose(doc).iter().flat_map(|t| visible(t)).collect();
    assert_eq!(set_prose, doc_prose, "{name}: prose set differs");

    // … and every cell of every table, header rows repeated on every further page.
    if simple_tables {
        check_tables(name, doc, &pages);
    }

    // 2. Layout → PDF: every page's characters once.
    let bytes = render(doc, &fonts, LayoutOptions::default()).unwrap();
    let path = write(&format!("{name}.pdf"), &bytes);
    let texts = pdf_pages(&path);
    assert_eq!(texts.len(), pages.pages.len(), "{name}: page count");
    common::assert_fonts_embedded_subset(&path);
    common::assert_words_inside_type_area(&path);
    for (i, (page, text)) in pages.pages.iter().zip(&texts).enumerate() {
        let set = count(page.runs.iter().flat_map(|r| visible(&r.text)));
        let read = count(visible(text));
        assert_eq!(read, set, "{name}: page {} differs", i + 1);
    }

    // 3. Reading order: each paragraph whole, one after the other, with only
    // tables and page numbers between them.
    let all: String = texts
        .iter()
        .flat_map(|t| t.lines())
        .filter(|l| !(l.starts_with('—') && l.ends_with('—')))
        .flat_map(visible)
        .collect();
    let mut from = 0;
    for want in prose(doc) {
        let want: String = visible(&want).collect();
        let at = all[from..]
            .find(&want)
            .unwrap_or_else(|| panic!("{name}: missing or out of order: {want}"));
        from += at + want.len();
    }
}

fn check_tables(name: &str, doc: &Document, pages: &PageLayout) {
    let mut table_chars = Vec::new();
    for block in &doc.blocks {
        if let Block::Table(t) = block {
            let spans = pages
                .pages
                .iter()
                .filter(|p| {
                    p.runs
                        .iter()
                        .any(|r| r.size_pt == t.font_size_pt && !is_prose(r.size_pt))
                })
                .count();
            for cell in &t.cells {
                let times = if cell.row < t.header_rows { spans } else { 1 };
                for _ in 0..times {
                    table_chars.extend(visible(&cell.text));
                }
            }
        }
    }
    let set_table = count(
        pages
            .pages
            .iter()
            .flat_map(|p| &p.runs)
            .filter(|r| !is_prose(r.size_pt) && r.size_pt != nianbao_pdf::PAGE_NUMBER_PT)
            .flat_map(|r| visible(&r.text)),
    );
    assert_eq!(
        set_table,
        count(table_chars.into_iter()),
        "{name}: table text set differs"
    );
}

#[test]
fn every_character_of_the_sample_reaches_the_page_once_in_order() {
    // The sample's tables (row-spanning labels, three tables in one size)
    // are checked label by label in sample_report.rs.
    check("sample", &report_document(&sample_report(), false), false);
}

/// Every heading level, a title of three lines, a table that crosses a page
/// and characters from outside the common set.
fn demanding() -> Document {
    let mut blocks = vec![
        Block::Paragraph(Paragraph::body(
            "本报告依据《中华人民共和国政府信息公开条例》（国务院令第711号）编制。“六稳”“六保”工作有序推进；政策解读（含图解）发布65篇。",
        )),
        Block::Paragraph(Paragraph::heading(HeadingLevel::First, "一、总体情况")),
        Block::Paragraph(Paragraph::run_in(
            HeadingLevel::Second,
            "（一）主动公开情况。",
            "全年主动公开信息111600条，占比63.8%。",
        )),
        Block::Paragraph(Paragraph::heading(HeadingLevel::Second, "（二）依申请公开情况")),
        Block::Paragraph(Paragraph::heading(HeadingLevel::Third, "1.收到申请情况")),
        Block::Paragraph(Paragraph::run_in(
            HeadingLevel::Third,
            "（1）自然人申请。",
            "生僻字与异体字照常印出：䶮、龘、鿏、㐀、〇、々，人名“王䶮”“欧阳龑”，地名“亍”“氹仔”。",
        )),
    ];
    for i in 0..6 {
        blocks.push(Block::Paragraph(Paragraph::body(format!(
            "第{i}段：围绕“六稳”“六保”，规范政策解读。建立“六稳”“六保”专题，发布和转载各项政策信息共316条（其中图解65条），主动回应社会关切865条信息。"
        ))));
    }
    let mut cells = vec![
        Cell::new(0, 0, "项目").span(2, 1),
        Cell::new(0, 1, "申请人情况").span(1, 2),
        Cell::new(1, 1, "自然人"),
        Cell::new(1, 2, "法人或其他组织"),
    ];
    for r in 0..40 {
        cells.push(Cell::new(2 + r, 0, format!("（{}）第{}项办理结果", r + 1, r + 1)).left());
        cells.push(Cell::new(2 + r, 1, (r * 7).to_string()));
        cells.push(Cell::new(2 + r, 2, (1000 + r).to_string()));
    }
    blocks.push(Block::Table(Table {
        columns_mm: vec![76.0, 40.0, 40.0],
        header_rows: 2,
        keep_with_next: Vec::new(),
        font_size_pt: TABLE_PT,
        role: FaceRole::Fang,
        cells,
        origin: "表三".to_owned(),
    }));
    blocks.push(Block::Paragraph(Paragraph::heading(
        HeadingLevel::First,
        "二、其他需要报告的事项",
    )));
    blocks.push(Block::Paragraph(Paragraph::body("无。")));
    Document {
        title: "安徽省六安市舒城县城关镇人民政府关于二〇二〇年度政府信息公开工作情况的年度报告（含县直各部门及乡镇汇总情况）".to_owned(),
        blocks,
        sign_off: Some(SignOff {
            issuer: "舒城县城关镇人民政府".to_owned(),
            date: "2021年1月20日".to_owned(),
            sealed: true,
        }),
        properties: Properties::default(),
    }
}

#[test]
fn every_character_of_a_demanding_document_reaches_the_page_once_in_order() {
    let doc = demanding();
    let fonts = FontSet::bundled();
    let pages = layout(&doc, &fonts, LayoutOptions::default()).unwrap();
    // What the document is meant to exercise really happens.
    let title_lines = pages.pages[0]
        .runs
        .iter()
        .filter(|r| r.size_pt == TITLE_PT)
        .map(|r| r.baseline_mm.to_bits())
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    assert_eq!(title_lines, 3, "a title of three lines");
    let table_pages = pages
        .pages
        .iter()
        .filter(|p| p.runs.iter().any(|r| r.size_pt == TABLE_PT))
        .count();
    assert!(table_pages >= 2, "the table crosses a page");
    check("demanding", &doc, true);
}
