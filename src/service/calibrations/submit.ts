// Accepting a calibration: stored before the queue is told, so an accepted calibration is never lost: one
// the queue did not take is put on it by the reconciler.
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/connect.js';
import { insertCalibration, listOpenCalibrations, type CalibrationRow } from '../db/calibrations.js';
import type { Logger } from '../log.js';
import type { JobQueue } from '../queue/types.js';
import { calibrationMessageId } from './message-id.js';

export async function submitCalibration(
  deps: { db: Db; queue: JobQueue; log: Logger },
  c: { owner: string; document: unknown; plannedRuns: number },
): Promise<CalibrationRow> {
  const row = await insertCalibration(deps.db, {
    id: randomUUID(),
    owner: c.owner,
    document: c.document,
    planned_runs: c.plannedRuns,
  });
  try {
    await deps.queue.enqueue(calibrationMessageId(row.id));
  } catch (error) {
    deps.log.warn('queue unreachable; the reconciler will enqueue the calibration', {
      calibration_id: row.id,
      error,
    });
  }
  return row;
}

/** The reconciler's part: unfinished calibrations the queue no longer holds, unless a live worker reports. */
export async function reconcileCalibrations(db: Db, queue: JobQueue, liveSinceMs: number): Promise<number> {
  let requeued = 0;
  for (const open of await listOpenCalibrations(db, 1000)) {
    if (open.status === 'running' && Date.parse(open.updated_at) > liveSinceMs) continue;
    const id = calibrationMessageId(open.id);
    if (await queue.holds(id)) continue;
    await queue.enqueue(id);
    requeued++;
  }
  return requeued;
}
