// exp, log and pow for kawin's strength model (strength.ts, strength-rows.ts), and the two powers of its
// superpositions, x^1.8 of a ratio and s^(1/1.8) of a sum: table-driven, so that a short polynomial on a
// small reduced argument does what math.ts's thirteen-term series do, from IEEE arithmetic alone (the same
// bits in WebAssembly, the JS solver and the page): exp within 1 ulp, log within 2 ulp, the powers within 3
// (tests/engine/strength-math.test.ts). Why: the strength model needs about ten per phase and row, and it
// is post-processing, so its last bits never feed back into a run; the kinetics and the thermodynamics keep
// math.ts's functions and their bits. The tables: strength-tables.ts (tools/make/strength-tables.py).
import { exp as seriesExp, log as seriesLog, pow as seriesPow } from './math';
import {
  CENTRE_POWER_18, INVERSE_CENTRE, INVERSE_MANTISSA_CENTRE, INVERSE_ONE_PLUS_CENTRE, LOG_CENTRE, ROOT_CENTRE, TWO_TO_J_256,
  TWO_TO_MINUS_18E,
} from './strength-tables';

// ln 2 split so that k·LN2_HIGH is exact for |k| < 2^21 (math.ts), and 256/ln 2.
const LN2_HIGH: f64 = 0.6931471803691238;
const LN2_LOW: f64 = 1.9082149292705877e-10;
const TABLE_OVER_LN2: f64 = 369.3299304675746;
const MANTISSA: u64 = 0x000fffffffffffff;

// @ts-ignore: decorator
@inline function entry(table: usize, j: i32): f64 {
  return load<f64>(table + ((<usize>j) << 3));
}

/** e^x: x = (256m + j)·ln2/256 + r with |r| ≤ ln2/512, e^x = 2^m·2^(j/256)·e^r; math.ts's exp beyond ±700. */
export function strengthExp(x: f64): f64 {
  if (!(x > -700 && x < 700)) return seriesExp(x); // also NaN
  const kf = Math.floor(x * TABLE_OVER_LN2 + 0.5);
  const r = x - kf * (LN2_HIGH / 256) - kf * (LN2_LOW / 256);
  const k = <i32>kf;
  // e^r − 1 to r^5/120 (the first omitted term is below 1e-20 of e^r), in two halves for a shorter chain
  const r2 = r * r;
  const q = r + r2 * (0.5 + r * 0.16666666666666666) + r2 * r2 * (0.041666666666666664 + r * 0.008333333333333333);
  const t = entry(TWO_TO_J_256, k & 255);
  return (t + t * q) * reinterpret<f64>(<u64>((k >> 8) + 1023) << 52);
}

/** ln(1 + r) for |r| < 1/512 to r^7/7 (the first omitted term is below 1e-19 of the result). */
function logOnePlus(r: f64): f64 {
  const r2 = r * r;
  return r + r2 * (-0.5 + r * 0.3333333333333333) + r2 * r2 * (-0.25 + r * 0.2 + r2 * (-0.16666666666666666 + r * 0.14285714285714285));
}

/** ln x: x = 2^e·m, m near c_j, ln x = e·ln 2 + ln c_j + ln(1 + r) with |r| < 1/384; math.ts's log for x not normal. */
export function strengthLog(x: f64): f64 {
  if (!(x >= 2.2250738585072014e-308 && x < Infinity)) return seriesLog(x); // 0, subnormal, ∞, negative, NaN
  // Near 1 directly, so that a small ln x keeps its relative accuracy: x − 1 is exact there.
  if (Math.abs(x - 1) < 0.001953125) return logOnePlus(x - 1);
  const bits = reinterpret<u64>(x);
  const j = <i32>((bits >> 44) & 255);
  const half = j >> 7; // mantissa ≥ 1.5: halved, exponent one up
  const e = <f64>(<i32>(bits >> 52) - 1023 + half);
  const m = reinterpret<f64>((bits & MANTISSA) | (<u64>(1023 - half) << 52));
  const centre = <f64>(513 + 2 * j) * (half != 0 ? 0.0009765625 : 0.001953125); // (1 + (j + 1/2)/256)·2^-half
  const r = (m - centre) * entry(INVERSE_CENTRE, j);
  // ln(1 + r) to r^6/6 (the first omitted term is below 2e-19), in two halves for a shorter chain
  const r2 = r * r;
  const p = r + r2 * (-0.5 + r * 0.3333333333333333) + r2 * r2 * (-0.25 + r * 0.2 + r2 * -0.16666666666666666);
  return e * LN2_HIGH + (entry(LOG_CENTRE, j) + (e * LN2_LOW + p));
}

/** x^y as e^(y·ln x) for x > 0 and finite, else math.ts's pow. */
export function strengthPow(x: f64, y: f64): f64 {
  if (!(x > 0 && x < Infinity)) return seriesPow(x, y);
  return strengthExp(y * strengthLog(x));
}

/**
 * s^(1/1.8) for the superpositions' sums: for 1 ≤ s ≤ 2 (two terms, the default contributions) as
 * (1 + c_j)^(1/1.8)·(1 + δ)^(5/9), |δ| ≤ 1/256, by the binomial series to δ^5 (the first omitted term is
 * below 1e-16): one short polynomial instead of a log and an exp; otherwise strengthPow.
 */
export function rootOfSum18(s: f64): f64 {
  const u = s - 1; // exact for s in [1, 2]
  if (!(u >= 0 && u < 1)) return strengthPow(s, 1 / 1.8);
  const j = <i32>(u * 128);
  const d = (u - (<f64>(2 * j + 1)) / 256) * entry(INVERSE_ONE_PLUS_CENTRE, j);
  const d2 = d * d;
  const q = d * (0.5555555555555556 + d * -0.12345679012345678) + d2 * d * (0.05944215820759031 + d * -0.03632576334908297) + d2 * d2 * d * 0.025024414751590486;
  const h = entry(ROOT_CENTRE, j);
  return h + h * q;
}

/**
 * x^1.8 for the superpositions' ratios, 2^-64 ≤ x ≤ 1: x = 2^-e·c_j·(1 + δ), |δ| ≤ 1/256, so x^1.8 =
 * 2^(-1.8e)·c_j^1.8·(1 + δ)^1.8 by the binomial series to δ^5 (the first omitted term is below 2e-17):
 * one short polynomial instead of a log and an exp, within 3 ulp; otherwise strengthPow.
 */
export function ratioPower18(x: f64): f64 {
  if (!(x >= 5.421010862427522e-20 && x <= 1)) return strengthPow(x, 1.8); // 2^-64
  const bits = reinterpret<u64>(x);
  const e = 1023 - <i32>(bits >> 52);
  const j = <i32>((bits >> 45) & 127);
  const m = reinterpret<f64>((bits & MANTISSA) | 0x3ff0000000000000);
  const d = (m - (<f64>(257 + 2 * j)) / 256) * entry(INVERSE_MANTISSA_CENTRE, j);
  const d2 = d * d;
  const q = d * (1.8 + d * 0.72) + d2 * d * (-0.048 + d * 0.0144) + d2 * d2 * d * -0.006336;
  const h = entry(CENTRE_POWER_18, j);
  return (h + h * q) * entry(TWO_TO_MINUS_18E, e);
}
