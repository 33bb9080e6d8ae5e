// The format's facts (report years, which edition a year uses, unit kinds and their labels,
// which findings are total mismatches) as Rust serves them once at start. Nothing here restates
// a rule: every function only looks the answer up in the facts.
import { inject, type InjectionKey } from "vue";
import type { Edition, Finding, FormatFactsDto, UnitKind } from "./bindings";

export const factsKey: InjectionKey<FormatFactsDto> = Symbol("facts");

export function useFacts(): FormatFactsDto {
  const facts = inject(factsKey);
  if (!facts) throw new Error("no format facts provided");
  return facts;
}

export function yearIsValid(facts: FormatFactsDto, year: number): boolean {
  return Number.isInteger(year) && year >= facts.first_year && year <= facts.last_year;
}

/** The edition a report year uses, or null for a year no report can be about. */
export function editionForYear(facts: FormatFactsDto, year: number): Edition | null {
  if (!yearIsValid(facts, year)) return null;
  return facts.editions.find((e) => year >= e.first_year && year <= e.last_year)?.edition ?? null;
}

export function unitKindLabel(facts: FormatFactsDto, kind: UnitKind): string {
  return facts.unit_kinds.find((k) => k.kind === kind)?.label ?? kind;
}

/** A total that disagrees with what it adds up: recomputing the totals settles it. */
export function isTotalMismatch(facts: FormatFactsDto, f: Finding): boolean {
  return facts.total_rules.includes(f.rule);
}
