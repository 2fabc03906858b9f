/**
 * Notes being typed, kept for this tab so that a session that ends mid-note loses nothing: one
 * per inquiry, in sessionStorage only (never localStorage: a note is about a patient, and the
 * tab's storage goes with the tab), removed once the note is sent and all of them on logout.
 */
const PREFIX = 'inbox.noteDraft.';

const keyOf = (siteId: string, inquiryId: string) => `${PREFIX}${siteId}/${inquiryId}`;

export function readDraft(siteId: string, inquiryId: string): string {
  try {
    return sessionStorage.getItem(keyOf(siteId, inquiryId)) ?? '';
  } catch {
    return '';
  }
}

/** Keeps the draft; an empty one is removed. */
export function saveDraft(siteId: string, inquiryId: string, text: string): void {
  try {
    if (text.trim()) sessionStorage.setItem(keyOf(siteId, inquiryId), text);
    else sessionStorage.removeItem(keyOf(siteId, inquiryId));
  } catch {
    // Storage off or full: the note is only in the text box, as before.
  }
}

export function clearDrafts(): void {
  try {
    for (const key of Object.keys(sessionStorage)) if (key.startsWith(PREFIX)) sessionStorage.removeItem(key);
  } catch {
    // Nothing was kept.
  }
}
