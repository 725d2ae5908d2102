// A hostile client against the embedded service: no spelling of a path gets past the key check, names
// that are properties of every object (__proto__, constructor) are no documentation asset or job file,
// and failed key checks are throttled per address.
import test from 'ava';
import { rawRequest } from '../../tools/harness/http.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { startS3 } from '../../tools/harness/services.js';

const KEY = 'hardening-key-0123456789abcdef';
const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });

const run = (celsius: number) =>
  JSON.stringify({
    composition: { MG: 0.0072, SI: 0.0057 },
    temperature_profile: { time_points_hours: [0], temperatures_celsius: [celsius] },
    simulation_time_hours: 1,
    max_points: 20,
  });

/** Other spellings of /api/v1/jobs and /api/v1/simulate: case, slashes, encodings, dot segments. */
const spellings = (canonical: string) => {
  const rest = canonical.slice('/api/v1/'.length);
  return [
    canonical.toUpperCase(),
    `/Api/v1/${rest}`,
    `/api/V1/${rest}`,
    `/api/v1/${rest.toUpperCase()}`,
    `/${canonical}`,
    `/api//v1/${rest}`,
    `/api/v1//${rest}`,
    `${canonical}/`,
    `${canonical}//`,
    `/%61pi/v1/${rest}`,
    `/api/v1/%${rest.charCodeAt(0).toString(16)}${rest.slice(1)}`,
    `/api%2Fv1%2F${rest}`,
    `/api/v1/./${rest}`,
    `/api/x/../v1/${rest}`,
    `/api/v1/${rest};x`,
  ];
};

const unrelated = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'];

let server: TestServer;

test.before(async () => {
  server = await startTestServer({ API_KEYS: KEY, AUTH_FAILURES_PER_MINUTE: '0' });
});

test.after.always(async () => {
  await server?.close();
});

test('every other spelling of an API path needs the key, and with it finds no route', async (t) => {
  for (const [method, canonical, body] of [
    ['GET', '/api/v1/jobs', undefined],
    ['POST', '/api/v1/simulate/async', run(160)],
    ['POST', '/api/v1/simulate', run(160)],
  ] as const) {
    const json = { 'Content-Type': 'application/json' };
    for (const path of spellings(canonical)) {
      const anonymous = await rawRequest(server.url, method, path, json, body);
      t.is(anonymous.status, 401, `${method} ${path} without a key`);
      const keyed = await rawRequest(server.url, method, path, { ...json, ...bearer(KEY) }, body);
      t.is(keyed.status, 404, `${method} ${path} with the key: ${keyed.text.slice(0, 200)}`);
      t.is(keyed.headers['content-type'], 'application/problem+json');
    }
  }
  // Public paths are open in their one spelling only.
  t.is((await rawRequest(server.url, 'GET', '/api/v1/health')).status, 200);
  for (const path of ['/API/v1/health', '/api/v1/health/', '//api/v1/health', '/api/v1/%68ealth']) {
    t.is((await rawRequest(server.url, 'GET', path)).status, 401, path);
  }
  // Nothing ran as the anonymous owner, and the canonical paths still work with the key.
  const listed = await rawRequest(server.url, 'GET', '/api/v1/jobs', bearer(KEY));
  t.is(listed.status, 200);
  t.deepEqual(JSON.parse(listed.text), { jobs: [], next_cursor: null });
});

test('__proto__, constructor and other Object names are no documentation asset', async (t) => {
  for (const name of unrelated) {
    const reply = await rawRequest(server.url, 'GET', `/api/v1/docs/${name}`);
    t.is(reply.status, 404, name);
    t.is(reply.headers['content-type'], 'application/problem+json');
  }
  t.is((await rawRequest(server.url, 'GET', '/api/v1/docs/swagger-ui.css')).status, 200);
});

test('failed key checks are throttled per address: 429 with Retry-After, the right key too', async (t) => {
  const limited = await startTestServer({
    API_KEYS: KEY,
    AUTH_FAILURES_PER_MINUTE: '5',
    TRUST_PROXY: 'true',
  });
  t.teardown(() => limited.close());
  const from = (address: string, key: string) =>
    rawRequest(limited.url, 'GET', '/api/v1/jobs', { ...bearer(key), 'X-Forwarded-For': address });
  // The limiter counts in fixed one-minute windows: start early in one so that the loop and the checks
  // after it (well under a second) see a single window.
  const intoWindowMs = Date.now() % 60_000;
  if (intoWindowMs > 50_000) await new Promise((resolve) => setTimeout(resolve, 60_100 - intoWindowMs));
  const statuses: number[] = [];
  for (let i = 0; i < 40; i++) {
    const reply = await from('203.0.113.7', `wrong-key-${i}-0123456789abcdef`);
    statuses.push(reply.status);
    if (reply.status === 429) {
      const seconds = Number(reply.headers['retry-after']);
      t.true(seconds >= 1 && seconds <= 60, `Retry-After ${seconds}`);
      t.is(reply.headers['content-type'], 'application/problem+json');
    }
  }
  t.deepEqual(statuses.slice(0, 5), [401, 401, 401, 401, 401]);
  // A minute's window can end during the loop: then at most five more 401s.
  t.true(statuses.filter((s) => s === 401).length <= 10, statuses.join(' '));
  t.true(statuses.filter((s) => s === 429).length >= 30, statuses.join(' '));
  t.is((await from('203.0.113.7', KEY)).status, 429, 'a blocked address cannot try the right key either');
  t.is((await from('198.51.100.9', KEY)).status, 200, 'another address is not blocked');
  // Requests with no key to public routes are not key checks.
  t.is(
    (await rawRequest(limited.url, 'GET', '/api/v1/health', { 'X-Forwarded-For': '203.0.113.7' })).status,
    200,
  );
});

test('with S3 storage, Object names are no file of a completed job (404, not 500)', async (t) => {
  const s3 = await startS3();
  t.teardown(() => s3.close());
  const withS3 = await startTestServer({ ...s3.env, API_KEYS: KEY, SYNC_WAIT_SECONDS: '60' });
  t.teardown(() => withS3.close());
  const json = { ...bearer(KEY), 'Content-Type': 'application/json' };
  const done = await rawRequest(withS3.url, 'POST', '/api/v1/simulate', json, run(170));
  t.is(done.status, 200, done.text.slice(0, 300));
  const job = JSON.parse(done.text) as { job_id: string; status: string };
  t.is(job.status, 'completed');
  for (const name of unrelated) {
    const reply = await rawRequest(
      withS3.url,
      'GET',
      `/api/v1/jobs/${job.job_id}/files/${name}`,
      bearer(KEY),
    );
    t.is(reply.status, 404, `${name}: ${reply.text.slice(0, 200)}`);
    t.is(reply.headers['content-type'], 'application/problem+json');
  }
  const file = await rawRequest(withS3.url, 'GET', `/api/v1/jobs/${job.job_id}/files/raw_csv`, bearer(KEY));
  // Downloads are made from the stored run data on request (not presigned redirects since issue 17).
  t.is(file.status, 200, 'a real file is still served');
  t.regex(file.text, /^time_h,/);
});
