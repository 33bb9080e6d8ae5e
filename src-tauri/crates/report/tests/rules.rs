//! Every rule of the format, with a case that passes and a case that fails, in both editions.

use nianbao_report::{
    sample_report, validate, Edition, Finding, Heading, HeadingLevel, Paragraph, Report,
    SectionKey, Severity, TableId, Unit, UnitKind, Value,
};

fn township() -> Unit {
    Unit {
        name: "城关镇人民政府".into(),
        kind: UnitKind::Township,
        parent: Some("舒城县人民政府".into()),
        address: "城关镇人民路1号".into(),
        postcode: "231300".into(),
        phone: "0564-0000000".into(),
    }
}

/// A consistent report of the edition: figures in every part of table 三 and 四, totals filled.
fn consistent(edition: Edition) -> Report {
    let year = if edition == Edition::E2019 {
        2020
    } else {
        2022
    };
    let mut r = Report::blank(township(), year);
    assert_eq!(r.edition, edition);
    let set = |r: &mut Report, k: &str, n: u64| r.set_figure(k, Value::Count(n)).unwrap();
    set(&mut r, "applications.received.natural", 10);
    set(&mut r, "applications.received.business", 2);
    set(&mut r, "applications.carried_in.natural", 1);
    set(&mut r, "applications.granted.natural", 6);
    set(&mut r, "applications.withheld.third_party.natural", 2);
    set(&mut r, "applications.unavailable.not_held.business", 2);
    let other = if edition == Edition::E2019 {
        "applications.other_handling.natural"
    } else {
        "applications.other_handling.no_fee.natural"
    };
    set(&mut r, other, 1);
    set(&mut r, "applications.carried_out.natural", 2);
    set(&mut r, "appeals.review.upheld", 1);
    set(&mut r, "appeals.suit_direct.pending", 2);
    r.fill_totals();
    for s in [
        SectionKey::Overview,
        SectionKey::Problems,
        SectionKey::Other,
    ] {
        r.section_mut(s)
            .paragraphs
            .push(Paragraph::body("本年度工作有序开展。"));
    }
    r
}

fn rule(findings: &[Finding], n: u8) -> Vec<&Finding> {
    findings.iter().filter(|f| f.rule == n).collect()
}

const EDITIONS: [Edition; 2] = [Edition::E2019, Edition::E2021];

#[test]
fn consistent_reports_have_no_findings() {
    for e in EDITIONS {
        let r = consistent(e);
        assert_eq!(validate(&r, None), vec![], "{e:?}");
    }
}

#[test]
fn the_sample_passes_every_hard_rule() {
    let findings = validate(&sample_report(), None);
    assert!(
        findings.iter().all(|f| f.severity == Severity::Warning),
        "{findings:#?}"
    );
    assert!(rule(&findings, 9).is_empty(), "{findings:#?}");
}

#[test]
fn rule_1_column_balance() {
    for e in EDITIONS {
        let mut r = consistent(e);
        r.set_figure("applications.received.natural", Value::Count(11))
            .unwrap();
        let f = validate(&r, None);
        let r1 = rule(&f, 1);
        assert_eq!(r1.len(), 1, "{e:?}: {f:#?}");
        assert_eq!(r1[0].column.as_deref(), Some("natural"));
        assert_eq!(r1[0].severity, Severity::Error);
        assert_eq!(
            r1[0].message,
            "表三“自然人”列：第一项加第二项之和为12，第三项总计加第四项之和为11，两者应相等。"
        );
        assert!(r1[0]
            .cells
            .contains(&"applications.carried_out.natural".to_string()));
    }
}

#[test]
fn rule_2_row_total() {
    for e in EDITIONS {
        let mut r = consistent(e);
        r.set_figure("applications.granted.total", Value::Count(7))
            .unwrap();
        let f = validate(&r, None);
        let r2 = rule(&f, 2);
        assert_eq!(r2.len(), 1, "{e:?}: {f:#?}");
        assert_eq!(r2[0].row.as_deref(), Some("granted"));
        assert!(
            r2[0].message.contains("“（一）予以公开”行"),
            "{}",
            r2[0].message
        );
        assert_eq!(
            (r2[0].expected.as_deref(), r2[0].found.as_deref()),
            (Some("6"), Some("7"))
        );
    }
}

#[test]
fn rule_3_results_add_up() {
    for e in EDITIONS {
        let mut r = consistent(e);
        // Move one application from a leaf to nowhere, keeping the row total in step (rule 2 holds).
        r.set_figure("applications.withheld.third_party.natural", Value::Count(1))
            .unwrap();
        r.set_figure("applications.withheld.third_party.total", Value::Count(1))
            .unwrap();
        let f = validate(&r, None);
        let r3 = rule(&f, 3);
        assert_eq!(r3.len(), 2, "natural and total columns, {e:?}: {f:#?}");
        assert!(r3[0]
            .message
            .starts_with("表三“自然人”列：办理结果（一）至（六）各项之和为"));
        assert_eq!(r3[0].found.as_deref(), Some("9"));
        assert_eq!(r3[0].expected.as_deref(), Some("8"));
    }
}

#[test]
fn rule_3_counts_each_edition_s_own_items() {
    // 2021: （六） has three items; the 2019 single row does not exist.
    let mut r = consistent(Edition::E2021);
    r.set_figure("applications.other_handling.other.natural", Value::Count(1))
        .unwrap();
    r.fill_totals();
    r.set_figure("applications.carried_out.natural", Value::Count(1))
        .unwrap();
    r.set_figure("applications.carried_out.total", Value::Count(1))
        .unwrap();
    assert_eq!(validate(&r, None), vec![]);
}

#[test]
fn rule_4_appeal_totals() {
    for e in EDITIONS {
        let mut r = consistent(e);
        r.set_figure("appeals.suit_after_review.corrected", Value::Count(1))
            .unwrap();
        let f = validate(&r, None);
        let r4 = rule(&f, 4);
        assert_eq!(r4.len(), 1, "{e:?}: {f:#?}");
        assert_eq!(r4[0].table, Some(TableId::Appeals));
        assert_eq!(r4[0].row.as_deref(), Some("suit_after_review"));
        assert_eq!(
            r4[0].message,
            "表四行政诉讼“复议后起诉”：结果维持、结果纠正、其他结果、尚未审结之和为1，“总计”栏填的是0，两者应相等。"
        );
    }
}

#[test]
fn rule_6_carried_in_matches_last_year() {
    for e in EDITIONS {
        let prev = consistent(e);
        let mut r = consistent(e);
        r.year += 1;
        // prev carried out 2 natural; this year carried in 1 → warning.
        let f = validate(&r, Some(&prev));
        let r6 = rule(&f, 6);
        assert_eq!(r6.len(), 2, "natural and total, {e:?}: {f:#?}");
        assert_eq!(r6[0].severity, Severity::Warning);
        // Make them agree.
        let mut prev = prev;
        prev.set_figure("applications.carried_out.natural", Value::Count(1))
            .unwrap();
        prev.set_figure("applications.carried_out.total", Value::Count(1))
            .unwrap();
        assert!(rule(&validate(&r, Some(&prev)), 6).is_empty());
    }
}

#[test]
fn rule_7_documents_in_force_2021() {
    let mut prev = consistent(Edition::E2021);
    prev.set_figure("proactive.normative_documents.in_force", Value::Count(100))
        .unwrap();
    let mut r = consistent(Edition::E2021);
    r.set_figure("applications.carried_in.natural", Value::Count(2))
        .unwrap();
    r.set_figure("proactive.normative_documents.issued", Value::Count(10))
        .unwrap();
    r.set_figure("proactive.normative_documents.repealed", Value::Count(3))
        .unwrap();
    r.set_figure("proactive.normative_documents.in_force", Value::Count(107))
        .unwrap();
    assert!(rule(&validate(&r, Some(&prev)), 7).is_empty());
    r.set_figure("proactive.normative_documents.in_force", Value::Count(110))
        .unwrap();
    let f = validate(&r, Some(&prev));
    let r7 = rule(&f, 7);
    assert_eq!(r7.len(), 1, "{f:#?}");
    assert!(r7[0].message.starts_with("表二“行政规范性文件”行"));
    assert_eq!(
        (r7[0].expected.as_deref(), r7[0].found.as_deref()),
        (Some("107"), Some("110"))
    );
    // The 2019 edition has no 现行有效件数: rule 7 never fires there.
    assert!(rule(
        &validate(
            &consistent(Edition::E2019),
            Some(&consistent(Edition::E2019))
        ),
        7
    )
    .is_empty());
}

#[test]
fn rule_8_items_follow_on_2019() {
    let mut prev = consistent(Edition::E2019);
    prev.set_figure("proactive.licensing.previous_items", Value::Count(282))
        .unwrap();
    prev.set_figure("proactive.licensing.change", Value::Change(-3))
        .unwrap();
    let mut r = consistent(Edition::E2019);
    r.set_figure("proactive.licensing.previous_items", Value::Count(279))
        .unwrap();
    assert!(rule(&validate(&r, Some(&prev)), 8).is_empty());
    r.set_figure("proactive.licensing.previous_items", Value::Count(282))
        .unwrap();
    let f = validate(&r, Some(&prev));
    let r8 = rule(&f, 8);
    assert_eq!(r8.len(), 1, "{f:#?}");
    assert_eq!(r8[0].row.as_deref(), Some("licensing"));
    // 2021 edition: no 上一年项目数量, rule 8 never fires.
    assert!(rule(
        &validate(
            &consistent(Edition::E2021),
            Some(&consistent(Edition::E2021))
        ),
        8
    )
    .is_empty());
}

#[test]
fn rule_9_prose_numbers() {
    for e in EDITIONS {
        let mut r = consistent(e);
        // Table: received 12, carried in 1.
        r.section_mut(SectionKey::Overview)
            .paragraphs
            .push(Paragraph {
                heading: Some(Heading {
                    level: HeadingLevel::Sub,
                    text: "（二）依申请公开情况。".into(),
                }),
                text: "全年规范办理依申请公开13件（上年结转1件），本年新收申请12件。".into(),
            });
        assert!(rule(&validate(&r, None), 9).is_empty(), "{e:?}");
        r.section_mut(SectionKey::Applications)
            .paragraphs
            .push(Paragraph::body(
                "本年度共收到政府信息公开申请14件，上年结转2件。",
            ));
        let f = validate(&r, None);
        let r9 = rule(&f, 9);
        assert_eq!(r9.len(), 2, "{e:?}: {f:#?}");
        assert_eq!(r9[0].section, Some(SectionKey::Applications));
        assert_eq!(r9[0].paragraph, Some(0));
        assert!(
            r9[0].message.contains("“收到政府信息公开申请14件”"),
            "{}",
            r9[0].message
        );
        assert_eq!(r9[0].expected.as_deref(), Some("12"));
        assert_eq!(r9[1].expected.as_deref(), Some("1"));
    }
}

#[test]
fn rule_10_length_empty_and_repetition() {
    for e in EDITIONS {
        let mut r = consistent(e);
        r.section_mut(SectionKey::Other).paragraphs.clear();
        let f = validate(&r, None);
        let r10 = rule(&f, 10);
        assert_eq!(r10.len(), 1, "{e:?}: {f:#?}");
        assert!(r10[0].message.contains("六、其他需要报告的事项"));

        let mut r = consistent(e);
        r.section_mut(SectionKey::Overview).paragraphs = vec![Paragraph::body("政".repeat(1001))];
        let long = rule(&validate(&r, None), 10).len();
        assert_eq!(
            long,
            usize::from(e == Edition::E2021),
            "{e:?}: only the 2021 edition limits 总体情况"
        );

        let prev = consistent(e);
        let mut r = consistent(e);
        r.section_mut(SectionKey::Problems).paragraphs = vec![Paragraph::body(
            "一是公开质量有待提高。二是队伍建设需要加强。",
        )];
        let mut p = prev.clone();
        p.section_mut(SectionKey::Problems).paragraphs = vec![Paragraph::body(
            "一是公开质量有待提高。二是队伍建设仍需加强。",
        )];
        let f = validate(&r, Some(&p));
        assert!(
            rule(&f, 10).iter().any(|f| f.message.contains("相似度")),
            "{f:#?}"
        );
        p.section_mut(SectionKey::Problems).paragraphs = vec![Paragraph::body(
            "明年将重点推进基层政务公开标准化规范化建设。",
        )];
        assert!(rule(&validate(&r, Some(&p)), 10).is_empty());
    }
}

#[test]
fn rule_5_whole_non_negative_numbers_where_values_enter() {
    use nianbao_report::{parse_value, read_report, write_report, ValueError, ValueKind};
    for e in EDITIONS {
        let r = consistent(e);
        let good = write_report(&r);
        assert_eq!(read_report(good.as_bytes()).unwrap(), r, "{e:?}");
        for (bad, why) in [("-1", "不能为负数"), ("2.5", "不能是小数")] {
            let text = good.replacen(
                "\"applications.received.natural\": 10",
                &format!("\"applications.received.natural\": {bad}"),
                1,
            );
            let err = read_report(text.as_bytes()).unwrap_err().to_string();
            assert!(
                err.contains("applications.received.natural") && err.contains(why),
                "{e:?}: {err}"
            );
        }
        let money_key = if e == Edition::E2019 {
            "proactive.procurement.amount"
        } else {
            "proactive.fees.amount"
        };
        let text = good.replacen(
            &format!("\"{money_key}\": \"0\""),
            &format!("\"{money_key}\": \"-0.5\""),
            1,
        );
        let err = read_report(text.as_bytes()).unwrap_err().to_string();
        assert!(
            err.contains(money_key) && err.contains("不能为负数"),
            "{e:?}: {err}"
        );
    }
    // Typing: the same rule at the cell.
    assert_eq!(parse_value(ValueKind::Count, "3"), Ok(Value::Count(3)));
    assert!(matches!(
        parse_value(ValueKind::Count, "-3"),
        Err(ValueError::Negative(_))
    ));
    assert_eq!(parse_value(ValueKind::Change, "-3"), Ok(Value::Change(-3)));
}
