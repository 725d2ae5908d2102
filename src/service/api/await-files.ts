// A download of a job whose files are not made yet (runner/make-files.ts): the API asks a worker to make
// them (a queue message) and waits for its notification, as a synchronous POST waits for its job, up to
// SYNC_WAIT_SECONDS; past that it answers 503 with Retry-After, and the client's retry finds the files
// made or waits again. Files that cannot be made (the engine changed since the run) are a 410 saying why.
import { filesUnmade } from '../db/job-files.js';
import type { JobRow } from '../db/rows.js';
import { getJob } from '../db/jobs.js';
import { waitUntil } from '../notify.js';
import { filesMessageId } from '../runner/make-files.js';
import { waitStops, type AppDeps } from './deps.js';
import type { AppContext } from './middleware.js';
import { Problem } from './problem.js';

/** Seconds a client is told to wait before asking again for files being made. */
const RETRY_AFTER_SECONDS = 2;

const filesGone = (row: JobRow) =>
  new Problem(410, 'files-unavailable', 'The files cannot be made', row.files_error ?? '');

const filesBeingMade = (row: JobRow) =>
  new Problem(
    503,
    'files-in-preparation',
    'The files are being made',
    `the files of job ${row.id} are being made; retry after ${RETRY_AFTER_SECONDS} s`,
    { retry_after_seconds: RETRY_AFTER_SECONDS },
    { 'Retry-After': String(RETRY_AFTER_SECONDS) },
  );

/** The job's row once its files are made: at once when they are; 410 when they cannot be; 503 meanwhile. */
export async function awaitFiles(deps: AppDeps, ctx: AppContext, row: JobRow): Promise<JobRow> {
  if (row.files_error !== null) throw filesGone(row);
  if (!filesUnmade(row)) return row;
  const id = filesMessageId(row.id);
  // Next in line (a person waits), not behind a sweep's hundreds of runs. Enqueued before the wait
  // subscribes: the wait reads the row after subscribing, so a worker that is done before that is seen
  // there. A message the queue already holds is not added twice.
  await deps.queue.enqueue(id, { first: true });
  const made = await waitForRow(deps, ctx, row, id);
  if (made.files_error !== null) throw filesGone(made);
  if (filesUnmade(made)) throw filesBeingMade(made);
  return made;
}

function waitForRow(deps: AppDeps, ctx: AppContext, row: JobRow, id: string): Promise<JobRow> {
  return waitUntil(deps.notifier, {
    id,
    initial: row,
    read: () => getJob(deps.db, row.id),
    done: (current) => !filesUnmade(current),
    timeoutMs: deps.settings.syncWaitSeconds * 1000,
    stop: waitStops(deps, ctx),
  });
}
