// Messages between the Calibrate view and its Web Workers: each worker runs one of a batch's simulations
// at a time and answers with what the fit compares against the data (src/calibrate/observables.ts), or
// with the run's failure (a failed run is an infinitely unlikely point, as in the CLI).
import type { ObservedRun } from '../../calibrate/observables.js';
import type { RunTask } from '../../calibrate/runner.js';

export type ToCalibrateWorker = { type: 'run'; batch: number; index: number; task: RunTask };

export type FromCalibrateWorker =
  | { type: 'ready'; setupMs: number }
  | { type: 'observed'; batch: number; index: number; observed: ObservedRun; engineMs: number }
  | { type: 'failed'; batch: number; index: number; message: string };
