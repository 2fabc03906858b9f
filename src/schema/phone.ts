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
/**
 * How many digits follow the country code where we know the plan, so that a number with a
 * digit too many or too few is caught at the form, not by the clinic calling it.
 */
const NATIONAL_DIGITS: ReadonlyArray<[code: string, pattern: RegExp]> = [
  ['1', /^[2-9]\d{9}$/], // USA, Canada: area code, then 7 digits
  ['81', /^[1-9]\d{8,9}$/], // Japan
  ['86', /^[1-9]\d{8,10}$/], // China: 11-digit mobiles, shorter landlines
  ['44', /^[1-9]\d{8,9}$/], // UK
];

/**
 * The number as typed, in plain ASCII: full-width digits and signs (＋８１ ９０－…, as Japanese
 * and Chinese input methods type them) and other dashes become their ASCII forms, and the
 * optional trunk "(0)" people write after a country code (+44 (0)20 …) is dropped, so that one
 * number is stored under one key however it was written. Invisible format characters go too:
 * a number copied from a phone's contacts carries direction marks ("\u202a010-1234-5678\u202c"
 * from an iPhone), which the patient cannot see and so could never remove.
 */
function plain(input: string): string {
  return input
    .replace(/\p{Cf}/gu, '')
    .normalize('NFKC')
    .replace(/[\u2010-\u2015\u2212\u30fc\uff70]/g, '-')
    .replace(/\(\s*0\s*\)/g, '')
    .trim();
}

/** Digits only, with an international +82 prefix turned into the domestic leading 0; other countries keep their +. */
export function normalizePhone(input: string): string {
  const compact = plain(input).replace(SEPARATORS, '');
  const domestic = compact.replace(/^(?:\+|00)82/, '0').replace(/^00?(?=0)/, '');
  return domestic;
}

export function isKoreanPhone(input: string): boolean {
  const compact = plain(input);
  if (!TYPED.test(compact)) return false;
  return KOREAN_PHONE.test(normalizePhone(compact));
}

/** A number with another country's code (+81 …, +86 …); +82 numbers are Korean and checked as such. */
export function isInternationalPhone(input: string): boolean {
  const compact = plain(input);
  if (!TYPED.test(compact)) return false;
  const digits = compact.replace(SEPARATORS, '');
  if (digits.startsWith('+82') || !INTERNATIONAL.test(digits)) return false;
  const known = NATIONAL_DIGITS.find(([code]) => digits.startsWith(`+${code}`));
  return !known || known[1].test(digits.slice(known[0].length + 1));
}

/** What inquiry forms accept: a Korean number, or an international one from abroad. */
export function isPhoneNumber(input: string): boolean {
  return isKoreanPhone(input) || isInternationalPhone(input);
}
