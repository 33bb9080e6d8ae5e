//! The report in the formats offices already use. Each module is an edge: it turns a
//! [`nianbao_report::Report`] into bytes, or bytes into a report, drawing the tables from the
//! edition's templates (`nianbao_report::table_templates`); none knows another.

pub mod docx;
pub mod html;
pub mod published;
pub mod xlsx;
