/**
 * One try at handing an inquiry to the clinic's endpoint, and what came of it. No retries
 * here (retry.ts), no storage (outbox.ts): a small unit tests can drive with real requests.
 */
// Not imported from the payload schema: that would bring zod into the outbox's chunk.
const MAX_BODY = 16 * 1024;

export interface OutgoingRequest {
  endpoint: string;
  /**
   * The inquiry id, sent as Idempotency-Key with JSON: a receiver stores one inquiry per key.
   * A form body carries it as its `id` field only: any header beyond Content-Type would cost
   * the form format the CORS preflight it exists to avoid.
   */
  id: string;
  body: string;
  contentType: string;
}

export type FailedTry = {
  ok: false;
  reason: 'network' | 'timeout' | 'http' | 'redirect';
  status?: number;
  /** From Retry-After, when the endpoint sent one (and exposed it to CORS). */
  retryAfterMs?: number;
};
export type TryResult = { ok: true; status: number } | FailedTry;

/**
 * POSTs once. Redirects are never followed: fetch would turn a POST answered with 301, 302
 * or 303 into a GET and the inquiry would be lost while the patient saw success; a redirect
 * is reported instead, and the console says which URL to configure. Every try has its own
 * timeout.
 */
export async function sendOnce(request: OutgoingRequest, timeoutMs: number): Promise<TryResult> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    // Against the page's address, not document.baseURI: a <base> pointing elsewhere (a CDN, an
    // injected tag) must not take a path endpoint, or one queued on another page, off the site.
    const response = await fetch(new URL(request.endpoint, location.href), {
      method: 'POST',
      headers: request.contentType === 'application/json' ? { 'Content-Type': request.contentType, 'Idempotency-Key': request.id } : { 'Content-Type': request.contentType },
      body: request.body,
      signal: controller.signal,
      credentials: 'omit',
      redirect: 'manual',
      // Lets the request finish if the patient leaves the page right after tapping send
      // (browsers allow keepalive bodies up to 64 KiB; ours stay under 16 KiB).
      keepalive: request.body.length <= MAX_BODY,
    });
    if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
      void reportRedirect(request.endpoint);
      return { ok: false, reason: 'redirect', status: response.status || undefined };
    }
    if (response.ok) {
      // A whole web page is what a CMS or a single-page site answers for any path it does not know
      // (data-endpoint="/api/inquiry" on such a site): nothing was received there, whatever the
      // status. A back-end's short "ok" is text/html too in PHP, Express or Flask: that one counts.
      // (Form back-ends may answer a form post with a page.)
      if (request.contentType === 'application/json' && /html/i.test(response.headers.get('Content-Type') ?? '') && /^\s*<(?:!doctype|html)/i.test(await response.text().catch(() => ''))) {
        console.error(`[consult-widget] ${response.url} answered with a web page, not a receipt: nothing was received. Check "endpoint".`);
        return { ok: false, reason: 'http', status: response.status };
      }
      return { ok: true, status: response.status };
    }
    // The receiver knows no such site (404), or not this page (403): settings only the agency can fix.
    if (response.status === 403 || response.status === 404) {
      console.error(`[consult-widget] ${response.url} answered ${response.status}: check the site id in "endpoint", and that the receiver lists ${location.origin}.`);
    }
    const retryAfterMs = parseRetryAfter(response.headers.get('Retry-After'));
    return { ok: false, reason: 'http', status: response.status, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
  } catch {
    return { ok: false, reason: controller.signal.aborted ? 'timeout' : 'network' };
  } finally {
    clearTimeout(timer);
  }
}

/** Retry-After as milliseconds: a number of seconds, or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const text = value.trim();
  if (/^\d{1,9}$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Tells the agency where the endpoint redirects, so they can configure that URL. A GET
 * without the inquiry finds the final address when the servers allow it (CORS); otherwise
 * the message says what usually differs.
 */
async function reportRedirect(endpoint: string): Promise<void> {
  let target = '';
  try {
    const response = await fetch(endpoint, { method: 'GET', credentials: 'omit', cache: 'no-store' });
    if (response.redirected) target = response.url;
  } catch {
    // the message below still names the endpoint
  }
  const absolute = new URL(endpoint, location.href).href;
  console.error(
    target
      ? `[consult-widget] The endpoint ${absolute} redirects to ${target}; inquiries are never sent through a redirect. Set "endpoint" to ${target}.`
      : `[consult-widget] The endpoint ${absolute} answers with a redirect; inquiries are never sent through a redirect. Set "endpoint" to the address it redirects to (often https:// instead of http://, or with or without www).`,
  );
}

/**
 * Tries that never got an answer from another origin's endpoint, while the browser says it is
 * online: an outage, or settings that keep the browser from ever sending (the endpoint refuses
 * this page's CORS preflight: a wrong path, a redirect to https:// or www; or the page's
 * Content-Security-Policy leaves the endpoint out of connect-src). The patient is told it is kept
 * and will be sent; the agency learns here, from the console, when no retry will get past it.
 */
export async function explainUnreachable(endpoint: string): Promise<void> {
  const url = new URL(endpoint, location.href);
  if (url.origin === location.origin) return;
  let blockedByCsp = false;
  const onViolation = (event: SecurityPolicyViolationEvent) => {
    if (event.blockedURI.startsWith(url.origin)) blockedByCsp = true;
  };
  document.addEventListener('securitypolicyviolation', onViolation);
  const probe = (mode: RequestMode, redirect: RequestRedirect) => fetch(url, { method: 'HEAD', mode, redirect, credentials: 'omit', cache: 'no-store' });
  try {
    // Any answer to a request that needs no leave of the server's: it is up.
    await probe('no-cors', 'follow');
  } catch {
    // The violation is reported in a task of its own, after the fetch has failed.
    await new Promise((resolve) => setTimeout(resolve));
    if (blockedByCsp) console.error(`[consult-widget] This page's Content-Security-Policy blocks ${url.origin}: add it to connect-src.`);
    return;
  } finally {
    document.removeEventListener('securitypolicyviolation', onViolation);
  }
  try {
    // Allowed to read its answer from here: CORS is not it, the connection was (a receiver does
    // answer CORS on its inquiries' address, whatever the method). A redirect is said as such.
    if ((await probe('cors', 'manual')).type === 'opaqueredirect') await reportRedirect(endpoint);
  } catch {
    console.error(
      `[consult-widget] ${url.href} is reachable but refuses this page's CORS preflight (a wrong path or site id, a redirect to https:// or www, this origin not allowed, or a proxy's error page). Inquiries wait in the browser for 24 hours; check "endpoint".`,
    );
  }
}
