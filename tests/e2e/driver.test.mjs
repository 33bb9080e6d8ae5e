// Checks the WebDriver client itself against the real app window (independent of the UI's
// screens): typing, special keys through W3C actions, focus, execute script, wait-until.
// It works on elements it adds to the page, so it survives any UI rewrite.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './lib/app.mjs';
import { Key, waitUntil } from './lib/webdriver.mjs';

let session;
before(async () => { ({ session } = await launch()); });
after(() => session?.end());

test('execute script returns values and takes element arguments', async () => {
  assert.equal(await session.execute('return arguments[0] + arguments[1]', 40, 2), 42);
  const root = await session.find('#app');
  assert.equal(await session.execute('return arguments[0].id', root), 'app');
});

test('typing, Tab, arrows, Backspace and Enter reach the page', async () => {
  await session.execute(`
    const box = document.createElement('div');
    box.id = 'e2e-probe';
    box.style.cssText = 'position:fixed;top:0;left:0;z-index:99999;background:#fff';
    box.innerHTML = '<input id="e2e-a"><input id="e2e-b"><output id="e2e-log"></output>';
    box.addEventListener('keydown', (e) => { if (e.key === 'Enter') box.querySelector('output').value += 'Enter@' + e.target.id; });
    document.body.append(box);
  `);
  const a = await session.find('#e2e-a');
  await a.click();
  await a.sendKeys('12a');
  await session.press(Key.Backspace, Key.ArrowLeft, Key.ArrowLeft, '3', Key.End, '4');
  assert.equal(await a.value(), '3124');

  await session.press(Key.Tab);
  assert.equal(await (await session.activeElement()).attribute('id'), 'e2e-b');
  await session.press('中', [Key.Shift, Key.Tab]);
  assert.equal(await (await session.activeElement()).attribute('id'), 'e2e-a');
  assert.equal(await (await session.find('#e2e-b')).value(), '中');

  await (await session.find('#e2e-b')).sendKeys(Key.Enter);
  await waitUntil(async () => (await session.text('#e2e-log')) === 'Enter@e2e-b', { timeout: 5000, message: 'Enter seen by the page' });

  await session.execute("document.getElementById('e2e-probe').remove()");
});
