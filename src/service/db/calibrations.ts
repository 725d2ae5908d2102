// The calibration repository: every query on `calibrations`, the same SQL on PostgreSQL and SQLite. A
// delivery is at least once, so each change of state is a conditional update on the status it expects.
import type { Db } from './connect.js';
import { isoTime, UNFINISHED, type JobStatus } from './rows.js';
import { jsonText } from './sweep-rows.js';
import { listUnfinishedIn } from './jobs.js';

const TABLE = 'calibrations';
const now = () => new Date().toISOString();

/** How far a running calibration is (its latest report; null before the worker began). */
export interface CalibrationProgress {
  phase: 'optimise' | 'sample';
  /** Evaluations of the optimiser, or steps of the sampler, done in this phase and planned for it. */
  done: number;
  total: number;
  /** Engine runs so far, and the most the plan may take. */
  runs_done: number;
  runs_planned: number;
  /** The smallest −2 ln posterior found so far (χ² plus the priors' part). */
  best_chi_squared: number | null;
}

export interface CalibrationRow {
  id: string;
  status: JobStatus;
  owner: string;
  /** The calibration document as submitted (validated). */
  document: unknown;
  planned_runs: number;
  progress: CalibrationProgress | null;
  /** The result document (the CLI's --json), once completed. */
  result: unknown;
  error_message: string | null;
  attempt: number;
  worker: string | null;
  created_at: string;
  completed_at: string | null;
  updated_at: string;
}

export type NewCalibration = Pick<CalibrationRow, 'id' | 'owner' | 'document' | 'planned_runs'>;

const parsed = (value: unknown): unknown => (typeof value === 'string' ? JSON.parse(value) : (value ?? null));

function fromDb(raw: Record<string, unknown>): CalibrationRow {
  return {
    ...(raw as unknown as CalibrationRow),
    document: parsed(raw.document),
    progress: parsed(raw.progress) as CalibrationProgress | null,
    result: parsed(raw.result),
    planned_runs: Number(raw.planned_runs),
    attempt: Number(raw.attempt),
    created_at: isoTime(raw.created_at) ?? '',
    completed_at: isoTime(raw.completed_at),
    updated_at: isoTime(raw.updated_at) ?? '',
  };
}

export async function insertCalibration(db: Db, c: NewCalibration): Promise<CalibrationRow> {
  const at = now();
  const row: CalibrationRow = {
    ...c,
    status: 'pending',
    progress: null,
    result: null,
    error_message: null,
    attempt: 0,
    worker: null,
    created_at: at,
    completed_at: null,
    updated_at: at,
  };
  await db(TABLE).insert({ ...row, document: jsonText(row.document) });
  return row;
}

export async function getCalibration(db: Db, id: string): Promise<CalibrationRow | undefined> {
  const raw = await db(TABLE).where({ id }).first();
  return raw ? fromDb(raw) : undefined;
}

/**
 * Takes an unfinished calibration for this delivery (also one whose worker died: it starts again from
 * the beginning, its progress cleared); undefined when it is finished or gone.
 */
export async function claimCalibration(db: Db, id: string, worker: string) {
  const updated = await db(TABLE)
    .where({ id })
    .whereIn('status', UNFINISHED)
    .update({
      status: 'running',
      worker,
      progress: null,
      attempt: db.raw('attempt + 1'),
      updated_at: now(),
    });
  return updated === 1 ? getCalibration(db, id) : undefined;
}

/** Stores the latest progress (and so touches the row); false when the calibration no longer runs. */
export async function saveProgress(db: Db, id: string, progress: CalibrationProgress): Promise<boolean> {
  const updated = await db(TABLE)
    .where({ id, status: 'running' })
    .update({ progress: jsonText(progress), updated_at: now() });
  return updated === 1;
}

async function finish(db: Db, id: string, fields: Record<string, unknown>): Promise<boolean> {
  const at = now();
  const updated = await db(TABLE)
    .where({ id })
    .whereIn('status', UNFINISHED)
    .update({ ...fields, completed_at: at, updated_at: at });
  return updated === 1;
}

export const completeCalibration = (db: Db, id: string, result: unknown) =>
  finish(db, id, { status: 'completed', result: jsonText(result) });

export const failCalibration = (db: Db, id: string, message: string) =>
  finish(db, id, { status: 'failed', error_message: message });

/** pending or running → cancelled; false when it had finished. */
export const cancelCalibration = (db: Db, id: string) => finish(db, id, { status: 'cancelled' });

/** running → pending (its worker is shutting down; the next delivery starts it again). */
export async function releaseCalibration(db: Db, id: string): Promise<void> {
  await db(TABLE)
    .where({ id, status: 'running' })
    .update({ status: 'pending', worker: null, progress: null, updated_at: now() });
}

export async function calibrationStatus(db: Db, id: string): Promise<JobStatus | undefined> {
  const raw = await db(TABLE).select('status').where({ id }).first();
  return raw ? (raw.status as JobStatus) : undefined;
}

/** Deletes a finished calibration; false when it does not exist or is unfinished. */
export async function deleteFinishedCalibration(db: Db, id: string): Promise<boolean> {
  const deleted = await db(TABLE).where({ id }).whereNotIn('status', UNFINISHED).delete();
  return deleted === 1;
}

/** Unfinished calibrations (what the queue must hold), oldest first. */
export function listOpenCalibrations(
  db: Db,
  limit: number,
): Promise<{ id: string; status: JobStatus; updated_at: string }[]> {
  return listUnfinishedIn(db, TABLE, limit);
}
