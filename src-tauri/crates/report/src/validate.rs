//! The arithmetic rules (勾稽关系) and warnings of the format, as findings a clerk can act on.
//!
//! Rule 5 (whole numbers ≥ 0, money ≥ 0) is kept by the value types themselves and enforced
//! where values enter: [`crate::value::parse_value`] and the exchange file reader.

use crate::edition::{
    self, Edition, TableId, APPEAL_ADDEND_COLUMNS, APPEAL_COLUMNS, APPEAL_GROUPS,
    APPLICATION_ADDEND_COLUMNS, APPLICATION_COLUMNS,
};
use crate::model::{Report, SectionKey};
use regex::Regex;
use serde::Serialize;
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// A hard rule is broken: the report is wrong.
    Error,
    /// Likely wrong; the clerk decides.
    Warning,
}

/// One thing found wrong with a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Finding {
    /// The rule's number in the format spec (see the README's table of rules).
    pub rule: u8,
    pub severity: Severity,
    pub table: Option<TableId>,
    /// Stable key of the row (table 四: the group), when the finding is about a row or cell.
    pub row: Option<String>,
    /// Stable key of the column, when the finding is about a column or cell.
    pub column: Option<String>,
    /// Every cell concerned, by full key, for marking them on screen.
    pub cells: Vec<String>,
    /// The prose section and paragraph index, for findings about the text.
    pub section: Option<SectionKey>,
    pub paragraph: Option<usize>,
    pub expected: Option<String>,
    pub found: Option<String>,
    /// The finding in a Chinese sentence that names the table, row and column.
    pub message: String,
}

impl Finding {
    pub(crate) fn new(rule: u8, severity: Severity, message: String) -> Finding {
        Finding {
            rule,
            severity,
            table: None,
            row: None,
            column: None,
            cells: Vec::new(),
            section: None,
            paragraph: None,
            expected: None,
            found: None,
            message,
        }
    }
    pub(crate) fn in_table(
        mut self,
        table: TableId,
        row: Option<&str>,
        column: Option<&str>,
    ) -> Self {
        self.table = Some(table);
        self.row = row.map(str::to_string);
        self.column = column.map(str::to_string);
        self
    }
    pub(crate) fn cells(mut self, cells: Vec<String>) -> Self {
        self.cells = cells;
        self
    }
    pub(crate) fn values(mut self, expected: impl ToString, found: impl ToString) -> Self {
        self.expected = Some(expected.to_string());
        self.found = Some(found.to_string());
        self
    }
    fn in_prose(mut self, section: SectionKey, paragraph: Option<usize>) -> Self {
        self.section = Some(section);
        self.paragraph = paragraph;
        self
    }
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// The rules whose findings are a total that disagrees with what it adds up (table 三's rows
/// and （七）总计, table 四's groups): recomputing the totals settles them.
pub const TOTAL_RULES: [u8; 3] = [2, 3, 4];

impl Finding {
    /// A total that disagrees with what it adds up; see [`TOTAL_RULES`].
    pub fn is_total_mismatch(&self) -> bool {
        TOTAL_RULES.contains(&self.rule)
    }
}

/// The state a report is in, as the list shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ReportStatus {
    /// 有错误: a hard rule is broken.
    HasErrors,
    /// 草稿: no hard error, but a prose section is still empty.
    Draft,
    /// 可打印
    Printable,
}

impl ReportStatus {
    /// The status of `report`, given its findings.
    pub fn of(report: &Report, findings: &[Finding]) -> ReportStatus {
        if findings.iter().any(Finding::is_error) {
            ReportStatus::HasErrors
        } else if !report.empty_prose_sections().is_empty() {
            ReportStatus::Draft
        } else {
            ReportStatus::Printable
        }
    }
}

/// Checks a report against every rule; `previous` is the same unit's report of the year
/// before, when there is one (rules 6, 7, 8 and 10's similarity check need it).
pub fn validate(report: &Report, previous: Option<&Report>) -> Vec<Finding> {
    let mut out = Vec::new();
    applications_columns_balance(report, &mut out);
    applications_rows_add_up(report, &mut out);
    applications_results_add_up(report, &mut out);
    appeals_groups_add_up(report, &mut out);
    if let Some(prev) = previous {
        carried_in_matches_last_year(report, prev, &mut out);
        documents_in_force_follow_on(report, prev, &mut out);
        items_follow_on(report, prev, &mut out);
    }
    prose_numbers_agree(report, &mut out);
    prose_length_and_repetition(report, previous, &mut out);
    out
}

/// How many hard rules the report breaks: a final copy waits until this is 0. The hard rules
/// look at one year only, so no previous report is needed.
pub fn hard_error_count(report: &Report) -> usize {
    validate(report, None)
        .iter()
        .filter(|f| f.is_error())
        .count()
}

fn app_key(row: &str, col: &str) -> String {
    edition::cell_key(TableId::Applications, row, col)
}

/// Rule 1: every column of table 三, 一 + 二 = （七）总计 + 四.
fn applications_columns_balance(r: &Report, out: &mut Vec<Finding>) {
    for c in APPLICATION_COLUMNS {
        let keys =
            ["received", "carried_in", "handled_total", "carried_out"].map(|k| app_key(k, c.key));
        let [received, carried_in, handled, carried_out] =
            keys.each_ref().map(|k| r.figures.count(k));
        let incoming = received + carried_in;
        let outgoing = handled + carried_out;
        if incoming != outgoing {
            out.push(
                Finding::new(
                    1,
                    Severity::Error,
                    format!(
                        "表三“{}”列：第一项加第二项之和为{incoming}，第三项总计加第四项之和为{outgoing}，两者应相等。",
                        c.label
                    ),
                )
                .in_table(TableId::Applications, None, Some(c.key))
                .cells(keys.to_vec())
                .values(incoming, outgoing),
            );
        }
    }
}

/// Rule 2: every row of table 三, 总计 = 自然人 + the five 法人或其他组织 columns.
fn applications_rows_add_up(r: &Report, out: &mut Vec<Finding>) {
    for row in edition::application_rows(r.edition) {
        let sum: u64 = APPLICATION_ADDEND_COLUMNS
            .iter()
            .map(|c| r.figures.count(&app_key(row.key, c)))
            .sum();
        let total = r.figures.count(&app_key(row.key, "total"));
        if sum != total {
            let mut cells: Vec<String> = APPLICATION_ADDEND_COLUMNS
                .iter()
                .map(|c| app_key(row.key, c))
                .collect();
            cells.push(app_key(row.key, "total"));
            out.push(
                Finding::new(
                    2,
                    Severity::Error,
                    format!(
                        "表三“{}”行：自然人与法人或其他组织各栏之和为{sum}，“总计”栏填的是{total}，两者应相等。",
                        row.full_label()
                    ),
                )
                .in_table(TableId::Applications, Some(row.key), Some("total"))
                .cells(cells)
                .values(sum, total),
            );
        }
    }
}

/// Rule 3: （七）总计 = the sum of every leaf item of 三、本年度办理结果, column by column.
fn applications_results_add_up(r: &Report, out: &mut Vec<Finding>) {
    let rows = edition::application_rows(r.edition);
    for c in APPLICATION_COLUMNS {
        let leaves: Vec<String> = rows
            .iter()
            .filter(|row| row.is_result_leaf())
            .map(|row| app_key(row.key, c.key))
            .collect();
        let sum: u64 = leaves.iter().map(|k| r.figures.count(k)).sum();
        let total_key = app_key("handled_total", c.key);
        let total = r.figures.count(&total_key);
        if sum != total {
            let mut cells = leaves;
            cells.push(total_key);
            out.push(
                Finding::new(
                    3,
                    Severity::Error,
                    format!(
                        "表三“{}”列：办理结果（一）至（六）各项之和为{sum}，“（七）总计”填的是{total}，两者应相等。",
                        c.label
                    ),
                )
                .in_table(TableId::Applications, Some("handled_total"), Some(c.key))
                .cells(cells)
                .values(sum, total),
            );
        }
    }
}

/// Rule 4: in each group of table 四, 总计 = 维持 + 纠正 + 其他 + 尚未审结.
fn appeals_groups_add_up(r: &Report, out: &mut Vec<Finding>) {
    for g in APPEAL_GROUPS {
        let key = |c: &str| edition::cell_key(TableId::Appeals, g.key, c);
        let sum: u64 = APPEAL_ADDEND_COLUMNS
            .iter()
            .map(|c| r.figures.count(&key(c)))
            .sum();
        let total = r.figures.count(&key("total"));
        if sum != total {
            let name = match g.key {
                "review" => format!("“{}”", g.label),
                _ => format!("{}“{}”", edition::LITIGATION_HEADER, g.label),
            };
            out.push(
                Finding::new(
                    4,
                    Severity::Error,
                    format!(
                        "表四{name}：结果维持、结果纠正、其他结果、尚未审结之和为{sum}，“总计”栏填的是{total}，两者应相等。"
                    ),
                )
                .in_table(TableId::Appeals, Some(g.key), Some("total"))
                .cells(APPEAL_COLUMNS.iter().map(|c| key(c.key)).collect())
                .values(sum, total),
            );
        }
    }
}

/// Rule 6: this year's 二、上年结转 equals last year's 四、结转下年度继续办理, column by column.
fn carried_in_matches_last_year(r: &Report, prev: &Report, out: &mut Vec<Finding>) {
    for c in APPLICATION_COLUMNS {
        let now = r.figures.count(&app_key("carried_in", c.key));
        let then = prev.figures.count(&app_key("carried_out", c.key));
        if now != then {
            out.push(
                Finding::new(
                    6,
                    Severity::Warning,
                    format!(
                        "表三“二、上年结转政府信息公开申请数量”行“{}”列填的是{now}，{}年报告“四、结转下年度继续办理”为{then}，请核对。",
                        c.label, prev.year
                    ),
                )
                .in_table(TableId::Applications, Some("carried_in"), Some(c.key))
                .cells(vec![app_key("carried_in", c.key)])
                .values(then, now),
            );
        }
    }
}

/// Rule 7 (2021 edition): 现行有效件数 ≈ last year's 现行有效件数 + 本年制发件数 − 本年废止件数.
fn documents_in_force_follow_on(r: &Report, prev: &Report, out: &mut Vec<Finding>) {
    if r.edition != Edition::E2021 || prev.edition != Edition::E2021 {
        return;
    }
    for (row, label) in [
        ("regulations", "规章"),
        ("normative_documents", "行政规范性文件"),
    ] {
        let key = |c: &str| edition::cell_key(TableId::Proactive, row, c);
        let expected = prev.figures.count(&key("in_force")) as i64
            + r.figures.count(&key("issued")) as i64
            - r.figures.count(&key("repealed")) as i64;
        let found = r.figures.count(&key("in_force")) as i64;
        if expected != found {
            out.push(
                Finding::new(
                    7,
                    Severity::Warning,
                    format!(
                        "表二“{label}”行：上年现行有效件数{}加本年制发件数{}减本年废止件数{}为{expected}，“现行有效件数”填的是{found}，请核对。",
                        prev.figures.count(&key("in_force")),
                        r.figures.count(&key("issued")),
                        r.figures.count(&key("repealed"))
                    ),
                )
                .in_table(TableId::Proactive, Some(row), Some("in_force"))
                .cells(vec![key("in_force"), key("issued"), key("repealed")])
                .values(expected, found),
            );
        }
    }
}

/// Rule 8 (2019 edition): this year's 上一年项目数量 = last year's 上一年项目数量 + 本年增/减.
fn items_follow_on(r: &Report, prev: &Report, out: &mut Vec<Finding>) {
    if r.edition != Edition::E2019 || prev.edition != Edition::E2019 {
        return;
    }
    for block in edition::proactive_blocks(r.edition) {
        if !block.columns.iter().any(|c| c.key == "change") {
            continue;
        }
        for row in block.rows {
            let key = |c: &str| edition::cell_key(TableId::Proactive, row.key, c);
            let then = prev
                .figures
                .get(&key("previous_items"))
                .map_or(0, |v| v.as_i64());
            let change = prev.figures.get(&key("change")).map_or(0, |v| v.as_i64());
            let expected = then + change;
            let found = r
                .figures
                .get(&key("previous_items"))
                .map_or(0, |v| v.as_i64());
            if expected != found {
                out.push(
                    Finding::new(
                        8,
                        Severity::Warning,
                        format!(
                            "表二“{}”行：{}年报告的上一年项目数量{then}加本年增/减{change}为{expected}，今年“上一年项目数量”填的是{found}，请核对。",
                            row.label, prev.year
                        ),
                    )
                    .in_table(TableId::Proactive, Some(row.key), Some("previous_items"))
                    .cells(vec![key("previous_items")])
                    .values(expected, found),
                );
            }
        }
    }
}

struct ProseFigure {
    pattern: &'static str,
    what: &'static str,
    rows: &'static [&'static str],
}

/// Phrases that quote a table-三 figure in the prose, and the rows whose totals they quote.
const PROSE_FIGURES: &[ProseFigure] = &[
    ProseFigure {
        pattern: r"(?:办理|受理|收到|接收)(?:政府信息)?依申请公开(?:申请)?(?:事项)?(?:共计|共)?(\d+)件",
        what: "依申请公开总数（新收加上年结转）",
        rows: &["received", "carried_in"],
    },
    ProseFigure {
        pattern: r"新收[^，。；：0-9]{0,20}?(\d+)件",
        what: "本年新收申请数",
        rows: &["received"],
    },
    ProseFigure {
        pattern: r"收到[^，。；：0-9]{0,12}?申请(?:共计|共)?(\d+)件",
        what: "本年新收申请数",
        rows: &["received"],
    },
    ProseFigure {
        pattern: r"上年结转[^，。；：0-9]{0,12}?(\d+)件",
        what: "上年结转申请数",
        rows: &["carried_in"],
    },
];

fn prose_patterns() -> &'static [Regex] {
    static PATTERNS: OnceLock<Vec<Regex>> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        PROSE_FIGURES
            .iter()
            .map(|p| Regex::new(p.pattern).expect("valid pattern"))
            .collect()
    })
}

/// Rule 9: application counts quoted in sections 一 and 三 agree with table 三.
fn prose_numbers_agree(r: &Report, out: &mut Vec<Finding>) {
    for section in [SectionKey::Overview, SectionKey::Applications] {
        for (i, p) in r.section(section).paragraphs.iter().enumerate() {
            let text = p.full_text();
            let mut seen = std::collections::HashSet::new();
            for (figure, re) in PROSE_FIGURES.iter().zip(prose_patterns()) {
                for cap in re.captures_iter(&text) {
                    let m = cap.get(1).expect("group 1");
                    let Ok(quoted) = m.as_str().parse::<u64>() else {
                        continue;
                    };
                    if !seen.insert(m.start()) {
                        continue;
                    }
                    let table: u64 = figure
                        .rows
                        .iter()
                        .map(|row| r.figures.count(&app_key(row, "total")))
                        .sum();
                    if quoted != table {
                        let phrase = cap.get(0).expect("match").as_str();
                        out.push(
                            Finding::new(
                                9,
                                Severity::Warning,
                                format!(
                                    "“{}”第{}段写“{phrase}”，表三的{}为{table}，请核对。",
                                    section.heading(),
                                    i + 1,
                                    figure.what
                                ),
                            )
                            .in_prose(section, Some(i))
                            .cells(
                                figure
                                    .rows
                                    .iter()
                                    .map(|row| app_key(row, "total"))
                                    .collect(),
                            )
                            .values(table, quoted),
                        );
                    }
                }
            }
        }
    }
}

/// Characters that count for length and similarity: everything but white space.
fn visible_chars(s: &str) -> Vec<char> {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Dice coefficient over character bigrams (multisets): 1.0 for identical texts.
pub fn similarity(a: &str, b: &str) -> f64 {
    use std::collections::HashMap;
    let bigrams = |s: &str| {
        let chars = visible_chars(s);
        let mut m: HashMap<(char, char), usize> = HashMap::new();
        for w in chars.windows(2) {
            *m.entry((w[0], w[1])).or_default() += 1;
        }
        (m, chars.len().saturating_sub(1))
    };
    let (ma, na) = bigrams(a);
    let (mb, nb) = bigrams(b);
    if na + nb == 0 {
        return 0.0;
    }
    let common: usize = ma
        .iter()
        .map(|(k, &n)| n.min(mb.get(k).copied().unwrap_or(0)))
        .sum();
    2.0 * common as f64 / (na + nb) as f64
}

/// The 2021 guidance: 总体情况原则上不超过一千字.
pub const OVERVIEW_MAX_CHARS: usize = 1000;
/// Evaluators deduct for more than 50 % similarity with last year's 五.
pub const PROBLEMS_MAX_SIMILARITY: f64 = 0.5;

/// Rule 10: overview too long (2021 edition), a prose section empty, 五 repeating last year's.
fn prose_length_and_repetition(r: &Report, prev: Option<&Report>, out: &mut Vec<Finding>) {
    let overview = visible_chars(&r.section(SectionKey::Overview).text()).len();
    if r.edition == Edition::E2021 && overview > OVERVIEW_MAX_CHARS {
        out.push(
            Finding::new(
                10,
                Severity::Warning,
                format!("“一、总体情况”共{overview}字，2021年版格式要求原则上不超过{OVERVIEW_MAX_CHARS}字。"),
            )
            .in_prose(SectionKey::Overview, None)
            .values(OVERVIEW_MAX_CHARS, overview),
        );
    }
    for section in r.empty_prose_sections() {
        out.push(
            Finding::new(
                10,
                Severity::Warning,
                format!("“{}”还没有填写内容。", section.heading()),
            )
            .in_prose(section, None),
        );
    }
    if let Some(prev) = prev {
        let now = r.section(SectionKey::Problems).text();
        let then = prev.section(SectionKey::Problems).text();
        if !now.trim().is_empty() && !then.trim().is_empty() {
            let s = similarity(&now, &then);
            if s > PROBLEMS_MAX_SIMILARITY {
                let percent = (s * 100.0).round() as u32;
                out.push(
                    Finding::new(
                        10,
                        Severity::Warning,
                        format!(
                            "“五、存在的主要问题及改进情况”与{}年报告相似度约{percent}%，超过50%会被认为年年雷同，请改写。",
                            prev.year
                        ),
                    )
                    .in_prose(SectionKey::Problems, None)
                    .values("≤50%", format!("{percent}%")),
                );
            }
        }
    }
}
