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
