// Property-based tests (fast-check): the URL allow-list and the payload schema do what their
// descriptions (README, src/schema) say, for any input, not just the examples we thought of.
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { HTTP_URL, LINK_URL } from '../../src/schema/url.js';
import { InquirySchema, MAX_INQUIRY_BYTES, MAX_TEXT } from '../../src/schema/inquiry.js';
import { fromFormBody, toFormBody } from '../../src/schema/form-encoding.js';
import { buildInquiry, textLimits } from '../../src/delivery/build-inquiry.js';
import { byteLength, encodeInquiry } from '../../src/delivery/encode.js';

const BASE = 'https://clinic.example/pages/hair.html';
const PATH_CHARS = ['/', '\\', '\t', '\n', '\r', ' ', '\u000b', '\u0000', '.', ':', '@', '%', '5', 'C', '?', '#', 'e', 'v', '/', '\\'];
/** Paths full of what URL parsers treat specially. */
const trickyPath = fc.array(fc.constantFrom(...PATH_CHARS), { maxLength: 12 }).map((chars) => `/${chars.join('')}`);
const anyText = fc.oneof(trickyPath, fc.string(), fc.string({ unit: 'binary' }), fc.webUrl(), fc.constantFrom('javascript:alert(1)', 'data:text/html,x', '//evil.example', 'tel:010', 'mailto:a@b'));
const ALLOWED = ['https:', 'http:', 'tel:', 'sms:', 'mailto:'];

describe('the URL allow-list, for any input', () => {
  it('a path it accepts always stays on the page’s own host', () => {
    fc.assert(
      fc.property(fc.oneof(trickyPath, anyText), (text) => {
        for (const pattern of [HTTP_URL, LINK_URL]) {
          if (!pattern.test(text) || !text.startsWith('/')) continue;
          const url = new URL(text, BASE);
          expect(url.host, JSON.stringify(text)).to.equal('clinic.example');
          expect(url.protocol).to.equal('https:');
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('everything it accepts has an allowed scheme; the endpoint and policy URL only http(s)', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        if (LINK_URL.test(text)) expect(ALLOWED, JSON.stringify(text)).to.include(new URL(text, BASE).protocol);
        if (HTTP_URL.test(text)) {
          expect(['https:', 'http:']).to.include(new URL(text, BASE).protocol);
          expect(LINK_URL.test(text), 'one list: the endpoint list is part of the link list').to.be.true;
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('refuses a path with a backslash, whitespace or a second leading slash, and accepts every other path', () => {
    fc.assert(
      fc.property(trickyPath, (path) => {
        const bad = /[\\\s]/.test(path) || path.startsWith('//');
        expect(HTTP_URL.test(path), JSON.stringify(path)).to.equal(!bad);
        expect(LINK_URL.test(path), JSON.stringify(path)).to.equal(!bad);
      }),
      { numRuns: 3000 },
    );
  });

  it('accepts web URLs and tel:, sms:, mailto: links; refuses other schemes', () => {
    fc.assert(
      fc.property(fc.webUrl({ validSchemes: ['https', 'http'], withQueryParameters: true, withFragments: true }), (url) => {
        expect(HTTP_URL.test(url), url).to.be.true;
        expect(LINK_URL.test(url), url).to.be.true;
      }),
    );
    fc.assert(
      fc.property(fc.constantFrom('tel:', 'sms:', 'mailto:'), fc.stringMatching(/^[\w.+@-]{1,20}$/), (scheme, rest) => {
        expect(LINK_URL.test(scheme + rest)).to.be.true;
        expect(HTTP_URL.test(scheme + rest)).to.be.false;
      }),
    );
    fc.assert(
      fc.property(fc.constantFrom('javascript:', 'JavaScript:', 'data:', 'vbscript:', 'file:', 'blob:', 'ftp://'), fc.string(), (scheme, rest) => {
        expect(LINK_URL.test(scheme + rest)).to.be.false;
      }),
    );
  });
});

const fieldName = fc.stringMatching(/^[A-Za-z][\w-]{0,20}$/);
const fieldValue = fc.oneof(fc.boolean(), fc.string({ unit: 'grapheme', maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 }));
const drafts = fc.record({
  id: fc.uuid(),
  form: fc.stringMatching(/^[a-z][a-z0-9_-]{0,20}$/),
  fields: fc.dictionary(fieldName.filter((n) => n !== 'phone'), fieldValue, { minKeys: 1, maxKeys: 8 }),
  // The clinic's labels: of fields sent or not, of any length and content.
  labels: fc.option(fc.dictionary(fieldName, fc.oneof(fc.string({ unit: 'grapheme', maxLength: 150 }), fc.string({ unit: 'binary', maxLength: 150 })), { maxKeys: 8 }), { nil: undefined }),
  // The form's title as the clinic wrote it, of any length and content.
  formTitle: fc.option(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 150 }), fc.string({ unit: 'binary', maxLength: 150 })), { nil: undefined }),
  marketing: fc.option(fc.boolean(), { nil: undefined }),
  sensitive: fc.option(fc.constant(true as const), { nil: undefined }),
  age14: fc.option(fc.constant(true as const), { nil: undefined }),
  noticeHash: fc.stringMatching(/^[0-9a-f]{64}$/),
  retentionMonths: fc.option(fc.integer({ min: 1, max: 120 }), { nil: undefined }),
  policyVersion: fc.string({ minLength: 1, maxLength: 64 }).filter((v) => v.trim() !== ''),
  agreedAt: fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
  locale: fc.constantFrom('ko', 'en'),
  format: fc.constantFrom('json' as const, 'form' as const),
  antispam: fc.record({ honeypot: fc.string({ maxLength: 200 }), elapsedMs: fc.nat() }),
});
const pages = fc.record({ url: fc.string({ maxLength: 4000 }), referrer: fc.webUrl(), title: fc.string({ unit: 'grapheme', maxLength: 800 }) });

describe('the payload schema, for any draft', () => {
  it('accepts every inquiry the widget builds, in both formats, and the form body decodes to the same inquiry', () => {
    fc.assert(
      fc.property(drafts, pages, (draft, page) => {
        const inquiry = buildInquiry(draft, page);
        const parsed = InquirySchema.safeParse(inquiry);
        expect(parsed.success, JSON.stringify(parsed.error?.issues)).to.be.true;
        const decoded = InquirySchema.parse(fromFormBody(toFormBody(inquiry)));
        // Booleans in fields travel as text in a form body (documented in form-encoding.ts).
        const asText = Object.fromEntries(Object.entries(inquiry.fields).map(([k, v]) => [k, String(v)]));
        const sent = JSON.parse(JSON.stringify(inquiry)) as typeof inquiry;
        expect({ ...decoded, fields: { ...decoded.fields }, ...(decoded.labels ? { labels: { ...decoded.labels } } : {}) }).to.deep.equal({ ...sent, fields: asText });
        expect(Object.keys(inquiry.labels ?? {}).every((name) => name in inquiry.fields), 'labels only of fields sent').to.be.true;
      }),
      { numRuns: 300 },
    );
  });

  it('keeps every body under 16 KB when the text fits the limits the form sets', () => {
    fc.assert(
      fc.property(drafts, pages, fc.array(fc.integer({ min: 1, max: 2000 }), { minLength: 1, maxLength: 10 }), (draft, page, maxLengths) => {
        const text = maxLengths.map((maxLength, i) => ({ name: `text${i}`, maxLength }));
        const empty = { ...draft, fields: { ...draft.fields, ...Object.fromEntries(text.map((f) => [f.name, ''])) } };
        const limits = textLimits(text, { ...empty, antispam: { honeypot: '', elapsedMs: 0 } });
        const full = { ...draft, fields: { ...draft.fields, ...Object.fromEntries(text.map((f) => [f.name, '힣'.repeat(limits[f.name])])) } };
        const body = encodeInquiry(buildInquiry(full, page), draft.format).body;
        expect(byteLength(body)).to.be.at.most(MAX_INQUIRY_BYTES);
      }),
      { numRuns: 200 },
    );
  });

  it('accepts only ISO 8601 date-times for agreedAt and submittedAt', () => {
    const valid = buildInquiry(fc.sample(drafts, 1)[0]);
    fc.assert(
      fc.property(fc.date({ noInvalidDate: true, min: new Date('0001-01-01'), max: new Date('9999-12-31') }), (date) => {
        expect(InquirySchema.safeParse({ ...valid, submittedAt: date.toISOString() }).success).to.be.true;
        for (const text of [date.toString(), date.toUTCString(), String(date.getTime()), date.toISOString().slice(0, 10)]) {
          expect(InquirySchema.safeParse({ ...valid, submittedAt: text }).success, text).to.be.false;
          expect(InquirySchema.safeParse({ ...valid, consent: { ...valid.consent, agreedAt: text } }).success, text).to.be.false;
        }
      }),
    );
  });

  it('refuses field names outside /^[A-Za-z][\\w-]{0,63}$/ and values over the text limit', () => {
    const valid = buildInquiry(fc.sample(drafts, 1)[0]);
    fc.assert(
      // zod drops an own "__proto__" key rather than refusing it; either way it never arrives.
      fc.property(fc.string({ maxLength: 80 }).filter((name) => name !== '__proto__'), (name) => {
        const ok = /^[A-Za-z][\w-]{0,63}$/.test(name);
        expect(InquirySchema.safeParse({ ...valid, fields: { [name]: 'x' } }).success, JSON.stringify(name)).to.equal(ok);
      }),
    );
    expect(InquirySchema.safeParse({ ...valid, fields: { note: 'x'.repeat(MAX_TEXT + 1) } }).success).to.be.false;
  });
});
