import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import * as z from 'zod/mini';
import { assertKnownKeywords, compileSchema } from '../../src/config/compile.js';
import { checkConfig } from '../../src/config/check.js';
import { ConfigSchema } from '../../src/config/schema.js';

describe('configuration check: closed-world', () => {
  it('refuses to compile a schema with a keyword the checker does not implement', () => {
    expect(() => assertKnownKeywords({ type: 'array', items: { type: 'string' }, uniqueItems: true })).to.throw(/uniqueItems/);
    expect(() => assertKnownKeywords({ type: 'object', properties: { a: { type: 'string', format: 'email' } } })).to.throw(/#\/properties\/a: .*"format"/);
    expect(() => assertKnownKeywords({ type: 'object', properties: { format: { type: 'string' } } })).to.not.throw();
  });

  it('implements minLength, minItems, maxItems and exclusive bounds, and keeps regex flags', () => {
    const schema = compileSchema(
      z.strictObject({
        name: z.string().check(z.minLength(2)),
        list: z.array(z.string()).check(z.minLength(1), z.maxLength(2)),
        code: z.string().check(z.regex(/^ab$/)),
        word: z.string().check(z.regex(/^ab$/i)),
        ratio: z.number().check(z.gt(0), z.lt(1)),
      }),
    );
    const problems = (v: unknown) => checkConfig(v, schema).problems.map((p) => p.setting);
    expect(problems({ name: 'ab', list: ['x'], code: 'ab', word: 'AB', ratio: 0.5 })).to.deep.equal([]);
    expect(problems({ name: 'a', list: [], code: 'AB', word: 'ab', ratio: 1 })).to.deep.equal(['name', 'list', 'code', 'ratio']);
    expect(problems({ name: 'ab', list: ['a', 'b', 'c'], code: 'ab', word: 'ab', ratio: 0 })).to.deep.equal(['list', 'ratio']);
  });
});

/** zod's issue paths, as the checker names settings (an unknown key is named itself). */
function zodPaths(input: unknown): string[] {
  const result = ConfigSchema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.flatMap((issue) => {
    const base = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') return issue.keys.map((k) => [...base, k].join('.'));
    return [base.join('.') || '(configuration)'];
  });
}

const valid = {
  endpoint: 'https://clinic.example/api/inquiry',
  phone: '1833-7488',
  kakaoUrl: 'https://pf.kakao.com/_x/chat',
  clinicName: { ko: '하늘의원', en: 'Haneul Clinic' },
  buttons: ['phone', 'cost', { type: 'form', label: '예약', form: 'booking' }],
  forms: [{ id: 'booking', title: { ko: '예약', ja: '予約' }, fields: [{ name: 'when', kind: 'radio', options: ['오전', { value: '오후', label: { en: 'Afternoon' } }], required: true }] }],
  policy: { url: 'https://clinic.example/privacy', retentionMonths: 24 },
  theme: { brand: '#0a7', zIndex: 10 },
};
const places: string[][] = [
  ['endpoint'], ['locale'], ['phone'], ['kakaoUrl'], ['blogUrl'], ['mapUrl'], ['position'], ['offsetX'], ['clinicName'], ['nope'],
  ['buttons'], ['buttons', '0'], ['buttons', '2'], ['buttons', '2', 'form'], ['buttons', '2', 'id'], ['buttons', '2', 'extra'],
  ['forms'], ['forms', '0'], ['forms', '0', 'id'], ['forms', '0', 'fields', '0', 'kind'], ['forms', '0', 'fields', '0', 'name'], ['forms', '0', 'fields', '0', 'options'],
  ['forms', '0', 'fields', '0', 'maxLength'], ['interests'], ['interests', '0'], ['policy'], ['policy', 'url'], ['policy', 'retentionMonths'], ['policy', 'x'],
  ['theme'], ['theme', 'brand'], ['theme', 'zIndex'], ['marketingConsent'], ['timeoutMs'], ['retries'], ['format'],
  // Texts per language: the whole text, one language, a language that is none, an option's label and value.
  ['clinicName', 'en'], ['clinicName', 'fr'], ['buttons', '2', 'label'], ['forms', '0', 'title'], ['forms', '0', 'title', 'ja'],
  ['forms', '0', 'fields', '0', 'options', '1'], ['forms', '0', 'fields', '0', 'options', '1', 'label'], ['forms', '0', 'fields', '0', 'options', '1', 'label', 'en'],
  ['forms', '0', 'fields', '0', 'options', '1', 'value'],
  // Names Object.prototype has: no setting, wherever they are.
  ['constructor'], ['toString'], ['__proto__'], ['clinicName', 'constructor'], ['policy', 'valueOf'], ['forms', '0', 'hasOwnProperty'],
];
const values = fc.constantFrom<unknown>(
  undefined, null, true, 0, -1, 1.5, 401, 100000, '', 'x', 'en', 'fr', 'json', 'bottom-left', 'javascript:alert(1)', '/ok', '//evil', 'HTTPS://A.example',
  'https://a.example', 'tel:123', 'constructor', 'date', 'text', 'x'.repeat(41), 'x'.repeat(101), [], ['phone'], ['x'], {}, { type: 'link', label: 'a', url: '/a' },
  { id: 'a' }, '#fff', 'red;}', { ko: '가' }, { ko: 'x'.repeat(101) }, { en: 'a', zh: 1 }, { fr: 'a' }, { ko: '가', value: 'x' }, { value: 'a', label: { ja: 'b' } },
);

function withValue(base: unknown, path: string[], value: unknown): unknown {
  const copy = structuredClone(base) as Record<string, unknown>;
  let node = copy as Record<string, unknown>;
  for (const key of path.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) return copy;
    node = node[key] as Record<string, unknown>;
  }
  const last = path[path.length - 1];
  if (value === undefined) delete node[last];
  // An own property even for "__proto__", as JSON.parse makes it.
  else Object.defineProperty(node, last, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

describe('configuration check: the same problem paths as zod', () => {
  it('names the settings zod names, over generated configurations', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...places), values), { minLength: 1, maxLength: 3 }), (changes) => {
        const input = changes.reduce<unknown>((c, [path, value]) => withValue(c, path, value), valid);
        const ours = [...new Set(checkConfig(input).problems.map((p) => p.setting))].sort();
        const theirs = [...new Set(zodPaths(input))].sort();
        expect(ours, JSON.stringify(input)).to.deep.equal(theirs);
      }),
      { numRuns: 800 },
    );
  });
});
