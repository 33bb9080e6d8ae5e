import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { flushPromises } from "@vue/test-utils";
import ReportEditor from "./ReportEditor.vue";
import { FACTS, createFakeBackend, sampleReport } from "../testing/fakeBackend";
import { factsKey } from "../facts";
import { mount } from "@vue/test-utils";
import { backendKey } from "../api";
import { PdfPreviewStub, focusCell, mountWith } from "../testing/mount";

const KEY = { unit_name: "舒城县人民政府", year: 2020 };

async function open(backend = createFakeBackend(), props: Record<string, unknown> = {}) {
  const w = mountWith(ReportEditor, backend, { reportKey: KEY, ...props });
  await flushPromises();
  return w;
}

const saves = (b: ReturnType<typeof createFakeBackend>) => b.calls.filter((c) => c.method === "saveReport");

beforeEach(() => {
  focusCell.mockClear();
});
afterEach(() => {
  vi.useRealTimers();
  document.body.innerHTML = "";
});

describe("the editor", () => {
  it("says which report it is, its state and the tabs in order", async () => {
    const w = await open();
    expect(w.get("h1").text()).toContain("舒城县人民政府 · 2020年");
    expect(w.text()).toContain("2019年版");
    expect(w.get("[data-testid=report-status]").text()).toContain("可打印");
    expect(w.get("[data-testid=save-state]").text()).toBe("已保存");
    const tabs = w.findAll("[role=tab]").map((t) => t.attributes("data-testid"));
    expect(tabs).toEqual([
      "tab-basic",
      "tab-overview",
      "tab-proactive",
      "tab-applications",
      "tab-appeals",
      "tab-problems",
      "tab-other",
      "tab-signoff",
      "tab-output",
    ]);
    await w.get("[data-testid=tab-overview]").trigger("click");
    expect(w.get("h2").text()).toBe("一、总体情况");
  });

  it("saves once, about 600 ms after the last edit, and shows the save state", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    vi.setSystemTime(new Date(2021, 0, 20, 14, 5));
    const backend = createFakeBackend();
    const w = await open(backend);
    const title = w.get("[data-testid=report-title]");
    await title.setValue("舒城县人民政府2020年政府信息公开工作年度报告（修改）");
    await vi.advanceTimersByTimeAsync(300);
    await title.setValue("舒城县人民政府2020年政府信息公开工作年度报告（再改）");
    expect(w.get("[data-testid=save-state]").text()).toBe("正在保存…");
    await vi.advanceTimersByTimeAsync(590);
    expect(saves(backend)).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(20);
    await flushPromises();
    expect(saves(backend)).toHaveLength(1);
    expect((saves(backend)[0].args[1] as { title: string }).title).toContain("（再改）");
    expect(w.get("[data-testid=save-state]").text()).toBe("已保存 14:05");
  });

  it("Ctrl+S saves at once and shows 已保存", async () => {
    const backend = createFakeBackend();
    const w = await open(backend, { sessionOptions: { debounceMs: 60_000 } });
    await w.get("[data-testid=report-title]").setValue("新标题");
    expect(saves(backend)).toHaveLength(0);
    window.dispatchEvent(new KeyboardEvent("keydown", { key: "s", ctrlKey: true }));
    await flushPromises();
    expect(saves(backend)).toHaveLength(1);
    expect(w.get("[data-testid=save-state]").text()).toMatch(/^已保存 \d\d:\d\d$/);
  });

  it("regenerates the opening paragraph from the unit's contact, and undo brings the old one back", async () => {
    const backend = createFakeBackend();
    const w = await open(backend);
    const opening = () => (w.get("[data-testid=report-opening]").element as HTMLTextAreaElement).value;
    const before = opening();
    await w.get("[data-testid=default-opening]").trigger("click");
    await flushPromises();
    expect(backend.calls.some((c) => c.method === "defaultTexts")).toBe(true);
    expect(opening()).toContain("联系电话：0564-8680081");
    expect(opening()).not.toBe(before);
    await w.get("[data-testid=undo]").trigger("click");
    await flushPromises();
    expect(opening()).toBe(before);
  });

  it("a report imported with a wrong total offers to recompute the totals", async () => {
    const report = sampleReport();
    report.figures["applications.received.total"] = "31";
    const backend = createFakeBackend([report]);
    const w = await open(backend);
    await w.get("[data-testid=tab-applications]").trigger("click");
    await w.get("[data-testid=refill-totals]").trigger("click");
    await flushPromises();
    expect(backend.calls.find((c) => c.method === "editCells")?.args[1]).toEqual([]);
    expect(w.find("[data-testid=refill-totals]").exists()).toBe(false);
    expect(w.get("[data-testid=report-status]").text()).toContain("可打印");
  });

  it("closing the window first saves what is pending", async () => {
    const backend = createFakeBackend();
    const w = await open(backend, { sessionOptions: { debounceMs: 60_000 } });
    expect(backend.closeHooks).toHaveLength(1);
    await w.get("[data-testid=report-title]").setValue("关窗前打的标题");
    expect(saves(backend)).toHaveLength(0);
    await Promise.all(backend.closeHooks.map((hook) => hook()));
    expect(backend.reports.get(`舒城县人民政府\u00002020`)?.report.title).toBe("关窗前打的标题");
    w.unmount();
    expect(backend.closeHooks).toHaveLength(0);
  });

  it("a failed save shows the message and keeps the typing; the next save sends it", async () => {
    const backend = createFakeBackend();
    backend.failSaves = { code: "store", message: "无法写入数据文件：磁盘已满" };
    const w = await open(backend, { sessionOptions: { debounceMs: 10, retryMs: 60_000 } });
    await w.get("[data-testid=report-title]").setValue("辛苦打的标题");
    await new Promise((r) => setTimeout(r, 30));
    await flushPromises();
    expect(w.get("[data-testid=save-state]").text()).toContain("保存失败：无法写入数据文件：磁盘已满");
    expect((w.get("[data-testid=report-title]").element as HTMLInputElement).value).toBe("辛苦打的标题");
    backend.failSaves = null;
    window.dispatchEvent(new KeyboardEvent("keydown", { key: "s", ctrlKey: true }));
    await flushPromises();
    expect(backend.reports.get(`舒城县人民政府\u00002020`)?.report.title).toBe("辛苦打的标题");
    expect(w.get("[data-testid=save-state]").text()).toMatch(/^已保存/);
  });

  it("renaming the unit saves under the old key, then uses the returned key", async () => {
    const backend = createFakeBackend();
    const w = await open(backend, { sessionOptions: { debounceMs: 0 } });
    await w.get("[data-testid=unit-name]").setValue("舒城县政府");
    await new Promise((r) => setTimeout(r, 5));
    await flushPromises();
    await w.get("[data-testid=report-title]").setValue("标题");
    await new Promise((r) => setTimeout(r, 5));
    await flushPromises();
    const keys = saves(backend).map((c) => c.args[0]);
    expect(keys[0]).toEqual(KEY);
    expect(keys[keys.length - 1]).toEqual({ unit_name: "舒城县政府", year: 2020 });
    expect(w.emitted("keyChanged")?.[0]?.[0]).toEqual({ unit_name: "舒城县政府", year: 2020 });
  });

  it("undo and redo (buttons and Ctrl+Z / Ctrl+Y) go back and forth over the edits", async () => {
    const backend = createFakeBackend();
    const w = await open(backend, { sessionOptions: { coalesceMs: 0 } });
    const title = w.get("[data-testid=report-title]");
    const before = (title.element as HTMLInputElement).value;
    expect(w.get("[data-testid=undo]").attributes("disabled")).toBeDefined();
    await title.setValue("第一次");
    await title.setValue("第二次");
    await w.get("[data-testid=undo]").trigger("click");
    expect((title.element as HTMLInputElement).value).toBe("第一次");
    window.dispatchEvent(new KeyboardEvent("keydown", { key: "z", ctrlKey: true }));
    await flushPromises();
    expect((title.element as HTMLInputElement).value).toBe(before);
    await w.get("[data-testid=redo]").trigger("click");
    expect((title.element as HTMLInputElement).value).toBe("第一次");
    window.dispatchEvent(new KeyboardEvent("keydown", { key: "y", ctrlKey: true }));
    await flushPromises();
    expect((title.element as HTMLInputElement).value).toBe("第二次");
  });

  it("typing quickly is one undo step", async () => {
    const w = await open(createFakeBackend(), { sessionOptions: { coalesceMs: 10_000 } });
    const title = w.get("[data-testid=report-title]");
    const before = (title.element as HTMLInputElement).value;
    for (const t of ["舒", "舒城", "舒城县"]) await title.setValue(t);
    await w.get("[data-testid=undo]").trigger("click");
    expect((title.element as HTMLInputElement).value).toBe(before);
  });

  it("cell edits go through editCells; totals and findings come back; refused cells are named", async () => {
    const backend = createFakeBackend();
    const w = await open(backend);
    await w.get("[data-testid=tab-applications]").trigger("click");
    const grid = w.getComponent({ name: "TableGrid" });
    grid.vm.$emit("edit", [{ key: "applications.received.natural", text: "３０" }]);
    await flushPromises();
    expect(backend.calls.some((c) => c.method === "editCells")).toBe(true);
    // 30 + 1 ≠ 30 + 0: a hard error, counted on the tab and the header, cells marked
    expect(w.get("[data-testid=report-status]").text()).toContain("有2处错误");
    expect(w.get("[data-testid=tab-applications]").text()).toContain("✖2");
    expect(w.get("[data-testid=grid-applications]").attributes("data-marked")).toContain("applications.received.natural");
    const f = w.findAll("[data-testid=finding]")[0];
    expect(f.attributes("data-rule")).toBe("1");
    expect(f.attributes("data-severity")).toBe("error");

    grid.vm.$emit("edit", [{ key: "applications.granted.natural", text: "三十" }]);
    await flushPromises();
    expect(w.getComponent({ name: "TableGrid" }).props("rejected")).toEqual({ "applications.granted.natural": "只能填写数字（三十）" });
    expect(w.text()).toContain("只能填写数字（三十）");
  });

  it("clicking a finding goes to its tab and its cell", async () => {
    const report = sampleReport();
    report.figures["applications.received.natural"] = "40";
    const w = await open(createFakeBackend([report]));
    expect(w.get("[data-testid=tab-basic]").attributes("aria-selected")).toBe("true");
    await w.get("[data-testid=finding][data-rule='1']").trigger("click");
    await flushPromises();
    expect(w.get("[data-testid=tab-applications]").attributes("aria-selected")).toBe("true");
    expect(focusCell).toHaveBeenCalledWith("applications.received.natural");
  });

  it("clicking a finding about a section goes to that section", async () => {
    const report = sampleReport();
    report.sections[4].paragraphs = [];
    const w = await open(createFakeBackend([report]));
    expect(w.get("[data-testid=report-status]").text()).toContain("草稿");
    expect(w.get("[data-testid=tab-problems]").text()).toContain("⚠1");
    await w.get("[data-testid=finding][data-rule='10']").trigger("click");
    await flushPromises();
    expect(w.get("[data-testid=tab-problems]").attributes("aria-selected")).toBe("true");
  });

  it("Ctrl+P goes to 预览与导出", async () => {
    const w = await open();
    window.dispatchEvent(new KeyboardEvent("keydown", { key: "p", ctrlKey: true }));
    await flushPromises();
    expect(w.get("[data-testid=tab-output]").attributes("aria-selected")).toBe("true");
    expect(w.get("[data-testid=pdf-preview]").attributes("data-has-errors")).toBe("false");
  });

  it("leaving the editor saves what is pending first", async () => {
    const backend = createFakeBackend();
    const w = await open(backend, { sessionOptions: { debounceMs: 60_000 } });
    await w.get("[data-testid=report-title]").setValue("离开前的标题");
    await w.get("[data-testid=back-to-list]").trigger("click");
    await flushPromises();
    expect(saves(backend)).toHaveLength(1);
    expect(w.emitted("back")).toHaveLength(1);
  });

  it("the sign-off date is shown as 2021年1月20日", async () => {
    const w = await open();
    await w.get("[data-testid=tab-signoff]").trigger("click");
    expect(w.text()).toContain("2021年1月20日");
  });
});

describe("基本信息 and 落款 panes", () => {
  const value = (w: Awaited<ReturnType<typeof open>>, sel: string) => (w.get(sel).element as HTMLInputElement).value;

  it("unit fields, the sign-off and its date are edits the session undoes, one by one", async () => {
    const backend = createFakeBackend();
    const w = await open(backend, { sessionOptions: { coalesceMs: 0, debounceMs: 60_000 } });
    await w.get("[data-testid=unit-name]").setValue("舒城县政府");
    await w.get("#u-kind").setValue("department");
    await w.get("#u-parent").setValue("  六安市人民政府 ");
    await w.get("#u-parent").trigger("change");
    await w.get("[data-testid=tab-signoff]").trigger("click");
    await w.get("[data-testid=signoff-name]").setValue("舒城县政府办公室");
    await w.get("#so-y").setValue("2021");
    const [, month, day] = w.findAll(".date input");
    await day.setValue("25");
    await day.trigger("change");
    expect(w.text()).toContain("2021年1月25日");
    await w.get("[data-testid=signoff-on]").setValue(false);
    expect(w.find("[data-testid=signoff-name]").exists()).toBe(false);
    expect(month.exists()).toBe(true);

    const undo = () => w.get("[data-testid=undo]").trigger("click");
    await undo();
    expect(value(w, "[data-testid=signoff-name]")).toBe("舒城县政府办公室");
    expect(w.text()).toContain("2021年1月25日");
    await undo();
    expect(w.text()).toContain("2021年1月20日");
    expect(value(w, "#so-y + input + input")).toBe("20");
    await undo();
    expect(value(w, "[data-testid=signoff-name]")).toBe("舒城县人民政府办公室");
    await w.get("[data-testid=tab-basic]").trigger("click");
    expect(value(w, "#u-parent")).toBe("六安市人民政府");
    await undo();
    expect(value(w, "#u-parent")).toBe("");
    expect((w.get("#u-kind").element as HTMLSelectElement).value).toBe("department");
    await undo();
    expect((w.get("#u-kind").element as HTMLSelectElement).value).toBe("county_government");
    expect(value(w, "[data-testid=unit-name]")).toBe("舒城县政府");
    await undo();
    expect(value(w, "[data-testid=unit-name]")).toBe("舒城县人民政府");
    expect(w.get("[data-testid=undo]").attributes("disabled")).toBeDefined();
  });

  it("turning the sign-off on proposes the unit's name and 20 January of the next year", async () => {
    const report = sampleReport();
    report.sign_off = null;
    const w = await open(createFakeBackend([report]));
    await w.get("[data-testid=tab-signoff]").trigger("click");
    expect(w.text()).toContain("不加落款时，报告以第六部分结束。");
    await w.get("[data-testid=signoff-on]").setValue(true);
    expect(value(w, "[data-testid=signoff-name]")).toBe("舒城县人民政府");
    expect(w.text()).toContain("2021年1月");
  });

  it("a wrong date is named and not applied", async () => {
    const w = await open(createFakeBackend(), { sessionOptions: { debounceMs: 60_000 } });
    await w.get("[data-testid=tab-signoff]").trigger("click");
    const day = w.findAll(".date input")[2];
    await day.setValue("32");
    await day.trigger("change");
    expect(w.get("[data-testid=signoff-date-error]").text()).toBe("日期不对，请检查年、月、日。");
    expect(w.text()).toContain("2021年1月20日");
    expect(w.get("[data-testid=undo]").attributes("disabled")).toBeDefined();
  });

  it("a year of another edition changes the edition and its tables; undo brings both back", async () => {
    const backend = createFakeBackend();
    const w = await open(backend, { sessionOptions: { debounceMs: 60_000 } });
    const year = w.get("[data-testid=report-year]");
    await year.setValue("2021");
    await year.trigger("change");
    await flushPromises();
    expect(w.get("h1").text()).toContain("2021年");
    expect(w.text()).toContain("格式：2021年版（国办公开办函〔2021〕30号）");
    await w.get("[data-testid=undo]").trigger("click");
    await flushPromises();
    expect(w.get("h1").text()).toContain("2020年");
    expect(value(w, "[data-testid=report-year]")).toBe("2020");
    expect(w.text()).toContain("格式：2019年版（国办公开办函〔2019〕60号）");
    await year.setValue("1999");
    await year.trigger("change");
    expect(w.get("[data-testid=year-error]").text()).toBe(
      `请填写报告年度（${FACTS.first_year}至${FACTS.last_year}年），例如2021。`,
    );
    expect(w.get("h1").text()).toContain("2020年");
  });

  it("paragraph edits in a section go through the session and are undone", async () => {
    const w = await open(createFakeBackend(), { sessionOptions: { coalesceMs: 0 } });
    await w.get("[data-testid=tab-problems]").trigger("click");
    const text = () => w.findAll("[data-testid=paragraph-text]").map((t) => (t.element as HTMLTextAreaElement).value);
    await w.get("[data-testid=paragraph-add-end]").trigger("click");
    await w.findAll("[data-testid=paragraph-text]")[1].setValue("改进措施。");
    expect(text()).toEqual(["problems的内容。", "改进措施。"]);
    await w.get("[data-testid=undo]").trigger("click");
    expect(text()).toEqual(["problems的内容。", ""]);
    await w.get("[data-testid=undo]").trigger("click");
    expect(text()).toEqual(["problems的内容。"]);
  });
});

describe("fast cell typing", () => {
  it("two cell edits in a row both stay", async () => {
    const backend = createFakeBackend();
    const w = await open(backend);
    await w.get("[data-testid=tab-applications]").trigger("click");
    const grid = w.getComponent({ name: "TableGrid" });
    grid.vm.$emit("edit", [{ key: "applications.received.business", text: "2" }]);
    grid.vm.$emit("edit", [{ key: "applications.granted.business", text: "2" }]);
    await flushPromises();
    const figures = w.getComponent({ name: "TableGrid" }).props("figures") as Record<string, string>;
    expect(figures["applications.received.business"]).toBe("2");
    expect(figures["applications.granted.business"]).toBe("2");
    expect(figures["applications.handled_total.business"]).toBe("2");
  });
});

describe("the real grid in the editor", () => {
  it("a typed cell comes back from the session with its totals; undo takes it back", async () => {
    const backend = createFakeBackend();
    const w = mount(ReportEditor as never, {
      props: { reportKey: KEY, sessionOptions: { debounceMs: 60_000 } } as never,
      attachTo: document.body,
      global: {
        provide: { [backendKey as symbol]: backend, [factsKey as symbol]: FACTS },
        stubs: { PdfPreview: PdfPreviewStub },
      },
    });
    await flushPromises();
    await w.get("[data-testid=tab-applications]").trigger("click");
    const input = (key: string) => w.get(`[data-cell="${key}"] input`).element as HTMLInputElement;
    const el = input("applications.received.business");
    el.focus();
    el.dispatchEvent(new KeyboardEvent("keydown", { key: "2", bubbles: true, cancelable: true }));
    el.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true, cancelable: true }));
    await flushPromises();
    expect(input("applications.received.business").value).toBe("2");
    expect(input("applications.received.total").value).toBe("31");
    await w.get("[data-testid=undo]").trigger("click");
    await flushPromises();
    expect(input("applications.received.business").value).toBe("");
    expect(input("applications.received.total").value).toBe("29");
    w.unmount();
  });
});
