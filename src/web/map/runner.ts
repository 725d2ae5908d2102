// Runs a map's temperatures on Web Workers (navigator.hardwareConcurrency of them, started once and
// kept): each worker takes the next temperature as soon as it answers, so columns arrive in about
// temperature order while every core is busy. Cancelling ends the workers (a run does not stop
// mid-way otherwise); the next map starts fresh ones.
import type { SweepRow } from '../../sweep/row.js';
import type { MapRun } from './plan.js';
import type { FromMapWorker, ToMapWorker } from './protocol.js';

export interface MapRunEvents {
  row(row: SweepRow): void;
  error(index: number, message: string): void;
  done(): void;
}

export interface MapRunner {
  /** Starts the runs (a map already under way is cancelled first). */
  start(runs: MapRun[], events: MapRunEvents): void;
  cancel(): void;
  readonly size: number;
}

export function createMapRunner(
  size = Math.max(1, navigator.hardwareConcurrency || 1),
  spawn = () => new Worker('map-worker.js'),
): MapRunner {
  let workers: Worker[] = [];
  let generation = 0;
  let busy = false;

  const start = (runs: MapRun[], events: MapRunEvents) => {
    if (busy) cancel();
    busy = true;
    if (workers.length === 0) workers = Array.from({ length: size }, spawn);
    const current = ++generation;
    let next = 0;
    let answered = 0;
    const send = (worker: Worker) => {
      const run = runs[next++];
      if (!run) return;
      const message: ToMapWorker = {
        type: 'run',
        index: run.index,
        axisValues: [run.temperatureCelsius],
        request: run.request,
      };
      worker.postMessage(message);
    };
    for (const worker of workers) {
      worker.onmessage = ({ data }: MessageEvent<FromMapWorker>) => {
        if (current !== generation || data.type === 'ready') return;
        if (data.type === 'row') events.row(data.row);
        else events.error(data.index, data.message);
        send(worker);
        if (++answered < runs.length) return;
        busy = false;
        events.done();
      };
      send(worker);
    }
  };

  function cancel() {
    generation++;
    busy = false;
    for (const worker of workers) worker.terminate();
    workers = [];
  }

  return {
    start,
    cancel,
    get size() {
      return size;
    },
  };
}
