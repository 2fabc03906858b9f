/**
 * Korean phone numbers as patients type them: 010-1234-5678, 01012345678,
 * 010 1234 5678, +82 10-1234-5678, 02-123-4567, 031-123-4567, 070-1234-5678.
 * Clinics call back, so a number that cannot be dialled is worth stopping at the form.
 */
const KOREAN_PHONE = /^(?:01[016789]\d{7,8}|02\d{7,8}|0[3-6][1-5]\d{7,8}|070\d{8}|050\d{8,9})$/;

/** Digits only, with an international +82 prefix turned into the domestic leading 0. */
export function normalizePhone(input: string): string {
  const compact = input.replace(/[\s\-.()]/g, '');
  const domestic = compact.replace(/^(?:\+|00)82/, '0').replace(/^00?(?=0)/, '');
  return domestic;
}

export function isKoreanPhone(input: string): boolean {
  const compact = input.trim();
  if (!/^\+?[\d\s\-.()]+$/.test(compact)) return false;
  return KOREAN_PHONE.test(normalizePhone(compact));
}
