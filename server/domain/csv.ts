/**
 * CSV that opens correctly in Excel, for the inbox export and the inquiries API alike:
 * - UTF-8 with a byte-order mark, or Excel on a Korean Windows reads the text as CP949;
 * - CRLF line ends and every cell quoted (RFC 4180), so commas, quotes and line breaks in a
 *   patient's message stay inside their cell;
 * - cells that start like a formula (=, +, -, @, tab, CR) get a leading single quote: a
 *   message such as =HYPERLINK(…) must stay text when staff open the file (CSV injection).
 */
import { CAMPAIGN_KEYS } from '../../src/schema/limits.js';

export const BOM = '\uFEFF';

const FORMULA_START = /^[=+\-@\t\r]/;

export type Cell = string | number | boolean | null | undefined;

export function csvCell(value: Cell): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

/** One line, CRLF-ended; a cell's own line breaks stay inside its quotes. */
const csvLine = (cells: Cell[]): string => `${cells.map(csvCell).join(',')}\r\n`;

export function toCsv(header: string[], rows: Cell[][]): string {
  return BOM + [header, ...rows].map(csvLine).join('');
}

/** What both exports carry per inquiry (the inbox's list item with its payload). */
export interface ExportedInquiry {
  id: string;
  receivedAt: string;
  form: string;
  status: string;
  spam: boolean;
  payload: {
    fields: Record<string, string | boolean>;
    consent: { privacy: boolean; marketing?: boolean; sensitive?: boolean; age14?: boolean; policyVersion: string; agreedAt: string };
    page: { url: string; referrer: string; title: string; landing?: string; landingReferrer?: string; utm?: Record<string, string> };
    locale: string;
    submittedAt: string;
    formTitle?: string;
  };
}


/**
 * Korean clinic time (UTC+9, no daylight saving), as staff read it in Excel: "2026-11-27 08:27:05".
 * The UTC column stays for machines; an inquiry of 08:27 in Seoul is on the day before in UTC.
 */
export function koreanTime(iso: string): string {
  const at = new Date(Date.parse(iso) + 9 * 3_600_000);
  return Number.isNaN(at.getTime()) ? '' : at.toISOString().slice(0, 19).replace('T', ' ');
}

/** The field columns, name and phone first, then every other field any row has, in order. */
export function csvFieldNames(names: Iterable<string>): string[] {
  const others = new Set(names);
  others.delete('name');
  others.delete('phone');
  return ['name', 'phone', ...[...others].sort()];
}

/** The CSV's first line (with the byte-order mark): fixed columns, the field columns, then the columns added later. */
export function csvHeader(fields: readonly string[]): string {
  return `${BOM}${csvLine([
    'id',
    'received_at',
    'form',
    'status',
    'spam',
    ...fields.map((n) => `fields.${n}`),
    'consent.privacy',
    'consent.marketing',
    'consent.policy_version',
    'consent.agreed_at',
    'page.url',
    'page.referrer',
    'page.title',
    'page.landing',
    'page.landing_referrer',
    ...CAMPAIGN_KEYS.map((k) => `utm.${k}`),
    'locale',
    'submitted_at',
    // Added later, so at the end: consumers that read columns by position keep theirs.
    'received_at_kst',
    'consent.sensitive',
    'consent.age14',
    'form_title',
  ])}`;
}

/** One inquiry's line, its cells in the header's order. */
export function csvRow({ payload: p, ...item }: ExportedInquiry, fields: readonly string[]): string {
  return csvLine([
    item.id,
    item.receivedAt,
    item.form,
    item.status,
    item.spam ? 1 : 0,
    ...fields.map((n) => p.fields?.[n]),
    p.consent?.privacy,
    p.consent?.marketing,
    p.consent?.policyVersion,
    p.consent?.agreedAt,
    p.page?.url,
    p.page?.referrer,
    p.page?.title,
    p.page?.landing,
    p.page?.landingReferrer,
    ...CAMPAIGN_KEYS.map((k) => p.page?.utm?.[k]),
    p.locale,
    p.submittedAt,
    koreanTime(item.receivedAt),
    p.consent?.sensitive,
    p.consent?.age14,
    p.formTitle,
  ]);
}


/** Inquiries as one CSV (the export streams the same lines, see export.ts). */
export function inquiriesCsv(items: ExportedInquiry[]): string {
  const fields = csvFieldNames(items.flatMap((item) => Object.keys(item.payload.fields ?? {})));
  return csvHeader(fields) + items.map((item) => csvRow(item, fields)).join('');
}
