// A server run's particle size distributions on the page: number density per size bin against radius
// (log density axis), one line per phase that has particles, and a time slider over the run's chosen
// times and its final state. Reads size_distributions.json (src/output/size-distribution.ts's shape).
import uPlot from 'uplot';
import type { SizeDistributionJson } from '../output/size-distribution.js';
import { formatSignificant } from '../output/numbers.js';
import { phaseColor, phaseLabel } from '../output/style.js';
import { h } from './dom.js';

/** Below this total a phase has no particles worth a line (and stays out of the legend). */
const MIN_TOTAL_PER_M3 = 1;
const HEIGHT_PX = 260;
/** One snapshot as aligned uPlot data: the union of the phases' bin centres, null where a phase has none. */
export function alignedSnapshot(snapshot: SizeDistributionJson): {
  names: string[];
  data: uPlot.AlignedData;
} {
  const names = Object.keys(snapshot.phases).filter(
    (name) => snapshot.phases[name].total_number_density_per_m3 >= MIN_TOTAL_PER_M3,
  );
  const radii = [...new Set(names.flatMap((n) => snapshot.phases[n].radius_nm))].sort((a, b) => a - b);
  const columns = names.map((name) => {
    const phase = snapshot.phases[name];
    const byRadius = new Map(phase.radius_nm.map((r, i) => [r, phase.number_density_per_m3[i]]));
    // A log axis has no 0: an empty bin is a gap, not a point.
    return radii.map((r) => {
      const density = byRadius.get(r);
      return density !== undefined && density > 0 ? density : null;
    });
  });
  return { names, data: [radii, ...columns] as uPlot.AlignedData };
}

export function snapshotLabel(snapshot: SizeDistributionJson): string {
  const when = `${formatSignificant(snapshot.time_hours, 4)} h at ${formatSignificant(snapshot.temperature_c, 4)} °C`;
  return snapshot.final ? `${when} (end of the run)` : when;
}

/**
 * The view: slider, label, chart; an empty note when no phase has particles at the time shown. `sliderId`
 * keeps the preview's and a server run's sliders apart (both can be on the page).
 */
export function sizeDistributionView(
  doc: Document,
  snapshots: SizeDistributionJson[],
  sliderId = 'size-time',
): HTMLElement {
  const slider = h(doc, 'input', {
    type: 'range',
    id: sliderId,
    min: 0,
    max: Math.max(0, snapshots.length - 1),
    step: 1,
    value: Math.max(0, snapshots.length - 1),
    'aria-label': 'Time of the size distribution',
    'data-testid': 'size-slider',
  });
  const label = h(doc, 'output', { for: sliderId, 'data-testid': 'size-time' });
  const note = h(doc, 'p', { class: 'message', 'data-testid': 'size-note' });
  const box = h(doc, 'div', { class: 'plot size-plot', 'data-testid': 'size-plot' });
  const view = h(doc, 'div', { class: 'size-view' }, [
    h(doc, 'div', { class: 'size-controls' }, [slider, label]),
    note,
    box,
  ]);
  let plot: uPlot | undefined;
  const show = (index: number) => {
    const snapshot = snapshots[index];
    if (!snapshot) return;
    label.textContent = snapshotLabel(snapshot);
    view.dataset.index = String(index);
    const { names, data } = alignedSnapshot(snapshot);
    plot?.destroy();
    plot = undefined;
    note.textContent = names.length === 0 ? 'No phase has particles at this time.' : '';
    if (names.length === 0) return;
    plot = new uPlot(chartOptions(names, Math.max(240, box.clientWidth || 320)), data, box);
  };
  slider.addEventListener('input', () => show(Number(slider.value)));
  new ResizeObserver(() => {
    const width = Math.max(240, box.clientWidth);
    if (plot && plot.width !== width) plot.setSize({ width, height: HEIGHT_PX });
  }).observe(box);
  queueMicrotask(() => show(Number(slider.value)));
  return view;
}

const SUPERSCRIPT_DIGITS = '⁰¹²³⁴⁵⁶⁷⁸⁹';
/** 10²¹ for 1e21. */
const decade = (value: number) =>
  `10${String(Math.round(Math.log10(value)))
    .replace('-', '⁻')
    .replace(/\d/g, (d) => SUPERSCRIPT_DIGITS[Number(d)])}`;

function chartOptions(names: string[], width: number): uPlot.Options {
  return {
    width,
    height: HEIGHT_PX,
    scales: { x: { time: false }, y: { distr: 3 } },
    legend: { live: false },
    axes: [
      { label: 'Radius (nm)', size: 40 },
      {
        label: 'Number density per bin (m⁻³)',
        size: 64,
        // Decades only: the minor ticks of a log axis left unlabelled.
        values: (_u, ticks) => ticks.map((v) => (Number.isInteger(Math.log10(v)) ? decade(v) : '')),
      },
    ],
    series: [
      { label: 'Radius (nm)' },
      ...names.map((name) => ({
        label: phaseLabel(name),
        stroke: phaseColor(name),
        width: 2,
        spanGaps: true,
        points: { show: false },
      })),
    ],
  };
}
