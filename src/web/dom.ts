// Small DOM helpers. Elements are built with attributes and text nodes, never innerHTML, so that text from
// the server (error details, job ids) can never become markup.

type Attrs = Record<string, string | number | boolean | undefined>;
type Child = Node | string | undefined | false;

/** An element of `doc` with attributes (false/undefined ones left out) and children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  attrs: Attrs = {},
  children: Child[] = [],
): HTMLElementTagNameMap[K] {
  const el = doc.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child === undefined || child === false) continue;
    el.append(typeof child === 'string' ? doc.createTextNode(child) : child);
  }
  return el;
}

/** The element with this id; a missing one is a bug in index.html, so it throws with the id. */
export function byId<T extends HTMLElement = HTMLElement>(doc: Document, id: string): T {
  const el = doc.getElementById(id);
  if (!el) throw new Error(`the page has no element #${id}`);
  return el as T;
}

/** An id usable in HTML for a JSON pointer: "/composition/MG" → "f-composition-MG". */
export function idOf(pointer: string): string {
  return `f${pointer.replace(/[^A-Za-z0-9_]+/g, '-')}`;
}

/** Number formatting for people: `digits` significant digits, no trailing zeros, exponent when tiny/huge. */
export function formatNumber(value: number, digits = 4): string {
  if (!Number.isFinite(value)) return '–';
  if (value !== 0 && (Math.abs(value) < 1e-3 || Math.abs(value) >= 1e6)) {
    return value.toExponential(digits - 1).replace(/\.?0+e/, 'e');
  }
  return String(Number(value.toPrecision(digits)));
}
