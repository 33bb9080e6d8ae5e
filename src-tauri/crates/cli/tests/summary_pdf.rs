//! `nianbao-cli aggregate --out <file>.pdf` writes the printable 汇总表 (the same workflow
//! function the app's 导出汇总表 uses), read back with pdftotext.

use std::path::Path;
use std::process::{Command, Output};

fn cli(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nianbao-cli"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

fn ok(o: Output) -> String {
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(o.status.success(), "{text}");
    text
}

#[test]
fn the_summary_pdf_names_the_units_summed_and_missing() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    ok(cli(&["sample", "--out", "s.json"], dir));
    ok(cli(&["import", "--db", "n.db", "s.json"], dir));
    let county = "舒城县人民政府";
    ok(cli(
        &[
            "units",
            "add",
            "--db",
            "n.db",
            "--name",
            "城关镇人民政府",
            "--kind",
            "township",
            "--parent",
            county,
        ],
        dir,
    ));
    let out = ok(cli(
        &[
            "aggregate",
            "--db",
            "n.db",
            "--parent",
            county,
            "--year",
            "2020",
            "--out",
            "sum.pdf",
        ],
        dir,
    ));
    assert!(out.contains("已汇总1个单位"), "{out}");
    let pdf = dir.join("sum.pdf");
    let text = Command::new("pdftotext")
        .args(["-enc", "UTF-8", pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils)");
    let flat: String = String::from_utf8(text.stdout)
        .unwrap()
        .split_whitespace()
        .collect();
    for expected in [
        "舒城县人民政府2020年政府信息公开工作年度报告汇总表",
        "（一）计入汇总的单位（1个）：舒城县人民政府。",
        "（二）尚未报送的单位（1个）：城关镇人民政府。",
    ] {
        assert!(flat.contains(expected), "{expected} not in {flat}");
    }
}
