// A completed job's results (summary and compact series, ~250 KB of JSON) as `json`, stored uncompressed
// or with lz4, on PostgreSQL. As `jsonb` with the default pglz compression, writing one cost PostgreSQL
// ~8 ms of CPU (pglz over 250 KB, every number parsed as numeric) and reading it ~2 ms: more than the
// rest of a job's queries together (bench/README.md, issue 17). `json` keeps the text as written (checked,
// not converted); lz4 (PostgreSQL ≥ 14, when the server is built with it) compresses it ~10× faster than
// pglz. Nothing queries inside results. (The type change rewrites the table under an exclusive lock.) SQLite stores JSON as text already: nothing to do there.
import type { Knex } from 'knex';

export const isPostgres = (knex: Knex) => knex.client.config.client === 'pg';

export async function hasLz4(knex: Knex): Promise<boolean> {
  const { rows } = (await knex.raw(
    "select 1 from pg_settings where name = 'default_toast_compression' and 'lz4' = any(enumvals)",
  )) as { rows: unknown[] };
  return rows.length > 0;
}

export async function up(knex: Knex): Promise<void> {
  if (!isPostgres(knex)) return;
  await knex.raw('alter table simulation_jobs alter column results type json using results::json');
  await storeResultsFast(knex);
}

/** Results compressed with lz4 where the server has it, else stored uncompressed (never pglz). */
export async function storeResultsFast(knex: Knex): Promise<void> {
  const storage = (await hasLz4(knex)) ? 'set compression lz4' : 'set storage external';
  await knex.raw(`alter table simulation_jobs alter column results ${storage}`);
}

export async function down(knex: Knex): Promise<void> {
  if (!isPostgres(knex)) return;
  await knex.raw('alter table simulation_jobs alter column results type jsonb using results::jsonb');
  const compression = (await hasLz4(knex)) ? ', alter column results set compression default' : '';
  await knex.raw(`alter table simulation_jobs alter column results set storage extended${compression}`);
}
