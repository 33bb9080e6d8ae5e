import { describe, expect, it } from "vitest";
import { pastedLines, splitHeading } from "./prose";

describe("prose helpers", () => {
  it("recognises run-in and standalone headings", () => {
    expect(splitHeading("（一）主动公开情况。2020年度我县…")).toEqual({ level: "sub", heading: "（一）主动公开情况。", text: "2020年度我县…" });
    expect(splitHeading("（二）依申请公开情况")).toEqual({ level: "sub", heading: "（二）依申请公开情况", text: "" });
    expect(splitHeading("1.规章。本年未制发规章。")).toEqual({ level: "item", heading: "1.规章。", text: "本年未制发规章。" });
    expect(splitHeading("（1）政策解读。")).toEqual({ level: "sub_item", heading: "（1）政策解读。", text: "" });
    expect(splitHeading("2020年，全县…")).toEqual({ level: null, heading: null, text: "2020年，全县…" });
    expect(splitHeading("15922.04万元用于采购").level).toBeNull();
  });

  it("splits a pasted block into lines without blank ones", () => {
    expect(pastedLines("第一段\r\n\r\n　　第二段\n第三段\n")).toEqual(["第一段", "第二段", "第三段"]);
  });
});
