// The engine-time cost of kawin's strength model (issue 19): `node build/bench/strength.js [rounds] [wasm,js]`.
// Each round runs, per solver, one fresh process of bench/engine-once.ts for kawin's example 03 without
// config.strength and one with "model": "kawin" (alternating which goes first), each a first run and five
// warm ones; it prints the medians and the median of the per-round ratios (kawin over without). Not a test.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const HERE = fileURLToPath(new URL('../../', import.meta.url));
const ROUNDS = Number(process.argv[2] ?? 9);
const KERNELS = (process.argv[3] ?? 'wasm,js').split(',');

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function once(kernel: string, model?: string): { cold: number; warm: number } {
  const args = [`${HERE}build/bench/engine-once.js`, kernel, '6', ...(model ? [model] : [])];
  const { msEach } = JSON.parse(execFileSync(process.execPath, args, { encoding: 'utf8' })) as {
    msEach: number[];
  };
  return { cold: msEach[0], warm: median(msEach.slice(1)) };
}

console.log('| solver | first run: without, kawin, ratio | warm: without, kawin, ratio |');
console.log('| --- | ---: | ---: |');
for (const kernel of KERNELS) {
  const without: { cold: number; warm: number }[] = [];
  const kawin: { cold: number; warm: number }[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    if (r % 2 === 0) {
      without.push(once(kernel));
      kawin.push(once(kernel, 'kawin'));
    } else {
      kawin.push(once(kernel, 'kawin'));
      without.push(once(kernel));
    }
  }
  const cell = (key: 'cold' | 'warm') => {
    const ratio = median(kawin.map((k, i) => k[key] / without[i][key]));
    const a = median(without.map((w) => w[key])).toFixed(0);
    const b = median(kawin.map((k) => k[key])).toFixed(0);
    return `${a} ms, ${b} ms, ${ratio.toFixed(3)}`;
  };
  console.log(`| ${kernel} | ${cell('cold')} | ${cell('warm')} |`);
}
