//! `nianbao-cli`: the report without a window — for scripts, the county's collection of
//! township files, and tests. A thin door onto the same functions the app uses.

use clap::{Parser, Subcommand};
use nianbao_report::{sample_json, validate, write_report, Finding, Report, Severity, UnitKind};
use nianbao_store::{Store, StoreError, UnitNode};
use nianbao_workflow::{
    import_files, read_report_file, read_source, summarize_county, unit_tree, unread_labels,
    write_atomically, write_exchange_with_unread, write_report_as, write_summary, Choice, CopyKind,
    Format, ImportBatch, ImportOptions, Outcome, Purpose, Question, WorkflowError,
};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "nianbao-cli",
    version,
    about = "年报命令行工具：政府信息公开工作年度报告的检查、导入与导出\n\
             nianbao command line: check, import and export open-government-information annual reports",
    after_help = "退出码 / exit codes: 0 正常 ok · 1 有硬性错误 hard findings · 2 输入无法使用 unusable input · 3 有格子未能读准 cells not read (convert)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// 写出内置样例报告（舒城县人民政府2020年）为交换文件 / Write the built-in sample report as an exchange file
    Sample {
        /// 输出文件 / output file
        #[arg(long)]
        out: PathBuf,
    },
    /// 检查报告的勾稽关系 / Check a report's arithmetic rules and warnings
    Check {
        /// 交换文件 / exchange file
        file: PathBuf,
        /// 上一年度的报告，用于跨年核对 / last year's report, for the year-on-year checks
        #[arg(long)]
        previous: Option<PathBuf>,
        /// 以JSON输出检查结果 / print the findings as JSON
        #[arg(long)]
        json: bool,
    },
    /// 导入报告文件（可多个），逐个文件给出结果：新增、已更新、无变化、未导入（及原因）、待确认。
    /// 退出码：0 全部导入；1 有文件待确认；2 有文件未导入 /
    /// Import report files, with an outcome per file; exit 0 all taken, 1 some wait for a choice, 2 some refused
    Import {
        /// 报告文件（交换文件、Excel、已发布报告），可多个 / report files
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// 数据文件 / store file
        #[arg(long)]
        db: PathBuf,
        /// 按县收集：只收该单位及其下级单位的报告 / collect for this county: only its units' files
        #[arg(long)]
        county: Option<String>,
        /// 只收这一年度的报告 / only reports of this year
        #[arg(long)]
        year: Option<u16>,
        /// 库中报告在文件制作之后改过时，仍以文件为准 / take the file even where the store's report changed after it was made
        #[arg(long)]
        replace: bool,
        /// 把不在单位列表中的单位添加到县下 / add units not in the tree under the county
        #[arg(long)]
        add_units: bool,
    },
    /// 从数据文件导出一份报告为交换文件 / Export one report from a store as an exchange file
    Export {
        #[arg(long)]
        db: PathBuf,
        /// 单位全称 / the unit's full name
        #[arg(long)]
        unit: String,
        /// 年度 / report year
        #[arg(long)]
        year: u16,
        #[arg(long)]
        out: PathBuf,
    },
    /// 生成报送文件（单位+年度.nianbao.json，带报送时间），交给上级单位汇总 /
    /// Write a unit's stamped 报送 file into a folder, for its county
    Send {
        #[arg(long)]
        db: PathBuf,
        /// 单位全称 / the unit's full name
        #[arg(long)]
        unit: String,
        /// 年度 / report year
        #[arg(long)]
        year: u16,
        /// 存放报送文件的文件夹 / the folder to write into
        #[arg(long)]
        dir: PathBuf,
    },
    /// 列出数据文件中的报告 / List the reports in a store
    List {
        #[arg(long)]
        db: PathBuf,
    },
    /// 生成可打印的A4 PDF / Render the print-ready A4 PDF
    #[command(
        after_help = "报告有硬性错误时不生成正式版（退出码1，不写文件），与桌面程序相同；加 --draft 生成带“草稿”字样的草稿版。\n\
        A report with hard findings gets no final copy (exit 1, nothing written), as in the app; --draft writes a copy marked 草稿."
    )]
    Render {
        /// 交换文件（或用 --db/--unit/--year 从数据文件读取） / exchange file (or read from a store)
        #[arg(required_unless_present = "db", conflicts_with = "db")]
        file: Option<PathBuf>,
        #[arg(long, requires_all = ["unit", "year"])]
        db: Option<PathBuf>,
        #[arg(long)]
        unit: Option<String>,
        #[arg(long)]
        year: Option<u16>,
        /// 输出的PDF文件 / output PDF
        #[arg(long)]
        out: PathBuf,
        /// 使用该目录中的官方字体（方正小标宋简体、仿宋_GB2312或simfang、黑体simhei、楷体_GB2312或simkai、宋体simsun）；用 --db 时，程序中所选的字体优先 / use the official fonts in this folder; with --db the faces chosen in the app win
        #[arg(long)]
        font_dir: Option<PathBuf>,
        /// 生成带“草稿”字样的草稿版 / write a draft, marked 草稿 on every page
        #[arg(long)]
        draft: bool,
        /// 落款处将加盖印章，右空四字 / the sign-off will be sealed: four characters' space on its right
        #[arg(long)]
        sealed: bool,
        /// 审签单：with 置于报告之前，only 只印审签单；公开的文本不要带 / the review sheet: with the report, or only the sheet (never in the published copy)
        #[arg(long, value_enum)]
        review_sheet: Option<ReviewSheetArg>,
    },
    /// 转换格式：按扩展名读入 .json/.xlsx/.docx/.html/.txt，写出 .json/.pdf/.xlsx/.html/.docx / Convert between formats, chosen by the extensions
    #[command(
        after_help = "读入：年报数据文件（.json）、Excel工作簿（.xlsx），以及已发布报告的Word文档（.docx）、网页（.html/.htm）、文本（.txt，UTF-8或GB18030）。\n\
        写出：.json、.pdf、.xlsx、.html（网页，可粘贴到网站）、.docx（Word）。\n\
        退出码：0 正常；1 报告有硬性错误（按原样读入；PDF正式版不生成，加 --draft 生成草稿版；其他格式照常写出）；2 输入无法使用；\
        3 有格子未能读准（只写出 .json，这些格子为 null，名称列在标准错误上）。\n\
        In: .json, .xlsx, and published reports as .docx, .html/.htm, .txt. Out: .json, .pdf, .xlsx, .html, .docx. \
        Exit 1: the report breaks a hard rule (read as published; no final PDF, --draft writes one marked 草稿); \
        2: unusable input; 3: cells not read for sure (only .json is written, with them null, named on stderr)."
    )]
    Convert {
        /// 输入文件 / input file
        input: PathBuf,
        /// 输出文件 / output file
        #[arg(long)]
        out: PathBuf,
        /// PDF：生成带“草稿”字样的草稿版 / PDF: write a draft marked 草稿
        #[arg(long)]
        draft: bool,
    },
    /// 备份数据文件 / Write a consistent copy of a store
    Backup {
        #[arg(long)]
        db: PathBuf,
        /// 备份文件（不可已存在） / backup file (must not exist)
        #[arg(long)]
        out: PathBuf,
    },
    /// 从备份恢复数据文件（先备份当前数据） / Restore a store from a backup (the current store is backed up first)
    #[command(
        after_help = "先把当前数据文件备份为“<名称>.before-restore.bak”，再用备份文件替换；不是年报数据文件、已损坏或由更新版本创建的文件一律拒绝，不做任何改动（退出码2）。\n\
        The current store is first backed up as <name>.before-restore.bak; a file that is not a nianbao store, is damaged, \
        or comes from a newer version is refused and nothing changes (exit 2)."
    )]
    Restore {
        #[arg(long)]
        db: PathBuf,
        /// 备份文件 / the backup to restore
        #[arg(long)]
        from: PathBuf,
    },
    /// 单位管理：列出单位树，添加或修改单位 / Units as a tree: list, add, change
    #[command(subcommand_negates_reqs = true)]
    Units {
        /// 数据文件 / store file
        #[arg(long, required = true)]
        db: Option<PathBuf>,
        #[command(subcommand)]
        action: Option<UnitsAction>,
    },
    /// 汇总下级单位的报告，写出汇总的交换文件 / Sum the reports of the units under a unit into an exchange file
    #[command(
        after_help = "汇总数据文件中上级单位为 --parent 的各单位（垂直管理单位除外）及该单位本身的报告；其他版本格式的报告列出但不计入。\n\
        加 --county-wide：该单位本身的报告是全县报告，不计入汇总，而与汇总逐格核对（规则11）。\n\
        退出码：0 正常；1 有单位的报告或汇总有硬性错误（逐条列出，汇总文件照常写出）；2 输入无法使用。\n\
        Sums the reports of the units whose parent is --parent (垂直管理 units left out) and of that unit itself. \
        With --county-wide that unit's own report is the county-wide one: compared with the sum (rule 11), not summed. \
        Exit 1 when a unit's report or the sum breaks a hard rule (listed; the file is written all the same)."
    )]
    Aggregate {
        #[arg(long)]
        db: PathBuf,
        /// 上级单位全称（如某某县人民政府） / the parent unit's full name
        #[arg(long)]
        parent: String,
        /// 年度 / report year
        #[arg(long)]
        year: u16,
        /// 汇总的交换文件；以 .pdf 结尾则写出可打印的汇总表 / the sum's exchange file, or with .pdf the printable 汇总表
        #[arg(long)]
        out: PathBuf,
        /// 上级单位本身的报告是全县报告，与汇总核对 / the parent's own report is the county-wide one, checked against the sum
        #[arg(long)]
        county_wide: bool,
    },
}

#[derive(Subcommand)]
enum UnitsAction {
    /// 添加单位 / Add a unit
    Add {
        #[arg(long)]
        db: PathBuf,
        /// 单位全称 / full name
        #[arg(long)]
        name: String,
        /// 类型：county_government（县（区）人民政府）、department（政府部门）、township（乡镇（街道））、other（其他）
        #[arg(long, value_parser = parse_kind)]
        kind: UnitKind,
        /// 上级单位全称 / the parent unit
        #[arg(long)]
        parent: Option<String>,
        /// 垂直管理单位，不计入上级的汇总 / vertically managed: not summed into its parent
        #[arg(long)]
        vertical: bool,
    },
    /// 修改单位的类型、上级或垂直管理标记 / Change a unit's kind, parent or 垂直管理 flag
    Set {
        #[arg(long)]
        db: PathBuf,
        #[arg(long)]
        name: String,
        #[arg(long, value_parser = parse_kind)]
        kind: Option<UnitKind>,
        /// 新的上级单位 / the new parent
        #[arg(long, conflicts_with = "no_parent")]
        parent: Option<String>,
        /// 取消上级单位 / no parent
        #[arg(long)]
        no_parent: bool,
        /// 是否垂直管理（true/false） / vertically managed (true/false)
        #[arg(long)]
        vertical: Option<bool>,
    },
}

/// A unit kind by its key or its Chinese label.
fn parse_kind(s: &str) -> Result<UnitKind, String> {
    UnitKind::ALL
        .into_iter()
        .find(|k| k.key() == s || k.label() == s)
        .ok_or_else(|| {
            let known: Vec<String> = UnitKind::ALL
                .iter()
                .map(|k| format!("{}（{}）", k.key(), k.label()))
                .collect();
            format!("单位类型“{s}”不对，可用：{}", known.join("、"))
        })
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum ReviewSheetArg {
    /// 审签单在前，报告随后 / the sheet, then the report
    With,
    /// 只印审签单 / the sheet alone
    Only,
}

/// Everything that makes the input unusable (exit 2).
#[derive(Debug, thiserror::Error)]
enum CliError {
    #[error(transparent)]
    Workflow(#[from] WorkflowError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Font(#[from] nianbao_pdf::FontError),
    #[error("数据文件中没有“{unit}”{year}年的报告")]
    NotFound { unit: String, year: u16 },
    #[error("“{parent}”及其下级单位没有{year}年的报告可以汇总")]
    NothingToSum { parent: String, year: u16 },
    #[error("无法读取“{}”：文件不存在", .0.display())]
    Missing(PathBuf),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(code) => code,
        // The same refusal as the app's: the report breaks a hard rule (exit 1, nothing written).
        Err(CliError::Workflow(e @ WorkflowError::HardFindings { .. })) => {
            eprintln!("错误：{e}（加 --draft 生成草稿版）");
            ExitCode::from(1)
        }
        Err(e) => {
            eprintln!("错误：{e}");
            let mut source = std::error::Error::source(&e);
            while let Some(s) = source {
                if !e.to_string().contains(&s.to_string()) {
                    eprintln!("  原因：{s}");
                }
                source = s.source();
            }
            ExitCode::from(2)
        }
    }
}

fn run(command: Command) -> Result<ExitCode, CliError> {
    match command {
        Command::Sample { out } => {
            write_file(&out, sample_json())?;
            println!("已写出样例报告：{}", out.display());
        }
        Command::Check {
            file,
            previous,
            json,
        } => {
            let report = read_file(&file)?;
            let previous = previous.map(|p| read_file(&p)).transpose()?;
            let mut findings = validate(&report, previous.as_ref());
            // Characters no bundled font prints: said now, not first at export.
            findings.extend(nianbao_pdf::unprintable_characters(
                &report,
                &nianbao_pdf::FontSet::bundled(),
            ));
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&findings).expect("findings serialise")
                );
            } else {
                print_findings(&report, &findings);
            }
            if findings.iter().any(Finding::is_error) {
                return Ok(ExitCode::from(1));
            }
        }
        Command::Import {
            files,
            db,
            county,
            year,
            replace,
            add_units,
        } => {
            // Every file is read first: when none can be read, no store is even created.
            let batch = ImportBatch::read(&files);
            let results = if batch.any_readable() {
                let mut store = Store::open(&db)?;
                // --replace answers conflicts only, --add-units new units only.
                let first = batch.import(
                    &mut store,
                    &ImportOptions {
                        county: county.clone(),
                        year,
                        choices: HashMap::new(),
                    },
                )?;
                let chosen: Vec<PathBuf> = first
                    .iter()
                    .filter(|r| match &r.outcome {
                        Outcome::Waiting(Question::Conflict { .. }) => replace,
                        Outcome::Waiting(Question::NewUnit { .. }) => add_units,
                        _ => false,
                    })
                    .map(|r| r.path.clone())
                    .collect();
                let mut results = first;
                if !chosen.is_empty() {
                    let again = import_files(
                        &mut store,
                        &chosen,
                        &ImportOptions {
                            county,
                            year,
                            choices: chosen
                                .iter()
                                .map(|p| (p.clone(), Choice::TakeFile))
                                .collect(),
                        },
                    )?;
                    for r in again {
                        if let Some(slot) = results.iter_mut().find(|s| s.path == r.path) {
                            *slot = r;
                        }
                    }
                }
                results
            } else {
                batch.into_read_outcomes()
            };
            let mut code = 0;
            for r in &results {
                let who = match (&r.unit_name, r.year) {
                    (Some(u), Some(y)) => format!("{u} {y}年 ← "),
                    _ => String::new(),
                };
                let detail = match &r.outcome {
                    Outcome::Refused(reason) => {
                        code = 2;
                        format!("：{reason}")
                    }
                    Outcome::Waiting(Question::Conflict { differences, .. }) => {
                        code = code.max(1);
                        let shown: Vec<String> = differences
                            .iter()
                            .take(5)
                            .map(|d| {
                                format!("{}（库中{}，文件{}）", d.place, d.in_store, d.in_file)
                            })
                            .collect();
                        format!(
                            "：库中的报告在文件制作之后改过，有{}处不同：{}{}。以文件为准请加 --replace",
                            differences.len(),
                            shown.join("；"),
                            if differences.len() > 5 { "……" } else { "" }
                        )
                    }
                    Outcome::Waiting(Question::NewUnit { parent }) => {
                        code = code.max(1);
                        format!("：单位不在单位列表中，加 --add-units 把它添加到“{parent}”下并导入")
                    }
                    _ => match (&r.added_under, r.hard_errors) {
                        (Some(p), 0) => format!("（已添加到“{p}”下）"),
                        (Some(p), n) => format!("（已添加到“{p}”下；有{n}处硬性错误）"),
                        (None, 0) => String::new(),
                        (None, n) => format!("（有{n}处硬性错误）"),
                    },
                };
                println!("{}：{who}{}{detail}", r.outcome.label(), r.path.display());
            }
            if code > 0 {
                return Ok(ExitCode::from(code));
            }
        }
        Command::Export {
            db,
            unit,
            year,
            out,
        } => {
            let store = open_existing(&db)?;
            let report = store
                .load(&unit, year)?
                .ok_or(CliError::NotFound { unit, year })?;
            write_file(&out, write_report(&report))?;
            println!(
                "已导出：{} {}年 → {}",
                report.unit.name,
                report.year,
                out.display()
            );
        }
        Command::Send {
            db,
            unit,
            year,
            dir,
        } => {
            let store = open_existing(&db)?;
            let report = store
                .load(&unit, year)?
                .ok_or(CliError::NotFound { unit, year })?;
            let path = nianbao_workflow::send_report(&report, &dir)?;
            println!("已生成报送文件：{}", path.display());
        }
        Command::List { db } => {
            let store = open_existing(&db)?;
            let list = store.list()?;
            if list.is_empty() {
                println!("数据文件中还没有报告。");
            }
            for s in list {
                println!(
                    "{}\t{}年\t{}年版\t{}\t更新于{}",
                    s.unit_name,
                    s.year,
                    s.edition.code(),
                    s.unit_kind.label(),
                    s.updated_at
                );
            }
        }
        Command::Render {
            file,
            db,
            unit,
            year,
            out,
            font_dir,
            draft,
            sealed,
            review_sheet,
        } => {
            let (report, choices) = match (file, db, unit, year) {
                (Some(file), ..) => (read_file(&file)?, nianbao_workflow::FontChoices::new()),
                (None, Some(db), Some(unit), Some(year)) => {
                    let store = open_existing(&db)?;
                    let report = store
                        .load(&unit, year)?
                        .ok_or(CliError::NotFound { unit, year })?;
                    (report, nianbao_workflow::font_choices(&store)?)
                }
                _ => unreachable!("clap requires a file or --db, --unit and --year"),
            };
            let mut fonts = match &font_dir {
                Some(dir) => nianbao_pdf::FontSet::with_font_dir(dir)?,
                None => nianbao_pdf::FontSet::bundled(),
            };
            // The faces the office chose in the app (kept in the store) win; a role not chosen
            // is the --font-dir's official face, else the bundled one.
            if !choices.is_empty() {
                let chosen = nianbao_workflow::choose_fonts(&choices, font_dir.as_slice());
                for note in chosen.notes() {
                    eprintln!("说明：{note}");
                }
                fonts = chosen.set;
            }
            let options = nianbao_pdf::ReportOptions {
                sealed,
                review_sheet: match review_sheet {
                    None => nianbao_pdf::ReviewSheet::Omitted,
                    Some(ReviewSheetArg::With) => nianbao_pdf::ReviewSheet::WithReport,
                    Some(ReviewSheetArg::Only) => nianbao_pdf::ReviewSheet::Alone,
                },
                ..nianbao_pdf::ReportOptions::default()
            };
            let copy = CopyKind::asked(draft);
            let pdf =
                nianbao_workflow::render_with(&report, &fonts, copy, Purpose::Export, options)?;
            write_file(&out, &pdf)?;
            println!("已生成PDF：{}", out.display());
            if draft && nianbao_report::hard_error_count(&report) > 0 {
                return Ok(ExitCode::from(1));
            }
        }
        Command::Convert { input, out, draft } => {
            let format = Format::of_path(&out).filter(|f| f.can_write()).ok_or(
                WorkflowError::UnknownFormat {
                    path: out.clone(),
                    readable: false,
                },
            )?;
            let read = read_source(&input)?;
            for note in &read.notes {
                eprintln!("说明：{note}");
            }
            if !read.unread.is_empty() {
                // Cells not read for sure: only an exchange file can carry them (as null), for
                // the clerk to fill; nothing else is written.
                let cells = unread_labels(&read);
                for cell in &cells {
                    eprintln!("未能读准：{cell}");
                }
                if format != Format::Exchange {
                    eprintln!(
                        "有{}格未能读准，未写出“{}”。请先转换为年报数据文件（.json），补全后再转换。",
                        cells.len(),
                        out.display()
                    );
                    return Ok(ExitCode::from(3));
                }
                write_file(&out, write_exchange_with_unread(&read))?;
                println!(
                    "已写出{}：{}（有{}格为 null，请补全）",
                    format.label(),
                    out.display(),
                    cells.len()
                );
                return Ok(ExitCode::from(3));
            }
            let report = read.report;
            let fonts = nianbao_pdf::FontSet::bundled();
            let bytes = write_report_as(
                &report,
                format,
                &fonts,
                CopyKind::asked(draft),
                Purpose::Export,
                nianbao_pdf::ReportOptions::default(),
            )?;
            write_file(&out, &bytes)?;
            println!("已写出{}：{}", format.label(), out.display());
            let errors = nianbao_report::hard_error_count(&report);
            if errors > 0 {
                println!("注意：报告有{errors}处硬性错误（用 check 查看）。");
                return Ok(ExitCode::from(1));
            }
        }
        Command::Backup { db, out } => {
            let mut store = open_existing(&db)?;
            store.backup(&out)?;
            // As the app's 备份 does: its reminder counts from the last backup, whoever made it.
            store.set_setting(
                nianbao_workflow::LAST_BACKUP_KEY,
                &nianbao_workflow::utc_now(),
            )?;
            println!("已备份到：{}", out.display());
        }
        Command::Restore { db, from } => {
            if !from.exists() {
                return Err(CliError::Missing(from));
            }
            let taken = open_existing(&db)?.restore(&from)?;
            println!("已把原数据备份到：{}", taken.display());
            println!("已从“{}”恢复数据文件：{}", from.display(), db.display());
        }
        Command::Units { db, action } => return units(db, action),
        Command::Aggregate {
            db,
            parent,
            year,
            out,
            county_wide,
        } => {
            let store = open_existing(&db)?;
            let summary = summarize_county(&store, &parent, year, county_wide)?;
            let sum = &summary.aggregate;
            if sum.summed.is_empty() {
                return Err(CliError::NothingToSum { parent, year });
            }
            // .pdf: the 汇总表 to print; anything else: the exchange file of the sum.
            let format = match Format::of_path(&out) {
                Some(Format::Pdf) => Format::Pdf,
                _ => Format::Exchange,
            };
            let fonts = nianbao_pdf::FontSet::bundled();
            write_file(&out, write_summary(&summary, format, &fonts)?)?;
            println!(
                "已汇总{}个单位的{}年报告（{}年版格式）→ {}",
                sum.summed.len(),
                year,
                sum.report.edition.code(),
                out.display()
            );
            let names: Vec<&str> = sum.summed.iter().map(|u| u.unit_name.as_str()).collect();
            println!("计入汇总：{}", names.join("、"));
            for l in &sum.left_out {
                println!("未计入：{}", l.message(sum.report.edition));
            }
            for name in &summary.vertical {
                println!("垂直管理，不计入：{name}");
            }
            for name in &summary.missing {
                println!("尚未报送：{name}");
            }
            for key in &sum.too_large {
                println!("[错误] “{key}”的汇总数超出一格能填的最大数");
            }
            let mut hard = !sum.too_large.is_empty();
            for u in sum.summed.iter().filter(|u| !u.hard_findings.is_empty()) {
                hard = true;
                println!(
                    "“{}”的报告有{}处硬性错误：",
                    u.unit_name,
                    u.hard_findings.len()
                );
                for f in &u.hard_findings {
                    println!("  [错误] 规则{}：{}", f.rule, f.message);
                }
            }
            for f in sum.findings.iter().chain(&summary.county_wide) {
                let tag = if f.is_error() { "错误" } else { "提醒" };
                hard |= f.is_error();
                println!("[{tag}] 汇总 规则{}：{}", f.rule, f.message);
            }
            if hard {
                return Ok(ExitCode::from(1));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `units`: the tree, or adding or changing a unit.
fn units(db: Option<PathBuf>, action: Option<UnitsAction>) -> Result<ExitCode, CliError> {
    match action {
        None => {
            let db = db.expect("clap requires --db without a subcommand");
            let units = open_existing(&db)?.units()?;
            if units.is_empty() {
                println!("数据文件中还没有单位。");
            }
            for (depth, u) in unit_tree(&units) {
                let vertical = if u.vertical { "\t垂直管理" } else { "" };
                println!(
                    "{}{}\t{}{vertical}",
                    "  ".repeat(depth),
                    u.name,
                    u.kind.label()
                );
            }
        }
        Some(UnitsAction::Add {
            db,
            name,
            kind,
            parent,
            vertical,
        }) => {
            let mut store = Store::open(&db)?;
            store.add_unit(&UnitNode {
                name: name.clone(),
                kind,
                parent,
                vertical,
            })?;
            println!("已添加单位：{}", name.trim());
        }
        Some(UnitsAction::Set {
            db,
            name,
            kind,
            parent,
            no_parent,
            vertical,
        }) => {
            let mut store = open_existing(&db)?;
            let mut unit = store
                .unit(&name)?
                .ok_or(StoreError::UnitNotFound { name: name.clone() })?;
            if let Some(kind) = kind {
                unit.kind = kind;
            }
            if no_parent {
                unit.parent = None;
            } else if parent.is_some() {
                unit.parent = parent;
            }
            if let Some(vertical) = vertical {
                unit.vertical = vertical;
            }
            store.update_unit(&unit)?;
            println!("已修改单位：{name}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn read_file(path: &Path) -> Result<Report, CliError> {
    Ok(read_report_file(path)?)
}

fn write_file(path: &Path, bytes: impl AsRef<[u8]>) -> Result<(), CliError> {
    Ok(write_atomically(path, bytes.as_ref())?)
}

/// Opens a store that must already exist: reading commands never create one.
fn open_existing(db: &Path) -> Result<Store, CliError> {
    if !db.exists() {
        return Err(CliError::Missing(db.into()));
    }
    Ok(Store::open(db)?)
}

fn print_findings(report: &Report, findings: &[Finding]) {
    println!(
        "{} {}年（{}年版格式）",
        report.unit.name,
        report.year,
        report.edition.code()
    );
    for f in findings {
        let tag = match f.severity {
            Severity::Error => "错误",
            Severity::Warning => "提醒",
        };
        println!("[{tag}] 规则{}：{}", f.rule, f.message);
    }
    let errors = findings.iter().filter(|f| f.is_error()).count();
    let warnings = findings.len() - errors;
    if findings.is_empty() {
        println!("检查通过：没有发现问题。");
    } else {
        println!("共{errors}处错误，{warnings}处提醒。");
    }
}
