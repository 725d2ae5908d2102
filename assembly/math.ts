// exp by the host's method (src/thermo/math.ts): the same IEEE operations in the same order, so the
// same bits as the host's exp, without a call out of the module per use (two per nucleation rate).

const LN2_HIGH: f64 = 0.6931471803691238;
const LN2_LOW: f64 = 1.9082149292705877e-10;
const INV_LN2: f64 = 1.4426950408889634;

/** 2^k for a normal exponent, −1022 ≤ k ≤ 1023, exactly (the host reads it from a table). */
function powerOfTwo(k: i32): f64 {
  return reinterpret<f64>(<u64>(k + 1023) << 52);
}

/** x·2^k for any integer k, in the host's steps. */
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
  const kf = Math.round(x * INV_LN2); // JavaScript's Math.round (halves up), as the host
  const r = x - kf * LN2_HIGH - kf * LN2_LOW;
  // the host's Horner sum of 1/i!, i = 1..13
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
