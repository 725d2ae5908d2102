// The kernel's running-prefix incubation time (assembly/history.ts) equals kawin's full re-scan of the
// history (kwn.md §4 step 6). The kernel's JavaScript target, called directly.
import test from 'ava';
import { instantiateKernelJs } from '../../src/thermo/module/generated/kernel-js.js';

/** kawin's formula, written the direct O(n) way over the whole recorded history. */
const branches = { crossingInHistory: 0, crossingNow: 0, noCrossingPositive: 0, noCrossingNegative: 0 };

function rescan(
  times: number[],
  temps: number[],
  betas: number[],
  t: number,
  T: number,
  beta: number,
  z: number,
): number {
  const n = times.length - 1;
  const lhs = temps.map((Tk) => 1 / (2 * z * z * (T / Tk)));
  let rhs: number[];
  if (n === 0) rhs = [0];
  else {
    rhs = [];
    let s = 0;
    for (let k = 1; k <= n; k++) rhs.push((s += betas[k] * (times[k] - times[k - 1])));
    rhs.push(rhs[n - 1] + beta * (t - times[0]));
  }
  const diff = rhs.map((r, k) => r - lhs[k]);
  const sign = (v: number) => (v > 0 ? 1 : v < 0 ? -1 : 0);
  for (let k = 0; k < n; k++) {
    if (sign(diff[k]) !== sign(diff[k + 1])) {
      if (k < n - 1) branches.crossingInHistory++;
      else branches.crossingNow++;
      return times[k] - times[0];
    }
  }
  if (diff[0] > 0) branches.noCrossingPositive++;
  else branches.noCrossingNegative++;
  return diff[0] > 0 ? 0 : lhs[n] / beta - rhs[n] / beta + (t - times[0]);
}

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

test('prefix-extremum search gives the same τ as the full re-scan at every step', (t) => {
  for (let seed = 1; seed <= 20; seed++) {
    const rand = random(seed);
    const phases = 3;
    const h = instantiateKernelJs({ env: { runTemperature: () => {}, abort: () => t.fail() as never } });
    h.setup(phases, 3e-10, 1e-10, 1e-9, 150, 100, 200, 4e-10, 1e-5, 6.022e23, 1.38e-23);
    const times: number[] = [0];
    const temps: number[] = [448.15];
    const betas: number[][] = Array.from({ length: phases }, () => [0]);
    h.appendRecord(0, 448.15);
    let mismatches = 0;
    for (let step = 1; step < 400; step++) {
      const tNow = times[times.length - 1] + 0.01 * 1.02 ** step;
      const ramp = step > 150 && step < 250;
      const TNow = ramp
        ? temps[temps.length - 1] + rand()
        : step >= 250 && rand() < 0.05
          ? 430
          : temps[temps.length - 1];
      for (let p = 0; p < phases; p++) {
        const beta = rand() < 0.1 ? 0 : 10 ** (-6 + 6 * rand());
        const z = 10 ** (-3 + 5 * rand());
        const expected = rescan(times, temps, betas[p], tNow, TNow, beta || 1e-9, z);
        const actual = h.incubationTime(p, tNow, TNow, beta || 1e-9, z);
        if (Math.abs(actual - expected) > 1e-9 * Math.max(1, Math.abs(expected))) mismatches++;
        betas[p].push(beta);
        h.setImpingement(p, beta);
      }
      times.push(tNow);
      temps.push(TNow);
      h.appendRecord(tNow, TNow);
    }
    t.is(mismatches, 0, `seed ${seed}`);
  }
  t.log(branches);
  for (const [branch, count] of Object.entries(branches)) t.true(count > 0, `the cases exercise ${branch}`);
});
