// JSON pointers (RFC 6901) into a simulation request: the axes of a sweep and the parameters of a
// calibration name the fields they vary this way. A pointer must address a numeric field of the request
// schema; `*` in place of an array index (or an alias) names every element at once, so that an
// isothermal temperature — every point of the profile — is one pointer. Isomorphic (CLI, service, page).
import { requestSchema } from './schema.js';

/** Short names for pointers a user often means (documented in the README's "Sweeps and maps"). */
export const POINTER_ALIASES: Readonly<Record<string, string>> = {
  /** Every point of the temperature profile: an isothermal temperature. */
  '/isothermal_temperature_celsius': '/temperature_profile/temperatures_celsius/*',
};

export class PointerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PointerError';
  }
}

/** The alias's target, or the pointer itself. */
export function resolveAlias(pointer: string): string {
  return POINTER_ALIASES[pointer] ?? pointer;
}

/** The reference tokens of a pointer, unescaped (~1 → /, ~0 → ~). '' is the whole document. */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/'))
    throw new PointerError(`'${pointer}' is not a JSON pointer (must start with /)`);
  return pointer
    .slice(1)
    .split('/')
    .map((token) => {
      if (/~[^01]|~$/.test(token)) throw new PointerError(`'${pointer}' has a ~ not followed by 0 or 1`);
      return token.replace(/~1/g, '/').replace(/~0/g, '~');
    });
}

interface SchemaNode {
  type?: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
}

const ARRAY_INDEX = /^(0|[1-9][0-9]*)$/;

/**
 * Checks that `pointer` (or an alias) addresses a numeric field of the request schema; returns the
 * resolved pointer. Throws a PointerError saying which token is wrong.
 */
export function checkNumericPointer(pointer: string): string {
  const resolved = resolveAlias(pointer);
  let node = requestSchema as unknown as SchemaNode;
  let at = '';
  for (const token of parsePointer(resolved)) {
    if (node.type === 'array' && node.items) {
      if (token !== '*' && !ARRAY_INDEX.test(token))
        throw new PointerError(`${at || '/'} is an array: '${token}' is neither an index nor *`);
      node = node.items;
    } else if (node.type === 'object' && node.properties && Object.hasOwn(node.properties, token)) {
      node = node.properties[token];
    } else {
      const known = node.properties ? `; known: ${Object.keys(node.properties).join(', ')}` : '';
      throw new PointerError(`${at || '/'} has no field '${token}'${known}`);
    }
    at += `/${token}`;
  }
  if (node.type !== 'number' && node.type !== 'integer')
    throw new PointerError(`${resolved} is not a numeric field of the request (it is ${node.type ?? 'any'})`);
  return resolved;
}

/** Whether the schema makes the field at `pointer` an integer (a value there must be whole). */
export function isIntegerField(pointer: string): boolean {
  let node = requestSchema as unknown as SchemaNode;
  for (const token of parsePointer(resolveAlias(pointer)))
    node = (node.type === 'array' ? node.items : node.properties?.[token]) ?? {};
  return node.type === 'integer';
}

type Container = Record<string, unknown> | unknown[];

/** The containers `tokens` lead to from `doc` (several after a `*`); missing objects are created. */
function containers(doc: Container, tokens: string[], pointer: string): Container[] {
  let current: Container[] = [doc];
  for (const token of tokens) {
    const next: Container[] = [];
    for (const c of current) {
      const children = Array.isArray(c) ? arrayChildren(c, token, pointer) : [objectChild(c, token)];
      for (const child of children) {
        if (typeof child !== 'object' || child === null)
          throw new PointerError(`${pointer}: the request has no object or array at '${token}'`);
        next.push(child as Container);
      }
    }
    current = next;
  }
  return current;
}

function arrayChildren(array: unknown[], token: string, pointer: string): unknown[] {
  if (token === '*') return array;
  const index = Number(token);
  if (!ARRAY_INDEX.test(token) || index >= array.length)
    throw new PointerError(`${pointer}: index ${token} is past the end of an array of ${array.length}`);
  return [array[index]];
}

function objectChild(object: Record<string, unknown>, key: string): unknown {
  if (object[key] === undefined) object[key] = {};
  return object[key];
}

/**
 * Sets the field(s) `pointer` addresses in `doc` (a raw request, changed in place) to `value`; objects
 * on the way that are absent (e.g. config) are created, array indices must exist. Returns how many
 * places were set.
 */
export function setPointer(doc: object, pointer: string, value: number): number {
  const tokens = parsePointer(resolveAlias(pointer));
  if (tokens.length === 0) throw new PointerError('the empty pointer names the whole request, not a field');
  const last = tokens[tokens.length - 1];
  let count = 0;
  for (const parent of containers(doc as Container, tokens.slice(0, -1), pointer)) {
    if (Array.isArray(parent)) {
      for (const i of last === '*' ? parent.keys() : [arrayIndex(parent, last, pointer)]) {
        parent[i] = value;
        count++;
      }
    } else {
      parent[last] = value;
      count++;
    }
  }
  return count;
}

function arrayIndex(array: unknown[], token: string, pointer: string): number {
  arrayChildren(array, token, pointer);
  return Number(token);
}

/** The value at a pointer without `*` (undefined where the document has none). */
export function getPointer(doc: unknown, pointer: string): unknown {
  let current = doc;
  for (const token of parsePointer(resolveAlias(pointer))) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[token];
  }
  return current;
}
