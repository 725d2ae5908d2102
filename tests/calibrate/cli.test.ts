// `precipitate calibrate`: a small calibration end to end through the CLI (worker threads), its JSON
// result, JSON-line progress off a terminal, the files of --out, and one-line errors naming the field.
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, ROOT } from '../../tools/harness/paths.js';

const dir = mkdtempSync(join(tmpdir(), 'calibrate-cli-'));
const cli = (...args: string[]) =>
  spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
const HOURS = [0.5, 1, 2, 4, 6];
const MEASURED = [20, 45, 80, 115, 130];
const doc = {
  base: { phases: ['MGSI_B_P'] },
  experiments: [
    {
      name: 'short',
      composition: { MG: 0.5, SI: 0.435 },
      composition_unit: 'weight_percent',
      temperature_profile: { time_points_hours: [0], temperatures_celsius: [180] },
      observations: HOURS.map((time_hours, i) => ({ time_hours, yield_strength_mpa: MEASURED[i], sd: 5 })),
    },
  ],
  parameters: [
    { name: 'energy', path: '/config/interfacial_energy/MGSI_B_P', min: 0.15, max: 0.22 },
    {
      name: 'mobility',
      path: ['/config/mobility_factor/MG', '/config/mobility_factor/SI'],
      min: 0.1,
      max: 10,
      scale: 'log',
    },
  ],
  method: { seed: 5, max_evaluations: 20, walkers: 4, steps: 4, burn_in: 2 },
};
const file = (name: string, body: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(body));
  return path;
};

test('a calibration: best values applied to the config, posterior, rms, progress and figures', (t) => {
  const out = join(dir, 'out');
  const r = cli('calibrate', file('cal.json', doc), '--json', '--jobs', '2', '--out', out);
  t.is(r.status, 0, r.stderr);
  const result = JSON.parse(r.stdout);
  const { energy, mobility } = result.best.values;
  t.true(energy >= 0.15 && energy <= 0.22 && mobility >= 0.1 && mobility <= 10);
  t.is(result.best.request_config.interfacial_energy.MGSI_B_P, energy);
  t.deepEqual(result.best.request_config.mobility_factor, { MG: mobility, SI: mobility });
  t.is(result.posterior.samples, 4 * 4);
  for (const name of ['energy', 'mobility']) {
    const [low, high] = result.posterior.interval_90[name];
    t.true(low <= result.posterior.median[name] && result.posterior.median[name] <= high);
  }
  const [fit] = result.fit.per_experiment;
  const rms = Math.sqrt(
    fit.observations.reduce(
      (s: number, o: { model: number; measured: number }) => s + (o.model - o.measured) ** 2,
      0,
    ) / 5,
  );
  t.true(Math.abs(result.fit.rms.yield_strength_mpa - rms) < 1e-9);
  t.is(result.runs.failed, 0);
  const progress = r.stderr
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l));
  t.deepEqual([...new Set(progress.map((p) => p.phase))], ['optimise', 'sample']);
  t.like(progress.at(-1), { phase: 'sample', done: 6, total: 6 });
  t.deepEqual(readdirSync(out).sort(), [
    'calibration-corner.png',
    'calibration-corner.svg',
    'calibration-fit-1.png',
    'calibration-fit-1.svg',
    'calibration.json',
  ]);
  const svg = readFileSync(join(out, 'calibration-fit-1.svg'), 'utf8');
  t.is(svg.match(/class="measured"/g)?.length, 5);
  t.is(svg.match(/class="best-fit"/g)?.length, 1);
  t.is(svg.match(/class="band"/g)?.length, 1);
  t.deepEqual(JSON.parse(readFileSync(join(out, 'calibration.json'), 'utf8')).best, result.best);
});

test('a bad document exits 2 with one line naming the field by JSON pointer', (t) => {
  const bad = structuredClone(doc);
  bad.parameters[0].path = '/config/interfacial_energy/BETA';
  const r = cli('calibrate', file('bad.json', bad));
  t.is(r.status, 2);
  t.regex(r.stderr, /^precipitate calibrate: invalid calibration: \/parameters\/0\/path .*no field 'BETA'/);
  t.is(r.stdout, '');
});
