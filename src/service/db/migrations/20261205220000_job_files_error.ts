// Why a completed job's downloads cannot be made, when they cannot: a job stores no file at completion,
// and its run data is made by running its request again when first asked for (runner/make-files.ts);
// when that run fails, or no longer gives the job's numbers (the engine changed since), the reason is
// kept here and the API answers it instead of trying again. Null for every other job.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('simulation_jobs', (t) => {
    t.text('files_error');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('simulation_jobs', (t) => {
    t.dropColumn('files_error');
  });
}
