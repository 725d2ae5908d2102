// exp, log, pow and cbrt from IEEE arithmetic alone, so the engine gives the same bits in every JavaScript
// engine and in WebAssembly: Math.exp and Math.log are implementation-defined (V8 has changed them between
// versions, Node 20 and Chromium disagree in the last bit) and the KWN time stepping amplifies a last-bit
// difference into visibly different curves. Argument reduction by powers of two, then truncated series
// whose remainder is far below one ulp; within ~2 ulp. The host's src/thermo/math.ts is these functions
// (the module's JavaScript target), for the TDB expressions and the strength model.

const LN2_HIGH: f64 = 0.6931471803691238;
const LN2_LOW: f64 = 1.9082149292705877e-10;
const INV_LN2: f64 = 1.4426950408889634;
const INV_LN10: f64 = 0.4342944819032518;

/** 2^k for a normal exponent, −1022 ≤ k ≤ 1023, exactly. */
function powerOfTwo(k: i32): f64 {
  return reinterpret<f64>(<u64>(k + 1023) << 52);
}

/** x·2^k for any integer k (in steps, so that neither the factor nor the result overflows early). */
function scaleByPowerOfTwo(x: f64, k: i32): f64 {
  if (k >= -1022 && k <= 1023) return x * powerOfTwo(k);
  let y = x;
  let n = k;
  while (n > 1023) {
    y *= powerOfTwo(1023);
    n -= 1023;
  }
  while (n < -1022) {
    y *= powerOfTwo(-1022);
    n += 1022;
  }
  return y * powerOfTwo(n);
}

export function exp(x: f64): f64 {
  if (x != x) return x; // NaN
  if (x > 709.782712893384) return Infinity;
  if (x < -745.1332191019412) return 0;
  const kf = Math.round(x * INV_LN2); // halves up (JavaScript's Math.round)
  const r = x - kf * LN2_HIGH - kf * LN2_LOW;
  // e^r − 1 by Horner's rule over 1/i!, i = 1..13 (the first omitted term is below 5e-18), one final rounding
  const sum =
    1.0 +
    r *
      (0.5 +
        r *
          (0.16666666666666666 +
            r *
              (0.041666666666666664 +
                r *
                  (0.008333333333333333 +
                    r *
                      (0.001388888888888889 +
                        r *
                          (0.0001984126984126984 +
                            r *
                              (2.48015873015873e-5 +
                                r *
                                  (2.7557319223985893e-6 +
                                    r *
                                      (2.7557319223985894e-7 +
                                        r * (2.505210838544172e-8 + r * (2.08767569878681e-9 + r * 1.6059043836821616e-10)))))))))));
  return scaleByPowerOfTwo(1 + sum * r, <i32>kf);
}

/** 2^k for −1074 ≤ k ≤ 1023, subnormal powers included. */
function anyPowerOfTwo(k: i32): f64 {
  return k >= -1022 ? powerOfTwo(k) : reinterpret<f64>(<u64>1 << <u64>(k + 1074));
}

/** log: mantissa in [√2/2, √2], then log m = 2·atanh((m − 1)/(m + 1)) by its series (first omitted term < 1e-20). */
export function log(x: f64): f64 {
  if (x != x || x < 0) return x * NaN;
  if (x == 0) return -1 / (x * x);
  if (x == Infinity) return x;
  let scaled = x;
  let exponent: i32 = 0;
  if (scaled < 2.2250738585072014e-308) {
    scaled *= 18014398509481984; // 2^54
    exponent = -54;
  }
  const binaryExponent = <i32>((reinterpret<u64>(scaled) >> 52) & 0x7ff) - 1023;
  exponent += binaryExponent;
  let m = scaled * anyPowerOfTwo(-binaryExponent);
  if (m > 1.4142135623730951) {
    m *= 0.5;
    exponent += 1;
  }
  const f = (m - 1) / (m + 1);
  const s = f * f;
  const sum =
    1 +
    s *
      (0.3333333333333333 +
        s *
          (0.2 +
            s *
              (0.14285714285714285 +
                s *
                  (0.1111111111111111 +
                    s *
                      (0.09090909090909091 +
                        s *
                          (0.07692307692307693 +
                            s *
                              (0.06666666666666667 +
                                s *
                                  (0.058823529411764705 +
                                    s * (0.05263157894736842 + s * (0.047619047619047616 + s * (0.043478260869565216 + s * 0.04)))))))))));
  const e = <f64>exponent;
  return e * LN2_HIGH + (e * LN2_LOW + 2 * f * sum);
}

function isInteger(y: f64): bool {
  return y - y == 0 && Math.floor(y) == y;
}

/** x^y: whole exponents up to 64 by repeated squaring (exact for small powers), others through exp and log. */
export function pow(x: f64, y: f64): f64 {
  if (!powIsExpLog(y)) {
    if (y == 0) return 1;
    let base = y < 0 ? 1 / x : x;
    let n = <i32>Math.abs(y);
    let result: f64 = 1;
    while (n > 0) {
      if (n & 1) result *= base;
      base *= base;
      n >>= 1;
    }
    return result;
  }
  if (x > 0) return exp(y * log(x));
  if (x == 0) return y > 0 ? 0 : Infinity;
  return isInteger(y) ? (y % 2 == 0 ? 1 : -1) * exp(y * log(-x)) : NaN;
}

/** Whether pow(x, y) is exp(y·log(x)) for every x > 0: y is neither 0 nor a whole number up to 64. */
// @ts-ignore: decorator
@inline export function powIsExpLog(y: f64): bool {
  return y != 0 && !(isInteger(y) && Math.abs(y) <= 64);
}

export function log10(x: f64): f64 {
  return log(x) * INV_LN10;
}

/** Cube root: exp(log(x)/3) refined by one Newton step. */
export function cbrt(x: f64): f64 {
  if (x == 0 || !isFinite<f64>(x)) return x;
  const sign: f64 = x < 0 ? -1 : 1;
  const a = Math.abs(x);
  const y = exp(log(a) / 3);
  return sign * (y - (y * y * y - a) / (3 * y * y));
}
