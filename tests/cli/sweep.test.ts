// `precipitate sweep`: the table as JSON, CSV and figures from a small temperature sweep, JSON-line progress
// off a terminal, and one-line errors (exit 2) naming the axis and value of a bad sweep.
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, ROOT } from '../../tools/harness/paths.js';

const dir = mkdtempSync(join(tmpdir(), 'sweep-cli-'));
const cli = (...args: string[]) =>
  spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
const base = {
  composition: { MG: 0.0072, SI: 0.0057 },
  temperature_profile: { time_points_hours: [0], temperatures_celsius: [175] },
  simulation_time_hours: 2,
};
const sweepFile = (name: string, doc: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(doc));
  return path;
};

test('a temperature sweep: JSON rows, CSV, the map and curves figures, JSON-line progress', (t) => {
  const file = sweepFile('t.json', {
    base,
    axes: [{ name: 'T (°C)', path: '/isothermal_temperature_celsius', values: [170, 200, 230] }],
  });
  const out = join(dir, 'out');
  const r = cli('sweep', file, '--json', '--jobs', '2', '--out', out);
  t.is(r.status, 0, r.stderr);
  const body = JSON.parse(r.stdout);
  t.deepEqual(body.axes, [
    { name: 'T (°C)', pointers: ['/temperature_profile/temperatures_celsius/*'], values: [170, 200, 230] },
  ]);
  t.deepEqual(
    body.rows.map((row: { axis_values: number[] }) => row.axis_values),
    [[170], [200], [230]],
  );
  t.is(body.timing.jobs, 2);
  const progress = r.stderr
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l));
  t.deepEqual(
    progress.map((p) => p.runs_done),
    [1, 2, 3],
  );
  t.true(progress.every((p) => p.runs_total === 3));
  const csv = readFileSync(join(out, 'sweep.csv'), 'utf8').trim().split('\n');
  t.is(csv.length, 4);
  t.true(csv[0].startsWith('run,T (°C),peak_yield_strength_mpa,peak_time_hours'));
  t.is(Number(csv[2].split(',')[2]), body.rows[1].peak_yield_strength_mpa);
  t.deepEqual(readdirSync(out).sort(), [
    'sweep-ageing-curves.png',
    'sweep-ageing-curves.svg',
    'sweep-metrics.png',
    'sweep-metrics.svg',
    'sweep-time-temperature-map.png',
    'sweep-time-temperature-map.svg',
    'sweep.csv',
    'sweep.json',
  ]);
  const map = readFileSync(join(out, 'sweep-time-temperature-map.svg'), 'utf8');
  t.true((map.match(/class="cell"/g) ?? []).length > 3 * 100);
  t.regex(map, /class="contour"/);
  t.regex(map, /data-line="peak strength time"/);
  const curves = readFileSync(join(out, 'sweep-ageing-curves.svg'), 'utf8');
  t.is((curves.match(/class="series"/g) ?? []).length, 3);
});

test('a two-axis grid draws a heatmap of the chosen metric', (t) => {
  const file = sweepFile('g.json', {
    base: { ...base, simulation_time_hours: 1 },
    axes: [
      { path: '/isothermal_temperature_celsius', values: [180, 220] },
      { path: '/composition/MG', values: [0.006, 0.0072] },
    ],
  });
  const out = join(dir, 'grid');
  const r = cli('sweep', file, '--out', out, '--metric', 'final_yield_strength_mpa');
  t.is(r.status, 0, r.stderr);
  t.regex(r.stdout, /4 runs in .* s on \d+ threads/);
  const svg = readFileSync(join(out, 'sweep-heatmap.svg'), 'utf8');
  t.regex(svg, /final_yield_strength_mpa over \/isothermal_temperature_celsius × \/composition\/MG/);
  t.is((svg.match(/class="cell"/g) ?? []).length, 4);
});

test('bad sweeps and options are one-line errors with exit code 2', (t) => {
  const bad = sweepFile('bad.json', { base, axes: [{ path: '/composition/MG', values: [0.007, 0.5] }] });
  const r = cli('sweep', bad);
  t.is(r.status, 2);
  t.regex(r.stderr, /^precipitate sweep: invalid sweep: \/axes\/0\/values\/1 with \/composition\/MG = 0.5/);
  const many = sweepFile('many.json', {
    base,
    axes: [{ path: '/composition/MG', values: { from: 0.005, to: 0.008, count: 5 } }],
  });
  t.regex(cli('sweep', many, '--max-runs', '4').stderr, /give 5 runs; a sweep may have at most 4/);
  t.regex(cli('sweep', many, '--jobs', '0').stderr, /--jobs must be a whole number ≥ 1/);
  t.regex(cli('sweep', many, '--metric', 'colour').stderr, /--metric must be one of peak_yield_strength_mpa/);
});
