import { afterEach, describe, expect, it } from "vitest";
import { flushPromises } from "@vue/test-utils";
import ReportList from "./ReportList.vue";
import { blankReport, createFakeBackend, sampleReport } from "../testing/fakeBackend";
import { mountWith } from "../testing/mount";

afterEach(() => {
  document.body.innerHTML = "";
});

function withErrors() {
  const r = blankReport({ name: "城关镇人民政府", kind: "township", parent: "舒城县人民政府", address: "", postcode: "", phone: "" }, 2021);
  r.figures["applications.received.natural"] = "5";
  r.figures["applications.received.total"] = "5";
  return r;
}

describe("报告列表", () => {
  it("shows each report with unit, year, edition and its status in words", async () => {
    const backend = createFakeBackend([sampleReport(), withErrors()]);
    const w = mountWith(ReportList, backend);
    await flushPromises();
    const rows = w.findAll("[data-testid=report-row]");
    expect(rows).toHaveLength(2);
    // newest year first
    expect(rows[0].attributes("data-unit")).toBe("城关镇人民政府");
    expect(rows[0].attributes("data-year")).toBe("2021");
    expect(rows[0].text()).toContain("2021年版");
    expect(rows[0].get("[data-testid=report-status]").text()).toContain("有2处错误");
    expect(rows[1].attributes("data-unit")).toBe("舒城县人民政府");
    expect(rows[1].text()).toContain("2019年版");
    expect(rows[1].get("[data-testid=report-status]").text()).toContain("可打印");
    expect(rows[1].text()).toMatch(/2021年1月20日 \d\d:\d\d/);
  });

  it("shows reports imported from files opened with 年报 while the list is up", async () => {
    const backend = createFakeBackend([sampleReport()]);
    const w = mountWith(ReportList, backend);
    await flushPromises();
    expect(w.findAll("[data-testid=report-row]")).toHaveLength(1);
    // The backend imported a file given on the command line, then said so.
    const other = withErrors();
    backend.reports.set(`${other.unit.name}\u0000${other.year}`, { report: other, updated_at: "2021-02-01T00:00:00Z" });
    expect(backend.importHooks).toHaveLength(1);
    backend.importHooks.forEach((h) => h());
    await flushPromises();
    expect(w.findAll("[data-testid=report-row]")).toHaveLength(2);
    w.unmount();
    expect(backend.importHooks).toHaveLength(0);
  });

  it("opens a report on click and on Enter", async () => {
    const backend = createFakeBackend();
    const w = mountWith(ReportList, backend);
    await flushPromises();
    const row = w.get("[data-testid=report-row]");
    await row.trigger("click");
    await row.trigger("keydown", { key: "Enter" });
    expect(w.emitted("open")).toEqual([[{ unit_name: "舒城县人民政府", year: 2020 }], [{ unit_name: "舒城县人民政府", year: 2020 }]]);
  });

  it("creates a report; the edition shown follows the year", async () => {
    const backend = createFakeBackend();
    const w = mountWith(ReportList, backend);
    await flushPromises();
    await w.get("[data-testid=new-report]").trigger("click");
    await w.get("[data-testid=new-unit-name]").setValue("舒城县城关镇人民政府");
    await w.get("[data-testid=new-unit-kind]").setValue("township");
    await w.get("[data-testid=new-year]").setValue("2020");
    expect(w.get("[data-testid=new-edition]").text()).toBe("2019年版");
    await w.get("[data-testid=new-year]").setValue("2021");
    expect(w.get("[data-testid=new-edition]").text()).toBe("2021年版");
    // 确定 comes before 取消
    const buttons = w.findAll(".dialog-buttons button").map((b) => b.text());
    expect(buttons).toEqual(["确定", "取消"]);
    await w.get("form").trigger("submit");
    await flushPromises();
    const created = backend.calls.filter((c) => c.method === "createReport");
    expect(created).toHaveLength(1);
    expect(created[0].args[0]).toMatchObject({ name: "舒城县城关镇人民政府", kind: "township" });
    expect(created[0].args[1]).toBe(2021);
    expect(w.emitted("open")?.[0]).toEqual([{ unit_name: "舒城县城关镇人民政府", year: 2021 }]);
  });

  it("says why a report cannot be created, and keeps the form", async () => {
    const backend = createFakeBackend();
    const w = mountWith(ReportList, backend);
    await flushPromises();
    await w.get("[data-testid=new-report]").trigger("click");
    await w.get("[data-testid=new-unit-name]").setValue("舒城县人民政府");
    await w.get("[data-testid=new-year]").setValue("2020");
    await w.get("form").trigger("submit");
    await flushPromises();
    expect(w.text()).toContain("已经存在");
    expect((w.get("[data-testid=new-unit-name]").element as HTMLInputElement).value).toBe("舒城县人民政府");
  });

  it("asks before deleting, saying what will be lost; 取消 keeps it, 确定 deletes it", async () => {
    const backend = createFakeBackend([sampleReport(), withErrors()]);
    const w = mountWith(ReportList, backend);
    await flushPromises();
    await w.findAll("[data-testid=delete-report]")[0].trigger("click");
    expect(w.text()).toContain("删除2021年报告？删除后无法恢复。");
    await w.get("[data-testid=cancel]").trigger("click");
    expect(w.find("[data-testid=confirm]").exists()).toBe(false);
    expect(backend.calls.some((c) => c.method === "deleteReport")).toBe(false);

    await w.findAll("[data-testid=delete-report]")[0].trigger("click");
    // Esc closes the dialog too
    window.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape" }));
    await flushPromises();
    expect(w.find("[data-testid=confirm]").exists()).toBe(false);

    await w.findAll("[data-testid=delete-report]")[0].trigger("click");
    await w.get("form").trigger("submit");
    await flushPromises();
    expect(w.findAll("[data-testid=report-row]").map((r) => r.attributes("data-unit"))).toEqual(["舒城县人民政府"]);
  });

  it("exports a report's data file", async () => {
    const backend = createFakeBackend();
    const w = mountWith(ReportList, backend);
    await flushPromises();
    await w.get("[data-testid=export-exchange]").trigger("click");
    await flushPromises();
    expect(w.text()).toContain("数据文件已保存到：/tmp/舒城县人民政府2020年报数据.json");
  });

  it("导入 says it takes data files or Excel workbooks, imports, and lists what came in", async () => {
    const backend = createFakeBackend([]);
    const w = mountWith(ReportList, backend);
    await flushPromises();
    expect(w.text()).toContain("或导入乡镇、部门报送的数据文件或Excel表格");
    const button = w.get("[data-testid=import-reports]");
    expect(button.text()).toBe("导入数据文件或Excel…");
    expect(button.attributes("title")).toContain("Excel工作簿（.xlsx）");

    const imported = withErrors();
    backend.importReports = async () => {
      backend.reports.set(`${imported.unit.name}\u00002021`, { report: imported, updated_at: "2021-02-01T08:00:00Z" });
      return backend.listReports();
    };
    await button.trigger("click");
    await flushPromises();
    expect(w.get("[role=status]").text()).toBe("已导入1份报告：城关镇人民政府2021年。");
    expect(w.findAll("[data-testid=report-row]").map((r) => r.attributes("data-unit"))).toEqual(["城关镇人民政府"]);
  });

  it("says which imported reports took the place of reports already in the list", async () => {
    const sample = sampleReport();
    const backend = createFakeBackend([sample]);
    const w = mountWith(ReportList, backend);
    await flushPromises();
    const township = withErrors();
    backend.importReports = async () => {
      backend.reports.set(`${township.unit.name}\u00002021`, { report: township, updated_at: "2021-02-01T08:00:00Z" });
      return backend.listReports();
    };
    await w.get("[data-testid=import-reports]").trigger("click");
    await flushPromises();
    expect(w.get("[data-testid=list-notice]").text()).toBe(
      "已导入2份报告：城关镇人民政府2021年、舒城县人民政府2020年（替换了原有的报告）。",
    );
  });

  it("shows why an import was refused, in the backend's words", async () => {
    const backend = createFakeBackend();
    backend.importReports = async () => {
      throw { code: "invalid_input", message: "“乡镇报送.xlsx”表三 D7：应为整数" };
    };
    const w = mountWith(ReportList, backend);
    await flushPromises();
    await w.get("[data-testid=import-reports]").trigger("click");
    await flushPromises();
    expect(w.get("[role=alert]").text()).toBe("“乡镇报送.xlsx”表三 D7：应为整数");
    expect(w.findAll("[data-testid=report-row]")).toHaveLength(1);
  });
});
