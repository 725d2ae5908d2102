// The page's preview client against a fake worker (no browser): debouncing, aborting a stale run, and
// never passing on an answer of a superseded run. And which paths the page's static middleware serves.
import test from 'ava';
import { validateRequest, EXAMPLE_REQUEST, type SimulationRequest } from '../../src/request/index.js';
import { createPreviewer, type WorkerPort } from '../../src/web/preview/client.js';
import type { FromWorker, PreviewResult, ToWorker } from '../../src/web/preview/protocol.js';
import { contentTypeOfWebFile, webFileName } from '../../src/service/api/static.js';

const request = (validateRequest(EXAMPLE_REQUEST) as { request: SimulationRequest }).request;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function fakeWorker() {
  const sent: ToWorker[] = [];
  const port: WorkerPort = { postMessage: (m) => sent.push(m), onmessage: null };
  const answer = (message: FromWorker) => port.onmessage?.({ data: message } as MessageEvent<FromWorker>);
  return { port, sent, answer };
}

const resultOf = (finalMPa: number) =>
  ({
    summary: { total_yield_strength_mpa: finalMPa },
    charts: [],
    steps: 1,
    engineMs: 1,
  }) as unknown as PreviewResult;

test('changes within the debounce delay send one run; a change while a run is going aborts it first', async (t) => {
  const worker = fakeWorker();
  const shown: [number, number][] = [];
  const previewer = createPreviewer(
    worker.port,
    {
      result: (r, id) => shown.push([id, r.summary.total_yield_strength_mpa]),
      progress: () => {},
      error: t.fail,
    },
    20,
  );
  previewer.request(request, true);
  t.deepEqual(worker.sent, [{ type: 'run', id: 1, request }]);
  previewer.request(request);
  previewer.request(request);
  t.deepEqual(worker.sent.slice(1), [{ type: 'cancel' }], 'the running preview is stale at once');
  await sleep(60);
  t.deepEqual(worker.sent.slice(2), [{ type: 'run', id: 3, request }], 'one run for the last change');
  // The aborted run's answers and late results of run 1 are never shown.
  worker.answer({ type: 'cancelled', id: 1 });
  worker.answer({ type: 'result', id: 1, result: resultOf(100) });
  worker.answer({ type: 'result', id: 3, result: resultOf(200) });
  t.deepEqual(shown, [[3, 200]]);
  t.false(previewer.busy());
});

test('cancel drops the pending run and every answer of the running one', async (t) => {
  const worker = fakeWorker();
  const errors: string[] = [];
  const previewer = createPreviewer(
    worker.port,
    { result: () => t.fail(), progress: () => t.fail(), error: (e) => errors.push(e) },
    10,
  );
  previewer.request(request, true);
  previewer.cancel();
  previewer.request(request);
  previewer.cancel();
  await sleep(30);
  t.deepEqual(
    worker.sent.map((m) => m.type),
    ['run', 'cancel'],
  );
  worker.answer({ type: 'progress', id: 1, fraction: 0.5 });
  worker.answer({ type: 'result', id: 1, result: resultOf(1) });
  // A worker that cannot start its engine reports it to whoever is listening.
  worker.answer({ type: 'error', id: 0, message: 'no kernel' });
  t.deepEqual(errors, ['no kernel']);
});

test('the checkpoints message is passed on whatever run is newest; the page reports what it has shown', (t) => {
  const worker = fakeWorker();
  const kept: number[][] = [];
  const shown: number[] = [];
  const previewer = createPreviewer(worker.port, {
    result: (r) => shown.push(r.summary.total_yield_strength_mpa),
    progress: () => {},
    error: t.fail,
    checkpoints: (hours) => kept.push(hours),
  });
  previewer.request(request, true);
  worker.answer({ type: 'checkpoints', hours: [15.378, 16.829] });
  t.deepEqual(kept, [[15.378, 16.829]]);
  t.true(previewer.busy());
  worker.answer({ type: 'result', id: 1, result: resultOf(200) });
  t.deepEqual(shown, [200]);
  t.false(previewer.busy());
  // The page tells the worker once a result is on screen (the idle-time work waits for it).
  previewer.shown(1);
  t.deepEqual(worker.sent.at(-1), { type: 'shown', id: 1 });
});

test('the static middleware serves the page files only, with their content types', (t) => {
  t.is(webFileName('/'), 'index.html');
  t.is(webFileName('/app.js'), 'app.js');
  t.is(webFileName('/kernel.wasm'), 'kernel.wasm');
  for (const path of ['/../package.json', '/.env', '/src/web/main.ts', '/api/v1/health', '/x.exe', '//etc'])
    t.is(webFileName(path), undefined, path);
  t.is(contentTypeOfWebFile('kernel.wasm'), 'application/wasm');
  t.is(contentTypeOfWebFile('app.js'), 'text/javascript; charset=utf-8');
  t.is(contentTypeOfWebFile('index.html'), 'text/html; charset=utf-8');
});
