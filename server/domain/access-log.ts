/**
 * The access log: who looked at or changed which inquiries, when and from where. It records
 * what was done and to which inquiry id, never what patients typed (a search is logged as a
 * search, without its term; a deletion by phone number as a count, without the number).
 */
import type { Kysely } from 'kysely';
import type { Store } from '../storage/database.js';
import type { Database } from '../storage/schema.js';
import { nowIso } from './clock.js';
import { newId } from './secrets.js';

/**
 * How long access records are kept. Korea's PIPA safeguard standards (개인정보의 안전성 확보조치
 * 기준, art. 8) ask a handler to keep access records of personal-information systems for at
 * least one year, and at least two years where sensitive data (health data, as here) is
 * processed. Two years is the floor: rows are pruned only once they are older than that.
 */
export const ACCESS_LOG_KEEP_YEARS = 2;

export type AccessAction =
  | 'login'
  | 'login-failed'
  | 'logout'
  | 'list'
  | 'search'
  | 'view'
  | 'export'
  | 'status'
  | 'note'
  | 'delete-patient'
  | 'retention'
  | 'delete-site'
  // Access rights: an account or token given, taken away, or an account's password set anew.
  | 'grant'
  | 'revoke'
  | 'password';

/**
 * Records of access rights given, changed and taken away are kept longer: the same standard
 * (art. 5(3)) asks for at least three years.
 */
export const RIGHTS_LOG_KEEP_YEARS = 3;
const RIGHTS_ACTIONS: readonly AccessAction[] = ['grant', 'revoke', 'password'];

export interface AccessEntry {
  siteId: string;
  /** staff:<id>, token:<hash prefix> or system. */
  actor: string;
  action: AccessAction;
  /** An inquiry id, a filter description, a count, or the account or token whose rights changed; never patients' text. */
  target?: string;
  ip?: string;
}

/**
 * Records a read, a login or a logout, before the answer goes out: a read that cannot be logged
 * fails instead of answering. Changes are logged with logChange, in their own transaction.
 */
export async function logAccess(store: Store, entry: AccessEntry): Promise<void> {
  await insertAccess(store.db, entry);
}

/**
 * Who makes a change, for its access record: the actor, from where, and through what when the
 * record should say so (`cli` for the receiver's command, `self` for one's own password).
 */
export interface Changer {
  actor: string;
  ip?: string;
  via?: 'cli' | 'self';
}

export const CLI: Changer = { actor: 'system', via: 'cli' };

/**
 * Records a change inside the transaction that makes it, so the two are kept or lost together:
 * a change whose record cannot be written is not made, and a crash between them cannot leave a
 * change no record tells of.
 */
export async function logChange(trx: Kysely<Database>, siteId: string, by: Changer, action: AccessAction, target: string): Promise<void> {
  await insertAccess(trx, { siteId, actor: by.actor, action, target: by.via ? `${target} ${by.via}` : target, ip: by.ip });
}

async function insertAccess(db: Kysely<Database>, entry: AccessEntry): Promise<void> {
  await db
    .insertInto('access_log')
    .values({
      id: newId(),
      at: nowIso(),
      site_id: entry.siteId,
      actor: entry.actor,
      action: entry.action,
      target: (entry.target ?? '').slice(0, 500),
      ip: (entry.ip ?? '').slice(0, 64),
    })
    .execute();
}

/** The moment before which access rows may go: exactly ACCESS_LOG_KEEP_YEARS (or `years`) ago. */
export function accessLogCutoff(now = new Date(), years = ACCESS_LOG_KEEP_YEARS): string {
  const cutoff = new Date(now);
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - years);
  return cutoff.toISOString();
}

/** Deletes access rows older than their keeping period; answers how many went. */
export async function pruneAccessLog(store: Store, now = new Date()): Promise<number> {
  const result = await store.db
    .deleteFrom('access_log')
    .where((eb) =>
      eb.or([
        eb.and([eb('at', '<', accessLogCutoff(now)), eb('action', 'not in', RIGHTS_ACTIONS)]),
        eb('at', '<', accessLogCutoff(now, RIGHTS_LOG_KEEP_YEARS)),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export const staffActor = (staffId: string): string => `staff:${staffId}`;

/**
 * The site's access records from `since` on, oldest first, for the regular review the safeguard
 * standards (안전성 확보조치 기준 art. 8) ask of whoever keeps them.
 */
export async function readAccessLog(store: Store, siteId: string, since: string): Promise<Array<{ at: string; actor: string; action: string; target: string; ip: string }>> {
  return store.db
    .selectFrom('access_log')
    .select(['at', 'actor', 'action', 'target', 'ip'])
    .where('site_id', '=', siteId)
    .where('at', '>=', since)
    .orderBy('at')
    .orderBy('id')
    .execute();
}
