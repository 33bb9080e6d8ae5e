//! Writes a real PDF of a demo document and reads it back with poppler-utils
//! (pdffonts, pdftotext): fonts embedded as subsets, every character
//! extractable in reading order, every glyph inside the type area.

mod common;

use std::path::{Path, PathBuf};

use nianbao_pdf::{
    render, Block, Cell, Document, FaceRole, FontSet, HeadingLevel, LayoutOptions, Paragraph,
    SignOff, Table,
};

const PROSE: [&str; 3] = [
    "本报告依据《中华人民共和国政府信息公开条例》（国务院令第711号）和《六安市人民政府办公室关于做好政府信息公开年度报告编制工作的通知》（六政办秘〔2020〕161号）要求，结合我县政府信息公开工作有关统计数据撰写。如对本报告有任何疑问，请与舒城县人民政府办公室联系（地址：舒城县梅河路403号；邮编：231300；联系电话：0564-8680081）。",
    "2020年度我县强化主动公开力度，丰富主动公开内容，全年主动公开信息111600条，其中县本级公开信息7834条，政府部门公开信息19667条，全县关联电子材料事项占比63.8%，政务服务网办率达99.2%。",
    "围绕“六稳”“六保”，规范政策解读。建立“六稳”“六保”专题，发布和转载各项政策信息共316条，主动回应社会关切865条信息, 按月度公开2020年政府重点工作任务执行和落实情况。",
];

fn demo() -> Document {
    let mut blocks = vec![
        Block::Paragraph(Paragraph::body(PROSE[0])),
        Block::Paragraph(Paragraph::heading(HeadingLevel::First, "一、总体情况")),
        Block::Paragraph(Paragraph::run_in(
            HeadingLevel::Second,
            "（一）主动公开情况。",
            PROSE[1],
        )),
    ];
    for _ in 0..4 {
        blocks.push(Block::Paragraph(Paragraph::body(PROSE[2])));
    }
    blocks.push(Block::Paragraph(Paragraph::heading(
        HeadingLevel::First,
        "三、收到和处理政府信息公开申请情况",
    )));
    let mut cells = vec![
        Cell::new(
            0,
            0,
            "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
        )
        .span(2, 2),
        Cell::new(0, 2, "自然人"),
        Cell::new(0, 3, "法人或其他组织"),
        Cell::new(0, 4, "总计"),
        Cell::new(1, 2, "人"),
        Cell::new(1, 3, "组织"),
        Cell::new(1, 4, "合计"),
        Cell::new(2, 0, "三、本年度办理结果").span(24, 1),
    ];
    for r in 0..24 {
        cells.push(Cell::new(2 + r, 1, format!("（{}）第{}项办理结果", r + 1, r + 1)).left());
        for c in 2..5 {
            cells.push(Cell::new(2 + r, c, format!("{}", (r * 10 + c) % 7)));
        }
    }
    blocks.push(Block::Table(Table {
        columns_mm: vec![20.0, 64.0, 24.0, 24.0, 24.0],
        header_rows: 2,
        keep_with_next: Vec::new(),
        font_size_pt: 12.0,
        role: FaceRole::Fang,
        cells,
        origin: "表三".to_owned(),
    }));
    blocks.push(Block::Paragraph(Paragraph::heading(
        HeadingLevel::First,
        "六、其他需要报告的事项",
    )));
    blocks.push(Block::Paragraph(Paragraph::body(PROSE[1])));
    Document {
        title: "舒城县人民政府2020年政府信息公开工作年度报告".to_owned(),
        blocks,
        sign_off: Some(SignOff {
            issuer: "舒城县人民政府办公室".to_owned(),
            date: "2021年1月20日".to_owned(),
            sealed: false,
        }),
        properties: Default::default(),
    }
}

fn out_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("poppler");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The demo rendered to `name`: each test its own file, as the tests run at once.
fn rendered(name: &str) -> PathBuf {
    let bytes = render(&demo(), &FontSet::bundled(), LayoutOptions::default()).unwrap();
    let path = out_dir().join(name);
    std::fs::write(&path, &bytes).unwrap();
    path
}

#[test]
fn fonts_are_embedded_as_subsets() {
    assert!(common::assert_fonts_embedded_subset(&rendered("fonts.pdf")) >= 4);
}

#[test]
fn all_text_comes_back_in_reading_order() {
    let path = rendered("text.pdf");
    let text = common::run("pdftotext", &["-enc", "UTF-8", path.to_str().unwrap(), "-"]);
    let squeezed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let doc = demo();
    let mut expected = vec![doc.title.clone()];
    for block in &doc.blocks {
        if let Block::Paragraph(p) = block {
            expected.push(p.text());
        }
    }
    let mut from = 0;
    for want in expected {
        let want: String = want.chars().filter(|c| !c.is_whitespace()).collect();
        let at = squeezed[from..]
            .find(&want)
            .unwrap_or_else(|| panic!("not found in order: {want}\n--- got:\n{text}"));
        from += at + want.len();
    }
    for label in [
        "法人或其他组织",
        "（24）第24项办理结果",
        "舒城县人民政府办公室",
        "2021年1月20日",
    ] {
        assert!(squeezed.contains(label), "{label}");
    }
}

#[test]
fn every_glyph_lies_inside_the_type_area() {
    assert!(common::assert_words_inside_type_area(&rendered("area.pdf")) > 50);
}

#[test]
fn two_renders_are_byte_identical_and_small() {
    let fonts = FontSet::bundled();
    let a = render(&demo(), &fonts, LayoutOptions::default()).unwrap();
    let b = render(&demo(), &fonts, LayoutOptions::default()).unwrap();
    assert!(a == b, "renders differ");
    assert!(a.len() < 300_000, "{} bytes", a.len());
    let text = String::from_utf8_lossy(&a);
    assert!(!text.contains("GTS_PDFX"), "no PDF/X marker");
}
