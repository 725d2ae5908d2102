// Paths of the repository's own files, from a compiled test in build/tests/<area>/.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const DEFAULT_TDB = `${ROOT}data/AlMgSi.tdb`;
export const FIXTURES = `${ROOT}tests/fixtures/`;
export const CLI = `${ROOT}bin/precipitate.js`;

export function readDefaultTdb(): string {
  return readFileSync(DEFAULT_TDB, 'utf8');
}

export function readFixture<T>(relative: string): T {
  return JSON.parse(readFileSync(`${FIXTURES}${relative}`, 'utf8')) as T;
}
