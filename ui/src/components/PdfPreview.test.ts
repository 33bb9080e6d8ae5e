import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { flushPromises, mount } from "@vue/test-utils";
import { nextTick, reactive } from "vue";
import PdfPreview from "./PdfPreview.vue";
import { drawingOrder } from "./preview/order";
import { backendKey, type Backend } from "../api";
import type { ReportDto } from "../bindings";
import { fakeFonts } from "../testing/fakeBackend";

// pdf.js is mocked at its module boundary: jsdom has no canvas. A "PDF" here is the bytes of a
// string like "pages:3", so each test says how many pages the backend's PDF has.
const opened: { numPages: number; destroyed: boolean; rendered: number[] }[] = [];
vi.mock("./preview/pdf", () => ({
  openPdf: vi.fn(async (bytes: ArrayBuffer) => {
    const text = new TextDecoder().decode(bytes);
    const numPages = Number(text.split(":")[1] ?? 1);
    const doc = {
      numPages,
      destroyed: false,
      rendered: [] as number[],
      async renderPage(n: number, width: number) {
        doc.rendered.push(n);
        const canvas = document.createElement("canvas");
        canvas.dataset.pdf = text;
        return { canvas, width, height: width * 1.414 };
      },
      destroy() {
        doc.destroyed = true;
      },
    };
    opened.push(doc);
    return doc;
  }),
  isCancelled: () => false,
  preloadPdf: () => {},
}));

function pdf(pages: number, tag = ""): ArrayBuffer {
  return new TextEncoder().encode(`pages:${pages}:${tag}`).buffer as ArrayBuffer;
}

function report(title = "舒城县人民政府2020年政府信息公开工作年度报告"): ReportDto {
  return { title } as unknown as ReportDto;
}

const viewerOpened = {
  sent: false,
  printer: null,
  path: "/tmp/nianbao/年度报告.pdf",
  message: "已用系统程序打开，请在其中选择“打印”。",
};

function fakeBackend(overrides: Partial<Backend> = {}): Backend {
  return {
    previewPdf: vi.fn(async () => pdf(3)),
    exportPdf: vi.fn(async () => "C:\\Users\\文员\\Documents\\年度报告.pdf"),
    printPdf: vi.fn(async () => viewerOpened),
    fontFaces: vi.fn(async () => fakeFonts()),
    setFontChoice: vi.fn(async (role: string, choice: string) => fakeFonts({ [role]: choice })),
    exportReport: vi.fn(async (_r: ReportDto, format: string) => `D:\\年报\\年度报告.${format}`),
    webPage: vi.fn(async (r: ReportDto) => `<html><body><h1>${r.title}</h1><table><tr><td>项目</td><td>29</td></tr></table></body></html>`),
    ...overrides,
  } as unknown as Backend;
}

function mountPreview(backend: Backend, props: { report?: ReportDto; hasErrors?: boolean } = {}) {
  return mount(PdfPreview, {
    props: { report: props.report ?? report(), hasErrors: props.hasErrors ?? false },
    global: { provide: { [backendKey as symbol]: backend } },
    attachTo: document.body,
  });
}

const hardFindings = {
  code: "hard_findings",
  message: "报告还有2处错误，不能导出正式版。可以先导出带“草稿”字样的草稿版。",
};

/** A promise the test resolves by hand, to finish backend calls out of order. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

beforeEach(() => {
  opened.length = 0;
});

afterEach(() => {
  vi.useRealTimers();
  document.body.innerHTML = "";
});

describe("PdfPreview: the pages", () => {
  it("asks for the PDF on mount and draws every page with its number", async () => {
    const backend = fakeBackend();
    const r = report();
    const wrapper = mountPreview(backend, { report: r });
    await nextTick();
    expect(wrapper.get("[data-testid=preview-status]").text()).toBe("正在生成预览…");
    await flushPromises();
    expect(backend.previewPdf).toHaveBeenCalledTimes(1);
    expect(backend.previewPdf).toHaveBeenCalledWith(r, "omitted");
    const pages = wrapper.findAll("[data-testid=preview-page]");
    expect(pages).toHaveLength(3);
    expect(pages.every((p) => p.find("canvas").exists())).toBe(true);
    expect(wrapper.text()).toContain("第1页/共3页");
    expect(wrapper.text()).toContain("第3页/共3页");
    expect(wrapper.get("[data-testid=preview-status]").text()).not.toContain("正在生成预览");
    expect(wrapper.find("[data-testid=preview-draft]").exists()).toBe(false);
  });

  it("asks again once, 800 ms after the last change, and shows the newest PDF", async () => {
    vi.useFakeTimers();
    const backend = fakeBackend();
    const wrapper = mountPreview(backend);
    await flushPromises();
    expect(backend.previewPdf).toHaveBeenCalledTimes(1);

    await wrapper.setProps({ report: report("第一次修改") });
    vi.advanceTimersByTime(500);
    await wrapper.setProps({ report: report("第二次修改") });
    vi.advanceTimersByTime(500);
    expect(backend.previewPdf).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(300);
    expect(backend.previewPdf).toHaveBeenCalledTimes(2);
    expect(backend.previewPdf).toHaveBeenLastCalledWith(report("第二次修改"), "omitted");
    wrapper.unmount();
  });

  it("re-asks when the report is edited in place", async () => {
    vi.useFakeTimers();
    const backend = fakeBackend();
    // The shell keeps its report reactive; the prose editor may change it in place.
    const r = reactive(report());
    const wrapper = mountPreview(backend, { report: r });
    await flushPromises();
    r.title = "改了标题";
    await flushPromises();
    vi.advanceTimersByTime(800);
    expect(backend.previewPdf).toHaveBeenCalledTimes(2);
    wrapper.unmount();
  });

  it("ignores an older answer that arrives after a newer one", async () => {
    vi.useFakeTimers();
    const first = deferred<ArrayBuffer>();
    const second = deferred<ArrayBuffer>();
    const answers = [Promise.resolve(pdf(1, "initial")), first.promise, second.promise];
    const backend = fakeBackend({ previewPdf: vi.fn(() => answers.shift()!) });
    const wrapper = mountPreview(backend);
    await flushPromises();

    await wrapper.setProps({ report: report("修改一") });
    vi.advanceTimersByTime(800);
    await wrapper.setProps({ report: report("修改二") });
    vi.advanceTimersByTime(800);
    expect(backend.previewPdf).toHaveBeenCalledTimes(3);

    second.resolve(pdf(4, "newest"));
    await flushPromises();
    first.resolve(pdf(2, "stale"));
    await flushPromises();

    const pages = wrapper.findAll("[data-testid=preview-page]");
    expect(pages).toHaveLength(4);
    expect(pages[0].get("canvas").attributes("data-pdf")).toBe("pages:4:newest");
    expect(wrapper.text()).toContain("第4页/共4页");
    // The stale PDF was never opened; the replaced one was freed.
    expect(opened.map((d) => d.numPages)).toEqual([1, 4]);
    expect(opened[0].destroyed).toBe(true);
    wrapper.unmount();
  });

  it("says the preview is a draft while the report has errors", async () => {
    const wrapper = mountPreview(fakeBackend(), { hasErrors: true });
    await flushPromises();
    expect(wrapper.get("[data-testid=preview-draft]").text()).toBe(
      "报告还有错误，预览为草稿，每页带“草稿”字样。",
    );
    await wrapper.setProps({ hasErrors: false });
    expect(wrapper.find("[data-testid=preview-draft]").exists()).toBe(false);
  });

  it("shows the backend's message when the preview fails", async () => {
    const backend = fakeBackend({
      previewPdf: vi.fn(async () => {
        throw { code: "pdf", message: "字体缺少“𠀀”字，无法生成PDF。" };
      }),
    });
    const wrapper = mountPreview(backend);
    await flushPromises();
    expect(wrapper.get("[data-testid=preview-status]").text()).toBe("字体缺少“𠀀”字，无法生成PDF。");
  });

  it("frees the PDF when it goes away", async () => {
    const wrapper = mountPreview(fakeBackend());
    await flushPromises();
    wrapper.unmount();
    expect(opened[0].destroyed).toBe(true);
  });
});

describe("PdfPreview: 审签单", () => {
  it("is left off the published copy unless chosen; the pages, export and print follow the choice", async () => {
    const backend = fakeBackend();
    const r = report();
    const wrapper = mountPreview(backend, { report: r });
    await flushPromises();
    const select = wrapper.get("[data-testid=review-sheet]");
    expect((select.element as HTMLSelectElement).value).toBe("omitted");
    await select.setValue("with_report");
    await flushPromises();
    expect(backend.previewPdf).toHaveBeenLastCalledWith(r, "with_report");
    await wrapper.get("[data-testid=export-pdf]").trigger("click");
    await flushPromises();
    expect(backend.exportPdf).toHaveBeenLastCalledWith(r, false, "with_report");
    await select.setValue("alone");
    await flushPromises();
    await wrapper.get("[data-testid=print]").trigger("click");
    await flushPromises();
    expect(backend.printPdf).toHaveBeenLastCalledWith(r, false, "alone");
  });
});

describe("PdfPreview: 导出PDF", () => {
  it("exports the final copy and says where", async () => {
    const backend = fakeBackend();
    const r = report();
    const wrapper = mountPreview(backend, { report: r });
    await flushPromises();
    await wrapper.get("[data-testid=export-pdf]").trigger("click");
    await flushPromises();
    expect(backend.exportPdf).toHaveBeenCalledWith(r, false, "omitted");
    expect(wrapper.get("[data-testid=export-result]").text()).toBe(
      "已导出到 C:\\Users\\文员\\Documents\\年度报告.pdf",
    );
    expect(wrapper.emitted("exported")).toEqual([["C:\\Users\\文员\\Documents\\年度报告.pdf"]]);
  });

  it("says nothing when the clerk cancels the save dialog", async () => {
    const backend = fakeBackend({ exportPdf: vi.fn(async () => null) });
    const wrapper = mountPreview(backend);
    await flushPromises();
    await wrapper.get("[data-testid=export-pdf]").trigger("click");
    await flushPromises();
    expect(wrapper.find("[data-testid=export-result]").exists()).toBe(false);
    expect(wrapper.find("[data-testid=output-error]").exists()).toBe(false);
    expect(wrapper.emitted("exported")).toBeUndefined();
  });

  it("offers the 草稿 copy when the final copy is refused, and exports it", async () => {
    const exportPdf = vi.fn(async (_r: ReportDto, draft: boolean) => {
      if (!draft) throw hardFindings;
      return "/home/wenyuan/年度报告（草稿）.pdf";
    });
    const backend = fakeBackend({ exportPdf });
    const r = report();
    const wrapper = mountPreview(backend, { report: r, hasErrors: true });
    await flushPromises();
    await wrapper.get("[data-testid=export-pdf]").trigger("click");
    await flushPromises();

    const dialog = wrapper.get("[role=dialog]");
    expect(dialog.text()).toContain(hardFindings.message);
    // Windows order: the confirming button first, then 取消.
    const buttons = dialog.findAll("button").map((b) => b.text());
    expect(buttons).toEqual(["导出草稿版", "取消"]);
    expect(document.activeElement).toBe(dialog.get("[data-testid=confirm]").element);

    await dialog.get("[data-testid=export-draft]").trigger("click");
    await flushPromises();
    expect(exportPdf).toHaveBeenLastCalledWith(r, true, "omitted");
    expect(wrapper.find("[role=dialog]").exists()).toBe(false);
    expect(wrapper.get("[data-testid=export-result]").text()).toBe(
      "已导出到 /home/wenyuan/年度报告（草稿）.pdf",
    );
  });

  it("取消 closes the offer without exporting", async () => {
    const backend = fakeBackend({
      exportPdf: vi.fn(async () => {
        throw hardFindings;
      }),
    });
    const wrapper = mountPreview(backend, { hasErrors: true });
    await flushPromises();
    await wrapper.get("[data-testid=export-pdf]").trigger("click");
    await flushPromises();
    await wrapper.get("[data-testid=cancel]").trigger("click");
    await flushPromises();
    expect(backend.exportPdf).toHaveBeenCalledTimes(1);
    expect(wrapper.find("[role=dialog]").exists()).toBe(false);
    expect(wrapper.find("[data-testid=export-result]").exists()).toBe(false);
    expect(document.activeElement).toBe(wrapper.get("[data-testid=export-pdf]").element);
  });

  it("Esc closes the offer too", async () => {
    const backend = fakeBackend({
      exportPdf: vi.fn(async () => {
        throw hardFindings;
      }),
    });
    const wrapper = mountPreview(backend, { hasErrors: true });
    await flushPromises();
    await wrapper.get("[data-testid=export-pdf]").trigger("click");
    await flushPromises();
    window.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape" }));
    await nextTick();
    expect(wrapper.find("[role=dialog]").exists()).toBe(false);
    expect(backend.exportPdf).toHaveBeenCalledTimes(1);
  });

  it("shows other failures as the Chinese message", async () => {
    const backend = fakeBackend({
      exportPdf: vi.fn(async () => {
        throw { code: "io", message: "无法写入文件：磁盘已满。" };
      }),
    });
    const wrapper = mountPreview(backend);
    await flushPromises();
    await wrapper.get("[data-testid=export-pdf]").trigger("click");
    await flushPromises();
    expect(wrapper.get("[data-testid=output-error]").text()).toBe("无法写入文件：磁盘已满。");
    expect(wrapper.find("[role=dialog]").exists()).toBe(false);
  });
});

describe("PdfPreview: 打印", () => {
  it("opens the PDF in the system viewer and says to print there", async () => {
    const backend = fakeBackend();
    const r = report();
    const wrapper = mountPreview(backend, { report: r });
    await flushPromises();
    await wrapper.get("[data-testid=print]").trigger("click");
    await flushPromises();
    expect(backend.printPdf).toHaveBeenCalledWith(r, false, "omitted");
    expect(wrapper.text()).toContain("已用系统程序打开，请在其中选择“打印”。");
  });

  it("offers to print the 草稿 copy when the final copy is refused", async () => {
    const printPdf = vi.fn(async (_r: ReportDto, draft: boolean) => {
      if (!draft) throw hardFindings;
      return { ...viewerOpened, path: "/tmp/nianbao/年度报告（草稿）.pdf" };
    });
    const backend = fakeBackend({ printPdf });
    const r = report();
    const wrapper = mountPreview(backend, { report: r, hasErrors: true });
    await flushPromises();
    await wrapper.get("[data-testid=print]").trigger("click");
    await flushPromises();
    const dialog = wrapper.get("[role=dialog]");
    expect(dialog.findAll("button").map((b) => b.text())).toEqual(["打印草稿版", "取消"]);
    expect(dialog.get("[data-testid=print-draft]").text()).toBe("打印草稿版");
    await dialog.get("[data-testid=confirm]").trigger("click");
    await flushPromises();
    expect(printPdf).toHaveBeenLastCalledWith(r, true, "omitted");
    expect(wrapper.text()).toContain("已用系统程序打开，请在其中选择“打印”。");
  });

  it("says which printer the PDF went to", async () => {
    const backend = fakeBackend({
      printPdf: vi.fn(async () => ({ ...viewerOpened, sent: true, printer: "办公室打印机", message: "已发送到打印机“办公室打印机”。" })),
    });
    const wrapper = mountPreview(backend);
    await flushPromises();
    await wrapper.get("[data-testid=print]").trigger("click");
    await flushPromises();
    expect(wrapper.get("[data-testid=print-result]").text()).toBe("已发送到打印机“办公室打印机”。");
  });

  it("can be started by the shell (Ctrl+P)", async () => {
    const backend = fakeBackend();
    const wrapper = mountPreview(backend);
    await flushPromises();
    await (wrapper.vm as unknown as { print(): Promise<void> }).print();
    expect(backend.printPdf).toHaveBeenCalledTimes(1);
  });
});

describe("PdfPreview: 导出 in the other formats", () => {
  it.each([
    ["export-xlsx", "xlsx", "导出Excel"],
    ["export-html", "html", "导出网页"],
    ["export-docx", "docx", "导出Word"],
    ["export-exchange", "exchange", "导出数据文件"],
  ])("%s exports the report as %s and says where", async (testid, format, label) => {
    const backend = fakeBackend();
    const r = report();
    const wrapper = mountPreview(backend, { report: r, hasErrors: true });
    await flushPromises();
    const button = wrapper.get(`[data-testid=${testid}]`);
    expect(button.text()).toBe(label);
    await button.trigger("click");
    await flushPromises();
    // The report as it stands: no final-copy rule, no 草稿 offer, even with errors.
    expect(backend.exportReport).toHaveBeenCalledExactlyOnceWith(r, format);
    expect(backend.exportPdf).not.toHaveBeenCalled();
    expect(wrapper.find("[role=dialog]").exists()).toBe(false);
    expect(wrapper.get("[data-testid=export-result]").text()).toBe(`已导出到 D:\\年报\\年度报告.${format}`);
    expect(wrapper.emitted("exported")).toEqual([[`D:\\年报\\年度报告.${format}`]]);
  });

  it("says nothing when the clerk cancels, and the backend's sentence when it fails", async () => {
    const exportReport = vi.fn(async () => null as string | null);
    const backend = fakeBackend({ exportReport });
    const wrapper = mountPreview(backend);
    await flushPromises();
    await wrapper.get("[data-testid=export-xlsx]").trigger("click");
    await flushPromises();
    expect(wrapper.find("[data-testid=export-result]").exists()).toBe(false);
    expect(wrapper.find("[data-testid=output-error]").exists()).toBe(false);

    exportReport.mockRejectedValueOnce({ code: "io", message: "无法写入“D:\\年报\\年度报告.xlsx”：文件正被Excel打开。" });
    await wrapper.get("[data-testid=export-xlsx]").trigger("click");
    await flushPromises();
    expect(wrapper.get("[data-testid=output-error]").text()).toBe("无法写入“D:\\年报\\年度报告.xlsx”：文件正被Excel打开。");
  });

  it("keeps the buttons disabled while one export runs", async () => {
    const pending = deferred<string | null>();
    const backend = fakeBackend({ exportReport: vi.fn(() => pending.promise) });
    const wrapper = mountPreview(backend);
    await flushPromises();
    await wrapper.get("[data-testid=export-docx]").trigger("click");
    expect(wrapper.get("[data-testid=export-docx]").text()).toBe("正在导出…");
    for (const id of ["export-pdf", "print", "export-xlsx", "export-html", "copy-web-page"]) {
      expect(wrapper.get(`[data-testid=${id}]`).attributes("disabled")).toBeDefined();
    }
    pending.resolve("/tmp/年度报告.docx");
    await flushPromises();
    expect(wrapper.get("[data-testid=export-docx]").text()).toBe("导出Word");
    expect(wrapper.get("[data-testid=export-xlsx]").attributes("disabled")).toBeUndefined();
  });
});

/** jsdom has no clipboard: execCommand("copy") fires a copy event whose clipboardData records
 * what the page put there, as a web view does inside a click. */
function fakeClipboard({ works = true } = {}) {
  const data: Record<string, string> = {};
  const execCommand = vi.fn((command: string) => {
    if (command !== "copy" || !works) return false;
    const event = new Event("copy", { bubbles: true, cancelable: true });
    Object.defineProperty(event, "clipboardData", {
      value: { setData: (type: string, value: string) => (data[type] = value) },
    });
    document.dispatchEvent(event);
    return true;
  });
  Object.defineProperty(document, "execCommand", { value: execCommand, configurable: true });
  return { data, execCommand };
}

describe("PdfPreview: 复制网页版", () => {
  it("puts the web page on the clipboard as HTML, with its text as plain text", async () => {
    const clipboard = fakeClipboard();
    const backend = fakeBackend();
    const r = report();
    const wrapper = mountPreview(backend, { report: r });
    await flushPromises();
    // The page was fetched with the preview, so the click copies at once.
    expect(backend.webPage).toHaveBeenCalledWith(r);
    await wrapper.get("[data-testid=copy-web-page]").trigger("click");
    expect(clipboard.execCommand).toHaveBeenCalledWith("copy");
    expect(clipboard.data["text/html"]).toBe(
      "<html><body><h1>舒城县人民政府2020年政府信息公开工作年度报告</h1><table><tr><td>项目</td><td>29</td></tr></table></body></html>",
    );
    expect(clipboard.data["text/plain"]).toBe("舒城县人民政府2020年政府信息公开工作年度报告\n项目\t29");
    await flushPromises();
    expect(wrapper.get("[data-testid=copy-result]").text()).toBe("已复制网页版，可粘贴到网站编辑器。");
    expect(backend.webPage).toHaveBeenCalledTimes(1);
  });

  it("copies the page of the report as it is now, not an older one", async () => {
    const clipboard = fakeClipboard();
    const backend = fakeBackend();
    const wrapper = mountPreview(backend);
    await flushPromises();
    await wrapper.setProps({ report: report("改过的标题") });
    await wrapper.get("[data-testid=copy-web-page]").trigger("click");
    await flushPromises();
    expect(clipboard.data["text/html"]).toContain("<h1>改过的标题</h1>");
    expect(wrapper.get("[data-testid=copy-result]").text()).toBe("已复制网页版，可粘贴到网站编辑器。");
  });

  it("says so when the web view refuses to copy", async () => {
    const clipboard = fakeClipboard({ works: false });
    const wrapper = mountPreview(fakeBackend());
    await flushPromises();
    await wrapper.get("[data-testid=copy-web-page]").trigger("click");
    await flushPromises();
    expect(clipboard.data).toEqual({});
    expect(wrapper.find("[data-testid=copy-result]").exists()).toBe(false);
    expect(wrapper.get("[data-testid=output-error]").text()).toBe("没能复制到剪贴板，请再点一次“复制网页版”。");
  });

  it("shows the backend's sentence when the page cannot be made", async () => {
    fakeClipboard();
    const webPage = vi.fn(async () => {
      throw { code: "invalid_input", message: "表三 D7：应为整数" };
    });
    const wrapper = mountPreview(fakeBackend({ webPage }));
    await flushPromises();
    await wrapper.get("[data-testid=copy-web-page]").trigger("click");
    await flushPromises();
    expect(wrapper.get("[data-testid=output-error]").text()).toBe("表三 D7：应为整数");
  });
});

describe("drawingOrder", () => {
  it("draws the page in view first, then outwards", () => {
    expect(drawingOrder(10, 0)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(drawingOrder(10, 5)).toEqual([6, 7, 5, 8, 4, 9, 3, 10, 2, 1]);
    expect(drawingOrder(3, 9)).toEqual([3, 2, 1]);
    expect(drawingOrder(0, 0)).toEqual([]);
  });
});

describe("PdfPreview: 字体", () => {
  it("shows each role's face and its source, and a choice is saved and re-renders the pages", async () => {
    const backend = fakeBackend();
    const wrapper = mountPreview(backend);
    await flushPromises();
    expect(wrapper.get("[data-testid=font-used-fang]").text()).toBe("正文：仿宋_GB2312系统字体");
    expect(wrapper.get("[data-testid=font-used-title]").text()).toBe("标题：Fandol宋体（粗）内置字体");
    const select = wrapper.get<HTMLSelectElement>("[data-testid=font-choice-fang]");
    expect(select.element.value).toBe("");
    const labels = select.findAll("option").map((o) => o.text());
    expect(labels[0]).toBe("自动：仿宋_GB2312（系统字体）");
    expect(labels).toContain("Fandol仿宋（内置字体）");
    const previews = vi.mocked(backend.previewPdf).mock.calls.length;

    await select.setValue("bundled:FandolFang-Regular.otf");
    await flushPromises();
    expect(backend.setFontChoice).toHaveBeenCalledWith("fang", "bundled:FandolFang-Regular.otf");
    expect(wrapper.get("[data-testid=font-used-fang]").text()).toBe("正文：Fandol仿宋内置字体");
    expect(vi.mocked(backend.previewPdf).mock.calls.length).toBe(previews + 1);
  });

  it("says when a chosen face has gone and which face stands in", async () => {
    const gone = fakeFonts();
    const note = "标题所选的字体“方正小标宋简体”（D:\\字体\\方正小标宋简体.ttf）已找不到或无法读取，改用Fandol宋体（粗）。";
    gone.roles[0] = { ...gone.roles[0], choice: "file:0:D:\\字体\\方正小标宋简体.ttf", note };
    const wrapper = mountPreview(fakeBackend({ fontFaces: vi.fn(async () => gone) }));
    await flushPromises();
    expect(wrapper.get(".pv-fonts-note").text()).toBe(note);
    expect(wrapper.get("[data-testid=font-used-title]").text()).toBe("标题：Fandol宋体（粗）内置字体");
  });

  it("says why a choice could not be saved", async () => {
    const backend = fakeBackend({
      setFontChoice: vi.fn(async () => {
        throw { code: "invalid_input", message: "无法读取字体文件“D:\\字体\\仿宋.ttf”" };
      }),
    });
    const wrapper = mountPreview(backend);
    await flushPromises();
    await wrapper.get("[data-testid=font-choice-fang]").setValue("bundled:FandolFang-Regular.otf");
    await flushPromises();
    expect(wrapper.get("[data-testid=fonts-error]").text()).toBe("无法读取字体文件“D:\\字体\\仿宋.ttf”");
  });
});
