import { expect } from '@open-wc/testing';
import { checkConfig, describeProblems } from '../../src/config/check.js';
import { compileConfigSchema } from '../../src/config/compile.js';
import { ConfigSchema } from '../../src/config/schema.js';
import { configSchema } from '../../src/generated/config-schema.js';
import { mergeLayers } from '../../src/config/merge.js';
import { validateFields } from '../../src/components/dialog/validate-form.js';

const ok = { endpoint: 'https://clinic.example/api/inquiry' };

// Each case: a configuration, and the settings the check must name (empty when valid).
const CASES: Array<[string, unknown, string[]]> = [
  ['minimal', ok, []],
  ['root-relative endpoint', { endpoint: '/api/inquiry' }, []],
  ['everything', {
    ...ok,
    locale: 'en',
    clinicName: '하늘의원',
    phone: '1833-7488',
    kakaoUrl: 'https://pf.kakao.com/_x/chat',
    blogUrl: 'https://blog.naver.com/x',
    mapUrl: 'https://map.naver.com/x',
    address: '서울',
    hours: '평일 10:00-19:00',
    position: 'bottom-left',
    offsetX: 10,
    offsetY: 0,
    buttons: ['phone', { type: 'link', label: 'SMS', url: 'sms:01012345678' }, { type: 'form', label: '예약', form: 'booking' }],
    forms: [{ id: 'booking', title: '예약', fields: [{ name: 'when', kind: 'radio', options: ['오전', { value: 'pm', label: '오후' }], required: true }] }],
    interests: ['헤어라인'],
    marketingConsent: true,
    policy: { url: 'https://clinic.example/privacy', version: '2026-01', retentionMonths: 24 },
    theme: { brand: '#0a7', font: 'Pretendard, sans-serif', zIndex: 10 },
    timeoutMs: 20000,
  }, []],
  ['no endpoint', {}, ['endpoint']],
  ['endpoint not a URL', { endpoint: 'foo' }, ['endpoint']],
  ['endpoint javascript:', { endpoint: 'javascript:alert(1)' }, ['endpoint']],
  ['unknown locale', { ...ok, locale: 'fr' }, ['locale']],
  ['link with data:', { ...ok, blogUrl: 'data:text/html,hi' }, ['blogUrl']],
  ['link protocol-relative', { ...ok, mapUrl: '//evil.example' }, ['mapUrl']],
  ['mailto and tel are links', { ...ok, kakaoUrl: 'mailto:a@b.kr', mapUrl: 'tel:0212345678' }, []],
  ['typo in a setting name', { ...ok, endpont: 'x' }, ['endpont']],
  ['offset as text', { ...ok, offsetX: '20' }, ['offsetX']],
  ['offset too large', { ...ok, offsetY: 9000 }, ['offsetY']],
  ['unknown button', { ...ok, buttons: ['phone', 'fax'] }, ['buttons.1']],
  ['bad field kind', { ...ok, forms: [{ id: 'x', fields: [{ name: 'a', kind: 'date' }] }] }, ['forms.0.fields.0.kind']],
  ['field missing name', { ...ok, forms: [{ id: 'x', fields: [{ kind: 'text' }] }] }, ['forms.0.fields.0.name']],
  ['CSS injection in theme', { ...ok, theme: { brand: 'red; } body { display:none' } }, ['theme.brand']],
  ['endpoint path with a backslash (another host)', { endpoint: '/\\evil.example/api' }, ['endpoint']],
  ['endpoint path /\\/ (another host)', { endpoint: '/\\/evil.example/api' }, ['endpoint']],
  ['link path with a tab', { ...ok, blogUrl: '/\t/evil.example' }, ['blogUrl']],
  ['policy URL with a backslash', { ...ok, policy: { url: '/\\evil.example/privacy' } }, ['policy.url']],
  ['button link with a backslash', { ...ok, buttons: [{ type: 'link', label: 'x', url: '/\\evil.example' }] }, ['buttons.0.url']],
  ['paths with one slash are fine', { ...ok, blogUrl: '/blog/a\u0000b?x=/\u00e9', policy: { url: '/privacy' } }, []],
  ['retries and format', { ...ok, retries: 1, format: 'form' }, []],
  ['retries out of range, unknown format', { ...ok, retries: 0, format: 'xml' }, ['retries', 'format']],
  ...['constructor', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString', 'Constructor', '__proto__'].map(
    (name): [string, unknown, string[]] => [`field named ${name}`, { ...ok, forms: [{ id: 'x', fields: [{ name, kind: 'text' }] }] }, ['forms.0.fields.0.name']],
  ),
  ['field names that only start like a built-in are fine', { ...ok, forms: [{ id: 'x', fields: [{ name: 'constructorName', kind: 'text' }, { name: 'value', kind: 'text' }] }] }, []],
  ['not an object', 'hello', ['(configuration)']],
];

describe('configuration check', () => {
  it('runs the JSON Schema compiled from the zod schema (run `npm run schema` if this fails)', () => {
    expect(configSchema).to.deep.equal(compileConfigSchema());
  });

  for (const [name, input, settings] of CASES) {
    it(`agrees with zod and names the setting: ${name}`, () => {
      const { problems } = checkConfig(input);
      expect(problems.map((p) => p.setting)).to.deep.equal(settings);
      expect(ConfigSchema.safeParse(input).success, 'zod agrees').to.equal(settings.length === 0);
    });
  }

  it('keeps the good settings when some are bad, so the widget still works', () => {
    const { config } = checkConfig({ ...ok, phone: '1833-7488', locale: 'xx', blogUrl: 'javascript:1' });
    expect(config).to.deep.equal({ ...ok, phone: '1833-7488' });
    expect(checkConfig({ endpoint: 'foo', phone: '1833-7488' }).config).to.deep.equal({ phone: '1833-7488' });
  });

  it('says what each bad setting expects and what it got', () => {
    const message = describeProblems(checkConfig({ endpoint: 'foo', position: 'top' }).problems);
    expect(message).to.contain('"endpoint" expects an http(s) URL');
    expect(message).to.contain('got "foo"');
    expect(message).to.contain('"position" expects one of bottom-right, bottom-left; got "top"');
    expect(describeProblems(checkConfig({}).problems)).to.contain('"endpoint" expects an http(s) URL that receives inquiries, such as https://clinic.example/api/inquiry, or a path such as /api/inquiry; it is missing');
  });

  it('names a range only when it is a real limit, not the safe-integer bounds every whole number has', () => {
    const message = describeProblems(checkConfig({ ...ok, offsetX: 500, theme: { zIndex: 1.5 } }).problems);
    expect(message).to.contain('"offsetX" expects a whole number from 0 to 400');
    expect(message).to.contain('"theme.zIndex" expects a whole number; got 1.5');
    expect(message).to.not.contain('9007199254740991');
  });

  it('merges layers setting by setting: later wins, objects one level deep, undefined never overrides', () => {
    const merged = mergeLayers(
      { phone: '1', theme: { brand: 'red', font: 'serif' }, buttons: ['phone', 'blog'] },
      { phone: undefined, theme: { brand: 'blue' } },
      { buttons: ['cost'] },
    );
    expect(merged).to.deep.equal({ phone: '1', theme: { brand: 'blue', font: 'serif' }, buttons: ['cost'] });
  });
});

describe('prototype-less maps', () => {
  it('validates a field whatever its name, even one the configuration would refuse', () => {
    const form = { id: 'x', fields: [{ name: 'constructor', kind: 'text' as const, required: true }, { name: 'toString', kind: 'text' as const, required: true }] };
    const errors = validateFields(form, Object.assign(Object.create(null), { constructor: '', toString: '' }));
    expect(Object.keys(errors)).to.deep.equal(['constructor', 'toString']);
    expect(Object.getPrototypeOf(errors)).to.equal(null);
  });

  it('merges a "__proto__" key from page JSON as data, not as a prototype', () => {
    const merged = mergeLayers(JSON.parse('{ "__proto__": { "endpoint": "https://evil.example" }, "phone": "1" }'));
    expect(merged.endpoint).to.equal(undefined);
    expect(checkConfig(merged).config.endpoint).to.equal(undefined);
    expect(({} as Record<string, unknown>).endpoint).to.equal(undefined);
  });
});

describe('configuration check: what a problem takes away', () => {
  it('drops only the bad list item: one bad field keeps the form, one bad button keeps the others', () => {
    const { config } = checkConfig({
      ...ok,
      buttons: ['phone', 'fax', 'cost'],
      forms: [{ id: 'a', fields: [{ name: 'x', kind: 'date' }, { name: 'y', kind: 'text' }] }],
    });
    expect(config.buttons).to.deep.equal(['phone', 'cost']);
    expect(config.forms).to.deep.equal([{ id: 'a', fields: [{ name: 'y', kind: 'text' }] }]);
  });

  it('drops only the bad part of an object setting', () => {
    const { config } = checkConfig({ ...ok, policy: { url: 'privacy.html', retentionMonths: 36 } });
    expect(config.policy).to.deep.equal({ retentionMonths: 36 });
  });
});

describe('configuration check: hostile values', () => {
  it('checks a URL setting of any length in linear time (a long host followed by a space froze the page for seconds)', () => {
    for (const setting of ['blogUrl', 'endpoint']) {
      const started = performance.now();
      const { problems } = checkConfig({ [setting]: `https://${'a'.repeat(60_000)} ` });
      expect(problems.map((p) => p.setting)).to.include(setting);
      expect(performance.now() - started, setting).to.be.below(250);
    }
  });

  it('gives settings without a prototype: what a polluted Object.prototype holds is never a setting', () => {
    const { config } = checkConfig({ buttons: [{ type: 'link', label: '블로그', url: 'https://blog.example' }], theme: { brand: '#112233' } });
    for (const object of [config, config.theme, config.buttons![0]]) expect(Object.getPrototypeOf(object)).to.equal(null);
  });
});
