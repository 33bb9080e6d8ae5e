// A clerk's path, end to end in the real app: create the 2021 report of a township, fill
// table 三 with a deliberate mismatch, see the error named in Chinese at the right cell, fix it,
// export the PDF and read it back with pdftotext. Screenshots of each main screen.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { launch, ARTIFACTS, SAVE_DIR } from './lib/app.mjs';
import { S } from './lib/selectors.mjs';
import { Key, waitUntil } from './lib/webdriver.mjs';

let session;
after(() => session?.end());

const UNIT = '城关镇人民政府';
const TITLE = `${UNIT}2021年政府信息公开工作年度报告`;

/**
 * An element's text content. WebDriver's element text is the *rendered* text, which
 * WebKitWebDriver reports empty for some laid-out headings; the DOM's text is what we check.
 */
async function content(css) {
  return session.execute('const e = document.querySelector(arguments[0]); return e ? e.textContent : null;', css);
}

/** Types into a grid cell as a clerk does: click it, type, Enter. */
async function typeCell(key, text) {
  const cell = await session.waitFor(S.cell(key));
  await cell.click();
  await session.press(...text.split(''), Key.Enter);
}

async function findingsOf(rule) {
  return session.execute(
    'return [...document.querySelectorAll(arguments[0])].map((f) => f.textContent);', S.findingRule(rule),
  );
}

async function saved() {
  await waitUntil(async () => ((await content(S.saveState)) ?? "").trim().startsWith('已保存'), {
    timeout: 15_000, message: 'the save state to read 已保存',
  });
}

test('a clerk creates a township report, fixes a mismatch and exports the PDF', async (t) => {
  ({ session } = await launch());
  try {
    await clerksPath(t);
  } catch (e) {
    await session.screenshot('flow-failed', ARTIFACTS).catch(() => {});
    throw e;
  }
});

async function clerksPath(t) {
  await session.waitFor(S.reportRow);
  await session.screenshot('list', ARTIFACTS);

  // 新建报告: a township's 2021 report; the edition follows the year.
  await session.click(S.newReport);
  const name = await session.waitFor(S.newUnitName);
  await name.sendKeys(UNIT);
  await session.execute(
    'const s = arguments[0]; s.value = "township"; s.dispatchEvent(new Event("change"));',
    await session.find(S.newUnitKind),
  );
  const year = await session.find(S.newYear);
  await year.clear();
  await year.sendKeys('2021');
  await waitUntil(async () => (await session.text(S.newEdition)).includes('2021'), { message: 'edition 2021' });
  await session.screenshot('new-report', ARTIFACTS);
  await session.click(S.confirm);

  // The editor opens on the new report.
  await waitUntil(async () => ((await content(S.reportTitle)) ?? "").includes(UNIT), {
    timeout: 15_000, message: 'the editor of the new report',
  });
  await session.click(S.tab('applications'));
  await session.waitFor(S.grid('applications'));

  // Five applications received from natural persons, four of them granted: one is unaccounted for.
  await typeCell('applications.received.natural', '5');
  await typeCell('applications.granted.natural', '4');
  // Each typed cell is checked in turn: wait for the finding of the second (4 granted), not the
  // first one's (nothing granted yet), which a loaded machine may still show for a moment.
  const expected = '表三“自然人”列：第一项加第二项之和为5，第三项总计加第四项之和为4';
  await waitUntil(async () => (await findingsOf(1)).some((m) => m.includes(expected)), {
    timeout: 15_000, message: 'rule 1 to be found for 5 received, 4 granted',
  }).catch(() => {});
  const rule1 = await findingsOf(1);
  assert.ok(
    rule1.some((m) => m.includes('表三“自然人”列：第一项加第二项之和为5，第三项总计加第四项之和为4，两者应相等')),
    `rule 1 finding: ${rule1.join(' | ')}`,
  );
  assert.equal(
    await (await session.find(S.findingRule(1))).attribute('data-severity'), 'error',
  );
  // The cells concerned are marked, and the tab shows the error count.
  const marked = await session.execute(
    'return [...document.querySelectorAll("td.marked[data-cell]")].map((td) => td.dataset.cell);',
  );
  assert.ok(marked.includes('applications.received.natural'), `marked: ${marked}`);
  assert.ok(marked.includes('applications.handled_total.natural'), `marked: ${marked}`);
  assert.match(await content(S.tab('applications')), /2/);
  assert.match(await content(S.reportStatus), /错误/);
  // The totals were filled in by the app.
  assert.equal(await (await session.find(S.cell('applications.received.total'))).value(), '5');
  await session.screenshot('applications-error', ARTIFACTS);

  // A letter is refused at the cell, in Chinese, and nothing else changes.
  await typeCell('applications.carried_out.natural', 'x');
  await session.waitFor(S.cellMessage);
  assert.match(await content(S.cellMessage), /不是数字/);

  // The fifth application: the information was not held. Rule 1 is satisfied.
  await typeCell('applications.carried_out.natural', '0');
  await typeCell('applications.unavailable.not_held.natural', '1');
  await waitUntil(async () => (await findingsOf(1)).length === 0, { timeout: 15_000, message: 'rule 1 to clear' });
  assert.doesNotMatch(await content(S.reportStatus), /错误/);
  await saved();
  await session.screenshot('applications-fixed', ARTIFACTS);

  // 一、总体情况: the prose quotes the table; the figure agrees (rule 9) and the section is filled.
  await session.click(S.tab('overview'));
  const first = await session.waitFor(S.paragraphFirst);
  await first.click();
  await first.sendKeys('2021年，本镇认真贯彻《中华人民共和国政府信息公开条例》，全年办理依申请公开5件。');
  await waitUntil(async () => !/[⚠✖]/.test(await content(S.tab('overview'))), {
    timeout: 15_000, message: 'the overview tab to have no findings',
  });
  assert.deepEqual(await findingsOf(9), []);
  await saved();
  await session.screenshot('overview', ARTIFACTS);

  // 预览与导出: the real pages, then 导出PDF.
  await session.click(S.tab('output'));
  await session.waitFor(S.previewPage, { timeout: 60_000 });
  await session.screenshot('preview', ARTIFACTS);
  await session.click(S.exportPdf);
  await session.waitFor(S.exportResult, { timeout: 60_000 });
  assert.ok(SAVE_DIR && existsSync(SAVE_DIR), `save dir ${SAVE_DIR}`);
  const pdfs = readdirSync(SAVE_DIR).filter((f) => f.endsWith('.pdf'));
  assert.deepEqual(pdfs, [`${TITLE}.pdf`]);
  execFileSync('cp', [path.join(SAVE_DIR, pdfs[0]), path.join(ARTIFACTS, 'flow-export.pdf')]);
  const text = execFileSync('pdftotext', ['-raw', path.join(SAVE_DIR, pdfs[0]), '-'], { encoding: 'utf8' });
  const flat = text.replace(/\s+/g, '');
  assert.ok(flat.includes(TITLE), 'title');
  for (const label of ['三、收到和处理政府信息公开申请情况', '本年制发件数', '1.申请人无正当理由逾期不补正', '四、结转下年度继续办理']) {
    assert.ok(flat.includes(label), `label ${label}`);
  }
  assert.ok(!flat.includes('草稿'), 'a final copy, not a draft');
  await session.screenshot('exported', ARTIFACTS);
  t.diagnostic(`exported ${pdfs[0]} (${text.length} characters of text)`);
}
