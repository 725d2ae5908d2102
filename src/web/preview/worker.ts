// The preview Web Worker: the server's engine (same code, same database text, same WebAssembly kernel)
// running in the browser. The kernel module is compiled once per worker while the database is parsed;
// one kernel instance serves every preview, as one serves every job of a service thread. A new run aborts the one in progress
// (the engine yields to the event loop every ~20 ms, so the abort message is seen promptly). The engine
// computes exp/log/pow with its own IEEE-only functions (src/thermo/math.ts), so the preview has the
// server's bits whatever the browser's Math does.
import tdbText from '../../../data/AlMgSi.tdb';
import { simulate } from '../../engine/index.js';
import type { Kernel } from '../../kernel/types.js';
import { createWasmKernel } from '../../kernel/wasm.js';
import { chartSpecs } from '../../output/charts.js';
import { createThermo, type Thermo } from '../../thermo/index.js';
import type { FromWorker, ToWorker } from './protocol.js';

const scope = globalThis as unknown as DedicatedWorkerGlobalScope;
const post = (message: FromWorker) => scope.postMessage(message);
/** The charts the page draws (number density, volume fraction, radius; yield strength). */
const PREVIEW_CHARTS = new Set(['precipitation', 'yield_strength']);

/** compileStreaming needs application/wasm; a server that says otherwise still gets a working page. */
async function compileKernel(url: URL): Promise<WebAssembly.Module> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url.pathname}: HTTP ${response.status}`);
  if (response.headers.get('Content-Type')?.startsWith('application/wasm')) {
    return WebAssembly.compileStreaming(response);
  }
  return WebAssembly.compile(await response.arrayBuffer());
}

async function setUp(): Promise<{ kernel: Kernel; thermo: Thermo }> {
  const started = performance.now();
  // Fetch and compile the kernel while the main thread of the worker parses the database.
  const module = compileKernel(new URL('kernel.wasm', scope.location.href));
  const thermo = createThermo(tdbText);
  // One kernel instance for every preview (they run one at a time): the JIT stays warm between previews.
  const engine = { kernel: createWasmKernel(await module), thermo };
  post({ type: 'ready', setupMs: performance.now() - started });
  return engine;
}

const engine = setUp();
let latestId = 0;
let running: AbortController | undefined;
let queue: Promise<void> = Promise.resolve();

async function run(id: number, request: Extract<ToWorker, { type: 'run' }>['request']): Promise<void> {
  if (id !== latestId) return; // superseded while it waited for the previous run to stop
  const { kernel, thermo } = await engine;
  if (id !== latestId) return;
  const controller = new AbortController();
  running = controller;
  try {
    const deps = { thermo, kernel, databaseSha256: __DATABASE_SHA256__ };
    const result = await simulate(request, deps, {
      signal: controller.signal,
      onProgress: (p) => post({ type: 'progress', id, fraction: p.fraction }),
    });
    if (result.status === 'cancelled' || id !== latestId) {
      post({ type: 'cancelled', id });
      return;
    }
    const charts = chartSpecs(result).filter((c) => PREVIEW_CHARTS.has(c.name));
    post({
      type: 'result',
      id,
      result: { summary: result.summary, charts, steps: result.steps, engineMs: result.timing.engine_ms },
    });
  } finally {
    if (running === controller) running = undefined;
  }
}

scope.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  running?.abort();
  if (message.type === 'cancel') {
    latestId = 0;
    return;
  }
  latestId = message.id;
  // One run at a time: the next starts once the aborted one has returned.
  queue = queue.then(() =>
    run(message.id, message.request).catch((error: unknown) =>
      post({
        type: 'error',
        id: message.id,
        message: error instanceof Error ? error.message : String(error),
      }),
    ),
  );
};

// A database or kernel that cannot be loaded is reported once, to whichever run asks first.
engine.catch((error: unknown) =>
  post({ type: 'error', id: 0, message: `the preview engine failed to start: ${String(error)}` }),
);
