/**
 * Where failed logins are counted (the rate_limits table), shared by the login and the `staff`
 * commands that show and lift locks. Every key names the email by a hash only, so an address
 * without an account is counted exactly as one with, and the table holds neither.
 *
 * - `login-fail:<email>:<network>`: wrong passwords for one email from one client network
 *   (client-network.ts). Five lock that pair: a stranger's guesses lock the stranger out, not
 *   the front desk logging in from the clinic's own address.
 * - `login-any:<email>`: wrong passwords for the email from every network the account has not
 *   logged in from lately. Without it, guesses spread over many networks (an IPv6 /48 alone is
 *   65,536 of them) would never stop; with it, guessing stays at about the old rate (20 an hour),
 *   and the networks staff log in from are never locked by it.
 * - `login-ok:<email>:<network>`: a network the account logged in from in the last 30 days.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';
import { nowIso } from './clock.js';
import { sha256 } from './secrets.js';

const emailKey = (email: string) => sha256(email).slice(0, 32);
const networkKey = (network: string) => sha256(`network:${network}`).slice(0, 16);

export const failKey = (email: string, network: string) => `login-fail:${emailKey(email)}:${networkKey(network)}`;
export const anyKey = (email: string) => `login-any:${emailKey(email)}`;
export const okKey = (email: string, network: string) => `login-ok:${emailKey(email)}:${networkKey(network)}`;

/** A rate_limits row's count while its key is locked; expires_at is then the end of the lock. */
export const LOCKED = -1;

/** The end of the latest lock on an email's logins, from any network; null when none holds. */
export async function loginLockedUntil(db: Kysely<Database>, email: string): Promise<string | null> {
  const row = await db
    .selectFrom('rate_limits')
    .select((eb) => eb.fn.max('expires_at').as('until'))
    .where((eb) => eb.or([eb('key', 'like', `login-fail:${emailKey(email)}:%`), eb('key', '=', anyKey(email))]))
    .where('count', '=', LOCKED)
    .where('expires_at', '>', nowIso())
    .executeTakeFirst();
  return row?.until ?? null;
}

/** Lifts every lock and count of an email's logins (a new password set by the agency). */
export async function liftLoginLocks(db: Kysely<Database>, email: string): Promise<void> {
  await db
    .deleteFrom('rate_limits')
    .where((eb) => eb.or([eb('key', 'like', `login-fail:${emailKey(email)}:%`), eb('key', '=', anyKey(email))]))
    .execute();
}
