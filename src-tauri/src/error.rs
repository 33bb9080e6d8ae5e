//! Errors as the UI receives them: a code the UI switches on, a Chinese sentence for the
//! clerk. The whole chain goes to the log.

use nianbao_workflow::WorkflowError;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What kind of failure: the UI decides what to offer from this, never from the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    NotFound,
    AlreadyExists,
    /// The input (a file, a field, a cell) is unusable; the message names it.
    InvalidInput,
    /// A final copy was asked of a report that breaks a hard rule; a draft can be made.
    HardFindings,
    /// A character no font can print.
    MissingGlyphs,
    Store,
    Pdf,
    Io,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CommandError {
    pub code: ErrorCode,
    pub message: String,
}

impl CommandError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> CommandError {
        CommandError {
            code,
            message: message.into(),
        }
    }

    /// Logs the error with its whole chain of causes, and keeps the first sentence for the clerk.
    fn logged(code: ErrorCode, err: &dyn std::error::Error) -> CommandError {
        let mut chain = err.to_string();
        let mut source = err.source();
        while let Some(s) = source {
            chain.push_str(": ");
            chain.push_str(&s.to_string());
            source = s.source();
        }
        eprintln!("nianbao: [{code:?}] {chain}");
        CommandError::new(code, err.to_string())
    }
}

impl From<WorkflowError> for CommandError {
    fn from(e: WorkflowError) -> Self {
        let code = match &e {
            WorkflowError::Read { .. } | WorkflowError::Write { .. } => ErrorCode::Io,
            WorkflowError::Exchange { .. }
            | WorkflowError::Xlsx { .. }
            | WorkflowError::UnknownFormat { .. }
            | WorkflowError::Published { .. }
            | WorkflowError::Unread { .. }
            | WorkflowError::InvalidYear(_)
            | WorkflowError::SummaryFormat(_) => ErrorCode::InvalidInput,
            WorkflowError::XlsxWrite(_) | WorkflowError::Docx(_) | WorkflowError::Print { .. } => {
                ErrorCode::Io
            }
            WorkflowError::HardFindings { .. } => ErrorCode::HardFindings,
            WorkflowError::AlreadyExists { .. } => ErrorCode::AlreadyExists,
            WorkflowError::NotFound { .. } => ErrorCode::NotFound,
            WorkflowError::Store(nianbao_store::StoreError::AlreadyExists { .. }) => {
                ErrorCode::AlreadyExists
            }
            WorkflowError::Store(_) => ErrorCode::Store,
            WorkflowError::Pdf(nianbao_pdf::PdfError::MissingGlyphs(_)) => ErrorCode::MissingGlyphs,
            WorkflowError::Pdf(_) => ErrorCode::Pdf,
        };
        CommandError::logged(code, &e)
    }
}

impl From<nianbao_store::StoreError> for CommandError {
    fn from(e: nianbao_store::StoreError) -> Self {
        WorkflowError::from(e).into()
    }
}

impl From<crate::dto::InvalidReport> for CommandError {
    fn from(e: crate::dto::InvalidReport) -> Self {
        CommandError::logged(ErrorCode::InvalidInput, &e)
    }
}

impl From<std::io::Error> for CommandError {
    fn from(e: std::io::Error) -> Self {
        CommandError::logged(ErrorCode::Io, &e)
    }
}

impl From<tauri::Error> for CommandError {
    fn from(e: tauri::Error) -> Self {
        CommandError::logged(ErrorCode::Io, &e)
    }
}

pub type CommandResult<T> = Result<T, CommandError>;
