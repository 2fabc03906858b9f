/**
 * CSV that opens correctly in Excel, for the inbox export and the inquiries API alike:
 * - UTF-8 with a byte-order mark, or Excel on a Korean Windows reads the text as CP949;
 * - CRLF line ends and every cell quoted (RFC 4180), so commas, quotes and line breaks in a
 *   patient's message stay inside their cell;
 * - cells that start like a formula (=, +, -, @, tab, CR) get a leading single quote: a
 *   message such as =HYPERLINK(…) must stay text when staff open the file (CSV injection);
 * - phone numbers are written so that Excel keeps them as text (phoneCell).
 */
import { CAMPAIGN_KEYS } from '../../src/schema/limits.js';
import { isInternationalPhone, isKoreanPhone, isPhoneNumber, normalizePhone } from '../../src/schema/phone.js';

export const BOM = '\uFEFF';

const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell written as it is, already quoted (phoneCell's). */
class Written {
  constructor(readonly csv: string) {}
}

export type Cell = string | number | boolean | null | undefined | Written;

export function csvCell(value: Cell): string {
  if (value instanceof Written) return value.csv;
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

/** A Korean number's digits in the groups Koreans write them in: 010-9876-5432, 02-123-4567, 0505-123-4567. */
export function koreanPhoneGroups(digits: string): string {
  const area = digits.startsWith('02') ? 2 : digits.startsWith('050') && digits.length === 12 ? 4 : 3;
  return `${digits.slice(0, area)}-${digits.slice(area, -4)}-${digits.slice(-4)}`;
}

/** A foreign number as typed, when it holds nothing but a +, digits and the separators people write. */
const INTERNATIONAL_AS_TYPED = /^\+\d[\d .()-]*$/;

/**
 * A phone number as a cell Excel keeps as text. Stored as digits (01098765432), a Korean number
 * became the number 1098765432 in Excel, its leading 0 gone; with its dashes (010-9876-5432) it is
 * text to Excel, and the number as staff write it everywhere else. A foreign number starts with +,
 * which Excel reads as a formula (and csvCell's apostrophe then shows in the cell); as
 * ="+81 90-1234-5678" Excel shows the number itself. That is a formula, but one of a string
 * literal only: it is written so only when the value holds nothing but +, digits, spaces, dots,
 * brackets and dashes (no quote to end the literal, no name to call); anything else gets
 * csvCell's apostrophe like any other cell.
 */
export function phoneCell(value: string): Cell {
  if (isKoreanPhone(value)) return koreanPhoneGroups(normalizePhone(value));
  const typed = value.trim();
  if (isInternationalPhone(value) && INTERNATIONAL_AS_TYPED.test(typed)) return new Written(`"=""${typed}"""`);
  return value;
}

/** A field's cell: a phone number as phoneCell writes it, whatever the field's name (as phones.ts finds numbers). */
const fieldCell = (value: string | boolean | undefined): Cell => (typeof value === 'string' && value !== '' && isPhoneNumber(value) ? phoneCell(value) : value);

/**
 * The inbox export's file name, dated by the clinic's day (Korea's, as received_at_kst): named by
 * UTC's, an export made at 8 in the morning in Seoul carried yesterday's date. The receiver has no
 * time zone setting of its own; its clinics are Korean.
 */
export const exportFileName = (siteId: string, at = new Date()): string => `inquiries-${siteId}-${koreanTime(at.toISOString()).slice(0, 10)}.csv`;

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
    ...fields.map((n) => fieldCell(p.fields?.[n])),
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
