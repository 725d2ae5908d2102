// End to end in embedded mode: `npm start` with nothing configured but where to keep data, which port and
// how long to wait, as on a laptop with only Node: SQLite, the in-process queue, result files on local disk.
import test from 'ava';
import { API_FILE_KEYS } from '../../src/output/index.js';
import { KAWIN_EXAMPLE_03 } from '../../src/request/index.js';
import { client, waitForJob } from '../../tools/harness/http.js';
import { runCli, spawnCli, startApi } from '../../tools/harness/processes.js';
import { tempDir } from '../../tools/harness/services.js';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const PNG_SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

test('npm start, then POST /simulate with kawin example 03: 200 with the full results in the same call; files download', async (t) => {
  const dir = await tempDir('embedded');
  // Only where to keep data and which port, plus a synchronous wait long enough for a loaded CI machine:
  // the test is about answering in the same call, not about how fast this machine is.
  const proc = spawnCli(['start'], { DATA_DIR: dir.path, PORT: '0', SYNC_WAIT_SECONDS: '120' }, ['npm']);
  try {
    const listening = await proc.waitForLog((e) => e.message === 'listening', 60_000);
    t.like(listening, { queue: 'in-process', auth: 'off' });
    t.regex(String(listening.database), /^sqlite /);
    const api = client(String(listening.url));
    const reply = await api.post('/api/v1/simulate', KAWIN_EXAMPLE_03);
    t.is(reply.status, 200, reply.text.slice(0, 300));
    const job = reply.body as {
      status: string;
      results: {
        summary: unknown;
        series: { points: number };
        files: Record<string, string>;
        engine: { kernel: string };
      };
    };
    t.is(job.status, 'completed');
    t.true(job.results.series.points > 10 && job.results.series.points <= 500);
    const request = join(dir.path, 'request.json');
    await writeFile(request, JSON.stringify(KAWIN_EXAMPLE_03));
    const cli = JSON.parse(
      await runCli(['run', request, '--json', '--engine', job.results.engine.kernel]),
    ) as { summary: unknown };
    t.deepEqual(job.results.summary, cli.summary);
    t.deepEqual(Object.keys(job.results.files).sort(), Object.keys(API_FILE_KEYS).sort());
    for (const [key, url] of Object.entries(job.results.files)) {
      const response = await fetch(url);
      t.is(response.status, 200, key);
      const bytes = new Uint8Array(await response.arrayBuffer());
      if (key.endsWith('_plot')) t.deepEqual([...bytes.subarray(0, 8)], PNG_SIGNATURE, key);
      if (key === 'raw_data') t.notThrows(() => JSON.parse(new TextDecoder().decode(bytes)));
    }
  } finally {
    await proc.stop('SIGTERM');
    await dir.remove();
  }
});

test('the embedded server killed mid-run and started again finishes every accepted job', async (t) => {
  const dir = await tempDir('embedded-restart');
  const env = { DATA_DIR: dir.path, WORKER_CONCURRENCY: '1' };
  let server = await startApi(env);
  try {
    const api = () => client(server.url);
    const long = { ...KAWIN_EXAMPLE_03, simulation_time_hours: 100, max_points: 50 };
    const short = {
      ...KAWIN_EXAMPLE_03,
      temperature_profile: { time_points_hours: [0], temperatures_celsius: [176] },
      simulation_time_hours: 2,
    };
    const ids: string[] = [];
    for (const body of [long, short])
      ids.push(String((await api().post('/api/v1/simulate/async', body)).body.job_id));
    await server.proc.waitForLog((e) => e.message === 'job started' && e.job_id === ids[0]);
    await server.proc.stop('SIGKILL');
    server = await startApi(env);
    const jobs = await Promise.all(ids.map((id) => waitForJob(api(), id)));
    t.deepEqual(
      jobs.map((j) => j.status),
      ['completed', 'completed'],
    );
  } finally {
    await server.proc.stop('SIGTERM');
    await dir.remove();
  }
});
