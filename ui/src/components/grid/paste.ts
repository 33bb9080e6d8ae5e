// A block copied from Excel or WPS: rows separated by CRLF or LF (often with a trailing newline),
// cells by tabs, sometimes with trailing empty cells. Excel quotes a cell that holds a tab, a
// newline or a quote ("a""b"); numbers never do, but a quoted cell is unquoted all the same.
import type { NumberCell } from "./model";

const SPACES = /^[\s\u3000\u00a0]+|[\s\u3000\u00a0]+$/g;

/** The pasted block as rows of trimmed cell texts, without trailing empty cells or rows. */
export function parseBlock(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let i = 0;
  let atCellStart = true;
  while (i < text.length) {
    const ch = text[i];
    if (atCellStart && ch === '"') {
      // A quoted cell: up to the closing quote, "" being a quote.
      let j = i + 1;
      let value = "";
      let closed = false;
      while (j < text.length) {
        if (text[j] === '"') {
          if (text[j + 1] === '"') {
            value += '"';
            j += 2;
            continue;
          }
          closed = true;
          j++;
          break;
        }
        value += text[j++];
      }
      if (closed && (j >= text.length || "\t\r\n".includes(text[j]))) {
        cell = value;
        i = j;
        atCellStart = false;
        continue;
      }
    }
    atCellStart = false;
    if (ch === "\t") {
      row.push(cell);
      cell = "";
      atCellStart = true;
    } else if (ch === "\n" || ch === "\r") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      atCellStart = true;
      if (ch === "\r" && text[i + 1] === "\n") i++;
    } else {
      cell += ch;
    }
    i++;
  }
  if (!atCellStart || cell !== "" || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  const trimmed = rows.map((r) => {
    const cells = r.map((c) => c.replace(SPACES, ""));
    while (cells.length > 0 && cells[cells.length - 1] === "") cells.pop();
    return cells;
  });
  while (trimmed.length > 0 && trimmed[trimmed.length - 1].length === 0) trimmed.pop();
  return trimmed;
}

/** Whether the clipboard text is a block (more than one cell) rather than a single value. */
export function isBlock(text: string): boolean {
  const rows = parseBlock(text);
  return rows.length > 1 || (rows.length === 1 && rows[0].length > 1);
}

export interface PastePlan {
  /** Cells that get a value, in grid order. */
  filled: { key: string; text: string }[];
  /** Cells whose pasted value was empty: 0 only if the clerk confirms. */
  empty: string[];
  /** Pasted values that landed on a total cell and were skipped. */
  onTotals: number;
  /** Pasted values that fell outside the table. */
  outside: number;
}

/** Maps a pasted block onto the grid from the cell at (row, col), rightwards and downwards. */
export function planPaste(nav: NumberCell[][], row: number, col: number, block: string[][]): PastePlan {
  const plan: PastePlan = { filled: [], empty: [], onTotals: 0, outside: 0 };
  block.forEach((values, i) => {
    const target = nav[row + i];
    values.forEach((value, j) => {
      const cell = target?.[col + j];
      if (!cell) {
        if (value !== "") plan.outside++;
      } else if (cell.total) {
        if (value !== "") plan.onTotals++;
      } else if (value === "") {
        plan.empty.push(cell.key);
      } else {
        plan.filled.push({ key: cell.key, text: value });
      }
    });
  });
  return plan;
}
