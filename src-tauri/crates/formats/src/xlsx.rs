//! Excel: the report as a workbook offices collect figures in, and such a workbook read back.
//!
//! The workbook has a sheet 基本信息 (the unit, year, edition and title; a label in column A,
//! its value in B), one sheet per table (表二, 表三, 表四) drawn from the edition's template
//! with a row above the grid holding the table's label and title, and a sheet 正文 with the
//! opening, every paragraph and the sign-off, so that export → import gives the same report.
//!
//! Reading finds every figure by its place in the template and reports every problem by sheet
//! and cell (“表三 D7（……）：“abc”不是数字”). A report is read as it came: totals are taken as
//! written, never recomputed. A workbook without 正文 reads with the default title and opening
//! and empty sections.

use calamine::{DataRef, Reader, Xlsx};
use nianbao_report::{
    default_opening, default_title, parse_value, table_templates, CellContent, Date, Edition,
    Heading, HeadingLevel, LabelRole, Paragraph, Report, SectionKey, SignOff, TableTemplate, Unit,
    UnitKind, Value, ValueKind,
};
use rust_xlsxwriter::{
    Color, DataValidation, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
};
use std::collections::HashMap;
use std::fmt;
use std::io::Cursor;

/// The sheet with the unit, year, edition and title.
pub const INFO_SHEET: &str = "基本信息";
/// The sheet with the prose.
pub const PROSE_SHEET: &str = "正文";

/// The row of a table sheet where the template's grid starts; the row above holds the
/// table's label and title.
const GRID_TOP: usize = 1;

// 基本信息's rows, by the label in column A.
const NAME: &str = "单位名称";
const KIND: &str = "单位类型";
const PARENT: &str = "上级单位";
const ADDRESS: &str = "地址";
const POSTCODE: &str = "邮政编码";
const PHONE: &str = "联系电话";
const YEAR: &str = "报告年度";
const EDITION: &str = "报告格式版本";
const TITLE: &str = "报告标题";

// 正文's columns and the words in its first one.
const PROSE_HEADER: [&str; 4] = ["位置", "标题层级", "小标题", "正文"];
const OPENING: &str = "开头";
const SIGN_OFF_NAME: &str = "落款单位";
const SIGN_OFF_DATE: &str = "落款日期";

/// Excel's limit on the characters in one cell.
const MAX_CELL_CHARS: usize = 32_767;

/// Why a workbook could not be written or read.
#[derive(Debug, thiserror::Error)]
pub enum XlsxError {
    #[error("这是旧版Excel（.xls）文件：请在Excel或WPS中“另存为”Excel工作簿（.xlsx）后再导入")]
    OldExcel,
    #[error("文件不是Excel工作簿（.xlsx），无法导入")]
    NotXlsx,
    #[error("文件不是有效的Excel工作簿（.xlsx），或已损坏、不完整，无法读取")]
    Damaged(#[source] calamine::XlsxError),
    #[error("这个Excel工作簿解压后超过{} MB，不像一份年度报告（文件可能已损坏）", crate::MAX_UNPACKED_BYTES / 1024 / 1024)]
    TooLarge,
    /// Everything wrong with a workbook, in sheet order.
    #[error("{}", ProblemList(.0))]
    Problems(Vec<Problem>),
    #[error("“{place}”有{chars}字，超过Excel一格最多32767字的限制，无法导出")]
    TextTooLong { place: String, chars: usize },
    #[error("生成Excel文件时出错：{0}")]
    Write(#[from] rust_xlsxwriter::XlsxError),
}

/// One problem found in a workbook, located by sheet and cell.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    #[error("缺少工作表“{sheet}”")]
    MissingSheet { sheet: String },
    #[error("工作表“{sheet}”已损坏，无法读取")]
    UnreadableSheet { sheet: String },
    #[error("{INFO_SHEET}：缺少“{field}”一行（A列写项目名称，B列写内容）")]
    MissingField { field: &'static str },
    #[error("{sheet} {cell}（{field}）：{reason}")]
    BadField {
        sheet: String,
        cell: String,
        field: String,
        reason: String,
    },
    #[error("{sheet} {cell}（“{row_label}”行“{column_label}”列）：{reason}")]
    BadFigure {
        sheet: String,
        cell: String,
        row_label: String,
        column_label: String,
        reason: String,
    },
    #[error(
        "{sheet} {cell}：此处应为“{expected}”，文件里是“{found}”。表格的行列与{edition}年版格式\
         （基本信息所填版本）不一致，本表未读取；请勿插入、删除或移动行列"
    )]
    Layout {
        sheet: String,
        cell: String,
        expected: String,
        found: String,
        edition: &'static str,
    },
}

struct ProblemList<'a>(&'a [Problem]);

impl fmt::Display for ProblemList<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{p}")?;
        }
        Ok(())
    }
}

/// A cell's place in Excel notation, e.g. (6, 3) → D7.
fn cell_name(row: usize, col: usize) -> String {
    let mut letters = Vec::new();
    let mut n = col + 1;
    while n > 0 {
        letters.push(b'A' + ((n - 1) % 26) as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", String::from_utf8_lossy(&letters), row + 1)
}

// ---------------------------------------------------------------------------------------------
// Writing

/// Writes the report as a workbook: 基本信息, 表二, 表三, 表四, 正文.
pub fn write_xlsx(report: &Report) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let styles = Styles::new();
    write_info(workbook.add_worksheet(), report, &styles)?;
    for template in table_templates(report.edition) {
        write_table(workbook.add_worksheet(), template, report, &styles)?;
    }
    write_prose(workbook.add_worksheet(), report, &styles)?;
    Ok(workbook.save_to_buffer()?)
}

const FONT: &str = "宋体";
const FONT_SIZE: f64 = 10.0;
/// How much wider than on the printed page a table's columns are on screen.
const SCREEN_SCALE: f32 = 1.3;
const PX_PER_MM: f32 = 96.0 / 25.4;

struct Styles {
    text: Format,
    label: Format,
    wrapped: Format,
    title: Format,
    year: Format,
}

impl Styles {
    fn new() -> Styles {
        let base = Format::new().set_font_name(FONT).set_font_size(FONT_SIZE);
        Styles {
            text: base.clone().set_align(FormatAlign::VerticalCenter),
            label: base
                .clone()
                .set_bold()
                .set_align(FormatAlign::VerticalCenter),
            wrapped: base.clone().set_text_wrap().set_align(FormatAlign::Top),
            title: base
                .clone()
                .set_bold()
                .set_font_size(12)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            year: base
                .set_num_format("0")
                .set_align(FormatAlign::Left)
                .set_align(FormatAlign::VerticalCenter),
        }
    }

    /// A cell of a table's grid: bordered, wrapped, vertically centred.
    fn grid() -> Format {
        Format::new()
            .set_font_name(FONT)
            .set_font_size(FONT_SIZE)
            .set_border(FormatBorder::Thin)
            .set_text_wrap()
            .set_align(FormatAlign::VerticalCenter)
    }

    fn label(role: LabelRole, align: nianbao_report::Align) -> Format {
        let f = Styles::grid();
        let f = match align {
            nianbao_report::Align::Center => f.set_align(FormatAlign::Center),
            nianbao_report::Align::Left => f.set_align(FormatAlign::Left).set_indent(1),
        };
        match role {
            LabelRole::Header | LabelRole::Block => f.set_bold(),
            LabelRole::Corner => f.set_font_size(9),
            LabelRole::RowLabel | LabelRole::Group | LabelRole::Results => f,
        }
    }

    fn figure(kind: ValueKind, total: bool) -> Format {
        let f = Styles::grid().set_align(FormatAlign::Center);
        let f = match kind {
            ValueKind::Count => f.set_num_format("0"),
            // The cell holds the signed number; it shows 增10 / 减3 / 0 as the report prints it.
            ValueKind::Change => f.set_num_format("\"增\"0;\"减\"0;0"),
            ValueKind::Money => f.set_num_format("0.00####"),
        };
        if total {
            f.set_bold().set_background_color(Color::RGB(0xD9D9D9))
        } else {
            f
        }
    }
}

fn checked(text: &str, place: impl FnOnce() -> String) -> Result<&str, XlsxError> {
    let chars = text.chars().count();
    if chars > MAX_CELL_CHARS {
        return Err(XlsxError::TextTooLong {
            place: place(),
            chars,
        });
    }
    Ok(text)
}

fn write_info(sheet: &mut Worksheet, report: &Report, styles: &Styles) -> Result<(), XlsxError> {
    sheet.set_name(INFO_SHEET)?;
    sheet.set_column_width_pixels(0, 110)?;
    sheet.set_column_width_pixels(1, 380)?;
    sheet.set_column_width_pixels(2, 300)?;
    sheet.set_paper_size(9);
    sheet.set_print_fit_to_pages(1, 0);
    let unit = &report.unit;
    let kinds: Vec<&str> = UnitKind::ALL.iter().map(|k| k.label()).collect();
    let rows: [(&str, &str, String); 9] = [
        (NAME, unit.name.as_str(), String::new()),
        (
            KIND,
            unit.kind.label(),
            format!("可填：{}", kinds.join("、")),
        ),
        (
            PARENT,
            unit.parent.as_deref().unwrap_or(""),
            "没有上级单位的留空".into(),
        ),
        (ADDRESS, unit.address.as_str(), String::new()),
        (POSTCODE, unit.postcode.as_str(), String::new()),
        (PHONE, unit.phone.as_str(), String::new()),
        (YEAR, "", "如2021".into()),
        (
            EDITION,
            report.edition.code(),
            format!(
                "2019年版（{}）或2021年版（{}）",
                Edition::E2019.source(),
                Edition::E2021.source()
            ),
        ),
        (TITLE, report.title.as_str(), String::new()),
    ];
    for (row, (label, value, hint)) in rows.iter().enumerate() {
        let row = row as u32;
        sheet.write_string_with_format(row, 0, *label, &styles.label)?;
        if *label == YEAR {
            sheet.write_number_with_format(row, 1, report.year, &styles.year)?;
        } else {
            let value = checked(value, || format!("{INFO_SHEET} {label}"))?;
            sheet.write_string_with_format(row, 1, value, &styles.text)?;
        }
        if !hint.is_empty() {
            sheet.write_string_with_format(row, 2, hint, &styles.text)?;
        }
        if *label == KIND {
            let list = DataValidation::new().allow_list_strings(&kinds)?;
            sheet.add_data_validation(row, 1, row, 1, &list)?;
        }
        sheet.set_row_height(row, 20)?;
    }
    Ok(())
}

fn write_table(
    sheet: &mut Worksheet,
    t: &TableTemplate,
    report: &Report,
    styles: &Styles,
) -> Result<(), XlsxError> {
    sheet.set_name(&t.label)?;
    let last_col = (t.columns_mm.len() - 1) as u16;
    let widths_px: Vec<f32> = t
        .columns_mm
        .iter()
        .map(|mm| (mm * PX_PER_MM * SCREEN_SCALE).round())
        .collect();
    for (c, px) in widths_px.iter().enumerate() {
        sheet.set_column_width_pixels(c as u16, *px as u32)?;
    }
    sheet.merge_range(
        0,
        0,
        0,
        last_col,
        &format!("{}　{}", t.label, t.title),
        &styles.title,
    )?;
    sheet.set_row_height(0, 26)?;
    for cell in &t.cells {
        let (first_row, first_col) = ((GRID_TOP + cell.row) as u32, cell.col as u16);
        let (last_row, last_col) = (
            first_row + cell.row_span as u32 - 1,
            first_col + cell.col_span as u16 - 1,
        );
        let merged = cell.row_span > 1 || cell.col_span > 1;
        match &cell.content {
            CellContent::Label { text, role, align } => {
                let format = Styles::label(*role, *align);
                if merged {
                    sheet.merge_range(first_row, first_col, last_row, last_col, text, &format)?;
                } else {
                    sheet.write_string_with_format(first_row, first_col, text, &format)?;
                }
            }
            CellContent::Figure {
                key, kind, total, ..
            } => {
                let format = Styles::figure(*kind, *total);
                if merged {
                    sheet.merge_range(first_row, first_col, last_row, last_col, "", &format)?;
                }
                match report.figures.get(key).unwrap_or(Value::zero(*kind)) {
                    Value::Count(n) => {
                        sheet.write_number_with_format(first_row, first_col, n as f64, &format)?;
                    }
                    Value::Change(n) => {
                        sheet.write_number_with_format(first_row, first_col, n as f64, &format)?;
                    }
                    Value::Money(m) => {
                        // A number when Excel shows it exactly; otherwise (beyond 15 digits)
                        // the exact decimal as text, which reads back the same.
                        let text = m.to_string();
                        match text.parse::<f64>() {
                            Ok(f) if number_text(f) == text => {
                                sheet.write_number_with_format(first_row, first_col, f, &format)?
                            }
                            _ => sheet
                                .write_string_with_format(first_row, first_col, &text, &format)?,
                        };
                    }
                }
            }
        }
    }
    for (row, height) in row_heights(t, &widths_px).into_iter().enumerate() {
        sheet.set_row_height((GRID_TOP + row) as u32, height)?;
    }
    sheet.set_freeze_panes((GRID_TOP + t.header_rows) as u32, 0)?;
    sheet.set_paper_size(9); // A4
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_print_center_horizontally(true);
    sheet.set_repeat_rows(0, (GRID_TOP + t.header_rows) as u32 - 1)?;
    Ok(())
}

const LINE_PT: f64 = 13.5;
const PAD_PT: f64 = 5.0;
const MIN_PT: f64 = 20.0;
/// Excel's tallest row, in points.
const MAX_ROW_PT: f64 = 409.0;

/// The height in points a wrapped text needs in a column `width_px` wide (an estimate: CJK
/// characters a full em of the 10-point font, others half).
fn text_height(text: &str, width_px: f32) -> f64 {
    let usable = (width_px - 14.0).max(8.0);
    let lines: f64 = text
        .split('\n')
        .map(|line| {
            let px: f32 = line
                .chars()
                .map(|c| if c.is_ascii() { 7.0 } else { 13.5 })
                .sum();
            (px / usable).ceil().max(1.0) as f64
        })
        .sum();
    (lines * LINE_PT + PAD_PT).clamp(MIN_PT, MAX_ROW_PT)
}

/// Row heights in points that show every label's wrapped lines (Excel does not grow rows for
/// merged cells by itself).
fn row_heights(t: &TableTemplate, widths_px: &[f32]) -> Vec<f64> {
    let need = |c: &nianbao_report::TemplateCell| -> f64 {
        let width: f32 = widths_px[c.col..c.col + c.col_span].iter().sum();
        match &c.content {
            CellContent::Label { text, .. } => text_height(text, width),
            CellContent::Figure { .. } => MIN_PT,
        }
    };
    let mut heights = vec![MIN_PT; t.rows];
    for c in t.cells.iter().filter(|c| c.row_span == 1) {
        heights[c.row] = heights[c.row].max(need(c));
    }
    for c in t.cells.iter().filter(|c| c.row_span > 1) {
        let rows = c.row..c.row + c.row_span;
        let have: f64 = heights[rows.clone()].iter().sum();
        let short = need(c) - have;
        if short > 0.0 {
            for h in &mut heights[rows] {
                *h += short / c.row_span as f64;
            }
        }
    }
    heights
}

fn write_prose(sheet: &mut Worksheet, report: &Report, styles: &Styles) -> Result<(), XlsxError> {
    sheet.set_name(PROSE_SHEET)?;
    const WIDTHS_PX: [f32; 4] = [150.0, 70.0, 170.0, 560.0];
    for (c, px) in WIDTHS_PX.into_iter().enumerate() {
        sheet.set_column_width_pixels(c as u16, px as u32)?;
    }
    for (c, label) in PROSE_HEADER.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *label, &styles.label)?;
    }
    let mut rows: Vec<(&str, &str, &str, &str)> = vec![(OPENING, "", "", &report.opening)];
    for key in SectionKey::ALL {
        for p in &report.section(key).paragraphs {
            let (level, heading) = match &p.heading {
                Some(h) => (level_name(h.level), h.text.as_str()),
                None => ("", ""),
            };
            rows.push((key.heading(), level, heading, &p.text));
        }
    }
    let date;
    if let Some(s) = &report.sign_off {
        date = s.date.iso();
        rows.push((SIGN_OFF_NAME, "", "", &s.name));
        rows.push((SIGN_OFF_DATE, "", "", &date));
    }
    for (i, (place, level, heading, text)) in rows.into_iter().enumerate() {
        let row = i as u32 + 1;
        let at = || format!("{PROSE_SHEET}第{}行", row + 1);
        sheet.write_string_with_format(row, 0, place, &styles.wrapped)?;
        sheet.write_string_with_format(row, 1, level, &styles.wrapped)?;
        sheet.write_string_with_format(row, 2, checked(heading, at)?, &styles.wrapped)?;
        sheet.write_string_with_format(row, 3, checked(text, at)?, &styles.wrapped)?;
        let height = [place, level, heading, text]
            .iter()
            .zip(WIDTHS_PX)
            .map(|(t, px)| text_height(t, px))
            .fold(MIN_PT, f64::max);
        sheet.set_row_height(row, height)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.set_paper_size(9);
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(0, 0)?;
    Ok(())
}

fn level_name(level: HeadingLevel) -> &'static str {
    match level {
        HeadingLevel::Sub => "二级标题",
        HeadingLevel::Item => "三级标题",
        HeadingLevel::SubItem => "四级标题",
    }
}

/// A number as Excel shows it in a General cell: at most 15 significant digits, no exponent,
/// no trailing zeros (39570, -3, 15922.04, 0.3 for 0.30000000000000004).
fn number_text(f: f64) -> String {
    if f == 0.0 || !f.is_finite() {
        return if f.is_finite() {
            "0".into()
        } else {
            f.to_string()
        };
    }
    let digits_before = f.abs().log10().floor() as i32 + 1;
    let decimals = (15 - digits_before).clamp(0, 15) as usize;
    let text = format!("{f:.decimals$}");
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.')
    } else {
        &text
    };
    if text == "-0" {
        "0".into()
    } else {
        text.to_string()
    }
}

// ---------------------------------------------------------------------------------------------
// Reading

/// What a cell of a workbook holds, as far as the reader cares.
#[derive(Debug, Clone, PartialEq)]
enum Cell {
    Int(i64),
    Float(f64),
    Text(String),
    /// Not a number or text: what it is, for the message (日期, 逻辑值TRUE, 错误值#DIV/0!).
    Other(String),
}

impl Cell {
    fn from_data(data: &DataRef<'_>) -> Option<Cell> {
        Some(match data {
            DataRef::Empty => return None,
            DataRef::Int(i) => Cell::Int(*i),
            DataRef::Float(f) => Cell::Float(*f),
            DataRef::String(s) => Cell::Text(s.clone()),
            DataRef::SharedString(s) => Cell::Text((*s).to_owned()),
            DataRef::Bool(b) => Cell::Other(format!("逻辑值{}", if *b { "TRUE" } else { "FALSE" })),
            DataRef::DateTime(_) | DataRef::DateTimeIso(_) => Cell::Other("日期".into()),
            DataRef::DurationIso(_) => Cell::Other("时间".into()),
            DataRef::Error(e) => Cell::Other(format!("错误值{e}")),
        })
    }

    /// The cell as text; numbers as Excel shows them.
    fn text(&self) -> Result<String, String> {
        match self {
            Cell::Int(i) => Ok(i.to_string()),
            Cell::Float(f) => Ok(number_text(*f)),
            Cell::Text(s) => Ok(s.clone()),
            Cell::Other(what) => Err(format!("应为文字，此格是{what}")),
        }
    }
}

/// The non-empty cells of one sheet inside the bounds the reader looks at.
struct Sheet {
    name: String,
    cells: HashMap<(usize, usize), Cell>,
}

impl Sheet {
    fn get(&self, row: usize, col: usize) -> Option<&Cell> {
        self.cells.get(&(row, col))
    }

    /// The cell as trimmed text, empty when blank.
    fn text(&self, row: usize, col: usize) -> Result<String, String> {
        self.get(row, col)
            .map_or(Ok(String::new()), Cell::text)
            .map(|s| s.trim().to_string())
    }
}

struct WorkbookReader<'b> {
    xlsx: Xlsx<Cursor<&'b [u8]>>,
    names: Vec<String>,
    problems: Vec<Problem>,
}

impl WorkbookReader<'_> {
    /// Streams a sheet's cells, keeping those within `rows` × `cols`, so that a sheet claiming
    /// a million rows costs nothing. `None` (with the problem noted) when the sheet is missing
    /// or broken.
    fn sheet(&mut self, name: &str, rows: usize, cols: usize) -> Option<Sheet> {
        if !self.names.iter().any(|n| n == name) {
            self.problems
                .push(Problem::MissingSheet { sheet: name.into() });
            return None;
        }
        let mut cells = HashMap::new();
        let read = (|| -> Result<(), calamine::XlsxError> {
            let mut reader = self.xlsx.worksheet_cells_reader(name)?;
            while let Some(cell) = reader.next_cell()? {
                let (row, col) = cell.get_position();
                let (row, col) = (row as usize, col as usize);
                if row < rows && col < cols {
                    if let Some(c) = Cell::from_data(cell.get_value()) {
                        cells.insert((row, col), c);
                    }
                }
            }
            Ok(())
        })();
        if read.is_err() {
            self.problems
                .push(Problem::UnreadableSheet { sheet: name.into() });
            return None;
        }
        Some(Sheet {
            name: name.into(),
            cells,
        })
    }
}

/// Reads a workbook of the layout [`write_xlsx`] writes, as a clerk may have filled it in
/// Excel or WPS: numbers, numbers typed as text, 增10 / 减3, full-width digits, 39,570; an
/// empty figure cell is 0.
pub fn read_xlsx(bytes: &[u8]) -> Result<Report, XlsxError> {
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(XlsxError::OldExcel);
    }
    if !bytes.starts_with(b"PK") {
        return Err(XlsxError::NotXlsx);
    }
    if !crate::unpacks_within_limit(bytes) {
        return Err(XlsxError::TooLarge);
    }
    let xlsx = Xlsx::new(Cursor::new(bytes)).map_err(XlsxError::Damaged)?;
    let names = xlsx.sheet_names();
    let mut book = WorkbookReader {
        xlsx,
        names,
        problems: Vec::new(),
    };
    let info = book
        .sheet(INFO_SHEET, 200, 2)
        .map(|s| read_info(&s, &mut book.problems));
    let edition = info.as_ref().and_then(|i| i.edition);
    let mut figures = Vec::new();
    if let Some(edition) = edition {
        for t in table_templates(edition) {
            if let Some(sheet) = book.sheet(&t.label, GRID_TOP + t.rows, t.columns_mm.len()) {
                figures.extend(read_table(&sheet, t, edition, &mut book.problems));
            }
        }
    }
    let prose = if book.names.iter().any(|n| n == PROSE_SHEET) {
        book.sheet(PROSE_SHEET, 100_000, PROSE_HEADER.len())
            .map(|s| read_prose(&s, &mut book.problems))
    } else {
        None
    };
    let problems = book.problems;
    match info {
        Some(Info {
            unit: Some(unit),
            year: Some(year),
            edition: Some(edition),
            title,
        }) if problems.is_empty() => {
            let mut report = Report::blank(unit, year);
            if report.edition != edition {
                report.change_edition(edition);
            }
            report.title = title.unwrap_or_else(|| default_title(&report.unit.name, year));
            report.opening = default_opening(&report.unit, year, edition);
            if let Some(prose) = prose {
                if let Some(opening) = prose.opening {
                    report.opening = opening;
                }
                report.sections = prose.sections;
                report.sign_off = prose.sign_off;
            }
            for (key, value) in figures {
                // The template holds only the edition's cells, of their kinds.
                report
                    .set_figure(key, value)
                    .expect("template figure belongs to its edition");
            }
            Ok(report)
        }
        _ => Err(XlsxError::Problems(problems)),
    }
}

struct Info {
    unit: Option<Unit>,
    year: Option<u16>,
    edition: Option<Edition>,
    title: Option<String>,
}

fn read_info(sheet: &Sheet, problems: &mut Vec<Problem>) -> Info {
    // Rows by the label in column A, so that an inserted or moved row still reads.
    let mut rows: HashMap<String, usize> = HashMap::new();
    let mut labels: Vec<(usize, String)> = (0..200)
        .filter_map(|r| sheet.text(r, 0).ok().map(|t| (r, t)))
        .filter(|(_, t)| !t.is_empty())
        .collect();
    labels.sort();
    for (r, t) in labels {
        rows.entry(t).or_insert(r);
    }
    let mut field = |label: &'static str, required: bool| -> Option<(usize, String)> {
        let Some(&row) = rows.get(label) else {
            if required {
                problems.push(Problem::MissingField { field: label });
            }
            return None;
        };
        match sheet.text(row, 1) {
            Ok(text) => Some((row, text)),
            Err(reason) => {
                problems.push(bad_field(sheet, row, label, reason));
                None
            }
        }
    };
    let name = field(NAME, true);
    let kind = field(KIND, true);
    let parent = field(PARENT, false);
    let address = field(ADDRESS, false);
    let postcode = field(POSTCODE, false);
    let phone = field(PHONE, false);
    let year = field(YEAR, true);
    let edition = field(EDITION, true);
    let title = field(TITLE, false);
    let mut bad = Vec::new();
    let name = name.and_then(|(row, n)| {
        if n.is_empty() {
            bad.push(bad_field(sheet, row, NAME, "单位名称不能为空".into()));
            None
        } else {
            Some(n)
        }
    });
    let kind = kind.and_then(|(row, k)| {
        let kind = UnitKind::ALL
            .into_iter()
            .find(|u| u.label() == k || u.key() == k);
        if kind.is_none() {
            let labels: Vec<&str> = UnitKind::ALL.iter().map(|k| k.label()).collect();
            bad.push(bad_field(
                sheet,
                row,
                KIND,
                format!("应为{}之一（“{k}”）", labels.join("、")),
            ));
        }
        kind
    });
    let year = year.and_then(|(row, y)| {
        let year = match parse_value(ValueKind::Count, y.trim_end_matches('年')) {
            Ok(Value::Count(n)) => u16::try_from(n)
                .ok()
                .filter(|y| nianbao_report::edition::REPORT_YEARS.contains(y)),
            _ => None,
        };
        if year.is_none() {
            bad.push(bad_field(
                sheet,
                row,
                YEAR,
                format!("应为2008至2100之间的整数年份，如2021（“{y}”）"),
            ));
        }
        year
    });
    let edition = edition.and_then(|(row, e)| {
        let code = e.trim_end_matches("年版").trim_end_matches('版');
        let edition = Edition::from_code(code);
        if edition.is_none() {
            bad.push(bad_field(
                sheet,
                row,
                EDITION,
                format!("应为“2019”或“2021”（“{e}”）"),
            ));
        }
        edition
    });
    problems.extend(bad);
    let text = |f: Option<(usize, String)>| f.map(|(_, t)| t).unwrap_or_default();
    let unit = match (name, kind) {
        (Some(name), Some(kind)) => Some(Unit {
            name,
            kind,
            parent: parent.map(|(_, p)| p).filter(|p| !p.is_empty()),
            address: text(address),
            postcode: text(postcode),
            phone: text(phone),
        }),
        _ => None,
    };
    Info {
        unit,
        year,
        edition,
        title: title.map(|(_, t)| t).filter(|t| !t.is_empty()),
    }
}

fn bad_field(sheet: &Sheet, row: usize, field: &str, reason: String) -> Problem {
    Problem::BadField {
        sheet: sheet.name.clone(),
        cell: cell_name(row, 1),
        field: field.into(),
        reason,
    }
}

/// A label as compared with the template: without blanks and line breaks, brackets and the
/// full stop in either width.
fn squeeze(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            '．' => '.',
            c => c,
        })
        .collect()
}

fn read_table<'t>(
    sheet: &Sheet,
    t: &'t TableTemplate,
    edition: Edition,
    problems: &mut Vec<Problem>,
) -> Vec<(&'t str, Value)> {
    // The labels first: a sheet whose rows or columns moved would put figures in wrong cells.
    for cell in &t.cells {
        if let CellContent::Label { text, .. } = &cell.content {
            let (row, col) = (GRID_TOP + cell.row, cell.col);
            let found = match sheet.get(row, col) {
                Some(c) => c.text().unwrap_or_else(|_| "（非文字）".into()),
                None => String::new(),
            };
            if squeeze(&found) != squeeze(text) {
                problems.push(Problem::Layout {
                    sheet: sheet.name.clone(),
                    cell: cell_name(row, col),
                    expected: text.replace('\n', ""),
                    found: found.trim().to_string(),
                    edition: edition.code(),
                });
                return Vec::new();
            }
        }
    }
    let mut figures = Vec::new();
    for cell in &t.cells {
        let CellContent::Figure {
            key,
            kind,
            row_label,
            column_label,
            ..
        } = &cell.content
        else {
            continue;
        };
        let (row, col) = (GRID_TOP + cell.row, cell.col);
        match figure(*kind, sheet.get(row, col)) {
            Ok(v) => figures.push((key.as_str(), v)),
            Err(reason) => problems.push(Problem::BadFigure {
                sheet: sheet.name.clone(),
                cell: cell_name(row, col),
                row_label: row_label.clone(),
                column_label: column_label.clone(),
                reason,
            }),
        }
    }
    figures
}

/// One figure from its cell; an empty cell is 0.
fn figure(kind: ValueKind, cell: Option<&Cell>) -> Result<Value, String> {
    let text = match cell {
        None => return Ok(Value::zero(kind)),
        Some(Cell::Other(what)) => return Err(format!("应为数字，此格是{what}")),
        Some(c) => c.text()?,
    };
    if text.trim().is_empty() {
        return Ok(Value::zero(kind));
    }
    parse_value(kind, &text).map_err(|e| e.to_string())
}

struct Prose {
    opening: Option<String>,
    sections: [nianbao_report::Section; 6],
    sign_off: Option<SignOff>,
}

fn read_prose(sheet: &Sheet, problems: &mut Vec<Problem>) -> Prose {
    let mut prose = Prose {
        opening: None,
        sections: Default::default(),
        sign_off: None,
    };
    let mut sign_off_name: Option<(usize, String)> = None;
    let mut sign_off_date: Option<(usize, Date)> = None;
    let last = sheet.cells.keys().map(|&(r, _)| r).max().unwrap_or(0);
    let bad = |row: usize, col: usize, reason: String| Problem::BadField {
        sheet: sheet.name.clone(),
        cell: cell_name(row, col),
        field: PROSE_HEADER[col].into(),
        reason,
    };
    // The first row names the columns, unless a clerk deleted it.
    let first = usize::from(sheet.text(0, 0).is_ok_and(|t| t == PROSE_HEADER[0]));
    for row in first..=last {
        let mut texts = [const { String::new() }; 4];
        let mut ok = true;
        for (col, slot) in texts.iter_mut().enumerate() {
            match sheet.get(row, col).map_or(Ok(String::new()), Cell::text) {
                Ok(t) => *slot = t,
                Err(reason) => {
                    problems.push(bad(row, col, reason));
                    ok = false;
                }
            }
        }
        let [place, level, heading, text] = texts;
        let place = place.trim();
        if !ok || (place.is_empty() && level.is_empty() && heading.is_empty() && text.is_empty()) {
            continue;
        }
        if place == OPENING {
            prose.opening = Some(text);
        } else if place == SIGN_OFF_NAME {
            sign_off_name = Some((row, text));
        } else if place == SIGN_OFF_DATE {
            match parse_date(text.trim()) {
                Some(d) => sign_off_date = Some((row, d)),
                None => problems.push(bad(
                    row,
                    3,
                    format!("应为有效日期，如2021-01-20或2021年1月20日（“{text}”）"),
                )),
            }
        } else if let Some(section) = SectionKey::ALL.into_iter().find(|s| s.heading() == place) {
            let level_word = level.trim();
            let heading = match (level_word.is_empty(), heading.is_empty()) {
                (true, true) => None,
                (false, false) => {
                    match HeadingLevel::ALL
                        .into_iter()
                        .find(|l| level_name(*l) == level_word)
                    {
                        Some(level) => Some(Heading {
                            level,
                            text: heading,
                        }),
                        None => {
                            problems.push(bad(
                                row,
                                1,
                                format!("应为二级标题、三级标题或四级标题（“{level_word}”）"),
                            ));
                            continue;
                        }
                    }
                }
                _ => {
                    problems.push(bad(row, 1, "小标题须同时填写标题层级和小标题两格".into()));
                    continue;
                }
            };
            prose.sections[section as usize]
                .paragraphs
                .push(Paragraph { heading, text });
        } else {
            let places: Vec<&str> = SectionKey::ALL.iter().map(|s| s.heading()).collect();
            problems.push(bad(
                row,
                0,
                format!(
                    "应为{OPENING}、{}、{SIGN_OFF_NAME}或{SIGN_OFF_DATE}（“{place}”）",
                    places.join("、")
                ),
            ));
        }
    }
    match (sign_off_name, sign_off_date) {
        (Some((_, name)), Some((_, date))) => prose.sign_off = Some(SignOff { name, date }),
        (None, None) => {}
        (Some((row, _)), None) | (None, Some((row, _))) => problems.push(bad(
            row,
            0,
            format!("落款须同时有{SIGN_OFF_NAME}和{SIGN_OFF_DATE}两行"),
        )),
    }
    prose
}

/// 2021-01-20 or 2021年1月20日.
fn parse_date(text: &str) -> Option<Date> {
    if let Some(d) = Date::parse_iso(text) {
        return Some(d);
    }
    let (y, rest) = text.split_once('年')?;
    let (m, rest) = rest.split_once('月')?;
    let d = rest.strip_suffix('日')?;
    Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_names_in_excel_notation() {
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(6, 3), "D7");
        assert_eq!(cell_name(9, 25), "Z10");
        assert_eq!(cell_name(0, 26), "AA1");
        assert_eq!(cell_name(0, 702), "AAA1");
    }

    #[test]
    fn labels_compare_without_blanks_and_bracket_width() {
        assert_eq!(squeeze("(三)\n不予公开"), squeeze("（三）不予公开"));
        assert_eq!(squeeze(" 1．属于国家秘密　"), squeeze("1.属于国家秘密"));
        assert_ne!(squeeze("规章"), squeeze("规范性文件"));
    }

    #[test]
    fn numbers_read_as_excel_shows_them() {
        assert_eq!(number_text(39570.0), "39570");
        assert_eq!(number_text(-3.0), "-3");
        assert_eq!(number_text(15922.04), "15922.04");
        assert_eq!(number_text(24252.311082), "24252.311082");
        assert_eq!(number_text(0.1 + 0.2), "0.3");
        assert_eq!(number_text(0.000001), "0.000001");
        assert_eq!(number_text(1.5), "1.5");
        assert_eq!(number_text(-0.0), "0");
    }
}
