// A job's downloads, made when asked for from its run data (made by a worker at the first download:
// await-files.ts): results.json and results.csv streamed piece by piece, the figures drawn as SVG and
// rasterised to PNG. Nothing made here is stored, so a job keeps at most its run data (~0.5 MB) and a
// cached answer (which points at the original job's run data) keeps nothing. Text is gzip-compressed on
// the wire when the client accepts it. Jobs completed before the run data existed have every file stored
// and are served from storage as they were.
import { createGzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import { chartOfFile, contentTypeOf, RESULT_FILE_NAMES, API_FILE_KEYS } from '../../output/index.js';
import { createRasterizer } from '../../output/raster-thread.js';
import { rawFilePieces } from '../../output/raw-files.js';
import { pieceStream } from '../../output/render-node.js';
import { renderCharts } from '../../output/index.js';
import { decodeRunData, RUN_DATA_FILE, tableResult } from '../../output/run-data.js';
import { filesOwner, filesUnmade } from '../db/job-files.js';
import type { JobRow } from '../db/rows.js';
import type { Storage } from '../storage/types.js';
import type { AppContext } from './middleware.js';
import { notFound } from './problem.js';

/** One rasterising thread for the process's PNG downloads, started at the first. */
const rasterizer = createRasterizer();

/** A download's file name from its API key (precipitation_plot) or its name (precipitation.svg). */
export function downloadName(row: JobRow, name: string): string {
  // Own keys only: 'constructor' or '__proto__' name no file.
  const keys: Record<string, string> = API_FILE_KEYS;
  const file = Object.hasOwn(keys, name) ? keys[name] : name;
  if ((RESULT_FILE_NAMES as readonly string[]).includes(file)) return file;
  throw notFound(`job ${row.id} has no file '${name}'`);
}

/**
 * Whether a download can be served: made from the run data (stored, or to be made by running the request
 * again: nothing stored yet and no files_error), or stored as it is (older jobs).
 */
export function isAvailable(row: JobRow, file: string): boolean {
  if (filesUnmade(row)) return true;
  const stored = Object.values(row.result_urls ?? {});
  return row.files_error === null && (stored.includes(RUN_DATA_FILE) || stored.includes(file));
}

async function readAll(body: Readable): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function loadTable(storage: Storage, row: JobRow) {
  const opened = await storage.open(filesOwner(row), RUN_DATA_FILE);
  if (!opened) throw notFound(`the data of job ${row.id} is missing from storage`);
  return decodeRunData(await readAll(opened.body));
}

const acceptsGzip = (ctx: AppContext) => /\bgzip\b/.test(ctx.get('Accept-Encoding'));

/** Text as the body, gzip-compressed when the client takes it. */
function sendText(ctx: AppContext, body: Readable): void {
  ctx.vary('Accept-Encoding');
  if (!acceptsGzip(ctx)) {
    ctx.body = body;
    return;
  }
  ctx.set('Content-Encoding', 'gzip');
  const gzip = createGzip({ level: 6 });
  body.on('error', (error) => gzip.destroy(error));
  ctx.body = body.pipe(gzip);
}

/** Streams an older job's stored file, or redirects to it (S3). */
async function sendStored(ctx: AppContext, storage: Storage, row: JobRow, file: string): Promise<void> {
  const url = await storage.presignedUrl(filesOwner(row), file);
  if (url) {
    ctx.status = 302;
    ctx.redirect(url);
    return;
  }
  const opened = await storage.open(filesOwner(row), file);
  if (!opened) throw notFound(`the file '${file}' of job ${row.id} is missing from storage`);
  ctx.length = opened.sizeBytes;
  ctx.body = opened.body;
}

/** Answers GET /jobs/{id}/files/{name} for a completed job. */
export async function sendFile(ctx: AppContext, storage: Storage, row: JobRow, name: string): Promise<void> {
  const file = downloadName(row, name);
  const etag = `"${filesOwner(row)}-${file}"`;
  ctx.set('ETag', etag);
  ctx.set('Cache-Control', 'private, max-age=3600');
  ctx.set('Content-Disposition', `inline; filename="${file}"`);
  if (ctx.get('If-None-Match') === etag) {
    ctx.status = 304;
    return;
  }
  ctx.type = contentTypeOf(file);
  const stored = Object.values(row.result_urls ?? {});
  if (!stored.includes(RUN_DATA_FILE)) {
    if (!stored.includes(file)) throw notFound(`job ${row.id} has no file '${file}'`);
    await sendStored(ctx, storage, row, file);
    return;
  }
  const table = await loadTable(storage, row);
  const pieces = rawFilePieces(table, file);
  if (pieces) return sendText(ctx, pieceStream(pieces));
  const chart = chartOfFile(file);
  if (!chart) throw notFound(`job ${row.id} has no file '${file}'`);
  const [{ svg }] = renderCharts(tableResult(table), new Set([chart]));
  if (file.endsWith('.svg')) return sendText(ctx, pieceStream([svg]));
  ctx.body = Buffer.from(await rasterizer.png(svg));
}
