// The formats offices already use, end to end in the real app: a clerk opens the sample report,
// exports the web page, the Excel workbook and the Word file from 预览与导出 and copies the web
// page (and pastes it into an editable element, as into the portal's editor); then a
// workbook filled in the same layout (one figure changed) is imported from the report list and
// the editor shows the new figure. The files are checked as files: the page has the title and no
// script, the workbook is a zip with the sheets 表二/表三/表四 and reads back (nianbao-cli convert)
// to the sample's figures.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch, openFiles, ARTIFACTS, CLI, SAVE_DIR } from './lib/app.mjs';
import { S } from './lib/selectors.mjs';
import { Key, waitUntil } from './lib/webdriver.mjs';
import { zipText } from './lib/zip.mjs';

let session;
const work = mkdtempSync(path.join(os.tmpdir(), 'nianbao-e2e-formats.'));
after(() => {
  rmSync(work, { recursive: true, force: true });
  return session?.end();
});

const UNIT = '舒城县人民政府';
const YEAR = 2020;
const TITLE = `${UNIT}${YEAR}年政府信息公开工作年度报告`;
/** The figure the filled workbook changes: 表二 行政处罚 本年处理决定数量 (the sample has 187208). */
const CHANGED = { key: 'proactive.penalty.decisions', before: 187208, after: 187300 };

function cli(...args) {
  return execFileSync(CLI, args, { encoding: 'utf8' });
}

/** An element's DOM text (WebKitWebDriver's rendered text is empty for some laid-out nodes). */
async function content(css) {
  return session.execute('const e = document.querySelector(arguments[0]); return e ? e.textContent : null;', css);
}

async function textBecomes(css, pattern, message, timeout = 60_000) {
  await waitUntil(async () => pattern.test((await content(css)) ?? ''), { timeout, message });
  return content(css);
}

/** The one file in SAVE_DIR with this extension. */
function saved(extension) {
  const files = readdirSync(SAVE_DIR).filter((f) => f.endsWith(extension));
  assert.deepEqual(files, [`${TITLE}${extension}`], `${extension} files in ${SAVE_DIR}`);
  return path.join(SAVE_DIR, files[0]);
}

test('a clerk exports the web page and the Excel file, and imports a filled workbook', async (t) => {
  assert.ok(existsSync(CLI), `${CLI} (cargo build -p nianbao-cli)`);
  assert.ok(SAVE_DIR, 'run through tests/e2e/run.sh (NIANBAO_SAVE_DIR, NIANBAO_OPEN_FILES)');
  ({ session } = await launch());
  try {
    await formats(t);
  } catch (e) {
    await session.screenshot('formats-failed', ARTIFACTS).catch(() => {});
    throw e;
  }
});

async function formats(t) {
  // The sample report, 预览与导出.
  await (await session.waitFor(S.openReport(UNIT, YEAR))).click();
  await textBecomes(S.reportTitle, new RegExp(`${UNIT} · ${YEAR}年`), 'the editor of the sample', 15_000);
  await session.click(S.tab('output'));
  await session.waitFor(S.previewPage, { timeout: 60_000 });
  await textBecomes(S.previewStatus, /共\d+页/, 'the preview pages to be drawn');
  assert.equal((await content(S.tab('output'))).trim(), '预览与导出');
  const labels = await session.execute(
    'return arguments[0].map((css) => document.querySelector(css)?.textContent.trim());',
    ['xlsx', 'html', 'docx', 'exchange'].map(S.exportAs).concat([S.exportPdf, S.copyWebPage]),
  );
  assert.deepEqual(labels, ['导出Excel', '导出网页', '导出Word', '导出数据文件', '导出PDF', '复制网页版']);
  await session.screenshot('formats-controls', ARTIFACTS);

  // 导出网页: one self-contained page, no scripts.
  await session.click(S.exportAs('html'));
  const htmlResult = await textBecomes(S.exportResult, /\.html$/, 'the web page to be exported');
  const htmlFile = saved('.html');
  assert.equal(htmlResult.trim(), `已导出到 ${htmlFile}`);
  const page = readFileSync(htmlFile, 'utf8');
  assert.ok(page.includes(TITLE), 'the page has the title');
  assert.doesNotMatch(page, /<script/i, 'no scripts');
  assert.doesNotMatch(page, /<link|src="http/i, 'no external files');
  for (const label of ['一、总体情况', '三、收到和处理政府信息公开申请情况', '行政处罚', String(CHANGED.before)]) {
    assert.ok(page.includes(label), `the page has ${label}`);
  }
  assert.match(page, /rowspan="\d+"/, 'merged cells as in the official tables');
  copyFileSync(htmlFile, path.join(ARTIFACTS, 'formats-export.html'));

  // 导出Excel: a workbook with the three tables on their own sheets, holding the sample's figures.
  await session.click(S.exportAs('xlsx'));
  const xlsxResult = await textBecomes(S.exportResult, /\.xlsx$/, 'the workbook to be exported');
  const xlsxFile = saved('.xlsx');
  assert.equal(xlsxResult.trim(), `已导出到 ${xlsxFile}`);
  const sheets = [...zipText(xlsxFile, 'xl/workbook.xml').matchAll(/<sheet name="([^"]+)"/g)].map((m) => m[1]);
  for (const sheet of ['表二', '表三', '表四']) assert.ok(sheets.includes(sheet), `sheet ${sheet} in ${sheets}`);
  const exported = path.join(work, 'exported.json');
  cli('convert', xlsxFile, '--out', exported);
  const sample = path.join(work, 'sample.json');
  cli('sample', '--out', sample);
  const read = JSON.parse(readFileSync(exported, 'utf8'));
  const expected = JSON.parse(readFileSync(sample, 'utf8'));
  assert.equal(read.title, TITLE);
  assert.deepEqual(read.figures, expected.figures, 'the workbook holds the sample figures');
  t.diagnostic(`exported ${path.basename(htmlFile)} (${page.length} characters) and ${path.basename(xlsxFile)} (sheets ${sheets.join('、')})`);

  // 导出Word: a .docx whose text has the title and the changed table's figure, with merged cells.
  await session.click(S.exportAs('docx'));
  await textBecomes(S.exportResult, /\.docx$/, 'the Word file to be exported');
  const docx = zipText(saved('.docx'), 'word/document.xml');
  const words = [...docx.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
  assert.ok(words.startsWith(TITLE), 'the document starts with the title');
  assert.ok(words.includes(String(CHANGED.before)), 'the document has the figures');
  assert.match(docx, /<w:vMerge/, 'merged cells as in the official tables');

  // 复制网页版: the click puts the page on the clipboard (the app says so only when it did).
  await session.click(S.copyWebPage);
  await textBecomes(S.copyResult, /已复制网页版，可粘贴到网站编辑器/, 'the web page to be copied', 15_000);
  assert.equal(await content(S.outputError), null);
  await session.screenshot('formats-copied', ARTIFACTS);
  // Pasted into an editable element, as into the portal's editor, it keeps its tables: the
  // clipboard holds HTML, not only text.
  const probe = await session.execute(`
    const d = document.createElement('div');
    d.contentEditable = 'true';
    d.dataset.testid = 'paste-probe';
    document.body.append(d);
    d.focus();
    return d;`);
  await session.press([Key.Control, 'v']);
  await waitUntil(async () => (await session.execute('return arguments[0].innerHTML.length;', probe)) > 0, {
    timeout: 15_000, message: 'the paste to arrive',
  });
  const pasted = await session.execute('const h = arguments[0].innerHTML; arguments[0].remove(); return h;', probe);
  assert.ok(pasted.includes(TITLE), 'the pasted page has the title');
  assert.match(pasted, /<table[\s\S]*rowspan="\d+"/, 'the pasted page has the merged tables');
  assert.doesNotMatch(pasted, /<script/i);

  // A filled workbook in the same layout: the exported one with one figure changed.
  read.figures[CHANGED.key] = CHANGED.after;
  const filled = path.join(work, 'filled.json');
  writeFileSync(filled, JSON.stringify(read, null, 2));
  cli('convert', filled, '--out', path.join(openFiles(), 'import.xlsx'));

  // 导入 on the report list: the workbook's outcome is 已更新.
  await session.click(S.backToList);
  const importButton = await session.waitFor(S.importReports);
  assert.equal((await content(S.importReports)).trim(), '导入报告文件…');
  await importButton.click();
  await session.waitFor(S.importFileOutcome('import.xlsx', 'updated'), { timeout: 30_000 });
  assert.equal((await content(S.importSummary)).trim(), '共1个文件：已更新1份。');
  assert.equal(await content(S.listError), null);
  await session.screenshot('formats-imported-list', ARTIFACTS);
  await session.click(S.closeImportResults);

  // The editor shows the new figure.
  await (await session.waitFor(S.openReport(UNIT, YEAR))).click();
  await textBecomes(S.reportTitle, new RegExp(`${UNIT} · ${YEAR}年`), 'the editor of the imported report', 15_000);
  await session.click(S.tab('proactive'));
  const cell = await session.waitFor(S.cell(CHANGED.key));
  await session.execute('arguments[0].scrollIntoView({ block: "center" });', cell);
  assert.equal(await cell.value(), String(CHANGED.after));
  await session.screenshot('formats-imported', ARTIFACTS);
}
