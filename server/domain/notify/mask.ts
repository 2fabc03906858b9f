/**
 * Masked names and phone numbers for notifications: enough for staff to recognise whom to
 * call back once they open the inbox, not enough to identify a patient from a forwarded email
 * or a chat channel.
 */
import { normalizePhone } from '../../../src/schema/phone.js';

/** Hangul, or other CJK ideographs: names written without spaces, masked letter by letter. */
const EAST_ASIAN = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af\u4e00-\u9fff]/u;

/**
 * 홍길동 → 홍*동, 남궁민수 → 남**수, 홍길 → 홍*, 홍 → *; John Smith → J*** S****.
 * A one-letter name (or word) is the whole of it, so nothing of it is shown.
 */
export function maskName(input: string): string {
  const name = input.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (!name) return '';
  if (EAST_ASIAN.test(name)) {
    const letters = [...name.replace(/\s/g, '')];
    if (letters.length === 1) return '*';
    if (letters.length === 2) return `${letters[0]}*`;
    return `${letters[0]}${'*'.repeat(letters.length - 2)}${letters[letters.length - 1]}`;
  }
  // Latin and other scripts: the initial of each word, so "J*** S****" still reads as a name.
  return name
    .split(' ')
    .map((word) => {
      const letters = [...word];
      return letters.length === 1 ? '*' : `${letters[0]}${'*'.repeat(letters.length - 1)}`;
    })
    .join(' ');
}

/** How long the area or carrier prefix is: 02 (Seoul) 2 digits, 050x 4, the rest 3. */
function prefixLength(digits: string): number {
  if (digits.startsWith('02')) return 2;
  if (digits.startsWith('050')) return 4;
  return 3;
}

/**
 * Country codes (ITU-T E.164) are prefix-free: these are the one- and two-digit ones; every
 * other code has three digits.
 */
const SHORT_COUNTRY_CODES = new Set(
  '1 7 20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 60 61 62 63 64 65 66 81 82 84 86 90 91 92 93 94 95 98'.split(' '),
);

/** The country code an international number starts with (its digits, without the +). */
export function countryCode(digits: string): string {
  return SHORT_COUNTRY_CODES.has(digits.slice(0, 1)) ? digits.slice(0, 1) : SHORT_COUNTRY_CODES.has(digits.slice(0, 2)) ? digits.slice(0, 2) : digits.slice(0, 3);
}

/**
 * 010-1234-5678 (in any form the widget accepts) → 010-****-5678; 02-123-4567 → 02-***-4567.
 * The prefix and the last four digits stay, as on a Korean receipt; the middle is hidden.
 * A foreign number keeps its country code, so staff know to call abroad, and its last four
 * digits: +81 90-1234-5678 → +81 ******5678. Anything else shows only its last four digits.
 */
export function maskPhone(input: string): string {
  const normalized = normalizePhone(input.trim());
  const digits = normalized.replace(/\D/g, '');
  if (!digits) return '';
  if (normalized.startsWith('+') && digits.length >= 7) {
    const code = countryCode(digits);
    const number = digits.slice(code.length);
    return `+${code} ${number.length < 7 ? '*'.repeat(number.length) : `${'*'.repeat(number.length - 4)}${number.slice(-4)}`}`;
  }
  if (digits.length < 8) return '*'.repeat(digits.length);
  const prefix = prefixLength(digits);
  const middle = digits.length - prefix - 4;
  if (digits.startsWith('0') && middle >= 3 && middle <= 4) {
    return `${digits.slice(0, prefix)}-${'*'.repeat(middle)}-${digits.slice(-4)}`;
  }
  return `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}`;
}
