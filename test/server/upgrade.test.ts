/**
 * Upgrading a receiver: a database left by an earlier version, with data in it, is migrated
 * when the new version opens it, on both engines, and what staff see afterwards is right.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { openStore } from '../../server/storage/database.js';
import { migrations } from '../../server/storage/migrations/index.js';
import type { Database } from '../../server/storage/schema.js';
import { getInquiry } from '../../server/domain/inbox.js';
import { engines, freshDatabaseUrl, type Engine } from './helpers/receiver.js';

/** The database as a version that knew migrations up to `last` left it. */
async function databaseAt(engine: Engine, url: string, last: string): Promise<Kysely<Database>> {
  const db = new Kysely<Database>({
    dialect: engine === 'sqlite' ? new SqliteDialect({ database: new SQLite(url) }) : new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }),
  });
  const { error } = await new Migrator({ db, provider: migrations }).migrateTo(last);
  if (error) throw error;
  return db;
}

for (const engine of engines()) {
  describe(`upgrading the database (${engine})`, () => {
    it('signs the notes written before 003 with their author, where the account still exists', async () => {
      const url = await freshDatabaseUrl(engine);
      const old = await databaseAt(engine, url, '002-session-password-stamp');
      const at = new Date().toISOString();
      await old.insertInto('sites').values({ id: 'haneul', name: '하늘의원', origins: '["https://haneul.example"]', retention_days: 365, notify: '{}', created_at: at }).execute();
      await old.insertInto('staff').values({ id: 'staff-1', site_id: 'haneul', email: 'desk@haneul.example', password_hash: 'x', locked_until: null, created_at: at }).execute();
      await old
        .insertInto('inquiries')
        .values({ site_id: 'haneul', id: 'inq-1', received_at: at, form: 'cost', status: 'new', spam: 0, content_hash: 'h', payload: '{"fields":{}}', name: '', phone_digits: '' })
        .execute();
      // One note by the account that exists, one by an account removed before this version.
      await old
        .insertInto('inquiry_notes' as never)
        .values([
          { id: 'note-1', site_id: 'haneul', inquiry_id: 'inq-1', staff_id: 'staff-1', text: '첫 메모', created_at: at },
          { id: 'note-2', site_id: 'haneul', inquiry_id: 'inq-1', staff_id: 'staff-gone', text: '둘째 메모', created_at: at },
        ] as never)
        .execute();
      await old.destroy();

      const store = await openStore(url);
      try {
        const detail = await getInquiry(store, 'haneul', 'inq-1');
        assert.deepEqual(
          detail?.notes.map((n) => [n.text, n.author]),
          [
            ['첫 메모', 'desk@haneul.example'],
            ['둘째 메모', ''],
          ],
        );
      } finally {
        await store.close();
      }
    });

    it('rewrites the stored phone digits of 004 from every number an inquiry carries, a batch at a time', async () => {
      const url = await freshDatabaseUrl(engine);
      const old = await databaseAt(engine, url, '003-note-author');
      const at = new Date().toISOString();
      await old.insertInto('sites').values({ id: 'haneul', name: '하늘의원', origins: '["https://haneul.example"]', retention_days: 365, notify: '{}', created_at: at }).execute();
      const rows = Array.from({ length: 1203 }, (_, i) => {
        const fields = i === 0 ? { name: '둘', phone: '010-1234-5678', mobile: '+82 10-5555-6666' } : i === 1 ? { name: '없음', message: '문의' } : { name: `환자${i}`, mobile: `010-7000-${String(i).padStart(4, '0')}` };
        const before = typeof fields.phone === 'string' ? '01012345678' : '';
        return { site_id: 'haneul', id: `inq-${String(i).padStart(5, '0')}`, received_at: at, form: 'cost', status: 'new', spam: 0, content_hash: 'h', payload: JSON.stringify({ fields }), name: fields.name, phone_digits: before };
      });
      for (let i = 0; i < rows.length; i += 200) await old.insertInto('inquiries').values(rows.slice(i, i + 200)).execute();
      await old.destroy();

      const store = await openStore(url);
      try {
        const digits = async (id: string) => (await store.db.selectFrom('inquiries').select('phone_digits').where('id', '=', id).executeTakeFirstOrThrow()).phone_digits;
        assert.equal(await digits('inq-00000'), ' 01012345678 01055556666 ');
        assert.equal(await digits('inq-00001'), '');
        assert.equal(await digits('inq-01202'), ' 01070001202 ', 'the last batch too');
      } finally {
        await store.close();
      }
    });

    it('adds the told addresses of 005 to the outbox, none for the rows from before', async () => {
      const url = await freshDatabaseUrl(engine);
      const old = await databaseAt(engine, url, '004-all-phone-digits');
      const at = new Date().toISOString();
      await old.insertInto('sites').values({ id: 'haneul', name: '하늘의원', origins: '["https://haneul.example"]', retention_days: 365, notify: '{}', created_at: at }).execute();
      await old
        .insertInto('inquiries')
        .values({ site_id: 'haneul', id: 'inq-1', received_at: at, form: 'cost', status: 'new', spam: 0, content_hash: 'h', payload: '{"fields":{}}', name: '', phone_digits: '' })
        .execute();
      await old
        .insertInto('outbox')
        .values({ id: 'out-1', site_id: 'haneul', inquiry_id: 'inq-1', channel: 'email', state: 'pending', attempts: 1, next_attempt_at: at, locked_until: null, last_error: 'SMTP 450 for 1 of 2 addresses', created_at: at, sent_at: null })
        .execute();
      await old.destroy();

      const store = await openStore(url);
      try {
        const row = await store.db.selectFrom('outbox').selectAll().where('id', '=', 'out-1').executeTakeFirstOrThrow();
        assert.deepEqual([row.state, row.last_error, row.told_addresses], ['pending', 'SMTP 450 for 1 of 2 addresses', null]);
      } finally {
        await store.close();
      }
    });
  });
}
