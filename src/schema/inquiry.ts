import * as z from 'zod/mini';
import { isPhoneNumber } from './phone.js';
import { CAMPAIGN_KEYS, MAX_CAMPAIGN, MAX_INQUIRY_BYTES, MAX_LABEL, MAX_TEXT, MAX_TITLE } from './limits.js';

/**
 * What the widget POSTs to the clinic's endpoint, and what a receiver should accept.
 * Receivers validate what arrives with it. The widget builds its payload to fit it (property
 * tests in test/schema/properties.test.ts check every inquiry it can build against this
 * schema), without shipping zod to patients' browsers.
 */
export { CAMPAIGN_KEYS, MAX_CAMPAIGN, MAX_INQUIRY_BYTES, MAX_LABEL, MAX_TEXT, MAX_TITLE };

const isoDate = z.iso.datetime({ offset: true });
/** Field names as the configuration allows them; no dots, so the form encoding stays unambiguous. */
const fieldName = z.string().check(z.regex(/^[A-Za-z][\w-]{0,63}$/));

export const FieldValueSchema = z.union([z.string().check(z.maxLength(MAX_TEXT)), z.boolean()]);

export const InquirySchema = z.object({
  id: z.string().check(z.minLength(8), z.maxLength(64), z.regex(/^[\w-]+$/)),
  /** The form's id as the configuration names it (letters, digits, "-", "_"): it is shown in notifications, so it carries no spaces, dots or links. */
  form: z.string().check(z.regex(/^[A-Za-z][\w-]{0,63}$/)),
  fields: z.record(fieldName, FieldValueSchema).check(
    z.refine(
      (fields) => typeof fields.phone !== 'string' || fields.phone === '' || isPhoneNumber(fields.phone),
      { message: 'a Korean phone number such as 010-1234-5678, or an international one with + and the country code such as +81 90-1234-5678', path: ['phone'] },
    ),
  ),
  /**
   * The clinic's own labels of the fields sent that it labelled (a custom "visit" field's
   * "방문 희망"), in the clinic's language (Korean when given), whatever the patient's: staff read
   * these instead of the field names. Absent when no field sent has a configured label.
   */
  labels: z.optional(z.record(fieldName, z.string().check(z.maxLength(MAX_LABEL)))),
  /**
   * The form's title as the clinic configured it ("임플란트 이벤트 상담"), in the clinic's language,
   * so staff read it instead of the form's id. Absent when the clinic gave none (the built-in
   * forms' titles are the receiver's own).
   */
  formTitle: z.optional(z.string().check(z.maxLength(MAX_LABEL))),
  /**
   * What the patient agreed to, each only ever true when present. `sensitive` (PIPA Art. 23) is
   * sent when the patient gave it, which they must once a sensitive field holds something;
   * `age14` (Art. 22-2) when the form asks for it; `marketing` (true or false) when it is offered.
   * `noticeHash` is the SHA-256 (hex) of the notice texts the patient was shown;
   * `retentionMonths`, how long the notice said the inquiry is kept (receivers delete it then,
   * or sooner). The newer members are optional so that inquiries from older widgets are still received.
   */
  consent: z.object({
    privacy: z.literal(true),
    sensitive: z.optional(z.literal(true)),
    marketing: z.optional(z.boolean()),
    age14: z.optional(z.literal(true)),
    policyVersion: z.string().check(z.minLength(1), z.maxLength(64)),
    noticeHash: z.optional(z.string().check(z.regex(/^[0-9a-f]{64}$/))),
    retentionMonths: z.optional(z.int().check(z.gte(1), z.lte(120))),
    agreedAt: isoDate,
  }),
  page: z.object({
    url: z.string().check(z.maxLength(MAX_TEXT)),
    referrer: z.string().check(z.maxLength(MAX_TEXT)),
    title: z.string().check(z.maxLength(MAX_TITLE)),
    /** The address of the visit's first page on the site (where the patient landed). */
    landing: z.optional(z.string().check(z.maxLength(MAX_TEXT))),
    /** The referrer of the visit's first page (the search engine or ad that brought them). */
    landingReferrer: z.optional(z.string().check(z.maxLength(MAX_TEXT))),
    /** Campaign parameters of the visit's first page: utm_source as "source", …, and Google Ads' gclid. */
    utm: z.optional(z.partialRecord(z.enum(CAMPAIGN_KEYS), z.string().check(z.maxLength(MAX_CAMPAIGN)))),
  }),
  locale: z.string().check(z.minLength(2), z.maxLength(16)),
  /** The widget's version (package.json), so a clinic knows which notice texts it showed. */
  widgetVersion: z.optional(z.string().check(z.minLength(1), z.maxLength(32))),
  submittedAt: isoDate,
  /**
   * Spam signals: what a hidden field (left empty by people) holds, and the milliseconds from
   * opening the form to sending. Receivers file an inquiry as spam from these, never refuse it.
   */
  antispam: z.optional(
    z.object({
      honeypot: z.string().check(z.maxLength(MAX_TEXT)),
      elapsedMs: z.int().check(z.gte(0)),
    }),
  ),
});

export type Inquiry = z.infer<typeof InquirySchema>;
export type FieldValue = z.infer<typeof FieldValueSchema>;
