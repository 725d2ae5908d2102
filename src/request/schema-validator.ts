// The request schema's Ajv validator. Node compiles it at first use; the page's bundle replaces this
// module with the same validator generated ahead of time from the same schema and options
// (tools/make/web.ts, Ajv's standalone code), so that the browser does not spend ~0.2 s compiling Ajv.
import { Ajv, type Options, type ValidateFunction } from 'ajv';
import { requestSchema } from './schema.js';

/** The options both the compiled and the generated validator are made with. */
export const AJV_OPTIONS: Options = { allErrors: true, strict: false };

let compiled: ValidateFunction | undefined;

export function schemaValidator(): ValidateFunction {
  compiled ??= new Ajv(AJV_OPTIONS).compile(requestSchema);
  return compiled;
}
