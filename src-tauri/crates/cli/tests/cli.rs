//! The CLI as a user runs it: a real binary, real files, a real store on disk.

use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn cli(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nianbao-cli"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn sample(dir: &Path) -> (PathBuf, Value) {
    let o = cli(&["sample", "--out", "s.json"], dir);
    assert!(o.status.success(), "{}", text(&o));
    let path = dir.join("s.json");
    let v = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    (path, v)
}

fn write(dir: &Path, name: &str, v: &Value) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, serde_json::to_string_pretty(v).unwrap()).unwrap();
    p
}

#[test]
fn the_sample_checks_clean() {
    let d = tempfile::tempdir().unwrap();
    sample(d.path());
    let o = cli(&["check", "s.json"], d.path());
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(text(&o).contains("检查通过"));
    let o = cli(&["check", "s.json", "--json"], d.path());
    let findings: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(findings
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["severity"] == "warning"));
}

#[test]
fn a_changed_figure_is_named_with_both_values() {
    let d = tempfile::tempdir().unwrap();
    let (_, mut v) = sample(d.path());
    v["figures"]["applications.received.natural"] = json!(30);
    write(d.path(), "bad.json", &v);
    let o = cli(&["check", "bad.json"], d.path());
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let out = text(&o);
    assert!(
        out.contains("规则1：表三“自然人”列：第一项加第二项之和为31，第三项总计加第四项之和为30"),
        "{out}"
    );
    assert!(
        out.contains("规则2：表三“一、本年新收政府信息公开申请数量”行"),
        "{out}"
    );
    assert!(out.contains("之和为32，“总计”栏填的是31"), "{out}");

    let o = cli(&["check", "bad.json", "--json"], d.path());
    let findings: Value = serde_json::from_slice(&o.stdout).unwrap();
    let rule1 = findings
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == 1)
        .unwrap();
    assert_eq!(rule1["column"], "natural");
    assert_eq!(
        (rule1["expected"].as_str(), rule1["found"].as_str()),
        (Some("31"), Some("30"))
    );
    let rule2 = findings
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == 2)
        .unwrap();
    assert_eq!(rule2["row"], "received");

    let (_, mut v) = sample(d.path());
    v["figures"]["appeals.review.upheld"] = json!(2);
    write(d.path(), "bad4.json", &v);
    let o = cli(&["check", "bad4.json"], d.path());
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o).contains(
            "规则4：表四“行政复议”：结果维持、结果纠正、其他结果、尚未审结之和为2，“总计”栏填的是0"
        ),
        "{}",
        text(&o)
    );
}

#[test]
fn import_then_export_gives_back_the_same_report() {
    let d = tempfile::tempdir().unwrap();
    let (path, _) = sample(d.path());
    let o = cli(&["import", "s.json", "--db", "n.db"], d.path());
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("新增：舒城县人民政府 2020年"));
    let o = cli(
        &[
            "export",
            "--db",
            "n.db",
            "--unit",
            "舒城县人民政府",
            "--year",
            "2020",
            "--out",
            "e.json",
        ],
        d.path(),
    );
    assert!(o.status.success(), "{}", text(&o));
    assert_eq!(
        std::fs::read(d.path().join("e.json")).unwrap(),
        std::fs::read(&path).unwrap()
    );

    let db = d.path().join("n.db");
    let before = std::fs::read(&db).unwrap();
    let o = cli(&["import", "s.json", "--db", "n.db"], d.path());
    assert!(text(&o).contains("无变化"), "{}", text(&o));
    assert_eq!(
        std::fs::read(&db).unwrap(),
        before,
        "a second import changes nothing"
    );

    let o = cli(&["list", "--db", "n.db"], d.path());
    assert!(
        text(&o).contains("舒城县人民政府\t2020年\t2019年版"),
        "{}",
        text(&o)
    );
    let o = cli(
        &[
            "export",
            "--db",
            "n.db",
            "--unit",
            "无此单位",
            "--year",
            "2020",
            "--out",
            "x.json",
        ],
        d.path(),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains("没有“无此单位”2020年的报告"));
}

#[test]
fn every_bad_input_is_refused_by_key_and_the_store_is_untouched() {
    let d = tempfile::tempdir().unwrap();
    let (_, good) = sample(d.path());
    assert!(cli(&["import", "s.json", "--db", "n.db"], d.path())
        .status
        .success());
    let db = d.path().join("n.db");
    let before = std::fs::read(&db).unwrap();

    let with = |key: &str, value: Value| {
        let mut v = good.clone();
        v["figures"][key] = value;
        v
    };
    let mut missing = good.clone();
    missing["figures"]
        .as_object_mut()
        .unwrap()
        .remove("appeals.review.total");
    let mut version = good.clone();
    version["format"] = json!("nianbao-report/9");
    let cases: Vec<(&str, Value, &str)> = vec![
        ("unknown format version", version, "nianbao-report/9"),
        ("missing key", missing, "appeals.review.total"),
        (
            "unknown key",
            with("applications.received.robots", json!(1)),
            "applications.received.robots",
        ),
        (
            "negative count",
            with("applications.granted.natural", json!(-1)),
            "applications.granted.natural",
        ),
        (
            "fraction",
            with("applications.granted.natural", json!(2.5)),
            "applications.granted.natural",
        ),
        (
            "too large",
            with("applications.granted.natural", json!(12_345_678_901u64)),
            "applications.granted.natural",
        ),
        (
            "text",
            with("applications.granted.natural", json!("十四")),
            "applications.granted.natural",
        ),
    ];
    for (what, v, key) in cases {
        write(d.path(), "bad.json", &v);
        for args in [
            vec!["import", "s.json", "bad.json", "--db", "n.db"],
            vec!["check", "bad.json"],
        ] {
            let o = cli(&args, d.path());
            assert_eq!(o.status.code(), Some(2), "{what}: {}", text(&o));
            assert!(text(&o).contains(key), "{what}: {}", text(&o));
            assert_eq!(std::fs::read(&db).unwrap(), before, "{what}");
        }
    }
    std::fs::write(
        d.path().join("broken.json"),
        "{\n  \"format\": \"nianbao-report/1\",\n  \"year\": 20 20\n}",
    )
    .unwrap();
    let o = cli(&["import", "broken.json", "--db", "n.db"], d.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains("第3行第14列"), "{}", text(&o));
    assert_eq!(std::fs::read(&db).unwrap(), before);

    // A bad file never creates a store either.
    let o = cli(&["import", "broken.json", "--db", "new.db"], d.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(!d.path().join("new.db").exists());
}

#[test]
fn a_store_that_is_not_nianbao_s_is_refused_untouched() {
    let d = tempfile::tempdir().unwrap();
    sample(d.path());
    let not_db = d.path().join("notes.txt");
    std::fs::write(&not_db, "会议记录").unwrap();
    let o = cli(&["import", "s.json", "--db", "notes.txt"], d.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains("不是年报数据文件"), "{}", text(&o));
    assert_eq!(std::fs::read_to_string(&not_db).unwrap(), "会议记录");
}

fn pdftotext(pdf: &Path) -> String {
    let o = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("poppler-utils installed");
    String::from_utf8(o.stdout).unwrap()
}

#[test]
fn render_from_a_file_and_from_the_store() {
    let d = tempfile::tempdir().unwrap();
    sample(d.path());
    let o = cli(&["render", "s.json", "--out", "r.pdf"], d.path());
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let from_file = std::fs::read(d.path().join("r.pdf")).unwrap();
    assert!(from_file.starts_with(b"%PDF-"));
    let t = pdftotext(&d.path().join("r.pdf"));
    assert!(t.contains("一、总体情况") && !t.contains("草稿"), "{t}");

    assert!(cli(&["import", "s.json", "--db", "n.db"], d.path())
        .status
        .success());
    let o = cli(
        &[
            "render",
            "--db",
            "n.db",
            "--unit",
            "舒城县人民政府",
            "--year",
            "2020",
            "--out",
            "db.pdf",
        ],
        d.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert_eq!(
        std::fs::read(d.path().join("db.pdf")).unwrap(),
        from_file,
        "same report, same bytes"
    );
}

#[test]
fn render_with_hard_findings_refuses_a_final_copy_and_writes_a_draft_on_request() {
    let d = tempfile::tempdir().unwrap();
    let (_, mut v) = sample(d.path());
    v["figures"]["applications.received.natural"] = json!(30);
    write(d.path(), "bad.json", &v);
    // The same refusal as the app's (see nianbao-workflow's render): nothing is written.
    let o = cli(&["render", "bad.json", "--out", "bad.pdf"], d.path());
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(text(&o).contains("不能导出正式版"), "{}", text(&o));
    assert!(text(&o).contains("--draft"), "{}", text(&o));
    assert!(!d.path().join("bad.pdf").exists());

    let o = cli(
        &["render", "bad.json", "--out", "bad.pdf", "--draft"],
        d.path(),
    );
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let pages = pdftotext(&d.path().join("bad.pdf"));
    let page_count = pages.matches('\u{c}').count();
    assert!(page_count >= 2);
    assert_eq!(
        pages.matches("草稿").count(),
        page_count,
        "草稿 on every page"
    );
}

#[test]
fn render_with_a_missing_font_dir_is_unusable_input() {
    let d = tempfile::tempdir().unwrap();
    sample(d.path());
    let o = cli(
        &[
            "render",
            "s.json",
            "--out",
            "r.pdf",
            "--font-dir",
            "no-such-dir",
        ],
        d.path(),
    );
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("no-such-dir"), "{}", text(&o));
    assert!(!d.path().join("r.pdf").exists());
}

#[test]
fn check_warns_of_a_character_no_font_prints_and_the_zero_width_space_is_gone() {
    let d = tempfile::tempdir().unwrap();
    let (_, mut v) = sample(d.path());
    let text0 = v["sections"]["overview"][0]["text"]
        .as_str()
        .unwrap()
        .to_owned();
    // A zero-width space pasted in, and a Linear B sign that no bundled font has.
    v["sections"]["overview"][0]["text"] = json!(format!("\u{200b}{text0}\u{10000}"));
    write(d.path(), "odd.json", &v);
    let o = cli(&["check", "odd.json"], d.path());
    assert_eq!(
        o.status.code(),
        Some(0),
        "a warning, not an error: {}",
        text(&o)
    );
    let out = text(&o);
    assert!(out.contains("[提醒] 规则12"), "{out}");
    assert!(
        out.contains("“一、总体情况”第1段") && out.contains("U+10000"),
        "{out}"
    );
    assert!(
        !out.contains("U+200B"),
        "the zero-width space was removed on reading: {out}"
    );
    let o = cli(&["check", "odd.json", "--json"], d.path());
    let findings: Value = serde_json::from_slice(&o.stdout).unwrap();
    let f = &findings.as_array().unwrap()[0];
    assert_eq!(
        (&f["rule"], &f["section"], &f["paragraph"]),
        (&json!(12), &json!("overview"), &json!(0))
    );
}

#[test]
fn render_with_the_review_sheet_or_only_the_sheet() {
    let d = tempfile::tempdir().unwrap();
    sample(d.path());
    for (flag, file) in [("with", "with.pdf"), ("only", "only.pdf")] {
        let o = cli(
            &["render", "s.json", "--out", file, "--review-sheet", flag],
            d.path(),
        );
        assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    }
    let with = pdftotext(&d.path().join("with.pdf"));
    let only = pdftotext(&d.path().join("only.pdf"));
    let first_page = with.split('\u{c}').next().unwrap();
    for label in [
        "审签单",
        "拟稿",
        "审核",
        "签发",
        "保密审查",
        "审查意见",
        "审查人",
    ] {
        assert!(first_page.contains(label), "{label}: {first_page}");
        assert!(only.contains(label), "{label}: {only}");
    }
    assert!(with.contains("一、总体情况"));
    assert!(!only.contains("一、总体情况"));
    assert_eq!(only.matches('\u{c}').count(), 1, "one page");
}

#[test]
fn convert_goes_through_every_format_by_extension() {
    let d = tempfile::tempdir().unwrap();
    let (_, v) = sample(d.path());
    for out in ["s.xlsx", "s.html", "s.docx", "s.pdf"] {
        let o = cli(&["convert", "s.json", "--out", out], d.path());
        assert_eq!(o.status.code(), Some(0), "{out}: {}", text(&o));
        assert!(d.path().join(out).metadata().unwrap().len() > 1000, "{out}");
    }
    // Excel back to the exchange file: the same report.
    let o = cli(&["convert", "s.xlsx", "--out", "back.json"], d.path());
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let back: Value =
        serde_json::from_str(&std::fs::read_to_string(d.path().join("back.json")).unwrap())
            .unwrap();
    assert_eq!(back, v);
    let html = std::fs::read_to_string(d.path().join("s.html")).unwrap();
    assert!(html.contains("舒城县人民政府2020年政府信息公开工作年度报告"));
    assert!(!html.contains("<script"));
}

#[test]
fn convert_refuses_what_it_cannot_read_or_write_and_a_final_pdf_of_a_broken_report() {
    let d = tempfile::tempdir().unwrap();
    let (_, mut v) = sample(d.path());
    let o = cli(&["convert", "s.json", "--out", "s.txt"], d.path());
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("s.txt"));
    std::fs::write(d.path().join("fake.xlsx"), "not a workbook").unwrap();
    let o = cli(&["convert", "fake.xlsx", "--out", "f.json"], d.path());
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("fake.xlsx"));
    assert!(!d.path().join("f.json").exists());

    v["figures"]["applications.received.natural"] = json!(30);
    write(d.path(), "bad.json", &v);
    let o = cli(&["convert", "bad.json", "--out", "bad.pdf"], d.path());
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(!d.path().join("bad.pdf").exists());
    let o = cli(&["convert", "bad.json", "--out", "bad.xlsx"], d.path());
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(
        d.path().join("bad.xlsx").exists(),
        "other formats are written as they stand"
    );
}

/// The published 舒城县 2020 report as a Word export turned into text (tests/fixtures/published).
fn published(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../tests/fixtures/published")
        .join(name)
}

#[test]
fn convert_reads_last_year_s_published_report_back_into_the_sample() {
    let d = tempfile::tempdir().unwrap();
    let (_, sample) = sample(d.path());
    let seed = published("shucheng-2020.txt");
    let o = cli(
        &["convert", seed.to_str().unwrap(), "--out", "read.json"],
        d.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let read: Value =
        serde_json::from_str(&std::fs::read_to_string(d.path().join("read.json")).unwrap())
            .unwrap();
    assert_eq!(read, sample);
    // Our own Word file of the sample reads back too.
    let o = cli(&["convert", "s.json", "--out", "s.docx"], d.path());
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let o = cli(&["convert", "s.docx", "--out", "docx.json"], d.path());
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
}

#[test]
fn cells_not_read_for_sure_are_null_named_and_refused_on_import() {
    let d = tempfile::tempdir().unwrap();
    // The seed with table 二's figures run together (table 二 has no sums to recover them by).
    let seed = std::fs::read_to_string(published("shucheng-2020.txt")).unwrap();
    let flat = seed.replacen("\t\u{3000}减3\n\t\u{3000}39570", "减339570", 1);
    assert_ne!(flat, seed);
    std::fs::write(d.path().join("flat.txt"), &flat).unwrap();
    let o = cli(&["convert", "flat.txt", "--out", "flat.pdf"], d.path());
    assert_eq!(o.status.code(), Some(3), "{}", text(&o));
    assert!(!d.path().join("flat.pdf").exists());
    let o = cli(&["convert", "flat.txt", "--out", "flat.json"], d.path());
    assert_eq!(o.status.code(), Some(3), "{}", text(&o));
    assert!(text(&o).contains("未能读准：表二"), "{}", text(&o));
    let json = std::fs::read_to_string(d.path().join("flat.json")).unwrap();
    assert!(json.contains(": null"), "{json}");
    let o = cli(&["import", "flat.json", "--db", "n.db"], d.path());
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(!d.path().join("n.db").exists());
    let o = cli(&["import", "flat.txt", "--db", "n.db"], d.path());
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("未能读准"), "{}", text(&o));
}

#[test]
fn render_writes_exactly_what_the_pdf_crate_renders() {
    // The same bytes as the library's, whatever else the program links (a
    // deflate backend switched by another crate once made the file 15 % larger).
    let d = tempfile::tempdir().unwrap();
    sample(d.path());
    let o = cli(&["render", "s.json", "--out", "r.pdf"], d.path());
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let library = nianbao_pdf::render_report(
        &nianbao_report::sample_report(),
        &nianbao_pdf::FontSet::bundled(),
        nianbao_pdf::ReportOptions::default(),
    )
    .unwrap();
    assert!(std::fs::read(d.path().join("r.pdf")).unwrap() == library);
}

#[test]
fn a_county_takes_in_its_townships_word_reports_with_an_outcome_each() {
    let d = tempfile::tempdir().unwrap();
    let lo = |name: &str| published(&format!("libreoffice/{name}"));
    let seed = std::fs::read_to_string(published("shucheng-2020.txt")).unwrap();
    let flat = seed.replacen("\t\u{3000}减3\n\t\u{3000}39570", "减339570", 1);
    std::fs::write(d.path().join("看不清的报告.txt"), &flat).unwrap();
    let files = [
        lo("sample.docx"),
        lo("r2021.docx"),
        lo("r2021-from-docx.html"),
        d.path().join("看不清的报告.txt"),
    ];
    let mut args = vec!["import", "--db", "n.db"];
    args.extend(files.iter().map(|p| p.to_str().unwrap()));
    let o = cli(&args, d.path());
    let out = text(&o);
    assert_eq!(o.status.code(), Some(2), "{out}");
    let line = |name: &str| {
        out.lines()
            .find(|l| l.contains(name))
            .unwrap_or_default()
            .to_string()
    };
    assert!(
        line("sample.docx").starts_with("新增：舒城县人民政府 2020年"),
        "{out}"
    );
    assert!(
        line("r2021.docx").starts_with("新增：某某县数据资源局 2022年"),
        "{out}"
    );
    assert!(
        line("r2021-from-docx.html").starts_with("未导入")
            && line("r2021-from-docx.html").contains("与“r2021.docx”是同一份报告"),
        "{out}"
    );
    assert!(
        line("看不清的报告.txt").starts_with("未导入")
            && line("看不清的报告.txt").contains("格未能读准（表二"),
        "{out}"
    );
    let o = cli(&["list", "--db", "n.db"], d.path());
    assert_eq!(text(&o).lines().count(), 2, "{}", text(&o));

    // The unit's 报送 file, stamped, comes back into another store unchanged.
    std::fs::create_dir(d.path().join("U盘 报送")).unwrap();
    let o = cli(
        &[
            "send",
            "--db",
            "n.db",
            "--unit",
            "某某县数据资源局",
            "--year",
            "2022",
            "--dir",
            "U盘 报送",
        ],
        d.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let sent = d.path().join("U盘 报送/某某县数据资源局2022.nianbao.json");
    assert!(std::fs::read_to_string(&sent)
        .unwrap()
        .contains("\"sent_at\": \"20"));
    let o = cli(
        &["import", "--db", "n.db", sent.to_str().unwrap()],
        d.path(),
    );
    assert!(
        text(&o).starts_with("无变化：某某县数据资源局 2022年"),
        "{}",
        text(&o)
    );
}

/// The fonts `pdffonts` lists, without their subset tags.
fn pdf_fonts(pdf: &Path) -> Vec<String> {
    let out = Command::new("pdffonts").arg(pdf).output().unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .skip(2)
        .filter_map(|row| row.split_whitespace().next())
        .map(|n| n.split_once('+').map_or(n, |(_, n)| n).to_owned())
        .collect()
}

#[test]
fn render_from_a_store_uses_the_faces_chosen_in_the_app_over_the_font_dir() {
    let d = tempfile::Builder::new().prefix("年报 ").tempdir().unwrap();
    sample(d.path());
    assert!(cli(&["import", "s.json", "--db", "n.db"], d.path())
        .status
        .success());
    // An official-named stand-in: 仿宋_GB2312 with Fandol Kai inside.
    let fonts = d.path().join("官方 字体");
    std::fs::create_dir_all(&fonts).unwrap();
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../pdf/fonts/FandolKai-Regular.otf"
        ),
        fonts.join("仿宋_GB2312.ttf"),
    )
    .unwrap();
    let render = |out: &str| {
        let o = cli(
            &[
                "render",
                "--db",
                "n.db",
                "--unit",
                "舒城县人民政府",
                "--year",
                "2020",
                "--font-dir",
                "官方 字体",
                "--out",
                out,
            ],
            d.path(),
        );
        assert!(o.status.success(), "{}", text(&o));
        (pdf_fonts(&d.path().join(out)), text(&o))
    };
    // Nothing chosen: the folder's 仿宋_GB2312 sets the body; the bundled Fang is not used.
    let (automatic, _) = render("a.pdf");
    assert!(
        !automatic.contains(&"FandolFang-Regular".to_owned()),
        "{automatic:?}"
    );

    // Chosen in the app: the body in the bundled Fandol Fang, the title in a file since deleted.
    let mut store = nianbao_store::Store::open(d.path().join("n.db")).unwrap();
    store
        .set_setting("font.fang", "bundled:FandolFang-Regular.otf")
        .unwrap();
    store
        .set_setting("font.title", "file:0:/nowhere/方正小标宋简体.ttf")
        .unwrap();
    drop(store);
    let (chosen, said) = render("c.pdf");
    assert!(
        chosen.contains(&"FandolFang-Regular".to_owned()),
        "{chosen:?}"
    );
    assert!(chosen.contains(&"FandolSong-Bold".to_owned()), "{chosen:?}");
    assert!(
        said.contains("说明：标题所选的字体“方正小标宋简体”（/nowhere/方正小标宋简体.ttf）已找不到或无法读取，改用Fandol宋体（粗）。"),
        "{said}"
    );
}
