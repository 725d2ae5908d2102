// A run pool's worker thread: loads the engine once, runs the tasks of each chunk it is given in order
// through simulate() exactly as `precipitate run` does, and posts each run's extracted value. With
// shareCheckpoints a run starts from the latest checkpoint of the chunk's runs it shares a schedule with.
import { parentPort, workerData } from 'node:worker_threads';
import { usableCheckpoints } from '../engine/checkpoint.js';
import { EngineLimitError, simulate, type RunCheckpoints } from '../engine/index.js';
import { loadEngineDeps } from '../runtime/node.js';
import type { RunExtractor } from './extractor.js';
import type { FromPoolThread, PoolResult, PoolTask, ThreadSetup, ToPoolThread } from './protocol.js';

const port = parentPort;
if (!port) throw new Error('sweep/thread.js runs as a worker thread');
const setup = workerData as ThreadSetup;
const deps = loadEngineDeps(setup.kernel);
const loaded = new Map<string, Promise<RunExtractor>>();

function extractorNamed(name: string): Promise<RunExtractor> {
  const url = setup.extractors[name];
  if (!url) return Promise.reject(new Error(`no extractor named '${name}'`));
  if (!loaded.has(name))
    loaded.set(
      name,
      import(url).then((m: { extractor: RunExtractor }) => m.extractor),
    );
  return loaded.get(name)!;
}

async function runTask(task: PoolTask, reuse: RunCheckpoints[] | undefined): Promise<PoolResult> {
  const extractor = await extractorNamed(task.extractor);
  const resumeFrom = reuse ? latestUsable(reuse, task) : undefined;
  const result = await simulate(task.request, await deps, {
    maxSteps: setup.maxSteps,
    ...(reuse && { checkpoints: { resumeFrom } }),
  });
  if (reuse && result.checkpoints) reuse.push(result.checkpoints);
  const value = await extractor.extract(result, { index: task.index, params: task.params });
  return {
    index: task.index,
    ok: true,
    value,
    steps: result.steps,
    engineMs: result.timing.engine_ms,
    resumedAtHours: result.resumedAtHours ?? 0,
    resumedSteps: resumeFrom ? (resumeFrom.list.at(-1)?.records ?? 1) - 1 : 0,
    simulatedHours: task.request.simulation_time_hours,
  };
}

/** Of the chunk's earlier runs' checkpoints, those that take this run furthest (none: from t = 0). */
function latestUsable(earlier: RunCheckpoints[], task: PoolTask): RunCheckpoints | undefined {
  let best: RunCheckpoints | undefined;
  for (const c of earlier) {
    const usable = usableCheckpoints(c, task.request);
    const atS = usable?.list.at(-1)?.timeS ?? 0;
    if (usable && atS > (best?.list.at(-1)?.timeS ?? 0)) best = usable;
  }
  return best;
}

async function runChunk(message: ToPoolThread): Promise<void> {
  const reuse: RunCheckpoints[] | undefined = message.shareCheckpoints ? [] : undefined;
  for (const task of message.tasks) {
    const result = await runTask(task, reuse).catch((error: unknown): PoolResult => {
      const text = error instanceof Error ? error.message : String(error);
      return {
        index: task.index,
        ok: false,
        message: error instanceof EngineLimitError ? text : `engine error: ${text}`,
      };
    });
    post({ type: 'result', result });
  }
  post({ type: 'chunk-done' });
}

const post = (message: FromPoolThread) => port.postMessage(message);
let queue = Promise.resolve();
port.on('message', (message: ToPoolThread) => {
  queue = queue.then(() => runChunk(message));
});
void deps.then(() => post({ type: 'ready' }));
