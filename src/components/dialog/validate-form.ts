import type { FieldConfig } from '../../config/schema.js';
import type { ResolvedForm } from '../../config/forms.js';
import { isKoreanPhone } from '../../schema/phone.js';
import type { FieldValue } from '../../schema/inquiry.js';
import { errorTexts } from './texts.js';

export const DEFAULT_MAX_LENGTH = 1000;

/** The first message for one field's value, or undefined when it is fine. */
function check(field: FieldConfig, value: FieldValue | undefined): string | undefined {
  if (field.kind === 'checkbox') {
    if (field.required ? value !== true : value !== undefined && typeof value !== 'boolean') return errorTexts.required();
    return undefined;
  }
  const chosen = field.kind === 'select' || field.kind === 'radio';
  if (typeof value !== 'string') return chosen ? errorTexts.choose() : errorTexts.required();
  const v = value.trim();
  if (field.required && v.length === 0) return chosen ? errorTexts.choose() : errorTexts.required();
  const max = field.maxLength ?? DEFAULT_MAX_LENGTH;
  if (v.length > max) return errorTexts.tooLong(max);
  // The payload schema checks any field named "phone", so the form must too, whatever its kind.
  if ((field.kind === 'tel' || field.name === 'phone') && v !== '' && !isKoreanPhone(v)) return errorTexts.phone();
  return undefined;
}

/**
 * Checks what the patient typed against the form's configuration, with messages in the
 * patient's language. Returns the first message per field, in the order fields appear.
 */
export function validateFields(form: ResolvedForm, values: Record<string, FieldValue>): Record<string, string> {
  // Prototype-less, so a field named "constructor" gets its message like any other.
  const errors = Object.create(null) as Record<string, string>;
  for (const field of form.fields) {
    const message = check(field, Object.prototype.hasOwnProperty.call(values, field.name) ? values[field.name] : undefined);
    if (message !== undefined) errors[field.name] ??= message;
  }
  return errors;
}
