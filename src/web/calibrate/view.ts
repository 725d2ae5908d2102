// The "Calibrate" view: measurements (pasted, uploaded, or the AA6063 example) for the form's alloy and
// schedule, parameters chosen with their bounds; the optimiser then the ensemble sampler run on the
// page's Web Workers (runner.ts), the fit and the 5–95 % band drawn as batches finish; "use these
// parameters" carries the fitted config into the form (and so into the preview and the Map view). The
// document and the result are offered for download (the CLI takes the same document).
import { calibrate } from '../../calibrate/calibrate.js';
import { checkCalibration } from '../../calibrate/document.js';
import type { CalibrationResult } from '../../calibrate/summary.js';
import type { SimulationConfig } from '../../request/validate.js';
import { formatNumber, h } from '../dom.js';
import { createControls } from './controls.js';
import { measurementsCsv, parseMeasurements } from './csv.js';
import { calibrationDocument } from './document.js';
import { drawFit, type FitPicture } from './draw.js';
import { EXAMPLE, EXAMPLE_MEASUREMENTS } from './example.js';
import { createLiveFit } from './live.js';
import { createWorkerRunner } from './runner.js';

export interface CalibrateViewDeps {
  /** The form's current request body: the alloy, schedule, phases and config. */
  currentBody(): Record<string, unknown>;
  /** Puts a fitted config into the single-run form. */
  useConfig(config: SimulationConfig): void;
}

/** Longest experiment: the CLI's default (runs stay in this browser; the AA6063 curve goes to 504 h). */
export const LOCAL_MAX_HOURS = 1000;

function downloadLink(doc: Document, id: string, name: string, label: string) {
  const a = h(doc, 'a', { id, download: name, hidden: true }, [label]);
  const offer = (value: unknown) => {
    if (a.href) URL.revokeObjectURL(a.href);
    a.href = URL.createObjectURL(new Blob([JSON.stringify(value, null, 2)], { type: 'application/json' }));
    a.hidden = false;
  };
  return { a, offer };
}

function resultTable(doc: Document, result: CalibrationResult): HTMLTableElement {
  const cells = (values: string[], tag: 'td' | 'th' = 'td') => values.map((v) => h(doc, tag, {}, [v]));
  const rows = Object.entries(result.best.values).map(([name, best]) => {
    const interval = result.posterior?.interval_90[name];
    const median = result.posterior?.median[name];
    return h(doc, 'tr', {}, [
      h(doc, 'th', { scope: 'row' }, [name]),
      ...cells([
        formatNumber(best),
        median === undefined ? '–' : formatNumber(median),
        interval ? `${formatNumber(interval[0])} – ${formatNumber(interval[1])}` : '–',
      ]),
    ]);
  });
  return h(doc, 'table', { id: 'calibrate-results' }, [
    h(doc, 'thead', {}, [h(doc, 'tr', {}, cells(['parameter', 'best', 'median', '90 % interval'], 'th'))]),
    h(doc, 'tbody', {}, rows),
  ]);
}

export function mountCalibrateView(root: HTMLElement, deps: CalibrateViewDeps): void {
  const doc = root.ownerDocument;
  const controls = createControls(doc);
  const run = h(doc, 'button', { type: 'button', id: 'calibrate-run', class: 'primary' }, ['Calibrate']);
  const stop = h(doc, 'button', { type: 'button', id: 'calibrate-stop', disabled: true }, ['Stop']);
  const use = h(doc, 'button', { type: 'button', id: 'calibrate-use', disabled: true }, [
    'Use these parameters',
  ]);
  const canvas = h(doc, 'canvas', { id: 'calibrate-canvas', width: 600, height: 280, 'aria-label': 'Fit' });
  const status = h(doc, 'p', { id: 'calibrate-status', class: 'message', role: 'status' });
  const table = h(doc, 'div', { id: 'calibrate-table' });
  const documentLink = downloadLink(doc, 'calibrate-document', 'calibration.json', 'The document (JSON)');
  const resultLink = downloadLink(doc, 'calibrate-result', 'calibration-result.json', 'The result (JSON)');
  root.append(
    h(doc, 'h2', { id: 'calibrate-heading' }, ['Calibrate: fit the model to measurements']),
    controls.element,
    h(doc, 'div', { class: 'calibrate-buttons' }, [run, stop, use]),
    status,
    canvas,
    table,
    h(doc, 'p', {}, [documentLink.a, ' ', resultLink.a]),
  );
  root.dataset.state = 'idle';
  let stopRun: (() => void) | undefined;
  let fitted: SimulationConfig | undefined;

  controls.alloy.addEventListener('change', () => {
    if (controls.alloy.value !== 'example') return;
    controls.quantity.value = EXAMPLE.quantity;
    controls.csv.value = measurementsCsv(EXAMPLE_MEASUREMENTS);
  });
  const fail = (message: string, line?: number) => {
    root.dataset.state = 'error';
    status.textContent = message;
    if (line === undefined) return;
    root.dataset.errorLine = String(line);
    controls.csv.setAttribute('aria-invalid', 'true');
    const start =
      controls.csv.value
        .split('\n')
        .slice(0, line - 1)
        .join('\n').length + (line > 1 ? 1 : 0);
    controls.csv.setSelectionRange(start, controls.csv.value.indexOf('\n', start) >>> 0);
  };

  const start = async () => {
    const settings = controls.read();
    delete root.dataset.errorLine;
    controls.csv.removeAttribute('aria-invalid');
    const parsed = parseMeasurements(controls.csv.value, settings.quantity);
    if (!parsed.ok) return fail(`Measurements: ${parsed.message}`, parsed.line);
    if (settings.parameters.length === 0) return fail('Choose at least one parameter.');
    const body = deps.currentBody();
    const document = calibrationDocument({ ...settings, body, measurements: parsed.measurements });
    documentLink.offer(document);
    const checked = checkCalibration(document, { maxSimulationHours: LOCAL_MAX_HOURS });
    if (!checked.ok) return fail(checked.issues.map((i) => `${i.path}: ${i.message}`).join('; '));
    const runner = createWorkerRunner();
    const controller = new AbortController();
    stopRun = () => (controller.abort(), runner.close());
    const observations = checked.plan.experiments[0].observations;
    const live = createLiveFit(observations);
    const picture = (): FitPicture => ({
      data: observations.map((o) => ({ timeHours: o.timeHours, value: o.value, sd: o.sd })),
      curveTimesHours: [],
      logValues: settings.quantity === 'number_density_per_m3',
      label: settings.quantity,
    });
    let phase = 'optimise';
    runner.onBatch = (tasks, out) => {
      live.add(out, phase === 'sample');
      const { best, band } = live.current;
      drawFit(canvas, { ...picture(), curveTimesHours: tasks[0].spec.curveTimesHours, best, band });
      if (band) root.dataset.band = 'live';
    };
    Object.assign(root.dataset, { state: 'running', band: '' });
    [run.disabled, stop.disabled, use.disabled] = [true, false, true];
    const startedMs = performance.now();
    try {
      const result = await calibrate(checked.plan, runner, {
        signal: controller.signal,
        onProgress: (p) => {
          phase = p.phase;
          status.textContent = `${p.phase === 'optimise' ? 'Best fit' : 'Sampling'}: ${p.done} of ${p.total}, ${p.runs} runs on ${runner.size} workers, best χ² ${formatNumber(p.bestChiSquared)}`;
        },
      });
      const seconds = (performance.now() - startedMs) / 1000;
      showResult(result, picture(), seconds);
    } catch (error) {
      fail(controller.signal.aborted ? 'Stopped.' : `Calibration failed: ${(error as Error).message}`);
    } finally {
      runner.close();
      [run.disabled, stop.disabled] = [false, true];
    }
  };

  const showResult = (result: CalibrationResult, base: FitPicture, seconds: number) => {
    const curve = result.fit.per_experiment[0].curves[0];
    const band = curve.band_5 && curve.band_95 ? { low: curve.band_5, high: curve.band_95 } : undefined;
    drawFit(canvas, { ...base, curveTimesHours: curve.time_hours, best: curve.best, band });
    resultLink.offer(result);
    table.replaceChildren(resultTable(doc, result));
    fitted = result.best.request_config;
    use.disabled = false;
    const rms = Object.entries(result.fit.rms).map(([k, v]) => `RMS ${k} ${formatNumber(v)}`);
    status.textContent = `Done in ${formatNumber(seconds, 3)} s: ${result.runs.total} runs (${formatNumber(result.runs.runs_per_second, 3)} per second); ${rms.join(', ')}.`;
    Object.assign(root.dataset, {
      state: 'done',
      band: band ? 'posterior' : '',
      seconds: String(seconds),
      runs: String(result.runs.total),
      engineSeconds: String(result.runs.engine_seconds),
    });
  };

  run.addEventListener('click', () => void start());
  stop.addEventListener('click', () => stopRun?.());
  use.addEventListener('click', () => {
    if (fitted) deps.useConfig(fitted);
  });
}
