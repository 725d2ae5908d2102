// Calibrations (issue 21): a calibration is one job that runs the optimiser and the sampler in one worker.
// Its row keeps the document, the latest progress (written while it runs: also the worker's sign of life)
// and the result document; a killed worker's calibration is claimed again and re-run from its start.
import type { Knex } from 'knex';

const STATUSES = ['pending', 'running', 'completed', 'failed', 'cancelled'];

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('calibrations', (t) => {
    t.uuid('id').primary();
    t.enu('status', STATUSES).notNullable();
    t.string('owner', 64).notNullable();
    t.jsonb('document').notNullable();
    t.integer('planned_runs').notNullable();
    t.jsonb('progress');
    t.jsonb('result');
    t.text('error_message');
    t.integer('attempt').notNullable().defaultTo(0);
    t.string('worker', 255);
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('completed_at', { useTz: true });
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.index(['status'], 'calibrations_status_idx');
    t.index(['owner', 'created_at'], 'calibrations_owner_created_at_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('calibrations');
}
