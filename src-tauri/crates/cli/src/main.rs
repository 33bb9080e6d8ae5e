//! `nianbao-cli`: the report without a window — for scripts, the county's collection of
//! township files, and tests. A thin door onto the same functions the app uses.

use clap::{Parser, Subcommand};
use nianbao_report::{sample_json, validate, write_report, Finding, Report, Severity};
use nianbao_store::{SaveOutcome, Store, StoreError};
use nianbao_workflow::{
    read_report_file, read_source, unread_labels, write_atomically, write_exchange_with_unread,
    write_report_as, CopyKind, Format, ImportBatch, Purpose, WorkflowError,
};
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
    /// 将交换文件导入数据文件（全部成功或全部不导入） / Import exchange files into a store (all or nothing)
    Import {
        /// 交换文件，可多个 / exchange files
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// 数据文件 / store file
        #[arg(long)]
        db: PathBuf,
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
        /// 使用该目录中的系统字体（仿宋_GB2312、SimFang、SimHei、KaiTi、SimSun、方正小标宋简体）/ use system fonts from this folder
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
        Command::Import { files, db } => {
            // Every file is read first: one bad file and nothing is written, nor a store created.
            let batch = ImportBatch::read(&files)?;
            let mut store = Store::open(&db)?;
            for imported in batch.save(&mut store)? {
                let what = match imported.outcome {
                    SaveOutcome::Created => "新增",
                    SaveOutcome::Updated => "更新",
                    SaveOutcome::Unchanged => "无变化",
                };
                let note = match imported.hard_errors {
                    0 => String::new(),
                    n => format!("（有{n}处硬性错误）"),
                };
                println!(
                    "{what}：{} {}年 ← {}{note}",
                    imported.unit_name,
                    imported.year,
                    imported.path.display()
                );
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
            let report = match (file, db, unit, year) {
                (Some(file), ..) => read_file(&file)?,
                (None, Some(db), Some(unit), Some(year)) => open_existing(&db)?
                    .load(&unit, year)?
                    .ok_or(CliError::NotFound { unit, year })?,
                _ => unreachable!("clap requires a file or --db, --unit and --year"),
            };
            let fonts = match font_dir {
                Some(dir) => nianbao_pdf::FontSet::with_font_dir(&dir)?,
                None => nianbao_pdf::FontSet::bundled(),
            };
            let copy = if draft {
                CopyKind::Draft
            } else {
                CopyKind::Final
            };
            let options = nianbao_pdf::ReportOptions {
                sealed,
                review_sheet: match review_sheet {
                    None => nianbao_pdf::ReviewSheet::Omitted,
                    Some(ReviewSheetArg::With) => nianbao_pdf::ReviewSheet::WithReport,
                    Some(ReviewSheetArg::Only) => nianbao_pdf::ReviewSheet::Alone,
                },
                ..nianbao_pdf::ReportOptions::default()
            };
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
            let copy = if draft {
                CopyKind::Draft
            } else {
                CopyKind::Final
            };
            let fonts = nianbao_pdf::FontSet::bundled();
            let bytes = write_report_as(&report, format, &fonts, copy, Purpose::Export)?;
            write_file(&out, &bytes)?;
            println!("已写出{}：{}", format.label(), out.display());
            let errors = nianbao_report::hard_error_count(&report);
            if errors > 0 {
                println!("注意：报告有{errors}处硬性错误（用 check 查看）。");
                return Ok(ExitCode::from(1));
            }
        }
        Command::Backup { db, out } => {
            open_existing(&db)?.backup(&out)?;
            println!("已备份到：{}", out.display());
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
