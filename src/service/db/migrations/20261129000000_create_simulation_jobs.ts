// The job table: the seed service's columns plus what the queue, the cache and ownership need.
import type { Knex } from 'knex';

const STATUSES = ['pending', 'running', 'completed', 'failed', 'cancelled'];

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('simulation_jobs', (t) => {
    t.uuid('id').primary();
    t.enu('status', STATUSES).notNullable();
    t.string('owner', 64).notNullable();
    t.jsonb('input_params').notNullable();
    t.jsonb('results');
    t.jsonb('result_urls');
    t.text('error_message');
    t.jsonb('progress').notNullable();
    t.integer('attempt').notNullable().defaultTo(0);
    t.string('cache_key', 64).notNullable();
    t.string('idempotency_key', 255);
    t.string('engine_version', 32);
    t.uuid('cached_from');
    t.string('worker', 255);
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('started_at', { useTz: true });
    t.timestamp('completed_at', { useTz: true });
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.index(['status'], 'simulation_jobs_status_idx');
    t.index(['cache_key'], 'simulation_jobs_cache_key_idx');
    t.unique(['owner', 'idempotency_key'], { indexName: 'simulation_jobs_idempotency_uq' });
  });
  await knex.raw('CREATE INDEX simulation_jobs_created_at_idx ON simulation_jobs (created_at DESC)');
  await knex.raw(
    'CREATE INDEX simulation_jobs_owner_created_at_idx ON simulation_jobs (owner, created_at DESC, id DESC)',
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('simulation_jobs');
}
