// Composition unit switching: when the user changes the unit, the displayed numbers are converted so that
// the alloy stays the same. Mole fractions are the pivot; the forward direction is the engine's own
// toMoleFractions, so the page and the server agree on what a weight percent means.
import { ATOMIC_MASS_G_PER_MOL, SOLUTES, type SoluteName } from '../../request/defaults.js';
import { toMoleFractions, type CompositionUnit } from '../../request/validate.js';

export const UNIT_LABELS: Record<CompositionUnit, string> = {
  mole_fraction: 'mole fraction',
  atomic_percent: 'at.%',
  weight_percent: 'wt.%',
};

/** Significant digits kept when a converted content is shown: enough that switching back restores it. */
const DISPLAY_DIGITS = 6;

/** Mole fractions (balance Al) in the given unit. */
export function fromMoleFractions(
  moleFractions: Record<SoluteName, number>,
  unit: CompositionUnit,
): Record<SoluteName, number> {
  const entries = SOLUTES.map((s) => [s, moleFractions[s]] as const);
  if (unit === 'mole_fraction') return { ...moleFractions };
  if (unit === 'atomic_percent') return mapEntries(entries, (x) => x * 100);
  const soluteMoles = entries.reduce((sum, [, x]) => sum + x, 0);
  const massOf = (s: SoluteName, x: number) => x * ATOMIC_MASS_G_PER_MOL[s];
  const totalMassG =
    entries.reduce((sum, [s, x]) => sum + massOf(s, x), 0) + (1 - soluteMoles) * ATOMIC_MASS_G_PER_MOL.AL;
  return Object.fromEntries(entries.map(([s, x]) => [s, (100 * massOf(s, x)) / totalMassG])) as Record<
    SoluteName,
    number
  >;
}

function mapEntries(
  entries: readonly (readonly [SoluteName, number])[],
  f: (x: number) => number,
): Record<SoluteName, number> {
  return Object.fromEntries(entries.map(([s, x]) => [s, f(x)])) as Record<SoluteName, number>;
}

/** A number as the form shows it: round-off of the conversion removed ("0.72", not "0.7200000000000001"). */
export function formatContent(value: number): string {
  return String(Number(value.toPrecision(DISPLAY_DIGITS)));
}

/**
 * The composition texts of the form re-expressed in another unit. Texts that are not numbers are kept as
 * they are (the user is still typing; validation marks them), so a switch never loses input.
 */
export function convertCompositionTexts(
  texts: Record<SoluteName, string>,
  from: CompositionUnit,
  to: CompositionUnit,
): Record<SoluteName, string> {
  if (from === to) return { ...texts };
  const values = SOLUTES.map((s) => Number(texts[s]));
  const unreadable = SOLUTES.some((s, i) => texts[s].trim() === '' || !Number.isFinite(values[i]));
  if (unreadable) return { ...texts };
  const given = Object.fromEntries(SOLUTES.map((s, i) => [s, values[i]])) as Record<SoluteName, number>;
  const converted = fromMoleFractions(toMoleFractions(given, from), to);
  return Object.fromEntries(SOLUTES.map((s) => [s, formatContent(converted[s])])) as Record<
    SoluteName,
    string
  >;
}
