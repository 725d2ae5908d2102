// exp, log and friends from IEEE arithmetic alone, so the engine gives the same bits in Node, in any
// browser and in the WebAssembly kernel. Why: Math.exp and Math.log are implementation-defined (V8 has
// changed them between versions) and the KWN time stepping amplifies a last-bit difference into visibly
// different curves. Textbook methods: argument reduction by powers of two, then truncated series whose
// remainder is far below one ulp. Accuracy is within ~2 ulp; what matters here is that it is the same
// everywhere (+, −, ×, ÷ and sqrt are correctly rounded in every engine).

const WORDS = new Float64Array(1);
const BITS = new Uint32Array(WORDS.buffer);
const HIGH = 1; // little-endian: every platform that runs the service or the page

/** ln 2 split so that k·LN2_HIGH is exact for |k| < 2^21 (32 significant bits). */
const LN2_HIGH = 0.6931471803691238;
const LN2_LOW = 1.9082149292705877e-10;
const INV_LN2 = 1.4426950408889634;
const INV_LN10 = 0.4342944819032518;
const SQRT2 = 1.4142135623730951;

// 1/i! for the series of e^r, |r| ≤ ln2/2: the first omitted term is below 5e-18.
const E1 = 1.0; // 1/1!
const E2 = 0.5; // 1/2!
const E3 = 0.16666666666666666; // 1/3!
const E4 = 0.041666666666666664; // 1/4!
const E5 = 0.008333333333333333; // 1/5!
const E6 = 0.001388888888888889; // 1/6!
const E7 = 0.0001984126984126984; // 1/7!
const E8 = 2.48015873015873e-5; // 1/8!
const E9 = 2.7557319223985893e-6; // 1/9!
const E10 = 2.7557319223985894e-7; // 1/10!
const E11 = 2.505210838544172e-8; // 1/11!
const E12 = 2.08767569878681e-9; // 1/12!
const E13 = 1.6059043836821616e-10; // 1/13!
// 1/(2i+1) for log(m) = 2 atanh(f), |f| ≤ 0.172: the first omitted term is below 1e-20.
const L1 = 0.3333333333333333; // 1/3
const L2 = 0.2; // 1/5
const L3 = 0.14285714285714285; // 1/7
const L4 = 0.1111111111111111; // 1/9
const L5 = 0.09090909090909091; // 1/11
const L6 = 0.07692307692307693; // 1/13
const L7 = 0.06666666666666667; // 1/15
const L8 = 0.058823529411764705; // 1/17
const L9 = 0.05263157894736842; // 1/19
const L10 = 0.047619047619047616; // 1/21
const L11 = 0.043478260869565216; // 1/23
const L12 = 0.04; // 1/25

/** 2^k for −1074 ≤ k ≤ 1023 at POWERS_OF_TWO[k + 1074], by exact doubling and halving. */
const POWERS_OF_TWO = new Float64Array(2098);
{
  POWERS_OF_TWO[1074] = 1;
  for (let k = 1; k <= 1023; k++) POWERS_OF_TWO[1074 + k] = POWERS_OF_TWO[1073 + k] * 2;
  for (let k = 1; k <= 1074; k++) POWERS_OF_TWO[1074 - k] = POWERS_OF_TWO[1075 - k] * 0.5;
}

/** x·2^k for any integer k (in steps, so that neither the factor nor the result overflows early). */
function scaleByPowerOfTwo(x: number, k: number): number {
  if (k >= -1022 && k <= 1023) return x * POWERS_OF_TWO[k + 1074];
  let y = x;
  let n = k;
  while (n > 1023) {
    y *= POWERS_OF_TWO[1074 + 1023];
    n -= 1023;
  }
  while (n < -1022) {
    y *= POWERS_OF_TWO[1074 - 1022];
    n += 1022;
  }
  return y * POWERS_OF_TWO[n + 1074];
}

// exp and log return their special values computed from x, not as the constants Infinity, NaN and 0:
// measured in V8 (Node 20), a constant among the returns made every call box its result as a new heap
// object, inlined or not (9 of the 33 MB an example-03 run allocated, and the time to collect them).

export function exp(x: number): number {
  if (!(x === x)) return x; // NaN
  if (x > 709.782712893384) return x * Infinity; // Infinity
  if (x < -745.1332191019412) return 0 / (1 - x); // +0, also for −Infinity
  const k = Math.round(x * INV_LN2);
  const r = x - k * LN2_HIGH - k * LN2_LOW;
  // e^r − 1 by Horner's rule, then one final rounding when 1 is added
  const sum =
    E1 +
    r *
      (E2 +
        r *
          (E3 +
            r *
              (E4 +
                r *
                  (E5 +
                    r *
                      (E6 + r * (E7 + r * (E8 + r * (E9 + r * (E10 + r * (E11 + r * (E12 + r * E13)))))))))));
  const y = 1 + sum * r;
  // the common case inline: one call (and, from V8's optimized code, one boxed result) fewer per exp
  return k >= -1022 && k <= 1023 ? y * POWERS_OF_TWO[k + 1074] : scaleByPowerOfTwo(y, k);
}

export function log(x: number): number {
  if (!(x === x) || x < 0) return x * NaN; // NaN
  if (x === 0) return -1 / (x * x); // −Infinity, for −0 too
  if (x === Infinity) return x;
  let scaled = x;
  let exponent = 0;
  if (scaled < 2.2250738585072014e-308) {
    scaled *= 18014398509481984; // 2^54: bring a subnormal into the normal range
    exponent = -54;
  }
  WORDS[0] = scaled;
  const binaryExponent = ((BITS[HIGH] >>> 20) & 0x7ff) - 1023;
  exponent += binaryExponent;
  let m = scaled * POWERS_OF_TWO[1074 - binaryExponent]; // mantissa in [1, 2), exactly
  if (m > SQRT2) {
    m *= 0.5;
    exponent += 1;
  }
  // log m = 2 atanh(f) with f = (m − 1)/(m + 1)
  const f = (m - 1) / (m + 1);
  const s = f * f;
  const sum =
    1 +
    s *
      (L1 +
        s *
          (L2 +
            s *
              (L3 +
                s *
                  (L4 +
                    s *
                      (L5 + s * (L6 + s * (L7 + s * (L8 + s * (L9 + s * (L10 + s * (L11 + s * L12)))))))))));
  return exponent * LN2_HIGH + (exponent * LN2_LOW + 2 * f * sum);
}

export function log10(x: number): number {
  return log(x) * INV_LN10;
}

/** x^y; whole exponents by repeated squaring (exact for small powers), others through exp and log. */
export function pow(x: number, y: number): number {
  if (y === 0) return 1;
  if (Number.isInteger(y) && Math.abs(y) <= 64) {
    let base = y < 0 ? 1 / x : x;
    let n = Math.abs(y);
    let result = 1;
    while (n > 0) {
      if (n & 1) result *= base;
      base *= base;
      n >>= 1;
    }
    return result;
  }
  if (x > 0) return exp(y * log(x));
  if (x === 0) return y > 0 ? 0 : Infinity;
  return Number.isInteger(y) ? (y % 2 === 0 ? 1 : -1) * exp(y * log(-x)) : NaN;
}

/** Cube root: exp(log(x)/3) refined by one Newton step. */
export function cbrt(x: number): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  const sign = x < 0 ? -1 : 1;
  const a = Math.abs(x);
  const y = exp(log(a) / 3);
  return sign * (y - (y * y * y - a) / (3 * y * y));
}
