// The Calibrate view's figure on a canvas: the measurements with ± sd bars, the best curve so far and the
// 5–95 % band of the model curve (the live ensemble's while sampling, the posterior's at the end), over
// log time; number densities on a log axis. Axis ends are written as text in the corners.
import { formatNumber } from '../dom.js';

export interface FitPicture {
  data: { timeHours: number; value: number; sd: number }[];
  curveTimesHours: number[];
  best?: number[];
  band?: { low: number[]; high: number[] };
  logValues: boolean;
  label: string;
}

const MARGIN = { left: 56, right: 12, top: 12, bottom: 28 };

function extent(values: number[], log: boolean): [number, number] {
  const finite = values.filter((v) => Number.isFinite(v) && (!log || v > 0));
  let low = Math.min(...finite);
  let high = Math.max(...finite);
  if (!log) {
    const pad = (high - low) * 0.05 || Math.abs(high) * 0.05 || 1;
    return [Math.min(0, low - pad), high + pad];
  }
  if (low === high) [low, high] = [low / 2, high * 2];
  return [low, high];
}

export function drawFit(canvas: HTMLCanvasElement, picture: FitPicture): void {
  const context = canvas.getContext('2d') as CanvasRenderingContext2D;
  const { width, height } = canvas;
  const { data, curveTimesHours: times, logValues } = picture;
  const allTimes = [...times, ...data.map((d) => d.timeHours)].filter((t) => t > 0);
  const t0 = Math.log(Math.min(...allTimes));
  const t1 = Math.log(Math.max(...allTimes));
  const values = [
    ...data.flatMap((d) => [d.value - d.sd, d.value + d.sd]),
    ...(picture.best ?? []),
    ...(picture.band ? [...picture.band.low, ...picture.band.high] : []),
  ];
  const [v0, v1] = extent(values, logValues);
  const f = (v: number) => (logValues ? Math.log(Math.max(v, v0)) : v);
  const x = (t: number) =>
    MARGIN.left +
    ((Math.log(Math.max(t, Math.exp(t0))) - t0) / (t1 - t0 || 1)) * (width - MARGIN.left - MARGIN.right);
  const y = (v: number) =>
    height - MARGIN.bottom - ((f(v) - f(v0)) / (f(v1) - f(v0) || 1)) * (height - MARGIN.top - MARGIN.bottom);
  context.clearRect(0, 0, width, height);
  context.strokeStyle = '#888';
  context.strokeRect(
    MARGIN.left,
    MARGIN.top,
    width - MARGIN.left - MARGIN.right,
    height - MARGIN.top - MARGIN.bottom,
  );
  if (picture.band) {
    const { low, high } = picture.band;
    context.fillStyle = 'rgba(31, 119, 180, 0.25)';
    context.beginPath();
    times.forEach((t, i) => (i === 0 ? context.moveTo(x(t), y(high[i])) : context.lineTo(x(t), y(high[i]))));
    for (let i = times.length - 1; i >= 0; i--) context.lineTo(x(times[i]), y(low[i]));
    context.closePath();
    context.fill();
  }
  if (picture.best) {
    context.strokeStyle = '#1f77b4';
    context.lineWidth = 2;
    context.beginPath();
    times.forEach((t, i) =>
      i === 0 ? context.moveTo(x(t), y(picture.best![i])) : context.lineTo(x(t), y(picture.best![i])),
    );
    context.stroke();
  }
  context.strokeStyle = '#d62728';
  context.fillStyle = '#d62728';
  context.lineWidth = 1;
  for (const d of data) {
    context.beginPath();
    context.moveTo(x(d.timeHours), y(d.value - d.sd));
    context.lineTo(x(d.timeHours), y(d.value + d.sd));
    context.stroke();
    context.fillRect(x(d.timeHours) - 2.5, y(d.value) - 2.5, 5, 5);
  }
  context.fillStyle = '#333';
  context.font = '11px sans-serif';
  context.fillText(formatNumber(v1), 2, MARGIN.top + 8);
  context.fillText(formatNumber(v0), 2, height - MARGIN.bottom);
  context.fillText(picture.label, MARGIN.left + 4, MARGIN.top + 12);
  context.fillText(`${formatNumber(Math.exp(t0))} h`, MARGIN.left, height - 8);
  const last = `${formatNumber(Math.exp(t1))} h (log time)`;
  context.fillText(last, width - MARGIN.right - context.measureText(last).width, height - 8);
}
