// The editor's tabs and which tab a finding belongs to.
import type { Finding } from "./bindings";

export const TABS = [
  "basic",
  "overview",
  "proactive",
  "applications",
  "appeals",
  "problems",
  "other",
  "signoff",
  "output",
] as const;
export type Tab = (typeof TABS)[number];

export const SECTION_TABS = ["overview", "proactive", "applications", "appeals", "problems", "other"] as const;

export function isTab(s: string | null | undefined): s is Tab {
  return !!s && (TABS as readonly string[]).includes(s);
}

/** The tab where the clerk fixes a finding: the paragraph's section, else the table, else 基本信息. */
export function tabOfFinding(f: Finding): Tab {
  if (f.section && f.paragraph !== null && isTab(f.section)) return f.section;
  if (f.table) return f.table;
  if (f.section && isTab(f.section)) return f.section;
  return "basic";
}
