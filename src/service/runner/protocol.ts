// Messages between a worker process (or the embedded server) and its engine threads.
import type { JobProgress } from '../db/rows.js';
import type { ResultFile } from '../storage/types.js';

export type KernelChoice = 'auto' | 'wasm' | 'js';

/** What one job may use (ENGINE_MAX_STEPS, ENGINE_TIMEOUT_SECONDS, ENGINE_MEMORY_MB). */
export interface EngineLimits {
  maxSteps: number;
  /** Wall time of one run, ms: the thread is terminated and replaced after it. */
  timeoutMs: number;
  /** Heap of one engine thread (V8's old generation), MB: a run that needs more ends the thread. */
  memoryMb: number;
}

export interface ThreadData {
  kernel: KernelChoice;
  maxSteps: number;
}

/** input: the body as submitted; request: the same as the API normalized it (absent: validate input). */
export type ToThread =
  | { type: 'run'; input: unknown; request?: unknown; sweep?: SweepRunTask; files?: FilesTask }
  | { type: 'cancel' };

/**
 * A completed job's request run again to make its run data (the one file its downloads are made from),
 * when first asked for (src/service/runner/make-files.ts): the thread answers with that file and the
 * results text, which the caller checks against the job's. `timing`: the job's own engine time, written
 * into the file in place of this run's.
 */
export interface FilesTask {
  timing: unknown;
}

/** A run of a sweep: the thread answers with the run's sweep row (src/sweep/row.ts) instead of files. */
export interface SweepRunTask {
  index: number;
  axisValues: number[];
}

export interface EngineOutput {
  summary: unknown;
  /**
   * A job's stored results ({summary, series, engine, timing}) as JSON text, made on the engine thread: the
   * worker stores it as it is instead of receiving the series as objects and stringifying it (issue 17).
   * Absent for a sweep's run (sweepRow instead).
   */
  resultsJson?: string;
  engine: { version: string; kernel: string; database_sha256: string };
  steps: number;
  /** The engine's own time for the run, ms, and its steps. */
  timing: { engine_ms: number; steps: number };
  /** A job's run data, for a FilesTask only; a job stores none at completion (make-files.ts). */
  files: ResultFile[];
  /** A sweep run's row of metrics and curves (then files is empty). */
  sweepRow?: unknown;
}

/**
 * `transient`: the run failed for the moment's reasons (its time limit on a busy machine, a thread lost),
 * not for its request's: the same run may complete another time.
 */
export type EngineOutcome =
  | ({ status: 'completed' } & EngineOutput)
  | { status: 'cancelled' }
  | { status: 'failed'; message: string; transient?: boolean };

export type FromThread =
  | { type: 'ready'; kernel: string }
  | { type: 'progress'; progress: JobProgress }
  | { type: 'outcome'; outcome: EngineOutcome };
