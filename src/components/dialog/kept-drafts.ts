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

export function keepValues(form: ResolvedForm, values: Record<string, FieldValue>): void {
  try {
    sessionStorage.setItem(key(form.id), JSON.stringify(Object.fromEntries(keepable(form).map((f) => [f.name, values[f.name]]))));
  } catch {
    // storage off or full: the draft lives as long as the page, as before
  }
}

export function forgetValues(formId: string): void {
  try {
    sessionStorage.removeItem(key(formId));
  } catch {
    // nothing was kept
  }
}
