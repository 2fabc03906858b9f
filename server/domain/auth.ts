/**
 * Staff login: email and password checked against the argon2id hash, with failures counted per
 * email and client network (login-throttle.ts says why, and where). An unknown email and a wrong
 * password get the same answer, after about the same time (a dummy hash is verified when there
 * is no account), and an unknown email is counted and locked exactly as an account is, so the
 * login form does not tell anyone which addresses have accounts.
 */
import { hash, verify } from '@node-rs/argon2';
import { sql } from 'kysely';
import type { Store } from '../storage/database.js';
import { isoIn, nowIso } from './clock.js';
import { ARGON2_OPTIONS } from './staff.js';
import { newSecret } from './secrets.js';
import { anyKey, failKey, LOCKED, okKey } from './login-throttle.js';

/** Wrong passwords for one email from one network before that pair is locked. */
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MS = 15 * 60_000;
/**
 * Wrong passwords for one email from all the networks it has not logged in from lately, before
 * those are locked out of it for an hour: about the rate one network alone is held to (5 in 15
 * minutes), however many networks the guesses come from.
 */
export const MAX_FAILED_LOGINS_ANYWHERE = 20;
export const ANYWHERE_LOCK_MS = 60 * 60_000;
/** How long a network the account logged in from stays exempt from the account-wide limit. */
const KNOWN_NETWORK_MS = 30 * 24 * 60 * 60_000;
/** How long one network's failures are remembered without a successful login. */
const FAILURES_KEPT_MS = 30 * 24 * 60 * 60_000;

export type LoginResult =
  | { ok: true; staffId: string; siteId: string; passwordHash: string }
  | { ok: false; reason: 'invalid'; triesLeft: number; siteId?: string; staffId?: string }
  | { ok: false; reason: 'locked'; retryAfterSeconds: number; siteId?: string; staffId?: string };

let dummyHash: Promise<string> | undefined;
/** A hash of nothing anyone knows, with the real cost settings, made once per process. */
const dummy = () => (dummyHash ??= hash(newSecret(), ARGON2_OPTIONS));

type Counted = { count: number } | { retryAfterSeconds: number };

/**
 * Counts a try under `key` before its password is checked, in one statement that leaves a
 * locked key alone. Counted after the check, tries sent at once (to one process or several) all
 * found the key open and all had their passwords checked, however many they were.
 */
async function countTry(store: Store, key: string, keptMs: number): Promise<Counted> {
  const counted = await store.db
    .insertInto('rate_limits')
    .values({ key, count: 1, expires_at: isoIn(keptMs) })
    .onConflict((oc) =>
      oc
        .column('key')
        .doUpdateSet({ count: sql`CASE WHEN rate_limits.count < 0 THEN 1 ELSE rate_limits.count + 1 END`, expires_at: isoIn(keptMs) })
        .where((eb) => eb.or([eb('rate_limits.count', '>=', 0), eb('rate_limits.expires_at', '<=', nowIso())])),
    )
    .returning('count')
    .executeTakeFirst();
  if (counted) return { count: Number(counted.count) };
  const row = await store.db.selectFrom('rate_limits').select('expires_at').where('key', '=', key).executeTakeFirst();
  return { retryAfterSeconds: Math.max(1, Math.ceil((Date.parse(row?.expires_at ?? nowIso()) - Date.now()) / 1000)) };
}

async function lockKey(store: Store, key: string, ms: number): Promise<number> {
  await store.db.updateTable('rate_limits').set({ count: LOCKED, expires_at: isoIn(ms) }).where('key', '=', key).execute();
  return ms / 1000;
}

/** `network`: the client's, as clientNetwork() gives it. */
export async function login(store: Store, email: string, password: string, network: string): Promise<LoginResult> {
  // No U+0000: PostgreSQL's text cannot hold it, and a query with one fails (a 500 on one engine only).
  const normalized = email.replaceAll('\u0000', '').trim().toLowerCase().slice(0, 320);
  const staff = await store.db
    .selectFrom('staff')
    .select(['id', 'site_id', 'password_hash'])
    .where('email', '=', normalized)
    .executeTakeFirst();
  const who = staff ? { siteId: staff.site_id, staffId: staff.id } : {};
  const locked = (retryAfterSeconds: number): LoginResult => ({ ok: false, reason: 'locked', retryAfterSeconds, ...who });

  const known = await store.db.selectFrom('rate_limits').select('key').where('key', '=', okKey(normalized, network)).where('expires_at', '>', nowIso()).executeTakeFirst();
  // Locked keys do not even try the password: guessing during the lock teaches nothing.
  const pair = await countTry(store, failKey(normalized, network), FAILURES_KEPT_MS);
  if ('retryAfterSeconds' in pair) return locked(pair.retryAfterSeconds);
  const anywhere = known ? undefined : await countTry(store, anyKey(normalized), ANYWHERE_LOCK_MS);
  if (anywhere && 'retryAfterSeconds' in anywhere) return locked(anywhere.retryAfterSeconds);
  const overAnywhere = anywhere !== undefined && anywhere.count > MAX_FAILED_LOGINS_ANYWHERE;
  if (pair.count > MAX_FAILED_LOGINS || overAnywhere) {
    return locked(overAnywhere ? await lockKey(store, anyKey(normalized), ANYWHERE_LOCK_MS) : await lockKey(store, failKey(normalized, network), LOCK_MS));
  }

  const good = await verify(staff?.password_hash ?? (await dummy()), password).catch(() => false);
  if (staff && good) {
    await store.db.deleteFrom('rate_limits').where('key', '=', failKey(normalized, network)).execute();
    // Counted as a try before the check; a right password is no guess, and staff logging in from
    // new networks (a phone, home) must not bring the account-wide lock nearer.
    if (anywhere) await store.db.updateTable('rate_limits').set((eb) => ({ count: eb('count', '-', 1) })).where('key', '=', anyKey(normalized)).where('count', '>', 0).execute();
    await store.db
      .insertInto('rate_limits')
      .values({ key: okKey(normalized, network), count: 0, expires_at: isoIn(KNOWN_NETWORK_MS) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ expires_at: isoIn(KNOWN_NETWORK_MS) }))
      .execute();
    return { ok: true, staffId: staff.id, siteId: staff.site_id, passwordHash: staff.password_hash };
  }
  if (anywhere && anywhere.count >= MAX_FAILED_LOGINS_ANYWHERE) return locked(await lockKey(store, anyKey(normalized), ANYWHERE_LOCK_MS));
  if (pair.count >= MAX_FAILED_LOGINS) return locked(await lockKey(store, failKey(normalized, network), LOCK_MS));
  const triesLeft = Math.min(MAX_FAILED_LOGINS - pair.count, anywhere ? MAX_FAILED_LOGINS_ANYWHERE - anywhere.count : Infinity);
  return { ok: false, reason: 'invalid', triesLeft, ...who };
}
