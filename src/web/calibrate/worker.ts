// A Calibrate view Web Worker: the engine (same code, database and WebAssembly kernel as the preview and
// map workers) running one calibration run at a time and answering with its observables — the function
// the CLI's worker threads and the inline runner apply, so the page's fit is the CLI's bit for bit.
import databaseJson from '../../../data/AlMgSi.tdb';
import { observe } from '../../calibrate/observables.js';
import { simulate, type EngineDeps } from '../../engine/index.js';
import { createWasmKernel } from '../../kernel/wasm.js';
import { createThermoFromDatabase } from '../../thermo/index.js';
import { databaseFromJson } from '../../thermo/tdb/serialize.js';
import type { FromCalibrateWorker, ToCalibrateWorker } from './protocol.js';

const scope = globalThis as unknown as DedicatedWorkerGlobalScope;
const post = (message: FromCalibrateWorker) => scope.postMessage(message);

async function setUp(): Promise<EngineDeps> {
  const started = performance.now();
  const module = fetch(new URL('kernel.wasm', scope.location.href)).then(async (response) => {
    if (!response.ok) throw new Error(`kernel.wasm: HTTP ${response.status}`);
    return WebAssembly.compile(await response.arrayBuffer());
  });
  const thermo = createThermoFromDatabase(databaseFromJson(databaseJson));
  const engine = { kernel: createWasmKernel(await module), thermo, databaseSha256: __DATABASE_SHA256__ };
  post({ type: 'ready', setupMs: performance.now() - started });
  return engine;
}

const engine = setUp();
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
