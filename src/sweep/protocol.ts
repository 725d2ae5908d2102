// Messages between a run pool (pool.ts) and its worker threads (thread.ts).
import type { SimulationRequest } from '../request/validate.js';

export interface PoolTask<Params = unknown> {
  /** Position in the batch; results carry it back. */
  index: number;
  /** A validated, normalized request (expandSweep gives them). */
  request: SimulationRequest;
  /** Name of the extractor to apply (BUILTIN_EXTRACTORS or the pool's own). */
  extractor: string;
  params?: Params;
}

export type PoolResult<Value = unknown> =
  | {
      index: number;
      ok: true;
      value: Value;
      steps: number;
      engineMs: number;
      /** Simulated hours this run took from another run's checkpoint instead of computing them. */
      resumedAtHours: number;
      /** Steps of those hours (taken from the checkpoint, not computed). */
      resumedSteps: number;
      simulatedHours: number;
    }
  | { index: number; ok: false; message: string };

export interface ThreadSetup {
  kernel: 'wasm' | 'js';
  maxSteps: number;
  extractors: Record<string, string>;
}

/** A chunk: tasks run in order by one thread; with shareCheckpoints each may start from the one before. */
export type ToPoolThread = { type: 'chunk'; tasks: PoolTask[]; shareCheckpoints: boolean };

export type FromPoolThread =
  { type: 'ready' } | { type: 'result'; result: PoolResult } | { type: 'chunk-done' };
