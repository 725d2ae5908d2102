// The browser preview's latency in Debian's Chromium (headless, playwright-core) against the embedded
// service: (1) navigation start → first preview shown, for kawin's example 03 (/?example=kawin03) and the
// default request, each in a fresh browser context; (2) last keystroke of a temperature edit → updated
// preview. Medians of 5. Not a test: `npm run build && node build/bench/preview.js`.
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { loadConfig } from '../src/config.js';
import { silentLogger } from '../src/service/log.js';
import { startServer } from '../src/service/server.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/web/support.js';

const REPS = Number(process.env.BENCH_REPS ?? 5);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

interface Shown {
  atMs: number;
  engineMs: number;
}

/** The n-th 'preview-shown' mark of the page (ms since navigation start), once there is one. */
async function previewMark(page: Page, n: number): Promise<Shown> {
  await page.waitForFunction((k) => performance.getEntriesByName('preview-shown').length >= k, n, {
    timeout: 120_000,
  });
  return page.evaluate((k) => {
    const mark = performance.getEntriesByName('preview-shown')[k - 1] as PerformanceMark;
    return { atMs: mark.startTime, engineMs: (mark.detail as { engineMs: number }).engineMs };
  }, n);
}

async function firstPreview(browser: Browser, url: string): Promise<Shown> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    await page.goto(url);
    return await previewMark(page, 1);
  } finally {
    await context.close();
  }
}

/** Types a new temperature for the ramp's end (keys 60 ms apart) and times the preview after it. */
async function keystrokes(browser: Browser, url: string): Promise<Shown[]> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(url);
  await previewMark(page, 1);
  await page.evaluate(() => {
    const w = window as unknown as { lastInputMs: number };
    document.addEventListener('input', () => (w.lastInputMs = performance.now()), true);
  });
  const field = page.locator('[data-pointer="/temperature_profile/temperatures_celsius/2"]');
  const results: Shown[] = [];
  for (let i = 0; i < REPS; i++) {
    await field.click({ clickCount: 3 });
    await page.keyboard.type(String(240 - 5 * i), { delay: 60 });
    const shown = await previewMark(page, i + 2);
    const last = await page.evaluate(() => (window as unknown as { lastInputMs: number }).lastInputMs);
    results.push({ atMs: shown.atMs - last, engineMs: shown.engineMs });
  }
  await context.close();
  return results;
}

const dir = await mkdtemp(join(tmpdir(), 'bench-preview-'));
const server = await startServer(
  loadConfig({ DATA_DIR: dir, PORT: '0', WORKER_CONCURRENCY: '1', RATE_LIMIT_PER_MINUTE: '0' }),
  silentLogger,
);
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
try {
  await firstPreview(browser, `${server.url}/`); // warm the disk cache, not the browser's (new contexts)
  const rows: [string, Shown[]][] = [];
  for (const [label, path] of [
    ['first preview, kawin example 03 (navigation start → shown)', '/?example=kawin03'],
    ['first preview, default request (navigation start → shown)', '/'],
  ]) {
    const runs: Shown[] = [];
    for (let i = 0; i < REPS; i++) runs.push(await firstPreview(browser, `${server.url}${path}`));
    rows.push([label, runs]);
  }
  rows.push([
    'example 03, last keystroke → updated preview',
    await keystrokes(browser, `${server.url}/?example=kawin03`),
  ]);
  console.log(`${new Date().toUTCString()}, ${cpus().length} × ${cpus()[0]?.model}, Chromium headless`);
  console.log('| measurement | median (ms) | of which engine (ms) | all runs (ms) |');
  console.log('| --- | ---: | ---: | --- |');
  for (const [label, runs] of rows) {
    const all = runs.map((r) => Math.round(r.atMs)).join(', ');
    console.log(
      `| ${label} | ${Math.round(median(runs.map((r) => r.atMs)))} | ${Math.round(median(runs.map((r) => r.engineMs)))} | ${all} |`,
    );
  }
} finally {
  await browser.close();
  await server.close();
  await rm(dir, { recursive: true, force: true });
}
