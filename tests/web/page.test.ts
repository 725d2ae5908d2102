// The browser page in Debian's Chromium (headless, through playwright-core) against the real service in
// embedded mode: previews, the preview against the server, submitting, cancelling, validation, layout
// and keyboard use. One browser and one server for the file; each test gets a fresh browser context.
import anyTest, { type TestFn } from 'ava';
import type { Browser } from 'playwright-core';
import { simulate } from '../../src/engine/index.js';
import { EXAMPLE_REQUEST, validateRequest } from '../../src/request/index.js';
import { loadEngineDeps } from '../../src/runtime/node.js';
import { normalized } from '../helpers/engine.js';
import { cyclingRequest } from '../helpers/stack.js';
import type { TestServer } from '../helpers/server.js';
import {
  openPage,
  previewFinalYs,
  previewsStartedAtLoad,
  screenshot,
  serverAndBrowser,
  waitForPreview,
  type WatchedPage,
} from './support.js';

const test = anyTest as TestFn<{ page?: WatchedPage }>;
let browser: Browser;
let server: TestServer;

serverAndBrowser(test, 'build/web/index.html', {}, (s, b) => {
  [server, browser] = [s, b];
});

const JOB_TIMEOUT_MS = 180_000;

test.serial('?example=seed opens on the schema example, previews it and serves its assets', async (t) => {
  const watched = (t.context.page = await openPage(browser, `${server.url}/?example=seed`));
  const { page } = watched;
  t.is(await page.inputValue('[data-pointer="/composition/MG"]'), '0.0072');
  t.is(await page.inputValue('[data-pointer="/composition/SI"]'), '0.0057');
  t.is(await page.inputValue('[data-pointer="/temperature_profile/temperatures_celsius/0"]'), '199');
  t.is(await page.inputValue('[data-pointer="/temperature_profile/time_points_hours/2"]'), '17');
  t.is(await page.inputValue('[data-pointer="/simulation_time_hours"]'), '25');
  await waitForPreview(page, 0);
  // The worker started the form's initial request at page load and answered the page's request with it.
  t.deepEqual(await previewsStartedAtLoad(page), [true]);
  const final = await previewFinalYs(page);
  const peak = Number(await page.getByTestId('preview-peak-ys').textContent());
  t.true(final > 0 && peak >= final, `final ${final} MPa, peak ${peak} MPa`);
  t.is(await page.locator('#preview-charts canvas').count(), 4);
  await screenshot(page, 'default-1280x800');
  const wasm = await fetch(`${server.url}/kernel.wasm`, { method: 'HEAD' });
  t.is(wasm.headers.get('content-type'), 'application/wasm');
  const html = await fetch(`${server.url}/`, { method: 'HEAD' });
  t.regex(html.headers.get('content-type') ?? '', /^text\/html/);
  t.deepEqual(watched.errors, []);
});

test.serial('dragging a temperature updates the preview; superseded previews are never shown', async (t) => {
  const watched = (t.context.page = await openPage(browser, `${server.url}/?example=seed`));
  const { page } = watched;
  const first = await waitForPreview(page, 0);
  const before = await previewFinalYs(page);
  // Once the page is idle the worker computes the page-load request again to its last point, keeping
  // checkpoints (the page-load run keeps none): 15.38 h (the last step before 16 h) and 16.83 h.
  await page.locator('#preview[data-checkpoints]').waitFor();
  t.regex((await page.getAttribute('#preview', 'data-checkpoints')) ?? '', /^15\.\d{3} 16\.\d{3}$/);
  const canvas = () =>
    page
      .locator('#preview-charts canvas')
      .first()
      .evaluate((c) => (c as HTMLCanvasElement).toDataURL());
  const pixelsBefore = await canvas();
  const temperature = page.locator('[data-pointer="/temperature_profile/temperatures_celsius/2"]');
  // Several edits in a row (typed values, then arrow keys): each makes the running preview stale; only
  // the last one is shown. The edits run in the page, one task each, after the page has sent the previous
  // edit's run (its zero-delay timer fires before the test's): Playwright's own presses are a round trip
  // apart, tens of milliseconds on a loaded host, and a run resumed from a checkpoint (~40 ms warm) may
  // then finish between two of them and be shown, rightly, as the newest.
  await temperature.evaluate(
    async (input: HTMLInputElement, values: string[]) => {
      const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));
      for (const value of values) {
        input.value = value;
        input.dispatchEvent(new Event('input', { bubbles: true }));
        await nextTask();
      }
      for (let i = 0; i < 5; i++) {
        input.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowUp', bubbles: true }));
        await nextTask();
      }
    },
    ['210', '220', '230'],
  );
  t.is(await temperature.inputValue(), '235');
  const after = await waitForPreview(page, first);
  t.is(after, first + 1);
  t.deepEqual(await previewsStartedAtLoad(page), [true, false]);
  t.regex((await page.textContent('#preview-message')) ?? '', /steps in \d+ ms from 15\.\d+ h on/);
  t.not(await previewFinalYs(page), before);
  t.not(await canvas(), pixelsBefore);
  // The next edit resumes from the checkpoint that run kept before 16 h, and the result has the bits of
  // a run from t = 0 (here in Node, as the server runs it).
  await temperature.press('ArrowUp');
  await waitForPreview(page, after);
  t.regex((await page.textContent('#preview-message')) ?? '', /steps in \d+ ms from 15\.\d+ h on/);
  const edited = {
    ...EXAMPLE_REQUEST,
    temperature_profile: { time_points_hours: [0, 16, 17], temperatures_celsius: [199, 199, 236] },
  };
  const fromStart = await simulate(normalized(edited), await loadEngineDeps('wasm'));
  const previewExact = Number(await page.getByTestId('preview-final-ys').getAttribute('data-value'));
  t.is(previewExact, fromStart.summary.total_yield_strength_mpa);
  await screenshot(page, 'after-temperature-edit');
  t.deepEqual(watched.errors, []);
});

test.serial(
  "kawin example 03: the preview equals the server's result; submit, wait, open a plot",
  async (t) => {
    const watched = (t.context.page = await openPage(browser, `${server.url}/?example=kawin03`));
    const { page } = watched;
    t.is(await page.inputValue('[data-pointer="/temperature_profile/temperatures_celsius/2"]'), '250');
    await waitForPreview(page, 0);
    t.deepEqual(await previewsStartedAtLoad(page), [true]);
    const previewExact = Number(await page.getByTestId('preview-final-ys').getAttribute('data-value'));
    const previewText = await previewFinalYs(page);
    await page.click('#submit');
    await page.locator('#job[data-status="completed"]').waitFor({ timeout: JOB_TIMEOUT_MS });
    const id = (await page.getAttribute('#job', 'data-job-id')) as string;
    const job = (await (await fetch(`${server.url}/api/v1/jobs/${id}`)).json()) as {
      results: { summary: { total_yield_strength_mpa: number }; files: Record<string, string> };
    };
    const serverMPa = job.results.summary.total_yield_strength_mpa;
    t.log(`final yield strength: preview ${previewExact} MPa, server ${serverMPa} MPa`);
    t.true(
      Math.abs(previewExact - serverMPa) <= 1e-6 * serverMPa,
      `preview ${previewExact}, server ${serverMPa}`,
    );
    t.true(
      Math.abs(previewText - serverMPa) <= 1e-6 * serverMPa,
      `shown ${previewText}, server ${serverMPa}`,
    );
    t.is(Number(await page.getByTestId('server-final-ys').getAttribute('data-value')), previewText);
    // Shown to 4 significant figures, in the preview's headline and in the server's table alike.
    const shown = await page.getByTestId('preview-final-ys').textContent();
    t.is(shown, String(Number(serverMPa.toPrecision(4))));
    t.is(await page.getByTestId('server-final-ys').textContent(), shown);
    // The job list shows it; a figure opens in the dialog; the raw data links point at the files.
    await page.locator(`#job-list-rows tr[data-job="${id}"]`).waitFor();
    await page.click('[data-plot="yield_strength_plot"]');
    const image = page.locator('#plot-dialog-image');
    await page.waitForFunction(() => {
      const img = document.getElementById('plot-dialog-image') as HTMLImageElement | null;
      return img !== null && img.complete && img.naturalWidth > 0;
    });
    t.true(await page.locator('#plot-dialog').evaluate((d) => (d as HTMLDialogElement).open));
    t.is(await image.getAttribute('alt'), 'Yield strength');
    await screenshot(page, 'example03-plot');
    await page.keyboard.press('Escape');
    t.false(await page.locator('#plot-dialog').evaluate((d) => (d as HTMLDialogElement).open));
    // Every thumbnail loads (and has, before the context closes).
    await page.waitForFunction(() =>
      [...document.querySelectorAll<HTMLImageElement>('.thumb img')].every(
        (i) => i.complete && i.naturalWidth > 0,
      ),
    );
    t.is(await page.locator('.thumb img').count(), 7); // the strength breakdown and size distributions included
    const csvUrl = (await page.getAttribute('[data-download="raw_csv"]', 'href')) as string;
    const csv = await fetch(csvUrl, { method: 'HEAD' });
    t.is(csv.status, 200);
    t.deepEqual(watched.errors, []);
  },
);

test.serial('a job is cancelled with the page’s Cancel button', async (t) => {
  // The server's one engine thread is busy with a long run posted through the API, so the page's job waits
  // in the queue until Cancel is clicked (a 100 h run alone now ends in ~0.1 s, before any click).
  const api = server.api();
  const blocker = await api.post<{ id: string }>('/api/v1/simulate/async', cyclingRequest(20));
  t.is(blocker.status, 202);
  try {
    const watched = (t.context.page = await openPage(browser, `${server.url}/?example=seed`));
    const { page } = watched;
    await page.fill('[data-pointer="/simulation_time_hours"]', '100');
    await page.fill('[data-pointer="/temperature_profile/temperatures_celsius/0"]', '181');
    await page.click('#submit');
    const cancel = page.getByTestId('cancel-job');
    await cancel.waitFor({ state: 'visible' });
    await cancel.click();
    await page.locator('#job[data-status="cancelled"]').waitFor({ timeout: 30_000 });
    const id = (await page.getAttribute('#job', 'data-job-id')) as string;
    const job = (await (await fetch(`${server.url}/api/v1/jobs/${id}`)).json()) as { status: string };
    t.is(job.status, 'cancelled');
    t.true(await cancel.isHidden());
    // One status line: the job's own.
    t.is(await page.getByTestId('job-status').textContent(), `Job ${id.slice(0, 8)}: cancelled`);
    t.is(await page.textContent('#status'), '');
    t.deepEqual(watched.errors, []);
  } finally {
    await api.delete(`/api/v1/jobs/${blocker.body.id}`);
  }
});

test.serial('a malformed field shows the API’s message next to it and blocks submit', async (t) => {
  const watched = (t.context.page = await openPage(browser, `${server.url}/`));
  const { page } = watched;
  const posts: string[] = [];
  page.on('request', (r) => r.method() === 'POST' && posts.push(r.url()));
  await page.fill('[data-pointer="/composition/MG"]', '0.72%');
  const mg = page.locator('[data-pointer="/composition/MG"]');
  const expected = validateRequest({
    composition: { MG: '0.72%', SI: 0.0057 },
    temperature_profile: { time_points_hours: [0], temperatures_celsius: [199] },
    simulation_time_hours: 25,
  });
  const message = expected.ok ? '' : expected.issues[0].message;
  t.is(message, 'must be number');
  t.is(await page.locator('[data-error-for="/composition/MG"]').textContent(), message);
  t.is(await mg.getAttribute('aria-invalid'), 'true');
  t.is(await page.getAttribute('#preview', 'data-state'), 'invalid');
  await page.click('#submit');
  await page.waitForTimeout(300);
  t.deepEqual(posts, []);
  t.true(await mg.evaluate((el) => el === document.activeElement), 'the focus goes to the bad field');
  t.regex((await page.textContent('#status')) ?? '', /Not submitted/);
  await screenshot(page, 'invalid-field');
  // Fixing it clears the message and previews again.
  await mg.fill('0.0072');
  t.is(await page.locator('[data-error-for="/composition/MG"]').textContent(), '');
  t.deepEqual(watched.errors, []);
});

test.serial('usable on a narrow screen and with the keyboard alone', async (t) => {
  const watched = (t.context.page = await openPage(browser, `${server.url}/?example=seed`, {
    width: 390,
    height: 844,
  }));
  const { page } = watched;
  await waitForPreview(page, 0);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  t.true(overflow <= 1, `the page is ${overflow} px wider than the screen`);
  await screenshot(page, 'narrow-390');
  // Tab to "Add point", press Enter: a new row, with the focus in its time field.
  let onAdd = false;
  for (let i = 0; i < 30 && !onAdd; i++) {
    await page.keyboard.press('Tab');
    onAdd = await page.evaluate(
      () => (document.activeElement as HTMLElement | null)?.dataset.action === 'add-row',
    );
  }
  t.true(onAdd, 'Add point is reachable with Tab');
  await page.keyboard.press('Enter');
  t.is(await page.locator('#profile-rows tr').count(), 4);
  t.is(await page.evaluate(() => (document.activeElement as HTMLInputElement).dataset.row), '3');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle);
  t.not(outline, 'none', 'focus is visible');
  t.deepEqual(watched.errors, []);
});
