// A calibration's runner on Web Workers (navigator.hardwareConcurrency of them, started once and kept):
// a batch — the optimiser's simplex, an ensemble step — is spread over the workers, each taking the next
// run as soon as it answers, and every answer is placed by its index: the result is the inline runner's
// whatever the order runs finish in. Closing ends the workers and fails the batch under way.
import type { ObservedRun } from '../../calibrate/observables.js';
import type { ObservationRunner, RunnerStats, RunTask } from '../../calibrate/runner.js';
import type { FromCalibrateWorker, ToCalibrateWorker } from './protocol.js';

export interface WorkerRunner extends ObservationRunner {
  /** Called with every finished batch (the view draws the live fit from it). */
  onBatch?: (tasks: RunTask[], observed: (ObservedRun | undefined)[]) => void;
  /** The first failure's message, for the status line. */
  lastFailure?: string;
  close(): void;
  readonly size: number;
}

export function createWorkerRunner(
  size = Math.max(1, navigator.hardwareConcurrency || 1),
  spawn = () => new Worker('calibrate-worker.js'),
): WorkerRunner {
  const workers = Array.from({ length: size }, spawn);
  const stats: RunnerStats = { runs: 0, failures: 0, engineMs: 0 };
  let batchId = 0;
  let abandon: ((error: Error) => void) | undefined;

  const runBatch = (tasks: RunTask[]) =>
    new Promise<(ObservedRun | undefined)[]>((resolve, reject) => {
      const batch = ++batchId;
      const out: (ObservedRun | undefined)[] = new Array(tasks.length).fill(undefined);
      let next = 0;
      let answered = 0;
      abandon = reject;
      const send = (worker: Worker) => {
        if (next >= tasks.length) return;
        const index = next++;
        const message: ToCalibrateWorker = { type: 'run', batch, index, task: tasks[index] };
        worker.postMessage(message);
      };
      for (const worker of workers) {
        worker.onmessage = ({ data }: MessageEvent<FromCalibrateWorker>) => {
          if (data.type === 'ready' || data.batch !== batch) return;
          if (data.type === 'observed') {
            out[data.index] = data.observed;
            stats.engineMs += data.engineMs;
          } else runner.lastFailure ??= data.message;
          send(worker);
          if (++answered === tasks.length) resolve(out);
        };
        send(worker);
      }
      if (tasks.length === 0) resolve(out);
    });

  const runner: WorkerRunner = {
    stats,
    size,
    async run(tasks) {
      const out = await runBatch(tasks);
      stats.runs += tasks.length;
      stats.failures += out.filter((o) => o === undefined).length;
      runner.onBatch?.(tasks, out);
      return out;
    },
    close() {
      for (const worker of workers) worker.terminate();
      abandon?.(new Error('the calibration was stopped'));
    },
  };
  return runner;
}
