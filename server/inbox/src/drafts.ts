/**
 * Notes being typed, kept for this tab so that a session that ends mid-note loses nothing: one
 * per inquiry, in sessionStorage only (never localStorage: a note is about a patient, and the
 * tab's storage goes with the tab), removed once the note is sent and all of them on logout.
 */
const PREFIX = 'inbox.noteDraft.';

/** Whose draft: a colleague who logs in on the same front-desk browser does not find it (and sign it). */
export interface Writer {
  siteId: string;
  email: string;
}

const keyOf = ({ siteId, email }: Writer, inquiryId: string) => `${PREFIX}${siteId}/${email}/${inquiryId}`;

export function readDraft(writer: Writer, inquiryId: string): string {
  try {
    return sessionStorage.getItem(keyOf(writer, inquiryId)) ?? '';
  } catch {
    return '';
  }
}

/** Keeps the draft; an empty one is removed. */
export function saveDraft(writer: Writer, inquiryId: string, text: string): void {
  try {
    if (text.trim()) sessionStorage.setItem(keyOf(writer, inquiryId), text);
    else sessionStorage.removeItem(keyOf(writer, inquiryId));
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
