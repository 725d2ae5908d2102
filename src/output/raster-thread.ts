// PNG figures made on request, one at a time, on a thread of their own: the API's event loop stays free,
// and resvg's pixel buffers (~25 MB a figure) come and go in that one thread's malloc arena instead of
// settling in one arena per libuv thread (measured: ~40 MB less peak RSS after the five figures). Node only.
import { isMainThread, parentPort, Worker } from 'node:worker_threads';
import { svgToPngSync } from './png.js';

type Request = { id: number; svg: string };
type Reply = { id: number; png?: Uint8Array; error?: string };

export interface Rasterizer {
  /** The PNG of an SVG document at its own size. */
  png(svg: string): Promise<Uint8Array>;
  close(): Promise<void>;
}

/**
 * A rasterising thread, started at a figure and ended when idleMs pass without one (its memory goes with
 * it; and a process cannot exit while a thread that loaded resvg lives: the idle timer ends it first).
 */
export function createRasterizer(idleMs = 1000): Rasterizer {
  let worker: Worker | undefined;
  let idle: NodeJS.Timeout | undefined;
  let nextId = 0;
  const waiting = new Map<number, { resolve: (png: Uint8Array) => void; reject: (e: Error) => void }>();
  const start = () => {
    const thread = new Worker(new URL(import.meta.url));
    thread.unref();
    thread.on('message', ({ id, png, error }: Reply) => {
      const w = waiting.get(id);
      waiting.delete(id);
      if (png) w?.resolve(png);
      else w?.reject(new Error(`rasterising failed: ${error}`));
      if (waiting.size === 0) idle = setTimeout(() => void stop(), idleMs);
    });
    // A thread that failed takes its waiting figures along; one ended when idle had none.
    const lost = (error: Error) => {
      if (worker !== thread) return;
      worker = undefined;
      for (const w of waiting.values()) w.reject(error);
      waiting.clear();
    };
    thread.on('error', lost);
    thread.on('exit', (code) => lost(new Error(`raster thread exited with code ${code}`)));
    return thread;
  };
  const stop = async () => {
    clearTimeout(idle);
    const thread = worker;
    worker = undefined;
    await thread?.terminate();
  };
  return {
    png(svg) {
      clearTimeout(idle);
      worker ??= start();
      const id = nextId++;
      const reply = new Promise<Uint8Array>((resolve, reject) => waiting.set(id, { resolve, reject }));
      worker.postMessage({ id, svg } satisfies Request);
      return reply;
    },
    close: stop,
  };
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  port.on('message', ({ id, svg }: Request) => {
    try {
      const { png } = svgToPngSync(svg);
      port.postMessage({ id, png } satisfies Reply, [png.buffer as ArrayBuffer]);
    } catch (error) {
      port.postMessage({ id, error: error instanceof Error ? error.message : String(error) } satisfies Reply);
    }
  });
}
