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
    // pdf.js (legacy build, ~504 kB minified) is one chunk loaded only when the preview is shown;
    // its worker is a separate asset. Nothing to split further.
    chunkSizeWarningLimit: 600,
  },
  test: {
    environment: "jsdom",
  },
});
