// A tiny hash router: #/ is the list of reports, #/report/<unit>/<year> one report's editor
// (optionally #/report/<unit>/<year>/<tab>), #/published a published report read back in, to
// confirm. Enough for three screens; no vue-router.
import { ref } from "vue";
import type { ReportKeyDto } from "./bindings";

export type Route =
  | { name: "list" }
  | { name: "report"; key: ReportKeyDto; tab: string | null }
  | { name: "units" }
  | { name: "county-status"; county: string; year: number }
  | { name: "county-summary"; county: string; year: number }
  | { name: "published" };

export function parseHash(hash: string): Route {
  const parts = hash.replace(/^#\/?/, "").split("/").filter(Boolean).map(decodeURIComponent);
  if (parts[0] === "report" && parts.length >= 3 && /^\d{4}$/.test(parts[2])) {
    return { name: "report", key: { unit_name: parts[1], year: Number(parts[2]) }, tab: parts[3] ?? null };
  }
  if (parts[0] === "units") return { name: "units" };
  if (parts[0] === "county" && parts.length >= 4 && /^\d{4}$/.test(parts[2])) {
    const year = Number(parts[2]);
    if (parts[3] === "status") return { name: "county-status", county: parts[1], year };
    if (parts[3] === "summary") return { name: "county-summary", county: parts[1], year };
  }
  if (parts[0] === "published") return { name: "published" };
  return { name: "list" };
}

export function reportHash(key: ReportKeyDto, tab?: string): string {
  const base = `#/report/${encodeURIComponent(key.unit_name)}/${key.year}`;
  return tab ? `${base}/${tab}` : base;
}

export const route = ref<Route>(parseHash(typeof location === "undefined" ? "" : location.hash));

if (typeof window !== "undefined") {
  window.addEventListener("hashchange", () => {
    route.value = parseHash(location.hash);
  });
}

export function goToList() {
  location.hash = "#/";
  route.value = { name: "list" };
}

export function openReportRoute(key: ReportKeyDto) {
  location.hash = reportHash(key);
  route.value = { name: "report", key, tab: null };
}

/** Keeps the address in step with a renamed report without reopening it. */
export function replaceReportHash(key: ReportKeyDto, tab?: string) {
  const hash = reportHash(key, tab);
  if (location.hash !== hash) history.replaceState(null, "", hash);
}

/** #/units, #/county/<name>/<year>/status, #/county/<name>/<year>/summary. */
export function countyHash(page: "status" | "summary", county: string, year: number): string {
  return `#/county/${encodeURIComponent(county)}/${year}/${page}`;
}

/** Goes to a screen by its address (the county's screens, 单位管理, a report at a tab). */
export function goTo(hash: string) {
  location.hash = hash;
  route.value = parseHash(hash);
}

/** The confirmation screen of a published report read back in (#/published). */
export function goToPublished() {
  location.hash = "#/published";
  route.value = { name: "published" };
}
