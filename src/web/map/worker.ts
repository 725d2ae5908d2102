// A Map view Web Worker: the server's engine (same code, database and WebAssembly kernel as the preview
// worker) running one sweep run at a time, answering with the run's sweep row: the same function the
// server's engine threads and the CLI apply, so the page's table is the server's bit for bit.
import { simulate } from '../../engine/index.js';
import { sweepRow } from '../../sweep/row.js';
import { loadWorkerEngine } from '../worker-engine.js';
import type { FromMapWorker, ToMapWorker } from './protocol.js';

const scope = globalThis as unknown as DedicatedWorkerGlobalScope;
const post = (message: FromMapWorker) => scope.postMessage(message);

const engine = loadWorkerEngine(scope).then(({ engine, setupMs }) => {
  post({ type: 'ready', setupMs });
  return engine;
});
let queue: Promise<void> = Promise.resolve();

async function run(message: ToMapWorker): Promise<void> {
  const result = await simulate(message.request, await engine, {});
  if (result.status !== 'completed') throw new Error(`the run ended ${result.status}`);
  post({ type: 'row', index: message.index, row: sweepRow(result, message.index, message.axisValues) });
}

scope.onmessage = (event: MessageEvent<ToMapWorker>) => {
  const message = event.data;
  queue = queue.then(() =>
    run(message).catch((error: unknown) =>
      post({
        type: 'error',
        index: message.index,
        message: error instanceof Error ? error.message : String(error),
      }),
    ),
  );
};
