// The engine facade: one call from a validated request to series, strength and summary. Isomorphic.
import type { Kernel } from '../kernel/types.js';
import type { SimulationRequest } from '../request/validate.js';
import type { Thermo } from '../thermo/index.js';
import type { RunArena } from './arena.js';
import type { RunCheckpoints } from './checkpoint.js';
import { runEngine, wallClock, type RunOptions } from './run.js';
import type { EngineSeries } from './series.js';
import { computeStrength, type StrengthSeries } from './strength.js';
import type { SizeDistributionSnapshot } from './size-distribution.js';
import { summarize, type Summary } from './summary.js';
import { ENGINE_VERSION } from './version.js';

export type { Progress, RunOptions } from './run.js';
export { EngineLimitError } from './run.js';
export type { RunCheckpoints } from './checkpoint.js';
export { requestKey } from './checkpoint.js';
export type { EngineSeries, PhaseSeries } from './series.js';
export type { StrengthSeries, PhaseStrength } from './strength.js';
export type { Summary, PhaseSummary } from './summary.js';
export type { PhaseSizeDistribution, SizeDistributionSnapshot } from './size-distribution.js';
export { ENGINE_VERSION } from './version.js';
export { RunArena } from './arena.js';

export interface EngineDeps {
  thermo: Thermo;
  kernel: Kernel;
  /** SHA-256 (hex) of the TDB text the thermodynamics was built from. */
  databaseSha256: string;
}

export interface SimulationResult {
  status: 'completed' | 'cancelled';
  request: SimulationRequest;
  steps: number;
  series: EngineSeries;
  strength: StrengthSeries;
  summary: Summary;
  /** Size distributions at the request's chosen times and at the end. */
  sizeDistributions: SizeDistributionSnapshot[];
  engine: { version: string; kernel: 'wasm' | 'js'; database_sha256: string };
  timing: { engine_ms: number; steps: number };
  /** With options.checkpoints: the run's checkpoints and the simulated time it started from (h). */
  checkpoints?: RunCheckpoints;
  resumedAtHours?: number;
}

export async function simulate(
  request: SimulationRequest,
  deps: EngineDeps,
  options: RunOptions = {},
): Promise<SimulationResult> {
  const arena = options.checkpoints ? undefined : options.arena;
  if (!arena) return simulateRun(request, deps, options, undefined);
  // The arena is the run's from here until its result is complete (kinetics and strength).
  arena.begin();
  try {
    return await simulateRun(request, deps, options, arena);
  } finally {
    arena.end();
  }
}

async function simulateRun(
  request: SimulationRequest,
  deps: EngineDeps,
  options: RunOptions,
  arena: RunArena | undefined,
): Promise<SimulationResult> {
  const now = options.clock ?? wallClock;
  const startedMs = now();
  const run = await runEngine(request, deps.thermo, deps.kernel, options);
  const strength = computeStrength(run.series, request.config, deps.kernel.math, { alloc: arena });
  const summary = summarize(run.series, strength);
  // The engine's time is all it computes for the request: the kinetics, the strength and the summary.
  const engineMs = now() - startedMs;
  return {
    status: run.status,
    request,
    steps: run.steps,
    series: run.series,
    strength,
    summary,
    sizeDistributions: run.sizeDistributions,
    engine: { version: ENGINE_VERSION, kernel: run.kernel, database_sha256: deps.databaseSha256 },
    timing: { engine_ms: engineMs, steps: run.steps },
    ...(run.checkpoints && { checkpoints: run.checkpoints, resumedAtHours: (run.resumedAtS ?? 0) / 3600 }),
  };
}

/**
 * Runs `request` up to its last profile point, keeping a checkpoint before each point, without the
 * strength and summary (the page's preview computes them for the page-load request once it is idle). A
 * run stopped by `signal` returns the checkpoints it kept so far, as good as the others.
 */
export async function runCheckpoints(
  request: SimulationRequest,
  deps: EngineDeps,
  options: Pick<RunOptions, 'signal' | 'clock' | 'yieldIntervalMs'> = {},
): Promise<{ status: 'completed' | 'cancelled'; checkpoints: RunCheckpoints }> {
  const untilS = Math.max(...request.temperature_profile.time_points_hours) * 3600;
  const run = await runEngine(request, deps.thermo, deps.kernel, { ...options, untilS, checkpoints: {} });
  return { status: run.status, checkpoints: run.checkpoints! };
}

/** SHA-256 of a text as lowercase hex (Web Crypto: Node 20 and browsers). */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
