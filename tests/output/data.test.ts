// results.json / results.csv and the compact series of a real run.
import test from 'ava';
import type { SimulationResult } from '../../src/engine/index.js';
import { localExtrema } from '../../src/output/compact.js';
import { compactSeries, resultsCsv, resultsJson } from '../../src/output/index.js';
import { exampleResult, EXAMPLE_SUBMITTED } from './fixture.js';

type Json = Record<string, unknown>;
let result: SimulationResult;
let json: Json;
let csv: string;

test.before(async () => {
  result = await exampleResult();
  json = JSON.parse(resultsJson(result, EXAMPLE_SUBMITTED)) as Json;
  csv = resultsCsv(result);
});

const sig12 = (v: number | null) => (v === null ? null : v.toPrecision(12));

/** The results.json array a CSV column header names. */
function jsonColumn(series: Json, header: string): (number | null)[] {
  if (header in series) return series[header] as number[];
  if (header.startsWith('x_')) return (series.matrix_mole_fraction as Json)[header.slice(2)] as number[];
  for (const [phase, values] of Object.entries(series.phases as Json)) {
    if (header.startsWith(`${phase}_`)) return (values as Json)[header.slice(phase.length + 1)] as number[];
  }
  throw new Error(`no JSON array for CSV column ${header}`);
}

test('results.json holds requests, identifiers, summary and the full series with units in the keys', (t) => {
  t.deepEqual(json.request, JSON.parse(JSON.stringify(result.request)));
  t.deepEqual(json.submitted_request, EXAMPLE_SUBMITTED);
  t.deepEqual(json.engine, result.engine);
  t.regex((json.engine as Json).database_sha256 as string, /^[0-9a-f]{64}$/);
  t.deepEqual(json.summary, JSON.parse(JSON.stringify(result.summary)));
  const series = json.series as Json;
  t.deepEqual(series.time_s, [...result.series.timeS]);
  t.is((series.temperature_k as number[]).length, result.series.length);
  const phase = (series.phases as Json).MGSI_B_P as Json;
  for (const key of [
    'number_density_per_m3',
    'mean_radius_m',
    'diameter_nm',
    'aspect_ratio',
    'major_axis_nm',
    'volume_fraction',
    'driving_force_j_per_mol',
    'nucleation_rate_per_m3_s',
    'critical_radius_m',
    'crss_mpa',
    'yield_strength_mpa',
  ]) {
    t.is((phase[key] as number[]).length, result.series.length, key);
  }
  t.deepEqual(Object.keys(series.phases as Json), result.request.phases);
});

test('results.json without a submitted request leaves that key out', (t) => {
  t.false('submitted_request' in (JSON.parse(resultsJson(result)) as Json));
});

test('results.csv round-trips to the numbers of results.json (12 significant digits)', (t) => {
  const lines = csv.trimEnd().split('\n');
  const header = lines[0].split(',');
  t.is(header.slice(0, 4).join(','), 'time_s,temperature_k,x_MG,x_SI');
  t.true(header.includes('MGSI_B_P_number_density_per_m3'));
  t.is(lines.length, result.series.length + 1);
  const series = json.series as Json;
  const columns = header.map((h) => jsonColumn(series, h));
  let mismatches = 0;
  for (let r = 1; r < lines.length; r++) {
    const cells = lines[r].split(',');
    t.is(cells.length, header.length);
    cells.forEach((cell, c) => {
      if (sig12(cell === '' ? null : Number(cell)) !== sig12(columns[c][r - 1])) mismatches++;
    });
  }
  t.is(mismatches, 0);
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
