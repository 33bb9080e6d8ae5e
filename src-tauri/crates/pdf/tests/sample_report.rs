//! The built-in sample (舒城县人民政府 2020, 2019 edition) printed and read
//! back with poppler-utils: every label, figure and paragraph comes back, in
//! reading order, inside the type area; fonts are embedded subsets; the file
//! is small and the same on every render.

mod common;

use std::path::{Path, PathBuf};

use nianbao_pdf::{render_report, FontSet, ReportOptions};
use nianbao_report::edition::{self, APPEAL_COLUMNS, APPEAL_GROUPS, APPLICATION_COLUMNS};
use nianbao_report::{sample_report, Edition, Report, SectionKey};

fn write(name: &str, report: &Report) -> (PathBuf, Vec<u8>) {
    let bytes = render_report(report, &FontSet::bundled(), ReportOptions::default()).unwrap();
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("sample");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, &bytes).unwrap();
    (path, bytes)
}

/// The text without white space and without the page numbers (“— n —”),
/// which sit between the pieces of a paragraph that crosses a page.
fn squeezed_text(path: &Path) -> String {
    common::run("pdftotext", &["-enc", "UTF-8", path.to_str().unwrap(), "-"])
        .lines()
        .filter(|l| !(l.starts_with('—') && l.ends_with('—')))
        .flat_map(|l| l.chars().filter(|c| !c.is_whitespace()))
        .collect()
}

/// Every table label of the report's edition.
fn labels(edition: Edition) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for block in edition::proactive_blocks(edition) {
        out.push(block.item.into());
        out.extend(block.columns.iter().map(|c| c.label.to_string()));
        out.extend(block.rows.iter().map(|r| r.label.to_string()));
    }
    out.extend(APPLICATION_COLUMNS.iter().map(|c| c.label.to_string()));
    for r in edition::application_rows(edition) {
        out.push(r.label.into());
    }
    out.extend(APPEAL_GROUPS.iter().map(|g| g.label.to_string()));
    out.extend(APPEAL_COLUMNS.iter().map(|c| c.label.to_string()));
    out
}

#[test]
fn the_sample_prints_every_paragraph_exactly_in_reading_order() {
    let report = sample_report();
    let (path, bytes) = write("sample.pdf", &report);
    let text = squeezed_text(&path);
    let mut expected = vec![report.title.clone(), report.opening.clone()];
    for key in SectionKey::ALL {
        expected.push(key.heading().to_owned());
        expected.extend(report.section(key).paragraphs.iter().map(|p| p.full_text()));
    }
    let mut from = 0;
    for want in expected {
        let want: String = want.chars().filter(|c| !c.is_whitespace()).collect();
        let at = text[from..]
            .find(&want)
            .unwrap_or_else(|| panic!("missing or out of order: {want}"));
        from += at + want.len();
    }
    assert!(bytes.len() < 450 * 1024, "{} bytes", bytes.len());
}

#[test]
fn the_sample_prints_every_label_and_figure() {
    let report = sample_report();
    let (path, _) = write("sample-labels.pdf", &report);
    let text = squeezed_text(&path);
    for label in labels(Edition::E2019) {
        let label: String = label.chars().filter(|c| !c.is_whitespace()).collect();
        // Labels wrap inside narrow cells; each wrapped piece is on its own
        // line, so look for the label's characters in order within a window.
        assert!(contains_in_order(&text, &label), "label {label}");
    }
    let words: Vec<String> =
        common::run("pdftotext", &["-enc", "UTF-8", path.to_str().unwrap(), "-"])
            .split_whitespace()
            .map(str::to_owned)
            .collect();
    for (_, value) in report.figures.iter() {
        let shown = value.to_string();
        assert!(
            words.iter().any(|w| w.starts_with(&shown)),
            "figure {shown}"
        );
    }
    for fig in [
        "39570",
        "减3",
        "增10",
        "348782",
        "15922.04万元",
        "29",
        "31",
        "32",
    ] {
        assert!(words.iter().any(|w| w == fig), "{fig}");
    }
}

fn contains_in_order(text: &str, label: &str) -> bool {
    if text.contains(label) {
        return true;
    }
    let chars: Vec<char> = label.chars().collect();
    text.match_indices(chars[0]).any(|(at, _)| {
        let window: String = text[at..].chars().take(chars.len() * 8).collect();
        let mut rest = window.chars();
        chars.iter().all(|c| rest.any(|w| w == *c))
    })
}

#[test]
fn a_2021_report_prints_its_own_labels() {
    let mut report = sample_report();
    report.change_edition(Edition::E2021);
    let (path, _) = write("sample-2021.pdf", &report);
    let text = squeezed_text(&path);
    for label in [
        "本年制发件数",
        "行政规范性文件",
        "本年收费金额（单位：万元）",
        "3.其他",
    ] {
        assert!(contains_in_order(&text, label), "{label}");
    }
    assert!(!text.contains("其他对外管理服务事项"));
}

#[test]
fn the_sample_is_embedded_subset_inside_the_type_area_and_deterministic() {
    let report = sample_report();
    let (path, first) = write("sample-check.pdf", &report);
    let (_, second) = write("sample-check-2.pdf", &report);
    assert!(first == second, "two renders differ");

    common::assert_fonts_embedded_subset(&path);
    let info = common::run("pdfinfo", &[path.to_str().unwrap()]);
    assert!(info.contains("A4"), "{info}");

    // The sample has about 500 words in pdftotext's sense (a CJK line is one word); all are checked.
    assert!(common::assert_words_inside_type_area(&path) > 400);
}

#[test]
fn the_document_properties_name_the_report_and_date_it_by_its_sign_off() {
    let mut report = sample_report();
    report.sign_off = None;
    let (path, first) = write("properties-unsigned.pdf", &report);
    let info = common::run("pdfinfo", &[path.to_str().unwrap()]);
    assert!(
        info.contains(&format!("Title:           {}", report.title)),
        "{info}"
    );
    assert!(info.contains("Author:          舒城县人民政府"), "{info}");
    assert!(
        info.contains("Subject:         政府信息公开工作年度报告"),
        "{info}"
    );
    assert!(
        info.contains("Keywords:        政府信息公开，年度报告，2020年"),
        "{info}"
    );
    assert!(
        !info.contains("CreationDate") && !info.contains("ModDate"),
        "{info}"
    );
    assert!(!info.contains("1970"), "{info}");
    assert_eq!(first, write("properties-unsigned-2.pdf", &report).1);

    report.sign_off = Some(nianbao_report::SignOff {
        name: "舒城县人民政府办公室".into(),
        date: nianbao_report::Date::new(2021, 1, 20).unwrap(),
    });
    let (path, signed) = write("properties-signed.pdf", &report);
    let info = common::run("pdfinfo", &["-isodates", path.to_str().unwrap()]);
    assert!(
        info.contains("CreationDate:    2021-01-20T00:00:00"),
        "{info}"
    );
    assert!(!info.contains("ModDate"), "{info}");
    assert_eq!(signed, write("properties-signed-2.pdf", &report).1);
}
