// `precipitate run --out DIR`: the 18 files; raw data thinned to at most 2000 rows by default, ending in the
// exact final state of the printed summary; every step with "output": {"full_series": true}.
import test from 'ava';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_RAW_ROWS, RESULT_FILE_NAMES } from '../../src/output/index.js';
import { KAWIN_EXAMPLE_03 } from '../../src/request/index.js';
import { runCli } from '../../tools/harness/processes.js';
import { tempDir } from '../../tools/harness/services.js';

interface Printed {
  summary: { final_time_hours: number; total_yield_strength_mpa: number };
  timing: { steps: number };
}
interface Results {
  summary: unknown;
  series: { points: number; recorded_points: number; full_series: boolean; time_h: number[] };
}

async function runOut(
  body: unknown,
): Promise<{ printed: Printed; files: string[]; json: Results; csv: string[] }> {
  const dir = await tempDir('run-out');
  try {
    const request = join(dir.path, 'request.json');
    await writeFile(request, JSON.stringify(body));
    const out = join(dir.path, 'out');
    const printed = JSON.parse(await runCli(['run', request, '--json', '--out', out])) as Printed;
    const json = JSON.parse(await readFile(join(out, 'results.json'), 'utf8')) as Results;
    const csv = (await readFile(join(out, 'results.csv'), 'utf8')).trimEnd().split('\n');
    return { printed, files: (await readdir(out)).sort(), json, csv };
  } finally {
    await dir.remove();
  }
}

test('by default: 18 files, at most 2000 rows, the last one the printed final state', async (t) => {
  const { printed, files, json, csv } = await runOut(KAWIN_EXAMPLE_03);
  t.deepEqual(files, [...RESULT_FILE_NAMES].sort());
  t.deepEqual(json.summary, printed.summary);
  const { series } = json;
  t.is(series.recorded_points, printed.timing.steps + 1);
  t.true(series.points <= DEFAULT_RAW_ROWS && series.points < series.recorded_points);
  t.false(series.full_series);
  t.is(series.time_h.at(-1), printed.summary.final_time_hours);
  t.is(csv.length, series.points + 1);
  const header = csv[0].split(',');
  const last = csv[csv.length - 1].split(',').map(Number);
  t.is(last[header.indexOf('total_yield_strength_mpa')], printed.summary.total_yield_strength_mpa);
});

test('"output": {"full_series": true} writes every step', async (t) => {
  const { printed, json, csv } = await runOut({ ...KAWIN_EXAMPLE_03, output: { full_series: true } });
  t.is(json.series.points, printed.timing.steps + 1);
  t.true(json.series.full_series);
  t.is(csv.length, json.series.points + 1);
});
