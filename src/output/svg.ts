// Draws a ChartSpec as a standalone SVG document. Isomorphic (a string builder, no DOM), so the same
// drawing can be made on the server (and rasterised to PNG there) or in a browser.
// Every plotted series is exactly one <path class="series" data-series="…">; nothing else uses <path>.
import type { ChartSpec, LegendEntry, PanelSpec, SeriesSpec } from './chart-types.js';
import { axisFraction, type Axis } from './scales.js';
import { FONT_FAMILY, SIZES, textWidthPx } from './style.js';
import { legendLayout, panelBoxes, type Box } from './svg-layout.js';

const escapeXml = (text: string) =>
  text.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c,
  );

const px = (value: number) => String(Math.round(value * 10) / 10);

function text(x: number, y: number, content: string, attrs: string): string {
  return `<text x="${px(x)}" y="${px(y)}" ${attrs}>${escapeXml(content)}</text>`;
}

/** Pixel position of a data value on an axis spanning [from, to] px; null where the scale cannot place it. */
function place(axis: Axis, value: number | null, from: number, to: number): number | null {
  if (value === null || !Number.isFinite(value) || (axis.scale === 'log' && value <= 0)) return null;
  const f = axisFraction(axis, value);
  // Far-off points (below a log axis' floor) only need to leave the plot in the right direction.
  return from + Math.max(-50, Math.min(50, f)) * (to - from);
}

interface Placed {
  points: ([number, number] | null)[];
  inside: boolean[];
}

function placeSeries(panel: PanelSpec, box: Box, timeHours: number[], y: (number | null)[]): Placed {
  const bottom = box.y + box.height;
  const points = timeHours.map((t, i) => {
    const xPx = place(panel.x, t, box.x, box.x + box.width);
    const yPx = place(panel.y, y[i], bottom, box.y);
    return xPx === null || yPx === null ? null : ([xPx, yPx] as [number, number]);
  });
  const slack = 0.5;
  const inside = points.map(
    (p) =>
      p !== null &&
      p[0] >= box.x - slack &&
      p[0] <= box.x + box.width + slack &&
      p[1] >= box.y - slack &&
      p[1] <= bottom + slack,
  );
  return { points, inside };
}

/** A polyline with gaps: out-of-range points are kept only next to in-range ones (the clip cuts them). */
function linePath({ points, inside }: Placed): string {
  const parts: string[] = [];
  let pen = false;
  let last = '';
  points.forEach((p, i) => {
    const keep = p !== null && (inside[i] || inside[i - 1] === true || inside[i + 1] === true);
    if (!keep) {
      pen = false;
      return;
    }
    const xy = `${px(p[0])} ${px(p[1])}`;
    if (pen && xy === last) return;
    parts.push(`${pen ? 'L' : 'M'}${xy}`);
    pen = true;
    last = xy;
  });
  return parts.join('');
}

/** Closed areas between `lower` and `upper` over each run where both are defined. */
function bandPath(upper: Placed, lower: Placed): string {
  const parts: string[] = [];
  let run: number[] = [];
  const flush = () => {
    if (run.length > 1) {
      const top = run.map(
        (i, k) => `${k === 0 ? 'M' : 'L'}${px(upper.points[i]![0])} ${px(upper.points[i]![1])}`,
      );
      const base = [...run].reverse().map((i) => `L${px(lower.points[i]![0])} ${px(lower.points[i]![1])}`);
      parts.push(`${top.join('')}${base.join('')}Z`);
    }
    run = [];
  };
  upper.points.forEach((p, i) => (p !== null && lower.points[i] !== null ? run.push(i) : flush()));
  flush();
  return parts.join('');
}

function seriesPath(series: SeriesSpec, panel: PanelSpec, box: Box, chartX: number[]): string {
  const timeHours = series.x ?? chartX;
  const upper = placeSeries(panel, box, timeHours, series.y);
  const id = `class="series" data-series="${escapeXml(series.id)}"`;
  if (series.lower) {
    const d = bandPath(upper, placeSeries(panel, box, timeHours, series.lower));
    return `<path ${id} d="${d}" fill="${series.color}" fill-opacity="0.8" stroke="none"/>`;
  }
  const dash = series.dash ? ` stroke-dasharray="${series.dash.join(' ')}"` : '';
  const stroke = `stroke="${series.color}" stroke-width="${series.widthPx}"${dash}`;
  return `<path ${id} d="${linePath(upper)}" fill="none" ${stroke} stroke-linejoin="round" stroke-linecap="round"/>`;
}

/** Labels that would overlap an already placed one are dropped, decade (major) labels first. */
function visibleLabels(axis: Axis, position: (v: number) => number, sizePx: (label: string) => number) {
  const placed: [number, number][] = [];
  const order = axis.ticks.filter((t) => t.label).sort((a, b) => Number(b.major) - Number(a.major));
  return order.filter((tick) => {
    const centre = position(tick.value);
    const half = sizePx(tick.label) / 2 + 4;
    if (placed.some(([lo, hi]) => centre + half > lo && centre - half < hi)) return false;
    placed.push([centre - half, centre + half]);
    return true;
  });
}

function axesMarkup(panel: PanelSpec, box: Box): string {
  const out: string[] = [];
  const bottom = box.y + box.height;
  const right = box.x + box.width;
  const xAt = (v: number) => box.x + axisFraction(panel.x, v) * box.width;
  const yAt = (v: number) => bottom - axisFraction(panel.y, v) * box.height;
  for (const t of panel.x.ticks) {
    const x = px(xAt(t.value));
    const grid = t.major ? '#d9d9d9' : '#efefef';
    out.push(
      `<line x1="${x}" y1="${px(box.y)}" x2="${x}" y2="${px(bottom)}" stroke="${grid}" stroke-width="1"/>`,
    );
    out.push(
      `<line x1="${x}" y1="${px(bottom)}" x2="${x}" y2="${px(bottom + (t.major ? 7 : 4))}" stroke="#333"/>`,
    );
  }
  for (const t of panel.y.ticks) {
    const y = px(yAt(t.value));
    const grid = t.major ? '#d9d9d9' : '#efefef';
    out.push(
      `<line x1="${px(box.x)}" y1="${y}" x2="${px(right)}" y2="${y}" stroke="${grid}" stroke-width="1"/>`,
    );
    out.push(
      `<line x1="${px(box.x - (t.major ? 7 : 4))}" y1="${y}" x2="${px(box.x)}" y2="${y}" stroke="#333"/>`,
    );
  }
  const tick = `font-size="${SIZES.tickLabel}" fill="#222"`;
  for (const t of visibleLabels(panel.x, xAt, (l) => textWidthPx(l, SIZES.tickLabel))) {
    out.push(text(xAt(t.value), bottom + 10 + SIZES.tickLabel, t.label, `${tick} text-anchor="middle"`));
  }
  for (const t of visibleLabels(
    panel.y,
    (v) => -yAt(v),
    () => SIZES.tickLabel,
  )) {
    out.push(text(box.x - 11, yAt(t.value) + SIZES.tickLabel * 0.35, t.label, `${tick} text-anchor="end"`));
  }
  return out.join('');
}

function panelMarkup(spec: ChartSpec, panel: PanelSpec, cell: Box, box: Box, index: number): string {
  const clipId = `clip-${spec.file}-${index}`;
  const label = `font-size="${SIZES.axisLabel}" fill="#111" text-anchor="middle"`;
  const yLabelX = cell.x + SIZES.axisLabel;
  const yMid = box.y + box.height / 2;
  return [
    `<g class="panel" data-panel="${index}">`,
    panel.title
      ? text(
          box.x + box.width / 2,
          cell.y + SIZES.panelTitle,
          panel.title,
          `font-size="${SIZES.panelTitle}" font-weight="bold" text-anchor="middle"`,
        )
      : '',
    `<clipPath id="${clipId}"><rect x="${px(box.x)}" y="${px(box.y)}" width="${px(box.width)}" height="${px(box.height)}"/></clipPath>`,
    axesMarkup(panel, box),
    `<g clip-path="url(#${clipId})">`,
    ...panel.series.map((s) => seriesPath(s, panel, box, spec.timeHours)),
    '</g>',
    `<rect x="${px(box.x)}" y="${px(box.y)}" width="${px(box.width)}" height="${px(box.height)}" fill="none" stroke="#333" stroke-width="1.2"/>`,
    text(box.x + box.width / 2, cell.y + cell.height - 8, panel.x.label, label),
    `<text x="${px(yLabelX)}" y="${px(yMid)}" transform="rotate(-90 ${px(yLabelX)} ${px(yMid)})" ${label}>${escapeXml(panel.y.label)}</text>`,
    '</g>',
  ].join('');
}

function legendMarkup(
  entries: LegendEntry[],
  spec: ChartSpec,
  top: number,
): { markup: string; bottom: number } {
  const layout = legendLayout(entries, spec.widthPx, top);
  const out = layout.items.map(({ entry, x, y }) => {
    const swatch = entry.fill
      ? `<rect x="${px(x)}" y="${px(y - 9)}" width="36" height="16" fill="${entry.color}" fill-opacity="0.8"/>`
      : `<line x1="${px(x)}" y1="${px(y - 1)}" x2="${px(x + 36)}" y2="${px(y - 1)}" stroke="${entry.color}" stroke-width="3.5"${
          entry.dash ? ` stroke-dasharray="${entry.dash.join(' ')}"` : ''
        }/>`;
    return (
      swatch + text(x + 44, y + SIZES.legend * 0.35, entry.label, `font-size="${SIZES.legend}" fill="#111"`)
    );
  });
  return { markup: `<g class="legend">${out.join('')}</g>`, bottom: layout.bottom };
}

/** The chart as an SVG document of spec.widthPx × spec.heightPx. */
export function renderSvg(spec: ChartSpec): string {
  const subtitles = spec.subtitle ? spec.subtitle.split('\n') : [];
  const head = [
    text(
      spec.widthPx / 2,
      42,
      spec.title,
      `font-size="${SIZES.title}" font-weight="bold" text-anchor="middle"`,
    ),
  ];
  subtitles.forEach((line, k) => {
    head.push(
      text(
        spec.widthPx / 2,
        74 + k * 26,
        line,
        `font-size="${SIZES.subtitle}" fill="#444" text-anchor="middle"`,
      ),
    );
  });
  const legend = legendMarkup(spec.legend, spec, 74 + subtitles.length * 26 + 6);
  const boxes = panelBoxes(spec, legend.bottom + 12);
  const panels = spec.panels.map((panel, k) => panelMarkup(spec, panel, boxes[k].cell, boxes[k].plot, k));
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${spec.widthPx}" height="${spec.heightPx}" viewBox="0 0 ${spec.widthPx} ${spec.heightPx}" font-family="${FONT_FAMILY}">`,
    `<title>${escapeXml(spec.title)}</title>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    ...head,
    legend.markup,
    ...panels,
    '</svg>\n',
  ].join('\n');
}
