// Inlined into index.html's head by the build (a few hundred bytes): starts the preview worker at once,
// before app.js even downloads, so that the engine downloads, compiles its kernel and parses the database
// while app.js loads and builds the form. The first preview request waits in the worker's queue until
// the engine is ready. The worker's name tells it to start the form's initial request at once: the page
// sends the same request when it has loaded, and the worker answers it with the run already under way.
import { BOOT_WORKER, GUESS_PREFIX } from './preview/protocol.js';

(globalThis as Record<string, unknown>)[BOOT_WORKER] = new Worker('preview-worker.js', {
  name: `${GUESS_PREFIX}${location.search}`,
});
