// Smoke test: the app starts, the window shows the page, a screenshot is taken.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { launch, ARTIFACTS, DATA, HAN, IDENTIFIER } from './lib/app.mjs';
import { S } from './lib/selectors.mjs';

let session;
after(() => session?.end());

test('the app starts and shows its page', async (t) => {
  const started = await launch();
  session = started.session;
  // Measured, reported, never asserted (the machine is shared).
  t.diagnostic(`cold start to interactive window: ${started.startupMs} ms (new session ${started.sessionMs} ms)`);

  const title = await session.title();
  assert.match(title, /年报/, `document title: ${title}`);

  const text = await session.text(S.root);
  assert.match(text, HAN, `#app text: ${text}`);

  // The page runs from the embedded bundle, not a dev server, and the window is usable.
  const url = await session.url();
  assert.match(url, /^(tauri:\/\/localhost|http:\/\/tauri\.localhost)/, `url: ${url}`);
  const { width, height } = await session.windowRect();
  assert.ok(width >= 800 && height >= 600, `window ${width}×${height}`);

  // The app keeps its data in the run's throw-away dir, never in the real HOME.
  if (DATA) {
    const dir = path.join(DATA, 'data', IDENTIFIER);
    assert.ok(existsSync(dir), `app_local_data_dir ${dir} in use`);
  }

  const png = await session.screenshot('start', ARTIFACTS);
  t.diagnostic(`screenshot: ${png}`);
});
