// Who runs a batch of a calibration's simulations: in this thread (tests, the page's Web Worker) or a
// pool of worker threads (pool-runner.ts). Either returns each run's observables, or undefined for a run
// that failed (a step budget exceeded: the fit treats it as infinitely unlikely).
import { simulate, type EngineDeps } from '../engine/index.js';
import type { SimulationRequest } from '../request/validate.js';
import { observe, type ObservableSpec, type ObservedRun } from './observables.js';

export interface RunTask {
  request: SimulationRequest;
  spec: ObservableSpec;
}

export interface RunnerStats {
  runs: number;
  failures: number;
  engineMs: number;
}

export interface ObservationRunner {
  run(tasks: RunTask[]): Promise<(ObservedRun | undefined)[]>;
  stats: RunnerStats;
}

/** Runs each task in turn in this thread. */
export function inlineRunner(deps: EngineDeps, maxSteps?: number): ObservationRunner {
  const stats: RunnerStats = { runs: 0, failures: 0, engineMs: 0 };
  return {
    stats,
    async run(tasks) {
      const out: (ObservedRun | undefined)[] = [];
      for (const task of tasks) {
        stats.runs++;
        try {
          const result = await simulate(task.request, deps, { ...(maxSteps && { maxSteps }) });
          stats.engineMs += result.timing.engine_ms;
          out.push(observe(result, task.spec));
        } catch {
          stats.failures++;
          out.push(undefined);
        }
      }
      return out;
    },
  };
}
