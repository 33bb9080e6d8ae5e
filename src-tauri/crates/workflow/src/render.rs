//! The PDF with the final-copy rule: a final copy only of a report that breaks no hard rule.

use crate::{Result, WorkflowError};
use nianbao_pdf::{render_report, FontSet, ReportOptions};
use nianbao_report::{hard_error_count, Report};

/// Which copy is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CopyKind {
    /// The copy to sign, stamp and publish: refused while a hard rule is broken.
    Final,
    /// Marked 草稿 on every page, whatever the findings.
    Draft,
    /// What the report prints as now: a draft while a hard rule is broken, else final.
    Preview,
}

impl CopyKind {
    /// The copy the clerk asked for: a draft, or the final copy.
    pub fn asked(draft: bool) -> CopyKind {
        if draft {
            CopyKind::Draft
        } else {
            CopyKind::Final
        }
    }
}

/// What the clerk is doing with the copy, for the refusal's wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Export,
    Print,
}

impl Purpose {
    pub fn verb(self) -> &'static str {
        match self {
            Purpose::Export => "导出",
            Purpose::Print => "打印",
        }
    }
}

/// The PDF of `report` with `options` (sealed, the 审签单). Whether it is a draft is decided
/// here, from `copy`: a final copy of a report that breaks a hard rule is refused
/// ([`WorkflowError::HardFindings`]); ask for a draft instead.
pub fn render_with(
    report: &Report,
    fonts: &FontSet,
    copy: CopyKind,
    purpose: Purpose,
    options: ReportOptions,
) -> Result<Vec<u8>> {
    let errors = hard_error_count(report);
    let draft = match copy {
        CopyKind::Final if errors > 0 => {
            return Err(WorkflowError::HardFindings {
                count: errors,
                purpose,
            })
        }
        CopyKind::Final => false,
        CopyKind::Draft => true,
        CopyKind::Preview => errors > 0,
    };
    Ok(render_report(
        report,
        fonts,
        ReportOptions { draft, ..options },
    )?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use nianbao_report::{sample_report, Value};

    fn broken() -> Report {
        let mut r = sample_report();
        r.set_figure("applications.granted.natural", Value::Count(999))
            .unwrap();
        r
    }

    #[test]
    fn a_final_copy_of_a_broken_report_is_refused_with_the_count() {
        let fonts = FontSet::bundled();
        let err = render_with(
            &broken(),
            &fonts,
            CopyKind::Final,
            Purpose::Print,
            ReportOptions::default(),
        )
        .unwrap_err();
        assert!(matches!(err, WorkflowError::HardFindings { count, .. } if count > 0));
        assert!(err.to_string().contains("不能打印正式版"), "{err}");
        let draft = render_with(
            &broken(),
            &fonts,
            CopyKind::Draft,
            Purpose::Print,
            ReportOptions::default(),
        )
        .unwrap();
        assert!(draft.starts_with(b"%PDF"));
        let fine = render_with(
            &sample_report(),
            &fonts,
            CopyKind::Final,
            Purpose::Export,
            ReportOptions::default(),
        );
        assert!(fine.is_ok());
    }
}
