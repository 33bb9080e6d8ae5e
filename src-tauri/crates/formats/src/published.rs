//! Last year's published report read back in: text copied from Word, WPS or a browser, a saved
//! portal page (`.html`) or the Word file (`.docx`) becomes a [`Report`], so that year one
//! starts from what the office already published.
//!
//! Every source is first turned into one stream of lines (a paragraph or a table cell each);
//! the reader then finds the title (unit and year; the unit's kind from its name, its contact
//! from the opening's 地址/邮编/联系电话), the opening, the six sections by their headings in
//! their published forms (一、总体情况, 一．2020年度总体情况 …, in order), the paragraphs with
//! their heading levels (（一） Sub, 1. Item, （1） SubItem; a heading runs to its first 。 or ：
//! and the text after it is run in, a short line with no sentence is a heading of its own),
//! a sign-off (a name and a date, 2021年1月20日 or 二〇二一年一月二十日) at the end, and the
//! figures of the three tables by walking the edition's row labels in order. Labels match
//! whatever their spacing, brackets (（） or ()), quotes and line breaks. The edition is the
//! year's unless the tables' labels are the other edition's (read as published, with a note).
//!
//! How figures are read:
//! - A row's figures are what stands between its label and the next row's label, the
//!   template's other labels (column headings, group labels) taken out. When there are as many
//!   as the row has cells and each reads as a figure of its kind, they are taken as published
//!   (a report that breaks a rule is imported as published, never corrected).
//! - `—`, `－`, `-`, `/`, `无` in a figure's place are read as 0 (how reports write “none”);
//!   each such cell is named in the notes.
//! - Otherwise the row is flattened (figures run together: “29 2 0 0 0 0 31”, “2920000 31”):
//!   every way of cutting the digits into the row's cells is tried (no number has a leading
//!   zero), kept only where the table's own sums hold (a row's 总计, table 三's
//!   一+二 = （七）+四 and （七）= the sum of the results, table 四's group totals). A cell that
//!   has the same value in every way left is read; every other is doubtful (left 0 in the
//!   report and named in [`Published::doubtful`]).
//! - A blank cell of a web page's or Word file's table is read as 0 where the row's sums (and
//!   table 三's) still hold with it, and named in the notes; where they don't, the row is
//!   doubtful. Text loses blank cells altogether: such a row is recovered as a flattened one.

use nianbao_report::edition::{
    self, Edition, ValueKind, APPEAL_COLUMNS, APPEAL_GROUPS, APPLICATION_COLUMNS,
};
use nianbao_report::{
    parse_value, table_template, CellContent, Date, Figures, Heading, HeadingLevel, Paragraph,
    Report, Section, SectionKey, SignOff, TableId, Unit, UnitKind, Value,
};
use std::collections::HashSet;
use std::io::Read;

/// What was read from a published report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Published {
    /// The report as published; a doubtful cell holds 0.
    pub report: Report,
    /// The keys of the cells not read, or read with doubt, in reading order.
    pub doubtful: Vec<String>,
    /// What the clerk should know about the reading, in Chinese.
    pub notes: Vec<String>,
}

/// Why a source could not be read as a report at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PublishedError {
    #[error("没有找到报告标题（如“某某县人民政府2020年政府信息公开工作年度报告”），这不像一份政府信息公开工作年度报告")]
    NoTitle,
    #[error("标题“{0}”中没有年份（如“2020年”）")]
    NoYear(String),
    #[error("没有找到报告的各部分标题（如“一、总体情况”），无法读取")]
    NoSections,
    #[error(
        "这个文件不是有效的 Word 文件（.docx）；旧的 .doc 文件请先在 Word 或 WPS 中另存为 .docx"
    )]
    NotDocx,
    #[error("这个 Word 文件解压后超过{} MB，不像一份年度报告（文件可能已损坏）", crate::MAX_UNPACKED_BYTES / 1024 / 1024)]
    TooLarge,
}

/// A text file's bytes as text: UTF-8 (with or without a byte-order mark), else GB18030 (the
/// encoding of Chinese Windows text files).
pub fn decode_text(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => encoding_rs::GB18030.decode(bytes).0.into_owned(),
    }
}

/// Reads text copied from Word, WPS or a browser: paragraphs one a line, table cells one a
/// line or separated by tabs.
pub fn read_published_text(text: &str) -> Result<Published, PublishedError> {
    read_items(text_items(text))
}

fn text_items(text: &str) -> Vec<Item> {
    let mut items = Vec::new();
    for line in text.lines() {
        let line = strip_bookmarks(line);
        for part in line.split('\t') {
            push_item(&mut items, part, false);
        }
    }
    items
}

/// Reads a saved web page: the report's paragraphs and table cells, whatever spans and fonts
/// the portal's editor put around them.
pub fn read_published_html(html: &str) -> Result<Published, PublishedError> {
    read_items(html_items(html))
}

/// Reads a Word file: the paragraphs and table cells of `word/document.xml`.
pub fn read_published_docx(bytes: &[u8]) -> Result<Published, PublishedError> {
    read_items(docx_items(&document_xml(bytes)?))
}

fn document_xml(bytes: &[u8]) -> Result<String, PublishedError> {
    if !crate::unpacks_within_limit(bytes) {
        return Err(PublishedError::TooLarge);
    }
    let mut archive =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|_| PublishedError::NotDocx)?;
    let mut xml = String::new();
    archive
        .by_name("word/document.xml")
        .map_err(|_| PublishedError::NotDocx)?
        // A directory that understates a size is not believed either.
        .take(crate::MAX_UNPACKED_BYTES + 1)
        .read_to_string(&mut xml)
        .map_err(|_| PublishedError::NotDocx)?;
    if xml.len() as u64 > crate::MAX_UNPACKED_BYTES {
        return Err(PublishedError::TooLarge);
    }
    Ok(xml)
}

/// One line of a source as the reader sees it: a paragraph, or a table cell's text (Word and
/// web pages; text keeps no cells). For showing the source beside what was read from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceLine {
    pub text: String,
    pub cell: bool,
}

fn lines_of(items: Vec<Item>) -> Vec<SourceLine> {
    items
        .into_iter()
        .map(|i| SourceLine {
            text: i.text,
            cell: i.cell,
        })
        .collect()
}

/// The lines [`read_published_text`] reads.
pub fn text_lines(text: &str) -> Vec<SourceLine> {
    lines_of(text_items(text))
}

/// The lines [`read_published_html`] reads.
pub fn html_lines(html: &str) -> Vec<SourceLine> {
    lines_of(html_items(html))
}

/// The lines [`read_published_docx`] reads.
pub fn docx_lines(bytes: &[u8]) -> Result<Vec<SourceLine>, PublishedError> {
    Ok(lines_of(docx_items(&document_xml(bytes)?)))
}

/// One line of the source: a paragraph, or a table cell's text.
#[derive(Debug, Clone)]
struct Item {
    text: String,
    cell: bool,
}

fn push_item(items: &mut Vec<Item>, text: &str, cell: bool) {
    let text = trim(text);
    if !text.is_empty() {
        items.push(Item {
            text: text.to_owned(),
            cell,
        });
    }
}

fn trim(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}' || c == '\u{200b}')
}

/// Text exports of Word files mark bookmarks as “[bookmark: OLE_LINK1]”.
fn strip_bookmarks(mut line: &str) -> &str {
    loop {
        let t = line.trim_start();
        match t
            .strip_prefix("[bookmark:")
            .and_then(|r| r.find(']').map(|i| &r[i + 1..]))
        {
            Some(rest) => line = rest,
            None => return line,
        }
    }
}

// ---------------------------------------------------------------------------------------
// The report from the line stream.

fn read_items(items: Vec<Item>) -> Result<Published, PublishedError> {
    let mut notes = Vec::new();
    // Which part each item belongs to: None before 一, else the section.
    let mut current: Option<SectionKey> = None;
    let mut preamble: Vec<&Item> = Vec::new();
    let mut parts: [Vec<Item>; 6] = Default::default();
    let mut seen = 0;
    for item in items.iter().filter(|i| !is_page_number(&i.text)) {
        if let Some((key, rest)) = section_heading(&item.text, current) {
            current = Some(key);
            seen += 1;
            if !rest.is_empty() {
                parts[key as usize].push(Item {
                    text: rest,
                    cell: item.cell,
                });
            }
            continue;
        }
        match current {
            None => preamble.push(item),
            Some(key) => parts[key as usize].push(item.clone()),
        }
    }
    if seen == 0 {
        return Err(PublishedError::NoSections);
    }

    // Title: the last short line before 一 naming the report (the portal's breadcrumbs may
    // name it first); a title set on two lines (the unit above, or broken mid-way) is joined
    // while it lacks its year or its unit.
    let short = |i: &Item| i.text.chars().count() <= 80;
    let title_at = preamble
        .iter()
        .rposition(|i| short(i) && i.text.contains("年度报告"))
        .ok_or(PublishedError::NoTitle)?;
    let mut title = preamble[title_at].text.clone();
    let mut first = title_at;
    while first > 0
        && (year_in(&title).is_none() || title.starts_with(|c: char| c.is_ascii_digit()))
    {
        let above = &preamble[first - 1].text;
        if above.chars().count() > 30 || above.contains(['。', '，', '：']) {
            break;
        }
        title = format!("{above}{title}");
        first -= 1;
    }
    // The opening names the 条例 or the report itself; a portal's date and source lines don't.
    let after_title = &preamble[title_at + 1..];
    let opening_like = |i: &&&Item| {
        ["本报告", "条例", "年度报告", "统计期限"]
            .iter()
            .any(|w| i.text.contains(w))
    };
    let mut opening: Vec<&str> = after_title
        .iter()
        .filter(opening_like)
        .map(|i| i.text.as_str())
        .collect();
    if opening.is_empty() {
        opening = after_title
            .iter()
            .filter(|i| i.text.chars().count() >= 30)
            .map(|i| i.text.as_str())
            .collect();
    }
    let opening = opening.join("\n");
    // The year from the title, else from the opening's statistics period.
    let year = year_in(&title)
        .or_else(|| year_in(&opening))
        .ok_or_else(|| PublishedError::NoYear(title.clone()))?;

    let edition = edition_of(&items, year, &mut notes);
    let unit = unit_of(&title, year, &opening, &mut notes);

    // Sign-off and the portal's page furniture at the end of 六.
    let other = &mut parts[SectionKey::Other as usize];
    if let Some(i) = other.iter().position(|i| is_page_furniture(&i.text)) {
        other.truncate(i);
    }
    let mut sign_off = None;
    if let Some(date) = other.last().and_then(|i| date_in(&i.text)) {
        other.pop();
        let name = match other.last() {
            Some(i) if i.text.chars().count() <= 30 && !i.text.contains(['。', '，']) => {
                other.pop().map(|i| i.text).unwrap_or_default()
            }
            _ => unit.name.clone(),
        };
        sign_off = Some(SignOff { name, date });
    }

    let mut sections: [Section; 6] = Default::default();
    let mut figures = Vec::new();
    let mut doubtful = Vec::new();
    for key in SectionKey::ALL {
        let part = &parts[key as usize];
        let labels = key
            .table()
            .map(|t| table_labels(edition, t))
            .unwrap_or_default();
        let mut table_text = String::new();
        for item in part {
            let in_table = key.table().is_some() && !is_prose(&item.text, item.cell, &labels);
            if in_table {
                table_text.push_str(&item.text);
                table_text.push('\n');
            } else if item.text != BLANK {
                sections[key as usize]
                    .paragraphs
                    .push(paragraph(&item.text));
            }
        }
        if let Some(table) = key.table() {
            read_table(
                edition,
                table,
                &table_text,
                &mut figures,
                &mut doubtful,
                &mut notes,
            );
        }
    }
    let mut report = Report {
        unit,
        year,
        edition,
        title,
        opening,
        sections,
        figures: Figures::zeros(edition),
        sign_off,
    };
    for (key, value) in figures {
        // Keys and kinds come from the edition itself.
        let _ = report.set_figure(&key, value);
    }
    Ok(Published {
        report,
        doubtful,
        notes,
    })
}

/// A line that is one of the six section headings (after `after`), with any text run in
/// after it (“一、总体情况。2020年……”).
fn section_heading(text: &str, after: Option<SectionKey>) -> Option<(SectionKey, String)> {
    let mut chars = text.chars();
    let numeral = chars.next()?;
    let n = "一二三四五六".chars().position(|c| c == numeral)?;
    let sep = chars.next()?;
    if !"、.．，, \u{3000}".contains(sep) {
        return None;
    }
    let (head, rest) = match text.find('。') {
        Some(i) if text[..i].chars().count() <= 30 => {
            (&text[..i], trim(&text[i + '。'.len_utf8()..]))
        }
        _ => (text, ""),
    };
    if head.chars().count() > 30 {
        return None;
    }
    let key = if head.contains("总体情况") || head.contains("概述") {
        SectionKey::Overview
    } else if head.contains("主动公开") {
        SectionKey::Proactive
    } else if head.contains("收到和处理") || head.contains("申请情况") {
        SectionKey::Applications
    } else if head.contains("复议") || head.contains("诉讼") {
        SectionKey::Appeals
    } else if head.contains("问题") || head.contains("改进") {
        SectionKey::Problems
    } else if head.contains("其他需要报告") || head.contains("其他事项") {
        SectionKey::Other
    } else {
        return None;
    };
    // Sections come in order. A heading numbered otherwise than its place must read as the
    // format words it: “二、依申请公开情况” inside 一 is not section 三.
    let numbered_right = key as usize == n || head.contains(&key.heading()["一、".len()..]);
    if after.is_some_and(|a| key <= a) || !numbered_right {
        return None;
    }
    Some((key, rest.to_owned()))
}

/// A line of prose within a table's section (as opposed to a cell of the table): a sentence,
/// or a long line of Chinese that holds none of the table's labels.
fn is_prose(text: &str, cell: bool, labels: &[Vec<char>]) -> bool {
    if cell {
        return false;
    }
    let chinese = text
        .chars()
        .filter(|c| !c.is_ascii() && c.is_alphabetic())
        .count();
    if text.contains('。') && chinese >= 10 {
        return true;
    }
    let (hay, _) = norm(text);
    chinese >= 15
        && !labels
            .iter()
            .any(|l| l.len() >= 4 && find(&hay, l, 0).is_some())
}

/// A page number a footer left in the text: “— 5 —”, “- 5 -”, “第5页”, “第5页 共9页”.
fn is_page_number(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let dash = |c: char| "—－-–".contains(c);
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    let inner = t.trim_matches(dash);
    if inner.len() < t.len() && t.starts_with(dash) && t.ends_with(dash) && digits(inner) {
        return true;
    }
    let Some(rest) = t.strip_prefix('第') else {
        return false;
    };
    let (n, rest) = rest.split_once('页').unwrap_or((rest, "x"));
    digits(n)
        && (rest.is_empty()
            || rest
                .strip_prefix('共')
                .and_then(|r| r.strip_suffix('页'))
                .is_some_and(digits))
}

/// A portal page's furniture after the report.
fn is_page_furniture(text: &str) -> bool {
    const MARKS: [&str; 12] = [
        "版权所有",
        "网站标识码",
        "ICP备",
        "打印本页",
        "关闭窗口",
        "【打印】",
        "【关闭】",
        "分享到",
        "扫一扫",
        "上一篇",
        "下一篇",
        "相关附件",
    ];
    MARKS.iter().any(|m| text.contains(m))
}

/// A paragraph with its heading, if it opens with a numbering: （一） Sub, 1. Item, （1）
/// SubItem. The heading runs to the first 。 or ： when that comes early; a short line with no
/// sentence in it is a heading of its own.
fn paragraph(text: &str) -> Paragraph {
    let Some((level, numbering)) = numbering(text) else {
        return Paragraph::body(text);
    };
    let after = &text[numbering..];
    let heading = |t: &str| {
        Some(Heading {
            level,
            text: t.to_owned(),
        })
    };
    if let Some(i) = after.find(['。', '：']) {
        if after[..i].chars().count() <= 30 {
            let end = numbering + i + '。'.len_utf8();
            return Paragraph {
                heading: heading(&text[..end]),
                text: trim(&text[end..]).to_owned(),
            };
        }
    }
    if text.chars().count() <= 40 && !after.contains(['，', '；', '。']) {
        return Paragraph {
            heading: heading(text),
            text: String::new(),
        };
    }
    Paragraph::body(text)
}

/// The heading level a paragraph's numbering gives and the numbering's length in bytes.
fn numbering(text: &str) -> Option<(HeadingLevel, usize)> {
    let digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    let chinese = |c: char| "一二三四五六七八九十".contains(c);
    let mut chars = text.char_indices();
    let (_, first) = chars.next()?;
    if first == '（' || first == '(' {
        let close = text.find(['）', ')'])?;
        let inner = &text[first.len_utf8()..close];
        let end = close + text[close..].chars().next()?.len_utf8();
        if !inner.is_empty() && inner.chars().all(chinese) {
            return Some((HeadingLevel::Sub, end));
        }
        if !inner.is_empty() && inner.chars().count() <= 2 && inner.chars().all(digit) {
            return Some((HeadingLevel::SubItem, end));
        }
        return None;
    }
    let digits: usize = text
        .chars()
        .take_while(|&c| digit(c))
        .map(char::len_utf8)
        .sum();
    if digits == 0 || text[..digits].chars().count() > 2 {
        return None;
    }
    let mut rest = text[digits..].chars();
    let sep = rest.next()?;
    let next = rest.next()?;
    (".．、".contains(sep) && !digit(next)).then_some((HeadingLevel::Item, digits + sep.len_utf8()))
}

/// The first year (2008–2100) written as four digits and 年.
fn year_in(text: &str) -> Option<u16> {
    let t = halfwidth(text);
    let b = t.as_bytes();
    (0..b.len().saturating_sub(3)).find_map(|i| {
        let four = b.get(i..i + 4)?;
        let before_ok = i == 0 || !b[i - 1].is_ascii_digit();
        (before_ok && four.iter().all(u8::is_ascii_digit) && t[i + 4..].starts_with('年'))
            .then(|| t[i..i + 4].parse().ok())
            .flatten()
            .filter(|y| edition::REPORT_YEARS.contains(y))
    })
}

/// A line that is just a date: 2021年1月20日, or 二〇二一年一月二十日.
fn date_in(text: &str) -> Option<Date> {
    let t: String = halfwidth(text)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let (y, rest) = t.split_once('年')?;
    let (m, rest) = rest.split_once('月')?;
    let d = rest.strip_suffix('日')?;
    let number = |s: &str| -> Option<u16> {
        if let Ok(n) = s.parse() {
            return Some(n);
        }
        let digit = |c: char| {
            "〇一二三四五六七八九"
                .chars()
                .position(|d| d == c || (c == '零' && d == '〇'))
        };
        let n = match s.split_once('十') {
            // 十, 十五, 二十, 二十一
            Some((tens, ones)) => {
                let tens = tens.chars().next().map_or(Some(1), digit)?;
                let ones = ones.chars().next().map_or(Some(0), digit)?;
                tens * 10 + ones
            }
            // 二〇二一, 五
            None => s
                .chars()
                .try_fold(0usize, |n, c| Some(n * 10 + digit(c)?))?,
        };
        n.try_into().ok()
    };
    Date::new(
        number(y)?,
        number(m)?.try_into().ok()?,
        number(d)?.try_into().ok()?,
    )
}

fn halfwidth(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => {
                char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
            }
            c => c,
        })
        .collect()
}

/// The edition: the one the year calls for, unless the tables' own labels say otherwise.
fn edition_of(items: &[Item], year: u16, notes: &mut Vec<String>) -> Edition {
    let by_year = Edition::for_year(year);
    let all: String = items.iter().map(|i| i.text.as_str()).collect();
    let all: String = norm_str(&all);
    let has = |labels: &[&str]| labels.iter().any(|l| all.contains(&norm_str(l)));
    let by_labels = if has(&["本年制发件数", "现行有效件数", "逾期不补正"]) {
        Some(Edition::E2021)
    } else if has(&["本年新制作数量", "上一年项目数量", "采购总金额"]) {
        Some(Edition::E2019)
    } else {
        None
    };
    match by_labels {
        Some(e) if e != by_year => {
            notes.push(format!(
                "{year}年的报告应使用{}年版表格，但原文的表格是{}年版，按原文读取",
                by_year.code(),
                e.code()
            ));
            e
        }
        _ => by_year,
    }
}

/// The unit: its name from the title, its kind from the name, its contact from the opening.
fn unit_of(title: &str, year: u16, opening: &str, notes: &mut Vec<String>) -> Unit {
    let year_text = format!("{year}年");
    let t = halfwidth(title);
    let mut name = t.split(&year_text).next().unwrap_or("").trim().to_owned();
    if name.is_empty() {
        // “2020年某某县人民政府政府信息公开工作年度报告”
        let after = t.split_once(&year_text).map_or("", |(_, a)| a);
        let after = after.strip_prefix('度').unwrap_or(after);
        name = after
            .rfind("政府信息公开")
            .map_or("", |i| &after[..i])
            .trim()
            .to_owned();
    }
    if name.is_empty() {
        notes.push("标题中没有找到单位名称，请补填".into());
    }
    let kind = if name.contains("街道办事处")
        || name.ends_with("乡人民政府")
        || name.ends_with("镇人民政府")
        || name.ends_with(['乡', '镇'])
    {
        UnitKind::Township
    } else if name.ends_with("人民政府") || name.ends_with(['县', '区', '市', '旗']) {
        UnitKind::CountyGovernment
    } else if name.is_empty() {
        UnitKind::Other
    } else {
        UnitKind::Department
    };
    Unit {
        kind,
        parent: None,
        address: field_after(opening, &["地址："]),
        postcode: field_after(opening, &["邮编：", "邮政编码："]),
        phone: field_after(opening, &["联系电话：", "电话："]),
        name,
    }
}

/// The value after one of `labels` (“邮编：231300；”), up to the next separator.
fn field_after(text: &str, labels: &[&str]) -> String {
    let text = text.replace(':', "：");
    labels
        .iter()
        .find_map(|l| text.split_once(l).map(|(_, rest)| rest.to_owned()))
        .map(|rest| {
            rest.split(['；', ';', '，', ',', '）', ')', '。', '\n'])
                .next()
                .unwrap_or("")
                .trim()
                .to_owned()
        })
        .unwrap_or_default()
}

// ---------------------------------------------------------------------------------------
// Tables.

/// One row as read: its cells' keys and kinds, and the sums that hold within it
/// (index of the total, indices of its addends).
struct RowSpec {
    label: Option<&'static str>,
    keys: Vec<String>,
    kinds: Vec<ValueKind>,
    sums: Vec<(usize, Vec<usize>)>,
}

fn row_specs(edition: Edition, table: TableId) -> Vec<RowSpec> {
    match table {
        TableId::Proactive => edition::proactive_blocks(edition)
            .iter()
            .flat_map(|b| {
                b.rows.iter().map(|r| RowSpec {
                    label: Some(r.label),
                    keys: b
                        .columns
                        .iter()
                        .map(|c| format!("proactive.{}.{}", r.key, c.key))
                        .collect(),
                    kinds: b.columns.iter().map(|c| c.kind).collect(),
                    sums: Vec::new(),
                })
            })
            .collect(),
        TableId::Applications => edition::application_rows(edition)
            .iter()
            .map(|r| RowSpec {
                label: Some(r.label),
                keys: APPLICATION_COLUMNS
                    .iter()
                    .map(|c| format!("applications.{}.{}", r.key, c.key))
                    .collect(),
                kinds: APPLICATION_COLUMNS.iter().map(|c| c.kind).collect(),
                sums: vec![(6, (0..6).collect())],
            })
            .collect(),
        TableId::Appeals => {
            let per = APPEAL_COLUMNS.len();
            vec![RowSpec {
                label: None,
                keys: APPEAL_GROUPS
                    .iter()
                    .flat_map(|g| {
                        APPEAL_COLUMNS
                            .iter()
                            .map(move |c| format!("appeals.{}.{}", g.key, c.key))
                    })
                    .collect(),
                kinds: vec![ValueKind::Count; per * APPEAL_GROUPS.len()],
                sums: (0..APPEAL_GROUPS.len())
                    .map(|g| (g * per + per - 1, (g * per..g * per + per - 1).collect()))
                    .collect(),
            }]
        }
    }
}

/// The table's printed words (labels, title, unit), letters and digits only, longest first:
/// taken out of the text between two rows' labels, what is left is figures.
fn table_labels(edition: Edition, table: TableId) -> Vec<Vec<char>> {
    let mut labels: Vec<Vec<char>> = table_template(edition, table)
        .cells
        .iter()
        .filter_map(|c| match &c.content {
            CellContent::Label { text, .. } => Some(norm_str(text).chars().collect()),
            CellContent::Figure { .. } => None,
        })
        .chain(
            [
                table.title(),
                table.label(),
                "单位：件",
                "单位：个",
                "单位：万元",
            ]
            .iter()
            .map(|t| norm_str(t).chars().collect()),
        )
        .filter(|l: &Vec<char>| !l.is_empty())
        .collect();
    labels.sort_by_key(|l| std::cmp::Reverse(l.len()));
    labels
}

/// The ways a row's figures can be read: one when read plainly, several when run together,
/// none when not read.
type Candidates = Vec<Vec<Value>>;

fn read_table(
    edition: Edition,
    table: TableId,
    text: &str,
    figures: &mut Vec<(String, Value)>,
    doubtful: &mut Vec<String>,
    notes: &mut Vec<String>,
) {
    let specs = row_specs(edition, table);
    let strip = table_labels(edition, table);

    // Where each row's label ends and the next begins.
    let (hay, ranges) = norm(text);
    let mut cursor = 0;
    let mut starts: Vec<Option<(usize, usize)>> = Vec::new(); // (label start, label end) in bytes
    for spec in &specs {
        let found = match spec.label {
            // Table 四 has no row labels: its figures follow the last of its headings.
            None => {
                let end = strip
                    .iter()
                    .flat_map(|l| {
                        let mut ends = Vec::new();
                        let mut from = 0;
                        while let Some(s) = find(&hay, l, from) {
                            from = s + l.len();
                            ends.push(ranges[from - 1].end);
                        }
                        ends
                    })
                    .max()
                    .unwrap_or(0);
                Some((end, end))
            }
            Some(label) => {
                // The whole label, else its first five characters (a label the report
                // words a little differently: 1.本机关不掌握有关政府信息).
                let whole: Vec<char> = norm_str(label).chars().collect();
                let start = &whole[..whole.len().min(5)];
                let at = |needle: &[char]| find(&hay, needle, cursor).map(|s| (s, needle.len()));
                let found = at(&whole).or_else(|| {
                    let found = at(start);
                    if found.is_some() {
                        notes.push(format!(
                            "{}“{label}”一行的名称与格式不完全相同，按开头认出",
                            table.label()
                        ));
                    }
                    found
                });
                found.map(|(s, len)| {
                    cursor = s + len;
                    (ranges[s].start, ranges[s + len - 1].end)
                })
            }
        };
        starts.push(found);
    }
    if starts.iter().all(Option::is_none) {
        notes.push(format!(
            "没有找到{}（{}）的表格，其数字请补填",
            table.label(),
            table.title()
        ));
    } else {
        for (spec, found) in specs.iter().zip(&starts) {
            if found.is_none() {
                notes.push(format!(
                    "{}没有找到“{}”一行，这一行的数字请补填",
                    table.label(),
                    spec.label.unwrap_or_default()
                ));
            }
        }
    }
    let mut candidates: Vec<Option<Candidates>> = Vec::new();
    let mut run_together = 0;
    for (i, spec) in specs.iter().enumerate() {
        let Some((_, from)) = starts[i] else {
            candidates.push(None);
            continue;
        };
        let to = starts[i + 1..]
            .iter()
            .flatten()
            .next()
            .map_or(text.len(), |&(s, _)| s);
        let segment = blank_labels(&text[from..to.max(from)], &strip);
        let label = spec.label.unwrap_or(table.title());
        let (read, plain) = read_row(spec, &segment, label, table, notes);
        run_together += usize::from(!plain);
        candidates.push(read);
    }
    if run_together > 0 {
        notes.push(format!(
            "{}有{run_together}行的数字连在一起或缺格，已按表内的合计关系认出能确定的数字，其余标为存疑",
            table.label()
        ));
    }

    // Values every remaining way agrees on.
    let solved = if table == TableId::Applications {
        solve_applications(edition, &specs, &candidates)
    } else {
        None
    };
    for (r, spec) in specs.iter().enumerate() {
        for (c, key) in spec.keys.iter().enumerate() {
            let values: HashSet<Value> = match (&solved, &candidates[r]) {
                (Some(sets), _) => sets[r][c].clone(),
                (None, Some(cands)) => cands.iter().map(|v| v[c]).collect(),
                (None, None) => HashSet::new(),
            };
            match values.iter().next() {
                Some(&v) if values.len() == 1 => figures.push((key.clone(), v)),
                _ => doubtful.push(key.clone()),
            }
        }
    }
}

/// The row's figures from the text between its label and the next, and whether they stood
/// apart as published.
fn read_row(
    spec: &RowSpec,
    segment: &str,
    label: &str,
    table: TableId,
    notes: &mut Vec<String>,
) -> (Option<Candidates>, bool) {
    const NONE: [&str; 7] = ["—", "－", "-", "/", "／", "无", "——"];
    let mut tokens = Vec::new();
    // A sign set apart from its number (“减 3”) goes with it.
    let mut sign = "";
    for t in segment.split(|c: char| c.is_whitespace() || c == '|') {
        if t.is_empty() {
            continue;
        }
        if t == "增" || t == "减" {
            sign = t;
            continue;
        }
        let with_sign;
        let t = if sign.is_empty() {
            t
        } else {
            with_sign = format!("{sign}{t}");
            sign = "";
            with_sign.as_str()
        };
        if t == BLANK {
            tokens.push(t.to_owned());
        } else if NONE.contains(&t) {
            tokens.push("0".to_owned());
            notes.push(format!(
                "{}“{label}”一行有一格写作“{t}”，按0读取",
                table.label()
            ));
        } else if t
            .chars()
            .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
        {
            tokens.push(halfwidth(t));
        }
    }
    let n = spec.kinds.len();
    let blanks = tokens.iter().filter(|t| *t == BLANK).count();
    // As many figures as cells: blank cells beside them are not the row's (a spacer, a
    // merged label's continuation).
    if tokens.len() - blanks == n {
        let plain: Option<Vec<Value>> = tokens
            .iter()
            .filter(|t| *t != BLANK)
            .zip(&spec.kinds)
            .map(|(t, &k)| parse_value(k, t).ok())
            .collect();
        if let Some(values) = plain {
            return (Some(vec![values]), true);
        }
    }
    // Run together: every way to cut the tokens into the row's cells where its sums hold.
    let mut out = Vec::new();
    let mut budget = 200_000usize;
    cut(
        &tokens,
        0,
        0,
        &spec.kinds,
        &mut Vec::new(),
        &mut out,
        &mut budget,
    );
    if budget == 0 {
        return (None, false);
    }
    out.retain(|values| {
        spec.sums.iter().all(|(total, addends)| {
            values[*total].count() == addends.iter().map(|&a| values[a].count()).sum::<u64>()
        })
    });
    if blanks > 0 && !out.is_empty() {
        notes.push(format!(
            "{}“{label}”一行有{blanks}格空白，按0读取",
            table.label()
        ));
    }
    ((!out.is_empty()).then_some(out), false)
}

/// Every way of cutting `tokens[t][at..]` and the tokens after it into the remaining cells.
fn cut(
    tokens: &[String],
    t: usize,
    at: usize,
    kinds: &[ValueKind],
    done: &mut Vec<Value>,
    out: &mut Vec<Vec<Value>>,
    budget: &mut usize,
) {
    if *budget == 0 || out.len() > 10_000 {
        *budget = 0;
        return;
    }
    *budget -= 1;
    if t == tokens.len() {
        if done.len() == kinds.len() {
            out.push(done.clone());
        }
        return;
    }
    let Some(&kind) = kinds.get(done.len()) else {
        return;
    };
    let token = &tokens[t];
    if token == BLANK {
        done.push(Value::zero(kind));
        cut(tokens, t + 1, 0, kinds, done, out, budget);
        done.pop();
        return;
    }
    // No figure is longer than this (a count has nine digits; money 999999999.999999, 增/减 a
    // sign): a longer piece is never tried, and a row longer than its cells can hold has no cut.
    const LONGEST: usize = 20;
    let left: usize = tokens[t..].iter().map(|t| t.len()).sum::<usize>() - at;
    if left > LONGEST * (kinds.len() - done.len()) {
        return;
    }
    for (end, _) in token[at..]
        .char_indices()
        .skip(1)
        .map(|(i, c)| (at + i, c))
        .chain(std::iter::once((token.len(), ' ')))
        .take_while(|&(end, _)| end - at <= LONGEST)
    {
        if let Some(v) = piece(kind, &token[at..end]) {
            done.push(v);
            if end == token.len() {
                cut(tokens, t + 1, 0, kinds, done, out, budget);
            } else {
                cut(tokens, t, end, kinds, done, out, budget);
            }
            done.pop();
        }
    }
}

/// One figure cut out of a run of digits: no leading zeros.
fn piece(kind: ValueKind, s: &str) -> Option<Value> {
    let digits = |d: &str| {
        !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()) && (d == "0" || !d.starts_with('0'))
    };
    match kind {
        ValueKind::Count => digits(s).then(|| parse_value(kind, s).ok()).flatten(),
        ValueKind::Change => {
            let body = s.strip_prefix(['增', '减', '+', '-']).unwrap_or(s);
            (digits(body) && (body != "0" || body.len() == s.len()))
                .then(|| parse_value(kind, s).ok())
                .flatten()
        }
        ValueKind::Money => {
            let body = s.strip_suffix("万元").unwrap_or(s);
            let (whole, frac) = body.split_once('.').unwrap_or((body, "1"));
            (digits(whole) && !frac.is_empty() && frac.bytes().all(|b| b.is_ascii_digit()))
                .then(|| parse_value(kind, s).ok())
                .flatten()
        }
    }
}

/// Table 三 as a whole: the ways of each row that together keep 一+二 = （七）+四 and
/// （七）= the sum of the results, column by column. `None` when a row was not read, when
/// no way keeps them (the report breaks a rule as published) or the ways are too many.
fn solve_applications(
    edition: Edition,
    specs: &[RowSpec],
    candidates: &[Option<Candidates>],
) -> Option<Vec<Vec<HashSet<Value>>>> {
    let cands: Vec<&Candidates> = candidates
        .iter()
        .map(Option::as_ref)
        .collect::<Option<_>>()?;
    if cands.iter().all(|c| c.len() == 1) {
        return None;
    }
    let rows = edition::application_rows(edition);
    let at = |key: &str| rows.iter().position(|r| r.key == key);
    let (received, carried_in, handled, carried_out) = (
        at("received")?,
        at("carried_in")?,
        at("handled_total")?,
        at("carried_out")?,
    );
    let leaves: Vec<usize> = (0..rows.len())
        .filter(|&i| rows[i].is_result_leaf())
        .collect();
    let order: Vec<usize> = [received, carried_in, handled, carried_out]
        .into_iter()
        .chain(leaves.iter().copied())
        .collect();
    let width = specs[0].keys.len();
    let mut seen: Vec<Vec<HashSet<Value>>> = vec![vec![HashSet::new(); width]; rows.len()];
    let mut choice = vec![0usize; rows.len()];
    let mut budget = 300_000usize;
    let mut found = 0usize;

    struct Search<'a> {
        cands: &'a [&'a Candidates],
        order: &'a [usize],
        rows4: [usize; 4],
        width: usize,
    }
    fn go(
        s: &Search,
        depth: usize,
        choice: &mut Vec<usize>,
        sums: &mut Vec<u64>,
        seen: &mut Vec<Vec<HashSet<Value>>>,
        found: &mut usize,
        budget: &mut usize,
    ) {
        if *budget == 0 {
            return;
        }
        *budget -= 1;
        let [received, carried_in, handled, carried_out] = s.rows4;
        let value = |choice: &[usize], r: usize, c: usize| s.cands[r][choice[r]][c].count();
        if depth == 4 {
            for c in 0..s.width {
                if value(choice, received, c) + value(choice, carried_in, c)
                    != value(choice, handled, c) + value(choice, carried_out, c)
                {
                    return;
                }
            }
        }
        if depth == s.order.len() {
            if (0..s.width).all(|c| sums[c] == value(choice, handled, c)) {
                *found += 1;
                for &r in s.order {
                    for (c, set) in seen[r].iter_mut().enumerate() {
                        set.insert(s.cands[r][choice[r]][c]);
                    }
                }
            }
            return;
        }
        let r = s.order[depth];
        for k in 0..s.cands[r].len() {
            choice[r] = k;
            if depth >= 4 {
                let row = &s.cands[r][k];
                let over =
                    (0..s.width).any(|c| sums[c] + row[c].count() > value(choice, handled, c));
                if over {
                    continue;
                }
                for c in 0..s.width {
                    sums[c] += row[c].count();
                }
                go(s, depth + 1, choice, sums, seen, found, budget);
                for c in 0..s.width {
                    sums[c] -= row[c].count();
                }
            } else {
                go(s, depth + 1, choice, sums, seen, found, budget);
            }
        }
    }
    let search = Search {
        cands: &cands,
        order: &order,
        rows4: [received, carried_in, handled, carried_out],
        width,
    };
    go(
        &search,
        0,
        &mut choice,
        &mut vec![0; width],
        &mut seen,
        &mut found,
        &mut budget,
    );
    (budget > 0 && found > 0).then_some(seen)
}

// ---------------------------------------------------------------------------------------
// Matching labels whatever their spacing, brackets, quotes and line breaks.

/// Only letters and digits (CJK included), full-width digits made half-width.
fn norm_str(s: &str) -> String {
    norm(s).0.into_iter().collect()
}

/// The letters and digits of `s`, each with its byte range in `s`.
fn norm(s: &str) -> (Vec<char>, Vec<std::ops::Range<usize>>) {
    let mut chars = Vec::new();
    let mut ranges = Vec::new();
    for (i, c) in s.char_indices() {
        if c.is_alphanumeric() {
            ranges.push(i..i + c.len_utf8());
            chars.push(match c {
                '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => {
                    char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
                }
                c => c,
            });
        }
    }
    (chars, ranges)
}

fn find(hay: &[char], needle: &[char], from: usize) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    (from..=hay.len() - needle.len()).find(|&i| hay[i..i + needle.len()] == *needle)
}

/// The segment with every template label in it blanked out.
fn blank_labels(segment: &str, labels: &[Vec<char>]) -> String {
    let (mut hay, ranges) = norm(segment);
    let mut bytes = segment.as_bytes().to_vec();
    for label in labels {
        let mut from = 0;
        while let Some(s) = find(&hay, label, from) {
            let e = s + label.len();
            for b in &mut bytes[ranges[s].start..ranges[e - 1].end] {
                *b = b' ';
            }
            for c in &mut hay[s..e] {
                *c = ' ';
            }
            from = e;
        }
    }
    // Whole characters were blanked, so the bytes are still UTF-8.
    String::from_utf8(bytes).unwrap_or_default()
}

// ---------------------------------------------------------------------------------------
// HTML and Word to the line stream.

/// The text of an HTML page as lines: a block element or a table cell ends a line; scripts,
/// styles and the head are skipped; entities decoded.
fn html_items(html: &str) -> Vec<Item> {
    const BLOCKS: [&str; 19] = [
        "p",
        "div",
        "br",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "tr",
        "td",
        "th",
        "table",
        "section",
        "article",
        "center",
        "blockquote",
        "title",
    ];
    let mut items = Vec::new();
    let mut line = String::new();
    let mut depth = 0usize;
    let mut cell_from: Option<usize> = None;
    let mut rest = html;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            line.push_str(&collapse(&decode_entities(rest)));
            break;
        };
        line.push_str(&collapse(&decode_entities(&rest[..lt])));
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |i| &after[i + 3..]);
            continue;
        }
        let gt = rest.find('>').unwrap_or(rest.len() - 1);
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if !closing && ["script", "style", "head", "title", "noscript"].contains(&name.as_str()) {
            let end = format!("</{name}");
            let lower = rest.to_ascii_lowercase();
            rest = lower.find(&end).map_or("", |i| &rest[i..]);
            continue;
        }
        if name == "table" {
            depth = if closing {
                depth.saturating_sub(1)
            } else {
                depth + 1
            };
        }
        if BLOCKS.contains(&name.as_str()) {
            push_item(&mut items, &join_wrapped(&line), depth > 0);
            line.clear();
        }
        if name == "td" || name == "th" {
            if !closing {
                cell_from = Some(items.len());
            } else if cell_from.take() == Some(items.len()) {
                items.push(blank_cell());
            }
        }
    }
    push_item(&mut items, &join_wrapped(&line), depth > 0);
    items
}

/// Stands for a table cell left blank (a merged cell's continuation is not one).
const BLANK: &str = "\u{2205}";

fn blank_cell() -> Item {
    Item {
        text: BLANK.to_owned(),
        cell: true,
    }
}

/// Marks a source line break inside a paragraph (editors wrap long lines of HTML).
const WRAP: char = '\u{1}';

/// Runs of whitespace as one space, as a browser shows them, or as [`WRAP`] when they hold
/// a line break; no-break spaces kept.
fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run: Option<bool> = None; // Some(has a line break)
    for c in text.chars() {
        if c.is_ascii_whitespace() {
            run = Some(run.unwrap_or(false) || c == '\n' || c == '\r');
        } else {
            if let Some(wrap) = run.take() {
                out.push(if wrap { WRAP } else { ' ' });
            }
            out.push(c);
        }
    }
    if let Some(wrap) = run {
        out.push(if wrap { WRAP } else { ' ' });
    }
    out
}

/// A line with its wrapped source lines joined as a browser shows them: a break between two
/// Chinese characters is nothing (Chinese has no spaces), elsewhere a space; runs of spaces
/// as one.
fn join_wrapped(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c != ' ' && c != WRAP {
            out.push(c);
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && (chars[i] == ' ' || chars[i] == WRAP) {
            i += 1;
        }
        let spaced = chars[start..i].contains(&' ');
        let cjk = |c: Option<&char>| c.is_some_and(|c| !c.is_ascii());
        let between_cjk = cjk(out.chars().last().as_ref()) && cjk(chars.get(i));
        if spaced || !between_cjk {
            out.push(' ');
        }
    }
    out
}

fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest[1..].find(';').map(|e| e + 1).filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            let c = match name {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "apos" => '\'',
                "nbsp" => '\u{a0}',
                "ensp" | "emsp" | "thinsp" => ' ',
                "ldquo" => '“',
                "rdquo" => '”',
                "lsquo" => '‘',
                "rsquo" => '’',
                "mdash" => '—',
                "ndash" => '–',
                "hellip" => '…',
                "middot" => '·',
                _ => {
                    let n = name.strip_prefix('#')?;
                    let code = match n.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => n.parse().ok()?,
                    };
                    char::from_u32(code)?
                }
            };
            Some((c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The paragraphs of `word/document.xml`, each a line (a table cell's paragraphs are cells);
/// tabs as tabs, deleted text left out.
fn docx_items(xml: &str) -> Vec<Item> {
    let mut items = Vec::new();
    let mut line = String::new();
    let mut depth = 0usize;
    let mut in_text = false;
    // Where the open cell's items start, and whether it continues a merged cell.
    let mut cell: Option<(usize, bool)> = None;
    let mut rest = xml;
    while let Some(lt) = rest.find('<') {
        if in_text {
            line.push_str(&decode_entities(&rest[..lt]));
        }
        rest = &rest[lt..];
        let gt = rest.find('>').unwrap_or(rest.len() - 1);
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        let closing = tag.starts_with('/');
        let self_closing = tag.ends_with('/');
        let name = tag
            .trim_start_matches('/')
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or("");
        match name {
            "w:t" => in_text = !closing && !self_closing,
            "w:tab" if !closing => line.push('\t'),
            "w:noBreakHyphen" => line.push('-'),
            "w:tbl" if !self_closing => {
                depth = if closing {
                    depth.saturating_sub(1)
                } else {
                    depth + 1
                }
            }
            "w:p" if closing || self_closing => {
                for part in line.split('\t') {
                    push_item(&mut items, part, depth > 0);
                }
                line.clear();
            }
            "w:tc" if !self_closing => {
                if !closing {
                    cell = Some((items.len(), false));
                } else if let Some((from, merged)) = cell.take() {
                    if from == items.len() && !merged {
                        items.push(blank_cell());
                    }
                }
            }
            "w:vMerge" if !tag.contains("restart") => {
                if let Some((_, merged)) = &mut cell {
                    *merged = true;
                }
            }
            _ => {}
        }
    }
    items
}
