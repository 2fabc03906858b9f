import { expect } from '@open-wc/testing';
import { isKoreanPhone, normalizePhone } from '../../src/schema/phone.js';
import { telHref } from '../../src/util/tel.js';

describe('Korean phone numbers', () => {
  const valid = ['010-1234-5678', '01012345678', '010 1234 5678', '010.1234.5678', '+82 10-1234-5678', '+821012345678', '011-123-4567', '02-123-4567', '02-1234-5678', '031-123-4567', '064-712-3456', '070-1234-5678', '(02) 123-4567'];
  const invalid = ['', '010-1234', '010-1234-56789', '1234-5678', '1833-7488', '080-123-4567', '+1 415 555 0100', '010-abcd-5678', '02-12-345', 'hello'];

  for (const n of valid) it(`accepts ${n}`, () => expect(isKoreanPhone(n)).to.be.true);
  for (const n of invalid) it(`refuses ${JSON.stringify(n)}`, () => expect(isKoreanPhone(n)).to.be.false);

  it('normalizes the international prefix to a domestic number', () => {
    expect(normalizePhone('+82 10-1234-5678')).to.equal('01012345678');
    expect(normalizePhone('+82 (0)10 1234 5678')).to.equal('01012345678');
  });

  it('makes tel: links of display numbers', () => {
    expect(telHref('1833-7488')).to.equal('tel:18337488');
    expect(telHref('+82 2-123-4567')).to.equal('tel:+8221234567');
  });
});
