import { expect } from '@open-wc/testing';
import { isInternationalPhone, isKoreanPhone, isPhoneNumber, normalizePhone } from '../../src/schema/phone.js';
import { InquirySchema } from '../../src/schema/inquiry.js';
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
    expect(telHref('+81 90-1234-5678')).to.equal('tel:+819012345678');
  });
});

describe('international phone numbers (foreign visitors)', () => {
  const valid = ['+81 90-1234-5678', '+819012345678', '+86 138 0013 8000', '+1 (415) 555-0100', '+44 20 7946 0958', '+44 (0)20 7946 0958', '+852 5123-4567', '+33 6 12 34 56 78', '+683 4002', '+86 138.0013.8000'];
  const invalid = ['+81 12', '+0 90 1234 5678', '+81 90 1234 5678 9012 34', '81 90-1234-5678', '0081 90 1234 5678', '+81-90-abcd-5678', '++81 90 1234 5678', '+81 90 1234 5678 +1', '+82 10-1234', '+82 99 1234 5678'];

  for (const n of valid) it(`accepts ${n}`, () => expect(isInternationalPhone(n) && isPhoneNumber(n)).to.be.true);
  for (const n of invalid) it(`refuses ${JSON.stringify(n)}`, () => expect(isPhoneNumber(n)).to.be.false);

  it('reads full-width digits and signs as Japanese and Chinese keyboards type them, and the trunk (0)', () => {
    for (const [typed, digits] of [
      ['＋８１ ９０－１２３４－５６７８', '+819012345678'],
      ['+81 90ー1234ー5678', '+819012345678'],
      ['+81 (0)90-1234-5678', '+819012345678'],
      ['０１０－１２３４－５６７８', '01012345678'],
    ]) {
      expect(isPhoneNumber(typed), typed).to.be.true;
      expect(normalizePhone(typed), typed).to.equal(digits);
    }
  });

  it('knows the digits of the plans patients most often come from (+1, +81, +86, +44)', () => {
    for (const n of ['+1 000 0000', '+1 010-1234-5678', '+1 212 555 01234', '+81 90 1234 56789', '+86 138 0013 80001', '+44 20 7946 09581']) expect(isPhoneNumber(n), n).to.be.false;
    for (const n of ['+1 212-555-0123', '+81 3-1234-5678', '+86 10 1234 5678']) expect(isPhoneNumber(n), n).to.be.true;
  });

  it('leaves +82 numbers to the Korean check: a +82 number is never "international"', () => {
    expect(isInternationalPhone('+82 10-1234-5678')).to.be.false;
    expect(isPhoneNumber('+82 10-1234-5678')).to.be.true;
    expect(isPhoneNumber('+82 1234 5678 90')).to.be.false;
  });

  it('is what the payload schema accepts in fields.phone, which receivers share', () => {
    const base = {
      id: 'abcdefgh1',
      form: 'cost',
      consent: { privacy: true, policyVersion: 'v1', agreedAt: '2026-11-25T10:00:00.000Z' },
      page: { url: 'https://clinic.example/', referrer: '', title: '' },
      locale: 'ja',
      submittedAt: '2026-11-25T10:00:05.000Z',
    };
    for (const phone of ['+81 90-1234-5678', '010-1234-5678', '']) expect(InquirySchema.safeParse({ ...base, fields: { phone } }).success, phone).to.be.true;
    for (const phone of ['+81 12', '1833-7488']) expect(InquirySchema.safeParse({ ...base, fields: { phone } }).success, phone).to.be.false;
  });
});
