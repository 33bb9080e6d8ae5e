//! The document the layout sets: a title, paragraphs and tables, an optional
//! sign-off. It knows nothing of the report it came from.

use crate::fonts::FaceRole;

#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub title: String,
    pub blocks: Vec<Block>,
    pub sign_off: Option<SignOff>,
    pub properties: Properties,
}

/// What a PDF reader shows as the document's properties (its title is the
/// document's own).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Properties {
    pub author: String,
    pub subject: String,
    pub keywords: Vec<String>,
    /// The day the document was made (year, month, day); none is written without one.
    pub created: Option<(u16, u8, u8)>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Paragraph(Paragraph),
    Table(Table),
}

impl Block {
    /// Where the block came from, in words a clerk reads (e.g. “一、总体情况 第2段”).
    pub fn origin(&self) -> &str {
        match self {
            Block::Paragraph(p) => &p.origin,
            Block::Table(t) => &t.origin,
        }
    }
}

/// A run of text in one face.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    pub text: String,
    pub role: FaceRole,
}

/// A paragraph of body size (16 pt), indented two characters, on the line grid.
/// Its spans may change face: a run-in heading is a Kai span followed by a Fang one.
#[derive(Debug, Clone, PartialEq)]
pub struct Paragraph {
    pub spans: Vec<Span>,
    /// A heading is never left as the last line of a page.
    pub keep_with_next: bool,
    pub origin: String,
}

/// The heading levels of GB/T 9704.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeadingLevel {
    /// 一、 in Hei.
    First,
    /// （一） in Kai.
    Second,
    /// 1. and （1） in Fang.
    Third,
}

impl HeadingLevel {
    pub fn role(self) -> FaceRole {
        match self {
            HeadingLevel::First => FaceRole::Hei,
            HeadingLevel::Second => FaceRole::Kai,
            HeadingLevel::Third => FaceRole::Fang,
        }
    }
}

impl Paragraph {
    pub fn body(text: impl Into<String>) -> Paragraph {
        Paragraph {
            spans: vec![Span {
                text: text.into(),
                role: FaceRole::Fang,
            }],
            keep_with_next: false,
            origin: String::new(),
        }
    }

    pub fn heading(level: HeadingLevel, text: impl Into<String>) -> Paragraph {
        Paragraph {
            spans: vec![Span {
                text: text.into(),
                role: level.role(),
            }],
            keep_with_next: true,
            origin: String::new(),
        }
    }

    /// A heading set in its own face, the body continuing on the same line:
    /// “（一）主动公开情况。” in Kai, then the text in Fang.
    pub fn run_in(
        level: HeadingLevel,
        heading: impl Into<String>,
        text: impl Into<String>,
    ) -> Paragraph {
        Paragraph {
            spans: vec![
                Span {
                    text: heading.into(),
                    role: level.role(),
                },
                Span {
                    text: text.into(),
                    role: FaceRole::Fang,
                },
            ],
            keep_with_next: false,
            origin: String::new(),
        }
    }

    pub fn with_origin(mut self, origin: impl Into<String>) -> Paragraph {
        self.origin = origin.into();
        self
    }

    pub fn text(&self) -> String {
        self.spans.iter().map(|s| s.text.as_str()).collect()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
}

/// One cell of a table, placed on the grid by its top-left row and column.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub row: usize,
    pub col: usize,
    pub row_span: usize,
    pub col_span: usize,
    pub text: String,
    pub align: Align,
}

impl Cell {
    pub fn new(row: usize, col: usize, text: impl Into<String>) -> Cell {
        Cell {
            row,
            col,
            row_span: 1,
            col_span: 1,
            text: text.into(),
            align: Align::Center,
        }
    }

    pub fn span(mut self, rows: usize, cols: usize) -> Cell {
        self.row_span = rows;
        self.col_span = cols;
        self
    }

    pub fn left(mut self) -> Cell {
        self.align = Align::Left;
        self
    }
}

/// A ruled table. Its first `header_rows` rows repeat on every page it spans.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub columns_mm: Vec<f32>,
    pub header_rows: usize,
    /// Rows that never end a page (a block's heading row stays with its first row).
    pub keep_with_next: Vec<usize>,
    pub font_size_pt: f32,
    pub role: FaceRole,
    pub cells: Vec<Cell>,
    pub origin: String,
}

impl Table {
    pub fn row_count(&self) -> usize {
        self.cells
            .iter()
            .map(|c| c.row + c.row_span)
            .max()
            .unwrap_or(0)
    }
}

/// The issuing body and the date, set right-aligned below the last section.
#[derive(Debug, Clone, PartialEq)]
pub struct SignOff {
    pub issuer: String,
    /// Written out, e.g. “2021年1月20日”.
    pub date: String,
    /// With a seal the lines keep four characters' space on the right, else two.
    pub sealed: bool,
}
