// Putting a web page on the clipboard as HTML (复制网页版), for the portal's editor, without a
// clipboard plugin: inside the clerk's click, document.execCommand("copy") fires a `copy` event
// whose clipboardData the page may fill. Pasted into a CMS editor it keeps its headings and
// tables; pasted into plain text it is the text, line by line, cells separated by tabs.

/** The page's text as a plain-text paste shows it: one line per block, tabs between cells. */
export function plainTextOf(html: string): string {
  const doc = new DOMParser().parseFromString(html, "text/html");
  doc.querySelectorAll("style, title").forEach((e) => e.remove());
  // The source's own line breaks and indents are blanks, as a browser shows them.
  const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node as Text;
    text.data = text.data.replace(/[ \t\n\r\f]+/g, " ");
  }
  doc.querySelectorAll("td, th").forEach((cell) => cell.append("\t"));
  doc.querySelectorAll("p, h1, h2, h3, h4, h5, h6, div, tr, table, li, br").forEach((block) => block.after("\n"));
  return (doc.body.textContent ?? "")
    .split("\n")
    .map((line) => line.replace(/^ +/, "").replace(/[ \t]+$/, ""))
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/**
 * Copies `html` as text/html, with its text as text/plain. Must run inside the click (a user
 * gesture): the web view refuses execCommand("copy") otherwise. False when nothing was copied.
 */
export function copyHtml(html: string): boolean {
  let copied = false;
  const onCopy = (e: ClipboardEvent) => {
    if (!e.clipboardData) return;
    e.clipboardData.setData("text/html", html);
    e.clipboardData.setData("text/plain", plainTextOf(html));
    e.preventDefault();
    copied = true;
  };
  document.addEventListener("copy", onCopy, true);
  try {
    document.execCommand("copy");
  } catch {
    // Some engines throw instead of returning false; either way nothing was copied.
  } finally {
    document.removeEventListener("copy", onCopy, true);
  }
  return copied;
}
