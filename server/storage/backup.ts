/**
 * A copy of the whole embedded database, taken while the receiver runs: SQLite's VACUUM INTO
 * reads one consistent snapshot (inquiries keep arriving meanwhile) and writes only live pages,
 * so the rows of patients deleted before are not in it. PostgreSQL is backed up with its own
 * tools (pg_dump, or the host's snapshots).
 */
import { chmodSync, closeSync, mkdirSync, openSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { sql } from 'kysely';
import type { Store } from './database.js';

export interface BackupResult {
  file: string;
  bytes: number;
  sites: number;
  inquiries: number;
}

export const PG_DUMP_HINT =
  'DATABASE_URL is PostgreSQL: back it up with its own tools, e.g. pg_dump --format=custom --file=consult.dump "$DATABASE_URL" (keep the dump as private as the database).';

/**
 * Writes the backup to `file`, a new file readable by its owner only (it holds every clinic's
 * inquiries); never over an existing one. `record` runs once the file is claimed and before
 * anything is copied (the access log's entry: a copy that cannot be recorded is not taken).
 * Checks the copy before answering, so a backup that would not restore is not taken for one.
 */
export async function backupTo(store: Store, file: string, record: () => Promise<void> = async () => undefined): Promise<BackupResult> {
  if (store.engine !== 'sqlite') throw new Error(PG_DUMP_HINT);
  const target = resolve(file);
  mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
  // Created empty first, with its mode: VACUUM INTO fills an empty file and keeps its permissions,
  // so the copy is never readable by others, not even for a moment.
  try {
    closeSync(openSync(target, 'wx', 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new Error(`${file} exists already: a backup never replaces a file (choose a new name, such as one with the date)`);
    throw error;
  }
  try {
    chmodSync(target, 0o600);
    await record();
    await sql`VACUUM INTO ${target}`.execute(store.db);
    return { file: target, bytes: statSync(target).size, ...(await checkCopy(target)) };
  } catch (error) {
    rmSync(target, { force: true });
    throw error;
  }
}

/** Opens the copy read-only: whole (integrity_check) and readable, with what it holds. */
async function checkCopy(file: string): Promise<{ sites: number; inquiries: number }> {
  const { default: SQLite } = await import('better-sqlite3');
  const copy = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = copy.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new Error(`the backup did not check out (${String(integrity)}); it was removed`);
    const count = (table: 'sites' | 'inquiries') => (copy.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    return { sites: count('sites'), inquiries: count('inquiries') };
  } finally {
    copy.close();
  }
}
