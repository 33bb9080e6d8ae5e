//! The 审签单: the sheet an office fills in before a report is published
//! (《中华人民共和国政府信息公开条例》第十七条 wants information reviewed
//! before it goes out) and files with its paper copy. One page in the type
//! area: the unit, the title and the report's page count, then 拟稿, 审核
//! and 签发 with room for a signature and a date, and the 保密审查 box.
//! It carries no page number: it is not a page of the report.

use super::lines::{balanced_lines, shape, Glyph, LineAlign, PT_MM};
use super::{
    runs_of, single_line, Ink, MissingGlyph, Page, Rule, AREA_LEFT_MM, AREA_TOP_MM, AREA_WIDTH_MM,
    ASCENT_EM, BODY_PT, TITLE_PT,
};
use crate::fonts::{FaceRole, FontError, FontMetrics, FontSet};

pub const REVIEW_SHEET_TITLE: &str = "政府信息公开工作年度报告审签单";
const BASIS: &str = "（依据《中华人民共和国政府信息公开条例》第十七条）";
const NOTE: &str = "本单随报告存档，不随报告公开。";
const RULE_PT: f32 = 0.75;
const NOTE_PT: f32 = 12.0;
/// The label column, and the 保密审查 box's second label column.
const LABEL_MM: f32 = 28.0;
const PAD_MM: f32 = 3.0;
/// Lines of text inside a cell.
const LINE_MM: f32 = 8.0;
const TEXT_ROW_MM: f32 = 16.0;
const SIGNATURE_ROW_MM: f32 = 22.0;
const OPINION_ROW_MM: f32 = 44.0;

/// The sheet for a report titled `title` by `unit`, `pages` pages long.
/// Characters no face has are printed as 〓 and come back as missing.
pub fn review_sheet(
    fonts: &FontSet,
    unit: &str,
    title: &str,
    pages: usize,
) -> Result<(Page, Vec<MissingGlyph>), FontError> {
    let metrics = fonts.metrics()?;
    let mut sheet = Sheet {
        metrics: &metrics,
        page: Page::default(),
        missing: Vec::new(),
    };
    sheet.draw(unit, title, pages);
    let missing = sheet
        .missing
        .into_iter()
        .map(|ch| MissingGlyph {
            ch,
            origin: "审签单".to_owned(),
        })
        .collect();
    Ok((sheet.page, missing))
}

struct Sheet<'a> {
    metrics: &'a FontMetrics<'a>,
    page: Page,
    missing: Vec<char>,
}

impl Sheet<'_> {
    fn glyphs(&mut self, text: &str, role: FaceRole, size_pt: f32) -> Vec<Glyph> {
        shape(
            self.metrics,
            &[(text, role)],
            size_pt,
            None,
            &mut self.missing,
        )
    }

    /// One line of text from `x` on the baseline; returns where it ends.
    fn text(&mut self, text: &str, role: FaceRole, size_pt: f32, x: f32, baseline: f32) -> f32 {
        let glyphs = self.glyphs(text, role, size_pt);
        let width: f32 = glyphs.iter().map(|g| g.advance).sum();
        let runs = runs_of(&glyphs, &single_line(&glyphs), x, baseline, Ink::Black);
        self.page.runs.extend(runs);
        x + width
    }

    fn centred(&mut self, text: &str, role: FaceRole, size_pt: f32, left: f32, right: f32, y: f32) {
        let width: f32 = self
            .glyphs(text, role, size_pt)
            .iter()
            .map(|g| g.advance)
            .sum();
        self.text(text, role, size_pt, (left + right - width) / 2.0, y);
    }

    fn rule(&mut self, from: (f32, f32), to: (f32, f32)) {
        self.page.rules.push(Rule {
            from_mm: from,
            to_mm: to,
            width_pt: RULE_PT,
        });
    }

    /// Baseline of a body-size line whose em box is centred on `middle`.
    fn baseline(middle: f32) -> f32 {
        let em = BODY_PT * PT_MM;
        middle - em / 2.0 + ASCENT_EM * em
    }

    /// Text wrapped in `left..right`, its lines centred on the row; the row's height.
    fn wrapped(&mut self, text: &str, left: f32, right: f32, top: f32) -> f32 {
        let glyphs = self.glyphs(text, FaceRole::Fang, BODY_PT);
        let lines = balanced_lines(&glyphs, right - left - 2.0 * PAD_MM, LineAlign::Left);
        let height = (lines.len() as f32 * LINE_MM + 2.0 * PAD_MM).max(TEXT_ROW_MM);
        let mut middle = top + (height - lines.len() as f32 * LINE_MM + LINE_MM) / 2.0;
        for line in &lines {
            let runs = runs_of(
                &glyphs,
                line,
                left + PAD_MM,
                Self::baseline(middle),
                Ink::Black,
            );
            self.page.runs.extend(runs);
            middle += LINE_MM;
        }
        height
    }

    /// A blank to sign on after `signer` and a date to fill in (____年__月__日)
    /// flush right, on a line near the row's bottom.
    fn signature(&mut self, left: f32, right: f32, bottom: f32, signer: Option<&str>) {
        const DATE: [(f32, &str); 3] = [(15.0, "年"), (10.0, "月"), (10.0, "日")];
        let baseline = bottom - 6.0;
        let under = baseline + 1.5;
        let em = BODY_PT * PT_MM;
        let date_width: f32 = DATE.iter().map(|(blank, _)| blank + 0.5 + em).sum();
        let mut x = left + PAD_MM;
        if let Some(signer) = signer {
            x = self.text(signer, FaceRole::Fang, BODY_PT, x, baseline);
        }
        let date_left = right - PAD_MM - date_width;
        self.rule((x + 1.0, under), (date_left - 6.0, under));
        x = date_left;
        for (blank, unit) in DATE {
            self.rule((x + 0.5, under), (x + blank, under));
            x = self.text(unit, FaceRole::Fang, BODY_PT, x + blank + 0.5, baseline);
        }
    }

    fn draw(&mut self, unit: &str, title: &str, pages: usize) {
        let (left, right) = (AREA_LEFT_MM, AREA_LEFT_MM + AREA_WIDTH_MM);
        let em = TITLE_PT * PT_MM;
        let title_baseline = AREA_TOP_MM + ASCENT_EM * em;
        self.centred(
            REVIEW_SHEET_TITLE,
            FaceRole::Title,
            TITLE_PT,
            left,
            right,
            title_baseline,
        );
        let basis_baseline = title_baseline + 10.0;
        self.centred(BASIS, FaceRole::Kai, NOTE_PT, left, right, basis_baseline);

        let label_right = left + LABEL_MM;
        let top = basis_baseline + 8.0;
        let mut y = top;
        let mut row_tops = Vec::new();
        // Rows of a label and text.
        for (label, text) in [
            ("报送单位", unit.to_owned()),
            ("报告标题", title.to_owned()),
            ("页数", format!("共{pages}页（不含本单）")),
        ] {
            row_tops.push(y);
            let height = self.wrapped(&text, label_right, right, y);
            self.centred(
                label,
                FaceRole::Hei,
                BODY_PT,
                left,
                label_right,
                Self::baseline(y + height / 2.0),
            );
            y += height;
        }
        // Rows to sign.
        for (label, signer) in [
            ("拟稿", "拟稿人："),
            ("审核", "审核人："),
            ("签发", "签发人："),
        ] {
            row_tops.push(y);
            let bottom = y + SIGNATURE_ROW_MM;
            self.centred(
                label,
                FaceRole::Hei,
                BODY_PT,
                left,
                label_right,
                Self::baseline(y + SIGNATURE_ROW_MM / 2.0),
            );
            self.signature(label_right, right, bottom, Some(signer));
            y = bottom;
        }
        // The 保密审查 box: 审查意见 (room to write) and 审查人.
        let box_top = y;
        let sub_right = label_right + LABEL_MM;
        self.centred(
            "保密审查",
            FaceRole::Hei,
            BODY_PT,
            left,
            label_right,
            Self::baseline(y + (OPINION_ROW_MM + SIGNATURE_ROW_MM) / 2.0),
        );
        self.centred(
            "审查意见",
            FaceRole::Hei,
            BODY_PT,
            label_right,
            sub_right,
            Self::baseline(y + OPINION_ROW_MM / 2.0),
        );
        y += OPINION_ROW_MM;
        let reviewer_top = y;
        self.centred(
            "审查人",
            FaceRole::Hei,
            BODY_PT,
            label_right,
            sub_right,
            Self::baseline(y + SIGNATURE_ROW_MM / 2.0),
        );
        y += SIGNATURE_ROW_MM;
        self.signature(sub_right, right, y, None);

        // The grid: the outer frame, a rule under every row, the label columns.
        for &row_top in row_tops.iter().skip(1).chain([&box_top]) {
            self.rule((left, row_top), (right, row_top));
        }
        self.rule((label_right, reviewer_top), (right, reviewer_top));
        self.rule((left, top), (right, top));
        self.rule((left, y), (right, y));
        self.rule((left, top), (left, y));
        self.rule((right, top), (right, y));
        self.rule((label_right, top), (label_right, y));
        self.rule((sub_right, box_top), (sub_right, y));

        self.text(NOTE, FaceRole::Kai, NOTE_PT, left, y + 8.0);
    }
}
