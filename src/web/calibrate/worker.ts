// A Calibrate view Web Worker: the engine (same code, database and WebAssembly kernel as the preview and
// map workers) running one calibration run at a time and answering with its observables — the function
// the CLI's worker threads and the inline runner apply, so the page's fit is the CLI's bit for bit.
import { observe } from '../../calibrate/observables.js';
import { simulate } from '../../engine/index.js';
import { loadWorkerEngine } from '../worker-engine.js';
import type { FromCalibrateWorker, ToCalibrateWorker } from './protocol.js';

const scope = globalThis as unknown as DedicatedWorkerGlobalScope;
const post = (message: FromCalibrateWorker) => scope.postMessage(message);

const engine = loadWorkerEngine(scope).then(({ engine, setupMs }) => {
  post({ type: 'ready', setupMs });
  return engine;
});
let queue: Promise<void> = Promise.resolve();

async function run({ batch, index, task }: ToCalibrateWorker): Promise<void> {
  const result = await simulate(task.request, await engine, {});
  post({
    type: 'observed',
    batch,
    index,
    observed: observe(result, task.spec),
    engineMs: result.timing.engine_ms,
  });
}

scope.onmessage = (event: MessageEvent<ToCalibrateWorker>) => {
  const message = event.data;
  queue = queue.then(() =>
    run(message).catch((error: unknown) =>
      post({
        type: 'failed',
        batch: message.batch,
        index: message.index,
        message: error instanceof Error ? error.message : String(error),
      }),
    ),
  );
};
