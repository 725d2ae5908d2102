// Sweeps (issue 20): a sweep is a job owning its runs. One row per sweep, one row per run; a run's row is
// its checkpoint: a worker writes each finished run's metrics as soon as it has them, so that a worker
// killed mid-chunk loses only the runs it had not written, and (sweep_id, run_index) being the key, no
// run can be stored twice.
import type { Knex } from 'knex';

const SWEEP_STATUSES = ['pending', 'running', 'completed', 'failed', 'cancelled'];
const RUN_STATUSES = ['pending', 'running', 'completed', 'failed', 'cancelled'];

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('sweeps', (t) => {
    t.uuid('id').primary();
    t.enu('status', SWEEP_STATUSES).notNullable();
    t.string('owner', 64).notNullable();
    t.jsonb('document').notNullable();
    t.jsonb('axes').notNullable();
    t.integer('total_runs').notNullable();
    t.integer('chunk_runs').notNullable();
    t.text('error_message');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('completed_at', { useTz: true });
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.index(['status'], 'sweeps_status_idx');
    t.index(['owner', 'created_at'], 'sweeps_owner_created_at_idx');
  });
  await knex.schema.createTable('sweep_runs', (t) => {
    t.uuid('sweep_id').notNullable().references('id').inTable('sweeps').onDelete('CASCADE');
    t.integer('run_index').notNullable();
    t.integer('chunk').notNullable();
    t.enu('status', RUN_STATUSES).notNullable();
    t.jsonb('axis_values').notNullable();
    t.jsonb('request').notNullable();
    t.string('cache_key', 64).notNullable();
    t.jsonb('metrics');
    t.jsonb('curves');
    t.text('error_message');
    t.integer('attempt').notNullable().defaultTo(0);
    t.string('worker', 255);
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.primary(['sweep_id', 'run_index']);
    t.index(['sweep_id', 'chunk'], 'sweep_runs_chunk_idx');
    t.index(['cache_key'], 'sweep_runs_cache_key_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('sweep_runs');
  await knex.schema.dropTableIfExists('sweeps');
}
