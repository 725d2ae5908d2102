// The engine-time cost of kawin's strength model (issue 19): `node build/bench/strength.js [rounds] [wasm,js]`.
// Each round runs, per solver, one fresh process of bench/engine-once.ts for kawin's example 03 without
// config.strength and one with "model": "kawin" (alternating which goes first), each a first run and five
// warm ones; it prints the medians and the median of the per-round ratios (kawin over without), of wall
// time and of the process's CPU time (which a busy host inflates less), and the load average. Not a test.
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';

const HERE = fileURLToPath(new URL('../../', import.meta.url));
const ROUNDS = Number(process.argv[2] ?? 9);
const KERNELS = (process.argv[3] ?? 'wasm,js').split(',');

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

type Times = Record<'cold' | 'warm' | 'cpuCold' | 'cpuWarm', number>;

function once(kernel: string, model?: string): Times {
  const args = [`${HERE}build/bench/engine-once.js`, kernel, '6', ...(model ? [model] : [])];
  const { msEach, cpuMsEach } = JSON.parse(execFileSync(process.execPath, args, { encoding: 'utf8' })) as {
    msEach: number[];
    cpuMsEach: number[];
  };
  return {
    cold: msEach[0],
    warm: median(msEach.slice(1)),
    cpuCold: cpuMsEach[0],
    cpuWarm: median(cpuMsEach.slice(1)),
  };
}

const load = () => loadavg()[0].toFixed(1);
console.log(`load average ${load()} at ${new Date().toISOString()}`);
console.log(
  '| solver | first run: without, kawin, ratio | warm: without, kawin, ratio | CPU, first run: ratio | CPU, warm: without, kawin, ratio |',
);
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const kernel of KERNELS) {
  const without: Times[] = [];
  const kawin: Times[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    if (r % 2 === 0) {
      without.push(once(kernel));
      kawin.push(once(kernel, 'kawin'));
    } else {
      kawin.push(once(kernel, 'kawin'));
      without.push(once(kernel));
    }
  }
  const ratio = (key: keyof Times) => median(kawin.map((k, i) => k[key] / without[i][key])).toFixed(3);
  const cell = (key: keyof Times) => {
    const a = median(without.map((w) => w[key])).toFixed(0);
    const b = median(kawin.map((k) => k[key])).toFixed(0);
    return `${a} ms, ${b} ms, ${ratio(key)}`;
  };
  console.log(`| ${kernel} | ${cell('cold')} | ${cell('warm')} | ${ratio('cpuCold')} | ${cell('cpuWarm')} |`);
}
console.log(`load average ${load()} at ${new Date().toISOString()}`);
