import type { FieldValue } from '../../schema/inquiry.js';
import type { ResolvedForm } from '../../config/forms.js';

/**
 * What a patient typed, kept for the tab (sessionStorage) until it is sent or saved: phones
 * reload a tab the patient left for a moment (to check the Kakao app, to copy a number), and a
 * form found empty is often a form given up. Only fields that are not sensitive information: what
 * the patient wrote of their health is not written anywhere before they consent to it (PIPA
 * Art. 23), and it is lost on a reload as before. Consents are never kept: they are given anew.
 */
const key = (formId: string) => `consult-widget:draft:${formId}`;
/**
 * When the patient first opened the form of a kept draft. The receiver files an inquiry sent
 * within a second of opening its form as a bot's; a patient who typed, left for the Kakao app
 * and came back to a reloaded tab sends theirs a moment after the form reappears, filled in.
 */
const openedKey = (formId: string) => `consult-widget:opened:${formId}`;

const keepable = (form: ResolvedForm) => form.fields.filter((f) => !f.sensitive);

/** The kept values that still fit the form (a field of the same name and kind of value). */
export function keptValues(form: ResolvedForm): Array<[string, FieldValue]> {
  try {
    const kept: unknown = JSON.parse(sessionStorage.getItem(key(form.id)) ?? '{}');
    if (typeof kept !== 'object' || !kept) return [];
    return keepable(form).flatMap((f): Array<[string, FieldValue]> => {
      const value: unknown = Object.hasOwn(kept, f.name) ? (kept as Record<string, unknown>)[f.name] : undefined;
      return typeof value === (f.kind === 'checkbox' ? 'boolean' : 'string') ? [[f.name, value as FieldValue]] : [];
    });
  } catch {
    return [];
  }
}

/** When the form of the kept draft was first opened (0 when nothing is kept). */
export function keptOpenedAt(form: ResolvedForm): number {
  try {
    const at = Number(sessionStorage.getItem(openedKey(form.id)));
    return at > 0 && at <= Date.now() ? at : 0;
  } catch {
    return 0;
  }
}

export function keepValues(form: ResolvedForm, values: Record<string, FieldValue>, openedAt: number): void {
  try {
    sessionStorage.setItem(key(form.id), JSON.stringify(Object.fromEntries(keepable(form).map((f) => [f.name, values[f.name]]))));
    if (openedAt) sessionStorage.setItem(openedKey(form.id), String(openedAt));
  } catch {
    // storage off or full: the draft lives as long as the page, as before
  }
}

export function forgetValues(formId: string): void {
  try {
    sessionStorage.removeItem(key(formId));
    sessionStorage.removeItem(openedKey(formId));
  } catch {
    // nothing was kept
  }
}
