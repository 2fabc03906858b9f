import { expect } from '@open-wc/testing';
import { pickLocale } from '../src/localization.js';

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

describe('English texts', () => {
  it('loads the buttons\' texts with the buttons, kept in sync with the full set (npm run localize:build)', async () => {
    const all = (await import('../src/generated/locales/en.js')).templates as Record<string, unknown>;
    const buttons = (await import('../src/generated/locales/en.widget.js')).templates as Record<string, unknown>;
    const expected = Object.fromEntries(Object.entries(all).filter(([id]) => id.startsWith('widget.')));
    expect(buttons).to.deep.equal(expected);
    expect(Object.keys(buttons).length).to.be.greaterThan(5);
  });
});
