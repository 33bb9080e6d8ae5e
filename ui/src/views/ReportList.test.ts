import { afterEach, describe, expect, it } from "vitest";
import { flushPromises } from "@vue/test-utils";
import ReportList from "./ReportList.vue";
import { blankReport, createFakeBackend, sampleReport } from "../testing/fakeBackend";
import { mountWith } from "../testing/mount";
import type { FileImportDto } from "../bindings";

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

  it("报送文件 writes the unit's file and says where", async () => {
    const backend = createFakeBackend();
    const w = mountWith(ReportList, backend);
    await flushPromises();
    await w.get("[data-testid=send-report]").trigger("click");
    await flushPromises();
    expect(backend.calls.find((c) => c.method === "sendReport")?.args).toEqual([{ unit_name: "舒城县人民政府", year: 2020 }]);
    expect(w.get("[data-testid=list-notice]").text()).toContain("报送文件已保存到：/media/U盘/舒城县人民政府2020.nianbao.json");
  });

  it("导入 shows every file's outcome, waiting files first, and answers a conflict cell by cell", async () => {
    const backend = createFakeBackend([]);
    const w = mountWith(ReportList, backend);
    await flushPromises();
    expect(w.text()).toContain("或导入乡镇、部门的报送文件");
    const button = w.get("[data-testid=import-reports]");
    expect(button.text()).toBe("导入报告文件…");
    expect(button.attributes("title")).toContain("Excel工作簿（.xlsx）");

    const township = withErrors();
    const file = (name: string, rest: Partial<FileImportDto>): FileImportDto => ({
      path: `/u/${name}`,
      file_name: name,
      unit_name: "城关镇人民政府",
      year: 2021,
      outcome: "created",
      label: "新增",
      reason: null,
      question: null,
      hard_errors: 0,
      added_under: null,
      ...rest,
    });
    const conflict = file("城关镇2021.nianbao.json", {
      outcome: "waiting",
      label: "待确认",
      question: {
        kind: "conflict",
        changed_at: "2022-01-21T09:00:00.000",
        made_at: "2022-01-20T10:00:00.000",
        differences: [{ place: "表二“规章”行“本年制发件数”列", key: "proactive.regulations.issued", in_store: "3", in_file: "4" }],
      },
    });
    backend.importFiles = async (request) => {
      backend.calls.push({ method: "importFiles", args: [request] });
      if (request.choices.length > 0) {
        backend.reports.set(`${township.unit.name}\u00002021`, { report: township, updated_at: "2022-02-01T08:00:00Z" });
        return [file("城关镇2021.nianbao.json", { outcome: "updated", label: "已更新", hard_errors: 2 })];
      }
      return [
        file("a.json", { unit_name: "桃溪镇人民政府" }),
        file("坏.json", { unit_name: null, year: null, outcome: "refused", label: "未导入", reason: "文件不是有效的JSON：第3行第14列附近有语法错误" }),
        conflict,
      ];
    };
    await button.trigger("click");
    await flushPromises();
    const dialog = w.get("[data-testid=import-results]");
    expect(dialog.get("[data-testid=import-summary]").text()).toBe("共3个文件：新增1份，未导入1份，待确认1份。");
    const files = dialog.findAll("[data-testid=import-file]");
    expect(files.map((f) => f.attributes("data-outcome"))).toEqual(["waiting", "refused", "created"]);
    expect(files[1].get("[data-testid=import-reason]").text()).toContain("第3行第14列");
    expect(files[0].text()).toContain("库中的这份报告在2022年1月21日 09:00修改过");
    expect(files[0].get("[data-testid=import-difference]").text()).toBe("表二“规章”行“本年制发件数”列34");

    await files[0].get("[data-testid=take-file]").trigger("click");
    await flushPromises();
    const last = backend.calls.filter((c) => c.method === "importFiles").pop();
    expect(last?.args[0]).toEqual({
      paths: ["/u/城关镇2021.nianbao.json"],
      county: null,
      year: null,
      choices: [{ path: "/u/城关镇2021.nianbao.json", choice: "take_file" }],
    });
    const updated = w.get("[data-file='城关镇2021.nianbao.json']");
    expect(updated.attributes("data-outcome")).toBe("updated");
    expect(updated.text()).toContain("这份报告有2处错误");
    expect(w.findAll("[data-testid=report-row]").map((r) => r.attributes("data-unit"))).toEqual(["城关镇人民政府"]);
    await w.get("[data-testid=close-import-results]").trigger("click");
    expect(w.find("[data-testid=import-results]").exists()).toBe(false);
  });

  it("shows why an import failed altogether, in the backend's words", async () => {
    const backend = createFakeBackend();
    backend.importFiles = async () => {
      throw { code: "store", message: "数据库操作失败" };
    };
    const w = mountWith(ReportList, backend);
    await flushPromises();
    await w.get("[data-testid=import-reports]").trigger("click");
    await flushPromises();
    expect(w.get("[role=alert]").text()).toBe("数据库操作失败");
    expect(w.findAll("[data-testid=report-row]")).toHaveLength(1);
  });
});
