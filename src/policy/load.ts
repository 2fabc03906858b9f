import { sanitizeHtml } from './sanitize.js';

/** Fetches a policy page; HTML is sanitized, anything else is shown as plain text. */
export async function loadPolicy(url: string): Promise<HTMLElement | string> {
  const response = await fetch(url, { credentials: 'omit' });
  if (!response.ok) throw new Error(`policy ${url} answered ${response.status}`);
  const body = await response.text();
  const type = response.headers.get('content-type') ?? '';
  return /html/i.test(type) || /^\s*</.test(body) ? sanitizeHtml(body, response.url || new URL(url, location.href).href) : body;
}
