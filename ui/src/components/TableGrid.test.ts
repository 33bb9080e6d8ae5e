import { afterEach, describe, expect, it } from "vitest";
import { mount, type VueWrapper } from "@vue/test-utils";
import { nextTick, reactive } from "vue";
import TableGrid from "./TableGrid.vue";
import { LAYOUT_2019, LAYOUT_2021, sampleFigures } from "./grid/fixtures";
import { parseBlock } from "./grid/paste";
import type { EditionLayoutDto } from "../bindings";

type Table = "proactive" | "applications" | "appeals";

const mounted: VueWrapper[] = [];
afterEach(() => {
  while (mounted.length) mounted.pop()!.unmount();
  document.body.innerHTML = "";
});

function grid(
  table: Table,
  opts: {
    layout?: EditionLayoutDto;
    figures?: Record<string, string>;
    marked?: string[];
    rejected?: Record<string, string>;
    readonly?: boolean;
  } = {},
) {
  const w = mount(TableGrid, {
    props: {
      table,
      layout: opts.layout ?? LAYOUT_2019,
      figures: opts.figures ?? sampleFigures(),
      marked: opts.marked ?? [],
      rejected: opts.rejected ?? {},
      readonly: opts.readonly,
    },
    attachTo: document.body,
  });
  mounted.push(w);
  return w;
}

const cell = (w: VueWrapper, key: string) => w.get(`[data-cell="${key}"]`);
const input = (w: VueWrapper, key: string) => cell(w, key).get("input");
const focused = () => (document.activeElement as HTMLElement | null)?.closest("td")?.dataset.cell;
const edits = (w: VueWrapper) =>
  (w.emitted("edit") ?? []).map((e) => e[0] as { key: string; text: string }[]);

async function press(w: VueWrapper, key: string, init: KeyboardEventInit = {}) {
  const el = document.activeElement as HTMLElement;
  el.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true, ...init }));
  await nextTick();
  await w.vm.$nextTick();
}

async function paste(text: string) {
  const el = document.activeElement as HTMLElement;
  const ev = new Event("paste", { bubbles: true, cancelable: true }) as Event & {
    clipboardData: { getData: (t: string) => string };
  };
  ev.clipboardData = { getData: (t: string) => (t === "text/plain" ? text : "") };
  el.dispatchEvent(ev);
  await nextTick();
}

async function focusCell(w: VueWrapper, key: string) {
  (w.vm as unknown as { focusCell: (k: string) => void }).focusCell(key);
  await nextTick();
}

/** Text as a cell shows it, whitespace aside (the template's line breaks are CSS line breaks). */
const squash = (t: string) => t.replace(/\s+/g, "");

describe("every grid is the edition's template", () => {
  for (const layout of [LAYOUT_2019, LAYOUT_2021]) {
    for (const template of layout.tables) {
      it(`${layout.edition} ${template.label}: every label with its spans, every figure in place`, () => {
        const w = grid(template.table, { layout });
        const table = w.get(`[data-testid="grid-${template.table}"]`);
        const ths = table.findAll("th");
        const attr = (n: number) => (n > 1 ? String(n) : undefined);
        for (const c of template.cells) {
          if (c.content.type === "label") {
            const text = squash(c.content.text);
            const found = ths.filter(
              (t) =>
                squash(t.text()) === text &&
                t.attributes("rowspan") === attr(c.row_span) &&
                t.attributes("colspan") === attr(c.col_span),
            );
            expect(found.length, `${text} ${c.row_span}×${c.col_span}`).toBeGreaterThan(0);
          } else {
            const td = cell(w, c.content.key);
            expect(td.attributes("colspan")).toBe(attr(c.col_span));
            expect(td.attributes("data-total")).toBe(c.content.total ? "true" : undefined);
          }
        }
        // Header rows in <thead>, every other row in <tbody>; nothing the template lacks.
        expect(table.findAll("thead tr")).toHaveLength(template.header_rows);
        expect(table.findAll("tbody tr")).toHaveLength(template.rows - template.header_rows);
        const labels = template.cells.filter((c) => c.content.type === "label").length;
        expect(ths).toHaveLength(labels);
        const figures = template.cells.length - labels;
        expect(table.findAll("td[data-cell]")).toHaveLength(figures);
      });
    }
  }

  it("shows the figures in their cells", () => {
    const w = grid("applications");
    expect((input(w, "applications.received.natural").element as HTMLInputElement).value).toBe("29");
    expect((input(w, "applications.handled_total.total").element as HTMLInputElement).value).toBe("32");
  });

  it("2019: money carries 万元 and changes read 增/减", () => {
    const w = grid("proactive");
    expect(cell(w, "proactive.procurement.amount").text()).toContain("万元");
    expect((input(w, "proactive.licensing.change").element as HTMLInputElement).value).toBe("减3");
  });
});

describe("totals", () => {
  it("are read-only, marked 自动, and refuse typing with a notice", async () => {
    const w = grid("applications");
    const totals = w.findAll('td[data-total="true"]');
    expect(totals).toHaveLength(layoutCells(LAYOUT_2019).totals);
    for (const t of totals) {
      expect(t.get("input").attributes("readonly")).toBeDefined();
      expect(t.text()).toContain("自动");
      expect(t.attributes("title")).toContain("由程序自动合计");
    }
    expect(input(w, "applications.received.natural").attributes("readonly")).toBeUndefined();
    await focusCell(w, "applications.received.total");
    await press(w, "5");
    await press(w, "Delete");
    expect(w.emitted("edit")).toBeUndefined();
    expect(w.get('[data-testid="grid-notice"]').text()).toContain("自动合计");
  });
});

function layoutCells(layout: EditionLayoutDto) {
  const t = layout.tables.find((x) => x.table === "applications")!;
  return { totals: t.cells.filter((c) => c.content.type === "figure" && c.content.total).length };
}

describe("keyboard", () => {
  it("moves with arrows, Tab and Enter like a spreadsheet", async () => {
    const w = grid("applications");
    await focusCell(w, "applications.received.natural");
    expect(focused()).toBe("applications.received.natural");
    await press(w, "ArrowRight");
    expect(focused()).toBe("applications.received.business");
    await press(w, "ArrowDown");
    expect(focused()).toBe("applications.carried_in.business");
    await press(w, "ArrowLeft");
    await press(w, "ArrowLeft"); // stays at the edge
    expect(focused()).toBe("applications.carried_in.natural");
    await press(w, "ArrowUp");
    expect(focused()).toBe("applications.received.natural");
    await press(w, "Tab");
    expect(focused()).toBe("applications.received.business");
    await press(w, "Tab", { shiftKey: true });
    expect(focused()).toBe("applications.received.natural");
    await press(w, "Enter");
    expect(focused()).toBe("applications.carried_in.natural");
    // Tab skips the total column and wraps to the next row.
    await focusCell(w, "applications.received.other");
    await press(w, "Tab");
    expect(focused()).toBe("applications.carried_in.natural");
    // Enter skips （七）总计.
    await focusCell(w, "applications.other_handling.natural");
    await press(w, "Enter");
    expect(focused()).toBe("applications.carried_out.natural");
    // Arrows do stop on totals.
    await press(w, "ArrowUp");
    expect(focused()).toBe("applications.handled_total.natural");
    expect(w.emitted("edit")).toBeUndefined();
  });

  it("typing replaces the content and Enter commits it", async () => {
    const w = grid("applications");
    await focusCell(w, "applications.granted.natural");
    await press(w, "１");
    const el = input(w, "applications.granted.natural");
    expect((el.element as HTMLInputElement).value).toBe("１");
    await el.setValue("１２");
    await press(w, "Enter");
    expect(edits(w)).toEqual([[{ key: "applications.granted.natural", text: "１２" }]]);
    expect(focused()).toBe("applications.partial.natural");
    // The typed text stays visible until the parent's figures arrive.
    expect((el.element as HTMLInputElement).value).toBe("１２");
  });

  it("F2 keeps the content, Esc cancels, arrows leave at the text edge", async () => {
    const w = grid("applications");
    await focusCell(w, "applications.received.natural");
    await press(w, "F2");
    const el = input(w, "applications.received.natural");
    expect((el.element as HTMLInputElement).value).toBe("29");
    await el.setValue("299");
    await press(w, "Escape");
    expect((el.element as HTMLInputElement).value).toBe("29");
    expect(w.emitted("edit")).toBeUndefined();
    // Edit again; the caret sits at the end, so → commits and moves right.
    await press(w, "F2");
    await el.setValue("30");
    (el.element as HTMLInputElement).setSelectionRange(1, 1);
    await press(w, "ArrowRight"); // caret in the middle: stays
    expect(focused()).toBe("applications.received.natural");
    (el.element as HTMLInputElement).setSelectionRange(2, 2);
    await press(w, "ArrowRight");
    expect(focused()).toBe("applications.received.business");
    expect(edits(w)).toEqual([[{ key: "applications.received.natural", text: "30" }]]);
  });

  it("Tab commits and moves right; double-click edits", async () => {
    const w = grid("appeals");
    await focusCell(w, "appeals.review.upheld");
    await press(w, "3");
    await press(w, "Tab");
    expect(focused()).toBe("appeals.review.corrected");
    await cell(w, "appeals.review.corrected").trigger("dblclick");
    const el = input(w, "appeals.review.corrected");
    await el.setValue("0 1");
    await press(w, "Enter");
    expect(edits(w)).toEqual([
      [{ key: "appeals.review.upheld", text: "3" }],
      [{ key: "appeals.review.corrected", text: "0 1" }],
    ]);
  });

  it("Delete clears a cell", async () => {
    const w = grid("proactive");
    await focusCell(w, "proactive.licensing.change");
    await press(w, "Delete");
    expect(edits(w)).toEqual([[{ key: "proactive.licensing.change", text: "" }]]);
  });

  it("ignores keys while an input method is composing", async () => {
    const w = grid("applications");
    await focusCell(w, "applications.received.natural");
    await press(w, "Enter", { isComposing: true });
    await press(w, "ArrowDown", { keyCode: 229 } as KeyboardEventInit);
    expect(focused()).toBe("applications.received.natural");
    expect(w.emitted("edit")).toBeUndefined();
  });

  it("moves down table 二 between blocks of different widths", async () => {
    const w = grid("proactive", { layout: LAYOUT_2021 });
    await focusCell(w, "proactive.normative_documents.in_force");
    await press(w, "ArrowDown");
    expect(focused()).toBe("proactive.licensing.decisions");
    await press(w, "ArrowDown");
    expect(focused()).toBe("proactive.penalty.decisions");
  });

  it("does nothing in a read-only grid", async () => {
    const w = grid("applications", { readonly: true });
    await focusCell(w, "applications.received.natural");
    await press(w, "7");
    await press(w, "Delete");
    await paste("1\t2");
    expect(w.emitted("edit")).toBeUndefined();
    await press(w, "ArrowDown");
    expect(focused()).toBe("applications.carried_in.natural");
  });
});

describe("paste", () => {
  it("parses Excel blocks: CRLF, trailing newline, trailing empty cells", () => {
    expect(parseBlock("1\t2\t\r\n3\t4\r\n")).toEqual([["1", "2"], ["3", "4"]]);
    expect(parseBlock("1\t\t3\n")).toEqual([["1", "", "3"]]);
    expect(parseBlock("　29\t\"39,570\"\n")).toEqual([["29", "39,570"]]);
  });

  it("fills rightwards and downwards, skipping totals with a notice", async () => {
    const w = grid("applications");
    await focusCell(w, "applications.received.other");
    await paste("1\t2\t3\r\n4\t5\t6\r\n");
    expect(edits(w)).toEqual([
      [
        { key: "applications.received.other", text: "1" },
        { key: "applications.carried_in.other", text: "4" },
      ],
    ]);
    const notice = w.get('[data-testid="grid-notice"]').text();
    expect(notice).toContain("2个数据落在总计栏");
    expect(notice).toContain("2个数据超出表格范围");
  });

  it("a whole row of 7 from Excel fills six cells and skips 总计", async () => {
    const w = grid("applications");
    await focusCell(w, "applications.granted.natural");
    await paste("14\t1\t0\t0\t0\t0\t15\n");
    const [batch] = edits(w);
    expect(batch.map((e) => e.key)).toEqual(
      ["natural", "business", "research", "public_interest", "legal_service", "other"].map(
        (c) => `applications.granted.${c}`,
      ),
    );
  });

  it("across table 四's groups, skipping their 总计", async () => {
    const w = grid("appeals");
    await focusCell(w, "appeals.review.upheld");
    await paste("1\t2\t3\t4\t10\t5\t6\t7\t8\t26\n");
    expect(edits(w)[0].map((e) => `${e.key}=${e.text}`)).toEqual([
      "appeals.review.upheld=1",
      "appeals.review.corrected=2",
      "appeals.review.other=3",
      "appeals.review.pending=4",
      "appeals.suit_direct.upheld=5",
      "appeals.suit_direct.corrected=6",
      "appeals.suit_direct.other=7",
      "appeals.suit_direct.pending=8",
    ]);
  });

  it("asks before treating empty cells as 0: 确定", async () => {
    const w = grid("applications");
    await focusCell(w, "applications.received.natural");
    await paste("5\t\t7\n");
    expect(w.emitted("edit")).toBeUndefined();
    const dialog = w.get('[data-testid="paste-confirm"]');
    expect(dialog.text()).toContain("粘贴内容中有1个空格，是否按0填写？");
    const buttons = dialog.findAll("button");
    expect(buttons.map((b) => b.text())).toEqual(["确定", "取消"]);
    await buttons[0].trigger("click");
    expect(edits(w)).toEqual([
      [
        { key: "applications.received.natural", text: "5" },
        { key: "applications.received.business", text: "0" },
        { key: "applications.received.research", text: "7" },
      ],
    ]);
    expect(w.find('[data-testid="paste-confirm"]').exists()).toBe(false);
  });

  it("asks before treating empty cells as 0: 取消 leaves them unchanged", async () => {
    const w = grid("applications");
    await focusCell(w, "applications.received.natural");
    await paste("5\t\t7\n\t\t1");
    const dialog = w.get('[data-testid="paste-confirm"]');
    expect(dialog.text()).toContain("粘贴内容中有3个空格");
    await dialog.findAll("button")[1].trigger("click");
    expect(edits(w)).toEqual([
      [
        { key: "applications.received.natural", text: "5" },
        { key: "applications.received.research", text: "7" },
        { key: "applications.carried_in.research", text: "1" },
      ],
    ]);
  });

  it("asks before treating empty cells as 0: Esc is 取消, and the focus goes back to the cell", async () => {
    const w = grid("applications");
    await focusCell(w, "applications.received.natural");
    await paste("5\t\t7\n");
    const dialog = w.get('[data-testid="paste-confirm"]');
    expect(dialog.get("[role=dialog]").attributes("aria-modal")).toBe("true");
    expect((document.activeElement as HTMLElement).textContent?.trim()).toBe("确定");
    window.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true, cancelable: true }));
    await nextTick();
    await nextTick();
    expect(w.find('[data-testid="paste-confirm"]').exists()).toBe(false);
    expect(edits(w)).toEqual([
      [
        { key: "applications.received.natural", text: "5" },
        { key: "applications.received.research", text: "7" },
      ],
    ]);
    expect(focused()).toBe("applications.received.natural");
  });

  it("a single value pasted on a focused cell sets it", async () => {
    const w = grid("proactive");
    await focusCell(w, "proactive.procurement.amount");
    await paste("15922.04万元\r\n");
    expect(edits(w)).toEqual([[{ key: "proactive.procurement.amount", text: "15922.04万元" }]]);
  });
});

describe("marked and rejected cells", () => {
  it("marks findings with an outline and a ! badge", () => {
    const w = grid("applications", { marked: ["applications.received.natural"] });
    const c = cell(w, "applications.received.natural");
    expect(c.classes()).toContain("marked");
    const badge = c.get(".mark-badge");
    expect(badge.text()).toBe("!");
    expect(badge.attributes("title")).toBeTruthy();
    expect(cell(w, "applications.received.business").find(".mark-badge").exists()).toBe(false);
  });

  it("shows the refusal at the cell and keeps the typed text until corrected", async () => {
    const w = grid("applications");
    await focusCell(w, "applications.received.natural");
    await press(w, "a");
    await press(w, "Enter");
    expect(edits(w)).toEqual([[{ key: "applications.received.natural", text: "a" }]]);
    const message = "表三“一、本年新收政府信息公开申请数量”行“自然人”列：不能含有字母（a）";
    await w.setProps({ figures: sampleFigures(), rejected: { "applications.received.natural": message } });
    const c = cell(w, "applications.received.natural");
    expect(c.get('[data-testid="cell-message"]').text()).toBe(message);
    expect(c.classes()).toContain("rejected");
    expect(c.find(".reject-icon").exists()).toBe(true);
    expect((c.get("input").element as HTMLInputElement).value).toBe("a");
    // Corrected: the parent's figure shows again and the message goes.
    await focusCell(w, "applications.received.natural");
    await press(w, "3");
    await press(w, "Enter");
    const figures = { ...sampleFigures(), "applications.received.natural": "3" };
    await w.setProps({ figures, rejected: {} });
    expect(c.find('[data-testid="cell-message"]').exists()).toBe(false);
    expect((c.get("input").element as HTMLInputElement).value).toBe("3");
  });
});

describe("with a parent that changes rejected in place (as the session does)", () => {
  it("keeps the typed text while refused and drops it once accepted", async () => {
    const rejected = reactive<Record<string, string>>({});
    const w = grid("applications", { rejected });
    const key = "applications.granted.natural";
    await focusCell(w, key);
    await press(w, "x");
    await press(w, "Enter");
    rejected[key] = "只能填写数字（x）";
    await w.setProps({ figures: sampleFigures() });
    expect((input(w, key).element as HTMLInputElement).value).toBe("x");
    await focusCell(w, key);
    await press(w, "８");
    await press(w, "Enter");
    delete rejected[key];
    await w.setProps({ figures: { ...sampleFigures(), [key]: "8" } });
    expect((input(w, key).element as HTMLInputElement).value).toBe("8");
    expect(w.find('[data-testid="cell-message"]').exists()).toBe(false);
  });

  it("Ctrl+Z while typing in a cell stays in the cell", async () => {
    const w = grid("applications");
    const seen: string[] = [];
    const onKey = (e: KeyboardEvent) => seen.push(e.key);
    window.addEventListener("keydown", onKey);
    await focusCell(w, "applications.received.natural");
    await press(w, "z", { ctrlKey: true });
    await press(w, "5");
    await press(w, "z", { ctrlKey: true });
    window.removeEventListener("keydown", onKey);
    expect(seen).toEqual(["z", "5"]);
  });
});

describe("focusCell", () => {
  it("focuses the cell a finding names, in any table", async () => {
    const w = grid("appeals");
    await focusCell(w, "appeals.suit_after_review.total");
    expect(focused()).toBe("appeals.suit_after_review.total");
    expect(cell(w, "appeals.suit_after_review.total").classes()).toContain("active");
    const inputs = w.findAll("input");
    expect(inputs.filter((i) => i.attributes("tabindex") === "0")).toHaveLength(1);
  });
});
