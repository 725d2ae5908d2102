// The calibration schema's Ajv validator. Node compiles it at first use; the page's bundle replaces this
// module with the same validator generated ahead of time (tools/make/web.ts, Ajv's standalone code): the
// page's Content-Security-Policy allows no eval, which Ajv's compiler needs.
import { Ajv, type ValidateFunction } from 'ajv';
import { calibrationSchema } from '../request/calibration-schema.js';
import { AJV_OPTIONS } from '../request/schema-validator.js';

let compiled: ValidateFunction | undefined;

export function calibrationValidator(): ValidateFunction {
  compiled ??= new Ajv(AJV_OPTIONS).compile(calibrationSchema);
  return compiled;
}
