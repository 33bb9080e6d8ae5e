import { afterEach, describe, expect, it } from "vitest";
import { flushPromises, mount, type VueWrapper } from "@vue/test-utils";
import ProseEditor from "./ProseEditor.vue";
import type { ParagraphDto } from "../bindings";

/** Every list the editor was given, with its text then: the editor must never change one. */
const given: { list: readonly ParagraphDto[]; json: string }[] = [];

afterEach(() => {
  for (const g of given) expect(JSON.stringify(g.list)).toBe(g.json);
  given.length = 0;
  document.body.innerHTML = "";
});

/** Mounts the editor as the session does: each `change` becomes the next `paragraphs` prop.
 * `model` follows the latest list. */
function setup(paragraphs: ParagraphDto[]) {
  const model: ParagraphDto[] = [...paragraphs];
  const changes: boolean[] = [];
  const give = (list: ParagraphDto[]) => {
    given.push({ list, json: JSON.stringify(list) });
    return list;
  };
  const w: VueWrapper = mount(ProseEditor, {
    props: {
      paragraphs: give(paragraphs),
      label: "一、总体情况",
      onChange: (next: ParagraphDto[], structural: boolean) => {
        changes.push(structural);
        model.splice(0, model.length, ...next);
        void w.setProps({ paragraphs: give(next) });
      },
    },
    attachTo: document.body,
  });
  return { model, w, changes };
}

function paste(el: Element, text: string) {
  const e = new Event("paste", { bubbles: true, cancelable: true });
  Object.defineProperty(e, "clipboardData", { value: { getData: () => text } });
  el.dispatchEvent(e);
  return e;
}

describe("ProseEditor", () => {
  it("shows one row per paragraph with its level", () => {
    const { w } = setup([
      { level: null, heading: null, text: "2020年，全县…" },
      { level: "sub", heading: "（一）主动公开情况。", text: "全年主动公开…" },
    ]);
    const rows = w.findAll("[data-testid=paragraph]");
    expect(rows).toHaveLength(2);
    expect((rows[0].get("select").element as HTMLSelectElement).value).toBe("");
    expect(rows[0].find("[data-testid=paragraph-heading]").exists()).toBe(false);
    expect((rows[1].get("select").element as HTMLSelectElement).value).toBe("sub");
    expect((rows[1].get("[data-testid=paragraph-heading]").element as HTMLInputElement).value).toBe("（一）主动公开情况。");
  });

  it("changing a paragraph to a heading takes the heading from its text, and back keeps every word", async () => {
    const { w, model } = setup([{ level: null, heading: null, text: "（一）主动公开情况。全年主动公开信息111600条。" }]);
    await w.get("[data-testid=paragraph-level]").setValue("sub");
    expect(model[0]).toEqual({ level: "sub", heading: "（一）主动公开情况。", text: "全年主动公开信息111600条。" });
    expect(w.find("[data-testid=paragraph-heading]").exists()).toBe(true);
    await w.get("[data-testid=paragraph-level]").setValue("item");
    expect(model[0].level).toBe("item");
    await w.get("[data-testid=paragraph-level]").setValue("");
    expect(model[0]).toEqual({ level: null, heading: null, text: "（一）主动公开情况。全年主动公开信息111600条。" });
  });

  it("a heading level on plain text gets an empty heading to fill in", async () => {
    const { w, model } = setup([{ level: null, heading: null, text: "正文" }]);
    await w.get("[data-testid=paragraph-level]").setValue("sub_item");
    expect(model[0]).toEqual({ level: "sub_item", heading: "", text: "正文" });
  });

  it("pasting several lines makes several paragraphs, headings recognised", async () => {
    const { w, model } = setup([{ level: null, heading: null, text: "" }]);
    const area = w.get("[data-testid=paragraph-text]").element as HTMLTextAreaElement;
    const e = paste(area, "（一）主动公开情况。全年公开111600条。\r\n\r\n围绕权责透明，全面加强用权公开。\n（二）依申请公开情况\n");
    await flushPromises();
    expect(e.defaultPrevented).toBe(true);
    expect(model).toEqual([
      { level: "sub", heading: "（一）主动公开情况。", text: "全年公开111600条。" },
      { level: null, heading: null, text: "围绕权责透明，全面加强用权公开。" },
      { level: "sub", heading: "（二）依申请公开情况", text: "" },
    ]);
    expect(w.findAll("[data-testid=paragraph]")).toHaveLength(3);
  });

  it("pasting into the middle of a paragraph keeps the text around the caret", async () => {
    const { w, model } = setup([{ level: null, heading: null, text: "前文后文" }]);
    const area = w.get("[data-testid=paragraph-text]").element as HTMLTextAreaElement;
    area.setSelectionRange(2, 2);
    paste(area, "甲\n乙");
    await flushPromises();
    expect(model.map((p) => p.text)).toEqual(["前文甲", "乙后文"]);
  });

  it("a single line pastes as usual", () => {
    const { w } = setup([{ level: null, heading: null, text: "" }]);
    const e = paste(w.get("[data-testid=paragraph-text]").element, "一行字");
    expect(e.defaultPrevented).toBe(false);
  });

  it("adds, deletes and moves paragraphs", async () => {
    const { w, model } = setup([
      { level: null, heading: null, text: "甲" },
      { level: null, heading: null, text: "乙" },
    ]);
    await w.findAll("[data-testid=paragraph-add]")[0].trigger("click");
    expect(model.map((p) => p.text)).toEqual(["甲", "", "乙"]);
    await w.findAll("[data-testid=paragraph-delete]")[1].trigger("click");
    expect(model.map((p) => p.text)).toEqual(["甲", "乙"]);
    await w.findAll("[data-testid=paragraph]")[1].findAll("button")[0].trigger("click");
    expect(model.map((p) => p.text)).toEqual(["乙", "甲"]);
  });

  it("Enter splits the paragraph at the caret, but not while an input method composes", async () => {
    const { w, model } = setup([{ level: null, heading: null, text: "第一句。第二句。" }]);
    const area = w.get("[data-testid=paragraph-text]");
    (area.element as HTMLTextAreaElement).setSelectionRange(4, 4);
    await area.trigger("keydown", { key: "Enter", isComposing: true });
    expect(model).toHaveLength(1);
    await area.trigger("keydown", { key: "Enter" });
    expect(model.map((p) => p.text)).toEqual(["第一句。", "第二句。"]);
  });
});

describe("ProseEditor, one writer", () => {
  it("typing emits a new list, not structural; the other paragraphs are the same objects", async () => {
    const { w, model, changes } = setup([
      { level: null, heading: null, text: "甲" },
      { level: "sub", heading: "（一）", text: "乙" },
    ]);
    const second = model[1];
    await w.findAll("[data-testid=paragraph-text]")[0].setValue("甲甲");
    expect(model.map((p) => p.text)).toEqual(["甲甲", "乙"]);
    expect(model[1]).toBe(second);
    await w.get("[data-testid=paragraph-heading]").setValue("（一）主动公开");
    expect(model[1]).toEqual({ level: "sub", heading: "（一）主动公开", text: "乙" });
    await w.findAll("[data-testid=paragraph-add]")[0].trigger("click");
    expect(changes).toEqual([false, false, true]);
  });

  it("changes nothing in place even when the list it is given is frozen", async () => {
    const list = Object.freeze([Object.freeze({ level: null, heading: null, text: "第一句。第二句。" })]) as unknown as ParagraphDto[];
    const { w, model } = setup(list);
    const area = w.get("[data-testid=paragraph-text]");
    (area.element as HTMLTextAreaElement).setSelectionRange(4, 4);
    await area.trigger("keydown", { key: "Enter" });
    await w.findAll("[data-testid=paragraph-level]")[1].setValue("sub");
    expect(model).toEqual([
      { level: null, heading: null, text: "第一句。" },
      { level: "sub", heading: "", text: "第二句。" },
    ]);
    expect(list[0].text).toBe("第一句。第二句。");
  });
});

describe("ProseEditor, empty section", () => {
  it("typing into an empty section makes its first paragraph", async () => {
    const { w, model } = setup([]);
    await w.get("[data-testid=paragraph-first]").setValue("2021年，本镇…");
    await flushPromises();
    expect(model).toEqual([{ level: null, heading: null, text: "2021年，本镇…" }]);
    expect(w.findAll("[data-testid=paragraph]")).toHaveLength(1);
  });

  it("pasting several lines into an empty section makes several paragraphs", async () => {
    const { w, model } = setup([]);
    paste(w.get("[data-testid=paragraph-first]").element, "（一）主动公开情况\n全年公开10条。");
    await flushPromises();
    expect(model).toEqual([
      { level: "sub", heading: "（一）主动公开情况", text: "" },
      { level: null, heading: null, text: "全年公开10条。" },
    ]);
  });
});
