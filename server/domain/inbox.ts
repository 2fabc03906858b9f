/**
 * What staff and the inquiries API read and change, always within one site: every query here
 * takes the site id from the caller's session or token and filters by it, so an inquiry of
 * another site is simply not found.
 */
import { sql, type SelectQueryBuilder } from 'kysely';
import type { Store } from '../storage/database.js';
import type { Database } from '../storage/schema.js';
import { nowIso } from './clock.js';
import { newId } from './secrets.js';
import { logChange, type Changer } from './access-log.js';
import { phoneDigits, phonesOf } from './phones.js';
import { failureKind, type FailureKind } from './notify/reason.js';
// Control characters out of notes, as out of inquiries: U+0000 would fail on PostgreSQL only.
import { cleanText } from '../../src/delivery/text.js';

export const STATUSES = ['new', 'contacted', 'booked', 'closed', 'spam'] as const;
export type Status = (typeof STATUSES)[number];
export const isStatus = (value: unknown): value is Status => (STATUSES as readonly unknown[]).includes(value);

export const MAX_NOTE = 2000;
export const MAX_PAGE = 200;
/** The inquiries API and the export answer at most this many rows per request. */
export const MAX_EXPORT = 10_000;

export interface Filter {
  /** inbox: everything but spam; spam: only what is filed as spam. */
  box?: 'inbox' | 'spam' | 'all';
  form?: string;
  status?: Status;
  /** ISO instants: from inclusive, to exclusive (the browser turns local dates into these). */
  from?: string;
  to?: string;
  /** A name or part of one, or digits of a phone number. */
  q?: string;
  /** Only inquiries listed after this one, newest first: where the previous answer of the API stopped. */
  before?: Cursor;
}

/** An inquiry's place in the newest-first order: its time, and its id for inquiries of the same millisecond. */
export interface Cursor {
  receivedAt: string;
  id: string;
}

/** "<receivedAt>,<id>", as the API hands it out in `next`. */
export const cursorText = (item: Cursor): string => `${item.receivedAt},${item.id}`;

function parseCursor(value: string | undefined): Cursor | undefined {
  const match = value ? /^([^,]{1,40}),([\w-]{1,64})$/.exec(value) : null;
  const receivedAt = match ? parseIsoInstant(match[1]) : undefined;
  return match && receivedAt ? { receivedAt, id: match[2] } : undefined;
}

/**
 * One query parameter as text: the first of a repeated one (?q=a&q=b), without U+0000, which
 * PostgreSQL cannot hold in a query and would answer with an error.
 */
export function queryText(value: unknown): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.replaceAll('\u0000', '') : undefined;
}

/** A whole number from 0 to max from a query parameter, or `fallback`. */
export function queryCount(value: unknown, max: number, fallback: number): number {
  const text = queryText(value);
  return text && /^\d{1,9}$/.test(text) ? Math.min(Number(text), max) : fallback;
}

export interface ListItem {
  id: string;
  receivedAt: string;
  form: string;
  /** The form's title as the clinic configured it, sent with the inquiry (absent for an untitled or built-in form). */
  formTitle?: string;
  status: string;
  spam: boolean;
  name: string;
  phone: string;
  /** Some notification of this inquiry gave up (the notifier's outbox row is "failed"). */
  notifyFailed: boolean;
  /** Some notification of this inquiry failed and is being tried again (its row is "pending", with an error). */
  notifyRetrying: boolean;
  /** The channels whose notification failed or is being retried, for the inbox to name. */
  notifyFailing: ('email' | 'webhook')[];
}

export interface Payload {
  id: string;
  form: string;
  formTitle?: string;
  fields: Record<string, string | boolean>;
  consent: { privacy: boolean; marketing?: boolean; policyVersion: string; agreedAt: string };
  page: { url: string; referrer: string; title: string; landing?: string; utm?: Record<string, string> };
  locale: string;
  submittedAt: string;
}

export interface Detail extends ListItem {
  payload: Payload;
  notes: { id: string; text: string; createdAt: string; author: string }[];
  /** errorKind: what lastError means (notify/reason.ts), which the inbox explains in words. */
  notifications: { channel: string; state: string; attempts: number; lastError: string | null; errorKind: FailureKind | null; sentAt: string | null; createdAt: string }[];
}

export type InquiryQuery = SelectQueryBuilder<Database, 'inquiries', object>;

/** LIKE with the user's text taken literally: %, _ and \ mean themselves. */
const likeLiteral = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function parseIsoInstant(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 40) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/** Filters from the query string; anything unknown is ignored rather than trusted. */
export function filterOf(query: Record<string, unknown>, defaultBox: Filter['box'] = 'inbox'): Filter {
  const text = (name: string) => queryText(query[name]);
  const box = text('box');
  const form = text('form');
  const q = text('q');
  const status = text('status');
  return {
    box: box === 'spam' || box === 'all' || box === 'inbox' ? box : defaultBox,
    form: form && form.length <= 64 ? form : undefined,
    status: isStatus(status) ? status : undefined,
    from: parseIsoInstant(text('from')),
    to: parseIsoInstant(text('to')),
    q: q ? q.slice(0, 100) : undefined,
    before: parseCursor(text('before')),
  };
}

/** How the access log describes a filter: which filters were used, never the search term. */
export function describeFilter(filter: Filter): string {
  const parts = [`box=${filter.box}`];
  if (filter.form) parts.push(`form=${filter.form}`);
  if (filter.status) parts.push(`status=${filter.status}`);
  if (filter.from) parts.push(`from=${filter.from}`);
  if (filter.to) parts.push(`to=${filter.to}`);
  if (filter.before) parts.push(`before=${cursorText(filter.before)}`);
  if (filter.q) parts.push('search');
  return parts.join(' ');
}

export function applyFilter(query: InquiryQuery, siteId: string, filter: Filter): InquiryQuery {
  let q = query.where('inquiries.site_id', '=', siteId);
  if (filter.box === 'spam') q = q.where('inquiries.spam', '=', 1);
  else if (filter.box !== 'all') q = q.where('inquiries.spam', '=', 0);
  if (filter.form) q = q.where('inquiries.form', '=', filter.form);
  if (filter.status) q = q.where('inquiries.status', '=', filter.status);
  if (filter.from) q = q.where('inquiries.received_at', '>=', filter.from);
  if (filter.to) q = q.where('inquiries.received_at', '<', filter.to);
  const before = filter.before;
  if (before) {
    q = q.where((eb) =>
      eb.or([eb('inquiries.received_at', '<', before.receivedAt), eb.and([eb('inquiries.received_at', '=', before.receivedAt), eb('inquiries.id', '<', before.id)])]),
    );
  }
  const text = filter.q?.trim().slice(0, 100);
  if (text) {
    // A whole number as it is stored (+82 10-1234-5678 as 01012345678), else the digits typed.
    const digits = phoneDigits(text) ?? text.replace(/\D/g, '');
    q = q.where((eb) =>
      eb.or([
        sql<boolean>`lower(inquiries.name) like lower(${likeLiteral(text)}) escape '\\'`,
        // Three digits or more: "1234" finds 010-1234-5678; one or two would match nearly everyone.
        ...(digits.length >= 3 ? [eb('inquiries.phone_digits', 'like', `%${digits}%`)] : []),
      ]),
    );
  }
  return q;
}

const baseSelect = (store: Store) =>
  store.db
    .selectFrom('inquiries')
    .select(['inquiries.id', 'inquiries.received_at', 'inquiries.form', 'inquiries.status', 'inquiries.spam', 'inquiries.name', 'inquiries.payload'])
    .select((eb) => {
      const notifications = () =>
        eb.selectFrom('outbox').select('outbox.id').whereRef('outbox.site_id', '=', 'inquiries.site_id').whereRef('outbox.inquiry_id', '=', 'inquiries.id');
      return [
        eb.exists(notifications().where('outbox.state', '=', 'failed')).as('notify_failed'),
        // Still being tried after an error (a wrong SMTP password is retried for a day): the clinic may not be told meanwhile.
        eb.exists(notifications().where('outbox.state', '=', 'pending').where('outbox.last_error', 'is not', null)).as('notify_retrying'),
        ...(['email', 'webhook'] as const).map((channel) =>
          eb
            .exists(
              notifications()
                .where('outbox.channel', '=', channel)
                .where((w) => w.or([w('outbox.state', '=', 'failed'), w.and([w('outbox.state', '=', 'pending'), w('outbox.last_error', 'is not', null)])])),
            )
            .as(`failing_${channel}`),
        ),
      ];
    });

type Row = { id: string; received_at: string; form: string; status: string; spam: number; name: string; payload: string; notify_failed: unknown; notify_retrying: unknown; failing_email: unknown; failing_webhook: unknown };

/** SQLite answers 0/1, PostgreSQL true/false. */
const truth = (value: unknown) => value === true || Number(value) === 1;

function toItem(row: Row): ListItem & { payload: Payload } {
  const payload = JSON.parse(row.payload) as Payload;
  const [phone = ''] = phonesOf(payload.fields ?? {});
  return {
    id: row.id,
    receivedAt: row.received_at,
    form: row.form,
    ...(typeof payload.formTitle === 'string' && payload.formTitle.trim() ? { formTitle: payload.formTitle } : {}),
    status: row.status,
    spam: Number(row.spam) === 1,
    name: row.name,
    phone,
    notifyFailed: truth(row.notify_failed),
    notifyRetrying: truth(row.notify_retrying),
    notifyFailing: [...(truth(row.failing_email) ? (['email'] as const) : []), ...(truth(row.failing_webhook) ? (['webhook'] as const) : [])],
    payload,
  };
}

/** Newest first; the id breaks ties so paging is stable. */
export async function listInquiries(
  store: Store,
  siteId: string,
  filter: Filter,
  page: { limit: number; offset: number },
): Promise<{ items: ListItem[]; total: number }> {
  const rows = await applyFilter(baseSelect(store) as unknown as InquiryQuery, siteId, filter)
    .orderBy('inquiries.received_at', 'desc')
    .orderBy('inquiries.id', 'desc')
    .limit(Math.min(Math.max(page.limit, 1), MAX_PAGE))
    .offset(Math.max(page.offset, 0))
    .execute();
  const count = await applyFilter(store.db.selectFrom('inquiries') as InquiryQuery, siteId, filter)
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow();
  return {
    items: (rows as unknown as Row[]).map((row) => {
      const { payload: _payload, ...item } = toItem(row);
      return item;
    }),
    total: Number((count as { n: string | number }).n),
  };
}

/** An id as inquiries carry them (InquirySchema): anything else names none, and is not sent to the database. */
const isInquiryId = (id: string): boolean => /^[\w-]{1,64}$/.test(id);

export async function getInquiry(store: Store, siteId: string, id: string): Promise<Detail | undefined> {
  if (!isInquiryId(id)) return undefined;
  const row = await (baseSelect(store) as unknown as InquiryQuery).where('inquiries.site_id', '=', siteId).where('inquiries.id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const [notes, notifications] = await Promise.all([
    store.db
      .selectFrom('inquiry_notes')
      .select(['id', 'text', 'created_at', 'author'])
      .where('site_id', '=', siteId)
      .where('inquiry_id', '=', id)
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
    store.db
      .selectFrom('outbox')
      .select(['channel', 'state', 'attempts', 'last_error', 'sent_at', 'created_at'])
      .where('site_id', '=', siteId)
      .where('inquiry_id', '=', id)
      .orderBy('created_at')
      .orderBy('channel')
      .execute(),
  ]);
  return {
    ...toItem(row as unknown as Row),
    notes: notes.map((n) => ({ id: n.id, text: n.text, createdAt: n.created_at, author: n.author ?? '' })),
    notifications: notifications.map((n) => ({
      channel: n.channel,
      state: n.state,
      attempts: Number(n.attempts),
      lastError: n.last_error,
      errorKind: n.last_error ? failureKind(n.last_error) : null,
      sentAt: n.sent_at,
      createdAt: n.created_at,
    })),
  };
}

/**
 * Sets an inquiry's status. "spam" files it as spam and any other status takes it out, so a
 * wrong guess of the spam signals is undone by giving the inquiry a real status.
 */
export async function setStatus(store: Store, siteId: string, id: string, status: Status, by: Changer): Promise<boolean> {
  if (!isInquiryId(id)) return false;
  return store.db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('inquiries')
      .set({ status, spam: status === 'spam' ? 1 : 0 })
      .where('site_id', '=', siteId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return false;
    // Spam is not notified: its notifications not yet sent are held (neither sent nor a failure to
    // warn of), and go out when staff find it was no spam after all.
    const notifications = trx.updateTable('outbox').where('site_id', '=', siteId).where('inquiry_id', '=', id);
    if (status === 'spam') await notifications.set({ state: 'held', locked_until: null }).where('state', 'in', ['pending', 'failed']).execute();
    else await notifications.set({ state: 'pending', attempts: 0, next_attempt_at: nowIso(), locked_until: null, last_error: null }).where('state', '=', 'held').execute();
    await logChange(trx, siteId, by, 'status', `${id} ${status}`);
    return true;
  });
}

/** A note by a staff member, signed with their email as it is now. */
export async function addNote(
  store: Store,
  siteId: string,
  inquiryId: string,
  author: { staffId: string; email: string },
  text: string,
  by: Changer,
): Promise<string | undefined> {
  if (!isInquiryId(inquiryId)) return undefined;
  return store.db.transaction().execute(async (trx) => {
    const exists = await trx.selectFrom('inquiries').select('id').where('site_id', '=', siteId).where('id', '=', inquiryId).executeTakeFirst();
    if (!exists) return undefined;
    const id = newId();
    await trx
      .insertInto('inquiry_notes')
      .values({ id, site_id: siteId, inquiry_id: inquiryId, staff_id: author.staffId, author: author.email, text: cleanText(text).slice(0, MAX_NOTE), created_at: nowIso() })
      .execute();
    await logChange(trx, siteId, by, 'note', inquiryId);
    return id;
  });
}

/** The most forms the filter lists: anyone can send inquiries with made-up form ids. */
export const MAX_FORMS = 50;

/**
 * The forms of this site's inquiries not filed as spam, for the form filter: the MAX_FORMS with
 * the newest inquiries, by id, each with the title its newest inquiry brought (the filter shows
 * the id beside it: anyone can send a title). Two queries on an index, however many inquiries.
 */
export async function formsOf(store: Store, siteId: string): Promise<{ id: string; title?: string }[]> {
  const latest = await store.db
    .selectFrom('inquiries')
    .select((eb) => ['form', eb.fn.max('received_at').as('latest')])
    .where('site_id', '=', siteId)
    .where('spam', '=', 0)
    .groupBy('form')
    .orderBy('latest', 'desc')
    .limit(MAX_FORMS)
    .execute();
  if (!latest.length) return [];
  const newest = await store.db
    .selectFrom('inquiries')
    .select(['form', 'payload'])
    .where('site_id', '=', siteId)
    .where('spam', '=', 0)
    .where((eb) => eb.or(latest.map((l) => eb.and([eb('form', '=', l.form), eb('received_at', '=', l.latest as string)]))))
    .execute();
  const titles = new Map(newest.map((row) => [row.form, (JSON.parse(row.payload) as Payload).formTitle]));
  return latest
    .map(({ form }) => {
      const title = titles.get(form);
      return typeof title === 'string' && title.trim() ? { id: form, title } : { id: form };
    })
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** How many inquiries arrived in the inbox (not spam) after `since`: a number, no patient data. */
export async function arrivedSince(store: Store, siteId: string, since: string): Promise<number> {
  const row = await applyFilter(store.db.selectFrom('inquiries') as InquiryQuery, siteId, { box: 'inbox', from: since })
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number((row as { n: string | number }).n);
}

/**
 * A cheap fingerprint of the site's inquiries (how many, and the newest arrival) that the
 * inbox polls: when it changes, the list is fetched again. It comes from the database, so it
 * sees inquiries received by any receiver process.
 */
export async function inboxVersion(store: Store, siteId: string): Promise<string> {
  const row = await store.db
    .selectFrom('inquiries')
    .select((eb) => [eb.fn.countAll<string | number>().as('n'), eb.fn.max('received_at').as('latest')])
    .where('site_id', '=', siteId)
    .executeTakeFirstOrThrow();
  return `${Number(row.n)}:${row.latest ?? ''}`;
}
