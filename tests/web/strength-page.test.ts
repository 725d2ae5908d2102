// The page's strength-model choice in Debian's Chromium: choosing kawin's model re-runs the preview, whose
// yield strength and hardness are the server engine's bits for the same request (the preview runs the
// same engine in its worker).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import test from 'ava';
import type { Browser } from 'playwright-core';
import { simulate } from '../../src/engine/index.js';
import { EXAMPLE_REQUEST } from '../../src/request/index.js';
import { loadEngineDeps } from '../../src/runtime/node.js';
import { ROOT } from '../../tools/harness/paths.js';
import { normalized } from '../helpers/engine.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { launchBrowser, openPage, waitForPreview } from './support.js';

let browser: Browser;
let server: TestServer;

test.before(async () => {
  if (!existsSync(join(ROOT, 'build/web/index.html'))) throw new Error('build/web is missing: npm run build');
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
});
test.after.always(async () => {
  await browser?.close();
  await server?.close();
});

test("choosing kawin's strength model: the preview gives the engine's numbers bit for bit", async (t) => {
  const { page, errors, close } = await openPage(browser, `${server.url}/?example=seed`);
  try {
    t.is(await page.inputValue('#strength-model'), 'seed_orowan');
    const first = await waitForPreview(page, 0);
    const value = async (id: string) => Number(await page.getByTestId(id).getAttribute('data-value'));
    const seedYs = await value('preview-final-ys');
    await page.selectOption('#strength-model', 'kawin');
    await waitForPreview(page, first);
    const deps = await loadEngineDeps('wasm');
    const kawin = await simulate(
      normalized({ ...EXAMPLE_REQUEST, config: { strength: { model: 'kawin' } } }),
      deps,
    );
    const seed = await simulate(normalized(EXAMPLE_REQUEST), deps);
    t.is(seedYs, seed.summary.total_yield_strength_mpa);
    t.is(await value('preview-final-ys'), kawin.summary.total_yield_strength_mpa);
    t.is(await value('preview-peak-ys'), kawin.summary.peak_yield_strength_mpa);
    t.is(await value('preview-hardness'), kawin.summary.hardness_hv);
    t.not(kawin.summary.total_yield_strength_mpa, seed.summary.total_yield_strength_mpa);
    t.deepEqual(errors, []);
  } finally {
    await close();
  }
});
