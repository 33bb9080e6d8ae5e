//! Chinese line breaking: break opportunities, 避头尾, punctuation squeeze,
//! justification.
//!
//! Break opportunities come from `unicode-linebreak` (UAX #14), which keeps
//! ASCII runs such as `0564-8680081`, `63.8%` and `111600` whole and knows the
//! classes of Latin text. On top of it sits our own 避头尾 table, for two
//! reasons: UAX #14 treats “ ” ‘ ’ as ambiguous quotation marks that glue to
//! both neighbours (a run of “六稳”“六保” would become one unbreakable lump),
//! and the spec's closing/opening sets are the contract to test against.
//! Parley was considered and not taken: it shapes and lays out free-flowing
//! rich text, while this page is a fixed character grid with per-glyph
//! positions and GB/T 9704 rules that we would have had to re-impose anyway.

use unicode_linebreak::{linebreaks, BreakOpportunity};

use crate::fonts::{FaceId, FaceRole, FontMetrics};

/// No line starts with one of these.
const NO_LINE_START: &str = "，。、；：？！）」』”’》〉】〕…％,.;:?!)]}%";
/// No line ends with one of these.
const NO_LINE_END: &str = "“‘《〈【（〔「『";
/// Closing punctuation whose glyph sits in the left half of its em box: the
/// right half may be squeezed away.
const SQUEEZE_CLOSING: &str = "，。、；：）」』”’》〉】〕";
/// Opening punctuation whose glyph sits in the right half: the left half may go.
const SQUEEZE_OPENING: &str = "（“‘《〈【〔「『";
/// Quotation marks that UAX #14 glues to both sides; in Chinese text they
/// behave like the other opening/closing punctuation.
const CJK_QUOTES: &str = "“”‘’";
/// Printed for a character that no face has (a draft only; a final copy is refused).
pub(crate) const REPLACEMENT: char = '〓';

const EPS: f32 = 0.01;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum GlyphClass {
    /// A full-width character.
    Wide,
    /// A proportional (Latin, digit) character.
    Narrow,
    /// Full-width opening punctuation, squeezable on its left.
    Opening,
    /// Full-width closing punctuation, squeezable on its right.
    Closing,
}

/// One character ready to be set: its face, size and advance.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Glyph {
    pub ch: char,
    pub face: FaceId,
    pub size_pt: f32,
    /// Advance on the line in mm (the grid pitch for a full-width character in body text).
    pub advance: f32,
    /// The font's own advance in mm, which the PDF viewer moves by.
    pub natural: f32,
    pub class: GlyphClass,
}

impl Glyph {
    fn is_space(&self) -> bool {
        self.ch.is_whitespace()
    }
}

pub(crate) const PT_MM: f32 = 25.4 / 72.0;

/// Whether `ch` is one of the punctuation marks in `set`, with a quick no for
/// the ideographs, letters and digits that make up most text.
fn is_in(set: &str, ch: char) -> bool {
    !(ch.is_ascii_alphanumeric() || ('\u{4E00}'..='\u{9FFF}').contains(&ch)) && set.contains(ch)
}

/// Turns spans of text into glyphs. Full-width characters advance by `grid`
/// when given (the 28-per-line body grid), else by their own width.
/// Characters no face has come back in `missing` and are replaced by 〓.
pub(crate) fn shape(
    metrics: &FontMetrics<'_>,
    spans: &[(&str, FaceRole)],
    size_pt: f32,
    grid: Option<f32>,
    missing: &mut Vec<char>,
) -> Vec<Glyph> {
    let size_mm = size_pt * PT_MM;
    let mut glyphs = Vec::new();
    for &(text, role) in spans {
        for ch in text.chars() {
            if ch == '\n' {
                // A forced line break: kept as a zero-width space so that
                // break_lines can see it.
                glyphs.push(Glyph {
                    ch,
                    face: metrics.role_face(role),
                    size_pt,
                    advance: 0.0,
                    natural: 0.0,
                    class: GlyphClass::Narrow,
                });
                continue;
            }
            if ch.is_control() {
                continue;
            }
            let (ch, face) = match metrics.resolve(role, ch) {
                Some(face) => (ch, face),
                None => {
                    missing.push(ch);
                    match metrics.resolve(role, REPLACEMENT) {
                        Some(face) => (REPLACEMENT, face),
                        None => continue,
                    }
                }
            };
            let natural = metrics.advance_em(face, ch) * size_mm;
            let wide = natural >= 0.9 * size_mm;
            let class = if !wide {
                GlyphClass::Narrow
            } else if is_in(SQUEEZE_CLOSING, ch) {
                GlyphClass::Closing
            } else if is_in(SQUEEZE_OPENING, ch) {
                GlyphClass::Opening
            } else {
                GlyphClass::Wide
            };
            let advance = match (wide, grid) {
                (true, Some(pitch)) => pitch,
                _ => natural,
            };
            glyphs.push(Glyph {
                ch,
                face,
                size_pt,
                advance,
                natural,
                class,
            });
        }
    }
    glyphs
}

/// `result[i]`: a line may break before glyph `i` (index 0 is never a break).
fn break_opportunities(glyphs: &[Glyph]) -> Vec<bool> {
    let text: String = glyphs.iter().map(|g| g.ch).collect();
    let mut char_at_byte = vec![0usize; text.len() + 1];
    for (ci, (bi, _)) in text.char_indices().enumerate() {
        char_at_byte[bi] = ci;
    }
    let mut uax = vec![false; glyphs.len()];
    for (byte, op) in linebreaks(&text) {
        if byte < text.len()
            && matches!(op, BreakOpportunity::Allowed | BreakOpportunity::Mandatory)
        {
            uax[char_at_byte[byte]] = true;
        }
    }
    (0..glyphs.len())
        .map(|i| {
            if i == 0 {
                return false;
            }
            let (before, after) = (glyphs[i - 1].ch, glyphs[i].ch);
            if is_in(NO_LINE_START, after) || is_in(NO_LINE_END, before) {
                false
            } else if is_in(CJK_QUOTES, before) || is_in(CJK_QUOTES, after) {
                true
            } else {
                uax[i]
            }
        })
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LineAlign {
    /// Both edges flush, the last line flush left.
    Justify,
    Left,
    Center,
    Right,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct LineSpec {
    pub width: f32,
    pub first_indent: f32,
    pub align: LineAlign,
}

/// A set line: the glyphs it shows (by index) and their x from the line box's left edge.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct SetLine {
    pub placed: Vec<(usize, f32)>,
}

fn width(glyphs: &[Glyph]) -> f32 {
    glyphs.iter().map(|g| g.advance).sum()
}

/// Room taken out between glyphs `i` and `i + 1` when both are on one line:
/// adjacent punctuation shares a half-width (clreq 3.1.6). A closing mark
/// before a closing or opening mark loses its right half (。” ）、 》（); an
/// opening mark after an opening mark loses its left half (（《).
fn pair_gap(glyphs: &[Glyph], i: usize) -> f32 {
    let (a, b) = (&glyphs[i], &glyphs[i + 1]);
    match (a.class, b.class) {
        (GlyphClass::Closing, GlyphClass::Closing | GlyphClass::Opening) => a.advance / 2.0,
        (GlyphClass::Opening, GlyphClass::Opening) => b.advance / 2.0,
        _ => 0.0,
    }
}

/// An opening mark that starts a line other than the first is set half
/// width: its empty left half goes (clreq 3.1.6).
fn start_gap(glyphs: &[Glyph], start: usize, first_line: bool) -> f32 {
    match glyphs.get(start) {
        Some(g) if !first_line && g.class == GlyphClass::Opening => g.advance / 2.0,
        _ => 0.0,
    }
}

/// End of `start..end` without trailing spaces, which vanish at a line end.
fn trimmed_end(glyphs: &[Glyph], start: usize, end: usize) -> usize {
    (start..end)
        .rev()
        .find(|&i| !glyphs[i].is_space())
        .map_or(start, |i| i + 1)
}

/// Width of `start..end` set as one line, punctuation compressed, trailing
/// spaces dropped.
fn set_width(glyphs: &[Glyph], start: usize, end: usize, first_line: bool) -> f32 {
    let end = trimmed_end(glyphs, start, end);
    if end == start {
        return 0.0;
    }
    let pairs: f32 = (start..end - 1).map(|i| pair_gap(glyphs, i)).sum();
    width(&glyphs[start..end]) - pairs - start_gap(glyphs, start, first_line)
}

/// How much more glyph `i` of the line `start..end` can give when the line
/// overflows: the half of a punctuation mark's em box that is still there.
fn squeezable(glyphs: &[Glyph], start: usize, end: usize, first_line: bool, i: usize) -> f32 {
    let g = &glyphs[i];
    let half = g.advance / 2.0;
    match g.class {
        GlyphClass::Closing if i + 1 < end && pair_gap(glyphs, i) > 0.0 => 0.0,
        GlyphClass::Opening
            if (i > start && pair_gap(glyphs, i - 1) > 0.0 && glyphs[i - 1].class == g.class)
                || (i == start && start_gap(glyphs, start, first_line) > 0.0) =>
        {
            0.0
        }
        GlyphClass::Opening | GlyphClass::Closing => half,
        GlyphClass::Wide | GlyphClass::Narrow => 0.0,
    }
}

/// Breaks `glyphs` into lines of `spec.width` (the first indented).
pub(crate) fn break_lines(glyphs: &[Glyph], spec: &LineSpec) -> Vec<SetLine> {
    break_lines_at(glyphs, &break_opportunities(glyphs), spec)
}

/// [`break_lines`] with the break opportunities already found.
fn break_lines_at(glyphs: &[Glyph], breaks: &[bool], spec: &LineSpec) -> Vec<SetLine> {
    let ranges = line_ranges(glyphs, breaks, spec);
    let last = ranges.len().saturating_sub(1);
    ranges
        .into_iter()
        .enumerate()
        .map(|(n, range)| {
            let indent = if n == 0 { spec.first_indent } else { 0.0 };
            let ends_paragraph = n == last || glyphs[range.end - 1].ch == '\n';
            set_line(
                glyphs,
                range,
                spec.available(n),
                indent,
                spec.align,
                (n == 0, ends_paragraph),
            )
        })
        .collect()
}

impl LineSpec {
    /// The width line `n` has (the first is indented).
    fn available(&self, n: usize) -> f32 {
        if n == 0 {
            self.width - self.first_indent
        } else {
            self.width
        }
    }
}

/// Where the lines of [`break_lines_at`] start and end, before they are set.
fn line_ranges(glyphs: &[Glyph], breaks: &[bool], spec: &LineSpec) -> Vec<std::ops::Range<usize>> {
    let mut units = Vec::new();
    let mut start = 0;
    for (i, &b) in breaks.iter().enumerate() {
        if b {
            units.push(start..i);
            start = i;
        }
    }
    if start < glyphs.len() {
        units.push(start..glyphs.len());
    }

    let mut ranges: Vec<std::ops::Range<usize>> = Vec::new();
    let mut line_start = 0;
    let mut line_end = 0;
    for unit in units {
        if unit.start > 0 && glyphs[unit.start - 1].ch == '\n' {
            ranges.push(line_start..unit.start);
            line_start = unit.start;
            line_end = unit.start;
        }
        let avail = spec.available(ranges.len());
        let first = ranges.is_empty();
        let with_unit = set_width(glyphs, line_start, unit.end, first);
        if with_unit <= avail + EPS {
            line_end = unit.end;
            continue;
        }
        if line_end > line_start {
            // Push-in: keep the unit when only its trailing closing punctuation
            // overflows and the line's punctuation can give the room back.
            let core_end = (unit.start..unit.end)
                .rev()
                .find(|&i| glyphs[i].class != GlyphClass::Closing && !glyphs[i].is_space())
                .map_or(unit.start, |i| i + 1);
            let core = set_width(glyphs, line_start, core_end, first);
            // The line's last glyph keeps its full width, so that its box
            // stays inside the type area; the others give the room.
            let last_visible = (unit.start..unit.end)
                .rev()
                .find(|&i| !glyphs[i].is_space())
                .unwrap_or(unit.start);
            let shrink: f32 = (line_start..last_visible)
                .map(|i| squeezable(glyphs, line_start, unit.end, first, i))
                .sum();
            if core <= avail + EPS && with_unit - avail <= shrink + EPS {
                ranges.push(line_start..unit.end);
                line_start = unit.end;
                line_end = unit.end;
                continue;
            }
            ranges.push(line_start..line_end);
        }
        // The unit starts a line; split it by characters while it is too wide.
        let mut s = unit.start;
        loop {
            let avail = spec.available(ranges.len());
            let first = ranges.is_empty();
            if set_width(glyphs, s, unit.end, first) <= avail + EPS {
                line_start = s;
                line_end = unit.end;
                break;
            }
            let mut e = s + 1;
            while e < unit.end && set_width(glyphs, s, e + 1, first) <= avail + EPS {
                e += 1;
            }
            ranges.push(s..e);
            s = e;
        }
    }
    if line_end > line_start {
        ranges.push(line_start..line_end);
    }
    ranges
}

/// Places one line's glyphs: compresses adjacent punctuation, squeezes
/// punctuation further when the line still overflows, stretches the gaps when
/// justified, aligns otherwise. `(first, last)`: the line is its block's first
/// or last.
fn set_line(
    glyphs: &[Glyph],
    range: std::ops::Range<usize>,
    avail: f32,
    indent: f32,
    align: LineAlign,
    (first, last): (bool, bool),
) -> SetLine {
    let start = range.start;
    let end = trimmed_end(glyphs, start, range.end);
    let line = &glyphs[start..end];
    let natural = set_width(glyphs, start, end, first);
    let mut squeeze = vec![0.0f32; line.len()];
    let excess = natural - avail;
    let others: f32 = (start..end.saturating_sub(1))
        .map(|i| squeezable(glyphs, start, end, first, i))
        .sum();
    if excess > EPS && others > 0.0 {
        let ratio = (excess / others).min(1.0);
        for (k, s) in squeeze.iter_mut().enumerate().take(line.len() - 1) {
            *s = squeezable(glyphs, start, end, first, start + k) * ratio;
        }
    }
    let set_width = natural - squeeze.iter().sum::<f32>();
    let slack = (avail - set_width).max(0.0);
    // Justification stretches the gaps between characters, but not between
    // two Latin letters or digits, nor inside compressed punctuation.
    let justifiable = |k: usize| {
        k > 0
            && !(line[k - 1].class == GlyphClass::Narrow && line[k].class == GlyphClass::Narrow)
            && pair_gap(glyphs, start + k - 1) == 0.0
    };
    let (offset, gap) = match align {
        LineAlign::Justify if !last => {
            let gaps = (1..line.len()).filter(|&k| justifiable(k)).count();
            (0.0, if gaps > 0 { slack / gaps as f32 } else { 0.0 })
        }
        LineAlign::Justify | LineAlign::Left => (0.0, 0.0),
        LineAlign::Center => (slack / 2.0, 0.0),
        LineAlign::Right => (slack, 0.0),
    };
    let mut x = indent + offset;
    let mut placed = Vec::with_capacity(line.len());
    for (k, g) in line.iter().enumerate() {
        let i = start + k;
        if justifiable(k) {
            x += gap;
        }
        // An opening mark gives room from its left half: it moves left over it.
        let lead = if k == 0 {
            start_gap(glyphs, start, first)
        } else {
            0.0
        };
        let shift = lead
            + if g.class == GlyphClass::Opening {
                squeeze[k]
            } else {
                0.0
            };
        placed.push((i, x - shift));
        x += g.advance - squeeze[k] - lead;
        if k + 1 < line.len() {
            x -= pair_gap(glyphs, i);
        }
    }
    SetLine { placed }
}

/// Breaks text (a table cell's, a title of three lines or more) in the narrowest width
/// that needs no more lines, so the lines come out even (三、本年 / 度办理 / 结果
/// rather than a lone 果 on the last line).
pub(crate) fn balanced_lines(glyphs: &[Glyph], width: f32, align: LineAlign) -> Vec<SetLine> {
    let spec = |width| LineSpec {
        width,
        first_indent: 0.0,
        align,
    };
    let breaks = break_opportunities(glyphs);
    let lines = break_lines_at(glyphs, &breaks, &spec(width));
    if lines.len() < 2 {
        return lines;
    }
    let (mut narrow, mut wide) = (width / lines.len() as f32, width);
    while wide - narrow > 0.2 {
        let mid = (narrow + wide) / 2.0;
        if line_ranges(glyphs, &breaks, &spec(mid)).len() > lines.len() {
            narrow = mid;
        } else {
            wide = mid;
        }
    }
    // Centre the narrower lines in the cell's full width.
    let shift = if align == LineAlign::Center {
        (width - wide) / 2.0
    } else {
        0.0
    };
    break_lines_at(glyphs, &breaks, &spec(wide))
        .into_iter()
        .map(|line| SetLine {
            placed: line
                .placed
                .into_iter()
                .map(|(i, x)| (i, x + shift))
                .collect(),
        })
        .collect()
}

/// Where to break a title that needs two lines so that the two are as even as possible,
/// preferring a break after a word-final character such as 年 or 府 (so that no word such as
/// 信息 is cut) and then an upper line not shorter than the lower. `None` when the title fits
/// one line or cannot be set in two.
pub(crate) fn balanced_break(glyphs: &[Glyph], line_width: f32) -> Option<usize> {
    const GOOD_LINE_END: &str = "年府的于局委会县市区镇乡办室院厅部";
    let total = width(glyphs);
    if total <= line_width + EPS {
        return None;
    }
    let em = glyphs.first()?.size_pt * PT_MM;
    let breaks = break_opportunities(glyphs);
    (1..glyphs.len())
        .filter(|&i| breaks[i])
        .filter_map(|i| {
            let upper = set_width(glyphs, 0, i, true);
            let lower = set_width(glyphs, i, glyphs.len(), false);
            let fits = upper <= line_width + EPS && lower <= line_width + EPS;
            let mut penalty = if GOOD_LINE_END.contains(glyphs[i - 1].ch) {
                0.0
            } else {
                3.0 * em
            };
            if lower > upper + EPS {
                penalty += em;
            }
            fits.then_some(((upper - lower).abs() + penalty, i))
        })
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, i)| i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::FontSet;

    const PITCH: f32 = 156.0 / 28.0;

    fn body(text: &str) -> Vec<SetLine> {
        let fonts = FontSet::bundled();
        let m = fonts.metrics().unwrap();
        let glyphs = shape(
            &m,
            &[(text, FaceRole::Fang)],
            16.0,
            Some(PITCH),
            &mut Vec::new(),
        );
        break_lines(
            &glyphs,
            &LineSpec {
                width: 156.0,
                first_indent: 2.0 * PITCH,
                align: LineAlign::Justify,
            },
        )
    }

    fn line_texts(text: &str) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        body(text)
            .iter()
            .map(|l| l.placed.iter().map(|&(i, _)| chars[i]).collect())
            .collect()
    }

    #[test]
    fn a_full_body_line_holds_28_characters_and_the_first_26() {
        let text = "政".repeat(26 + 28 + 5);
        let lines = line_texts(&text);
        assert_eq!(
            lines.iter().map(|l| l.chars().count()).collect::<Vec<_>>(),
            vec![26, 28, 5]
        );
    }

    #[test]
    fn full_lines_are_justified_to_the_type_area_and_the_last_is_flush_left() {
        let text = "政府信息公开，".repeat(12);
        let lines = body(&text);
        let fonts = FontSet::bundled();
        let m = fonts.metrics().unwrap();
        let glyphs = shape(
            &m,
            &[(&text, FaceRole::Fang)],
            16.0,
            Some(PITCH),
            &mut Vec::new(),
        );
        for line in &lines[..lines.len() - 1] {
            let &(i, x) = line.placed.last().unwrap();
            let right = x + glyphs[i].advance;
            assert!((right - 156.0).abs() < 0.05, "{right}");
        }
        let last = lines.last().unwrap();
        for pair in last.placed.windows(2) {
            assert!((pair[1].1 - pair[0].1 - PITCH).abs() < 0.01);
        }
    }

    #[test]
    fn no_line_starts_with_closing_or_ends_with_opening_punctuation() {
        // Place punctuation at every position relative to the line end.
        for shift in 0..6 {
            let text = format!(
                "{}《条例》（国务院令第711号），“六稳”“六保”。{}",
                "政".repeat(20 + shift),
                "公开、发布；".repeat(10)
            );
            for line in line_texts(&text) {
                let first = line.chars().next().unwrap();
                let last = line.chars().last().unwrap();
                assert!(
                    !NO_LINE_START.contains(first),
                    "line starts with {first}: {line}"
                );
                assert!(!NO_LINE_END.contains(last), "line ends with {last}: {line}");
            }
        }
    }

    #[test]
    fn ascii_runs_and_document_numbers_are_not_split() {
        for shift in 0..12 {
            let text = format!(
                "{}（六政办秘〔2020〕161号）电话0564-8680081，信息111600条，占比63.8%。",
                "政".repeat(18 + shift)
            );
            let lines = line_texts(&text);
            let joined = lines.join("|");
            for run in ["2020", "161", "0564-8680081", "111600", "63.8%"] {
                assert!(
                    lines.iter().any(|l| l.contains(run)),
                    "{run} split: {joined}"
                );
            }
        }
    }

    #[test]
    fn a_comma_overflowing_the_line_is_pushed_in_when_the_line_has_punctuation() {
        // 26 on the first line: 开 is the 26th, the comma the 27th; the two
        // enumeration commas give back half a character each.
        let text = format!(
            "{}、{}、{}公开，其余",
            "政".repeat(5),
            "政".repeat(4),
            "府".repeat(13)
        );
        let lines = line_texts(&text);
        assert_eq!(lines[0].chars().last(), Some('，'));
        assert_eq!(lines[1], "其余");
    }

    #[test]
    fn a_closing_mark_that_cannot_be_pushed_in_takes_its_character_along() {
        let text = format!("{}公开。其余", "府".repeat(25));
        let lines = line_texts(&text);
        assert_eq!(lines[0].chars().count(), 26);
        assert!(lines[1].starts_with("开。"), "{lines:?}");
    }

    #[test]
    fn the_long_title_breaks_balanced_with_the_upper_line_not_shorter() {
        let fonts = FontSet::bundled();
        let m = fonts.metrics().unwrap();
        let title = "舒城县人民政府2020年政府信息公开工作年度报告";
        let glyphs = shape(&m, &[(title, FaceRole::Title)], 22.0, None, &mut Vec::new());
        let at = balanced_break(&glyphs, 156.0).unwrap();
        let upper: String = glyphs[..at].iter().map(|g| g.ch).collect();
        assert_eq!(upper, "舒城县人民政府2020年政府");
        assert!(width(&glyphs[..at]) >= width(&glyphs[at..]));
        let short = shape(
            &m,
            &[("年度报告", FaceRole::Title)],
            22.0,
            None,
            &mut Vec::new(),
        );
        assert_eq!(balanced_break(&short, 156.0), None);
    }

    #[test]
    fn a_newline_forces_a_break() {
        assert_eq!(line_texts("本年新\n制作数量"), vec!["本年新", "制作数量"]);
    }

    #[test]
    fn a_character_no_face_has_is_reported_and_replaced() {
        let fonts = FontSet::bundled();
        let m = fonts.metrics().unwrap();
        let mut missing = Vec::new();
        let glyphs = shape(
            &m,
            &[("政\u{10000}府", FaceRole::Fang)],
            16.0,
            None,
            &mut missing,
        );
        assert_eq!(missing, vec!['\u{10000}']);
        assert_eq!(glyphs[1].ch, REPLACEMENT);
    }

    /// Each glyph's x on its line, by character, for one paragraph.
    fn positions(text: &str) -> Vec<Vec<(char, f32)>> {
        let chars: Vec<char> = text.chars().collect();
        body(text)
            .iter()
            .map(|l| l.placed.iter().map(|&(i, x)| (chars[i], x)).collect())
            .collect()
    }

    #[test]
    fn adjacent_punctuation_shares_a_half_width() {
        // A last line is not stretched: every step is the glyph's own set width.
        let line = &positions("政》（政。”政）、政（《政")[0];
        let steps: Vec<f32> = line.windows(2).map(|w| (w[1].1 - w[0].1) / PITCH).collect();
        // 政》 》（ （政 政。 。” ”政 政） ）、 、政 政（ （《 《政
        let want = [1.0, 0.5, 1.0, 1.0, 0.5, 1.0, 1.0, 0.5, 1.0, 1.0, 0.5, 1.0];
        for (i, (step, want)) in steps.iter().zip(want).enumerate() {
            assert!(
                (step - want).abs() < 0.01,
                "step {i}: {step} em, want {want}"
            );
        }
    }

    #[test]
    fn an_opening_mark_starting_a_line_is_set_half_width_and_lines_stay_justified() {
        // 26 characters fill the indented first line; the second starts with （.
        let text = format!("{}（政府）{}", "政".repeat(26), "信息公开、》（".repeat(12));
        let lines = positions(&text);
        let (first, x) = lines[1][0];
        assert_eq!(first, '（');
        assert!((x + PITCH / 2.0).abs() < 0.01, "{x}");
        // The next character follows half a character on (plus the justification's share).
        let next = lines[1][1].1;
        assert!(
            next > PITCH / 2.0 - 0.01 && next < PITCH / 2.0 + 0.5,
            "{next}"
        );
        // Every full line still ends on the type area's right edge.
        for line in &lines[..lines.len() - 1] {
            let &(ch, x) = line.last().unwrap();
            assert!(
                (x + PITCH - 156.0).abs() < 0.05,
                "{ch} ends at {}",
                x + PITCH
            );
        }
    }

    #[test]
    fn compressed_punctuation_makes_room_for_one_more_character() {
        // Two pairs give back a whole character: the first line (26 after the
        // indent) takes 27 glyphs.
        let text = format!(
            "{}》（{}）、{}",
            "政".repeat(10),
            "政".repeat(10),
            "政".repeat(20)
        );
        let lines = line_texts(&text);
        assert_eq!(lines[0].chars().count(), 27, "{lines:?}");
    }
}
