use super::*;
use crate::document::{Cell, HeadingLevel, Table};

fn fonts() -> FontSet {
    FontSet::bundled()
}

fn doc(blocks: Vec<Block>) -> Document {
    Document {
        title: "舒城县人民政府2020年政府信息公开工作年度报告".to_owned(),
        blocks,
        sign_off: None,
        properties: Default::default(),
    }
}

/// Lines of a page: runs grouped by baseline, top to bottom, text joined.
fn page_lines(page: &Page) -> Vec<(f32, String)> {
    let mut lines: Vec<(f32, String)> = Vec::new();
    let mut runs: Vec<&TextRun> = page.runs.iter().collect();
    runs.sort_by(|a, b| {
        a.baseline_mm
            .total_cmp(&b.baseline_mm)
            .then(a.x_mm.total_cmp(&b.x_mm))
    });
    for run in runs {
        match lines.last_mut() {
            Some((y, text)) if (*y - run.baseline_mm).abs() < 0.01 => text.push_str(&run.text),
            _ => lines.push((run.baseline_mm, run.text.clone())),
        }
    }
    lines
}

fn number_table(rows: usize) -> Table {
    let mut cells = vec![
        Cell::new(0, 0, "项目").span(2, 1),
        Cell::new(0, 1, "申请人情况").span(1, 2),
        Cell::new(1, 1, "自然人"),
        Cell::new(1, 2, "法人或其他组织"),
        Cell::new(2, 0, "三、本年度办理结果").span(rows, 1).left(),
    ];
    for r in 0..rows {
        cells.push(Cell::new(2 + r, 1, (r * 7).to_string()));
        cells.push(Cell::new(2 + r, 2, (1000 + r).to_string()));
    }
    Table {
        columns_mm: vec![60.0, 48.0, 48.0],
        header_rows: 2,
        keep_with_next: Vec::new(),
        font_size_pt: 12.0,
        role: FaceRole::Fang,
        cells,
        origin: "表三".to_owned(),
    }
}

#[test]
fn title_is_centred_on_two_balanced_lines_followed_by_a_blank_line() {
    let layout = layout(
        &doc(vec![Block::Paragraph(Paragraph::body("正文"))]),
        &fonts(),
        LayoutOptions::default(),
    )
    .unwrap();
    let lines = page_lines(&layout.pages[0]);
    assert_eq!(lines[0].1, "舒城县人民政府2020年政府");
    assert_eq!(lines[1].1, "信息公开工作年度报告");
    // The body starts on the fourth grid line: two title lines and a blank one.
    let body_top = AREA_TOP_MM + 3.0 * LINE_PITCH_MM;
    assert!(lines[2].0 > body_top && lines[2].0 < body_top + LINE_PITCH_MM);
    for run in layout.pages[0]
        .runs
        .iter()
        .filter(|r| r.size_pt == TITLE_PT)
    {
        assert!(run.x_mm >= AREA_LEFT_MM);
    }
}

#[test]
fn a_title_of_three_lines_comes_out_even_with_no_orphan() {
    let mut d = doc(vec![Block::Paragraph(Paragraph::body("正文"))]);
    d.title =
        "安徽省六安市舒城县城关镇人民政府（城关镇便民服务中心）2023年政府信息公开工作年度报告"
            .to_owned();
    let layout = layout(&d, &fonts(), LayoutOptions::default()).unwrap();
    let title: Vec<String> = page_lines(&layout.pages[0])
        .into_iter()
        .take(3)
        .map(|(_, t)| t)
        .collect();
    assert_eq!(title.concat(), d.title);
    // Width in ems: an ASCII digit is half a CJK character.
    let ems = |t: &String| -> usize {
        t.chars()
            .map(|c| if c.is_ascii() { 1 } else { 2 })
            .sum::<usize>()
            / 2
    };
    let counts: Vec<usize> = title.iter().map(ems).collect();
    let (min, max) = (counts.iter().min().unwrap(), counts.iter().max().unwrap());
    assert!(max - min <= 3, "uneven title lines: {title:?}");
    assert!(
        counts[0] >= counts[2],
        "upper line shorter than lower: {title:?}"
    );
}

#[test]
fn body_text_keeps_the_grid_of_22_lines_per_page() {
    let text = "政".repeat(26 + 28 * 40);
    let layout = layout(
        &doc(vec![Block::Paragraph(Paragraph::body(text))]),
        &fonts(),
        LayoutOptions::default(),
    )
    .unwrap();
    let second = page_lines(&layout.pages[1]);
    let body: Vec<_> = second
        .iter()
        .filter(|(y, _)| *y < AREA_TOP_MM + AREA_HEIGHT_MM)
        .collect();
    assert_eq!(body.len(), LINES_PER_PAGE);
    for (i, (y, text)) in body.iter().enumerate() {
        assert_eq!(text.chars().count(), CHARS_PER_LINE);
        let top = AREA_TOP_MM + i as f32 * LINE_PITCH_MM;
        assert!(*y > top && *y < top + LINE_PITCH_MM);
    }
}

#[test]
fn a_run_in_heading_shares_its_line_with_the_body_in_another_face() {
    let p = Paragraph::run_in(
        HeadingLevel::Second,
        "（一）主动公开情况。",
        "2020年度我县强化主动公开力度。",
    );
    let fonts = fonts();
    let layout = layout(
        &doc(vec![Block::Paragraph(p)]),
        &fonts,
        LayoutOptions::default(),
    )
    .unwrap();
    let runs: Vec<&TextRun> = layout.pages[0]
        .runs
        .iter()
        .filter(|r| r.size_pt == BODY_PT)
        .collect();
    assert!(runs.iter().all(|r| r.baseline_mm == runs[0].baseline_mm));
    assert_eq!(runs[0].face, fonts.role(FaceRole::Kai));
    assert!((runs[0].x_mm - AREA_LEFT_MM - 2.0 * CHAR_PITCH_MM).abs() < 0.01);
    assert!(runs.iter().any(|r| r.face == fonts.role(FaceRole::Fang)));
}

#[test]
fn page_numbers_sit_7mm_below_the_type_area_odd_right_even_left() {
    let text = "政".repeat(28 * 30);
    let layout = layout(
        &doc(vec![Block::Paragraph(Paragraph::body(text))]),
        &fonts(),
        LayoutOptions::default(),
    )
    .unwrap();
    assert_eq!(layout.pages.len(), 2);
    let em = PAGE_NUMBER_PT * 25.4 / 72.0;
    for page in &layout.pages {
        let runs: Vec<&TextRun> = page
            .runs
            .iter()
            .filter(|r| r.size_pt == PAGE_NUMBER_PT)
            .collect();
        let text: String = runs.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(text, format!("— {} —", page.number));
        let top = runs[0].baseline_mm - 0.88 * em;
        assert!((top - (AREA_TOP_MM + AREA_HEIGHT_MM + PAGE_NUMBER_GAP_MM)).abs() < 0.01);
        if page.number % 2 == 0 {
            assert!((runs[0].x_mm - (AREA_LEFT_MM + em)).abs() < 0.01);
        } else {
            assert!(runs[0].x_mm > AREA_LEFT_MM + AREA_WIDTH_MM / 2.0);
        }
    }
}

#[test]
fn a_draft_is_marked_on_every_page_and_a_final_copy_is_not() {
    let text = "政".repeat(28 * 30);
    let d = doc(vec![Block::Paragraph(Paragraph::body(text))]);
    let draft = layout(&d, &fonts(), LayoutOptions { draft: true }).unwrap();
    for page in &draft.pages {
        assert!(page
            .runs
            .iter()
            .any(|r| r.text == "草稿" && r.ink == Ink::Red));
        assert_eq!(page.frames.len(), 1);
    }
    let fin = layout(&d, &fonts(), LayoutOptions::default()).unwrap();
    assert!(fin
        .pages
        .iter()
        .all(|p| p.frames.is_empty() && p.runs.iter().all(|r| r.ink == Ink::Black)));
}

#[test]
fn the_sign_off_is_right_aligned_two_characters_in() {
    let mut d = doc(vec![Block::Paragraph(Paragraph::body("正文。"))]);
    d.sign_off = Some(SignOff {
        issuer: "舒城县人民政府办公室".to_owned(),
        date: "2021年1月20日".to_owned(),
        sealed: false,
    });
    let fonts = fonts();
    let layout = layout(&d, &fonts, LayoutOptions::default()).unwrap();
    let lines = page_lines(&layout.pages[0]);
    let n = lines.len();
    assert_eq!(lines[n - 3].1, "舒城县人民政府办公室");
    assert_eq!(lines[n - 2].1, "2021年1月20日");
    let issuer_last = layout.pages[0]
        .runs
        .iter()
        .rfind(|r| r.text.ends_with('室'))
        .unwrap();
    let right = issuer_last.x_mm + CHAR_PITCH_MM;
    assert!((right - (AREA_LEFT_MM + AREA_WIDTH_MM - 2.0 * CHAR_PITCH_MM)).abs() < 0.01);
}

#[test]
fn a_table_crossing_a_page_repeats_its_header_and_redraws_the_spanning_label() {
    let filler = "政".repeat(26 + 28 * 15);
    let d = doc(vec![
        Block::Paragraph(Paragraph::body(filler)),
        Block::Table(number_table(30)),
    ]);
    let layout = layout(&d, &fonts(), LayoutOptions::default()).unwrap();
    assert!(layout.pages.len() >= 2);
    let mut numbers_seen = Vec::new();
    for page in &layout.pages[..2] {
        let lines = page_lines(page);
        let texts: Vec<&str> = lines.iter().map(|(_, t)| t.as_str()).collect();
        assert!(
            texts.iter().any(|t| t.contains("申请人情况")),
            "header on page {}",
            page.number
        );
        assert!(
            texts.iter().any(|t| t.contains("三、本年度办理结果")),
            "label on page {}",
            page.number
        );
        // Everything stays inside the type area.
        for rule in &page.rules {
            assert!(
                rule.from_mm.1 >= AREA_TOP_MM - 0.01
                    && rule.to_mm.1 <= AREA_TOP_MM + AREA_HEIGHT_MM + 0.01
            );
        }
        for run in page.runs.iter().filter(|r| r.size_pt == 12.0) {
            if let Ok(n) = run.text.parse::<usize>() {
                numbers_seen.push(n);
            }
        }
    }
    // Every row printed exactly once: none lost, none split over two pages.
    let mut expected: Vec<usize> = (0..30).flat_map(|r| [r * 7, 1000 + r]).collect();
    expected.sort();
    let mut seen = numbers_seen.clone();
    seen.sort();
    assert_eq!(seen, expected);
}

#[test]
fn no_table_row_is_split_across_pages() {
    let filler = "政".repeat(26 + 28 * 15);
    let d = doc(vec![
        Block::Paragraph(Paragraph::body(filler)),
        Block::Table(number_table(30)),
    ]);
    let layout = layout(&d, &fonts(), LayoutOptions::default()).unwrap();
    for page in &layout.pages {
        // Each number's run is vertically inside the rules of its page.
        let ys: Vec<f32> = page
            .rules
            .iter()
            .flat_map(|r| [r.from_mm.1, r.to_mm.1])
            .collect();
        let (Some(top), Some(bottom)) = (
            ys.iter().copied().reduce(f32::min),
            ys.iter().copied().reduce(f32::max),
        ) else {
            continue;
        };
        for run in page.runs.iter().filter(|r| r.size_pt == 12.0) {
            assert!(run.baseline_mm > top && run.baseline_mm < bottom, "{run:?}");
        }
    }
}

#[test]
fn a_row_kept_with_the_next_never_ends_a_page() {
    let filler = "政".repeat(26 + 28 * 15);
    let numbers_on_first_page = |t: Table| {
        let d = doc(vec![
            Block::Paragraph(Paragraph::body(filler.clone())),
            Block::Table(t),
        ]);
        let layout = layout(&d, &fonts(), LayoutOptions::default()).unwrap();
        layout.pages[0]
            .runs
            .iter()
            .filter_map(|r| r.text.parse::<usize>().ok())
            .filter(|&n| n >= 1000)
            .max()
            .unwrap()
    };
    let last_row = numbers_on_first_page(number_table(30)) - 1000 + 2;
    let mut kept = number_table(30);
    kept.keep_with_next = vec![last_row];
    assert_eq!(numbers_on_first_page(kept) - 1000 + 2, last_row - 1);
}

#[test]
fn zeros_are_printed() {
    let d = doc(vec![Block::Table(number_table(3))]);
    let layout = layout(&d, &fonts(), LayoutOptions::default()).unwrap();
    let zeros = layout.pages[0]
        .runs
        .iter()
        .filter(|r| r.text == "0")
        .count();
    assert_eq!(zeros, 1, "the first row's 0 × 7");
}

#[test]
fn header_text_wraps_inside_its_cell() {
    let mut t = number_table(2);
    t.cells[3].text = "法人或其他组织（商业企业、科研机构、社会公益组织）".to_owned();
    let d = doc(vec![Block::Table(t)]);
    let layout = layout(&d, &fonts(), LayoutOptions::default()).unwrap();
    let right_edge = AREA_LEFT_MM + AREA_WIDTH_MM;
    let header: Vec<&TextRun> = layout.pages[0]
        .runs
        .iter()
        .filter(|r| r.text.contains('法') || r.text.contains('）'))
        .collect();
    let baselines: BTreeSet<i64> = header
        .iter()
        .map(|r| (r.baseline_mm * 100.0) as i64)
        .collect();
    assert!(baselines.len() >= 2, "wrapped onto several lines");
    for run in header {
        assert!(run.x_mm < right_edge);
    }
}

#[test]
fn a_table_wider_than_the_type_area_is_an_error() {
    let mut t = number_table(2);
    t.columns_mm = vec![80.0, 60.0, 60.0];
    let err = layout(
        &doc(vec![Block::Table(t)]),
        &fonts(),
        LayoutOptions::default(),
    )
    .unwrap_err();
    assert!(matches!(err, LayoutError::TableTooWide { .. }));
}

#[test]
fn missing_characters_are_reported_with_their_paragraph() {
    let p = Paragraph::body("政\u{10000}府").with_origin("一、总体情况 第2段");
    let layout = layout(
        &doc(vec![Block::Paragraph(p)]),
        &fonts(),
        LayoutOptions::default(),
    )
    .unwrap();
    assert_eq!(
        layout.missing,
        vec![MissingGlyph {
            ch: '\u{10000}',
            origin: "一、总体情况 第2段".to_owned()
        }]
    );
}

#[test]
fn layout_is_deterministic() {
    let d = doc(vec![
        Block::Paragraph(Paragraph::body("政府信息公开。".repeat(50))),
        Block::Table(number_table(5)),
    ]);
    let a = layout(&d, &fonts(), LayoutOptions::default()).unwrap();
    let b = layout(&d, &fonts(), LayoutOptions::default()).unwrap();
    assert_eq!(a, b);
}

use std::collections::BTreeSet;

#[test]
fn a_heading_straight_above_a_table_goes_to_the_page_the_table_starts_on() {
    // The title's three lines and 17 of body leave two lines: room for the heading and one
    // more line, not for the table's two header rows and first row.
    let filler = "政".repeat(26 + 28 * 16);
    let d = doc(vec![
        Block::Paragraph(Paragraph::body(filler)),
        Block::Paragraph(Paragraph::heading(HeadingLevel::First, "四、行政复议情况")),
        Block::Table(number_table(3)),
    ]);
    let layout = layout(&d, &fonts(), LayoutOptions::default()).unwrap();
    let page_of = |text: &str| {
        layout
            .pages
            .iter()
            .position(|p| page_lines(p).iter().any(|(_, l)| l.contains(text)))
            .unwrap_or_else(|| panic!("{text} on no page"))
    };
    assert_eq!(page_of("1000"), 1, "the table starts on the second page");
    assert_eq!(
        page_of("四、行政复议情况"),
        1,
        "and its heading goes with it"
    );
    let first = page_lines(&layout.pages[0]);
    let body_end = &first[first.len() - 2].1; // the last line is the page number
    assert!(body_end.starts_with('政'), "{first:?}");
}

#[test]
fn a_summary_s_title_breaks_between_words_not_inside_信息() {
    let mut d = doc(vec![Block::Paragraph(Paragraph::body("正文"))]);
    d.title = "舒城县人民政府2020年政府信息公开工作年度报告汇总表".to_owned();
    let layout = layout(&d, &fonts(), LayoutOptions::default()).unwrap();
    let lines = page_lines(&layout.pages[0]);
    assert_eq!(lines[0].1, "舒城县人民政府2020年政府");
    assert_eq!(lines[1].1, "信息公开工作年度报告汇总表");
}
