// 字体 in 预览与导出, end to end in the real app: an official face installed for the user (a
// stand-in file named 仿宋_GB2312.ttf in a folder with Chinese characters and a space, under the
// app's XDG_DATA_HOME/fonts, where fontconfig's per-user fonts live) sets the body automatically;
// the clerk sets the body in the bundled Fandol 仿宋 instead, and the preview follows (its first
// page is drawn anew with other pixels), the exported PDF embeds the chosen face (pdffonts), and
// the choice outlives a restart (it is kept in the store). A chosen face uninstalled falls back
// to the automatic one with a note. Back to 自动 at the end.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { launch, ARTIFACTS, DATA, ROOT, SAVE_DIR } from './lib/app.mjs';
import { S } from './lib/selectors.mjs';
import { waitUntil } from './lib/webdriver.mjs';

const UNIT = '舒城县人民政府';
const YEAR = 2020;
/** The user's fonts folder of the app (run.sh sets XDG_DATA_HOME to $DATA/data). */
const FONTS = DATA && path.join(DATA, 'data', 'fonts', '公文 字体');
const BUNDLED_FANG = 'bundled:FandolFang-Regular.otf';

let session;
after(async () => {
  await session?.end();
  if (FONTS) rmSync(FONTS, { recursive: true, force: true });
});

async function content(css) {
  return session.execute('const e = document.querySelector(arguments[0]); return e ? e.textContent : null;', css);
}

async function textBecomes(css, pattern, message, timeout = 60_000) {
  await waitUntil(async () => pattern.test((await content(css)) ?? ''), { timeout, message });
  return content(css);
}

/** A fingerprint of the first preview page's pixels (its canvas as PNG, hashed in the page). */
async function firstPageDrawing() {
  return session.execute(`
    const canvas = document.querySelector(arguments[0] + ' canvas');
    if (!canvas) return null;
    const png = canvas.toDataURL('image/png');
    let h = 0;
    for (let i = 0; i < png.length; i++) h = (Math.imul(h, 31) + png.charCodeAt(i)) | 0;
    return png.length + ':' + h;`, S.previewPage);
}

/** Exports the PDF and returns the fonts pdffonts lists in it (subset tags dropped). */
async function exportedFonts(name) {
  for (const f of readdirSync(SAVE_DIR).filter((f) => f.endsWith('.pdf'))) rmSync(path.join(SAVE_DIR, f));
  await session.click(S.exportPdf);
  // The file itself (written whole, then renamed): the result line of an earlier export may
  // still be on screen for a moment.
  const pdfs = () => readdirSync(SAVE_DIR).filter((f) => f.endsWith('.pdf'));
  await waitUntil(() => pdfs().length === 1, { timeout: 60_000, message: 'the PDF to be exported' });
  await textBecomes(S.exportResult, /\.pdf$/, 'the export to be reported');
  const [file] = pdfs();
  // Kept with the artifacts, out of the save folder the other tests read.
  const kept = path.join(ARTIFACTS, `fonts-${name}.pdf`);
  renameSync(path.join(SAVE_DIR, file), kept);
  return execFileSync('pdffonts', [kept], { encoding: 'utf8' })
    .split('\n').slice(2).filter(Boolean)
    .map((row) => row.split(/\s+/)[0].replace(/^[A-Z]{6}\+/, ''));
}

async function openPreview() {
  await (await session.waitFor(S.openReport(UNIT, YEAR))).click();
  await textBecomes(S.reportTitle, new RegExp(`${UNIT} · ${YEAR}年`), 'the editor of the sample', 15_000);
  await (await session.waitFor(S.tab('output'))).click();
  await session.waitFor(S.previewPage, { timeout: 60_000 });
  await textBecomes(S.previewStatus, /共\d+页/, 'the preview pages to be drawn');
  await waitUntil(async () => (await firstPageDrawing()) !== null, { timeout: 30_000, message: 'page 1 drawn' });
  await session.waitFor(S.fonts, { timeout: 15_000 });
}

test('the clerk sets the body in another face; the preview and the PDF follow, and the choice is kept', async (t) => {
  assert.ok(DATA && SAVE_DIR, 'run through tests/e2e/run.sh (NIANBAO_E2E_DATA, NIANBAO_SAVE_DIR)');
  mkdirSync(FONTS, { recursive: true });
  // The stand-in 仿宋_GB2312: Fandol Kai inside, so that the PDF's font names show which is used.
  copyFileSync(path.join(ROOT, 'src-tauri/crates/pdf/fonts/FandolKai-Regular.otf'), path.join(FONTS, '仿宋_GB2312.ttf'));
  ({ session } = await launch());
  try {
    await openPreview();

    // Automatic: the installed 仿宋_GB2312 sets the body; the title has no official face here.
    assert.equal((await content(S.fontUsed('fang'))).trim(), '正文：仿宋_GB2312系统字体');
    assert.equal((await content(S.fontUsed('title'))).trim(), '标题：Fandol宋体（粗）内置字体');
    const automaticFonts = await exportedFonts('automatic');
    assert.ok(!automaticFonts.includes('FandolFang-Regular'), `the body is not in the bundled Fang: ${automaticFonts}`);
    assert.ok(automaticFonts.includes('FandolKai-Regular'), `${automaticFonts}`);
    const before = await firstPageDrawing();

    // 字体 opened: the body set in the bundled Fandol 仿宋.
    await session.click(S.fontsSummary);
    const select = await session.waitFor(S.fontChoice('fang'));
    assert.equal(await select.value(), '');
    const option = await session.find(`${S.fontChoice('fang')} option[value="${BUNDLED_FANG}"]`);
    assert.equal((await option.text()).trim(), 'Fandol仿宋（内置字体）');
    await option.click();
    await textBecomes(S.fontUsed('fang'), /Fandol仿宋内置字体/, 'the panel to show the chosen face', 15_000);
    await session.screenshot('fonts-chosen', ARTIFACTS);

    // The preview follows: page 1 drawn again, with other pixels.
    await waitUntil(async () => {
      const now = await firstPageDrawing();
      return now !== null && now !== before;
    }, { timeout: 60_000, message: 'the preview to be drawn in the new face' });
    await textBecomes(S.previewStatus, /共\d+页/, 'the preview to settle');
    const chosenFonts = await exportedFonts('chosen');
    assert.ok(chosenFonts.includes('FandolFang-Regular'), `the body in the bundled Fang: ${chosenFonts}`);
    t.diagnostic(`embedded before: ${automaticFonts.join(', ')}; after: ${chosenFonts.join(', ')}`);
  } catch (e) {
    await session.screenshot('fonts-failed', ARTIFACTS).catch(() => {});
    throw e;
  }

  // Kept in the store: a new start sets the body in Fandol 仿宋 still; then back to 自动.
  await session.end();
  session = undefined;
  ({ session } = await launch());
  try {
    await openPreview();
    assert.equal((await content(S.fontUsed('fang'))).trim(), '正文：Fandol仿宋内置字体');
    await session.click(S.fontsSummary);
    await (await session.find(`${S.fontChoice('fang')} option[value=""]`)).click();
    await textBecomes(S.fontUsed('fang'), /仿宋_GB2312系统字体/, 'automatic again', 15_000);
    await session.screenshot('fonts-automatic', ARTIFACTS);

    // The installed 仿宋_GB2312 chosen by name, then uninstalled: back in 预览与导出 the body
    // falls back to the bundled face, and the app says so.
    const installed = await session.find(`${S.fontChoice('fang')} option[value^="file:"]`);
    assert.equal((await installed.text()).trim(), '仿宋_GB2312（系统字体）');
    await installed.click();
    await waitUntil(async () => (await (await session.find(S.fontChoice('fang'))).value()).startsWith('file:'), {
      timeout: 15_000, message: 'the installed face to be chosen',
    });
    rmSync(path.join(FONTS, '仿宋_GB2312.ttf'));
    await session.click(S.tab('overview'));
    await session.click(S.tab('output'));
    const note = await textBecomes(S.fontNote, /仿宋_GB2312/, 'the note about the vanished face', 30_000);
    assert.match(note.trim(), /^正文所选的字体“仿宋_GB2312”（.*公文 字体.*仿宋_GB2312\.ttf）已找不到或无法读取，改用Fandol仿宋。$/);
    await textBecomes(S.fontUsed('fang'), /Fandol仿宋内置字体/, 'the bundled face to stand in', 15_000);
    await textBecomes(S.previewStatus, /共\d+页/, 'the preview to be drawn without it');
    await session.screenshot('fonts-vanished', ARTIFACTS);
    await session.click(S.fontsSummary);
    await (await session.find(`${S.fontChoice('fang')} option[value=""]`)).click();
    await waitUntil(async () => (await content(S.fontNote)) === null, { timeout: 15_000, message: 'the note to go' });
  } catch (e) {
    await session.screenshot('fonts-failed', ARTIFACTS).catch(() => {});
    throw e;
  }
});
