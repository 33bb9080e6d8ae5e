import { describe, expect, it } from "vitest";
import { mount } from "@vue/test-utils";
import App from "./App.vue";

describe("App", () => {
  it("shows the report title in Chinese", () => {
    const wrapper = mount(App);
    expect(wrapper.get("h1").text()).toBe("政府信息公开工作年度报告");
    expect(wrapper.text()).toContain("nianbao 正在建设中");
  });
});
