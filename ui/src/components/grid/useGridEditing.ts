// A table edited like a spreadsheet: which cell is active, moving with the arrows, Tab and Enter,
// and the two modes of a cell. Moving around ("nav") the cell's text is selected, so typing — or
// an input method composing — replaces it; F2 or a double-click edits it keeping the text
// ("edit"). Commits go out through `emit`; what the clerk typed stays shown until the parent's
// figures catch up, and for as long as the parent refuses it.
import { computed, reactive, ref, watch } from "vue";
import type { CellEditDto } from "../../bindings";

/** What the keyboard needs of a number cell: its key, its place and whether it is a total. */
export interface NavCell {
  key: string;
  /** Position in the navigation grid: rows top to bottom, cells left to right. */
  row: number;
  col: number;
  /** Computed by the program, never typed. */
  total: boolean;
}

export interface GridEditingOptions<C extends NavCell> {
  /** The number cells, row by row (rows may have different lengths). */
  nav: () => C[][];
  readonly: () => boolean;
  /** The parent's figures by cell key. */
  figures: () => Record<string, string>;
  /** Cell key → why the parent refused what was typed there. */
  rejected: () => Record<string, string>;
  /** Typed, cleared or pasted cells to commit. */
  emit: (edits: CellEditDto[]) => void;
  /** The clerk tried to type into a total. */
  refuseTotal: () => void;
  /** Totals are typed like any cell (a published report read back in, taken as published). */
  typedTotals?: () => boolean;
  /** The clerk starts typing a new value into a cell. */
  onType?: () => void;
}

export function useGridEditing<C extends NavCell>(options: GridEditingOptions<C>) {
  const readonly = () => options.readonly();
  /** A cell the clerk types into: totals only when they are typed, not computed. */
  const typed = (cell: NavCell) => !cell.total || (options.typedTotals?.() ?? false);

  /** What the clerk typed last in each cell, shown until the parent's figures catch up — and kept
   * on screen while the backend refuses it, so the clerk sees what to correct. */
  const pending = reactive<Record<string, string>>({});
  function settlePending() {
    const rejected = options.rejected();
    for (const key of Object.keys(pending)) {
      if (!(key in rejected)) delete pending[key];
    }
  }
  // Deep: the parent may replace the objects or change them in place.
  watch(options.figures, settlePending, { deep: true });
  watch(options.rejected, settlePending, { deep: true });

  const active = ref<{ row: number; col: number } | null>(null);
  const mode = ref<"nav" | "edit">("nav");
  const draft = ref("");
  /** The column a vertical move aims for (table 二's rows have 1–3 cells). */
  let desiredCol = 0;

  /** Another table or edition: start afresh. */
  function reset() {
    active.value = null;
    mode.value = "nav";
  }
  watch(options.nav, reset);

  const inputs = new Map<string, HTMLInputElement>();
  /** Registers (or, with anything but an input, forgets) the input of a cell. */
  function setInput(key: string, el: unknown) {
    if (el instanceof HTMLInputElement) inputs.set(key, el);
    else inputs.delete(key);
  }

  function cellAt(row: number, col: number): C | undefined {
    return options.nav()[row]?.[col];
  }
  const activeCell = computed(() => (active.value ? cellAt(active.value.row, active.value.col) : undefined));

  function isActive(cell: C): boolean {
    return active.value?.row === cell.row && active.value.col === cell.col;
  }
  function isEditing(cell: C): boolean {
    return mode.value === "edit" && isActive(cell);
  }
  function editable(cell: C): boolean {
    return !readonly() && typed(cell);
  }
  /** The text a cell shows when not being edited. */
  function shown(cell: C): string {
    return pending[cell.key] ?? options.figures()[cell.key] ?? "";
  }
  /** One cell of the table is in the Tab order: the active one, else the first. */
  function tabIndex(cell: C): number {
    if (active.value) return isActive(cell) ? 0 : -1;
    return cell.row === 0 && cell.col === 0 ? 0 : -1;
  }
  function refuse(cell: C) {
    if (!typed(cell) && !readonly()) options.refuseTotal();
  }

  // When the active cell's figure changes under it (a paste, undo, totals refilled), keep its text
  // selected, so that typing or an input method still replaces it.
  watch(
    () => (activeCell.value ? shown(activeCell.value) : null),
    () => {
      const cell = activeCell.value;
      const el = cell && inputs.get(cell.key);
      if (el && mode.value === "nav" && document.activeElement === el) el.select();
    },
    { flush: "post" },
  );

  // ---- Focus and movement

  function focusAt(row: number, col: number, scroll = true) {
    const cell = cellAt(row, col);
    if (!cell) return;
    if (mode.value === "edit" && !isActive(cell)) commit();
    active.value = { row, col };
    mode.value = "nav";
    const el = inputs.get(cell.key);
    if (!el) return;
    if (document.activeElement !== el) el.focus({ preventScroll: !scroll });
    el.select();
    if (scroll && typeof el.scrollIntoView === "function") {
      el.scrollIntoView({ block: "nearest", inline: "nearest" });
    }
  }

  function moveBy(dr: number, dc: number) {
    if (!active.value) return;
    const { row, col } = active.value;
    if (dc !== 0) {
      const target = cellAt(row, col + dc);
      if (target) {
        desiredCol = target.col;
        focusAt(target.row, target.col);
      }
      return;
    }
    const targetRow = options.nav()[row + dr];
    if (!targetRow) return;
    focusAt(row + dr, Math.min(desiredCol, targetRow.length - 1));
  }

  /** Tab and Enter move to the next cell the clerk can type in, as Excel does on a protected sheet.
   * Returns false at the edge of the table. */
  function moveTo(step: (r: number, c: number) => [number, number] | null): boolean {
    if (!active.value) return false;
    let pos: [number, number] | null = [active.value.row, active.value.col];
    for (;;) {
      pos = step(pos[0], pos[1]);
      if (!pos) return false;
      const cell = cellAt(pos[0], pos[1]);
      if (cell && (readonly() || typed(cell))) {
        focusAt(cell.row, cell.col);
        return true;
      }
    }
  }
  function moveTab(dir: 1 | -1): boolean {
    const nav = options.nav();
    const ok = moveTo((r, c) => {
      if (cellAt(r, c + dir)) return [r, c + dir];
      const next = nav[r + dir];
      if (!next) return null;
      return [r + dir, dir === 1 ? 0 : next.length - 1];
    });
    if (ok && active.value) desiredCol = active.value.col;
    return ok;
  }
  function moveEnter(dir: 1 | -1) {
    const nav = options.nav();
    const col = desiredCol;
    moveTo((r) => {
      const next = nav[r + dir];
      return next ? [r + dir, Math.min(col, next.length - 1)] : null;
    });
    desiredCol = col;
  }

  /** Scrolls to and focuses a cell, e.g. when the clerk clicks a finding. */
  function focusCell(key: string) {
    for (const row of options.nav()) {
      const cell = row.find((c) => c.key === key);
      if (cell) {
        desiredCol = cell.col;
        focusAt(cell.row, cell.col);
        return;
      }
    }
  }

  // ---- Editing

  /** Commits cells, showing their typed text until the parent's figures arrive. */
  function edit(edits: CellEditDto[]) {
    if (edits.length === 0) return;
    for (const e of edits) pending[e.key] = e.text;
    options.emit(edits);
  }

  function startEdit(cell: C, text: string) {
    mode.value = "edit";
    draft.value = text;
    const el = inputs.get(cell.key);
    if (el) {
      el.value = text;
      el.setSelectionRange(text.length, text.length);
    }
  }

  function commit() {
    const cell = activeCell.value;
    if (mode.value !== "edit" || !cell) return;
    mode.value = "nav";
    const text = draft.value.trim();
    if (text !== shown(cell)) edit([{ key: cell.key, text }]);
  }

  /** Leaves edit mode, the cell showing its figure again. */
  function cancel() {
    const cell = activeCell.value;
    mode.value = "nav";
    if (!cell) return;
    const el = inputs.get(cell.key);
    if (el) {
      el.value = shown(cell);
      el.select();
    }
  }

  // ---- Events of a cell's input

  function onFocus(cell: C) {
    if (isActive(cell)) return;
    desiredCol = cell.col;
    focusAt(cell.row, cell.col, false);
  }

  function onBlur(cell: C) {
    if (isEditing(cell)) commit();
  }

  function onMousedown(cell: C, e: MouseEvent) {
    if (isEditing(cell)) return; // place the caret natively
    e.preventDefault();
    desiredCol = cell.col;
    focusAt(cell.row, cell.col, false);
  }

  function onDblclick(cell: C) {
    if (!editable(cell)) {
      refuse(cell);
      return;
    }
    if (!isEditing(cell)) startEdit(cell, shown(cell));
  }

  function onInput(cell: C, e: Event) {
    const value = (e.target as HTMLInputElement).value;
    if (!editable(cell)) return;
    if (!isEditing(cell)) mode.value = "edit";
    draft.value = value;
  }

  function onKeydown(cell: C, e: KeyboardEvent) {
    // An input method is composing (搜狗, 微软拼音…): its keys are its own.
    if (e.isComposing || e.keyCode === 229) {
      if (!isEditing(cell) && editable(cell)) {
        // The composed text replaces the selected content, as typing does.
        mode.value = "edit";
        draft.value = (e.target as HTMLInputElement).value;
      }
      return;
    }
    if (!isActive(cell)) onFocus(cell);
    if (isEditing(cell)) editingKey(e);
    else navKey(cell, e);
  }

  function editingKey(e: KeyboardEvent) {
    const el = e.target as HTMLInputElement;
    // Ctrl+Z / Ctrl+Y undo the typing in the cell, not the report's last edit.
    if ((e.ctrlKey || e.metaKey) && ["z", "y"].includes(e.key.toLowerCase())) {
      e.stopPropagation();
      return;
    }
    switch (e.key) {
      case "Enter":
        e.preventDefault();
        commit();
        moveEnter(e.shiftKey ? -1 : 1);
        return;
      case "Tab":
        commit();
        if (moveTab(e.shiftKey ? -1 : 1)) e.preventDefault();
        return;
      case "Escape":
        e.preventDefault();
        cancel();
        return;
      case "ArrowUp":
      case "ArrowDown":
        e.preventDefault();
        commit();
        moveBy(e.key === "ArrowUp" ? -1 : 1, 0);
        return;
      case "ArrowLeft":
      case "ArrowRight": {
        const start = el.selectionStart ?? 0;
        const end = el.selectionEnd ?? 0;
        const atEdge = start === end && (e.key === "ArrowLeft" ? start === 0 : end === el.value.length);
        if (atEdge && !e.shiftKey) {
          e.preventDefault();
          commit();
          moveBy(0, e.key === "ArrowLeft" ? -1 : 1);
        }
        return;
      }
    }
  }

  function navKey(cell: C, e: KeyboardEvent) {
    const el = e.target as HTMLInputElement;
    switch (e.key) {
      case "ArrowUp":
      case "ArrowDown":
      case "ArrowLeft":
      case "ArrowRight":
        e.preventDefault();
        moveBy(
          e.key === "ArrowUp" ? -1 : e.key === "ArrowDown" ? 1 : 0,
          e.key === "ArrowLeft" ? -1 : e.key === "ArrowRight" ? 1 : 0,
        );
        return;
      case "Tab":
        if (moveTab(e.shiftKey ? -1 : 1)) e.preventDefault();
        return;
      case "Enter":
        e.preventDefault();
        moveEnter(e.shiftKey ? -1 : 1);
        return;
      case "F2":
        e.preventDefault();
        if (editable(cell)) startEdit(cell, shown(cell));
        else refuse(cell);
        return;
      case "Delete":
      case "Backspace":
        e.preventDefault();
        if (editable(cell)) {
          if (shown(cell) !== "") edit([{ key: cell.key, text: "" }]);
          el.value = "";
        } else refuse(cell);
        return;
    }
    const plain = !e.ctrlKey && !e.metaKey && !e.altKey;
    if (plain && e.key.length === 1) {
      e.preventDefault();
      if (editable(cell)) {
        options.onType?.();
        startEdit(cell, e.key);
      } else refuse(cell);
    }
  }

  return {
    active,
    mode,
    draft,
    activeCell,
    isActive,
    isEditing,
    editable,
    shown,
    tabIndex,
    setInput,
    focusAt,
    focusCell,
    edit,
    cancel,
    reset,
    onFocus,
    onBlur,
    onMousedown,
    onDblclick,
    onInput,
    onKeydown,
  };
}
