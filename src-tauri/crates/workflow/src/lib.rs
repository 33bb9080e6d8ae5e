//! The workflows both doors of nianbao share: the app's Tauri commands and `nianbao-cli` call
//! these functions and nothing else for reading files, importing, exporting, rendering, and
//! listing reports, so the two behave the same.

mod backup;
mod clock;
mod county;
mod files;
mod fonts;
mod formats;
mod import;
mod listing;
mod print;
mod render;

pub use backup::{
    backup_reminder, backup_store, restore_store, BackupReminder, BACKUP_REMINDER_DAYS,
    LAST_BACKUP_KEY,
};
pub use clock::{days_between, local_minute, utc_now};
pub use county::{
    county_returns, summarize_county, summarize_county_with_progress, summary_file_name,
    summary_unit_name, unit_tree, write_summary, CountyReturns, CountySummary, ReturnedReport,
    UnitReturn,
};
pub use files::{output_file_name, send_report, submission_file_name, write_atomically};
pub use fonts::{
    choose_fonts, font_choices, font_setting_key, save_font_choice, ChosenFonts, FaceOption,
    FaceSource, FontChoice, FontChoices, RoleFace,
};
pub use formats::{
    read_report_file, read_source, read_source_bytes, readable_format, source_lines, unread_labels,
    write_exchange_with_unread, write_report_as, Format, ReadReport,
};
pub use import::save_confirmed;
pub use import::{
    differences, import_files, Choice, Difference, FileImport, ImportBatch, ImportOptions, Outcome,
    Question, MAX_FILE_BYTES,
};
pub use listing::{create_report, findings, list_reports, ReportListing};
pub use print::{default_destination, find_program, print_file, print_route, PrintRoute, Printed};
pub use render::{render_with, CopyKind, Purpose};

use std::path::PathBuf;

/// Why a workflow could not be carried out; every message is a sentence for the clerk.
#[derive(Debug, thiserror::Error)]
pub enum WorkflowError {
    #[error("无法读取“{}”", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("无法写入“{}”", path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("“{}”有问题，未导入任何文件：\n{source}", path.display())]
    Exchange {
        path: PathBuf,
        #[source]
        source: nianbao_report::ExchangeError,
    },
    #[error("“{}”有问题，未导入任何文件：\n{source}", path.display())]
    Xlsx {
        path: PathBuf,
        #[source]
        source: nianbao_formats::xlsx::XlsxError,
    },
    #[error("“{}”不像一份政府信息公开工作年度报告：{source}", path.display())]
    Published {
        path: PathBuf,
        #[source]
        source: nianbao_formats::published::PublishedError,
    },
    #[error("“{}”中有{}格未能读准，请先补全：{}", path.display(), cells.len(), cells.join("、"))]
    Unread { path: PathBuf, cells: Vec<String> },
    #[error("无法生成Excel文件：{0}")]
    XlsxWrite(#[source] nianbao_formats::xlsx::XlsxError),
    #[error(transparent)]
    Docx(#[from] nianbao_formats::docx::DocxError),
    #[error("不认识“{}”的文件格式：{}", path.display(), if *readable { "能读取的是年报数据文件（.json）、Excel工作簿（.xlsx），以及已发布报告的Word文档（.docx）、网页（.html）和文本（.txt）" } else { "能写出的是 .json、.pdf、.xlsx、.html 和 .docx" })]
    UnknownFormat { path: PathBuf, readable: bool },
    #[error("报告还有{count}处错误，不能{}正式版。可以先{}带“草稿”字样的草稿版。", purpose.verb(), purpose.verb())]
    HardFindings { count: usize, purpose: Purpose },
    #[error("年度“{0}”无效，应为2008至2100之间的年份")]
    InvalidYear(u16),
    #[error("“{unit}”{year}年的报告已经存在，请在列表中打开它")]
    AlreadyExists { unit: String, year: u16 },
    #[error("没有找到“{unit}”{year}年的报告")]
    NotFound { unit: String, year: u16 },
    #[error("汇总只能导出为PDF文件或年报数据文件，不能导出为{}", .0.label())]
    SummaryFormat(Format),
    #[error("打印机“{printer}”没有接受打印：{reason}")]
    Print { printer: String, reason: String },
    #[error(transparent)]
    Store(#[from] nianbao_store::StoreError),
    #[error(transparent)]
    Pdf(#[from] nianbao_pdf::PdfError),
}

pub type Result<T> = std::result::Result<T, WorkflowError>;
