// One of the report's tables as an HTML grid, drawn from the edition's table template that Rust
// serves (the same template the PDF is drawn from): header rows and body rows with their merged
// cells, plus the navigation grid of the number cells as the clerk sees them (rows top to
// bottom, cells left to right). No label, span or total rule is written here.
import type { EditionLayoutDto, LabelRole, TableId, TableTemplate, ValueKind } from "../../bindings";

export type TableKey = TableId;

export interface LabelCell {
  type: "label";
  text: string;
  rowspan?: number;
  colspan?: number;
  /** CSS class from the label's role: "corner", "head", "item", "row-label", "group", "results". */
  cls: string;
  /** Header cells are <th>. */
  head: boolean;
  /** Left-aligned, as the template sets it. */
  left: boolean;
}

export interface NumberCell {
  type: "number";
  key: string;
  kind: ValueKind;
  /** Computed by the program, never typed. */
  total: boolean;
  colspan?: number;
  /** Position in the navigation grid. */
  row: number;
  col: number;
  /** Row and column labels, for tooltips and messages. */
  rowLabel: string;
  colLabel: string;
}

export type GridCell = LabelCell | NumberCell;

export interface GridModel {
  /** Number of <col> in the table (label columns + number columns). */
  columns: number;
  /** Widths of the columns, in em. */
  widths: number[];
  head: GridCell[][];
  body: GridCell[][];
  /** The number cells, row by row, left to right. */
  nav: NumberCell[][];
}

const ROLE_CLASS: Record<LabelRole, string> = {
  corner: "corner",
  header: "head",
  block: "item",
  row_label: "row-label",
  group: "group",
  results: "results",
};

const HEAD_ROLES: LabelRole[] = ["corner", "header", "block"];

/** On screen a printed millimetre is about a third of an em; number columns stay wide enough to type in. */
const EM_PER_MM = 1 / 3.2;
const MIN_NUMBER_EM = 4.6;
const MIN_LABEL_EM = 2.6;

const span = (n: number) => (n > 1 ? n : undefined);

export function templateOf(table: TableKey, layout: EditionLayoutDto): TableTemplate {
  const t = layout.tables.find((x) => x.table === table);
  if (!t) throw new Error(`no template for ${table}`);
  return t;
}

export function buildGrid(table: TableKey, layout: EditionLayoutDto): GridModel {
  const template = templateOf(table, layout);
  const rows: GridCell[][] = Array.from({ length: template.rows }, () => []);
  const nav: NumberCell[][] = [];
  const numberColumns = new Set<number>();
  const cells = [...template.cells].sort((a, b) => a.row - b.row || a.col - b.col);
  let navRow: NumberCell[] | null = null;
  let lastRow = -1;
  for (const c of cells) {
    const content = c.content;
    if (content.type === "label") {
      rows[c.row].push({
        type: "label",
        text: content.text,
        rowspan: span(c.row_span),
        colspan: span(c.col_span),
        cls: ROLE_CLASS[content.role],
        head: HEAD_ROLES.includes(content.role),
        left: content.align === "left",
      });
      continue;
    }
    if (c.row !== lastRow || !navRow) {
      navRow = [];
      nav.push(navRow);
      lastRow = c.row;
    }
    numberColumns.add(c.col);
    const cell: NumberCell = {
      type: "number",
      key: content.key,
      kind: content.kind,
      total: content.total,
      colspan: span(c.col_span),
      row: nav.length - 1,
      col: navRow.length,
      rowLabel: content.row_label,
      colLabel: content.column_label,
    };
    navRow.push(cell);
    rows[c.row].push(cell);
  }
  const widths = template.columns_mm.map((mm, i) =>
    Math.max(mm * EM_PER_MM, numberColumns.has(i) ? MIN_NUMBER_EM : MIN_LABEL_EM),
  );
  return {
    columns: template.columns_mm.length,
    widths: widths.map((w) => Math.round(w * 10) / 10),
    head: rows.slice(0, template.header_rows),
    body: rows.slice(template.header_rows),
    nav,
  };
}

/** The table that shows a cell, by the cell's key. */
export function tableOfKey(layout: EditionLayoutDto, key: string): TableKey | null {
  for (const t of layout.tables) {
    if (t.cells.some((c) => c.content.type === "figure" && c.content.key === key)) return t.table;
  }
  return null;
}
