// Issue 22, the page as an engineer meets it, in Chromium at 1440×900 and on a phone (390×844): a T6 by
// default, presets in a menu, warnings for profile points past the end, tabs that put the preview one tap
// away, a job list that names alloy, schedule and peak, one status line, a results table with no column
// off-screen and server figures that open legibly. Screenshots go to test-artifacts/web/.
import { join } from 'node:path';
import anyTest, { type ExecutionContext, type TestFn } from 'ava';
import type { Browser, Page } from 'playwright-core';
import type { SizeDistributionJson } from '../../src/output/size-distribution.js';
import { phaseLabel } from '../../src/output/style.js';
import { describePeak } from '../../src/web/describe.js';
import { alignedSnapshot, snapshotLabel } from '../../src/web/size-view.js';
import { PRESETS } from '../../src/web/form/presets.js';
import type { TestServer } from '../helpers/server.js';
import {
  ARTIFACTS,
  openPage,
  screenshot,
  serverAndBrowser,
  waitForPreview,
  type WatchedPage,
} from './support.js';

const test = anyTest as TestFn<{ page?: WatchedPage }>;
let browser: Browser;
let server: TestServer;
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
const JOB_TIMEOUT_MS = 180_000;

serverAndBrowser(test, 'build/web/index.html', {}, (s, b) => {
  [server, browser] = [s, b];
});

const value = (page: Page, pointer: string) => page.inputValue(`[data-pointer="${pointer}"]`);

/** How far the page is wider than the viewport (0 when nothing is off-screen sideways). */
const overflowPx = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

test.serial('1440×900: a T6 by default; each preset from the menu fills the form and previews', async (t) => {
  const watched = (t.context.page = await openPage(browser, `${server.url}/`, DESKTOP));
  const { page } = watched;
  t.is(await value(page, '/composition_unit'), 'atomic_percent');
  t.is(await value(page, '/composition/MG'), '0.72');
  t.is(await value(page, '/temperature_profile/temperatures_celsius/0'), '175');
  t.is(await value(page, '/simulation_time_hours'), '8');
  let shown = await waitForPreview(page, 0);
  t.true(await page.locator('.tabs').isHidden(), 'no tabs on a wide screen');
  for (const id of ['#request-form', '#preview', '#server']) t.true(await page.locator(id).isVisible());
  const labels = await page.locator('#preset option:not([disabled])').allTextContents();
  t.deepEqual(
    labels,
    PRESETS.map((p) => p.label),
  );
  await screenshot(page, 'presets-default-1440x900');
  await page.selectOption('#preset', 'two-step');
  t.is(await value(page, '/temperature_profile/temperatures_celsius/0'), '100');
  t.is(await value(page, '/temperature_profile/temperatures_celsius/3'), '175');
  t.is(await value(page, '/simulation_time_hours'), '10.25');
  t.regex(page.url(), /\?example=two-step$/);
  shown = await waitForPreview(page, shown);
  await page.selectOption('#preset', 'kawin03');
  t.is(await value(page, '/temperature_profile/temperatures_celsius/2'), '250');
  await waitForPreview(page, shown);
  // Editing by hand turns the menu to "Custom".
  await page.fill('[data-pointer="/simulation_time_hours"]', '12');
  t.is(await page.inputValue('#preset'), 'custom');
  await screenshot(page, 'presets-kawin03-edited-1440x900');
  t.deepEqual(watched.errors, []);
});

test.serial(
  'a profile point past the end of the simulation is warned about, and the run allowed',
  async (t) => {
    const watched = (t.context.page = await openPage(browser, `${server.url}/?example=kawin03`, DESKTOP));
    const { page } = watched;
    const warning = page.getByTestId('profile-warning');
    t.true(await warning.isHidden());
    await waitForPreview(page, 0);
    await page.fill('[data-pointer="/simulation_time_hours"]', '16.5');
    await page.waitForFunction(() => document.getElementById('profile-warning')?.textContent !== '');
    t.is(
      await warning.textContent(),
      'Point 3 (17 h) is after the end of the simulation (16.5 h) and never reached: lengthen the ' +
        'ageing time simulated or remove them.',
    );
    t.true(await warning.isVisible());
    await waitForPreview(page, 1); // a warning, not an error: the preview still runs
    t.true(await page.getByTestId('preview-peak-note').isHidden(), 'kawin 03 peaks within its run');
    await screenshot(page, 'profile-warning-1440x900');
    await page.fill('[data-pointer="/simulation_time_hours"]', '25');
    t.true(await warning.isHidden());
    t.deepEqual(watched.errors, []);
  },
);

test.serial('390×844: the preview is one tap away, above the fold, with its peak on the tab', async (t) => {
  const watched = (t.context.page = await openPage(browser, `${server.url}/`, PHONE));
  const { page } = watched;
  await waitForPreview(page, 0);
  t.true(await page.locator('#request-form').isVisible());
  t.true(await page.locator('#preview').isHidden(), 'the preview is behind its tab, not under the form');
  const tab = page.locator('#tab-preview');
  const box = await tab.boundingBox();
  t.true(box !== null && box.y + box.height <= PHONE.height, `the Preview tab at ${box?.y} px`);
  t.regex((await page.getByTestId('tab-preview-peak').textContent()) ?? '', /^· \d+(\.\d+)? MPa$/);
  await screenshot(page, 'phone-inputs-390x844', false);
  await tab.click();
  t.is(await tab.getAttribute('aria-selected'), 'true');
  t.true(await page.locator('#request-form').isHidden());
  const chart = await page.locator('#preview-charts canvas').first().boundingBox();
  t.true(chart !== null && chart.y < PHONE.height && chart.width <= PHONE.width, JSON.stringify(chart));
  t.true((await overflowPx(page)) <= 1);
  await screenshot(page, 'phone-preview-390x844', false);
  t.deepEqual(watched.errors, []);
});

/** The size distributions of job `id`: a slider over every snapshot of size_distributions.json. */
async function checkSizeDistributions(
  t: ExecutionContext,
  page: Page,
  id: string,
  size: string,
): Promise<void> {
  const url = `${server.url}/api/v1/jobs/${id}/files/size_distributions.json`;
  const snapshots = (await (await fetch(url)).json()) as SizeDistributionJson[];
  // The page asked for 7 times over the 8 h run; the final state comes on top.
  t.is(snapshots.length, 8);
  // The server run's view (the preview has one of its own).
  const view = page.getByTestId('size-distributions');
  const slider = view.getByTestId('size-slider');
  await view.locator('[data-testid="size-plot"] canvas').waitFor();
  t.is(await slider.getAttribute('max'), String(snapshots.length - 1));
  t.is(await view.getByTestId('size-time').textContent(), snapshotLabel(snapshots[7]));
  t.regex(snapshotLabel(snapshots[7]), /^8 h at 175 °C \(end of the run\)$/);
  const pixels = () =>
    view.locator('[data-testid="size-plot"] canvas').evaluate((c) => (c as HTMLCanvasElement).toDataURL());
  const atEnd = await pixels();
  await slider.fill('4');
  t.is(await view.getByTestId('size-time').textContent(), snapshotLabel(snapshots[4]));
  t.not(await pixels(), atEnd);
  const legend = await view.locator('[data-testid="size-plot"] .u-legend .u-label').allTextContents();
  t.deepEqual(legend, alignedSnapshot(snapshots[4]).names.map(phaseLabel));
  await page
    .getByTestId('size-distributions')
    .screenshot({ path: join(ARTIFACTS, `size-slider-${size}.png`) });
  await checkPreviewSizes(t, page, snapshots);
}

/** The preview's own size distributions: the same times and phases as the server run's (same request). */
async function checkPreviewSizes(t: ExecutionContext, page: Page, snapshots: SizeDistributionJson[]) {
  const phone = await page.locator('#tab-preview').isVisible();
  if (phone) await page.locator('#tab-preview').click();
  const view = page.getByTestId('preview-sizes');
  const slider = view.getByTestId('size-slider');
  await view.locator('[data-testid="size-plot"] canvas').waitFor();
  t.is(await slider.getAttribute('max'), String(snapshots.length - 1));
  t.is(await view.getByTestId('size-time').textContent(), snapshotLabel(snapshots[7]));
  await slider.fill('4');
  t.is(await view.getByTestId('size-time').textContent(), snapshotLabel(snapshots[4]));
  const legend = await view.locator('[data-testid="size-plot"] .u-legend .u-label').allTextContents();
  t.deepEqual(legend, alignedSnapshot(snapshots[4]).names.map(phaseLabel));
  if (phone) await page.locator('#tab-server').click();
}

/** Submits the form and waits for the job to complete; returns its id. */
async function runJob(page: Page): Promise<string> {
  if (await page.locator('#tab-request').isVisible()) await page.locator('#tab-request').click();
  await page.click('#submit');
  await page.locator('#job[data-status="completed"]').waitFor({ timeout: JOB_TIMEOUT_MS });
  return (await page.getAttribute('#job', 'data-job-id')) as string;
}

for (const viewport of [PHONE, DESKTOP]) {
  const size = `${viewport.width}x${viewport.height}`;
  test.serial(
    `${size}: a job — one status line, jobs list with alloy/schedule/peak, results on screen`,
    async (t) => {
      const watched = (t.context.page = await openPage(browser, `${server.url}/`, viewport));
      const { page } = watched;
      await waitForPreview(page, 0);
      const id = await runJob(page);
      t.true(await page.locator('#server').isVisible(), 'the page shows the server run after a submit');
      // One status line: the job's own; the submit message is gone.
      t.is(await page.textContent('#status'), '');
      // (The second size's job is the same request: an answer from the first's run, which the line says.)
      t.regex(
        (await page.getByTestId('job-status').textContent()) ?? '',
        new RegExp(`^Job ${id.slice(0, 8)}: completed( \\(from an identical earlier run\\))?$`),
      );
      const job = (await (await fetch(`${server.url}/api/v1/jobs/${id}`)).json()) as {
        results: { summary: unknown };
      };
      const row = page.locator(`#job-list-rows tr[data-job="${id}"][data-filled]`);
      await row.waitFor();
      t.is(await row.locator('[data-label="Alloy"]').textContent(), 'Mg 0.72, Si 0.57 at.%');
      t.is(await row.locator('[data-label="Schedule"]').textContent(), '175 °C, 8 h');
      t.is(
        await row.locator('[data-label="Peak σy (MPa)"]').textContent(),
        describePeak(job.results.summary),
      );
      // No column of the results or the jobs list is off-screen.
      const offScreen = await page.evaluate((width) => {
        const cells = [...document.querySelectorAll('table.summary td, table.jobs td')];
        return cells
          .map((c) => c.getBoundingClientRect())
          .filter((r) => r.width > 0 && r.right > width + 1)
          .map((r) => Math.round(r.right));
      }, viewport.width);
      t.deepEqual(offScreen, []);
      t.true((await overflowPx(page)) <= 1);
      await page.waitForFunction(() =>
        [...document.querySelectorAll<HTMLImageElement>('.thumb img')].every(
          (i) => i.complete && i.naturalWidth > 0,
        ),
      );
      await screenshot(page, `job-results-${size}`);
      // 175 °C for 8 h ends still hardening: the page says the peak was not reached.
      t.regex(
        (await page.locator('table.summary caption').textContent()) ?? '',
        /Peak not reached within the simulated time/,
      );
      if (viewport === PHONE) await page.locator('#tab-preview').click();
      t.is(
        await page.getByTestId('preview-peak-note').textContent(),
        'Peak not reached within the simulated time.',
      );
      if (viewport === PHONE) await page.locator('#tab-server').click();
      await checkSizeDistributions(t, page, id, size);
      // A tapped figure opens at a legible width: at least 900 px wide, panning inside its box on a phone.
      await page.click('[data-plot="yield_strength_plot"]');
      await page.waitForFunction(() => {
        const img = document.getElementById('plot-dialog-image') as HTMLImageElement | null;
        return img !== null && img.complete && img.naturalWidth > 0;
      });
      const shownWidth = await page
        .locator('#plot-dialog-image')
        .evaluate((i) => i.getBoundingClientRect().width);
      t.true(shownWidth >= Math.min(900, viewport.width * 0.6), `the figure is ${shownWidth} px wide`);
      const src = await page.getAttribute('#plot-dialog-image', 'src');
      t.is(await page.getAttribute('#plot-dialog-open', 'href'), src);
      await screenshot(page, `figure-open-${size}`, false);
      t.deepEqual(watched.errors, []);
    },
  );
}
