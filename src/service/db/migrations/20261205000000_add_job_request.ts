// The job's request as the API validated and normalized it (defaults, mole fractions), stored beside the
// body as submitted: the engine runs it as it is instead of validating the body again. Rows from before
// have none; their body is validated when they run.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('simulation_jobs', (t) => {
    t.jsonb('request');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('simulation_jobs', (t) => {
    t.dropColumn('request');
  });
}
