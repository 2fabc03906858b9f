/**
 * The phone numbers an inquiry carries, and the digits it is found and deleted by. A preset
 * form asks for `phone`; a clinic's own form may ask under another name (`mobile`,
 * `guardian-phone`), and a patient asking to be forgotten must be found by that number too.
 */
import { isPhoneNumber, normalizePhone } from '../../src/schema/phone.js';

/** The `phone` field first, then every other field that holds a phone number and nothing else. */
export function phonesOf(fields: Record<string, unknown>): string[] {
  const values = [fields.phone, ...Object.entries(fields).flatMap(([name, value]) => (name === 'phone' ? [] : [value]))];
  return values.filter((value): value is string => typeof value === 'string' && value !== '' && isPhoneNumber(value));
}

/** A number's digits as inquiries store them (+82 10… as 010…); undefined when it is no phone number. */
export function phoneDigits(phone: string): string | undefined {
  if (!isPhoneNumber(phone)) return undefined;
  const digits = normalizePhone(phone).replace(/\D/g, '');
  return digits.length >= 7 ? digits : undefined;
}

/**
 * The digits of every number, each between spaces (" 01012345678 01055556666 "): a search finds
 * part of any one of them, a deletion matches one whole (matchingDigits), and none runs into
 * another.
 */
export function storedDigits(fields: Record<string, unknown>): string {
  const all = [...new Set(phonesOf(fields).map(phoneDigits).filter((d): d is string => !!d))];
  return all.length ? ` ${all.join(' ')} `.slice(0, 200) : '';
}

/** A LIKE pattern for inquiries that carry exactly this number (digits only: nothing to escape). */
export const matchingDigits = (digits: string): string => `% ${digits} %`;
