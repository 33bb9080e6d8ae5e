//! The 2021-edition report the formats tests write and read back: every heading level, a
//! sign-off, text that needs escaping, and a different figure in every typed cell (totals
//! filled from them). Each test gives its own unit.

use nianbao_report::edition::{self, Edition};
use nianbao_report::{
    Date, Heading, HeadingLevel, Money, Paragraph, Report, SectionKey, SignOff, Unit, Value,
    ValueKind,
};

/// A department of a county, as most tests use (not every test file does).
#[allow(dead_code)]
pub fn department(parent: Option<&str>) -> Unit {
    Unit {
        name: "某某县数据资源局".into(),
        kind: nianbao_report::UnitKind::Department,
        parent: parent.map(Into::into),
        address: "某某县人民路1号".into(),
        postcode: "231300".into(),
        phone: "0564-1234567".into(),
    }
}

pub fn report_2021(unit: Unit) -> Report {
    let signer = unit.name.clone();
    let mut r = Report::blank(unit, 2022);
    assert_eq!(r.edition, Edition::E2021);
    let heading = |level, text: &str| {
        Some(Heading {
            level,
            text: text.into(),
        })
    };
    r.section_mut(SectionKey::Overview).paragraphs = vec![
        Paragraph::body("2022年，我局认真贯彻《条例》，公开质量稳步提升。"),
        Paragraph {
            heading: heading(HeadingLevel::Sub, "（一）主动公开情况。"),
            text: "全年主动公开信息1234条。".into(),
        },
        Paragraph {
            heading: heading(HeadingLevel::Sub, "（二）依申请公开情况"),
            text: String::new(),
        },
        Paragraph {
            heading: heading(HeadingLevel::Item, "1.办理流程。"),
            text: "受理、审查、答复三环节 <全程留痕> & 可追溯。".into(),
        },
        Paragraph {
            heading: heading(HeadingLevel::SubItem, "（1）登记"),
            text: String::new(),
        },
    ];
    r.section_mut(SectionKey::Problems).paragraphs =
        vec![Paragraph::body("一是公开内容不够全面；二是解读形式单一。")];
    r.section_mut(SectionKey::Other).paragraphs = vec![Paragraph::body("本年度未收取信息处理费。")];
    for (i, spec) in edition::cells(Edition::E2021).iter().enumerate() {
        if spec.is_total() {
            continue;
        }
        let n = i as u64 + 1;
        let value = match spec.kind {
            ValueKind::Count => Value::Count(n),
            ValueKind::Change => Value::Change(n as i64),
            ValueKind::Money => Value::Money(Money(12_500_000 + n)),
        };
        r.set_figure(&spec.key, value).unwrap();
    }
    r.fill_totals();
    r.sign_off = Some(SignOff {
        name: signer,
        date: Date::new(2023, 1, 20).unwrap(),
    });
    r
}
