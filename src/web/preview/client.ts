// The page's side of the preview worker: debounces requests, aborts a stale run as soon as the input
// changes, and passes on only the answers of the newest run (a superseded run's result is never shown).
import type { SimulationRequest } from '../../request/validate.js';
import type { FromWorker, PreviewResult, ToWorker } from './protocol.js';

/** What the previewer needs of a Worker (a fake one in tests). */
export interface WorkerPort {
  postMessage(message: ToWorker): void;
  onmessage: ((event: MessageEvent<FromWorker>) => void) | null;
}

export interface PreviewEvents {
  /** The newest run finished; `id` counts requests from 1. */
  result(result: PreviewResult, id: number): void;
  progress(fraction: number): void;
  error(message: string): void;
  ready?(setupMs: number): void;
  /** The worker kept checkpoints of the page-load request (times in h): later edits can start there. */
  checkpoints?(hours: number[]): void;
}

export interface Previewer {
  /** Previews `request` after the debounce delay (at once with immediate), replacing any pending one. */
  request(request: SimulationRequest, immediate?: boolean): number;
  /** Stops the pending and the running preview (the input is invalid: nothing to preview). */
  cancel(): void;
  /** Whether a preview is pending or running. */
  busy(): boolean;
  /** The result of run `id` is on screen (painted). */
  shown(id: number): void;
}

/**
 * `debounceMs`: none by default beyond the current task. A change aborts the running preview at once
 * and the worker stops within its 20 ms yield, so a longer delay only adds to the wait after the last
 * keystroke (50 ms once, all of it in bench/preview.ts's keystroke figure).
 */
export function createPreviewer(worker: WorkerPort, events: PreviewEvents, debounceMs = 0): Previewer {
  let lastId = 0;
  /** A run was sent to the worker and has not answered yet. */
  let running = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  worker.onmessage = ({ data: message }) => {
    if (message.type === 'ready') return events.ready?.(message.setupMs);
    if (message.type === 'checkpoints') return events.checkpoints?.(message.hours);
    // Engine start-up failures (id 0) belong to every run; other answers only to the newest.
    if (message.id !== lastId && !(message.type === 'error' && message.id === 0)) return;
    if (message.type === 'progress') return events.progress(message.fraction);
    running = false;
    if (message.type === 'result') events.result(message.result, message.id);
    else if (message.type === 'error') events.error(message.message);
  };

  const stopPending = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };

  return {
    request(request, immediate = false) {
      stopPending();
      // Free the worker at once: the running preview is stale from this keystroke on.
      if (running) worker.postMessage({ type: 'cancel' });
      running = false;
      const id = ++lastId;
      const send = () => {
        timer = undefined;
        running = true;
        worker.postMessage({ type: 'run', id, request });
      };
      if (immediate) send();
      else timer = setTimeout(send, debounceMs);
      return id;
    },
    cancel() {
      stopPending();
      lastId++;
      if (running) worker.postMessage({ type: 'cancel' });
      running = false;
    },
    busy: () => running || timer !== undefined,
    shown: (id) => worker.postMessage({ type: 'shown', id }),
  };
}
