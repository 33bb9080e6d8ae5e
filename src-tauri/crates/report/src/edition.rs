//! The two editions of the official table shapes, with every label and stable key.
//!
//! Labels are reproduced character for character from 国办公开办函〔2019〕60号 (edition 2019)
//! and 国办公开办函〔2021〕30号 (edition 2021).

use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Edition {
    #[serde(rename = "2019")]
    E2019,
    #[serde(rename = "2021")]
    E2021,
}

/// The years a report can be about: the 条例 took effect on 1 May 2008, so the first annual
/// reports cover 2008. (The exchange reader's message names the same bounds.)
pub const REPORT_YEARS: std::ops::RangeInclusive<u16> = 2008..=2100;

impl Edition {
    pub const ALL: [Edition; 2] = [Edition::E2019, Edition::E2021];

    /// The edition in force for a report year: 2019 for years up to 2020, 2021 after.
    pub fn for_year(year: u16) -> Edition {
        if year <= 2020 {
            Edition::E2019
        } else {
            Edition::E2021
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Edition::E2019 => "2019",
            Edition::E2021 => "2021",
        }
    }

    pub fn from_code(code: &str) -> Option<Edition> {
        match code {
            "2019" => Some(Edition::E2019),
            "2021" => Some(Edition::E2021),
            _ => None,
        }
    }

    /// The document that fixed the edition's shape, for messages and the UI.
    pub fn source(self) -> &'static str {
        match self {
            Edition::E2019 => "国办公开办函〔2019〕60号",
            Edition::E2021 => "国办公开办函〔2021〕30号",
        }
    }
}

/// What a cell holds; decides how it is typed, stored and printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ValueKind {
    /// A whole number ≥ 0.
    Count,
    /// A signed change (本年增/减), printed 增10 / 减3 / 0.
    Change,
    /// Money in 万元, exact to 1e-6 万元 (one fen).
    Money,
}

/// The three tables of the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum TableId {
    /// 表二 主动公开政府信息情况
    Proactive,
    /// 表三 收到和处理政府信息公开申请情况
    Applications,
    /// 表四 政府信息公开行政复议、行政诉讼情况
    Appeals,
}

impl TableId {
    pub fn key(self) -> &'static str {
        match self {
            TableId::Proactive => "proactive",
            TableId::Applications => "applications",
            TableId::Appeals => "appeals",
        }
    }
    /// The name a clerk knows the table by.
    pub fn label(self) -> &'static str {
        match self {
            TableId::Proactive => "表二",
            TableId::Applications => "表三",
            TableId::Appeals => "表四",
        }
    }
    pub fn title(self) -> &'static str {
        match self {
            TableId::Proactive => "主动公开政府信息情况",
            TableId::Applications => "收到和处理政府信息公开申请情况",
            TableId::Appeals => "政府信息公开行政复议、行政诉讼情况",
        }
    }
    pub fn from_key(key: &str) -> Option<TableId> {
        [TableId::Proactive, TableId::Applications, TableId::Appeals]
            .into_iter()
            .find(|t| t.key() == key)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub key: &'static str,
    pub label: &'static str,
    pub kind: ValueKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    pub key: &'static str,
    pub label: &'static str,
}

/// One block of table 二, headed by a full-width row naming the article item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProactiveBlock {
    /// e.g. 第二十条第（一）项
    pub item: &'static str,
    pub columns: &'static [Column],
    pub rows: &'static [Row],
}

/// The label of table 二's first column.
pub const PROACTIVE_ROW_HEADER: &str = "信息内容";

const fn col(key: &'static str, label: &'static str, kind: ValueKind) -> Column {
    Column { key, label, kind }
}
const fn row(key: &'static str, label: &'static str) -> Row {
    Row { key, label }
}

use ValueKind::{Change, Count, Money};

const P19_DOCS_COLS: &[Column] = &[
    col("made", "本年新制作数量", Count),
    col("published", "本年新公开数量", Count),
    col("total_published", "对外公开总数量", Count),
];
const P19_ITEMS_COLS: &[Column] = &[
    col("previous_items", "上一年项目数量", Count),
    col("change", "本年增/减", Change),
    col("decisions", "处理决定数量", Count),
];
const P19_FEES_COLS: &[Column] = &[
    col("previous_items", "上一年项目数量", Count),
    col("change", "本年增/减", Change),
];
const P19_PROCUREMENT_COLS: &[Column] = &[
    col("projects", "采购项目数量", Count),
    col("amount", "采购总金额", Money),
];

const PROACTIVE_2019: &[ProactiveBlock] = &[
    ProactiveBlock {
        item: "第二十条第（一）项",
        columns: P19_DOCS_COLS,
        rows: &[
            row("regulations", "规章"),
            row("normative_documents", "规范性文件"),
        ],
    },
    ProactiveBlock {
        item: "第二十条第（五）项",
        columns: P19_ITEMS_COLS,
        rows: &[
            row("licensing", "行政许可"),
            row("other_services", "其他对外管理服务事项"),
        ],
    },
    ProactiveBlock {
        item: "第二十条第（六）项",
        columns: P19_ITEMS_COLS,
        rows: &[row("penalty", "行政处罚"), row("enforcement", "行政强制")],
    },
    ProactiveBlock {
        item: "第二十条第（八）项",
        columns: P19_FEES_COLS,
        rows: &[row("fees", "行政事业性收费")],
    },
    ProactiveBlock {
        item: "第二十条第（九）项",
        columns: P19_PROCUREMENT_COLS,
        rows: &[row("procurement", "政府集中采购")],
    },
];

const P21_DOCS_COLS: &[Column] = &[
    col("issued", "本年制发件数", Count),
    col("repealed", "本年废止件数", Count),
    col("in_force", "现行有效件数", Count),
];
const P21_DECISIONS_COLS: &[Column] = &[col("decisions", "本年处理决定数量", Count)];
const P21_FEES_COLS: &[Column] = &[col("amount", "本年收费金额（单位：万元）", Money)];

const PROACTIVE_2021: &[ProactiveBlock] = &[
    ProactiveBlock {
        item: "第二十条第（一）项",
        columns: P21_DOCS_COLS,
        rows: &[
            row("regulations", "规章"),
            row("normative_documents", "行政规范性文件"),
        ],
    },
    ProactiveBlock {
        item: "第二十条第（五）项",
        columns: P21_DECISIONS_COLS,
        rows: &[row("licensing", "行政许可")],
    },
    ProactiveBlock {
        item: "第二十条第（六）项",
        columns: P21_DECISIONS_COLS,
        rows: &[row("penalty", "行政处罚"), row("enforcement", "行政强制")],
    },
    ProactiveBlock {
        item: "第二十条第（八）项",
        columns: P21_FEES_COLS,
        rows: &[row("fees", "行政事业性收费")],
    },
];

/// Table 二's blocks in the edition's order.
pub fn proactive_blocks(edition: Edition) -> &'static [ProactiveBlock] {
    match edition {
        Edition::E2019 => PROACTIVE_2019,
        Edition::E2021 => PROACTIVE_2021,
    }
}

/// Table 三's top-left cell.
pub const APPLICATIONS_CORNER: &str =
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";
pub const APPLICANTS_HEADER: &str = "申请人情况";
pub const LEGAL_PERSONS_HEADER: &str = "法人或其他组织";

/// Table 三's seven number columns, left to right.
pub const APPLICATION_COLUMNS: &[Column] = &[
    col("natural", "自然人", Count),
    col("business", "商业企业", Count),
    col("research", "科研机构", Count),
    col("public_interest", "社会公益组织", Count),
    col("legal_service", "法律服务机构", Count),
    col("other", "其他", Count),
    col("total", "总计", Count),
];

/// The column keys that add up to `total` in table 三 (rule 2).
pub const APPLICATION_ADDEND_COLUMNS: &[&str] = &[
    "natural",
    "business",
    "research",
    "public_interest",
    "legal_service",
    "other",
];

/// Where a row of table 三 sits in the official template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApplicationRowPlace {
    /// 一、二、四: a row spanning the label columns.
    Top,
    /// A row under 三、本年度办理结果 with its own label, e.g. （一）予以公开, （七）总计.
    Result,
    /// A numbered item under a result group, e.g. （三）不予公开 › 1.属于国家秘密.
    ResultItem { group: &'static str },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ApplicationRow {
    pub key: &'static str,
    pub label: &'static str,
    pub place: ApplicationRowPlace,
}

impl ApplicationRow {
    /// Whether the row is one of the leaves that add up to （七）总计 (rule 3).
    pub fn is_result_leaf(&self) -> bool {
        self.place != ApplicationRowPlace::Top && self.key != "handled_total"
    }

    /// The label with its group, as a clerk reads it: “（三）不予公开 1.属于国家秘密”.
    pub fn full_label(&self) -> String {
        match self.place {
            ApplicationRowPlace::ResultItem { group } => format!("{group} {}", self.label),
            _ => self.label.to_string(),
        }
    }
}

pub const RESULTS_HEADER: &str = "三、本年度办理结果";

const fn top(key: &'static str, label: &'static str) -> ApplicationRow {
    ApplicationRow {
        key,
        label,
        place: ApplicationRowPlace::Top,
    }
}
const fn result(key: &'static str, label: &'static str) -> ApplicationRow {
    ApplicationRow {
        key,
        label,
        place: ApplicationRowPlace::Result,
    }
}
const fn item(group: &'static str, key: &'static str, label: &'static str) -> ApplicationRow {
    ApplicationRow {
        key,
        label,
        place: ApplicationRowPlace::ResultItem { group },
    }
}

const WITHHELD: &str = "（三）不予公开";
const UNAVAILABLE: &str = "（四）无法提供";
const NOT_PROCESSED: &str = "（五）不予处理";
const OTHER_HANDLING: &str = "（六）其他处理";

macro_rules! application_rows {
    ($($other_handling:expr),* $(,)?) => {
        &[
            top("received", "一、本年新收政府信息公开申请数量"),
            top("carried_in", "二、上年结转政府信息公开申请数量"),
            result("granted", "（一）予以公开"),
            result("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
            item(WITHHELD, "withheld.state_secret", "1.属于国家秘密"),
            item(WITHHELD, "withheld.prohibited_by_law", "2.其他法律行政法规禁止公开"),
            item(WITHHELD, "withheld.three_safeties", "3.危及“三安全一稳定”"),
            item(WITHHELD, "withheld.third_party", "4.保护第三方合法权益"),
            item(WITHHELD, "withheld.internal_affairs", "5.属于三类内部事务信息"),
            item(WITHHELD, "withheld.process_info", "6.属于四类过程性信息"),
            item(WITHHELD, "withheld.enforcement_file", "7.属于行政执法案卷"),
            item(WITHHELD, "withheld.query_matter", "8.属于行政查询事项"),
            item(UNAVAILABLE, "unavailable.not_held", "1.本机关不掌握相关政府信息"),
            item(UNAVAILABLE, "unavailable.needs_creation", "2.没有现成信息需要另行制作"),
            item(UNAVAILABLE, "unavailable.still_unclear", "3.补正后申请内容仍不明确"),
            item(NOT_PROCESSED, "not_processed.petition", "1.信访举报投诉类申请"),
            item(NOT_PROCESSED, "not_processed.duplicate", "2.重复申请"),
            item(NOT_PROCESSED, "not_processed.publication", "3.要求提供公开出版物"),
            item(NOT_PROCESSED, "not_processed.excessive", "4.无正当理由大量反复申请"),
            item(NOT_PROCESSED, "not_processed.reconfirm", "5.要求行政机关确认或重新出具已获取信息"),
            $($other_handling,)*
            result("handled_total", "（七）总计"),
            top("carried_out", "四、结转下年度继续办理"),
        ]
    };
}

const APPLICATION_ROWS_2019: &[ApplicationRow] =
    application_rows!(result("other_handling", OTHER_HANDLING));
const APPLICATION_ROWS_2021: &[ApplicationRow] = application_rows!(
    item(
        OTHER_HANDLING,
        "other_handling.no_correction",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
    ),
    item(
        OTHER_HANDLING,
        "other_handling.no_fee",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
    ),
    item(OTHER_HANDLING, "other_handling.other", "3.其他"),
);

/// Table 三's rows, top to bottom, in the edition's shape.
pub fn application_rows(edition: Edition) -> &'static [ApplicationRow] {
    match edition {
        Edition::E2019 => APPLICATION_ROWS_2019,
        Edition::E2021 => APPLICATION_ROWS_2021,
    }
}

/// Table 四's groups, left to right.
pub const APPEAL_GROUPS: &[Row] = &[
    row("review", "行政复议"),
    row("suit_direct", "未经复议直接起诉"),
    row("suit_after_review", "复议后起诉"),
];
/// The header over the two litigation groups.
pub const LITIGATION_HEADER: &str = "行政诉讼";

/// The five columns of each group of table 四.
pub const APPEAL_COLUMNS: &[Column] = &[
    col("upheld", "结果维持", Count),
    col("corrected", "结果纠正", Count),
    col("other", "其他结果", Count),
    col("pending", "尚未审结", Count),
    col("total", "总计", Count),
];
pub const APPEAL_ADDEND_COLUMNS: &[&str] = &["upheld", "corrected", "other", "pending"];

/// The stable key of a cell: table, row and column joined by dots, e.g.
/// `applications.withheld.state_secret.natural` (a row key may itself hold a dot). The one place
/// a key is made.
pub fn cell_key(table: TableId, row: &str, column: &str) -> String {
    format!("{}.{row}.{column}", table.key())
}

/// One cell of the report's tables, as the edition defines it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellSpec {
    /// The stable key, e.g. `applications.withheld.state_secret.natural`.
    pub key: String,
    pub table: TableId,
    /// Stable key of the row (table 四: the group).
    pub row: &'static str,
    pub column: &'static str,
    /// The row's label as a clerk reads it (with its block or group).
    pub row_label: String,
    pub column_label: &'static str,
    pub kind: ValueKind,
    /// For a total, the keys of the cells it adds up (the app computes it for the clerk; an
    /// imported total is stored as it came, and validation checks it). Empty for other cells.
    pub sums: Vec<String>,
}

impl CellSpec {
    /// Whether the cell is a total the app computes rather than one the clerk types.
    pub fn is_total(&self) -> bool {
        !self.sums.is_empty()
    }
}

/// Every cell of the edition, in reading order (table 二, 三, 四; row by row).
pub fn cells(edition: Edition) -> &'static [CellSpec] {
    &index(edition).0
}

/// The spec of one cell by its stable key.
pub fn cell(edition: Edition, key: &str) -> Option<&'static CellSpec> {
    let (cells, by_key) = index(edition);
    by_key.get(key).map(|&i| &cells[i])
}

type CellIndex = (Vec<CellSpec>, HashMap<String, usize>);

fn index(edition: Edition) -> &'static CellIndex {
    static E2019: OnceLock<CellIndex> = OnceLock::new();
    static E2021: OnceLock<CellIndex> = OnceLock::new();
    let slot = match edition {
        Edition::E2019 => &E2019,
        Edition::E2021 => &E2021,
    };
    slot.get_or_init(|| {
        let cells = build_cells(edition);
        let by_key = cells
            .iter()
            .enumerate()
            .map(|(i, c)| (c.key.clone(), i))
            .collect();
        (cells, by_key)
    })
}

fn build_cells(edition: Edition) -> Vec<CellSpec> {
    let mut out = Vec::new();
    for block in proactive_blocks(edition) {
        for r in block.rows {
            for c in block.columns {
                out.push(CellSpec {
                    key: cell_key(TableId::Proactive, r.key, c.key),
                    table: TableId::Proactive,
                    row: r.key,
                    column: c.key,
                    row_label: r.label.to_string(),
                    column_label: c.label,
                    kind: c.kind,
                    sums: Vec::new(),
                });
            }
        }
    }
    let rows = application_rows(edition);
    let leaves = || rows.iter().filter(|r| r.is_result_leaf());
    for r in rows {
        for c in APPLICATION_COLUMNS {
            // （七）总计 adds up the results above it, column by column (its 总计 too); every
            // other row's 总计 adds up the row.
            let sums = if r.key == "handled_total" {
                leaves()
                    .map(|l| cell_key(TableId::Applications, l.key, c.key))
                    .collect()
            } else if c.key == "total" {
                APPLICATION_ADDEND_COLUMNS
                    .iter()
                    .map(|a| cell_key(TableId::Applications, r.key, a))
                    .collect()
            } else {
                Vec::new()
            };
            out.push(CellSpec {
                key: cell_key(TableId::Applications, r.key, c.key),
                table: TableId::Applications,
                row: r.key,
                column: c.key,
                row_label: r.full_label(),
                column_label: c.label,
                kind: c.kind,
                sums,
            });
        }
    }
    for g in APPEAL_GROUPS {
        for c in APPEAL_COLUMNS {
            let row_label = if g.key == "review" {
                g.label.to_string()
            } else {
                format!("{LITIGATION_HEADER}（{}）", g.label)
            };
            out.push(CellSpec {
                key: cell_key(TableId::Appeals, g.key, c.key),
                table: TableId::Appeals,
                row: g.key,
                column: c.key,
                row_label,
                column_label: c.label,
                kind: c.kind,
                sums: if c.key == "total" {
                    APPEAL_ADDEND_COLUMNS
                        .iter()
                        .map(|a| cell_key(TableId::Appeals, g.key, a))
                        .collect()
                } else {
                    Vec::new()
                },
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn keys_are_unique_and_counts_match_the_templates() {
        for (edition, proactive, applications) in
            [(Edition::E2019, 22, 23 * 7), (Edition::E2021, 10, 25 * 7)]
        {
            let cells = cells(edition);
            let keys: HashSet<_> = cells.iter().map(|c| c.key.clone()).collect();
            assert_eq!(keys.len(), cells.len(), "{edition:?}");
            let count = |t| cells.iter().filter(|c| c.table == t).count();
            assert_eq!(count(TableId::Proactive), proactive, "{edition:?}");
            assert_eq!(count(TableId::Applications), applications, "{edition:?}");
            assert_eq!(count(TableId::Appeals), 15);
        }
    }

    #[test]
    fn edition_follows_the_year() {
        assert_eq!(Edition::for_year(2019), Edition::E2019);
        assert_eq!(Edition::for_year(2020), Edition::E2019);
        assert_eq!(Edition::for_year(2021), Edition::E2021);
        assert_eq!(Edition::for_year(2025), Edition::E2021);
    }

    #[test]
    fn full_labels_name_the_group() {
        let spec = cell(Edition::E2021, "applications.other_handling.no_fee.total").unwrap();
        assert!(spec
            .row_label
            .starts_with("（六）其他处理 2.申请人逾期未按收费通知"));
        assert!(spec.is_total());
        assert_eq!(spec.sums.len(), 6);
    }
}
