/**
 * A per-browser limit on new inquiries: at most MAX_SENDS in WINDOW_MS. It keeps a stuck
 * finger or a script on the page from flooding a clinic's inbox; the receiver has its own
 * limit (429). Tries of the same inquiry do not count. Kept in localStorage, so reloading
 * the page does not reset it; without localStorage there is no limit here.
 */
export const MAX_SENDS = 5;
export const WINDOW_MS = 10 * 60 * 1000;
const KEY = 'consult-widget:sends';

function read(now: number): number[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((t): t is number => typeof t === 'number' && now - t >= 0 && now - t < WINDOW_MS) : [];
  } catch {
    return [];
  }
}

/** Records a new inquiry and answers true, or answers false when the limit is reached. */
export function takeSendSlot(now = Date.now()): boolean {
  const sends = read(now);
  if (sends.length >= MAX_SENDS) return false;
  try {
    localStorage.setItem(KEY, JSON.stringify([...sends, now]));
  } catch {
    // no storage, no limit
  }
  return true;
}
