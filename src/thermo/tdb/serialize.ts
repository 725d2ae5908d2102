// A parsed database as JSON and back. The page's preview worker gets the default database this way:
// the web build parses data/AlMgSi.tdb with parseTdb (a malformed file fails the build, naming its line)
// and the worker reads the result, instead of parsing the text again on every page load (25–40 ms of
// a fresh worker's time, before the first preview's run can start).
import type { TdbDatabase } from './types.js';

interface DatabaseJson {
  elements: [string, unknown][];
  species: string[];
  functions: [string, unknown][];
  phases: [string, unknown][];
  parameters: unknown[];
  warnings: string[];
}

export function databaseToJson(db: TdbDatabase): string {
  const json: DatabaseJson = {
    elements: [...db.elements],
    species: [...db.species],
    functions: [...db.functions],
    phases: [...db.phases],
    parameters: db.parameters,
    warnings: db.warnings,
  };
  return JSON.stringify(json);
}

export function databaseFromJson(text: string): TdbDatabase {
  const json = JSON.parse(text) as DatabaseJson;
  return {
    elements: new Map(json.elements),
    species: new Set(json.species),
    functions: new Map(json.functions),
    phases: new Map(json.phases),
    parameters: json.parameters,
    warnings: json.warnings,
  } as TdbDatabase;
}
