// Errors of the API as typed values, rendered in one place as application/problem+json (RFC 9457).
import { isDatabaseUnavailable } from '../db/unavailable.js';
import { QueueUnavailable } from '../queue/types.js';

export interface FieldIssue {
  /** Where the problem is: body, query, path or header. */
  in: 'body' | 'query' | 'path' | 'header';
  /** JSON pointer into the body (e.g. /composition/MG), or the parameter or header name. */
  pointer: string;
  detail: string;
}

export const PROBLEM_BASE = 'https://deepalloy.example/problems/';

export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly slug: string,
    readonly title: string,
    readonly detail: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = 'Problem';
  }
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  [extension: string]: unknown;
}

export function problemBody(problem: Problem, instance: string): ProblemBody {
  return {
    type: `${PROBLEM_BASE}${problem.slug}`,
    title: problem.title,
    status: problem.status,
    detail: problem.detail,
    instance,
    ...problem.extra,
  };
}

const list = (issues: FieldIssue[]) =>
  issues
    .slice(0, 5)
    .map((i) => `${i.pointer} ${i.detail}`)
    .join('; ') + (issues.length > 5 ? `; and ${issues.length - 5} more` : '');

export const invalid = (issues: FieldIssue[], status = 422) =>
  new Problem(status, 'validation', 'The request is invalid', list(issues), { errors: issues });

export const badRequest = (issue: FieldIssue) => invalid([issue], 400);

export const notFound = (detail: string) => new Problem(404, 'not-found', 'Not found', detail);

export const conflict = (detail: string, extra: Record<string, unknown> = {}) =>
  new Problem(409, 'conflict', 'Conflict', detail, extra);

export const unauthorized = (detail: string) =>
  new Problem(
    401,
    'unauthorized',
    'Unauthorized',
    detail,
    {},
    { 'WWW-Authenticate': 'Bearer realm="precipitate"' },
  );

export const tooManyRequests = (retryAfterSeconds: number) =>
  new Problem(
    429,
    'rate-limited',
    'Too many requests',
    `rate limit exceeded; retry after ${retryAfterSeconds} s`,
    { retry_after_seconds: retryAfterSeconds },
    { 'Retry-After': String(retryAfterSeconds) },
  );

export const unavailable = (detail: string, extra: Record<string, unknown> = {}) =>
  new Problem(503, 'unavailable', 'Service unavailable', detail, extra, { 'Retry-After': '5' });

/** A dependency that cannot be reached (database refused, hung or restarting; Redis away): 503, never 500. */
export function fromUnavailable(error: unknown): Problem | undefined {
  if (isDatabaseUnavailable(error))
    return unavailable('the database is unavailable; retry later', { down: ['database'] });
  if (error instanceof QueueUnavailable)
    return unavailable('the queue is unavailable; retry later', { down: ['queue'] });
  return undefined;
}

/** Errors thrown by Koa, koa-body or the router (http-errors) with a 4xx status, as problems. */
export function fromHttpError(error: {
  status?: number;
  statusCode?: number;
  message?: string;
  type?: string;
}): Problem | undefined {
  const status = error.status ?? error.statusCode;
  if (typeof status !== 'number' || status < 400 || status >= 500) return undefined;
  if (status === 413) {
    return new Problem(413, 'too-large', 'Payload too large', 'the request body is larger than 64 KiB', {
      errors: [{ in: 'body', pointer: '/', detail: 'is larger than 64 KiB' }],
    });
  }
  if (
    status === 400 &&
    (error.type === 'entity.parse.failed' || /JSON|Unexpected/i.test(error.message ?? ''))
  ) {
    const detail = `is not valid JSON (${error.message ?? 'parse error'})`;
    return invalid([{ in: 'body', pointer: '/', detail }], 400);
  }
  if (status === 415) {
    return new Problem(
      415,
      'unsupported-media-type',
      'Unsupported media type',
      error.message ?? 'unsupported media type',
    );
  }
  return new Problem(
    status,
    'http-error',
    error.message ?? 'Request error',
    error.message ?? 'the request was refused',
  );
}
