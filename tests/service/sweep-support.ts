// Shared by the sweep tests: sweep documents, the core's rows of a sweep (h4's run pool, as the CLI runs
// them) and polling a sweep through the API.
import { expandSweep } from '../../src/request/sweep.js';
import { createRunPool } from '../../src/sweep/pool.js';
import { SWEEP_ROW_EXTRACTOR } from '../../src/sweep/extractor.js';
import type { SweepRow } from '../../src/sweep/row.js';
import type { Client } from '../../tools/harness/http.js';

/** An isothermal sweep: one run per temperature, the same alloy as the API tests. */
export function isothermalSweep(temperaturesCelsius: number[], hours = 1, maxPoints = 50) {
  return {
    base: {
      composition: { MG: 0.0072, SI: 0.0057 },
      temperature_profile: { time_points_hours: [0], temperatures_celsius: [200] },
      simulation_time_hours: hours,
      max_points: maxPoints,
    },
    axes: [
      { name: 'temperature_celsius', path: '/isothermal_temperature_celsius', values: temperaturesCelsius },
    ],
  };
}

/** A row without its wall time (engine_ms), the one field that is not a function of the request. */
export function withoutTiming(row: Record<string, unknown>): Record<string, unknown> {
  const { engine_ms: _engineMs, ...rest } = row;
  return rest;
}

/** The core's rows of the sweep (the CLI's pool and extractor), by index, without wall time. */
export async function coreRows(document: unknown): Promise<Record<string, unknown>[]> {
  const expanded = expandSweep(document);
  if (!expanded.ok) throw new Error(JSON.stringify(expanded.issues));
  const pool = createRunPool({ jobs: 1, kernel: 'wasm' });
  try {
    const tasks = expanded.sweep.runs.map((run) => ({
      index: run.index,
      request: run.request,
      extractor: SWEEP_ROW_EXTRACTOR,
      params: run.axisValues,
    }));
    const results = await pool.run<SweepRow>(tasks);
    return results.map((r) => {
      if (!r.ok) throw new Error(r.message);
      return withoutTiming(r.value as unknown as Record<string, unknown>);
    });
  } finally {
    await pool.close();
  }
}

export type SweepBody = {
  id: string;
  status: string;
  progress: { runs_done: number; runs_total: number; runs_failed: number; runs_cancelled: number };
  table: Record<string, unknown>[];
  links: { self: string; results: string };
};

/** Polls GET /sweeps/{id} until it is finished; `seen` gets every reply's runs_done. */
export async function waitForSweep(api: Client, id: string, seen: number[] = [], timeoutMs = 240_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const reply = await api.get<SweepBody>(`/api/v1/sweeps/${id}`);
    if (reply.status !== 200) throw new Error(`GET sweep: ${reply.status} ${reply.text}`);
    seen.push(reply.body.progress.runs_done);
    if (!['pending', 'running'].includes(reply.body.status)) return reply.body;
    if (Date.now() > deadline)
      throw new Error(`sweep ${id} still ${reply.body.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
