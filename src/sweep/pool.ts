// A pool of worker threads (`--jobs N`, default all cores) that runs simulation requests through the
// engine and returns what a named extractor computes from each run in its thread. Tasks go out in chunks:
// a single run, or a group of runs sharing an early schedule, run in order by one thread so that each
// starts from the checkpoints of those before it. A thread that dies fails its chunk's runs and is
// replaced; nothing else is lost.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { DEFAULT_MAX_STEPS } from '../request/defaults.js';
import { BUILTIN_EXTRACTORS } from './extractor.js';
import type { FromPoolThread, PoolResult, PoolTask, ThreadSetup, ToPoolThread } from './protocol.js';

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
}

export interface RunBatchOptions<Value> {
  /** Each run's result as soon as it is in (any order). */
  onResult?: (result: PoolResult<Value>) => void;
  /** Groups of task indices run in order by one thread, each resuming from its predecessors' checkpoints. */
  shareGroups?: number[][];
  /** Stops handing out chunks; the batch resolves with the results in so far. */
  signal?: AbortSignal;
}

export interface RunPool {
  size: number;
  run<Value = unknown>(tasks: PoolTask[], options?: RunBatchOptions<Value>): Promise<PoolResult<Value>[]>;
  close(): Promise<void>;
}

interface Chunk {
  message: ToPoolThread;
  pending: Set<number>;
  deliver: (result: PoolResult) => void;
  done: () => void;
}

interface Slot {
  worker: Worker;
  chunk?: Chunk;
}

const THREAD_URL = new URL('./thread.js', import.meta.url);

export function defaultJobs(): number {
  return availableParallelism();
}

/** Splits tasks into chunks: each share group is one chunk, every other task its own. */
export function chunksOf(
  tasks: PoolTask[],
  groups: number[][] = [],
): { tasks: PoolTask[]; share: boolean }[] {
  const byIndex = new Map(tasks.map((t) => [t.index, t]));
  const grouped = new Set(groups.flat());
  return [
    ...groups.map((g) => ({ tasks: g.map((i) => byIndex.get(i)!).filter(Boolean), share: true })),
    ...tasks.filter((t) => !grouped.has(t.index)).map((t) => ({ tasks: [t], share: false })),
  ];
}

export function createRunPool(options: RunPoolOptions = {}): RunPool {
  const setup: ThreadSetup = {
    kernel: options.kernel ?? 'wasm',
    maxSteps: options.maxSteps ?? DEFAULT_MAX_STEPS,
    extractors: { ...BUILTIN_EXTRACTORS, ...options.extractors },
  };
  const size = Math.max(1, options.jobs ?? defaultJobs());
  const waiting: Chunk[] = [];
  const slots: Slot[] = [];

  const spawn = (): Slot => {
    const worker = new Worker(THREAD_URL, {
      workerData: setup,
      ...(options.memoryMb && { resourceLimits: { maxOldGenerationSizeMb: options.memoryMb } }),
    });
    const slot: Slot = { worker };
    worker.on('message', (message: FromPoolThread) => onMessage(slot, message));
    worker.on('error', (error) => onDeath(slot, error.message));
    worker.on('exit', (code) => onDeath(slot, `the engine thread exited (code ${code})`));
    return slot;
  };

  const onMessage = (slot: Slot, message: FromPoolThread) => {
    const chunk = slot.chunk;
    if (message.type === 'result' && chunk) {
      chunk.pending.delete(message.result.index);
      chunk.deliver(message.result);
    } else if (message.type === 'chunk-done' && chunk) {
      slot.chunk = undefined;
      chunk.done();
      pump();
    }
  };

  let closing = false;
  const onDeath = (slot: Slot, why: string) => {
    const chunk = slot.chunk;
    slot.chunk = undefined;
    if (chunk) {
      for (const index of chunk.pending) chunk.deliver({ index, ok: false, message: why });
      chunk.done();
    }
    const at = slots.indexOf(slot);
    if (at >= 0 && !closing) {
      slots[at] = spawn();
      pump();
    }
  };

  const pump = () => {
    for (const slot of slots) {
      if (slot.chunk || waiting.length === 0) continue;
      slot.chunk = waiting.shift()!;
      slot.worker.postMessage(slot.chunk.message);
    }
  };

  for (let i = 0; i < size; i++) slots.push(spawn());

  return {
    size,
    run<Value>(tasks: PoolTask[], batch: RunBatchOptions<Value> = {}) {
      const results: PoolResult<Value>[] = [];
      const chunks = chunksOf(tasks, batch.shareGroups);
      return new Promise<PoolResult<Value>[]>((resolve) => {
        let open = chunks.length;
        const finishOne = () => {
          if (--open === 0) resolve(results.sort((a, b) => a.index - b.index));
        };
        if (open === 0) return resolve(results);
        const mine: Chunk[] = chunks.map((c) => ({
          message: { type: 'chunk', tasks: c.tasks, shareCheckpoints: c.share },
          pending: new Set(c.tasks.map((t) => t.index)),
          deliver: (r) => {
            results.push(r as PoolResult<Value>);
            batch.onResult?.(r as PoolResult<Value>);
          },
          done: finishOne,
        }));
        batch.signal?.addEventListener('abort', () => {
          for (const chunk of mine) {
            const at = waiting.indexOf(chunk);
            if (at >= 0) {
              waiting.splice(at, 1);
              finishOne();
            }
          }
        });
        waiting.push(...mine);
        pump();
      });
    },
    async close() {
      closing = true;
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}
