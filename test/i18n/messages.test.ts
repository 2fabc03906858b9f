import { expect } from '@open-wc/testing';
import type { MessageReport, MsgCall } from '../../scripts/messages.js';
import { templates as koreanDialog } from '../../src/generated/locales/ko.dialog.js';

/**
 * The widget's texts as the sources and locales/*.xlf have them (read by the test runner,
 * scripts/messages.ts). Run `npm run localize:extract` after changing a msg(), translate the
 * new units in every locales/<locale>.xlf, then `npm run localize:build`.
 */
const NAMESPACES = ['widget', 'dialog', 'form', 'consent', 'policy', 'directions'];
const NAMESPACED = new RegExp(`^(?:${NAMESPACES.join('|')})\\.[a-z0-9]+(?:[.-][a-z0-9]+)*$`);

let report: MessageReport;
before(async () => {
  report = (await (await fetch('/test/messages')).json()) as MessageReport;
});

const where = (c: MsgCall) => `${c.file}:${c.line}`;
/** Values seen more than once, with where. */
function repeated<T>(items: T[], key: (item: T) => string): Record<string, T[]> {
  const seen = new Map<string, T[]>();
  for (const item of items) seen.set(key(item), [...(seen.get(key(item)) ?? []), item]);
  return Object.fromEntries([...seen].filter(([, list]) => list.length > 1));
}
const placeholders = (text: string) => [...text.matchAll(/\{(\d+)\}/g)].map((m) => m[1]).sort();

describe('messages', () => {
  it('are found in the sources (the check itself works)', () => {
    expect(report.calls.length).to.be.greaterThan(80);
    expect(report.calls.some((c) => c.id === 'widget.phone' && c.text === '전화 상담')).to.be.true;
    expect(report.calls.some((c) => c.id === 'policy.intro' && c.text.startsWith('{0} '))).to.be.true;
  });

  it(`each msg() has an explicit id in a namespace (${NAMESPACES.join('., ')}.)`, () => {
    const bad = report.calls.filter((c) => !c.id || !NAMESPACED.test(c.id)).map((c) => `${where(c)} ${c.id ?? '(no id)'}: ${c.text}`);
    expect(bad).to.deep.equal([]);
  });

  it('the same Korean text is one message, written once (a shared function, not two msg() calls)', () => {
    const twice = repeated(report.calls, (c) => c.text);
    expect(Object.entries(twice).map(([text, calls]) => `${text}: ${calls.map((c) => `${where(c)} ${c.id}`).join(', ')}`)).to.deep.equal([]);
    const sharedIds = repeated(report.calls, (c) => c.id ?? '');
    expect(Object.keys(sharedIds), 'one msg() call per id').to.deep.equal([]);
  });

  it('every target locale in lit-localize.json has its XLIFF file, with one unit per message, from the current sources', () => {
    expect(report.targetLocales).to.include.members(['en', 'ja', 'zh']);
    const expected = Object.fromEntries(report.calls.map((c) => [c.id, c.text]));
    for (const locale of report.targetLocales) {
      const units = report.units[locale];
      expect(units, `locales/${locale}.xlf`).to.be.an('array');
      const actual = Object.fromEntries(units!.map((u) => [u.id, u.source]));
      expect(actual, `locales/${locale}.xlf against the sources (npm run localize:extract)`).to.deep.equal(expected);
    }
  });

  it('no two units share a source text', () => {
    for (const locale of report.targetLocales) {
      const twice = repeated(report.units[locale] ?? [], (u) => u.source);
      expect(Object.keys(twice), `locales/${locale}.xlf`).to.deep.equal([]);
    }
  });

  it('every target locale translates every message, with the same placeholders', () => {
    for (const locale of report.targetLocales) {
      const problems = (report.units[locale] ?? []).flatMap((u) => {
        if (!u.target?.trim()) return [`${u.id}: no translation`];
        if (placeholders(u.target).join() !== placeholders(u.source).join()) return [`${u.id}: placeholders ${u.target}`];
        if (locale !== 'ko' && /\p{Script=Hangul}/u.test(u.target)) return [`${u.id}: Korean left in ${u.target}`];
        return [];
      });
      expect(problems, `locales/${locale}.xlf`).to.deep.equal([]);
    }
  });

  it('nothing in the classic script (what runs before a click) uses a message outside widget.*', () => {
    const first = new Set(report.firstDownload);
    expect(first.has('src/components/widget/widget.ts'), 'the walk finds the buttons').to.be.true;
    expect(first.has('src/components/dialog/dialog.ts'), 'and not the dialog').to.be.false;
    const early = report.calls.filter((c) => first.has(c.file) && !c.id?.startsWith('widget.'));
    expect(early.map((c) => `${where(c)} ${c.id}`)).to.deep.equal([]);
  });

  it('the dialog\'s Korean texts module (ko.dialog, loaded with the built dialog) matches the sources (npm run localize:build)', () => {
    const text = (t: string | { strings: readonly string[]; values: readonly number[] }) =>
      typeof t === 'string' ? t : t.strings.reduce((out, part, i) => `${out}{${t.values[i - 1]}}${part}`);
    const generated = Object.fromEntries(Object.entries(koreanDialog).map(([id, t]) => [id, text(t)]));
    const expected = Object.fromEntries(report.calls.filter((c) => !c.id?.startsWith('widget.')).map((c) => [c.id, c.text]));
    expect(generated).to.deep.equal(expected);
  });
});
