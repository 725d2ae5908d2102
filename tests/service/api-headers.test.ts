// What every answer says about itself: 405 with Allow for any method a path does not take, security
// headers on every response (a CSP that lets the page and the docs run only their own scripts), no
// caching of job answers, and an OpenAPI document that lists the answers the middleware gives.
import { createHash } from 'node:crypto';
import test from 'ava';
import { rawRequest } from '../../tools/harness/http.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const KEY = 'headers-key-0123456789abcdef';
const auth = { Authorization: `Bearer ${KEY}` };
let server: TestServer;

test.before(async () => {
  server = await startTestServer({ API_KEYS: KEY, AUTH_FAILURES_PER_MINUTE: '0', SYNC_WAIT_SECONDS: '0' });
});

test.after.always(async () => {
  await server?.close();
});

test('a method a path does not take gets 405 with Allow, whatever the method', async (t) => {
  for (const method of ['PUT', 'PATCH', 'PROPFIND', 'SEARCH', 'LOCK', 'PURGE', 'MKCOL']) {
    const reply = await rawRequest(server.url, method, '/api/v1/jobs', auth);
    t.is(reply.status, 405, method);
    t.is(reply.headers.allow, 'HEAD, GET', method);
    t.is(reply.headers['content-type'], 'application/problem+json');
    const simulate = await rawRequest(server.url, method, '/api/v1/simulate', auth);
    t.is(simulate.status, 405, `${method} /simulate`);
    t.is(simulate.headers.allow, 'POST');
  }
  t.is((await rawRequest(server.url, 'PROPFIND', '/api/v1/no-such-thing', auth)).status, 404);
});

test('every answer has nosniff, no framing, no referrer and a CSP; job answers are not cached', async (t) => {
  const body = JSON.stringify({
    composition: { MG: 0.0072, SI: 0.0057 },
    temperature_profile: { time_points_hours: [0], temperatures_celsius: [160] },
    simulation_time_hours: 1,
    max_points: 20,
  });
  const json = { ...auth, 'Content-Type': 'application/json' };
  const posted = await rawRequest(server.url, 'POST', '/api/v1/simulate', json, body);
  t.is(posted.status, 202, posted.text.slice(0, 200));
  const id = (JSON.parse(posted.text) as { job_id: string }).job_id;
  const answers = {
    posted,
    job: await rawRequest(server.url, 'GET', `/api/v1/jobs/${id}`, auth),
    list: await rawRequest(server.url, 'GET', '/api/v1/jobs', auth),
    unauthorized: await rawRequest(server.url, 'GET', '/api/v1/jobs'),
    missing: await rawRequest(server.url, 'GET', '/api/v1/nothing', auth),
    invalid: await rawRequest(server.url, 'POST', '/api/v1/simulate', json, '{'),
    method: await rawRequest(server.url, 'PUT', '/api/v1/jobs', auth),
    health: await rawRequest(server.url, 'GET', '/api/v1/health'),
    redirect: await rawRequest(server.url, 'GET', '/docs'),
    docs: await rawRequest(server.url, 'GET', '/api/v1/docs'),
    asset: await rawRequest(server.url, 'GET', '/api/v1/docs/swagger-ui.css'),
    page: await rawRequest(server.url, 'GET', '/'),
    worker: await rawRequest(server.url, 'GET', '/preview-worker.js'),
  };
  for (const [name, reply] of Object.entries(answers)) {
    t.is(reply.headers['x-content-type-options'], 'nosniff', name);
    t.is(reply.headers['x-frame-options'], 'DENY', name);
    t.is(reply.headers['referrer-policy'], 'no-referrer', name);
    t.regex(String(reply.headers['content-security-policy']), /frame-ancestors 'none'/, name);
  }
  for (const name of ['posted', 'job', 'list', 'unauthorized', 'missing', 'invalid', 'health'] as const) {
    t.is(answers[name].headers['cache-control'], 'no-store', name);
    t.regex(String(answers[name].headers['content-security-policy']), /^default-src 'none'/, name);
  }
  // The page and the docs may run their own files and their one inline script, nothing else.
  for (const [name, reply] of [
    ['page', answers.page],
    ['docs', answers.docs],
  ] as const) {
    t.is(reply.status, 200, name);
    const policy = String(reply.headers['content-security-policy']);
    const inline = [...reply.text.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
    t.true(inline.length > 0, name);
    for (const script of inline) {
      const hash = createHash('sha256').update(script, 'utf8').digest('base64');
      t.true(policy.includes(`'sha256-${hash}'`), `${name}: ${policy}`);
    }
    t.notRegex(policy, /script-src[^;]*'unsafe-inline'/, name);
  }
  t.regex(String(answers.worker.headers['content-security-policy']), /'wasm-unsafe-eval'/);
});

test('the OpenAPI document lists 400, 401, 413, 415, 429 and 503 where the middleware gives them', async (t) => {
  const reply = await rawRequest(server.url, 'GET', '/api/v1/openapi.json');
  const document = JSON.parse(reply.text) as {
    paths: Record<
      string,
      Record<
        string,
        {
          responses: Record<string, { headers?: Record<string, unknown> }>;
          security?: unknown[];
          requestBody?: unknown;
        }
      >
    >;
  };
  let operations = 0;
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      operations++;
      const where = `${method.toUpperCase()} ${path}`;
      const statuses = Object.keys(op.responses);
      const open = Array.isArray(op.security) && op.security.length === 0;
      t.true(statuses.includes('400'), where);
      t.true(statuses.includes('429'), where);
      t.truthy(op.responses['429'].headers?.['Retry-After'], where);
      t.is(statuses.includes('401'), !open, `${where}: 401 exactly where a key is needed`);
      if (!open) t.true(statuses.includes('503'), `${where}: a dependency can be down`);
      t.is(statuses.includes('413'), op.requestBody !== undefined, where);
      t.is(statuses.includes('415'), op.requestBody !== undefined, where);
    }
  }
  t.true(operations >= 10);
  // And they do happen: a repeated query parameter and a body over 64 KiB.
  t.is((await rawRequest(server.url, 'GET', '/api/v1/jobs?limit=1&limit=2', auth)).status, 400);
  const big = JSON.stringify({ padding: 'x'.repeat(70 * 1024) });
  const json = { ...auth, 'Content-Type': 'application/json' };
  t.is((await rawRequest(server.url, 'POST', '/api/v1/simulate', json, big)).status, 413);
});
