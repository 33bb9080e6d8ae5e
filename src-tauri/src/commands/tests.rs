//! The commands' plain functions against a real store on disk (no window needed).

use super::{import, output, reports};
use crate::dto::*;
use crate::error::ErrorCode;
use crate::AppState;
use nianbao_report::{sample_report, Edition, ReportStatus, Severity, UnitKind};
use nianbao_store::Store;
use nianbao_workflow::Purpose;
use std::path::PathBuf;

fn state() -> (tempfile::TempDir, AppState) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("nianbao.db")).unwrap();
    store.save(&sample_report()).unwrap();
    (dir, AppState::new(store))
}

fn township() -> UnitDto {
    UnitDto {
        name: "城关镇人民政府".into(),
        kind: UnitKind::Township,
        parent: Some("舒城县人民政府".into()),
        address: "城关镇人民路1号".into(),
        postcode: "231300".into(),
        phone: "0564-1234567".into(),
    }
}

fn sample_key() -> ReportKeyDto {
    ReportKeyDto {
        unit_name: "舒城县人民政府".into(),
        year: 2020,
    }
}

#[test]
fn the_list_shows_the_sample_as_printable() {
    let (_d, s) = state();
    let list = reports::list_reports(&s).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].unit_name, "舒城县人民政府");
    assert_eq!(list[0].edition, Edition::E2019);
    assert_eq!(
        (list[0].status, list[0].errors),
        (ReportStatus::Printable, 0)
    );
}

#[test]
fn create_a_2021_township_report_then_refuse_a_second() {
    let (_d, s) = state();
    let created = reports::create_report(&s, township(), 2021, false).unwrap();
    assert_eq!(created.report.edition, Edition::E2021);
    assert_eq!(
        created.report.title,
        "城关镇人民政府2021年政府信息公开工作年度报告"
    );
    assert!(created
        .report
        .figures
        .contains_key("applications.other_handling.no_fee.natural"));
    assert_eq!(created.status, ReportStatus::Draft, "prose still empty");
    let err = reports::create_report(&s, township(), 2021, false).unwrap_err();
    assert_eq!(err.code, ErrorCode::AlreadyExists);
    assert!(err.message.contains("城关镇人民政府”2021年的报告已经存在"));
    let mut bad = township();
    bad.name = "  ".into();
    assert_eq!(
        reports::create_report(&s, bad, 2021, false)
            .unwrap_err()
            .code,
        ErrorCode::InvalidInput
    );
}

#[test]
fn typed_cells_are_normalised_totals_filled_and_bad_ones_named() {
    let (_d, s) = state();
    let r = reports::create_report(&s, township(), 2021, false)
        .unwrap()
        .report;
    let edit = |key: &str, text: &str| CellEditDto {
        key: key.into(),
        text: text.into(),
    };
    let out = reports::edit_cells(
        &s,
        &r,
        &[
            edit("applications.received.natural", "１２"),
            edit("applications.received.business", "1,000"),
            edit("applications.granted.natural", "abc"),
            edit("applications.received.total", "5"),
            edit("proactive.fees.amount", "12.5万元"),
        ],
    )
    .unwrap();
    let f = &out.checked.report.figures;
    assert_eq!(f["applications.received.natural"], "12");
    assert_eq!(
        f["applications.received.total"], "1012",
        "totals follow the figures"
    );
    assert_eq!(f["proactive.fees.amount"], "12.5");
    assert_eq!(out.rejected.len(), 2);
    assert_eq!(
        out.rejected[0].message,
        "表三“（一）予以公开”行“自然人”列：“abc”不是数字"
    );
    assert!(out.rejected[1].message.contains("自动计算"));
    // Received but not handled: rule 1 fires and names the column.
    assert_eq!(out.checked.status, ReportStatus::HasErrors);
    assert!(out.checked.findings.iter().any(|f| f.rule == 1
        && f.column.as_deref() == Some("natural")
        && f.severity == Severity::Error));
}

#[test]
fn save_reopen_rename_and_delete() {
    let (_d, s) = state();
    let created = reports::create_report(&s, township(), 2021, false)
        .unwrap()
        .report;
    let key = ReportKeyDto {
        unit_name: created.unit.name.clone(),
        year: 2021,
    };
    let mut edited = created.clone();
    edited.sections[0].paragraphs.push(ParagraphDto {
        level: None,
        heading: None,
        text: "总体情况良好。".into(),
    });
    let saved = reports::save_report(&s, &key, &edited).unwrap();
    assert!(saved.changed);
    assert!(!reports::save_report(&s, &key, &edited).unwrap().changed);
    assert_eq!(reports::open_report(&s, &key).unwrap().report, edited);

    let mut renamed = edited.clone();
    renamed.unit.name = "城关镇人民政府办公室".into();
    let saved = reports::save_report(&s, &key, &renamed).unwrap();
    assert_eq!(saved.key.unit_name, "城关镇人民政府办公室");
    assert_eq!(
        reports::open_report(&s, &key).unwrap_err().code,
        ErrorCode::NotFound
    );

    reports::delete_report(&s, &saved.key).unwrap();
    assert_eq!(
        reports::delete_report(&s, &saved.key).unwrap_err().code,
        ErrorCode::NotFound
    );
    assert_eq!(reports::list_reports(&s).unwrap().len(), 1);
}

#[test]
fn a_bad_report_from_the_ui_changes_nothing() {
    let (_d, s) = state();
    let mut dto = reports::open_report(&s, &sample_key()).unwrap().report;
    let before = dto.clone();
    dto.figures
        .insert("applications.granted.natural".into(), "-1".into());
    let err = reports::save_report(&s, &sample_key(), &dto).unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput);
    assert!(
        err.message.contains("表三“（一）予以公开”行“自然人”列"),
        "{}",
        err.message
    );
    assert_eq!(
        reports::open_report(&s, &sample_key()).unwrap().report,
        before
    );
}

#[test]
fn next_year_carries_on_from_last_year() {
    let (_d, s) = state();
    let mut unit = township();
    unit.name = "舒城县人民政府".into();
    unit.kind = UnitKind::CountyGovernment;
    let r = reports::create_report(&s, unit, 2021, false).unwrap();
    // The sample carried nothing out, so nothing is carried in, and rule 6 holds.
    assert!(r.findings.iter().all(|f| f.rule != 6));
    assert!(r.report.opening.contains("2021年1月1日"));
}

#[test]
fn edition_layout_gives_the_official_tables() {
    let l = reports::edition_layout(Edition::E2021);
    assert_eq!(l.tables.len(), 3);
    assert_eq!(l.tables[1].label, "表三");
    assert_eq!(
        l.sections[1].table,
        Some(nianbao_report::TableId::Proactive)
    );
    let facts = FormatFactsDto::new();
    let e2021 = facts
        .editions
        .iter()
        .find(|e| e.edition == Edition::E2021)
        .unwrap();
    assert_eq!((e2021.first_year, e2021.last_year), (2021, facts.last_year));
    assert_eq!(facts.total_rules, [2, 3, 4]);
}

#[test]
fn change_edition_keeps_shared_cells() {
    let (_d, s) = state();
    let r = reports::open_report(&s, &sample_key()).unwrap().report;
    let moved = reports::change_edition(&s, &r, Edition::E2021).unwrap();
    assert_eq!(moved.report.edition, Edition::E2021);
    assert_eq!(moved.report.figures["applications.received.natural"], "29");
    assert!(moved
        .report
        .figures
        .contains_key("proactive.regulations.issued"));
}

#[test]
fn the_preview_is_a_pdf_and_a_final_copy_waits_for_the_errors_to_go() {
    let (_d, s) = state();
    let mut r = reports::open_report(&s, &sample_key()).unwrap().report;
    let pdf = output::preview_pdf(&s, &r, ReviewSheetDto::Omitted).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    r.figures.insert("appeals.review.upheld".into(), "1".into());
    assert!(output::preview_pdf(&s, &r, ReviewSheetDto::Omitted)
        .unwrap()
        .starts_with(b"%PDF-"));
    let err =
        output::printable(&s, &r, false, Purpose::Print, ReviewSheetDto::Omitted).unwrap_err();
    assert_eq!(err.code, ErrorCode::HardFindings);
    assert!(
        err.message.contains("1处错误，不能打印正式版"),
        "{}",
        err.message
    );
    assert!(output::printable(&s, &r, true, Purpose::Print, ReviewSheetDto::Omitted).is_ok());
}

#[test]
fn importing_files_gives_each_its_outcome_and_a_sent_file_comes_back_unchanged() {
    let (d, s) = state();
    let good = d.path().join("good.json");
    let mut other = sample_report();
    other.unit.name = "城关镇人民政府".into();
    std::fs::write(&good, nianbao_report::write_report(&other)).unwrap();
    let bad = d.path().join("bad.json");
    std::fs::write(&bad, "{ \"format\": ").unwrap();
    let request = ImportRequestDto {
        paths: None,
        county: None,
        year: None,
        choices: Vec::new(),
    };
    let results = import::import_files(&s, &[good.clone(), bad], &request).unwrap();
    assert_eq!(results[0].outcome, ImportOutcomeDto::Created);
    assert_eq!(results[0].label, "新增");
    assert_eq!(results[1].outcome, ImportOutcomeDto::Refused);
    assert!(
        results[1]
            .reason
            .as_deref()
            .unwrap()
            .contains("文件意外结束"),
        "{results:?}"
    );
    assert_eq!(results[1].file_name, "bad.json");
    assert_eq!(reports::list_reports(&s).unwrap().len(), 2);

    // 报送文件 into a folder with a space and Chinese characters; the file comes back 无变化.
    let folder = d.path().join("U盘 报送");
    std::fs::create_dir(&folder).unwrap();
    let key = ReportKeyDto {
        unit_name: "城关镇人民政府".into(),
        year: other.year,
    };
    let sent = import::send_report_to(&s, &key, &folder).unwrap();
    assert!(sent.ends_with("城关镇人民政府2020.nianbao.json"), "{sent}");
    let results = import::import_files(&s, &[PathBuf::from(&sent)], &request).unwrap();
    assert_eq!(
        results[0].outcome,
        ImportOutcomeDto::Unchanged,
        "{results:?}"
    );
}

#[test]
fn default_texts_follow_the_unit_s_contact() {
    let (_d, s) = state();
    let mut r = reports::create_report(&s, township(), 2021, false)
        .unwrap()
        .report;
    r.unit.phone = "0564-7654321".into();
    let t = reports::default_texts(&r).unwrap();
    assert_eq!(t.title, "城关镇人民政府2021年政府信息公开工作年度报告");
    assert!(
        t.opening.contains("联系电话：0564-7654321"),
        "{}",
        t.opening
    );
    assert!(t.opening.contains("国办公开办函〔2021〕30号"));
}

/// `nianbao-cli` as built beside this test binary (`cargo test --workspace` builds it).
fn cli_binary() -> std::path::PathBuf {
    let exe = std::env::current_exe().unwrap();
    let dir = exe.parent().and_then(|deps| deps.parent()).unwrap();
    let cli = dir.join(format!("nianbao-cli{}", std::env::consts::EXE_SUFFIX));
    assert!(
        cli.exists(),
        "{} is missing: run `cargo test --workspace` (or `cargo build -p nianbao-cli`) first",
        cli.display()
    );
    cli
}

#[test]
fn the_cli_and_the_app_answer_a_final_copy_request_the_same() {
    let (d, s) = state();
    let mut r = reports::open_report(&s, &sample_key()).unwrap().report;
    r.figures.insert("appeals.review.upheld".into(), "1".into());
    let file = d.path().join("报告 数据.json");
    let report = nianbao_report::Report::try_from(&r).unwrap();
    std::fs::write(&file, nianbao_report::write_report(&report)).unwrap();
    let pdf = d.path().join("报告.pdf");
    let render = |extra: &[&str]| {
        std::process::Command::new(cli_binary())
            .arg("render")
            .arg(&file)
            .arg("--out")
            .arg(&pdf)
            .args(extra)
            .output()
            .unwrap()
    };

    // A final copy: both refuse, with the same sentence, and the CLI writes nothing.
    let app =
        output::printable(&s, &r, false, Purpose::Export, ReviewSheetDto::Omitted).unwrap_err();
    assert_eq!(app.code, ErrorCode::HardFindings);
    let cli = render(&[]);
    assert_eq!(cli.status.code(), Some(1));
    let said = String::from_utf8_lossy(&cli.stderr);
    assert!(
        said.contains(&app.message),
        "app: {}\ncli: {said}",
        app.message
    );
    assert!(!pdf.exists());

    // A draft: both make it, with the same pages. (Not compared byte for byte: a build of one
    // package alone may unify the compressor's features differently from the workspace's.)
    let (_, app_draft) =
        output::printable(&s, &r, true, Purpose::Export, ReviewSheetDto::Omitted).unwrap();
    assert_eq!(render(&["--draft"]).status.code(), Some(1));
    let app_pdf = d.path().join("app.pdf");
    std::fs::write(&app_pdf, app_draft).unwrap();
    let text = |p: &std::path::Path| {
        let o = std::process::Command::new("pdftotext")
            .args(["-layout"])
            .arg(p)
            .arg("-")
            .output()
            .expect("pdftotext (poppler-utils) is installed by .ci/setup");
        String::from_utf8(o.stdout).unwrap()
    };
    let cli_text = text(&pdf);
    assert!(cli_text.contains("草稿") && cli_text.contains("行政复议"));
    assert_eq!(cli_text, text(&app_pdf));
}

#[test]
fn a_zero_width_space_never_reaches_the_store_and_an_unprintable_character_is_a_warning() {
    let (_d, s) = state();
    let mut r = reports::open_report(&s, &sample_key()).unwrap().report;
    // U+200B pasted with the text; U+10FFFD is in no font.
    r.sections[5].paragraphs[0].text = "无\u{200b}其他事项\u{10fffd}。".into();
    let saved = reports::save_report(&s, &sample_key(), &r).unwrap();
    let stored = reports::open_report(&s, &sample_key()).unwrap().report;
    assert_eq!(
        stored.sections[5].paragraphs[0].text,
        "无其他事项\u{10fffd}。"
    );
    let unprintable: Vec<_> = saved.findings.iter().filter(|f| f.rule == 12).collect();
    assert_eq!(unprintable.len(), 1, "{:?}", saved.findings);
    assert_eq!(unprintable[0].severity, Severity::Warning);
    assert_eq!(unprintable[0].paragraph, Some(0));
}

#[test]
fn the_review_sheet_comes_with_the_report_or_alone_as_chosen() {
    let (d, s) = state();
    let r = reports::open_report(&s, &sample_key()).unwrap().report;
    let text = |bytes: Vec<u8>| {
        let path = d.path().join("审签单 预览.pdf");
        std::fs::write(&path, bytes).unwrap();
        let o = std::process::Command::new("pdftotext")
            .arg(&path)
            .arg("-")
            .output()
            .expect("pdftotext (poppler-utils) is installed by .ci/setup");
        String::from_utf8(o.stdout).unwrap()
    };
    let alone = text(output::preview_pdf(&s, &r, ReviewSheetDto::Alone).unwrap());
    assert!(
        alone.contains("签发") && alone.contains("保密审查"),
        "{alone}"
    );
    assert!(!alone.contains("一、总体情况"));
    let with = text(output::preview_pdf(&s, &r, ReviewSheetDto::WithReport).unwrap());
    assert!(with.contains("保密审查") && with.contains("一、总体情况"));
    let published = text(output::preview_pdf(&s, &r, ReviewSheetDto::Omitted).unwrap());
    assert!(!published.contains("保密审查"));
    assert_eq!(
        with.matches('\u{c}').count(),
        published.matches('\u{c}').count() + 1
    );
}
