// The strength-breakdown figure (issue 19): precipitation, solid-solution, base and total yield strength
// against ageing time, and each phase's CRSS drawn in the style of its operative mechanism (weak or strong
// shearing, Orowan bypass), so that the dominant mechanism of each phase is visible. Isomorphic.
import type { LegendEntry, PanelSpec, SeriesSpec } from './chart-types.js';
import type { CompactSeries } from './compact.js';
import type { PanelContext } from './panels.js';
import { linearAxis } from './scales.js';
import { phaseColor, phaseLabel, SIZES, TOTAL_COLOR } from './style.js';

type BreakdownKey = 'precipitation_strength_mpa' | 'solid_solution_strength_mpa' | 'base_strength_mpa';

/** The parts of the total: key, label, colour (greys and a purple: apart from the phases' colours). */
const PARTS: [BreakdownKey, string, string][] = [
  ['precipitation_strength_mpa', 'Precipitation σ_prec', '#6A3D9A'],
  ['solid_solution_strength_mpa', 'Solid solution σ_ss', '#555555'],
  ['base_strength_mpa', 'Base σ₀', '#A6A6A6'],
];

/** Line style per mechanism: solid for weak shearing, dashed for strong shearing, dotted for bypass. */
const MECHANISMS: [string, string, number[] | undefined][] = [
  ['weak_shearing', 'weak shearing', undefined],
  ['strong_shearing', 'strong shearing', [14, 6]],
  ['bypass', 'Orowan bypass', [3, 5]],
];

const valuesOf = (data: CompactSeries, key: BreakdownKey) => data[key] ?? data.time_hours.map(() => 0);

function breakdownPanel(ctx: PanelContext): PanelSpec {
  const series: SeriesSpec[] = PARTS.map(([key, label, color]) => ({
    id: key,
    label,
    color,
    widthPx: SIZES.phaseLine,
    y: [...valuesOf(ctx.data, key)],
  }));
  series.push({
    id: 'total',
    label: 'Total σ_y',
    color: TOTAL_COLOR,
    widthPx: SIZES.totalLine,
    y: [...ctx.data.total_yield_strength_mpa],
  });
  const y = linearAxis(
    'Yield strength (MPa)',
    series.map((s) => s.y),
  );
  return { title: 'Yield strength and its parts', x: ctx.time, y, series };
}

/**
 * Each phase's CRSS as one series per mechanism, drawn where that mechanism operates (and on the row
 * after, so that the pieces join); a phase absent from the run (CRSS 0 throughout) is left out.
 */
function mechanismPanel(ctx: PanelContext): PanelSpec {
  const series: SeriesSpec[] = [];
  for (const name of ctx.shown) {
    const crss = ctx.data.phases[name].crss_mpa;
    const mechanism = ctx.data.mechanism?.[name] ?? crss.map(() => 'bypass');
    if (!crss.some((v) => v > 0)) continue;
    for (const [key, , dash] of MECHANISMS) {
      const y = crss.map((v, i) => (mechanism[i] === key || (i > 0 && mechanism[i - 1] === key) ? v : null));
      if (!y.some((v) => v !== null && v > 0)) continue;
      series.push({
        id: `${name}:${key}`,
        label: `${phaseLabel(name)}, ${key.replace('_', ' ')}`,
        color: phaseColor(name),
        widthPx: SIZES.phaseLine,
        ...(dash && { dash }),
        y,
      });
    }
  }
  const y = linearAxis('CRSS τ (MPa)', series.length > 0 ? series.map((s) => s.y) : [[0]]);
  return { title: 'CRSS per phase by mechanism', x: ctx.time, y, series };
}

export function strengthPanels(ctx: PanelContext): PanelSpec[] {
  return [breakdownPanel(ctx), mechanismPanel(ctx)];
}

/** The parts' colours, the phases' colours and the mechanisms' line styles. */
export function strengthLegend(ctx: PanelContext): LegendEntry[] {
  return [
    ...PARTS.map(([, label, color]) => ({ label, color })),
    { label: 'Total σ_y', color: TOTAL_COLOR },
    ...ctx.shown.map((n) => ({ label: phaseLabel(n), color: phaseColor(n) })),
    ...MECHANISMS.map(([, label, dash]) => ({ label, color: TOTAL_COLOR, ...(dash && { dash }) })),
  ];
}

/** The figure's title: which model. */
export function strengthTitle(model: string | undefined): string {
  return model === 'kawin'
    ? 'Strength breakdown (kawin: shearing, bypass, solid solution)'
    : 'Strength breakdown (seed model: Orowan bypass)';
}
