// The figures of a calibration: for each experiment its measurements (± sd) with the best fit and the
// posterior's 5-95 % band, one panel per measured quantity; and the posterior's corner plot (histograms
// of each parameter, and the draws of each pair). Isomorphic (SVG strings).
import type { CalibrationResult, CurveFit, ExperimentFit, Posterior } from '../calibrate/summary.js';
import {
  bandPath,
  clipped,
  frameSvg,
  label,
  linePath,
  measuredPoint,
  svgDocument,
  timeMarker,
  toPx,
  type Frame,
} from './calibration-svg.js';
import { linearAxis, logAxis, logRangeAxis, type Axis } from './scales.js';
import { spanAxis } from './sweep-map.js';

export interface CalibrationFigure {
  file: string;
  svg: string;
}

const FIT_COLOR = '#1f5fa8';
const QUANTITY_LABELS: Record<string, string> = {
  yield_strength_mpa: 'yield strength (MPa)',
  hardness_hv: 'hardness (HV)',
  mean_radius_nm: 'mean radius (nm)',
  number_density_per_m3: 'number density (m⁻³)',
  volume_fraction: 'volume fraction',
};
const PANEL = { width: 620, height: 380, left: 100, top: 110, gapX: 130, gapY: 120 };

function valueAxis(curve: CurveFit, measured: number[]): Axis {
  const name = `${QUANTITY_LABELS[curve.quantity]}${curve.phase ? ` ${curve.phase}` : ''}`;
  const series = [curve.best, curve.band_5 ?? [], curve.band_95 ?? [], measured];
  return curve.quantity === 'number_density_per_m3'
    ? logAxis(name, series)
    : linearAxis(name, [...series, [0]]);
}

/** The measured time to peak (dashed) and the best fit's (dotted) on the panel of its quantity. */
function peakMarkers(fit: ExperimentFit, curve: CurveFit, frame: Frame): string {
  if (curve.phase) return '';
  return fit.peak_times
    .filter((p) => p.quantity === curve.quantity)
    .map(
      (p) =>
        timeMarker(frame, p.measured_time_hours, '#000', '6 4', 'measured-peak') +
        timeMarker(frame, p.model_time_hours, FIT_COLOR, '2 3', 'model-peak'),
    )
    .join('');
}

function curvePanel(fit: ExperimentFit, curve: CurveFit, k: number, columns: number, id: string): string {
  const points = fit.observations.filter(
    (o) => o.quantity === curve.quantity && (o.phase ?? '') === (curve.phase ?? ''),
  );
  const times = curve.time_hours;
  const box = {
    x: PANEL.left + (k % columns) * (PANEL.width + PANEL.gapX),
    y: PANEL.top + Math.floor(k / columns) * (PANEL.height + PANEL.gapY),
    width: PANEL.width,
    height: PANEL.height,
  };
  const x = logRangeAxis(
    'ageing time (h)',
    Math.min(times[0], ...points.map((p) => p.time_hours)),
    times[times.length - 1],
  );
  const frame: Frame = {
    x,
    y: valueAxis(
      curve,
      points.map((p) => p.measured),
    ),
    box,
  };
  const band =
    curve.band_5 && curve.band_95 ? bandPath(frame, times, curve.band_5, curve.band_95, FIT_COLOR) : '';
  const body =
    band +
    linePath(frame, times, curve.best, FIT_COLOR, 2.5, 'best-fit') +
    points.map((p) => measuredPoint(frame, p.time_hours, p.measured, p.sd)).join('') +
    peakMarkers(fit, curve, frame);
  const rms =
    fit.rms[curve.quantity === 'number_density_per_m3' ? `${curve.quantity}_log10` : curve.quantity];
  const title = `${QUANTITY_LABELS[curve.quantity]}: rms ${rms?.toPrecision(3) ?? '–'}${curve.quantity === 'number_density_per_m3' ? ' (log10)' : ''}`;
  return frameSvg(frame, title) + clipped(`${id}-${k}`, frame, body);
}

export function fitFigure(fit: ExperimentFit, index: number): CalibrationFigure {
  const columns = Math.min(2, fit.curves.length);
  const rows = Math.ceil(fit.curves.length / columns);
  const width = PANEL.left + columns * (PANEL.width + PANEL.gapX);
  const height = PANEL.top + rows * (PANEL.height + PANEL.gapY);
  const panels = fit.curves.map((c, k) => curvePanel(fit, c, k, columns, `fit${index}`)).join('');
  const peaks = fit.peak_times.length > 0 ? ' · dashed: measured time to peak, dotted: fitted' : '';
  const legend = label(24, 62, `line: best fit · band: 5–95 % posterior · points: measured ± sd${peaks}`, 14);
  return { file: `calibration-fit-${index + 1}`, svg: svgDocument(width, height, fit.name, panels + legend) };
}

const CELL = 190;
const GAP = 70;
const BINS = 20;

function histogram(values: number[], axis: Axis, box: Frame['box']): string {
  const counts = new Array<number>(BINS).fill(0);
  for (const v of values)
    counts[Math.min(BINS - 1, Math.max(0, Math.floor(((v - axis.min) / (axis.max - axis.min)) * BINS)))]++;
  const peak = Math.max(...counts, 1);
  const w = box.width / BINS;
  return counts
    .map((c, i) => {
      const h = (c / peak) * box.height * 0.9;
      return `<rect x="${(box.x + i * w).toFixed(1)}" y="${(box.y + box.height - h).toFixed(1)}" width="${(w - 1).toFixed(1)}" height="${h.toFixed(1)}" fill="${FIT_COLOR}" fill-opacity="0.6"/>`;
    })
    .join('');
}

/** At most `most` labelled ticks (a corner plot's cells are narrow). */
function thinLabels(axis: Axis, most: number): Axis {
  const every = Math.ceil(axis.ticks.length / most);
  return { ...axis, ticks: axis.ticks.map((t, i) => (i % every === 0 ? t : { ...t, label: '' })) };
}

export function cornerFigure(posterior: Posterior): CalibrationFigure {
  const names = posterior.correlation.paths;
  const d = names.length;
  const columns = names.map((_, j) => posterior.draws.map((row) => row[j]));
  const axes = columns.map((c, j) => {
    const [lo, hi] = [Math.min(...c), Math.max(...c)];
    const pad = (hi - lo) * 0.05 || Math.abs(lo) * 0.01 || 1;
    return thinLabels(spanAxis(names[j], lo - pad, hi + pad, 'linear'), 4);
  });
  const margin = 110;
  const parts: string[] = [];
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      const box = { x: margin + j * (CELL + GAP), y: 80 + i * (CELL + GAP), width: CELL, height: CELL };
      const xAxis = { ...axes[j], label: i === d - 1 ? names[j] : '' };
      if (i === j) {
        const frame: Frame = { x: xAxis, y: { label: '', scale: 'linear', min: 0, max: 1, ticks: [] }, box };
        parts.push(frameSvg(frame, '') + histogram(columns[j], axes[j], box));
        continue;
      }
      const frame: Frame = { x: xAxis, y: { ...axes[i], label: j === 0 ? names[i] : '' }, box };
      const dots = posterior.draws
        .map((row) => toPx(frame, row[j], row[i]))
        .map((p) =>
          p
            ? `<circle cx="${p[0].toFixed(1)}" cy="${p[1].toFixed(1)}" r="1.6" fill="${FIT_COLOR}" fill-opacity="0.35"/>`
            : '',
        )
        .join('');
      const r = posterior.correlation.matrix[i][j];
      parts.push(frameSvg(frame, `ρ = ${r.toFixed(2)}`) + clipped(`corner-${i}-${j}`, frame, dots));
    }
  }
  const size = margin + d * (CELL + GAP) + 40;
  const title = `Posterior: ${posterior.samples} samples (${posterior.walkers} walkers)`;
  return { file: 'calibration-corner', svg: svgDocument(size, size + 40, title, parts.join('')) };
}

export function calibrationFigures(result: CalibrationResult): CalibrationFigure[] {
  const figures = result.fit.per_experiment.map(fitFigure);
  if (result.posterior && result.posterior.correlation.paths.length > 0)
    figures.push(cornerFigure(result.posterior));
  return figures;
}
