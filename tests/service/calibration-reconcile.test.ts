// The reconciler's part for calibrations (src/service/calibrations/submit.ts), on PostgreSQL and SQLite
// with the in-process queue: an accepted calibration the queue lost goes back on it, and so does a running
// one whose worker stopped reporting; one the queue holds, one a live worker runs and finished ones do not.
import { randomUUID } from 'node:crypto';
import test from 'ava';
import { calibrationMessageId } from '../../src/service/calibrations/message-id.js';
import { reconcileCalibrations } from '../../src/service/calibrations/submit.js';
import * as calibrations from '../../src/service/db/calibrations.js';
import { DATABASE_KINDS, openTestDb } from '../helpers/db.js';
import { holdingQueue } from '../helpers/holding-queue.js';

for (const kind of DATABASE_KINDS) {
  test(`${kind}: lost calibrations go back on the queue; held, live and finished ones do not`, async (t) => {
    const { db, close } = await openTestDb(kind);
    const { queue, delivered, release } = holdingQueue();
    const insert = async () => {
      const id = randomUUID();
      await calibrations.insertCalibration(db, { id, owner: 'k', document: {}, planned_runs: 10 });
      return id;
    };
    try {
      const [lost, running, done] = [await insert(), await insert(), await insert()];
      await calibrations.claimCalibration(db, running, 'w1');
      await calibrations.claimCalibration(db, done, 'w1');
      await calibrations.completeCalibration(db, done, { best: {} });
      const liveSince = Date.now() - 60_000;
      t.is(await reconcileCalibrations(db, queue, liveSince), 1);
      await new Promise((resolve) => setTimeout(resolve, 50));
      t.deepEqual(delivered, [calibrationMessageId(lost)]);
      t.is(await reconcileCalibrations(db, queue, liveSince), 0, 'held and live ones are left alone');
      // The worker of `running` died: its row was last written before the live window.
      t.is(await reconcileCalibrations(db, queue, Date.now() + 1000), 1);
      t.true(await queue.holds(calibrationMessageId(running)));
    } finally {
      release();
      await queue.close(1000);
      await close();
    }
  });
}
