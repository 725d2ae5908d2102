// The map's sweep on the server (POST /api/v1/sweeps), for grids bigger than the page wants to run: the
// same sweep document, followed until it finishes, then its rows (with curves) for the same map.
import type { SweepRow } from '../../sweep/row.js';
import { API_BASE } from '../api.js';

interface SweepState {
  id: string;
  status: string;
  progress: { runs_done: number; runs_total: number };
  /** A failed sweep's reason (every run failed: the first run's error). */
  error?: string;
}

async function call<T>(method: string, path: string, key: string | null, body?: unknown): Promise<T> {
  const response = await fetch(`${API_BASE}${path}`, {
    method,
    headers: {
      Accept: 'application/json',
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...(key ? { Authorization: `Bearer ${key}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer = (await response.json().catch(() => ({}))) as T & {
    detail?: string;
    errors?: { pointer: string; detail: string }[];
  };
  if (!response.ok) {
    const first = answer.errors?.[0];
    throw new Error(
      first ? `${first.pointer}: ${first.detail}` : (answer.detail ?? `HTTP ${response.status}`),
    );
  }
  return answer;
}

/** Runs the sweep on the server; `progress` gets runs done and total while it runs. */
export async function runOnServer(
  document: unknown,
  key: string | null,
  progress: (done: number, total: number) => void,
  signal: AbortSignal,
): Promise<SweepRow[]> {
  let state = await call<SweepState>('POST', '/sweeps', key, document);
  const path = `/sweeps/${encodeURIComponent(state.id)}`;
  while (state.status === 'pending' || state.status === 'running') {
    progress(state.progress.runs_done, state.progress.runs_total);
    await new Promise((resolve) => setTimeout(resolve, 500));
    if (signal.aborted) {
      await call('DELETE', path, key);
      throw new Error('cancelled');
    }
    state = await call<SweepState>('GET', path, key);
  }
  progress(state.progress.runs_done, state.progress.runs_total);
  if (state.status === 'failed') throw new Error(state.error ?? 'every run failed');
  if (state.status !== 'completed') throw new Error(`the sweep was ${state.status}`);
  return (await call<{ rows: SweepRow[] }>('GET', `${path}/results`, key)).rows;
}
