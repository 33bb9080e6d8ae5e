// Paragraph helpers: heading detection in pasted text, splitting pasted blocks.
import type { ParagraphDto } from "./bindings";

type Level = NonNullable<ParagraphDto["level"]>;

const PREFIXES: [RegExp, Level][] = [
  [/^（[一二三四五六七八九十]+）/, "sub"],
  [/^\d+[.．](?!\d)/, "item"],
  [/^（\d+）/, "sub_item"],
];

/** “（一）主动公开情况。2020年度…” → a run-in heading; “（一）主动公开情况” alone → a heading line. */
export function splitHeading(line: string): ParagraphDto {
  const text = line.trim();
  for (const [re, level] of PREFIXES) {
    if (!re.test(text)) continue;
    const stop = text.indexOf("。");
    if (stop > 0 && stop <= 40) {
      const rest = text.slice(stop + 1).trim();
      return { level, heading: text.slice(0, stop + 1), text: rest };
    }
    if (text.length <= 40) return { level, heading: text, text: "" };
  }
  return { level: null, heading: null, text };
}

/** Lines of a pasted block, without blank lines. */
export function pastedLines(text: string): string[] {
  return text
    .split(/\r\n|\r|\n|\u2029/)
    .map((l) => l.replace(/^[\s\u3000]+|[\s\u3000]+$/g, ""))
    .filter((l) => l.length > 0);
}
