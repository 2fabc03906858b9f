/**
 * Staff sessions, kept in the database so every receiver process knows them. The cookie holds
 * a random secret; the table holds only its SHA-256, so a copy of the database opens no
 * session. Each session has its own CSRF token, which the inbox sends back in a header.
 */
import type { Store } from '../storage/database.js';
import { isoIn, nowIso } from './clock.js';
import { newSecret, sha256 } from './secrets.js';

/** A working day and then some; staff log in again after it, whatever they were doing. */
export const SESSION_MS = 12 * 60 * 60_000;

/*
 * A session also ends idleMs after its staff member last did something (SESSION_IDLE_MS, 30
 * minutes by default, in config.ts): an inbox left open on a front desk's screen would otherwise
 * show patients' inquiries all day, as the list's polls would keep it alive. The session's
 * expires_at is that deadline, moved on by each staff action and never past SESSION_MS from the login.
 */

export interface Session {
  idHash: string;
  staffId: string;
  siteId: string;
  email: string;
  csrfToken: string;
  expiresAt: string;
}

/**
 * Which password a session was opened with: a short hash of the stored (argon2) hash, which a
 * new password replaces. A session whose stamp no longer matches is over.
 */
export const passwordStamp = (passwordHash: string): string => sha256(passwordHash).slice(0, 32);

/**
 * Starts a session for the password hash the login was checked against; answers the cookie
 * value, which is shown to nobody else.
 */
export async function createSession(store: Store, staffId: string, passwordHash: string, idleMs: number): Promise<{ cookie: string; csrfToken: string; expiresAt: string }> {
  const cookie = newSecret();
  const csrfToken = newSecret();
  const expiresAt = isoIn(Math.min(SESSION_MS, idleMs));
  await store.db
    .insertInto('sessions')
    .values({ id_hash: sha256(cookie), staff_id: staffId, csrf_token: csrfToken, created_at: nowIso(), expires_at: expiresAt, password_stamp: passwordStamp(passwordHash) })
    .execute();
  return { cookie, csrfToken, expiresAt };
}

/**
 * The live session a cookie value opens, with its staff member's site; undefined otherwise.
 * `activity`: the request is a staff action, which moves the idle deadline on (idleMs from now).
 */
export async function sessionOf(store: Store, cookie: string | undefined, activity?: { idleMs: number }): Promise<Session | undefined> {
  if (!cookie || cookie.length > 200) return undefined;
  const row = await store.db
    .selectFrom('sessions')
    .innerJoin('staff', 'staff.id', 'sessions.staff_id')
    .select(['sessions.id_hash', 'sessions.staff_id', 'sessions.csrf_token', 'sessions.created_at', 'sessions.expires_at', 'sessions.password_stamp', 'staff.site_id', 'staff.email', 'staff.password_hash'])
    .where('sessions.id_hash', '=', sha256(cookie))
    .where('sessions.expires_at', '>', nowIso())
    .executeTakeFirst();
  // Checked on every request rather than relied on the reset deleting the sessions: a login whose
  // password was being verified while it changed inserts its session after that deletion.
  if (!row || row.password_stamp !== passwordStamp(row.password_hash)) return undefined;
  let expiresAt = row.expires_at;
  if (activity) {
    const deadline = new Date(Math.min(Date.parse(row.created_at) + SESSION_MS, Date.now() + activity.idleMs)).toISOString();
    // Written only when it moves by a thirtieth of the timeout (a minute of 30): not on every click.
    if (Date.parse(deadline) - Date.parse(expiresAt) > activity.idleMs / 30) {
      await store.db.updateTable('sessions').set({ expires_at: deadline }).where('id_hash', '=', row.id_hash).where('expires_at', '<', deadline).execute();
      expiresAt = deadline;
    }
  }
  return { idHash: row.id_hash, staffId: row.staff_id, siteId: row.site_id, email: row.email, csrfToken: row.csrf_token, expiresAt };
}

export async function endSession(store: Store, idHash: string): Promise<void> {
  await store.db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

export async function pruneSessions(store: Store): Promise<number> {
  const result = await store.db.deleteFrom('sessions').where('expires_at', '<=', nowIso()).executeTakeFirst();
  return Number(result.numDeletedRows);
}
