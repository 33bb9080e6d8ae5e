import { describe, expect, it } from "vitest";
import { createFakeBackend, sampleReport } from "./testing/fakeBackend";
import { createSession } from "./session";
import type { ReportDto } from "./bindings";

const KEY = { unit_name: "舒城县人民政府", year: 2020 };

async function open(report: ReportDto = sampleReport()) {
  const backend = createFakeBackend([report]);
  const opened = await backend.openReport(KEY);
  const openedJson = JSON.stringify(opened.report);
  // Every edit its own undo step; saves only when flushed.
  const session = createSession(backend, opened, { coalesceMs: -1, debounceMs: 60_000 });
  return { backend, opened, openedJson, session };
}

const saved = (b: ReturnType<typeof createFakeBackend>) =>
  b.calls.filter((c) => c.method === "saveReport").map((c) => c.args[1] as ReportDto);

describe("the session, the one writer of the open report", () => {
  it("hands out a report that cannot be changed in place, at any depth", async () => {
    const { session } = await open();
    const r = session.report.value as ReportDto;
    expect(() => { r.title = "改"; }).toThrow(TypeError);
    expect(() => { r.unit.name = "改"; }).toThrow(TypeError);
    expect(() => { r.figures["applications.received.natural"] = "1"; }).toThrow(TypeError);
    expect(() => { r.sections[0].paragraphs.push({ level: null, heading: null, text: "" }); }).toThrow(TypeError);
    expect(() => { r.sections[0].paragraphs[0].text = "改"; }).toThrow(TypeError);
    expect(() => { r.sign_off!.date = "2021-02-01"; }).toThrow(TypeError);
    expect(session.canUndo.value).toBe(false);
  });

  it("applies each intent to a new snapshot; the opened report and earlier snapshots stay as they were", async () => {
    const { session, opened, openedJson } = await open();
    const first = session.report.value;
    const firstJson = JSON.stringify(first);
    session.setText("title", "新标题");
    session.setText("opening", "新开头。");
    session.setUnitField("phone", "0564-1234567");
    session.setUnitField("parent", "六安市人民政府");
    session.setParagraphs("problems", [{ level: null, heading: null, text: "存在的问题。" }], true);
    session.setSignOff({ name: "舒城县人民政府办公室", date: "2021-01-25" });
    await session.setYear(2020, "2019"); // the same year: nothing to do
    const r = session.report.value;
    expect(r.title).toBe("新标题");
    expect(r.opening).toBe("新开头。");
    expect(r.unit.phone).toBe("0564-1234567");
    expect(r.unit.parent).toBe("六安市人民政府");
    expect(r.sections.find((s) => s.key === "problems")?.paragraphs).toEqual([{ level: null, heading: null, text: "存在的问题。" }]);
    expect(r.sign_off?.date).toBe("2021-01-25");
    // What was not touched is shared, not copied.
    expect(r.figures).toBe(first.figures);
    expect(r.sections[0]).toBe(first.sections[0]);
    expect(JSON.stringify(first)).toBe(firstJson);
    expect(JSON.stringify(opened.report)).toBe(openedJson);
  });

  it("undo and redo cover every pane's edits, one step each", async () => {
    const { session } = await open();
    const snapshots = [JSON.stringify(session.report.value)];
    const edits = [
      () => session.setUnitField("name", "舒城县政府"),
      () => session.setUnitField("kind", "department"),
      () => session.setText("title", "标题"),
      () => session.setParagraphs("overview", [], true),
      () => session.setSignOff(null),
      () => session.setSignOff({ name: "舒城县人民政府", date: "2021-01-20" }),
      () => session.setSignOff({ name: "舒城县人民政府", date: "2021-01-21" }),
      () => session.setYear(2019, "2019"),
    ];
    for (const edit of edits) {
      await edit();
      snapshots.push(JSON.stringify(session.report.value));
    }
    expect(new Set(snapshots).size).toBe(snapshots.length);
    for (let i = snapshots.length - 2; i >= 0; i--) {
      session.undo();
      expect(JSON.stringify(session.report.value)).toBe(snapshots[i]);
    }
    expect(session.canUndo.value).toBe(false);
    for (let i = 1; i < snapshots.length; i++) {
      session.redo();
      expect(JSON.stringify(session.report.value)).toBe(snapshots[i]);
    }
    expect(session.canRedo.value).toBe(false);
  });

  it("typing close together is one undo step; a structural edit starts a new one", async () => {
    const backend = createFakeBackend();
    const opened = await backend.openReport(KEY);
    let t = 0;
    const session = createSession(backend, opened, { coalesceMs: 1000, debounceMs: 60_000, now: () => t });
    const p = (text: string) => [{ level: null, heading: null, text }];
    session.setParagraphs("problems", p("甲"));
    t += 100;
    session.setParagraphs("problems", p("甲乙"));
    t += 100;
    session.setParagraphs("problems", [...p("甲乙"), ...p("")], true);
    t += 100;
    session.setParagraphs("problems", [...p("甲乙"), ...p("丙")]);
    session.undo();
    expect(session.report.value.sections[4].paragraphs.map((x) => x.text)).toEqual(["甲乙"]);
    session.undo();
    expect(session.report.value.sections[4].paragraphs.map((x) => x.text)).toEqual(["problems的内容。"]);
  });

  it("a year that calls for another edition goes through the backend; undo brings the old edition back", async () => {
    const { session, backend } = await open();
    await session.setYear(2021, "2021");
    expect(session.report.value.year).toBe(2021);
    expect(session.report.value.edition).toBe("2021");
    expect(Object.isFrozen(session.report.value.unit)).toBe(true);
    session.undo();
    expect(session.report.value.year).toBe(2020);
    expect(session.report.value.edition).toBe("2019");
    expect(backend.calls.filter((c) => c.method === "saveReport")).toHaveLength(0);
  });

  it("the suggested title is an undo step of its own", async () => {
    const { session } = await open();
    session.setText("title", "手写的标题");
    await session.applyDefaultText("title");
    expect(session.report.value.title).toBe("舒城县人民政府2020年政府信息公开工作年度报告");
    session.undo();
    expect(session.report.value.title).toBe("手写的标题");
  });

  it("an edit that changes nothing is no step and no save", async () => {
    const { session } = await open();
    session.setText("title", session.report.value.title);
    session.setUnitField("name", "舒城县人民政府");
    expect(session.canUndo.value).toBe(false);
    expect(session.hasPendingSave()).toBe(false);
  });

  it("saves what the intents made, and undo is saved too", async () => {
    const { session, backend } = await open();
    session.setUnitField("address", "舒城县城关镇");
    await session.flush();
    session.undo();
    await session.flush();
    expect(saved(backend).map((r) => r.unit.address)).toEqual(["舒城县城关镇", "舒城县梅河路403号"]);
  });

  it("a cell edit changes only the figures, as a step of its own", async () => {
    const { session } = await open();
    session.setText("title", "标题");
    await session.editCells([{ key: "applications.received.business", text: "2" }]);
    const r = session.report.value;
    expect(r.figures["applications.received.business"]).toBe("2");
    expect(r.title).toBe("标题");
    expect(Object.isFrozen(r.figures)).toBe(true);
    session.undo();
    expect(session.report.value.figures["applications.received.business"]).toBeUndefined();
    expect(session.report.value.title).toBe("标题");
  });
});
