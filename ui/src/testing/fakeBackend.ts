// An in-memory Backend for component tests: plausible, not faithful. It keeps reports by unit
// and year, sums simple totals and checks two rules (表三 一+二=（七）+四 and empty sections).
import type { Backend, Edition } from "../api";
import type {
  CellEditDto,
  CellEditResultDto,
  CheckedReportDto,
  CommandError,
  EditionLayoutDto,
  FaceOptionDto,
  Finding,
  FontsDto,
  FormatFactsDto,
  PublishedReadDto,
  ReportDto,
  ReportKeyDto,
  ReportStatus,
  ReportSummaryDto,
  SavedDto,
  SectionKey,
  UnitDto,
  BackupReminderDto,
  ContributionDto,
  CountySummaryDto,
  UnitNodeDto,
  UnitReturnDto,
  UnitTreeEntryDto,
} from "../bindings";
import { editionForYear } from "../facts";
import layouts from "./edition-layouts.json";

/** The format's facts and both editions' layouts, generated from Rust (edition-layouts.json). */
export const FACTS = layouts.facts as FormatFactsDto;

export function fakeLayout(edition: Edition): EditionLayoutDto {
  return layouts[edition] as EditionLayoutDto;
}

export const SECTION_KEYS: SectionKey[] = fakeLayout("2021").sections.map((s) => s.key);
const sectionHeading = (key: SectionKey) => fakeLayout("2021").sections.find((s) => s.key === key)!.heading;
const APP_COLUMNS = ["natural", "business", "research", "public_interest", "legal_service", "other", "total"];
const APP_LEAVES = ["granted", "partial", "withheld.state_secret", "unavailable.not_held", "not_processed.petition"];

export function blankReport(unit: UnitDto, year: number): ReportDto {
  return {
    unit: { ...unit },
    year,
    edition: editionForYear(FACTS, year) ?? "2021",
    title: `${unit.name}${year}年政府信息公开工作年度报告`,
    opening: `本报告根据《中华人民共和国政府信息公开条例》编制。`,
    sections: SECTION_KEYS.map((key) => ({ key, paragraphs: [] })),
    figures: {},
    sign_off: null,
  };
}

export function sampleUnit(): UnitDto {
  return {
    name: "舒城县人民政府",
    kind: "county_government",
    parent: null,
    address: "舒城县梅河路403号",
    postcode: "231300",
    phone: "0564-8680081",
  };
}

export function sampleReport(): ReportDto {
  const r = blankReport(sampleUnit(), 2020);
  r.sections = SECTION_KEYS.map((key) => ({
    key,
    paragraphs: [{ level: null, heading: null, text: `${key}的内容。` }],
  }));
  r.sections[0].paragraphs.push({ level: "sub", heading: "（一）主动公开情况。", text: "全年主动公开信息111600条。" });
  r.figures = {
    "applications.received.natural": "29",
    "applications.received.total": "29",
    "applications.carried_in.natural": "1",
    "applications.carried_in.total": "1",
    "applications.granted.natural": "30",
    "applications.granted.total": "30",
    "applications.handled_total.natural": "30",
    "applications.handled_total.total": "30",
  };
  r.sign_off = { name: "舒城县人民政府办公室", date: "2021-01-20" };
  return r;
}

const num = (figures: Record<string, string>, key: string) => Number(figures[key] ?? "0") || 0;

export function fakeCheck(r: ReportDto): { findings: Finding[]; status: ReportStatus } {
  const findings: Finding[] = [];
  for (const c of APP_COLUMNS) {
    const left = num(r.figures, `applications.received.${c}`) + num(r.figures, `applications.carried_in.${c}`);
    const right = num(r.figures, `applications.handled_total.${c}`) + num(r.figures, `applications.carried_out.${c}`);
    if (left !== right) {
      findings.push({
        rule: 1,
        severity: "error",
        table: "applications",
        row: "handled_total",
        column: c,
        cells: ["received", "carried_in", "handled_total", "carried_out"].map((row) => `applications.${row}.${c}`),
        section: null,
        paragraph: null,
        expected: String(left),
        found: String(right),
        message: `表三“${c}”列：两边之和应相等（应为${left}，实为${right}）`,
      });
    }
  }
  for (const row of ["received", "carried_in", "handled_total", "carried_out", ...APP_LEAVES]) {
    const sum = APP_COLUMNS.slice(0, -1).reduce((acc, c) => acc + num(r.figures, `applications.${row}.${c}`), 0);
    const total = num(r.figures, `applications.${row}.total`);
    if (sum !== total) {
      findings.push({
        rule: 2,
        severity: "error",
        table: "applications",
        row,
        column: "total",
        cells: [`applications.${row}.total`],
        section: null,
        paragraph: null,
        expected: String(sum),
        found: String(total),
        message: `表三“${row}”行：各栏之和为${sum}，“总计”栏填的是${total}`,
      });
    }
  }
  r.sections.forEach((s) => {
    if (s.paragraphs.every((p) => !p.text.trim() && !(p.heading ?? "").trim())) {
      findings.push({
        rule: 10,
        severity: "warning",
        table: null,
        row: null,
        column: null,
        cells: [],
        section: s.key,
        paragraph: null,
        expected: null,
        found: null,
        message: `“${sectionHeading(s.key)}”还没有填写内容。`,
      });
    }
  });
  const status: ReportStatus = findings.some((f) => f.severity === "error")
    ? "has_errors"
    : findings.some((f) => f.rule === 10)
      ? "draft"
      : "printable";
  return { findings, status };
}

const copy = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
const id = (k: ReportKeyDto) => `${k.unit_name}\u0000${k.year}`;

export interface FakeBackend extends Backend {
  reports: Map<string, { report: ReportDto; updated_at: string }>;
  calls: { method: string; args: unknown[] }[];
  /** When set, the next saveReport calls reject with this error. */
  failSaves: CommandError | null;
  /** What `onReportsImported` registered; a test opens files with 年报 by running them. */
  importHooks: (() => void)[];
  /** What `onWindowClose` registered; a test closes the window by running them. */
  closeHooks: (() => Promise<void>)[];
  /** The unit tree (units of saved reports are added as the real store does). */
  units: UnitNodeDto[];
  /** Received files by `unit\u0000year`. */
  receipts: Map<string, { file_name: string; received_at: string }>;
  /** What backupReminder answers. */
  reminder: BackupReminderDto | null;
  /** What pickBackup answers. */
  pickedBackup: string | null;
  /** The font choices kept, by role ("" = automatic is absent). */
  fontChoices: Record<string, string>;
  /** What `onFilesDropped` registered; a test drops files by running them. */
  dropHooks: ((paths: string[]) => void)[];
  /** What `readPublishedFile`/`readPublishedPaste` answer (by default the sample, read with
   * doubt: see `fakePublishedRead`). */
  publishedRead: PublishedReadDto;
}

/** The sample as read from a published report whose table 二 row 规范性文件 ran together: its
 * three cells doubtful (0 in the report), one figure of 表三 published wrong. */
export function fakePublishedRead(): PublishedReadDto {
  const report = sampleReport();
  const doubtful = [
    ["proactive.normative_documents.made", "表二“规范性文件”行“本年新制作数量”列"],
    ["proactive.normative_documents.published", "表二“规范性文件”行“本年新公开数量”列"],
  ];
  for (const [key] of doubtful) report.figures[key] = "0";
  report.figures["applications.handled_total.natural"] = "31";
  return {
    source_name: "舒城县2020年报告.txt",
    source_kind: "文本文件",
    checked: { report, ...fakeCheck(report) },
    doubtful: doubtful.map(([key, label]) => ({ key, label })),
    notes: ["表二“规范性文件”行的数字连在一起（3838223），无法确定每格的数。"],
    lines: [
      { text: "舒城县人民政府2020年政府信息公开工作年度报告", cell: false },
      { text: "规范性文件", cell: false },
      { text: "3838223", cell: false },
    ],
    exists: true,
  };
}

const FAKE_FACES: FaceOptionDto[] = [
  { key: "file:0:/fonts/仿宋_GB2312.ttf", name: "仿宋_GB2312", source: "系统字体", bundled: false, path: "/fonts/仿宋_GB2312.ttf", made_for: "fang" },
  { key: "bundled:FandolSong-Bold.otf", name: "Fandol宋体（粗）", source: "内置字体", bundled: true, path: null, made_for: "title" },
  { key: "bundled:NotoSerifSC-Regular.otf", name: "思源宋体", source: "内置字体", bundled: true, path: null, made_for: "song" },
  { key: "bundled:FandolFang-Regular.otf", name: "Fandol仿宋", source: "内置字体", bundled: true, path: null, made_for: "fang" },
  { key: "bundled:FandolHei-Regular.otf", name: "Fandol黑体", source: "内置字体", bundled: true, path: null, made_for: "hei" },
  { key: "bundled:FandolKai-Regular.otf", name: "Fandol楷体", source: "内置字体", bundled: true, path: null, made_for: "kai" },
];

/** The fonts as the backend reports them: 仿宋_GB2312 installed for the body, the rest bundled. */
export function fakeFonts(choices: Record<string, string> = {}): FontsDto {
  const roles: [string, string, string][] = [
    ["title", "标题", "方正小标宋简体"],
    ["fang", "正文", "仿宋_GB2312"],
    ["hei", "一级标题", "黑体"],
    ["kai", "二级标题", "楷体_GB2312"],
    ["song", "页码", "宋体"],
  ];
  return {
    roles: roles.map(([role, label, official]) => {
      const automatic = FAKE_FACES.find((f) => f.made_for === role)!;
      const choice = choices[role] ?? "";
      const face = FAKE_FACES.find((f) => f.key === choice) ?? automatic;
      return { role, label, official, face, choice, automatic, note: null };
    }),
    options: FAKE_FACES,
  };
}

export function createFakeBackend(initial: ReportDto[] = [sampleReport()]): FakeBackend {
  const reports = new Map<string, { report: ReportDto; updated_at: string }>();
  let clock = Date.parse("2021-01-20T06:00:00Z");
  const stamp = () => new Date((clock += 60_000)).toISOString();
  for (const r of initial) reports.set(id({ unit_name: r.unit.name, year: r.year }), { report: copy(r), updated_at: stamp() });

  const checked = (r: ReportDto): CheckedReportDto => ({ report: copy(r), ...fakeCheck(r) });
  const notFound = (k: ReportKeyDto): CommandError => ({
    code: "not_found",
    message: `没有找到“${k.unit_name}”${k.year}年的报告`,
  });

  const fake: FakeBackend = {
    reports,
    calls: [],
    failSaves: null,
    closeHooks: [],
    importHooks: [],
    units: [],
    receipts: new Map(),
    reminder: null,
    pickedBackup: null,
    fontChoices: {},
    dropHooks: [],
    publishedRead: fakePublishedRead(),
    async appVersion() {
      return "0.1.0";
    },
    async formatFacts() {
      return FACTS;
    },
    async editionLayout(edition) {
      fake.calls.push({ method: "editionLayout", args: [edition] });
      return fakeLayout(edition);
    },
    async listReports(): Promise<ReportSummaryDto[]> {
      fake.calls.push({ method: "listReports", args: [] });
      return [...reports.values()]
        .map(({ report: r, updated_at }) => {
          const { findings, status } = fakeCheck(r);
          const errors = findings.filter((f) => f.severity === "error").length;
          return {
            unit_name: r.unit.name,
            unit_kind: r.unit.kind,
            year: r.year,
            edition: r.edition,
            title: r.title,
            status,
            errors,
            warnings: findings.length - errors,
            updated_at,
          };
        })
        .sort((a, b) => b.year - a.year || a.unit_name.localeCompare(b.unit_name));
    },
    async openReport(key) {
      fake.calls.push({ method: "openReport", args: [key] });
      const found = reports.get(id(key));
      if (!found) throw notFound(key);
      return checked(found.report);
    },
    async createReport(unit: UnitDto, year: number, carryProse?: boolean) {
      fake.calls.push({ method: "createReport", args: [unit, year, carryProse ?? false] });
      if (!unit.name.trim()) throw { code: "invalid_input", message: "单位名称不能为空" };
      const key = { unit_name: unit.name, year };
      if (reports.has(id(key)))
        throw { code: "already_exists", message: `“${unit.name}”${year}年的报告已经存在，请在列表中打开它` };
      const r = blankReport(unit, year);
      const last = reports.get(id({ unit_name: unit.name, year: year - 1 }));
      if (carryProse && last) r.sections = copy(last.report.sections);
      reports.set(id(key), { report: r, updated_at: stamp() });
      return checked(r);
    },
    async deleteReport(key) {
      fake.calls.push({ method: "deleteReport", args: [key] });
      if (!reports.delete(id(key))) throw notFound(key);
    },
    async saveReport(key, report): Promise<SavedDto> {
      fake.calls.push({ method: "saveReport", args: [copy(key), copy(report)] });
      if (fake.failSaves) throw fake.failSaves;
      const newKey = { unit_name: report.unit.name, year: report.year };
      if (id(newKey) !== id(key) && reports.has(id(newKey)))
        throw { code: "already_exists", message: `“${report.unit.name}”${report.year}年的报告已经存在` };
      const before = reports.get(id(key));
      reports.delete(id(key));
      const changed = !before || JSON.stringify(before.report) !== JSON.stringify(report);
      reports.set(id(newKey), { report: copy(report), updated_at: changed ? stamp() : before!.updated_at });
      return { key: newKey, changed, ...fakeCheck(report) };
    },
    async editCells(report, edits: CellEditDto[]): Promise<CellEditResultDto> {
      fake.calls.push({ method: "editCells", args: [copy(report), copy(edits)] });
      const r = copy(report);
      const rejected = [];
      for (const e of edits) {
        const text = e.text.trim() === "" ? "0" : e.text.trim().replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10));
        if (e.key.endsWith(".total") || e.key.includes(".handled_total.")) {
          rejected.push({ key: e.key, text: e.text, message: "合计栏由程序自动计算，不需要填写" });
        } else if (!/^\d+$/.test(text)) {
          rejected.push({ key: e.key, text: e.text, message: `只能填写数字（${e.text}）` });
        } else {
          r.figures[e.key] = String(Number(text));
        }
      }
      // Totals: each applications row's total, and （七）总计 as the sum of result rows.
      const rows = ["received", "carried_in", "handled_total", "carried_out", ...APP_LEAVES];
      for (const c of APP_COLUMNS.slice(0, -1)) {
        const sum = APP_LEAVES.reduce((s, row) => s + num(r.figures, `applications.${row}.${c}`), 0);
        r.figures[`applications.handled_total.${c}`] = String(sum);
      }
      for (const row of rows) {
        const sum = APP_COLUMNS.slice(0, -1).reduce((s, c) => s + num(r.figures, `applications.${row}.${c}`), 0);
        r.figures[`applications.${row}.total`] = String(sum);
      }
      return { checked: checked(r), rejected };
    },
    async checkReport(report) {
      return checked(report);
    },
    async changeEdition(report, edition) {
      return checked({ ...copy(report), edition });
    },
    async previewPdf() {
      return new ArrayBuffer(0);
    },
    async exportPdf() {
      return "/tmp/报告.pdf";
    },
    async printPdf() {
      return { sent: false, printer: null, path: "/tmp/报告.pdf", message: "已用系统程序打开，请在其中选择“打印”。" };
    },
    async fontFaces() {
      fake.calls.push({ method: "fontFaces", args: [] });
      return fakeFonts(fake.fontChoices);
    },
    async setFontChoice(role, choice) {
      fake.calls.push({ method: "setFontChoice", args: [role, choice] });
      if (choice === "") delete fake.fontChoices[role];
      else fake.fontChoices[role] = choice;
      return fakeFonts(fake.fontChoices);
    },
    async exportExchange(report) {
      fake.calls.push({ method: "exportExchange", args: [copy(report)] });
      return `/tmp/${report.unit.name}${report.year}年报数据.json`;
    },
    async defaultTexts(report) {
      fake.calls.push({ method: "defaultTexts", args: [copy(report)] });
      const u = report.unit;
      return {
        title: `${u.name}${report.year}年政府信息公开工作年度报告`,
        opening: `本报告……统计期限自${report.year}年1月1日起至${report.year}年12月31日止。如对本报告有疑问，请与${u.name}联系（地址：${u.address}；邮编：${u.postcode}；联系电话：${u.phone}）。`,
      };
    },
    async exportReport(report, format) {
      fake.calls.push({ method: "exportReport", args: [copy(report), format] });
      return `/tmp/${report.title}.${format}`;
    },
    async webPage(report) {
      fake.calls.push({ method: "webPage", args: [copy(report)] });
      return `<html><body><h1>${report.title}</h1></body></html>`;
    },
    async importFiles(request) {
      fake.calls.push({ method: "importFiles", args: [copy(request)] });
      return [];
    },
    async sendReport(key) {
      fake.calls.push({ method: "sendReport", args: [copy(key)] });
      return `/media/U盘/${key.unit_name}${key.year}.nianbao.json`;
    },
    async onReportsImported(imported) {
      fake.importHooks.push(imported);
      return () => {
        fake.importHooks = fake.importHooks.filter((h) => h !== imported);
      };
    },
    async onFilesDropped(dropped) {
      fake.dropHooks.push(dropped);
      return () => {
        fake.dropHooks = fake.dropHooks.filter((h) => h !== dropped);
      };
    },
    async readPublishedFile(path) {
      fake.calls.push({ method: "readPublishedFile", args: [path] });
      if (!/\.(docx|html?|txt)$/i.test(path)) throw { code: "invalid_input", message: `不认识“${path}”的文件格式` };
      return copy({ ...fake.publishedRead, source_name: path.split("/").pop() ?? path });
    },
    async readPublishedPaste(text, html) {
      fake.calls.push({ method: "readPublishedPaste", args: [text, html] });
      if (!text.includes("年度报告") && !(html ?? "").includes("年度报告"))
        throw { code: "invalid_input", message: "“粘贴的内容”不像一份政府信息公开工作年度报告：没有找到报告标题" };
      return copy({ ...fake.publishedRead, source_name: "粘贴的内容", source_kind: html ? "粘贴的网页" : "粘贴的文字" });
    },
    async editPublishedCells(report, edits) {
      fake.calls.push({ method: "editPublishedCells", args: [copy(report), copy(edits)] });
      const r = copy(report);
      const rejected = [];
      for (const e of edits) {
        const text = e.text.trim() === "" ? "0" : e.text.trim().replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10));
        if (!/^\d+$/.test(text)) rejected.push({ key: e.key, text: e.text, message: `只能填写数字（${e.text}）` });
        else r.figures[e.key] = String(Number(text));
      }
      return { checked: checked(r), rejected };
    },
    async savePublished(report, unread, sourceName, replace): Promise<SavedDto> {
      fake.calls.push({ method: "savePublished", args: [copy(report), copy(unread), sourceName, replace] });
      if (unread.length > 0) throw { code: "invalid_input", message: `“${sourceName}”中有${unread.length}格未能读准，请先补全` };
      const key = { unit_name: report.unit.name, year: report.year };
      if (reports.has(id(key)) && !replace)
        throw { code: "already_exists", message: `“${report.unit.name}”${report.year}年的报告已经存在，请在列表中打开它` };
      reports.set(id(key), { report: copy(report), updated_at: stamp() });
      return { key, changed: true, ...fakeCheck(report) };
    },
    async onWindowClose(beforeClose) {
      fake.closeHooks.push(beforeClose);
      return () => {
        fake.closeHooks = fake.closeHooks.filter((h) => h !== beforeClose);
      };
    },
    async listUnits() {
      fake.calls.push({ method: "listUnits", args: [] });
      return tree();
    },
    async addUnit(unit) {
      fake.calls.push({ method: "addUnit", args: [copy(unit)] });
      const name = unit.name.trim();
      if (!name) throw { code: "store", message: "单位名称不能为空" };
      if (allUnits().some((u) => u.name === name)) throw { code: "store", message: `单位“${name}”已经存在` };
      if (unit.parent && !allUnits().some((u) => u.name === unit.parent))
        throw { code: "store", message: `单位“${name}”的上级单位“${unit.parent}”不在单位列表中，请先添加上级单位` };
      fake.units.push({ ...copy(unit), name });
      return tree();
    },
    async updateUnit(unit) {
      fake.calls.push({ method: "updateUnit", args: [copy(unit)] });
      let p = unit.parent;
      while (p) {
        if (p === unit.name) throw { code: "store", message: `单位“${unit.parent}”是“${unit.name}”本身或其下级单位，不能作为它的上级单位` };
        p = allUnits().find((u) => u.name === p)?.parent ?? null;
      }
      fake.units = allUnits().map((u) => (u.name === unit.name ? copy(unit) : u));
      return tree();
    },
    async countyReturns(county, year, today) {
      fake.calls.push({ method: "countyReturns", args: [county, year, today] });
      const head = allUnits().find((u) => u.name === county);
      if (!head) throw { code: "store", message: `没有找到单位“${county}”` };
      const members = [head, ...allUnits().filter((u) => u.parent === county)];
      const rows: UnitReturnDto[] = members.map((u) => {
        const found = reports.get(id({ unit_name: u.name, year }));
        const receipt = found ? fake.receipts.get(id({ unit_name: u.name, year })) : undefined;
        let report = null;
        if (found) {
          const { findings, status } = fakeCheck(found.report);
          const errors = findings.filter((f) => f.severity === "error").length;
          report = { edition: found.report.edition, status, errors, warnings: findings.length - errors };
        }
        return {
          unit_name: u.name,
          kind: u.kind,
          vertical: u.vertical && u.name !== county,
          is_county: u.name === county,
          report,
          file_name: receipt?.file_name ?? null,
          received_at: receipt?.received_at ?? null,
        };
      });
      const rank = (u: UnitReturnDto) => (u.vertical ? 2 : u.report ? 1 : 0);
      rows.sort((a, b) => rank(a) - rank(b) || Number(b.is_county) - Number(a.is_county) || (a.unit_name < b.unit_name ? -1 : 1));
      const deadline = `${year + 1}-01-31`;
      const days = Math.round((Date.parse(deadline) - Date.parse(today)) / 86_400_000);
      return { county, year, deadline, days_left: days, units: rows };
    },
    async summarizeCounty(county, year, countyWide, onProgress): Promise<CountySummaryDto> {
      fake.calls.push({ method: "summarizeCounty", args: [county, year, countyWide] });
      const head = allUnits().find((u) => u.name === county);
      if (!head) throw { code: "store", message: `没有找到单位“${county}”` };
      const own = reports.get(id({ unit_name: county, year }))?.report;
      const chosen: ReportDto[] = own && !countyWide ? [own] : [];
      const vertical: string[] = [];
      const missing: string[] = [];
      for (const u of allUnits().filter((u) => u.parent === county)) {
        const r = reports.get(id({ unit_name: u.name, year }))?.report;
        if (u.vertical) vertical.push(u.name);
        else if (r) chosen.push(r);
        else missing.push(u.name);
      }
      const sum = blankReport({ ...(own?.unit ?? sampleUnit()), name: `${county}（汇总）` }, year);
      sum.title = `${county}${year}年政府信息公开工作年度报告汇总表`;
      sum.sections = SECTION_KEYS.map((key) => ({ key, paragraphs: [] }));
      const contributions: Record<string, ContributionDto[]> = {};
      chosen.forEach((r, i) => {
        onProgress({ done: i, total: chosen.length });
        for (const [key, text] of Object.entries(r.figures)) {
          if (!Number(text)) continue;
          sum.figures[key] = String(num(sum.figures, key) + Number(text));
          (contributions[key] ??= []).push({ unit_name: r.unit.name, value: text });
        }
      });
      onProgress({ done: chosen.length, total: chosen.length });
      const countyWideFindings: Finding[] = [];
      if (countyWide && own) {
        for (const key of Object.keys(sum.figures)) {
          if (num(own.figures, key) !== num(sum.figures, key))
            countyWideFindings.push({
              ...fakeCheck(sum).findings[0],
              rule: 11,
              severity: "warning",
              cells: [key],
              message: `全县报告“${key}”为${num(own.figures, key)}，汇总为${num(sum.figures, key)}`,
            });
        }
      }
      return {
        county,
        year,
        county_wide: countyWide,
        report: sum,
        summed: chosen.map((r) => ({ unit_name: r.unit.name, hard_findings: [] })),
        left_out: [],
        vertical,
        missing,
        contributions,
        findings: fakeCheck(sum).findings.filter((f) => f.section === null),
        county_wide_findings: countyWideFindings,
        too_large: [],
      };
    },
    async exportSummary(county, year, countyWide, format) {
      fake.calls.push({ method: "exportSummary", args: [county, year, countyWide, format] });
      return `/tmp/${county}${year}年汇总表.${format === "pdf" ? "pdf" : "json"}`;
    },
    async backupStore() {
      fake.calls.push({ method: "backupStore", args: [] });
      fake.reminder = null;
      return "/tmp/年报数据备份.db";
    },
    async pickBackup() {
      fake.calls.push({ method: "pickBackup", args: [] });
      return fake.pickedBackup;
    },
    async restoreStore(path) {
      fake.calls.push({ method: "restoreStore", args: [path] });
      if (!path.endsWith(".db")) throw { code: "store", message: `“${path}”不是年报数据文件，未做任何改动` };
      return { from: path, kept_at: "/data/nianbao.before-restore.bak" };
    },
    async backupReminder() {
      fake.calls.push({ method: "backupReminder", args: [] });
      return fake.reminder;
    },
  };

  /** The tree's units and those of saved reports (the real store adds them on save). */
  function allUnits(): UnitNodeDto[] {
    const out = [...fake.units];
    for (const { report } of reports.values()) {
      if (!out.some((u) => u.name === report.unit.name))
        out.push({ name: report.unit.name, kind: report.unit.kind, parent: report.unit.parent, vertical: false });
    }
    return out;
  }

  function tree(): UnitTreeEntryDto[] {
    const units = allUnits();
    const out: UnitTreeEntryDto[] = [];
    const walk = (parent: string | null, depth: number) => {
      units
        .filter((u) => (u.parent ?? null) === parent || (depth === 0 && u.parent && !units.some((p) => p.name === u.parent)))
        .filter((u) => depth > 0 || !out.some((o) => o.unit.name === u.name))
        .sort((a, b) => (a.name < b.name ? -1 : 1))
        .forEach((u) => {
          if (out.some((o) => o.unit.name === u.name)) return;
          out.push({ depth, unit: copy(u), children: units.filter((c) => c.parent === u.name).length });
          walk(u.name, depth + 1);
        });
    };
    walk(null, 0);
    return out;
  }

  return fake;
}
