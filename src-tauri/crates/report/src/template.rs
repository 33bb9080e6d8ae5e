//! The official tables as grids: every cell of 表二, 表三 and 表四 with its place, its spans and
//! what it holds (a label, or a figure by its key), in the shape the State Council's template
//! draws. This is the one description of the tables' shape; the PDF, the app's grid and every
//! other output draw from it.

use crate::edition::{
    self, cell_key, ApplicationRowPlace, Column, Edition, TableId, ValueKind, APPEAL_COLUMNS,
    APPEAL_GROUPS, APPLICANTS_HEADER, APPLICATIONS_CORNER, APPLICATION_COLUMNS,
    LEGAL_PERSONS_HEADER, LITIGATION_HEADER, PROACTIVE_ROW_HEADER, RESULTS_HEADER,
};
use serde::Serialize;
use std::sync::OnceLock;

/// The width of the type area the widths are drawn for (A4, GB/T 9704), in mm.
pub const TYPE_AREA_WIDTH_MM: f32 = 156.0;

/// One table of the report as the template draws it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TableTemplate {
    pub table: TableId,
    /// 表二 / 表三 / 表四
    pub label: String,
    /// e.g. 主动公开政府信息情况
    pub title: String,
    /// The grid's column widths on the printed page, in mm; they add up to the type area.
    pub columns_mm: Vec<f32>,
    pub rows: usize,
    /// The rows at the top that form the header (repeated on every page the table runs over).
    pub header_rows: usize,
    /// Rows that must not end a page (table 二's article and column-name rows).
    pub keep_with_next: Vec<usize>,
    /// Every cell, each once, in the order they are drawn.
    pub cells: Vec<TemplateCell>,
}

/// One cell of the grid; a merged cell spans rows and columns from its top-left place.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TemplateCell {
    pub row: usize,
    pub col: usize,
    pub row_span: usize,
    pub col_span: usize,
    pub content: CellContent,
}

/// What a cell holds.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum CellContent {
    /// Printed text of the template; a `\n` is a line break the template sets.
    Label {
        text: String,
        role: LabelRole,
        align: Align,
    },
    /// A figure of the report, by its cell key.
    Figure {
        key: String,
        kind: ValueKind,
        /// Computed from the cells it sums (never typed); see [`crate::edition::CellSpec::sums`].
        total: bool,
        /// The row's label as a clerk reads it, with its block or group.
        row_label: String,
        column_label: String,
    },
}

/// What part of the table a label is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum LabelRole {
    /// Table 三's top-left note on how the column adds up.
    Corner,
    /// A column heading.
    Header,
    /// Table 二's full-width row naming the article item (第二十条第（一）项).
    Block,
    /// A row's own label.
    RowLabel,
    /// A label spanning the rows of a group (（三）不予公开 over its items).
    Group,
    /// 三、本年度办理结果, spanning every result row.
    Results,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Align {
    Center,
    Left,
}

impl TableTemplate {
    /// The keys of the figures the table shows.
    pub fn figure_keys(&self) -> impl Iterator<Item = &str> {
        self.cells.iter().filter_map(|c| match &c.content {
            CellContent::Figure { key, .. } => Some(key.as_str()),
            CellContent::Label { .. } => None,
        })
    }
}

/// The three tables of an edition, in the report's order.
pub fn table_templates(edition: Edition) -> &'static [TableTemplate; 3] {
    static E2019: OnceLock<[TableTemplate; 3]> = OnceLock::new();
    static E2021: OnceLock<[TableTemplate; 3]> = OnceLock::new();
    let slot = match edition {
        Edition::E2019 => &E2019,
        Edition::E2021 => &E2021,
    };
    slot.get_or_init(|| [proactive(edition), applications(edition), appeals(edition)])
}

/// One table of an edition.
pub fn table_template(edition: Edition, table: TableId) -> &'static TableTemplate {
    let [p, a, b] = table_templates(edition);
    match table {
        TableId::Proactive => p,
        TableId::Applications => a,
        TableId::Appeals => b,
    }
}

/// Builds a template cell by cell.
struct Grid {
    edition: Edition,
    cells: Vec<TemplateCell>,
}

impl Grid {
    fn new(edition: Edition) -> Grid {
        Grid {
            edition,
            cells: Vec::new(),
        }
    }

    fn label(&mut self, at: (usize, usize), span: (usize, usize), text: &str, role: LabelRole) {
        self.push(at, span, text, role, Align::Center);
    }

    fn left(&mut self, at: (usize, usize), span: (usize, usize), text: &str, role: LabelRole) {
        self.push(at, span, text, role, Align::Left);
    }

    fn push(
        &mut self,
        (row, col): (usize, usize),
        (row_span, col_span): (usize, usize),
        text: &str,
        role: LabelRole,
        align: Align,
    ) {
        self.cells.push(TemplateCell {
            row,
            col,
            row_span,
            col_span,
            content: CellContent::Label {
                text: text.to_owned(),
                role,
                align,
            },
        });
    }

    fn figure(&mut self, (row, col): (usize, usize), col_span: usize, key: String) {
        let spec = edition::cell(self.edition, &key)
            .unwrap_or_else(|| panic!("the template names a cell the edition lacks: {key}"));
        self.cells.push(TemplateCell {
            row,
            col,
            row_span: 1,
            col_span,
            content: CellContent::Figure {
                kind: spec.kind,
                total: spec.is_total(),
                row_label: spec.row_label.clone(),
                column_label: spec.column_label.to_owned(),
                key,
            },
        });
    }

    fn finish(
        self,
        table: TableId,
        columns_mm: Vec<f32>,
        header_rows: usize,
        keep_with_next: Vec<usize>,
    ) -> TableTemplate {
        let rows = self
            .cells
            .iter()
            .map(|c| c.row + c.row_span)
            .max()
            .unwrap_or(0);
        TableTemplate {
            table,
            label: table.label().to_owned(),
            title: table.title().to_owned(),
            columns_mm,
            rows,
            header_rows,
            keep_with_next,
            cells: self.cells,
        }
    }
}

/// Table 二: blocks headed by a full-width row naming the article item, each with its own
/// 信息内容 row of column names. Three number columns; a block with fewer lets its last
/// column span the rest.
fn proactive(edition: Edition) -> TableTemplate {
    const NUMBER_COLUMNS: usize = 3;
    const LABEL_MM: f32 = 48.0;
    let mut g = Grid::new(edition);
    let mut keep_with_next = Vec::new();
    let mut row = 0;
    let span = |columns: &[Column], i: usize| {
        if i + 1 == columns.len() {
            NUMBER_COLUMNS - i
        } else {
            1
        }
    };
    for block in edition::proactive_blocks(edition) {
        g.label(
            (row, 0),
            (1, NUMBER_COLUMNS + 1),
            block.item,
            LabelRole::Block,
        );
        keep_with_next.extend([row, row + 1]);
        row += 1;
        g.label((row, 0), (1, 1), PROACTIVE_ROW_HEADER, LabelRole::Header);
        for (i, c) in block.columns.iter().enumerate() {
            let s = span(block.columns, i);
            g.label((row, 1 + i), (1, s), c.label, LabelRole::Header);
        }
        row += 1;
        for r in block.rows {
            g.label((row, 0), (1, 1), r.label, LabelRole::RowLabel);
            for (i, c) in block.columns.iter().enumerate() {
                let key = cell_key(TableId::Proactive, r.key, c.key);
                g.figure((row, 1 + i), span(block.columns, i), key);
            }
            row += 1;
        }
    }
    let number_mm = (TYPE_AREA_WIDTH_MM - LABEL_MM) / NUMBER_COLUMNS as f32;
    let mut columns_mm = vec![LABEL_MM];
    columns_mm.extend([number_mm; NUMBER_COLUMNS]);
    g.finish(TableId::Proactive, columns_mm, 0, keep_with_next)
}

/// Table 三: the corner note over three label columns and three header rows;
/// 三、本年度办理结果 spanning its result rows; （三）（四）（五）(and （六） in 2021) spanning their
/// numbered items.
fn applications(edition: Edition) -> TableTemplate {
    const HEADER_ROWS: usize = 3;
    let cols = APPLICATION_COLUMNS;
    let mut g = Grid::new(edition);
    g.label(
        (0, 0),
        (HEADER_ROWS, 3),
        APPLICATIONS_CORNER,
        LabelRole::Corner,
    );
    g.label(
        (0, 3),
        (1, cols.len()),
        APPLICANTS_HEADER,
        LabelRole::Header,
    );
    g.label((1, 3), (2, 1), cols[0].label, LabelRole::Header);
    g.label((1, 4), (1, 5), LEGAL_PERSONS_HEADER, LabelRole::Header);
    g.label((1, 9), (2, 1), cols[6].label, LabelRole::Header);
    for (i, c) in cols[1..6].iter().enumerate() {
        g.label((2, 4 + i), (1, 1), c.label, LabelRole::Header);
    }
    let rows = edition::application_rows(edition);
    let results = rows
        .iter()
        .filter(|r| r.place != ApplicationRowPlace::Top)
        .count();
    let first_result = rows
        .iter()
        .position(|r| r.place != ApplicationRowPlace::Top)
        .unwrap_or(0);
    let mut group_started: Option<&str> = None;
    for (i, r) in rows.iter().enumerate() {
        let row = HEADER_ROWS + i;
        match r.place {
            ApplicationRowPlace::Top => g.left((row, 0), (1, 3), r.label, LabelRole::RowLabel),
            ApplicationRowPlace::Result => {
                if i == first_result {
                    g.label((row, 0), (results, 1), RESULTS_HEADER, LabelRole::Results);
                }
                g.left((row, 1), (1, 2), r.label, LabelRole::RowLabel);
            }
            ApplicationRowPlace::ResultItem { group } => {
                if group_started != Some(group) {
                    let items = rows
                        .iter()
                        .filter(|o| o.place == ApplicationRowPlace::ResultItem { group })
                        .count();
                    // “（三）” on its own line, “不予公开” below, as the template sets it.
                    let text = group.replacen('）', "）\n", 1);
                    g.label((row, 1), (items, 1), &text, LabelRole::Group);
                    group_started = Some(group);
                }
                g.left((row, 2), (1, 1), r.label, LabelRole::RowLabel);
            }
        }
        for (c, column) in cols.iter().enumerate() {
            g.figure(
                (row, 3 + c),
                1,
                cell_key(TableId::Applications, r.key, column.key),
            );
        }
    }
    let mut columns_mm = vec![13.0, 17.0, 56.0];
    columns_mm.extend([10.0; 7]);
    g.finish(TableId::Applications, columns_mm, HEADER_ROWS, Vec::new())
}

/// Table 四: 行政复议 over its five columns, 行政诉讼 over 未经复议直接起诉 and 复议后起诉;
/// 行政复议's five column names span the second and third header rows.
fn appeals(edition: Edition) -> TableTemplate {
    let per_group = APPEAL_COLUMNS.len();
    let columns = per_group * APPEAL_GROUPS.len();
    let mut g = Grid::new(edition);
    g.label(
        (0, 0),
        (1, per_group),
        APPEAL_GROUPS[0].label,
        LabelRole::Header,
    );
    g.label(
        (0, per_group),
        (1, columns - per_group),
        LITIGATION_HEADER,
        LabelRole::Header,
    );
    for (i, group) in APPEAL_GROUPS.iter().enumerate() {
        let first = i * per_group;
        if i > 0 {
            g.label((1, first), (1, per_group), group.label, LabelRole::Header);
        }
        for (c, column) in APPEAL_COLUMNS.iter().enumerate() {
            // 行政复议's column names span the second and third header rows.
            let (row, span) = if i == 0 { (1, 2) } else { (2, 1) };
            g.label((row, first + c), (span, 1), column.label, LabelRole::Header);
            let key = cell_key(TableId::Appeals, group.key, column.key);
            g.figure((3, first + c), 1, key);
        }
    }
    let columns_mm = vec![TYPE_AREA_WIDTH_MM / columns as f32; columns];
    g.finish(TableId::Appeals, columns_mm, 3, Vec::new())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn label<'a>(t: &'a TableTemplate, text: &str) -> &'a TemplateCell {
        t.cells
            .iter()
            .find(|c| matches!(&c.content, CellContent::Label { text: l, .. } if l == text))
            .unwrap_or_else(|| panic!("{text}"))
    }

    #[test]
    fn every_cell_of_the_edition_is_drawn_once_and_no_other() {
        for edition in [Edition::E2019, Edition::E2021] {
            let drawn: Vec<&str> = table_templates(edition)
                .iter()
                .flat_map(|t| t.figure_keys())
                .collect();
            let unique: HashSet<&str> = drawn.iter().copied().collect();
            assert_eq!(unique.len(), drawn.len(), "{edition:?}");
            let specs: HashSet<&str> = edition::cells(edition)
                .iter()
                .map(|c| c.key.as_str())
                .collect();
            assert_eq!(unique, specs, "{edition:?}");
        }
    }

    #[test]
    fn cells_tile_the_grid_without_overlap_or_holes() {
        for edition in [Edition::E2019, Edition::E2021] {
            for t in table_templates(edition) {
                let width = t.columns_mm.len();
                let mut covered = vec![vec![false; width]; t.rows];
                for c in &t.cells {
                    for row in covered.iter_mut().skip(c.row).take(c.row_span) {
                        for slot in row.iter_mut().skip(c.col).take(c.col_span) {
                            assert!(!*slot, "{edition:?} {:?} overlap at {c:?}", t.table);
                            *slot = true;
                        }
                    }
                    assert!(c.col + c.col_span <= width, "{c:?}");
                }
                assert!(
                    covered.iter().flatten().all(|&s| s),
                    "{edition:?} {:?} has a hole",
                    t.table
                );
                let sum: f32 = t.columns_mm.iter().sum();
                assert!((sum - TYPE_AREA_WIDTH_MM).abs() < 0.01, "{sum}");
            }
        }
    }

    #[test]
    fn table_three_merges_as_the_official_template() {
        let t = table_template(Edition::E2019, TableId::Applications);
        let spans = |text: &str| {
            let c = label(t, text);
            (c.row_span, c.col_span)
        };
        assert_eq!(spans(APPLICATIONS_CORNER), (3, 3));
        assert_eq!(spans(APPLICANTS_HEADER), (1, 7));
        assert_eq!(spans("自然人"), (2, 1));
        assert_eq!(spans(LEGAL_PERSONS_HEADER), (1, 5));
        assert_eq!(spans(RESULTS_HEADER), (20, 1));
        assert_eq!(spans("（三）\n不予公开"), (8, 1));
        assert_eq!(spans("（四）\n无法提供"), (3, 1));
        assert_eq!(spans("（五）\n不予处理"), (5, 1));
        assert_eq!(spans("（六）其他处理"), (1, 2));
        assert_eq!(spans("一、本年新收政府信息公开申请数量"), (1, 3));
        assert_eq!(t.rows, 3 + 23);
        assert_eq!(t.header_rows, 3);

        let t21 = table_template(Edition::E2021, TableId::Applications);
        assert_eq!(label(t21, "（六）\n其他处理").row_span, 3);
        assert_eq!(t21.rows, 3 + 25);
    }

    #[test]
    fn totals_are_marked_where_the_edition_computes_them() {
        let t = table_template(Edition::E2021, TableId::Applications);
        let total = |key: &str| {
            t.cells.iter().find_map(|c| match &c.content {
                CellContent::Figure { key: k, total, .. } if k == key => Some(*total),
                _ => None,
            })
        };
        assert_eq!(total("applications.granted.natural"), Some(false));
        assert_eq!(total("applications.granted.total"), Some(true));
        assert_eq!(total("applications.handled_total.business"), Some(true));
        assert_eq!(total("applications.carried_in.natural"), Some(false));
    }

    #[test]
    fn table_two_blocks_keep_with_their_rows_and_narrow_blocks_span() {
        let t = table_template(Edition::E2019, TableId::Proactive);
        assert_eq!(
            t.cells
                .iter()
                .filter(|c| matches!(&c.content, CellContent::Label { text, .. } if text == PROACTIVE_ROW_HEADER))
                .count(),
            5
        );
        assert_eq!(label(t, "第二十条第（一）项").col_span, 4);
        let fees = t
            .cells
            .iter()
            .find(|c| matches!(&c.content, CellContent::Figure { key, .. } if key == "proactive.fees.change"))
            .unwrap();
        assert_eq!((fees.col, fees.col_span), (2, 2));
        assert_eq!(t.keep_with_next.len(), 10);
        assert_eq!(t.header_rows, 0);
    }

    #[test]
    fn table_four_has_fifteen_figures_under_three_header_rows() {
        let t = table_template(Edition::E2021, TableId::Appeals);
        assert_eq!(t.columns_mm.len(), 15);
        assert_eq!(t.figure_keys().count(), 15);
        assert_eq!(label(t, "行政复议").col_span, 5);
        assert_eq!(label(t, LITIGATION_HEADER).col_span, 10);
        assert_eq!(label(t, "结果维持").row_span, 2);
        assert_eq!(t.rows, 4);
    }
}
