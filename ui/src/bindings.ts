// Generated from the Rust DTOs in src-tauri/src/dto.rs by the `bindings_are_current` test.
// Do not edit: run `UPDATE_BINDINGS=1 cargo test -p nianbao bindings` after changing a DTO.

export type UnitDto = { name: string, kind: "county_government" | "department" | "township" | "other", parent: string | null, address: string, postcode: string, phone: string, };

export type ParagraphDto = { level: "sub" | "item" | "sub_item" | null, heading: string | null, text: string, };

export type SectionDto = { key: string, paragraphs: Array<ParagraphDto>, };

export type SignOffDto = { name: string, 
/**
 * YYYY-MM-DD
 */
date: string, };

export type ReportDto = { unit: UnitDto, year: number, edition: "2019" | "2021", title: string, opening: string, 
/**
 * The six sections, in order.
 */
sections: Array<SectionDto>, figures: { [key in string]: string }, sign_off: SignOffDto | null, };

export type ReportKeyDto = { unit_name: string, year: number, };

export type FindingDto = { rule: number, severity: "error" | "warning", table: "proactive" | "applications" | "appeals" | null, row: string | null, column: string | null, cells: Array<string>, section: string | null, paragraph: number | null, expected: string | null, found: string | null, message: string, };

export type ReportStatus = "has_errors" | "draft" | "printable";

export type ReportSummaryDto = { unit_name: string, unit_kind: "county_government" | "department" | "township" | "other", year: number, edition: "2019" | "2021", title: string, status: ReportStatus, errors: number, warnings: number, updated_at: string, };

export type CheckedReportDto = { report: ReportDto, findings: Array<FindingDto>, status: ReportStatus, };

export type CellEditDto = { key: string, text: string, };

export type RejectedCellDto = { key: string, text: string, message: string, };

export type CellEditResultDto = { checked: CheckedReportDto, rejected: Array<RejectedCellDto>, };

export type SavedDto = { key: ReportKeyDto, findings: Array<FindingDto>, status: ReportStatus, 
/**
 * false when the store already held exactly this report.
 */
changed: boolean, };

export type DefaultTextsDto = { title: string, opening: string, };

export type ColumnDto = { key: string, label: string, kind: "count" | "change" | "money", };

export type RowDto = { key: string, label: string, };

export type ProactiveBlockDto = { item: string, columns: Array<ColumnDto>, rows: Array<RowDto>, };

export type ApplicationRowDto = { key: string, label: string, place: "top" | "result" | "result_item", 
/**
 * For a result item: its group, e.g. （三）不予公开.
 */
group: string | null, 
/**
 * （七）总计: computed from the results above it.
 */
is_total: boolean, };

export type EditionLayoutDto = { edition: string, source: string, sections: Array<RowDto>, proactive_row_header: string, proactive: Array<ProactiveBlockDto>, applications_corner: string, applicants_header: string, legal_persons_header: string, results_header: string, application_columns: Array<ColumnDto>, application_rows: Array<ApplicationRowDto>, litigation_header: string, appeal_groups: Array<RowDto>, appeal_columns: Array<ColumnDto>, };

export type CommandError = { 
/**
 * not_found | already_exists | invalid_input | hard_findings | missing_glyphs | store | pdf | io
 */
code: string, message: string, };
