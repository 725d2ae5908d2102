// The browser preview's latency in Debian's Chromium (headless, playwright-core) against the embedded
// service: (1) navigation start → first preview shown, for kawin's example 03 (/?example=kawin03) and the
// default request, each in a fresh browser context (once the browser has opened it, and, interleaved,
// while it still opens it); (2) last keystroke of a temperature edit → updated preview, for the first
// edit after load (typed at once, or once the worker has kept checkpoints) and the next one (which
// starts from a checkpoint). Medians of 5.
// Before and after, a warm engine run in Node tells how busy the (shared) host was. Not a test:
// `npm run build && node build/bench/preview.js`.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { loadConfig } from '../src/config.js';
import { silentLogger } from '../src/service/log.js';
import { startServer } from '../src/service/server.js';
import { launchBrowser } from '../tools/chromium.js';

const REPS = Number(process.env.BENCH_REPS ?? 5);

const ENGINE_ONCE = fileURLToPath(new URL('engine-once.js', import.meta.url));

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

/**
 * The mark of the preview that answers the last input: with checkpoints, the previews of values typed on
 * the way (2 and 24 °C on the way to 240) can be shown before it, so counting marks is not enough.
 */
async function latestPreviewMark(page: Page): Promise<Shown> {
  const found = await page.waitForFunction(
    () => {
      const section = document.getElementById('preview');
      if (section?.dataset.state !== 'done') return false;
      const shown = Number(section.dataset.previews);
      const marks = performance.getEntriesByName('preview-shown') as PerformanceMark[];
      const mark = marks.find((m) => (m.detail as { previews: number }).previews === shown);
      return mark
        ? { atMs: mark.startTime, engineMs: (mark.detail as { engineMs: number }).engineMs }
        : false;
    },
    undefined,
    { timeout: 120_000 },
  );
  return (await found.jsonValue()) as Shown;
}

/** The fastest of three warm runs of example 03 in Node (~200 ms on a quiet host since the kernel takes the whole step; ~245 before), ms. */
function warmEngineMs(): number {
  const out = execFileSync(process.execPath, [ENGINE_ONCE, 'wasm', '4'], { encoding: 'utf8' });
  return Math.round(Math.min(...(JSON.parse(out) as { msEach: number[] }).msEach.slice(1)));
}

/** CPU time (ms) used so far by every process of Debian's Chromium, from /proc (Linux, this machine). */
function chromiumCpuMs(): number {
  let totalMs = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').startsWith('/usr/lib/chromium/')) continue;
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      totalMs += (Number(fields[11]) + Number(fields[12])) * 10; // utime + stime, 100 ticks/s
    } catch {
      // the process ended between listing and reading
    }
  }
  return totalMs;
}

/**
 * Waits until the browser has finished opening a new context and tab: for about a second after
 * newPage() Chromium keeps 1–2 cores busy starting renderer processes. A user who opens a tab and then
 * types the address does not load the page while that happens; measured here, it added 0.3–0.6 s.
 */
async function browserSettled(): Promise<void> {
  let last = chromiumCpuMs();
  for (let quiet = 0, polls = 0; quiet < 3 && polls < 50; polls++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const now = chromiumCpuMs();
    quiet = now - last <= 20 ? quiet + 1 : 0;
    last = now;
  }
}

async function firstPreview(browser: Browser, url: string, settle: boolean): Promise<Shown> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    if (settle) await browserSettled();
    await page.goto(url);
    return await previewMark(page, 1);
  } finally {
    await context.close();
  }
}

/** Selects the ramp's end temperature, types `celsius` (keys 60 ms apart), times the preview after it. */
async function typeTemperature(page: Page, celsius: number): Promise<Shown> {
  await page.locator('[data-pointer="/temperature_profile/temperatures_celsius/2"]').click({ clickCount: 3 });
  await page.keyboard.type(String(celsius), { delay: 60 });
  const shown = await latestPreviewMark(page);
  const last = await page.evaluate(() => (window as unknown as { lastInputMs: number }).lastInputMs);
  return { atMs: shown.atMs - last, engineMs: shown.engineMs };
}

/**
 * In a fresh page of example 03: the first edit of the ramp's end (240 °C), typed at once or once the
 * worker has kept checkpoints of the page-load request (`idle`), then a second one (235 °C, from the
 * last run's checkpoint before 16 h).
 */
async function keystrokes(
  browser: Browser,
  url: string,
  idle: boolean,
): Promise<{ first: Shown; later: Shown }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(url);
  await previewMark(page, 1);
  if (idle) await page.locator('#preview[data-checkpoints]').waitFor({ timeout: 120_000 });
  await page.evaluate(() => {
    const w = window as unknown as { lastInputMs: number };
    document.addEventListener('input', () => (w.lastInputMs = performance.now()), true);
  });
  const first = await typeTemperature(page, 240);
  const later = await typeTemperature(page, 235);
  await context.close();
  return { first, later };
}

const hostBefore = warmEngineMs();
const dir = await mkdtemp(join(tmpdir(), 'bench-preview-'));
const server = await startServer(
  loadConfig({ DATA_DIR: dir, PORT: '0', WORKER_CONCURRENCY: '1', RATE_LIMIT_PER_MINUTE: '0' }),
  silentLogger,
);
const browser = await launchBrowser();
try {
  await firstPreview(browser, `${server.url}/`, true); // warm the disk cache, not the browser's (new contexts)
  const rows: [string, Shown[]][] = [];
  for (const [label, path] of [
    ['kawin example 03', '/?example=kawin03'],
    ['default request', '/'],
  ]) {
    const settled: Shown[] = [];
    const opening: Shown[] = [];
    for (let i = 0; i < REPS; i++) {
      settled.push(await firstPreview(browser, `${server.url}${path}`, true));
      opening.push(await firstPreview(browser, `${server.url}${path}`, false)); // interleaved: same host load
    }
    rows.push([`first preview, ${label} (navigation start → shown)`, settled]);
    rows.push([`first preview, ${label}, navigating while the new tab still opens`, opening]);
  }
  const atOnce = [];
  const idle = [];
  for (let i = 0; i < REPS; i++) {
    atOnce.push(await keystrokes(browser, `${server.url}/?example=kawin03`, false));
    idle.push(await keystrokes(browser, `${server.url}/?example=kawin03`, true));
  }
  const label = 'example 03, last keystroke → preview:';
  rows.push([`${label} first edit, typed at once after load`, atOnce.map((e) => e.first)]);
  rows.push([`${label} first edit, once the worker kept checkpoints`, idle.map((e) => e.first)]);
  rows.push([`${label} next edit (from 16 h)`, [...atOnce, ...idle].map((e) => e.later)]);
  const hostAfter = warmEngineMs();
  console.log(`${new Date().toUTCString()}, ${cpus().length} × ${cpus()[0]?.model}, Chromium headless`);
  console.log(
    `host load: warm engine run in Node ${hostBefore} ms before, ${hostAfter} ms after (quiet: ~200)`,
  );
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
