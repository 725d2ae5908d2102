// Checkpoints: a run resumed from an earlier run's state, where only the later schedule differs, gives
// the same bits as a run from t = 0 (with both kernels); requests that differ elsewhere start over.
import test from 'ava';
import { runCheckpoints, simulate, type SimulationResult } from '../../src/engine/index.js';
import { sameRunUntilHours, usableCheckpoints } from '../../src/engine/checkpoint.js';
import { EXAMPLE_REQUEST, KAWIN_EXAMPLE_03 } from '../../src/request/index.js';
import type { SimulationRequest } from '../../src/request/validate.js';
import { loadEngineDeps } from '../../src/runtime/node.js';
import { KERNELS, normalized } from '../helpers/engine.js';

/** `base` with its profile replaced. */
function withProfile(base: unknown, hours: number[], celsius: number[]): SimulationRequest {
  return normalized({
    ...(base as object),
    temperature_profile: { time_points_hours: hours, temperatures_celsius: celsius },
  });
}

/** Everything a run gives but its timing and checkpoints. */
const outcome = (r: SimulationResult) => ({
  status: r.status,
  steps: r.steps,
  series: r.series,
  strength: r.strength,
  summary: r.summary,
});

for (const kernel of KERNELS) {
  test(`${kernel}: edits after a profile point resume there and give a fresh run's bits`, async (t) => {
    const deps = await loadEngineDeps(kernel);
    const first = await simulate(normalized(KAWIN_EXAMPLE_03), deps, { checkpoints: {} });
    t.is(first.resumedAtHours, 0);
    // One checkpoint before each point the run steps past (16 h and 17 h; none at t = 0).
    const hours = first.checkpoints!.list.map((c) => c.timeS / 3600);
    t.is(hours.length, 2);
    t.true(hours[0] > 15.9 && hours[0] <= 16 && hours[1] > 16.9 && hours[1] <= 17, String(hours));

    // The ramp's end temperature: the run is the same up to 16 h.
    const edited = withProfile(KAWIN_EXAMPLE_03, [0, 16, 17], [175, 175, 240]);
    const resumed = await simulate(edited, deps, { checkpoints: { resumeFrom: first.checkpoints } });
    t.is(resumed.resumedAtHours, hours[0]);
    const fresh = await simulate(edited, deps);
    t.deepEqual(outcome(resumed), outcome(fresh));

    // From the resumed run's checkpoints (its start, then its own) to a second edit, moving 17 h to 18 h.
    const again = withProfile(KAWIN_EXAMPLE_03, [0, 16, 18], [175, 175, 230]);
    const resumedAgain = await simulate(again, deps, { checkpoints: { resumeFrom: resumed.checkpoints } });
    t.is(resumedAgain.resumedAtHours, hours[0]);
    t.deepEqual(outcome(resumedAgain), outcome(await simulate(again, deps)));
  });
}

test('a four-point schedule keeps one checkpoint per point and resumes from the latest that fits', async (t) => {
  const deps = await loadEngineDeps('wasm');
  const base = withProfile(EXAMPLE_REQUEST, [0, 4, 8, 12], [180, 180, 200, 200]);
  const first = await simulate(base, deps, { checkpoints: {} });
  t.is(first.checkpoints!.list.length, 3);
  const edited = withProfile(EXAMPLE_REQUEST, [0, 4, 8, 12], [180, 180, 200, 215]);
  const resumed = await simulate(edited, deps, { checkpoints: { resumeFrom: first.checkpoints } });
  t.true(resumed.resumedAtHours! > 7 && resumed.resumedAtHours! <= 8, String(resumed.resumedAtHours));
  t.deepEqual(outcome(resumed), outcome(await simulate(edited, deps)));
});

test('which part of a run an edited request shares', (t) => {
  const base = withProfile(EXAMPLE_REQUEST, [0, 16, 17], [199, 199, 200]);
  const until = (next: SimulationRequest) => sameRunUntilHours(base, next);
  t.is(until(base), Infinity);
  t.is(until(withProfile(EXAMPLE_REQUEST, [0, 16, 17], [199, 199, 210])), 16);
  t.is(until(withProfile(EXAMPLE_REQUEST, [0, 16, 18], [199, 199, 200])), 16);
  t.is(until(withProfile(EXAMPLE_REQUEST, [0, 15, 17], [199, 199, 200])), 0);
  t.is(until(withProfile(EXAMPLE_REQUEST, [0, 16, 17, 20], [199, 199, 200, 150])), 17);
  t.is(until(withProfile(EXAMPLE_REQUEST, [0, 16], [199, 199])), 16);
  t.is(until(withProfile(EXAMPLE_REQUEST, [0, 16, 17], [198, 199, 200])), -Infinity);
  // Anything but the schedule changes the whole run.
  const richer = normalized({ ...EXAMPLE_REQUEST, composition: { MG: 0.008, SI: 0.0057 } });
  t.is(until(richer), -Infinity);
  t.is(until(normalized({ ...EXAMPLE_REQUEST, simulation_time_hours: 24 })), -Infinity);
});

test('checkpoints of another request, or after the shared part, are not used', async (t) => {
  const deps = await loadEngineDeps('wasm');
  const base = normalized(EXAMPLE_REQUEST);
  const first = await simulate(base, deps, { checkpoints: {} });
  const richer = normalized({ ...EXAMPLE_REQUEST, composition: { MG: 0.008, SI: 0.0057 } });
  t.is(usableCheckpoints(first.checkpoints, richer), undefined);
  // Agreeing up to t = 0 only: nothing to start from.
  const earlierRamp = withProfile(EXAMPLE_REQUEST, [0, 10, 17], [199, 199, 200]);
  t.is(usableCheckpoints(first.checkpoints, earlierRamp), undefined);
  const resumed = await simulate(richer, deps, { checkpoints: { resumeFrom: first.checkpoints } });
  t.is(resumed.resumedAtHours, 0);
  t.deepEqual(outcome(resumed), outcome(await simulate(richer, deps)));
});

test('runCheckpoints (the page worker idle run) stops after the last profile point, its checkpoints resume', async (t) => {
  const deps = await loadEngineDeps('js');
  const { status, checkpoints } = await runCheckpoints(normalized(KAWIN_EXAMPLE_03), deps);
  t.is(status, 'completed');
  t.deepEqual(
    checkpoints.list.map((c) => Math.ceil(c.timeS / 3600)),
    [16, 17],
  );
  const lastS = checkpoints.series.timeS[checkpoints.series.length - 1];
  t.true(lastS > 17 * 3600 && lastS < 17.1 * 3600, String(lastS));
  const edited = withProfile(KAWIN_EXAMPLE_03, [0, 16, 17], [175, 175, 240]);
  const resumed = await simulate(edited, deps, { checkpoints: { resumeFrom: checkpoints } });
  t.true(resumed.resumedAtHours! > 15.9, String(resumed.resumedAtHours));
  t.deepEqual(outcome(resumed), outcome(await simulate(edited, deps)));
});
