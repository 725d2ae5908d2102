// A fixed set of engine threads, one simulation each at a time. Threads load the engine once and are
// reused; a thread that crashes or ignores a cancellation is terminated and replaced. Every run is bounded:
// a heap limit per thread (V8 ends a thread that needs more) and a wall-clock limit (the thread is
// terminated); either fails the job saying which limit it hit, and a fresh thread takes the slot.
import { Worker } from 'node:worker_threads';
import type { JobProgress } from '../db/rows.js';
import type { Logger } from '../log.js';
import type {
  EngineLimits,
  EngineOutcome,
  FromThread,
  KernelChoice,
  SweepRunTask,
  FilesTask,
  ThreadData,
  ToThread,
} from './protocol.js';

export interface EngineTask {
  outcome: Promise<EngineOutcome>;
  /** Asks the engine to stop; the outcome is then 'cancelled' (at the latest after the grace period). */
  cancel(): void;
}

export interface EnginePool {
  size: number;
  /**
   * `request`: the body as the API normalized it, run as it is (else `input` is validated first);
   * `sweep`: a sweep's run, answered with its row; `files`: a completed job's run again for its files.
   */
  run(
    input: unknown,
    onProgress: (progress: JobProgress) => void,
    request?: unknown,
    sweep?: SweepRunTask,
    files?: FilesTask,
  ): EngineTask;
  close(): Promise<void>;
}

interface Pending {
  input: unknown;
  request?: unknown;
  sweep?: SweepRunTask;
  files?: FilesTask;
  onProgress: (progress: JobProgress) => void;
  settle: (outcome: EngineOutcome) => void;
  settled: boolean;
}

interface Slot {
  worker?: Worker;
  task?: Pending;
  /** Whether the thread has loaded the engine: a run's time limit counts from then. */
  ready?: boolean;
  /** Ends the running task when it exceeds limits.timeoutMs. */
  deadline?: NodeJS.Timeout;
}

const THREAD_URL = new URL('./engine-thread.js', import.meta.url);

export function createEnginePool(
  size: number,
  kernel: KernelChoice,
  log: Logger,
  limits: EngineLimits,
  // The engine answers a cancellation within ~20 ms while it steps, but not while it renders the files
  // (seconds for a long run): after this a cancelled thread is replaced, so that the README's "within a
  // second" holds with the worker's 250 ms poll.
  cancelGraceMs = 500,
): EnginePool {
  const slots: Slot[] = Array.from({ length: size }, () => ({}));
  const waiting: Pending[] = [];
  let closed = false;

  const finish = (slot: Slot, outcome: EngineOutcome) => {
    const task = slot.task;
    slot.task = undefined;
    clearTimeout(slot.deadline);
    slot.deadline = undefined;
    if (task && !task.settled) {
      task.settled = true;
      task.settle(outcome);
    }
    pump();
  };

  const spawn = (slot: Slot): Worker => {
    const worker = new Worker(THREAD_URL, {
      workerData: { kernel, maxSteps: limits.maxSteps } satisfies ThreadData,
      resourceLimits: { maxOldGenerationSizeMb: limits.memoryMb },
    });
    slot.ready = false;
    worker.on('message', (message: FromThread) => {
      if (slot.worker !== worker) return;
      if (message.type === 'progress') slot.task?.onProgress(message.progress);
      else if (message.type === 'outcome') finish(slot, message.outcome);
      else {
        log.debug('engine thread ready', { kernel: message.kernel });
        slot.ready = true;
        armDeadline(slot);
      }
    });
    const lost = (why: string, message?: string) => {
      if (slot.worker !== worker) return;
      slot.worker = undefined;
      if (!closed) log.error('engine thread stopped', { reason: why });
      // Out of memory is the run's own doing; any other end of the thread is not.
      const transient = message === undefined;
      finish(slot, { status: 'failed', message: message ?? `engine thread stopped: ${why}`, transient });
    };
    worker.on('error', (error: Error & { code?: string }) => {
      if (error.code !== 'ERR_WORKER_OUT_OF_MEMORY') return lost(error.message);
      lost(
        'out of memory',
        `the run needed more than the engine thread's memory limit of ${limits.memoryMb} MB ` +
          '(ENGINE_MEMORY_MB); the thread was replaced',
      );
    });
    worker.on('exit', (code) => lost(`exit code ${code}`));
    return worker;
  };

  const send = (worker: Worker, message: ToThread) => worker.postMessage(message);

  function pump() {
    if (closed) return;
    for (const slot of slots) {
      if (slot.task || waiting.length === 0) continue;
      const task = waiting.shift() as Pending;
      slot.task = task;
      slot.worker ??= spawn(slot);
      const { input, request, sweep, files } = task;
      send(slot.worker, { type: 'run', input, request, sweep, files });
      armDeadline(slot);
    }
  }

  function armDeadline(slot: Slot) {
    const task = slot.task;
    if (!task || !slot.ready || slot.deadline) return;
    slot.deadline = setTimeout(() => timedOut(slot, task), limits.timeoutMs);
    slot.deadline.unref();
  }

  /** The run took longer than limits.timeoutMs: its thread is terminated and a new one started. */
  function timedOut(slot: Slot, task: Pending) {
    if (slot.task !== task || closed) return;
    const seconds = limits.timeoutMs / 1000;
    log.warn('engine run exceeded its time limit; replacing the thread', { limit_seconds: seconds });
    terminate(slot);
    finish(slot, {
      status: 'failed',
      message: `the run took longer than the time limit of ${seconds} s (ENGINE_TIMEOUT_SECONDS) and was stopped`,
      transient: true,
    });
    if (!closed && !slot.worker) slot.worker = spawn(slot);
  }

  const terminate = (slot: Slot) => {
    const worker = slot.worker;
    slot.worker = undefined;
    void worker?.terminate();
  };

  // Start every thread now, so that the first jobs do not wait for the engine to load.
  for (const slot of slots) slot.worker = spawn(slot);

  return {
    size,
    run(input, onProgress, request, sweep, files) {
      let settle!: (outcome: EngineOutcome) => void;
      const outcome = new Promise<EngineOutcome>((resolve) => (settle = resolve));
      const task: Pending = { input, request, sweep, files, onProgress, settle, settled: false };
      if (closed) settle({ status: 'cancelled' });
      else waiting.push(task);
      pump();
      return {
        outcome,
        cancel() {
          if (task.settled) return;
          const queued = waiting.indexOf(task);
          if (queued >= 0) {
            waiting.splice(queued, 1);
            task.settled = true;
            settle({ status: 'cancelled' });
            return;
          }
          const slot = slots.find((s) => s.task === task);
          if (!slot?.worker) return;
          send(slot.worker, { type: 'cancel' });
          const timer = setTimeout(() => {
            if (slot.task !== task) return;
            log.warn('engine thread ignored a cancellation; replacing it');
            terminate(slot);
            finish(slot, { status: 'cancelled' });
          }, cancelGraceMs);
          timer.unref();
        },
      };
    },
    async close() {
      closed = true;
      for (const task of waiting.splice(0)) task.settle({ status: 'cancelled' });
      for (const slot of slots) {
        const task = slot.task;
        terminate(slot);
        slot.task = undefined;
        if (task && !task.settled) task.settle({ status: 'cancelled' });
      }
    },
  };
}
