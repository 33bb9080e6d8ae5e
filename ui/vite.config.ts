import { defineConfig } from "vitest/config";
import vue from "@vitejs/plugin-vue";

// Built assets are embedded into the Tauri binary and served from tauri://localhost;
// nothing is ever fetched from a remote origin (see the CSP in ../tauri.conf.json).
export default defineConfig({
  plugins: [vue()],
  base: "./",
  clearScreen: false,
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // WebView2 (Windows 10+) and WebKitGTK 2.4x both handle ES2021.
    target: "es2021",
  },
  test: {
    environment: "jsdom",
  },
});
