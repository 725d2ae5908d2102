// The page's Map view in Debian's Chromium against the embedded service: the default map (30
// temperatures 140–260 °C, 100 h, the form's alloy) fills in column by column on the page's Web Workers
// and its table equals the server's rows for the same sweep document; the server button draws the same
// map from the server's rows; hover reads strength, a click opens the run in the single-run view.
import { readFile } from 'node:fs/promises';
import anyTest, { type TestFn } from 'ava';
import type { Browser, Page } from 'playwright-core';
import type { TestServer } from '../helpers/server.js';
import { waitForSweep, withoutTiming, type SweepBody } from '../service/sweep-support.js';
import { openPage, screenshot, serverAndBrowser, waitForPreview, type WatchedPage } from './support.js';

const test = anyTest as TestFn<{ page?: WatchedPage }>;
let browser: Browser;
let server: TestServer;

serverAndBrowser(test, 'build/web/map-worker.js', { WORKER_CONCURRENCY: '2' }, (s, b) => {
  [server, browser] = [s, b];
});

type Table = { document: unknown; source: string; rows: Record<string, unknown>[] };

/** The table the view offers for download, downloaded as a person would. */
async function downloaded(page: Page): Promise<Table> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#map-download')]);
  return JSON.parse(await readFile(await download.path(), 'utf8')) as Table;
}

const mapState = (page: Page) =>
  page.evaluate(() => {
    const view = document.getElementById('map-view') as HTMLElement;
    return { ...view.dataset };
  });

test.serial('the default map fills in column by column and equals the server’s table', async (t) => {
  const watched = (t.context.page = await openPage(browser, `${server.url}/`));
  const { page } = watched;
  await waitForPreview(page, 0);
  t.is(await page.inputValue('#map-from'), '140');
  t.is(await page.inputValue('#map-to'), '260');
  t.is(await page.inputValue('#map-count'), '30');
  t.is(await page.inputValue('#map-hours'), '100');
  await page.click('#map-draw');
  await page.waitForFunction(() => Number(document.getElementById('map-view')?.dataset.columns) >= 1);
  const early = await mapState(page);
  t.is(early.state, 'running', 'the first column is on screen before the map is complete');
  t.true(Number(early.columns) < 30, `${early.columns} columns at the first look`);
  await page.waitForFunction(() => document.getElementById('map-view')?.dataset.state === 'done', null, {
    timeout: 180_000,
  });
  const done = await mapState(page);
  t.is(done.columns, '30');
  t.true(Number(done.firstColumnMs) < Number(done.completeMs));
  t.log(`first column ${done.firstColumnMs} ms, complete ${done.completeMs} ms (busy shared machine)`);
  await screenshot(page, 'map-default');
  const local = await downloaded(page);
  t.is(local.source, 'page');
  t.deepEqual(
    local.rows.map((r) => r.index),
    Array.from({ length: 30 }, (_, i) => i),
  );
  // The same sweep document through the API: the server's rows are the page's, bit for bit.
  const api = server.api();
  const posted = await api.post<SweepBody>('/api/v1/sweeps', local.document);
  t.is(posted.status, 202, posted.text);
  t.is((await waitForSweep(api, posted.body.id)).status, 'completed');
  const results = await api.get<{ rows: Record<string, unknown>[] }>(
    `/api/v1/sweeps/${posted.body.id}/results`,
  );
  t.deepEqual(local.rows.map(withoutTiming), results.body.rows.map(withoutTiming));
  t.deepEqual(watched.errors, []);
});

test.serial(
  'the server button draws the same map; hover or arrow keys read strength; a click or Enter opens the run',
  async (t) => {
    const watched = (t.context.page = await openPage(browser, `${server.url}/`));
    const { page } = watched;
    await page.fill('#map-count', '4');
    await page.fill('#map-hours', '10');
    await page.click('#map-draw');
    await page.waitForFunction(() => document.getElementById('map-view')?.dataset.state === 'done', null, {
      timeout: 120_000,
    });
    const local = await downloaded(page);
    await page.click('#map-server');
    await page.waitForFunction(() => document.getElementById('map-view')?.dataset.source === 'server', null, {
      timeout: 120_000,
    });
    const remote = await downloaded(page);
    t.deepEqual(remote.rows.map(withoutTiming), local.rows.map(withoutTiming));
    const box = (await page.locator('#map-canvas').boundingBox()) as {
      x: number;
      y: number;
      width: number;
      height: number;
    };
    // The third of four columns (220 °C), half-way up the log time axis (0.1 h for a 10 h span).
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.5);
    await page.waitForFunction(() => /MPa/.test(document.getElementById('map-readout')?.textContent ?? ''));
    const readout = (await page.textContent('#map-readout')) ?? '';
    const [, celsius, hours, mpa] = /^(\S+) °C, (\S+) h: (\S+) MPa/.exec(readout) ?? [];
    t.is(celsius, '220', readout);
    t.true(Number(hours) > 0.08 && Number(hours) < 0.12, readout);
    const curve = (remote.rows[2].curves as { yield_strength_mpa: number[] }).yield_strength_mpa;
    t.true(Number(mpa) >= Math.min(...curve) && Number(mpa) <= Math.max(...curve), readout);
    await page.mouse.click(box.x + box.width * 0.1, box.y + box.height * 0.5);
    t.is(await page.inputValue('[data-pointer="/temperature_profile/temperatures_celsius/0"]'), '140');
    t.is(await page.inputValue('[data-pointer="/simulation_time_hours"]'), '10');
    // The keyboard reads the same map: from 140 °C half-way up, two temperatures right, a decade up.
    await page.focus('#map-canvas');
    for (const key of ['ArrowRight', 'ArrowRight', 'ArrowUp', 'ArrowUp', 'ArrowUp', 'ArrowUp'])
      await page.keyboard.press(key);
    const keyed = (await page.textContent('#map-readout')) ?? '';
    t.regex(keyed, /^220 °C, 1 h: \S+ MPa/);
    const [, keyedMpa] = /: (\S+) MPa/.exec(keyed) ?? [];
    t.true(Number(keyedMpa) >= Math.min(...curve) && Number(keyedMpa) <= Math.max(...curve), keyed);
    await page.keyboard.press('End');
    t.regex((await page.textContent('#map-readout')) ?? '', /^260 °C, 1 h: /);
    await page.keyboard.press('Enter');
    t.is(await page.inputValue('[data-pointer="/temperature_profile/temperatures_celsius/0"]'), '260');
    t.deepEqual(watched.errors, []);
  },
);
