//! Ruled tables: cell text wrapped inside its cell, rows never split, header
//! rows repeated on every page, a row-spanning label drawn again on each page
//! its rows reach.

use std::collections::BTreeSet;

use super::lines::{balanced_lines, Glyph, LineAlign, SetLine, PT_MM};
use super::{
    runs_of, Flow, Ink, LayoutError, Rule, AREA_HEIGHT_MM, AREA_LEFT_MM, AREA_TOP_MM,
    AREA_WIDTH_MM, ASCENT_EM, EPS,
};
use crate::document::{Align, Table};

const RULE_PT: f32 = 0.5;
const PAD_X_MM: f32 = 1.0;
const PAD_Y_MM: f32 = 1.0;
/// Line height inside a cell, in em.
const LINE_HEIGHT_EM: f32 = 1.25;

/// A table set in its columns, before it is placed.
struct Measured {
    col_x: Vec<f32>,
    texts: Vec<CellText>,
    heights: Vec<f32>,
    line_height: f32,
}

struct CellText {
    glyphs: Vec<Glyph>,
    lines: Vec<SetLine>,
}

impl Flow<'_> {
    /// The table's columns (x from the left edge) and its cells set in them, with each row's
    /// height and the line height.
    fn measure(&mut self, table: &Table, origin: &str) -> Measured {
        let columns = &table.columns_mm;
        let total: f32 = columns.iter().sum();
        let mut col_x = vec![AREA_LEFT_MM + (AREA_WIDTH_MM - total) / 2.0];
        for w in columns {
            col_x.push(col_x.last().copied().unwrap_or_default() + w);
        }
        let em = table.font_size_pt * PT_MM;
        let line_height = LINE_HEIGHT_EM * em;

        let texts: Vec<CellText> = table
            .cells
            .iter()
            .map(|cell| {
                let glyphs = self.shape(
                    &[(cell.text.trim(), table.role)],
                    table.font_size_pt,
                    None,
                    origin,
                );
                let width = col_x[cell.col + cell.col_span] - col_x[cell.col] - 2.0 * PAD_X_MM;
                let align = match cell.align {
                    Align::Left => LineAlign::Left,
                    Align::Center => LineAlign::Center,
                };
                CellText {
                    lines: balanced_lines(&glyphs, width, align),
                    glyphs,
                }
            })
            .collect();

        let heights = row_heights(table, &texts, line_height);
        Measured {
            col_x,
            texts,
            heights,
            line_height,
        }
    }

    /// The height the table needs to start on a page: its header rows and first body row.
    pub(super) fn table_start_mm(&mut self, table: &Table) -> f32 {
        if check_shape(table, "").is_err() {
            return 0.0; // said when it is laid out
        }
        // Measured again when it is laid out: what is missing from the fonts is said then.
        let said = self.missing.len();
        let m = self.measure(table, "");
        self.missing.truncate(said);
        m.heights.iter().take(table.header_rows + 1).sum()
    }

    pub(super) fn table(&mut self, table: &Table, origin: &str) -> Result<(), LayoutError> {
        check_shape(table, origin)?;
        let Measured {
            col_x,
            texts,
            heights,
            line_height,
        } = self.measure(table, origin);
        let header_rows = table.header_rows;
        let header_height: f32 = heights[..header_rows].iter().sum();
        let rows = heights.len();
        if header_height + heights.get(header_rows).copied().unwrap_or(0.0) > AREA_HEIGHT_MM {
            return Err(LayoutError::HeaderTooTall {
                origin: origin.to_owned(),
            });
        }

        let mut first = header_rows;
        while first < rows || first == header_rows {
            let needed = header_height + heights.get(first).copied().unwrap_or(0.0);
            if self.y + needed > AREA_HEIGHT_MM + EPS {
                self.new_page();
            }
            let mut end = first;
            let mut bottom = self.y + header_height;
            while end < rows && bottom + heights[end] <= AREA_HEIGHT_MM + EPS {
                bottom += heights[end];
                end += 1;
            }
            while end > first + 1
                && end < rows
                && !fits_break(table, &texts, &heights, line_height, first, end)
            {
                bottom -= heights[end - 1];
                end -= 1;
            }
            if end == first && first < rows {
                // A row taller than a whole page: set it anyway, overflowing.
                bottom += heights[end];
                end += 1;
            }
            self.table_part(table, &texts, &heights, &col_x, line_height, first..end);
            self.y = bottom;
            if end >= rows {
                break;
            }
            first = end;
            self.new_page();
        }
        Ok(())
    }

    /// Draws the header rows and body rows `body` at the current position.
    fn table_part(
        &mut self,
        table: &Table,
        texts: &[CellText],
        heights: &[f32],
        col_x: &[f32],
        line_height: f32,
        body: std::ops::Range<usize>,
    ) {
        let shown: Vec<usize> = (0..table.header_rows).chain(body.clone()).collect();
        let mut row_top = vec![f32::NAN; heights.len()];
        let mut y = AREA_TOP_MM + self.y;
        for &r in &shown {
            row_top[r] = y;
            y += heights[r];
        }
        let row_bottom = |r: usize| row_top[r] + heights[r];

        let mut edges: BTreeSet<(i64, i64, i64, i64)> = BTreeSet::new();
        let mut runs = Vec::new();
        for (cell, text) in table.cells.iter().zip(texts) {
            let rows: Vec<usize> = (cell.row..cell.row + cell.row_span)
                .filter(|r| shown.contains(r))
                .collect();
            let (Some(&first), Some(&last)) = (rows.first(), rows.last()) else {
                continue;
            };
            let (top, bottom) = (row_top[first], row_bottom(last));
            let (left, right) = (col_x[cell.col], col_x[cell.col + cell.col_span]);
            let mm = |v: f32| (v * 100.0).round() as i64;
            edges.insert((mm(left), mm(top), mm(right), mm(top)));
            edges.insert((mm(left), mm(bottom), mm(right), mm(bottom)));
            edges.insert((mm(left), mm(top), mm(left), mm(bottom)));
            edges.insert((mm(right), mm(top), mm(right), mm(bottom)));

            let em = table.font_size_pt * PT_MM;
            let block = text.lines.len() as f32 * line_height;
            let mut line_top = top + (bottom - top - block) / 2.0;
            for line in &text.lines {
                let baseline = line_top + (line_height - em) / 2.0 + ASCENT_EM * em;
                runs.extend(runs_of(
                    &text.glyphs,
                    line,
                    left + PAD_X_MM,
                    baseline,
                    Ink::Black,
                ));
                line_top += line_height;
            }
        }
        let page = self.page();
        page.runs.extend(runs);
        page.rules
            .extend(edges.into_iter().map(|(x1, y1, x2, y2)| Rule {
                from_mm: (x1 as f32 / 100.0, y1 as f32 / 100.0),
                to_mm: (x2 as f32 / 100.0, y2 as f32 / 100.0),
                width_pt: RULE_PT,
            }));
    }
}

/// Whether the page may break before row `end` (this page's body rows start
/// at `first`): not after a row that keeps with the next, and not where a
/// spanning label would be left with less room than its text needs on either
/// side of the break.
fn fits_break(
    table: &Table,
    texts: &[CellText],
    heights: &[f32],
    line_height: f32,
    first: usize,
    end: usize,
) -> bool {
    if table.keep_with_next.contains(&(end - 1)) {
        return false;
    }
    table.cells.iter().zip(texts).all(|(cell, text)| {
        let last = cell.row + cell.row_span;
        if cell.row >= end || last <= end {
            return true;
        }
        let need = text.lines.len() as f32 * line_height + 2.0 * PAD_Y_MM;
        let before: f32 = heights[cell.row.max(first)..end].iter().sum();
        let after: f32 = heights[end..last].iter().sum();
        before + EPS >= need && after + EPS >= need
    })
}

fn check_shape(table: &Table, origin: &str) -> Result<(), LayoutError> {
    let width: f32 = table.columns_mm.iter().sum();
    if width > AREA_WIDTH_MM + 0.5 {
        return Err(LayoutError::TableTooWide {
            origin: origin.to_owned(),
            width_mm: width,
        });
    }
    let outside = table.cells.iter().find(|c| {
        c.row_span == 0
            || c.col_span == 0
            || c.col + c.col_span > table.columns_mm.len()
            || (c.row < table.header_rows && c.row + c.row_span > table.header_rows)
    });
    match outside {
        Some(c) => Err(LayoutError::CellOutsideTable {
            origin: origin.to_owned(),
            row: c.row,
            col: c.col,
        }),
        None => Ok(()),
    }
}

/// Each row as tall as its tallest single-row cell; a spanning cell that needs
/// more than its rows give grows its last row.
fn row_heights(table: &Table, texts: &[CellText], line_height: f32) -> Vec<f32> {
    let minimum = line_height + 2.0 * PAD_Y_MM;
    let mut heights = vec![minimum; table.row_count()];
    let need = |t: &CellText| t.lines.len() as f32 * line_height + 2.0 * PAD_Y_MM;
    let mut spanning = Vec::new();
    for (cell, text) in table.cells.iter().zip(texts) {
        if cell.row_span == 1 {
            heights[cell.row] = heights[cell.row].max(need(text));
        } else {
            spanning.push((cell, text));
        }
    }
    spanning.sort_by_key(|(c, _)| c.row_span);
    for (cell, text) in spanning {
        let rows = cell.row..cell.row + cell.row_span;
        let have: f32 = heights[rows.clone()].iter().sum();
        let short = need(text) - have;
        if short > 0.0 {
            heights[rows.end - 1] += short;
        }
    }
    heights
}
