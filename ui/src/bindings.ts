// Generated from the Rust DTOs in src-tauri/src/dto.rs and the report crate's types by the
// `bindings_are_current` test.
// Do not edit: run `UPDATE_BINDINGS=1 cargo test -p nianbao bindings` after changing a DTO.

export type Edition = "2019" | "2021";

export type UnitKind = "county_government" | "department" | "township" | "other";

export type HeadingLevel = "sub" | "item" | "sub_item";

export type SectionKey = "overview" | "proactive" | "applications" | "appeals" | "problems" | "other";

export type TableId = "proactive" | "applications" | "appeals";

export type ValueKind = "count" | "change" | "money";

export type Severity = "error" | "warning";

export type Finding = { 
/**
 * The rule's number in the format spec (see the README's table of rules).
 */
rule: number, severity: Severity, table: TableId | null, 
/**
 * Stable key of the row (table 四: the group), when the finding is about a row or cell.
 */
row: string | null, 
/**
 * Stable key of the column, when the finding is about a column or cell.
 */
column: string | null, 
/**
 * Every cell concerned, by full key, for marking them on screen.
 */
cells: Array<string>, 
/**
 * The prose section and paragraph index, for findings about the text.
 */
section: SectionKey | null, paragraph: number | null, expected: string | null, found: string | null, 
/**
 * The finding in a Chinese sentence that names the table, row and column.
 */
message: string, };

export type ReportStatus = "has_errors" | "draft" | "printable";

export type TableTemplate = { table: TableId, 
/**
 * 表二 / 表三 / 表四
 */
label: string, 
/**
 * e.g. 主动公开政府信息情况
 */
title: string, 
/**
 * The grid's column widths on the printed page, in mm; they add up to the type area.
 */
columns_mm: Array<number>, rows: number, 
/**
 * The rows at the top that form the header (repeated on every page the table runs over).
 */
header_rows: number, 
/**
 * Rows that must not end a page (table 二's article and column-name rows).
 */
keep_with_next: Array<number>, 
/**
 * Every cell, each once, in the order they are drawn.
 */
cells: Array<TemplateCell>, };

export type TemplateCell = { row: number, col: number, row_span: number, col_span: number, content: CellContent, };

export type CellContent = { "type": "label", text: string, role: LabelRole, align: Align, } | { "type": "figure", key: string, kind: ValueKind, 
/**
 * Computed from the cells it sums (never typed); see [`crate::edition::CellSpec::sums`].
 */
total: boolean, 
/**
 * The row's label as a clerk reads it, with its block or group.
 */
row_label: string, column_label: string, };

export type LabelRole = "corner" | "header" | "block" | "row_label" | "group" | "results";

export type Align = "center" | "left";

export type UnitDto = { name: string, kind: UnitKind, parent: string | null, address: string, postcode: string, phone: string, };

export type ParagraphDto = { level: HeadingLevel | null, heading: string | null, text: string, };

export type SectionDto = { key: SectionKey, paragraphs: Array<ParagraphDto>, };

export type SignOffDto = { name: string, 
/**
 * YYYY-MM-DD
 */
date: string, };

export type ReportDto = { unit: UnitDto, year: number, edition: Edition, title: string, opening: string, 
/**
 * The six sections, in order.
 */
sections: Array<SectionDto>, figures: { [key in string]: string }, sign_off: SignOffDto | null, };

export type ReportKeyDto = { unit_name: string, year: number, };

export type ReportSummaryDto = { unit_name: string, unit_kind: UnitKind, year: number, edition: Edition, title: string, status: ReportStatus, errors: number, warnings: number, updated_at: string, };

export type CheckedReportDto = { report: ReportDto, findings: Array<Finding>, status: ReportStatus, };

export type CellEditDto = { key: string, text: string, };

export type RejectedCellDto = { key: string, text: string, message: string, };

export type CellEditResultDto = { checked: CheckedReportDto, rejected: Array<RejectedCellDto>, };

export type SavedDto = { key: ReportKeyDto, findings: Array<Finding>, status: ReportStatus, 
/**
 * false when the store already held exactly this report.
 */
changed: boolean, };

export type DefaultTextsDto = { title: string, opening: string, };

export type FileFormatDto = "exchange" | "pdf" | "xlsx" | "html" | "docx";

export type ReviewSheetDto = "omitted" | "with_report" | "alone";

export type SectionHeadingDto = { key: SectionKey, 
/**
 * e.g. 一、总体情况
 */
heading: string, 
/**
 * The table printed in the section, if any.
 */
table: TableId | null, };

export type EditionLayoutDto = { edition: Edition, 
/**
 * The document that fixed the edition's shape.
 */
source: string, sections: Array<SectionHeadingDto>, tables: Array<TableTemplate>, };

export type EditionYearsDto = { edition: Edition, source: string, 
/**
 * The report years that use this edition, first and last.
 */
first_year: number, last_year: number, };

export type UnitKindDto = { kind: UnitKind, label: string, };

export type FormatFactsDto = { 
/**
 * The years a report can be about.
 */
first_year: number, last_year: number, 
/**
 * Which edition each year uses.
 */
editions: Array<EditionYearsDto>, unit_kinds: Array<UnitKindDto>, 
/**
 * Rules whose findings are totals that disagree with what they add up (recomputing the
 * totals settles them).
 */
total_rules: Array<number>, };

export type ImportChoiceDto = "take_file" | "keep_store";

export type FileChoiceDto = { path: string, choice: ImportChoiceDto, };

export type ImportRequestDto = { paths: Array<string> | null, 
/**
 * Collecting for this county (its units only; units not in the tree wait to be added).
 */
county: string | null, 
/**
 * Collecting this year only.
 */
year: number | null, choices: Array<FileChoiceDto>, };

export type DifferenceDto = { place: string, key: string | null, in_store: string, in_file: string, };

export type ImportQuestionDto = { "kind": "conflict", changed_at: string, made_at: string, differences: Array<DifferenceDto>, } | { "kind": "new_unit", parent: string, };

export type ImportOutcomeDto = "created" | "updated" | "unchanged" | "refused" | "waiting" | "kept";

export type FileImportDto = { path: string, file_name: string, unit_name: string | null, year: number | null, outcome: ImportOutcomeDto, 
/**
 * 新增 / 已更新 / 无变化 / 未导入 / 待确认 / 保留库中版本
 */
label: string, 
/**
 * Why it was not imported.
 */
reason: string | null, question: ImportQuestionDto | null, hard_errors: number, 
/**
 * The unit was added to the tree under this unit.
 */
added_under: string | null, };

export type FaceOptionDto = { 
/**
 * What to send to `set_font_choice` to choose it.
 */
key: string, 
/**
 * 仿宋_GB2312, Fandol仿宋, …
 */
name: string, 
/**
 * 系统字体 or 内置字体.
 */
source: string, bundled: boolean, 
/**
 * The file, for an installed face.
 */
path: string | null, 
/**
 * The role (key) it is made for.
 */
made_for: string, };

export type RoleFaceDto = { 
/**
 * title, fang, hei, kai, song.
 */
role: string, 
/**
 * 标题, 正文, 一级标题, 二级标题, 页码.
 */
label: string, 
/**
 * The face GB/T 9704 asks for (方正小标宋简体, 仿宋_GB2312, …).
 */
official: string, face: FaceOptionDto, 
/**
 * The clerk's choice (a face's key), "" for automatic.
 */
choice: string, 
/**
 * The face the role has when the choice is automatic.
 */
automatic: FaceOptionDto, 
/**
 * Why the chosen face is not the one used, if it is not.
 */
note: string | null, };

export type FontsDto = { roles: Array<RoleFaceDto>, options: Array<FaceOptionDto>, };

export type PrintedDto = { 
/**
 * Sent to the printer (else opened in the system's viewer for the clerk to print).
 */
sent: boolean, 
/**
 * The printer's name, when the system tells it.
 */
printer: string | null, 
/**
 * The PDF printed.
 */
path: string, 
/**
 * What happened, for the clerk.
 */
message: string, };

export type DoubtfulCellDto = { key: string, 
/**
 * 表二“规范性文件”行“本年新制作数量”列
 */
label: string, };

export type SourceLineDto = { text: string, cell: boolean, };

export type PublishedReadDto = { 
/**
 * The file's name, or 粘贴的内容.
 */
source_name: string, 
/**
 * Word文档, 网页, 文本文件 (pasted: 粘贴的网页 or 粘贴的文字).
 */
source_kind: string, 
/**
 * The report as published, with what validation finds in it.
 */
checked: CheckedReportDto, 
/**
 * In reading order.
 */
doubtful: Array<DoubtfulCellDto>, 
/**
 * What the reader noticed, in sentences for the clerk.
 */
notes: Array<string>, lines: Array<SourceLineDto>, 
/**
 * The store already holds this unit's report of this year: saving replaces it (asked first).
 */
exists: boolean, };

export type ErrorCode = "not_found" | "already_exists" | "invalid_input" | "hard_findings" | "missing_glyphs" | "store" | "pdf" | "io";

export type CommandError = { code: ErrorCode, message: string, };

export type UnitNodeDto = { name: string, kind: UnitKind, 
/**
 * The unit it reports to, by name.
 */
parent: string | null, 
/**
 * 垂直管理: not summed into its parent.
 */
vertical: boolean, };

export type UnitTreeEntryDto = { depth: number, unit: UnitNodeDto, 
/**
 * How many units report to it (a county has some).
 */
children: number, };

export type ReturnedReportDto = { edition: Edition, status: ReportStatus, errors: number, warnings: number, };

export type UnitReturnDto = { unit_name: string, kind: UnitKind, vertical: boolean, 
/**
 * The county itself.
 */
is_county: boolean, 
/**
 * None: not received (no report of the year in the store).
 */
report: ReturnedReportDto | null, 
/**
 * The file it came in; none when entered by hand.
 */
file_name: string | null, 
/**
 * When that file came, UTC ISO 8601.
 */
received_at: string | null, };

export type CountyReturnsDto = { county: string, year: number, 
/**
 * YYYY-MM-DD: 1月31日 of the next year.
 */
deadline: string, 
/**
 * Days left to the deadline; negative when it has passed.
 */
days_left: number, 
/**
 * Missing units first, then the received, then the 垂直管理 ones.
 */
units: Array<UnitReturnDto>, };

export type SummedUnitDto = { unit_name: string, hard_findings: Array<Finding>, };

export type LeftOutDto = { unit_name: string, edition: Edition, message: string, };

export type ContributionDto = { unit_name: string, value: string, };

export type CountySummaryDto = { county: string, year: number, 
/**
 * The county's own report taken as the county-wide one (rule 11), not summed.
 */
county_wide: boolean, 
/**
 * The sum as a report (titled as the 汇总表; no prose).
 */
report: ReportDto, summed: Array<SummedUnitDto>, 
/**
 * Reports of the other edition (or repeated), named and not summed.
 */
left_out: Array<LeftOutDto>, 
/**
 * 垂直管理 units, not summed.
 */
vertical: Array<string>, 
/**
 * Units with no report for the year.
 */
missing: Array<string>, 
/**
 * Drill-down: for each cell, what each summed unit gives to it (units giving 0 left out).
 */
contributions: { [key in string]: Array<ContributionDto> }, 
/**
 * The sum checked by the table rules.
 */
findings: Array<Finding>, 
/**
 * Rule 11: where the county-wide report differs from the sum.
 */
county_wide_findings: Array<Finding>, 
/**
 * Cells whose sum is more than a cell holds.
 */
too_large: Array<string>, };

export type SummaryProgressDto = { done: number, total: number, };

export type BackupReminderDto = { 
/**
 * When the last backup was made (UTC ISO 8601); none when never.
 */
last_backup_at: string | null, days: number, };

export type RestoredDto = { from: string, kept_at: string, };
