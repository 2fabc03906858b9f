/**
 * Staff login: email and password checked against the argon2id hash, with a lock-out after
 * repeated failures. An unknown email and a wrong password get the same answer, after about
 * the same time (a dummy hash is verified when there is no account), and an unknown email locks
 * as an account does, so the login form does not tell anyone which addresses have accounts.
 */
import { hash, verify } from '@node-rs/argon2';
import { sql } from 'kysely';
import type { Store } from '../storage/database.js';
import { isoIn, nowIso } from './clock.js';
import { ARGON2_OPTIONS } from './staff.js';
import { newSecret, sha256 } from './secrets.js';

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MS = 15 * 60_000;

export type LoginResult =
  | { ok: true; staffId: string; siteId: string; passwordHash: string }
  | { ok: false; reason: 'invalid'; siteId?: string; staffId?: string }
  | { ok: false; reason: 'locked'; retryAfterSeconds: number; siteId?: string; staffId?: string };

let dummyHash: Promise<string> | undefined;
/** A hash of nothing anyone knows, with the real cost settings, made once per process. */
const dummy = () => (dummyHash ??= hash(newSecret(), ARGON2_OPTIONS));

export async function login(store: Store, email: string, password: string): Promise<LoginResult> {
  // No U+0000: PostgreSQL's text cannot hold it, and a query with one fails (a 500 on one engine only).
  const normalized = email.replaceAll('\u0000', '').trim().toLowerCase().slice(0, 320);
  const staff = await store.db
    .selectFrom('staff')
    .select(['id', 'site_id', 'password_hash'])
    .where('email', '=', normalized)
    .executeTakeFirst();
  if (!staff) return unknownAccount(store, normalized, password);
  // The try is counted before its password is checked, in one statement that also refuses a
  // locked account. Counted after the check, tries sent at once (to one process or several) all
  // found the account open and all had their passwords checked, however many they were.
  const counted = await store.db
    .updateTable('staff')
    .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) }))
    .where('id', '=', staff.id)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', nowIso())]))
    .returning('failed_logins')
    .executeTakeFirst();
  // Locked accounts do not even try the password: guessing during the lock teaches nothing.
  if (!counted) return lockedAnswer(store, staff);
  if (counted.failed_logins > MAX_FAILED_LOGINS) return lock(store, staff);
  const good = await verify(staff.password_hash, password).catch(() => false);
  if (good) {
    await store.db.updateTable('staff').set({ failed_logins: 0, locked_until: null }).where('id', '=', staff.id).execute();
    return { ok: true, staffId: staff.id, siteId: staff.site_id, passwordHash: staff.password_hash };
  }
  if (counted.failed_logins >= MAX_FAILED_LOGINS) return lock(store, staff);
  return { ok: false, reason: 'invalid', siteId: staff.site_id, staffId: staff.id };
}

type Account = { id: string; site_id: string };

async function lock(store: Store, staff: Account): Promise<LoginResult> {
  await store.db.updateTable('staff').set({ failed_logins: 0, locked_until: isoIn(LOCK_MS) }).where('id', '=', staff.id).execute();
  return { ok: false, reason: 'locked', retryAfterSeconds: LOCK_MS / 1000, siteId: staff.site_id, staffId: staff.id };
}

async function lockedAnswer(store: Store, staff: Account): Promise<LoginResult> {
  const row = await store.db.selectFrom('staff').select('locked_until').where('id', '=', staff.id).executeTakeFirst();
  const until = row?.locked_until ? Date.parse(row.locked_until) : Date.now();
  const retryAfterSeconds = Math.max(1, Math.ceil((until - Date.now()) / 1000));
  return { ok: false, reason: 'locked', retryAfterSeconds, siteId: staff.site_id, staffId: staff.id };
}

/** How long the failures of an email without an account are remembered (an account's, until it logs in). */
const UNKNOWN_KEPT_MS = 30 * 24 * 60 * 60_000;
/** A rate_limits row's count while its email is locked; expires_at is then the end of the lock. */
const LOCKED = -1;

/**
 * An email without an account counts its failures and locks as an account does (the same
 * answers, the same retry-after, a burst checked no further), in the rate_limits table, as there
 * is no staff row to count in. Otherwise only real accounts would ever answer "locked", and
 * five wrong passwords would tell which addresses have one. The address is kept as a hash.
 */
async function unknownAccount(store: Store, email: string, password: string): Promise<LoginResult> {
  const key = `login-unknown:${sha256(email)}`;
  // Counted before the (dummy) check, in one statement that leaves a locked row alone.
  const counted = await store.db
    .insertInto('rate_limits')
    .values({ key, count: 1, expires_at: isoIn(UNKNOWN_KEPT_MS) })
    .onConflict((oc) =>
      oc
        .column('key')
        .doUpdateSet({ count: sql`CASE WHEN rate_limits.count < 0 THEN 1 ELSE rate_limits.count + 1 END`, expires_at: isoIn(UNKNOWN_KEPT_MS) })
        .where((eb) => eb.or([eb('rate_limits.count', '>=', 0), eb('rate_limits.expires_at', '<=', nowIso())])),
    )
    .returning('count')
    .executeTakeFirst();
  if (!counted) {
    const row = await store.db.selectFrom('rate_limits').select('expires_at').where('key', '=', key).executeTakeFirst();
    return { ok: false, reason: 'locked', retryAfterSeconds: Math.max(1, Math.ceil((Date.parse(row?.expires_at ?? nowIso()) - Date.now()) / 1000)) };
  }
  const lockUnknown = async (): Promise<LoginResult> => {
    await store.db.updateTable('rate_limits').set({ count: LOCKED, expires_at: isoIn(LOCK_MS) }).where('key', '=', key).execute();
    return { ok: false, reason: 'locked', retryAfterSeconds: LOCK_MS / 1000 };
  };
  const count = Number(counted.count);
  if (count > MAX_FAILED_LOGINS) return lockUnknown();
  await verify(await dummy(), password).catch(() => false);
  if (count >= MAX_FAILED_LOGINS) return lockUnknown();
  return { ok: false, reason: 'invalid' };
}
