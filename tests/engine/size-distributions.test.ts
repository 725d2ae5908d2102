// Size distributions at chosen times: read from the kernel's state when the run first reaches each time,
// without changing the run; always the final one; a resumed run reports what a fresh run does.
import test from 'ava';
import { simulate, type SimulationResult } from '../../src/engine/index.js';
import { KAWIN_EXAMPLE_03, validateRequest } from '../../src/request/index.js';
import { loadEngineDeps } from '../../src/runtime/node.js';
import { normalized } from '../helpers/engine.js';

const TIMES_HOURS = [0, 1, 4, 16, 20];
const withTimes = (times: number[], base: object = KAWIN_EXAMPLE_03) => ({
  ...base,
  output: { size_distribution_times_hours: times },
});

let plainRun: Promise<SimulationResult> | undefined;
let timedRun: Promise<SimulationResult> | undefined;
const plain = async () => (plainRun ??= simulate(normalized(KAWIN_EXAMPLE_03), await loadEngineDeps('wasm')));
const timed = async () =>
  (timedRun ??= simulate(normalized(withTimes(TIMES_HOURS)), await loadEngineDeps('wasm')));

test('asking for size distributions changes no step and no number of the run', async (t) => {
  const [a, b] = await Promise.all([plain(), timed()]);
  t.is(b.steps, a.steps);
  t.deepEqual(b.series, a.series);
  t.deepEqual(b.strength, a.strength);
  t.deepEqual(b.summary, a.summary);
});

test('each chosen time gives the first recorded state at or after it, then the final state', async (t) => {
  const r = await timed();
  const d = r.sizeDistributions;
  t.deepEqual(
    d.map((s) => s.requestedTimeHours),
    [...TIMES_HOURS, null],
  );
  const times = r.series.timeS;
  for (const s of d.slice(0, -1)) {
    const row = times.indexOf(s.timeS);
    t.true(row >= 0, 'a recorded time');
    t.true(s.timeS >= s.requestedTimeHours! * 3600);
    if (row > 0) t.true(times[row - 1] < s.requestedTimeHours! * 3600, 'the first at or after');
    t.is(s.temperatureK, r.series.temperatureK[row]);
    t.false(s.final);
  }
  const last = d[d.length - 1];
  t.true(last.final);
  t.is(last.timeS, times[r.series.length - 1]);
  t.deepEqual(
    last.phases.map((p) => p.name),
    r.request.phases,
  );
});

test("the distributions are the run's: bins and bounds agree and their sum is the row's number density", async (t) => {
  const r = await timed();
  for (const s of r.sizeDistributions) {
    const row = r.series.timeS.indexOf(s.timeS);
    s.phases.forEach((p, k) => {
      t.is(p.boundsM.length, p.numberDensityPerM3.length + 1);
      for (let i = 1; i < p.boundsM.length; i++) t.true(p.boundsM[i] > p.boundsM[i - 1]);
      t.true(p.numberDensityPerM3.every((n) => n >= 0));
      const sum = p.numberDensityPerM3.reduce((a, b) => a + b, 0);
      const recorded = r.series.phases[k].numberDensityPerM3[row];
      // The kernel empties bins under 1 m⁻³ (kwn.md §6): at most one particle per m³ and bin apart.
      const slack = 1e-9 * recorded + p.numberDensityPerM3.length;
      t.true(Math.abs(sum - recorded) <= slack, `${p.name}: ${sum} vs ${recorded}`);
    });
  }
  // Particles grow: β′'s largest occupied radius at 20 h lies beyond that at 1 h.
  const largest = (s: (typeof r.sizeDistributions)[number]) => {
    const p = s.phases[0];
    let top = 0;
    p.numberDensityPerM3.forEach((n, i) => (top = n > 0 ? p.boundsM[i + 1] : top));
    return top;
  };
  t.true(largest(r.sizeDistributions[4]) > 2 * largest(r.sizeDistributions[1]));
});

test('without chosen times only the final distribution; a chosen time at the end is the final one', async (t) => {
  t.deepEqual(
    (await plain()).sizeDistributions.map((s) => [s.requestedTimeHours, s.final]),
    [[null, true]],
  );
  const deps = await loadEngineDeps('wasm');
  const short = { ...KAWIN_EXAMPLE_03, simulation_time_hours: 2 };
  const atEnd = await simulate(normalized(withTimes([1, 2], short)), deps);
  t.deepEqual(
    atEnd.sizeDistributions.map((s) => [s.requestedTimeHours, s.final]),
    [
      [1, false],
      [2, true],
    ],
  );
});

test('a run resumed from a checkpoint reports the distributions of a fresh run', async (t) => {
  const deps = await loadEngineDeps('wasm');
  const first = await simulate(normalized(withTimes(TIMES_HOURS)), deps, { checkpoints: {} });
  const edited = {
    ...withTimes(TIMES_HOURS),
    temperature_profile: { time_points_hours: [0, 16, 17], temperatures_celsius: [175, 175, 240] },
  };
  const resumed = await simulate(normalized(edited), deps, {
    checkpoints: { resumeFrom: first.checkpoints },
  });
  t.true(resumed.resumedAtHours! > 15.9);
  const fresh = await simulate(normalized(edited), deps);
  t.deepEqual(resumed.sizeDistributions, fresh.sizeDistributions);
});

test('chosen times must be ascending, within the simulated time and at most 20', (t) => {
  const issues = (times: unknown) => {
    const v = validateRequest(withTimes(times as number[]));
    return v.ok ? [] : v.issues;
  };
  t.deepEqual(issues([1, 30]), [
    { path: '/output/size_distribution_times_hours/1', message: 'is 30 h, past the simulated time (25 h)' },
  ]);
  t.deepEqual(
    issues([4, 2]).map((i) => i.path),
    ['/output/size_distribution_times_hours/1'],
  );
  t.deepEqual(
    issues([-1]).map((i) => i.path),
    ['/output/size_distribution_times_hours/0'],
  );
  t.deepEqual(
    issues(Array.from({ length: 21 }, (_, i) => i + 1)).map((i) => i.path),
    ['/output/size_distribution_times_hours'],
  );
  t.deepEqual(issues(Array.from({ length: 20 }, (_, i) => i + 1)), []);
  // An empty list is the default: the request (and its cache key) is as without it.
  const v = validateRequest(withTimes([]));
  t.true(v.ok && v.request.output === undefined);
});
