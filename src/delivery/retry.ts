import { sendOnce, type OutgoingRequest, type TryResult } from './send.js';

export const BACKOFF_BASE_MS = 1000;
export const BACKOFF_CAP_MS = 8000;
/** A Retry-After longer than this is not waited for with the patient watching. */
export const MAX_RETRY_AFTER_MS = 60_000;

/**
 * Exponential backoff with full jitter: before retry n (0-based), a random wait between 0 and
 * min(cap, base * 2^n). Randomness spreads out the widgets that all failed at the same moment
 * (a clinic's server restarting), so they do not all come back at once.
 */
export function backoffDelay(retry: number, random: () => number = Math.random): number {
  return Math.floor(random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** retry));
}

/** Worth trying again: the request may not have arrived, or the server asked us to wait. */
export function isRetryable(result: TryResult): boolean {
  if (result.ok) return false;
  if (result.reason === 'network' || result.reason === 'timeout') return true;
  return result.reason === 'http' && (result.status === 429 || (result.status ?? 0) >= 500);
}

export interface RetryOptions {
  /** At most this many tries in all (the `retries` setting). */
  tries: number;
  timeoutMs: number;
  /** Called before each try, with its number from 1. */
  onTry?: (n: number) => void;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export type RetryResult = TryResult & { tries: number };

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Sends the same request (same body, same Idempotency-Key) until it is received, a try fails
 * in a way retrying cannot fix (a 4xx other than 429, a redirect), the tries run out, or the
 * browser goes offline (the caller then keeps it in the outbox). Retry-After is honoured.
 */
export async function sendWithRetries(request: OutgoingRequest, options: RetryOptions): Promise<RetryResult> {
  const sleep = options.sleep ?? wait;
  for (let n = 1; ; n++) {
    options.onTry?.(n);
    const result = await sendOnce(request, options.timeoutMs);
    if (!isRetryable(result) || n >= options.tries || navigator.onLine === false) return { ...result, tries: n };
    const delay = result.ok ? 0 : (result.retryAfterMs ?? backoffDelay(n - 1, options.random));
    if (delay > MAX_RETRY_AFTER_MS) return { ...result, tries: n };
    await sleep(delay);
  }
}
