// The size-distribution figure: one panel per phase, each chosen time's distribution as a curve of number
// density per size bin (log axis) against the bin's radius (nm). Phases without particles at any of the
// times are left out, and a note says which. Isomorphic.
import type { SizeDistributionSnapshot } from '../engine/index.js';
import type { ChartSpec, LegendEntry, PanelSpec, SeriesSpec } from './chart-types.js';
import { formatSignificant } from './numbers.js';
import { linearAxis, logAxis, powerOfTen } from './scales.js';
import { nanometres } from './size-distribution.js';
import { phaseLabel, SIZES } from './style.js';

/** Bins more than this many decades below a panel's highest are not drawn (round-off, stragglers). */
const DENSITY_DECADES = 8;
/**
 * A phase is shown when its total number density at some reported time comes within this many decades of
 * the most numerous phase's (the time figures' rule: charts.ts DENSITY_DECADES).
 */
const PRESENCE_DECADES = 10;

/** Viridis stops (perceptually ordered, colour-vision safe): early times dark, late times light. */
const RAMP = ['#440154', '#46327e', '#365c8d', '#277f8e', '#1fa187', '#4ac16d', '#a0da39', '#e2c50f'];

/** Colour of time k of `count`, evenly along the ramp. */
export function timeColor(k: number, count: number): string {
  return RAMP[count <= 1 ? RAMP.length - 1 : Math.round((k * (RAMP.length - 1)) / (count - 1))];
}

export function timeLabel(s: SizeDistributionSnapshot): string {
  const at = `${formatSignificant(s.timeS / 3600)} h`;
  return s.final ? `${at} (final)` : at;
}

/** Largest total number density of phase p over the reported times, m⁻³. */
function peakTotalOf(snapshots: SizeDistributionSnapshot[], p: number): number {
  let peak = 0;
  for (const s of snapshots)
    peak = Math.max(
      peak,
      s.phases[p].numberDensityPerM3.reduce((a, b) => a + b, 0),
    );
  return peak;
}

function panelOf(snapshots: SizeDistributionSnapshot[], p: number): PanelSpec {
  let peak = 0;
  for (const s of snapshots) for (const n of s.phases[p].numberDensityPerM3) peak = Math.max(peak, n);
  const floor = peak / 10 ** DENSITY_DECADES;
  let largestRadiusNm = 0;
  const series: SeriesSpec[] = snapshots.map((s, k) => {
    const { boundsM, numberDensityPerM3: n } = s.phases[p];
    const x = Array.from(n, (_, i) => nanometres((boundsM[i] + boundsM[i + 1]) / 2));
    const y = Array.from(n, (v) => (v > floor ? v : null));
    y.forEach((v, i) => {
      if (v !== null) largestRadiusNm = Math.max(largestRadiusNm, x[i]);
    });
    return {
      id: `${s.phases[p].name}:${k}`,
      label: timeLabel(s),
      color: timeColor(k, snapshots.length),
      widthPx: s.final ? SIZES.totalLine : SIZES.phaseLine,
      x,
      y,
    };
  });
  return {
    title: phaseLabel(snapshots[0].phases[p].name),
    x: linearAxis('Radius r (nm)', [[0, largestRadiusNm * 1.05]]),
    y: logAxis(
      'Density per bin (m⁻³)',
      series.map((s) => s.y),
      floor,
    ),
    series,
  };
}

/** The figure (1600 × 1000 px like the others), or a figure saying there is nothing to show. */
export function sizeDistributionSpec(snapshots: SizeDistributionSnapshot[], subtitle: string): ChartSpec {
  const phaseCount = snapshots[0]?.phases.length ?? 0;
  const peaks = Array.from({ length: phaseCount }, (_, p) => peakTotalOf(snapshots, p));
  const threshold = Math.max(...peaks, 0) / 10 ** PRESENCE_DECADES;
  const shown: number[] = [];
  const absent: string[] = [];
  peaks.forEach((peak, p) => {
    if (peak > 0 && peak >= threshold) shown.push(p);
    else absent.push(phaseLabel(snapshots[0].phases[p].name));
  });
  const notes = [subtitle];
  if (absent.length > 0 && shown.length > 0) {
    const below = `below ${powerOfTen(-PRESENCE_DECADES)} of the most numerous phase's number density`;
    notes.push(`Not shown (${below}): ${absent.join(', ')}`);
  }
  if (shown.length === 0) notes.push('No precipitates at any reported time');
  const legend: LegendEntry[] = snapshots.map((s, k) => ({
    label: timeLabel(s),
    color: timeColor(k, snapshots.length),
  }));
  return {
    name: 'size_distribution',
    file: 'size_distribution',
    title: 'Particle size distributions (number density per bin against radius)',
    subtitle: notes.join('\n'),
    widthPx: 1600,
    heightPx: 1000,
    columns: shown.length > 1 ? 2 : 1,
    timeHours: [],
    panels: shown.map((p) => panelOf(snapshots, p)),
    legend: shown.length > 0 ? legend : [],
  };
}
