/** Clinic staff accounts: one site each, passwords hashed with argon2id. */
import { hash } from '@node-rs/argon2';
import type { Store } from '../storage/database.js';
import { nowIso } from './clock.js';
import { newId } from './secrets.js';

export const MIN_PASSWORD_LENGTH = 10;
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}$/;

/** OWASP's argon2id baseline (19 MiB, 2 passes); @node-rs/argon2 defaults to argon2id. */
export const ARGON2_OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export async function addStaff(store: Store, siteId: string, email: string, password: string): Promise<string> {
  const normalized = email.trim().toLowerCase();
  if (!EMAIL.test(normalized)) throw new Error(`"${email}" is not an email address`);
  if (password.length < MIN_PASSWORD_LENGTH) throw new Error(`the password needs at least ${MIN_PASSWORD_LENGTH} characters`);
  const site = await store.db.selectFrom('sites').select('id').where('id', '=', siteId).executeTakeFirst();
  if (!site) throw new Error(`no site "${siteId}"`);
  const taken = await store.db.selectFrom('staff').select('id').where('email', '=', normalized).executeTakeFirst();
  if (taken) throw new Error(`${normalized} has an account already`);
  const id = newId();
  await store.db
    .insertInto('staff')
    .values({ id, site_id: siteId, email: normalized, password_hash: await hash(password, ARGON2_OPTIONS), locked_until: null, created_at: nowIso() })
    .execute();
  return id;
}
