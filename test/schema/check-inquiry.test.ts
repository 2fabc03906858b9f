import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { InquirySchema } from '../../src/schema/inquiry.js';
import { isValidInquiry } from '../../src/schema/check-inquiry.js';

const valid = {
  id: '3f2b9c1e-8d4a-4c57-9a61-0b7e2f1d5c88',
  form: 'consult',
  fields: { name: '홍길동', phone: '010-1234-5678', firstVisit: true },
  consent: { privacy: true, marketing: false, policyVersion: 'builtin-2026-11', agreedAt: '2026-11-25T10:00:00.000Z' },
  page: {
    url: 'https://clinic.example/hair',
    referrer: '',
    title: '모발이식',
    landing: 'https://clinic.example/?utm_source=naver',
    landingReferrer: 'https://search.naver.com/',
    utm: { source: 'naver', gclid: 'abc' },
  },
  locale: 'ko',
  submittedAt: '2026-11-25T10:00:05+09:00',
  antispam: { honeypot: '', elapsedMs: 4200 },
};

// Values that sit on either side of the schema's rules, for every place in the payload.
const tricky = fc.oneof(
  fc.constantFrom<unknown>(undefined, null, true, false, 0, -1, 1.5, 2 ** 53, '', 'x', 'ab', 'abcdefgh', 'a b', '12345678', '010-1234-5678', '1833-7488',
    '2026-11-25T10:00:05Z', '2026-11-25T10:00Z', '2026-02-30T10:00:05Z', '2024-02-29T23:59:59.1+09:00', '2026-11-25T24:00:00Z',
    'x'.repeat(64), 'x'.repeat(65), 'x'.repeat(200), 'x'.repeat(201), 'x'.repeat(500), 'x'.repeat(501), 'x'.repeat(2000), 'x'.repeat(2001),
    [], {}, { source: 'x' }, { medium: 1 }, { fbclid: 'x' }, { gclid: 'x'.repeat(201) }),
  fc.string({ maxLength: 12 }),
  fc.integer(),
);
const paths: string[][] = [
  ['id'], ['form'], ['fields'], ['fields', 'phone'], ['fields', 'name'], ['fields', '1bad'], ['fields', 'a.b'], ['consent'], ['consent', 'privacy'],
  ['consent', 'marketing'], ['consent', 'policyVersion'], ['consent', 'agreedAt'], ['page'], ['page', 'url'], ['page', 'referrer'], ['page', 'title'],
  ['page', 'landing'], ['page', 'landingReferrer'], ['page', 'utm'], ['page', 'utm', 'source'], ['page', 'utm', 'gclid'], ['page', 'utm', 'other'],
  ['locale'], ['submittedAt'], ['antispam'], ['antispam', 'honeypot'], ['antispam', 'elapsedMs'], ['extra'],
];

function withValue(base: unknown, path: string[], value: unknown): unknown {
  const copy = structuredClone(base) as Record<string, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  const last = path[path.length - 1];
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy;
}

describe('the payload check the widget carries instead of zod', () => {
  it('accepts the README payload, as InquirySchema does', () => {
    expect(InquirySchema.safeParse(valid).success).to.be.true;
    expect(isValidInquiry(valid)).to.be.true;
  });

  it('agrees with InquirySchema on generated payloads (up to three changed places)', () => {
    const change = fc.tuple(fc.constantFrom(...paths), tricky);
    fc.assert(
      fc.property(fc.array(change, { minLength: 1, maxLength: 3 }), (changes) => {
        const payload = changes.reduce<unknown>((p, [path, value]) => withValue(p, path, value), valid);
        const zod = InquirySchema.safeParse(payload).success;
        expect(isValidInquiry(payload), JSON.stringify(payload).slice(0, 400)).to.equal(zod);
      }),
      { numRuns: 1500 },
    );
  });
});
