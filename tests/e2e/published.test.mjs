// Last year's published report read back in, end to end in the real app. First a paste: the
// sample copied as a web page (复制网页版), Ctrl+V on the list, the confirmation screen, 取消.
// Then a drop: a clerk drops the
// published 舒城县 2020 report (the seed text of tests/fixtures/published/, with table 二's row
// 规范性文件 run together into “3838223” and 表三's （七）总计 for 自然人 published as 31 where 30
// came in) on the window, sees the confirmation screen with the source beside what was read, fills
// the cells marked 未读准, saves (replacing the sample, after being asked), and the list shows the
// report with its fault as published; the editor shows the figures typed and the 31 uncorrected.
//
// WebDriver cannot make a native OS drop. The test emits the event the OS drop produces,
// `tauri://drag-drop` with the files' paths (what Tauri emits to the webview after a drop), through
// the webview's own event IPC; from there the path to the screen is the app's: the UI's drop
// listener, the read_published_file command, the workflow's reader on the file on disk.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch, ARTIFACTS, ROOT } from './lib/app.mjs';
import { S } from './lib/selectors.mjs';
import { Key, waitUntil } from './lib/webdriver.mjs';

let session;
const work = mkdtempSync(path.join(os.tmpdir(), 'nianbao-e2e-published.'));
after(() => {
  rmSync(work, { recursive: true, force: true });
  return session?.end();
});

const UNIT = '舒城县人民政府';
const YEAR = 2020;
/** The row run together, and what the clerk types from the published report's own figures. */
const FILLED = {
  'proactive.normative_documents.made': '38',
  'proactive.normative_documents.published': '38',
  'proactive.normative_documents.total_published': '223',
};
const WRONG = { key: 'applications.handled_total.natural', value: '31' };

/** The published report as dropped: the seed with one row run together and one total wrong. */
function publishedSource() {
  const seed = readFileSync(path.join(ROOT, 'tests/fixtures/published/shucheng-2020.txt'), 'utf8');
  const joined = seed.replace('\t　　38\n\t38\n\t　223\n', '\t3838223\n');
  assert.notEqual(joined, seed, 'the 规范性文件 row is in the seed');
  const wrong = joined.replace('\t（七）总计\n\t30\n', '\t（七）总计\n\t31\n');
  assert.notEqual(wrong, joined, 'the （七）总计 row is in the seed');
  const file = path.join(work, `${UNIT}${YEAR}年政府信息公开工作年度报告.txt`);
  writeFileSync(file, wrong);
  return file;
}

/** What Tauri emits to the webview when files are dropped on the window (see the header). */
async function dropFiles(paths) {
  await session.execute(
    `return window.__TAURI_INTERNALS__.invoke('plugin:event|emit', {
       event: 'tauri://drag-drop', payload: { paths: arguments[0], position: { x: 400, y: 300 } } });`,
    paths,
  );
}

async function content(css) {
  return session.execute('const e = document.querySelector(arguments[0]); return e ? e.textContent : null;', css);
}

async function textBecomes(css, pattern, message, timeout = 30_000) {
  await waitUntil(async () => pattern.test((await content(css)) ?? ''), { timeout, message });
  return content(css);
}

/** Types into a grid cell as a clerk does: click it, type, Enter. */
async function typeCell(key, text) {
  const cell = await session.waitFor(S.cell(key));
  await session.execute('arguments[0].scrollIntoView({ block: "center" });', cell);
  await cell.click();
  await session.press(...text.split(''), Key.Enter);
}

const doubtfulKeys = () => session.execute(
  'return [...document.querySelectorAll(arguments[0])].map((c) => c.dataset.cell);', S.doubtfulCell,
);

test('a clerk pastes a report copied as a web page, then drops last year\'s published report, fills the marked cells and saves it', async (t) => {
  ({ session } = await launch());
  try {
    await pasteAndCancel(t);
    await dropAndConfirm(t);
  } catch (e) {
    await session.screenshot('published-failed', ARTIFACTS).catch(() => {});
    throw e;
  }
});

/**
 * Ctrl+V on the list with a report on the clipboard as a web page (the app's own 复制网页版 of the
 * sample, as a browser or Word puts a copied report there): the confirmation screen reads the
 * page; 取消 leaves the store as it was.
 */
async function pasteAndCancel(t) {
  await (await session.waitFor(S.openReport(UNIT, YEAR))).click();
  await textBecomes(S.reportTitle, new RegExp(`${UNIT} · ${YEAR}年`), 'the editor of the sample');
  await session.click(S.tab('output'));
  await session.waitFor(S.previewPage, { timeout: 60_000 });
  await session.click(S.copyWebPage);
  await textBecomes(S.copyResult, /已复制网页版/, 'the web page to be copied');
  await session.click(S.backToList);
  await session.waitFor(S.openReport(UNIT, YEAR));
  // Nothing editable has the focus: the clerk has just come back to the list.
  await session.execute('document.activeElement?.blur();');
  await session.press([Key.Control, 'v']);
  await session.waitFor(S.publishedSource, { timeout: 30_000 });
  assert.equal((await content(S.publishedSourceName)).trim(), '粘贴的网页：粘贴的内容');
  await session.waitFor(S.publishedAllRead);
  assert.deepEqual(await doubtfulKeys(), []);
  assert.equal((await content(S.publishedStatus)).trim(), '可打印');
  assert.match(await content(S.publishedSource), /39570/, 'the page\'s cells as lines');
  await session.screenshot('published-pasted', ARTIFACTS);
  t.diagnostic('a pasted web page read whole');
  await session.click(S.publishedCancel);
  await session.waitFor(S.openReport(UNIT, YEAR));
  assert.match(await content(`${S.reportRowOf(UNIT, YEAR)} ${S.reportStatus}`), /可打印/, '取消 changed nothing');
}

async function dropAndConfirm(t) {
  const file = publishedSource();
  await session.waitFor(S.openReport(UNIT, YEAR));
  await dropFiles([file]);

  // The confirmation screen: the source as read beside what was found.
  await session.waitFor(S.publishedSource, { timeout: 30_000 });
  assert.match(await content(S.publishedSource), /3838223/, 'the source shows the run-together row');
  assert.equal((await content(S.publishedSourceName)).trim(), `文本文件：${path.basename(file)}`);
  assert.match(await content(S.publishedUnit), new RegExp(UNIT));
  assert.equal((await content(S.publishedStatus)).trim().startsWith('有'), true, 'the fault as published');
  const marked = await doubtfulKeys();
  assert.deepEqual([...marked].sort(), Object.keys(FILLED).sort(), 'the run-together row is marked 未读准');
  assert.match(await content(S.publishedDoubtful), /有3格未读准/);
  await session.screenshot('published-confirm', ARTIFACTS);

  // Saving is refused while marked cells remain, naming them.
  await session.click(S.publishedSave);
  const refusal = await textBecomes(S.publishedError, /未读准/, 'the refusal');
  assert.match(refusal, /表二“规范性文件”行“本年新制作数量”列/);

  // The clerk fills the marked cells from the published report; each loses its mark.
  for (const [key, value] of Object.entries(FILLED)) {
    await typeCell(key, value);
    await waitUntil(async () => !(await doubtfulKeys()).includes(key), { timeout: 15_000, message: `${key} to lose its mark` });
  }
  await session.waitFor(S.publishedAllRead);
  // The wrong total stays as published.
  assert.equal(await (await session.find(S.cell(WRONG.key))).value(), WRONG.value);
  await session.execute('document.querySelector(arguments[0]).scrollIntoView({ block: "center" });', S.grid('proactive'));
  await session.screenshot('published-filled', ARTIFACTS);

  await session.execute('document.querySelector(".findings-block")?.scrollIntoView({ block: "start" });');
  await session.screenshot('published-findings', ARTIFACTS);

  // 保存为报告: the sample is 舒城县 2020, so the clerk is asked before it is replaced.
  await session.click(S.publishedSave);
  await textBecomes(S.replaceText, new RegExp(`“${UNIT}”${YEAR}年的报告已经存在`), 'the question before replacing');
  await session.screenshot('published-replace', ARTIFACTS);
  await session.click(S.confirm);

  // The list: the report with its fault as published.
  const notice = await textBecomes(S.listNotice, /已读入/, 'the notice after saving');
  assert.match(notice, new RegExp(`已读入“${UNIT}”${YEAR}年报告（按原样保存，有\\d+处错误）`));
  const status = await textBecomes(`${S.reportRowOf(UNIT, YEAR)} ${S.reportStatus}`, /有\d+处错误/, 'the list status');
  t.diagnostic(`list status: ${status.trim()}`);
  await session.screenshot('published-list', ARTIFACTS);

  // The editor: the figures as typed, the total as published and its error named.
  await session.click(S.openReport(UNIT, YEAR));
  await textBecomes(S.reportTitle, new RegExp(`${UNIT} · ${YEAR}年`), 'the editor');
  await session.click(S.tab('proactive'));
  for (const [key, value] of Object.entries(FILLED)) {
    assert.equal(await (await session.waitFor(S.cell(key))).value(), value, key);
  }
  await session.click(S.tab('applications'));
  assert.equal(await (await session.waitFor(S.cell(WRONG.key))).value(), WRONG.value);
  const findings = await session.execute(
    'return [...document.querySelectorAll(arguments[0])].map((f) => f.dataset.severity);', S.finding,
  );
  assert.ok(findings.includes('error'), `an error among the findings: ${findings}`);
  await session.screenshot('published-editor', ARTIFACTS);

  // Several files dropped at once go to the per-file import, not to the confirmation screen: the
  // run-together report is refused there (its cells are not read for sure), an old .doc too.
  await session.click(S.backToList);
  await session.waitFor(S.openReport(UNIT, YEAR));
  const old = path.join(work, '旧报告.doc');
  writeFileSync(old, 'not a docx');
  await dropFiles([file, old]);
  await session.waitFor(S.importResults, { timeout: 30_000 });
  await session.waitFor(S.importFileOutcome(path.basename(file), 'refused'));
  await session.waitFor(S.importFileOutcome('旧报告.doc', 'refused'));
  assert.equal(await content(S.publishedSource), null, 'no confirmation screen');
  await session.screenshot('published-dropped-many', ARTIFACTS);
  await session.click(S.closeImportResults);
}
