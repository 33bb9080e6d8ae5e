// The county collects its townships' files in the real app: 导入 of many files at once gives
// every file its outcome (新增, and 未导入 with the reason for a broken file and an older copy of
// a file); after the clerk changes a township's report, a file made before that change waits,
// shows its differences cell by cell, and 以文件为准 takes it. 报送文件 writes the unit's stamped
// file. Files are made from the sample with nianbao-cli and edited as JSON (the exchange format
// is documented in src-tauri/crates/report/EXCHANGE-FORMAT.md).

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch, openFiles, ARTIFACTS, CLI, SAVE_DIR } from './lib/app.mjs';
import { S } from './lib/selectors.mjs';
import { Key, waitUntil } from './lib/webdriver.mjs';

let session;
const work = mkdtempSync(path.join(os.tmpdir(), 'nianbao-e2e-collect.'));
after(() => {
  rmSync(work, { recursive: true, force: true });
  return session?.end();
});

const COUNTY = '舒城县人民政府';
const YEAR = 2020;
/** 表二 行政处罚 本年处理决定数量 (the sample has 187208). */
const KEY = 'proactive.penalty.decisions';

async function content(css) {
  return session.execute('const e = document.querySelector(arguments[0]); return e ? e.textContent : null;', css);
}

/** A township's file: the sample under the township's name, stamped as sent at `sentAt`. */
function townshipFile(dir, name, file, sentAt, change = {}) {
  const samplePath = path.join(work, 'sample.json');
  if (!existsSync(samplePath)) execFileSync(CLI, ['sample', '--out', samplePath]);
  const sample = JSON.parse(readFileSync(samplePath, 'utf8'));
  sample.unit.name = name;
  sample.unit.kind = 'township';
  sample.unit.parent = COUNTY;
  sample.title = `${name}${YEAR}年政府信息公开工作年度报告`;
  Object.assign(sample.figures, change);
  sample.sent_at = sentAt;
  const p = path.join(dir, file);
  writeFileSync(p, JSON.stringify(sample, null, 2));
  return p;
}

test('the county imports many files, each with its outcome, and settles a conflict cell by cell', async (t) => {
  assert.ok(existsSync(CLI), `${CLI} (cargo build -p nianbao-cli)`);
  ({ session } = await launch());
  try {
    await collect(t);
  } catch (e) {
    await session.screenshot('collect-failed', ARTIFACTS).catch(() => {});
    throw e;
  }
});

async function collect() {
  const dir = openFiles();
  townshipFile(dir, '城关镇人民政府', '城关镇人民政府2020.nianbao.json', '2021-01-20T02:00:00Z');
  townshipFile(dir, '城关镇人民政府', '城关镇（旧）.nianbao.json', '2021-01-18T02:00:00Z', { [KEY]: 1 });
  townshipFile(dir, '桃溪镇人民政府', '桃溪镇人民政府2020.nianbao.json', '2021-01-21T02:00:00Z');
  const sound = readFileSync(path.join(dir, '桃溪镇人民政府2020.nianbao.json'), 'utf8');
  writeFileSync(path.join(dir, '损坏的文件.nianbao.json'), sound.slice(0, sound.length / 2));

  await (await session.waitFor(S.importReports)).click();
  await session.waitFor(S.importResults, { timeout: 30_000 });
  assert.equal((await content(S.importSummary)).trim(), '共4个文件：新增2份，未导入2份。');
  await session.waitFor(S.importFileOutcome('城关镇人民政府2020.nianbao.json', 'created'));
  await session.waitFor(S.importFileOutcome('桃溪镇人民政府2020.nianbao.json', 'created'));
  assert.match(await content(S.importFile('损坏的文件.nianbao.json')), /未导入[\s\S]*文件意外结束（文件不完整）/);
  assert.match(
    await content(S.importFile('城关镇（旧）.nianbao.json')),
    /已采用较新的“城关镇人民政府2020\.nianbao\.json”/,
  );
  // Files that need the clerk come first: the refused ones before those taken.
  const order = await session.execute(
    'return [...document.querySelectorAll("[data-testid=import-file]")].map((e) => e.dataset.outcome);',
  );
  assert.deepEqual(order, ['refused', 'refused', 'created', 'created']);
  await session.screenshot('collect-results', ARTIFACTS);
  await session.click(S.closeImportResults);
  await session.waitFor(S.reportRowOf('桃溪镇人民政府', YEAR));

  // The county changes 城关镇's figure in the editor (after the township made its file) …
  await (await session.waitFor(S.openReport('城关镇人民政府', YEAR))).click();
  await (await session.waitFor(S.tab('proactive'), { timeout: 15_000 })).click();
  const cell = await session.waitFor(S.cell(KEY));
  await session.execute('arguments[0].scrollIntoView({ block: "center" });', cell);
  await cell.click();
  await session.press(...'187000'.split(''), Key.Enter);
  await waitUntil(async () => ((await content(S.saveState)) ?? '').trim().startsWith('已保存'), {
    timeout: 15_000, message: 'the save state to read 已保存',
  });
  await session.click(S.backToList);

  // … then a file the township made before that change comes again: it waits for the clerk.
  const again = openFiles();
  townshipFile(again, '城关镇人民政府', '城关镇（改正）.nianbao.json', new Date(Date.now() - 60_000).toISOString(), { [KEY]: 187209 });
  await (await session.waitFor(S.importReports)).click();
  await session.waitFor(S.importFileOutcome('城关镇（改正）.nianbao.json', 'waiting'), { timeout: 30_000 });
  const differences = await session.execute(
    'return [...document.querySelectorAll(arguments[0])].map((e) => e.textContent);', S.importDifference,
  );
  assert.deepEqual(differences, ['表二“行政处罚”行“处理决定数量”列187000187209']);
  await session.screenshot('collect-conflict', ARTIFACTS);
  await session.click(S.takeFile);
  await session.waitFor(S.importFileOutcome('城关镇（改正）.nianbao.json', 'updated'), { timeout: 30_000 });
  await session.click(S.closeImportResults);

  // 报送文件 writes the township's own stamped file.
  await (await session.waitFor(S.sendReport('城关镇人民政府', YEAR))).click();
  await waitUntil(async () => /报送文件已保存到/.test((await content(S.listNotice)) ?? ''), {
    timeout: 15_000, message: 'the 报送文件 notice',
  });
  const sent = readdirSync(SAVE_DIR).filter((f) => f.endsWith('.nianbao.json'));
  assert.deepEqual(sent, ['城关镇人民政府2020.nianbao.json']);
  const file = JSON.parse(readFileSync(path.join(SAVE_DIR, sent[0]), 'utf8'));
  assert.equal(file.figures[KEY], 187209);
  assert.match(file.sent_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
}
