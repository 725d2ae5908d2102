// The page's Calibrate view in Debian's Chromium against the embedded service: a small data set pasted
// for the form's alloy, a tiny calibration (two parameters, few walkers and steps, a 2 h schedule) on
// the page's Web Workers; the band is drawn (live while sampling, then the posterior's), the result equals
// the core's (`calibrate` with the inline runner on the same document, bit for bit), "use these
// parameters" fills the form, and a CSV error names its line. Screenshots go to test-artifacts/web/.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import anyTest, { type TestFn } from 'ava';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { calibrate } from '../../src/calibrate/calibrate.js';
import { checkCalibration } from '../../src/calibrate/document.js';
import { inlineRunner } from '../../src/calibrate/runner.js';
import type { CalibrationResult } from '../../src/calibrate/summary.js';
import { loadEngineDeps } from '../../src/runtime/node.js';
import { LOCAL_MAX_HOURS } from '../../src/web/calibrate/view.js';
import { ROOT } from '../../tools/harness/paths.js';
import type { TestServer } from '../helpers/server.js';
import { openPage, screenshot, serverAndBrowser, type WatchedPage } from './support.js';

const test = anyTest as TestFn<{ page?: WatchedPage }>;
let browser: Browser;
let server: TestServer;

serverAndBrowser(test, 'build/web/calibrate-worker.js', {}, (s, b) => {
  [server, browser] = [s, b];
});

/** A file the view offers, downloaded as a person would. */
async function downloaded<T>(page: Page, selector: string): Promise<T> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return JSON.parse(await readFile(await download.path(), 'utf8')) as T;
}

const viewData = (page: Page) =>
  page.evaluate(() => ({ ...(document.getElementById('calibrate-view') as HTMLElement).dataset }));

/** Canvas pixels of the band's fill (its blue at a quarter opacity). */
const bandPixels = (page: Page) =>
  page.evaluate(() => {
    const canvas = document.getElementById('calibrate-canvas') as HTMLCanvasElement;
    const { data } = (canvas.getContext('2d') as CanvasRenderingContext2D).getImageData(
      0,
      0,
      canvas.width,
      canvas.height,
    );
    let n = 0;
    for (let i = 0; i < data.length; i += 4)
      if (data[i + 3] > 40 && data[i + 3] < 90 && data[i + 2] > 150) n++;
    return n;
  });

/** The core's calibration with the inline runner, run in Chromium (tests/web/inline-calibration-entry.ts). */
async function inlineInChromium(calibrationDoc: unknown): Promise<CalibrationResult> {
  const bundle = await build({
    entryPoints: [join(ROOT, 'tests/web/inline-calibration-entry.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    minify: true,
    target: ['chrome110', 'firefox110', 'safari16'],
    logLevel: 'error',
  });
  // Ajv compiles its validator with new Function: this context lets the page's policy allow it.
  const context = await browser.newContext({ bypassCSP: true });
  try {
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    await page.addScriptTag({ content: bundle.outputFiles[0].text });
    const tdb = await readFile(join(ROOT, 'data/AlMgSi.tdb'), 'utf8');
    return await page.evaluate(
      ([doc, text, hours]) =>
        (
          globalThis as unknown as {
            inlineCalibration: (d: unknown, t: string, h: number) => Promise<CalibrationResult>;
          }
        ).inlineCalibration(doc, text, hours),
      [calibrationDoc, tdb, LOCAL_MAX_HOURS] as const,
    );
  } finally {
    await context.close();
  }
}

/** Equal structures, numbers to a relative 1e-12. */
function close(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number')
    return a === b || Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b));
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((k) =>
      close((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
    );
  }
  return a === b;
}

const DATA = 'time_h, value, sd\n0.25, 60, 6\n0.5, 80, 6\n1, 110, 8\n2, 150, 8\n';

test.serial(
  'a tiny calibration on the page equals the core’s, draws its band and fills the form',
  async (t) => {
    const watched = (t.context.page = await openPage(browser, `${server.url}/`));
    const { page } = watched;
    await page.fill('[data-pointer="/simulation_time_hours"]', '2');
    await page.selectOption('#calibrate-quantity', 'yield_strength_mpa');
    await page.fill('#calibrate-csv', DATA);
    for (const name of ['beta_prime_energy', 'mobility_factor', 'misfit_strain'])
      await page.uncheck(`#calibrate-param-${name}`);
    const values = { maxEvaluations: '8', walkers: '4', steps: '3', burnIn: '1', seed: '5' };
    for (const [k, v] of Object.entries(values)) await page.fill(`#calibrate-${k}`, v);
    // Every state the view passes through, to see the live band before the result's.
    await page.evaluate(() => {
      const view = document.getElementById('calibrate-view') as HTMLElement;
      const seen: string[] = [];
      (window as unknown as { bandStates: string[] }).bandStates = seen;
      new MutationObserver(() => seen.push(`${view.dataset.state}/${view.dataset.band}`)).observe(view, {
        attributes: true,
      });
    });
    await page.click('#calibrate-run');
    await page.waitForFunction(
      () => document.getElementById('calibrate-view')?.dataset.state !== 'running',
      null,
      {
        timeout: 180_000,
      },
    );
    const view = await viewData(page);
    t.is(view.state, 'done', (await page.textContent('#calibrate-status')) ?? '');
    t.is(view.band, 'posterior');
    t.true((await bandPixels(page)) > 100, 'the band is painted');
    const states = await page.evaluate(() => (window as unknown as { bandStates: string[] }).bandStates);
    t.true(states.includes('running/live'), states.join(' '));
    await screenshot(page, 'calibrate-done');
    const calibrationDoc = await downloaded<unknown>(page, '#calibrate-document');
    const result = await downloaded<CalibrationResult>(page, '#calibrate-result');
    // The core with the inline runner on the same document, in the same browser: equal, bit for bit.
    const core = await inlineInChromium(calibrationDoc);
    t.deepEqual(result.best, core.best);
    t.deepEqual(result.posterior, core.posterior);
    t.deepEqual(result.fit, core.fit);
    t.is(result.runs.total, core.runs.total);
    // And in Node: equal to 1e-12 (Node 20's Math.exp/log round ~10 % of arguments otherwise than Chromium's).
    const checked = checkCalibration(calibrationDoc, { maxSimulationHours: LOCAL_MAX_HOURS });
    if (!checked.ok) return t.fail(JSON.stringify(checked.issues));
    t.is(checked.plan.parameters.length, 2);
    const inNode = await calibrate(checked.plan, inlineRunner(await loadEngineDeps('wasm')));
    t.true(close(result.best, inNode.best), 'best');
    t.true(close(result.posterior, inNode.posterior), 'posterior');
    t.true(close(result.fit, inNode.fit), 'fit');
    const rows = await page.locator('#calibrate-results tbody tr').count();
    t.is(rows, 2);
    // "Use these parameters": the fitted values are in the single-run form.
    await page.click('#calibrate-use');
    const energy = result.best.values.beta_double_prime_energy;
    const base = result.best.values.base_strength_mpa;
    t.is(await page.inputValue('[data-pointer="/config/interfacial_energy/MG5SI6_B_DP"]'), String(energy));
    t.is(await page.inputValue('[data-pointer="/config/strength/base_strength_mpa"]'), String(base));
    t.deepEqual(watched.errors, []);
  },
);

test.serial('a CSV error names its line; the example fills the measurements', async (t) => {
  const watched = (t.context.page = await openPage(browser, `${server.url}/`, { width: 390, height: 844 }));
  const { page } = watched;
  await page.click('#tab-calibrate');
  await page.fill('#calibrate-csv', 'time_h, value, sd\n1, 100, 5\n2, abc, 5\n');
  await page.click('#calibrate-run');
  t.regex((await page.textContent('#calibrate-status')) ?? '', /line 3: value 'abc' is not a number/);
  t.like(await viewData(page), { state: 'error', errorLine: '3' });
  t.is(await page.getAttribute('#calibrate-csv', 'aria-invalid'), 'true');
  await screenshot(page, 'calibrate-csv-error-phone');
  await page.selectOption('#calibrate-alloy', 'example');
  const csv = await page.inputValue('#calibrate-csv');
  t.is(csv.split('\n').length, 19, csv);
  t.is(await page.inputValue('#calibrate-quantity'), 'yield_strength_mpa');
  t.deepEqual(watched.errors, []);
});
