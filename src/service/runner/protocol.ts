// Messages between a worker process (or the embedded server) and its engine threads.
import type { JobProgress } from '../db/rows.js';
import type { ResultFile } from '../storage/types.js';

export type KernelChoice = 'auto' | 'wasm' | 'js';

export interface ThreadData {
  kernel: KernelChoice;
}

export type ToThread = { type: 'run'; input: unknown } | { type: 'cancel' };

export interface EngineOutput {
  summary: unknown;
  series: unknown;
  engine: { version: string; kernel: string; database_sha256: string };
  steps: number;
  /** The engine's own time for the run, ms, and its steps. */
  timing: { engine_ms: number; steps: number };
  files: ResultFile[];
}

export type EngineOutcome =
  ({ status: 'completed' } & EngineOutput) | { status: 'cancelled' } | { status: 'failed'; message: string };

export type FromThread =
  | { type: 'ready'; kernel: string }
  | { type: 'progress'; progress: JobProgress }
  | { type: 'outcome'; outcome: EngineOutcome };
