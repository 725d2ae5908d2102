// The page's Calibrate view in Debian's Chromium (headless, playwright-core) against the embedded
// service: the AA6063 example (18 yield strengths to 504 h at 175 °C) with the view's five default
// parameters (β″ and β′ interfacial energies, Mg/Si mobility factor, misfit strain, base strength) and
// its default method (the CLI example's: 300 evaluations, 12 walkers × (20 + 30) steps), on
// navigator.hardwareConcurrency Web Workers, from the click on "Calibrate" to the result. Prints wall
// time, runs, runs per second, the workers' busy share and the load average. BENCH_REPS (1) repetitions.
// Not a test: `npm run build && node build/bench/calibrate-page.js`.
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.js';
import { silentLogger } from '../src/service/log.js';
import { startServer } from '../src/service/server.js';
import { launchBrowser } from '../tools/chromium.js';

const REPS = Number(process.env.BENCH_REPS ?? 1);

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-calibrate-'));
  const server = await startServer(
    loadConfig({ DATA_DIR: dir, PORT: '0', WORKER_CONCURRENCY: '1' }),
    silentLogger,
  );
  const browser = await launchBrowser();
  console.log(`${cpus().length} cores, ${new Date().toISOString()}`);
  console.log(
    '| wall (s) | runs | runs/s | engine s in all | workers busy | load (1 min) |\n| ---: | ---: | ---: | ---: | ---: | ---: |',
  );
  try {
    for (let rep = 0; rep < REPS; rep++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${server.url}/`);
      await page.selectOption('#calibrate-alloy', 'example');
      const loadBefore = loadavg()[0];
      await page.click('#calibrate-run');
      await page.waitForFunction(
        () => document.getElementById('calibrate-view')?.dataset.state !== 'running',
        null,
        { timeout: 600_000 },
      );
      const view = await page.evaluate(() => {
        const data = (document.getElementById('calibrate-view') as HTMLElement).dataset;
        const { state, seconds, runs, engineSeconds } = data;
        const status = document.getElementById('calibrate-status')?.textContent;
        return { state, seconds, runs, engineSeconds, status, workers: navigator.hardwareConcurrency };
      });
      if (view.state !== 'done') throw new Error(`calibration ${view.state}: ${view.status}`);
      const seconds = Number(view.seconds);
      const runs = Number(view.runs);
      const engine = Number(view.engineSeconds);
      const busy = engine / (seconds * view.workers);
      const load = `${loadBefore.toFixed(1)} → ${loadavg()[0].toFixed(1)}`;
      console.log(
        `| ${seconds.toFixed(1)} | ${runs} | ${(runs / seconds).toFixed(2)} | ${engine.toFixed(1)} | ${(100 * busy).toFixed(0)} % (${view.workers} workers) | ${load} |`,
      );
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
