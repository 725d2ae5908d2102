// Runs an expanded sweep on a run pool: the sweep-row extractor in every thread, runs that share the start
// of their schedule grouped (share.ts), progress as runs finish, and the account of what sharing saved.
import type { ExpandedSweep } from '../request/sweep.js';
import { SWEEP_ROW_EXTRACTOR } from './extractor.js';
import type { PoolResult, RunPool } from './pool.js';
import type { SweepRow } from './row.js';
import { planSharing } from './share.js';

export interface SweepProgress {
  done: number;
  failed: number;
  total: number;
  elapsedMs: number;
}

export interface SweepFailure {
  index: number;
  axis_values: number[];
  message: string;
}

export interface SweepReuse {
  /** Runs that started from another run's checkpoint. */
  resumed_runs: number;
  /** Simulated hours (and engine steps) taken from checkpoints instead of computed. */
  saved_hours: number;
  saved_steps: number;
  /** Steps of all runs, as if each had run from t = 0. */
  total_steps: number;
  /** saved_steps / total_steps. */
  saved_fraction: number;
}

export interface SweepOutcome {
  /** Each axis's name, the pointers it sets (aliases resolved) and its values. */
  axes: { name: string; pointers: string[]; values: number[] }[];
  combine: 'grid' | 'zip';
  rows: SweepRow[];
  failures: SweepFailure[];
  reuse: SweepReuse;
  timing: { wall_ms: number; engine_ms_sum: number; jobs: number };
}

export interface RunSweepOptions {
  onProgress?: (progress: SweepProgress) => void;
  /** Share computation between runs with the same early schedule (default true). */
  share?: boolean;
  signal?: AbortSignal;
  clock?: () => number;
}

function reuseOf(results: PoolResult<SweepRow>[]): SweepReuse {
  const ok = results.filter((r) => r.ok);
  const savedSteps = ok.reduce((s, r) => s + r.resumedSteps, 0);
  const totalSteps = ok.reduce((s, r) => s + r.steps, 0);
  return {
    resumed_runs: ok.filter((r) => r.resumedSteps > 0).length,
    saved_hours: ok.reduce((s, r) => s + r.resumedAtHours, 0),
    saved_steps: savedSteps,
    total_steps: totalSteps,
    saved_fraction: totalSteps > 0 ? savedSteps / totalSteps : 0,
  };
}

export async function runSweep(
  sweep: ExpandedSweep,
  pool: RunPool,
  options: RunSweepOptions = {},
): Promise<SweepOutcome> {
  const clock = options.clock ?? (() => performance.now());
  const started = clock();
  const plan = options.share === false ? { requests: new Map(), groups: [] } : planSharing(sweep.runs);
  const tasks = sweep.runs.map((run) => ({
    index: run.index,
    request: plan.requests.get(run.index) ?? run.request,
    extractor: SWEEP_ROW_EXTRACTOR,
    params: run.axisValues,
  }));
  const progress: SweepProgress = { done: 0, failed: 0, total: tasks.length, elapsedMs: 0 };
  const results = await pool.run<SweepRow>(tasks, {
    shareGroups: plan.groups,
    signal: options.signal,
    onResult: (r) => {
      progress.done++;
      if (!r.ok) progress.failed++;
      options.onProgress?.({ ...progress, elapsedMs: clock() - started });
    },
  });
  const rows = results.flatMap((r) => (r.ok ? [r.value] : []));
  return {
    axes: sweep.axes.map((a) => ({
      name: a.name,
      pointers: a.targets.map((t) => t.pointer),
      values: a.values,
    })),
    combine: sweep.combine,
    rows,
    failures: results.flatMap((r) =>
      r.ok ? [] : [{ index: r.index, axis_values: sweep.runs[r.index].axisValues, message: r.message }],
    ),
    reuse: reuseOf(results),
    timing: {
      wall_ms: clock() - started,
      engine_ms_sum: rows.reduce((s, r) => s + r.engine_ms, 0),
      jobs: pool.size,
    },
  };
}
