//! Document → pages: positioned text runs, rules and frames, in mm from the
//! page's top-left corner. Pure and deterministic; the writer only draws it.

mod lines;
mod review_sheet;
mod table;

use thiserror::Error;

use crate::document::{Block, Document, Paragraph, SignOff};
use crate::fonts::{FaceId, FaceRole, FontError, FontMetrics, FontSet};
use lines::{
    balanced_break, balanced_lines, break_lines, shape, Glyph, LineAlign, LineSpec, SetLine, PT_MM,
};
pub use review_sheet::{review_sheet, REVIEW_SHEET_TITLE};

pub const PAGE_WIDTH_MM: f32 = 210.0;
pub const PAGE_HEIGHT_MM: f32 = 297.0;
/// Type area (版心): left edge, top edge, width and height.
pub const AREA_LEFT_MM: f32 = 28.0;
pub const AREA_TOP_MM: f32 = 37.0;
pub const AREA_WIDTH_MM: f32 = 156.0;
pub const AREA_HEIGHT_MM: f32 = 225.0;
pub const LINES_PER_PAGE: usize = 22;
pub const CHARS_PER_LINE: usize = 28;
pub const LINE_PITCH_MM: f32 = AREA_HEIGHT_MM / LINES_PER_PAGE as f32;
pub const CHAR_PITCH_MM: f32 = AREA_WIDTH_MM / CHARS_PER_LINE as f32;
pub const BODY_PT: f32 = 16.0;
pub const TITLE_PT: f32 = 22.0;
pub const PAGE_NUMBER_PT: f32 = 14.0;
/// The page number's em box starts this far below the type area.
pub const PAGE_NUMBER_GAP_MM: f32 = 7.0;
/// Height of the ideographic em box above the baseline, in em (CJK fonts put
/// 0.88 em above and 0.12 em below).
const ASCENT_EM: f32 = 0.88;
const EPS: f32 = 0.01;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ink {
    Black,
    Red,
}

/// Text in one face and size, its first glyph's origin at (`x_mm`, `baseline_mm`);
/// the glyphs advance by the font's own widths.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    pub face: FaceId,
    pub size_pt: f32,
    pub x_mm: f32,
    pub baseline_mm: f32,
    pub text: String,
    pub ink: Ink,
}

/// A straight line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    pub from_mm: (f32, f32),
    pub to_mm: (f32, f32),
    pub width_pt: f32,
}

/// A stroked rectangle.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    pub x_mm: f32,
    pub y_mm: f32,
    pub width_mm: f32,
    pub height_mm: f32,
    pub width_pt: f32,
    pub ink: Ink,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Page {
    pub number: usize,
    pub runs: Vec<TextRun>,
    pub rules: Vec<Rule>,
    pub frames: Vec<Frame>,
}

/// A character that no face of the font set has, and where it occurs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingGlyph {
    pub ch: char,
    pub origin: String,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct PageLayout {
    pub pages: Vec<Page>,
    /// Printed as 〓 in a draft; a final copy is refused while this is not empty.
    pub missing: Vec<MissingGlyph>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LayoutOptions {
    /// Marks every page “草稿”.
    pub draft: bool,
}

#[derive(Debug, Error)]
pub enum LayoutError {
    #[error(transparent)]
    Font(#[from] FontError),
    #[error("{origin}：各列共宽{width_mm:.1}毫米，超过版心宽度156毫米")]
    TableTooWide { origin: String, width_mm: f32 },
    #[error("{origin}：第{row}行第{col}列的单元格超出表格范围")]
    CellOutsideTable {
        origin: String,
        row: usize,
        col: usize,
    },
    #[error("{origin}：表头过高，一页放不下")]
    HeaderTooTall { origin: String },
}

/// Lays out `document` in `fonts`.
pub fn layout(
    document: &Document,
    fonts: &FontSet,
    options: LayoutOptions,
) -> Result<PageLayout, LayoutError> {
    let metrics = fonts.metrics()?;
    let mut flow = Flow {
        metrics: &metrics,
        pages: vec![Page::default()],
        y: 0.0,
        missing: Vec::new(),
    };
    flow.title(&document.title);
    for (index, block) in document.blocks.iter().enumerate() {
        let origin = if block.origin().is_empty() {
            format!("第{}段", index + 1)
        } else {
            block.origin().to_owned()
        };
        match block {
            Block::Paragraph(p) => {
                // A heading straight above a table keeps with the table's header and first row,
                // not with one line: a 汇总表's section heading never ends a page alone.
                let next = match document.blocks.get(index + 1) {
                    Some(Block::Table(t)) if p.keep_with_next => Some(flow.table_start_mm(t)),
                    _ => None,
                };
                flow.paragraph(p, &origin, next)
            }
            Block::Table(t) => flow.table(t, &origin)?,
        }
    }
    if let Some(sign_off) = &document.sign_off {
        flow.sign_off(sign_off);
    }
    let Flow {
        mut pages, missing, ..
    } = flow;
    for (i, page) in pages.iter_mut().enumerate() {
        page.number = i + 1;
        page_number(&metrics, page);
        if options.draft {
            draft_mark(&metrics, page);
        }
    }
    Ok(PageLayout { pages, missing })
}

struct Flow<'a> {
    metrics: &'a FontMetrics<'a>,
    pages: Vec<Page>,
    /// Next free position on the current page, in mm below the type area's top.
    y: f32,
    missing: Vec<MissingGlyph>,
}

impl Flow<'_> {
    fn page(&mut self) -> &mut Page {
        self.pages.last_mut().expect("a flow always has a page")
    }

    fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = 0.0;
    }

    fn shape(
        &mut self,
        spans: &[(&str, FaceRole)],
        size_pt: f32,
        grid: Option<f32>,
        origin: &str,
    ) -> Vec<Glyph> {
        let mut missing = Vec::new();
        let glyphs = shape(self.metrics, spans, size_pt, grid, &mut missing);
        self.missing
            .extend(missing.into_iter().map(|ch| MissingGlyph {
                ch,
                origin: origin.to_owned(),
            }));
        glyphs
    }

    /// Grid lines still free on this page, after snapping to the grid.
    fn free_lines(&self) -> usize {
        let used = ((self.y - EPS) / LINE_PITCH_MM).ceil().max(0.0) as usize;
        LINES_PER_PAGE.saturating_sub(used)
    }

    /// Sets one line of text on the next grid line.
    fn grid_line(&mut self, glyphs: &[Glyph], line: &SetLine, left_mm: f32) {
        if self.free_lines() == 0 {
            self.new_page();
        }
        let top = (LINES_PER_PAGE - self.free_lines()) as f32 * LINE_PITCH_MM;
        let size_mm = glyphs.first().map_or(0.0, |g| g.size_pt * PT_MM);
        let baseline = AREA_TOP_MM + top + (LINE_PITCH_MM - size_mm) / 2.0 + ASCENT_EM * size_mm;
        let runs = runs_of(glyphs, line, left_mm, baseline, Ink::Black);
        self.page().runs.extend(runs);
        self.y = top + LINE_PITCH_MM;
    }

    fn blank_line(&mut self) {
        if self.free_lines() > 0 {
            self.y = (LINES_PER_PAGE - self.free_lines() + 1) as f32 * LINE_PITCH_MM;
        }
    }

    fn title(&mut self, title: &str) {
        if title.is_empty() {
            return;
        }
        let glyphs = self.shape(&[(title, FaceRole::Title)], TITLE_PT, None, "标题");
        let spec = LineSpec {
            width: AREA_WIDTH_MM,
            first_indent: 0.0,
            align: LineAlign::Center,
        };
        let lines = match balanced_break(&glyphs, AREA_WIDTH_MM) {
            Some(at) => {
                let mut upper = break_lines(&glyphs[..at], &spec);
                let lower = break_lines(&glyphs[at..], &spec);
                upper.extend(lower.into_iter().map(|l| SetLine {
                    placed: l.placed.into_iter().map(|(i, x)| (i + at, x)).collect(),
                }));
                upper
            }
            // One line, or three and more: as even as the lines can be.
            None => balanced_lines(&glyphs, AREA_WIDTH_MM, LineAlign::Center),
        };
        for line in &lines {
            self.grid_line(&glyphs, line, AREA_LEFT_MM);
        }
        self.blank_line();
    }

    /// `next_mm`: the height the next block needs to start (a table's header and first row);
    /// a heading that keeps with the next block goes to a new page unless that fits after it.
    fn paragraph(&mut self, p: &Paragraph, origin: &str, next_mm: Option<f32>) {
        let spans: Vec<(&str, FaceRole)> =
            p.spans.iter().map(|s| (s.text.as_str(), s.role)).collect();
        let glyphs = self.shape(&spans, BODY_PT, Some(CHAR_PITCH_MM), origin);
        if glyphs.is_empty() {
            return;
        }
        let lines = break_lines(
            &glyphs,
            &LineSpec {
                width: AREA_WIDTH_MM,
                first_indent: 2.0 * CHAR_PITCH_MM,
                align: LineAlign::Justify,
            },
        );
        let next_lines =
            next_mm.map_or(1, |mm| (mm / LINE_PITCH_MM - EPS).ceil().max(1.0) as usize);
        if p.keep_with_next && lines.len() + next_lines > self.free_lines() && self.y > EPS {
            self.new_page();
        }
        for line in &lines {
            self.grid_line(&glyphs, line, AREA_LEFT_MM);
        }
    }

    fn sign_off(&mut self, sign_off: &SignOff) {
        let blank = if sign_off.sealed { 3 } else { 1 };
        if self.free_lines() < blank + 2 {
            self.new_page();
        } else {
            for _ in 0..blank {
                self.blank_line();
            }
        }
        let right_space = if sign_off.sealed { 4.0 } else { 2.0 } * CHAR_PITCH_MM;
        let spec = LineSpec {
            width: AREA_WIDTH_MM - right_space,
            first_indent: 0.0,
            align: LineAlign::Right,
        };
        for text in [&sign_off.issuer, &sign_off.date] {
            let glyphs = self.shape(
                &[(text, FaceRole::Fang)],
                BODY_PT,
                Some(CHAR_PITCH_MM),
                "落款",
            );
            for line in break_lines(&glyphs, &spec) {
                self.grid_line(&glyphs, &line, AREA_LEFT_MM);
            }
        }
    }
}

/// Groups a set line's glyphs into runs: a new run starts where the face
/// changes or the position departs from the previous glyph's own advance.
fn runs_of(
    glyphs: &[Glyph],
    line: &SetLine,
    left_mm: f32,
    baseline_mm: f32,
    ink: Ink,
) -> Vec<TextRun> {
    let mut runs: Vec<TextRun> = Vec::new();
    let mut pen = f32::NAN;
    for &(i, x) in &line.placed {
        let g = &glyphs[i];
        let x = left_mm + x;
        match runs.last_mut() {
            Some(run)
                if run.face == g.face && run.size_pt == g.size_pt && (x - pen).abs() < 0.001 =>
            {
                run.text.push(g.ch);
            }
            _ => runs.push(TextRun {
                face: g.face,
                size_pt: g.size_pt,
                x_mm: x,
                baseline_mm,
                text: g.ch.to_string(),
                ink,
            }),
        }
        pen = x + g.natural;
    }
    runs
}

fn single_line(glyphs: &[Glyph]) -> SetLine {
    let mut x = 0.0;
    SetLine {
        placed: glyphs
            .iter()
            .enumerate()
            .map(|(i, g)| {
                let at = x;
                x += g.advance;
                (i, at)
            })
            .collect(),
    }
}

fn line_width(glyphs: &[Glyph]) -> f32 {
    glyphs.iter().map(|g| g.advance).sum()
}

/// “— n —” in Song, odd pages right and even pages left, one character in
/// from the type area's edge, its em box 7 mm below the type area.
fn page_number(metrics: &FontMetrics<'_>, page: &mut Page) {
    let text = format!("— {} —", page.number);
    let glyphs = shape(
        metrics,
        &[(&text, FaceRole::Song)],
        PAGE_NUMBER_PT,
        None,
        &mut Vec::new(),
    );
    let em = PAGE_NUMBER_PT * PT_MM;
    let x = if page.number % 2 == 1 {
        AREA_LEFT_MM + AREA_WIDTH_MM - em - line_width(&glyphs)
    } else {
        AREA_LEFT_MM + em
    };
    let baseline = AREA_TOP_MM + AREA_HEIGHT_MM + PAGE_NUMBER_GAP_MM + ASCENT_EM * em;
    page.runs.extend(runs_of(
        &glyphs,
        &single_line(&glyphs),
        x,
        baseline,
        Ink::Black,
    ));
}

/// A red framed “草稿” in the top margin, right of centre.
fn draft_mark(metrics: &FontMetrics<'_>, page: &mut Page) {
    const SIZE_PT: f32 = 22.0;
    let glyphs = shape(
        metrics,
        &[("草稿", FaceRole::Hei)],
        SIZE_PT,
        None,
        &mut Vec::new(),
    );
    let em = SIZE_PT * PT_MM;
    let (pad, width) = (2.0, line_width(&glyphs));
    let right = AREA_LEFT_MM + AREA_WIDTH_MM;
    let top = AREA_TOP_MM - 22.0;
    page.frames.push(Frame {
        x_mm: right - width - 2.0 * pad,
        y_mm: top,
        width_mm: width + 2.0 * pad,
        height_mm: em + 2.0 * pad,
        width_pt: 1.5,
        ink: Ink::Red,
    });
    let baseline = top + pad + ASCENT_EM * em;
    page.runs.extend(runs_of(
        &glyphs,
        &single_line(&glyphs),
        right - width - pad,
        baseline,
        Ink::Red,
    ));
}

#[cfg(test)]
mod tests;
