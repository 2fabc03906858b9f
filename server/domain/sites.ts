/**
 * A site is one clinic website: the origins its pages are served from, how long its
 * inquiries are kept, and whom to tell when one arrives.
 */
import type { Store } from '../storage/database.js';
import { nowIso } from './clock.js';
import { logChange, type Changer } from './access-log.js';

export const SITE_ID = /^[a-z0-9][a-z0-9-]{0,39}$/;
export const DEFAULT_RETENTION_DAYS = 365;

export interface NotifySettings {
  /** Addresses that get an email for each new inquiry. */
  emails: string[];
  /** A URL that gets a POST for each new inquiry. */
  webhookUrl?: string;
  /** HMAC-SHA256 key for the webhook's signature header. */
  webhookSecret?: string;
  /** json: the signed JSON body; slack: a Slack-compatible { text } message. */
  webhookMode: 'json' | 'slack';
  /** Put the patient's message and full details in notifications (off: masked name and phone only). */
  fullContent: boolean;
}

export interface Site {
  id: string;
  name: string;
  origins: string[];
  retentionDays: number;
  notify: NotifySettings;
  createdAt: string;
}

export const DEFAULT_NOTIFY: NotifySettings = { emails: [], webhookMode: 'json', fullContent: false };

/** scheme://host[:port] and nothing else; the host is checked by URL below. */
const ORIGIN_FORM = /^https?:\/\/[^/?#@\\\s]+$/i;

/**
 * "https://Clinic.example" → "https://clinic.example", the form browsers send in Origin, which is
 * compared as a string. Anything else is refused rather than stored: a wildcard, a path or a
 * trailing slash would be accepted here and then match no page's posts.
 */
export function normalizeOrigin(input: string): string {
  const expected = 'write the exact address pages are served from, scheme://host[:port], such as https://clinic.example or http://localhost:8080';
  const url = ORIGIN_FORM.test(input) && URL.canParse(input) ? new URL(input) : undefined;
  if (input.includes('*') || url?.hostname.includes('*')) {
    throw new Error(`"${input}" is not an origin: origins are matched exactly, so a wildcard matches nothing; ${expected}, and give each one (with and without www)`);
  }
  if (/^https?:\/\/[^/?#]+[/?#]/i.test(input)) throw new Error(`"${input}" is not an origin: no path, query or trailing slash; ${expected}`);
  if (!url || url.origin === 'null') throw new Error(`"${input}" is not an origin: ${expected}`);
  return url.origin;
}

/** The clinic's name is the sender's name on its notification emails, and the inbox's title. */
function siteName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw new Error('--name must not be empty: it is the clinic\'s name, shown on notification emails and in the inbox');
  return trimmed;
}

/**
 * Checked on add and on update alike: a period of 0 days or less puts the retention job's
 * cut-off at now or later, and its next run would delete every inquiry of the site.
 */
function retentionDays(days: number): number {
  if (!Number.isInteger(days) || days < 1 || days > 3650) throw new Error('--retention-days must be a whole number from 1 to 3650');
  return days;
}

/** An address a mail server can take; what it is not is caught here rather than after a day of retries. */
const EMAIL = /^[^\s@<>,;"']+@[^\s@<>,;"']+\.[^\s@<>,;"']+$/;

/**
 * Notification settings as given on the command line, checked: an empty --notify-email or
 * --webhook "" removes that channel; anything else must be an address or an http(s) URL.
 */
function checkedNotify(notify: Partial<NotifySettings> = {}): Partial<NotifySettings> {
  const out = { ...notify };
  if (out.emails) {
    out.emails = out.emails.map((e) => e.trim()).filter(Boolean);
    const bad = out.emails.find((e) => !EMAIL.test(e));
    if (bad !== undefined) throw new Error(`--notify-email "${bad}" is not an email address such as desk@clinic.example`);
  }
  if (out.webhookUrl !== undefined) {
    const url = out.webhookUrl.trim();
    if (!url) out.webhookUrl = undefined;
    else if (!/^https?:\/\/[^\s/]+/i.test(url) || !URL.canParse(url)) throw new Error(`--webhook "${url}" is not an http(s) URL such as https://hooks.example/clinic`);
    else out.webhookUrl = url;
  }
  return out;
}

type SiteRow = { id: string; name: string; origins: string; retention_days: number; notify: string; created_at: string };

function toSite(row: SiteRow): Site {
  return {
    id: row.id,
    name: row.name,
    origins: JSON.parse(row.origins) as string[],
    retentionDays: row.retention_days,
    notify: { ...DEFAULT_NOTIFY, ...(JSON.parse(row.notify) as Partial<NotifySettings>) },
    createdAt: row.created_at,
  };
}

export interface NewSite {
  id: string;
  name?: string;
  origins: string[];
  retentionDays?: number;
  notify?: Partial<NotifySettings>;
}

export async function addSite(store: Store, input: NewSite): Promise<Site> {
  if (!SITE_ID.test(input.id)) throw new Error(`site id "${input.id}" must be 1–40 lower-case letters, digits or "-"`);
  if (input.origins.length === 0) throw new Error('a site needs at least one --origin, such as https://clinic.example');
  const retention = retentionDays(input.retentionDays ?? DEFAULT_RETENTION_DAYS);
  const row: SiteRow = {
    id: input.id,
    name: input.name === undefined ? input.id : siteName(input.name),
    origins: JSON.stringify([...new Set(input.origins.map(normalizeOrigin))]),
    retention_days: retention,
    notify: JSON.stringify({ ...DEFAULT_NOTIFY, ...checkedNotify(input.notify) }),
    created_at: nowIso(),
  };
  const existing = await store.db.selectFrom('sites').select('id').where('id', '=', input.id).executeTakeFirst();
  if (existing) throw new Error(`site "${input.id}" exists already`);
  await store.db.insertInto('sites').values(row).execute();
  return toSite(row);
}

export interface SiteChange extends Partial<Omit<NewSite, 'id'>> {
  /** Origins to list besides those the site has (`origins` replaces the list instead). */
  addOrigins?: string[];
  /** Origins to take off the list. */
  removeOrigins?: string[];
}

/**
 * The site's origins after a change. Replacing the list is how `--origin` has always worked;
 * adding and removing are separate so that listing one more address (the www one, say) cannot
 * drop the others by accident.
 */
function changedOrigins(site: Site, change: SiteChange): string[] {
  const adding = change.addOrigins?.length || change.removeOrigins?.length;
  if (change.origins && adding) throw new Error('--origin replaces the whole list: use it alone, or --add-origin / --remove-origin');
  if (change.origins) {
    if (change.origins.length === 0) throw new Error('a site needs at least one --origin, such as https://clinic.example');
    return [...new Set(change.origins.map(normalizeOrigin))];
  }
  let origins = [...site.origins];
  // An origin listed before origins were checked this strictly can still be taken off as it is.
  for (const origin of (change.removeOrigins ?? []).map((o) => (origins.includes(o) ? o : normalizeOrigin(o)))) {
    if (!origins.includes(origin)) throw new Error(`site "${site.id}" does not list ${origin}; its origins: ${site.origins.join(', ')}`);
    origins = origins.filter((o) => o !== origin);
  }
  origins = [...new Set([...origins, ...(change.addOrigins ?? []).map(normalizeOrigin)])];
  // Without an origin every post is refused: the clinic's pages would lose every inquiry.
  if (origins.length === 0) throw new Error(`site "${site.id}" would have no origin left: add the new one (--add-origin) before removing the last`);
  return origins;
}

export async function updateSite(store: Store, id: string, change: SiteChange): Promise<Site> {
  const site = await getSite(store, id);
  if (!site) throw new Error(`no site "${id}"`);
  await store.db
    .updateTable('sites')
    .set({
      name: change.name === undefined ? site.name : siteName(change.name),
      origins: JSON.stringify(changedOrigins(site, change)),
      retention_days: change.retentionDays === undefined ? site.retentionDays : retentionDays(change.retentionDays),
      notify: JSON.stringify({ ...site.notify, ...checkedNotify(change.notify) }),
    })
    .where('id', '=', id)
    .execute();
  return (await getSite(store, id))!;
}

export async function getSite(store: Store, id: string): Promise<Site | undefined> {
  if (!SITE_ID.test(id)) return undefined;
  const row = await store.db.selectFrom('sites').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toSite(row) : undefined;
}

export async function listSites(store: Store): Promise<Site[]> {
  const rows = await store.db.selectFrom('sites').selectAll().orderBy('id').execute();
  return rows.map(toSite);
}

/** What removing a site would delete, to be confirmed first; undefined for no such site. */
export async function siteHoldings(store: Store, id: string): Promise<{ inquiries: number; staff: number; tokens: number } | undefined> {
  if (!(await getSite(store, id))) return undefined;
  const count = async (table: 'inquiries' | 'staff' | 'api_tokens') =>
    Number((await store.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).where('site_id', '=', id).executeTakeFirstOrThrow()).n);
  return { inquiries: await count('inquiries'), staff: await count('staff'), tokens: await count('api_tokens') };
}

/**
 * Removes the site with its inquiries, tokens and staff, and says how many inquiries went
 * (undefined: no such site). Its access records stay for their keeping period, with one more
 * saying how many inquiries went with the site.
 */
export async function removeSite(store: Store, id: string, by: Changer): Promise<number | undefined> {
  const removed = await store.db.transaction().execute(async (trx) => {
    // Children first: SQLite enforces the cascades only with foreign_keys on, PostgreSQL always.
    await trx.deleteFrom('outbox').where('site_id', '=', id).execute();
    await trx.deleteFrom('inquiry_notes').where('site_id', '=', id).execute();
    const inquiries = await trx.deleteFrom('inquiries').where('site_id', '=', id).executeTakeFirst();
    await trx.deleteFrom('sessions').where('staff_id', 'in', trx.selectFrom('staff').select('id').where('site_id', '=', id)).execute();
    await trx.deleteFrom('staff').where('site_id', '=', id).execute();
    await trx.deleteFrom('api_tokens').where('site_id', '=', id).execute();
    const result = await trx.deleteFrom('sites').where('id', '=', id).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) return undefined;
    await logChange(trx, id, by, 'delete-site', `deleted=${Number(inquiries.numDeletedRows)}`);
    return Number(inquiries.numDeletedRows);
  });
  if (removed !== undefined) await store.scrub();
  return removed;
}
