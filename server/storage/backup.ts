/**
 * A copy of the whole embedded database, taken while the receiver runs: SQLite's VACUUM INTO
 * reads one consistent snapshot (inquiries keep arriving meanwhile) and writes only live pages,
 * so the rows of patients deleted before are not in it. PostgreSQL is backed up with its own
 * tools (pg_dump, or the host's snapshots).
 */
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, linkSync, mkdirSync, openSync, realpathSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
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
 * inquiries); never over an existing one. `record` runs before anything is copied (the access
 * log's entry: a copy that cannot be recorded is not taken). The copy is written beside the file
 * under a passing name, checked (a backup that would not restore is not taken for one), and
 * only then given its name: a copy cut short (Ctrl-C, a full disk) never passes for a backup.
 */
export async function backupTo(store: Store, file: string, record: () => Promise<void> = async () => undefined): Promise<BackupResult> {
  if (store.engine !== 'sqlite') throw new Error(PG_DUMP_HINT);
  const target = resolve(file);
  const exists = () => new Error(`${file} exists already: a backup never replaces a file (choose a new name, such as one with the date)`);
  if (existsSync(target)) throw exists();
  mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
  const dir = realpathSync(dirname(target));
  // Someone else who may change the directory could swap a file in it for theirs while we copy.
  const { mode, uid } = statSync(dir);
  if (mode & 0o022 || (uid !== process.getuid?.() && uid !== 0)) {
    throw new Error(`${dirname(file)} may be changed by other users: back up into a directory only you can write to (mkdir -m 700)`);
  }
  const partial = join(dir, `.${basename(target)}.partial-${randomBytes(6).toString('hex')}`);
  // Created empty first, with its mode: VACUUM INTO fills an empty file and keeps its permissions,
  // so the copy is never readable by others, not even for a moment.
  closeSync(openSync(partial, 'wx', 0o600));
  try {
    await record();
    await sql`VACUUM INTO ${partial}`.execute(store.db);
    const held = await checkCopy(partial);
    try {
      linkSync(partial, join(dir, basename(target)));
    } catch (error) {
      throw (error as NodeJS.ErrnoException).code === 'EEXIST' ? exists() : error;
    }
    return { file: target, bytes: statSync(partial).size, ...held };
  } finally {
    rmSync(partial, { force: true });
    rmSync(`${partial}-journal`, { force: true });
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
