// The one door from the UI to the Rust backend. Components get a `Backend` through
// `useBackend()` (provided in main.ts), so component tests can hand them a fake.

import { listen } from "@tauri-apps/api/event";
import { getCurrentWebview } from "@tauri-apps/api/webview";
import { getCurrentWindow } from "@tauri-apps/api/window";
import { inject, type InjectionKey } from "vue";
import type {
  CellEditDto,
  CellEditResultDto,
  CheckedReportDto,
  CommandError,
  DefaultTextsDto,
  Edition,
  EditionLayoutDto,
  FileFormatDto,
  FileImportDto,
  FontsDto,
  FormatFactsDto,
  ImportRequestDto,
  PrintedDto,
  PublishedReadDto,
  ReviewSheetDto,
  ReportDto,
  ReportKeyDto,
  ReportSummaryDto,
  SavedDto,
  UnitDto,
  BackupReminderDto,
  CountyReturnsDto,
  CountySummaryDto,
  RestoredDto,
  SummaryProgressDto,
  UnitNodeDto,
  UnitTreeEntryDto,
} from "./bindings";
import { Channel, invoke } from "@tauri-apps/api/core";

export type { Edition };

export interface Backend {
  appVersion(): Promise<string>;
  /** The format's facts (years, editions, unit kinds, total rules), from Rust. */
  formatFacts(): Promise<FormatFactsDto>;
  editionLayout(edition: Edition): Promise<EditionLayoutDto>;
  listReports(): Promise<ReportSummaryDto[]>;
  openReport(key: ReportKeyDto): Promise<CheckedReportDto>;
  /** With `carryProse`, last year's six sections come along as a draft (沿用上年文字作为草稿). */
  createReport(unit: UnitDto, year: number, carryProse?: boolean): Promise<CheckedReportDto>;
  deleteReport(key: ReportKeyDto): Promise<void>;
  /** Saves the report stored under `key` (its unit or year may have changed). */
  saveReport(key: ReportKeyDto, report: ReportDto): Promise<SavedDto>;
  /** Normalises typed or pasted cells, refuses bad ones by cell, refills the totals. */
  editCells(report: ReportDto, edits: CellEditDto[]): Promise<CellEditResultDto>;
  checkReport(report: ReportDto): Promise<CheckedReportDto>;
  changeEdition(report: ReportDto, edition: Edition): Promise<CheckedReportDto>;
  /** The title and opening paragraph the format suggests for the report's unit and year. */
  defaultTexts(report: ReportDto): Promise<DefaultTextsDto>;
  /** The real PDF bytes, as they will print (a 草稿 copy while hard errors remain). */
  previewPdf(report: ReportDto, reviewSheet: ReviewSheetDto): Promise<ArrayBuffer>;
  /** Save dialog, then writes the PDF; null when the clerk cancelled. A final copy with hard
   * errors is refused with code "hard_findings". */
  exportPdf(report: ReportDto, draft: boolean, reviewSheet: ReviewSheetDto): Promise<string | null>;
  /** Sends the PDF to the default printer, or, where that cannot be done from here, opens it in
   * the system's viewer; says which (`message`, in Chinese). */
  printPdf(report: ReportDto, draft: boolean, reviewSheet: ReviewSheetDto): Promise<PrintedDto>;
  exportExchange(report: ReportDto): Promise<string | null>;
  /** Save dialog, then writes the report as Excel, a web page, Word (or any format); null when
   * the clerk cancelled. */
  exportReport(report: ReportDto, format: FileFormatDto): Promise<string | null>;
  /** The report as one self-contained web page, for the portal's editor (复制网页版). */
  webPage(report: ReportDto): Promise<string>;
  /** Imports report files (those of `request.paths`, or picked in an open dialog when null),
   * each with its outcome: 新增 / 已更新 / 无变化 / 未导入 with the reason / 待确认. */
  importFiles(request: ImportRequestDto): Promise<FileImportDto[]>;
  /** 报送文件: the stored report as `<单位><年度>.nianbao.json` in a folder the clerk picks;
   * null when the clerk cancelled. */
  sendReport(key: ReportKeyDto): Promise<string | null>;
  /** The face each role of the PDF prints in, and the faces to choose from (looked for again). */
  fontFaces(): Promise<FontsDto>;
  /** Sets a role (title, fang, hei, kai, song) in a face (its `key`; "" for automatic), kept in
   * the store; answers with the faces now in use. */
  setFontChoice(role: string, choice: string): Promise<FontsDto>;
  /** Runs `beforeClose` (e.g. saving what is pending) when the clerk closes the window, then
   * lets the window close. Resolves to a function that removes the hook. */
  onWindowClose(beforeClose: () => Promise<void>): Promise<() => void>;
  /** Calls `imported` when files opened with 年报 (a double-click, a second start) were imported
   * into the store. Resolves to a function that stops listening. */
  onReportsImported(imported: () => void): Promise<() => void>;

  // ---- The county's screens, backup and restore (commands/county.rs, commands/backup.rs).
  /** The unit tree, depth first. */
  listUnits(): Promise<UnitTreeEntryDto[]>;
  addUnit(unit: UnitNodeDto): Promise<UnitTreeEntryDto[]>;
  updateUnit(unit: UnitNodeDto): Promise<UnitTreeEntryDto[]>;
  /** 报送情况 as of `today` (local date, YYYY-MM-DD). */
  countyReturns(county: string, year: number, today: string): Promise<CountyReturnsDto>;
  /** Sums off the UI thread; `onProgress` hears how many reports are done. */
  summarizeCounty(
    county: string,
    year: number,
    countyWide: boolean,
    onProgress: (p: SummaryProgressDto) => void,
  ): Promise<CountySummaryDto>;
  /** Save dialog, then the 汇总表 PDF or the sum's data file; null when cancelled. */
  exportSummary(county: string, year: number, countyWide: boolean, format: "pdf" | "exchange"): Promise<string | null>;
  /** Save dialog, then a consistent copy of the whole store; null when cancelled. */
  backupStore(): Promise<string | null>;
  /** Open dialog for a backup to restore; null when cancelled. */
  pickBackup(): Promise<string | null>;
  restoreStore(path: string): Promise<RestoredDto>;
  /** The reminder to back up when none was made for 30 days; null when none is due. */
  backupReminder(): Promise<BackupReminderDto | null>;
  /** Calls `dropped` with the paths of files dropped on the window. Resolves to a function that
   * stops listening. */
  onFilesDropped(dropped: (paths: string[]) => void): Promise<() => void>;
  /** Reads last year's published report from a file (.docx, .html/.htm, .txt) for the clerk to
   * confirm: the report, the cells read with doubt, the reader's notes and the source's lines. */
  readPublishedFile(path: string): Promise<PublishedReadDto>;
  /** The same from pasted text; the clipboard's web page (`html`), when there is one, first. */
  readPublishedPaste(text: string, html: string | null): Promise<PublishedReadDto>;
  /** Corrects cells of a report read from a published one: normalised or refused by cell; totals
   * typed too, nothing summed (taken as published). */
  editPublishedCells(report: ReportDto, edits: CellEditDto[]): Promise<CellEditResultDto>;
  /** Saves the confirmed report as its unit's report of its year. Refused while `unread` cells
   * remain, and with code "already_exists" when that report exists and `replace` is false. */
  savePublished(report: ReportDto, unread: string[], sourceName: string, replace: boolean): Promise<SavedDto>;
}

/** Every failed call rejects with one of these: a code for the program, a sentence for the clerk. */
export function isCommandError(e: unknown): e is CommandError {
  return typeof e === "object" && e !== null && "code" in e && "message" in e;
}

/** The clerk-facing sentence of any failure. */
export function errorMessage(e: unknown): string {
  if (isCommandError(e)) return e.message;
  return `操作失败：${String(e)}`;
}

export const tauriBackend: Backend = {
  appVersion: () => invoke("app_version"),
  formatFacts: () => invoke("format_facts"),
  editionLayout: (edition) => invoke("edition_layout", { edition }),
  listReports: () => invoke("list_reports"),
  openReport: (key) => invoke("open_report", { key }),
  createReport: (unit, year, carryProse) => invoke("create_report", { unit, year, carryProse: carryProse ?? false }),
  deleteReport: (key) => invoke("delete_report", { key }),
  saveReport: (key, report) => invoke("save_report", { key, report }),
  editCells: (report, edits) => invoke("edit_cells", { report, edits }),
  checkReport: (report) => invoke("check_report", { report }),
  changeEdition: (report, edition) => invoke("change_edition", { report, edition }),
  defaultTexts: (report) => invoke("default_texts", { report }),
  previewPdf: (report, reviewSheet) => invoke("preview_pdf", { report, reviewSheet }),
  exportPdf: (report, draft, reviewSheet) =>
    invoke("export_report", { report, format: "pdf", draft, reviewSheet }),
  printPdf: (report, draft, reviewSheet) => invoke("print_pdf", { report, draft, reviewSheet }),
  exportExchange: (report) =>
    invoke("export_report", { report, format: "exchange", draft: false, reviewSheet: "omitted" }),
  exportReport: (report, format) =>
    invoke("export_report", { report, format, draft: false, reviewSheet: "omitted" }),
  webPage: (report) => invoke("web_page", { report }),
  importFiles: (request) => invoke("import_report_files", { request }),
  sendReport: (key) => invoke("send_report", { key }),
  fontFaces: () => invoke("font_faces"),
  setFontChoice: (role, choice) => invoke("set_font_choice", { role, choice }),
  onWindowClose: (beforeClose) => getCurrentWindow().onCloseRequested(() => beforeClose()),
  onReportsImported: (imported) => listen("exchange-imported", () => imported()),
  listUnits: () => invoke("list_units"),
  addUnit: (unit) => invoke("add_unit", { unit }),
  updateUnit: (unit) => invoke("update_unit", { unit }),
  countyReturns: (county, year, today) => invoke("county_returns", { county, year, today }),
  summarizeCounty: (county, year, countyWide, onProgress) => {
    const channel = new Channel<SummaryProgressDto>();
    channel.onmessage = onProgress;
    return invoke("summarize_county", { county, year, countyWide, onProgress: channel });
  },
  exportSummary: (county, year, countyWide, format) =>
    invoke("export_summary", { county, year, countyWide, format }),
  backupStore: () => invoke("backup_store"),
  pickBackup: () => invoke("pick_backup"),
  restoreStore: (path) => invoke("restore_store", { path }),
  backupReminder: () => invoke("backup_reminder"),
  onFilesDropped: (dropped) =>
    getCurrentWebview().onDragDropEvent((e) => {
      if (e.payload.type === "drop") dropped(e.payload.paths);
    }),
  readPublishedFile: (path) => invoke("read_published_file", { path }),
  readPublishedPaste: (text, html) => invoke("read_published_paste", { text, html }),
  editPublishedCells: (report, edits) => invoke("edit_published_cells", { report, edits }),
  savePublished: (report, unread, sourceName, replace) =>
    invoke("save_published", { report, unread, sourceName, replace }),
};

export const backendKey: InjectionKey<Backend> = Symbol("backend");

export function useBackend(): Backend {
  const backend = inject(backendKey);
  if (!backend) throw new Error("no backend provided");
  return backend;
}
