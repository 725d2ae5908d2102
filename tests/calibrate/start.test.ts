// A parameter's `start`: checked against its bounds by pointer, turned into the optimiser's starting point
// (unit coordinates, the centre for parameters without one), and used by the fit — a narrow deep minimum
// that a small design misses is found from a start inside it.
import test from 'ava';
import { calibrate } from '../../src/calibrate/calibrate.js';
import { checkCalibration } from '../../src/calibrate/document.js';
import { startInUnit, type Parameter } from '../../src/calibrate/parameters.js';
import type { ObservationRunner, RunTask } from '../../src/calibrate/runner.js';

const doc = (start?: number) => ({
  experiments: [
    {
      name: 'one point',
      composition: { MG: 0.5, SI: 0.4 },
      composition_unit: 'weight_percent',
      temperature_profile: { time_points_hours: [0], temperatures_celsius: [175] },
      observations: [{ time_hours: 1, yield_strength_mpa: 100, sd: 1 }],
    },
  ],
  parameters: [
    { name: 'taylor_factor', path: '/config/taylor_factor', min: 1, max: 5, ...(start && { start }) },
  ],
  method: { seed: 1, max_evaluations: 12, steps: 0 },
});

/** A made-up model of the Taylor factor M: 100 MPa (χ² 0) only in a well of width 0.002 at M = 4.321. */
const modelMPa = (m: number) => 100 + (Math.abs(m - 4.321) < 0.002 ? 0 : 10 + (m - 2) ** 2);

function fakeRunner(): ObservationRunner {
  const stats = { runs: 0, failures: 0, engineMs: 0 };
  return {
    stats,
    async run(tasks: RunTask[]) {
      stats.runs += tasks.length;
      return tasks.map(({ request, spec }) => {
        const value = modelMPa(request.config.taylor_factor);
        return {
          values: spec.at.map(() => value),
          curves: spec.curves.map(() => spec.curveTimesHours.map(() => value)),
          peaks: spec.peaks.map(() => ({ timeHours: 1, reached: true })),
        };
      });
    },
  };
}

async function fit(start?: number) {
  const checked = checkCalibration(doc(start), { maxSimulationHours: 1000 });
  if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
  return (await calibrate(checked.plan, fakeRunner())).best.values.taylor_factor;
}

test('a start outside the bounds is named by pointer', (t) => {
  const checked = checkCalibration(doc(5.5), { maxSimulationHours: 1000 });
  t.false(checked.ok);
  if (checked.ok) return;
  t.deepEqual(
    checked.issues.map((i) => i.path),
    ['/parameters/0/start'],
  );
  t.regex(checked.issues[0].message, /between min \(1\) and max \(5\)/);
});

test('the starting point: unit coordinates of each start, the centre without one, none without any', (t) => {
  const log: Parameter = { name: 'a', paths: ['/a'], min: 0.01, max: 100, scale: 'log', start: 1 };
  const linear: Parameter = { name: 'b', paths: ['/b'], min: 0, max: 10, scale: 'linear', start: 2.5 };
  const bare: Parameter = { name: 'c', paths: ['/c'], min: 0, max: 1, scale: 'linear' };
  const start = startInUnit([log, linear, bare]) ?? [];
  [0.5, 0.25, 0.5].forEach((u, i) => t.true(Math.abs(start[i] - u) < 1e-12, `${i}: ${start[i]}`));
  t.is(start.length, 3);
  t.is(startInUnit([bare]), undefined);
});

test('the fit starts from the start: a narrow minimum missed by the design is found from inside it', async (t) => {
  const without = await fit();
  t.true(Math.abs(without - 2) < 0.05, `without a start: the broad minimum, M = ${without}`);
  const withStart = await fit(4.3215);
  t.true(Math.abs(withStart - 4.321) < 0.002, `with a start in the well: M = ${withStart}`);
});
