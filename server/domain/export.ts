/**
 * The exports (the inbox's CSV, the API's JSON and CSV), which may hold 10,000 inquiries of up to 16 KB:
 * read in pages of a few hundred with the event loop free between them, and streamed, never
 * held whole. One export read and built in one go held the receiver for seconds, and intake of
 * every clinic with it (a patient's send gives up after 10 s), and a few at once took gigabytes.
 *
 * Two passes: the first counts the rows (the access log records the count before anything is
 * sent) and finds the field columns, the second writes the lines, bounded by the first pass's
 * newest row, so an inquiry arriving meanwhile is in neither.
 */
import { Readable } from 'node:stream';
import type { Store } from '../storage/database.js';
import { applyFilter, cursorText, MAX_EXPORT, type Cursor, type Filter, type InquiryQuery, type Payload } from './inbox.js';
import { csvFieldNames, csvHeader, csvRow, type ExportedInquiry } from './csv.js';

/** Rows per query: a few MB of payloads at most, parsed in well under 50 ms. */
const PAGE = 200;

export interface ExportPlan {
  /** How many rows the export holds (at most its limit). */
  rows: number;
  /** Older inquiries than these match the filter too. */
  more: boolean;
  /** Where the next export picks up (the API's `before`), when there are more. */
  next?: Cursor;
  fields: string[];
  /** The newest row: the second pass writes nothing newer. */
  newest?: Cursor;
}

type Row = { id: string; received_at: string; form: string; status: string; spam: number; payload: string };

const breather = () => new Promise((resolve) => setImmediate(resolve));

/** Up to `most` rows matching the filter, newest first, page by page, no newer than `newest`. */
async function* pages(store: Store, siteId: string, filter: Filter, most: number, newest?: Cursor): AsyncGenerator<Row[]> {
  let before = filter.before;
  let left = most;
  while (left > 0) {
    const rows = (await applyFilter(store.db.selectFrom('inquiries') as unknown as InquiryQuery, siteId, { ...filter, before, notAfter: newest })
      .select(['inquiries.id', 'inquiries.received_at', 'inquiries.form', 'inquiries.status', 'inquiries.spam', 'inquiries.payload'])
      .orderBy('inquiries.received_at', 'desc')
      .orderBy('inquiries.id', 'desc')
      .limit(Math.min(PAGE, left))
      .execute()) as unknown as Row[];
    if (rows.length === 0) return;
    yield rows;
    left -= rows.length;
    const last = rows[rows.length - 1];
    before = { receivedAt: last.received_at, id: last.id };
    await breather();
  }
}

const cursorOf = (row: Row): Cursor => ({ receivedAt: row.received_at, id: row.id });

/** The first pass: how many rows, which field columns, and whether older ones match too. */
export async function planExport(store: Store, siteId: string, filter: Filter, limit = MAX_EXPORT): Promise<ExportPlan> {
  const most = Math.min(Math.max(limit, 1), MAX_EXPORT);
  const names = new Set<string>();
  let rows = 0;
  let newest: Cursor | undefined;
  let next: Cursor | undefined;
  // One more than the limit: whether older ones match.
  for await (const page of pages(store, siteId, filter, most + 1)) {
    for (const row of page) {
      if (rows === most) return { rows, more: true, next, fields: csvFieldNames(names), newest };
      newest ??= cursorOf(row);
      for (const name of Object.keys((JSON.parse(row.payload) as Payload).fields ?? {})) names.add(name);
      next = cursorOf(row);
      rows++;
    }
  }
  return { rows, more: false, fields: csvFieldNames(names), newest };
}

/** The second pass: the plan's rows, one page of inquiries at a time. */
async function* inquiries(store: Store, siteId: string, filter: Filter, plan: ExportPlan): AsyncGenerator<ExportedInquiry[]> {
  if (!plan.newest) return;
  for await (const page of pages(store, siteId, filter, plan.rows, plan.newest)) {
    yield page.map((row) => ({
      id: row.id,
      receivedAt: row.received_at,
      form: row.form,
      status: row.status,
      spam: Number(row.spam) === 1,
      payload: JSON.parse(row.payload) as ExportedInquiry['payload'],
    }));
  }
}

/** The CSV, line by line, as a stream to send. */
export function exportCsv(store: Store, siteId: string, filter: Filter, plan: ExportPlan): Readable {
  async function* lines(): AsyncGenerator<string> {
    yield csvHeader(plan.fields);
    for await (const page of inquiries(store, siteId, filter, plan)) yield page.map((item) => csvRow(item, plan.fields)).join('');
  }
  return Readable.from(lines());
}

/** The API's JSON, { more, next?, inquiries: [...] }, item by item, as a stream to send. */
export function exportJson(store: Store, siteId: string, filter: Filter, plan: ExportPlan): Readable {
  async function* parts(): AsyncGenerator<string> {
    yield `{"more":${plan.more},${plan.next ? `"next":${JSON.stringify(cursorText(plan.next))},` : ''}"inquiries":[`;
    let first = true;
    for await (const page of inquiries(store, siteId, filter, plan)) {
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
