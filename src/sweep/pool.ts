// A pool of worker threads (`--jobs N`, default all cores) that runs simulation requests through the
// engine and returns what a named extractor computes from each run in its thread. Runs that share the
// start of their schedule form a chain: one thread runs them in order, each from the checkpoints of those
// before it. A thread with nothing left to do takes the second half of the longest chain still waiting
// (a new chain: its first run starts from t = 0), so that chains never leave a core idle. A thread that
// dies fails the run it was on and is replaced; its chain's other runs go on elsewhere.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { MAX_RECORDED_ROWS } from '../engine/series.js';
import { DEFAULT_MAX_STEPS } from '../request/defaults.js';
import { BUILTIN_EXTRACTORS } from './extractor.js';
import type { FromPoolThread, PoolResult, PoolTask, ThreadSetup } from './protocol.js';

export type { PoolResult, PoolTask } from './protocol.js';

export interface RunPoolOptions {
  /** Threads (default: all cores). */
  jobs?: number;
  kernel?: 'wasm' | 'js';
  /** Step budget of one run (ENGINE_MAX_STEPS). */
  maxSteps?: number;
  /** More extractors: name → URL of a module exporting `extractor` (see extractor.ts). */
  extractors?: Record<string, string>;
  /** Heap of one thread, MB (default: V8's). */
  memoryMb?: number;
  /** Rows a run records before thinning them (default the engine's, as `precipitate run`). */
  maxRecordedRows?: number;
}

export interface RunBatchOptions<Value> {
  /** Each run's result as soon as it is in (any order). */
  onResult?: (result: PoolResult<Value>) => void;
  /** Chains: task indices run in this order by one thread, each resuming from its predecessors' checkpoints. */
  shareGroups?: number[][];
  /** Stops handing out runs; the batch resolves with the results in so far. */
  signal?: AbortSignal;
}

export interface RunPool {
  size: number;
  run<Value = unknown>(tasks: PoolTask[], options?: RunBatchOptions<Value>): Promise<PoolResult<Value>[]>;
  close(): Promise<void>;
}

interface Batch {
  results: PoolResult[];
  expected: number;
  onResult?: (result: PoolResult) => void;
  resolve: (results: PoolResult[]) => void;
}

/** Runs one thread takes in order; `id` only when they share checkpoints. */
interface Chain {
  id?: number;
  pending: PoolTask[];
  batch: Batch;
}

interface Slot {
  worker: Worker;
  /** Whether the thread has loaded the engine. */
  ready?: boolean;
  chain?: Chain;
  running?: PoolTask;
}

const THREAD_URL = new URL('./thread.js', import.meta.url);

export function defaultJobs(): number {
  return availableParallelism();
}

export function createRunPool(options: RunPoolOptions = {}): RunPool {
  const setup: ThreadSetup = {
    kernel: options.kernel ?? 'wasm',
    maxSteps: options.maxSteps ?? DEFAULT_MAX_STEPS,
    maxRecordedRows: options.maxRecordedRows ?? MAX_RECORDED_ROWS,
    extractors: { ...BUILTIN_EXTRACTORS, ...options.extractors },
  };
  const size = Math.max(1, options.jobs ?? defaultJobs());
  const waiting: Chain[] = [];
  const slots: Slot[] = [];
  let nextChainId = 1;
  let closing = false;
  let broken: string | undefined;

  const deliver = (batch: Batch, result: PoolResult) => {
    batch.results.push(result);
    batch.onResult?.(result);
    if (batch.results.length === batch.expected)
      batch.resolve(batch.results.sort((a, b) => a.index - b.index));
  };

  const spawn = (): Slot => {
    const worker = new Worker(THREAD_URL, {
      workerData: setup,
      ...(options.memoryMb && { resourceLimits: { maxOldGenerationSizeMb: options.memoryMb } }),
    });
    const slot: Slot = { worker };
    worker.on('message', (message: FromPoolThread) => {
      if (message.type === 'ready') slot.ready = true;
      if (message.type !== 'result' || !slot.running || !slot.chain) return;
      slot.running = undefined;
      deliver(slot.chain.batch, message.result);
      pump();
    });
    worker.on('error', (error) => onDeath(slot, error.message));
    worker.on('exit', (code) => onDeath(slot, `the engine thread exited (code ${code})`));
    return slot;
  };

  const onDeath = (slot: Slot, why: string) => {
    const at = slots.indexOf(slot);
    if (at < 0) return; // already replaced (an 'error' is followed by an 'exit')
    const { chain, running } = slot;
    if (chain && running) deliver(chain.batch, { index: running.index, ok: false, message: why });
    // The chain's other runs go on in another thread, as a new chain (what they shared died here).
    if (chain && chain.pending.length > 0) waiting.unshift({ ...chain, id: chain.id && nextChainId++ });
    if (closing) return;
    // A thread that could not even load the engine: every thread would fail the same way.
    if (!slot.ready) broken ??= `the engine threads cannot start: ${why}`;
    if (broken) {
      slots.splice(at, 1);
      failAll();
      return;
    }
    slots[at] = spawn();
    pump();
  };

  /** With the pool broken: every run not running fails (and with no thread left, those running). */
  const failAll = () => {
    const chains = [...waiting.splice(0), ...slots.flatMap((s) => (s.chain ? [s.chain] : []))];
    for (const chain of chains)
      for (const task of chain.pending.splice(0))
        deliver(chain.batch, { index: task.index, ok: false, message: broken! });
  };

  /** The second half of the longest chain still waiting in a busy thread, as a chain of its own. */
  const steal = (): Chain | undefined => {
    let longest: Chain | undefined;
    for (const s of slots)
      if (s.chain && s.chain.pending.length > (longest?.pending.length ?? 0)) longest = s.chain;
    if (!longest) return undefined;
    const taken = longest.pending.splice(Math.floor(longest.pending.length / 2));
    return { id: taken.length > 1 ? nextChainId++ : undefined, pending: taken, batch: longest.batch };
  };

  const give = (slot: Slot) => {
    if (slot.chain && slot.chain.pending.length === 0) {
      if (slot.chain.id !== undefined) slot.worker.postMessage({ type: 'end-chain', chain: slot.chain.id });
      slot.chain = undefined;
    }
    slot.chain ??= waiting.shift() ?? steal();
    const task = slot.chain?.pending.shift();
    if (!task) return;
    slot.running = task;
    slot.worker.postMessage({ type: 'task', task, chain: slot.chain!.id });
  };

  const pump = () => {
    for (const slot of slots) if (!slot.running) give(slot);
  };

  for (let i = 0; i < size; i++) slots.push(spawn());

  return {
    size,
    run<Value>(tasks: PoolTask[], batchOptions: RunBatchOptions<Value> = {}) {
      return new Promise<PoolResult<Value>[]>((resolve) => {
        const batch: Batch = {
          results: [],
          expected: tasks.length,
          onResult: batchOptions.onResult as Batch['onResult'],
          resolve: resolve as Batch['resolve'],
        };
        if (tasks.length === 0) return resolve([]);
        const chains = chainsOf(tasks, batchOptions.shareGroups ?? []).map((pending) => ({
          id: pending.length > 1 ? nextChainId++ : undefined,
          pending,
          batch,
        }));
        batchOptions.signal?.addEventListener('abort', () => {
          // What has not started is dropped; the batch resolves once the running runs are in.
          const mine = [
            ...waiting.filter((c) => c.batch === batch),
            ...slots.flatMap((s) => (s.chain?.batch === batch ? [s.chain] : [])),
          ];
          for (const c of mine) batch.expected -= c.pending.splice(0).length;
          for (let k = waiting.length - 1; k >= 0; k--) if (waiting[k].batch === batch) waiting.splice(k, 1);
          if (batch.results.length === batch.expected)
            resolve(batch.results.sort((a, b) => a.index - b.index) as PoolResult<Value>[]);
        });
        // Longest chains first, so that single runs fill the threads at the end.
        waiting.push(...chains.sort((a, b) => b.pending.length - a.pending.length));
        if (broken) failAll();
        else pump();
      });
    },
    async close() {
      closing = true;
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}

/** The tasks as chains: each share group one (in its order), every other task alone. */
export function chainsOf(tasks: PoolTask[], groups: number[][]): PoolTask[][] {
  const byIndex = new Map(tasks.map((t) => [t.index, t]));
  const grouped = new Set(groups.flat());
  return [
    ...groups.map((g) => g.flatMap((i) => byIndex.get(i) ?? [])),
    ...tasks.filter((t) => !grouped.has(t.index)).map((t) => [t]),
  ].filter((c) => c.length > 0);
}
