// One delivery of a calibration to a worker: claim it, run the optimiser and the sampler on the calibration
// pool's threads (src/calibrate), write its progress about twice a second (the worker's sign of life, and
// where it sees a cancellation), and store the result document. A delivery after a killed worker runs the
// calibration again from its start: the plan is seeded, so the re-run gives the same result bit for bit.
import { calibrate, CalibrationCancelled, type CalibrationProgress } from '../../calibrate/calibrate.js';
import { checkCalibration, plannedRuns } from '../../calibrate/document.js';
import type { ObservationRunner } from '../../calibrate/runner.js';
import * as calibrations from '../db/calibrations.js';
import type { Db } from '../db/connect.js';
import { whileUnavailable } from '../db/unavailable.js';
import { errorMessage, throttled, type Logger } from '../log.js';
import type { JobHandler } from '../runner/run-job.js';
import { parseCalibrationMessageId } from './message-id.js';

export interface CalibrationRunnerDeps {
  db: Db;
  log: Logger;
  workerId: string;
  maxAttempts: number;
  /** The engine runs' runner (the worker's calibration pool). */
  runner: () => ObservationRunner;
  /** How often progress is written and a cancellation looked for, ms. */
  pollIntervalMs?: number;
}

type Stop = 'cancelled' | 'released';

/** Writes the latest progress every pollIntervalMs; aborts when the row says the calibration stopped. */
function watch(deps: CalibrationRunnerDeps, id: string, latest: () => calibrations.CalibrationProgress) {
  const controller = new AbortController();
  let why: Stop | undefined;
  const stop = (reason: Stop) => {
    why ??= reason;
    controller.abort();
  };
  const outage = throttled(deps.log);
  const timer = setInterval(() => {
    calibrations
      .saveProgress(deps.db, id, latest())
      .then((running) => running || stop('cancelled'))
      .catch((error: unknown) =>
        outage('warn', 'calibration progress write failed', { calibration_id: id, error }),
      );
  }, deps.pollIntervalMs ?? 500);
  return { signal: controller.signal, stop, why: () => why, unwatch: () => clearInterval(timer) };
}

type Outcome = { result: unknown } | { error: string } | Stop;

async function runClaimed(
  deps: CalibrationRunnerDeps,
  row: calibrations.CalibrationRow,
  shutdown: AbortSignal,
): Promise<Outcome> {
  const checked = checkCalibration(row.document);
  if (!checked.ok) {
    const why = checked.issues.map((i) => `${i.path} ${i.message}`).join('; ');
    return { error: `the stored document is invalid: ${why}` };
  }
  const runner = deps.runner();
  let progress: calibrations.CalibrationProgress = {
    phase: 'optimise',
    done: 0,
    total: checked.plan.method.maxEvaluations,
    runs_done: 0,
    runs_planned: plannedRuns(checked.plan),
    best_chi_squared: null,
  };
  const watcher = watch(deps, row.id, () => progress);
  const onShutdown = () => watcher.stop('released');
  shutdown.addEventListener('abort', onShutdown);
  if (shutdown.aborted) onShutdown();
  const onProgress = (p: CalibrationProgress) => {
    const best = Number.isFinite(p.bestChiSquared) ? p.bestChiSquared : null;
    progress = {
      ...progress,
      phase: p.phase,
      done: p.done,
      total: p.total,
      runs_done: p.runs,
      best_chi_squared: best,
    };
  };
  try {
    const result = await calibrate(checked.plan, runner, { onProgress, signal: watcher.signal });
    return { result: JSON.parse(JSON.stringify(result)) as unknown };
  } catch (error) {
    if (!(error instanceof CalibrationCancelled)) return { error: errorMessage(error) };
    return watcher.why() === 'released' ? 'released' : 'cancelled';
  } finally {
    watcher.unwatch();
    shutdown.removeEventListener('abort', onShutdown);
  }
}

async function runCalibration(deps: CalibrationRunnerDeps, id: string, shutdown: AbortSignal) {
  const log = deps.log.child({ calibration_id: id });
  const outage = throttled(deps.log);
  const patiently = <T>(what: string, fn: () => Promise<T>) =>
    whileUnavailable(fn, shutdown, (error, delayMs) =>
      outage('warn', `database unavailable; ${what} again later`, {
        calibration_id: id,
        retry_in_ms: delayMs,
        error,
      }),
    );
  const row = await patiently('claiming the calibration', () =>
    calibrations.claimCalibration(deps.db, id, deps.workerId),
  );
  if (!row) return 'done' as const;
  if (row.attempt > deps.maxAttempts) {
    const message = `gave up after ${row.attempt - 1} attempts (workers kept stopping)`;
    await patiently('recording the failure', () => calibrations.failCalibration(deps.db, id, message));
    log.warn('calibration failed', { error: message });
    return 'done' as const;
  }
  log.info('calibration started', { attempt: row.attempt });
  const outcome = await runClaimed(deps, row, shutdown);
  if (outcome === 'released') {
    await patiently('releasing the calibration', () => calibrations.releaseCalibration(deps.db, id));
    log.info('calibration released for another worker');
    return 'released' as const;
  }
  if (outcome === 'cancelled') log.info('calibration stopped: it was cancelled');
  else if ('result' in outcome) {
    await patiently('storing the result', () =>
      calibrations.completeCalibration(deps.db, id, outcome.result),
    );
    log.info('calibration completed');
  } else {
    await patiently('recording the failure', () => calibrations.failCalibration(deps.db, id, outcome.error));
    log.warn('calibration failed', { error: outcome.error });
  }
  return 'done' as const;
}

/** The worker's handler for every queue message: calibrations here, anything else to `next`. */
export function withCalibrations(deps: CalibrationRunnerDeps, next: JobHandler): JobHandler {
  return async (id, shutdown) => {
    const calibrationId = parseCalibrationMessageId(id);
    if (!calibrationId) return next(id, shutdown);
    return runCalibration(deps, calibrationId, shutdown);
  };
}
