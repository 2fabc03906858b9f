/**
 * Phone numbers as patients type them. Korean numbers, checked exactly: 010-1234-5678,
 * 01012345678, 010 1234 5678, +82 10-1234-5678, 02-123-4567, 031-123-4567, 070-1234-5678.
 * A foreign visitor's number in international form: a +, the country code and the number,
 * grouped with spaces, hyphens, dots or brackets as people write them (+81 90-1234-5678,
 * +86 138 0013 8000, +44 (0)20 7946 0958), at most 15 digits as E.164 allows.
 * Clinics call back, so a number that cannot be dialled is worth stopping at the form.
 */
const KOREAN_PHONE = /^(?:01[016789]\d{7,8}|02\d{7,8}|0[3-6][1-5]\d{7,8}|070\d{8}|050\d{8,9})$/;
/** A country code never starts with 0; the shortest numbers (small islands) have 7 digits with it. */
const INTERNATIONAL = /^\+[1-9]\d{6,14}$/;
const SEPARATORS = /[\s\-.()]/g;
const TYPED = /^\+?[\d\s\-.()]+$/;

/** Digits only, with an international +82 prefix turned into the domestic leading 0; other countries keep their +. */
export function normalizePhone(input: string): string {
  const compact = input.replace(SEPARATORS, '');
  const domestic = compact.replace(/^(?:\+|00)82/, '0').replace(/^00?(?=0)/, '');
  return domestic;
}

export function isKoreanPhone(input: string): boolean {
  const compact = input.trim();
  if (!TYPED.test(compact)) return false;
  return KOREAN_PHONE.test(normalizePhone(compact));
}

/** A number with another country's code (+81 …, +86 …); +82 numbers are Korean and checked as such. */
export function isInternationalPhone(input: string): boolean {
  const compact = input.trim();
  if (!TYPED.test(compact)) return false;
  const digits = compact.replace(SEPARATORS, '');
  return !digits.startsWith('+82') && INTERNATIONAL.test(digits);
}

/** What inquiry forms accept: a Korean number, or an international one from abroad. */
export function isPhoneNumber(input: string): boolean {
  return isKoreanPhone(input) || isInternationalPhone(input);
}
