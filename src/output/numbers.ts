// How numbers are shown: 3–4 significant figures, and values too small to mean anything as 0. Isomorphic.

/** Below this magnitude a shown number is 0: no quantity here (m⁻³, nm, MPa, fractions) means anything there. */
export const DISPLAY_ZERO = 1e-30;

/** Subnormal doubles (below 2.2×10⁻³⁰⁸) as 0: round-off of a vanished phase, not data. */
export function tidyNumber(value: number): number {
  return Math.abs(value) < 2.2250738585072014e-308 ? 0 : value;
}

/** A value rounded to `digits` significant figures (0 for magnitudes below DISPLAY_ZERO). */
export function roundSignificant(value: number, digits = 4): number {
  if (!Number.isFinite(value)) return value;
  if (Math.abs(value) < DISPLAY_ZERO) return 0;
  return Number(value.toPrecision(digits));
}

/**
 * A value as text with `digits` significant figures: plain decimals from 10⁻³ to 10⁵, m×10ⁿ beyond;
 * no trailing zeros (446.4 MPa, 1.42×10²³ m⁻³, 0).
 */
export function formatSignificant(value: number, digits = 4): string {
  if (!Number.isFinite(value)) return String(value);
  const rounded = roundSignificant(value, digits);
  if (rounded === 0) return '0';
  const magnitude = Math.abs(rounded);
  if (magnitude >= 1e-3 && magnitude < 1e5) return String(rounded);
  const exponent = Math.floor(Math.log10(magnitude));
  let mantissa = Number((rounded / 10 ** exponent).toPrecision(digits));
  let power = exponent;
  if (Math.abs(mantissa) >= 10) {
    mantissa = Number((mantissa / 10).toPrecision(digits));
    power++;
  }
  return `${mantissa}×10${superscript(power)}`;
}

const SUPERSCRIPTS = '⁰¹²³⁴⁵⁶⁷⁸⁹';

function superscript(exponent: number): string {
  const digits = [...String(Math.abs(exponent))].map((d) => SUPERSCRIPTS[Number(d)]).join('');
  return exponent < 0 ? `⁻${digits}` : digits;
}
