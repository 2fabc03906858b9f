/** Clinic staff accounts: one site each, passwords hashed with argon2id. */
import { hash, verify } from '@node-rs/argon2';
import type { Kysely } from 'kysely';
import type { Store } from '../storage/database.js';
import type { Database } from '../storage/schema.js';
import { nowIso } from './clock.js';
import { newId } from './secrets.js';
import { MIN_PASSWORD_LENGTH } from './password-rules.js';
import { liftLoginLocks, loginLockedUntil } from './login-throttle.js';
import { logChange, staffActor, type Changer } from './access-log.js';

export { MIN_PASSWORD_LENGTH };
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}$/;

/** OWASP's argon2id baseline (19 MiB, 2 passes); @node-rs/argon2 defaults to argon2id. */
export const ARGON2_OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export async function addStaff(store: Store, siteId: string, email: string, password: string, by: Changer): Promise<string> {
  const normalized = email.trim().toLowerCase();
  if (!EMAIL.test(normalized)) throw new Error(`"${email}" is not an email address`);
  mustBeLongEnough(password);
  const passwordHash = await hash(password, ARGON2_OPTIONS);
  return store.db.transaction().execute(async (trx) => {
    const site = await trx.selectFrom('sites').select('id').where('id', '=', siteId).executeTakeFirst();
    if (!site) throw new Error(`no site "${siteId}"`);
    const taken = await trx.selectFrom('staff').select('id').where('email', '=', normalized).executeTakeFirst();
    if (taken) throw new Error(`${normalized} has an account already`);
    const id = newId();
    await trx.insertInto('staff').values({ id, site_id: siteId, email: normalized, password_hash: passwordHash, locked_until: null, created_at: nowIso() }).execute();
    await logChange(trx, siteId, by, 'grant', rightsTarget(id, normalized));
    return id;
  });
}

/**
 * How the access log names an account whose rights change: by id, which the account's other
 * records carry, and by email, which still says who once the account is removed.
 */
const rightsTarget = (staffId: string, email: string): string => `${staffActor(staffId)} ${email}`;

export interface StaffAccount {
  email: string;
  createdAt: string;
  /** Set while wrong passwords keep the account locked, from one network or more (domain/auth.ts). */
  lockedUntil: string | null;
  /** Sessions open now (the inbox in a browser, logged in). */
  sessions: number;
}

/** The site's accounts, by email. */
export async function listStaff(store: Store, siteId: string): Promise<StaffAccount[]> {
  const rows = await store.db
    .selectFrom('staff')
    .leftJoin('sessions', (join) => join.onRef('sessions.staff_id', '=', 'staff.id').on('sessions.expires_at', '>', nowIso()))
    .select(['staff.email', 'staff.created_at', (eb) => eb.fn.count<number | string>('sessions.id_hash').as('sessions')])
    .where('staff.site_id', '=', siteId)
    .groupBy(['staff.id', 'staff.email', 'staff.created_at'])
    .orderBy('staff.email')
    .execute();
  return Promise.all(
    rows.map(async (r) => ({
      email: r.email,
      createdAt: r.created_at,
      lockedUntil: await loginLockedUntil(store.db, r.email),
      sessions: Number(r.sessions),
    })),
  );
}

/**
 * Removes an account, for someone who left the clinic: their open sessions end with it, so an
 * inbox left logged in on a shared computer stops answering at once. Their notes stay, signed
 * with the email they were written under.
 */
export async function removeStaff(store: Store, siteId: string, email: string, by: Changer): Promise<string | undefined> {
  return store.db.transaction().execute(async (trx) => {
    const account = await accountOf(trx, siteId, email);
    if (!account) return undefined;
    // Children first: SQLite enforces the cascades only with foreign_keys on, PostgreSQL always.
    await trx.deleteFrom('sessions').where('staff_id', '=', account.id).execute();
    await trx.deleteFrom('staff').where('id', '=', account.id).execute();
    await logChange(trx, siteId, by, 'revoke', rightsTarget(account.id, account.email));
    return account.id;
  });
}

/**
 * Gives an account a new password, for a forgotten or shared one: it also unlocks the account
 * and ends every session it had, so whoever knew the old password is logged out.
 */
export async function resetPassword(store: Store, siteId: string, email: string, password: string, by: Changer): Promise<{ id: string } | undefined> {
  mustBeLongEnough(password);
  const passwordHash = await hash(password, ARGON2_OPTIONS);
  return store.db.transaction().execute(async (trx) => {
    const account = await accountOf(trx, siteId, email);
    if (!account || !(await replacePassword(trx, account.id, passwordHash))) return undefined;
    await logChange(trx, siteId, by, 'password', rightsTarget(account.id, account.email));
    return { id: account.id };
  });
}

/**
 * A staff member's own change, from a session: the current password must be right, and still
 * the stored one when the new one is written (an administrator's `staff password` in between
 * wins). Ends every session of the account; answers the new hash for the caller's new session.
 */
export async function changeOwnPassword(
  store: Store,
  session: { staffId: string; siteId: string; email: string },
  current: string,
  password: string,
  ip?: string,
): Promise<{ passwordHash: string } | 'wrong' | 'gone'> {
  mustBeLongEnough(password);
  const account = await store.db.selectFrom('staff').select('password_hash').where('id', '=', session.staffId).executeTakeFirst();
  if (!account) return 'gone';
  if (!(await verify(account.password_hash, current).catch(() => false))) return 'wrong';
  const passwordHash = await hash(password, ARGON2_OPTIONS);
  const replaced = await store.db.transaction().execute(async (trx) => {
    if (!(await replacePassword(trx, session.staffId, passwordHash, account.password_hash))) return false;
    const by: Changer = { actor: staffActor(session.staffId), ip, via: 'self' };
    await logChange(trx, session.siteId, by, 'password', rightsTarget(session.staffId, session.email));
    return true;
  });
  return replaced ? { passwordHash } : 'gone';
}

function mustBeLongEnough(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) throw new Error(`the password needs at least ${MIN_PASSWORD_LENGTH} characters`);
}

/**
 * Stores a new password hash (only over `expected`, when given), lifts any lock and ends every
 * session of the account, whoever opened it. False when there was nothing to replace.
 */
async function replacePassword(trx: Kysely<Database>, staffId: string, passwordHash: string, expected?: string): Promise<boolean> {
  let update = trx.updateTable('staff').set({ password_hash: passwordHash, failed_logins: 0, locked_until: null }).where('id', '=', staffId);
  if (expected !== undefined) update = update.where('password_hash', '=', expected);
  if (Number((await update.executeTakeFirst()).numUpdatedRows) !== 1) return false;
  const { email } = await trx.selectFrom('staff').select('email').where('id', '=', staffId).executeTakeFirstOrThrow();
  await liftLoginLocks(trx, email);
  await trx.deleteFrom('sessions').where('staff_id', '=', staffId).execute();
  return true;
}

/** A site's account by email, written in any case as at login. */
function accountOf(db: Kysely<Database>, siteId: string, email: string) {
  return db.selectFrom('staff').select(['id', 'email']).where('site_id', '=', siteId).where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
}
