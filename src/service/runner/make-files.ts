// A completed job's files, made when a download first asks for them. A job stores no file when it
// completes: its results (summary and compact series) are its row, and its run data, from which every
// download is made (api/files.ts), is made on a worker by running the job's request again, which gives the
// same numbers bit for bit while the engine is the same one (issue 17: storing ~0.5 MB per run cost the
// stack ~15 ms of CPU per run, for files most runs never have fetched). The repeat is checked: its
// summary and compact series must be the job's exactly; if not (the engine changed since), nothing is
// stored and the row says why. Queue messages `files-<job id>`; the waiting download is told by notifier.
import { canonicalJson } from '../canonical.js';
import { getJobResultsText } from '../db/jobs.js';
import { filesInUse, filesOwner, filesUnmade, recordFiles, recordFilesError } from '../db/job-files.js';
import type { JobRow, StoredResults } from '../db/rows.js';
import type { JobHandler, RunnerDeps } from './run-job.js';
import type { EngineOutput } from './protocol.js';

const FILES_ID = /^files-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** The queue message (and notification) that makes the files of job `jobId` (a cached answer's too). */
export const filesMessageId = (jobId: string) => `files-${jobId}`;

export function parseFilesMessageId(id: string): string | undefined {
  return FILES_ID.exec(id)?.[1];
}

/** Whether the repeat gave the job's own numbers: its summary and compact series, to the last digit. */
function sameNumbers(stored: StoredResults, repeat: EngineOutput): boolean {
  if (repeat.resultsJson === undefined) return false;
  const again = JSON.parse(repeat.resultsJson) as StoredResults;
  return (
    canonicalJson(stored.summary) === canonicalJson(again.summary) &&
    canonicalJson(stored.series) === canonicalJson(again.series)
  );
}

const changedEngine = (row: JobRow, repeat: EngineOutput) =>
  `job ${row.id} ran on engine ${row.engine_version ?? 'unknown'}; this service's engine ` +
  `(${repeat.engine.version}, ${repeat.engine.kernel} kernel) no longer gives its numbers, so its ` +
  'downloads cannot be made: submit the request again for files from this engine';

/** Runs the job's request again and stores its run data, or records why not. */
async function makeFiles(
  deps: RunnerDeps,
  jobId: string,
  shutdown: AbortSignal,
): Promise<'done' | 'released'> {
  const read = await getJobResultsText(deps.db, jobId);
  if (!read || read.row.status !== 'completed' || read.resultsText === null) return 'done';
  const { row } = read;
  if (!filesUnmade(row)) return 'done';
  const stored = JSON.parse(read.resultsText) as StoredResults;
  const task = deps.pool.run(row.input_params, () => undefined, row.request ?? undefined, undefined, {
    timing: stored.timing,
  });
  const onShutdown = () => task.cancel();
  shutdown.addEventListener('abort', onShutdown);
  const outcome = await task.outcome.finally(() => shutdown.removeEventListener('abort', onShutdown));
  const owner = filesOwner(row);
  const log = deps.log.child({ job_id: jobId });
  if (outcome.status === 'cancelled') return shutdown.aborted ? 'released' : 'done';
  if (outcome.status === 'failed' && outcome.transient) {
    // Over its time limit on a busy machine, say: nothing is recorded, and the next download tries again.
    log.warn('job files not made this time', { error: outcome.message });
  } else if (outcome.status === 'failed') {
    await recordFilesError(deps.db, owner, `the files of job ${jobId} could not be made: ${outcome.message}`);
    log.warn('job files not made', { error: outcome.message });
  } else if (!sameNumbers(stored, outcome)) {
    await recordFilesError(deps.db, owner, changedEngine(row, outcome));
    log.warn('job files not made: the engine no longer gives the job its numbers');
  } else {
    await deps.storage.putFiles(owner, outcome.files);
    const names = Object.fromEntries(outcome.files.map((f) => [f.name, f.name]));
    const rows = await recordFiles(deps.db, owner, names);
    // Deleted meanwhile (with every cached answer): the files are nobody's.
    if (rows === 0 && !(await filesInUse(deps.db, owner))) await deps.storage.deleteFiles(owner);
    log.info('job files made', { owner, rows });
  }
  return 'done';
}

/** The worker's handler for `files-<job id>` messages; every other message goes to `next`. */
export function withFileMaking(deps: RunnerDeps, next: JobHandler): JobHandler {
  return async (id, shutdown) => {
    const jobId = parseFilesMessageId(id);
    if (!jobId) return next(id, shutdown);
    try {
      return await makeFiles(deps, jobId, shutdown);
    } finally {
      // Whatever happened, the waiting download reads the row again (and answers, or keeps waiting).
      await deps.notifier.publish(id);
    }
  };
}
