// The preview Web Worker: the server's engine (same code, same database, same WebAssembly kernel)
// running in the browser. The kernel module is compiled once per worker while the thermodynamics are
// built; one kernel instance serves every preview, as one serves every job of a service thread. A new run
// aborts the one in progress (the engine yields to the event loop every ~20 ms, so the abort message is
// seen promptly). The engine computes exp/log/pow with its own IEEE-only functions (src/thermo/math.ts),
// so the preview has the server's bits whatever the browser's Math does. boot.ts also passes its guess
// of the page's first request (the form opens on a known example), so that the first preview is computed
// while the page loads. Runs keep checkpoints, so that an edit of the later schedule starts where the
// schedule changed (src/engine/checkpoint.ts).
import databaseJson from '../../../data/AlMgSi.tdb';
import {
  requestKey,
  runCheckpoints,
  simulate,
  type EngineDeps,
  type RunCheckpoints,
} from '../../engine/index.js';
import { createWasmKernel } from '../../kernel/wasm.js';
import { chartSpecs, type ChartName } from '../../output/charts.js';
import { sizeDistributionsJson } from '../../output/size-distribution.js';
import { normalizeRequest, type SimulationRequest } from '../../request/normalize.js';
import { createThermoFromDatabase } from '../../thermo/index.js';
import { databaseFromJson } from '../../thermo/tdb/serialize.js';
import { presetFromSearch } from '../form/presets.js';
import { withPageSizeTimes } from '../size-times.js';
import { GUESS_PREFIX, type FromWorker, type PreviewResult, type ToWorker } from './protocol.js';

const scope = globalThis as unknown as DedicatedWorkerGlobalScope;
const post = (message: FromWorker) => scope.postMessage(message);
/** The charts the page draws (number density, volume fraction, radius; yield strength). */
const PREVIEW_CHARTS: ReadonlySet<ChartName> = new Set(['precipitation', 'yield_strength']);
/**
 * Rows per preview chart: the page's charts are 400–750 px wide, so 600 rows (local extrema always kept)
 * draw the same curves as the server figures' 1,200, with half the rows to select, send and draw.
 */
const PREVIEW_CHART_POINTS = 600;

/** compileStreaming needs application/wasm; a server that says otherwise still gets a working page. */
async function compileKernel(url: URL): Promise<WebAssembly.Module> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url.pathname}: HTTP ${response.status}`);
  if (response.headers.get('Content-Type')?.startsWith('application/wasm')) {
    return WebAssembly.compileStreaming(response);
  }
  return WebAssembly.compile(await response.arrayBuffer());
}

async function setUp(): Promise<EngineDeps> {
  const started = performance.now();
  // Fetch and compile the kernel while the worker builds the thermodynamics (the build parsed the TDB).
  const module = compileKernel(new URL('kernel.wasm', scope.location.href));
  const thermo = createThermoFromDatabase(databaseFromJson(databaseJson));
  // One kernel instance for every preview (they run one at a time): the JIT stays warm between previews.
  const engine = { kernel: createWasmKernel(await module), thermo, databaseSha256: __DATABASE_SHA256__ };
  post({ type: 'ready', setupMs: performance.now() - started });
  return engine;
}

const engine = setUp();
/** The run the page waits for; answers of any other run are dropped. Negative: boot.ts's guess. */
let latestId = 0;
let running: AbortController | undefined;
let queue: Promise<void> = Promise.resolve();

/** A run in the worker; `id` changes when the page asks for the run boot.ts guessed. */
interface Target {
  id: number;
  /** Started on boot.ts's guess. */
  guessed?: boolean;
  /** Set when the guessed run finished before the page asked for it. */
  early?: PreviewResult;
}

/**
 * boot.ts's guess of the page's first request (the form's initial one), started while the page loads.
 * The page's own first request adopts it when they are the same request.
 */
let guess: { key: string; target: Target } | undefined;

/**
 * The checkpoints of the latest run that kept any (even a cancelled one: they hold what it computed): a
 * request that differs from it only in the later schedule starts from there (src/engine/checkpoint.ts).
 */
let latestCheckpoints: RunCheckpoints | undefined;

async function run(target: Target, request: SimulationRequest): Promise<void> {
  if (target.id !== latestId) return; // superseded while it waited for the previous run to stop
  const deps = await engine;
  if (target.id !== latestId) return;
  const controller = new AbortController();
  running = controller;
  try {
    const result = await simulate(request, deps, {
      signal: controller.signal,
      onProgress: (p) => post({ type: 'progress', id: target.id, fraction: p.fraction }),
      // Not in the page-load run: saving its state while V8 still compiles the engine made that first
      // preview ~0.1 s later (interleaved page loads); keepCheckpoints() runs after it instead.
      checkpoints: target.guessed ? undefined : { resumeFrom: latestCheckpoints },
    });
    if (result.checkpoints?.list.length) latestCheckpoints = result.checkpoints; // else keep the last ones
    if (result.status === 'cancelled' || target.id !== latestId) {
      post({ type: 'cancelled', id: target.id });
      return;
    }
    const charts = chartSpecs(result, PREVIEW_CHARTS, PREVIEW_CHART_POINTS);
    const preview = {
      summary: result.summary,
      charts,
      sizeDistributions: sizeDistributionsJson(result.sizeDistributions),
      steps: result.steps,
      engineMs: result.timing.engine_ms,
      resumedAtHours: result.resumedAtHours ?? 0,
      startedAtLoad: target.guessed === true,
    };
    if (target.id < 0) target.early = preview;
    else post({ type: 'result', id: target.id, result: preview });
  } finally {
    if (running === controller) running = undefined;
  }
}

/**
 * After the page-load run (which keeps none), computes its request again up to its last profile point,
 * keeping checkpoints, while the page is idle: a first edit of the later schedule can then start from
 * one. Any message from the page stops it (keeping what it got); nothing is posted but the checkpoints'
 * times.
 */
async function keepCheckpoints(target: Target, request: SimulationRequest): Promise<void> {
  if (target.id !== latestId) return;
  const deps = await engine;
  const controller = new AbortController();
  running = controller;
  try {
    const { status, checkpoints } = await runCheckpoints(request, deps, { signal: controller.signal });
    // Checkpoints kept before an input stopped it are as good as the rest: the next run may use them.
    if (checkpoints.list.length > 0) latestCheckpoints = checkpoints;
    if (status === 'completed' && target.id === latestId) {
      post({ type: 'checkpoints', hours: checkpoints.list.map((c) => c.timeS / 3600) });
    }
  } finally {
    if (running === controller) running = undefined;
  }
}

function enqueue(target: Target, request: SimulationRequest): void {
  latestId = target.id;
  // One run at a time: the next starts once the aborted one has returned.
  queue = queue.then(() =>
    run(target, request).catch((error: unknown) => {
      // A failed guess is forgotten: the page's own request then runs and gets the error itself.
      if (target.id < 0) {
        if (guess?.target === target) guess = undefined;
        return;
      }
      post({ type: 'error', id: target.id, message: error instanceof Error ? error.message : String(error) });
    }),
  );
  if (target.guessed) afterShown = { target, request };
}

/** The page-load run, whose checkpoints are computed once the page has painted its result. */
let afterShown: { target: Target; request: SimulationRequest } | undefined;

/** Computing while the page paints the first preview delayed that preview (~0.1 s): wait for 'shown'. */
function pageShown(id: number): void {
  const pending = afterShown;
  if (!pending || pending.target.id !== id || id !== latestId) return;
  afterShown = undefined;
  // A failure there shows in the next run instead.
  queue = queue.then(() => keepCheckpoints(pending.target, pending.request)).catch(() => {});
}

/** The page's first request is the guessed one: answer with that run instead of starting over. */
function adoptGuess(id: number, request: SimulationRequest): boolean {
  const adopted = guess;
  guess = undefined;
  if (!adopted || adopted.target.id !== latestId || adopted.key !== requestKey(request)) return false;
  adopted.target.id = id;
  latestId = id;
  if (adopted.target.early) post({ type: 'result', id, result: adopted.target.early });
  return true;
}

scope.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.type === 'shown') return pageShown(message.id);
  if (message.type === 'cancel') {
    running?.abort();
    latestId = 0;
    return;
  }
  const request = withPageSizeTimes(message.request);
  if (adoptGuess(message.id, request)) return;
  running?.abort();
  enqueue({ id: message.id }, request);
};

/**
 * boot.ts (inlined in index.html) names the worker after the page's query string
 * (`guess:?example=kawin03`): the worker reads its name at once, whereas a message from the page would
 * wait for the page's main thread to be free.
 */
function startGuess(name: string): void {
  if (!name.startsWith(GUESS_PREFIX)) return;
  const request = withPageSizeTimes(normalizeRequest(presetFromSearch(name.slice(GUESS_PREFIX.length)).body));
  guess = { key: requestKey(request), target: { id: -1, guessed: true } };
  enqueue(guess.target, request);
}
startGuess(scope.name);

// A database or kernel that cannot be loaded is reported once, to whichever run asks first.
engine.catch((error: unknown) =>
  post({ type: 'error', id: 0, message: `the preview engine failed to start: ${String(error)}` }),
);
