import { sql, type Kysely, type Migration } from 'kysely';

/**
 * A note keeps the email of who wrote it, so it stays signed once that account is removed
 * (`staff remove`, for someone who left the clinic). Notes written before are signed from the
 * accounts that still exist.
 */
export const noteAuthor: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('inquiry_notes').addColumn('author', 'text').execute();
    await sql`UPDATE inquiry_notes SET author = (SELECT email FROM staff WHERE staff.id = inquiry_notes.staff_id)`.execute(db);
  },
};
