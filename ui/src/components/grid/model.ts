// The shape of one of the report's tables as an HTML grid: header rows and body rows with their
// merged cells (rowspan/colspan) as in the official template, plus the navigation grid of the
// number cells as the clerk sees them (rows top to bottom, cells left to right).
import type { ColumnDto, EditionLayoutDto } from "../../bindings";

export type TableKey = "proactive" | "applications" | "appeals";

export interface LabelCell {
  type: "label";
  text: string;
  rowspan?: number;
  colspan?: number;
  /** CSS classes: "head" (a header cell), "item" (table 二's article row), "group", "wrap". */
  cls?: string;
  /** Header cells are <th>. */
  head?: boolean;
}

export interface NumberCell {
  type: "number";
  key: string;
  kind: ColumnDto["kind"];
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

const label = (text: string, extra: Partial<LabelCell> = {}): LabelCell => ({
  type: "label",
  text,
  ...extra,
});

export function buildGrid(table: TableKey, layout: EditionLayoutDto): GridModel {
  switch (table) {
    case "proactive":
      return proactive(layout);
    case "applications":
      return applications(layout);
    case "appeals":
      return appeals(layout);
  }
}

/** Adds a row of number cells to the navigation grid and returns them. */
function navRow(
  nav: NumberCell[][],
  cells: Omit<NumberCell, "type" | "row" | "col">[],
): NumberCell[] {
  const row = nav.length;
  const out = cells.map((c, col): NumberCell => ({ type: "number", row, col, ...c }));
  nav.push(out);
  return out;
}

function proactive(layout: EditionLayoutDto): GridModel {
  const width = Math.max(1, ...layout.proactive.map((b) => b.columns.length));
  const columns = 1 + width;
  const body: GridCell[][] = [];
  const nav: NumberCell[][] = [];
  for (const block of layout.proactive) {
    body.push([label(block.item, { colspan: columns, cls: "item", head: true })]);
    const span = (i: number) =>
      i === block.columns.length - 1 && width - i > 1 ? width - i : undefined;
    body.push([
      label(layout.proactive_row_header, { head: true, cls: "head" }),
      ...block.columns.map((c, i) =>
        label(c.label, { head: true, cls: "head", colspan: span(i) }),
      ),
    ]);
    for (const r of block.rows) {
      const cells = navRow(
        nav,
        block.columns.map((c, i) => ({
          key: `proactive.${r.key}.${c.key}`,
          kind: c.kind,
          total: false,
          colspan: span(i),
          rowLabel: r.label,
          colLabel: c.label,
        })),
      );
      body.push([label(r.label, { cls: "row-label" }), ...cells]);
    }
  }
  return {
    columns,
    widths: [12, ...Array(width).fill(width === 1 ? 24 : 10)],
    head: [],
    body,
    nav,
  };
}

function applications(layout: EditionLayoutDto): GridModel {
  const cols = layout.application_columns;
  // The five 法人或其他组织 columns sit between 自然人 (first) and 总计 (last).
  const legal = cols.slice(1, cols.length - 1);
  const head: GridCell[][] = [
    [
      label(layout.applications_corner, { rowspan: 3, colspan: 3, head: true, cls: "corner" }),
      label(layout.applicants_header, { colspan: cols.length, head: true, cls: "head" }),
    ],
    [
      label(cols[0].label, { rowspan: 2, head: true, cls: "head" }),
      label(layout.legal_persons_header, { colspan: legal.length, head: true, cls: "head" }),
      label(cols[cols.length - 1].label, { rowspan: 2, head: true, cls: "head" }),
    ],
    legal.map((c) => label(c.label, { head: true, cls: "head" })),
  ];
  const rows = layout.application_rows;
  const firstResult = rows.findIndex((r) => r.place !== "top");
  const resultCount = rows.filter((r) => r.place !== "top").length;
  const body: GridCell[][] = [];
  const nav: NumberCell[][] = [];
  rows.forEach((r, i) => {
    const labels: LabelCell[] = [];
    if (r.place === "top") {
      labels.push(label(r.label, { colspan: 3, cls: "row-label" }));
    } else {
      if (i === firstResult) {
        labels.push(label(layout.results_header, { rowspan: resultCount, cls: "results" }));
      }
      if (r.place === "result") {
        labels.push(label(r.label, { colspan: 2, cls: "row-label" }));
      } else {
        const group = r.group ?? "";
        if (i === 0 || rows[i - 1].group !== group) {
          let n = 0;
          while (i + n < rows.length && rows[i + n].group === group) n++;
          labels.push(label(group, { rowspan: n, cls: "group" }));
        }
        labels.push(label(r.label, { cls: "row-label" }));
      }
    }
    const rowLabel = r.place === "result_item" ? `${r.group ?? ""}${r.label}` : r.label;
    const cells = navRow(
      nav,
      cols.map((c) => ({
        key: `applications.${r.key}.${c.key}`,
        kind: c.kind,
        total: r.is_total || c.key === "total",
        rowLabel,
        colLabel: c.label,
      })),
    );
    body.push([...labels, ...cells]);
  });
  return {
    columns: 3 + cols.length,
    widths: [2.6, 6.2, 17.5, ...cols.map(() => 5)],
    head,
    body,
    nav,
  };
}

function appeals(layout: EditionLayoutDto): GridModel {
  const [review, ...suits] = layout.appeal_groups;
  const cols = layout.appeal_columns;
  const head: GridCell[][] = [
    [
      label(review.label, { colspan: cols.length, head: true, cls: "head" }),
      label(layout.litigation_header, { colspan: cols.length * suits.length, head: true, cls: "head" }),
    ],
    [
      ...cols.map((c) => label(c.label, { rowspan: 2, head: true, cls: "head" })),
      ...suits.map((g) => label(g.label, { colspan: cols.length, head: true, cls: "head" })),
    ],
    suits.flatMap(() => cols.map((c) => label(c.label, { head: true, cls: "head" }))),
  ];
  const nav: NumberCell[][] = [];
  const cells = navRow(
    nav,
    layout.appeal_groups.flatMap((g) =>
      cols.map((c) => ({
        key: `appeals.${g.key}.${c.key}`,
        kind: c.kind,
        total: c.key === "total",
        rowLabel: g.label,
        colLabel: c.label,
      })),
    ),
  );
  const n = layout.appeal_groups.length * cols.length;
  return { columns: n, widths: Array(n).fill(4.6), head, body: [cells], nav };
}
