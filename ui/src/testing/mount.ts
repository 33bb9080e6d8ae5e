// Mounting helpers for component tests: the fake backend provided, the two heavy components
// (TableGrid, PdfPreview) replaced by light stubs with the same props.
import { defineComponent, h, type Component } from "vue";
import { mount } from "@vue/test-utils";
import { vi } from "vitest";
import { backendKey } from "../api";
import { factsKey } from "../facts";
import { FACTS, type FakeBackend } from "./fakeBackend";

export const focusCell = vi.fn();

export const TableGridStub = defineComponent({
  name: "TableGrid",
  props: ["table", "layout", "figures", "marked", "rejected"],
  emits: ["edit"],
  setup(props, { expose }) {
    expose({ focusCell });
    return () =>
      h("div", { "data-testid": `grid-${props.table}`, "data-marked": (props.marked ?? []).join(" ") });
  },
});

export const PdfPreviewStub = defineComponent({
  name: "PdfPreview",
  props: ["report", "hasErrors"],
  setup(props) {
    return () => h("div", { "data-testid": "pdf-preview", "data-has-errors": String(props.hasErrors) });
  },
});

export function mountWith<C extends Component>(component: C, backend: FakeBackend, props: Record<string, unknown> = {}) {
  return mount(component as never, {
    props: props as never,
    attachTo: document.body,
    global: {
      provide: { [backendKey as symbol]: backend, [factsKey as symbol]: FACTS },
      stubs: { TableGrid: TableGridStub, PdfPreview: PdfPreviewStub },
    },
  });
}
