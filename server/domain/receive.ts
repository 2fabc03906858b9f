/**
 * What happens to an inquiry that reaches a site, independent of HTTP: validated with the
 * widget's own schema, stored once per id, filed as spam from the widget's signals, and its
 * notifications queued in the same transaction, so an acknowledged inquiry is never lost and
 * never announced twice.
 */
import { InquirySchema, type Inquiry } from '../../src/schema/inquiry.js';
import { cleanText } from '../../src/delivery/text.js';
import type { Store } from '../storage/database.js';
import { nowIso } from './clock.js';
import { sha256 } from './secrets.js';
import type { Site } from './sites.js';
import { enqueueNotifications } from './outbox.js';
import { storedDigits } from './phones.js';
import { wasErased } from './patients.js';
import { PRESET_FIELDS } from '../../src/schema/preset-fields.js';

/**
 * Faster than this from opening the form to sending, no person sent it. Kept low: a patient
 * whose phone fills in the name and number with one tap (autofill) can tick the box and send
 * within two or three seconds, and an inquiry filed as spam is one the clinic never hears of.
 * The honeypot is the strong signal; a bot that waits passes any threshold anyway.
 */
export const MIN_HUMAN_MS = 1000;

export interface FieldIssue {
  path: string;
  message: string;
}

export type ReceiveResult =
  | { status: 201 | 200; body: { id: string; receivedAt: string } }
  | { status: 200; body: { id: string; erased: true } }
  | { status: 409; body: { error: string } }
  | { status: 400; body: { error: string; issues: FieldIssue[] } };

export function isSpam(inquiry: Inquiry): boolean {
  const signals = inquiry.antispam;
  if (!signals) return false;
  return signals.honeypot.trim() !== '' || signals.elapsedMs < MIN_HUMAN_MS;
}

/**
 * What the patient typed and agreed to. A retry of the same inquiry may carry new timestamps,
 * page data or timing, but never other content: that is a different inquiry under a reused id.
 */
export function contentHash(inquiry: Inquiry): string {
  const { agreedAt: _agreedAt, ...consent } = inquiry.consent;
  return sha256(canonicalJson({ form: inquiry.form, fields: inquiry.fields, consent }));
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function validateInquiry(data: unknown): { ok: true; inquiry: Inquiry } | { ok: false; issues: FieldIssue[] } {
  const parsed = InquirySchema.safeParse(data);
  if (parsed.success) return { ok: true, inquiry: parsed.data };
  return { ok: false, issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) };
}

/**
 * Every text of an inquiry cleaned as the widget cleans what it sends (src/delivery/text.ts),
 * for clients other than the widget: no control characters, and no direction overrides or marks
 * that would show staff another phone number or name than the one stored, searched and deleted
 * (U+202E before "8765" reads "5678"). U+0000 goes too: PostgreSQL's text cannot hold it, and
 * refusing it would fail on one engine only, with a 500, on every retry.
 */
function cleaned(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return cleanText(value);
  // An inquiry nests three deep: anything deeper is not one, and thousands of levels would overflow
  // the stack here (a 500) before the schema could say so (a 400).
  if (depth > MAX_DEPTH) return null;
  if (Array.isArray(value)) return value.map((v) => cleaned(v, depth + 1));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [cleanText(k), cleaned(v, depth + 1)]));
  return value;
}
const MAX_DEPTH = 8;

/**
 * Keeps the labels staff will read: of fields the inquiry holds, and not of the preset fields,
 * which the inbox and notifications name themselves. None left: no labels. A blank form title
 * is none either.
 */
function usefulLabels(inquiry: Inquiry): Inquiry {
  const { labels, formTitle, ...rest } = inquiry;
  const kept = Object.entries(labels ?? {}).filter(([name, label]) => label.trim() && Object.hasOwn(inquiry.fields, name) && !PRESET_FIELDS.has(name));
  return { ...rest, ...(kept.length ? { labels: Object.fromEntries(kept) } : {}), ...(formTitle?.trim() ? { formTitle } : {}) };
}

/**
 * The end of the retention period the patient's notice stated ("문의일로부터 1년"), counted from
 * when it arrived: the retention job deletes the inquiry then, if the site's own period has not
 * already (a receiver keeps nothing longer than the patient was told, Art. 21).
 */
export function keepUntil(receivedAt: string, months: number | undefined): string | null {
  if (!months) return null;
  const at = new Date(receivedAt);
  const day = at.getUTCDate();
  at.setUTCDate(1);
  at.setUTCMonth(at.getUTCMonth() + months);
  // The same day of the month, or the month's last (31 January and one month: 28 or 29 February, not 3 March).
  const last = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 0)).getUTCDate();
  at.setUTCDate(Math.min(day, last));
  return at.toISOString();
}

export async function receiveInquiry(store: Store, site: Site, data: unknown, idempotencyKey?: string): Promise<ReceiveResult> {
  const checked = validateInquiry(cleaned(data));
  if (!checked.ok) return { status: 400, body: { error: 'the inquiry does not match the schema', issues: checked.issues } };
  const inquiry = usefulLabels(checked.inquiry);
  if (idempotencyKey !== undefined && idempotencyKey !== inquiry.id) {
    return { status: 400, body: { error: 'the Idempotency-Key header must equal the inquiry id', issues: [{ path: 'id', message: 'differs from Idempotency-Key' }] } };
  }
  // Its patient had it erased (its first answer never reached the browser, which still tries): not
  // stored or notified again; the answer stops the browser trying.
  if (await wasErased(store, site.id, inquiry.id)) return { status: 200, body: { id: inquiry.id, erased: true } };
  const hash = contentHash(inquiry);
  const receivedAt = nowIso();
  const spam = isSpam(inquiry);
  const name = typeof inquiry.fields.name === 'string' ? inquiry.fields.name : '';

  const inserted = await store.db.transaction().execute(async (trx) => {
    // Many copies of one id may arrive at once (a retry racing its original, two tabs): the
    // primary key decides, and only the copy that inserted queues notifications.
    const row = await trx
      .insertInto('inquiries')
      .values({
        site_id: site.id,
        id: inquiry.id,
        received_at: receivedAt,
        form: inquiry.form,
        status: spam ? 'spam' : 'new',
        spam: spam ? 1 : 0,
        content_hash: hash,
        payload: JSON.stringify(inquiry),
        name: name.slice(0, 200),
        phone_digits: storedDigits(inquiry.fields),
        keep_until: keepUntil(receivedAt, inquiry.consent.retentionMonths),
      })
      .onConflict((oc) => oc.columns(['site_id', 'id']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (row && !spam) await enqueueNotifications(trx, site, inquiry.id);
    return Boolean(row);
  });
  if (inserted) return { status: 201, body: { id: inquiry.id, receivedAt } };

  const existing = await store.db
    .selectFrom('inquiries')
    .select(['content_hash', 'received_at'])
    .where('site_id', '=', site.id)
    .where('id', '=', inquiry.id)
    .executeTakeFirstOrThrow();
  if (existing.content_hash !== hash) {
    return { status: 409, body: { error: 'an inquiry with this id and other content was received already; send it with a new id' } };
  }
  return { status: 200, body: { id: inquiry.id, receivedAt: existing.received_at } };
}
