import type { Inquiry } from '../schema/inquiry.js';
import type { FailureReason } from '../events.js';

// Browsers refuse keepalive requests over 64 KiB; leave room for headers and multibyte text.
const KEEPALIVE_LIMIT = 16_000;

export type DeliveryResult = { ok: true; status: number } | { ok: false; reason: Exclude<FailureReason, 'invalid'>; status?: number };

/**
 * One attempt to hand an inquiry to the clinic's endpoint. The Idempotency-Key is the
 * inquiry id, so a retry after a lost response cannot create a second inquiry; the offline
 * queue and automatic retries planned next will call this same function.
 */
export async function deliver(endpoint: string, inquiry: Inquiry, timeoutMs: number): Promise<DeliveryResult> {
  const body = JSON.stringify(inquiry);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': inquiry.id },
      body,
      signal: controller.signal,
      credentials: 'omit',
      // Lets the request finish if the patient leaves the page right after tapping send.
      keepalive: body.length < KEEPALIVE_LIMIT,
    });
    return response.ok ? { ok: true, status: response.status } : { ok: false, reason: 'http', status: response.status };
  } catch {
    return { ok: false, reason: controller.signal.aborted ? 'timeout' : 'network' };
  } finally {
    clearTimeout(timer);
  }
}
