// Serves the built page (build/web/, see build.ts) at / from the API's Koa app: GET and HEAD of the files
// in that one directory, with their content types (application/wasm, so that the worker can compile the
// kernel while it downloads) and revalidation by ETag. Anything under /api/ and every other method go on
// to the API. Node only.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Middleware } from 'koa';
import { PACKAGE_ROOT } from '../../runtime/node.js';

export const WEB_ROOT = join(PACKAGE_ROOT, 'build/web');

const CONTENT_TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  wasm: 'application/wasm',
  map: 'application/json; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
};

/** The file name a path asks for, if it is one this middleware may serve (flat names, no dot files). */
export function webFileName(path: string): string | undefined {
  if (path === '/' || path === '/index.html') return 'index.html';
  const match = /^\/([A-Za-z0-9_-][A-Za-z0-9_.-]*)$/.exec(path);
  if (!match || match[1].includes('..')) return undefined;
  const extension = match[1].slice(match[1].lastIndexOf('.') + 1);
  return Object.hasOwn(CONTENT_TYPES, extension) ? match[1] : undefined;
}

export function contentTypeOfWebFile(name: string): string {
  const extension = name.slice(name.lastIndexOf('.') + 1);
  return Object.hasOwn(CONTENT_TYPES, extension) ? CONTENT_TYPES[extension] : 'application/octet-stream';
}

/** A CSP source for each inline script of an HTML page (the build inlines the boot script). */
export function inlineScriptHashes(html: string): string[] {
  return [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map(
    (m) => `'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`,
  );
}

/**
 * What the page may load: its own files, its inline boot script, WebAssembly compiled from its own kernel,
 * figures from anywhere (result files may be presigned S3 URLs) and calls to its own origin only.
 */
export function pageCsp(scriptHashes: readonly string[]): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval' ${scriptHashes.join(' ')}`.trim(),
    "style-src 'self' 'unsafe-inline'",
    'img-src * data: blob:',
    "connect-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function servePage(root: string = WEB_ROOT): Middleware {
  return async (ctx, next) => {
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || ctx.path.startsWith('/api/')) return next();
    const name = webFileName(ctx.path);
    if (!name) return next();
    const file = join(root, name);
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) return next();
    const etag = `W/"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
    ctx.set('ETag', etag);
    // Names are not content-hashed: let browsers keep copies but ask each time whether they changed.
    ctx.set('Cache-Control', 'no-cache');
    ctx.set('X-Content-Type-Options', 'nosniff');
    const bytes = ctx.method === 'GET' || name === 'index.html' ? await readFile(file) : undefined;
    ctx.set(
      'Content-Security-Policy',
      pageCsp(name === 'index.html' ? inlineScriptHashes(String(bytes)) : []),
    );
    if (ctx.get('If-None-Match') === etag) {
      ctx.status = 304;
      return;
    }
    ctx.status = 200;
    ctx.type = contentTypeOfWebFile(name);
    // HEAD: Koa answers with the headers alone when there is no body. The files are small (< 1 MB):
    // a buffer, unlike a stream, cannot fail half-way when the browser goes away.
    if (ctx.method === 'GET') ctx.body = bytes;
    else ctx.length = info.size;
  };
}
