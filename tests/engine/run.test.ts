// Progress reports, cancellation and the size of the recorded series.
import test from 'ava';
import { simulate } from '../../src/engine/index.js';
import { KAWIN_EXAMPLE_03 } from '../../src/request/index.js';
import { loadEngineDeps } from '../../src/runtime/node.js';
import { normalized } from '../helpers/engine.js';

test('progress is reported at least every 250 ms of (injected) clock time, ending at the final state', async (t) => {
  let clockMs = 0;
  const clock = () => (clockMs += 5); // the engine reads the clock every 32 steps: call that 5 ms
  const reports: { at: number; fraction: number; hours: number; steps: number }[] = [];
  const result = await simulate(normalized(KAWIN_EXAMPLE_03), await loadEngineDeps('wasm'), {
    clock,
    onProgress: (p) =>
      reports.push({ at: clockMs, fraction: p.fraction, hours: p.simulatedHours, steps: p.steps }),
  });
  t.true(reports.length > 3);
  for (let i = 1; i < reports.length; i++) {
    t.true(reports[i].at - reports[i - 1].at <= 250, `gap ${reports[i].at - reports[i - 1].at} ms`);
    t.true(reports[i].fraction >= reports[i - 1].fraction && reports[i].steps >= reports[i - 1].steps);
  }
  const last = reports[reports.length - 1];
  t.deepEqual([last.fraction, last.hours, last.steps], [1, 25, result.steps]);
});

test.serial('an AbortSignal stops a long run promptly with a cancelled result', async (t) => {
  // The abort comes from a timer, as a cancellation message would: it can only be seen if the run yields
  // to the event loop. The clock is injected (5 ms a read) so that no outcome depends on the machine's speed.
  const controller = new AbortController();
  const request = normalized({
    ...KAWIN_EXAMPLE_03,
    simulation_time_hours: 100,
    temperature_profile: { time_points_hours: [0, 50], temperatures_celsius: [160, 250] },
  });
  let clockMs = 0;
  let stepsAtAbort = -1;
  const result = await simulate(request, await loadEngineDeps('wasm'), {
    signal: controller.signal,
    clock: () => (clockMs += 5),
    onProgress: (p) => {
      if (p.steps === 0 || stepsAtAbort >= 0) return;
      setTimeout(() => {
        stepsAtAbort = p.steps;
        controller.abort();
      }, 0);
    },
  });
  t.is(result.status, 'cancelled');
  t.true(stepsAtAbort > 0, 'the abort came while the run was stepping');
  t.true(result.series.timeS[result.series.length - 1] < 100 * 3600);
  t.is(result.summary.final_time_hours, result.series.timeS[result.series.length - 1] / 3600);
  // The run yields every 20 ms of (injected) clock, read every 32 steps: four reads, 128 steps at most
  // between the progress report and the yield that sees the abort, and 128 more after it.
  t.true(result.steps - stepsAtAbort <= 256, `${result.steps - stepsAtAbort} steps after the abort`);
});

test.serial(
  'the engine yields to the event loop every 20 ms of clock time when it can be cancelled',
  async (t) => {
    const deps = await loadEngineDeps('js');
    let clockMs = 0;
    const controller = new AbortController();
    let turnsWhileRunning = 0;
    let lastTickMs = 0;
    let longestMs = 0;
    const tick = () => {
      if (clockMs > lastTickMs) turnsWhileRunning++;
      longestMs = Math.max(longestMs, clockMs - lastTickMs);
      lastTickMs = clockMs;
      if (!controller.signal.aborted) setImmediate(tick);
    };
    setImmediate(tick);
    // The engine reads the clock every 32 steps; 0.5 ms per read makes a 25 h run (~16 k steps) last ~250 ms.
    const result = await simulate(normalized(KAWIN_EXAMPLE_03), deps, {
      signal: controller.signal,
      clock: () => (clockMs += 0.5),
    });
    controller.abort();
    t.is(result.status, 'completed');
    t.log(`${turnsWhileRunning} turns of the event loop over ${clockMs} ms of clock time`);
    t.true(turnsWhileRunning >= Math.floor(clockMs / 25), `${turnsWhileRunning} turns`);
    t.true(longestMs <= 21, `longest stretch without yielding: ${longestMs} ms`);
  },
);

test('a 100 h run keeps its recorded series under 50 MB', async (t) => {
  const request = normalized({
    composition: { MG: 0.0072, SI: 0.0057 },
    temperature_profile: {
      time_points_hours: [0, 16, 17, 60, 61],
      temperatures_celsius: [175, 175, 250, 250, 160],
    },
    simulation_time_hours: 100,
  });
  const result = await simulate(request, await loadEngineDeps('wasm'));
  const arrays = [
    result.series.timeS,
    result.series.temperatureK,
    ...Object.values(result.series.matrixComposition),
    ...result.series.phases.flatMap((p) => [
      p.numberDensityPerM3,
      p.meanRadiusM,
      p.volumeFraction,
      p.drivingForceJPerMol,
      p.nucleationRatePerM3S,
      p.criticalRadiusM,
    ]),
    ...result.strength.phases.flatMap((p) => [
      p.diameterNm,
      p.aspectRatio,
      p.majorAxisNm,
      p.crssMPa,
      p.yieldStrengthMPa,
    ]),
    result.strength.totalCrssMPa,
    result.strength.totalYieldStrengthMPa,
  ];
  const bytes = arrays.reduce((s, a) => s + a.byteLength, 0);
  t.log(`${result.steps} steps, ${(bytes / 1e6).toFixed(1)} MB of series`);
  t.is(result.status, 'completed');
  t.true(bytes < 50e6);
});
