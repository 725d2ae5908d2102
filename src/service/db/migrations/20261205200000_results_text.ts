// A completed job's results (~250 KB of JSON text) as `text` on PostgreSQL, with the same compression as
// before (lz4, or none without it): as `json`, every insert of them made PostgreSQL check the whole text
// (its JSON parser, ~0.6 ms of a ~1.6 ms write per completed job, bench/README.md round 6) though nothing
// queries inside results and the runner writes them as JSON.stringify made them. Read back the same text.
// (The type change rewrites the table under an exclusive lock.) SQLite stores them as text already.
import type { Knex } from 'knex';
import { isPostgres, storeResultsFast } from './20261205060000_results_json.js';

async function retype(knex: Knex, type: 'text' | 'json'): Promise<void> {
  await knex.raw(`alter table simulation_jobs alter column results type ${type} using results::${type}`);
  await storeResultsFast(knex);
}

export async function up(knex: Knex): Promise<void> {
  if (isPostgres(knex)) await retype(knex, 'text');
}

export async function down(knex: Knex): Promise<void> {
  if (isPostgres(knex)) await retype(knex, 'json');
}
