// Words a clerk reads: statuses, editions, dates. (Unit kinds' labels come from Rust: facts.ts.)
import type { ReportStatus } from "./bindings";

export function editionLabel(edition: string): string {
  return `${edition}年版`;
}

export function statusLabel(status: ReportStatus, errors: number): string {
  switch (status) {
    case "has_errors":
      return `有${errors}处错误`;
    case "draft":
      return "草稿";
    case "printable":
      return "可打印";
  }
}

/** 2021-01-20 → 2021年1月20日; anything else is shown as it is. */
export function chineseDate(iso: string): string {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(iso);
  if (!m) return iso;
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

/** A store timestamp (ISO or "YYYY-MM-DD HH:MM:SS", UTC or local) as 2021年1月20日 14:05. */
export function chineseDateTime(stamp: string): string {
  if (!stamp) return "";
  const isoish = stamp.includes("T") ? stamp : stamp.replace(" ", "T");
  const d = new Date(isoish);
  if (Number.isNaN(d.getTime())) return stamp;
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日 ${clock(d)}`;
}

export function clock(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export const LEVELS: { key: "" | "sub" | "item" | "sub_item"; label: string; example: string }[] = [
  { key: "", label: "正文", example: "" },
  { key: "sub", label: "（一）级标题", example: "（一）主动公开情况。" },
  { key: "item", label: "1.级标题", example: "1.规章。" },
  { key: "sub_item", label: "（1）级标题", example: "（1）政策解读。" },
];

/** Short tab names: the official headings are long; the full heading stands above the content. */
export const SHORT_SECTION: Record<string, string> = {
  overview: "一、总体情况",
  proactive: "二、主动公开",
  applications: "三、依申请公开",
  appeals: "四、复议诉讼",
  problems: "五、问题及改进",
  other: "六、其他事项",
};
