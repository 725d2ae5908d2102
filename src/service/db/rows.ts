// Row types of the database, in one place, and their conversion from what each driver returns
// (PostgreSQL: Date and parsed JSON; SQLite: ISO text and JSON text).

export const JOB_STATUSES = ['pending', 'running', 'completed', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];
export const UNFINISHED: readonly JobStatus[] = ['pending', 'running'];

export interface JobProgress {
  fraction: number;
  simulated_hours: number;
  steps: number;
}

/** What a completed job keeps in `results` (the files live in storage; their names in result_urls). */
export interface StoredResults {
  summary: unknown;
  series: unknown;
  engine?: unknown;
  /** The engine's time for the run (engine_ms) and its steps. */
  timing?: unknown;
}

/** A simulation_jobs row as the code sees it. */
export interface JobRow {
  id: string;
  status: JobStatus;
  owner: string;
  /** The request body as submitted (validated). */
  input_params: unknown;
  /** The same request as the API normalized it, what the engine runs (null: a row from before). */
  request: unknown;
  results: StoredResults | null;
  /** API file key (e.g. precipitation_plot) to the stored file's name. */
  result_urls: Record<string, string> | null;
  error_message: string | null;
  /** Why the downloads of a completed job cannot be made (null: they can; runner/make-files.ts). */
  files_error: string | null;
  progress: JobProgress;
  attempt: number;
  cache_key: string;
  idempotency_key: string | null;
  engine_version: string | null;
  cached_from: string | null;
  worker: string | null;
  created_at: string;
  started_at: string | null;
  completed_at: string | null;
  updated_at: string;
}

export const NO_PROGRESS: JobProgress = { fraction: 0, simulated_hours: 0, steps: 0 };

const JSON_COLUMNS = ['input_params', 'request', 'results', 'result_urls', 'progress'] as const;
const TIME_COLUMNS = ['created_at', 'started_at', 'completed_at', 'updated_at'] as const;

export function isoTime(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  return new Date(value as string | number).toISOString();
}

function parsed(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : (value ?? null);
}

export function fromDb(raw: Record<string, unknown>): JobRow {
  const row: Record<string, unknown> = { ...raw };
  for (const c of JSON_COLUMNS) row[c] = parsed(raw[c]);
  for (const c of TIME_COLUMNS) row[c] = isoTime(raw[c]);
  row.attempt = Number(raw.attempt);
  return row as unknown as JobRow;
}

/**
 * A JSON column's value already as JSON text, stored as it is: a run's results are made into text on its
 * engine thread, so that the worker neither receives them as objects nor stringifies them (issue 17).
 */
export class JsonText {
  constructor(readonly text: string) {}
}

/** A row's values to write: any JSON column may be given as its JSON text. */
export type DbValues = { [K in keyof JobRow]?: JobRow[K] | JsonText };

/** Column values for an insert or update: JSON as text (both drivers accept it), times as ISO text. */
export function toDb(values: DbValues): Record<string, unknown> {
  const out: Record<string, unknown> = { ...values };
  for (const c of JSON_COLUMNS) {
    if (!(c in values)) continue;
    const value = values[c];
    out[c] = value === null ? null : value instanceof JsonText ? value.text : JSON.stringify(value);
  }
  return out;
}
