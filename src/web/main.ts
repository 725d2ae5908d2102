// The page: the request form, the in-browser preview and the server run. Starts the preview worker
// first so that it loads the engine while the page builds its form.
import { DEFAULT_MAX_SIMULATION_HOURS } from '../request/defaults.js';
import { validateRequest, type CompositionUnit } from '../request/validate.js';
import { API_BASE, createApi, sessionKeyStore } from './api.js';
import { BOOT_WORKER } from './preview/protocol.js';
import { createKeyPrompt } from './auth.js';
import { createProfileChart } from './charts.js';
import { byId, formatNumber } from './dom.js';
import { clearIssues, issuesFromProblem, showIssues } from './form/errors.js';
import { bodyFromModel, initialModel, modelFromBody } from './form/model.js';
import { readForm, renderForm, renderProfileRows, writeComposition } from './form/render.js';
import { createPresetMenu } from './form/preset-menu.js';
import { addRow, pointsPastEndWarning, profileCurve, removeRow } from './form/schedule.js';
import { convertCompositionTexts } from './form/units.js';
import { mountCalibrateView } from './calibrate/view.js';
import { createJobPanel } from './jobs.js';
import { mountMapView } from './map/view.js';
import { createPreviewPanel } from './preview-panel.js';
import { sizeDistributionTimes } from './size-times.js';
import { createTabs } from './tabs.js';

// Started by boot.ts, inlined in the page's head; a page without it still works.
const worker =
  ((globalThis as Record<string, unknown>)[BOOT_WORKER] as Worker | undefined) ??
  new Worker('preview-worker.js');

function start(doc: Document): void {
  const form = byId<HTMLFormElement>(doc, 'request-form');
  const fields = byId(doc, 'form-fields');
  const model = initialModel(doc.location.search);
  renderForm(fields, model);
  let unit: CompositionUnit = model.unit;

  const tabs = createTabs(doc);
  const preview = createPreviewPanel(doc, worker, (result) =>
    tabs.notePreview(`· ${formatNumber(result.summary.peak_yield_strength_mpa, 3)} MPa`),
  );
  let profileChart = createProfileChart(byId(doc, 'profile-chart'));

  /** Validates what the form holds; previews it when valid (at once on load, else from the next task). */
  const update = (immediate = false) => {
    const current = readForm(fields);
    profileChart.update(profileCurve(current.rows, Number(current.simulationHours)));
    byId(doc, 'profile-warning').textContent = pointsPastEndWarning(
      current.rows,
      Number(current.simulationHours),
    );
    const checked = validateRequest(bodyFromModel(current), {
      maxSimulationHours: DEFAULT_MAX_SIMULATION_HOURS,
    });
    if (!checked.ok) {
      showIssues(fields, checked.issues);
      preview.invalid();
      return;
    }
    clearIssues(fields);
    preview.request(checked.request, immediate);
  };
  // The first preview goes out before the rest of the page is wired up: it is what the user waits for.
  update(true);

  const status = byId(doc, 'status');
  const announce = (text: string) => (status.textContent = text);
  const keys = sessionKeyStore(sessionStorage);
  const prompt = createKeyPrompt(doc, keys, () => void jobs.refreshList());
  const api = createApi(keys, doc.location.origin, (error) => prompt.ask(error.message));
  const jobs = createJobPanel(doc, {
    api,
    withKey: () => keys.get() !== null,
    announce,
    rejected: (problem) => {
      tabs.select('request');
      showIssues(fields, issuesFromProblem(problem))?.focus();
    },
  });

  const presets = createPresetMenu(byId(doc, 'preset'), doc.location, history, (chosen) => {
    renderForm(fields, chosen);
    unit = chosen.unit;
    profileChart = createProfileChart(byId(doc, 'profile-chart'));
    update();
  });
  // Text fields, the unit select and the phase boxes all fire 'input' (Chromium and Firefox alike).
  fields.addEventListener('input', (event) => {
    presets.edited();
    const target = event.target as HTMLElement;
    if (target.id === 'composition-unit') {
      const next = (target as HTMLSelectElement).value as CompositionUnit;
      writeComposition(fields, convertCompositionTexts(readForm(fields).composition, unit, next));
      unit = next;
    }
    update();
  });
  fields.addEventListener('click', (event) =>
    editProfile(fields, event, () => {
      presets.edited();
      update();
    }),
  );
  fields.addEventListener('keydown', (event) => {
    if (!(event.target instanceof HTMLInputElement)) return;
    // Enter in a field must not send a job to the server; only the button does.
    if (event.key === 'Enter') event.preventDefault();
    // Arrow keys step a temperature by 1 °C (10 with Shift): "dragging" it, with a preview per step.
    if (event.target.dataset.col === 'celsius') stepTemperature(event.target, event);
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const body = bodyFromModel(readForm(fields));
    const checked = validateRequest(body, { maxSimulationHours: DEFAULT_MAX_SIMULATION_HOURS });
    if (!checked.ok) {
      showIssues(fields, checked.issues)?.focus();
      announce(`Not submitted: ${checked.issues.length} problem(s) in the form are marked.`);
      return;
    }
    announce('Submitting…');
    tabs.select('server'); // on a phone, the job's progress is what to watch now
    const times = sizeDistributionTimes(checked.request.simulation_time_hours);
    void jobs.submit({ ...body, output: { size_distribution_times_hours: times } });
  });
  byId(doc, 'refresh-jobs').addEventListener('click', () => void jobs.refreshList());
  // The Map view (src/web/map): the form's alloy over a range of ageing temperatures and times.
  mountMapView(byId(doc, 'map-view'), {
    currentBody: () => bodyFromModel(readForm(fields)),
    openRun: (request) => {
      // A normalized request is a body the form reads (its config is a plain object).
      const model = modelFromBody(request as unknown as Parameters<typeof modelFromBody>[0]);
      renderForm(fields, model);
      unit = model.unit;
      update(true);
      form.scrollIntoView();
    },
    apiKey: () => keys.get(),
    maxHours: DEFAULT_MAX_SIMULATION_HOURS,
  });
  // The Calibrate view (src/web/calibrate): fit parameters to measurements; the fitted config fills the form.
  mountCalibrateView(byId(doc, 'calibrate-view'), {
    currentBody: () => bodyFromModel(readForm(fields)),
    useConfig: (config) => {
      const body = { ...bodyFromModel(readForm(fields)), config };
      const model = modelFromBody(body as unknown as Parameters<typeof modelFromBody>[0]);
      renderForm(fields, model);
      update(true);
      tabs.select('request');
      form.scrollIntoView();
    },
  });
  void startSession(
    keys.get() !== null,
    (reason) => prompt.ask(reason),
    () => void jobs.refreshList(),
  );
}

/** Asks for the key before the first call when /health says the service wants one (no 401 needed). */
async function startSession(
  haveKey: boolean,
  ask: (reason: string) => void,
  listJobs: () => void,
): Promise<void> {
  try {
    const health = (await (await fetch(`${API_BASE}/health`)).json()) as { auth?: string };
    if (health.auth === 'api-key' && !haveKey) return ask('this service is protected by API keys.');
  } catch {
    // /health unreachable or not JSON: the list call below reports the problem.
  }
  listJobs();
}

function stepTemperature(input: HTMLInputElement, event: KeyboardEvent): void {
  const direction = event.key === 'ArrowUp' ? 1 : event.key === 'ArrowDown' ? -1 : 0;
  const value = Number(input.value);
  if (direction === 0 || input.value.trim() === '' || !Number.isFinite(value)) return;
  event.preventDefault();
  input.value = String(Math.round((value + direction * (event.shiftKey ? 10 : 1)) * 1e6) / 1e6);
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

/** Adds or removes a profile point (buttons in the profile table), keeping the focus somewhere useful. */
function editProfile(fields: HTMLElement, event: Event, changed: () => void): void {
  const button = (event.target as HTMLElement).closest<HTMLButtonElement>('button[data-action]');
  if (!button) return;
  const rows = readForm(fields).rows;
  if (button.dataset.action === 'add-row') {
    const next = addRow(rows);
    renderProfileRows(fields, next);
    fields.querySelector<HTMLInputElement>(`input[data-row="${next.length - 1}"][data-col="hours"]`)?.focus();
  } else {
    const index = Number(button.dataset.row);
    const next = removeRow(rows, index);
    renderProfileRows(fields, next);
    const focusRow = Math.min(index, next.length - 1);
    const target =
      fields.querySelector<HTMLButtonElement>(`button[data-row="${focusRow}"]:not([disabled])`) ??
      fields.querySelector<HTMLButtonElement>('button[data-action="add-row"]');
    target?.focus();
  }
  changed();
}

start(document);
