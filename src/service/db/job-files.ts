// A completed job's files once made (runner/make-files.ts): recorded on every row that shares them, the
// job that ran and its cached answers (cached_from), since each was given the job's result_urls as they
// were then; or, when they cannot be made, why.
import type { Db } from './connect.js';
import { toDb, type DbValues, type JobRow } from './rows.js';

const TABLE = 'simulation_jobs';

/** The job whose storage holds a job's files: the original of a cached answer, else the job itself. */
export const filesOwner = (row: Pick<JobRow, 'id' | 'cached_from'>) => row.cached_from ?? row.id;

/** A completed job with neither stored files nor a reason why they cannot be made: a worker makes them. */
export const filesUnmade = (row: Pick<JobRow, 'files_error' | 'result_urls'>) =>
  row.files_error === null && Object.keys(row.result_urls ?? {}).length === 0;

/** The completed rows whose files are stored under `ownerId` (filesOwner): it and its cached answers. */
function sharing(db: Db, ownerId: string) {
  return db(TABLE)
    .where((q) => q.where({ id: ownerId }).orWhere({ cached_from: ownerId }))
    .andWhere({ status: 'completed' });
}

/** Whether a job's stored files are still someone's: the job itself or a cached answer pointing at it. */
export async function filesInUse(db: Db, ownerId: string): Promise<boolean> {
  const raw = await db(TABLE).select('id').where({ id: ownerId }).orWhere({ cached_from: ownerId }).first();
  return raw !== undefined;
}

function update(db: Db, ownerId: string, values: DbValues): Promise<number> {
  return sharing(db, ownerId).update(toDb({ ...values, updated_at: new Date().toISOString() }));
}

/** The stored files' names (result_urls) on every row sharing them; the number of rows changed. */
export function recordFiles(db: Db, ownerId: string, resultUrls: Record<string, string>): Promise<number> {
  return update(db, ownerId, { result_urls: resultUrls, files_error: null });
}

/** Why the files under `ownerId` cannot be made, on every row sharing them. */
export function recordFilesError(db: Db, ownerId: string, message: string): Promise<number> {
  return update(db, ownerId, { files_error: message });
}
