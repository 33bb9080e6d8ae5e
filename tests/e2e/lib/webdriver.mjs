// A minimal W3C WebDriver client for tauri-driver, on Node's built-in fetch. No dependencies.
// Spec: https://www.w3.org/TR/webdriver2/ . tauri-driver proxies to WebKitWebDriver on Linux.

import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

export const DRIVER_URL = process.env.TAURI_DRIVER_URL ?? 'http://127.0.0.1:4444';
// No single WebDriver command may take longer (a hung WebKit must fail the test, not stall it).
export const COMMAND_TIMEOUT_MS = Number(process.env.NIANBAO_E2E_COMMAND_TIMEOUT_MS ?? 60_000);

// The W3C key code points (spec §17.4.2). Use them in sendKeys() text or in press().
export const Key = Object.freeze({
  Backspace: '\uE003', Tab: '\uE004', Enter: '\uE007', Shift: '\uE008', Control: '\uE009',
  Alt: '\uE00A', Escape: '\uE00C', Space: '\uE00D', PageUp: '\uE00E', PageDown: '\uE00F',
  End: '\uE010', Home: '\uE011', ArrowLeft: '\uE012', ArrowUp: '\uE013', ArrowRight: '\uE014',
  ArrowDown: '\uE015', Delete: '\uE017', F5: '\uE035',
});

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

export class WebDriverError extends Error {
  constructor(method, route, status, value) {
    super(`${method} ${route} → ${status} ${value?.error ?? ''}: ${value?.message ?? JSON.stringify(value)}`);
    this.error = value?.error;
  }
}

async function request(method, route, body) {
  const res = await fetch(DRIVER_URL + route, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(COMMAND_TIMEOUT_MS),
  }).catch((e) => {
    throw new Error(`${method} ${route}: ${e.name === 'TimeoutError' ? `no answer within ${COMMAND_TIMEOUT_MS} ms` : e.cause?.message ?? e.message}`);
  });
  const text = await res.text();
  let json;
  try { json = text ? JSON.parse(text) : {}; } catch { json = { value: { message: text } }; }
  if (!res.ok || json.value?.error) throw new WebDriverError(method, route, res.status, json.value);
  return json.value;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Polls fn until it returns a truthy value (which is returned) or timeout ms pass.
 * Errors thrown by fn count as "not yet"; the last one is reported on timeout.
 */
export async function waitUntil(fn, { timeout = 10_000, interval = 100, message = 'condition' } = {}) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) { last = e; }
    if (Date.now() > end) {
      throw new Error(`waitUntil: ${message} not met within ${timeout} ms${last ? ` (last error: ${last.message})` : ''}`);
    }
    await sleep(interval);
  }
}

export class Element {
  constructor(session, id, selector) { this.session = session; this.id = id; this.selector = selector; }
  #r(method, sub, body) { return this.session.cmd(method, `/element/${this.id}${sub}`, body); }
  click() { return this.#r('POST', '/click', {}); }
  clear() { return this.#r('POST', '/clear', {}); }
  /** Types text into the element; W3C key code points (Key.Tab, Key.Enter…) are allowed. */
  sendKeys(text) { return this.#r('POST', '/value', { text: String(text) }); }
  text() { return this.#r('GET', '/text'); }
  attribute(name) { return this.#r('GET', `/attribute/${encodeURIComponent(name)}`); }
  property(name) { return this.#r('GET', `/property/${encodeURIComponent(name)}`); }
  displayed() { return this.#r('GET', '/displayed'); }
  enabled() { return this.#r('GET', '/enabled'); }
  /** The element's `value` property (what an <input> currently holds). */
  value() { return this.property('value'); }
  async find(css) { return new Element(this.session, (await this.#r('POST', '/element', { using: 'css selector', value: css }))[ELEMENT], css); }
  async findAll(css) {
    return (await this.#r('POST', '/elements', { using: 'css selector', value: css })).map((e) => new Element(this.session, e[ELEMENT], css));
  }
  toJSON() { return { [ELEMENT]: this.id }; }
}

export class Session {
  constructor(id, capabilities) { this.id = id; this.capabilities = capabilities; }

  /** Starts the app (tauri-driver launches `application`) and returns the session. */
  static async start(application, extraTauriOptions = {}) {
    const v = await request('POST', '/session', {
      capabilities: { alwaysMatch: { 'tauri:options': { application, ...extraTauriOptions } } },
    });
    return new Session(v.sessionId, v.capabilities);
  }

  cmd(method, sub, body) { return request(method, `/session/${this.id}${sub}`, body); }

  /** Ends the session; tauri-driver then closes the app. Never throws. */
  async end() { try { await request('DELETE', `/session/${this.id}`); } catch { /* already gone */ } }

  title() { return this.cmd('GET', '/title'); }
  url() { return this.cmd('GET', '/url'); }
  source() { return this.cmd('GET', '/source'); }

  async find(css) {
    return new Element(this, (await this.cmd('POST', '/element', { using: 'css selector', value: css }))[ELEMENT], css);
  }
  async findAll(css) {
    return (await this.cmd('POST', '/elements', { using: 'css selector', value: css })).map((e) => new Element(this, e[ELEMENT], css));
  }
  /** Waits until css matches an element (and, by default, it is displayed); returns it. */
  waitFor(css, { timeout = 10_000, visible = true, interval = 50 } = {}) {
    return waitUntil(async () => {
      const el = await this.find(css);
      return !visible || (await el.displayed()) ? el : null;
    }, { timeout, interval, message: `element ${css}` });
  }
  async text(css) { return (await this.find(css)).text(); }
  async click(css) { return (await this.find(css)).click(); }
  async type(css, text) { return (await this.find(css)).sendKeys(text); }

  /** Runs a synchronous script in the page; `arguments` holds args (Elements are passed by reference). */
  execute(script, ...args) { return this.cmd('POST', '/execute/sync', { script, args }); }
  /** Runs an async script; call `arguments[arguments.length - 1](result)` to finish. */
  executeAsync(script, ...args) { return this.cmd('POST', '/execute/async', { script, args }); }
  activeElement() { return this.cmd('GET', '/element/active').then((e) => new Element(this, e[ELEMENT], ':focus')); }

  /**
   * Presses keys on whatever has focus, through W3C actions: each argument is one key (Key.Tab,
   * 'a') or an array of keys held together as a chord ([Key.Control, 'a']).
   */
  async press(...keys) {
    const actions = [];
    for (const k of keys) {
      const chord = Array.isArray(k) ? k : [k];
      for (const c of chord) actions.push({ type: 'keyDown', value: c });
      for (const c of [...chord].reverse()) actions.push({ type: 'keyUp', value: c });
    }
    await this.cmd('POST', '/actions', { actions: [{ type: 'key', id: 'keyboard', actions }] });
    await this.cmd('DELETE', '/actions');
  }

  /**
   * Resolves after the page has painted its current state (two animation frames). A screenshot
   * taken right after the first element is found can otherwise show a blank window.
   */
  painted() {
    return this.executeAsync('const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(() => done(true)));');
  }

  /** Saves a PNG of the window to dir/name.png and returns its path. */
  async screenshot(name, dir) {
    await this.painted();
    const b64 = await this.cmd('GET', '/screenshot');
    await mkdir(dir, { recursive: true });
    const file = path.join(dir, `${name}.png`);
    await writeFile(file, Buffer.from(b64, 'base64'));
    return file;
  }

  setTimeouts(t) { return this.cmd('POST', '/timeouts', t); }
  windowRect() { return this.cmd('GET', '/window/rect'); }
}

/** Whether a WebDriver endpoint answers /status. */
export async function driverReady() {
  try { return (await request('GET', '/status')) != null; } catch { return false; }
}
