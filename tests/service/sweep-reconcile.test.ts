// The reconciler's part for sweeps (src/service/sweeps/reconcile.ts), on PostgreSQL and SQLite with the
// in-process queue: every chunk with runs left goes back on the queue unless the queue holds it or a live
// worker touched it lately; finished chunks and finished sweeps are left alone.
import { randomUUID } from 'node:crypto';
import test from 'ava';
import * as sweeps from '../../src/service/db/sweeps.js';
import { chunkId } from '../../src/service/sweeps/chunk-id.js';
import { reconcileSweeps } from '../../src/service/sweeps/reconcile.js';
import { DATABASE_KINDS, openTestDb } from '../helpers/db.js';
import { holdingQueue } from '../helpers/holding-queue.js';

for (const kind of DATABASE_KINDS) {
  test(`${kind}: lost chunks go back on the queue; held, live and finished ones do not`, async (t) => {
    const { db, close } = await openTestDb(kind);
    const { queue, delivered, release } = holdingQueue();
    try {
      const id = randomUUID();
      const runs = Array.from({ length: 7 }, (_, i) => ({
        run_index: i,
        axis_values: [i],
        request: {},
        cache_key: `${id}-${i}`,
      }));
      await sweeps.insertSweep(db, { id, owner: 'k', document: {}, axes: [], chunk_runs: 2 }, runs);
      // Chunk 0 done; chunk 1 under way on a live worker; chunks 2 and 3 lost (the queue never had them).
      for (const run of await sweeps.claimChunk(db, id, 0, 'w1'))
        await sweeps.completeRun(db, id, run.run_index, { metrics: {}, curves: null });
      await sweeps.claimChunk(db, id, 1, 'w2');
      const liveSince = Date.now() - 60_000;
      t.is(await reconcileSweeps(db, queue, liveSince), 2);
      await new Promise((resolve) => setTimeout(resolve, 50));
      t.deepEqual(delivered, [chunkId(id, 2)], 'one delivery at a time; chunk 3 waits in the queue');
      t.true(await queue.holds(chunkId(id, 3)));
      t.is(await reconcileSweeps(db, queue, liveSince), 0, 'held chunks are not enqueued again');
      // The worker of chunk 1 died: its runs were last touched before the live window.
      t.is(await reconcileSweeps(db, queue, Date.now() + 1000), 1);
      t.true(await queue.holds(chunkId(id, 1)));
      await sweeps.cancelSweep(db, id);
      release();
      await queue.close(1000);
      t.deepEqual(await sweeps.listOpenChunks(db, 100), [], 'a cancelled sweep has nothing to run');
    } finally {
      release();
      await queue.close(0);
      await close();
    }
  });
}
