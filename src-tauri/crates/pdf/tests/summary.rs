//! A county's 汇总表 as a real PDF read back with poppler: titled as a 汇总表, the three tables
//! with the summed figures, then the units summed and those not summed; fonts embedded.

mod common;

use std::path::Path;

use nianbao_pdf::{render_summary, FontSet, UnitList};
use nianbao_report::sample_report;

#[test]
fn the_summary_pdf_has_the_title_the_tables_and_the_units_listed() {
    let mut report = sample_report();
    report.unit.name = "舒城县人民政府（汇总）".into();
    report.title = "舒城县人民政府2020年政府信息公开工作年度报告汇总表".into();
    let lists = [
        UnitList {
            heading: "计入汇总的单位".into(),
            units: vec!["舒城县人民政府".into(), "城关镇人民政府".into()],
        },
        UnitList {
            heading: "尚未报送的单位".into(),
            units: vec!["干汊河镇人民政府".into()],
        },
    ];
    let bytes = render_summary(&report, &lists, &FontSet::bundled(), false).unwrap();
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("summary");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("汇总表.pdf");
    std::fs::write(&path, bytes).unwrap();
    let text = common::run("pdftotext", &["-enc", "UTF-8", path.to_str().unwrap(), "-"]);
    let flat: String = text.split_whitespace().collect();
    for expected in [
        "舒城县人民政府2020年政府信息公开工作年度报告汇总表",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "15922.04万元",
        "附：汇总范围",
        "（一）计入汇总的单位（2个）：舒城县人民政府、城关镇人民政府。",
        "（二）尚未报送的单位（1个）：干汊河镇人民政府。",
    ] {
        assert!(flat.contains(expected), "{expected} not in:\n{text}");
    }
    // The units come after the last table.
    assert!(flat.find("附：汇总范围").unwrap() > flat.find("四、政府信息公开行政复议").unwrap());
    assert!(!flat.contains("草稿"));
    assert!(common::assert_fonts_embedded_subset(&path) >= 2);
    assert!(common::assert_words_inside_type_area(&path) > 100);
    let info = common::run("pdfinfo", &[path.to_str().unwrap()]);
    assert!(info.contains("汇总表"), "{info}");
}
