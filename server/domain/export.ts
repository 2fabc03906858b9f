/**
 * The exports (the inbox's CSV, the API's JSON and CSV), which may hold 10,000 inquiries of up to 16 KB:
 * read in pages of a few hundred with the event loop free between them, and streamed, never
 * held whole. One export read and built in one go held the receiver for seconds, and intake of
 * every clinic with it (a patient's send gives up after 10 s), and a few at once took gigabytes.
 *
 * Two passes. The first finds which inquiries the export holds (their ids: 10,000 are a few
 * hundred KB), their field columns and where the next export picks up; the access log records
 * the count before anything is sent. The second reads those inquiries by id, at the pace the
 * client reads: one changed meanwhile (refiled, its status changed) is still this export's, and
 * not the next page's, one deleted meanwhile is left out, and one arriving meanwhile is in
 * neither. A received inquiry's fields never change, so the columns hold.
 */
import { Readable } from 'node:stream';
import type { Store } from '../storage/database.js';
import { applyFilter, cursorText, MAX_EXPORT, type Cursor, type Filter, type InquiryQuery, type Payload } from './inbox.js';
import { csvFieldNames, csvHeader, csvRow, type ExportedInquiry } from './csv.js';

/** Rows per query: 1.6 MB of payloads at most, parsed in a few ms. */
const PAGE = 100;

export interface ExportPlan {
  /** The inquiries the export holds, newest first. */
  ids: string[];
  /** Older inquiries than these match the filter too. */
  more: boolean;
  /** Where the next export picks up (the API's `before`), when there are more. */
  next?: Cursor;
  fields: string[];
}

const breather = () => new Promise((resolve) => setImmediate(resolve));

/** The first pass: which inquiries, their field columns, and whether older ones match too. */
export async function planExport(store: Store, siteId: string, filter: Filter, limit = MAX_EXPORT): Promise<ExportPlan> {
  const most = Math.min(Math.max(limit, 1), MAX_EXPORT);
  const names = new Set<string>();
  const ids: string[] = [];
  let before = filter.before;
  let next: Cursor | undefined;
  // One more than the limit: whether older ones match.
  while (ids.length <= most) {
    const rows = await applyFilter(store.db.selectFrom('inquiries') as unknown as InquiryQuery, siteId, { ...filter, before })
      .select(['inquiries.id', 'inquiries.received_at', 'inquiries.payload'])
      .orderBy('inquiries.received_at', 'desc')
      .orderBy('inquiries.id', 'desc')
      .limit(Math.min(PAGE, most + 1 - ids.length))
      .execute();
    for (const row of rows as unknown as { id: string; received_at: string; payload: string }[]) {
      if (ids.length === most) return { ids, more: true, next, fields: csvFieldNames(names) };
      ids.push(row.id);
      next = { receivedAt: row.received_at, id: row.id };
      for (const name of Object.keys((JSON.parse(row.payload) as Payload).fields ?? {})) names.add(name);
    }
    if (rows.length < PAGE) break;
    before = next;
    await breather();
  }
  return { ids, more: false, fields: csvFieldNames(names) };
}

/** The second pass: the plan's inquiries, by id, a page at a time, newest first. */
async function* inquiries(store: Store, siteId: string, plan: ExportPlan): AsyncGenerator<ExportedInquiry[]> {
  for (let at = 0; at < plan.ids.length; at += PAGE) {
    const rows = await store.db
      .selectFrom('inquiries')
      .select(['id', 'received_at', 'form', 'status', 'spam', 'payload'])
      .where('site_id', '=', siteId)
      .where('id', 'in', plan.ids.slice(at, at + PAGE))
      .orderBy('received_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    yield rows.map((row) => ({
      id: row.id,
      receivedAt: row.received_at,
      form: row.form,
      status: row.status,
      spam: Number(row.spam) === 1,
      payload: JSON.parse(row.payload) as ExportedInquiry['payload'],
    }));
    await breather();
  }
}

/** The CSV, line by line, as a stream to send. */
export function exportCsv(store: Store, siteId: string, plan: ExportPlan): Readable {
  async function* lines(): AsyncGenerator<string> {
    yield csvHeader(plan.fields);
    for await (const page of inquiries(store, siteId, plan)) yield page.map((item) => csvRow(item, plan.fields)).join('');
  }
  return Readable.from(lines());
}

/** The API's JSON, { more, next?, inquiries: [...] }, item by item, as a stream to send. */
export function exportJson(store: Store, siteId: string, plan: ExportPlan): Readable {
  async function* parts(): AsyncGenerator<string> {
    yield `{"more":${plan.more},${plan.next ? `"next":${JSON.stringify(cursorText(plan.next))},` : ''}"inquiries":[`;
    let first = true;
    for await (const page of inquiries(store, siteId, plan)) {
      // A page whose inquiries were all deleted meanwhile writes nothing, not a stray comma.
      if (!page.length) continue;
      const items = page.map(({ payload: p, ...item }) =>
        JSON.stringify({
          ...item,
          ...(p.formTitle ? { formTitle: p.formTitle } : {}),
          fields: p.fields,
          consent: p.consent,
          page: p.page,
          locale: p.locale,
          submittedAt: p.submittedAt,
        }),
      );
      yield (first ? '' : ',') + items.join(',');
      first = false;
    }
    yield ']}';
  }
  return Readable.from(parts());
}
