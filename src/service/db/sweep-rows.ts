// Row types of the sweep tables and their conversion from what each driver returns (see rows.ts).
import { isoTime, type JobStatus } from './rows.js';

export type RunStatus = JobStatus;

export interface SweepRow {
  id: string;
  status: JobStatus;
  owner: string;
  /** The sweep document as submitted (validated). */
  document: unknown;
  /** The axes as expanded: name and values of each. */
  axes: SweepAxisInfo[];
  total_runs: number;
  /** Runs per queue delivery. */
  chunk_runs: number;
  error_message: string | null;
  created_at: string;
  completed_at: string | null;
  updated_at: string;
}

export interface SweepAxisInfo {
  name: string;
  values: number[];
}

export interface SweepRunRow {
  sweep_id: string;
  run_index: number;
  chunk: number;
  status: RunStatus;
  /** The run's value of each axis, in the order of the document's axes. */
  axis_values: unknown[];
  /** The normalized simulation request of this run: what the engine runs. */
  request: unknown;
  cache_key: string;
  /** The run's metrics row (null until it completed). */
  metrics: unknown;
  /** The run's compact curves (null until it completed). */
  curves: unknown;
  error_message: string | null;
  attempt: number;
  worker: string | null;
  updated_at: string;
}

const parsed = (value: unknown): unknown => (typeof value === 'string' ? JSON.parse(value) : (value ?? null));

export function sweepFromDb(raw: Record<string, unknown>): SweepRow {
  return {
    ...(raw as unknown as SweepRow),
    document: parsed(raw.document),
    axes: parsed(raw.axes) as SweepAxisInfo[],
    total_runs: Number(raw.total_runs),
    chunk_runs: Number(raw.chunk_runs),
    created_at: isoTime(raw.created_at) ?? '',
    completed_at: isoTime(raw.completed_at),
    updated_at: isoTime(raw.updated_at) ?? '',
  };
}

export function runFromDb(raw: Record<string, unknown>): SweepRunRow {
  return {
    ...(raw as unknown as SweepRunRow),
    run_index: Number(raw.run_index),
    chunk: Number(raw.chunk),
    axis_values: parsed(raw.axis_values) as unknown[],
    request: parsed(raw.request ?? null),
    metrics: parsed(raw.metrics),
    curves: parsed(raw.curves),
    attempt: Number(raw.attempt),
    updated_at: isoTime(raw.updated_at) ?? '',
  };
}

/** JSON columns as text (both drivers accept it). */
export function jsonText(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}
