// A worker's calibration pool: CALIBRATION_THREADS engine threads (the calibration extractor loaded), with
// the engine limits of single runs. Started with the worker's first calibration, shared by every
// calibration it runs (each batch queues on the pool), closed with the worker.
import { createCalibrationPool, poolRunner } from '../../calibrate/pool-runner.js';
import type { ObservationRunner } from '../../calibrate/runner.js';
import type { Config } from '../../config.js';
import type { RunPool } from '../../sweep/pool.js';
import type { Closers } from '../adapters.js';

export function openCalibrationRunner(config: Config, closers: Closers): () => ObservationRunner {
  let pool: RunPool | undefined;
  closers.add(() => pool?.close());
  return () => {
    pool ??= createCalibrationPool({
      jobs: config.calibrationThreads,
      maxSteps: config.engineLimits.maxSteps,
      memoryMb: config.engineLimits.memoryMb,
      ...(config.engineKernel !== 'auto' && { kernel: config.engineKernel }),
    });
    return poolRunner(pool);
  };
}
