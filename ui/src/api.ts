// The one door from the UI to the Rust backend. Components get a `Backend` through
// `useBackend()` (provided in main.ts), so component tests can hand them a fake.

import { invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
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
  FontsDto,
  FormatFactsDto,
  PrintedDto,
  ReviewSheetDto,
  ReportDto,
  ReportKeyDto,
  ReportSummaryDto,
  SavedDto,
  UnitDto,
} from "./bindings";

export type { Edition };

export interface Backend {
  appVersion(): Promise<string>;
  /** The format's facts (years, editions, unit kinds, total rules), from Rust. */
  formatFacts(): Promise<FormatFactsDto>;
  editionLayout(edition: Edition): Promise<EditionLayoutDto>;
  listReports(): Promise<ReportSummaryDto[]>;
  openReport(key: ReportKeyDto): Promise<CheckedReportDto>;
  createReport(unit: UnitDto, year: number): Promise<CheckedReportDto>;
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
  /** Open dialog for exchange files and Excel workbooks; all are read before any is saved. */
  importReports(): Promise<ReportSummaryDto[]>;
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
  createReport: (unit, year) => invoke("create_report", { unit, year }),
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
  importReports: () => invoke("import_reports"),
  fontFaces: () => invoke("font_faces"),
  setFontChoice: (role, choice) => invoke("set_font_choice", { role, choice }),
  onWindowClose: (beforeClose) => getCurrentWindow().onCloseRequested(() => beforeClose()),
  onReportsImported: (imported) => listen("exchange-imported", () => imported()),
};

export const backendKey: InjectionKey<Backend> = Symbol("backend");

export function useBackend(): Backend {
  const backend = inject(backendKey);
  if (!backend) throw new Error("no backend provided");
  return backend;
}
