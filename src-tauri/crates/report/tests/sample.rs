//! The built-in sample reproduces the seed report word for word and figure for figure.
//! The published report is test data inside the repository: tests/fixtures/published/.

use nianbao_report::{sample_report, SectionKey};
use std::path::PathBuf;

fn seed(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../tests/fixtures/published")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("seed {}: {e}", path.display()))
}

fn strip_bookmarks(line: &str) -> String {
    let mut out = line.to_string();
    while let Some(start) = out.find("[bookmark: ") {
        let end = out[start..].find(']').map_or(out.len(), |i| start + i + 1);
        out.replace_range(start..end, "");
    }
    out
}

#[test]
fn prose_matches_the_seed_word_for_word() {
    let text = seed("shucheng-2020.txt");
    let lines: Vec<String> = text.lines().map(strip_bookmarks).collect();
    let r = sample_report();
    assert_eq!(lines[0], r.title);
    assert_eq!(lines[1], r.opening);
    let at = |heading: &str| {
        lines
            .iter()
            .position(|l| l == heading)
            .unwrap_or_else(|| panic!("{heading}"))
    };
    for (key, end) in [
        (SectionKey::Overview, Some(SectionKey::Proactive)),
        (SectionKey::Problems, Some(SectionKey::Other)),
        (SectionKey::Other, None),
    ] {
        let from = at(key.heading()) + 1;
        let to = end.map_or(lines.len(), |e| at(e.heading()));
        let seed_paragraphs: Vec<&String> = lines[from..to]
            .iter()
            .filter(|l| !l.trim().is_empty())
            .collect();
        let ours: Vec<String> = r
            .section(key)
            .paragraphs
            .iter()
            .map(|p| p.full_text())
            .collect();
        assert_eq!(ours.len(), seed_paragraphs.len(), "{key:?}");
        for (a, b) in ours.iter().zip(seed_paragraphs) {
            assert_eq!(a, b, "{key:?}");
        }
    }
    // The run-in headings of 一 are kept as headings.
    let headings: Vec<&str> = r
        .section(SectionKey::Overview)
        .paragraphs
        .iter()
        .filter_map(|p| p.heading.as_ref().map(|h| h.text.as_str()))
        .collect();
    assert_eq!(
        headings,
        [
            "（一）主动公开情况。",
            "（二）依申请公开情况。",
            "（三）政府信息管理。",
            "（四）平台建设情况。",
            "（五）政府信息公开监督保障。"
        ]
    );
}

#[test]
fn figures_match_the_seed_cell_for_cell() {
    let r = sample_report();
    let tsv = seed("shucheng-2020-figures.tsv");
    let mut cells = 0;
    for line in tsv.lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        match fields.as_slice() {
            ["meta", "unit", v] => assert_eq!(r.unit.name, *v),
            ["meta", "year", v] => assert_eq!(r.year.to_string(), *v),
            ["meta", "edition", v] => assert_eq!(r.edition.code(), *v),
            ["meta", "title", v] => assert_eq!(r.title, *v),
            ["cell", key, v] => {
                let value = r.figures.get(key).unwrap_or_else(|| panic!("{key}"));
                let expected = match v.strip_prefix('+') {
                    Some(n) => format!("增{n}"),
                    None => match v.strip_prefix('-') {
                        Some(n) => format!("减{n}"),
                        None => v.trim_end_matches("万元").to_string(),
                    },
                };
                assert_eq!(value.to_string(), expected, "{key}");
                cells += 1;
            }
            _ => {}
        }
    }
    assert_eq!(cells, r.figures.len());
}
