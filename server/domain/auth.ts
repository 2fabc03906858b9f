/**
 * Staff login: email and password checked against the argon2id hash, with a lock-out after
 * repeated failures. An unknown email and a wrong password get the same answer, after about
 * the same time (a dummy hash is verified when there is no account), so the login form does
 * not tell anyone which addresses have accounts.
 */
import { hash, verify } from '@node-rs/argon2';
import type { Store } from '../storage/database.js';
import { isoIn, nowIso } from './clock.js';
import { ARGON2_OPTIONS } from './staff.js';
import { newSecret } from './secrets.js';

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MS = 15 * 60_000;

export type LoginResult =
  | { ok: true; staffId: string; siteId: string }
  | { ok: false; reason: 'invalid'; siteId?: string; staffId?: string }
  | { ok: false; reason: 'locked'; retryAfterSeconds: number; siteId: string; staffId: string };

let dummyHash: Promise<string> | undefined;
/** A hash of nothing anyone knows, with the real cost settings, made once per process. */
const dummy = () => (dummyHash ??= hash(newSecret(), ARGON2_OPTIONS));

export async function login(store: Store, email: string, password: string): Promise<LoginResult> {
  const normalized = email.trim().toLowerCase().slice(0, 320);
  const staff = await store.db
    .selectFrom('staff')
    .select(['id', 'site_id', 'password_hash'])
    .where('email', '=', normalized)
    .executeTakeFirst();
  if (!staff) {
    await verify(await dummy(), password).catch(() => false);
    return { ok: false, reason: 'invalid' };
  }
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
    return { ok: true, staffId: staff.id, siteId: staff.site_id };
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
