import { expect } from '@open-wc/testing';
import { ourLocale, pickLocale } from '../src/localization.js';
import { localeLoaders } from '../src/chunks.js';
import { targetLocales } from '../src/generated/locale-codes.js';

describe('choosing the language', () => {
  it('uses the setting when there is one', () => {
    expect(pickLocale('en', 'ko', ['ja'])).to.equal('en');
    expect(pickLocale('ko', 'en-US', ['en'])).to.equal('ko');
    expect(pickLocale('zh', null, [])).to.equal('zh');
  });

  it('follows the page language when it is one we speak, by its primary subtag', () => {
    expect(pickLocale(undefined, 'en-GB', ['ko'])).to.equal('en');
    expect(pickLocale(undefined, 'ko-KR', ['en'])).to.equal('ko');
    expect(pickLocale(undefined, 'ja', ['en'])).to.equal('ja');
    expect(pickLocale(undefined, 'JA-jp', [])).to.equal('ja');
    for (const zh of ['zh', 'zh-CN', 'zh-Hans', 'zh-Hans-CN', 'zh-TW', 'zh_CN']) expect(pickLocale(undefined, zh, ['en']), zh).to.equal('zh');
  });

  it('reads a language tag as one of ours in any case, by its primary subtag; another language or a non-string is none', () => {
    for (const [tag, expected] of [
      ['EN', 'en'],
      ['Ko', 'ko'],
      ['ja-JP', 'ja'],
      ['ZH-hans-CN', 'zh'],
      ['zh_TW', 'zh'],
      [' en ', 'en'],
      ['fr', undefined],
      ['FR-fr', undefined],
      ['english', undefined],
      ['', undefined],
      [undefined, undefined],
      [7, undefined],
    ] as const) {
      expect(ourLocale(tag), String(tag)).to.equal(expected);
    }
  });

  it("asks the browser's languages, first one we have, when the page has no lang or one we do not speak", () => {
    expect(pickLocale(undefined, null, ['ja-JP', 'en-US'])).to.equal('ja');
    expect(pickLocale(undefined, '', ['fr-FR', 'zh-CN', 'en'])).to.equal('zh');
    expect(pickLocale(undefined, 'fr', ['de', 'en-US'])).to.equal('en');
    expect(pickLocale(undefined, '  ', ['ko-KR'])).to.equal('ko');
  });

  it('falls back to Korean when neither the page nor the browser speaks one of ours', () => {
    expect(pickLocale(undefined, null, [])).to.equal('ko');
    expect(pickLocale(undefined, 'fr', ['de', 'vi'])).to.equal('ko');
  });

  it("reads the browser's languages from navigator.languages by default", () => {
    const first = navigator.languages.map((l) => l.split('-')[0]).find((l) => ['ko', 'en', 'ja', 'zh'].includes(l)) ?? 'ko';
    expect(pickLocale(undefined, null)).to.equal(first);
  });
});

describe('the texts of each language, split by namespace (npm run localize:build)', () => {
  for (const locale of targetLocales) {
    it(`${locale}: widget.* with the buttons, every other namespace with the dialog, none in both`, async () => {
      const buttons = (await localeLoaders[locale].buttons()).templates as Record<string, unknown>;
      const dialog = (await localeLoaders[locale].dialog()).templates as Record<string, unknown>;
      expect(Object.keys(buttons).length).to.be.greaterThan(5);
      expect(Object.keys(buttons).filter((id) => !id.startsWith('widget.')), 'only widget.* in the buttons’ module').to.deep.equal([]);
      expect(Object.keys(dialog).filter((id) => id.startsWith('widget.')), 'no widget.* in the dialog’s module').to.deep.equal([]);
      expect(Object.keys(dialog).length).to.be.greaterThan(50);
    });
  }
});
