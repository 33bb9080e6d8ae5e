//! The statutory 《政府信息公开工作年度报告》: its model in both editions, the arithmetic rules
//! (勾稽关系) and warnings, the exchange file, and the built-in sample. Pure: no files, no
//! database, no window.

pub mod aggregate;
pub mod edition;
pub mod exchange;
mod model;
mod sample;
pub mod template;
mod text;
pub mod validate;
mod value;

pub use aggregate::{
    aggregate, aggregate_title, aggregate_with_progress, county_wide_differences, Aggregate,
    Contribution, LeftOut, LeftOutReason, SummedUnit,
};
pub use edition::{Edition, TableId, ValueKind};
pub use exchange::{
    is_utc_stamp, read_exchange, read_report, write_report, write_report_with_unread,
    write_sent_report, Exchange, ExchangeError, Problem,
};
pub use model::{
    default_opening, default_title, Date, Entry, FigureError, Figures, Heading, HeadingLevel,
    Paragraph, Report, Section, SectionKey, SignOff, Unit, UnitKind,
};
pub use sample::{sample_json, sample_report};
pub use template::{
    table_template, table_templates, Align, CellContent, LabelRole, TableTemplate, TemplateCell,
};
pub use text::strip_invisible;
pub use validate::{hard_error_count, validate, Finding, ReportStatus, Severity, TOTAL_RULES};
pub use value::{parse_value, Money, Value, ValueError, MAX_COUNT};
