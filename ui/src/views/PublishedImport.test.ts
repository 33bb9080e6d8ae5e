import { afterEach, describe, expect, it } from "vitest";
import { flushPromises, mount, type VueWrapper } from "@vue/test-utils";
import { nextTick } from "vue";
import PublishedImport from "./PublishedImport.vue";
import ReportList from "./ReportList.vue";
import { backendKey } from "../api";
import { factsKey } from "../facts";
import { FACTS, createFakeBackend, fakePublishedRead, type FakeBackend } from "../testing/fakeBackend";
import { mountWith } from "../testing/mount";

const MADE = "proactive.normative_documents.made";
const PUBLISHED = "proactive.normative_documents.published";

afterEach(() => {
  document.body.innerHTML = "";
});

/** The confirmation screen with the real TableGrid (its marks are what is tested). */
async function screen(backend: FakeBackend = createFakeBackend()) {
  const w = mount(PublishedImport, {
    props: { read: backend.publishedRead },
    attachTo: document.body,
    global: { provide: { [backendKey as symbol]: backend, [factsKey as symbol]: FACTS } },
  });
  await flushPromises();
  return { w, backend };
}

const cell = (w: VueWrapper, key: string) => w.get(`[data-cell="${key}"]`);
const input = (w: VueWrapper, key: string) => cell(w, key).get("input").element as HTMLInputElement;
const calls = (b: FakeBackend, method: string) => b.calls.filter((c) => c.method === method);

/** Types `text` into a cell as the clerk does: the cell, the text, Enter. */
async function fill(w: VueWrapper, key: string, text: string) {
  const el = cell(w, key).get("input");
  await el.trigger("focus");
  el.element.dispatchEvent(new KeyboardEvent("keydown", { key: text[0], bubbles: true, cancelable: true }));
  await nextTick();
  await el.setValue(text);
  el.element.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true, cancelable: true }));
  await flushPromises();
}

describe("读入已发布的报告", () => {
  it("shows the source beside what was read, the doubtful cells marked 未读准 and empty", async () => {
    const { w } = await screen();
    expect(w.get("[data-testid=published-source]").text()).toContain("3838223");
    expect(w.get("[data-testid=published-source-name]").text()).toBe("文本文件：舒城县2020年报告.txt");
    expect(w.get("[data-testid=published-unit]").text()).toContain("舒城县人民政府");
    expect(w.get("[data-testid=published-year]").text()).toBe("2020年");
    expect(w.get("[data-testid=published-edition]").text()).toBe("2019年版");
    expect(w.get("[data-testid=published-notes]").text()).toContain("连在一起");
    // Both doubtful cells: marked, labelled, shown empty (the 0 they hold was not read).
    for (const key of [MADE, PUBLISHED]) {
      expect(cell(w, key).attributes("data-doubtful")).toBe("true");
      expect(cell(w, key).text()).toContain("未读准");
      expect(input(w, key).value).toBe("");
    }
    expect(w.findAll("[data-doubtful=true]")).toHaveLength(2);
    expect(w.get("[data-testid=published-doubtful]").text()).toContain("表二“规范性文件”行“本年新制作数量”列");
    // The report's faults as published: 表三 （七）总计 31 where 30 came in (its column and its row).
    expect(w.get("[data-testid=published-status]").text()).toBe("有2处错误");
    expect(w.findAll("[data-testid=finding]").length).toBeGreaterThan(0);
    // The totals are typed as published, not computed.
    expect(cell(w, "applications.handled_total.natural").text()).not.toContain("自动");
    expect(input(w, "applications.handled_total.natural").readOnly).toBe(false);
    expect(w.findAll("[data-testid=published-section]")).toHaveLength(6);
  });

  it("refuses to save while marked cells remain, saying which", async () => {
    const { w, backend } = await screen();
    await fill(w, MADE, "38");
    await w.get("[data-testid=published-save]").trigger("click");
    await flushPromises();
    const error = w.get("[data-testid=published-error]").text();
    expect(error).toContain("还有1格未读准");
    expect(error).toContain("表二“规范性文件”行“本年新公开数量”列");
    expect(error).not.toContain("本年新制作数量");
    expect(calls(backend, "savePublished")).toHaveLength(0);
  });

  it("a corrected cell loses its mark; an emptied or refused one keeps it", async () => {
    const { w, backend } = await screen();
    await fill(w, MADE, "３８");
    expect(calls(backend, "editPublishedCells")).toHaveLength(1);
    expect(cell(w, MADE).attributes("data-doubtful")).toBeUndefined();
    expect(input(w, MADE).value).toBe("38");
    expect(cell(w, PUBLISHED).attributes("data-doubtful")).toBe("true");
    await fill(w, PUBLISHED, "三十八");
    expect(cell(w, PUBLISHED).attributes("data-doubtful")).toBe("true");
    expect(w.get("[data-testid=cell-message]").text()).toContain("只能填写数字");
    expect(w.get("[data-testid=published-doubtful]").text()).toContain("有1格未读准");
  });

  it("saves the filled report as published, asking before it replaces the unit's report", async () => {
    const { w, backend } = await screen();
    await fill(w, MADE, "38");
    await fill(w, PUBLISHED, "38");
    expect(w.find("[data-testid=published-doubtful]").exists()).toBe(false);
    expect(w.get("[data-testid=published-all-read]").text()).toContain("都已读出");
    await w.get("[data-testid=published-save]").trigger("click");
    await flushPromises();
    // The store has 舒城县人民政府 2020: asked first, nothing replaced yet.
    expect(w.get("[data-testid=replace-text]").text()).toBe("“舒城县人民政府”2020年的报告已经存在。");
    expect(calls(backend, "savePublished").map((c) => c.args[3])).toEqual([false]);
    expect(w.emitted("saved")).toBeUndefined();
    await w.get("[data-testid=confirm]").trigger("click");
    await flushPromises();
    expect(calls(backend, "savePublished").map((c) => c.args[3])).toEqual([false, true]);
    const stored = backend.reports.get("舒城县人民政府\u00002020")!.report;
    expect(stored.figures[MADE]).toBe("38");
    expect(stored.figures["applications.handled_total.natural"]).toBe("31");
    const [key, message] = w.emitted("saved")![0] as [unknown, string];
    expect(key).toEqual({ unit_name: "舒城县人民政府", year: 2020 });
    expect(message).toBe("已读入“舒城县人民政府”2020年报告（按原样保存，有2处错误）。");
  });

  it("取消 leaves the store as it was", async () => {
    const { w, backend } = await screen();
    const before = JSON.stringify([...backend.reports.values()].map((r) => r.report));
    await fill(w, MADE, "38");
    await w.get("[data-testid=published-cancel]").trigger("click");
    // A cell was corrected: asked first; 继续核对 stays.
    expect(w.get("[data-testid=cancel-text]").text()).toContain("不会保存");
    expect(w.emitted("cancel")).toBeUndefined();
    await w.get("[data-testid=cancel]").trigger("click");
    expect(w.find("[data-testid=cancel-text]").exists()).toBe(false);
    expect(w.emitted("cancel")).toBeUndefined();
    await w.get("[data-testid=published-cancel]").trigger("click");
    await w.get("[data-testid=confirm]").trigger("click");
    expect(w.emitted("cancel")).toHaveLength(1);
    expect(calls(backend, "savePublished")).toHaveLength(0);
    expect(JSON.stringify([...backend.reports.values()].map((r) => r.report))).toBe(before);
  });
});

describe("报告列表: a published report dropped or pasted", () => {
  async function list() {
    const backend = createFakeBackend();
    const w = mountWith(ReportList, backend);
    await flushPromises();
    return { w, backend };
  }

  function paste(target: EventTarget, data: Record<string, string>) {
    const ev = new Event("paste", { bubbles: true, cancelable: true }) as Event & {
      clipboardData: { getData: (t: string) => string };
    };
    ev.clipboardData = { getData: (t: string) => data[t] ?? "" };
    target.dispatchEvent(ev);
    return ev;
  }

  it("one dropped Word file is read and handed on for confirmation", async () => {
    const { w, backend } = await list();
    expect(backend.dropHooks).toHaveLength(1);
    backend.dropHooks[0](["/home/clerk/舒城县2020年报告.docx"]);
    await flushPromises();
    expect(calls(backend, "readPublishedFile")[0].args).toEqual(["/home/clerk/舒城县2020年报告.docx"]);
    const read = w.emitted("published")![0][0] as ReturnType<typeof fakePublishedRead>;
    expect(read.source_name).toBe("舒城县2020年报告.docx");
    w.unmount();
    expect(backend.dropHooks).toHaveLength(0);
  });

  it("data files, several reports and unknown files go to the import, an outcome per file", async () => {
    const { w, backend } = await list();
    for (const paths of [["/tmp/城关镇_2021.nianbao.json"], ["/tmp/a.docx", "/tmp/b.txt"], ["/tmp/报告.doc"]]) {
      backend.dropHooks[0](paths);
      await flushPromises();
    }
    expect(calls(backend, "importFiles").map((c) => (c.args[0] as { paths: string[] }).paths)).toEqual([
      ["/tmp/城关镇_2021.nianbao.json"],
      ["/tmp/a.docx", "/tmp/b.txt"],
      ["/tmp/报告.doc"],
    ]);
    expect(calls(backend, "readPublishedFile")).toHaveLength(0);
    expect(w.emitted("published")).toBeUndefined();
  });

  it("Ctrl+V on the list reads the clipboard's page and text; a paste into a field is left alone", async () => {
    const { w, backend } = await list();
    const ev = paste(document.body, { "text/plain": "某县2020年政府信息公开工作年度报告", "text/html": "<p>某县2020年政府信息公开工作年度报告</p>" });
    expect(ev.defaultPrevented).toBe(true);
    await flushPromises();
    expect(calls(backend, "readPublishedPaste")[0].args).toEqual([
      "某县2020年政府信息公开工作年度报告",
      "<p>某县2020年政府信息公开工作年度报告</p>",
    ]);
    expect(w.emitted("published")).toHaveLength(1);

    // Not a report: the list says why.
    paste(document.body, { "text/plain": "今天天气很好" });
    await flushPromises();
    expect(calls(backend, "readPublishedPaste")[1].args).toEqual(["今天天气很好", null]);
    expect(w.get("[data-testid=list-error]").text()).toContain("不像一份政府信息公开工作年度报告");

    // Typing a unit's name in 新建报告: the paste is the field's.
    await w.get("[data-testid=new-report]").trigger("click");
    const field = w.get("[data-testid=new-unit-name]").element;
    expect(paste(field, { "text/plain": "某县2020年政府信息公开工作年度报告" }).defaultPrevented).toBe(false);
    await flushPromises();
    expect(calls(backend, "readPublishedPaste")).toHaveLength(2);
  });

  it("Ctrl+V with nothing focused sends the paste to the hidden catcher", async () => {
    await list();
    (document.activeElement as HTMLElement | null)?.blur();
    window.dispatchEvent(new KeyboardEvent("keydown", { key: "v", ctrlKey: true }));
    expect((document.activeElement as HTMLElement).dataset.testid).toBe("paste-catcher");
  });
});
