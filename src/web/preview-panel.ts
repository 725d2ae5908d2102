// The preview section: sends valid requests to the worker and shows the newest result (peak and final
// yield strength, four charts). data-state and data-checkpoints on the section and a performance mark
// per shown preview are for tests and the benchmark (bench/preview.ts).
import type { SimulationRequest } from '../request/validate.js';
import { createPreviewCharts } from './charts.js';
import { byId, formatNumber, h } from './dom.js';
import { createPreviewer, type WorkerPort } from './preview/client.js';
import type { PreviewResult } from './preview/protocol.js';
import { PEAK_NOT_REACHED } from '../output/style.js';
import { shownMPa } from './results.js';
import { sizeDistributionView } from './size-view.js';

export interface PreviewPanel {
  request(request: SimulationRequest, immediate: boolean): void;
  /** The form is invalid: stop previewing and say that the charts show the last valid input. */
  invalid(): void;
}

export const PREVIEW_MARK = 'preview-shown';

export function createPreviewPanel(
  doc: Document,
  worker: WorkerPort,
  /** Called with each shown result (the phone layout notes its peak on the Preview tab). */
  onShown: (result: PreviewResult) => void = () => {},
): PreviewPanel {
  const section = byId(doc, 'preview');
  const summary = byId(doc, 'preview-summary');
  const message = byId(doc, 'preview-message');
  const progress = byId<HTMLProgressElement>(doc, 'preview-progress');
  const charts = createPreviewCharts(byId(doc, 'preview-charts'));
  const sizes = byId(doc, 'preview-sizes');
  const testid = (id: string) => section.querySelector(`[data-testid="${id}"]`) as HTMLElement;
  let shown = 0;

  const setState = (state: string, text: string) => {
    section.dataset.state = state;
    message.textContent = text;
  };

  const showResult = (result: PreviewResult, id: number) => {
    const s = result.summary;
    const final = testid('preview-final-ys');
    final.textContent = shownMPa(s.total_yield_strength_mpa);
    final.dataset.value = String(s.total_yield_strength_mpa);
    testid('preview-peak-ys').textContent = shownMPa(s.peak_yield_strength_mpa);
    testid('preview-peak-ys').dataset.value = String(s.peak_yield_strength_mpa);
    testid('preview-peak-time').textContent = formatNumber(s.peak_yield_strength_time_hours);
    const hardness = testid('preview-hardness');
    if (hardness) {
      hardness.textContent = formatNumber(s.hardness_hv);
      hardness.dataset.value = String(s.hardness_hv);
    }
    const note = byId(doc, 'preview-peak-note');
    note.hidden = s.peak_reached !== false;
    note.textContent = s.peak_reached === false ? `${PEAK_NOT_REACHED}.` : '';
    summary.hidden = false;
    charts.show(result.charts);
    onShown(result);
    progress.hidden = true;
    shown++;
    section.dataset.previews = String(shown);
    const resumed = result.resumedAtHours;
    const from =
      resumed > 0 ? ` from ${formatNumber(resumed, 5)} h on (the schedule before is unchanged)` : '';
    setState('done', `${result.steps} steps in ${Math.round(result.engineMs)} ms${from}.`);
    const { engineMs, startedAtLoad } = result;
    const detail = { id, previews: shown, engineMs, startedAtLoad, resumedAtHours: resumed };
    afterNextPaint(() => {
      performance.mark(PREVIEW_MARK, { detail });
      previewer.shown(id);
      // After the mark: the distributions sit below the four charts and must not delay them.
      sizes.replaceChildren(
        h(doc, 'h3', {}, ['Size distributions']),
        sizeDistributionView(doc, result.sizeDistributions, 'preview-size-time'),
      );
    });
  };

  const previewer = createPreviewer(worker, {
    result: showResult,
    progress: (fraction) => {
      progress.hidden = false;
      progress.value = fraction;
    },
    ready: (setupMs) => performance.mark('preview-engine-ready', { detail: { setupMs } }),
    checkpoints: (hours) => (section.dataset.checkpoints = hours.map((h) => h.toFixed(3)).join(' ')),
    error: (text) => {
      progress.hidden = true;
      setState('error', `The preview failed: ${text}`);
    },
  });

  return {
    request(request, immediate) {
      previewer.request(request, immediate);
      progress.hidden = false;
      progress.removeAttribute('value');
      setState('running', shown === 0 ? 'Computing the preview…' : 'Updating the preview…');
    },
    invalid() {
      previewer.cancel();
      progress.hidden = true;
      setState(
        'invalid',
        shown === 0
          ? 'Fix the marked fields to see a preview.'
          : 'The charts show the last valid input; fix the marked fields.',
      );
    },
  };
}

/**
 * Runs `then` once the next frame has been painted: uPlot draws its canvases in a microtask after
 * showResult(), and the browser paints after that, so a mark set in showResult() itself came before the
 * charts were visible (by 57–77 ms, measured in Chromium with marks around each stage).
 */
function afterNextPaint(then: () => void): void {
  requestAnimationFrame(() => setTimeout(then, 0));
}
