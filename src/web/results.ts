// A completed job's results on the page: the summary table, the server's figures (thumbnails that open
// in a dialog) and the raw-data downloads. Files behind an API key are fetched with it and shown from
// blob: URLs, since an <img> or a link cannot send an Authorization header.
import type { Summary } from '../engine/summary.js';
import { PEAK_NOT_REACHED, phaseLabel } from '../output/style.js';
import type { Api } from './api.js';
import { formatNumber, h } from './dom.js';
import { formatSignificant } from '../output/numbers.js';
import type { SizeDistributionJson } from '../output/size-distribution.js';
import { sizeDistributionView } from './size-view.js';
import { labelCellsByHeader } from './stacked-table.js';

const FIGURES: { key: string; label: string }[] = [
  { key: 'precipitation_plot', label: 'Precipitation kinetics' },
  { key: 'yield_strength_plot', label: 'Yield strength' },
  { key: 'orowan_plot', label: 'Orowan strengthening' },
  { key: 'strength_plot', label: 'Strength breakdown' },
  { key: 'size_plot', label: 'Precipitate size' },
  { key: 'volume_fraction_plot', label: 'Volume fraction' },
  { key: 'size_distribution_plot', label: 'Size distributions' },
];

const DOWNLOADS: { key: string; label: string; file: string }[] = [
  { key: 'raw_data', label: 'Raw data (JSON)', file: 'results.json' },
  { key: 'raw_csv', label: 'Raw data (CSV)', file: 'results.csv' },
  { key: 'size_distributions_json', label: 'Size distributions (JSON)', file: 'size_distributions.json' },
  { key: 'size_distributions_csv', label: 'Size distributions (CSV)', file: 'size_distributions.csv' },
];

/** A strength as shown: 4 significant figures (the exact double is in the element's data-value). */
export const shownMPa = (value: number) => formatSignificant(value, 4);

export function summaryTable(doc: Document, summary: Summary): HTMLElement {
  const cell = (text: string) => h(doc, 'td', {}, [text]);
  const rows = summary.phases.map((p) =>
    h(doc, 'tr', {}, [
      h(doc, 'th', { scope: 'row' }, [phaseLabel(p.name)]),
      cell(formatSignificant(p.number_density_per_m3, 3)),
      cell(formatSignificant(p.diameter_nm / 2, 3)), // radius, as in every figure
      cell(formatSignificant(p.aspect_ratio, 3)),
      cell(formatSignificant(p.volume_fraction, 3)),
      cell(formatSignificant(p.crss_mpa, 4)),
      cell(formatSignificant(p.yield_strength_mpa, 4)),
    ]),
  );
  const heads = ['Phase', 'Number density (m⁻³)', 'Mean radius (nm)', 'Aspect ratio', 'Volume fraction'];
  const total = h(doc, 'tr', {}, [
    h(doc, 'th', { scope: 'row', colspan: 5 }, ['Total']),
    cell(formatSignificant(summary.total_crss_mpa, 4)),
    h(doc, 'td', { 'data-testid': 'server-final-ys', 'data-value': summary.total_yield_strength_mpa }, [
      shownMPa(summary.total_yield_strength_mpa),
    ]),
  ]);
  const table = h(doc, 'table', { class: 'summary', 'data-testid': 'job-summary' }, [
    h(doc, 'caption', {}, [`After ${formatNumber(summary.final_time_hours)} h. ${peakText(summary)}`]),
    h(doc, 'thead', {}, [
      h(doc, 'tr', {}, [
        ...heads.map((t) => h(doc, 'th', { scope: 'col' }, [t])),
        h(doc, 'th', { scope: 'col' }, ['CRSS (MPa)']),
        h(doc, 'th', { scope: 'col' }, ['Yield strength (MPa)']),
      ]),
    ]),
    h(doc, 'tbody', {}, rows),
    h(doc, 'tfoot', {}, [total]),
  ]);
  labelCellsByHeader(table);
  return h(doc, 'div', { class: 'table-wrap' }, [table]);
}

/** The peak, or that it lies beyond the simulated time (summary.peak_reached false: the maximum is at the end). */
export function peakText(summary: Summary): string {
  const mpa = formatNumber(summary.peak_yield_strength_mpa);
  if (summary.peak_reached === false) return `${PEAK_NOT_REACHED} (${mpa} MPa at the end, still rising).`;
  return `Peak yield strength ${mpa} MPa at ${formatNumber(summary.peak_yield_strength_time_hours)} h.`;
}

/** Object URLs made for one job's view, revoked when the view goes. */
export class BlobUrls {
  private urls: string[] = [];
  add(blob: Blob): string {
    const url = URL.createObjectURL(blob);
    this.urls.push(url);
    return url;
  }
  revokeAll(): void {
    for (const url of this.urls) URL.revokeObjectURL(url);
    this.urls = [];
  }
}

/** The URL an element can load `url` from: itself, or a blob: URL when the API key is needed. */
async function loadable(api: Api, url: string, blobs: BlobUrls, withKey: boolean): Promise<string> {
  return withKey && api.isOwnUrl(url) ? blobs.add(await api.blob(url)) : url;
}

export function figures(
  doc: Document,
  files: Record<string, string>,
  open: (src: string, label: string) => void,
  load: (url: string) => Promise<string>,
): HTMLElement {
  const items = FIGURES.filter((f) => files[f.key]).map(({ key, label }) => {
    const img = h(doc, 'img', { alt: label, width: 320, height: 200 });
    void load(files[key]).then((src) => (img.src = src));
    const button = h(doc, 'button', { type: 'button', class: 'thumb', 'data-plot': key }, [
      img,
      h(doc, 'span', {}, [label]),
    ]);
    button.addEventListener('click', () => open(img.src, label));
    return h(doc, 'li', {}, [button]);
  });
  return h(doc, 'ul', { class: 'figures', 'aria-label': 'Figures from the server' }, items);
}

export function downloads(
  doc: Document,
  files: Record<string, string>,
  load: (url: string) => Promise<string>,
  withKey: boolean,
): HTMLElement {
  const items = DOWNLOADS.filter((d) => files[d.key]).map(({ key, label, file }) => {
    const link = h(doc, 'a', { href: files[key], download: file, 'data-download': key }, [label]);
    if (withKey) {
      // The href needs the key: fetch once, then let the click go to the blob.
      link.addEventListener('click', (event) => {
        if (link.href.startsWith('blob:')) return;
        event.preventDefault();
        void load(files[key]).then((src) => {
          link.href = src;
          link.click();
        });
      });
    }
    return h(doc, 'li', {}, [link]);
  });
  return h(doc, 'ul', { class: 'downloads', 'aria-label': 'Downloads' }, items);
}

/** The whole results block of a completed job. */
export function resultsBlock(
  doc: Document,
  api: Api,
  results: { summary: unknown; files: Record<string, string> },
  blobs: BlobUrls,
  withKey: boolean,
  open: (src: string, label: string) => void,
): HTMLElement {
  const load = (url: string) => loadable(api, url, blobs, withKey);
  return h(doc, 'div', { class: 'results' }, [
    summaryTable(doc, results.summary as Summary),
    ...sizeSection(doc, results.files, (url) => loadJson(api, url, withKey)),
    h(doc, 'h3', {}, ['Figures']),
    figures(doc, results.files, open, load),
    h(doc, 'h3', {}, ['Downloads']),
    downloads(doc, results.files, load, withKey),
  ]);
}

/**
 * A JSON file's content: through the API with the key when one is needed. Never by fetching a blob: URL,
 * which the page's Content-Security-Policy (connect-src 'self') refuses.
 */
async function loadJson(api: Api, url: string, withKey: boolean): Promise<unknown> {
  if (withKey && api.isOwnUrl(url)) return JSON.parse(await (await api.blob(url)).text());
  return (await fetch(url)).json();
}

/** The size distributions with their time slider, loaded from size_distributions.json (when the run has it). */
function sizeSection(
  doc: Document,
  files: Record<string, string>,
  loadJson: (url: string) => Promise<unknown>,
): HTMLElement[] {
  const url = files.size_distributions_json;
  if (!url) return [];
  const holder = h(doc, 'div', { class: 'size-holder', 'data-testid': 'size-distributions' }, [
    h(doc, 'p', { class: 'message' }, ['Loading the size distributions…']),
  ]);
  void loadJson(url)
    .then((snapshots) =>
      holder.replaceChildren(sizeDistributionView(doc, snapshots as SizeDistributionJson[])),
    )
    .catch((error: unknown) => {
      holder.replaceChildren(h(doc, 'p', { class: 'message' }, [`Could not load them: ${String(error)}`]));
    });
  return [h(doc, 'h3', {}, ['Size distributions']), holder];
}
