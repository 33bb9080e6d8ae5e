//! The Word file unzipped and its word/document.xml read back with a small scanner: every
//! paragraph, label and figure in its place and face, the tables merged as the templates draw
//! them, the page A4 with the GB/T 9704 margins.

mod common;

use nianbao_formats::docx::write_docx;
use nianbao_report::edition::Edition;
use nianbao_report::{
    sample_report, table_template, table_templates, CellContent, HeadingLevel, Report, SectionKey,
    Unit, UnitKind, Value,
};
use std::io::{Cursor, Read};

/// A 2021-edition report with every heading level, a sign-off, text that needs escaping and
/// a different figure in every typed cell (totals filled from them).
fn report_2021() -> Report {
    common::report_2021(Unit {
        name: "某某市某某区某某街道办事处".into(),
        kind: UnitKind::Township,
        parent: Some("某某区人民政府".into()),
        address: "某某路1号".into(),
        postcode: "231300".into(),
        phone: "0564-1234567".into(),
    })
}

/// A figure as the report prints it (the 2019 money cell carries 万元).
fn printed(report: &Report, key: &str) -> String {
    let value = report.figures.get(key).unwrap();
    match (report.edition, value) {
        (Edition::E2019, Value::Money(_)) => format!("{value}万元"),
        _ => value.to_string(),
    }
}

fn part(docx: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(docx)).expect("a zip archive");
    let mut text = String::new();
    zip.by_name(name)
        .unwrap_or_else(|_| panic!("{name} in the package"))
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// One run of text: its East Asian face, its size in half-points, its text.
#[derive(Debug, Clone, PartialEq, Default)]
struct TextRun {
    face: String,
    size: String,
    text: String,
}

#[derive(Debug, Default)]
struct Para {
    /// The paragraph's properties as written (spacing, indent, alignment).
    props: String,
    runs: Vec<TextRun>,
}

impl Para {
    fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }
}

/// A table cell as written: its text, how many grid columns it spans, its w:vMerge.
#[derive(Debug)]
struct Tc {
    text: String,
    span: usize,
    merge: Option<String>,
    runs: Vec<TextRun>,
}

#[derive(Debug)]
enum Block {
    Para(Para),
    Table {
        rows: Vec<Vec<Tc>>,
        header_rows: usize,
    },
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let end = start + tag[start..].find('"')?;
    Some(tag[start..end].to_owned())
}

fn decode(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// The body's paragraphs and tables in order.
fn blocks(xml: &str) -> Vec<Block> {
    let body = &xml[xml.find("<w:body>").unwrap()..];
    let mut blocks = Vec::new();
    let mut para: Option<Para> = None;
    let mut in_props = false;
    let mut run: Option<TextRun> = None;
    let mut in_text = false;
    let mut table: Option<(Vec<Vec<Tc>>, usize)> = None;
    let mut cell: Option<Tc> = None;
    let mut rest = body;
    while let Some(lt) = rest.find('<') {
        if in_text {
            run.as_mut().unwrap().text.push_str(&decode(&rest[..lt]));
        }
        let gt = lt + rest[lt..].find('>').unwrap();
        let tag = &rest[lt..=gt];
        rest = &rest[gt + 1..];
        let name = tag[1..]
            .split([' ', '>', '/'])
            .find(|s| !s.is_empty())
            .unwrap();
        let closing = tag.starts_with("</");
        let empty = tag.ends_with("/>");
        match (name, closing) {
            ("w:p", false) if !empty => para = Some(Para::default()),
            ("w:p", false) => unreachable!("docx-rs writes every paragraph open"),
            ("w:p", true) => {
                let p = para.take().unwrap();
                match cell.as_mut() {
                    Some(c) => {
                        c.text.push_str(&p.text());
                        c.runs.extend(p.runs);
                    }
                    None => blocks.push(Block::Para(p)),
                }
            }
            ("w:pPr", false) if !empty => in_props = true,
            ("w:pPr", true) => in_props = false,
            ("w:r", false) if !in_props && !empty => run = Some(TextRun::default()),
            ("w:r", true) => {
                let r = run.take().unwrap();
                para.as_mut().unwrap().runs.push(r);
            }
            ("w:rFonts", false) if run.is_some() => {
                run.as_mut().unwrap().face = attr(tag, "w:eastAsia").unwrap()
            }
            ("w:sz", false) if run.is_some() => {
                run.as_mut().unwrap().size = attr(tag, "w:val").unwrap()
            }
            ("w:t", false) if !empty => in_text = true,
            ("w:t", true) => in_text = false,
            ("w:br", false) => run.as_mut().unwrap().text.push('\n'),
            ("w:tbl", false) => table = Some((Vec::new(), 0)),
            ("w:tbl", true) => {
                let (rows, header_rows) = table.take().unwrap();
                blocks.push(Block::Table { rows, header_rows });
            }
            ("w:tr", false) => table.as_mut().unwrap().0.push(Vec::new()),
            ("w:tblHeader", false) => table.as_mut().unwrap().1 += 1,
            ("w:tc", false) => {
                cell = Some(Tc {
                    text: String::new(),
                    span: 1,
                    merge: None,
                    runs: Vec::new(),
                })
            }
            ("w:tc", true) => {
                let c = cell.take().unwrap();
                table.as_mut().unwrap().0.last_mut().unwrap().push(c);
            }
            ("w:gridSpan", false) => {
                cell.as_mut().unwrap().span = attr(tag, "w:val").unwrap().parse().unwrap()
            }
            ("w:vMerge", false) => cell.as_mut().unwrap().merge = attr(tag, "w:val"),
            _ => {}
        }
        if in_props {
            if let Some(p) = para.as_mut() {
                p.props.push_str(tag);
            }
        }
    }
    blocks
}

/// A merged cell: (row, col, row_span, col_span, text).
type Placed = (usize, usize, usize, usize, String);

/// The cells a table's rows merge into, row by row.
/// A merge runs down from a `restart` cell through `continue` cells of the same width.
fn merged(rows: &[Vec<Tc>]) -> Vec<Placed> {
    let mut cells: Vec<(Placed, bool)> = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        let mut col = 0;
        for tc in row {
            match tc.merge.as_deref() {
                Some("continue") => {
                    let (above, restarted) = cells
                        .iter_mut()
                        .rfind(|(c, _)| c.1 == col)
                        .expect("a merge continues a cell above");
                    assert!(*restarted, "a merge starts with a restart cell");
                    assert_eq!(above.0 + above.2, r, "a merge runs on from the row above");
                    assert_eq!(above.3, tc.span);
                    assert!(tc.text.is_empty());
                    above.2 += 1;
                }
                None => cells.push(((r, col, 1, tc.span, tc.text.clone()), false)),
                Some("restart") => cells.push(((r, col, 1, tc.span, tc.text.clone()), true)),
                Some(other) => panic!("vMerge {other}"),
            }
            col += tc.span;
        }
    }
    let mut cells: Vec<_> = cells
        .into_iter()
        .map(|(c, restarted)| {
            assert_eq!(
                restarted,
                c.2 > 1,
                "restart only where a merge follows: {c:?}"
            );
            c
        })
        .collect();
    cells.sort_by_key(|c| (c.0, c.1));
    cells
}

const BODY_LINE: &str = r#"<w:spacing w:before="0" w:after="0" w:line="579" w:lineRule="exact" />"#;
const FIRST_LINE_TWO_CHARS: &str = r#"w:firstLine="640""#;

fn check_document(report: &Report) -> String {
    let docx = write_docx(report).unwrap();
    let xml = part(&docx, "word/document.xml");
    let mut got = blocks(&xml).into_iter();
    fn para(block: Option<Block>) -> Para {
        match block {
            Some(Block::Para(p)) => p,
            other => panic!("expected a paragraph, got {other:?}"),
        }
    }

    // The title, centred in 方正小标宋简体 二号, broken only where the balanced shape breaks it.
    let title = para(got.next());
    assert_eq!(title.text().replace('\n', ""), report.title);
    assert!(title.props.contains(r#"<w:jc w:val="center" />"#));
    for r in &title.runs {
        assert_eq!((r.face.as_str(), r.size.as_str()), ("方正小标宋简体", "44"));
    }
    assert_eq!(para(got.next()).text(), "", "a blank line below the title");

    let body = |p: &Para, text: &str| {
        assert_eq!(p.text(), text);
        assert!(p.props.contains(BODY_LINE), "{text}: {}", p.props);
        assert!(p.props.contains(FIRST_LINE_TWO_CHARS), "{text}");
        assert!(p.props.contains(r#"<w:jc w:val="both" />"#), "{text}");
    };
    let opening = para(got.next());
    body(&opening, &report.opening);
    assert_eq!(opening.runs[0].face, "仿宋_GB2312");
    assert_eq!(opening.runs[0].size, "32");

    let mut tables = Vec::new();
    for key in SectionKey::ALL {
        let heading = para(got.next());
        body(&heading, key.heading());
        assert_eq!(heading.runs[0].face, "黑体");
        for p in &report.section(key).paragraphs {
            let got = para(got.next());
            body(&got, &p.full_text());
            let faces: Vec<&str> = got.runs.iter().map(|r| r.face.as_str()).collect();
            let heading_face = match &p.heading {
                Some(h) if h.level == HeadingLevel::Sub => Some("楷体_GB2312"),
                Some(_) => Some("仿宋_GB2312"),
                None => None,
            };
            let want: Vec<&str> = heading_face
                .into_iter()
                .chain((!p.text.is_empty()).then_some("仿宋_GB2312"))
                .collect();
            assert_eq!(faces, want, "{}", p.full_text());
            assert!(got.runs.iter().all(|r| r.size == "32"));
        }
        if key.table().is_some() {
            match got.next() {
                Some(Block::Table { rows, header_rows }) => tables.push((rows, header_rows)),
                other => panic!("expected a table after {}, got {other:?}", key.heading()),
            }
        }
    }
    if let Some(s) = &report.sign_off {
        assert_eq!(para(got.next()).text(), "");
        for line in [&s.name, &s.date.chinese()] {
            let p = para(got.next());
            assert_eq!(&p.text(), line);
            assert!(p.props.contains(r#"<w:jc w:val="right" />"#));
            assert!(
                p.props.contains(r#"w:right="640""#),
                "two characters' space"
            );
        }
    }
    assert!(got.next().is_none(), "nothing after the sign-off");

    // Every table as its template: each cell where the template puts it, merged as far, with
    // the label or the printed figure, in 仿宋 五号; the header rows repeat.
    for ((rows, header_rows), t) in tables.iter().zip(table_templates(report.edition)) {
        let mut want: Vec<_> = t
            .cells
            .iter()
            .map(|c| {
                let text = match &c.content {
                    CellContent::Label { text, .. } => text.clone(),
                    CellContent::Figure { key, .. } => printed(report, key),
                };
                (c.row, c.col, c.row_span, c.col_span, text)
            })
            .collect();
        want.sort_by_key(|c| (c.0, c.1));
        assert_eq!(merged(rows), want, "{}", t.label);
        assert_eq!(*header_rows, t.header_rows, "{}", t.label);
        for tc in rows.iter().flatten() {
            assert!(tc
                .runs
                .iter()
                .all(|r| r.face == "仿宋_GB2312" && r.size == "21"));
        }
    }
    assert_eq!(tables.len(), 3);
    xml
}

#[test]
fn the_sample_document_holds_every_paragraph_label_and_figure() {
    let report = sample_report();
    let xml = check_document(&report);
    for shown in ["15922.04万元", "39570", "增118", "减3"] {
        assert!(xml.contains(&format!(">{shown}</w:t>")), "{shown}");
    }
    let t = table_template(report.edition, nianbao_report::TableId::Applications);
    assert_eq!(t.rows, 26);
}

#[test]
fn a_2021_document_holds_every_heading_level_figure_and_the_sign_off() {
    let report = report_2021();
    let xml = check_document(&report);
    assert!(xml.contains("&lt;全程留痕&gt; &amp; 可追溯"));
    assert!(
        !xml.contains("万元</w:t>"),
        "2021 money carries no unit in the cell"
    );
}

#[test]
fn the_page_is_a4_with_the_official_margins_and_page_numbers() {
    let docx = write_docx(&sample_report()).unwrap();
    let xml = part(&docx, "word/document.xml");
    // Twips: 210 × 297 mm; 37, 26, 35 and 28 mm.
    assert!(xml.contains(r#"<w:pgSz w:w="11906" w:h="16838" />"#));
    let margins = &xml[xml.find("<w:pgMar ").unwrap()..];
    let margin = |side| attr(margins, side).unwrap().parse::<f32>().unwrap() * 25.4 / 1440.0;
    for (side, mm) in [
        ("w:top", 37.0),
        ("w:right", 26.0),
        ("w:bottom", 35.0),
        ("w:left", 28.0),
    ] {
        assert!((margin(side) - mm).abs() < 0.1, "{side}");
    }
    // Odd pages number at the right, even at the left: “— 1 —”.
    let settings = part(&docx, "word/settings.xml");
    assert!(settings.contains("<w:evenAndOddHeaders />"));
    let rels = part(&docx, "word/_rels/document.xml.rels");
    for (kind, align) in [("default", "right"), ("even", "left")] {
        let at = xml.find(&format!(r#"<w:footerReference w:type="{kind}" r:id=""#));
        let id = attr(&xml[at.unwrap()..], "r:id").unwrap();
        let target = attr(
            &rels[rels.find(&format!(r#"Id="{id}""#)).unwrap()..],
            "Target",
        );
        let footer = part(&docx, &format!("word/{}", target.unwrap()));
        assert!(
            footer.contains(&format!(r#"<w:jc w:val="{align}" />"#)),
            "{kind}"
        );
        assert!(footer.contains("<w:instrText>PAGE</w:instrText>"));
        assert!(footer.contains(">— </w:t>") && footer.contains("> —</w:t>"));
    }
}
