// What the Calibrate view draws while a calibration runs, from the runner's finished batches: the best
// curve so far (least weighted squared misfit, as the fit weighs it) and, while the sampler runs, the
// 5–95 % spread of the curves of the ensemble's last steps. The final picture comes from the result.
import type { Observation } from '../../calibrate/document.js';
import { residual } from '../../calibrate/objective.js';
import type { ObservedRun } from '../../calibrate/observables.js';
import { quantile } from '../../calibrate/statistics.js';

/** Ensemble steps whose curves make the live band. */
const WINDOW_BATCHES = 3;

export interface LiveFit {
  best?: number[];
  band?: { low: number[]; high: number[] };
}

export function createLiveFit(observations: Observation[]) {
  let bestChi = Infinity;
  let best: number[] | undefined;
  let recent: number[][][] = [];
  const chiOf = (run: ObservedRun) =>
    observations.reduce((sum, o, j) => sum + residual(o, run.values[j]) ** 2, 0);
  return {
    add(runs: (ObservedRun | undefined)[], sampling: boolean): void {
      const ok = runs.filter((r): r is ObservedRun => r !== undefined);
      for (const run of ok) {
        const chi = chiOf(run);
        if (chi < bestChi) [bestChi, best] = [chi, run.curves[0]];
      }
      if (sampling) recent = [...recent.slice(1 - WINDOW_BATCHES), ok.map((r) => r.curves[0])];
    },
    get current(): LiveFit {
      const curves = recent.flat();
      if (curves.length < 2) return { best };
      const at = (q: number) =>
        curves[0].map((_, t) =>
          quantile(
            curves.map((c) => c[t]),
            q,
          ),
        );
      return { best, band: { low: at(0.05), high: at(0.95) } };
    },
  };
}
