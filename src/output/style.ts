// Colours and names of the phases: fixed per phase name so that a phase looks the same in every figure,
// on the server's files and in the browser. Isomorphic.

export const TOTAL_COLOR = '#000000';

/** Okabe-Ito colours (distinguishable with the common colour-vision deficiencies), one per phase. */
const PHASE_STYLES: Record<string, { color: string; label: string }> = {
  MG5SI6_B_DP: { color: '#0072B2', label: 'β″ (MG5SI6_B_DP)' },
  MGSI_B_P: { color: '#D55E00', label: 'β′ (MGSI_B_P)' },
  B_PRIME_L: { color: '#009E73', label: 'B′ (B_PRIME_L)' },
  U1_PHASE: { color: '#CC79A7', label: 'U1 (U1_PHASE)' },
  U2_PHASE: { color: '#E69F00', label: 'U2 (U2_PHASE)' },
};

/** For phases a future database may add: still stable per name (a hash picks the colour). */
const SPARE_COLORS = ['#56B4E9', '#8C564B', '#7F7F7F', '#BCBD22', '#17BECF', '#9467BD'];

function hashOf(text: string): number {
  let h = 0;
  for (const c of text) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h;
}

export function phaseColor(name: string): string {
  return PHASE_STYLES[name]?.color ?? SPARE_COLORS[hashOf(name) % SPARE_COLORS.length];
}

export function phaseLabel(name: string): string {
  return PHASE_STYLES[name]?.label ?? name;
}

/** What every view says when a run's highest strength is its last row (summary.peak_reached false). */
export const PEAK_NOT_REACHED = 'Peak not reached within the simulated time';

export const FONT_FAMILY = "'DejaVu Sans', Verdana, Arial, sans-serif";

/** Text sizes and line widths, in px at the files' 1600×1000 size. */
export const SIZES = {
  title: 28,
  subtitle: 18,
  panelTitle: 20,
  axisLabel: 19,
  tickLabel: 16,
  legend: 18,
  phaseLine: 2.5,
  totalLine: 3,
};

/** Rough advance width of DejaVu Sans text (it runs wide: ~0.6 em a character); used for layout only. */
export function textWidthPx(text: string, fontPx: number): number {
  let ems = 0;
  for (const c of text) ems += c === ' ' || c === '.' || c === ',' || c === '(' || c === ')' ? 0.34 : 0.63;
  return ems * fontPx;
}
