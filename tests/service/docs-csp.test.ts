// The documentation page under its Content-Security-Policy, in Chromium: Swagger UI loads and shows every
// operation with no console error (nothing it needs is blocked), and a script injected into the page does
// not run (the policy is enforced).
import test from 'ava';
import { startTestServer } from '../helpers/server.js';
import { launchBrowser, openPage } from '../web/support.js';

test('Swagger UI runs under its CSP; an injected inline script does not', async (t) => {
  const server = await startTestServer();
  t.teardown(() => server.close());
  const browser = await launchBrowser();
  t.teardown(() => browser.close());
  const watched = await openPage(browser, `${server.url}/api/v1/docs`);
  await watched.page.waitForSelector('.opblock', { timeout: 30_000 });
  const operations = await watched.page.locator('.opblock').count();
  t.true(operations >= 10, `${operations} operations shown`);
  t.deepEqual(watched.errors, []);

  const ran = await watched.page.evaluate(async () => {
    // Without a policy no violation is reported: then the script's effect decides.
    const violation = new Promise<string>((resolve) => {
      document.addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective), {
        once: true,
      });
      setTimeout(() => resolve('none'), 2000);
    });
    const script = document.createElement('script');
    script.textContent = 'window.injected = true;';
    document.body.append(script);
    const directive = await violation;
    return { injected: (window as unknown as { injected?: boolean }).injected === true, directive };
  });
  t.false(ran.injected);
  t.regex(ran.directive, /^script-src/);
});
