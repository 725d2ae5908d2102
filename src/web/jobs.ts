// The server side of the page: submitting the form's request, following the job (GET /jobs/{id} until it
// finishes), cancelling it (DELETE), its results, and the list of the caller's recent jobs. The job view
// keeps its elements while it updates, so that keyboard focus (e.g. on Cancel) survives each poll.
import { ApiError, type Api, type JobView } from './api.js';
import { describeAlloy, describePeak, describeSchedule } from './describe.js';
import { byId, formatNumber, h } from './dom.js';
import { BlobUrls, resultsBlock } from './results.js';
import { labelCellsByHeader } from './stacked-table.js';

const POLL_MS = 500;
const RECENT_JOBS = 10;
const UNFINISHED = new Set(['pending', 'running']);

export interface JobPanel {
  submit(body: unknown): Promise<JobView | undefined>;
  show(id: string): Promise<void>;
  refreshList(): Promise<void>;
}

export interface JobPanelOptions {
  api: Api;
  withKey: () => boolean;
  announce: (text: string) => void;
  /** A 422 of the service: its problem, for the form to mark the fields. */
  rejected: (problem: unknown) => void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function progressText(job: JobView): string {
  const p = job.progress;
  if (!p || job.status !== 'running') return '';
  return `${Math.round(p.fraction * 100)} % · ${formatNumber(p.simulated_hours, 3)} h simulated`;
}

export function createJobPanel(doc: Document, options: JobPanelOptions): JobPanel {
  const { api, announce } = options;
  const view = byId(doc, 'job');
  const status = byId(doc, 'job-status');
  const progress = byId<HTMLProgressElement>(doc, 'job-progress');
  const progressLabel = byId(doc, 'job-progress-text');
  const cancel = byId<HTMLButtonElement>(doc, 'cancel-job');
  const results = byId(doc, 'job-results');
  const dialog = byId<HTMLDialogElement>(doc, 'plot-dialog');
  const blobs = new BlobUrls();
  const details = new Map<string, JobView>();
  let shownId: string | undefined;

  const openPlot = (src: string, label: string) => {
    byId<HTMLImageElement>(doc, 'plot-dialog-image').src = src;
    byId<HTMLImageElement>(doc, 'plot-dialog-image').alt = label;
    byId(doc, 'plot-dialog-title').textContent = label;
    byId<HTMLAnchorElement>(doc, 'plot-dialog-open').href = src;
    dialog.showModal();
  };

  const render = (job: JobView) => {
    view.hidden = false;
    view.dataset.status = job.status;
    view.dataset.jobId = job.job_id;
    status.textContent = `Job ${job.job_id.slice(0, 8)}: ${job.status}${job.cached ? ' (from an identical earlier run)' : ''}${job.error ? ` — ${job.error}` : ''}`;
    progress.hidden = !UNFINISHED.has(job.status);
    if (job.status === 'running' && job.progress) progress.value = job.progress.fraction;
    else progress.removeAttribute('value'); // indeterminate while pending
    progressLabel.textContent = progressText(job);
    cancel.hidden = !UNFINISHED.has(job.status);
    if (job.status === 'completed' && job.results && !results.hasChildNodes()) {
      results.append(resultsBlock(doc, api, job.results, blobs, options.withKey(), openPlot));
    }
  };

  const follow = async (id: string) => {
    let first = true;
    while (shownId === id) {
      const job = await api.job(id);
      if (shownId !== id) return;
      render(job);
      // The job's own line (#job-status, a live region) says its status from now on: one line, not two.
      if (first) announce('');
      first = false;
      if (!UNFINISHED.has(job.status)) return void panel.refreshList();
      await sleep(POLL_MS);
    }
  };

  const panel: JobPanel = {
    async submit(body) {
      try {
        const accepted = await api.submit(body);
        announce(`Submitted job ${accepted.job_id.slice(0, 8)}.`);
        void panel.refreshList();
        await panel.show(accepted.job_id);
        return undefined;
      } catch (error) {
        if (error instanceof ApiError && error.status === 422) options.rejected(error.problem);
        announce(`The service refused the request: ${errorText(error)}`);
        return undefined;
      }
    },
    async show(id) {
      shownId = id;
      blobs.revokeAll();
      results.replaceChildren();
      try {
        await follow(id);
      } catch (error) {
        if (shownId === id) announce(`Could not follow job ${id.slice(0, 8)}: ${errorText(error)}`);
      }
    },
    refreshList: () => refreshJobList(doc, api, details, (id) => void panel.show(id)),
  };

  cancel.addEventListener('click', async () => {
    if (!shownId) return;
    try {
      const job = await api.remove(shownId);
      if (job) render(job); // the job's line now says "cancelled": no second line
      announce(job ? '' : `Job ${shownId.slice(0, 8)} cancelled.`);
      void panel.refreshList();
    } catch (error) {
      announce(`Could not cancel: ${errorText(error)}`);
    }
  });
  byId(doc, 'plot-dialog-close').addEventListener('click', () => dialog.close());
  return panel;
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The caller's recent jobs, newest first, each with its alloy, schedule and peak, and a button to show it. */
async function refreshJobList(
  doc: Document,
  api: Api,
  details: Map<string, JobView>,
  show: (id: string) => void,
): Promise<void> {
  const body = byId(doc, 'job-list-rows');
  let jobs: JobView[];
  try {
    jobs = await api.list(RECENT_JOBS);
  } catch (error) {
    byId(doc, 'job-list-message').textContent = `Could not list jobs: ${errorText(error)}`;
    return;
  }
  byId(doc, 'job-list-message').textContent = jobs.length === 0 ? 'No jobs yet.' : '';
  const rows = jobs.map((job) => jobRow(doc, job, show));
  body.replaceChildren(...rows.map((r) => r.row));
  labelCellsByHeader(body.closest('table') as HTMLTableElement);
  // The listing has no requests or results: each job's own view does (kept once the job has finished).
  await Promise.all(
    jobs.map(async (job, i) => {
      try {
        const cached = details.get(job.job_id);
        const full = cached?.status === job.status ? cached : await api.job(job.job_id);
        if (!UNFINISHED.has(full.status)) details.set(job.job_id, full);
        rows[i].fill(full);
      } catch {
        rows[i].fill(undefined);
      }
    }),
  );
}

/** A row of the jobs list; its alloy, schedule and peak cells are filled once the job's view is in. */
function jobRow(
  doc: Document,
  job: JobView,
  show: (id: string) => void,
): { row: HTMLElement; fill: (full: JobView | undefined) => void } {
  const button = h(doc, 'button', { type: 'button', 'aria-label': `Show job ${job.job_id.slice(0, 8)}` }, [
    'Show',
  ]);
  button.addEventListener('click', () => show(job.job_id));
  const created = new Date(job.created_at);
  const [alloy, schedule, peak] = ['alloy', 'schedule', 'peak'].map((name) =>
    h(doc, 'td', { 'data-col': name }, ['…']),
  );
  const cells = [
    h(doc, 'td', {}, [h(doc, 'code', {}, [job.job_id.slice(0, 8)])]),
    h(doc, 'td', {}, [h(doc, 'time', { datetime: job.created_at }, [created.toLocaleString()])]),
    alloy,
    schedule,
    peak,
    h(doc, 'td', {}, [job.status + (job.cached ? ' (cached)' : '')]),
    h(doc, 'td', {}, [button]),
  ];
  const row = h(doc, 'tr', { 'data-job': job.job_id }, cells);
  const fill = (full: JobView | undefined) => {
    alloy.textContent = full ? describeAlloy(full.request) : '–';
    schedule.textContent = full ? describeSchedule(full.request) : '–';
    peak.textContent = (full && describePeak(full.results?.summary)) || '–';
    row.dataset.filled = 'true';
  };
  return { row, fill };
}
