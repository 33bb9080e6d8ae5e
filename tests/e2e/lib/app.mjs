// Starting and stopping nianbao for a test, with the timing of the cold start.

import path from 'node:path';
import { existsSync, mkdirSync, readFileSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Session, waitUntil } from './webdriver.mjs';
import { S } from './selectors.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '../../..');
export const ARTIFACTS = process.env.NIANBAO_E2E_ARTIFACTS ?? path.join(ROOT, 'tests/artifacts');
/** The run's throw-away data root (run.sh sets it): HOME and XDG_* of the app live below it. */
export const DATA = process.env.NIANBAO_E2E_DATA;
/** Where the app writes exports (NIANBAO_SAVE_DIR replaces the native save dialog). */
export const SAVE_DIR = process.env.NIANBAO_E2E_SAVE_DIR;
/** What 导入 reads (NIANBAO_OPEN_FILES names this folder in place of the native open dialog):
 * every file in it. Empty it with `openFiles()`, write the files, then click 导入. */
export const OPEN_DIR = process.env.NIANBAO_E2E_OPEN_DIR;

/** Empties OPEN_DIR and returns it, for a test to write the files 导入 will read. */
export function openFiles() {
  if (!OPEN_DIR) throw new Error('run through tests/e2e/run.sh (NIANBAO_E2E_OPEN_DIR)');
  rmSync(OPEN_DIR, { recursive: true, force: true });
  mkdirSync(OPEN_DIR, { recursive: true });
  return OPEN_DIR;
}
export const IDENTIFIER = JSON.parse(readFileSync(path.join(ROOT, 'tauri.conf.json'), 'utf8')).identifier;
export const APP = path.resolve(process.env.NIANBAO_E2E_APP ?? path.join(ROOT, 'target/debug/nianbao'));
/** nianbao-cli, for making and reading report files (run.sh copies it beside the app). */
export const CLI = path.resolve(process.env.NIANBAO_E2E_CLI ?? path.join(ROOT, 'target/debug/nianbao-cli'));

/** A CJK ideograph, i.e. "the page shows Chinese text". */
export const HAN = /\p{Script=Han}/u;

/** PIDs of running processes whose executable is APP (Linux /proc). */
export function appPids() {
  const pids = [];
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try { if (readlinkSync(`/proc/${pid}/exe`) === APP) pids.push(Number(pid)); } catch { /* gone, or not ours */ }
  }
  return pids;
}

/**
 * Waits until no instance of APP runs. An instance still shutting down holds the single-instance
 * D-Bus name, and a new one then tries to hand over to it and dies (the new session hangs).
 * run.sh gives every run a private copy of the binary, so this sees only the run's own instances.
 */
export async function waitForNoApp(timeout = 20_000) {
  await waitUntil(() => appPids().length === 0, {
    timeout, message: `previous ${path.basename(APP)} instances (${appPids().join(', ')}) to exit`,
  });
}

/**
 * Launches the app in a new WebDriver session and waits until the UI has rendered text.
 * Returns { session, startupMs, sessionMs }: startupMs runs from the new-session request to the
 * first rendered element with Chinese text (a cold start to an interactive window); sessionMs
 * is the part until WebDriver had the window (process start + webview + page load).
 */
export async function launch({ timeout = 60_000 } = {}) {
  if (!existsSync(APP)) throw new Error(`no app binary at ${APP}: run \`cargo build --bin nianbao\` (after \`cd ui && npm run build\`)`);
  await waitForNoApp();
  const t0 = performance.now();
  const since = () => Math.round(performance.now() - t0);
  let session;
  try {
    session = await Session.start(APP);
  } catch (e) {
    throw new Error(`the app did not start (new session failed after ${since()} ms; see tests/artifacts/e2e-driver.log): ${e.message}`);
  }
  const sessionMs = since();
  try {
    await session.waitFor(S.rendered, { timeout });
    await waitUntil(async () => HAN.test(await session.text(S.root)), { timeout, interval: 50, message: `${S.root} shows Chinese text` });
  } catch (e) {
    await session.screenshot('launch-failed', ARTIFACTS).catch(() => {});
    await session.end();
    throw new Error(`the window did not render (after ${since()} ms): ${e.message}`);
  }
  return { session, startupMs: since(), sessionMs };
}
