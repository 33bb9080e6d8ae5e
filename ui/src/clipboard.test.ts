import { describe, expect, it } from "vitest";
import { plainTextOf } from "./clipboard";

describe("plainTextOf", () => {
  it("gives one line per heading, paragraph and table row, tabs between cells, no styles", () => {
    const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>标题</title><style>td{border:1px solid}</style></head>
<body><h1 style="text-align:center">某县2021年政府信息公开工作年度报告</h1>
<p>本报告依据……编制。</p><h2>一、总体情况</h2>
<table><tr><th rowspan="2">信息内容</th><th colspan="2">数量</th></tr><tr><td>规章</td><td>3</td></tr></table>
<p>联系电话：<br>0564-8680081</p></body></html>`;
    expect(plainTextOf(html)).toBe(
      ["某县2021年政府信息公开工作年度报告", "本报告依据……编制。", "一、总体情况", "信息内容\t数量", "规章\t3", "", "联系电话：", "0564-8680081"].join("\n"),
    );
  });
});
