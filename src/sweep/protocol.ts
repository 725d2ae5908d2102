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
  /** Rows a run records before thinning them (the engine's MAX_RECORDED_ROWS unless a test lowers it). */
  maxRecordedRows: number;
  extractors: Record<string, string>;
}

/** A run (of a chain: it may start from the chain's earlier runs' checkpoints); or forget a chain. */
export type ToPoolThread =
  { type: 'task'; task: PoolTask; chain?: number } | { type: 'end-chain'; chain: number };

export type FromPoolThread = { type: 'ready' } | { type: 'result'; result: PoolResult };
