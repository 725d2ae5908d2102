// API keys: every /api route needs one (documentation and health excepted); a job belongs to the key that
// made it, and another key can neither read, list, download nor cancel it (it gets 404, as for no job).
import test from 'ava';
import { waitForJob } from '../../tools/harness/http.js';
import { cyclingRequest } from '../helpers/stack.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const FIRST = 'first-key-0123456789abcdef';
const SECOND = 'second-key-0123456789abcdef';
let server: TestServer;

const run = (celsius: number, hours = 2) => ({
  composition: { MG: 0.0072, SI: 0.0057 },
  temperature_profile: { time_points_hours: [0], temperatures_celsius: [celsius] },
  simulation_time_hours: hours,
  max_points: 20,
});

/** A job that runs for seconds (~380,000 steps of temperature cycles), so that it can still be cancelled. */
const long = cyclingRequest(20, 20);

test.before(async () => {
  server = await startTestServer({ API_KEYS: `${FIRST},${SECOND}`, WORKER_CONCURRENCY: '2' });
});

test.after.always(async () => {
  await server?.close();
});

test('without a valid key: 401 problem+json with WWW-Authenticate; docs and health stay open', async (t) => {
  const variants: Record<string, string>[] = [
    {},
    { Authorization: 'Bearer wrong-key-0123456789' },
    { Authorization: `Basic ${FIRST}` },
  ];
  for (const headers of variants) {
    for (const [method, path] of [
      ['GET', '/api/v1/jobs'],
      ['POST', '/api/v1/simulate'],
      ['GET', '/api/v1/jobs/00000000-0000-4000-8000-000000000000'],
    ]) {
      const reply = await server
        .api()
        .request(method, path, { headers, body: method === 'POST' ? run(160) : undefined });
      t.is(reply.status, 401, `${method} ${path} ${JSON.stringify(headers)}`);
      t.is(reply.headers.get('content-type'), 'application/problem+json');
      t.regex(reply.headers.get('www-authenticate') ?? '', /^Bearer/);
      t.false(reply.text.includes(FIRST), 'a key is never echoed');
    }
  }
  for (const path of ['/api/v1/health', '/api/v1/openapi.json', '/api/v1/docs']) {
    t.is((await server.api().get(path)).status, 200, path);
  }
});

test("a second key cannot read, list, download or cancel the first key's jobs", async (t) => {
  const first = server.api(FIRST);
  const second = server.api(SECOND);
  const done = await first.post('/api/v1/simulate', run(161), { 'Idempotency-Key': 'same-key' });
  t.is(done.status, 200, done.text.slice(0, 300));
  const id = String(done.body.job_id);
  // The owner's download first: its files are made by the one engine thread, which the long job holds next.
  t.is((await first.get(`/api/v1/jobs/${id}/files/precipitation_plot`)).status, 200);
  const running = await first.post('/api/v1/simulate/async', long);
  const runningId = String(running.body.job_id);

  for (const path of [
    `/api/v1/jobs/${id}`,
    `/api/v1/jobs/${id}/results`,
    `/api/v1/jobs/${id}/files/precipitation_plot`,
    `/api/v1/jobs/${id}/files/results.csv`,
  ]) {
    const reply = await second.get(path);
    t.is(reply.status, 404, path);
    t.is(reply.headers.get('content-type'), 'application/problem+json');
  }
  t.deepEqual((await second.get('/api/v1/jobs')).body, { jobs: [], next_cursor: null });
  t.is((await second.delete(`/api/v1/jobs/${runningId}`)).status, 404);
  t.is((await second.delete(`/api/v1/jobs/${id}`)).status, 404);
  // The same Idempotency-Key under another key is another job.
  const own = await second.post('/api/v1/simulate/async', run(161), { 'Idempotency-Key': 'same-key' });
  t.is(own.status, 202);
  t.not(own.body.job_id, id);
  t.falsy(own.headers.get('idempotent-replayed'));

  // The owner still has everything.
  t.is((await first.get(`/api/v1/jobs/${id}/files/results.csv`)).status, 200);
  t.not((await first.get(`/api/v1/jobs/${runningId}`)).body.status, 'cancelled');
  const listed = (await first.get<{ jobs: { job_id: string }[] }>('/api/v1/jobs')).body.jobs.map(
    (j) => j.job_id,
  );
  t.true(listed.includes(id) && listed.includes(runningId));
  t.is((await first.delete(`/api/v1/jobs/${runningId}`)).body.status, 'cancelled');
  await waitForJob(second, String(own.body.job_id));
});
