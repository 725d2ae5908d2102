// The "Map" view: a time-temperature map of yield strength for the current alloy, filled in column by
// column as the page's Web Workers finish temperatures (one run per temperature gives its whole time
// axis), or computed on the server. Hover reads strength at (T, t); a click opens that temperature's run
// in the single-run view. Times to the first column and to the whole map are performance measures
// ('map-first-column', 'map-complete') and data attributes of the view.
import type { SimulationRequest } from '../../request/validate.js';
import type { SweepRow } from '../../sweep/row.js';
import { formatNumber, h } from '../dom.js';
import { moveCursor, startCursor, type MapCursor } from './cursor.js';
import { createMapCanvas, strengthAt, type MapCanvas } from './draw.js';
import { DEFAULT_MAP, planMap, type MapPlan, type MapSettings } from './plan.js';
import { createMapRunner } from './runner.js';
import { runOnServer } from './server.js';

export interface MapViewDeps {
  /** The form's current request body: the alloy and its settings. */
  currentBody(): unknown;
  /** Opens a run's request in the single-run view (the form and its preview). */
  openRun(request: SimulationRequest): void;
  /** The API key for the server sweep, if any. */
  apiKey(): string | null;
  maxHours: number;
}

interface Current {
  plan: MapPlan;
  rows: (SweepRow | undefined)[];
  canvas: MapCanvas;
  source: 'page' | 'server';
  /** The time span the map was drawn for, h (the top of its time axis). */
  hours: number;
}

function numberInput(doc: Document, id: string, label: string, value: number, step: string) {
  const input = h(doc, 'input', { id, type: 'number', value, step, required: true });
  return { input, field: h(doc, 'label', { for: id }, [label, ' ', input]) };
}

export function mountMapView(root: HTMLElement, deps: MapViewDeps): void {
  const doc = root.ownerDocument;
  const from = numberInput(doc, 'map-from', 'From (°C)', DEFAULT_MAP.fromCelsius, 'any');
  const to = numberInput(doc, 'map-to', 'to (°C)', DEFAULT_MAP.toCelsius, 'any');
  const count = numberInput(doc, 'map-count', 'temperatures', DEFAULT_MAP.count, '1');
  const hours = numberInput(doc, 'map-hours', 'time span (h)', DEFAULT_MAP.hours, 'any');
  const draw = h(doc, 'button', { type: 'button', id: 'map-draw', class: 'primary' }, ['Draw map']);
  const server = h(doc, 'button', { type: 'button', id: 'map-server' }, ['Run on the server']);
  const canvas = h(doc, 'canvas', {
    id: 'map-canvas',
    width: 600,
    height: 300,
    tabindex: 0,
    'aria-label':
      'Map. Arrow keys read it (left and right: temperature; up and down: time); Enter opens that temperature’s run.',
  });
  const axisText = h(doc, 'p', { id: 'map-axes', class: 'message' });
  const readout = h(doc, 'p', { id: 'map-readout', 'aria-live': 'polite' });
  const status = h(doc, 'p', { id: 'map-status', class: 'message', role: 'status' });
  const download = h(doc, 'a', { id: 'map-download', download: 'map.json', hidden: true }, [
    'Download the table (JSON)',
  ]);
  root.append(
    h(doc, 'h2', { id: 'map-heading' }, ['Map: strength over ageing temperature and time']),
    h(doc, 'div', { class: 'map-controls' }, [from.field, to.field, count.field, hours.field, draw, server]),
    canvas,
    axisText,
    readout,
    status,
    download,
  );
  root.dataset.state = 'idle';
  const runner = createMapRunner();
  let current: Current | undefined;
  let serverRun: AbortController | undefined;

  const settings = (): MapSettings => ({
    fromCelsius: Number(from.input.value),
    toCelsius: Number(to.input.value),
    count: Math.round(Number(count.input.value)),
    hours: Number(hours.input.value),
  });

  const prepare = (source: Current['source']): Current | undefined => {
    const s = settings();
    if (![s.fromCelsius, s.toCelsius, s.hours].every(Number.isFinite) || !(s.count >= 1 && s.count <= 1000)) {
      status.textContent = 'Give a temperature range, 1 to 1000 temperatures and a time span.';
      return undefined;
    }
    let planned;
    try {
      planned = planMap(deps.currentBody(), s, deps.maxHours);
    } catch (error) {
      planned = { ok: false as const, issues: [{ path: '/', message: String(error) }] };
    }
    if (!planned.ok) {
      status.textContent = `Cannot draw this map: ${planned.issues[0].path} ${planned.issues[0].message}`;
      return undefined;
    }
    const values = planned.plan.document.axes[0].values;
    axisText.textContent = `Temperature ${values[0]}–${values[values.length - 1]} °C left to right; time ${formatNumber(s.hours * 1e-4)}–${s.hours} h bottom to top (log); white dots: peak strength.`;
    const axes = { temperaturesCelsius: values, hours: s.hours };
    return {
      plan: planned.plan,
      rows: values.map(() => undefined),
      canvas: createMapCanvas(canvas, axes),
      source,
      hours: s.hours,
    };
  };

  const finished = (map: Current) => {
    const rows = map.rows.filter((r): r is SweepRow => r !== undefined);
    const blob = new Blob([JSON.stringify({ document: map.plan.document, source: map.source, rows })], {
      type: 'application/json',
    });
    if (download.href) URL.revokeObjectURL(download.href);
    download.href = URL.createObjectURL(blob);
    download.hidden = false;
    root.dataset.state = 'done';
    root.dataset.source = map.source;
  };

  draw.addEventListener('click', () => {
    serverRun?.abort();
    const map = prepare('page');
    if (!map) return;
    current = map;
    root.dataset.state = 'running';
    root.dataset.columns = '0';
    download.hidden = true;
    performance.clearMarks('map-start');
    const start = performance.mark('map-start');
    let done = 0;
    let failed = 0;
    status.textContent = `Running ${map.rows.length} temperatures on ${runner.size} Web Worker(s)…`;
    runner.start(map.plan.runs, {
      row(row) {
        if (current !== map) return;
        map.rows[row.index] = row;
        map.canvas.paint(map.rows);
        root.dataset.columns = String(++done);
        if (done === 1) {
          const first = performance.measure('map-first-column', { start: start.startTime });
          root.dataset.firstColumnMs = String(Math.round(first.duration));
        }
        status.textContent = `${done} of ${map.rows.length} temperatures`;
      },
      error(index, message) {
        failed++;
        status.textContent = `The run at ${map.plan.runs[index].temperatureCelsius} °C failed: ${message}`;
      },
      done() {
        if (current !== map) return;
        const complete = performance.measure('map-complete', { start: start.startTime });
        root.dataset.completeMs = String(Math.round(complete.duration));
        const engineMs = map.rows.reduce((sum, r) => sum + (r?.engine_ms ?? 0), 0);
        root.dataset.engineMs = String(Math.round(engineMs));
        status.textContent = `${done} temperatures in ${formatNumber(complete.duration / 1000, 3)} s (first after ${root.dataset.firstColumnMs} ms)${failed ? `; ${failed} failed` : ''}.`;
        finished(map);
      },
    });
  });

  server.addEventListener('click', () => {
    runner.cancel();
    serverRun?.abort();
    const map = prepare('server');
    if (!map) return;
    current = map;
    const controller = new AbortController();
    serverRun = controller;
    root.dataset.state = 'running';
    download.hidden = true;
    const progress = (done: number, total: number) =>
      (status.textContent = `Server: ${done} of ${total} runs…`);
    runOnServer(map.plan.document, deps.apiKey(), progress, controller.signal).then(
      (rows) => {
        if (current !== map) return;
        for (const row of rows) map.rows[row.index] = row;
        map.canvas.paint(map.rows);
        status.textContent = `Server: ${rows.length} runs done.`;
        finished(map);
      },
      (error: unknown) => {
        if (current === map)
          status.textContent = `The server sweep failed: ${error instanceof Error ? error.message : String(error)}`;
      },
    );
  });

  /** The keyboard cursor, on the map it was moved on (a new map starts it again). */
  let cursor: { map: Current; at: MapCursor } | undefined;
  const read = (at: MapCursor) => {
    const row = current?.rows[at.column];
    if (!row || !current) return;
    const celsius = current.plan.runs[at.column].temperatureCelsius;
    readout.textContent = `${celsius} °C, ${formatNumber(at.hours, 3)} h: ${formatNumber(strengthAt(row.curves, at.hours), 4)} MPa (peak ${formatNumber(row.peak_yield_strength_mpa, 4)} MPa at ${formatNumber(row.peak_time_hours, 3)} h)`;
  };
  const open = (at: MapCursor | undefined) => {
    if (at && current) deps.openRun(current.plan.runs[at.column].request);
  };
  canvas.addEventListener('mousemove', (event) => {
    const at = current?.canvas.locate(event.offsetX, event.offsetY);
    if (at) read(at);
  });
  canvas.addEventListener('click', (event) => open(current?.canvas.locate(event.offsetX, event.offsetY)));
  canvas.addEventListener('keydown', (event) => {
    if (!current) return;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      return open(cursor?.map === current ? cursor.at : undefined);
    }
    const start = cursor?.map === current ? cursor.at : startCursor(current.hours);
    const next = moveCursor(start, event.key, current.rows.length, current.hours);
    if (!next) return;
    event.preventDefault(); // the arrows move the cursor, not the page
    cursor = { map: current, at: next };
    read(next);
  });
}
