// The page's Map view in Debian's Chromium (headless, playwright-core) against the embedded service: the
// default map (30 temperatures 140–260 °C, 100 h, the form's alloy) on navigator.hardwareConcurrency Web
// Workers, from the click on "Draw map" to the first column and to the complete map (the view's
// 'map-first-column' and 'map-complete' measures). First map of a fresh page (its workers start then) and
// a second map on the same page (workers warm). Medians of BENCH_REPS (5). Not a test:
// `npm run build && node build/bench/map-page.js`.
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { loadConfig } from '../src/config.js';
import { silentLogger } from '../src/service/log.js';
import { startServer } from '../src/service/server.js';
import { launchBrowser } from '../tools/chromium.js';

const REPS = Number(process.env.BENCH_REPS ?? 5);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

interface MapTimes {
  firstMs: number;
  completeMs: number;
  /** The runs' own engine time, summed over the temperatures. */
  engineMs: number;
}

async function drawMap(page: Page): Promise<MapTimes> {
  await page.click('#map-draw');
  await page.waitForFunction(() => document.getElementById('map-view')?.dataset.state === 'done', null, {
    timeout: 300_000,
  });
  return page.evaluate(() => {
    const last = (name: string) => performance.getEntriesByName(name).at(-1)?.duration ?? NaN;
    const engineMs = Number(document.getElementById('map-view')?.dataset.engineMs);
    return { firstMs: last('map-first-column'), completeMs: last('map-complete'), engineMs };
  });
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-map-'));
  const server = await startServer(
    loadConfig({ DATA_DIR: dir, PORT: '0', WORKER_CONCURRENCY: '1' }),
    silentLogger,
  );
  const browser = await launchBrowser();
  const first: MapTimes[] = [];
  const second: MapTimes[] = [];
  let workers = 0;
  try {
    for (let rep = 0; rep < REPS; rep++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${server.url}/`);
      await page.waitForFunction(() => document.getElementById('preview')?.dataset.state === 'done');
      workers = await page.evaluate(() => navigator.hardwareConcurrency);
      first.push(await drawMap(page));
      second.push(await drawMap(page));
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
  const row = (name: string, xs: MapTimes[]) =>
    `| ${name} | ${median(xs.map((x) => x.firstMs)).toFixed(0)} | ${median(xs.map((x) => x.completeMs)).toFixed(0)} | ` +
    `${median(xs.map((x) => x.engineMs)).toFixed(0)} | ${median(xs.map((x) => x.completeMs / (x.engineMs / workers))).toFixed(2)} |`;
  console.log(`${cpus().length} cores, ${new Date().toISOString()}, medians of ${REPS}`);
  console.log(`${workers} Web Workers (navigator.hardwareConcurrency)`);
  console.log(
    '| map | first column, ms | complete, ms | engine time of the 30 runs, ms | complete ÷ (engine ÷ workers) |\n| --- | --- | --- | --- | --- |',
  );
  console.log(row('first map of a page (workers start)', first));
  console.log(row('second map (workers warm)', second));
}

await main();
