//! The exchange file: round trip, and every kind of bad input refused with the key named.

use nianbao_report::{read_report, sample_json, sample_report, write_report, Problem, Report};
use serde_json::{json, Value as Json};

fn sample_value() -> Json {
    serde_json::from_str(sample_json()).unwrap()
}

fn read(v: &Json) -> Result<Report, String> {
    read_report(serde_json::to_string_pretty(v).unwrap().as_bytes()).map_err(|e| e.to_string())
}

#[test]
fn write_then_read_gives_back_every_field() {
    let mut r = sample_report();
    r.sign_off = Some(nianbao_report::SignOff {
        name: "舒城县人民政府办公室".into(),
        date: nianbao_report::Date::new(2021, 1, 20).unwrap(),
    });
    r.unit.parent = Some("六安市人民政府".into());
    let text = write_report(&r);
    assert_eq!(read_report(text.as_bytes()).unwrap(), r);
    // Writing is stable: same report, same bytes.
    assert_eq!(write_report(&read_report(text.as_bytes()).unwrap()), text);
}

#[test]
fn the_built_in_sample_is_written_as_the_writer_writes() {
    assert_eq!(write_report(&sample_report()), sample_json());
}

#[test]
fn a_utf8_bom_is_accepted() {
    let with_bom = format!("\u{feff}{}", sample_json());
    assert_eq!(read_report(with_bom.as_bytes()).unwrap(), sample_report());
}

#[test]
fn invisible_characters_in_the_file_never_reach_the_report() {
    let mut v = sample_value();
    let title = v["title"].as_str().unwrap().to_owned();
    v["title"] = json!(format!("\u{feff}{title}\u{200b}"));
    let first = v["sections"]["overview"][0]["text"]
        .as_str()
        .unwrap()
        .to_owned();
    v["sections"]["overview"][0]["text"] = json!(format!("\u{200d}{first}\u{00ad}"));
    v["unit"]["name"] = json!("舒城县\u{2060}人民政府");
    let r = read(&v).unwrap();
    let sample = sample_report();
    assert_eq!(r.title, sample.title);
    assert_eq!(
        r.section(nianbao_report::SectionKey::Overview).paragraphs[0].text,
        first
    );
    assert_eq!(r.unit.name, sample.unit.name);
}

fn expect_error(v: &Json, needles: &[&str]) {
    let err = read(v).expect_err("must be refused");
    for n in needles {
        assert!(err.contains(n), "expected “{n}” in: {err}");
    }
}

#[test]
fn malformed_json_names_line_and_column() {
    let text = sample_json().replacen("\"year\": 2020,", "\"year\": 2020,,", 1);
    let err = read_report(text.as_bytes()).unwrap_err();
    let Problem::Syntax { line, column, .. } = &err.problems[0] else {
        panic!("{err}")
    };
    assert_eq!((*line, *column), (11, 16));
    assert!(err.to_string().contains("第11行第16列"));
    let truncated = &sample_json()[..200];
    assert!(read_report(truncated.as_bytes())
        .unwrap_err()
        .to_string()
        .contains("文件不完整"));
}

#[test]
fn unknown_format_version() {
    let mut v = sample_value();
    v["format"] = json!("nianbao-report/2");
    expect_error(&v, &["nianbao-report/2", "nianbao-report/1"]);
}

#[test]
fn missing_and_unknown_keys() {
    let mut v = sample_value();
    v["figures"]
        .as_object_mut()
        .unwrap()
        .remove("applications.received.natural");
    expect_error(&v, &["缺少“figures.applications.received.natural”"]);

    let mut v = sample_value();
    v["figures"]["applications.received.nature"] = json!(1);
    expect_error(
        &v,
        &["“figures.applications.received.nature”", "不是本格式的字段"],
    );

    let mut v = sample_value();
    v["unit"].as_object_mut().unwrap().remove("phone");
    expect_error(&v, &["缺少“unit.phone”"]);

    let mut v = sample_value();
    v["colour"] = json!("red");
    expect_error(&v, &["“colour”", "不是本格式的字段"]);

    // A 2021-edition key in a 2019-edition report.
    let mut v = sample_value();
    v["figures"]["proactive.regulations.issued"] = json!(0);
    expect_error(&v, &["proactive.regulations.issued"]);
}

#[test]
fn bad_numbers_name_the_cell() {
    let cases: &[(Json, &str)] = &[
        (json!(-1), "不能为负数"),
        (json!(1.5), "不能是小数"),
        (json!(1_000_000_000u64), "数字过大"),
        (json!(1e300), "数字过大"),
        (json!("二十九"), "文字“二十九”"),
        (json!("29"), "文字“29”"),
        (json!(null), "不能为空"),
        (json!([1]), "不是数字"),
    ];
    for (bad, reason) in cases {
        let mut v = sample_value();
        v["figures"]["applications.received.natural"] = bad.clone();
        expect_error(
            &v,
            &[
                "figures.applications.received.natural",
                "表三“一、本年新收政府信息公开申请数量”行“自然人”列",
                reason,
            ],
        );
    }
    let mut v = sample_value();
    v["figures"]["proactive.procurement.amount"] = json!("-3");
    expect_error(&v, &["proactive.procurement.amount", "不能为负数"]);
    let mut v = sample_value();
    v["figures"]["proactive.procurement.amount"] = json!("1.1234567");
    expect_error(&v, &["6位小数"]);
    // A change may be negative.
    let mut v = sample_value();
    v["figures"]["proactive.licensing.change"] = json!(-5);
    assert!(read(&v).is_ok());
}

#[test]
fn problems_in_figures_carry_a_location() {
    let text = sample_json().replacen(
        "\"applications.received.natural\": 29",
        "\"applications.received.natural\": -29",
        1,
    );
    let err = read_report(text.as_bytes()).unwrap_err().to_string();
    assert!(err.contains("（第"), "{err}");
}

#[test]
fn every_problem_is_reported_at_once() {
    let mut v = sample_value();
    v["figures"]["applications.received.natural"] = json!(-1);
    v["figures"]["appeals.review.total"] = json!(0.5);
    v["year"] = json!("2020");
    let err = read(&v).unwrap_err();
    assert_eq!(err.lines().count(), 3, "{err}");
}

#[test]
fn a_sent_file_carries_its_stamp_and_reads_back() {
    let r = nianbao_report::sample_report();
    let text = nianbao_report::write_sent_report(&r, "2021-01-20T02:03:04.5Z");
    let read = nianbao_report::read_exchange(text.as_bytes()).unwrap();
    assert_eq!(read.report, r);
    assert_eq!(read.sent_at.as_deref(), Some("2021-01-20T02:03:04.5Z"));
    let plain = nianbao_report::read_exchange(nianbao_report::write_report(&r).as_bytes()).unwrap();
    assert_eq!(plain.sent_at, None);
    let bad = text.replace("2021-01-20T02:03:04.5Z", "昨天");
    let e = nianbao_report::read_exchange(bad.as_bytes())
        .unwrap_err()
        .to_string();
    assert!(e.contains("sent_at"), "{e}");
}

#[test]
fn control_characters_are_refused_naming_the_field() {
    let r = nianbao_report::sample_report();
    let mut v: serde_json::Value = serde_json::from_str(&nianbao_report::write_report(&r)).unwrap();
    v["sections"]["problems"][0]["text"] = serde_json::json!("正文\u{1b}[31m");
    v["unit"]["phone"] = serde_json::json!("0564\u{0}");
    let e = nianbao_report::read_report(v.to_string().as_bytes())
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("sections.problems[0].text") && e.contains("控制字符"),
        "{e}"
    );
    assert!(e.contains("unit.phone"), "{e}");
}
