// The page validates with Ajv's standalone code generated at build time from the request schema (no Ajv
// compiler in the browser); the service compiles the same schema at run time. Both must give the same
// verdict and the same errors, hence the same messages next to the fields as from the API.
import { readFile } from 'node:fs/promises';
import test from 'ava';
import type { ValidateFunction } from 'ajv';
import { EXAMPLE_REQUEST, KAWIN_EXAMPLE_03 } from '../../src/request/index.js';
import { schemaValidator } from '../../src/request/schema-validator.js';
import { ROOT } from '../../tools/harness/paths.js';

const GENERATED = `${ROOT}build/generated/request-schema-validator.js`;
const BAD_VALUES: unknown[] = [null, true, -1, 0, 1e9, 'text', '', [], [1, 'a'], {}, { x: 1 }];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The path of the value and of each of its members, with the value there. */
function members(value: Json, path: string[] = []): [string[], Json][] {
  if (value === null || typeof value !== 'object') return [[path, value]];
  const keys = Array.isArray(value) ? value.map((_, i) => String(i)) : Object.keys(value);
  return [[path, value], ...keys.flatMap((k) => members((value as Record<string, Json>)[k], [...path, k]))];
}

function withValue(base: Json, path: string[], value: unknown, remove = false): unknown {
  const copy = structuredClone(base) as Record<string, unknown>;
  if (path.length === 0) return value;
  let at = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string, unknown>;
  const last = path[path.length - 1];
  if (remove) delete at[last];
  else at[last] = value;
  return copy;
}

/** The examples, each member replaced by bad values or removed, unknown members added. */
function bodies(): unknown[] {
  const out: unknown[] = [];
  for (const example of [EXAMPLE_REQUEST, KAWIN_EXAMPLE_03] as unknown as Json[]) {
    out.push(example);
    for (const [path, value] of members(example)) {
      for (const bad of BAD_VALUES) out.push(withValue(example, path, bad));
      if (path.length > 0) out.push(withValue(example, path, undefined, true));
      if (value !== null && typeof value === 'object' && !Array.isArray(value))
        out.push(withValue(example, [...path, 'unknown_member'], 1));
    }
  }
  return out;
}

test('the generated validator gives the compiled one’s verdict and errors for every body', async (t) => {
  const generated = (await import(GENERATED)) as { schemaValidator(): ValidateFunction };
  const compiled = schemaValidator();
  const validate = generated.schemaValidator();
  t.not(validate, compiled);
  const cases = bodies();
  let rejected = 0;
  for (const body of cases) {
    const verdict = compiled(body);
    t.is(validate(body), verdict, JSON.stringify(body));
    t.deepEqual(validate.errors ?? null, compiled.errors ?? null, JSON.stringify(body));
    if (!verdict) rejected++;
  }
  t.true(cases.length > 300, `${cases.length} bodies`);
  t.true(rejected > 0.8 * (cases.length - 2), `${rejected} of ${cases.length} rejected`);
});

test('the page’s bundle holds the generated validator, not the Ajv compiler', async (t) => {
  const app = await readFile(`${ROOT}build/web/app.js`, 'utf8');
  t.false(app.includes('no schema with key or ref'), 'Ajv compiler error text found in app.js');
  t.true(app.includes('must have required property'), 'validation messages missing from app.js');
});
