// The strength model's table-driven exp, log and pow (assembly/strength-math.ts): close to the platform's
// over the ranges the model uses, the general functions' results where those take over, and the same
// bits from the WebAssembly module and its JavaScript target (the JS solver and the page).
import test from 'ava';
import { readFileSync } from 'node:fs';
import { KERNEL_WASM_PATH } from '../../src/runtime/node.js';
import { createJsModule } from '../../src/thermo/module/instance.js';
import { exp, log, pow } from '../../src/thermo/math.js';
import { random, ulps } from '../helpers/ulps.js';

interface StrengthMath {
  ratioPower18(x: number): number;
  rootOfSum18(s: number): number;
  strengthExp(x: number): number;
  strengthLog(x: number): number;
  strengthPow(x: number, y: number): number;
}

const js = createJsModule() as unknown as StrengthMath;
const fail = () => {
  throw new Error('not in a run');
};
const wasm = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(KERNEL_WASM_PATH)), {
  env: { abort: fail, runTemperature: fail },
}).exports as unknown as StrengthMath;

test('strengthExp is within 1 ulp of Math.exp from -700 to 700', (t) => {
  const rand = random(3);
  let worst = 0;
  for (let i = 0; i < 100_000; i++) {
    const x = (rand() - 0.5) * 1400;
    worst = Math.max(worst, ulps(js.strengthExp(x), Math.exp(x)));
  }
  t.true(worst <= 1, `worst ${worst} ulp`);
  t.is(js.strengthExp(0), 1);
});

test('strengthLog is within 2 ulp of Math.log, close to 1 too', (t) => {
  const rand = random(5);
  let worst = 0;
  for (let i = 0; i < 100_000; i++) {
    const x = Math.exp(-700 + rand() * 1400);
    const sum = 0.9 + 0.2 * rand(); // the superposition's sums, just above 1, and their neighbours
    const close = 1 + (rand() - 0.5) * 1e-6;
    for (const y of [x, sum, close])
      if (y !== 1) worst = Math.max(worst, ulps(js.strengthLog(y), Math.log(y)));
  }
  t.true(worst <= 2, `worst ${worst} ulp`);
  t.is(js.strengthLog(1), 0);
});

test('strengthPow for the superposition exponents is within 1e-14 of Math.pow', (t) => {
  const rand = random(9);
  let worst = 0;
  for (let i = 0; i < 50_000; i++) {
    const ratio = rand(); // (x/x_max)^k, then the sum to 1/k
    for (const k of [1.8, 1.4, 0.85]) {
      worst = Math.max(worst, Math.abs(js.strengthPow(ratio, k) / Math.pow(ratio, k) - 1));
      const sum = 1 + 4 * ratio;
      worst = Math.max(worst, Math.abs(js.strengthPow(sum, 1 / k) / Math.pow(sum, 1 / k) - 1));
    }
  }
  t.true(worst <= 1e-14, `worst ${worst} relative`);
});

test('rootOfSum18 is s^(1/1.8) within 1 ulp of Math.pow for the sums of two terms, strengthPow beyond', (t) => {
  const rand = random(17);
  let worst = 0;
  for (let i = 0; i < 100_000; i++) {
    const s = 1 + rand();
    worst = Math.max(worst, ulps(js.rootOfSum18(s), Math.pow(s, 1 / 1.8)));
  }
  t.true(worst <= 1, `worst ${worst} ulp`);
  t.is(js.rootOfSum18(1), 1);
  for (const s of [2, 2.5, 5]) t.is(js.rootOfSum18(s), js.strengthPow(s, 1 / 1.8));
});

test('ratioPower18 is x^1.8 within 3 ulp of Math.pow on [0.5, 1], 2e-15 below, strengthPow beyond', (t) => {
  const rand = random(19);
  let worst = 0;
  let worstBelow = 0;
  for (let i = 0; i < 100_000; i++) {
    const x = 0.5 + 0.5 * rand();
    worst = Math.max(worst, ulps(js.ratioPower18(x), Math.pow(x, 1.8)));
    // (2^-42, 0.5): smaller ratios are left out as negligible. Math.pow itself is off by several ulp
    // there (|1.8·ln x| up to 52), so the bound is relative.
    const y = Math.pow(2, -1 - 41 * rand());
    worstBelow = Math.max(worstBelow, Math.abs(js.ratioPower18(y) / Math.pow(y, 1.8) - 1));
  }
  t.true(worst <= 3, `worst ${worst} ulp`);
  t.true(worstBelow <= 2e-15, `worst ${worstBelow} relative`);
  for (const x of [1e-25, 1.5, 0]) t.is(js.ratioPower18(x), js.strengthPow(x, 1.8));
});

test('outside their tables the general exp, log and pow answer, bit for bit', (t) => {
  for (const x of [800, -800, 700, -745, Infinity, -Infinity, NaN])
    t.true(Object.is(js.strengthExp(x), exp(x)), `exp(${x})`);
  for (const x of [0, -0, 5e-324, 1e-310, -1, Infinity, NaN])
    t.true(Object.is(js.strengthLog(x), log(x)), `log(${x})`);
  for (const [x, y] of [
    [0, 1.8],
    [-2, 3],
    [Infinity, 0.5],
  ])
    t.true(Object.is(js.strengthPow(x, y), pow(x, y)), `pow(${x}, ${y})`);
});

test('the WebAssembly module and its JavaScript target give the same bits', (t) => {
  const rand = random(13);
  const differ: string[] = [];
  for (let i = 0; i < 100_000; i++) {
    const x = (rand() - 0.5) * 1500;
    const y = Math.exp((rand() - 0.5) * 1400);
    const k = 0.5 + 2 * rand();
    if (!Object.is(js.strengthExp(x), wasm.strengthExp(x))) differ.push(`exp(${x})`);
    if (!Object.is(js.strengthLog(y), wasm.strengthLog(y))) differ.push(`log(${y})`);
    if (!Object.is(js.strengthPow(y, k), wasm.strengthPow(y, k))) differ.push(`pow(${y}, ${k})`);
    if (!Object.is(js.rootOfSum18(k), wasm.rootOfSum18(k))) differ.push(`root(${k})`);
    const ratio = rand();
    if (!Object.is(js.ratioPower18(ratio), wasm.ratioPower18(ratio))) differ.push(`ratio(${ratio})`);
  }
  t.deepEqual(differ.slice(0, 5), []);
});
