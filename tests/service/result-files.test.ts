// The files of a job on the embedded service: nothing stored at completion; the first download has the
// worker run the request again to make the run data (the job's own numbers, checked), from which every file
// is made, gzip-compressed on the wire, agreeing with the summary; the full step record on request; a
// cached answer stores nothing; a job whose numbers the engine no longer gives has its files refused (410).
import { bytesUnder } from '../../tools/harness/services.js';
import { join } from 'node:path';
import test from 'ava';
import { JSDOM } from 'jsdom';
import { API_FILE_KEYS, DEFAULT_RAW_ROWS } from '../../src/output/index.js';
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

interface Summary {
  final_time_hours: number;
  total_yield_strength_mpa: number;
  phases: { name: string; number_density_per_m3: number; diameter_nm: number }[];
}
interface Job {
  job_id: string;
  status: string;
  cached?: boolean;
  results: {
    summary: Summary;
    files: Record<string, string>;
    file_status: Record<string, string>;
    timing: { engine_ms: number; steps: number };
  };
}
type Series = Record<string, unknown> & {
  points: number;
  recorded_points: number;
  phases: Record<string, Record<string, number[]>>;
};

async function simulate(body: unknown): Promise<Job> {
  const reply = await server.api().post<Job>('/api/v1/simulate', body);
  if (reply.status !== 200) throw new Error(`${reply.status} ${reply.text.slice(0, 300)}`);
  return reply.body;
}

const storedBytes = () => bytesUnder(join(server.dataDir, 'results'));

const seedLike = (mg: number) => ({ ...EXAMPLE_REQUEST, composition: { MG: mg, SI: 0.0057 } });

test.serial(
  'nothing is stored at completion; the first download makes the run data, every file agrees with the summary',
  async (t) => {
    const before = await storedBytes();
    const job = await simulate(seedLike(0.00721));
    t.is((await storedBytes()) - before, 0, 'nothing stored at completion');
    t.deepEqual(
      job.results.file_status,
      Object.fromEntries(Object.keys(API_FILE_KEYS).map((k) => [k, 'ready'])),
    );
    t.true(job.results.timing.engine_ms > 0);
    const get = (key: string) => fetch(job.results.files[key], { headers: { 'Accept-Encoding': 'gzip' } });

    const jsonReply = await get('raw_data');
    t.is(jsonReply.status, 200);
    t.is(jsonReply.headers.get('content-encoding'), 'gzip');
    const stored = (await storedBytes()) - before;
    t.true(stored > 0 && stored < 1_000_000, `${stored} bytes of run data made at the first download`);
    const doc = (await jsonReply.json()) as { summary: Summary; series: Series; timing: unknown };
    t.deepEqual(doc.summary, job.results.summary);
    t.deepEqual(doc.timing, job.results.timing, "the job's own engine time, not the repeat's");
    const { series } = doc;
    t.true(series.points <= DEFAULT_RAW_ROWS && series.points < series.recorded_points);
    t.is(series.recorded_points, job.results.timing.steps + 1);
    t.is((series.time_h as number[]).at(-1), job.results.summary.final_time_hours);
    t.is((series.total_yield_strength_mpa as number[]).at(-1), job.results.summary.total_yield_strength_mpa);
    for (const p of job.results.summary.phases)
      t.is(series.phases[p.name].number_density_per_m3.at(-1), p.number_density_per_m3, p.name);

    const csvReply = await get('raw_csv');
    t.is(csvReply.headers.get('content-encoding'), 'gzip');
    t.regex(String(csvReply.headers.get('content-type')), /^text\/csv/);
    const lines = (await csvReply.text()).trimEnd().split('\n');
    t.is(lines.length, series.points + 1);
    const header = lines[0].split(',');
    const last = lines[lines.length - 1].split(',').map(Number);
    t.is(last[header.indexOf('time_h')], job.results.summary.final_time_hours);
    t.is(last[header.indexOf('total_yield_strength_mpa')], job.results.summary.total_yield_strength_mpa);
    for (const p of job.results.summary.phases)
      t.is(last[header.indexOf(`${p.name}_diameter_nm`)], p.diameter_nm, p.name);

    const svgReply = await fetch(`${server.url}/api/v1/jobs/${job.job_id}/files/yield_strength.svg`);
    t.is(svgReply.headers.get('content-encoding'), 'gzip');
    const svg = new new JSDOM().window.DOMParser().parseFromString(await svgReply.text(), 'image/svg+xml');
    t.is(svg.getElementsByTagName('parsererror').length, 0);
    t.true(svg.querySelectorAll('path.series').length > 0);
    for (const key of Object.keys(API_FILE_KEYS).filter((k) => k.endsWith('_plot'))) {
      const png = new Uint8Array(await (await get(key)).arrayBuffer());
      t.deepEqual([...png.subarray(0, 8)], PNG_SIGNATURE, key);
    }
    t.is((await storedBytes()) - before, stored, 'later downloads store nothing');
    const again = await fetch(job.results.files.raw_data, {
      headers: { 'If-None-Match': String(jsonReply.headers.get('etag')) },
    });
    t.is(again.status, 304);
  },
);

test.serial('"output": {"full_series": true} gives every recorded step', async (t) => {
  const job = await simulate({ ...seedLike(0.00722), output: { full_series: true } });
  const doc = (await (await fetch(job.results.files.raw_data)).json()) as { series: Series };
  t.is(doc.series.points, doc.series.recorded_points);
  t.is(doc.series.points, job.results.timing.steps + 1);
  t.true(doc.series.points > DEFAULT_RAW_ROWS);
  const csv = await (await fetch(job.results.files.raw_csv)).text();
  t.is(csv.trimEnd().split('\n').length, doc.series.points + 1);
});

test.serial(
  'a cached answer stores nothing and serves the original’s files, also after the original is deleted',
  async (t) => {
    const body = seedLike(0.00723);
    const first = await simulate(body);
    const fetched = await fetch(first.results.files.raw_csv);
    t.is(fetched.status, 200);
    await fetched.arrayBuffer();
    const before = await storedBytes();
    const second = await simulate(body);
    t.true(second.cached);
    t.not(second.job_id, first.job_id);
    t.is(await storedBytes(), before, 'nothing stored for the cached answer');
    t.is((await server.api().delete(`/api/v1/jobs/${first.job_id}`)).status, 204);
    t.is(await storedBytes(), before, 'the files stay while the cached answer points at them');
    const doc = (await (await fetch(second.results.files.raw_data)).json()) as { summary: Summary };
    t.deepEqual(doc.summary, second.results.summary);
    t.is(await storedBytes(), before, "the cached answer's download used the original's run data");
    t.is((await server.api().delete(`/api/v1/jobs/${second.job_id}`)).status, 204);
    t.true((await storedBytes()) < before, 'the last job pointing at the files took them along');
  },
);
