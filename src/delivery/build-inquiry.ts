import type { FieldValue, Inquiry } from '../schema/inquiry.js';
import { MAX_CAMPAIGN, MAX_INQUIRY_BYTES, MAX_LABEL, MAX_TEXT, MAX_TITLE } from '../schema/limits.js';
import { cleanText } from './text.js';
import { pageReferrer, pageTitle } from '../util/page.js';
import { rememberVisit, type Visit } from './visit.js';
import { WIDGET_VERSION } from '../version.js';
import { BYTES_PER_UNIT, encodeInquiry, fitBytes, byteLength, type BodyFormat } from './encode.js';

export interface InquiryDraft {
  id: string;
  form: string;
  fields: Readonly<Record<string, FieldValue>>;
  /** The clinic's labels of its fields, in its own language (see InquirySchema's labels). */
  labels?: Readonly<Record<string, string>>;
  /** The form's title as the clinic configured it, in its own language (see InquirySchema's formTitle). */
  formTitle?: string;
  marketing?: boolean;
  /** Present (true) when the form asked for the consent, absent otherwise. */
  sensitive?: true;
  age14?: true;
  noticeHash: string;
  /** How long the notice told the patient the inquiry is kept. */
  retentionMonths?: number;
  policyVersion: string;
  agreedAt: string;
  locale: string;
  format: BodyFormat;
  antispam: { honeypot: string; elapsedMs: number };
}

export interface PageInfo {
  url: string;
  referrer: string;
  title: string;
  /** The visit's first page (see delivery/visit.ts). */
  visit?: Visit;
}

/**
 * Bytes the page's address, referrer and title may take in a body, encoded. Cut to these
 * (and to the schema's limits) so a URL heavy with tracking parameters can neither block an
 * inquiry nor crowd out what the patient typed.
 */
export const PAGE_BYTES = { url: 2000, referrer: 1000, title: 600, landing: 1000, landingReferrer: 600, campaign: 6 * 200, labels: 600, formTitle: 300 } as const;
export const HONEYPOT_MAX = 100;

export const currentPage = (): PageInfo => ({ url: location.href, referrer: pageReferrer(), title: pageTitle(), visit: rememberVisit() });

/** The payload of the README, from a draft the patient completed and the page it was sent from. */
export function buildInquiry(draft: InquiryDraft, page: PageInfo = currentPage()): Inquiry {
  // No prototype: a field name can never reach Object.prototype (the configuration refuses
  // such names too; this is the second lock).
  const fields = Object.create(null) as Record<string, FieldValue>;
  for (const [name, value] of Object.entries(draft.fields)) fields[name] = typeof value === 'string' ? cleanText(value) : value;
  const fit = (text: string, chars: number, bytes: number) => fitBytes(cleanText(text).slice(0, chars), bytes, draft.format);
  const labels = Object.create(null) as Record<string, string>;
  const labelled = Object.entries(draft.labels ?? {}).filter(([name, label]) => name in fields && label);
  // Their share of the body is bounded: long labels, Korean in a form body (9 bytes a letter), never crowd out what the patient typed.
  for (const [name, label] of labelled) labels[name] = fit(label, MAX_LABEL, Math.floor(PAGE_BYTES.labels / labelled.length));
  const formTitle = draft.formTitle && fit(draft.formTitle, MAX_LABEL, PAGE_BYTES.formTitle);
  return {
    id: draft.id,
    form: draft.form,
    fields,
    ...(Object.keys(labels).length ? { labels } : {}),
    ...(formTitle ? { formTitle } : {}),
    consent: {
      privacy: true,
      ...(draft.sensitive ? { sensitive: true } : {}),
      ...(draft.marketing === undefined ? {} : { marketing: draft.marketing }),
      ...(draft.age14 ? { age14: true } : {}),
      policyVersion: draft.policyVersion,
      noticeHash: draft.noticeHash,
      ...(draft.retentionMonths ? { retentionMonths: draft.retentionMonths } : {}),
      agreedAt: draft.agreedAt,
    },
    page: {
      url: fit(page.url, MAX_TEXT, PAGE_BYTES.url),
      referrer: fit(page.referrer, MAX_TEXT, PAGE_BYTES.referrer),
      title: fit(page.title, MAX_TITLE, PAGE_BYTES.title),
      ...(page.visit
        ? {
            landing: fit(page.visit.landing, MAX_TEXT, PAGE_BYTES.landing),
            landingReferrer: fit(page.visit.landingReferrer, MAX_TEXT, PAGE_BYTES.landingReferrer),
            ...(page.visit.utm
              ? { utm: Object.fromEntries(Object.entries(page.visit.utm).map(([k, v]) => [k, fit(v, MAX_CAMPAIGN, PAGE_BYTES.campaign / 6)])) }
              : {}),
          }
        : {}),
    },
    locale: draft.locale,
    widgetVersion: WIDGET_VERSION,
    submittedAt: new Date().toISOString(),
    antispam: { honeypot: cleanText(draft.antispam.honeypot).slice(0, HONEYPOT_MAX), elapsedMs: Math.max(0, Math.round(draft.antispam.elapsedMs)) },
  };
}

/**
 * How many characters each text field may hold so that the whole body stays under
 * MAX_INQUIRY_BYTES whatever is typed: the body without any typed text (with the longest
 * option of every choice, the longest page data and honeypot) is measured, and the rest is
 * shared between the text fields in proportion to their configured maxLength. Returns the
 * configured limits unchanged when they already fit.
 */
export function textLimits(
  textFields: ReadonlyArray<{ name: string; maxLength: number }>,
  emptyDraft: InquiryDraft,
): Record<string, number> {
  const bytesPerUnit = BYTES_PER_UNIT[emptyDraft.format];
  const fixed = byteLength(encodeInquiry(buildInquiry(emptyDraft, { url: '', referrer: '', title: '' }), emptyDraft.format).body);
  const reserved =
    PAGE_BYTES.url + PAGE_BYTES.referrer + PAGE_BYTES.title + PAGE_BYTES.landing + PAGE_BYTES.landingReferrer + PAGE_BYTES.campaign + HONEYPOT_MAX * bytesPerUnit + 512;
  const budget = Math.max(0, MAX_INQUIRY_BYTES - fixed - reserved);
  const wanted = textFields.reduce((sum, f) => sum + f.maxLength * bytesPerUnit, 0);
  const scale = wanted > budget ? budget / wanted : 1;
  const limits = Object.create(null) as Record<string, number>;
  for (const f of textFields) limits[f.name] = Math.max(1, Math.floor(f.maxLength * scale));
  return limits;
}
