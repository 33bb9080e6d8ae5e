// The county's work end to end in the real app: a store holding the county government's report
// and two townships' (made and imported with nianbao-cli), a township that has sent nothing and a
// 垂直管理 department. The clerk opens 单位管理, then 报送情况 (the missing township first), then
// 汇总: clicks a summed cell, sees what each unit gives to it, exports the 汇总表 PDF (read back
// with pdftotext), and clicks a unit, whose report opens at that table. Screenshots of the three
// screens go to tests/artifacts/. The run's store is put back as it was afterwards.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch, openFiles, waitForNoApp, ARTIFACTS, CLI, DATA, IDENTIFIER, SAVE_DIR } from './lib/app.mjs';
import { S } from './lib/selectors.mjs';
import { waitUntil } from './lib/webdriver.mjs';

const COUNTY = '舒城县人民政府';
const YEAR = 2020;
const TOWNS = [
  { name: '城关镇人民政府', decisions: 100 },
  { name: '干汊河镇人民政府', decisions: 250 },
];
const MISSING = '白鹤乡人民政府';
const VERTICAL = '舒城县税务局';
/** 表二 行政处罚 处理决定数量: the sample has 187208. */
const CELL = 'proactive.penalty.decisions';
const SAMPLE_DECISIONS = 187208;

const id = (name) => `[data-testid="${name}"]`;
const work = mkdtempSync(path.join(os.tmpdir(), 'nianbao-e2e-county.'));
const storeDir = DATA ? path.join(DATA, 'data', IDENTIFIER) : null;
const STORE_FILES = ['nianbao.db', 'nianbao.db-wal', 'nianbao.db-shm'];
let session;

function cli(...args) {
  return execFileSync(CLI, args, { encoding: 'utf8' });
}

/** The store as the other e2e files expect it, kept aside while this test uses its own. */
function setAsideStore() {
  mkdirSync(path.join(work, 'kept'), { recursive: true });
  for (const f of STORE_FILES) {
    const p = path.join(storeDir, f);
    if (existsSync(p)) {
      copyFileSync(p, path.join(work, 'kept', f));
      rmSync(p);
    }
  }
}

function putBackStore() {
  // 恢复 kept the store it replaced beside it.
  for (const f of readdirSync(storeDir)) if (f.includes('before-restore')) rmSync(path.join(storeDir, f));
  for (const f of STORE_FILES) {
    rmSync(path.join(storeDir, f), { force: true });
    const kept = path.join(work, 'kept', f);
    if (existsSync(kept)) copyFileSync(kept, path.join(storeDir, f));
  }
}

after(async () => {
  await session?.end();
  if (storeDir) {
    await waitForNoApp();
    putBackStore();
  }
  rmSync(work, { recursive: true, force: true });
});

/** The county's store: the sample (the county government's own report), two townships' files
 * made from it with other 处理决定 counts, a township with nothing sent, a 垂直管理 department. */
function prepareStore() {
  mkdirSync(storeDir, { recursive: true });
  setAsideStore();
  const db = path.join(storeDir, 'nianbao.db');
  const sample = path.join(work, 'sample.json');
  cli('sample', '--out', sample);
  const files = [sample];
  for (const town of TOWNS) {
    const r = JSON.parse(readFileSync(sample, 'utf8'));
    r.unit = { ...r.unit, name: town.name, kind: 'township', parent: COUNTY };
    r.title = `${town.name}${YEAR}年政府信息公开工作年度报告`;
    r.figures[CELL] = town.decisions;
    const file = path.join(work, `${town.name}${YEAR}.nianbao.json`);
    writeFileSync(file, JSON.stringify(r, null, 2));
    files.push(file);
  }
  cli('import', '--db', db, ...files);
  cli('units', 'add', '--db', db, '--name', MISSING, '--kind', 'township', '--parent', COUNTY);
  cli('units', 'add', '--db', db, '--name', VERTICAL, '--kind', 'department', '--parent', COUNTY, '--vertical');
}

/** An element's DOM text (WebKitWebDriver's rendered text is empty for some laid-out nodes). */
async function content(css) {
  return session.execute('const e = document.querySelector(arguments[0]); return e ? e.textContent : null;', css);
}

async function attrs(css, name) {
  return session.execute(
    'return [...document.querySelectorAll(arguments[0])].map((e) => e.getAttribute(arguments[1]));',
    css,
    name,
  );
}

test('a county clerk sees who has reported, sums the units and drills into a cell, backs up and restores', async (t) => {
  assert.ok(existsSync(CLI), `${CLI} (cargo build -p nianbao-cli)`);
  assert.ok(DATA && SAVE_DIR, 'run through tests/e2e/run.sh (NIANBAO_E2E_DATA, NIANBAO_SAVE_DIR)');
  await waitForNoApp();
  prepareStore();
  ({ session } = await launch());
  try {
    await county(t);
  } catch (e) {
    await session.screenshot('county-failed', ARTIFACTS).catch(() => {});
    throw e;
  }
});

async function county(t) {
  // 单位管理: the tree, the townships under the county, the 垂直管理 department marked.
  await (await session.waitFor(id('open-units'))).click();
  await session.waitFor(id('unit-tree'));
  const units = await attrs(id('unit-row'), 'data-unit');
  assert.equal(units[0], COUNTY);
  for (const name of [MISSING, VERTICAL, ...TOWNS.map((x) => x.name)]) assert.ok(units.includes(name), `${name} in ${units}`);
  const depths = await attrs(id('unit-row'), 'data-depth');
  assert.deepEqual(depths, ['0', '1', '1', '1', '1']);
  assert.match(await content(`${id('unit-row')}[data-unit="${VERTICAL}"]`), /垂直管理/);
  await session.screenshot('county-units', ARTIFACTS);
  await session.click(id('back'));

  // 报送情况 for the county and 2020: the township that sent nothing comes first.
  await (await session.waitFor(id('open-county'))).click();
  await session.waitFor(id('pick-year'));
  const year = await session.find(id('pick-year'));
  await year.clear();
  await year.sendKeys(String(YEAR));
  await session.click(`[role="dialog"] ${id('confirm')}`);
  await session.waitFor(id('returns'));
  const rows = await attrs(id('return-row'), 'data-unit');
  assert.equal(rows[0], MISSING, `the missing unit first: ${rows}`);
  assert.deepEqual(await attrs(id('return-row'), 'data-received'), ['no', 'yes', 'yes', 'yes', 'no']);
  assert.equal(rows.at(-1), VERTICAL);
  assert.match(await content(`${id('return-row')}[data-unit="${MISSING}"]`), /未报送/);
  assert.match(await content(id('deadline')), /2021年1月31日前/);
  await session.screenshot('county-returns', ARTIFACTS);

  // 汇总: the county, the two townships summed; the missing and the vertical named.
  await session.click(id('go-summary'));
  await session.waitFor(id('summed-units'), { timeout: 30_000 });
  assert.match(await content(id('summed-units')), /计入汇总（3个）/);
  assert.match(await content(id('missing-units')), new RegExp(MISSING));
  assert.match(await content(id('vertical-units')), new RegExp(VERTICAL));

  // A click on a summed cell lists each unit's part.
  await session.click(id('summary-tab-proactive'));
  const total = SAMPLE_DECISIONS + TOWNS.reduce((s, x) => s + x.decisions, 0);
  const cell = await session.waitFor(S.cell(CELL));
  assert.equal(await cell.value(), String(total));
  await cell.click();
  await session.waitFor(id('contribution'));
  assert.equal((await content(id('drill-total'))).trim(), String(total));
  const parts = await session.execute(
    `return [...document.querySelectorAll('${id('contribution')}')].map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent.trim()));`,
  );
  assert.deepEqual(parts, [
    [COUNTY, String(SAMPLE_DECISIONS)],
    [TOWNS[0].name, String(TOWNS[0].decisions)],
    [TOWNS[1].name, String(TOWNS[1].decisions)],
  ]);
  await session.screenshot('county-summary', ARTIFACTS);

  // 导出汇总表PDF: titled as a 汇总表, the units named after the tables.
  await session.click(id('export-summary-pdf'));
  await waitUntil(async () => /已保存到/.test((await content(id('summary-notice'))) ?? ''), { timeout: 60_000, message: 'the PDF to be saved' });
  const pdf = readdirSync(SAVE_DIR).find((f) => f.endsWith('汇总表.pdf'));
  assert.ok(pdf, `a 汇总表 PDF in ${readdirSync(SAVE_DIR)}`);
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', path.join(SAVE_DIR, pdf), '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  assert.ok(text.includes(`${COUNTY}${YEAR}年政府信息公开工作年度报告汇总表`), 'the title');
  assert.ok(text.includes(`尚未报送的单位（1个）：${MISSING}。`), 'the missing unit named');
  assert.ok(text.includes(String(total)), 'the summed figure');
  copyFileSync(path.join(SAVE_DIR, pdf), path.join(ARTIFACTS, 'county-summary.pdf'));
  // The save folder is shared with the other e2e files, which look for their own exports there.
  rmSync(path.join(SAVE_DIR, pdf));

  // 本级报告为全县汇总口径: the county's own report is compared with its units' sum (rule 11).
  await session.click(id('county-wide'));
  await waitUntil(async () => /计入汇总（2个）/.test((await content(id('summed-units'))) ?? ''), { timeout: 30_000, message: 'the sum without the county' });
  assert.match(await content(id('summary-findings')), /全县汇总口径/);
  await session.screenshot('county-summary-county-wide', ARTIFACTS);
  await session.click(id('county-wide'));
  await waitUntil(async () => /计入汇总（3个）/.test((await content(id('summed-units'))) ?? ''), { timeout: 30_000, message: 'the sum with the county' });
  await session.click(id('summary-tab-proactive'));
  await (await session.waitFor(S.cell(CELL))).click();
  await session.waitFor(id('contribution'));

  // A unit named there opens its own report, at table 二.
  await session.click(`${id('contribution')}[data-unit="${TOWNS[1].name}"] ${id('open-contributor')}`);
  await waitUntil(async () => new RegExp(`${TOWNS[1].name} · ${YEAR}年`).test((await content(S.reportTitle)) ?? ''), {
    timeout: 15_000,
    message: 'the township report to open',
  });
  const own = await session.waitFor(S.cell(CELL));
  assert.equal(await own.value(), String(TOWNS[1].decisions));
  assert.match(await session.execute('return location.hash;'), /\/proactive$/);
  // 返回 goes back to the summary it came from.
  assert.equal((await content(S.backToList)).trim(), '← 汇总');
  await session.click(S.backToList);
  await session.waitFor(id('summed-units'), { timeout: 30_000 });

  await backupAndRestore();
}

/** 备份 writes a store file (read back with nianbao-cli); a report deleted after it comes back
 * with 恢复, which asks first. The open dialog is the one file in NIANBAO_OPEN_FILES' folder. */
async function backupAndRestore() {
  await session.click(id('back'));
  await (await session.waitFor(id('backup'))).click();
  await waitUntil(async () => /已备份到/.test((await content(id('tools-notice'))) ?? ''), { timeout: 30_000, message: 'the backup' });
  const backup = readdirSync(SAVE_DIR).find((f) => /^年报数据备份\d{4}-\d{2}-\d{2}\.db$/.test(f));
  assert.ok(backup, `a backup in ${readdirSync(SAVE_DIR)}`);
  const backupPath = path.join(SAVE_DIR, backup);
  assert.match(cli('units', '--db', backupPath), new RegExp(MISSING), 'the backup is a store with the units');

  const town = TOWNS[0].name;
  await session.click(`${S.reportRowOf(town, YEAR)} ${id('delete-report')}`);
  await session.click(`[role="dialog"] ${id('confirm')}`);
  await waitUntil(async () => (await attrs(S.reportRow, 'data-unit')).every((u) => u !== town), { message: 'the report deleted' });

  const chosen = path.join(openFiles(), path.basename(backupPath));
  copyFileSync(backupPath, chosen);
  rmSync(backupPath);
  await session.click(id('restore'));
  await session.waitFor(id('restore-confirm'));
  assert.match(await content(id('restore-confirm')), /用备份文件替换现有的全部报告数据/);
  await session.click(`${id('restore-confirm')} ${id('confirm')}`);
  await waitUntil(async () => /原来的数据已另存为/.test((await content(id('tools-notice'))) ?? ''), { timeout: 30_000, message: 'the restore' });
  await waitUntil(async () => (await attrs(S.reportRow, 'data-unit')).includes(town), { message: 'the report back in the list' });
  rmSync(chosen);
}
