import { CAMPAIGN_KEYS, MAX_CAMPAIGN, MAX_TEXT, MAX_TITLE } from './limits.js';
import { isKoreanPhone } from './phone.js';

/**
 * InquirySchema's rules, without zod: the widget checks its own payload with this before
 * sending, so the dialog's chunk does not carry a validation library. Receivers keep using
 * InquirySchema; test/schema/check-inquiry.test.ts holds the two to the same verdicts over
 * generated payloads, so they cannot drift apart.
 */
const DATE = `(?:(?:\\d\\d[2468][048]|\\d\\d[13579][26]|\\d\\d0[48]|[02468][048]00|[13579][26]00)-02-29|\\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|(?:02)-(?:0[1-9]|1\\d|2[0-8])))`;
/** zod's iso.datetime({ offset: true }): seconds required, Z or ±hh:mm. */
const ISO_DATE = new RegExp(`^${DATE}T(?:(?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(?:\\.\\d+)?(?:Z|([+-](?:[01]\\d|2[0-3]):[0-5]\\d)))$`);
const FIELD_NAME = /^[A-Za-z][\w-]{0,63}$/;
const ID = /^[\w-]+$/;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown, max: number, min = 0) => typeof v === 'string' && v.length >= min && v.length <= max;
const opt = (v: unknown, ok: (v: unknown) => boolean) => v === undefined || ok(v);
/** No keys beyond these (zod objects strip unknown keys, so extra keys are allowed, as there). */
const has = (o: Obj, key: string) => Object.prototype.hasOwnProperty.call(o, key);

function fieldsOk(v: unknown): boolean {
  if (!isObj(v)) return false;
  for (const key of Object.keys(v)) {
    const value = v[key];
    if (!FIELD_NAME.test(key)) return false;
    if (!(typeof value === 'boolean' || text(value, MAX_TEXT))) return false;
  }
  const phone = has(v, 'phone') ? v.phone : undefined;
  return typeof phone !== 'string' || phone === '' || isKoreanPhone(phone);
}

function campaignOk(v: unknown): boolean {
  if (!isObj(v)) return false;
  return Object.keys(v).every((k) => (CAMPAIGN_KEYS as readonly string[]).includes(k) && text(v[k], MAX_CAMPAIGN));
}

/** Whether InquirySchema accepts the value. */
export function isValidInquiry(v: unknown): boolean {
  if (!isObj(v)) return false;
  const { consent, page, antispam } = v;
  return (
    text(v.id, 64, 8) &&
    ID.test(v.id as string) &&
    text(v.form, 64, 1) &&
    fieldsOk(v.fields) &&
    isObj(consent) &&
    consent.privacy === true &&
    opt(consent.marketing, (m) => typeof m === 'boolean') &&
    text(consent.policyVersion, 64, 1) &&
    typeof consent.agreedAt === 'string' &&
    ISO_DATE.test(consent.agreedAt) &&
    isObj(page) &&
    text(page.url, MAX_TEXT) &&
    text(page.referrer, MAX_TEXT) &&
    text(page.title, MAX_TITLE) &&
    opt(page.landing, (s) => text(s, MAX_TEXT)) &&
    opt(page.landingReferrer, (s) => text(s, MAX_TEXT)) &&
    opt(page.utm, campaignOk) &&
    text(v.locale, 16, 2) &&
    typeof v.submittedAt === 'string' &&
    ISO_DATE.test(v.submittedAt) &&
    opt(antispam, (a) => isObj(a) && text(a.honeypot, MAX_TEXT) && Number.isSafeInteger(a.elapsedMs) && (a.elapsedMs as number) >= 0)
  );
}
