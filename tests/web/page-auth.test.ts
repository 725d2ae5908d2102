// The page against a service with API keys: it asks for a key, keeps it in sessionStorage only and sends
// it with every API call, including the file downloads.
import test from 'ava';
import { startTestServer } from '../helpers/server.js';
import { launchBrowser, openPage, screenshot } from './support.js';

const KEY = 'page-test-key-0123456789abcdef';

test('with API keys the page asks for a key, keeps it for the session only and sends it', async (t) => {
  const [server, browser] = await Promise.all([startTestServer({ API_KEYS: KEY }), launchBrowser()]);
  try {
    const watched = await openPage(browser, `${server.url}/`);
    const { page } = watched;
    const keyInput = page.locator('#api-key');
    await keyInput.waitFor({ state: 'visible' });
    t.is(await keyInput.getAttribute('type'), 'password');
    t.regex((await page.textContent('#key-message')) ?? '', /API key/);
    await screenshot(page, 'api-key-prompt');

    const authorizations: (string | undefined)[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/v1/')) authorizations.push(r.headers().authorization);
    });
    await keyInput.fill(KEY);
    await page.click('#key-form button[type="submit"]');
    await page.locator('#job-list-message', { hasText: 'No jobs yet.' }).waitFor();
    t.true(await page.locator('#key-panel').isHidden());
    t.deepEqual(
      await page.evaluate(() => [sessionStorage.getItem('precipitate.apiKey'), localStorage.length]),
      [KEY, 0],
    );

    // Submitted with the key; the job is the key's own (listed). The default T6 runs in a fraction of a
    // second, so the test waits for it to complete (Cancel is tested in page.test.ts): a job that finished
    // before a Cancel button could be clicked made this test race.
    await page.click('#submit');
    await page.locator('#job[data-status="completed"]').waitFor({ timeout: 60_000 });
    const id = (await page.getAttribute('#job', 'data-job-id')) as string;
    await page.locator(`#job-list-rows tr[data-job="${id}"]`).waitFor();
    // Files the page reads itself come through the API with the key (a blob: URL would be refused by the
    // page's connect-src 'self'): the size distributions' slider shows.
    await page.getByTestId('size-distributions').getByTestId('size-slider').waitFor({ state: 'visible' });
    t.true(authorizations.length > 0 && authorizations.every((a) => a === `Bearer ${KEY}`));
    t.true(authorizations.length >= 4, 'submit, job, results and a file at least');

    // A new session (context) does not have the key.
    const other = await openPage(browser, `${server.url}/`);
    await other.page.locator('#api-key').waitFor({ state: 'visible' });
    t.is(await other.page.evaluate(() => sessionStorage.getItem('precipitate.apiKey')), null);
    // /health told the page to ask before its first call, so not even a 401 was logged.
    for (const errors of [watched.errors, other.errors]) t.deepEqual(errors, []);
    await other.close();
    await watched.close();
  } finally {
    await browser.close();
    await server.close();
  }
});
