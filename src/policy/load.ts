import { hasText, sanitizeHtml } from './sanitize.js';

/** Fewer characters than this is not a policy (an empty shell of a client-rendered page, a "Loading…"). */
export const MIN_POLICY_TEXT = 20;

/**
 * Fetches a policy page; HTML is sanitized, anything else is shown as plain text. Throws when
 * the page cannot be fetched or nothing usable comes out of it: the dialog then offers a link
 * that opens the page itself.
 */
export async function loadPolicy(url: string): Promise<HTMLElement | string> {
  // Against the page's address, not document.baseURI: a <base> in a review must not choose the notice patients agree to.
  const response = await fetch(new URL(url, location.href), { credentials: 'omit' });
  if (!response.ok) throw new Error(`policy ${url} answered ${response.status}`);
  const body = await response.text();
  const type = response.headers.get('content-type') ?? '';
  const content = /html/i.test(type) || /^\s*</.test(body) ? sanitizeHtml(body, response.url || new URL(url, location.href).href) : body;
  if (!hasText(content, MIN_POLICY_TEXT)) throw new Error(`policy ${url} has no text we can show`);
  return content;
}
