import { expect } from '@open-wc/testing';
import { pickLocale } from '../src/localization.js';
import { localeLoaders } from '../src/chunks.js';
import { targetLocales } from '../src/generated/locale-codes.js';

describe('choosing the language', () => {
  it('uses the setting when there is one', () => {
    expect(pickLocale('en', 'ko')).to.equal('en');
    expect(pickLocale('ko', 'en-US')).to.equal('ko');
  });
  it('follows the page language when it is one we speak', () => {
    expect(pickLocale(undefined, 'en-GB')).to.equal('en');
    expect(pickLocale(undefined, 'ko-KR')).to.equal('ko');
  });
  it('defaults to Korean when the page has no lang', () => {
    expect(pickLocale(undefined, null)).to.equal('ko');
    expect(pickLocale(undefined, '')).to.equal('ko');
  });
  it('falls back to English for a page in a language we do not have yet', () => {
    expect(pickLocale(undefined, 'ja')).to.equal('en');
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
