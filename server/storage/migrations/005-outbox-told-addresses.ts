import type { Kysely, Migration } from 'kysely';

/**
 * An email's outbox row remembers the addresses the mail server took it for, so that a retry
 * after some addresses were refused for now goes to the others only. Rows from before start
 * with none, as a row did.
 */
export const outboxToldAddresses: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('outbox').addColumn('told_addresses', 'text').execute();
  },
};
