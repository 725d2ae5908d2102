// Progress of `precipitate calibrate`: a bar on a terminal (phase, evaluations or sampler steps, best χ²,
// runs per second), else a JSON line on stderr at most every second and at each change of phase.
import type { CalibrationProgress } from '../../calibrate/calibrate.js';

const WIDTH = 30;
const JSON_INTERVAL_MS = 1000;

export function progressLine(p: CalibrationProgress, elapsedMs: number): string {
  const filled = Math.round((Math.min(p.done, p.total) / Math.max(1, p.total)) * WIDTH);
  const unit = p.phase === 'optimise' ? 'evaluations' : 'sampler steps';
  const rate = elapsedMs > 0 ? p.runs / (elapsedMs / 1000) : 0;
  return (
    `[${'#'.repeat(filled)}${' '.repeat(WIDTH - filled)}] ${p.phase}: ${p.done}/${p.total} ${unit}, ` +
    `best χ² ${p.bestChiSquared.toPrecision(4)}, ${p.runs} runs (${rate.toFixed(1)}/s)`
  );
}

export function progressReporter(stream: NodeJS.WriteStream = process.stderr, now = () => performance.now()) {
  const started = now();
  let lastJson = -Infinity;
  let lastPhase = '';
  const onProgress = (p: CalibrationProgress) => {
    const elapsed = now() - started;
    if (stream.isTTY) return void stream.write(`\r${progressLine(p, elapsed)}\x1b[K`);
    if (p.phase === lastPhase && elapsed - lastJson < JSON_INTERVAL_MS && p.done < p.total) return;
    lastJson = elapsed;
    lastPhase = p.phase;
    const line = {
      level: 'info',
      msg: 'calibration progress',
      phase: p.phase,
      done: p.done,
      total: p.total,
      runs: p.runs,
      best_chi_squared: p.bestChiSquared,
      elapsed_ms: Math.round(elapsed),
    };
    stream.write(`${JSON.stringify(line)}\n`);
  };
  return { onProgress, end: () => void (stream.isTTY && stream.write('\n')) };
}
