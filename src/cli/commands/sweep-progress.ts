// Progress of `precipitate sweep`: a bar on a terminal (runs done, rate, time left), else one JSON line
// on stderr per finished run.
import type { SweepProgress } from '../../sweep/run-sweep.js';

const WIDTH = 30;

function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return '?';
  return s >= 90 ? `${Math.floor(s / 60)} min ${Math.round(s % 60)} s` : `${s.toFixed(1)} s`;
}

/** The bar's text for one moment of the sweep. */
export function progressLine(p: SweepProgress): string {
  const filled = Math.round((p.done / Math.max(1, p.total)) * WIDTH);
  const rate = p.elapsedMs > 0 ? p.done / (p.elapsedMs / 1000) : 0;
  const left = rate > 0 ? (p.total - p.done) / rate : Infinity;
  const failed = p.failed > 0 ? `, ${p.failed} failed` : '';
  return (
    `[${'#'.repeat(filled)}${' '.repeat(WIDTH - filled)}] ${p.done}/${p.total} runs${failed}, ` +
    `${rate.toFixed(1)} runs/s, ${formatSeconds(left)} left`
  );
}

export function progressReporter(stream: NodeJS.WriteStream = process.stderr): {
  onProgress: (p: SweepProgress) => void;
  end: () => void;
} {
  if (stream.isTTY) {
    return {
      onProgress: (p) => stream.write(`\r${progressLine(p)}\x1b[K`),
      end: () => stream.write('\n'),
    };
  }
  return {
    onProgress: (p) =>
      stream.write(
        `${JSON.stringify({ level: 'info', msg: 'sweep progress', runs_done: p.done, runs_failed: p.failed, runs_total: p.total, elapsed_ms: Math.round(p.elapsedMs) })}\n`,
      ),
    end: () => {},
  };
}
