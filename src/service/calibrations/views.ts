// What the API answers about a calibration: its state and progress (the worker's latest report).
import { API_PREFIX } from '../api/views.js';
import type { CalibrationRow } from '../db/calibrations.js';

export const calibrationPath = (id: string) => `${API_PREFIX}/calibrations/${id}`;

function progress(row: CalibrationRow) {
  const p = row.progress;
  const runsPlanned = row.planned_runs;
  if (row.status === 'pending' || !p)
    return {
      phase: row.status === 'pending' || row.status === 'running' ? 'queued' : 'finished',
      done: 0,
      total: 0,
      runs_done: 0,
      runs_planned: runsPlanned,
      best_chi_squared: null,
    };
  return { ...p, phase: row.status === 'running' ? p.phase : 'finished', runs_planned: runsPlanned };
}

export function calibrationView(row: CalibrationRow, baseUrl: string) {
  const self = `${baseUrl}${calibrationPath(row.id)}`;
  return {
    id: row.id,
    status: row.status,
    progress: progress(row),
    attempt: row.attempt,
    error: row.error_message,
    created_at: row.created_at,
    completed_at: row.completed_at,
    links: { self, results: `${self}/results` },
  };
}
