// Messages between the page and the preview worker. A run carries the normalized request (validated on
// the page with the API's validateRequest); every answer names the run it belongs to, so that the page
// can drop answers of runs a newer one superseded.
import type { Summary } from '../../engine/summary.js';
import type { ChartSpec } from '../../output/chart-types.js';
import type { SizeDistributionJson } from '../../output/size-distribution.js';
import type { SimulationRequest } from '../../request/validate.js';

/** The global under which boot.ts leaves the worker it started for the page's main script. */
export const BOOT_WORKER = 'previewWorker';

export type ToWorker =
  | { type: 'run'; id: number; request: SimulationRequest }
  | { type: 'cancel' }
  /** The page has painted run `id`'s result: the worker may use the idle time. */
  | { type: 'shown'; id: number };

/** Worker name prefix, followed by the page's query string: start the request that page opens with. */
export const GUESS_PREFIX = 'guess:';

export interface PreviewResult {
  summary: Summary;
  /** The 'precipitation' and 'yield_strength' figures, as the server draws them. */
  charts: ChartSpec[];
  /** The size distributions at the page's times (src/web/size-times.ts) and at the end. */
  sizeDistributions: SizeDistributionJson[];
  steps: number;
  /** Engine time of the run alone, ms. */
  engineMs: number;
  /** Simulated time the run started from, h: 0, or a checkpoint of an earlier run (same early schedule). */
  resumedAtHours: number;
  /** The run was started at page load on boot.ts's guess, before the page asked for it. */
  startedAtLoad: boolean;
}

export type FromWorker =
  | { type: 'ready'; setupMs: number }
  | { type: 'progress'; id: number; fraction: number }
  | { type: 'result'; id: number; result: PreviewResult }
  | { type: 'cancelled'; id: number }
  /** The worker has kept checkpoints of the page-load request at these simulated times (h). */
  | { type: 'checkpoints'; hours: number[] }
  | { type: 'error'; id: number; message: string };
