import type { FieldConfig } from '../../config/schema.js';
import type { ResolvedForm } from '../../config/forms.js';
import { isPhoneNumber } from '../../schema/phone.js';
import type { FieldValue } from '../../schema/inquiry.js';
import { errorTexts, inSentence } from './texts.js';

export const DEFAULT_MAX_LENGTH = 1000;

/**
 * The first problem with one field's value, in the patient's language: required, then too
 * long (after trimming), then not a phone number (Korean, or international with +). Plain checks rather than a schema
 * library keep the dialog's download small.
 */
function fieldError(field: FieldConfig, value: FieldValue | undefined): string | undefined {
  if (field.kind === 'checkbox') return field.required && value !== true ? errorTexts.check() : undefined;
  const text = typeof value === 'string' ? value.trim() : '';
  if (field.required && text === '') return field.kind === 'select' || field.kind === 'radio' ? errorTexts.choose(inSentence(field)) : errorTexts.required(inSentence(field));
  const max = field.maxLength ?? DEFAULT_MAX_LENGTH;
  if (text.length > max) return errorTexts.tooLong(max);
  // The payload schema checks any field named "phone", so the form must too, whatever its kind.
  if ((field.kind === 'tel' || field.name === 'phone') && text !== '' && !isPhoneNumber(text)) return errorTexts.phone();
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
    const message = fieldError(field, values[field.name]);
    if (message) errors[field.name] = message;
  }
  return errors;
}

/**
 * The form's sensitive fields (PIPA Art. 23) that hold something to send: text that is not
 * blank, a chosen option, a ticked box. Their consent is needed exactly when there is one.
 */
export function filledSensitive(form: ResolvedForm, values: Record<string, FieldValue>): FieldConfig[] {
  return form.fields.filter((f) => {
    const value = values[f.name];
    return f.sensitive && (value === true || (typeof value === 'string' && value.trim() !== ''));
  });
}
