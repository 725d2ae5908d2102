// Interleaved comparison of this build with another checkout's (e.g. main's commit built in a temporary
// directory): `node build/bench/compare.js OTHER_ROOT [rounds] [wasm,js]`. Each round runs, for each build
// and solver, one fresh process of bench/engine-once.ts with a first (cold) run and five more (warm: their
// median, as bench/run.ts), so both builds see the same host load; it prints the medians and the median
// of the per-round ratios. Not a test.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const HERE = fileURLToPath(new URL('../../', import.meta.url));
const OTHER = process.argv[2];
const ROUNDS = Number(process.argv[3] ?? 9);
const KERNELS = (process.argv[4] ?? 'wasm,js').split(',');
if (!OTHER) throw new Error('usage: node build/bench/compare.js OTHER_ROOT [rounds]');

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function once(root: string, kernel: string): { cold: number; warm: number } {
  const out = execFileSync(process.execPath, [`${root}/build/bench/engine-once.js`, kernel, '6'], {
    encoding: 'utf8',
  });
  const { msEach } = JSON.parse(out) as { msEach: number[] };
  return { cold: msEach[0], warm: median(msEach.slice(1)) };
}

const rows: string[] = [];
for (const kernel of KERNELS) {
  const here: { cold: number; warm: number }[] = [];
  const other: { cold: number; warm: number }[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    // Alternate which build goes first, so neither always runs after the other.
    if (r % 2 === 0) {
      here.push(once(HERE, kernel));
      other.push(once(OTHER, kernel));
    } else {
      other.push(once(OTHER, kernel));
      here.push(once(HERE, kernel));
    }
  }
  for (const kind of ['cold', 'warm'] as const) {
    const ratio = median(here.map((h, i) => h[kind] / other[i][kind]));
    const a = median(here.map((h) => h[kind]));
    const b = median(other.map((o) => o[kind]));
    rows.push(`| ${kernel} | ${kind} | ${a.toFixed(0)} | ${b.toFixed(0)} | ${ratio.toFixed(3)} |`);
  }
}
console.log(
  `${ROUNDS} interleaved rounds, ${new Date().toISOString()}; this build: ${HERE}, other: ${OTHER}`,
);
console.log('| solver | run | this build, median ms | other build, median ms | median ratio |');
console.log('|---|---|---:|---:|---:|');
for (const row of rows) console.log(row);
