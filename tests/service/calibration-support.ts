// Shared by the calibration service tests: a small synthetic calibration (one experiment, two parameters,
// short runs: seconds), the core's result for a document (the CLI's pool and --json), and polling.
import { calibrate } from '../../src/calibrate/calibrate.js';
import { checkCalibration } from '../../src/calibrate/document.js';
import { createCalibrationPool, poolRunner } from '../../src/calibrate/pool-runner.js';
import type { Client } from '../../tools/harness/http.js';

export function smallCalibration(method: Record<string, number> = {}) {
  return {
    base: { phases: ['MGSI_B_P'] },
    experiments: [
      {
        name: 'short',
        composition: { MG: 0.5, SI: 0.435 },
        composition_unit: 'weight_percent',
        temperature_profile: { time_points_hours: [0], temperatures_celsius: [180] },
        simulation_time_hours: 4,
        observations: [
          { time_hours: 1, yield_strength_mpa: 45, sd: 5 },
          { time_hours: 4, yield_strength_mpa: 115, sd: 5 },
        ],
      },
    ],
    parameters: [
      { name: 'energy', path: '/config/interfacial_energy/MGSI_B_P', min: 0.15, max: 0.22 },
      { name: 'sites', path: '/config/nucleation_site_factor/MGSI_B_P', min: 0.01, max: 1, scale: 'log' },
    ],
    method: { seed: 8, max_evaluations: 12, walkers: 4, steps: 3, burn_in: 1, ...method },
  };
}

/** What `precipitate calibrate --json` prints for the document (worker threads, as the CLI runs it). */
export async function coreResult(document: unknown): Promise<Record<string, unknown>> {
  const checked = checkCalibration(document);
  if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
  const pool = createCalibrationPool({ jobs: 2 });
  try {
    const result = await calibrate(checked.plan, poolRunner(pool));
    return JSON.parse(JSON.stringify(result)) as Record<string, unknown>;
  } finally {
    await pool.close();
  }
}

/** The result without its wall-clock figures (seconds, runs per second): the rest is a function of the document. */
export function withoutTiming(result: Record<string, unknown>) {
  const { runs, ...rest } = result as { runs: Record<string, number> };
  return { ...rest, runs: { total: runs.total, failed: runs.failed } };
}

export type CalibrationBody = {
  id: string;
  status: string;
  attempt: number;
  error: string | null;
  progress: {
    phase: string;
    done: number;
    total: number;
    runs_done: number;
    runs_planned: number;
    best_chi_squared: number | null;
  };
  links: { self: string; results: string };
};

/** Polls GET /calibrations/{id} until `until` holds (default: finished); `seen` gets every reply. */
export async function waitForCalibration(
  api: Client,
  id: string,
  seen: CalibrationBody[] = [],
  until = (b: CalibrationBody) => !['pending', 'running'].includes(b.status),
  timeoutMs = 240_000,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const reply = await api.get<CalibrationBody>(`/api/v1/calibrations/${id}`);
    if (reply.status !== 200) throw new Error(`GET calibration: ${reply.status} ${reply.text}`);
    seen.push(reply.body);
    if (until(reply.body)) return reply.body;
    if (Date.now() > deadline)
      throw new Error(`calibration ${id} still ${reply.body.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
