//! Errors as the UI receives them: a stable code for the program, a Chinese sentence for the
//! clerk. The whole chain goes to the log.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CommandError {
    /// not_found | already_exists | invalid_input | hard_findings | missing_glyphs | store | pdf | io
    pub code: String,
    pub message: String,
}

impl CommandError {
    pub fn new(code: &str, message: impl Into<String>) -> CommandError {
        CommandError {
            code: code.into(),
            message: message.into(),
        }
    }

    /// Logs the error with its whole chain of causes, and keeps the first sentence for the clerk.
    fn logged(code: &str, err: &dyn std::error::Error) -> CommandError {
        let mut chain = err.to_string();
        let mut source = err.source();
        while let Some(s) = source {
            chain.push_str(": ");
            chain.push_str(&s.to_string());
            source = s.source();
        }
        eprintln!("nianbao: [{code}] {chain}");
        CommandError::new(code, err.to_string())
    }
}

impl From<nianbao_store::StoreError> for CommandError {
    fn from(e: nianbao_store::StoreError) -> Self {
        CommandError::logged("store", &e)
    }
}

impl From<nianbao_pdf::PdfError> for CommandError {
    fn from(e: nianbao_pdf::PdfError) -> Self {
        let code = match e {
            nianbao_pdf::PdfError::MissingGlyphs(_) => "missing_glyphs",
            _ => "pdf",
        };
        CommandError::logged(code, &e)
    }
}

impl From<nianbao_report::ExchangeError> for CommandError {
    fn from(e: nianbao_report::ExchangeError) -> Self {
        CommandError::logged("invalid_input", &e)
    }
}

impl From<crate::dto::InvalidReport> for CommandError {
    fn from(e: crate::dto::InvalidReport) -> Self {
        CommandError::logged("invalid_input", &e)
    }
}

impl From<std::io::Error> for CommandError {
    fn from(e: std::io::Error) -> Self {
        CommandError::logged("io", &e)
    }
}

impl From<tauri::Error> for CommandError {
    fn from(e: tauri::Error) -> Self {
        CommandError::logged("io", &e)
    }
}

pub type CommandResult<T> = Result<T, CommandError>;
