/**
 * Opens the database DATABASE_URL names: embedded SQLite by default, PostgreSQL for
 * postgres:// URLs. Both run the same migrations at start and the same Kysely queries after.
 */
import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import type BetterSqlite3 from 'better-sqlite3';
import type { Database } from './schema.js';
import { migrations } from './migrations/index.js';

export type Engine = 'sqlite' | 'postgres';

export interface Store {
  db: Kysely<Database>;
  engine: Engine;
  /** Answers when the database can be reached. */
  ping(): Promise<void>;
  /**
   * After personal data was deleted: makes what the deletion removed unreadable in the
   * database's files, where the engine allows it and as far as it can at once (see openSqlite);
   * the receiver's scrub job finishes it.
   */
  scrub(): Promise<void>;
  close(): Promise<void>;
}

export const DEFAULT_SQLITE_FILE = 'data/receiver.db';

export function engineOf(url: string): Engine {
  return /^postgres(?:ql)?:\/\//i.test(url) ? 'postgres' : 'sqlite';
}

/** A SQLite file path from "sqlite:path", "file:path", a bare path, or nothing (the default). */
export function sqliteFile(url: string): string {
  return url.replace(/^(?:sqlite|file):(?:\/\/)?/i, '') || DEFAULT_SQLITE_FILE;
}

export async function openStore(url = process.env.DATABASE_URL ?? ''): Promise<Store> {
  const engine = engineOf(url);
  const db = engine === 'postgres' ? await openPostgres(url) : await openSqlite(sqliteFile(url));
  await migrate(db);
  return {
    db,
    engine,
    ping: async () => {
      await db.selectNoFrom((eb) => eb.lit(1).as('ok')).execute();
    },
    scrub: async () => {
      // The zeroed pages go from the write-ahead log into the file, and the log, which still holds
      // the deleted rows as they were first written, is emptied. Without waiting: a reader (a
      // backup's snapshot) holds the checkpoint back, and better-sqlite3 would wait with the whole
      // process; the scrub job does later what cannot be done now. PostgreSQL keeps a deleted
      // row's bytes until VACUUM reuses its space, which no query here can force.
      if (engine !== 'sqlite') return;
      await db.connection().execute(async (connection) => {
        await sql`PRAGMA busy_timeout = 0`.execute(connection);
        try {
          await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(connection);
        } finally {
          await sql`PRAGMA busy_timeout = 5000`.execute(connection);
        }
      });
    },
    close: () => db.destroy(),
  };
}

async function openSqlite(file: string): Promise<Kysely<Database>> {
  const { default: SQLite } = await import('better-sqlite3');
  if (file !== ':memory:') {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    // A new database is readable by its owner only: it holds health information (SQLite gives its
    // -wal and -shm files the same permissions). An existing file keeps the mode its operator gave it.
    if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  }
  const connection = new SQLite(file);
  // WAL lets the inbox read while inquiries are written; FULL syncs the log on every commit,
  // so an inquiry that was answered 201 survives a crash or a power cut.
  connection.pragma('journal_mode = WAL');
  connection.pragma('synchronous = FULL');
  // A deleted row's bytes are overwritten with zeros, not left in free space: a patient's
  // deleted inquiry (PIPA: destroyed so it cannot be restored) must not survive in the file
  // or in its backups.
  connection.pragma('secure_delete = ON');
  connection.pragma('foreign_keys = ON');
  connection.pragma('busy_timeout = 5000');
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(connection) }) });
}

/**
 * Kysely prepares every statement anew, and on SQLite preparing took a tenth of the receiver's
 * CPU under load (npm run bench:receiver, profiled). Its queries are a small fixed set of texts,
 * so their prepared statements are kept and reused; bounded, for texts that vary (IN lists).
 * A statement still being iterated (a streamed query) is busy and cannot run again: then a fresh
 * one is prepared.
 */
function withStatementCache(connection: BetterSqlite3.Database, size = 200) {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => connection.close(),
    prepare(sql: string): BetterSqlite3.Statement {
      const cached = cache.get(sql);
      if (cached && !cached.busy) {
        // Most recently used last, so the oldest is the first to go.
        cache.delete(sql);
        cache.set(sql, cached);
        return cached;
      }
      const statement = connection.prepare(sql);
      if (cached) return statement;
      cache.set(sql, statement);
      if (cache.size > size) cache.delete(cache.keys().next().value!);
      return statement;
    },
  };
}

async function openPostgres(url: string): Promise<Kysely<Database>> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.DATABASE_POOL_SIZE) || 10 });
  // A dropped connection must not crash the process; the next query gets a fresh one.
  pool.on('error', () => {});
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

async function migrate(db: Kysely<Database>): Promise<void> {
  // Kysely's migrator takes a lock (an advisory lock on PostgreSQL), so several processes
  // starting together migrate once.
  const { error, results } = await new Migrator({ db, provider: migrations }).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) throw new Error(`database migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
}
