//! The workbook: written, read back, filled in by a clerk, and broken on purpose.

use calamine::{Reader, Xlsx};
use nianbao_formats::xlsx::{read_xlsx, write_xlsx, Problem, XlsxError};
use nianbao_report::edition::cells;
use nianbao_report::{
    sample_report, table_templates, CellContent, Date, Edition, Heading, HeadingLevel, Money,
    Paragraph, Report, SectionKey, SignOff, Unit, UnitKind, Value, ValueKind,
};
use rust_xlsxwriter::{Formula, Workbook};
use std::collections::{BTreeSet, HashMap};
use std::io::Cursor;

fn township() -> Unit {
    Unit {
        name: "某某镇人民政府".into(),
        kind: UnitKind::Township,
        parent: Some("某某县人民政府".into()),
        address: "某某镇府前路1号".into(),
        postcode: "231300".into(),
        phone: "0564-1234567".into(),
    }
}

/// A 2021 report with a figure in every cell (money with fen, 增 and 减), headings of every
/// level and a sign-off.
fn full_2021() -> Report {
    let mut r = Report::blank(township(), 2021);
    for (i, spec) in cells(Edition::E2021).iter().enumerate() {
        let n = i as u64 + 1;
        let v = match spec.kind {
            ValueKind::Count => Value::Count(n * 7),
            ValueKind::Change if i % 2 == 0 => Value::Change(n as i64),
            ValueKind::Change => Value::Change(-(n as i64)),
            // 1234.5678 万元 = 12 345 678.00 元; and one fen more.
            ValueKind::Money => Value::Money(Money(1_234_567_800 + n)),
        };
        r.set_figure(&spec.key, v).unwrap();
    }
    r.section_mut(SectionKey::Overview).paragraphs = vec![
        Paragraph::body("2021年，本镇坚持……"),
        Paragraph {
            heading: Some(Heading {
                level: HeadingLevel::Sub,
                text: "（一）主动公开情况。".into(),
            }),
            text: "全年主动公开信息1,234条。".into(),
        },
        Paragraph {
            heading: Some(Heading {
                level: HeadingLevel::Item,
                text: "1.平台建设".into(),
            }),
            text: String::new(),
        },
        Paragraph {
            heading: Some(Heading {
                level: HeadingLevel::SubItem,
                text: "（1）网站".into(),
            }),
            text: "  前有空格，后有空格  ".into(),
        },
    ];
    r.section_mut(SectionKey::Problems).paragraphs = vec![Paragraph::body("存在的问题……")];
    r.section_mut(SectionKey::Other).paragraphs = vec![Paragraph::body("无。")];
    r.sign_off = Some(SignOff {
        name: "某某镇人民政府".into(),
        date: Date::new(2022, 1, 20).unwrap(),
    });
    r
}

fn problems(result: Result<Report, XlsxError>) -> Vec<Problem> {
    match result {
        Err(XlsxError::Problems(p)) => p,
        other => panic!("expected problems, got {other:?}"),
    }
}

#[test]
fn sample_round_trips() {
    let sample = sample_report();
    assert_eq!(sample.edition, Edition::E2019);
    let bytes = write_xlsx(&sample).unwrap();
    assert_eq!(read_xlsx(&bytes).unwrap(), sample);
}

#[test]
fn full_2021_report_round_trips() {
    let report = full_2021();
    let bytes = write_xlsx(&report).unwrap();
    assert_eq!(read_xlsx(&bytes).unwrap(), report);
}

#[test]
fn money_round_trips_exactly_from_zero_to_the_largest() {
    for fen in [
        0,
        1,
        15_922_040_000,
        24_252_311_082,
        999_999_999_999_999_999,
    ] {
        let mut report = Report::blank(township(), 2021);
        report
            .set_figure("proactive.fees.amount", Value::Money(Money(fen)))
            .unwrap();
        let back = read_xlsx(&write_xlsx(&report).unwrap()).unwrap();
        assert_eq!(back.figures, report.figures, "{fen}");
    }
}

#[test]
fn sheets_are_named_and_ordered() {
    let bytes = write_xlsx(&sample_report()).unwrap();
    let xlsx = Xlsx::new(Cursor::new(bytes)).unwrap();
    assert_eq!(
        xlsx.sheet_names(),
        ["基本信息", "表二", "表三", "表四", "正文"]
    );
}

#[test]
fn merged_ranges_are_the_templates() {
    for report in [sample_report(), full_2021()] {
        let bytes = write_xlsx(&report).unwrap();
        let mut xlsx = Xlsx::new(Cursor::new(bytes)).unwrap();
        for t in table_templates(report.edition) {
            let found: BTreeSet<(u32, u32, u32, u32)> = xlsx
                .merge_cells_by_sheet_name(&t.label)
                .unwrap()
                .iter()
                .map(|d| (d.start.0, d.start.1, d.end.0, d.end.1))
                .collect();
            let last_col = t.columns_mm.len() as u32 - 1;
            // The title row spans the grid; the grid starts on the row below.
            let mut expected = BTreeSet::from([(0, 0, 0, last_col)]);
            for c in t.cells.iter().filter(|c| c.row_span > 1 || c.col_span > 1) {
                let (r, col) = (c.row as u32 + 1, c.col as u32);
                expected.insert((
                    r,
                    col,
                    r + c.row_span as u32 - 1,
                    col + c.col_span as u32 - 1,
                ));
            }
            assert_eq!(found, expected, "{:?} {}", report.edition, t.label);
            assert!(expected.len() > 3, "{}", t.label);
        }
    }
}

#[test]
fn figures_are_numbers_and_labels_sit_where_the_template_puts_them() {
    let report = full_2021();
    let bytes = write_xlsx(&report).unwrap();
    let mut xlsx = Xlsx::new(Cursor::new(bytes)).unwrap();
    for t in table_templates(report.edition) {
        let range = xlsx.worksheet_range(&t.label).unwrap();
        let title = range.get_value((0, 0)).unwrap().to_string();
        assert_eq!(title, format!("{}　{}", t.label, t.title));
        for c in &t.cells {
            let at = (c.row as u32 + 1, c.col as u32);
            let v = range.get_value(at).unwrap();
            match &c.content {
                CellContent::Label { text, .. } => assert_eq!(&v.to_string(), text),
                CellContent::Figure { key, kind, .. } => {
                    let expected = report.figures.get(key).unwrap();
                    let calamine::Data::Float(f) = v else {
                        panic!("{key} is {v:?}, not a number");
                    };
                    match (kind, expected) {
                        (ValueKind::Count, Value::Count(n)) => assert_eq!(*f, n as f64),
                        (ValueKind::Change, Value::Change(n)) => assert_eq!(*f, n as f64),
                        (ValueKind::Money, Value::Money(m)) => {
                            assert_eq!(f.to_string(), m.to_string())
                        }
                        other => panic!("{other:?}"),
                    }
                }
            }
        }
    }
}

/// What a clerk typed into a cell.
#[derive(Clone, Copy)]
enum Typed<'a> {
    Number(f64),
    Text(&'a str),
    /// A formula and the result Excel saved with it.
    Formula(&'a str, &'a str),
}

/// A workbook as a clerk makes it in Excel/WPS: the official layout, 基本信息 filled, figures
/// typed as given (absent ones left blank), 正文 only when given.
fn clerk_workbook(
    edition: Edition,
    info: &[(&str, Typed)],
    label_edition: Edition,
    figures: &HashMap<&str, Typed>,
    prose: Option<&[[&str; 4]]>,
) -> Vec<u8> {
    let mut wb = Workbook::new();
    let put = |ws: &mut rust_xlsxwriter::Worksheet, r: u32, c: u16, t: Typed| match t {
        Typed::Number(n) => {
            ws.write_number(r, c, n).unwrap();
        }
        Typed::Text(s) => {
            ws.write_string(r, c, s).unwrap();
        }
        Typed::Formula(f, result) => {
            ws.write_formula(r, c, Formula::new(f).set_result(result))
                .unwrap();
        }
    };
    let ws = wb.add_worksheet().set_name("基本信息").unwrap();
    for (i, (label, value)) in info.iter().enumerate() {
        ws.write_string(i as u32, 0, *label).unwrap();
        put(ws, i as u32, 1, *value);
    }
    let labels = table_templates(label_edition);
    for (t, shape) in table_templates(edition).iter().zip(labels) {
        let ws = wb.add_worksheet().set_name(&t.label).unwrap();
        ws.write_string(0, 0, format!("{}　{}", t.label, t.title))
            .unwrap();
        for c in &shape.cells {
            if let CellContent::Label { text, .. } = &c.content {
                ws.write_string(c.row as u32 + 1, c.col as u16, text)
                    .unwrap();
            }
        }
        for c in &t.cells {
            if let CellContent::Figure { key, .. } = &c.content {
                if let Some(v) = figures.get(key.as_str()) {
                    put(ws, c.row as u32 + 1, c.col as u16, *v);
                }
            }
        }
    }
    if let Some(rows) = prose {
        let ws = wb.add_worksheet().set_name("正文").unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, text) in row.iter().enumerate() {
                ws.write_string(r as u32, c as u16, *text).unwrap();
            }
        }
    }
    wb.save_to_buffer().unwrap()
}

fn info_2021<'a>() -> Vec<(&'a str, Typed<'a>)> {
    vec![
        ("单位名称", Typed::Text("某某镇人民政府")),
        ("单位类型", Typed::Text("乡镇（街道）")),
        ("上级单位", Typed::Text("某某县人民政府")),
        ("地址", Typed::Text("某某镇府前路1号")),
        // Typed as a number, as Excel takes it.
        ("邮政编码", Typed::Number(231300.0)),
        ("联系电话", Typed::Text("0564-1234567")),
        ("报告年度", Typed::Number(2021.0)),
        ("报告格式版本", Typed::Number(2021.0)),
    ]
}

#[test]
fn a_clerks_workbook_reads_as_typed() {
    let typed = HashMap::from([
        ("applications.received.natural", Typed::Text("39,570")),
        ("applications.received.business", Typed::Text("１２")),
        (
            "applications.received.total",
            Typed::Formula("=SUM(D4:I4)", "39582"),
        ),
        ("applications.carried_in.total", Typed::Text(" 3 ")),
        ("applications.granted.natural", Typed::Number(38.0)),
        ("applications.carried_in.research", Typed::Text("3件")),
        ("proactive.regulations.issued", Typed::Text("２")),
        ("proactive.fees.amount", Typed::Text("15922.04万元")),
        ("proactive.penalty.decisions", Typed::Text("1，234")),
        ("appeals.review.upheld", Typed::Number(4.0)),
        ("appeals.review.total", Typed::Number(4.0)),
        ("appeals.suit_direct.pending", Typed::Text("")),
    ]);
    let bytes = clerk_workbook(Edition::E2021, &info_2021(), Edition::E2021, &typed, None);
    let report = read_xlsx(&bytes).unwrap();
    let mut expected = Report::blank(township(), 2021);
    for (key, v) in [
        ("applications.received.natural", Value::Count(39_570)),
        ("applications.received.business", Value::Count(12)),
        ("applications.received.total", Value::Count(39_582)),
        ("applications.granted.natural", Value::Count(38)),
        ("applications.carried_in.research", Value::Count(3)),
        ("applications.carried_in.total", Value::Count(3)),
        ("proactive.regulations.issued", Value::Count(2)),
        ("proactive.fees.amount", Value::Money(Money(15_922_040_000))),
        ("proactive.penalty.decisions", Value::Count(1234)),
        ("appeals.review.upheld", Value::Count(4)),
        ("appeals.review.total", Value::Count(4)),
    ] {
        expected.set_figure(key, v).unwrap();
    }
    // No 正文 sheet: the default title and opening, no prose.
    assert_eq!(report, expected);
}

#[test]
fn changes_typed_as_words_or_signs_and_money_with_float_noise() {
    let typed = HashMap::from([
        ("proactive.licensing.change", Typed::Text("增10")),
        ("proactive.other_services.change", Typed::Text("减3")),
        ("proactive.penalty.change", Typed::Number(-7.0)),
        ("proactive.enforcement.change", Typed::Text("＋５")),
        ("proactive.procurement.amount", Typed::Number(0.1 + 0.2)),
    ]);
    let info = [
        ("单位名称", Typed::Text("舒城县人民政府")),
        ("单位类型", Typed::Text("县（区）人民政府")),
        ("报告年度", Typed::Text("2020年")),
        ("报告格式版本", Typed::Text("2019年版")),
    ];
    let bytes = clerk_workbook(Edition::E2019, &info, Edition::E2019, &typed, None);
    let report = read_xlsx(&bytes).unwrap();
    let f = |k: &str| report.figures.get(k).unwrap();
    assert_eq!(f("proactive.licensing.change"), Value::Change(10));
    assert_eq!(f("proactive.other_services.change"), Value::Change(-3));
    assert_eq!(f("proactive.penalty.change"), Value::Change(-7));
    assert_eq!(f("proactive.enforcement.change"), Value::Change(5));
    assert_eq!(
        f("proactive.procurement.amount"),
        Value::Money(Money(300_000))
    );
    assert_eq!(report.year, 2020);
    assert_eq!(report.unit.parent, None);
    assert_eq!(report.unit.address, "");
}

#[test]
fn text_in_a_number_cell_names_sheet_and_cell() {
    let typed = HashMap::from([
        // 表三 D7: （一）予以公开 × 自然人 (title row, three header rows, two rows above).
        ("applications.granted.natural", Typed::Text("abc")),
        ("proactive.regulations.issued", Typed::Text("1.5")),
        ("appeals.review.upheld", Typed::Number(-1.0)),
        ("appeals.review.other", Typed::Text("3 4")),
    ]);
    let bytes = clerk_workbook(Edition::E2021, &info_2021(), Edition::E2021, &typed, None);
    let messages: Vec<String> = problems(read_xlsx(&bytes))
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        messages,
        [
            "表二 B4（“规章”行“本年制发件数”列）：应为整数，不能是小数（1.5）",
            "表三 D7（“（一）予以公开”行“自然人”列）：“abc”不是数字",
            "表四 A5（“行政复议”行“结果维持”列）：不能为负数（-1）",
            "表四 C5（“行政复议”行“其他结果”列）：“3 4”中有两个数，一格只能填一个数",
        ]
    );
}

#[test]
fn a_bad_year_edition_or_kind_is_named_on_the_info_sheet() {
    let info = [
        ("单位名称", Typed::Text("  ")),
        ("单位类型", Typed::Text("街道")),
        ("报告年度", Typed::Text("二〇二一")),
        ("报告格式版本", Typed::Number(2020.0)),
    ];
    let bytes = clerk_workbook(Edition::E2021, &info, Edition::E2021, &HashMap::new(), None);
    let messages: Vec<String> = problems(read_xlsx(&bytes))
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        messages,
        [
            "基本信息 B1（单位名称）：单位名称不能为空",
            "基本信息 B2（单位类型）：应为县（区）人民政府、政府部门、乡镇（街道）、其他之一（“街道”）",
            "基本信息 B3（报告年度）：应为2008至2100之间的整数年份，如2021（“二〇二一”）",
            "基本信息 B4（报告格式版本）：应为“2019”或“2021”（“2020”）",
        ]
    );
}

#[test]
fn sheets_of_another_edition_are_refused_not_misread() {
    // 基本信息 says 2021, the tables are drawn as 2019's.
    let bytes = clerk_workbook(
        Edition::E2021,
        &info_2021(),
        Edition::E2019,
        &HashMap::new(),
        None,
    );
    let p = problems(read_xlsx(&bytes));
    assert!(
        p.iter().all(|p| matches!(
            p,
            Problem::Layout {
                edition: "2021",
                ..
            }
        )),
        "{p:?}"
    );
    let first = p[0].to_string();
    assert!(first.starts_with("表二 "), "{first}");
    assert!(first.contains("2021年版"), "{first}");
}

#[test]
fn missing_sheets_and_fields_are_named() {
    let mut wb = Workbook::new();
    wb.add_worksheet().set_name("Sheet1").unwrap();
    let bytes = wb.save_to_buffer().unwrap();
    let messages: Vec<String> = problems(read_xlsx(&bytes))
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(messages, ["缺少工作表“基本信息”"]);

    let info = [("单位名称", Typed::Text("某某镇人民政府"))];
    let bytes = clerk_workbook(Edition::E2021, &info, Edition::E2021, &HashMap::new(), None);
    let messages: Vec<String> = problems(read_xlsx(&bytes))
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        messages,
        [
            "基本信息：缺少“单位类型”一行（A列写项目名称，B列写内容）",
            "基本信息：缺少“报告年度”一行（A列写项目名称，B列写内容）",
            "基本信息：缺少“报告格式版本”一行（A列写项目名称，B列写内容）",
        ]
    );
}

#[test]
fn hostile_bytes_give_errors_not_panics() {
    let good = write_xlsx(&sample_report()).unwrap();
    assert!(matches!(read_xlsx(b""), Err(XlsxError::NotXlsx)));
    assert!(matches!(
        read_xlsx("单位名称,舒城县".as_bytes()),
        Err(XlsxError::NotXlsx)
    ));
    assert!(matches!(
        read_xlsx(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]),
        Err(XlsxError::OldExcel)
    ));
    assert!(matches!(
        read_xlsx(b"PK\x03\x04garbage"),
        Err(XlsxError::Damaged(_))
    ));
    // Cut short, or with bytes flipped all over: an error, whichever.
    for cut in [good.len() / 4, good.len() / 2, good.len() - 10] {
        assert!(read_xlsx(&good[..cut]).is_err(), "{cut}");
    }
    for step in [97, 389, 1021] {
        let mut bent = good.clone();
        for i in (100..bent.len()).step_by(step) {
            bent[i] ^= 0x5A;
        }
        let _ = read_xlsx(&bent);
    }
    assert_eq!(
        XlsxError::OldExcel.to_string(),
        "这是旧版Excel（.xls）文件：请在Excel或WPS中“另存为”Excel工作簿（.xlsx）后再导入"
    );
}

#[test]
fn prose_reads_without_its_header_row_and_its_problems_are_named() {
    let rows = [
        ["开头", "", "", "本报告根据……编制。"],
        ["一、总体情况", "", "", "2021年，本镇……"],
        ["一、总体情况", "二级标题", "（一）主动公开情况。", "全年……"],
        ["六、其他需要报告的事项", "", "", "无。"],
        ["落款单位", "", "", "某某镇人民政府"],
        ["落款日期", "", "", "2022年1月20日"],
    ];
    let bytes = clerk_workbook(
        Edition::E2021,
        &info_2021(),
        Edition::E2021,
        &HashMap::new(),
        Some(&rows),
    );
    let report = read_xlsx(&bytes).unwrap();
    assert_eq!(report.opening, "本报告根据……编制。");
    assert_eq!(
        report.section(SectionKey::Overview).paragraphs,
        [
            Paragraph::body("2021年，本镇……"),
            Paragraph {
                heading: Some(Heading {
                    level: HeadingLevel::Sub,
                    text: "（一）主动公开情况。".into()
                }),
                text: "全年……".into()
            }
        ]
    );
    assert_eq!(report.section(SectionKey::Other).text(), "无。");
    assert_eq!(
        report.sign_off,
        Some(SignOff {
            name: "某某镇人民政府".into(),
            date: Date::new(2022, 1, 20).unwrap()
        })
    );

    let rows = [
        ["位置", "标题层级", "小标题", "正文"],
        ["七、附件", "", "", "……"],
        ["一、总体情况", "五级标题", "（一）", "……"],
        ["一、总体情况", "", "（二）", "……"],
        ["落款日期", "", "", "2022-02-30"],
    ];
    let bytes = clerk_workbook(
        Edition::E2021,
        &info_2021(),
        Edition::E2021,
        &HashMap::new(),
        Some(&rows),
    );
    let messages: Vec<String> = problems(read_xlsx(&bytes))
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(messages.len(), 4, "{messages:?}");
    assert!(
        messages[0].starts_with("正文 A2（位置）：应为开头、一、总体情况、"),
        "{}",
        messages[0]
    );
    assert!(messages[0].ends_with("（“七、附件”）"), "{}", messages[0]);
    assert_eq!(
        messages[1],
        "正文 B3（标题层级）：应为二级标题、三级标题或四级标题（“五级标题”）"
    );
    assert_eq!(
        messages[2],
        "正文 B4（标题层级）：小标题须同时填写标题层级和小标题两格"
    );
    assert_eq!(
        messages[3],
        "正文 D5（正文）：应为有效日期，如2021-01-20或2021年1月20日（“2022-02-30”）"
    );
}
