//! The web page read back with a small scanner: every label, paragraph and figure in its place,
//! the tables' spans as the templates draw them, nothing that fetches or runs anything.

mod common;

use nianbao_formats::html::write_html;
use nianbao_report::edition::Edition;
use nianbao_report::{
    sample_report, table_template, CellContent, HeadingLevel, Report, SectionKey, Value,
};

/// A 2021-edition report with every heading level, a sign-off, text that needs escaping and
/// a different figure in every typed cell (totals filled from them).
fn report_2021() -> Report {
    common::report_2021(common::department(Some("某某县人民政府")))
}

/// A figure as the report prints it (the 2019 money cell carries 万元).
fn printed(report: &Report, key: &str) -> String {
    let value = report.figures.get(key).unwrap();
    match (report.edition, value) {
        (Edition::E2019, Value::Money(_)) => format!("{value}万元"),
        _ => value.to_string(),
    }
}

#[derive(Debug)]
enum Token {
    Open { name: String, attrs: String },
    Close(String),
    Text(String),
}

/// Tags and text of the page, entities decoded, comments and the doctype skipped.
fn tokens(html: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut rest = html;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            out.push(Token::Text(decode(rest)));
            break;
        };
        if lt > 0 {
            out.push(Token::Text(decode(&rest[..lt])));
        }
        let gt = lt + rest[lt..].find('>').expect("an unclosed tag");
        let tag = &rest[lt + 1..gt];
        rest = &rest[gt + 1..];
        if tag.starts_with('!') {
            continue;
        }
        if let Some(name) = tag.strip_prefix('/') {
            out.push(Token::Close(name.trim().to_ascii_lowercase()));
        } else {
            let (name, attrs) = tag.split_once(' ').unwrap_or((tag, ""));
            out.push(Token::Open {
                name: name.to_ascii_lowercase(),
                attrs: attrs.to_owned(),
            });
        }
    }
    out
}

fn decode(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

fn attr(attrs: &str, name: &str) -> Option<String> {
    let start = attrs.find(&format!("{name}=\""))? + name.len() + 2;
    let end = start + attrs[start..].find('"')?;
    Some(attrs[start..end].to_owned())
}

/// One block of the page in reading order.
#[derive(Debug, PartialEq)]
enum Item {
    /// A title, heading or paragraph: its tag and its text.
    Text(String, String),
    /// A table: its cells row by row.
    Table(Vec<Vec<Cell>>),
}

#[derive(Debug, Clone, PartialEq)]
struct Cell {
    text: String,
    rows: usize,
    cols: usize,
    /// Its share of the table's width, as written (per cent).
    width: String,
}

/// The page's blocks: its title, h1–h4 and p as text, tables as cell grids.
fn items(html: &str) -> Vec<Item> {
    let mut items = Vec::new();
    let mut block: Option<(String, String)> = None;
    let mut table: Option<Vec<Vec<Cell>>> = None;
    let mut cell: Option<Cell> = None;
    for t in tokens(html) {
        match t {
            Token::Open { name, attrs } => match name.as_str() {
                "title" | "p" | "h1" | "h2" | "h3" | "h4" => block = Some((name, String::new())),
                "table" => table = Some(Vec::new()),
                "tr" => table
                    .as_mut()
                    .expect("a row outside a table")
                    .push(Vec::new()),
                "td" | "th" => {
                    let span = |a| attr(&attrs, a).map_or(1, |s| s.parse().unwrap());
                    let style = attr(&attrs, "style").unwrap();
                    let width = style
                        .strip_prefix("width:")
                        .unwrap()
                        .split_once('%')
                        .unwrap();
                    cell = Some(Cell {
                        text: String::new(),
                        rows: span("rowspan"),
                        cols: span("colspan"),
                        width: width.0.to_owned(),
                    });
                }
                "br" => cell
                    .as_mut()
                    .expect("a break outside a cell")
                    .text
                    .push('\n'),
                _ => {}
            },
            Token::Close(name) => match name.as_str() {
                "title" | "p" | "h1" | "h2" | "h3" | "h4" => {
                    let (tag, text) = block.take().unwrap();
                    assert_eq!(tag, name);
                    items.push(Item::Text(tag, text));
                }
                "td" | "th" => {
                    let c = cell.take().unwrap();
                    table.as_mut().unwrap().last_mut().unwrap().push(c);
                }
                "table" => items.push(Item::Table(table.take().unwrap())),
                _ => {}
            },
            Token::Text(s) => {
                if let Some((_, text)) = block.as_mut() {
                    text.push_str(&s);
                } else if let Some(c) = cell.as_mut() {
                    c.text.push_str(&s);
                } else {
                    assert!(s.trim().is_empty(), "stray text {s:?}");
                }
            }
        }
    }
    items
}

/// What the page must hold, in order.
fn expected(report: &Report) -> Vec<Item> {
    let text = |tag: &str, t: &str| Item::Text(tag.into(), t.into());
    let mut items = vec![
        text("title", &report.title),
        text("h1", &report.title),
        text("p", &report.opening),
    ];
    for key in SectionKey::ALL {
        items.push(text("h2", key.heading()));
        for p in &report.section(key).paragraphs {
            let tag = match &p.heading {
                Some(h) if p.text.is_empty() && h.level == HeadingLevel::Sub => "h3",
                Some(_) if p.text.is_empty() => "h4",
                _ => "p",
            };
            items.push(text(tag, &p.full_text()));
        }
        if let Some(t) = key.table() {
            let template = table_template(report.edition, t);
            let mut rows = vec![Vec::new(); template.rows];
            let mut cells: Vec<_> = template.cells.iter().collect();
            cells.sort_by_key(|c| (c.row, c.col));
            let total: f32 = template.columns_mm.iter().sum();
            for c in cells {
                let text = match &c.content {
                    CellContent::Label { text, .. } => text.clone(),
                    CellContent::Figure { key, .. } => printed(report, key),
                };
                let mm: f32 = template.columns_mm[c.col..c.col + c.col_span].iter().sum();
                rows[c.row].push(Cell {
                    text,
                    rows: c.row_span,
                    cols: c.col_span,
                    width: format!("{:.2}", mm / total * 100.0),
                });
            }
            items.push(Item::Table(rows));
        }
    }
    if let Some(s) = &report.sign_off {
        items.push(text("p", &s.name));
        items.push(text("p", &s.date.chinese()));
    }
    items
}

/// Where each cell lands when a browser lays out the spans: (row, col) of its top left,
/// as the HTML table model places it.
fn placed(rows: &[Vec<Cell>]) -> Vec<(usize, usize, usize, usize)> {
    let mut taken: Vec<Vec<bool>> = vec![Vec::new(); rows.len()];
    let mut out = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        let mut col = 0;
        for Cell {
            rows: rs, cols: cs, ..
        } in row
        {
            while taken[r].get(col).copied().unwrap_or(false) {
                col += 1;
            }
            for line in taken.iter_mut().skip(r).take(*rs) {
                if line.len() < col + cs {
                    line.resize(col + cs, false);
                }
                for slot in &mut line[col..col + cs] {
                    assert!(!*slot, "cells overlap at row {r}");
                    *slot = true;
                }
            }
            out.push((r, col, *rs, *cs));
            col += cs;
        }
    }
    out
}

fn check_page(report: &Report) -> String {
    let html = write_html(report);
    let got = items(&html);
    let want = expected(report);
    assert_eq!(got.len(), want.len());
    for (g, w) in got.iter().zip(&want) {
        assert_eq!(g, w);
    }
    // The spans put every cell where the template puts it, and the grid is full and square.
    let tables: Vec<_> = got
        .iter()
        .filter_map(|i| match i {
            Item::Table(rows) => Some(rows),
            Item::Text(..) => None,
        })
        .collect();
    for (rows, t) in tables
        .iter()
        .zip(nianbao_report::table_templates(report.edition))
    {
        let mut cells: Vec<_> = t
            .cells
            .iter()
            .map(|c| (c.row, c.col, c.row_span, c.col_span))
            .collect();
        cells.sort();
        assert_eq!(placed(rows), cells, "{}", t.label);
        let area: usize = cells.iter().map(|c| c.2 * c.3).sum();
        assert_eq!(area, t.rows * t.columns_mm.len(), "{}", t.label);
    }
    html
}

#[test]
fn the_sample_page_holds_every_paragraph_label_and_figure_in_order() {
    let report = sample_report();
    let html = check_page(&report);
    for shown in ["15922.04万元", "39570", "增118", "减3"] {
        assert!(html.contains(&format!(">{shown}</td>")), "{shown}");
    }
    assert!(
        html.contains("rowspan=\"20\""),
        "三、本年度办理结果 spans its result rows"
    );
    assert!(html.contains("（三）<br>不予公开"));
}

#[test]
fn a_2021_page_holds_every_heading_level_figure_and_the_sign_off() {
    let report = report_2021();
    let html = check_page(&report);
    // Escaped, and read back as written (checked above); never as live markup.
    assert!(html.contains("&lt;全程留痕&gt; &amp; 可追溯"));
    // The run-in （一） heading in 楷体, the 一、 headings in 黑体, right-aligned sign-off.
    assert!(html.contains("<span style=\"font-family:'楷体_GB2312'"));
    assert!(html.contains("font-family:'黑体',SimHei"));
    assert!(html.contains("text-align:right;margin:0 2em 0 0"));
    assert!(html.contains(">2023年1月20日</p>"));
    // Money in the 2021 edition prints without 万元 (the column names the unit).
    assert!(!html.contains("万元</td>"));
}

#[test]
fn the_page_is_self_contained() {
    for report in [sample_report(), report_2021()] {
        let html = write_html(&report);
        let lower = html.to_ascii_lowercase();
        assert!(lower.starts_with("<!doctype html>"));
        assert!(lower.contains("<meta charset=\"utf-8\">"));
        for banned in [
            "<script",
            "<link",
            "<style",
            "<img",
            "<iframe",
            "src=",
            "href=",
            "url(",
            "@import",
            "class=",
            "javascript:",
        ] {
            assert!(!lower.contains(banned), "{banned}");
        }
        // Every table and cell draws its own rules, so a CMS that drops the page's wrapper
        // keeps them.
        for t in lower.split("<table").skip(1) {
            assert!(t.starts_with(" border=\"1\""));
            assert!(t.contains("border-collapse:collapse"));
        }
        assert_eq!(
            lower.matches("<td").count(),
            lower.matches("border:1px solid #000000;padding").count()
        );
        // Every paragraph carries its face and size inline.
        for tag in ["<p ", "<h1 ", "<h2 "] {
            for p in html.split(tag).skip(1) {
                let style = attr(p, "style").unwrap();
                assert!(style.contains("font-family:") && style.contains("font-size:"));
            }
        }
    }
}
