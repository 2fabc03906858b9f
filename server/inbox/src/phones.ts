/**
 * Tap-to-call: staff call patients back from their phones. A number is recognised as the
 * receiver recognises it (src/schema/phone.ts, the same rules server/domain/phones.ts finds and
 * deletes by), shown as the patient typed it, and dialled from its digits.
 */
import { html } from 'lit';
import { isPhoneNumber, normalizePhone } from '../../../src/schema/phone.js';

export { isPhoneNumber };

/** tel: and the number's digits, with a leading + for one abroad (+82 10… dials as 010…). */
export function telHref(phone: string): string {
  const number = normalizePhone(phone);
  return `tel:${number.startsWith('+') ? '+' : ''}${number.replace(/\D/g, '')}`;
}

/** The number as stored, as a link that calls it. */
export const phoneLink = (phone: string) => html`<a class="tel" href=${telHref(phone)}>${phone}</a>`;
