// Browser-test support: Debian's Chromium driven by playwright-core (never a downloaded browser), pages
// that record console errors, and screenshots under test-artifacts/web/.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { TestFn } from 'ava';
import { ROOT } from '../../tools/harness/paths.js';
import { launchBrowser } from '../../tools/chromium.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

export { CHROMIUM_ARGS, CHROMIUM_PATH, launchBrowser } from '../../tools/chromium.js';
export const ARTIFACTS = join(ROOT, 'test-artifacts/web');

export interface WatchedPage {
  context: BrowserContext;
  page: Page;
  /** Console messages of type error and uncaught page errors, as text. */
  errors: string[];
  close(): Promise<void>;
}

/** A page in a fresh context (own sessionStorage and cache) that records every console error. */
export async function openPage(
  browser: Browser,
  url: string,
  viewport = { width: 1280, height: 800 },
): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  await page.goto(url);
  return { context, page, errors, close: () => context.close() };
}

/** A PNG of the page (the whole page, or only what the viewport shows) under test-artifacts/web/. */
export async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  await mkdir(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage });
}

/** The number of previews the page has shown (data-previews on the preview section). */
export async function previewsShown(page: Page): Promise<number> {
  return Number((await page.getAttribute('#preview', 'data-previews')) ?? 0);
}

/** Waits until the page has shown more than `after` previews and is not computing; returns the count. */
export async function waitForPreview(page: Page, after: number, timeoutMs = 60_000): Promise<number> {
  await page.waitForFunction(
    (n) => {
      const section = document.getElementById('preview');
      return Number(section?.dataset.previews ?? 0) > n && section?.dataset.state === 'done';
    },
    after,
    { timeout: timeoutMs },
  );
  return previewsShown(page);
}

/** For each preview shown so far: whether its run was started at page load, before the page asked. */
export async function previewsStartedAtLoad(page: Page): Promise<boolean[]> {
  // The page sets its mark once the preview's frame has been painted, a frame after data-previews.
  const shown = await previewsShown(page);
  await page.waitForFunction((n) => performance.getEntriesByName('preview-shown').length >= n, shown);
  return page.evaluate(() =>
    performance
      .getEntriesByName('preview-shown')
      .map((mark) => (mark as PerformanceMark).detail.startedAtLoad as boolean),
  );
}

/** The preview's final yield strength, exact (data-value; the text shows 4 significant figures). */
export async function previewFinalYs(page: Page): Promise<number> {
  return Number(await page.getByTestId('preview-final-ys').getAttribute('data-value'));
}

/**
 * One test server and one Chromium for a file's tests (started before, closed after), each test's page
 * closed after it; `ready` receives the two. `builtFile` is a page file the tests need from the build.
 */
export function serverAndBrowser(
  test: TestFn<{ page?: WatchedPage }>,
  builtFile: string,
  env: Record<string, string>,
  ready: (server: TestServer, browser: Browser) => void,
): void {
  let opened: [TestServer, Browser] | undefined;
  test.before(async () => {
    if (!existsSync(join(ROOT, builtFile))) throw new Error('build/web is missing: npm run build');
    opened = await Promise.all([startTestServer(env), launchBrowser()]);
    ready(...opened);
  });
  test.after.always(async () => {
    await opened?.[1].close();
    await opened?.[0].close();
  });
  test.afterEach.always(async (t) => {
    await t.context.page?.close();
  });
}
