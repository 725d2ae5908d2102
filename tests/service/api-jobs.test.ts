// The API's job lifecycle on the embedded stack (SQLite, in-process queue, local files), in this process:
// synchronous and asynchronous submission, results, files, cache reuse, idempotency, listing, cancellation
// and deletion, health, docs, CORS and rate limits. Each test uses its own API key, so its own jobs.
import test from 'ava';
import { API_FILE_KEYS } from '../../src/output/index.js';
import { PHASES } from '../../src/request/index.js';
import { waitForJob, type Client } from '../../tools/harness/http.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const KEYS = Array.from({ length: 10 }, (_, i) => `test-key-${i}-${'x'.repeat(16)}`);
let nextKey = 0;
let server: TestServer;

/** A short isothermal run (about a second), different per temperature so that tests do not share results. */
const shortRun = (celsius: number, hours = 2) => ({
  composition: { MG: 0.0072, SI: 0.0057 },
  temperature_profile: { time_points_hours: [0], temperatures_celsius: [celsius] },
  simulation_time_hours: hours,
  max_points: 50,
});

test.before(async () => {
  // A long synchronous wait: on a loaded 2-core machine a short run can take more than the default 10 s.
  server = await startTestServer({
    API_KEYS: KEYS.join(','),
    WORKER_CONCURRENCY: '2',
    CORS_ORIGINS: 'https://app.example.com',
    SYNC_WAIT_SECONDS: '120',
  });
});

test.after.always(async () => {
  await server?.close();
});

const apiForTest = (): Client & { key: string } => {
  const key = KEYS[nextKey++];
  return { ...server.api(key), key };
};

type Job = {
  job_id: string;
  status: string;
  results?: { summary: unknown; series: { points: number }; files: Record<string, string> };
};

async function download(
  url: string,
  key: string,
): Promise<{ status: number; type: string | null; size: number }> {
  const response = await fetch(url, { headers: { Authorization: `Bearer ${key}` } });
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    size: (await response.arrayBuffer()).byteLength,
  };
}

test('POST /simulate answers 200 with the results; every file downloads', async (t) => {
  const api = apiForTest();
  const reply = await api.post<Job>('/api/v1/simulate', shortRun(170));
  t.is(reply.status, 200, reply.text.slice(0, 300));
  const job = reply.body;
  t.is(job.status, 'completed');
  t.truthy(job.results?.summary);
  t.true((job.results?.series.points ?? 99) <= 50);
  t.deepEqual(Object.keys(job.results?.files ?? {}).sort(), Object.keys(API_FILE_KEYS).sort());
  for (const [key, url] of Object.entries(job.results?.files ?? {})) {
    t.true(url.startsWith(`${server.url}/api/v1/jobs/${job.job_id}/files/`), url);
    const file = await download(url, api.key);
    t.is(file.status, 200, key);
    t.true(file.size > 0, key);
  }
  const svg = await api.get(`/api/v1/jobs/${job.job_id}/files/precipitation.svg`);
  t.is(svg.headers.get('content-type'), 'image/svg+xml');
  const again = await api.get<Job>(`/api/v1/jobs/${job.job_id}`);
  t.deepEqual(again.body, job);
  const results = await api.get(`/api/v1/jobs/${job.job_id}/results`);
  t.deepEqual(results.body, job.results);
});

test('Prefer: respond-async gets 202, Location and Retry-After; the job then completes', async (t) => {
  const api = apiForTest();
  const reply = await api.post<Job>('/api/v1/simulate', shortRun(171), { Prefer: 'respond-async' });
  t.is(reply.status, 202);
  t.is(reply.headers.get('preference-applied'), 'respond-async');
  t.is(reply.headers.get('location'), `/api/v1/jobs/${reply.body.job_id}`);
  t.regex(reply.headers.get('retry-after') ?? '', /^\d+$/);
  const done = await waitForJob(api, reply.body.job_id);
  t.is(done.status, 'completed');
});

test('POST /simulate/async answers 202 at once; results are 409 until completed; DELETE cancels, then deletes', async (t) => {
  const api = apiForTest();
  const reply = await api.post('/api/v1/simulate/async', shortRun(172, 100));
  t.is(reply.status, 202);
  t.deepEqual(Object.keys(reply.body).sort(), [
    'created_at',
    'estimated_duration_seconds',
    'job_id',
    'status',
  ]);
  t.is(reply.body.status, 'pending');
  const id = String(reply.body.job_id);
  t.is(reply.headers.get('location'), `/api/v1/jobs/${id}`);
  const early = await api.get(`/api/v1/jobs/${id}/results`);
  t.is(early.status, 409);
  t.true(['pending', 'running'].includes(String(early.body.job_status)));
  t.regex(String(early.body.detail), /is (pending|running)/);
  const files = await api.get(`/api/v1/jobs/${id}/files/precipitation_plot`);
  t.is(files.status, 409);
  const cancelled = await api.delete(`/api/v1/jobs/${id}`);
  t.is(cancelled.status, 200);
  t.is(cancelled.body.status, 'cancelled');
  t.is((await api.get(`/api/v1/jobs/${id}/results`)).body.job_status, 'cancelled');
  t.is((await api.delete(`/api/v1/jobs/${id}`)).status, 204);
  t.is((await api.get(`/api/v1/jobs/${id}`)).status, 404);
  t.is((await api.delete(`/api/v1/jobs/${id}`)).status, 404);
});

test('an identical request reuses the completed result and says so; deleting either keeps the other', async (t) => {
  const api = apiForTest();
  const first = await api.post<Job>('/api/v1/simulate', shortRun(173));
  t.is(first.body.status, 'completed');
  // The same request written differently (defaults spelled out, keys reordered) is the same computation.
  const base = shortRun(173);
  const spelled = {
    temperature_profile: base.temperature_profile,
    max_points: 50,
    phases: [...PHASES],
    simulation_time_hours: 2,
    composition_unit: 'mole_fraction',
    composition: { SI: 0.0057, MG: 0.0072 },
  };
  const second = await api.post<Job & { cached?: boolean }>('/api/v1/simulate', spelled);
  t.is(second.status, 200);
  t.true(second.body.cached);
  t.not(second.body.job_id, first.body.job_id);
  t.deepEqual(second.body.results?.summary, first.body.results?.summary);
  const viaAsync = await api.post('/api/v1/simulate/async', shortRun(173));
  t.is(viaAsync.body.status, 'completed');
  t.true(viaAsync.body.cached);
  t.is((await api.delete(`/api/v1/jobs/${first.body.job_id}`)).status, 204);
  const file = await api.get(`/api/v1/jobs/${second.body.job_id}/files/raw_data`);
  t.is(file.status, 200);
  t.is(file.headers.get('content-type'), 'application/json; charset=utf-8');
});

test('Idempotency-Key: same key and body give the same job; another body gets 422', async (t) => {
  const api = apiForTest();
  const headers = { 'Idempotency-Key': 'order-42', Prefer: 'respond-async' };
  const first = await api.post('/api/v1/simulate/async', shortRun(174), headers);
  const again = await api.post('/api/v1/simulate/async', shortRun(174), headers);
  t.is(again.status, 202);
  t.is(again.body.job_id, first.body.job_id);
  t.is(again.headers.get('idempotent-replayed'), 'true');
  const sync = await api.post<Job>('/api/v1/simulate', shortRun(174), headers);
  t.is(sync.body.job_id, String(first.body.job_id));
  const other = await api.post('/api/v1/simulate/async', shortRun(175), headers);
  t.is(other.status, 422);
  t.deepEqual(
    (other.body.errors as { pointer: string }[]).map((e) => e.pointer),
    ['Idempotency-Key'],
  );
  await waitForJob(api, String(first.body.job_id));
});

test('GET /jobs lists the caller’s jobs newest first, filters by status, pages by cursor', async (t) => {
  const api = apiForTest();
  const ids: string[] = [];
  for (let i = 0; i < 5; i++) {
    const reply = await api.post('/api/v1/simulate/async', shortRun(150 + i, 100));
    ids.push(String(reply.body.job_id));
    await api.delete(`/api/v1/jobs/${reply.body.job_id}`);
  }
  type Page = { jobs: { job_id: string }[]; next_cursor: string | null };
  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    const page: Page = (await api.get<Page>(`/api/v1/jobs?limit=2${cursor ? `&cursor=${cursor}` : ''}`)).body;
    t.true(page.jobs.length <= 2);
    seen.push(...page.jobs.map((j) => j.job_id));
    cursor = page.next_cursor;
  } while (cursor);
  t.deepEqual(seen, [...ids].reverse());
  const cancelled = await api.get<{ jobs: unknown[] }>('/api/v1/jobs?status=cancelled');
  t.is(cancelled.body.jobs.length, 5);
  const completed = await api.get<{ jobs: unknown[] }>('/api/v1/jobs?status=completed');
  t.is(completed.body.jobs.length, 0);
});

test('health, OpenAPI document and interactive docs', async (t) => {
  const api = server.api();
  const health = await api.get('/api/v1/health');
  t.is(health.status, 200);
  t.like(health.body, {
    status: 'ok',
    checks: { database: { status: 'up' }, queue: { status: 'up' }, storage: { status: 'up' } },
  });
  const doc = await api.get<{ openapi: string; paths: Record<string, Record<string, unknown>> }>(
    '/api/v1/openapi.json',
  );
  t.is(doc.body.openapi, '3.1.0');
  for (const path of [
    '/api/v1/simulate',
    '/api/v1/simulate/async',
    '/api/v1/jobs',
    '/api/v1/jobs/{id}',
    '/api/v1/jobs/{id}/results',
    '/api/v1/jobs/{id}/files/{name}',
    '/api/v1/health',
  ]) {
    t.truthy(doc.body.paths[path], path);
  }
  t.truthy(doc.body.paths['/api/v1/jobs/{id}'].delete);
  const page = await api.get('/api/v1/docs');
  t.is(page.status, 200);
  t.regex(page.text, /swagger-ui-bundle\.js/);
  t.is((await api.get('/api/v1/docs/swagger-ui-bundle.js')).status, 200);
  t.is((await api.get('/api/v1/docs/package.json')).status, 404);
  // The root aliases container health checks and people try first.
  const rootHealth = await api.get('/health');
  t.is(rootHealth.status, 200);
  t.like(rootHealth.body, { status: 'ok', auth: 'api-key', limits: { max_simulation_time_hours: 100 } });
  const docs = await api.get('/docs');
  t.is(docs.status, 302);
  t.is(docs.headers.get('location'), '/api/v1/docs');
});

test('CORS: only allowlisted origins get CORS headers; preflight answered', async (t) => {
  const api = server.api(KEYS[9]);
  const allowed = await api.get('/api/v1/jobs', { Origin: 'https://app.example.com' });
  t.is(allowed.headers.get('access-control-allow-origin'), 'https://app.example.com');
  const other = await api.get('/api/v1/jobs', { Origin: 'https://evil.example.com' });
  t.is(other.headers.get('access-control-allow-origin'), null);
  const preflight = await api.request('OPTIONS', '/api/v1/simulate', {
    headers: { Origin: 'https://app.example.com', 'Access-Control-Request-Method': 'POST' },
  });
  t.is(preflight.status, 204);
  t.regex(preflight.headers.get('access-control-allow-headers') ?? '', /Authorization/);
});

test('rate limit: 429 problem+json with Retry-After past the limit', async (t) => {
  const limited = await startTestServer({ RATE_LIMIT_PER_MINUTE: '3' });
  try {
    const api = limited.api();
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await api.get('/api/v1/jobs')).status);
    t.deepEqual(statuses.slice(0, 3), [200, 200, 200]);
    if (statuses[3] !== 429) {
      // The minute window turned over between requests: one more round trips into the new window's limit.
      for (let i = 0; i < 3; i++) statuses.push((await api.get('/api/v1/jobs')).status);
    }
    const reply = await api.get('/api/v1/jobs');
    t.is(reply.status, 429);
    t.is(reply.headers.get('content-type'), 'application/problem+json');
    t.regex(reply.headers.get('retry-after') ?? '', /^\d+$/);
  } finally {
    await limited.close();
  }
});
