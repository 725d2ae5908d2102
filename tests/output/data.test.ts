// results.json / results.csv (by default thinned, every step on request), the stored run data they are made
// from, and the compact series of a real run.
import test from 'ava';
import { brotliDecompressSync, gzipSync } from 'node:zlib';
import type { SimulationResult } from '../../src/engine/index.js';
import { localExtrema } from '../../src/output/compact.js';
import {
  compactSeries,
  DEFAULT_RAW_ROWS,
  rawDataIndices,
  rawTable,
  resultsCsvPieces,
  resultsJsonPieces,
  type RawTable,
} from '../../src/output/index.js';
import { decodeRunData, encodeRunData, runDataFile } from '../../src/output/run-data.js';
import { exampleResult, EXAMPLE_SUBMITTED } from './fixture.js';

type Json = Record<string, unknown>;
let result: SimulationResult;
let full: RawTable;
let thinned: RawTable;

test.before(async () => {
  result = await exampleResult();
  full = rawTable(result, EXAMPLE_SUBMITTED);
  thinned = rawTable(result, EXAMPLE_SUBMITTED, rawDataIndices(result));
});

const json = (table: RawTable) => JSON.parse([...resultsJsonPieces(table)].join('')) as Json;
const csvLines = (table: RawTable) => [...resultsCsvPieces(table)].join('').trimEnd().split('\n');

/** The results.json array a CSV column header names. */
function jsonColumn(series: Json, header: string): (number | null)[] {
  if (header in series) return series[header] as number[];
  if (header.startsWith('x_')) return (series.matrix_mole_fraction as Json)[header.slice(2)] as number[];
  for (const [phase, values] of Object.entries(series.phases as Json)) {
    if (header.startsWith(`${phase}_`)) return (values as Json)[header.slice(phase.length + 1)] as number[];
  }
  throw new Error(`no JSON array for CSV column ${header}`);
}

test('with full_series, results.json holds requests, identifiers, summary and every step', (t) => {
  const doc = json(full);
  t.deepEqual(doc.request, JSON.parse(JSON.stringify(result.request)));
  t.deepEqual(doc.submitted_request, EXAMPLE_SUBMITTED);
  t.deepEqual(doc.engine, result.engine);
  t.regex((doc.engine as Json).database_sha256 as string, /^[0-9a-f]{64}$/);
  t.deepEqual(doc.summary, JSON.parse(JSON.stringify(result.summary)));
  const series = doc.series as Json;
  t.like(series, { points: result.series.length, recorded_points: result.series.length, full_series: true });
  t.deepEqual(series.time_s, [...result.series.timeS]);
  const phase = (series.phases as Json).MGSI_B_P as Json;
  for (const key of [
    'number_density_per_m3',
    'mean_radius_m',
    'mean_radius_nm',
    'diameter_nm',
    'yield_strength_mpa',
  ])
    t.is((phase[key] as number[]).length, result.series.length, key);
  t.deepEqual(Object.keys(series.phases as Json), result.request.phases);
});

test('results.json without a submitted request leaves that key out', (t) => {
  t.false('submitted_request' in json(rawTable(result, undefined, [0, 1])));
});

test('by default the raw data is thinned: at most 2000 rows, the exact final state, peak, ramp ends, phase onsets', (t) => {
  t.true(result.series.length > DEFAULT_RAW_ROWS, 'the example records more steps than the default keeps');
  const doc = json(thinned);
  const series = doc.series as Json;
  t.like(series, { points: thinned.rows, recorded_points: result.series.length, full_series: false });
  t.true(thinned.rows <= DEFAULT_RAW_ROWS && thinned.rows > DEFAULT_RAW_ROWS / 2, `${thinned.rows} rows`);
  const time = series.time_s as number[];
  t.true(
    time.every((v, i) => i === 0 || v > time[i - 1]),
    'rows in time order',
  );
  t.is(time.at(-1), result.series.timeS[result.series.length - 1]);
  const s = result.summary;
  t.is((series.total_yield_strength_mpa as number[]).at(-1), s.total_yield_strength_mpa);
  t.true((series.total_yield_strength_mpa as number[]).includes(s.peak_yield_strength_mpa), 'the peak');
  for (const p of s.phases) {
    const phase = (series.phases as Json)[p.name] as Json;
    t.is((phase.number_density_per_m3 as number[]).at(-1), p.number_density_per_m3, p.name);
    t.is((phase.diameter_nm as number[]).at(-1), p.diameter_nm, p.name);
  }
  // The ramp of example 03 (175 °C until 16 h, 250 °C from 17 h) starts and ends on a kept row.
  const kelvin = result.series.temperatureK;
  const rampStart = kelvin.findIndex((k, i) => i > 0 && k !== kelvin[i - 1]) - 1;
  const rampEnd = kelvin.findIndex((k) => k === 250 + 273.15);
  t.true(rampStart > 0 && rampEnd > rampStart);
  t.true(time.includes(result.series.timeS[rampStart]), 'the last row at 175 °C');
  t.true(time.includes(result.series.timeS[rampEnd]), 'the first row at 250 °C');
  // Each phase's first row with precipitates is kept.
  for (const [p, phase] of result.series.phases.entries()) {
    const first = phase.numberDensityPerM3.findIndex((n) => n > 0);
    if (first < 0) continue;
    t.true(time.includes(result.series.timeS[first]), `onset of ${result.series.phases[p].name}`);
  }
});

for (const [name, table] of [
  ['thinned', () => thinned],
  ['full', () => full],
] as const) {
  test(`results.csv (${name}) has the numbers of results.json, in h, °C, nm and MPa`, (t) => {
    const lines = csvLines(table());
    const header = lines[0].split(',');
    t.is(header.slice(0, 4).join(','), 'time_h,temperature_c,x_MG,x_SI');
    t.true(header.includes('MGSI_B_P_mean_radius_nm') && header.includes('MGSI_B_P_yield_strength_mpa'));
    // No SI twins of the h, °C and nm columns (results.json keeps them).
    for (const si of ['time_s', 'temperature_k', 'MGSI_B_P_mean_radius_m', 'MGSI_B_P_critical_radius_m'])
      t.false(header.includes(si), si);
    t.true(
      header.every((h) =>
        /_(h|c|nm|mpa|hv|per_m3|m3_s|j_per_mol|fraction|ratio|mechanism_code)$|^x_/.test(h),
      ),
      header.join(),
    );
    t.is(lines.length, table().rows + 1);
    const series = json(table()).series as Json;
    const columns = header.map((h) => jsonColumn(series, h));
    let mismatches = 0;
    for (let r = 1; r < lines.length; r++) {
      const cells = lines[r].split(',');
      t.is(cells.length, header.length);
      cells.forEach((cell, c) => {
        if ((cell === '' ? null : Number(cell)) !== columns[c][r - 1]) mismatches++;
      });
    }
    t.is(mismatches, 0);
    const at = (h: string) => Number(lines.at(-1)?.split(',')[header.indexOf(h)]);
    t.is(at('time_h'), result.summary.final_time_hours);
    const last = table().rows - 1;
    const si = (key: string) => table().columns.find((c) => c.header === key)!.values[last];
    t.is(at('temperature_c'), si('temperature_k') - 273.15);
    t.is(at('MGSI_B_P_mean_radius_nm'), si('MGSI_B_P_mean_radius_m') * 1e9);
  });
}

test('the stored run data reads back to the same numbers; full_series stores every step', async (t) => {
  const back = await decodeRunData(await encodeRunData(thinned));
  t.deepEqual(back.meta, JSON.parse(JSON.stringify(thinned.meta)));
  t.is(back.rows, thinned.rows);
  back.columns.forEach((c, k) =>
    t.deepEqual(Array.from(c.values), Array.from(thinned.columns[k].values), c.header),
  );
  const small = await runDataFile(result, EXAMPLE_SUBMITTED);
  t.true(small.bytes.length < 1_000_000, `${small.bytes.length} bytes`);
  t.is((await decodeRunData(small.bytes)).rows, thinned.rows);
  const fullRequest = { ...result, request: { ...result.request, output: { full_series: true as const } } };
  const all = await decodeRunData((await runDataFile(fullRequest, EXAMPLE_SUBMITTED)).bytes);
  t.is(all.rows, result.series.length);
  t.true(all.meta.full_series);
});

test('run data stored as gzip before brotli reads back the same; other bytes are refused', async (t) => {
  const encoded = await encodeRunData(thinned);
  // A file as round 2 wrote it: the same uncompressed bytes, gzip-compressed.
  const plain = brotliDecompressSync(encoded.subarray(4));
  const before = await decodeRunData(gzipSync(plain));
  t.deepEqual(before, await decodeRunData(encoded));
  t.is(before.rows, thinned.rows);
  await t.throwsAsync(() => decodeRunData(plain), { message: 'not a run data file' });
});

test('the compact series keeps at most max_points rows, the final state and the strength peak', (t) => {
  const peak = result.summary.peak_yield_strength_mpa;
  for (const maxPoints of [undefined, 1000, 50, 3, 2]) {
    const compact = compactSeries(result, maxPoints);
    const limit = maxPoints ?? result.request.max_points;
    t.true(compact.points <= limit, `${compact.points} > ${limit}`);
    t.is(compact.time_hours.length, compact.points);
    t.is(compact.recorded_points, result.series.length);
    t.is(compact.time_hours.at(-1), result.summary.final_time_hours);
    t.is(compact.total_yield_strength_mpa.at(-1), result.summary.total_yield_strength_mpa);
    t.true(compact.total_yield_strength_mpa.includes(peak), `peak missing at max_points ${maxPoints}`);
    t.true(compact.time_hours.every((h, i) => i === 0 || h > compact.time_hours[i - 1]));
    for (const phase of Object.values(compact.phases)) t.is(phase.volume_fraction.length, compact.points);
  }
  t.is(compactSeries(result).points, EXAMPLE_SUBMITTED.max_points);
  t.true(compactSeries(result, 1e9).points <= 5000);
});

test('the compact series keeps every local extremum of the total yield strength when they fit', (t) => {
  const extrema = [...localExtrema(result.strength.totalYieldStrengthMPa)];
  const compact = compactSeries(result, 500);
  t.true(extrema.length < 500);
  const times = new Set(compact.time_hours);
  for (const i of extrema) t.true(times.has(result.series.timeS[i] / 3600), `extremum at row ${i}`);
});

test('the compact series is plain JSON', (t) => {
  const compact = compactSeries(result, 100);
  t.deepEqual(JSON.parse(JSON.stringify(compact)), compact);
  t.deepEqual(Object.keys(compact.matrix_composition), ['MG', 'SI']);
  t.true(compact.temperature_c.every((c) => c >= 174.9 && c <= 250.1));
});
