import type { Kysely, Migration } from 'kysely';

/**
 * Each session remembers which password opened it (a short hash of the stored password hash),
 * so that a new password ends every session opened with the old one, even one whose login was
 * being checked while the password changed. Sessions from before have none and would open
 * nothing: they are deleted, and their staff log in once more.
 */
export const sessionPasswordStamp: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('sessions').addColumn('password_stamp', 'text').execute();
    await db.deleteFrom('sessions' as never).execute();
  },
};
