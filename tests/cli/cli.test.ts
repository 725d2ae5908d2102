// The `precipitate` command: help, thermo, run, and one-line errors with exit code 2 for bad arguments.
import test, { type ExecutionContext } from 'ava';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, ROOT } from '../../tools/harness/paths.js';

const cli = (...args: string[]) =>
  spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });

test('--help lists the commands and exits 0', (t) => {
  const r = cli('--help');
  t.is(r.status, 0);
  t.regex(r.stdout, /Usage: precipitate <command>/);
  t.regex(r.stdout, /thermo/);
  t.regex(r.stdout, /run/);
});

test('thermo --json prints the driving forces of the worked example', (t) => {
  const r = cli('thermo', '--temperature-k', '448.15', '--composition', 'MG=0.0072,SI=0.0057', '--json');
  t.is(r.status, 0, r.stderr);
  const body = JSON.parse(r.stdout);
  t.is(body.temperature_k, 448.15);
  t.deepEqual(Object.keys(body.composition), ['AL', 'MG', 'SI']);
  const byName = Object.fromEntries(
    body.phases.map((p: { name: string; driving_force_j_per_mol: number }) => [
      p.name,
      p.driving_force_j_per_mol,
    ]),
  );
  t.true(Math.abs(byName.MGSI_B_P - 12935.708) < 0.01);
  t.true(Math.abs(byName.U2_PHASE - 7171.944) < 0.01);
  t.deepEqual(body.phases[0].precipitate_composition, { AL: 0, MG: 1.8 / 2.8, SI: 1 / 2.8 });
});

test('thermo without --json prints a readable table', (t) => {
  const r = cli(
    'thermo',
    '--temperature-k',
    '448.15',
    '--composition',
    'MG=0.0072,SI=0.0057',
    '--phases',
    'MGSI_B_P',
  );
  t.is(r.status, 0);
  t.regex(r.stdout, /MGSI_B_P\s+12935\.708/);
});

const BAD_ARGS: [string[], RegExp][] = [
  [['thermo', '--composition', 'MG=0.0072,SI=0.0057'], /--temperature-k is required/],
  [
    ['thermo', '--temperature-k', 'hot', '--composition', 'MG=0.01'],
    /--temperature-k must be a positive number/,
  ],
  [
    ['thermo', '--temperature-k', '448', '--composition', 'MG=abc'],
    /--composition: expected ELEMENT=number, got 'MG=abc'/,
  ],
  [['thermo', '--temperature-k', '448', '--composition', 'CU=0.01'], /--composition: 'CU' is not a solute/],
  [['thermo', '--temperature-k', '448', '--composition', 'MG=0.6,SI=0.5'], /sum to 1\.1, must be below 1/],
  [
    ['thermo', '--temperature-k', '448', '--composition', 'MG=0.01', '--phases', 'THETA'],
    /--phases: 'THETA' is not/,
  ],
  [
    ['thermo', '--temperature-k', '448', '--composition', 'MG=0.01', '--tdb', '/nonexistent.tdb'],
    /--tdb: cannot read/,
  ],
  [['thermo', '--bogus'], /Unknown option '--bogus'/],
  [['run'], /expected exactly one request file/],
  [['run', '/nonexistent.json'], /cannot read request file/],
  [['run', 'x.json', '--engine', 'gpu'], /--engine must be wasm or js/],
  [['frobnicate'], /unknown command 'frobnicate'/],
];

for (const [args, message] of BAD_ARGS) {
  test(`bad arguments exit 2 with one line: ${args.join(' ')}`, (t) => {
    const r = cli(...args);
    t.is(r.status, 2);
    t.regex(r.stderr, message);
    t.is(r.stderr.trim().split('\n').length, 1, r.stderr);
  });
}

test('run reports an invalid request with the JSON path of every problem', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'cli-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(
    join(dir, 'bad.json'),
    JSON.stringify({ composition: { MG: -1, SI: 0.005 }, simulation_time_hours: 2 }),
  );
  writeFileSync(join(dir, 'broken.json'), '{"composition": ');
  let r = cli('run', join(dir, 'bad.json'));
  t.is(r.status, 2);
  t.regex(r.stderr, /\/composition\/MG must be > 0/);
  t.regex(r.stderr, /\/temperature_profile is required/);
  r = cli('run', join(dir, 'broken.json'));
  t.is(r.status, 2);
  t.regex(r.stderr, /is not valid JSON/);
});

/** A request file of the seed's alloy held at one temperature, removed after the test. */
function isothermalRequestFile(t: ExecutionContext, celsius: number, hours: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'cli-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const request = {
    composition: { MG: 0.0072, SI: 0.0057 },
    temperature_profile: { time_points_hours: [0], temperatures_celsius: [celsius] },
    simulation_time_hours: hours,
  };
  writeFileSync(join(dir, 'req.json'), JSON.stringify(request));
  return join(dir, 'req.json');
}

test('run --json prints the summary and timing for both engines, with the same numbers', (t) => {
  const file = isothermalRequestFile(t, 180, 3);
  const [wasm, js] = ['wasm', 'js'].map((engine) => {
    const r = cli('run', file, '--json', '--engine', engine);
    t.is(r.status, 0, r.stderr);
    return JSON.parse(r.stdout);
  });
  t.is(wasm.summary.final_time_hours, 3);
  t.is(wasm.summary.phases.length, 5);
  t.true(wasm.summary.total_yield_strength_mpa > 0);
  t.true(wasm.timing.steps > 100 && wasm.timing.engine_ms > 0);
  t.deepEqual(wasm.summary, js.summary);
});

test('run without --json prints the final state with 3–4 significant figures and radius, as the figures do', (t) => {
  const file = isothermalRequestFile(t, 175, 8);
  const text = cli('run', file);
  t.is(text.status, 0, text.stderr);
  const json = cli('run', file, '--json');
  const summary = JSON.parse(json.stdout).summary;
  const lines = text.stdout.trim().split('\n');
  t.regex(
    lines[1],
    /^phase\s+N \(1\/m³\)\s+r \(nm\)\s+AR\s+f \(%\)\s+CRSS \(MPa\)\s+σy \(MPa\)\s+mechanism$/,
  );
  const beta = summary.phases.find((p: { name: string }) => p.name === 'MG5SI6_B_DP');
  const row =
    lines
      .find((l) => l.startsWith('MG5SI6_B_DP'))
      ?.trim()
      .split(/\s+/) ?? [];
  t.is(row.length, 8, 'one cell per column: no number runs into the next');
  t.is(row[2], String(Number((beta.diameter_nm / 2).toPrecision(3))), 'radius, not diameter');
  t.is(row[6], String(Number(beta.yield_strength_mpa.toPrecision(4))));
  // Tiny quantities are m×10ⁿ, never a long decimal or 1e-19.
  t.false(/e[-+]\d/.test(text.stdout), text.stdout);
  const significant = (n: string) => n.replace('.', '').replace(/^0+/, '').length;
  const long = (text.stdout.match(/\d*\.\d+/g) ?? []).filter((n) => significant(n) > 4);
  t.deepEqual(long, [], 'no decimal with more than 4 significant figures');
  const total = String(Number(summary.total_yield_strength_mpa.toPrecision(4)));
  t.true(lines.at(-1)?.includes(`yield strength ${total} MPa`), lines.at(-1));
  t.regex(
    lines.at(-1) ?? '',
    summary.peak_reached ? /peak \S+ MPa at/ : /peak not reached within the simulated time/,
  );
});
