//! Published reports read back in: the seed text, flattened tables, the project's own web page
//! and Word file, GB18030 text.

mod common;

use nianbao_formats::docx::write_docx;
use nianbao_formats::html::write_html;
use nianbao_formats::published::{
    decode_text, read_published_docx, read_published_html, read_published_text, Published,
};
use nianbao_report::{sample_report, Paragraph, Report, SectionKey, Value, ValueKind};

const SEED: &str = include_str!("../../../../tests/fixtures/published/shucheng-2020.txt");

fn assert_same(read: &Published) {
    assert_reads_as(read, &sample_report());
}

fn assert_reads_as(read: &Published, sample: &Report) {
    let r = &read.report;
    assert_eq!(r.unit, sample.unit);
    assert_eq!((r.year, r.edition), (sample.year, sample.edition));
    assert_eq!(r.title, sample.title);
    assert_eq!(r.opening, sample.opening);
    for (i, (got, want)) in r.sections.iter().zip(&sample.sections).enumerate() {
        assert_eq!(got.paragraphs.len(), want.paragraphs.len(), "section {i}");
        for (g, w) in got.paragraphs.iter().zip(&want.paragraphs) {
            assert_eq!(g, w, "section {i}");
        }
    }
    for (key, value) in sample.figures.iter() {
        assert_eq!(r.figures.get(key), Some(value), "{key}");
    }
    assert_eq!(r.sign_off, sample.sign_off);
    assert_eq!(r, sample);
    assert!(read.doubtful.is_empty(), "{:?}", read.doubtful);
}

#[test]
fn the_seed_text_reads_as_the_sample() {
    let read = read_published_text(SEED).unwrap();
    assert_same(&read);
    assert!(read.notes.is_empty(), "{:?}", read.notes);
}

#[test]
fn text_files_in_utf8_with_or_without_bom_and_in_gb18030() {
    assert_eq!(decode_text(SEED.as_bytes()), SEED);
    let bom = [b"\xEF\xBB\xBF".as_slice(), SEED.as_bytes()].concat();
    assert_eq!(decode_text(&bom), SEED);
    // “一、总体情况” in GB18030, as Notepad on a Chinese Windows saves it.
    let gb = [
        0xD2, 0xBB, 0xA1, 0xA2, 0xD7, 0xDC, 0xCC, 0xE5, 0xC7, 0xE9, 0xBF, 0xF6,
    ];
    assert_eq!(decode_text(&gb), "一、总体情况");
    let (encoded, _, _) = encoding_rs::GB18030.encode(SEED);
    assert_ne!(&encoded[..], SEED.as_bytes());
    let read = read_published_text(&decode_text(&encoded)).unwrap();
    assert_same(&read);
}

/// The seed with each table row's figures run together on one line, joined by `sep` (and
/// the last, the row's 总计, set apart by a space with `total_apart`); the row's labels kept,
/// each on its own line or, with `same_line`, before the figures.
fn flattened(sep: &str, total_apart: bool, same_line: bool) -> String {
    let mut out = String::new();
    let mut labels: Vec<String> = Vec::new();
    let mut figures: Vec<String> = Vec::new();
    let flush = |labels: &mut Vec<String>, figures: &mut Vec<String>, out: &mut String| {
        let joined = match figures.split_last() {
            Some((last, rest)) if total_apart => format!("{} {last}", rest.join(sep)),
            _ => figures.join(sep),
        };
        if same_line && !figures.is_empty() {
            let last = labels.pop().unwrap_or_default();
            labels.push(format!("{last} {joined}"));
        } else if !figures.is_empty() {
            labels.push(joined);
        }
        for l in labels.drain(..) {
            out.push_str(&l);
            out.push('\n');
        }
        figures.clear();
    };
    for line in SEED.lines() {
        let cell = line.trim_matches(|c: char| c.is_whitespace());
        let is_figure = line.starts_with('\t')
            && !cell.is_empty()
            && cell.chars().any(|c| c.is_ascii_digit())
            && !cell.contains(['.', '第'])
            || cell.ends_with("万元");
        if is_figure {
            figures.push(cell.to_string());
        } else if line.trim().is_empty() || !line.starts_with('\t') {
            flush(&mut labels, &mut figures, &mut out);
            out.push_str(line);
            out.push('\n');
        } else {
            labels.push(cell.to_string());
        }
    }
    flush(&mut labels, &mut figures, &mut out);
    out
}

/// Every cell read is the sample's; every other is named doubtful.
fn assert_never_wrong(read: &Published) -> usize {
    let sample = sample_report();
    for (key, value) in sample.figures.iter() {
        if !read.doubtful.iter().any(|d| d == key) {
            assert_eq!(
                read.report.figures.get(key),
                Some(value),
                "{key} read wrong"
            );
        }
    }
    read.doubtful.len()
}

#[test]
fn figures_separated_by_spaces_on_one_line_read_exactly() {
    for same_line in [false, true] {
        let text = flattened(" ", false, same_line);
        assert!(text.contains("29 2 0 0 0 0 31"), "{text}");
        let read = read_published_text(&text).unwrap();
        assert_same(&read);
    }
}

#[test]
fn figures_run_together_are_recovered_from_the_sums_or_marked() {
    for (total_apart, same_line) in [(false, false), (false, true), (true, false)] {
        let text = flattened("", total_apart, same_line);
        let row = if total_apart {
            "2920000 31"
        } else {
            "292000031"
        };
        assert!(text.contains(row), "{text}");
        let read = read_published_text(&text).unwrap();
        let doubtful = assert_never_wrong(&read);
        assert!(doubtful > 0, "some runs can be cut more than one way");
        let read_ok = |key: &str| !read.doubtful.iter().any(|d| d == key);
        // Fixed by the digits alone: seven digits for seven cells, no number with a leading 0.
        for key in [
            "proactive.regulations.made",
            "applications.carried_in.natural",
            "applications.carried_out.total",
            "applications.withheld.query_matter.total",
            "appeals.suit_after_review.total",
        ] {
            assert!(read_ok(key), "{key}: {:?}", read.doubtful);
        }
        // 一、本年新收: “292000031” is 29,2,0,0,0,0,31 or 2,9,20,0,0,0,31 by its row; the
        // table's column sums (一+二 = （七）+四, （七） = the results) settle it.
        for key in [
            "applications.received.natural",
            "applications.received.business",
            "applications.received.research",
            "applications.handled_total.natural",
        ] {
            assert!(read_ok(key), "{key}: {:?}", read.doubtful);
        }
        // Tables 三 and 四 are fixed by their sums here; table 二 has none, so a run there
        // is read only where its digits allow one cut.
        assert!(
            read.doubtful.iter().all(|k| k.starts_with("proactive.")),
            "{:?}",
            read.doubtful
        );
        assert!(read_ok("proactive.fees.change"), "“29减1”: 29 and 减1");
    }
}

#[test]
fn a_report_that_breaks_a_rule_is_read_as_published() {
    // （七）总计 for 自然人 published as 31 where the results add up to 30.
    let text = SEED.replacen("\t（七）总计\n\t30\n", "\t（七）总计\n\t31\n", 1);
    assert_ne!(text, SEED);
    let read = read_published_text(&text).unwrap();
    assert!(read.doubtful.is_empty());
    assert_eq!(
        read.report
            .figures
            .count("applications.handled_total.natural"),
        31
    );
    assert!(nianbao_report::hard_error_count(&read.report) > 0);
}

/// A 2021-edition department report with every heading level, a sign-off and a different
/// figure in every cell (totals filled from them).
fn report_2021() -> Report {
    common::report_2021(common::department(None))
}

#[test]
fn the_projects_web_page_reads_back() {
    for report in [sample_report(), report_2021()] {
        let read = read_published_html(&write_html(&report)).unwrap();
        assert_reads_as(&read, &report);
    }
}

#[test]
fn the_projects_word_file_reads_back() {
    for report in [sample_report(), report_2021()] {
        let read = read_published_docx(&write_docx(&report).unwrap()).unwrap();
        assert_reads_as(&read, &report);
    }
}

/// The page as a portal's CMS serves it after a clerk pasted the report from Word: every
/// few characters in their own span and font, paragraphs indented with &nbsp;, long source
/// lines wrapped, the report inside a layout table between the site's breadcrumbs, the
/// article's date line and the site's footer.
fn portal_page(html: &str) -> String {
    let body_start = html.find("<h1").unwrap();
    let body_end = html.rfind("</div>").unwrap();
    let mut out = String::from(
        "<html><head><meta charset=\"utf-8\"><title>舒城县人民政府2020年政府信息公开工作年度报告_舒城县人民政府</title>\
         <script>var a = '<p>一、总体情况</p>';</script><style>p { margin: 0 }</style></head>\
         <body><div class=\"nav\">首页 &gt; 信息公开 &gt; 法定主动公开内容 &gt; 政府信息公开年报</div>\n\
         <table width=\"100%\"><tr><td>\n",
    );
    let mut rest = &html[body_start..body_end];
    let mut n = 0;
    let mut prev = None;
    while let Some(lt) = rest.find('<') {
        let text = &rest[..lt];
        // Text in chunks of one to four characters (an entity kept whole).
        let mut units: Vec<&str> = Vec::new();
        let mut t = text;
        while let Some(c) = t.chars().next() {
            let len = if c == '&' {
                t.find(';').unwrap() + 1
            } else {
                c.len_utf8()
            };
            units.push(&t[..len]);
            t = &t[len..];
        }
        for chunk in units.chunks(1 + n % 4) {
            n += 1;
            // Editors wrap between Chinese characters (where a browser shows nothing), never
            // inside a number or a word.
            let cjk = |c: &str| c.chars().next().is_some_and(|c| !c.is_ascii());
            let wrap = if n % 7 == 0 && cjk(chunk[0]) && prev.is_some_and(|c: char| !c.is_ascii()) {
                "\r\n"
            } else {
                ""
            };
            out.push_str(&format!(
                "<span style=\"font-family:仿宋_GB2312;font-size:16pt\"><font face=\"仿宋\">{wrap}{}</font></span>",
                chunk.concat()
            ));
            prev = chunk.concat().chars().last();
        }
        let gt = rest.find('>').unwrap();
        let tag = &rest[lt..=gt];
        out.push_str(tag);
        if tag.starts_with("<p") {
            out.push_str("&nbsp;&nbsp;&nbsp;&nbsp;");
        }
        if tag == "</h1>" {
            out.push_str("<div>发布时间：2021-01-20 来源：县政府办公室 浏览次数：1024 字号：【大 中 小】</div>");
        }
        rest = &rest[gt + 1..];
    }
    out.push_str(
        "</td></tr></table>\n<div>【打印本页】 【关闭窗口】</div>\
         <div>版权所有：舒城县人民政府 网站标识码：3415230001</div></body></html>",
    );
    out
}

#[test]
fn a_portal_page_with_spans_around_every_few_characters_reads_back() {
    for report in [sample_report(), report_2021()] {
        let page = portal_page(&write_html(&report));
        assert!(page.contains("<font face=\"仿宋\">\r\n"));
        let read = read_published_html(&page).unwrap();
        assert_reads_as(&read, &report);
    }
}

/// The project's web page and Word file after a round trip through LibreOffice
/// (`soffice --convert-to`), made once and kept under tests/fixtures/published/libreoffice.
#[test]
fn the_same_after_libreoffice_reads_back() {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../tests/fixtures/published/libreoffice"
    );
    for (name, report) in [("sample", sample_report()), ("r2021", report_2021())] {
        let file = |ext: &str| std::fs::read(format!("{dir}/{name}{ext}")).unwrap();
        let text = |ext: &str| String::from_utf8(file(ext)).unwrap();
        let reads = [
            ("docx → docx", read_published_docx(&file(".docx"))),
            ("docx → html", read_published_html(&text("-from-docx.html"))),
            ("html → html", read_published_html(&text(".html"))),
            (
                "docx → txt",
                read_published_text(&decode_text(&file(".txt"))),
            ),
        ];
        for (how, read) in reads {
            eprintln!("{name}: {how}");
            assert_reads_as(&read.unwrap(), &report);
        }
    }
}

/// A 2021-edition report as text copied from a portal page in a browser: the site's
/// breadcrumbs and date line, the title on two lines, table rows with their cells separated
/// by tabs, labels with half-width brackets and spaces, a long label broken over two lines,
/// a figure written “—”, a note under table 四, the sign-off dated in Chinese numerals and
/// the page's furniture after it. Also returns the report it should read as.
fn browser_text() -> (String, Report) {
    let mut report = report_2021();
    report
        .set_figure("proactive.regulations.issued", Value::Count(0))
        .unwrap();
    let note = "注：表中数据统计期限为2022年1月1日至2022年12月31日";
    report.section_mut(SectionKey::Appeals).paragraphs = vec![Paragraph::body(note)];
    let mut out = String::from("首页 > 信息公开 > 政府信息公开年报\n某某县数据资源局\n2022年政府信息公开工作年度报告\n发布时间：2023-01-20　来源：某某县数据资源局　【字号：大 中 小】\n");
    out.push_str(&report.opening);
    out.push('\n');
    for key in SectionKey::ALL {
        out.push_str(key.heading());
        out.push('\n');
        if let Some(table) = key.table() {
            let t = nianbao_report::table_template(report.edition, table);
            for row in 0..t.rows {
                let mut cells: Vec<_> = t.cells.iter().filter(|c| c.row == row).collect();
                cells.sort_by_key(|c| c.col);
                let texts: Vec<String> = cells
                    .iter()
                    .map(|c| match &c.content {
                        nianbao_report::CellContent::Label { text, .. } => text
                            .replace('（', "(")
                            .replace('）', ")")
                            .replace('.', ". ")
                            .replace("（区分处理的", "\n(区分处理的")
                            .replace('\n', " "),
                        nianbao_report::CellContent::Figure { key, kind, .. } => {
                            if key == "proactive.regulations.issued" {
                                "—".to_string()
                            } else {
                                report.printed_figure(key, *kind)
                            }
                        }
                    })
                    .collect();
                out.push_str(&texts.join("\t"));
                out.push('\n');
            }
        }
        for p in &report.section(key).paragraphs {
            out.push_str(&p.full_text());
            out.push('\n');
        }
    }
    out.push_str("某某县数据资源局\n二〇二三年一月二十日\n【打印本页】【关闭窗口】\n");
    (out, report)
}

#[test]
fn text_copied_from_a_browser_reads_as_published() {
    let (text, report) = browser_text();
    let read = read_published_text(&text).unwrap();
    assert_reads_as(&read, &report);
    assert!(
        read.notes.iter().any(|n| n.contains("“—”")),
        "{:?}",
        read.notes
    );
}

#[test]
fn a_report_breaking_its_sums_run_together_reads_nothing_wrong() {
    // report_2021's table 三 keeps its row and （七） sums but not 一+二 = （七）+四; run each
    // row's figures together and no cell may be read wrong.
    let (text, _) = browser_text();
    let joined: String = text
        .lines()
        .map(|line| {
            let cells: Vec<&str> = line.split('\t').collect();
            if cells.len() > 3 && cells.iter().filter(|c| c.parse::<u64>().is_ok()).count() == 7 {
                let (labels, figures) = cells.split_at(cells.len() - 7);
                format!("{}\t{}\n", labels.join("\t"), figures.concat())
            } else {
                format!("{line}\n")
            }
        })
        .collect();
    assert_ne!(joined, text);
    let read = read_published_text(&joined).unwrap();
    let (_, report) = browser_text();
    for (key, value) in report.figures.iter() {
        if !read.doubtful.iter().any(|d| d == key) {
            assert_eq!(
                read.report.figures.get(key),
                Some(value),
                "{key} read wrong"
            );
        }
    }
    assert!(read.doubtful.iter().all(|k| k.starts_with("applications.")));
    assert!(!read.doubtful.is_empty());
    assert!(
        read.notes.iter().any(|n| n.contains("连在一起")),
        "{:?}",
        read.notes
    );
}

/// The sample's web page with cells emptied, as some units publish a zero.
fn with_blank_cells(report: &Report, keys: &[&str]) -> String {
    let mut page = write_html(report);
    for key in keys {
        let printed = report.printed_figure(key, ValueKind::Count);
        assert_eq!(printed, "0", "{key}");
    }
    // The figures are written in template order; blank the n-th “>0</td>” of each key.
    let template = nianbao_report::table_templates(report.edition);
    let order: Vec<String> = template
        .iter()
        .flat_map(|t| {
            let mut cells: Vec<_> = t.cells.iter().collect();
            cells.sort_by_key(|c| (c.row, c.col));
            cells
                .into_iter()
                .filter_map(|c| match &c.content {
                    nianbao_report::CellContent::Figure { key, .. } => Some(key.clone()),
                    _ => None,
                })
                .collect::<Vec<_>>()
        })
        .collect();
    let mut out = String::new();
    let mut rest = page.as_str();
    let mut figure = 0;
    while let Some(i) = rest.find("</td>") {
        let cell = &rest[..i];
        let is_figure = cell.rfind('>').is_some_and(|g| {
            let text = &cell[g + 1..];
            !text.is_empty()
                && text
                    .chars()
                    .all(|c| c.is_ascii_digit() || ".增减万元".contains(c))
        });
        if is_figure {
            if keys.contains(&order[figure].as_str()) {
                let g = cell.rfind('>').unwrap();
                out.push_str(&cell[..=g]);
                out.push_str("&nbsp;");
            } else {
                out.push_str(cell);
            }
            figure += 1;
        } else {
            out.push_str(cell);
        }
        out.push_str("</td>");
        rest = &rest[i + 5..];
    }
    out.push_str(rest);
    assert_eq!(figure, order.len());
    page = out;
    page
}

#[test]
fn blank_cells_are_zero_where_the_sums_agree_and_doubtful_where_not() {
    let sample = sample_report();
    let blanks = [
        "proactive.regulations.made",
        "applications.received.research",
        "applications.withheld.state_secret.total",
        "appeals.review.upheld",
    ];
    let read = read_published_html(&with_blank_cells(&sample, &blanks)).unwrap();
    assert_reads_as(&read, &sample);
    assert!(
        read.notes.iter().any(|n| n.contains("空白")),
        "{:?}",
        read.notes
    );

    // A blank where the figure is not 0 breaks the row's sum: the row is not guessed.
    let mut other = sample.clone();
    other
        .set_figure("applications.received.research", Value::Count(5))
        .unwrap();
    other
        .set_figure("applications.received.total", Value::Count(36))
        .unwrap();
    let page = write_html(&other).replacen(">5</td>", ">&nbsp;</td>", 1);
    let read = read_published_html(&page).unwrap();
    assert!(read
        .doubtful
        .iter()
        .any(|k| k == "applications.received.research"));
    assert_never_wrong_against(&read, &other);
}

fn assert_never_wrong_against(read: &Published, report: &Report) {
    for (key, value) in report.figures.iter() {
        if !read.doubtful.iter().any(|d| d == key) {
            assert_eq!(
                read.report.figures.get(key),
                Some(value),
                "{key} read wrong"
            );
        }
    }
}

#[test]
fn sources_that_are_not_a_report_say_why() {
    use nianbao_formats::published::PublishedError;
    assert_eq!(
        read_published_docx(b"PK\x03\x04 not really"),
        Err(PublishedError::NotDocx)
    );
    assert_eq!(
        read_published_text("随便一段文字。\n另一段。"),
        Err(PublishedError::NoSections)
    );
    let no_title = SEED.lines().skip(1).collect::<Vec<_>>().join("\n");
    assert_eq!(read_published_text(&no_title), Err(PublishedError::NoTitle));
    assert!(PublishedError::NotDocx.to_string().contains(".doc"));
}

#[test]
fn figures_written_with_spaces_signs_and_separators_read_as_published() {
    let text = SEED
        .replacen("\t　减3\n", "\t减 3\n", 1)
        .replacen("\t　39570\n", "\t39,570\n", 1)
        .replacen("\t15922.04万元\n", "\t１５９２２.０４ 万元\n", 1)
        .replacen("\t　增10\n", "\t增 10\n", 1);
    assert_eq!(text.matches("减 3").count(), 1);
    assert_eq!(text.matches("39,570").count(), 1);
    assert_eq!(text.matches("增 10").count(), 1);
    assert_eq!(text.matches("１５９２２.０４ 万元").count(), 1);
    assert_same(&read_published_text(&text).unwrap());
}

/// The Word file with its document part's text changed by `edit`.
fn edit_docx(bytes: &[u8], edit: impl Fn(&str) -> String) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let mut data = Vec::new();
        file.read_to_end(&mut data).unwrap();
        if file.name() == "word/document.xml" {
            data = edit(std::str::from_utf8(&data).unwrap()).into_bytes();
        }
        out.start_file(file.name(), zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

#[test]
fn a_word_table_with_a_blank_cell_reads_it_as_zero_where_the_sums_agree() {
    let sample = sample_report();
    // The first figure of table 二 (规章 本年新制作数量, 0) left blank.
    let first_zero = r#"<w:t xml:space="preserve">0</w:t>"#;
    let bytes = edit_docx(&write_docx(&sample).unwrap(), |xml| {
        assert!(xml.contains(first_zero));
        xml.replacen(first_zero, r#"<w:t xml:space="preserve"></w:t>"#, 1)
    });
    let read = read_published_docx(&bytes).unwrap();
    assert_reads_as(&read, &sample);
    assert!(
        read.notes
            .iter()
            .any(|n| n.contains("规章") && n.contains("空白")),
        "{:?}",
        read.notes
    );
}

/// A zip of one highly compressible entry unpacking past the limit (a zip bomb's shape).
fn zip_bomb(entry: &str) -> Vec<u8> {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    zip.start_file(entry, options).unwrap();
    let block = vec![b' '; 1024 * 1024];
    for _ in 0..=nianbao_formats::MAX_UNPACKED_BYTES / block.len() as u64 {
        zip.write_all(&block).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

#[test]
fn a_zip_bomb_is_refused_before_it_is_unpacked() {
    let docx = zip_bomb("word/document.xml");
    assert!(docx.len() < 1024 * 1024, "{} bytes", docx.len());
    let err = nianbao_formats::published::read_published_docx(&docx).unwrap_err();
    assert!(
        matches!(err, nianbao_formats::published::PublishedError::TooLarge),
        "{err}"
    );
    assert!(err.to_string().contains("解压后超过64 MB"), "{err}");
    let xlsx = zip_bomb("xl/workbook.xml");
    let err = nianbao_formats::xlsx::read_xlsx(&xlsx).unwrap_err();
    assert!(err.to_string().contains("解压后超过64 MB"), "{err}");
}

#[test]
fn a_row_of_more_digits_than_its_cells_can_hold_is_marked_not_searched() {
    // 200 digits where table 三's （一）予以公开 row has seven cells of at most nine digits:
    // no cut can hold them, so none is tried, and the row's cells are marked.
    let lines: Vec<&str> = SEED.split('\n').collect();
    let at = lines
        .iter()
        .position(|l| l.trim() == "（一）予以公开")
        .unwrap();
    let digits = format!("\t{}", "1234567890".repeat(20));
    let text = [&lines[..=at], &[digits.as_str()], &lines[at + 8..]]
        .concat()
        .join("\n");
    let read = read_published_text(&text).unwrap();
    assert_never_wrong(&read);
    for column in ["natural", "business", "total"] {
        let key = format!("applications.granted.{column}");
        assert!(read.doubtful.contains(&key), "{key}: {:?}", read.doubtful);
    }
}
