// `npm run bench`: kawin's example-03 case with the WASM kernel, the JS solver and (when the oracle's
// virtualenv exists) kawin itself; five repetitions each, medians and ratios. Not a test.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const REPS = Number(process.env.BENCH_REPS ?? 5);
const KAWIN_REPS = Number(process.env.BENCH_KAWIN_REPS ?? REPS);
const PYTHON = `${ROOT}tools/reference/.venv/bin/python`;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function engine(kernel: string, repeats: number): { steps: number; msEach: number[] } {
  const out = execFileSync(process.execPath, [`${ROOT}build/bench/engine-once.js`, kernel, String(repeats)], {
    encoding: 'utf8',
  });
  return JSON.parse(out);
}

/** A first run in a fresh process (what `precipitate run` pays), REPS times. */
function coldMs(kernel: string) {
  const runs = Array.from({ length: REPS }, () => engine(kernel, 1));
  return { steps: runs[0].steps, ms: median(runs.map((r) => r.msEach[0])) };
}

/** Runs after a warm-up in one process (what a long-lived worker pays). */
function warmMs(kernel: string) {
  const run = engine(kernel, REPS + 1);
  return median(run.msEach.slice(1));
}

const rows: [string, number, number | string][] = [];
const wasmCold = coldMs('wasm');
const wasmWarm = warmMs('wasm');
const jsCold = coldMs('js');
const jsWarm = warmMs('js');
rows.push(['WASM kernel, first run in a fresh process', wasmCold.ms, wasmCold.steps]);
rows.push(['WASM kernel, warm process', wasmWarm, wasmCold.steps]);
rows.push(['JS solver, first run in a fresh process', jsCold.ms, jsCold.steps]);
rows.push(['JS solver, warm process', jsWarm, jsCold.steps]);

let kawinMs: number | undefined;
if (existsSync(PYTHON) && KAWIN_REPS > 0) {
  const runs = Array.from(
    { length: KAWIN_REPS },
    () =>
      JSON.parse(execFileSync(PYTHON, [`${ROOT}bench/kawin_example03.py`], { encoding: 'utf8' })) as {
        seconds: number;
        steps: number;
      },
  );
  kawinMs = median(runs.map((r) => r.seconds * 1000));
  rows.push([`kawin 0.5.0 (${KAWIN_REPS} runs)`, kawinMs, runs[0].steps]);
}

console.log(
  `kawin example 03 (25 h, 5 phases) on ${cpus().length}× ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, ${new Date().toISOString()}`,
);
console.log(`medians of ${REPS} runs\n`);
console.log('| engine | median ms | steps |');
console.log('|---|---:|---:|');
for (const [name, ms, steps] of rows) console.log(`| ${name} | ${ms.toFixed(1)} | ${steps} |`);
console.log('');
console.log(
  `WASM vs JS solver: ${(jsCold.ms / wasmCold.ms).toFixed(2)}× (fresh process), ${(jsWarm / wasmWarm).toFixed(2)}× (warm)`,
);
if (kawinMs !== undefined) {
  console.log(
    `WASM vs kawin: ${(kawinMs / wasmCold.ms).toFixed(0)}× (fresh process), ${(kawinMs / wasmWarm).toFixed(0)}× (warm)`,
  );
} else if (KAWIN_REPS <= 0) {
  console.log('kawin: not measured (BENCH_KAWIN_REPS=0)');
} else {
  console.log('kawin: not measured (run tools/reference/setup.sh to create its virtualenv)');
}
