// The sweep's progress bar: runs done of all, the rate and the time left from it.
import test from 'ava';
import { progressLine } from '../../src/cli/commands/sweep-progress.js';

test('runs done, rate and time left', (t) => {
  t.is(
    progressLine({ done: 10, failed: 0, total: 30, elapsedMs: 4000 }),
    '[##########                    ] 10/30 runs, 2.5 runs/s, 8.0 s left',
  );
  t.regex(
    progressLine({ done: 1, failed: 1, total: 300, elapsedMs: 1000 }),
    /1\/300 runs, 1 failed, 1\.0 runs\/s, 4 min 59 s left$/,
  );
  t.regex(progressLine({ done: 0, failed: 0, total: 3, elapsedMs: 0 }), /0\/3 runs, 0\.0 runs\/s, \? left$/);
});
