// The keyboard and edit modes of a grid without the table around them: a few inputs in the
// document, wired to the composable as TableGrid wires its cells.
import { afterEach, describe, expect, it } from "vitest";
import { effectScope, nextTick, reactive, ref } from "vue";
import type { CellEditDto } from "../../bindings";
import { useGridEditing, type NavCell } from "./useGridEditing";

/** Rows of cells; "T" marks a total. Row 1 is shorter, as table 二's rows are. */
const SHAPE = [
  ["a", "b", "T"],
  ["c", "d"],
  ["e", "f", "T"],
];

const scopes: ReturnType<typeof effectScope>[] = [];
afterEach(() => {
  while (scopes.length) scopes.pop()!.stop();
  document.body.innerHTML = "";
});

function setup(opts: { readonly?: boolean; figures?: Record<string, string> } = {}) {
  const nav = ref<NavCell[][]>(
    SHAPE.map((row, r) => row.map((name, c) => ({ key: name === "T" ? `t${r}` : name, row: r, col: c, total: name === "T" }))),
  );
  const figures = ref<Record<string, string>>(opts.figures ?? { a: "1", b: "2", t0: "3" });
  const rejected = reactive<Record<string, string>>({});
  const emitted: CellEditDto[][] = [];
  let refused = 0;
  let typed = 0;
  const scope = effectScope();
  scopes.push(scope);
  const g = scope.run(() =>
    useGridEditing({
      nav: () => nav.value,
      readonly: () => opts.readonly ?? false,
      figures: () => figures.value,
      rejected: () => rejected,
      emit: (edits) => emitted.push(edits),
      refuseTotal: () => refused++,
      onType: () => typed++,
    }),
  )!;
  const inputs = new Map<string, HTMLInputElement>();
  for (const row of nav.value) {
    for (const cell of row) {
      const el = document.createElement("input");
      el.value = g.shown(cell);
      el.addEventListener("focus", () => g.onFocus(cell));
      el.addEventListener("blur", () => g.onBlur(cell));
      el.addEventListener("keydown", (e) => g.onKeydown(cell, e));
      el.addEventListener("input", (e) => g.onInput(cell, e));
      document.body.append(el);
      g.setInput(cell.key, el);
      inputs.set(cell.key, el);
    }
  }
  const cellOf = (key: string) => nav.value.flat().find((c) => c.key === key)!;
  /** Presses a key on the focused input; returns whether the grid took it (preventDefault). */
  const press = (key: string, init: KeyboardEventInit = {}) => {
    const e = new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true, ...init });
    document.activeElement!.dispatchEvent(e);
    return e.defaultPrevented;
  };
  /** Types into the focused input as the browser does: the value changes, then `input`. */
  const type = (value: string) => {
    const el = document.activeElement as HTMLInputElement;
    el.value = value;
    el.dispatchEvent(new Event("input"));
  };
  const at = () => g.activeCell.value?.key;
  return { g, nav, figures, rejected, emitted, inputs, cellOf, press, type, at, refused: () => refused, typed: () => typed };
}

describe("useGridEditing: moving", () => {
  it("arrows keep the aimed-for column across a shorter row and stop on totals", () => {
    const { g, press, at } = setup();
    g.focusCell("b");
    expect(at()).toBe("b");
    expect(press("ArrowRight")).toBe(true);
    expect(at()).toBe("t0");
    press("ArrowDown");
    expect(at()).toBe("d"); // row 1 has two cells
    press("ArrowDown");
    expect(at()).toBe("t2"); // back in the third column
    press("ArrowRight"); // the edge
    expect(at()).toBe("t2");
  });

  it("Tab and Enter skip totals; Tab wraps rows and lets the focus leave at the table's end", () => {
    const { g, press, at } = setup();
    g.focusCell("b");
    press("Tab");
    expect(at()).toBe("c");
    press("Tab", { shiftKey: true });
    expect(at()).toBe("b");
    g.focusCell("f");
    expect(press("Tab")).toBe(false);
    expect(at()).toBe("f");
    g.focusCell("a");
    press("Enter");
    expect(at()).toBe("c");
    press("Enter", { shiftKey: true });
    expect(at()).toBe("a");
  });

  it("only the active cell is in the Tab order", () => {
    const { g, cellOf } = setup();
    expect(g.tabIndex(cellOf("a"))).toBe(0);
    expect(g.tabIndex(cellOf("d"))).toBe(-1);
    g.focusCell("d");
    expect(g.tabIndex(cellOf("a"))).toBe(-1);
    expect(g.tabIndex(cellOf("d"))).toBe(0);
  });

  it("another table starts afresh", async () => {
    const { g, nav, at } = setup();
    g.focusCell("d");
    nav.value = [[{ key: "x", row: 0, col: 0, total: false }]];
    await nextTick();
    expect(at()).toBeUndefined();
    expect(g.mode.value).toBe("nav");
  });
});

describe("useGridEditing: edit mode", () => {
  it("a key typed in nav mode starts editing with it; Enter commits once and moves down", () => {
    const { g, press, type, emitted, at, typed } = setup();
    g.focusCell("a");
    expect(press("7")).toBe(true);
    expect(g.mode.value).toBe("edit");
    expect(g.draft.value).toBe("7");
    expect(typed()).toBe(1);
    type("75");
    press("Enter");
    expect(emitted).toEqual([[{ key: "a", text: "75" }]]);
    expect(g.mode.value).toBe("nav");
    expect(at()).toBe("c");
  });

  it("what was typed is shown until the figures catch up, and while it is refused", async () => {
    const { g, press, type, figures, rejected, cellOf } = setup();
    g.focusCell("a");
    press("F2");
    type("x");
    press("Enter");
    expect(g.shown(cellOf("a"))).toBe("x");
    rejected.a = "只能填写数字（x）";
    figures.value = { ...figures.value };
    await nextTick();
    expect(g.shown(cellOf("a"))).toBe("x");
    g.focusCell("a");
    press("F2");
    type("8");
    press("Enter");
    delete rejected.a;
    figures.value = { ...figures.value, a: "8" };
    await nextTick();
    expect(g.shown(cellOf("a"))).toBe("8");
  });

  it("F2 keeps the text; Escape gives the figure back and commits nothing", () => {
    const { g, press, type, emitted, inputs } = setup();
    g.focusCell("b");
    press("F2");
    expect(g.draft.value).toBe("2");
    type("29");
    press("Escape");
    expect(g.mode.value).toBe("nav");
    expect(inputs.get("b")!.value).toBe("2");
    expect(emitted).toEqual([]);
  });

  it("an unchanged value is not committed; leaving the cell commits a changed one", () => {
    const { g, press, type, emitted, inputs } = setup();
    g.focusCell("a");
    press("F2");
    press("Enter");
    expect(emitted).toEqual([]);
    g.focusCell("a");
    press("F2");
    type(" 4 ");
    inputs.get("a")!.blur();
    expect(emitted).toEqual([[{ key: "a", text: "4" }]]);
  });

  it("in edit mode the arrows move the caret and leave the cell only at the text's edge", () => {
    const { g, press, type, at, inputs } = setup();
    g.focusCell("a");
    press("F2");
    type("123");
    inputs.get("a")!.setSelectionRange(1, 1);
    expect(press("ArrowRight")).toBe(false);
    expect(at()).toBe("a");
    inputs.get("a")!.setSelectionRange(3, 3);
    expect(press("ArrowRight")).toBe(true);
    expect(at()).toBe("b");
  });

  it("Delete clears a cell that has a figure, and only then", () => {
    const { g, press, emitted } = setup();
    g.focusCell("a");
    press("Delete");
    g.focusCell("c");
    press("Backspace");
    expect(emitted).toEqual([[{ key: "a", text: "" }]]);
  });

  it("totals refuse typing, F2, Delete and double-click", () => {
    const { g, press, emitted, cellOf, refused } = setup();
    g.focusCell("t0");
    press("5");
    press("F2");
    press("Delete");
    g.onDblclick(cellOf("t0"));
    expect(refused()).toBe(4);
    expect(g.mode.value).toBe("nav");
    expect(emitted).toEqual([]);
  });

  it("a read-only grid moves but never edits, and Tab stops on totals too", () => {
    const { g, press, emitted, at, refused } = setup({ readonly: true });
    g.focusCell("b");
    press("7");
    press("Delete");
    expect(g.mode.value).toBe("nav");
    press("Tab");
    expect(at()).toBe("t0");
    expect(emitted).toEqual([]);
    expect(refused()).toBe(0);
  });

  it("Ctrl+Z while editing stays in the cell; in nav mode it goes on to the editor", () => {
    const { g, press } = setup();
    const seen: string[] = [];
    const onKey = (e: KeyboardEvent) => seen.push(e.key);
    window.addEventListener("keydown", onKey);
    g.focusCell("a");
    press("z", { ctrlKey: true });
    press("F2");
    press("y", { ctrlKey: true });
    window.removeEventListener("keydown", onKey);
    expect(seen).toEqual(["z", "F2"]);
  });
});

describe("useGridEditing: input methods", () => {
  it("keys that belong to a composing input method are left alone", () => {
    const { g, press, at, emitted } = setup();
    g.focusCell("a");
    expect(press("Enter", { isComposing: true })).toBe(false);
    expect(press("ArrowDown", { keyCode: 229 } as KeyboardEventInit)).toBe(false);
    expect(at()).toBe("a");
    expect(emitted).toEqual([]);
  });

  it("composing in nav mode turns the cell to edit mode with the composed text, then Enter commits it", () => {
    const { g, press, type, emitted, inputs } = setup();
    g.focusCell("b");
    inputs.get("b")!.value = "ｗ";
    press("Process", { keyCode: 229 } as KeyboardEventInit);
    expect(g.mode.value).toBe("edit");
    expect(g.draft.value).toBe("ｗ");
    type("五");
    press("Enter");
    expect(emitted).toEqual([[{ key: "b", text: "五" }]]);
  });

  it("composing on a total changes nothing", () => {
    const { g, press, emitted } = setup();
    g.focusCell("t0");
    press("Process", { keyCode: 229 } as KeyboardEventInit);
    expect(g.mode.value).toBe("nav");
    expect(emitted).toEqual([]);
  });
});
