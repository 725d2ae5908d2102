// The reconciler's part for sweeps: every chunk with runs left to do is put back on the queue when the
// queue no longer holds it, unless one of its runs was touched by a live worker within `liveMs` (see
// reconcile.ts for why a live delivery is left alone).
import type { Db } from '../db/connect.js';
import { listOpenChunks } from '../db/sweeps.js';
import type { JobQueue } from '../queue/types.js';
import { chunkId } from './chunk-id.js';

const BATCH = 1000;

/** The number of chunks put back on the queue. */
export async function reconcileSweeps(db: Db, queue: JobQueue, liveSinceMs: number): Promise<number> {
  let requeued = 0;
  for (const open of await listOpenChunks(db, BATCH)) {
    if (open.running_updated_at !== null && Date.parse(open.running_updated_at) > liveSinceMs) continue;
    const id = chunkId(open.sweep_id, open.chunk);
    if (await queue.holds(id)) continue;
    await queue.enqueue(id);
    requeued++;
  }
  return requeued;
}
