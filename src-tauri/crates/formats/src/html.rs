//! The report as one self-contained web page for the government portal: title, opening, the
//! six sections with their headings, tables 二, 三 and 四 as the edition's templates draw them
//! (rowspan/colspan), and the sign-off. No scripts, no style sheet, nothing fetched: every
//! element carries its own inline style, so the page keeps its shape when a clerk pastes it
//! into the portal's CMS editor.

use nianbao_report::{
    table_template, Align, CellContent, HeadingLevel, Report, SectionKey, TableId, TemplateCell,
};
use std::fmt::Write;

/// Body text: 仿宋, as GB/T 9704 sets it, then the names Windows, macOS and Linux give it or
/// the nearest face they have.
const FANG: &str =
    "'仿宋_GB2312','仿宋',FangSong,STFangsong,'Noto Serif CJK SC','AR PL UMing CN',serif";
/// 一、 headings.
const HEI: &str =
    "'黑体',SimHei,'Microsoft YaHei','Noto Sans CJK SC','WenQuanYi Micro Hei',sans-serif";
/// （一） headings.
const KAI: &str = "'楷体_GB2312','楷体',KaiTi,STKaiti,'AR PL UKai CN',serif";
/// The title: 小标宋, or a bold Song where it is missing.
const TITLE: &str = "'方正小标宋简体','方正小标宋_GBK','华文中宋',STZhongsong,'宋体',SimSun,'Noto Serif CJK SC','AR PL UMing CN',serif";

/// A paragraph of body text on the 28.9 pt line of the printed page (16 pt × 1.8).
const BODY: &str = "margin:0;text-indent:2em;text-align:justify;font-size:16pt;line-height:1.8";

/// The whole page: `<!DOCTYPE html>` to `</html>`, UTF-8.
pub fn write_html(report: &Report) -> String {
    let mut page = String::new();
    let title = escape(&report.title);
    let _ = write!(
        page,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n</head>\n\
         <body style=\"margin:0;background:#ffffff;color:#000000\">\n\
         <div style=\"max-width:820px;margin:0 auto;padding:24px 16px;font-family:{FANG};font-size:16pt\">\n\
         <h1 style=\"margin:0 0 1.2em;text-align:center;font-family:{TITLE};font-size:22pt;\
         font-weight:bold;line-height:1.5\">{title}</h1>\n"
    );
    if !report.opening.trim().is_empty() {
        paragraph(&mut page, None, &report.opening);
    }
    for key in SectionKey::ALL {
        let _ = writeln!(
            page,
            "<h2 style=\"{BODY};font-family:{HEI};font-weight:normal\">{}</h2>",
            escape(key.heading())
        );
        for p in &report.section(key).paragraphs {
            match &p.heading {
                None => paragraph(&mut page, None, &p.text),
                Some(h) if p.text.is_empty() => {
                    let (tag, face) = match h.level {
                        HeadingLevel::Sub => ("h3", KAI),
                        HeadingLevel::Item | HeadingLevel::SubItem => ("h4", FANG),
                    };
                    let _ = writeln!(
                        page,
                        "<{tag} style=\"{BODY};font-family:{face};font-weight:normal\">{}</{tag}>",
                        escape(&h.text)
                    );
                }
                Some(h) => paragraph(&mut page, Some((h.level, &h.text)), &p.text),
            }
        }
        if let Some(t) = key.table() {
            table(&mut page, report, t);
        }
    }
    if let Some(s) = &report.sign_off {
        let right = "text-align:right;margin:0 2em 0 0;font-size:16pt;line-height:1.8";
        let _ = writeln!(
            page,
            "<p style=\"{right};margin-top:1.8em;font-family:{FANG}\">{}</p>\n\
             <p style=\"{right};font-family:{FANG}\">{}</p>",
            escape(&s.name),
            escape(&s.date.chinese())
        );
    }
    page.push_str("</div>\n</body>\n</html>\n");
    page
}

/// A body paragraph, its heading (if any) run in ahead of the text in the level's face.
fn paragraph(page: &mut String, heading: Option<(HeadingLevel, &str)>, text: &str) {
    let _ = write!(page, "<p style=\"{BODY};font-family:{FANG}\">");
    if let Some((level, h)) = heading {
        let face = match level {
            HeadingLevel::Sub => KAI,
            HeadingLevel::Item | HeadingLevel::SubItem => FANG,
        };
        let _ = write!(
            page,
            "<span style=\"font-family:{face}\">{}</span>",
            escape(h)
        );
    }
    let _ = writeln!(page, "{}</p>", escape(text));
}

/// A table as its edition's template draws it: the header rows in `<thead>` (a browser
/// repeats them on every printed page), every cell with its spans, labels and figures
/// as the PDF prints them.
fn table(page: &mut String, report: &Report, table: TableId) {
    let template = table_template(report.edition, table);
    let total: f32 = template.columns_mm.iter().sum();
    // A share of the table's width, in per cent, for columns `from..to`.
    let share = |from: usize, to: usize| -> f32 {
        template.columns_mm[from..to].iter().sum::<f32>() / total * 100.0
    };
    let _ = writeln!(
        page,
        "<table border=\"1\" cellspacing=\"0\" cellpadding=\"4\" width=\"100%\" \
         style=\"width:100%;border-collapse:collapse;border:1px solid #000000;margin:0.6em 0;\
         font-family:{FANG};font-size:10.5pt\">"
    );
    page.push_str("<colgroup>");
    for col in 0..template.columns_mm.len() {
        let _ = write!(
            page,
            "<col width=\"{0:.2}%\" style=\"width:{0:.2}%\">",
            share(col, col + 1)
        );
    }
    page.push_str("</colgroup>\n");
    let mut cells: Vec<&TemplateCell> = template.cells.iter().collect();
    cells.sort_by_key(|c| (c.row, c.col));
    for row in 0..template.rows {
        if row == 0 && template.header_rows > 0 {
            page.push_str("<thead>\n");
        }
        if row == template.header_rows {
            page.push_str("<tbody>\n");
        }
        page.push_str("<tr>");
        for c in cells.iter().filter(|c| c.row == row) {
            let (text, align) = match &c.content {
                CellContent::Label { text, align, .. } => (escape(text), *align),
                CellContent::Figure { key, kind, .. } => {
                    (escape(&report.printed_figure(key, *kind)), Align::Center)
                }
            };
            let align = match align {
                Align::Center => "center",
                Align::Left => "left",
            };
            page.push_str("<td");
            if c.row_span > 1 {
                let _ = write!(page, " rowspan=\"{}\"", c.row_span);
            }
            if c.col_span > 1 {
                let _ = write!(page, " colspan=\"{}\"", c.col_span);
            }
            // Each cell names its width too: an editor that drops the <colgroup> keeps the
            // columns' proportions.
            let _ = write!(
                page,
                " style=\"width:{:.2}%;border:1px solid #000000;padding:2px 4px;text-align:{align};\
                 vertical-align:middle;font-family:{FANG};font-size:10.5pt;line-height:1.4\">{}</td>",
                share(c.col, c.col + c.col_span),
                text.replace('\n', "<br>")
            );
        }
        page.push_str("</tr>\n");
        if row + 1 == template.header_rows {
            page.push_str("</thead>\n");
        }
    }
    page.push_str("</tbody>\n</table>\n");
}

/// Text made safe inside an element or a quoted attribute.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(ch),
        }
    }
    out
}
