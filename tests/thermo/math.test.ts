// The engine's own exp/log/pow/cbrt: close to the platform's, exact where it must be, and the same
// everywhere because they use only correctly rounded IEEE operations.
import test from 'ava';
import { cbrt, exp, log, log10, pow } from '../../src/thermo/math.js';
import { random, ulps } from '../helpers/ulps.js';

test('exp is within 1 ulp of Math.exp over the whole range', (t) => {
  const rand = random(7);
  let worst = 0;
  for (let i = 0; i < 100_000; i++) {
    const x = (rand() - 0.5) * 1400;
    const expected = Math.exp(x);
    if (expected > 0 && Number.isFinite(expected) && expected > 1e-300)
      worst = Math.max(worst, ulps(exp(x), expected));
  }
  t.true(worst <= 1, `worst ${worst} ulp`);
});

test('log is within 2 ulp of Math.log, subnormals included', (t) => {
  const rand = random(11);
  let worst = 0;
  for (let i = 0; i < 100_000; i++) {
    const x = Math.exp(-744 + rand() * 1453); // from subnormal to near the largest double
    const expected = Math.log(x);
    if (expected !== 0) worst = Math.max(worst, ulps(log(x), expected));
  }
  t.true(worst <= 2, `worst ${worst} ulp`);
  t.is(log(5e-324), Math.log(5e-324));
});

test('special values', (t) => {
  t.is(exp(0), 1);
  t.is(log(1), 0);
  t.is(exp(-Infinity), 0);
  t.is(exp(Infinity), Infinity);
  t.is(exp(800), Infinity);
  t.is(exp(-800), 0);
  t.true(Number.isNaN(exp(NaN)) && Number.isNaN(log(NaN)) && Number.isNaN(log(-1)));
  t.is(log(0), -Infinity);
  t.is(log(-0), -Infinity);
  t.is(log(Infinity), Infinity);
  t.true(exp(-745) > 0, 'the smallest subnormal results are reached');
});

test('whole powers are products (T**2, T**(-9) in databases), others go through exp and log', (t) => {
  t.is(pow(448.15, 2), 448.15 * 448.15);
  t.is(pow(448.15, -1), 1 / 448.15);
  t.is(pow(3, 0), 1);
  t.is(pow(-2, 3), -8);
  t.true(Number.isNaN(pow(-2, 0.5)));
  t.true(ulps(pow(15.3, 0.24), Math.pow(15.3, 0.24)) <= 4);
  t.true(ulps(pow(1e-3, 2.5), Math.pow(1e-3, 2.5)) <= 32);
});

test('log10 and cbrt', (t) => {
  t.true(ulps(log10(1e-5), -5) <= 2);
  t.true(ulps(cbrt(6.6423e-29), Math.cbrt(6.6423e-29)) <= 1);
  t.is(cbrt(-8), -2);
  t.is(cbrt(0), 0);
});
