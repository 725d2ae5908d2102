// A heatmap figure as SVG: a value per cell of a (x, y) grid as colour, iso-value contours (marching
// squares through the cell centres), optional lines on top (a peak-time line) and a colour bar. Isomorphic.
import { axisFraction, logRangeAxis, type Axis } from './scales.js';
import { FONT_FAMILY, SIZES } from './style.js';

export interface HeatmapLine {
  label: string;
  color: string;
  points: [number, number][];
}

export interface HeatmapSpec {
  file: string;
  title: string;
  subtitle: string;
  x: Axis;
  y: Axis;
  /** Cell centres along x and y; values[j][i] is at (xCenters[i], yCenters[j]) (null: no value). */
  xCenters: number[];
  yCenters: number[];
  values: (number | null)[][];
  colorLabel: string;
  /** Levels of the iso-value contours drawn (and labelled). */
  contours: number[];
  lines: HeatmapLine[];
  /** Write each cell's value in it (small grids). */
  annotate?: boolean;
}

const W = 1600;
const H = 1000;
const PLOT = { x: 150, y: 130, width: 1180, height: 740 };
const esc = (s: string) =>
  s.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c] ?? c);
const px = (v: number) => String(Math.round(v * 10) / 10);

/** Viridis at five stops, interpolated: readable in grey and with the common colour-vision deficiencies. */
const STOPS = [
  [68, 1, 84],
  [59, 82, 139],
  [33, 145, 140],
  [94, 201, 98],
  [253, 231, 37],
];

export function colorAt(fraction: number): string {
  const f = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0)) * (STOPS.length - 1);
  const k = Math.min(STOPS.length - 2, Math.floor(f));
  const t = f - k;
  const rgb = STOPS[k].map((c, i) => Math.round(c + (STOPS[k + 1][i] - c) * t));
  return `rgb(${rgb.join(',')})`;
}

/** A round step for about `target` ticks over a span. */
function niceStep(span: number, target: number): number {
  const raw = span / target;
  const decade = Math.pow(10, Math.floor(Math.log10(raw)));
  const m = raw / decade;
  return (m <= 1.5 ? 1 : m <= 3 ? 2 : m <= 7 ? 5 : 10) * decade;
}

/** Round levels spanning [min, max] (about `target` of them). */
export function niceLevels(min: number, max: number, target = 8): number[] {
  if (!(max > min)) return [];
  const step = niceStep(max - min, target);
  const out: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + 1e-9 * step; v += step)
    out.push(Number(v.toPrecision(10)));
  return out;
}

/** An axis over exactly [min, max]: linear with round ticks, or log (plain labels). */
export function spanAxis(label: string, min: number, max: number, scale: 'linear' | 'log'): Axis {
  if (scale === 'log') return logRangeAxis(label, min, max);
  const lo = max > min ? min : min - 0.5;
  const hi = max > min ? max : max + 0.5;
  const step = niceStep(hi - lo, 6);
  const ticks = niceLevels(lo, hi, (hi - lo) / step).map((v) => ({
    value: v,
    label: String(Number(v.toPrecision(6))),
    major: true,
  }));
  return { label, scale: 'linear', min: lo, max: hi, ticks };
}

/** Cell edges around centres: midpoints (in the axis's own scale), the outer ones at the axis ends. */
function edges(axis: Axis, centres: number[]): number[] {
  const f = centres.map((c) => axisFraction(axis, c));
  return [0, ...f.slice(1).map((v, i) => (v + f[i]) / 2), 1];
}

function cellsMarkup(spec: HeatmapSpec, lo: number, hi: number): string {
  const xe = edges(spec.x, spec.xCenters);
  const ye = edges(spec.y, spec.yCenters);
  const out: string[] = [];
  spec.values.forEach((row, j) =>
    row.forEach((v, i) => {
      if (v === null) return;
      const x0 = PLOT.x + xe[i] * PLOT.width;
      const x1 = PLOT.x + xe[i + 1] * PLOT.width;
      const y0 = PLOT.y + (1 - ye[j + 1]) * PLOT.height;
      const y1 = PLOT.y + (1 - ye[j]) * PLOT.height;
      out.push(
        `<rect class="cell" x="${px(x0)}" y="${px(y0)}" width="${px(x1 - x0 + 0.6)}" height="${px(y1 - y0 + 0.6)}" fill="${colorAt((v - lo) / (hi - lo))}"/>`,
      );
      if (spec.annotate)
        out.push(
          `<text x="${px((x0 + x1) / 2)}" y="${px((y0 + y1) / 2 + 6)}" font-size="16" text-anchor="middle" fill="${(v - lo) / (hi - lo) > 0.6 ? '#000' : '#fff'}">${Number(v.toPrecision(3))}</text>`,
        );
    }),
  );
  return out.join('');
}

const toPx = (spec: HeatmapSpec, x: number, y: number): [number, number] => [
  PLOT.x + axisFraction(spec.x, x) * PLOT.width,
  PLOT.y + (1 - axisFraction(spec.y, y)) * PLOT.height,
];

/** Segments of the `level` contour: marching squares over the grid of cell centres. */
export function contourSegments(
  values: (number | null)[][],
  level: number,
): [number, number, number, number][] {
  const segs: [number, number, number, number][] = [];
  for (let j = 0; j + 1 < values.length; j++) {
    for (let i = 0; i + 1 < values[j].length; i++) {
      const c = [values[j][i], values[j][i + 1], values[j + 1][i + 1], values[j + 1][i]];
      if (c.some((v) => v === null)) continue;
      const corners: [number, number][] = [
        [i, j],
        [i + 1, j],
        [i + 1, j + 1],
        [i, j + 1],
      ];
      const cross: [number, number][] = [];
      for (let k = 0; k < 4; k++) {
        const a = c[k] as number;
        const b = c[(k + 1) % 4] as number;
        if (a < level !== b < level) {
          const t = (level - a) / (b - a);
          const [ax, ay] = corners[k];
          const [bx, by] = corners[(k + 1) % 4];
          cross.push([ax + (bx - ax) * t, ay + (by - ay) * t]);
        }
      }
      for (let k = 0; k + 1 < cross.length; k += 2) segs.push([...cross[k], ...cross[k + 1]]);
    }
  }
  return segs;
}

/** Grid coordinates (fractional indices) to data values, interpolating between the centres. */
const at = (centres: number[], g: number) => {
  const k = Math.min(centres.length - 2, Math.floor(g));
  return centres[k] + (centres[k + 1] - centres[k]) * (g - k);
};

function contoursMarkup(spec: HeatmapSpec): string {
  if (spec.xCenters.length < 2 || spec.yCenters.length < 2) return '';
  const logX = spec.x.scale === 'log';
  const xAt = (g: number) => (logX ? Math.exp(at(spec.xCenters.map(Math.log), g)) : at(spec.xCenters, g));
  return spec.contours
    .map((level, n) => {
      const segs = contourSegments(spec.values, level);
      if (segs.length === 0) return '';
      const d = segs
        .map(([x0, y0, x1, y1]) => {
          const [a, b] = toPx(spec, xAt(x0), at(spec.yCenters, y0));
          const [c, e] = toPx(spec, xAt(x1), at(spec.yCenters, y1));
          return `M${px(a)} ${px(b)}L${px(c)} ${px(e)}`;
        })
        .join('');
      // Labels spread along the contours (each at a different share of its segments) so they do not pile up.
      const label = segs[Math.floor((segs.length * (n + 0.5)) / spec.contours.length)];
      const [lx, ly] = toPx(spec, xAt(label[0]), at(spec.yCenters, label[1]));
      return `<path class="contour" data-level="${level}" d="${d}" fill="none" stroke="#fff" stroke-width="1.6" stroke-opacity="0.85"/><text x="${px(lx + 4)}" y="${px(ly - 4)}" font-size="15" fill="#fff">${level}</text>`;
    })
    .join('');
}

function linesMarkup(spec: HeatmapSpec): string {
  return spec.lines
    .map((line) => {
      const d = line.points
        .map(([x, y], k) => `${k ? 'L' : 'M'}${toPx(spec, x, y).map(px).join(' ')}`)
        .join('');
      return `<path class="line" data-line="${esc(line.label)}" d="${d}" fill="none" stroke="${line.color}" stroke-width="3.5" stroke-dasharray="10 6"/>`;
    })
    .join('');
}

function axesMarkup(spec: HeatmapSpec): string {
  const out: string[] = [];
  const bottom = PLOT.y + PLOT.height;
  for (const t of spec.x.ticks) {
    const x = PLOT.x + axisFraction(spec.x, t.value) * PLOT.width;
    out.push(
      `<line x1="${px(x)}" y1="${px(bottom)}" x2="${px(x)}" y2="${px(bottom + (t.major ? 8 : 4))}" stroke="#333"/>`,
    );
    if (t.label)
      out.push(
        `<text x="${px(x)}" y="${px(bottom + 28)}" font-size="${SIZES.tickLabel}" text-anchor="middle">${esc(t.label)}</text>`,
      );
  }
  for (const t of spec.y.ticks) {
    const y = PLOT.y + (1 - axisFraction(spec.y, t.value)) * PLOT.height;
    out.push(
      `<line x1="${px(PLOT.x - (t.major ? 8 : 4))}" y1="${px(y)}" x2="${PLOT.x}" y2="${px(y)}" stroke="#333"/>`,
    );
    if (t.label)
      out.push(
        `<text x="${PLOT.x - 12}" y="${px(y + 6)}" font-size="${SIZES.tickLabel}" text-anchor="end">${esc(t.label)}</text>`,
      );
  }
  const yMid = PLOT.y + PLOT.height / 2;
  out.push(
    `<text x="${PLOT.x + PLOT.width / 2}" y="${bottom + 62}" font-size="${SIZES.axisLabel}" text-anchor="middle">${esc(spec.x.label)}</text>`,
  );
  out.push(
    `<text x="40" y="${yMid}" transform="rotate(-90 40 ${yMid})" font-size="${SIZES.axisLabel}" text-anchor="middle">${esc(spec.y.label)}</text>`,
  );
  out.push(
    `<rect x="${PLOT.x}" y="${PLOT.y}" width="${PLOT.width}" height="${PLOT.height}" fill="none" stroke="#333" stroke-width="1.2"/>`,
  );
  return out.join('');
}

function colorBarMarkup(spec: HeatmapSpec, lo: number, hi: number): string {
  const x = PLOT.x + PLOT.width + 50;
  const n = 60;
  const out: string[] = [];
  for (let k = 0; k < n; k++) {
    const y = PLOT.y + PLOT.height * (1 - (k + 1) / n);
    out.push(
      `<rect x="${x}" y="${px(y)}" width="34" height="${px(PLOT.height / n + 0.6)}" fill="${colorAt((k + 0.5) / n)}"/>`,
    );
  }
  for (const v of niceLevels(lo, hi, 6)) {
    const y = PLOT.y + PLOT.height * (1 - (v - lo) / (hi - lo));
    out.push(
      `<text x="${x + 42}" y="${px(y + 6)}" font-size="${SIZES.tickLabel}">${Number(v.toPrecision(6))}</text>`,
    );
  }
  const yMid = PLOT.y + PLOT.height / 2;
  out.push(
    `<text x="${W - 24}" y="${yMid}" transform="rotate(-90 ${W - 24} ${yMid})" font-size="${SIZES.axisLabel}" text-anchor="middle">${esc(spec.colorLabel)}</text>`,
  );
  return out.join('');
}

export function renderHeatmapSvg(spec: HeatmapSpec): string {
  const finite = spec.values.flat().filter((v): v is number => v !== null && Number.isFinite(v));
  const lo = finite.length ? Math.min(...finite) : 0;
  const hi = finite.length && Math.max(...finite) > lo ? Math.max(...finite) : lo + 1;
  const legend = spec.lines
    .map(
      (l, k) =>
        `<line x1="${PLOT.x + 20 + k * 300}" y1="110" x2="${PLOT.x + 60 + k * 300}" y2="110" stroke="${l.color}" stroke-width="3.5" stroke-dasharray="10 6"/><text x="${PLOT.x + 68 + k * 300}" y="116" font-size="${SIZES.legend}">${esc(l.label)}</text>`,
    )
    .join('');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="${FONT_FAMILY}">`,
    `<title>${esc(spec.title)}</title><rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="${W / 2}" y="42" font-size="${SIZES.title}" font-weight="bold" text-anchor="middle">${esc(spec.title)}</text>`,
    `<text x="${W / 2}" y="74" font-size="${SIZES.subtitle}" fill="#444" text-anchor="middle">${esc(spec.subtitle)}</text>`,
    legend,
    `<clipPath id="plot-${spec.file}"><rect x="${PLOT.x}" y="${PLOT.y}" width="${PLOT.width}" height="${PLOT.height}"/></clipPath>`,
    `<g clip-path="url(#plot-${spec.file})">${cellsMarkup(spec, lo, hi)}${contoursMarkup(spec)}${linesMarkup(spec)}</g>`,
    axesMarkup(spec),
    colorBarMarkup(spec, lo, hi),
    '</svg>\n',
  ].join('\n');
}
