// pdf.js behind a small door: open the PDF bytes, draw one page into a fresh canvas.
// The component tests mock this module (jsdom has no canvas); everything pdf.js-specific lives here.
//
// Why the legacy build: the modern build of pdf.js 5 calls new built-ins without polyfills
// (Map.prototype.getOrInsertComputed, Uint8Array.fromBase64, …) that WebKitGTK 2.50 and older
// WebView2 runtimes on office PCs may lack; the legacy build carries its own polyfills.
// Why we create the worker ourselves: on Linux the page is served from tauri://localhost, whose URL
// origin is opaque ("null"), so pdf.js would think its worker is cross-origin and start it through a
// blob: wrapper, which the CSP (script-src 'self') rightly forbids. A module Worker from our own
// bundled file is plain 'self'.
// Nothing is fetched: no CMaps, standard fonts or wasm (our PDFs embed their fonts), no eval
// (isEvalSupported: false), no text layer (it would inject inline styles).

import type { PDFDocumentProxy, RenderTask } from "pdfjs-dist/legacy/build/pdf.mjs";
import workerUrl from "pdfjs-dist/legacy/build/pdf.worker.min.mjs?url";

type PdfJs = typeof import("pdfjs-dist/legacy/build/pdf.mjs");

let pdfjsPromise: Promise<PdfJs> | null = null;

/** pdf.js is loaded the first time a preview is shown, so it costs nothing at start-up.
 * `preloadPdf()` starts it (and its worker) while the backend is still rendering the PDF. */
export function preloadPdf(): void {
  loadPdfJs().catch(() => {
    pdfjsPromise = null; // openPdf will try again and report the failure.
  });
}

function loadPdfJs(): Promise<PdfJs> {
  pdfjsPromise ??= import("pdfjs-dist/legacy/build/pdf.mjs").then((pdfjs) => {
    pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;
    if (!pdfjs.GlobalWorkerOptions.workerPort && typeof Worker !== "undefined") {
      try {
        pdfjs.GlobalWorkerOptions.workerPort = new Worker(workerUrl, {
          type: "module",
          name: "pdf.js",
        });
      } catch {
        // No module workers: pdf.js falls back to running its worker code on this thread.
      }
    }
    return pdfjs;
  });
  return pdfjsPromise;
}

export interface RenderedPage {
  canvas: HTMLCanvasElement;
  /** CSS size of the page as drawn. */
  width: number;
  height: number;
}

export interface PdfDocument {
  readonly numPages: number;
  /** Draws page `pageNumber` (1-based) `cssWidth` CSS pixels wide, sharp at `pixelRatio`. */
  renderPage(pageNumber: number, cssWidth: number, pixelRatio: number): Promise<RenderedPage>;
  /** Frees the document and stops any drawing in progress. */
  destroy(): void;
}

export async function openPdf(bytes: ArrayBuffer): Promise<PdfDocument> {
  const pdfjs = await loadPdfJs();
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    useSystemFonts: false,
    disableAutoFetch: true,
    disableStream: true,
    stopAtErrors: false,
    useWasm: false,
    verbosity: 0,
  });
  const doc: PDFDocumentProxy = await task.promise;
  const running = new Set<RenderTask>();
  let destroyed = false;
  return {
    numPages: doc.numPages,
    async renderPage(pageNumber, cssWidth, pixelRatio) {
      const page = await doc.getPage(pageNumber);
      const unscaled = page.getViewport({ scale: 1 });
      const scale = cssWidth / unscaled.width;
      const viewport = page.getViewport({ scale: scale * pixelRatio });
      const canvas = document.createElement("canvas");
      canvas.width = Math.floor(viewport.width);
      canvas.height = Math.floor(viewport.height);
      const render = page.render({ canvas, viewport, annotationMode: pdfjs.AnnotationMode.DISABLE });
      running.add(render);
      try {
        await render.promise;
      } finally {
        running.delete(render);
        if (!destroyed) page.cleanup();
      }
      return { canvas, width: cssWidth, height: unscaled.height * scale };
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      for (const render of running) render.cancel();
      void task.destroy();
    },
  };
}

/** Drawing cancelled because a newer PDF or a new width took over: not an error to show. */
export function isCancelled(e: unknown): boolean {
  return (
    typeof e === "object" &&
    e !== null &&
    "name" in e &&
    (e.name === "RenderingCancelledException" || e.name === "AbortException")
  );
}
