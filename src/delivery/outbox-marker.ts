/**
 * The one bit of the outbox in the first download: whether anything is waiting, read from a
 * localStorage key the outbox keeps in step with its contents. Pages with nothing waiting
 * (nearly all of them) never download the outbox code.
 */
export const OUTBOX_MARKER = 'consult-widget:outbox';

export function outboxWaiting(): boolean {
  try {
    return !!localStorage.getItem(OUTBOX_MARKER);
  } catch {
    return false;
  }
}
