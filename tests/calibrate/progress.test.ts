// `precipitate calibrate`'s progress: the terminal bar's text, and JSON lines off a terminal at most once a
// second within a phase (always at a change of phase and at its end).
import test from 'ava';
import { progressLine, progressReporter } from '../../src/cli/commands/calibrate-progress.js';

const p = (phase: 'optimise' | 'sample', done: number, total: number, runs: number) => ({
  phase,
  done,
  total,
  runs,
  bestChiSquared: 123.456,
});

test('the bar shows the phase, its progress, the best χ² and the run rate', (t) => {
  t.is(
    progressLine(p('optimise', 50, 200, 50), 10_000),
    '[########                      ] optimise: 50/200 evaluations, best χ² 123.5, 50 runs (5.0/s)',
  );
  t.regex(progressLine(p('sample', 30, 30, 900), 60_000), /^\[#{30}\] sample: 30\/30 sampler steps/);
});

test('off a terminal: JSON lines, throttled to one a second within a phase', (t) => {
  const lines: string[] = [];
  let clock = 0;
  const stream = { isTTY: false, write: (s: string) => lines.push(s) } as unknown as NodeJS.WriteStream;
  const reporter = progressReporter(stream, () => clock);
  for (let done = 1; done <= 10; done++) {
    clock = done * 300; // every 0.3 s
    reporter.onProgress(p('optimise', done, 10, done));
  }
  clock = 3100;
  reporter.onProgress(p('sample', 1, 5, 11));
  const parsed = lines.map((l) => JSON.parse(l));
  t.deepEqual(
    parsed.map((l) => [l.phase, l.done]),
    [
      ['optimise', 1],
      ['optimise', 5],
      ['optimise', 9],
      ['optimise', 10],
      ['sample', 1],
    ],
  );
  t.like(parsed[0], { level: 'info', msg: 'calibration progress', total: 10, runs: 1, elapsed_ms: 300 });
});
