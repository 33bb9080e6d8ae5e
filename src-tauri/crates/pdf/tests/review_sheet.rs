//! The 审签单: printed on top of the report or alone, its labels readable
//! (pdftotext), and the report's own pages the same with or without it —
//! same text and, rendered by pdftoppm, the same pixels.

mod common;

use std::path::{Path, PathBuf};

use nianbao_pdf::{render_report, FontSet, ReportOptions, ReviewSheet, REVIEW_SHEET_TITLE};
use nianbao_report::sample_report;

fn out_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("review-sheet");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn render(name: &str, review_sheet: ReviewSheet) -> PathBuf {
    let options = ReportOptions {
        review_sheet,
        ..ReportOptions::default()
    };
    let bytes = render_report(&sample_report(), &FontSet::bundled(), options).unwrap();
    let path = out_dir().join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn pages(path: &Path) -> Vec<String> {
    let text = common::run("pdftotext", &["-enc", "UTF-8", path.to_str().unwrap(), "-"]);
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_owned).collect();
    pages.pop();
    pages
}

/// Page `page` (from 1) as a greyscale image.
fn pixels(path: &Path, page: usize) -> Vec<u8> {
    let root = out_dir().join(format!(
        "{}-{page}",
        path.file_stem().unwrap().to_str().unwrap()
    ));
    let n = page.to_string();
    common::run(
        "pdftoppm",
        &[
            "-r",
            "50",
            "-gray",
            "-singlefile",
            "-f",
            &n,
            "-l",
            &n,
            path.to_str().unwrap(),
            root.to_str().unwrap(),
        ],
    );
    std::fs::read(root.with_extension("pgm")).unwrap()
}

const LABELS: [&str; 9] = [
    "报送单位",
    "报告标题",
    "页数",
    "拟稿",
    "审核",
    "签发",
    "保密审查",
    "审查意见",
    "审查人",
];

#[test]
fn the_sheet_comes_first_and_the_report_pages_are_unchanged() {
    let without = render("without.pdf", ReviewSheet::Omitted);
    let with = render("with.pdf", ReviewSheet::WithReport);
    let plain = pages(&without);
    let sheeted = pages(&with);
    assert_eq!(sheeted.len(), plain.len() + 1);

    let sheet = &sheeted[0];
    assert!(sheet.contains(REVIEW_SHEET_TITLE), "{sheet}");
    for label in LABELS {
        assert!(sheet.contains(label), "{label}: {sheet}");
    }
    let report = sample_report();
    let squeezed: String = sheet.chars().filter(|c| !c.is_whitespace()).collect();
    assert!(squeezed.contains(&report.unit.name));
    assert!(squeezed.contains(&report.title));
    assert!(
        squeezed.contains(&format!("共{}页", plain.len())),
        "{sheet}"
    );
    assert!(!plain.iter().any(|p| p.contains("审签单")));

    assert_eq!(&sheeted[1..], &plain[..], "the report's text moved");
    for page in [1, 7, plain.len()] {
        assert!(
            pixels(&without, page) == pixels(&with, page + 1),
            "page {page} looks different with the sheet"
        );
    }
}

#[test]
fn the_sheet_alone_is_one_page_without_a_page_number() {
    let alone = render("alone.pdf", ReviewSheet::Alone);
    let text = pages(&alone);
    assert_eq!(text.len(), 1);
    for label in LABELS {
        assert!(text[0].contains(label), "{label}");
    }
    assert!(!text[0].contains("一、总体情况"));
    assert!(!text[0].contains('—'), "no page number: {}", text[0]);
    assert!(common::assert_fonts_embedded_subset(&alone) >= 3);
    assert!(common::assert_words_inside_type_area(&alone) > 10);
    let info = common::run("pdfinfo", &[alone.to_str().unwrap()]);
    assert!(info.contains("审签单"), "{info}");
}
