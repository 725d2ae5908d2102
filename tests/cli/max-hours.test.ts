// `precipitate run` has its own limit on simulated time (--max-hours, default 1000 h): a local run of the
// measured AA6063 curve (504 h at 175 °C) goes through, while the service keeps its 100 h.
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI_DEFAULT_MAX_HOURS } from '../../src/cli/commands/run.js';
import { DEFAULT_MAX_SIMULATION_HOURS } from '../../src/request/index.js';
import { CLI, ROOT } from '../../tools/harness/paths.js';

const cli = (...args: string[]) =>
  spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });

/** Sekhar et al.'s AA6063 at 175 °C to its last measurement, in wt.% with symbols as people write them. */
const AA6063_504_H = {
  composition: { Mg: 0.5, Si: 0.435 },
  composition_unit: 'weight_percent',
  temperature_profile: { time_points_hours: [0], temperatures_celsius: [175] },
  simulation_time_hours: 504,
};

function requestFile(body: unknown): { path: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'cli-hours-'));
  const path = join(dir, 'request.json');
  writeFileSync(path, JSON.stringify(body));
  return { path, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

test('a 504 h run goes through by default (the CLI limit is well above the service’s)', (t) => {
  t.true(CLI_DEFAULT_MAX_HOURS >= 10 * DEFAULT_MAX_SIMULATION_HOURS);
  const file = requestFile(AA6063_504_H);
  t.teardown(file.remove);
  const r = cli('run', file.path, '--json');
  t.is(r.status, 0, r.stderr);
  const { summary } = JSON.parse(r.stdout) as { summary: { final_time_hours: number } };
  t.is(summary.final_time_hours, 504);
});

test('--max-hours lowers (or raises) the limit; the error names the option', (t) => {
  const file = requestFile(AA6063_504_H);
  t.teardown(file.remove);
  const below = cli('run', file.path, '--json', '--max-hours', '400');
  t.is(below.status, 2);
  t.regex(below.stderr, /\/simulation_time_hours must be at most 400 h \(--max-hours\)/);
  const long = requestFile({ ...AA6063_504_H, simulation_time_hours: 1200 });
  t.teardown(long.remove);
  t.regex(cli('run', long.path, '--json').stderr, /must be at most 1000 h \(--max-hours\)/);
  const raised = cli('run', long.path, '--json', '--max-hours', '2000');
  t.is(raised.status, 0, raised.stderr);
  t.is(JSON.parse(raised.stdout).summary.final_time_hours, 1200);
});

for (const bad of ['0', '-5', 'long', '']) {
  test(`--max-hours '${bad}' is a usage error`, (t) => {
    const r = cli('run', 'x.json', `--max-hours=${bad}`);
    t.is(r.status, 2);
    t.regex(r.stderr, /--max-hours must be a positive number of hours/);
  });
}

test('a wt.% composition typed with the default unit gets the hint through the CLI too', (t) => {
  const { composition_unit: _unit, ...asMoleFractions } = AA6063_504_H;
  const file = requestFile({ ...asMoleFractions, composition: { MG: 1.0, SI: 0.6 } });
  t.teardown(file.remove);
  const r = cli('run', file.path);
  t.is(r.status, 2);
  t.regex(r.stderr, /\/composition solute contents sum to 1\.6; .* did you mean weight_percent\?/);
});
