// Hand-written EditionLayoutDto fixtures for component tests and the screenshot harness, mirroring
// what the `edition_layout` command returns (src-tauri/crates/report/src/edition.rs). Labels are
// checked character for character against /work/shared/spec/report-format.md.
import type { ApplicationRowDto, ColumnDto, EditionLayoutDto, RowDto } from "../../bindings";

const count = (key: string, label: string): ColumnDto => ({ key, label, kind: "count" });
const row = (key: string, label: string): RowDto => ({ key, label });
const top = (key: string, label: string): ApplicationRowDto => ({
  key, label, place: "top", group: null, is_total: false,
});
const result = (key: string, label: string): ApplicationRowDto => ({
  key, label, place: "result", group: null, is_total: key === "handled_total",
});
const item = (group: string, key: string, label: string): ApplicationRowDto => ({
  key, label, place: "result_item", group, is_total: false,
});

const WITHHELD = "（三）不予公开";
const UNAVAILABLE = "（四）无法提供";
const NOT_PROCESSED = "（五）不予处理";
const OTHER_HANDLING = "（六）其他处理";

function applicationRows(otherHandling: ApplicationRowDto[]): ApplicationRowDto[] {
  return [
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
    ...otherHandling,
    result("handled_total", "（七）总计"),
    top("carried_out", "四、结转下年度继续办理"),
  ];
}

const common = {
  sections: [
    row("overview", "一、总体情况"),
    row("proactive", "二、主动公开政府信息情况"),
    row("applications", "三、收到和处理政府信息公开申请情况"),
    row("appeals", "四、政府信息公开行政复议、行政诉讼情况"),
    row("problems", "五、存在的主要问题及改进情况"),
    row("other", "六、其他需要报告的事项"),
  ],
  proactive_row_header: "信息内容",
  applications_corner: "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
  applicants_header: "申请人情况",
  legal_persons_header: "法人或其他组织",
  results_header: "三、本年度办理结果",
  application_columns: [
    count("natural", "自然人"),
    count("business", "商业企业"),
    count("research", "科研机构"),
    count("public_interest", "社会公益组织"),
    count("legal_service", "法律服务机构"),
    count("other", "其他"),
    count("total", "总计"),
  ],
  litigation_header: "行政诉讼",
  appeal_groups: [
    row("review", "行政复议"),
    row("suit_direct", "未经复议直接起诉"),
    row("suit_after_review", "复议后起诉"),
  ],
  appeal_columns: [
    count("upheld", "结果维持"),
    count("corrected", "结果纠正"),
    count("other", "其他结果"),
    count("pending", "尚未审结"),
    count("total", "总计"),
  ],
};

const P19_ITEMS_COLS: ColumnDto[] = [
  count("previous_items", "上一年项目数量"),
  { key: "change", label: "本年增/减", kind: "change" },
  count("decisions", "处理决定数量"),
];

export const LAYOUT_2019: EditionLayoutDto = {
  edition: "2019",
  source: "国办公开办函〔2019〕60号",
  ...common,
  proactive: [
    {
      item: "第二十条第（一）项",
      columns: [
        count("made", "本年新制作数量"),
        count("published", "本年新公开数量"),
        count("total_published", "对外公开总数量"),
      ],
      rows: [row("regulations", "规章"), row("normative_documents", "规范性文件")],
    },
    {
      item: "第二十条第（五）项",
      columns: P19_ITEMS_COLS,
      rows: [row("licensing", "行政许可"), row("other_services", "其他对外管理服务事项")],
    },
    {
      item: "第二十条第（六）项",
      columns: P19_ITEMS_COLS,
      rows: [row("penalty", "行政处罚"), row("enforcement", "行政强制")],
    },
    {
      item: "第二十条第（八）项",
      columns: P19_ITEMS_COLS.slice(0, 2),
      rows: [row("fees", "行政事业性收费")],
    },
    {
      item: "第二十条第（九）项",
      columns: [
        count("projects", "采购项目数量"),
        { key: "amount", label: "采购总金额", kind: "money" },
      ],
      rows: [row("procurement", "政府集中采购")],
    },
  ],
  application_rows: applicationRows([result("other_handling", OTHER_HANDLING)]),
};

export const LAYOUT_2021: EditionLayoutDto = {
  edition: "2021",
  source: "国办公开办函〔2021〕30号",
  ...common,
  proactive: [
    {
      item: "第二十条第（一）项",
      columns: [
        count("issued", "本年制发件数"),
        count("repealed", "本年废止件数"),
        count("in_force", "现行有效件数"),
      ],
      rows: [row("regulations", "规章"), row("normative_documents", "行政规范性文件")],
    },
    {
      item: "第二十条第（五）项",
      columns: [count("decisions", "本年处理决定数量")],
      rows: [row("licensing", "行政许可")],
    },
    {
      item: "第二十条第（六）项",
      columns: [count("decisions", "本年处理决定数量")],
      rows: [row("penalty", "行政处罚"), row("enforcement", "行政强制")],
    },
    {
      item: "第二十条第（八）项",
      columns: [{ key: "amount", label: "本年收费金额（单位：万元）", kind: "money" }],
      rows: [row("fees", "行政事业性收费")],
    },
  ],
  application_rows: applicationRows([
    item(OTHER_HANDLING, "other_handling.no_correction",
      "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    item(OTHER_HANDLING, "other_handling.no_fee",
      "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    item(OTHER_HANDLING, "other_handling.other", "3.其他"),
  ]),
};

/** The sample report's figures (舒城县人民政府 2020, edition 2019) as the backend renders them. */
export function sampleFigures(): Record<string, string> {
  const f: Record<string, string> = {};
  const set = (prefix: string, cols: string[], values: string[]) =>
    cols.forEach((c, i) => (f[`${prefix}.${c}`] = values[i]));
  set("proactive.regulations", ["made", "published", "total_published"], ["0", "0", "0"]);
  set("proactive.normative_documents", ["made", "published", "total_published"], ["38", "38", "223"]);
  const items = ["previous_items", "change", "decisions"];
  set("proactive.licensing", items, ["279", "减3", "39570"]);
  set("proactive.other_services", items, ["3500", "增10", "348782"]);
  set("proactive.penalty", items, ["2195", "增118", "187208"]);
  set("proactive.enforcement", items, ["179", "增20", "8950"]);
  set("proactive.fees", ["previous_items", "change"], ["29", "减1"]);
  set("proactive.procurement", ["projects", "amount"], ["867", "15922.04"]);
  const cols = common.application_columns.map((c) => c.key);
  for (const r of LAYOUT_2019.application_rows) set(`applications.${r.key}`, cols, Array(7).fill("0"));
  set("applications.received", cols, ["29", "2", "0", "0", "0", "0", "31"]);
  set("applications.carried_in", cols, ["1", "0", "0", "0", "0", "0", "1"]);
  set("applications.granted", cols, ["14", "1", "0", "0", "0", "0", "15"]);
  set("applications.partial", cols, ["3", "0", "0", "0", "0", "0", "3"]);
  set("applications.withheld.third_party", cols, ["1", "0", "0", "0", "0", "0", "1"]);
  set("applications.withheld.query_matter", cols, ["1", "1", "0", "0", "0", "0", "2"]);
  set("applications.unavailable.not_held", cols, ["7", "0", "0", "0", "0", "0", "7"]);
  set("applications.unavailable.still_unclear", cols, ["1", "0", "0", "0", "0", "0", "1"]);
  set("applications.not_processed.petition", cols, ["1", "0", "0", "0", "0", "0", "1"]);
  set("applications.not_processed.duplicate", cols, ["1", "0", "0", "0", "0", "0", "1"]);
  set("applications.other_handling", cols, ["1", "0", "0", "0", "0", "0", "1"]);
  set("applications.handled_total", cols, ["30", "2", "0", "0", "0", "0", "32"]);
  for (const g of common.appeal_groups)
    for (const c of common.appeal_columns) f[`appeals.${g.key}.${c.key}`] = "0";
  return f;
}
