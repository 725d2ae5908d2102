// Following, listing, downloading and cancelling or deleting jobs.
import * as jobs from '../../db/jobs.js';
import { JOB_STATUSES, UNFINISHED, type JobRow, type JobStatus } from '../../db/rows.js';
import { baseUrl, ownedJob, type AppDeps } from '../deps.js';
import type { AppContext } from '../middleware.js';
import { badRequest, conflict } from '../problem.js';
import type { RouteSpec } from '../route.js';
import { jobListSchema, jobSchema, problem, resultsSchema } from '../schemas.js';
import { filesInUse, filesOwner } from '../../db/job-files.js';
import { awaitFiles } from '../await-files.js';
import { downloadName, sendFile } from '../files.js';
import { jobView, listItem, resultsView } from '../views.js';

const idParam = { type: 'object', properties: { id: { type: 'string', format: 'uuid' } } };

const listQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    status: { type: 'string', enum: [...JOB_STATUSES], description: 'only jobs in this state' },
    limit: { type: 'integer', minimum: 1, maximum: 100, default: 20, description: 'jobs per page' },
    cursor: { type: 'string', maxLength: 200, description: 'next_cursor of the previous page' },
  },
};

const encodeCursor = (row: JobRow) =>
  Buffer.from(JSON.stringify([row.created_at, row.id])).toString('base64url');

function decodeCursor(cursor: string): { created_at: string; id: string } {
  try {
    const [created_at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof created_at === 'string' && !Number.isNaN(Date.parse(created_at)) && typeof id === 'string') {
      return { created_at: new Date(created_at).toISOString(), id };
    }
  } catch {
    // reported below
  }
  throw badRequest({ in: 'query', pointer: 'cursor', detail: 'is not a next_cursor given by this API' });
}

function notCompleted(row: JobRow) {
  const detail = `job ${row.id} is ${row.status}${UNFINISHED.includes(row.status) ? '; try again later' : ''}`;
  return conflict(detail, { job_status: row.status });
}

export function jobRoutes(deps: AppDeps): RouteSpec[] {
  const files = async (ctx: AppContext) => {
    const row = await ownedJob(deps, ctx);
    if (row.status !== 'completed') throw notCompleted(row);
    const name = String((ctx as unknown as { params: Record<string, string> }).params.name);
    downloadName(row, name); // an unknown name is a 404 before anything is made
    await sendFile(ctx, deps.storage, await awaitFiles(deps, ctx, row), name);
  };
  const remove = async (ctx: AppContext) => {
    const row = await ownedJob(deps, ctx);
    if (UNFINISHED.includes(row.status) && (await jobs.cancelJob(deps.db, row.id))) {
      await deps.notifier.publish(row.id);
      const cancelled = (await jobs.getJob(deps.db, row.id)) ?? row;
      ctx.body = await jobView(cancelled, deps.storage, baseUrl(deps, ctx));
      return;
    }
    await jobs.deleteFinishedJob(deps.db, row.id);
    // The files stay while a cached answer (or the original job) still points at them.
    const owner = filesOwner(row);
    if (!(await filesInUse(deps.db, owner))) await deps.storage.deleteFiles(owner);
    ctx.status = 204;
  };
  return [
    {
      method: 'get',
      path: '/jobs',
      operationId: 'listJobs',
      summary: "The caller's jobs, newest first",
      query: listQuery,
      responses: {
        200: { description: 'a page of jobs', schema: jobListSchema },
        400: problem('a bad query parameter'),
      },
      handler: async (ctx) => {
        const q = ctx.state.query as { status?: JobStatus; limit: number; cursor?: string };
        const after = q.cursor === undefined ? undefined : decodeCursor(q.cursor);
        const rows = await jobs.listJobs(deps.db, {
          owner: ctx.state.owner,
          status: q.status,
          limit: q.limit + 1,
          after,
        });
        const page = rows.slice(0, q.limit);
        ctx.body = {
          jobs: page.map(listItem),
          next_cursor: rows.length > q.limit ? encodeCursor(page[page.length - 1]) : null,
        };
      },
    },
    {
      method: 'get',
      path: '/jobs/:id',
      operationId: 'getJob',
      summary: 'A job: status, progress and, once completed, results',
      params: idParam,
      responses: { 200: { description: 'the job', schema: jobSchema }, 404: problem('no such job') },
      handler: async (ctx) => {
        ctx.body = await jobView(await ownedJob(deps, ctx), deps.storage, baseUrl(deps, ctx));
      },
    },
    {
      method: 'get',
      path: '/jobs/:id/results',
      operationId: 'getResults',
      summary: 'The results of a completed job',
      params: idParam,
      responses: {
        200: { description: 'summary, series and file URLs', schema: resultsSchema },
        404: problem('no such job'),
        409: problem('the job is not completed; job_status says what it is'),
      },
      handler: async (ctx) => {
        const row = await ownedJob(deps, ctx);
        if (row.status !== 'completed' || !row.results) throw notCompleted(row);
        ctx.body = await resultsView(row, deps.storage, baseUrl(deps, ctx));
      },
    },
    {
      method: 'get',
      path: '/jobs/:id/files/:name',
      operationId: 'getFile',
      summary: "A result file, made from the job's run data when asked for",
      description:
        "name is a key of results.files (e.g. precipitation_plot) or a file name (e.g. precipitation.svg). A job stores no file when it completes: the first download has a worker run the job's request again to make its run data (the same numbers, checked against the job's), waiting up to SYNC_WAIT_SECONDS, then 503 with Retry-After; later downloads are made from the stored run data. JSON, CSV and SVG are gzip-compressed when the client accepts it. Jobs from before run data was stored redirect to a presigned URL (S3).",
      params: { type: 'object', properties: { id: idParam.properties.id, name: { type: 'string' } } },
      responses: {
        200: { description: 'the file', contentType: '*/*' },
        304: { description: 'not modified (If-None-Match)' },
        302: { description: 'redirect to a presigned URL' },
        404: problem('no such job or file'),
        409: problem('the job is not completed'),
        410: problem("the files cannot be made: the engine no longer gives the job's numbers"),
        503: problem('the files are being made (Retry-After), or the queue or database is unavailable'),
      },
      handler: files,
    },
    {
      method: 'delete',
      path: '/jobs/:id',
      operationId: 'deleteJob',
      summary: 'Cancel a pending or running job; delete a finished one with its files',
      params: idParam,
      responses: {
        200: { description: 'the job, now cancelled', schema: jobSchema },
        204: { description: 'the finished job and its files were deleted' },
        404: problem('no such job'),
      },
      handler: remove,
    },
  ];
}
