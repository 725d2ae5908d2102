// uPlot charts of the page: the four preview panels (drawn from the same chart specs as the server's
// figures, through src/output/uplot.ts) and the small T(t) chart of the temperature-profile editor.
import uPlot from 'uplot';
import type { ChartSpec, LegendEntry } from '../output/chart-types.js';
import { uplotPanel } from '../output/uplot.js';
import type { ProfileCurve } from './form/schedule.js';
import { h } from './dom.js';

/** Which panel of which figure each preview chart is, in display order. */
const PREVIEW_PANELS: { chart: string; panel: number; caption: string; unit: string }[] = [
  { chart: 'yield_strength', panel: 0, caption: 'Yield strength σ = M·τ', unit: 'MPa' },
  { chart: 'precipitation', panel: 0, caption: 'Number density', unit: 'm⁻³' },
  { chart: 'precipitation', panel: 2, caption: 'Mean radius', unit: 'nm' },
  { chart: 'precipitation', panel: 1, caption: 'Volume fraction', unit: '–' },
];

const CHART_HEIGHT_PX = 240;
const PROFILE_HEIGHT_PX = 140;

/** Width for a chart in `box`: its content width, never below a usable minimum. */
const widthOf = (box: HTMLElement) => Math.max(240, Math.floor(box.clientWidth));

export interface PreviewCharts {
  show(charts: ChartSpec[]): void;
}

/** The preview charts in `container`, redrawn on every result and resized with the container. */
export function createPreviewCharts(container: HTMLElement): PreviewCharts {
  const doc = container.ownerDocument;
  let plots: { plot: uPlot; box: HTMLElement }[] = [];
  new ResizeObserver(() => {
    // Only a new width redraws: new charts change the container's height, and redrawing all four for
    // that came between a result and its paint.
    for (const { plot, box } of plots) {
      const width = widthOf(box);
      if (width !== plot.width) plot.setSize({ width, height: CHART_HEIGHT_PX });
    }
  }).observe(container);

  return {
    show(charts) {
      for (const { plot } of plots) plot.destroy();
      const figures = PREVIEW_PANELS.map(({ chart, panel, caption, unit }) => {
        const spec = charts.find((c) => c.name === chart);
        const box = h(doc, 'div', { class: 'plot' });
        const figure = h(doc, 'figure', { class: 'chart', 'data-chart': `${chart}-${panel}` }, [
          h(doc, 'figcaption', {}, [`${caption} (${unit})`]),
          box,
        ]);
        return { spec, panel, unit, box, figure };
      });
      const legend = charts.find((c) => c.name === 'yield_strength')?.legend ?? [];
      container.replaceChildren(legendOf(doc, legend), ...figures.map((f) => f.figure));
      // Every width before any chart is built: a read after a chart's DOM was added forces a layout.
      const widths = figures.map(({ box }) => widthOf(box));
      plots = figures.flatMap(({ spec, panel, unit, box }, k) => {
        if (!spec) return [];
        const { options, data } = uplotPanel(spec, panel, widths[k], CHART_HEIGHT_PX);
        // One legend for all four charts; the caption names the quantity, so the y label is its unit.
        const [x, y] = options.axes ?? [];
        const plain = {
          ...options,
          title: undefined,
          legend: { show: false },
          axes: [x, { ...y, label: unit }],
        };
        return [{ plot: new uPlot(plain, data, box), box }];
      });
    },
  };
}

/** The phases' colours (and the dashed total) shared by the preview charts. */
function legendOf(doc: Document, entries: LegendEntry[]): HTMLElement {
  return h(
    doc,
    'ul',
    { class: 'legend', 'aria-label': 'Legend' },
    entries.map((e) =>
      h(doc, 'li', {}, [
        h(doc, 'span', {
          class: `swatch${e.dash ? ' dashed' : ''}`,
          style: `border-color: ${e.color}`,
          'aria-hidden': 'true',
        }),
        e.label,
      ]),
    ),
  );
}

export interface ProfileChart {
  update(curve: ProfileCurve): void;
}

/** The T(t) chart under the profile table. */
export function createProfileChart(container: HTMLElement): ProfileChart {
  let plot: uPlot | undefined;
  new ResizeObserver(() => plot?.setSize({ width: widthOf(container), height: PROFILE_HEIGHT_PX })).observe(
    container,
  );
  return {
    update(curve) {
      const data: uPlot.AlignedData = [curve.hours, curve.celsius];
      if (plot) {
        plot.setData(data);
        return;
      }
      plot = new uPlot(
        {
          width: widthOf(container),
          height: PROFILE_HEIGHT_PX,
          legend: { show: false },
          cursor: { show: false },
          scales: { x: { time: false } },
          axes: [
            { label: 'Time (h)', size: 36 },
            { label: 'T (°C)', size: 48 },
          ],
          series: [{}, { label: 'T (°C)', stroke: '#b2182b', width: 2 }],
        },
        data,
        container,
      );
    },
  };
}
