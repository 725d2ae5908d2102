#!/usr/bin/env node
// Entry point of the `precipitate` command; the code lives in build/ (npm run build, run by `npm ci`).
import { existsSync } from 'node:fs';

const main = new URL('../build/src/cli/main.js', import.meta.url);
if (!existsSync(main)) {
  console.error('precipitate: not built yet; run `npm run build` (npm ci does it for you)');
  process.exit(1);
}
const { runCli } = await import(main.href);
process.exitCode = await runCli(process.argv.slice(2));
