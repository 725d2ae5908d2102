// Accepting a sweep: the sweep and every run are stored (one transaction) before the queue is told, so an
// accepted sweep is never lost: chunks the queue did not take are put on it by the reconciler.
import { randomUUID } from 'node:crypto';
import type { ExpandedSweep } from '../../request/sweep.js';
import type { EngineIdentity } from '../api/submit.js';
import { cacheKey } from '../canonical.js';
import type { Db } from '../db/connect.js';
import type { SweepRow } from '../db/sweep-rows.js';
import { chunkCount, insertSweep } from '../db/sweeps.js';
import type { Logger } from '../log.js';
import type { JobQueue } from '../queue/types.js';
import { chunkId } from './chunk-id.js';

export interface SweepSubmitDeps {
  db: Db;
  queue: JobQueue;
  log: Logger;
  engine: EngineIdentity;
}

export async function submitSweep(
  deps: SweepSubmitDeps,
  s: { owner: string; document: unknown; sweep: ExpandedSweep; chunkRuns: number },
): Promise<SweepRow> {
  const runs = s.sweep.runs.map((run) => ({
    run_index: run.index,
    axis_values: run.axisValues,
    request: run.request,
    cache_key: cacheKey(run.request, deps.engine.version, deps.engine.databaseSha256),
  }));
  const axes = s.sweep.axes.map((a) => ({ name: a.name, values: a.values }));
  const sweep = await insertSweep(
    deps.db,
    { id: randomUUID(), owner: s.owner, document: s.document, axes, chunk_runs: s.chunkRuns },
    runs,
  );
  try {
    for (let c = 0; c < chunkCount(runs.length, s.chunkRuns); c++)
      await deps.queue.enqueue(chunkId(sweep.id, c));
  } catch (error) {
    deps.log.warn('queue unreachable; the reconciler will enqueue the sweep', { sweep_id: sweep.id, error });
  }
  return sweep;
}
