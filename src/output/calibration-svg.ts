// The SVG pieces of a calibration's figures: a framed plot with ticked axes, lines, bands and measured
// points with error bars. Isomorphic (strings only); the axes come from scales.ts like every other figure's.
import { axisFraction, type Axis } from './scales.js';
import { FONT_FAMILY } from './style.js';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Frame {
  x: Axis;
  y: Axis;
  box: Box;
}

const TICK_FONT_PX = 13;
const LABEL_FONT_PX = 15;
const round = (v: number) => String(Math.round(v * 10) / 10);

export const escapeXml = (text: string) =>
  text.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c,
  );

export function label(x: number, y: number, text: string, px: number, attrs = ''): string {
  return `<text x="${round(x)}" y="${round(y)}" font-size="${px}" ${attrs}>${escapeXml(text)}</text>`;
}

/** Pixel position of a data point; null where the axis cannot place it (≤ 0 on a log axis). */
export function toPx(f: Frame, xv: number, yv: number): [number, number] | null {
  if (!Number.isFinite(xv) || !Number.isFinite(yv)) return null;
  if ((f.x.scale === 'log' && xv <= 0) || (f.y.scale === 'log' && yv <= 0)) return null;
  const { box } = f;
  return [box.x + axisFraction(f.x, xv) * box.width, box.y + box.height * (1 - axisFraction(f.y, yv))];
}

/** The plot's frame, its ticks and labels, and the axis titles. */
export function frameSvg(f: Frame, title: string): string {
  const { box } = f;
  const bottom = box.y + box.height;
  const parts = [
    `<rect x="${round(box.x)}" y="${round(box.y)}" width="${round(box.width)}" height="${round(box.height)}" fill="none" stroke="#444"/>`,
  ];
  for (const t of f.x.ticks) {
    const x = box.x + axisFraction(f.x, t.value) * box.width;
    parts.push(
      `<line x1="${round(x)}" y1="${round(bottom)}" x2="${round(x)}" y2="${round(bottom + (t.major ? 6 : 3))}" stroke="#444"/>`,
    );
    if (t.label) parts.push(label(x, bottom + 20, t.label, TICK_FONT_PX, 'text-anchor="middle"'));
  }
  for (const t of f.y.ticks) {
    const y = bottom - axisFraction(f.y, t.value) * box.height;
    parts.push(
      `<line x1="${round(box.x - (t.major ? 6 : 3))}" y1="${round(y)}" x2="${round(box.x)}" y2="${round(y)}" stroke="#444"/>`,
    );
    if (t.label) parts.push(label(box.x - 9, y + 4, t.label, TICK_FONT_PX, 'text-anchor="end"'));
  }
  parts.push(label(box.x + box.width / 2, bottom + 42, f.x.label, LABEL_FONT_PX, 'text-anchor="middle"'));
  const yMid = box.y + box.height / 2;
  parts.push(
    label(
      box.x - 62,
      yMid,
      f.y.label,
      LABEL_FONT_PX,
      `text-anchor="middle" transform="rotate(-90 ${round(box.x - 62)} ${round(yMid)})"`,
    ),
  );
  if (title) parts.push(label(box.x, box.y - 10, title, LABEL_FONT_PX, 'font-weight="bold"'));
  return parts.join('');
}

/** Everything drawn inside the frame is clipped to it. */
export function clipped(id: string, f: Frame, body: string): string {
  const { box } = f;
  return `<clipPath id="${id}"><rect x="${round(box.x)}" y="${round(box.y)}" width="${round(box.width)}" height="${round(box.height)}"/></clipPath><g clip-path="url(#${id})">${body}</g>`;
}

export function linePath(
  f: Frame,
  xs: number[],
  ys: number[],
  color: string,
  widthPx: number,
  cls: string,
): string {
  const points = xs.map((x, i) => toPx(f, x, ys[i])).filter((p): p is [number, number] => p !== null);
  if (points.length < 2) return '';
  const d = points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${round(x)} ${round(y)}`).join('');
  return `<path class="${cls}" d="${d}" fill="none" stroke="${color}" stroke-width="${widthPx}"/>`;
}

/** The area between two curves (a prediction band). */
export function bandPath(f: Frame, xs: number[], low: number[], high: number[], color: string): string {
  const upper = xs.map((x, i) => toPx(f, x, high[i]));
  const lower = xs.map((x, i) => toPx(f, x, low[i]));
  const ring = [...upper, ...lower.reverse()].filter((p): p is [number, number] => p !== null);
  if (ring.length < 3) return '';
  const d = ring.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${round(x)} ${round(y)}`).join('') + 'Z';
  return `<path class="band" d="${d}" fill="${color}" fill-opacity="0.25" stroke="none"/>`;
}

/** A vertical line across the frame at time x (a time to peak). */
export function timeMarker(f: Frame, x: number, color: string, dash: string, cls: string): string {
  const top = toPx(f, x, f.y.max);
  if (!top) return '';
  const bottom = f.box.y + f.box.height;
  return `<line class="${cls}" x1="${round(top[0])}" y1="${round(f.box.y)}" x2="${round(top[0])}" y2="${round(bottom)}" stroke="${color}" stroke-width="1.5" stroke-dasharray="${dash}"/>`;
}

/** A measured point with its ± sd bar. */
export function measuredPoint(f: Frame, x: number, y: number, sd: number): string {
  const centre = toPx(f, x, y);
  if (!centre) return '';
  const top = toPx(f, x, y + sd);
  const foot = toPx(f, x, Math.max(y - sd, f.y.scale === 'log' ? y / 10 : -Infinity));
  const bar =
    top && foot
      ? `<line x1="${round(centre[0])}" y1="${round(top[1])}" x2="${round(centre[0])}" y2="${round(foot[1])}" stroke="#000"/>`
      : '';
  return `${bar}<circle class="measured" cx="${round(centre[0])}" cy="${round(centre[1])}" r="4" fill="#fff" stroke="#000" stroke-width="1.5"/>`;
}

export function svgDocument(widthPx: number, heightPx: number, title: string, body: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${widthPx}" height="${heightPx}" viewBox="0 0 ${widthPx} ${heightPx}" font-family="${escapeXml(FONT_FAMILY)}">` +
    `<rect width="100%" height="100%" fill="#fff"/>${label(24, 34, title, 22, 'font-weight="bold"')}${body}</svg>`
  );
}
