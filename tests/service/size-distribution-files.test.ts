// Size distributions through the API: asked for in the request, served as size_distributions.json and .csv
// and drawn in size_distribution.png/.svg, all made from the stored run data.
import test from 'ava';
import type { SizeDistributionJson } from '../../src/output/index.js';
import { EXAMPLE_REQUEST } from '../../src/request/index.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { PNG_SIGNATURE } from '../output/png-decode.js';

let server: TestServer;

test.before(async () => {
  server = await startTestServer({ SYNC_WAIT_SECONDS: '120' });
});

test.after.always(async () => {
  await server?.close();
});

interface Job {
  job_id: string;
  results: { summary: { final_time_hours: number; peak_reached: boolean }; files: Record<string, string> };
}

test('a job with size_distribution_times_hours serves them as JSON, CSV and a figure', async (t) => {
  const body = { ...EXAMPLE_REQUEST, output: { size_distribution_times_hours: [1, 10] } };
  const reply = await server.api().post<Job>('/api/v1/simulate', body);
  t.is(reply.status, 200, reply.text.slice(0, 300));
  const { files, summary } = reply.body.results;
  t.is(typeof summary.peak_reached, 'boolean');

  const json = (await (await fetch(files.size_distributions_json)).json()) as SizeDistributionJson[];
  t.deepEqual(
    json.map((s) => [s.requested_time_hours, s.final]),
    [
      [1, false],
      [10, false],
      [null, true],
    ],
  );
  t.true(json[0].time_hours >= 1 && json[0].time_hours < 1.1);
  t.is(json[2].time_hours, summary.final_time_hours);
  const raw = (await (await fetch(files.raw_data)).json()) as { size_distributions: SizeDistributionJson[] };
  t.deepEqual(raw.size_distributions, json);

  const csv = (await (await fetch(files.size_distributions_csv)).text()).trimEnd().split('\n');
  t.true(csv[0].startsWith('time_h,requested_time_h,final,temperature_c,phase,bin,'));
  const bins = json.reduce(
    (n, s) => n + Object.values(s.phases).reduce((m, p) => m + p.number_density_per_m3.length, 0),
    0,
  );
  t.is(csv.length, bins + 1);

  const png = new Uint8Array(await (await fetch(files.size_distribution_plot)).arrayBuffer());
  t.deepEqual([...png.subarray(0, 8)], PNG_SIGNATURE);
  const svgUrl = files.size_distribution_plot.replace(/\.png$/, '.svg');
  const svg = await (await fetch(svgUrl)).text();
  t.regex(svg, /Radius r \(nm\)/);
});
