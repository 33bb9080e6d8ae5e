// The county's screens against the fake backend: 单位管理, 报送情况, 汇总 (drill-down, rule 11,
// progress, export), the list's toolbar (backup reminder, 恢复 with confirmation), 新建报告 with
// last year's prose.
import { afterEach, describe, expect, it } from "vitest";
import { flushPromises } from "@vue/test-utils";
import CountyReturns from "./CountyReturns.vue";
import CountySummary from "./CountySummary.vue";
import ReportList from "./ReportList.vue";
import UnitsView from "./UnitsView.vue";
import { blankReport, createFakeBackend, sampleReport, type FakeBackend } from "../testing/fakeBackend";
import { mountWith } from "../testing/mount";
import type { ReportDto } from "../bindings";

afterEach(() => {
  document.body.innerHTML = "";
});

const COUNTY = "舒城县人民政府";

function township(name: string, received: number, year = 2020): ReportDto {
  const r = blankReport({ name, kind: "township", parent: COUNTY, address: "", postcode: "", phone: "" }, year);
  for (const row of ["received", "granted", "handled_total"]) {
    r.figures[`applications.${row}.natural`] = String(received);
    r.figures[`applications.${row}.total`] = String(received);
  }
  return r;
}

function county(): FakeBackend {
  const backend = createFakeBackend([sampleReport(), township("城关镇", 5), township("干汊河镇", 7)]);
  backend.units.push(
    { name: COUNTY, kind: "county_government", parent: null, vertical: false },
    { name: "白鹤乡", kind: "township", parent: COUNTY, vertical: false },
    { name: "县税务局", kind: "department", parent: COUNTY, vertical: true },
  );
  backend.receipts.set(`城关镇\u00002020`, { file_name: "城关镇2020.nianbao.json", received_at: "2021-01-05T02:30:00Z" });
  return backend;
}

describe("单位管理", () => {
  it("shows the tree indented and adds a unit under a parent chosen from it", async () => {
    const backend = county();
    const w = mountWith(UnitsView, backend);
    await flushPromises();
    const rows = w.findAll("[data-testid=unit-row]");
    expect(rows.map((r) => [r.attributes("data-unit"), r.attributes("data-depth")])).toEqual([
      [COUNTY, "0"],
      ["县税务局", "1"],
      ["城关镇", "1"],
      ["干汊河镇", "1"],
      ["白鹤乡", "1"],
    ]);
    expect(rows[1].find("[data-testid=vertical]").exists()).toBe(true);

    await rows[0].get("[data-testid=add-child]").trigger("click");
    await w.get("[data-testid=unit-name]").setValue("晓天镇");
    await w.get("[data-testid=unit-kind]").setValue("township");
    expect((w.get("[data-testid=unit-parent]").element as HTMLSelectElement).value).toBe(COUNTY);
    await w.get("[data-testid=confirm]").trigger("submit");
    await flushPromises();
    expect(backend.calls.find((c) => c.method === "addUnit")?.args[0]).toEqual({
      name: "晓天镇",
      kind: "township",
      parent: COUNTY,
      vertical: false,
    });
    expect(w.findAll("[data-testid=unit-row]").map((r) => r.attributes("data-unit"))).toContain("晓天镇");
    expect(w.get("[data-testid=units-notice]").text()).toContain("已添加单位“晓天镇”");
  });

  it("shows the store's refusal in Chinese and keeps the dialog open", async () => {
    const backend = county();
    const w = mountWith(UnitsView, backend);
    await flushPromises();
    await w.get("[data-testid=add-unit]").trigger("click");
    await w.get("[data-testid=unit-name]").setValue("城关镇");
    await w.get("[data-testid=confirm]").trigger("submit");
    await flushPromises();
    expect(w.get("[data-testid=unit-error]").text()).toBe("单位“城关镇”已经存在");
    expect(w.find("[data-testid=unit-name]").exists()).toBe(true);
  });

  it("changes a unit's 垂直管理 flag; a unit is never offered as its own parent", async () => {
    const backend = county();
    const w = mountWith(UnitsView, backend);
    await flushPromises();
    await w.findAll("[data-testid=unit-row]")[0].get("[data-testid=edit-unit]").trigger("click");
    const options = w.findAll("[data-testid=unit-parent] option").map((o) => o.text().trim());
    expect(options).not.toContain(COUNTY);
    expect(options).not.toContain("城关镇");
    await w.get("[data-testid=unit-dialog] [data-testid=cancel]").trigger("click");
    const town = w.findAll("[data-testid=unit-row]").find((r) => r.attributes("data-unit") === "城关镇")!;
    await town.get("[data-testid=edit-unit]").trigger("click");
    await w.get("[data-testid=unit-vertical]").setValue(true);
    await w.get("[data-testid=confirm]").trigger("submit");
    await flushPromises();
    expect(backend.calls.find((c) => c.method === "updateUnit")?.args[0]).toMatchObject({ name: "城关镇", vertical: true });
    const again = w.findAll("[data-testid=unit-row]").find((r) => r.attributes("data-unit") === "城关镇")!;
    expect(again.find("[data-testid=vertical]").exists()).toBe(true);
  });
});

describe("报送情况", () => {
  it("lists the missing unit first, statuses, when files came, and opens a unit's report", async () => {
    const backend = county();
    const w = mountWith(CountyReturns, backend, { county: COUNTY, year: 2020 });
    await flushPromises();
    const today = backend.calls.find((c) => c.method === "countyReturns")!.args[2] as string;
    expect(today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const rows = w.findAll("[data-testid=return-row]");
    expect(rows.map((r) => r.attributes("data-unit"))).toEqual(["白鹤乡", COUNTY, "城关镇", "干汊河镇", "县税务局"]);
    expect(rows[0].attributes("data-received")).toBe("no");
    expect(rows[0].get("[data-testid=return-state]").text()).toContain("未报送");
    expect(rows[1].text()).toContain("（本级）");
    expect(rows[1].get("[data-testid=return-status]").text()).toContain("可打印");
    // Received as a file: shown in local time; entered by hand: —.
    expect(rows[2].get("[data-testid=return-received]").text()).toMatch(/^2021年1月5日 \d\d:30$/);
    expect(rows[3].get("[data-testid=return-received]").text()).toBe("—");
    expect(rows[4].get("[data-testid=return-state]").text()).toContain("垂直管理");
    // The deadline (1月31日 of the next year) is long past by the test machine's clock.
    expect(w.get("[data-testid=deadline]").text()).toMatch(/2021年1月31日前.*已逾期\d+天/);
    expect(w.get("[data-testid=deadline]").text()).toContain("已报送3个，共4个");
    await rows[2].get("[data-testid=open-unit-report]").trigger("click");
    expect(w.emitted("open")).toEqual([[{ unit_name: "城关镇", year: 2020 }]]);
  });

  it("导入报送文件 collects for this county and year, shows the outcomes and reads the returns again", async () => {
    const backend = county();
    backend.importFiles = async (request) => {
      backend.calls.push({ method: "importFiles", args: [request] });
      return [
        {
          path: "/u/白鹤乡2020.nianbao.json",
          file_name: "白鹤乡2020.nianbao.json",
          unit_name: "白鹤乡",
          year: 2020,
          outcome: "refused",
          label: "未导入",
          reason: "是2021年的报告，正在收集的是2020年的报告",
          question: null,
          hard_errors: 0,
          added_under: null,
        },
      ];
    };
    const w = mountWith(CountyReturns, backend, { county: COUNTY, year: 2020 });
    await flushPromises();
    await w.get("[data-testid=import-returns]").trigger("click");
    await flushPromises();
    expect(backend.calls.find((c) => c.method === "importFiles")?.args[0]).toEqual({
      paths: null,
      county: COUNTY,
      year: 2020,
      choices: [],
    });
    expect(w.get("[data-testid=import-reason]").text()).toBe("是2021年的报告，正在收集的是2020年的报告");
    expect(backend.calls.filter((c) => c.method === "countyReturns")).toHaveLength(2);

    // Files dropped on the screen are collected the same way, once the results are closed.
    await w.get("[data-testid=close-import-results]").trigger("click");
    backend.dropHooks.forEach((drop) => drop(["/u/a.nianbao.json", "/u/b.nianbao.json"]));
    await flushPromises();
    expect(backend.calls.filter((c) => c.method === "importFiles").pop()?.args[0]).toEqual({
      paths: ["/u/a.nianbao.json", "/u/b.nianbao.json"],
      county: COUNTY,
      year: 2020,
      choices: [],
    });
    w.unmount();
    expect(backend.dropHooks).toHaveLength(0);
  });
});

describe("汇总", () => {
  it("sums with progress, names the units, drills down into a cell and opens a unit at the table", async () => {
    const backend = county();
    // Hold the sum half-way, as a county of many units would be, to see the progress.
    let release = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const summarize = backend.summarizeCounty;
    backend.summarizeCounty = async (c, y, wide, onProgress) => {
      onProgress({ done: 1, total: 3 });
      await gate;
      return summarize(c, y, wide, onProgress);
    };
    const w = mountWith(CountySummary, backend, { county: COUNTY, year: 2020 });
    await flushPromises();
    expect(w.get("[data-testid=summary-running]").text()).toContain("正在汇总");
    expect(w.get("[data-testid=summary-progress]").text()).toBe("1/3个单位");
    release();
    await flushPromises();
    expect(w.find("[data-testid=summary-running]").exists()).toBe(false);
    expect(w.get("[data-testid=summed-units]").text()).toContain("计入汇总（3个）");
    expect(w.get("[data-testid=missing-units]").text()).toContain("白鹤乡");
    expect(w.get("[data-testid=vertical-units]").text()).toContain("县税务局");
    // The grid (a stub here) gets the sum; a focused cell shows what each unit gives to it.
    const grid = w.get("[data-testid=grid-applications]");
    const cell = document.createElement("td");
    cell.dataset.cell = "applications.received.natural";
    const input = document.createElement("input");
    cell.appendChild(input);
    grid.element.appendChild(cell);
    input.dispatchEvent(new FocusEvent("focusin", { bubbles: true }));
    await flushPromises();
    expect(w.get("[data-testid=drill-down] h2").text()).toContain("表三");
    expect(w.get("[data-testid=drill-total]").text()).toBe("41");
    const parts = w.findAll("[data-testid=contribution]").map((c) => c.findAll("td").map((td) => td.text()).join(" "));
    expect(parts).toEqual([`${COUNTY} 29`, "城关镇 5", "干汊河镇 7"]);
    await w.findAll("[data-testid=open-contributor]")[1].trigger("click");
    expect(w.emitted("open")).toEqual([[{ unit_name: "城关镇", year: 2020 }, "applications"]]);
  });

  it("with 全县汇总口径 the county's report is compared, not summed, and differences are shown", async () => {
    const backend = county();
    const w = mountWith(CountySummary, backend, { county: COUNTY, year: 2020 });
    await flushPromises();
    await w.get("[data-testid=county-wide]").setValue(true);
    await flushPromises();
    expect(backend.calls.filter((c) => c.method === "summarizeCounty").map((c) => c.args[2])).toEqual([false, true]);
    expect(w.get("[data-testid=summed-units]").text()).toContain("计入汇总（2个）");
    expect(w.get("[data-testid=summary-findings]").text()).toContain("全县汇总口径");
  });

  it("exports the 汇总表 PDF and the data file", async () => {
    const backend = county();
    const w = mountWith(CountySummary, backend, { county: COUNTY, year: 2020 });
    await flushPromises();
    await w.get("[data-testid=export-summary-pdf]").trigger("click");
    await flushPromises();
    expect(w.get("[data-testid=summary-notice]").text()).toContain("汇总表PDF已保存到");
    await w.get("[data-testid=export-summary-data]").trigger("click");
    await flushPromises();
    expect(backend.calls.filter((c) => c.method === "exportSummary").map((c) => c.args[3])).toEqual(["pdf", "exchange"]);
  });
});

describe("报告列表的备份与新建", () => {
  it("reminds quietly when a backup is due, and 立即备份 clears it", async () => {
    const backend = createFakeBackend();
    backend.reminder = { last_backup_at: "2020-11-01T02:00:00Z", days: 45 };
    const w = mountWith(ReportList, backend);
    await flushPromises();
    expect(w.get("[data-testid=backup-reminder]").text()).toContain("已有45天没有备份");
    await w.get("[data-testid=backup-now]").trigger("click");
    await flushPromises();
    expect(w.find("[data-testid=backup-reminder]").exists()).toBe(false);
    expect(w.get("[data-testid=tools-notice]").text()).toContain("已备份到");
  });

  it("shows no reminder when none is due", async () => {
    const w = mountWith(ReportList, createFakeBackend());
    await flushPromises();
    expect(w.find("[data-testid=backup-reminder]").exists()).toBe(false);
  });

  it("restores only after confirmation and reloads the list; a refusal is shown", async () => {
    const backend = createFakeBackend();
    backend.pickedBackup = "/media/U盘/年报数据备份.db";
    const w = mountWith(ReportList, backend);
    await flushPromises();
    await w.get("[data-testid=restore]").trigger("click");
    await flushPromises();
    expect(backend.calls.some((c) => c.method === "restoreStore")).toBe(false);
    expect(w.get("[data-testid=restore-confirm]").text()).toContain("/media/U盘/年报数据备份.db");
    const lists = backend.calls.filter((c) => c.method === "listReports").length;
    await w.get("[data-testid=restore-confirm] [data-testid=confirm]").trigger("submit");
    await flushPromises();
    expect(w.get("[data-testid=tools-notice]").text()).toContain("原来的数据已另存为");
    expect(backend.calls.filter((c) => c.method === "listReports").length).toBe(lists + 1);

    backend.pickedBackup = "/media/U盘/照片.jpg";
    await w.get("[data-testid=restore]").trigger("click");
    await flushPromises();
    await w.get("[data-testid=restore-confirm] [data-testid=confirm]").trigger("submit");
    await flushPromises();
    expect(w.get("[data-testid=tools-error]").text()).toContain("不是年报数据文件，未做任何改动");
  });

  it("新建报告 can carry last year's prose as a draft", async () => {
    const backend = createFakeBackend();
    const w = mountWith(ReportList, backend);
    await flushPromises();
    await w.get("[data-testid=new-report]").trigger("click");
    await w.get("[data-testid=new-unit-name]").setValue(COUNTY);
    await w.get("[data-testid=new-year]").setValue("2021");
    await w.get("[data-testid=new-carry-prose]").setValue(true);
    await w.get("[data-testid=confirm]").trigger("submit");
    await flushPromises();
    expect(backend.calls.find((c) => c.method === "createReport")?.args[2]).toBe(true);
    const created = backend.reports.get(`${COUNTY}\u00002021`)!.report;
    expect(created.sections[0].paragraphs[0].text).toBe("overview的内容。");
  });

  it("goes to 单位管理 and, choosing a county and year, to 报送情况", async () => {
    const backend = county();
    const w = mountWith(ReportList, backend);
    await flushPromises();
    await w.get("[data-testid=open-county]").trigger("click");
    await flushPromises();
    expect((w.get("[data-testid=pick-county]").element as HTMLSelectElement).value).toBe(COUNTY);
    await w.get("[data-testid=pick-year]").setValue("2020");
    await w.get("[data-testid=confirm]").trigger("submit");
    expect(location.hash).toBe(`#/county/${encodeURIComponent(COUNTY)}/2020/status`);
    await w.get("[data-testid=open-units]").trigger("click");
    expect(location.hash).toBe("#/units");
  });
});
