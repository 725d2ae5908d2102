// A route is data: method, path, schemas and handler. The same objects build the router, the one small
// validation middleware (schemas compiled once, when the app is made) and the OpenAPI document.
import { Ajv, type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { Middleware } from 'koa';
import type { AppContext, AppState } from './middleware.js';
import { badRequest, invalid, notFound, type FieldIssue } from './problem.js';

export type JsonSchema = Record<string, unknown>;

export type BodyCheck =
  { ok: true; value: unknown } | { ok: false; issues: { path: string; message: string }[] };

export interface ResponseSpec {
  description: string;
  schema?: JsonSchema;
  /** Defaults to application/json; problem responses are application/problem+json. */
  contentType?: string;
  headers?: Record<string, string>;
}

export interface RouteSpec {
  method: 'get' | 'post' | 'delete';
  /** Koa path under /api/v1, e.g. /jobs/:id */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  /** Path parameters; a value that does not match answers 404 (no such resource). */
  params?: JsonSchema;
  query?: JsonSchema;
  headers?: { name: string; description: string; schema: JsonSchema }[];
  body?: { schema: JsonSchema; check: (body: unknown) => BodyCheck; example?: unknown };
  responses: Record<number, ResponseSpec>;
  public?: boolean;
  handler: (ctx: AppContext) => Promise<void>;
}

const ajv = new Ajv({ allErrors: true, coerceTypes: true, useDefaults: true, strict: false });
// ajv-formats is CommonJS: its default export arrives as the module object under NodeNext.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
addFormats(ajv);

function issuesOf(errors: ErrorObject[] | null | undefined, where: FieldIssue['in']): FieldIssue[] {
  return (errors ?? []).map((e) => {
    const params = e.params as Record<string, unknown>;
    const name =
      e.keyword === 'additionalProperties'
        ? String(params.additionalProperty)
        : e.keyword === 'required'
          ? String(params.missingProperty)
          : e.instancePath.replace(/^\//, '');
    const detail =
      e.keyword === 'additionalProperties'
        ? `is not a known ${where} parameter`
        : e.keyword === 'required'
          ? 'is required'
          : (e.message ?? 'is invalid');
    return { in: where, pointer: name || '/', detail };
  });
}

/** The validation middleware of one route: query and path checked by Ajv, body by the route's check. */
export function validation(spec: RouteSpec): Middleware<AppState> {
  const query = spec.query ? ajv.compile(spec.query) : undefined;
  const params = spec.params ? ajv.compile(spec.params) : undefined;
  return async (ctx, next) => {
    const pathValues = { ...(ctx as unknown as { params: Record<string, string> }).params };
    if (params && !params(pathValues)) {
      const name = issuesOf(params.errors, 'path')[0]?.pointer ?? 'id';
      throw notFound(`no resource with ${name} '${pathValues[name] ?? ''}'`);
    }
    const values: Record<string, unknown> = { ...ctx.query };
    for (const [k, v] of Object.entries(values)) {
      if (Array.isArray(v)) throw badRequest({ in: 'query', pointer: k, detail: 'must be given once' });
    }
    if (query && !query(values)) throw invalid(issuesOf(query.errors, 'query'), 400);
    ctx.state.query = values;
    if (spec.body) {
      const checked = spec.body.check(ctx.request.body);
      if (!checked.ok)
        throw invalid(checked.issues.map((i) => ({ in: 'body', pointer: i.path, detail: i.message })));
      ctx.state.body = checked.value;
    }
    return next();
  };
}
