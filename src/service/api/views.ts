// How a job row is shown to a client, with file URLs that work for that client: presigned URLs (S3) or the
// API's own file route (local storage), made absolute from PUBLIC_BASE_URL or the request's origin.
import { API_FILE_KEYS } from '../../output/index.js';
import { RUN_DATA_FILE } from '../../output/run-data.js';
import type { JobRow } from '../db/rows.js';
import type { Storage } from '../storage/types.js';
import { filesOwner } from '../db/job-files.js';
import { isAvailable } from './files.js';

export const API_PREFIX = '/api/v1';

export interface JobView {
  job_id: string;
  status: JobRow['status'];
  created_at: string;
  started_at: string | null;
  completed_at: string | null;
  progress: JobRow['progress'];
  cached?: true;
  error?: string;
  /** The request as the client sent it (GET /jobs/{id} only; listings stay small). */
  request?: unknown;
  results?: ResultsView;
}

export interface ResultsView {
  summary: unknown;
  series: unknown;
  engine?: unknown;
  /** The engine's time for the run (of the original run, for a cached answer). */
  timing?: unknown;
  files: Record<string, string>;
  /** Per key of files: 'ready' (made when fetched) or 'missing' (not stored, or cannot be made). */
  file_status: Record<string, 'ready' | 'missing'>;
  /** Why the files cannot be made, when they cannot. */
  files_error?: string;
}

export const jobPath = (id: string) => `${API_PREFIX}/jobs/${id}`;

/**
 * The URL of each of the job's API files (precipitation_plot, ..., raw_csv): the API's file route, which
 * makes the file from the run data; a presigned URL (S3) for a file an older job has stored as it is.
 */
export async function fileUrls(
  row: JobRow,
  storage: Storage,
  baseUrl: string,
): Promise<Record<string, string>> {
  const urls: Record<string, string> = {};
  const stored = Object.values(row.result_urls ?? {});
  for (const [key, name] of Object.entries(API_FILE_KEYS)) {
    const presigned =
      !stored.includes(RUN_DATA_FILE) && stored.includes(name)
        ? await storage.presignedUrl(filesOwner(row), name)
        : undefined;
    urls[key] = presigned ?? `${baseUrl}${jobPath(row.id)}/files/${name}`;
  }
  return urls;
}

function fileStatus(row: JobRow): ResultsView['file_status'] {
  return Object.fromEntries(
    Object.entries(API_FILE_KEYS).map(([key, name]) => [key, isAvailable(row, name) ? 'ready' : 'missing']),
  );
}

export async function resultsView(row: JobRow, storage: Storage, baseUrl: string): Promise<ResultsView> {
  const results = row.results ?? { summary: null, series: null };
  return {
    summary: results.summary,
    series: results.series,
    ...(results.engine ? { engine: results.engine } : {}),
    ...(results.timing ? { timing: results.timing } : {}),
    files: await fileUrls(row, storage, baseUrl),
    file_status: fileStatus(row),
    ...(row.files_error === null ? {} : { files_error: row.files_error }),
  };
}

/** The job fields of a listing (no results). */
export function listItem(row: JobRow): JobView {
  const view: JobView = {
    job_id: row.id,
    status: row.status,
    created_at: row.created_at,
    started_at: row.started_at,
    completed_at: row.completed_at,
    progress: row.progress,
  };
  if (row.cached_from) view.cached = true;
  if (row.status === 'failed') view.error = row.error_message ?? 'the job failed';
  return view;
}

/** The whole job; with its results (and file URLs) once completed. */
export async function jobView(row: JobRow, storage: Storage, baseUrl: string): Promise<JobView> {
  const view = listItem(row);
  if (row.input_params !== null && row.input_params !== undefined) view.request = row.input_params;
  if (row.status === 'completed' && row.results) view.results = await resultsView(row, storage, baseUrl);
  return view;
}

/**
 * jobView as JSON text with the stored results text copied in as it is: a completed run's ~250 KB of
 * results are not parsed and written out again (~2.5 ms of the API's CPU per answer, issue 17). Only text
 * as the runner stores it ({"summary":…}) is copied; anything else (a row migrated from jsonb, which
 * reorders keys) goes through jobView. The fields and their order are jobView's.
 */
export async function jobViewText(
  row: JobRow,
  resultsText: string | null,
  storage: Storage,
  baseUrl: string,
): Promise<string> {
  const copyable =
    row.status === 'completed' && resultsText?.startsWith('{"summary":') && resultsText.endsWith('}');
  if (!copyable || resultsText === null) {
    const results = resultsText === null ? row.results : (JSON.parse(resultsText) as JobRow['results']);
    return JSON.stringify(await jobView({ ...row, results }, storage, baseUrl));
  }
  const view = JSON.stringify(await jobView({ ...row, results: null }, storage, baseUrl));
  const files = JSON.stringify(await fileUrls(row, storage, baseUrl));
  const error = row.files_error === null ? '' : `,"files_error":${JSON.stringify(row.files_error)}`;
  const results = `${resultsText.slice(0, -1)},"files":${files},"file_status":${JSON.stringify(fileStatus(row))}${error}}`;
  return `${view.slice(0, -1)},"results":${results}}`;
}
