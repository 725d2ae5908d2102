// A calibration's runs on the sweep's pool of worker threads (src/sweep/pool.ts, all cores by default):
// a whole ensemble step, or the optimiser's simplex, goes out as one batch.
import { createRunPool, type RunPool, type RunPoolOptions } from '../sweep/pool.js';
import { CALIBRATION_EXTRACTOR } from './observables-extractor.js';
import type { ObservedRun } from './observables.js';
import type { ObservationRunner, RunnerStats } from './runner.js';

export function createCalibrationPool(options: Omit<RunPoolOptions, 'extractors'> = {}): RunPool {
  const url = new URL('./observables-extractor.js', import.meta.url).href;
  return createRunPool({ ...options, extractors: { [CALIBRATION_EXTRACTOR]: url } });
}

export function poolRunner(pool: RunPool): ObservationRunner {
  const stats: RunnerStats = { runs: 0, failures: 0, engineMs: 0 };
  return {
    stats,
    async run(tasks) {
      const results = await pool.run<ObservedRun>(
        tasks.map((t, index) => ({
          index,
          request: t.request,
          extractor: CALIBRATION_EXTRACTOR,
          params: t.spec,
        })),
      );
      const out: (ObservedRun | undefined)[] = new Array(tasks.length).fill(undefined);
      stats.runs += tasks.length;
      for (const r of results) {
        if (r.ok) {
          out[r.index] = r.value;
          stats.engineMs += r.engineMs;
        }
      }
      stats.failures += out.filter((o) => o === undefined).length;
      return out;
    },
  };
}
