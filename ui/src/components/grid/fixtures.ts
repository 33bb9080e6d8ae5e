// Fixtures for component tests: both editions' table layouts and the sample report's figures,
// exactly as the `edition_layout` and `open_report` commands return them. The JSON files are
// generated from the Rust model by the `bindings_are_current` test (never edited by hand).
import type { EditionLayoutDto, ReportDto } from "../../bindings";
import layouts from "../../testing/edition-layouts.json";
import sample from "../../testing/sample-report.json";

export const LAYOUT_2019 = layouts["2019"] as EditionLayoutDto;
export const LAYOUT_2021 = layouts["2021"] as EditionLayoutDto;

/** The sample report's figures (舒城县人民政府 2020, edition 2019) as the backend renders them. */
export function sampleFigures(): Record<string, string> {
  return { ...(sample as ReportDto).figures };
}
